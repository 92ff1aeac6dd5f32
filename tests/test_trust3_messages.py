"""Issue 20, session 6: small messages (N11) that must say what happened."""
import pytest

from workbook.io import load_responses

from .reading_helpers import IDS, answers, write


def _dated(tmp_path, dates):
    """Participant 'a' answers pre once per date (answers 1, 2, ...); 'b' once, dated."""
    rows = [["a", "pre", d, *answers(i + 1)] for i, d in enumerate(dates)]
    rows.insert(1, ["b", "pre", "2026-03-01", *answers(5)])
    return write(tmp_path, ["participant_id", "timepoint", "date", *IDS], rows)


@pytest.mark.parametrize(("keep", "kept", "gone"), [("first", 2, 4), ("last", 4, 2)])
def test_keep_with_two_rows_of_one_date_says_the_dates_tie(tmp_path, keep, kept, gone):
    data = load_responses(_dated(tmp_path, ["2026-03-20", "2026-03-20"]), keep=keep)
    assert data.attrs["left_out"] == [(gone, "a", "pre", kept)]
    assert data.attrs["matches"].notes[-1] == (
        f"--keep {keep}: left out 1 repeated response: row {gone} ('a', pre; kept row {kept}; "
        "by file order, as rows 2 and 4 have the same date, 2026-03-20)")


def test_keep_with_a_latest_date_says_nothing_of_file_order(tmp_path):
    data = load_responses(_dated(tmp_path, ["2026-03-20", "2026-03-20", "2026-03-25"]),
                          keep="last")
    assert data.attrs["matches"].notes[-1] == (
        "--keep last: left out 2 repeated responses: row 2 ('a', pre; kept row 5); "
        "row 4 ('a', pre; kept row 5)")
