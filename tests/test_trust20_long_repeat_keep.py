"""Round 14c W16: in the long form, a response given twice (same person and timepoint, two
dates) is a repeat `--keep` settles, as in the wide form.

Each answer was "answers this item more than once": `--keep last` changed nothing and
`--keep last --skip-invalid` dropped both copies (50 rows), so the person had no `pre`.
The answers of one participant, timepoint and date are one response now when the copies
differ by date; `--keep` chooses by date.
"""

import pytest

from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import write

IDS = resolve(None).item_ids
HEAD = ["participant_id", "timepoint", "item_id", "response", "date", "hours_per_week"]


def _file(tmp_path):
    rows = [["a", "pre", i, 2, "2026-03-04", 5] for i in IDS]
    rows += [["a", "post", i, 3, "2026-04-01", 5] for i in IDS]
    rows += [["b", "pre", i, 3, "2026-03-04", 5] for i in IDS]
    rows += [["a", "pre", i, 4, "2026-03-05", 6] for i in IDS]  # a's pre given again
    return write(tmp_path, HEAD, rows)


def test_keep_last_keeps_the_later_response(tmp_path):
    data = load_responses(_file(tmp_path), keep="last")
    pre = data[(data["participant_id"] == "a") & (data["timepoint"] == "pre")]
    assert len(pre) == 1
    assert pre[IDS[0]].iloc[0] == 4 and pre["hours_per_week"].iloc[0] == 6
    assert len(data) == 3


def test_keep_first_keeps_the_earlier_response(tmp_path):
    data = load_responses(_file(tmp_path), keep="first")
    pre = data[(data["participant_id"] == "a") & (data["timepoint"] == "pre")]
    assert pre[IDS[0]].iloc[0] == 2 and pre["hours_per_week"].iloc[0] == 5


def test_without_keep_it_is_one_repeat_not_fifty_answers(tmp_path):
    _, problems = read_responses(_file(tmp_path))
    assert problems and all("more than once at timepoint 'pre'" in p.message for p in problems)
    assert len(problems) == 2  # the two responses, as in the wide form
    with pytest.raises(InvalidDataError):
        load_responses(_file(tmp_path))
