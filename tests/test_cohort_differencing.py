"""No one is recovered by setting two cohort outputs side by side (issue 10 items 4 and 5).

The paired table (``prepost``) describes the people who answered before and after; the
tables at one timepoint describe everyone who answered then. Each test builds a tiny cohort
in which 1 to 4 people answered only once (or skipped an ingredient once), and plays the
attacker: for every two figures about nested sets of people (a group's summary and its pairs,
the whole and its groups, the item means and the pairs), the number of people in the
difference must be 0 or at least ``min_group``, and where it is 0 the means must agree.
"""

import numpy as np
import pandas as pd
import pytest

from workbook import score
from workbook.cli import main
from workbook.cohort.analysis import analyse, summarize
from workbook.cohort.reliability import keyed_answers
from workbook.core.instrument import load_instrument
from workbook.responses.group_labels import ALL

INST = load_instrument()
INGS = list(INST.ingredient_ids)
K = 5


def people(ids, *, cohort=None, timepoints=("pre", "post"), seed=0):
    """Everyone in ``ids`` answers every item (varied answers) at each of ``timepoints``."""
    rng = np.random.default_rng(seed)
    rows = []
    for pid in ids:
        for tp in timepoints:
            row = {"participant_id": pid, "timepoint": tp,
                   **{item: int(rng.integers(1, 6)) for item in INST.item_ids}}
            if cohort is not None:
                row["cohort"] = cohort
            rows.append(row)
    return pd.DataFrame(rows)


def ids(prefix, n):
    return [f"{prefix}{i}" for i in range(n)]


def one_dropout():
    """6 people before, 5 of them after."""
    return pd.concat([people(ids("p", 5), seed=1), people(["gone"], timepoints=("pre",),
                                                           seed=2)], ignore_index=True)


def split_9_8():
    """9 before / 8 after: cohort a has 5 pairs and 1 dropout, cohort b 3 pairs."""
    return pd.concat([people(ids("a", 5), cohort="a", seed=3),
                      people(["a_gone"], cohort="a", timepoints=("pre",), seed=4),
                      people(ids("b", 3), cohort="b", seed=5)], ignore_index=True)


def split_12_11():
    """12 before / 11 after: cohort a has 5 pairs and 1 dropout, cohort b 6 pairs."""
    return pd.concat([people(ids("a", 5), cohort="a", seed=6),
                      people(["a_gone"], cohort="a", timepoints=("pre",), seed=7),
                      people(ids("b", 6), cohort="b", seed=8)], ignore_index=True)


def split_secondary():
    """a: 5 pairs + 1 dropout; b: 5 pairs + 6 dropouts; c: 6 pairs (7 dropouts in all)."""
    return pd.concat([people(ids("a", 5), cohort="a", seed=9),
                      people(["a_gone"], cohort="a", timepoints=("pre",), seed=10),
                      people(ids("b", 5), cohort="b", seed=11),
                      people(ids("b_gone", 6), cohort="b", timepoints=("pre",), seed=12),
                      people(ids("c", 6), cohort="c", seed=13)], ignore_index=True)


def newcomers():
    """6 pairs and 2 people who answered after only."""
    return pd.concat([people(ids("p", 6), seed=14),
                      people(ids("new", 2), timepoints=("post",), seed=15)], ignore_index=True)


def skipped_once():
    """6 people both times; p0 left every hope item blank after, p1 every time item before."""
    data = people(ids("p", 6), seed=16)
    hope = [i for i in INST.item_ids if i.startswith("hope_")]
    time = [i for i in INST.item_ids if i.startswith("time_")]
    data = data.astype({c: "Float64" for c in [*hope, *time]})
    data.loc[(data["participant_id"] == "p0") & (data["timepoint"] == "post"), hope] = pd.NA
    data.loc[(data["participant_id"] == "p1") & (data["timepoint"] == "pre"), time] = pd.NA
    return data


def moved_group():
    """a: 5 pairs and one person who answered in a before and in b after; b: 6 pairs."""
    mover = people(["mover"], cohort="a", seed=17)
    mover.loc[mover["timepoint"] == "post", "cohort"] = "b"
    return pd.concat([people(ids("a", 5), cohort="a", seed=18), mover,
                      people(ids("b", 6), cohort="b", seed=19)], ignore_index=True)


