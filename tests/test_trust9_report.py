"""The personal report agrees with the cohort across versions, in words; inputs are files.

1. A client's change across two instrument versions is decided per pair as the cohort's
   before/after decides it (:func:`workbook.core.versions.answer_versions`, the row's
   ``instrument_version`` cell included), so one person's change in the report is that
   person's change behind ``prepost.csv`` (newuser22: SPR-003 compared energy on all five
   statements in the report, on the four shared ones in the cohort).
2. The note under the change table says it in words (no statement ids) and says why the
   change table's latest score can differ from the one under "Where you stand".
3. A pipe or a device given as the survey file or ``--map`` is refused before it is read.

Scores worked by hand (kit's keying, time: time_1 +, time_2 R, time_5 R, time_6 +, time_7 +;
a reverse answer x counts 6 - x; POMP = 100 * (mean - 1) / 4):
  before (2.0, time_1, time_2, time_5 only): 5, 1 -> 5, 1 -> 5: mean 5 -> 100
  after (2.1, all five): 3, 3 -> 3, 5, 5, 3 -> 3: mean 3.8 -> 70 over all five,
  mean 3 -> 50 over the three both versions share (time_1, time_2, time_5).
"""

import os
import subprocess
import sys

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from workbook.reports.participant import participant_report

COLUMNS = ["participant_id", "timepoint", "date", "instrument_version",
           "time_1", "time_2", "time_6", "time_7", "time_5", "hours_per_week"]


def _data(tmp_path):
    rows = [["P1", "pre", "2026-03-04", "2.0", 5, 1, None, None, 1, 2],
            ["P1", "post", "2026-04-15", "2.1", 3, 3, 5, 5, 3, 2]]
    path = tmp_path / "two.csv"
    pd.DataFrame(rows, columns=COLUMNS).to_csv(path, index=False)
    return path


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_change_is_decided_per_pair_by_the_version_cell_as_the_cohort_does(tmp_path):
    report = participant_report(_data(tmp_path), "P1")
    table = _text(report.change().html)
    # 100 -> 50 over the three shared statements (not 100 -> 70 over other statements)
    assert "Time 100 50 −50" in table
    assert "Time 100 70" not in table


def test_the_report_and_the_cohort_agree_for_the_same_person(tmp_path):
    from workbook.cohort.across_versions import compare_across_versions
    from workbook.core.scoring import score
    from workbook.responses.io import load_responses

    data = load_responses(_data(tmp_path))
    _, _, scores = compare_across_versions(data, score(data))  # the scores it compares
    assert scores["time"].tolist() == pytest.approx([100, 50])
    report = _text(participant_report(_data(tmp_path), "P1").change().html)
    assert "Time 100 50 −50" in report


def test_the_note_names_no_statement_ids_and_says_why_latest_differs(tmp_path):
    report = participant_report(_data(tmp_path), "P1")
    change = _text(report.change().html)
    assert "time_1" not in change and "time_5" not in change
    assert "the 3 statements asked both times" in change
    # the word why its latest (50) differs from the score under "Where you stand" (70)
    assert "the score above counts all your latest answers, so the two can differ" in change
    assert "Time 70" in _text(report.profile().html)


@pytest.mark.parametrize("option", ["data", "map"])
def test_a_pipe_given_as_an_input_is_refused_before_it_is_read(tmp_path, option):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    data = fifo if option == "data" else _data(tmp_path)
    args = [sys.executable, "-m", "workbook", "score", str(data), "--out",
            str(tmp_path / "out.csv")]
    if option == "map":
        args += ["--map", str(fifo)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"{fifo} is not a regular file (a pipe or a device): give a CSV or Excel file" \
        in done.stderr
    assert "Traceback" not in done.stderr
