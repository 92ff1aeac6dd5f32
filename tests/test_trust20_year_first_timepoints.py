"""Round 14c W1: a timepoint written `2026-12-2` (year first, no leading zero) is a date.

Only `2026-12-02` and day/month-first dates (`05/01/2027`) were read as dated timepoints: one
day written `2026-12-2` and `2026-12-02` was two timepoints, the unpadded one placed after
January (it was a label), while the `date` column read the same spelling as 2 December.
Year-first timepoints with one-digit months or days, or `/` and `.` between, are read as the
date now (never ambiguous), and a note says so.
"""

from workbook.core.instrument import resolve
from workbook.core.timepoints import in_order
from workbook.responses.io import load_responses

from .reading_helpers import cli, write

IDS = resolve(None).item_ids


def _file(tmp_path):
    firsts = ["2026-12-02", "2026-12-2", "2026/12/02", "2026.12.2", "2027-01-05"]
    rows = [[f"P{i:02d}", tp, *[3] * len(IDS), 4] for i in range(10)
            for tp in (firsts[i % 5], "2027-02-01")]
    return write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week"], rows)


def test_year_first_dates_without_leading_zeros_are_one_dated_timepoint(tmp_path):
    data = load_responses(_file(tmp_path))
    counts = data["timepoint"].value_counts().to_dict()
    assert counts == {"2026-12-02": 8, "2027-01-05": 2, "2027-02-01": 10}
    assert ("timepoints written as dates, read as year-first dates: '2026-12-2' -> "
            "'2026-12-02', '2026.12.2' -> '2026-12-02', '2026/12/02' -> '2026-12-02'"
            ) in data.attrs["matches"].notes
    assert in_order(data["timepoint"]) == ["2026-12-02", "2027-01-05", "2027-02-01"]


def test_validate_names_the_reading(tmp_path):
    proc = cli("validate", _file(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "'2026-12-2' -> '2026-12-02'" in proc.stdout + proc.stderr


def test_two_dates_that_differ_only_by_their_dashes_stay_two_days(tmp_path):
    # `2026-1-22` and `2026-12-2` without their dashes are both `2026122`: they were one
    # timepoint spelled the first way; they are 22 January and 2 December
    rows = [["a", "2026-1-22", *[3] * len(IDS), 4], ["a", "2026-12-2", *[4] * len(IDS), 4]]
    path = write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week"], rows)
    data = load_responses(path)
    assert list(data["timepoint"]) == ["2026-01-22", "2026-12-02"]
    assert not any("more than one way" in n for n in data.attrs["matches"].notes)


def test_dates_with_a_time_of_day_are_their_day(tmp_path):
    # round 14c's summary: `2026-11-15 9:30` and `15/11/2026 09:30` were labels of their own
    firsts = ["2026-11-15", "2026-11-15 9:30", "15/11/2026 09:30", "2026/11/15"]
    rows = [[f"P{i}", tp, *[3] * len(IDS), 4] for i, tp in enumerate(firsts)]
    path = write(tmp_path, ["participant_id", "timepoint", *IDS, "hours_per_week"], rows)
    data = load_responses(path)
    assert list(data["timepoint"]) == ["2026-11-15"] * 4
