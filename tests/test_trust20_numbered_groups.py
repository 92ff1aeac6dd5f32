"""Round 14c W5: groups numbered 1, 2, 3 in a file whose participant ids are numbers.

The values are refused as participant ids (by the README's rule: they are ids of the file),
but the advice said to "group by a column such as cohort" when the column refused was
`cohort`, leaving the coach no way forward. The advice now says what to do: write the groups
as names (such as 'group 1'), and names `cohort` only when another column was refused.
"""

import pandas as pd
import pytest

from workbook.cohort.groups import check_grouping
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve

from .reading_helpers import cli, write

IDS = resolve(None).item_ids


def _frame(column):
    return pd.DataFrame({"participant_id": [str(i) for i in range(1, 41)],
                         column: [str(1 + i % 3) for i in range(40)]})


def test_numbered_cohorts_get_advice_they_can_follow():
    with pytest.raises(DataError) as caught:
        check_grouping(_frame("cohort"), "cohort")
    said = str(caught.value)
    assert "3 of its 3 values are participant ids of this file" in said
    assert "such as cohort" not in said
    assert "the participant ids are numbers too" in said
    assert "'group 1'" in said


def test_another_column_of_ids_still_points_to_cohort():
    frame = _frame("mentor")
    frame["mentor"] = ["P1", "P2"] * 20
    frame["participant_id"] = [f"P{i}" for i in range(1, 41)]
    with pytest.raises(DataError, match="group by a column such as cohort"):
        check_grouping(frame, "mentor")


def test_cohort_command_says_it(tmp_path):
    rows = [[i, 1 + i % 3, tp, *[3] * len(IDS), 4] for i in range(1, 41) for tp in ("pre", "post")]
    path = write(tmp_path, ["participant_id", "cohort", "timepoint", *IDS, "hours_per_week"], rows)
    proc = cli("cohort", path, "--out", tmp_path / "out", "--by", "cohort")
    assert proc.returncode != 0
    assert "such as cohort" not in proc.stderr
    assert "the participant ids are numbers too" in proc.stderr
