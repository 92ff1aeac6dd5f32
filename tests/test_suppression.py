"""Small-group suppression: every table, figure and report section; no group can be derived."""

import numpy as np
import pandas as pd
import pytest

from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.reliability import item_total, reliability
from workbook.cohort.suppression import hidden_groups, protect
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import sample_path
from workbook.responses.group_labels import ALL

INST = load_instrument()

#: Columns that may show for a hidden group: labels and counts of people (never a count per
#: ingredient, which would tell whether one person answered it). ``n_not_shown`` is a size:
#: a group shown by size only keeps it in every CSV, and ``n_responses - n_not_shown`` is the
#: size the overview and the reports give it (README, "No one can be singled out"; 488a63d).
LABELS_AND_COUNTS = {"timepoint", "cohort", "site", "ingredient", "item_id", "reverse", "verdict",
                     "k", "n_responses", "n_both", "n_before_only", "n_after_only",
                     "n_not_shown"}
#: Tables whose ``n`` counts people (responses), not the answers to one ingredient.
PEOPLE_N = {"verdicts"}


def people(n, *, cohort=None, timepoints=("pre",), start=0, seed=0):
    """``n`` people answering every item (varied answers), at each of ``timepoints``."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(start, start + n):
        for tp in timepoints:
            row = {"participant_id": f"p{i}", "timepoint": tp,
                   **{item: int(rng.integers(1, 6)) for item in INST.item_ids}}
            if cohort is not None:
                row["cohort"] = cohort
            rows.append(row)
    return pd.DataFrame(rows)


def shown(table, hidden_rows, name=None):
    """The statistic columns of ``hidden_rows`` that are not blank (``name``: the table's)."""
    allowed = LABELS_AND_COUNTS | ({"n"} if name in PEOPLE_N else set())
    stats = [c for c in table.columns if c not in allowed]
    block = table.loc[hidden_rows, stats]
    filled = block.notna() & (block.astype(str) != "")
    return {c for c in stats if filled[c].any()}


# -- primary: one respondent ----------------------------------------------------------------
@pytest.fixture(scope="module")
def one_person():
    return people(1, timepoints=("pre", "post"))


@pytest.mark.parametrize("name", ["summary", "verdicts", "bottlenecks", "prepost",
                                  "reliability", "reliability_items"])
def test_one_respondent_shows_no_statistic_in_any_table(one_person, name):
    table = analyse(one_person)[name]
    assert len(table) > 0
    assert shown(table, table.index, name) == set()
    if "n_not_shown" in table:
        # One person answered every statement both times: no one is left out of a figure
        # (n_not_shown 0), so the size the overview gives is 1 - 0 = 1.
        assert table["n_not_shown"].tolist() == [0] * len(table)
        size = "n_responses" if "n_responses" in table else "n"  # verdicts: n counts people
        assert (table[size] - table["n_not_shown"]).tolist() == [1] * len(table)


def test_item_means_of_a_small_group_are_not_shown():
    five, four = people(5), people(4)
    assert item_total(five)["mean"].notna().all()
    assert item_total(four)["mean"].isna().all()
    assert (item_total(four)["n"] == 4).all()  # the count stays
    assert reliability(four)["alpha"].isna().all()
    assert item_total(four, min_group=4)["mean"].notna().all()


def test_the_cli_writes_no_statistic_of_one_respondent(tmp_path, one_person, capsys):
    path = tmp_path / "one.csv"
    one_person.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    for name in ["summary", "verdicts", "bottlenecks", "prepost", "reliability",
                 "reliability_items"]:
        table = pd.read_csv(tmp_path / "out" / f"{name}.csv", keep_default_na=False,
                            na_values=[""])
        assert shown(table, table.index, name) == set(), name
        if name in {"summary", "reliability", "reliability_items"}:
            # The size column is written, filled: 1 response, none left out.
            assert table["n_responses"].tolist() == [1] * len(table), name
            assert table["n_not_shown"].tolist() == [0] * len(table), name
    text = capsys.readouterr().out
    assert "reliability (Cronbach's alpha): Hope -" in text


def test_the_report_shows_no_alpha_of_a_small_cohort(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "four.csv"
    people(4, timepoints=("pre", "post")).to_csv(path, index=False)
    view = cohort_view(str(path))
    # The whole cohort is under min_group: no reliability section at all (no alpha, no count
    # of who answered every item), and the header says why.
    assert view.reliability() is None
    assert "fewer than 5, so this report shows no figures" in view.header().html


# -- the rule ---------------------------------------------------------------------------------
def test_hidden_groups_by_hand():
    assert hidden_groups([1, 6, 9]) == [True, True, False]  # 1 alone could be derived
    assert hidden_groups([6, 9]) == [False, False]
    assert hidden_groups([3, 4, 9]) == [True, True, False]  # 3 + 4 = 7 together: enough
    assert hidden_groups([1, 1, 5, 6, 7]) == [True, True, True, False, False]
    assert hidden_groups([0, 6, 9]) == [True, False, False]  # nobody to derive
    assert hidden_groups([2]) == [True]  # the whole is itself too small
    assert hidden_groups([1, 6, 9], min_group=1) == [False, False, False]


def test_protect_works_per_split_and_keeps_counts():
    table = pd.DataFrame({
        "timepoint": ["pre"] * 4 + ["post"] * 4,
        "cohort": [ALL, "a", "b", "c"] * 2,
        "n": [16, 1, 6, 9, 18, 6, 6, 6],
        "mean": [50.0, 80.0, 40.0, 52.0, 51.0, 49.0, 50.0, 54.0],
        "count": pd.array([3, 1, 1, 1, 3, 1, 1, 1], dtype="Int64"),
    })
    out = protect(table, by=["cohort"], n="n", stats=["mean", "count"], split=["timepoint"])
    assert out["mean"].isna().tolist() == [False, True, True, False] + [False] * 4
    assert out["count"].isna().tolist() == [False, True, True, False] + [False] * 4
    assert out["n"].tolist() == table["n"].tolist()


# -- the whole and its groups: secondary suppression (issue 10 item 5) -----------------------
@pytest.fixture(scope="module")
def split_data():
    """Cohort a: 1 person, b: 6, c: 9; everyone before and after."""
    both = ("pre", "post")
    return pd.concat([people(1, cohort="a", timepoints=both, seed=1),
                      people(6, cohort="b", timepoints=both, start=1, seed=2),
                      people(9, cohort="c", timepoints=both, start=7, seed=3)],
                     ignore_index=True)


SPLITS = {"summary": ["timepoint", "ingredient"], "verdicts": ["timepoint"],
          "bottlenecks": ["timepoint"], "prepost": ["ingredient"],
          "reliability": ["ingredient"], "reliability_items": ["ingredient"]}
STAT = {"summary": "mean", "verdicts": "share", "bottlenecks": "share", "prepost": "mean_change",
        "reliability": "alpha", "reliability_items": "mean"}
SIZE = {"prepost": "n_both", "summary": "n_responses", "bottlenecks": "n_responses",
        "reliability": "n_responses", "reliability_items": "n_responses"}


@pytest.mark.parametrize("name", list(SPLITS))
def test_no_group_can_be_derived_from_the_whole(split_data, name):
    table = analyse(split_data, by="cohort")[name]
    groups = table[table["cohort"] != ALL]
    assert table["cohort"].iloc[0] == ALL  # the whole comes first
    hidden = groups[groups[STAT[name]].isna()]
    assert set(hidden["cohort"]) == {"a", "b"}  # a is small; b would give a away
    assert shown(table, hidden.index, name) == set()
    assert table.loc[table["cohort"].isin([ALL, "c"]), STAT[name]].notna().all()
    # Whatever is hidden in a split holds at least min_group people together.
    size = SIZE.get(name, "n")
    per_split = hidden.drop_duplicates([*SPLITS[name], "cohort"]).groupby(SPLITS[name])[size]
    assert (per_split.sum() >= 5).all()
    if "n_not_shown" in table:
        # The hidden groups keep their size (a: 1 person, b: 6, each answering every
        # statement both times, so none left out): n_responses - n_not_shown = 1 and 6.
        # (bottlenecks counts per timepoint; summary per timepoint and ingredient.)
        assert hidden["n_not_shown"].tolist() == [0] * len(hidden)
        size = "n_responses" if "n_responses" in table else "n"  # verdicts: n counts people
        sizes = (hidden[size] - hidden["n_not_shown"]).groupby(hidden["cohort"])
        assert sizes.min().to_dict() == {"a": 1, "b": 6}
        assert sizes.max().to_dict() == {"a": 1, "b": 6}


def test_the_whole_rows_equal_the_table_without_by(split_data):
    with_by = analyse(split_data, by="cohort")
    without = analyse(split_data)
    for name in SPLITS:
        whole = with_by[name][with_by[name]["cohort"] == ALL].drop(columns="cohort")
        pd.testing.assert_frame_equal(whole.reset_index(drop=True), without[name],
                                      check_dtype=False, obj=name)


def test_two_small_groups_together_are_enough(split_data):
    data = pd.concat([split_data, people(4, cohort="d", timepoints=("pre", "post"),
                                         start=16, seed=4)], ignore_index=True)
    summary = analyse(data, by="cohort")["summary"]
    hidden = set(summary.loc[summary["mean"].isna(), "cohort"])
    assert hidden == {"a", "d"}  # 1 + 4 = 5 together: b can be shown


def test_figures_leave_out_the_hidden_groups(split_data):
    from workbook import score
    from workbook.cohort.plots import distribution_chart, item_means, verdict_chart

    scores = score(split_data)
    fig = verdict_chart(scores, ["timepoint", "cohort"])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [lb.split(" (")[0] for lb in labels] == ["pre / all", "pre / c", "post / all",
                                                    "post / c"]
    fig = distribution_chart(scores, ["timepoint", "cohort"])
    labels = [t.get_text().split(" (")[0] for t in fig.axes[0].get_yticklabels()]
    assert labels == ["pre / all", "pre / c", "post / all", "post / c"]
    means = item_means(split_data, ["timepoint", "cohort"])
    hidden = means[means["cohort"].isin(["a", "b"])]
    assert hidden[list(INST.item_ids)].isna().all().all()
    assert means[means["cohort"] == "c"][list(INST.item_ids)].notna().all().all()


def test_the_report_shows_the_whole_and_hides_the_groups_that_would_give_one_away(
        tmp_path, split_data):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "split.csv"
    split_data.to_csv(path, index=False)
    html = cohort_view(str(path), by="cohort").groups().html
    rows = html.split("<tr>")[2:]
    # The whole is "Everyone", as in the outcome table (issue 20).
    assert [r.split("</td>")[0].split(">")[-1] for r in rows] == ["Everyone", "a", "b", "c"]
    assert "fewer than 5: not shown" in rows[1]
    assert "so that a smaller group cannot be worked out" in rows[2]
    assert "suppressed" not in rows[0] and "suppressed" not in rows[3]


def test_a_group_called_all_is_refused(split_data):
    from workbook.core.exceptions import DataError

    data = split_data.assign(cohort=split_data["cohort"].replace({"c": "all"}))
    with pytest.raises(DataError, match="group called 'all'"):
        analyse(data, by="cohort")


def test_a_cohort_smaller_than_min_group_shows_why_and_no_figures(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    sample = pd.read_csv(sample_path(), dtype=str)
    three = sample[sample["participant_id"].isin(["SPR-001", "SPR-002", "SPR-003"])]
    path = tmp_path / "three.csv"
    three.to_csv(path, index=False)
    report = cohort_view(path)
    assert report.too_small
    header = report.header().html
    assert "3 people answered, fewer than 5, so this report shows no figures" in header
    sections = [report.overview(), report.verdict_mix(), report.distributions(),
                report.bottlenecks(), report.before_after(), report.groups(),
                report.reliability()]
    assert sections == [None] * 7
    five = sample[sample["participant_id"].isin(sample["participant_id"].unique()[:5])]
    five.to_csv(path, index=False)
    assert not cohort_view(path).too_small


def test_quartiles_only_from_twice_min_group():
    """Five scores' median and quartiles, with their mean and sd, give all five back."""
    from workbook import score
    from workbook.cohort.analysis import summarize

    scores = score(people(5))
    row = summarize(scores).set_index("ingredient").loc["hope"]
    assert row["n"] == 5 and not np.isnan(row["mean"])
    assert np.isnan(row["median"]) and np.isnan(row["q1"]) and np.isnan(row["q3"])
    row = summarize(score(people(10))).set_index("ingredient").loc["hope"]
    values = score(people(10))["hope"]
    assert row["median"] == pytest.approx(values.median())
    assert row["q1"] == pytest.approx(values.quantile(0.25))
