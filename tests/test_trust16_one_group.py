"""A person is in one group for all their answers, in a file without ``pre`` too (round 11a M7).

A workspace export's timepoints are its sessions' dates. Before the fix, a client whose cohort
differed between sessions was counted in each group per answer ("each answer is counted in
the cohort it gives"); the README says a person is in one group for all their answers. Now
each person is counted in the group of their earliest answer (as ``pre`` is used when there
is one), and the overview and the report say how many. Counts by hand below.
"""

from __future__ import annotations

import re
from html import unescape

import pandas as pd

from workbook import load_responses
from workbook.cli import main

SAMPLE = "data/sample_cohort.csv"
EARLY, LATE = "2026-10-05", "2026-11-02"


def _export(tmp_path):
    """20 clients, two dated sessions each: a00..a09 in A, b00..b09 in B, except
    a00's later session written B, and b01's EARLIER session written A (b01's later row comes
    first in the file, so the earliest answer is not the first row)."""
    answers = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    answers = answers[answers["timepoint"] == "pre"].head(40).reset_index(drop=True)
    rows = []
    for g, group in enumerate("ab"):
        for k in range(10):
            pid = f"{group}{k:02d}"
            days = (LATE, EARLY) if pid == "b01" else (EARLY, LATE)
            for d, day in enumerate(days):
                row = answers.iloc[g * 20 + k * 2 + d].copy()
                row["participant_id"] = pid
                row["timepoint"] = row["date"] = day
                row["cohort"] = group.upper()
                if (pid, day) in {("a00", LATE), ("b01", EARLY)}:
                    row["cohort"] = "B" if pid == "a00" else "A"
                rows.append(row)
    path = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _sizes(table):
    sizes = table[table["cohort"] != "all"].groupby(["timepoint", "cohort"])["count"].sum()
    return {k: int(v) for k, v in sizes.items()}


def test_a_person_changing_group_in_an_export_is_in_one_group(tmp_path):
    from workbook.cohort.analysis import analyse

    tables = analyse(load_responses(_export(tmp_path)), "cohort", 5)
    # By hand: a00 is in A (earliest 10-05), b01 in A (earliest 10-05, written A there):
    # A = a00..a09 + b01 = 11, B = b00, b02..b09 = 9, at both dates.
    # (Before: 10-05 A 11 / B 9, but 11-02 A 9 / B 11: a00 and b01 counted in B there.)
    assert _sizes(tables["verdicts"]) == {(EARLY, "A"): 11, (EARLY, "B"): 9,
                                          (LATE, "A"): 11, (LATE, "B"): 9}
    summary = tables["summary"]
    late = summary[(summary["timepoint"] == LATE) & (summary["ingredient"] == "hope")]
    assert dict(zip(late["cohort"], late["n"].astype(int))) == {"all": 20, "A": 11, "B": 9}
    assert tables.moved == ("2 people's cohort differs between their answers: each person "
                            "is counted in the cohort of their earliest answer")


def test_the_overview_and_the_report_say_how_many(tmp_path, capsys):
    from workbook.reports.cohort_view import cohort_view

    path = _export(tmp_path)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--by", "cohort"]) == 0
    said = ("2 people's cohort differs between their answers: each person is counted in the "
            "cohort of their earliest answer")
    assert said in " ".join(capsys.readouterr().out.split())
    verdicts = pd.read_csv(tmp_path / "out" / "verdicts.csv")
    assert _sizes(verdicts)[(LATE, "A")] == 11
    groups = cohort_view(path, by="cohort").groups().html
    assert said in " ".join(unescape(groups).split())
    # the report's groups table at the later date: A 11, B 9 (before: A 9, B 11)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", groups)
    assert cells[cells.index("A") + 1] == "11" and cells[cells.index("B") + 1] == "9"


def test_a_group_written_on_pre_still_wins_with_other_timepoints(tmp_path):
    """pre and a later dated session (no post): the group at pre, for all the answers."""
    from workbook.cohort.analysis import analyse

    answers = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    pre = answers[answers["timepoint"] == "pre"].head(20).reset_index(drop=True)
    later = pre.copy()
    later["timepoint"] = "week 6"
    pre["cohort"] = ["A"] * 10 + ["B"] * 10
    later["cohort"] = ["A"] * 10 + ["B"] * 10
    later.loc[[0, 1], "cohort"] = "B"  # two of A written B at the later session
    path = tmp_path / "pre_later.csv"
    pd.concat([later, pre]).to_csv(path, index=False)  # later rows first in the file
    tables = analyse(load_responses(path), "cohort", 5)
    assert _sizes(tables["verdicts"]) == {("pre", "A"): 10, ("pre", "B"): 10,
                                          ("week 6", "A"): 10, ("week 6", "B"): 10}
    assert tables.moved == ("2 people's cohort differs between their answers: each person "
                            "is counted in their cohort at pre, or at their earliest answer "
                            "when they have none")
