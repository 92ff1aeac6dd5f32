"""Reading does less work on a large file and says the same (issue 23, session 9).

- One pass over the file's bytes (``raw.file_marks``) counts its line ends: when there is one
  per record, no cell can hold a line break and the cell-by-cell look for a stray quote
  (``raw.swallowed_rows``) is skipped; a quoted line break, a stray quote, a last line with
  no line end, ``\\r\\n`` and old-Mac ``\\r`` endings still take the look.
- The participant ids are hashed once: validation takes the codes reshaping made while the
  table's id column is still the array they came from (``io._read_ids``).
- ``versions._fits`` builds its frames from numpy booleans.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbook.core.exceptions import DataError
from workbook.core.instrument import load_instrument
from workbook.core.validation import checked
from workbook.responses import io, raw
from workbook.responses.io import load_responses, read_responses

INST = load_instrument()
HEADER = "participant_id,timepoint," + ",".join(INST.item_ids) + ",notes"


def _row(pid, tp="pre", note=""):
    return f"{pid},{tp}," + ",".join(["3"] * len(INST.item_ids)) + f",{note}"


def _counted(data: bytes) -> int:
    """Line ends as pandas counts them, by hand: each \\r\\n, \\r and \\n once."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_file_marks_count_line_ends_across_chunks(tmp_path, monkeypatch, chunk):
    # A "\r\n" cut by a chunk's end is one line end, not two.
    monkeypatch.setattr(raw, "_CHUNK", chunk)
    rng = np.random.default_rng(chunk)
    for k in range(30):
        data = bytes(rng.choice(list(b"ab,\r\n\"\x00"), size=int(rng.integers(1, 60))))
        path = tmp_path / f"f{k}.csv"
        path.write_bytes(data)
        marks = raw.file_marks(path)
        assert marks.line_ends == _counted(data), data
        assert marks.zero_byte == (b"\x00" in data)
        assert marks.ends_with_line_end == (data[-1:] in (b"\r", b"\n"))


def test_file_marks_by_hand(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'id,note\r\na,"two\nlines"\rb,x\r\n\n')
    marks = raw.file_marks(path)
    # \r\n, \n (quoted), \r, \r\n, \n
    assert (marks.line_ends, marks.zero_byte, marks.ends_with_line_end) == (5, False, True)
    # header + 3 records (a, b, the blank line): 5 line ends, one too many -> look
    assert not marks.no_break_in_cells(4)
    assert marks.no_break_in_cells(5)


def _write(tmp_path, text: str, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_stray_quote_is_still_found(tmp_path, end):
    # The quote opened in row 2 swallows rows 3-5 (lines 2 to 5 of the file) whatever the
    # line ends, and with or without a line end after the last line.
    rows = [HEADER, _row("a", note='"oops'), _row("b"), _row("c"), _row("d", note='x"'),
            _row("e")]
    for last in (end, ""):
        path = _write(tmp_path, end.join(rows) + last)
        with pytest.raises(DataError) as caught:
            read_responses(path)
        message = str(caught.value)
        assert "row 2, column notes: a quote (\") opens this cell" in message
        assert "4 lines of the file (lines 2 to 5)" in message


def test_a_note_over_two_lines_is_read(tmp_path):
    # A quoted note with a line break is a cell, not a stray quote; no line end at the end.
    path = _write(tmp_path, "\n".join([HEADER, _row("a", note='"two\nlines"'), _row("b")]))
    data = load_responses(path)
    assert data["notes"].tolist()[0] == "two\nlines"
    assert data.index.tolist() == [2, 3]  # rows as a spreadsheet shows them


def test_the_cell_look_is_skipped_when_each_record_has_one_line_end(tmp_path, monkeypatch):
    looked = []
    original = raw.swallowed_rows
    monkeypatch.setattr(raw, "swallowed_rows",
                        lambda *a: looked.append(1) or original(*a))
    plain = _write(tmp_path, "\n".join([HEADER, _row("a", note='"x, y"'), _row("b")]) + "\n",
                   "plain.csv")
    read_responses(plain)
    assert looked == []
    quoted = _write(tmp_path, "\n".join([HEADER, _row("a", note='"x\ny"'), _row("b")]) + "\n",
                    "quoted.csv")
    read_responses(quoted)
    assert looked == [1]


def test_ids_are_hashed_once_and_say_the_same(tmp_path, monkeypatch):
    # An empty id, a repeat and a plain file: the problems are those validation finds alone.
    path = _write(tmp_path, "\n".join([HEADER, _row("a"), _row(""), _row("a"),
                                       _row("b", "post")]) + "\n")
    taken = []
    original = io._read_ids
    monkeypatch.setattr(io, "_read_ids", lambda t, ids: taken.append(original(t, ids))
                        or taken[-1])
    table, problems = read_responses(path)
    assert taken[0] is not None  # the codes reshaping made were used
    codes, texts = taken[0]
    assert codes.tolist() == [0, -1, 0, 1] and texts.tolist() == ["a", "b"]
    alone, _ = checked(table, INST)
    assert [str(p) for p in problems] == [str(p) for p in alone]
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (3, "participant_id"),
                                                    (4, "participant_id")]


