"""Round 13c T6, T7: two files joined with `cat`, the second's header in another column order.

The row was not seen as a header (only the same order was): `--skip-invalid` dropped that one
row and read every row under it by the first file's columns (a swapped hope_1/hope_7 scored
each answer as the other statement; timepoint/participant_id swapped made ids timepoints).
Such a row is refused now, naming it, so the rows under it are never read by row 1's names.
"""

import pytest

from workbook.core.exceptions import DataError
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli, write

HEAD = ["participant_id", "timepoint", *IDS, "hours_per_week"]
SAYS = "row 4 is a header row again with its columns in another order"


def _joined(tmp_path, second, row):
    rows = [["a", "pre", *answers(3), "4"], ["b", "pre", *answers(4), "5"], second, row]
    return write(tmp_path, HEAD, rows)


def _swapped_items(tmp_path):
    second = ["participant_id", "timepoint", IDS[1], IDS[0], *IDS[2:], "hours_per_week"]
    return _joined(tmp_path, second, ["c", "pre", "5", "1", *answers(2)[2:], "3"])


def _swapped_ids(tmp_path):
    second = ["timepoint", "participant_id", *IDS, "hours_per_week"]
    return _joined(tmp_path, second, ["pre", "c", *answers(2), "3"])


@pytest.mark.parametrize("make", [_swapped_items, _swapped_ids])
def test_a_second_header_in_another_order_is_refused_even_with_skip_invalid(tmp_path, make):
    path = make(tmp_path)
    with pytest.raises(DataError, match=SAYS):
        read_responses(path)
    with pytest.raises(DataError, match=SAYS):
        load_responses(path, skip_invalid=True)
    proc = cli("cohort", path, "--out", tmp_path / "out", "--skip-invalid")
    assert proc.returncode != 0
    assert SAYS in proc.stderr
    assert not (tmp_path / "out" / "summary.csv").exists()


def test_long_form_second_header_with_ids_and_timepoints_swapped(tmp_path):
    head = ["participant_id", "timepoint", "item_id", "response"]
    rows = [["a", "pre", IDS[0], "3"], ["a", "pre", IDS[1], "3"],
            ["timepoint", "participant_id", "item_id", "response"],
            ["pre", "c", IDS[0], "2"]]
    path = write(tmp_path, head, rows)
    proc = cli("validate", path)
    assert proc.returncode != 0
    assert SAYS in proc.stderr


def test_the_same_order_is_still_one_problem_and_a_data_row_is_not_a_header(tmp_path):
    rows = [["a", "pre", *answers(3), "4"], ["b", "pre", *answers(4), "5"], HEAD,
            ["c", "pre", *answers(2), "3"]]
    _, problems = read_responses(write(tmp_path, HEAD, rows))
    assert [p.row for p in problems] == [4]
    # a person called "timepoint" with answers is a row of answers, not a header
    rows = [["a", "pre", *answers(3), "4"], ["timepoint", "pre", *answers(4), "5"]]
    data, problems = read_responses(write(tmp_path, HEAD, rows, name="b.csv"))
    assert problems == [] and list(data["participant_id"]) == ["a", "timepoint"]


def test_an_xlsx_second_header_in_another_order_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["a", "pre", *[3] * len(IDS), 4])
    sheet.append(["timepoint", "participant_id", *IDS, "hours_per_week"])
    sheet.append(["pre", "c", *[2] * len(IDS), 3])
    path = tmp_path / "joined.xlsx"
    book.save(path)
    with pytest.raises(DataError, match="row 3 is a header row again"):
        load_responses(path, skip_invalid=True)


def test_ids_and_timepoints_swapped_in_one_file_are_problems_not_timepoints(tmp_path):
    # round 13c T7's other half: a file whose header names the two columns the other way
    head = ["timepoint", "participant_id", *IDS, "hours_per_week"]
    rows = [["SUM-001", "pre", *answers(3), "4"], ["SUM-001", "post", *answers(4), "4"],
            ["SUM-002", "pre", *answers(2), "5"]]
    path = write(tmp_path, head, rows)
    _, problems = read_responses(path)
    assert sorted((p.row, p.column) for p in problems) == [
        (2, "participant_id"), (3, "participant_id"), (4, "participant_id")]
    assert all("columns swapped" in p.message for p in problems)
    with pytest.raises(Exception, match="columns swapped"):
        load_responses(path)
    proc = cli("cohort", path, "--out", tmp_path / "out", "--skip-invalid")
    assert proc.returncode != 0 and not (tmp_path / "out" / "summary.csv").exists()


def test_a_timepoint_that_is_a_participant_id_is_a_problem(tmp_path):
    rows = [["a", "pre", *answers(3), "4"], ["b", "pre", *answers(4), "5"],
            ["c", "a", *answers(2), "3"]]
    _, problems = read_responses(write(tmp_path, HEAD, rows))
    assert [(p.row, p.column, p.value) for p in problems] == [(4, "timepoint", "a")]
    assert "participant id of this file" in problems[0].message
