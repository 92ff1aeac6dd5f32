"""Issue 20, session 6 (attacks3 A14): a timepoint cell holding a spreadsheet date is its day."""
import datetime as dt

import openpyxl

from workbook.core import timepoints
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses


def test_a_midnight_date_is_its_day():
    labels = ["2026-10-01", "2026-11-01 00:00:00", "2026-10-01 00:00:00", "2026-10-01 09:30:00"]
    # a time of day is its day too (round 13c T19; it was a timepoint of its own before)
    assert timepoints.canonical(labels) == ["2026-10-01", "2026-11-01", "2026-10-01",
                                            "2026-10-01"]


def test_date_cells_and_text_of_one_day_are_one_timepoint_in_an_xlsx(tmp_path):
    ids = resolve(None).item_ids
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["participant_id", "timepoint", *ids, "hours_per_week"])
    for p in range(12):
        for day in ("2026-10-01", "2026-11-01"):
            cell = dt.datetime.strptime(day, "%Y-%m-%d") if p % 2 else day  # half are dates
            sheet.append([f"K{p:02d}", cell, *[3] * len(ids), 3])
    path = tmp_path / "a14.xlsx"
    book.save(path)
    data = load_responses(path)
    assert data["timepoint"].value_counts().to_dict() == {"2026-10-01": 12, "2026-11-01": 12}
    assert ("timepoints holding a date and the time 00:00 (a spreadsheet's date cell), read as "
            "the date: '2026-10-01 00:00:00' -> '2026-10-01', '2026-11-01 00:00:00' -> "
            "'2026-11-01'") in data.attrs["matches"].notes
