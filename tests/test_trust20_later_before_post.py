"""Round 14c W20: a later timepoint dated before the person's `post`.

A mid-workshop check (timepoint `2026-03-15`, or `followup`, `date` 2026-03-15) answered by
people whose `post` is dated 2026-04-01 was read as later than `post`: its counts replaced
the post counts (20 of 30 instead of 30 of 30), and `validate` said nothing. Such a row is a
problem now, like `post` dated before `pre`: the outcome reads a timepoint other than pre and
post as after post, its date says otherwise.
"""

import pytest

from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import write

IDS = resolve(None).item_ids
HEAD = ["participant_id", "timepoint", "date", *IDS, "hours_per_week", "conversations_held"]


def _file(tmp_path, label, day):
    rows = []
    for i in range(6):
        rows += [[f"P{i}", "pre", "2026-03-01", *[3] * len(IDS), 4, ""],
                 [f"P{i}", "post", "2026-04-01", *[4] * len(IDS), 4, 3]]
        if i < 2:
            rows.append([f"P{i}", label, day, *[3] * len(IDS), 4, 0])
    return write(tmp_path, HEAD, rows)


@pytest.mark.parametrize("label", ["2026-03-15", "followup"])
def test_a_later_timepoint_dated_before_post_is_a_problem(tmp_path, label):
    path = _file(tmp_path, label, "2026-03-15")
    _, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(4, "date"), (7, "date")]
    assert "before 2026-04-01 at post (row 3)" in problems[0].message
    with pytest.raises(InvalidDataError):
        load_responses(path)
    data = load_responses(path, skip_invalid=True)
    assert data.attrs["skipped_rows"] == [4, 7] and len(data) == 12


def test_a_later_timepoint_dated_after_post_is_fine(tmp_path):
    _, problems = read_responses(_file(tmp_path, "followup", "2026-05-01"))
    assert problems == []
