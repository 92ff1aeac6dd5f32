"""Issue 20, session 6 (attacks3 A5): timepoints written as day-first dates are dates."""
from workbook.cohort.analysis import analyse
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import write

IDS = resolve(None).item_ids


def _file(tmp_path):
    # each person: 1 Nov held 0, 20 Nov held 2, 10 Nov held 1 (the latest is not the last row)
    rows = [[f"c{p}", tp, *[4] * len(IDS), 4, held] for p in range(6)
            for tp, held in (("01/11/2026", 0), ("20/11/2026", 2), ("10/11/2026", 1))]
    return write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week",
                            "conversations_held"], rows)


def test_day_first_timepoints_with_dates_dmy_are_dates(tmp_path):
    data = load_responses(_file(tmp_path), dates="dmy")
    assert sorted(data["timepoint"].unique()) == ["2026-11-01", "2026-11-10", "2026-11-20"]
    assert ("timepoints written as dates, read as year-first dates (--dates dmy): "
            "'01/11/2026' -> '2026-11-01', '10/11/2026' -> '2026-11-10', '20/11/2026' -> "
            "'2026-11-20'") in data.attrs["matches"].notes
    outcome = analyse(data)["outcome"]
    assert int(outcome.iloc[0]["total_held"]) == 12  # six people's latest (20 Nov) count of 2


def test_day_first_timepoints_without_dates_are_named(tmp_path):
    data = load_responses(_file(tmp_path))
    assert ("timepoints that look like dates but could be day first or month first "
            "('01/11/2026', '10/11/2026') are read as labels, not dates: say which with "
            "--dates dmy or --dates mdy") in " ".join(data.attrs["matches"].notes)
