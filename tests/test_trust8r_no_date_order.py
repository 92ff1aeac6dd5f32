"""attacks5 C16: with no date column, a personal report read "first" and "latest" in file
order, so a file sorted A-Z (post before pre) told every participant their change backwards
("Hope 75 -> 60, a drop" for a rise from 60 to 75). Rows without dates are ordered by the
timepoints the kit knows (pre, post, a follow-up); with other names the coach is told."""

import logging
import re
from pathlib import Path

import pandas as pd

from workbook.reports import participant
from workbook.reports.participant import participant_report

from .reading_helpers import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_cohort.csv"


def _sorted(tmp_path, *, drop_date=True, rename=None):
    x = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    if drop_date:
        x = x.drop(columns=["date"])
    if rename:
        x = x.replace({"timepoint": rename})
    x = x.sort_values(["participant_id", "timepoint"])  # a spreadsheet's Sort A-Z
    path = tmp_path / "sorted.csv"
    x.to_csv(path, index=False)
    return path


def _change_rows(html):
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    return text


def test_sorted_file_reports_pre_to_post(tmp_path):
    path = _sorted(tmp_path)
    assert pd.read_csv(path)["timepoint"].iloc[:2].tolist() == ["post", "pre"]
    report = participant_report(path, "SPR-002")
    assert list(report.rows["timepoint"]) == ["pre", "post"]
    # SPR-002: hope 60 before, 75 after (the sample, hand-read from `workbook score`)
    assert list(report.scores["hope"]) == [60.0, 75.0]
    out = tmp_path / "r"
    proc = cli("report", "participants", path, "--out", out, "--participant", "SPR-002")
    assert proc.returncode == 0, proc.stderr
    text = _change_rows((out / "participants" / "SPR-002.html").read_text(encoding="utf-8"))
    assert ("compares your first answers (before the workshop) with your latest (after the "
            "workshop)") in text
    assert "Hope 60 75 +15 a rise" in text
    assert "personal report(s)" not in proc.stderr


def test_only_the_post_date_given(tmp_path):
    x = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    x = x[x["participant_id"] == "SPR-002"].sort_values("timepoint")  # post first
    x.loc[x["timepoint"] == "pre", "date"] = ""
    path = tmp_path / "one.csv"
    x.to_csv(path, index=False)
    report = participant_report(path, "SPR-002")
    assert list(report.rows["timepoint"]) == ["pre", "post"]
    assert list(report.scores["hope"]) == [60.0, 75.0]


def test_followup_comes_last():
    rows = pd.DataFrame({"timepoint": ["Follow-up", "post", "pre"]})
    ordered, file_order = participant.reading_order(rows)
    assert list(ordered["timepoint"]) == ["pre", "post", "Follow-up"]
    assert file_order is False


def test_unknown_names_are_said(tmp_path, caplog):
    path = _sorted(tmp_path, rename={"pre": "s1", "post": "s2"})
    with caplog.at_level(logging.WARNING):
        participant_report(path, "SPR-002")
    assert "taken in the order of the file" in caplog.text
    out = tmp_path / "r"
    proc = cli("report", "participants", path, "--out", out, "--participant", "SPR-002")
    assert proc.returncode == 0, proc.stderr
    assert ("1 personal report(s) ('SPR-002') compare rows that have no date and timepoints "
            "whose order the kit does not know") in proc.stderr


def test_timepoints_that_are_days_order_by_day():
    rows = pd.DataFrame({"timepoint": ["2026-12-01", "2026-11-02"]})
    ordered, file_order = participant.reading_order(rows)
    assert list(ordered["timepoint"]) == ["2026-11-02", "2026-12-01"]
    assert file_order is False
