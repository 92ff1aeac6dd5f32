"""attacks5 C2: a quote typed at the start of a cell (`"pre`) opened a quoted cell that ran to
the next quote in the file, 7 lines down: 8 responses were read as one row, `validate` named
"3 problems on 1 row" and `score --skip-invalid` dropped the 8 responses saying "skipped 1 row".
The file is refused now, naming the row and column where the quote opens and the lines it
swallows; a note written over two lines inside quotes is still one cell."""

from pathlib import Path

import pytest

from workbook.core.exceptions import DataError
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_cohort.csv"


def _quoted(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("SPR-003,2026-spring,pre,")
    lines[3] = lines[3].replace(",pre,", ',"pre,', 1)  # the round's reproduction
    path = tmp_path / "quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


WORDS = ('row 4, column timepoint: a quote (") opens this cell and is never closed where the '
         "cell should end, so 8 lines of the file (lines 4 to 11) are read as one cell")


def test_reading_refuses_the_swallowing_cell(tmp_path):
    path = _quoted(tmp_path)
    with pytest.raises(DataError) as err:
        read_responses(path)
    assert WORDS in str(err.value)
    with pytest.raises(DataError, match="lines 4 to 11"):
        load_responses(path, skip_invalid=True)


def test_validate_and_skip_invalid_refuse(tmp_path):
    path = _quoted(tmp_path)
    for args in (["validate", path], ["score", path, "--skip-invalid", "--out",
                                      tmp_path / "q.csv"]):
        proc = cli(*args)
        assert proc.returncode != 0
        assert WORDS in proc.stderr
        assert "skipped 1 row" not in proc.stdout + proc.stderr
    assert not (tmp_path / "q.csv").exists()


def test_a_note_over_two_lines_is_still_one_cell(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    at = header.index("notes")
    cells[at] = '"first line, second part\nthird, fourth, fifth"'
    lines[3] = ",".join(cells)
    path = tmp_path / "note.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = load_responses(path)
    assert len(data) == 231
    assert data.loc[data["participant_id"] == "SPR-003", "notes"].iloc[0] == (
        "first line, second part\nthird, fourth, fifth")
