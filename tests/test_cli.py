"""The command line, run as a user runs it: a subprocess, its output and exit status."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbook import load_responses, score
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.responses.datasets import sample_path

INST = load_instrument()


def run(*args, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "workbook", *map(str, args)],
        capture_output=True, text=True, cwd=cwd,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def bad_file(tmp_path):
    header = ",".join(["participant_id", "timepoint", *INST.item_ids])
    good = ",".join(["a", "pre", *["3"] * 25])
    bad = ",".join(["b", "pre", "7", *["3"] * 24])
    worse = ",".join(["c", "pre", *["Agree"] * 24, "maybe"])
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([header, good, bad, good.replace("a,", "d,", 1), worse]) + "\n")
    return path


def test_items_prints_the_item_table():
    proc = run("items")
    assert proc.returncode == 0
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == ["item_id", "ingredient", "text", "reverse"]
    assert [r["item_id"] for r in rows] == list(INST.item_ids)
    assert rows[2]["reverse"] == "True" and rows[2]["item_id"] == "hope_7"


def test_items_with_a_broken_instrument(tmp_path):
    path = tmp_path / "inst.toml"
    path.write_text(DEFAULT_PATH.read_text().replace('id = "time_2"', 'id = "time_1"'))
    proc = run("items", "--instrument", path)
    assert proc.returncode == 1
    assert "'time_1' is used twice" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_validate_good_and_bad(tmp_path):
    ok = run("validate", sample_path())
    assert ok.returncode == 0 and "no problems" in ok.stdout
    proc = run("validate", bad_file(tmp_path))
    assert proc.returncode == 1
    assert "2 problems on 2 rows" in proc.stdout
    assert "row 3, column hope_1, value 7: 7 is outside the scale 1-5" in proc.stdout
    assert "row 5, column ambition_7, value maybe" in proc.stdout


def test_score_refuses_a_file_with_problems(tmp_path):
    out = tmp_path / "scores.csv"
    proc = run("score", bad_file(tmp_path), "--out", out)
    assert proc.returncode == 1
    assert "row 3, column hope_1" in proc.stderr and "--skip-invalid" in proc.stderr
    assert not out.exists()


def test_score_skip_invalid_drops_exactly_the_listed_rows(tmp_path):
    out = tmp_path / "scores.csv"
    proc = run("score", bad_file(tmp_path), "--out", out, "--skip-invalid")
    assert proc.returncode == 0, proc.stderr
    assert "skipped 2 rows with problems (rows 3, 5)" in proc.stderr
    scores = pd.read_csv(out)
    assert list(scores["participant_id"]) == ["a", "d"]
    assert list(scores.columns[:15]) == [
        "participant_id", "cohort", "timepoint", "hope", "time", "energy", "self_esteem",
        "ambition", "hope_level", "time_level", "energy_level", "self_esteem_level",
        "ambition_level", "verdict", "weakest",
    ]
    assert scores.loc[0, "hope"] == 50.0 and scores.loc[0, "verdict"] == "ready"


def test_score_to_stdout_matches_the_library():
    proc = run("score", sample_path())
    assert proc.returncode == 0
    printed = pd.read_csv(io.StringIO(proc.stdout))
    expected = score(load_responses(sample_path()))
    assert len(printed) == len(expected)
    for ing in INST.ingredient_ids:
        np.testing.assert_allclose(
            printed[ing].to_numpy(), expected[ing].round(1).to_numpy(), equal_nan=True
        )
    assert printed["verdict"].tolist() == expected["verdict"].astype(str).tolist()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("score", "nope.csv"), "nope.csv does not exist"),
        (("validate", "."), "is a folder"),
        (("score", "data.json"), "unknown file type .json"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, message):
    (tmp_path / "data.json").write_text("{}")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 1
    assert message in proc.stderr
    assert proc.stderr.startswith("workbook: error:")


def test_demo_scores_the_sample_and_says_where(tmp_path):
    proc = run("demo", "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / "out" / "scores.csv"
    assert str(target.resolve()) in proc.stdout
    assert "verdicts:" in proc.stdout
    written = pd.read_csv(target)
    assert len(written) == len(load_responses(sample_path()))
    # and a sample coaching workspace, its follow-ups listed and written as a calendar
    assert (tmp_path / "out" / "workspace").is_dir()
    assert (tmp_path / "out" / "followups.ics").read_text().count("BEGIN:VEVENT") >= 3
    assert "1 client at not now: for them, only what is already promised" in proc.stdout


def test_output_cells_cannot_run_as_formulas(tmp_path):
    header = ",".join(["participant_id", "timepoint", *INST.item_ids])
    path = tmp_path / "f.csv"
    path.write_text("\n".join([header, ",".join(["=HYPERLINK(1)", "pre", *["3"] * 25])]) + "\n")
    out = tmp_path / "s.csv"
    assert run("score", path, "--out", out).returncode == 0
    assert Path(out).read_text().splitlines()[1].startswith("'=HYPERLINK(1)")


def test_skip_invalid_with_nothing_left_is_one_clear_error(tmp_path):
    header = ",".join(["participant_id", "timepoint", *INST.item_ids])
    path = tmp_path / "all-bad.csv"
    path.write_text("\n".join([header, ",".join(["a", "pre", "9", *["3"] * 24])]) + "\n")
    proc = run("score", path, "--skip-invalid")
    assert proc.returncode == 1
    assert "--skip-invalid leaves nothing to score" in proc.stderr


def test_debug_flag_works_after_the_command(tmp_path):
    proc = run("score", tmp_path / "nope.csv", "--debug")
    assert proc.returncode == 1 and "does not exist" in proc.stderr


def test_validate_describes_a_long_file_as_one(tmp_path):
    path = tmp_path / "long.csv"
    rows = ["participant_id,timepoint,item_id,response"]
    rows += [f"a,pre,{item},3" for item in INST.item_ids[:20]]
    path.write_text("\n".join(rows) + "\n")
    proc = run("validate", path)
    assert proc.returncode == 0, proc.stderr
    assert "long form: one row per answer" in proc.stdout
    assert "items answered (named in the item_id column): 20 of 25" in proc.stdout
    assert "matching no item" not in proc.stdout  # item_id and response are the form's own


def test_every_command_has_a_description_in_its_help():
    """``workbook COMMAND --help`` says what the command does, not only its usage (issue 20)."""
    from workbook.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"items", "validate", "score", "demo"} <= set(commands)
    missing = [name for name, sub in commands.items() if not (sub.description or "").strip()]
    assert missing == []
