"""Small-group suppression: every table, figure and report section; no group can be derived."""

import numpy as np
import pandas as pd
import pytest

from workbook.cli import main
from workbook.cohort import analyse
from workbook.instrument import load_instrument
from workbook.reliability import item_total, reliability
from workbook.suppression import ALL, hidden_groups, protect

INST = load_instrument()

#: Columns that may show for a hidden group: labels and counts.
LABELS_AND_COUNTS = {"timepoint", "cohort", "site", "ingredient", "item_id", "reverse", "verdict",
                     "n", "k", "n_unscored", "n_pairs", "n_before_only", "n_after_only"}


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


def shown(table, hidden_rows):
    """The statistic columns of ``hidden_rows`` that are not blank."""
    stats = [c for c in table.columns if c not in LABELS_AND_COUNTS]
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
    assert shown(table, table.index) == set()


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
        assert shown(table, table.index) == set(), name
    text = capsys.readouterr().out
    assert "reliability (Cronbach's alpha): hope -" in text


def test_the_report_shows_no_alpha_of_a_small_cohort(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "four.csv"
    people(4, timepoints=("pre", "post")).to_csv(path, index=False)
    view = cohort_view(str(path))
    html = view.reliability().html
    assert "<td class='num'>4</td><td class='num'>&ndash;</td>" in html


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