COHORTS = {"moved_group": (moved_group, "cohort"), "one_dropout": (one_dropout, None),
           "split_9_8": (split_9_8, "cohort"), "split_12_11": (split_12_11, "cohort"),
           "split_secondary": (split_secondary, "cohort"), "newcomers": (newcomers, None),
           "skipped_once": (skipped_once, None)}


# -- the attacker ------------------------------------------------------------------------------
def _rows(table, by):
    """{group label: rows}, the whole as ALL."""
    if not by:
        return {ALL: table}
    return {str(g): rows for g, rows in table.groupby(by, sort=False)}


def _check(n_big, mean_big, parts, what):
    """The people in a figure minus the disjoint figures ``parts`` inside it: 0 or >= K."""
    if pd.isna(mean_big) or any(pd.isna(m) for _, m in parts):
        return
    gap = int(n_big) - sum(int(n) for n, _ in parts)
    assert not 0 < gap < K, f"{what}: {gap} people recoverable"
    if gap == 0:
        total = n_big * mean_big - sum(n * m for n, m in parts)
        assert abs(total) < 1e-6 * max(1, n_big), f"{what}: same people, different means"


def attack(tables, by):
    """Every nested pair of figures the tables show; fails if any singles out < K people."""
    summary, prepost = tables["summary"], tables.get("prepost")
    items = tables["reliability_items"]
    side = {"pre": "mean_before", "post": "mean_after"}
    checks = 0
    for tp in ("pre", "post"):
        at = summary[summary["timepoint"] == tp]
        for ing in INGS:
            s = _rows(at[at["ingredient"] == ing], by)
            p = _rows(prepost[prepost["ingredient"] == ing], by) if prepost is not None else {}
            for g, row in s.items():
                row = row.iloc[0]
                # A group's summary and its pairs.
                if g in p:
                    pr = p[g].iloc[0]
                    _check(row["n"], row["mean"], [(pr["n_pairs"], pr[side[tp]])],
                           f"summary {tp} {g} {ing} - pairs")
                    checks += 1
            if by:
                whole = s[ALL].iloc[0]
                groups = [r.iloc[0] for g, r in s.items() if g != ALL]
                shown = [(r["n"], r["mean"]) for r in groups if pd.notna(r["mean"])]
                _check(whole["n"], whole["mean"], shown, f"summary {tp} {ing} whole - groups")
                pairs = [(r.iloc[0]["n_pairs"], r.iloc[0][side[tp]]) for g, r in p.items()
                         if g != ALL and pd.notna(r.iloc[0][side[tp]])]
                _check(whole["n"], whole["mean"], pairs, f"summary {tp} {ing} whole - pairs")
                if ALL in p:
                    _check(p[ALL].iloc[0]["n_pairs"], p[ALL].iloc[0][side[tp]], pairs,
                           f"pairs {tp} {ing} whole - groups")
                checks += 3
    # Item means at pre against the pairs and the summary (everyone answers every item,
    # so the item means are a mean score; the counts are what matters).
    first = {}
    for key, rows in items.groupby([by, "ingredient"] if by else ["ingredient"], sort=False):
        first[(str(key[0]) if by else ALL, key[-1])] = rows.iloc[0]
    for (g, ing), row in first.items():
        pr = (_rows(prepost[prepost["ingredient"] == ing], by).get(g)
              if prepost is not None else None)
        if pr is None or pd.isna(row["mean"]) or pd.isna(pr.iloc[0]["n_pairs"]):
            continue
        gap = int(row["n"]) - int(pr.iloc[0]["n_pairs"])
        assert not 0 < gap < K, f"item means {g} {ing} - pairs: {gap} recoverable"
        checks += 1
    # Verdicts: the people shown against the people paired.
    verdicts = tables["verdicts"]
    for tp in ("pre", "post"):
        v = _rows(verdicts[verdicts["timepoint"] == tp], by)
        for g, rows in v.items():
            if prepost is not None and g in _rows(prepost, by) and rows["share"].notna().any():
                both = int(_rows(prepost, by)[g].iloc[0]["n_both"])
                gap = int(rows["n"].iloc[0]) - both
                assert not 0 < gap < K, f"verdicts {tp} {g} - pairs: {gap} recoverable"
                checks += 1
    return checks