def test_ids_not_taken_once_rows_are_left_out(tmp_path, monkeypatch):
    # --keep leaves a row out: the table's ids are no longer the array they were read from.
    path = _write(tmp_path, "\n".join([HEADER, _row("a"), _row("a"), _row("b")]) + "\n")
    taken = []
    original = io._read_ids
    monkeypatch.setattr(io, "_read_ids", lambda t, ids: taken.append(original(t, ids))
                        or taken[-1])
    data = load_responses(path, keep="last")
    assert taken == [None]
    assert data.index.tolist() == [3, 4]


def test_ids_not_taken_when_an_id_was_cleaned(tmp_path, monkeypatch):
    path = _write(tmp_path, "\n".join([HEADER, _row(" a"), _row("b")]) + "\n")
    taken = []
    original = io._read_ids
    monkeypatch.setattr(io, "_read_ids", lambda t, ids: taken.append(original(t, ids))
                        or taken[-1])
    data = load_responses(path)
    assert taken == [None]
    assert data["participant_id"].tolist() == ["a", "b"]


def test_fits_frames_are_booleans():
    from workbook.core.versions import _fits

    table = pd.DataFrame({"hope_1": [4.0, None], "hope_6": [None, 3.0]})
    versions, fits, answered = _fits(table, INST)
    assert all(str(dtype) == "bool" for fit in fits for dtype in fit.dtypes)
    assert all(str(dtype) == "bool" for dtype in answered.dtypes)
    # an ingredient with no column: answered nowhere, fits every version
    assert answered["time"].tolist() == [False, False]
    assert all(fit["time"].tolist() == [True, True] for fit in fits)


@pytest.mark.parametrize("ids, pairs", [
    (["ing-000001", "ing-000002", "ing-000003"], []),   # one length, one mark at one place
    (["P000001", "P000002"], []),                       # no mark, one case
    (["AUT-001", "aut-001"], [("AUT-001", "aut-001")]),  # two cases: looked at
    (["a-b1", "ab-1"], [("a-b1", "ab-1")]),              # marks at other places
    (["A-1", "A_1"], [("A-1", "A_1")]),                  # other marks at the same place
    (["AU-1", "AU-12", "AU1"], [("AU-1", "AU1")]),       # lengths differ: the set of keys
])
def test_look_alike_ids_found_as_before(ids, pairs):
    from workbook.responses.reshape import _look_alike_ids

    notes = _look_alike_ids(ids)
    if not pairs:
        assert notes == []
    else:
        assert len(notes) == 1
        for a, b in pairs:
            assert f"'{a}' and '{b}'" in notes[0]
