"""Round 13c T9: a workshop's own follow-up written as a date beside pre/post was refused as "a
workspace export" joined in, counting the same people twice. When every person on a dated row
also answers pre/post it is the workshop's later timepoint now; a file whose dated rows hold
other people is still refused."""

import pytest

from workbook.cohort.analysis import analyse
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import write

IDS = resolve(None).item_ids
HEAD = ["participant_id", "timepoint", *IDS, "hours_per_week", "conversations_held"]


def _rows(extra_person=None):
    rows = []
    for p in range(8):
        rows.append([f"w{p}", "pre", *[3] * len(IDS), 4, ""])
        rows.append([f"w{p}", "post", *[4] * len(IDS), 4, 1])
    for p in range(4):  # half of them answer again on 1 December, with a later count
        rows.append([f"w{p}", "2026-12-01", *[4] * len(IDS), 4, 3])
    if extra_person:
        rows.append([extra_person, "2026-12-01", *[4] * len(IDS), 4, 2])
    return rows


def test_a_dated_follow_up_of_the_workshops_own_people_is_read(tmp_path):
    data = load_responses(write(tmp_path, HEAD, _rows()))
    result = analyse(data)
    outcome = result["outcome"]
    everyone = outcome.iloc[0]
    # 4 people's latest count is 3 (1 December), the other 4 keep post's 1: 4*3 + 4*1
    assert int(everyone["total_held"]) == 16
    assert list(dict.fromkeys(result["summary"]["timepoint"])) == ["pre", "post", "2026-12-01"]


def test_dated_rows_of_other_people_are_still_refused(tmp_path):
    data = load_responses(write(tmp_path, HEAD, _rows(extra_person="client-9")))
    with pytest.raises(DataError, match="the file mixes a workshop's pre/post answers"):
        analyse(data)
