"""An export format is one record in ``workbook/responses/exports.py`` (``FORMATS``).

The test adds a made-up tool ("Survey X": ``Submitted`` first, then ``Respondent`` and
``Wave`` for the kit's ``participant_id`` and ``timepoint``) exactly as
docs/architecture.md tells a newcomer to, and reads the bundled sample written its way: the
table must be the sample's own, and the tool's ``Submitted`` column must stay out of it.
"""

from __future__ import annotations

import pandas as pd
import pytest

import workbook
from workbook.responses import exports

SURVEY_X = exports.ExportFormat(
    "survey_x",
    recognise=lambda keys: keys[:3] == ["submitted", "respondent", "wave"],
    metadata=("Submitted",),
    columns={"Respondent": "participant_id", "Wave": "timepoint"},
)


@pytest.fixture
def survey_x(monkeypatch):
    monkeypatch.setattr(exports, "FORMATS", [*exports.FORMATS, SURVEY_X])


def written_as_survey_x(tmp_path):
    sample = pd.read_csv(workbook.sample_path(), dtype=str, keep_default_na=False)
    made = sample.rename(columns={"participant_id": "Respondent", "timepoint": "Wave"})
    made.insert(0, "Submitted", "2026-11-05 10:00")
    made = made[["Submitted", "Respondent", "Wave",
                 *[c for c in made.columns if c not in ("Submitted", "Respondent", "Wave")]]]
    path = tmp_path / "survey-x.csv"
    made.to_csv(path, index=False)
    return path


def test_a_new_format_is_one_record(survey_x, tmp_path):
    table = workbook.load_responses(written_as_survey_x(tmp_path))
    expected = workbook.load_responses(workbook.sample_path())
    assert table.attrs["export"] == "survey_x"
    assert "Submitted" not in table.columns and "Respondent" not in table.columns
    pd.testing.assert_frame_equal(table[expected.columns].reset_index(drop=True),
                                  expected.reset_index(drop=True))
    lines = table.attrs["matches"].lines()
    assert lines[0].startswith("layout: survey x")
    assert any("Submitted" in line for line in lines)  # said to be the tool's own column


def test_without_the_record_the_file_is_not_understood(tmp_path):
    with pytest.raises(workbook.DataError, match="participant_id"):
        workbook.load_responses(written_as_survey_x(tmp_path))


def test_the_known_formats_are_recognised_as_before():
    assert exports.detect_layout(["Timestamp", "Q"]).name == "google_forms"
    assert exports.detect_layout(["ID", "Start time", "Completion time"]).name == "microsoft_forms"
    assert exports.detect_layout(["participant_id", "timepoint"]).name == "canonical"
    microsoft = exports.detect_layout(["ID", "Start time", "Completion time"])
    assert microsoft.format.list_separator == ";"
    assert exports.export_format("nothing").name == "canonical"
