"""`cohort` and `validity` never write over a user's file under one of their names (round 8a, F7).

Before the fix a file the kit did not write (the user's own, on a first run) or one edited
after a run was written over without a word. Now it is moved to ``stale/`` (never over a file
there) and a line names it; a file as the kit wrote it is written over as before.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbook.cohort.output_set import manifest_name, set_note, write_set
from workbook.core.exceptions import WorkbookError
from workbook.responses.datasets import sample_path

NAMES = ("a.csv", "b.csv", "c.png")


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "workbook", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_a_users_file_under_a_name_the_run_writes_goes_to_stale(tmp_path):
    (tmp_path / "a.csv").write_text("mine\n")
    written, removed, moved, replaced = write_set(
        tmp_path, {"a.csv": "kit,1\n", "b.csv": "kit,2\n"}, command="t", names=NAMES)
    assert [p.name for p in written] == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_text() == "kit,1\n"
    assert (tmp_path / "stale" / "a.csv").read_text() == "mine\n"
    assert (removed, moved, replaced) == ([], [], [("a.csv", "a.csv")])
    assert set_note(removed, moved, tmp_path, replaced) == (
        f"In {tmp_path}: moved a.csv to {tmp_path / 'stale'} before writing this run's own "
        "(the kit did not write them, or they were edited since).")


def test_an_edited_file_goes_to_stale_and_never_over_an_earlier_one(tmp_path):
    files = {"a.csv": "kit,1\n", "b.csv": "kit,2\n"}
    write_set(tmp_path, files, command="t", names=NAMES)
    (tmp_path / "a.csv").write_text("mine\n")
    assert write_set(tmp_path, files, command="t", names=NAMES)[3] == [("a.csv", "a.csv")]
    (tmp_path / "a.csv").write_text("mine2\n")
    assert write_set(tmp_path, files, command="t", names=NAMES)[3] == [("a.csv", "a-2.csv")]
    assert (tmp_path / "stale" / "a.csv").read_text() == "mine\n"
    assert (tmp_path / "stale" / "a-2.csv").read_text() == "mine2\n"
    assert (tmp_path / "stale").stat().st_mode & 0o777 == 0o700
    # as the kit wrote it: written over, nothing set aside
    assert write_set(tmp_path, files, command="t", names=NAMES)[3] == []
    assert sorted(p.name for p in (tmp_path / "stale").iterdir()) == ["a-2.csv", "a.csv"]


def test_a_users_file_holding_what_the_run_writes_is_kept_in_place(tmp_path):
    (tmp_path / "a.csv").write_text("kit,1\n")
    assert write_set(tmp_path, {"a.csv": "kit,1\n"}, command="t", names=NAMES)[3] == []
    assert not (tmp_path / "stale").exists()


def test_a_stale_that_is_a_file_is_refused_before_anything_moves(tmp_path):
    (tmp_path / "stale").write_text("not a folder\n")
    (tmp_path / "a.csv").write_text("mine\n")
    with pytest.raises(WorkbookError, match="stale"):
        write_set(tmp_path, {"a.csv": "kit,1\n"}, command="t", names=NAMES)
    assert (tmp_path / "a.csv").read_text() == "mine\n"
    assert not (tmp_path / manifest_name("t")).exists()


def test_cohort_as_the_entry_ran_it(tmp_path):
    out = tmp_path / "oq3"
    out.mkdir()
    (out / "verdicts.csv").write_text("mine\n")
    done = run("cohort", sample_path(), "--out", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "stale" / "verdicts.csv").read_text() == "mine\n"
    assert f"moved verdicts.csv to {out / 'stale'}" in done.stderr.replace("\n", " ")
    assert (out / "verdicts.csv").read_text() != "mine\n"
    (out / "verdicts.csv").write_text("mine2\n")
    done = run("cohort", sample_path(), "--out", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "stale" / "verdicts-2.csv").read_text() == "mine2\n"
    assert "moved verdicts.csv (as verdicts-2.csv)" in done.stderr
    done = run("cohort", sample_path(), "--out", out, cwd=tmp_path)  # as the kit wrote it
    assert done.returncode == 0 and "stale" not in done.stderr


def test_validity_as_the_entry_ran_it(tmp_path):
    out = tmp_path / "oq5"
    out.mkdir()
    (out / "validity.csv").write_text("mine\n")
    done = run("validity", sample_path(), "--out", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "stale" / "validity.csv").read_text() == "mine\n"
    assert f"moved validity.csv to {out / 'stale'}" in done.stderr
    assert (out / manifest_name("validity")).is_file()
    (out / "validity_roc.svg").write_text("<svg/>\n")  # edited after the run
    done = run("validity", sample_path(), "--out", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "stale" / "validity_roc.svg").read_text() == "<svg/>\n"
    done = run("validity", sample_path(), "--out", out, cwd=tmp_path)
    assert done.returncode == 0 and "stale" not in done.stderr
