"""Every command says a failed write the same way: one line, ``cannot write to PATH: reason``."""

import errno
import os
import subprocess
import sys
import types

import pytest

from workbook import cli
from workbook.responses.datasets import sample_path

COMMANDS = {
    "score": ["score", "{data}", "--out", "{out}"],
    "cohort": ["cohort", "{data}", "--out", "{out}"],
    "report participants": ["report", "participants", "{data}", "--participant", "SPR-001",
                            "--jobs", "1", "--out", "{out}"],
    "report cohort": ["report", "cohort", "{data}", "--out", "{out}"],
}


def run(name, out):
    args = [a.format(data=sample_path(), out=out) for a in COMMANDS[name]]
    return subprocess.run([sys.executable, "-m", "workbook", *args], capture_output=True,
                          text=True)


def assert_cannot_write(proc, where):
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("workbook: error: cannot write to "), lines[0]
    assert str(where) in lines[0]
    assert "unexpected" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_an_out_under_a_regular_file_is_refused_in_one_line(tmp_path, name):
    """A path under a file cannot be made, also for root (NotADirectoryError)."""
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder\n")
    proc = run(name, blocker / "sub")
    assert_cannot_write(proc, blocker)
    assert f"{blocker} is a file, not a folder" in proc.stderr
    assert blocker.read_text() == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somefile"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_read_only_out_is_refused_in_one_line(tmp_path, name):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root: chmod does not stop writes
            pytest.skip("this user can write to a read-only folder (root)")
        out = folder / ("scores.csv" if name == "score" else "out")
        proc = run(name, out)
        assert_cannot_write(proc, folder)
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("error", "line"),
    [(PermissionError(errno.EACCES, "Permission denied", "/data/out.csv"),
      "workbook: error: cannot write to /data/out.csv: Permission denied"),
     (OSError(errno.ENOSPC, "No space left on device", "/data/out"),
      "workbook: error: cannot write to /data/out: No space left on device"),
     (FileNotFoundError(errno.ENOENT, "No such file or directory", "/data/in.csv"),
      "workbook: error: cannot use /data/in.csv: No such file or directory")],
)
def test_any_os_error_naming_a_file_is_one_line(monkeypatch, capsys, error, line):
    """A command's stray OSError with a file name never shows as 'unexpected error'."""
    def add_parser(sub):
        p = sub.add_parser("boom")
        p.set_defaults(func=lambda args: (_ for _ in ()).throw(error))

    monkeypatch.setattr(cli, "COMMAND_MODULES", [types.SimpleNamespace(add_parser=add_parser)])
    assert cli.main(["boom"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [line]


@pytest.mark.parametrize("argv", [
    ["cohort", str(sample_path()), "--out", ""],
    ["report", "cohort", str(sample_path()), "--out", ""],
    ["report", "participants", str(sample_path()), "--out", " "],
    ["score", str(sample_path()), "--out", ""],
    ["demo", "--out", ""],
    ["score", ""],
])
def test_an_empty_path_is_refused_not_read_as_this_folder(tmp_path, argv):
    proc = subprocess.run([sys.executable, "-m", "workbook", *argv], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "is empty; name a file or folder" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written here


def test_report_cohort_refuses_a_min_group_below_one(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "workbook", "report", "cohort",
                           str(sample_path()), "--min-group", "0", "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "--min-group must be 1 or more" in proc.stderr
