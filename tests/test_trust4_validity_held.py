"""Issue 20, session 6 (attacks3 A22): validity says what the reading note says when the
counts of conversations are on the pre rows only."""
from workbook.cohort.validity import validity
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import write

IDS = resolve(None).item_ids


def _held_on(tmp_path, where):
    rows = []
    for p in range(6):
        rows.append([f"c{p}", "pre", *[3] * len(IDS), 4, p if where == "pre" else ""])
        rows.append([f"c{p}", "post", *[4] * len(IDS), 4, p if where == "post" else ""])
    return load_responses(write(tmp_path, ["participant_id", "timepoint", *IDS,
                                           "hours_per_week", "conversations_held"], rows))


def test_validity_says_the_counts_are_on_pre_rows_only(tmp_path):
    result = validity(_held_on(tmp_path, "pre"))
    assert result.withheld == (
        "Nothing to check: conversations_held is filled on 6 pre rows and on no post row; the "
        "outcome reads each person's latest answers, so none of them is counted: write each "
        "count on that person's post row.")


def test_validity_with_no_count_anywhere_says_no_one_said(tmp_path):
    result = validity(_held_on(tmp_path, "none"))
    assert result.withheld == ("Nothing to check: no one with a readiness score said how many "
                               "conversations they held (conversations_held).")
