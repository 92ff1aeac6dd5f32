"""Round 13c T19: a date-time in the timepoint column (an xlsx date-time cell, a form's
completion time) became a timepoint of its own beside the same day's date, splitting one
day's answers into two timepoints. It is its day now, with a note."""

import datetime

import pytest

from workbook.core import timepoints
from workbook.responses.io import load_responses

from .reading_helpers import IDS, answers, write

HEAD = ["participant_id", "timepoint", *IDS]


def test_canonical_takes_the_day_of_a_date_with_a_time():
    assert timepoints.canonical(["2026-11-15 09:30:00", "2026-11-15", "2026-11-15T14:05",
                                 "2026-11-01 00:00:00", "post"]) == [
        "2026-11-15", "2026-11-15", "2026-11-15", "2026-11-01", "post"]
    assert timepoints.notes(timepoints.spellings(["2026-11-15 09:30:00", "2026-11-15"])) == [
        "timepoints holding a date and a time of day, read as that day (one day is one "
        "timepoint, whatever the time): '2026-11-15 09:30:00' -> '2026-11-15'"]


def test_a_csv_date_time_timepoint_is_its_day(tmp_path):
    rows = [["a", "2026-11-01", *answers(3)], ["b", "2026-11-01T09:00", *answers(4)],
            ["c", "2026-11-01 16:45:10", *answers(2)]]
    data = load_responses(write(tmp_path, HEAD, rows))
    assert list(data["timepoint"]) == ["2026-11-01"] * 3
    assert any("read as that day" in note for note in data.attrs["matches"].notes)


def test_an_xlsx_date_time_cell_is_its_day(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["a", datetime.datetime(2026, 11, 15, 9, 30), *[3] * len(IDS)])
    sheet.append(["b", datetime.datetime(2026, 11, 15), *[4] * len(IDS)])
    sheet.append(["c", "2026-11-15", *[2] * len(IDS)])
    path = tmp_path / "days.xlsx"
    book.save(path)
    data = load_responses(path)
    assert list(data["timepoint"]) == ["2026-11-15"] * 3
