"""Round 13c T15: a semicolon CSV starting with Excel's `sep=;` line gave one problem per row
("this row has more cells than the header's 2 ..."), never naming line 1. It is one error
naming that line now, whatever the command."""

import pytest

from workbook.core.exceptions import DataError
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli

SAYS = "line 1 is 'sep=;', a spreadsheet's note of the separator, not the header row"


def _sep_file(tmp_path, first="sep=;"):
    head = ["participant_id", "timepoint", *IDS]
    rows = [head, ["a", "pre", *answers(3)], ["b", "pre", *answers(4)]]
    path = tmp_path / "sep.csv"
    path.write_text(first + "\r\n" + "".join(";".join(r) + "\r\n" for r in rows),
                    encoding="utf-8-sig")
    return path


def test_the_separator_line_is_one_error_naming_it(tmp_path):
    path = _sep_file(tmp_path)
    with pytest.raises(DataError, match=SAYS):
        read_responses(path)
    with pytest.raises(DataError, match=SAYS):
        load_responses(path, skip_invalid=True)
    proc = cli("validate", path)
    assert proc.returncode != 0
    assert SAYS in proc.stderr
    assert "more cells than the header" not in proc.stdout + proc.stderr


def test_without_the_line_the_file_reads(tmp_path):
    path = _sep_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8-sig").split("\n", 1)[1], encoding="utf-8")
    data = load_responses(path)
    assert list(data["participant_id"]) == ["a", "b"]
