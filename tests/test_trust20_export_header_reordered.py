"""Round 14c W4: an export's header row repeated with two columns in another order.

Session 11 refused a second copy of row 1 in another column order (round 13c T6). A Qualtrics
export has three header rows: its question-text row (row 2) repeated with two Hope questions
swapped was read as a row of bad answers, so `--skip-invalid` dropped it and read the 131 rows
under it by the first file's columns (106 Hope scores wrong). Every header row of every export
format is a header again in another order now, refused like row 1 (Google Forms and Microsoft
Forms have one header row: their question texts).
"""

import csv
import io

import pytest

from workbook.core.exceptions import DataError
from workbook.core.resources import data_dir
from workbook.responses.io import load_responses, read_responses

SAYS = "is a header row again with its columns in another order"


def data_path(*parts):
    return data_dir().joinpath(*parts)


def _rows(name):
    with open(data_path("samples", name), encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _swap(row, a, b):
    row = list(row)
    row[a], row[b] = row[b], row[a]
    return row


def _write(path, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _qualtrics_joined(tmp_path, header_row):
    rows = _rows("qualtrics_export.csv")
    a, b = rows[0].index("Q1_1"), rows[0].index("Q1_3")
    body = rows[3:]
    joined = [*rows[:3], *body[:10], _swap(rows[header_row], a, b),
              *(_swap(r, a, b) for r in body[10:20])]
    return _write(tmp_path / "joined.csv", joined)


@pytest.mark.parametrize("header_row", [1, 2], ids=["question_texts", "import_ids"])
def test_a_qualtrics_header_row_in_another_order_is_refused(tmp_path, header_row):
    path = _qualtrics_joined(tmp_path, header_row)
    with pytest.raises(DataError, match=f"row 14 {SAYS}"):
        read_responses(path)
    with pytest.raises(DataError, match=f"row 14 {SAYS}"):
        load_responses(path, skip_invalid=True)


def test_a_qualtrics_text_row_in_the_same_order_is_still_one_problem(tmp_path):
    rows = _rows("qualtrics_export.csv")
    path = _write(tmp_path / "same.csv", [*rows[:3], *rows[3:13], rows[1], *rows[13:20]])
    data, problems = read_responses(path)
    assert [p.row for p in problems] == [14]
    assert len(data) == 17


def test_a_google_forms_header_in_another_order_is_refused(tmp_path):
    rows = _rows("google_forms_export.csv")
    mapping = data_path("samples", "google_forms_mapping.csv")
    joined = [*rows[:11], _swap(rows[0], 4, 6), *(_swap(r, 4, 6) for r in rows[11:20])]
    path = _write(tmp_path / "joined.csv", joined)
    with pytest.raises(DataError, match=f"row 12 {SAYS}"):
        load_responses(path, mapping=mapping, skip_invalid=True)


def test_a_microsoft_forms_header_in_another_order_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(data_path("samples", "microsoft_forms_export.xlsx"))
    sheet = book.active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    out = openpyxl.Workbook()
    new = out.active
    for row in [*rows[:11], _swap(rows[0], 8, 10), *(_swap(r, 8, 10) for r in rows[11:20])]:
        new.append(row)
    path = tmp_path / "joined.xlsx"
    out.save(path)
    with pytest.raises(DataError, match=f"row 12 {SAYS}"):
        load_responses(path, skip_invalid=True)
