"""CSV writing: every field that needs quoting is quoted, and no line inside a cell is a formula."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from workbook.core.files import csv_text, neutralise_formulas, write_csv

HOSTILE = [
    "a\r=HYPERLINK(\"http://x\",\"y\")",
    "b\n+1",
    "c\r\n-2",
    "d\r@SUM(A1)",
    "e,f",
    'g"h',
    "\r=1",
    "plain",
]


def _read_back(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _lines_in_cells(rows):
    return [line for row in rows for cell in row for line in cell.splitlines()]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_hostile_cell_stays_in_its_row_and_runs_no_formula(tmp_path, cell):
    table = pd.DataFrame({"note": [cell, "after"], "n": [1, 2]})
    rows = _read_back(write_csv(table, tmp_path / "t.csv"))
    assert len(rows) == 3  # header and two rows: the row did not split
    assert rows[2] == ["after", "2"]
    assert rows[1][1] == "1"
    for line in _lines_in_cells(rows):
        assert not line.startswith(("=", "+", "-", "@")), line
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert back.shape == (2, 2)
    assert back["n"].tolist() == [1, 2]


def test_the_guard_adds_one_apostrophe_per_risky_line_start():
    out = neutralise_formulas(pd.DataFrame({"x": ["a\r=X", "=Y\n-Z", "ok\n", "1-2"]}))
    assert out["x"].tolist() == ["a\r'=X", "'=Y\n'-Z", "ok\n", "1-2"]


def test_a_carriage_return_in_a_cell_is_quoted(tmp_path):
    text = csv_text(pd.DataFrame({"x": ["a\rb"], "y": [1.5]}))
    assert text == '"x","y"\n"a\rb","1.5"\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["x", "y"], ["a\rb", "1.5"]]


def test_plain_tables_are_written_as_before():
    table = pd.DataFrame({"x": ["a", "b,c", None], "y": [1.0, np.nan, 3.25]})
    assert csv_text(table) == 'x,y\na,1.0\n"b,c",\n,3.25\n'


def test_full_precision_is_kept(tmp_path):
    table = pd.DataFrame({"p": [1e-9, 56.25, 1 / 3]})
    back = pd.read_csv(write_csv(table, tmp_path / "p.csv"))
    assert back["p"].tolist() == [1e-9, 56.25, 1 / 3]


def test_column_names_are_guarded_and_quoted_too(tmp_path):
    table = pd.DataFrame({"=cmd\rx": ["v"], "ok": ["w\r=z"]})
    rows = _read_back(write_csv(table, tmp_path / "h.csv"))
    assert rows == [["'=cmd\rx", "ok"], ["v", "w\r'=z"]]


def test_without_the_guard_the_text_round_trips_exactly(tmp_path):
    table = pd.DataFrame({"north_star": ["line one\rline two", "=not a formula"], "n": [1, 2]})
    back = pd.read_csv(write_csv(table, tmp_path / "raw.csv", guard=False))
    assert back["north_star"].tolist() == table["north_star"].tolist()


def test_files_are_private(tmp_path):
    path = write_csv(pd.DataFrame({"x": [1]}), tmp_path / "m.csv")
    assert path.stat().st_mode & 0o777 == 0o600


def test_categorical_and_index_cells_are_checked():
    table = pd.DataFrame({"c": pd.Categorical(["a\rb", "=x"])}, index=pd.Index(["i", "j"]))
    rows = list(csv.reader(io.StringIO(csv_text(table, index=True), newline="")))
    assert rows == [["", "c"], ["i", "a\rb"], ["j", "'=x"]]


def test_an_output_that_is_not_a_regular_file_is_never_replaced(tmp_path):
    import os

    from workbook.core.exceptions import WorkbookError
    from workbook.core.files import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WorkbookError, match="cannot write to .*pipe: it is not a regular file"):
        atomic_write(fifo, "scores")
    assert not fifo.is_file() and fifo.exists()  # still the FIFO
    with pytest.raises(WorkbookError, match="cannot write to .*: it is a folder"):
        atomic_write(tmp_path, "scores")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
