"""Round 14c W3: Qualtrics responses whose `Status` is a preview, a test or spam.

Qualtrics marks the coach's own preview and test runs (`Survey Preview`, `Survey Test`) and
responses it took for spam in its `Status` column (numbers 1, 2, 8 when the export holds
numeric values). They were analysed as participants without a word. Each is a problem now,
like an unfinished response: named by `validate`, left out by `--skip-invalid`.
"""

import csv
import io

import pytest

from workbook.core.exceptions import InvalidDataError
from workbook.core.resources import data_dir
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import cli


def _file(tmp_path, statuses):
    with open(data_dir() / "samples" / "qualtrics_export.csv", encoding="utf-8-sig",
              newline="") as handle:
        rows = list(csv.reader(handle))
    status = rows[0].index("Status")
    pid = rows[0].index("participant_id")
    body = rows[3:13]
    for i, value in enumerate(statuses):
        copy = list(body[0])
        copy[status], copy[pid] = value, f"TEST-{i}"
        body.append(copy)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*rows[:3], *body])
    path = tmp_path / "q.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("statuses", [["Survey Preview", "Survey Test", "Spam"], ["1", "2", "8"]],
                         ids=["labels", "numbers"])
def test_previews_tests_and_spam_are_problems(tmp_path, statuses):
    path = _file(tmp_path, statuses)
    _, problems = read_responses(path)
    named = [(p.row, p.column, p.value) for p in problems]
    assert named == [(14, "Status", statuses[0]), (15, "Status", statuses[1]),
                     (16, "Status", statuses[2])]
    assert "not a participant's" in problems[0].message
    with pytest.raises(InvalidDataError):
        load_responses(path)
    data = load_responses(path, skip_invalid=True)
    assert len(data) == 10 and data.attrs["skipped_rows"] == [14, 15, 16]
    assert not data["participant_id"].astype(str).str.startswith("TEST").any()


def test_ordinary_responses_are_not_problems(tmp_path):
    path = _file(tmp_path, ["IP Address", "0", "Imported"])
    _, problems = read_responses(path)
    assert problems == []


def test_validate_names_them(tmp_path):
    proc = cli("validate", _file(tmp_path, ["Survey Preview"]))
    assert proc.returncode != 0
    assert "row 14, column Status" in proc.stdout + proc.stderr
