"""Issue 20, round 5's minor items left open (docs/attacks/round5.md), each with its case."""

import re

import pandas as pd
import pytest

from workbook.cohort import check_grouping
from workbook.datasets import load_sample
from workbook.exceptions import DataError


# -- C13 (a): a blank group cell is no value, nor a group of one ---------------------------
def _thirteen(d_at_pre):
    """13 people, pre and post: groups A 6, B 5, C 1, D 1 (D's pre cell as given)."""
    groups = ["A"] * 6 + ["B"] * 5 + ["C", "D"]
    rows = []
    for n, group in enumerate(groups):
        pid = f"p{n:02d}"
        rows.append({"participant_id": pid, "timepoint": "pre",
                     "cohort": d_at_pre if group == "D" else group})
        rows.append({"participant_id": pid, "timepoint": "post", "cohort": group})
    return pd.DataFrame(rows)


def test_a_group_written_on_post_rows_only_is_grouped_as_when_written_twice():
    check_grouping(_thirteen("D"), "cohort")  # D on both rows: accepted (4 groups, 2 of one)
    check_grouping(_thirteen(None), "cohort")  # D's pre cell empty: the same groups
    # still refused when the groups do tell people apart, blank cells or not
    frame = _thirteen(None)
    frame["cohort"] = [None if t == "pre" else f"G{p}" for p, t in
                       zip(frame["participant_id"], frame["timepoint"], strict=True)]
    with pytest.raises(DataError, match="13 different values for 13 people"):
        check_grouping(frame, "cohort")


# -- C20 (c): the cohort report never names a row ------------------------------------------
@pytest.fixture
def post_only_group(tmp_path):
    data = load_sample()
    first = data["participant_id"].iloc[0]
    pre = (data["participant_id"] == first) & (data["timepoint"] == "pre")
    data["cohort"] = data["cohort"].astype(object)
    data.loc[pre, "cohort"] = None  # written on their post answers only
    other = data["participant_id"].unique()[1]
    data.loc[data["participant_id"] == other, "cohort"] = "NA"  # a label naming no group
    path = tmp_path / "p5d.csv"
    data.to_csv(path, index=False)
    return path


def test_the_cohort_report_says_counts_and_names_no_row(post_only_group):
    from workbook.cohort import moved_note
    from workbook.reports.cohort_view import cohort_view

    report = cohort_view(post_only_group, by="cohort")
    assert report.moved == ("1 person's cohort is written on their post answers only: it is "
                            "taken for their pre answers too")
    assert "'NA'" in report.spelled and "row" not in report.spelled
    # the command's own note (for the analyst, not the sponsor) still names the row
    table = pd.read_csv(post_only_group)
    assert re.search(r"only \(row \d+\): it is taken", moved_note(table, "cohort"))
