"""Round 13b S2 follow-up: bad step minutes or a bad chosen pace in an export's cells (text,
negative, 0, 1e400, more than the time page allows) were silently ignored (the usual minutes
applied). They are a problem like any other cell: `validate` names row, column and value;
`score` refuses the file; `--skip-invalid` keeps the answers, leaves that cell empty and
says so (as hours a week are handled)."""

import pandas as pd
import pytest

from tests.test_trust19_export_minutes import export, make_workspace
from workbook.cli import main
from workbook.core.validation import validate
from workbook.reports.participant import participant_report
from workbook.responses.io import load_responses


def bad_export(tmp_path, capsys, column, value):
    make_workspace(tmp_path / "ws")
    out = export(tmp_path, capsys)
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    table[column] = [value]
    table.to_csv(out, index=False)
    return out


@pytest.mark.parametrize("column,value", [
    ("minutes_talk", "lots"), ("minutes_talk", "-5"), ("minutes_talk", "0"),
    ("minutes_talk", "1e400"), ("minutes_talk", "601"), ("minutes_talk", "30.5"),
    ("chosen_per_week", "0"), ("chosen_per_week", "-1"), ("chosen_per_week", "101"),
    ("chosen_per_week", "1e400"), ("chosen_per_week", "often"),
])
def test_a_bad_cell_is_named_and_refused(tmp_path, capsys, column, value):
    out = bad_export(tmp_path, capsys, column, value)
    data = pd.read_csv(out, dtype=str, keep_default_na=False)
    problems = [p for p in validate(data) if p.column == column]
    assert len(problems) == 1
    assert problems[0].value == value
    assert main(["validate", str(out)]) != 0
    said = capsys.readouterr()
    assert column in said.out + said.err and value in said.out + said.err
    assert "Traceback" not in said.err
    assert main(["score", str(out), "--out", str(tmp_path / "s.csv")]) != 0
    said = capsys.readouterr()
    assert column in said.out + said.err and "Traceback" not in said.err
    assert not (tmp_path / "s.csv").exists()


def test_good_cells_are_no_problem(tmp_path, capsys):
    out = bad_export(tmp_path, capsys, "minutes_talk", "600")
    data = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert [p for p in validate(data) if p.column.startswith(("minutes_", "chosen"))] == []


def test_skip_invalid_keeps_the_answers_and_empties_the_cell(tmp_path, capsys):
    out = bad_export(tmp_path, capsys, "minutes_talk", "-5")
    scored = tmp_path / "s.csv"
    assert main(["score", str(out), "--skip-invalid", "--out", str(scored)]) == 0
    said = capsys.readouterr()
    assert "1 step minutes or chosen pace cell left empty" in said.err
    # talk at the usual 30 minutes, research 35 kept: 35+20+10+30+30 = 125 minutes;
    # 9 h at half pace = 270 minutes: 270 / 125 = 2.16 a week
    assert pd.read_csv(scored)["pace_per_week"].tolist() == [2.16]
    data = load_responses(out, skip_invalid=True)
    assert data.attrs["plan_blanked"] == [(2, "minutes_talk")]
    assert data.attrs["skipped_rows"] == []


def test_the_report_refuses_a_bad_cell(tmp_path, capsys):
    out = bad_export(tmp_path, capsys, "chosen_per_week", "1e400")
    with pytest.raises(Exception) as raised:
        participant_report(data=out, participant_id="Ann Lee")
    assert "chosen_per_week" in str(raised.value)
