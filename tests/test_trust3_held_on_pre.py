"""Issue 20, session 6 (attacks3 A22): conversations_held written on pre rows only is named."""
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import write

IDS = resolve(None).item_ids


def test_counts_on_pre_rows_only_are_named(tmp_path):
    rows = []
    for p in range(6):
        rows.append([f"c{p}", "pre", *[3] * len(IDS), 4, p])
        rows.append([f"c{p}", "post", *[4] * len(IDS), 4, ""])
    path = write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week",
                            "conversations_held"], rows)
    data = load_responses(path)
    assert ("conversations_held is filled on 6 pre rows and on no post row; the outcome reads "
            "each person's latest answers, so none of them is counted: write each count on "
            "that person's post row") in data.attrs["matches"].notes


def test_counts_on_post_rows_say_nothing(tmp_path):
    rows = []
    for p in range(6):
        rows.append([f"c{p}", "pre", *[3] * len(IDS), 4, ""])
        rows.append([f"c{p}", "post", *[4] * len(IDS), 4, p])
    path = write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week",
                            "conversations_held"], rows)
    data = load_responses(path)
    assert not any("conversations_held is filled" in n for n in data.attrs["matches"].notes)
