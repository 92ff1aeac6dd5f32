"""The cohort report's outcome table says what the overview says (round 10b L8, left then).

An export of 14 clients' 21 sessions and 3 clients with a conversations list only: the
overview and the report say "21 responses from 14 people"; the outcome reads one row a
person, the 3 list-only rows included, so its People column says 17. The overview says why
beside its counts (session 9); the report's table said "People 17" with no word. Now the
report gives the overview's sentence under its outcome table. Counts by hand.
"""

from __future__ import annotations

import re
from html import unescape

import pandas as pd

from workbook.cli import main
from workbook.reports.cohort_view import cohort_view

SAMPLE = "data/sample_cohort.csv"
SAID = ("17 people are read here, one row each (outcome.csv's n_responses), 3 of them by a row "
        "that answers no statement (not a response)")


def _export(tmp_path):
    """c01..c14 each a session on 2026-10-05, c01..c07 a second on 2026-11-02 (21 sessions;
    held 1 for the odd ones, 0 for the even, at each); lo0..lo2: no answer, held 0."""
    answers = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    answers = answers[answers["timepoint"] == "pre"].head(21).reset_index(drop=True)
    rows = []
    for k in range(1, 15):
        for day in ("2026-10-05", "2026-11-02")[: 2 if k <= 7 else 1]:
            row = answers.iloc[len(rows)].copy()
            row["participant_id"] = f"c{k:02d}"
            row["timepoint"] = row["date"] = day
            row["cohort"] = ""
            row["conversations_held"] = str(k % 2)
            rows.append(row)
    for k in range(3):
        row = answers.iloc[0].copy()
        row[:] = ""
        row["participant_id"] = f"lo{k}"
        row["timepoint"] = row["date"] = "2026-12-01"
        row["conversations_held"] = "0"
        rows.append(row)
    path = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_the_report_says_why_its_outcome_counts_17_people(tmp_path, capsys):
    path = _export(tmp_path)
    # the overview, as session 9 made it
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    overview = " ".join(capsys.readouterr().out.split())
    assert "21 response(s) from 14 participant(s)" in overview
    assert SAID in overview
    report = cohort_view(path)
    assert "21 responses from 14 people" in " ".join(unescape(report.header().html).split())
    html = report.outcome().html
    cells = [unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", html)]
    # Everyone: 17 people read (14 clients' latest + 3 list-only), 17 answered how many,
    # held some: c01, c03, ..., c13 = 7
    assert cells[:4] == ["Everyone", "17", "17", "7 (41%)"]
    assert SAID in " ".join(unescape(html).split())


def test_no_such_sentence_without_list_only_rows(tmp_path):
    path = _export(tmp_path)
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    data = data[~data["participant_id"].str.startswith("lo")]
    data.to_csv(path, index=False)
    html = " ".join(unescape(cohort_view(path).outcome().html).split())
    assert "people are read here" not in html
