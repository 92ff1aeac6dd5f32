"""Two Qualtrics exports joined with cat (round 11a M15).

The second export's three header rows (the Q-code row, the question-text row, the ImportId
row) were 84 problems ("'Q5_1' is not an answer on the scale", ... 28 a row) and never
"this row repeats the header row", as the README promises. Each is one problem now, and
--skip-invalid leaves them out: the joined file reads as the export alone.
"""

from __future__ import annotations

import csv

from workbook.responses.io import load_responses, read_responses

from .reading_helpers import cli

SAMPLE = "data/samples/qualtrics_export.csv"  # 3 header rows + 231 responses (rows 4..234)
AGAIN = ("this row repeats the header row (two files joined into one?): delete it; "
         "it is not read as answers")


def _joined(tmp_path):
    """`(cat q; head -3 q) > joined.csv`: the copied header rows are rows 235, 236, 237
    (the Q-code row keeps the second file's byte order mark)."""
    raw = open(SAMPLE, "rb").read()
    head = b"".join(raw.splitlines(keepends=True)[:3])
    path = tmp_path / "joined.csv"
    path.write_bytes(raw + head)
    return path


def test_each_repeated_header_row_is_one_problem(tmp_path):
    _, problems = read_responses(_joined(tmp_path))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (235, None, AGAIN), (236, None, AGAIN), (237, None, AGAIN)]


def test_skip_invalid_reads_the_export_alone(tmp_path):
    alone = load_responses(SAMPLE)
    data = load_responses(_joined(tmp_path), skip_invalid=True)
    assert data.attrs["skipped_rows"] == [235, 236, 237]
    assert (len(data), data["participant_id"].nunique()) == (231, 124)
    assert len(alone) == 231
    assert not any("scale" in note for note in data.attrs["matches"].notes)


def test_validate_says_three_problems(tmp_path):
    proc = cli("validate", _joined(tmp_path))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "3 problems on 3 rows" in out
    assert out.count("this row repeats the header row") == 3
    assert "not an answer on the scale" not in out


def test_the_same_in_an_xlsx(tmp_path):
    openpyxl = __import__("pytest").importorskip("openpyxl")
    with open(SAMPLE, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows + rows[:3]:  # the header rows again: sheet rows 235..237
        sheet.append(row)
    path = tmp_path / "joined.xlsx"
    book.save(path)
    _, problems = read_responses(path)
    assert [(p.row, p.message) for p in problems] == [
        (235, AGAIN), (236, AGAIN), (237, AGAIN)]