@pytest.mark.parametrize("name", list(COHORTS))
def test_no_two_tables_single_anyone_out(name):
    make, by = COHORTS[name]
    tables = analyse(make(), by=by)
    assert attack(tables, by) > 0


@pytest.mark.parametrize("name", list(COHORTS))
def test_min_group_1_shows_everyone(name):
    """With min_group 1 nothing is small: the summary is everyone (the attack's baseline)."""
    make, by = COHORTS[name]
    data = make()
    summary = analyse(data, by=by, min_group=1)["summary"]
    assert (summary["n_not_shown"] == 0).all()


# -- the attacks by hand ---------------------------------------------------------------------
def test_one_dropout_by_hand():
    data = one_dropout()
    scores = score(data)
    pre = scores[scores["timepoint"] == "pre"].set_index("participant_id")
    # Without protection, the summary's mean over 6 minus the pairs' mean over 5 is the
    # dropout's score:
    everyone, paired = pre["hope"].mean(), pre["hope"].drop("gone").mean()
    assert 6 * everyone - 5 * paired == pytest.approx(pre.loc["gone", "hope"])
    tables = analyse(data)
    summary = tables["summary"].set_index(["timepoint", "ingredient"])
    prepost = tables["prepost"].set_index("ingredient")
    row = summary.loc[("pre", "hope")]
    assert (row["n_responses"], row["n"], row["n_not_shown"]) == (6, 5, 1)
    assert row["mean"] == pytest.approx(paired) == pytest.approx(prepost.loc["hope", "mean_before"])
    # The mean change and the after mean give the pairs' before mean back, nothing more.
    assert (prepost.loc["hope", "mean_after"] - prepost.loc["hope", "mean_change"]
            == pytest.approx(row["mean"]))
    # The sd and the CI are the pairs' too; with 5 people there are no quartiles at all
    # (with the mean and sd they would give all five scores away).
    x = pre["hope"].drop("gone")
    assert np.isnan(row["median"]) and np.isnan(row["q1"]) and np.isnan(row["q3"])
    assert row["sd"] == pytest.approx(x.std())
    # After: no one answered only then, so nothing is left out.
    assert summary.loc[("post", "hope"), "n_not_shown"] == 0
    # Every other table at pre leaves the dropout out too.
    verdicts = tables["verdicts"]
    assert verdicts.loc[verdicts["timepoint"] == "pre", "n"].eq(5).all()
    assert verdicts.loc[verdicts["timepoint"] == "pre", "n_not_shown"].eq(1).all()
    assert tables["bottlenecks"].query("timepoint == 'pre'")["n"].eq(5).all()
    assert tables["reliability"]["n"].eq(5).all()
    assert tables["reliability_items"]["n"].eq(5).all()
    assert tables["reliability_items"]["n_not_shown"].eq(1).all()


def test_the_same_group_of_six_with_five_dropouts_is_shown_whole():
    """With min_group or more answering only once, nothing changes."""
    data = pd.concat([people(ids("p", 5), seed=1),
                      people(ids("gone", 5), timepoints=("pre",), seed=2)], ignore_index=True)
    summary = analyse(data)["summary"].set_index(["timepoint", "ingredient"])
    assert summary.loc[("pre", "hope"), ["n", "n_not_shown"]].tolist() == [10, 0]


def test_split_12_11_by_hand():
    tables = analyse(split_12_11(), by="cohort")
    summary = tables["summary"].query("timepoint == 'pre' and ingredient == 'hope'")
    summary = summary.set_index("cohort")
    # The whole: 1 dropout, left out; a: the same; b: nobody to leave out.
    assert summary.loc[ALL, ["n", "n_not_shown"]].tolist() == [11, 1]
    assert summary.loc["a", ["n", "n_not_shown"]].tolist() == [5, 1]
    assert summary.loc["b", ["n", "n_not_shown"]].tolist() == [6, 0]
    # The whole is its groups put together.
    assert summary.loc[ALL, "mean"] * 11 == pytest.approx(
        summary.loc["a", "mean"] * 5 + summary.loc["b", "mean"] * 6)


