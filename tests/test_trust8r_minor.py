"""attacks5 minor items of reading a survey file (C4 b, C13 b c, C22 a b g), each checked
against what the round saw."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from workbook.core.exceptions import DataError
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli, write

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_cohort.csv"
HEAD = ["participant_id", "cohort", "timepoint", *IDS, "conversations_held"]


def test_a_count_with_a_thousands_separator_is_a_problem(tmp_path):
    # C4 (b): "1,000" was read as 1 (a decimal comma), without a word
    path = write(tmp_path, HEAD, [["a", "A", "post", *answers(3), '"1,000"'],
                                  ["b", "A", "post", *answers(3), '"3,0"']])
    _, problems = read_responses(path)
    assert [(p.row, p.column, p.message) for p in problems] == [
        (2, "conversations_held", "conversations held must be a whole number from 0 to 500, "
         "written without a thousands separator; leave the cell empty (or write NA) where it "
         "was not answered")]
    data = load_responses(path, skip_invalid=True)
    assert data["participant_id"].tolist() == ["b"]
    assert data["conversations_held"].tolist() == [3]


def test_score_reads_a_guarded_cohort_label_once(tmp_path):
    # C13 (b): an export's '+Spring came back from `score` as ''+Spring
    path = write(tmp_path, HEAD, [["a", "'+Spring", "pre", *answers(3), ""],
                                  ["b", "Autumn", "pre", *answers(4), ""]])
    data = load_responses(path)
    assert data["cohort"].tolist() == ["+Spring", "Autumn"]
    out = tmp_path / "s.csv"
    proc = cli("score", path, "--out", out)
    assert proc.returncode == 0, proc.stderr
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written["cohort"].tolist() == ["'+Spring", "Autumn"]  # guarded once, by the writer


def test_a_repeated_column_is_no_phantom_and_counts_once(tmp_path):
    # C13 (c): 'hope_1.1' listed as a column matching nothing; "items matched: 26 of 26"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for extra in ("hope_1", "HOPE_1 "):
        path = tmp_path / "dup.csv"
        path.write_text("\n".join([lines[0] + "," + extra] + [r + ",3" for r in lines[1:]])
                        + "\n", encoding="utf-8")
        proc = cli("validate", path)
        said = proc.stdout + proc.stderr
        assert "items matched: 25 of 25 (25 by item id)" in said, said
        assert "hope_1.1" not in said
        assert "kept as they are" not in said


def test_an_invisible_character_makes_no_group(tmp_path):
    # C22 (a): '2026-spring\u200b' was a group of its own beside '2026-spring'
    path = write(tmp_path, HEAD, [["a", "2026-spring\u200b", "pre", *answers(3), ""],
                                  ["b", "2026-spring", "pre", *answers(4), ""]])
    data = load_responses(path)
    assert data["cohort"].tolist() == ["2026-spring", "2026-spring"]
    notes = data.attrs["matches"].notes
    assert ("cohort labels read without the invisible (zero-width) characters in them: "
            "'2026-spring\\u200b' -> '2026-spring'") in notes


def _book(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_title_above_the_header_is_named(tmp_path):
    # C22 (b): "no column holds participant_id", "'', '.1', '.2'" and nothing about row 3
    rows = [["Spring workshop survey export"], [],
            ["participant_id", "timepoint", *IDS], ["a", "pre", *[3] * len(IDS)]]
    path = _book(tmp_path / "t.xlsx", [("Responses", rows)])
    with pytest.raises(DataError) as err:
        read_responses(path)
    assert str(err.value) == (
        f"{path}: row 1 holds only 'Spring workshop survey export', and the column names seem "
        "to be on row 3: delete the rows above them, so that the column names are in row 1")


def test_an_empty_first_sheet_names_the_others(tmp_path):
    # C22 (g): "sheets.xlsx is empty"
    rows = [["participant_id", "timepoint", *IDS], ["a", "pre", *[3] * len(IDS)]]
    path = _book(tmp_path / "sheets.xlsx", [("Notes", []), ("Responses", rows)])
    with pytest.raises(DataError) as err:
        read_responses(path)
    assert str(err.value) == (f"{path}: the sheet 'Notes' is empty; the workbook also has "
                              "'Responses': pass --sheet Responses")
    assert len(load_responses(path, sheet="Responses")) == 1
