"""An xlsx whose first sheet holds only a title names the sheet with the data (round 8a, F9).

Before: "no participant_id column" and "columns that match nothing: 'Survey export title'",
with no word of the sheet 'Data' or of --sheet.
"""

from __future__ import annotations

import openpyxl
import pytest

from workbook.core.exceptions import DataError
from workbook.core.instrument import load_instrument
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import cli

IDS = list(load_instrument().item_ids)
TABLE = [["participant_id", "timepoint", *IDS], ["a", "pre", *[3] * len(IDS)],
         ["b", "pre", *[4] * len(IDS)]]


def _book(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_title_only_first_sheet_names_the_sheet_with_the_data(tmp_path):
    path = _book(tmp_path / "x1.xlsx", [("Info", [["Survey export title"]]), ("Data", TABLE)])
    with pytest.raises(DataError) as err:
        read_responses(path)
    assert str(err.value) == (
        f"{path}: the sheet 'Info' holds only 'Survey export title', no table; the workbook "
        "also has 'Data': pass --sheet Data")
    assert len(load_responses(path, sheet="Data")) == 2


def test_the_command_says_it_in_one_line(tmp_path):
    path = _book(tmp_path / "x1.xlsx", [("Info", [["Survey export title"], [None],
                                                  [None, "exported 2026-12-01"]]),
                                        ("Notes", []), ("Spring data", TABLE)])
    proc = cli("validate", path)
    assert proc.returncode != 0
    assert proc.stderr.strip().endswith(
        "the sheet 'Info' holds no table, only single cells: 'Survey export title', "
        "'exported 2026-12-01'; the workbook also has 'Spring data': pass --sheet "
        "'Spring data'")
    assert "no participant_id column" not in proc.stderr
    ok = cli("validate", path, "--sheet", "Spring data")
    assert ok.returncode == 0, ok.stderr


def test_a_title_only_sheet_alone_is_read_as_before(tmp_path):
    # No other sheet has data: the header problems stand (nothing to point to).
    path = _book(tmp_path / "x2.xlsx", [("Info", [["Survey export title"]]), ("Notes", [])])
    table, problems = read_responses(path)
    assert any(p.row == 1 and p.column == "participant_id" for p in problems)


def test_a_one_cell_first_sheet_named_with_sheet_is_said_too(tmp_path):
    path = _book(tmp_path / "x3.xlsx", [("Data", TABLE), ("Info", [["Survey export title"]])])
    with pytest.raises(DataError) as err:
        read_responses(path, sheet="Info")
    assert str(err.value).endswith("the workbook also has 'Data': pass --sheet Data")