def test_secondary_leaving_out_by_hand():
    """a's one dropout is left out; so are b's six, or the whole minus a and b gives it."""
    tables = analyse(split_secondary(), by="cohort")
    summary = tables["summary"].query("timepoint == 'pre' and ingredient == 'hope'")
    summary = summary.set_index("cohort")
    assert summary.loc[ALL, ["n", "n_not_shown"]].tolist() == [23, 0]
    assert summary.loc["a", ["n", "n_not_shown"]].tolist() == [5, 1]
    assert summary.loc["b", ["n", "n_not_shown"]].tolist() == [5, 6]
    assert summary.loc["c", ["n", "n_not_shown"]].tolist() == [6, 0]
    # The whole minus the groups: the 7 dropouts together, never a's one alone.
    assert 23 - (5 + 5 + 6) == 7


def test_split_9_8_hides_what_would_give_the_dropout_away():
    tables = analyse(split_9_8(), by="cohort")
    summary = tables["summary"].query("timepoint == 'pre'")
    whole = summary[summary["cohort"] == ALL]
    assert whole["n_not_shown"].eq(1).all() and whole["n"].eq(8).all()
    groups = summary[summary["cohort"] != ALL]
    assert groups["mean"].isna().all()  # b has 3: hidden; a alone would then be the whole - b
    assert groups["n"].isna().all() and groups["n_responses"].notna().all()


def test_an_ingredient_skipped_once_is_matched_too():
    tables = analyse(skipped_once())
    summary = tables["summary"].set_index(["timepoint", "ingredient"])
    prepost = tables["prepost"].set_index("ingredient")
    # p0 has no hope score after: the hope pairs are 5, and so is the hope summary before.
    assert prepost.loc["hope", "n_pairs"] == 5
    assert summary.loc[("pre", "hope"), ["n", "n_not_shown"]].tolist() == [5, 1]
    assert summary.loc[("pre", "hope"), "mean"] == pytest.approx(
        prepost.loc["hope", "mean_before"])
    assert summary.loc[("post", "hope"), ["n", "n_unscored", "n_not_shown"]].tolist() == [5, 1, 0]
    # p1 has no time score before: left out of the time summary after.
    assert summary.loc[("post", "time"), ["n", "n_not_shown"]].tolist() == [5, 1]
    assert summary.loc[("pre", "energy"), ["n", "n_not_shown"]].tolist() == [6, 0]
    # The item means before leave p0 out of hope only.
    items = tables["reliability_items"].set_index("item_id")
    assert items.loc["hope_1", "n"] == 5 and items.loc["energy_1", "n"] == 6


def test_someone_who_moved_group_stays_in_their_first_group():
    """The pairs take the group from before; so does every table after."""
    tables = analyse(moved_group(), by="cohort")
    summary = tables["summary"].query("timepoint == 'post' and ingredient == 'hope'")
    summary = summary.set_index("cohort")
    prepost = tables["prepost"].query("ingredient == 'hope'").set_index("cohort")
    assert summary.loc["a", "n"] == prepost.loc["a", "n_pairs"] == 6
    assert summary.loc["b", "n"] == prepost.loc["b", "n_pairs"] == 6
    assert summary.loc["a", "mean"] == pytest.approx(prepost.loc["a", "mean_after"])


def test_figures_draw_whom_the_summary_shows():
    from workbook.cohort.plots import distribution_chart, item_means

    data = one_dropout()
    scores = score(data)
    fig = distribution_chart(scores, "timepoint")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["pre (n=5)", "post (n=5)"]
    means = item_means(data, "timepoint").set_index("timepoint")
    pre = data[(data["timepoint"] == "pre") & (data["participant_id"] != "gone")]
    assert means.loc["pre", "n"] == 5
    assert means.loc["pre", "energy_1"] == pytest.approx(pre["energy_1"].mean())


def test_summarize_alone_applies_the_rule():
    """The tables as a library gives them are as protected as the CLI's."""
    scores = score(one_dropout())
    table = summarize(scores, "timepoint").set_index(["timepoint", "ingredient"])
    assert table.loc[("pre", "hope"), "n"] == 5
    pooled = summarize(scores)  # before and after together: the dropout's row is left out
    assert pooled["n_not_shown"].eq(1).all() and pooled["n"].eq(10).all()


