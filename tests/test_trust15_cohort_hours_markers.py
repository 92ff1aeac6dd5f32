"""Round 9a H8: the not-answered markers read as "not answered" in every numeric cell.

The README: "An empty or space-only cell, `NA`, `N/A`, `-` or `skipped` counts as "not
answered"". hours_per_week written `NA` refused the whole file (an empty cell was fine).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbook import load_responses, validate
from workbook.cli import main
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.validation import not_answered

MARKERS = ["NA", "N/A", "-", "skipped", " Skipped ", "n/a", "", " "]


def survey(hours: list, held: list) -> pd.DataFrame:
    rows = []
    for k, (h, c) in enumerate(zip(hours, held)):
        answers = {item.id: 3 for item in resolve(None).items}
        rows.append({"participant_id": f"p{k}", "timepoint": "post", **answers,
                     schema.HOURS: h, schema.CONVERSATIONS_HELD: c})
    return pd.DataFrame(rows)


def test_one_list_of_markers_for_every_numeric_column():
    assert not_answered(MARKERS).tolist() == [True] * len(MARKERS)
    assert not_answered(["3", "0", "lots"]).tolist() == [False, False, False]


@pytest.mark.parametrize("marker", MARKERS)
def test_hours_written_as_a_marker_are_not_answered(tmp_path, marker):
    data = survey([marker, "4", "2,5"], [marker, "2", "0"])
    path = tmp_path / "s.csv"
    data.to_csv(path, index=False)
    assert validate(pd.read_csv(path, dtype=str, keep_default_na=False)) == []
    read = load_responses(path)
    hours = read[schema.HOURS].tolist()
    assert math.isnan(hours[0]) and hours[1:] == [4.0, 2.5]
    held = read[schema.CONVERSATIONS_HELD]
    assert held.isna().tolist() == [True, False, False] and held.iloc[1:].tolist() == [2, 0]


def test_cli_validate_and_cohort_take_the_file(tmp_path, capsys):
    data = survey(["NA", "N/A", "-", "skipped", "3", "4"], ["0", "NA", "1", "2", "0", "1"])
    path = tmp_path / "s.csv"
    data.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 0
    assert "no problems in 6 response(s)" in capsys.readouterr().out
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    # what is not a number, and not a marker, is still a problem naming row and column
    bad = survey(["lots", "4"], ["0", "1"])
    bad.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "row 2, column hours_per_week, value lots" in out
