"""A group is as large as the PEOPLE in it, not its responses (issue 20, round 7 E5 and E16).

An export of a workspace has a row per session: 4 clients with 6 sessions were 6 responses to
the reliability tables (pooled over every dated session, as there is no ``pre``), which then
showed alpha and every statement's mean, and gave each client's answers away, while every
other table said 4 people are too few. Each test failed before its fix.
"""

import numpy as np
import pandas as pd
import pytest

from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.plots import item_means
from workbook.cohort.reliability import cronbach_alpha, keyed_answers
from workbook.cohort.suppression import count_people
from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.reports.cohort_view import cohort_view
from workbook.responses.group_labels import ALL

INST = load_instrument()
ITEMS = list(INST.item_ids)
FIRST, LATER = "2026-11-02", "2026-11-23"


def sessions(people, again, cohort=None, seed=0):
    """Answers of ``people`` on FIRST and of ``again`` of them on LATER too (an export)."""
    rng = np.random.default_rng(seed)
    rows = [(p, FIRST) for p in people] + [(p, LATER) for p in again]
    answers = rng.integers(INST.scale_min, INST.scale_max + 1, size=(len(rows), len(ITEMS)))
    data = pd.DataFrame(answers, columns=ITEMS)
    data.insert(0, schema.PARTICIPANT_ID, [p for p, _ in rows])
    data.insert(1, schema.TIMEPOINT, [d for _, d in rows])
    data.insert(2, schema.DATE, [d for _, d in rows])
    if cohort is not None:
        data.insert(1, schema.COHORT, cohort)
    data[schema.CONVERSATIONS_HELD] = rng.integers(0, 4, size=len(rows))
    return data


def four_clients():
    """The demo's shape: 4 clients, 2 of them twice: 6 responses of 4 people."""
    return sessions(["c1", "c2", "c3", "c4"], ["c1", "c3"])


def test_count_people():
    assert count_people([3, 3, 3, 1]) == 2
    assert count_people([-1, -1, 0]) == 3  # rows without an id cannot be told apart


def test_six_sessions_of_four_clients_show_nothing_per_statement():
    tables = analyse(four_clients(), min_group=5)
    for name in ("reliability", "reliability_items"):
        table = tables[name]
        assert table["n_responses"].tolist() == [6] * len(table)  # the size stays
        stats = [c for c in table.columns
                 if c not in ("ingredient", "item_id", "reverse", "k", "n_responses",
                              "n_not_shown")]
        assert table[stats].replace("", np.nan).isna().all().all(), name
        assert "_people" not in table.columns
    assert tables["summary"]["n"].isna().all()
    assert tables["summary"]["mean"].isna().all()
    assert "prepost" not in tables  # no pre and post to compare
    outcome = tables["outcome"]
    assert outcome["n_responses"].tolist() == [4]  # each person's latest answers
    assert outcome[["n", "n_held_some", "share_held_some", "median_held",
                    "total_held"]].isna().all().all()
    means = item_means(four_clients(), [schema.TIMEPOINT], 5)
    assert means[ITEMS].isna().all().all()


def test_the_command_and_the_report_give_no_alpha_or_item_mean(tmp_path, capsys):
    path = tmp_path / "export.csv"
    four_clients().to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    said = out[out.index("reliability (Cronbach's alpha):"):].splitlines()[0]
    assert not any(ch.isdigit() for ch in said), said
    reliability = pd.read_csv(tmp_path / "out" / "reliability.csv")
    assert reliability[["n", "alpha", "ci_low", "ci_high"]].isna().all().all()
    items = pd.read_csv(tmp_path / "out" / "reliability_items.csv")
    assert items[["n", "mean", "item_total_r", "alpha_if_deleted"]].isna().all().all()
    assert items["n_responses"].eq(6).all()
    report = cohort_view(path)
    assert report.too_small and report.reliability() is None


def by_cohort():
    """Two dates; cohort a: 5 people (10 responses), b: 6 people (12): 11 people.

    Two of a (a3, a4) leave a hope statement out both times: their hope is scored (4 of 5
    statements), so every table at a date shows a's hope (5 people), but the complete hope
    answers reliability is over are 6 responses of 3 people (a0, a1, a2).
    """
    a = [f"a{i}" for i in range(5)]
    b = [f"b{i}" for i in range(6)]
    data = sessions(a + b, a + b, cohort=(["a"] * 5 + ["b"] * 6) * 2, seed=1)
    data.loc[data[schema.PARTICIPANT_ID].isin(["a3", "a4"]), "hope_1"] = np.nan
    return data


def test_a_group_of_six_responses_from_three_people_is_hidden_in_a_split():
    data = by_cohort()
    tables = analyse(data, by="cohort", min_group=5)
    table = tables["reliability"].set_index(["cohort", "ingredient"])
    keyed = keyed_answers(data, INST)
    hope = list(INST.ingredient("hope").item_ids)
    complete = keyed[hope].notna().all(axis=1).to_numpy()
    # the whole's hope: 18 complete responses of 9 people; alpha as computed by hand
    whole = table.loc[(ALL, "hope")]
    assert whole["n"] == 18
    assert whole["alpha"] == pytest.approx(cronbach_alpha(keyed[hope][complete].to_numpy()))
    # a's hope: 6 complete responses but 3 people: hidden; b's then too (all minus b is a)
    for group, size in (("a", 10), ("b", 12)):
        row = table.loc[(group, "hope")]
        assert row["n_responses"] == size
        assert pd.isna(row["n"]) and pd.isna(row["alpha"]), group
    # the other ingredients: a is 5 people, 10 complete responses: shown
    in_a = (data["cohort"] == "a").to_numpy()
    time = list(INST.ingredient("time").item_ids)
    assert table.loc[("a", "time"), "n"] == 10
    assert table.loc[("a", "time"), "alpha"] == pytest.approx(
        cronbach_alpha(keyed[time][in_a].to_numpy()))
    items = tables["reliability_items"]
    split = items[(items["cohort"] != ALL) & (items["ingredient"] == "hope")]
    assert split[["n", "mean", "item_total_r", "alpha_if_deleted"]].isna().all().all()
    # the tables at one date show a's hope (5 people each date), as before
    summary = tables["summary"]
    assert summary.loc[(summary["cohort"] == "a") & (summary["ingredient"] == "hope"),
                       "n"].tolist() == [5, 5]


def test_the_reliability_tables_alone_count_people_in_a_split():
    from workbook import score
    from workbook.cohort.reliability_tables import reliability_tables

    data = by_cohort()
    table = reliability_tables(data, score(data), by="cohort", min_group=5)["reliability"]
    hope = table[table["ingredient"] == "hope"].set_index("cohort")
    assert hope.loc[ALL, "n"] == 18
    assert hope.loc[["a", "b"], "alpha"].isna().all()


def test_the_report_header_names_groups_only_when_split(tmp_path):
    path = tmp_path / "split.csv"
    by_cohort().to_csv(path, index=False)
    plain = cohort_view(path).header().html
    assert "2 groups" not in plain  # no section splits by cohort without --by
    assert "2 groups" in cohort_view(path, by="cohort").header().html
