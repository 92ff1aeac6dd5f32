"""A row's instrument_version cell is its version: answers that version lacks are a problem
(round 8a, F6).

The entry's file: P0's ``pre`` row says 2.0 but answers 2.1's statements (hope_6, hope_7,
hope_9, time_6, ...) beside 2.0's hope_4. Before the fix ``validate`` found no problem,
``score`` scored the row as 2.1 (hope_4 left out without a word) and the cohort overview
called P0's 2.0 -> 2.1 pair "the same version before and after".
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from workbook.core.instrument import load_instrument
from workbook.core.validation import validate

HEADER = ("participant_id,cohort,timepoint,date,hope_1,hope_6,hope_7,hope_8,hope_9,time_1,"
          "time_2,time_6,time_7,time_5,energy_1,energy_2,energy_6,energy_7,energy_8,"
          "self_esteem_1,self_esteem_7,self_esteem_3,self_esteem_6,self_esteem_5,ambition_1,"
          "ambition_6,ambition_3,ambition_4,ambition_7,hours_per_week,motivators,north_star,"
          "notes,conversations_held,hope_4,instrument_version")
#: The entry's file (/work/notes/round8a-files/F6_version_cell.csv), as it was given.
ROWS = """P0,A,pre,2026-03-04,2,4,4,,4,2,4,5,2,5,5,2,1,1,3,5,4,1,2,2,2,1,4,4,5,4,,,,,3,2.0
P0,A,post,2026-05-04,4,1,3,5,4,1,3,1,2,1,1,1,4,2,5,3,4,4,2,2,1,4,2,1,2,4,,,,,,2.1
P1,A,pre,2026-03-04,2,5,1,1,5,4,5,4,2,3,2,5,4,3,3,4,5,4,3,4,4,3,1,1,2,4,,,,,,2.1
P1,A,post,2026-05-04,4,1,4,1,5,5,5,2,5,5,3,5,5,1,2,2,3,3,3,5,3,2,1,2,1,4,,,,,,2.1
P2,A,pre,2026-03-04,2,4,3,2,1,5,2,4,2,5,1,3,4,5,4,2,2,2,5,1,4,4,4,1,3,4,,,,,,2.1
P2,A,post,2026-05-04,1,3,3,1,4,2,2,4,1,3,2,2,4,1,3,2,5,4,1,2,3,2,3,5,4,4,,,,,,2.1
P3,A,pre,2026-03-04,4,5,4,3,2,5,5,3,2,1,4,2,1,3,5,3,2,5,4,3,4,2,2,2,1,4,,,,,,2.1
P3,A,post,2026-05-04,4,1,2,1,4,2,1,1,3,2,3,5,3,4,4,2,5,2,2,2,4,2,5,1,5,4,,,,,,2.1
P4,A,pre,2026-03-04,5,1,1,4,4,1,4,5,2,2,3,5,3,1,2,4,2,3,3,5,5,4,5,1,5,4,,,,,,2.1
P4,A,post,2026-05-04,5,1,5,5,3,5,3,3,5,5,5,2,1,5,3,2,3,1,3,4,1,1,1,4,5,4,,,,,,2.1
P5,A,pre,2026-03-04,5,1,4,4,5,5,4,4,1,2,1,1,4,1,2,3,5,4,4,4,2,4,4,3,4,4,,,,,,2.1
P5,A,post,2026-05-04,2,1,1,4,2,4,3,5,2,4,5,5,3,2,4,4,4,3,5,4,5,1,2,3,2,4,,,,,,2.1
"""
#: The 2.1 columns P0's pre row (cell 2.0) answers, in the file's order.
NOT_2_0 = ["hope_6", "hope_7", "hope_9", "time_6", "time_7", "energy_6", "energy_7",
           "energy_8", "self_esteem_7", "self_esteem_6", "ambition_6", "ambition_7"]


@pytest.fixture
def f6(tmp_path):
    path = tmp_path / "F6_version_cell.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8")
    return path


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_the_rows_whose_cell_lacks_their_answers_are_named():
    from workbook.core.versions import unasked_answers

    table = pd.read_csv(pd.io.common.StringIO(HEADER + "\n" + ROWS),
                        dtype={"instrument_version": str})
    found = unasked_answers(table, load_instrument())
    assert found == [(0, "2.0", ["2.0"], NOT_2_0)]


def test_validate_names_the_row_the_version_and_the_columns(f6):
    done = run("validate", f6, cwd=f6.parent)
    assert "Traceback" not in done.stderr
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert "no problems" not in out
    line = next(x for x in out.splitlines() if "row 2, column instrument_version" in x)
    assert "value 2.0" in line and "version 2.0 does not have" in line
    assert "hope_6, hope_7, hope_9, time_6, time_7, energy_6, energy_7, energy_8 and 4 more" \
        in line
    assert "1 problem on 1 row" in out


def test_score_refuses_and_skip_invalid_leaves_the_row_out(f6):
    done = run("score", f6, cwd=f6.parent)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "row 2, column instrument_version" in done.stderr
    assert "P0,A,pre" not in done.stdout  # nothing was scored
    done = run("score", f6, "--skip-invalid", cwd=f6.parent)
    assert done.returncode == 0, done.stderr
    assert "skipped 1 row with problems (row 2)" in done.stderr
    assert "P0,A,pre" not in done.stdout and "P0,A,post" in done.stdout


def test_cohort_refuses_and_never_calls_the_pair_one_version(f6):
    done = run("cohort", f6, "--out", f6.parent / "out", cwd=f6.parent)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "row 2, column instrument_version" in done.stderr
    assert not (f6.parent / "out").exists()  # nothing written
    done = run("cohort", f6, "--out", f6.parent / "out", "--skip-invalid", cwd=f6.parent)
    assert done.returncode == 0, done.stderr
    # every row left is on 2.1: no note on versions at all
    assert "same version" not in done.stdout and "different instrument versions" \
        not in done.stdout
    prepost = pd.read_csv(f6.parent / "out" / "prepost.csv")
    # 5 pairs: P0 has no pre left
    assert prepost["n_pairs"].tolist() == [5] * 5


def test_a_row_true_to_its_cell_is_no_problem():
    rows = pd.DataFrame({"participant_id": ["a", "a", "b"], "timepoint": ["pre", "post", "pre"],
                         "hope_1": [4, 4, 3], "hope_2": [3, None, 2], "hope_6": [None, 4, None],
                         "instrument_version": ["2.0", "2.1", " 2 "]})
    assert validate(rows) == []


def test_a_cell_naming_two_versions_holds_an_ingredient_to_one_of_them():
    # 2.0;2.1: hope on 2.1 and time on 2.0 is fine; hope_2 (2.0) with hope_6 (2.1) is not,
    # and time_6 is 2.1's beside 2.0's time_3
    rows = pd.DataFrame({"participant_id": ["a", "b"], "timepoint": ["pre", "pre"],
                         "hope_1": [4, 4], "hope_2": [None, 3], "hope_6": [4, 4],
                         "time_3": [2, 2], "time_6": [None, 5],
                         "instrument_version": ["2.0;2.1", "2.0;2.1"]})
    found = [str(p) for p in validate(rows)]
    assert len(found) == 1
    assert found[0].startswith("row 3, column instrument_version, value 2.0;2.1: ")
    # per ingredient, the columns of the named version lacking fewest: hope lacks hope_2 on
    # 2.1 (or hope_6 on 2.0: a tie, the first named kept), time lacks time_6 on 2.0
    assert "answers hope_6, time_6, which none of versions 2.0, 2.1 holds" in found[0]


def test_answers_off_the_scale_still_count_as_answered():
    rows = pd.DataFrame({"participant_id": ["a"], "hope_1": [4], "hope_6": ["9"],
                         "instrument_version": ["2.0"]})
    found = [str(p) for p in validate(rows)]
    assert any("column instrument_version" in p and "answers hope_6" in p for p in found)
    assert any("column hope_6" in p for p in found)


def test_a_messy_cell_and_a_later_version():
    # "v2.0" reads as 2.0 and is a problem of its own since round 12a P7 (one rule for every
    # cell: written as a version is); a cell that is no version is a problem (the before/after
    # refused it while validate said nothing); a later version than the kit's asks every
    # current statement
    rows = pd.DataFrame({"participant_id": ["a", "b", "c", "d"], "hope_1": [4, 4, 4, 4],
                         "hope_6": [4, 4, 4, 4],
                         "instrument_version": ["v2.0", " soon ", "2.2", "2,0"]})
    found = [str(p) for p in validate(rows)]
    assert found == [
        "row 2, column instrument_version, value v2.0: 'v2.0' is not written as an instrument "
        "version is (plain digits joined by dots, no letters, no leading zeros, such as 2.1): "
        "write the version that way, or leave the cell empty",
        "row 2, column instrument_version, value v2.0: the row says it was answered on "
        "instrument version 2.0, but it answers hope_6, which version 2.0 does not have, so it "
        "would be scored on another version's statements or left out (its answers are all "
        "statements of version 2.1): write the version the row was answered on, or correct "
        "its answers",
        "row 3, column instrument_version, value  soon : 'soon' is not an instrument version; "
        "write whole numbers joined by dots, such as 2.1, or leave the cell empty",
        "row 5, column instrument_version, value 2,0: '2,0' is not an instrument version; "
        "write whole numbers joined by dots, such as 2.1, or leave the cell empty"]


def test_a_cell_that_is_no_version_is_skipped_not_refused_whole(tmp_path):
    text = HEADER + "\n" + ROWS.replace("P5,A,post,2026-05-04,2,1,1,4,2,4,3,5,2,4,5,5,3,2,4,4,"
                                         "4,3,5,4,5,1,2,3,2,4,,,,,,2.1",
                                         "P5,A,post,2026-05-04,2,1,1,4,2,4,3,5,2,4,5,5,3,2,4,4,"
                                         "4,3,5,4,5,1,2,3,2,4,,,,,,2.x")
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    done = run("validate", path, cwd=tmp_path)
    assert done.returncode != 0
    assert "row 13, column instrument_version, value 2.x: '2.x' is not an instrument version" \
        in done.stdout + done.stderr
    done = run("cohort", path, "--out", tmp_path / "out", "--skip-invalid", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "skipped 2 rows with problems (rows 2, 13)" in done.stderr


def _edited(p0_pre: dict, p0_post: dict | None = None) -> str:
    """The entry's file with P0's rows changed: every item cell emptied first, then set."""
    names = HEADER.split(",")
    items = ("hope_", "time_", "energy_", "self_esteem_", "ambition_")
    lines = [HEADER]
    for line in ROWS.strip().splitlines():
        cells = dict(zip(names, line.split(",")))
        change = p0_pre if cells["timepoint"] == "pre" else p0_post
        if cells["participant_id"] == "P0" and change is not None:
            if change.pop("_empty", None):
                cells.update({k: "" for k in names if k.startswith(change.pop("_of", items))})
            cells.update(change)
        lines.append(",".join(cells[k] for k in names))
    return "\n".join(lines) + "\n"


def _overview(tmp_path, text: str) -> str:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    done = run("cohort", path, "--out", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return next(x for x in done.stdout.splitlines() if x.startswith("Before/after:"))


def test_a_person_who_changed_version_with_no_ingredient_at_both_is_never_the_same(tmp_path):
    # P0: 2.0 before (hope_1 and hope_4 only), 2.1 after with no hope: no ingredient is
    # answered on one version before and another after, but P0 did change version
    pre = {"_empty": True, "hope_1": "3", "hope_4": "4", "instrument_version": "2.0"}
    post = {"_empty": True, "_of": ("hope_",)}
    said = _overview(tmp_path, _edited(pre, post))
    assert "each on the same version before and after" not in said
    assert ("1 of the 6 people at both timepoints changed version (2.0, then 2.1), but none "
            "answered an ingredient on one version before and on another after") in said


def test_a_cell_naming_two_versions_is_paired_as_a_row_without_one(tmp_path):
    # P0's pre row says 2.0;2.1 and answers only hope_1 of hope (both versions share it):
    # taken as 2.0 (the farthest from its 2.1 pair), as a row with no cell is
    pre = {"_empty": True, "_of": ("hope_",), "hope_1": "3", "instrument_version": "2.0;2.1"}
    said = _overview(tmp_path, _edited(pre))
    assert "each on the same version before and after" not in said
    assert said.startswith("Before/after: 1 of the 6 people at both timepoints answered an "
                           "ingredient on different instrument versions before and after "
                           "(2.0, then 2.1)")


def test_a_row_with_no_cell_mixing_two_versions_in_one_ingredient_is_a_problem(tmp_path):
    # the entry's file without its version column: P0's pre row answers hope_4 (2.0) beside
    # hope_6, hope_7, hope_9 (2.1); it was scored as 2.1 with hope_4 left out, no word
    names = HEADER.split(",")
    lines = [",".join(names[:-1])] + [line.rsplit(",", 1)[0]
                                      for line in ROWS.strip().splitlines()]
    path = tmp_path / "nocell.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run("validate", path, cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert ("row 2, column hope_4: the row answers hope_4 of an earlier instrument version "
            "beside hope_1, hope_6, hope_7, hope_9 of version 2.1 for the same ingredient, and "
            "no version asked them all, so it would be left out of its score") \
        in done.stdout + done.stderr
    done = run("score", path, "--skip-invalid", cwd=tmp_path)
    assert done.returncode == 0 and "skipped 1 row with problems (row 2)" in done.stderr


def test_rows_each_on_one_version_are_no_problem():
    rows = pd.DataFrame({"participant_id": ["a", "b", "c"],
                         "hope_1": [4, 4, 4], "hope_2": [3, None, None],
                         "hope_4": [3, None, None], "hope_6": [None, 4, None],
                         "hope_8": [None, "NA", None]})
    assert validate(rows) == []