def test_the_cli_and_the_report_say_why(tmp_path, capsys):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "one_dropout.csv"
    one_dropout().to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    said = ("Left out of these figures: 1 answer before (pre), of people who answered only "
            "once (before or after), so that")  # the count, true as written (issue 20)
    assert said in out
    summary = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert summary.loc[summary["timepoint"] == "pre", "n_not_shown"].eq(1).all()
    html = cohort_view(str(path)).overview().html
    assert said in html
    assert html.count("<td class='num'>5</td>") >= 10  # n = 5 before and after
    # Nothing to say when no one is left out.
    path = tmp_path / "pairs.csv"
    people(ids("p", 6)).to_csv(path, index=False)
    assert "answered only once" not in cohort_view(str(path)).overview().html


# -- part-answered ingredients: scored from some items, left out of the item means ------------
def part_answered(n_partial, n_full=9, cohort=None, start=0, seed=20):
    """One timepoint: ``n_partial`` people skip hope_9 (hope scored from 4 items)."""
    data = people(ids(f"{cohort or 'p'}", n_full + n_partial), cohort=cohort,
                  timepoints=("pre",), seed=seed)
    data = data.astype({"hope_9": "Float64"})
    data.loc[: n_partial - 1, "hope_9"] = pd.NA
    return data


def _pomp(item_means, ing):
    """The mean score of complete answers, from the keyed item means."""
    lo, hi = INST.scale_min, INST.scale_max
    return (np.mean([item_means[i] for i in INST.ingredient(ing).item_ids]) - lo) / (hi - lo) * 100


def test_one_part_answered_person_is_not_given_away_by_the_item_means():
    data = part_answered(1)
    tables = analyse(data)
    hope = tables["summary"].set_index("ingredient").loc["hope"]
    assert (hope["n"], hope["n_not_shown"]) == (10, 0)  # scored from 4 items, shown
    items = tables["reliability_items"].set_index("item_id")
    # Without protection: 10 * summary mean - 9 * the complete answers' mean is their score.
    scores = score(data)
    keyed = keyed_answers(data).loc[1:].mean()  # reverse-keyed items flipped
    assert 10 * hope["mean"] - 9 * _pomp(keyed, "hope") == pytest.approx(scores.loc[0, "hope"])
    assert items.loc[list(INST.ingredient("hope").item_ids), "mean"].isna().all()
    assert items.loc[list(INST.ingredient("time").item_ids), "mean"].notna().all()
    from workbook.cohort.plots import item_means
    means = item_means(data, "timepoint")
    assert means[["hope_1", "hope_9"]].isna().all().all() and means["time_1"].notna().all()


def test_five_part_answered_people_are_enough():
    items = analyse(part_answered(5))["reliability_items"].set_index("item_id")
    assert items["mean"].notna().all()


def test_part_answered_whole_and_groups():
    """a: 1 part-answered, b: 6; the whole shows; a is hidden, and b so a cannot be derived."""
    data = pd.concat([part_answered(1, 5, cohort="a", seed=21),
                      part_answered(6, 3, cohort="b", seed=22),
                      people(ids("c", 6), cohort="c", timepoints=("pre",), seed=23)],
                     ignore_index=True)
    items = analyse(data, by="cohort")["reliability_items"]
    hope = items[items["item_id"] == "hope_1"].set_index("cohort")["mean"]
    assert hope.isna().to_dict() == {ALL: False, "a": True, "b": True, "c": False}
    time = items[items["item_id"] == "time_1"].set_index("cohort")["mean"]
    assert time.notna().all()


def test_the_overview_says_a_hidden_group_is_not_shown(tmp_path, capsys):
    path = tmp_path / "split.csv"
    split_9_8().to_csv(path, index=False)
    assert main(["cohort", str(path), "--by", "cohort", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    # a: 6 answers before, of which the dropout's is left out: 5 described (issue 20: one count)
    assert "pre / a: mean score (n)\n  5 response(s): not shown, so that no one can be" in out
    assert "verdicts pre / b: not shown" in out
    assert " a: 5 pair(s), not shown" in out
    assert "(-)" not in out and "<NA>" not in out
