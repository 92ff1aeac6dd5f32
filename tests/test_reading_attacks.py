"""Attacks on the reading path through the command line (issue 20): what a coach's terminal shows.

Every case runs the real command and asserts on its words and exit status; none may end in a
traceback.
"""

import re
import subprocess
import sys

from workbook.core.instrument import load_instrument

IDS = list(load_instrument().item_ids)

#: Characters that must never reach a terminal raw (a line break ends a line, so it is allowed
#: where the command itself writes one).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, errors="surrogateescape")
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr, proc.stderr
    return proc


def write_rows(path, header, rows):
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


# --- control characters in cells and headers ---------------------------------------------

def _escapes_file(tmp_path):
    """A file whose cells and one header hold terminal escape sequences."""
    header = ["participant_id", "timepoint", *IDS, "hours_per_week", "x\x1b]0;HDR\x07"]
    three = ["3"] * (len(IDS) - 1)
    rows = [["a\x1b[2J", "pre", "3", *three, "2\x1b]0;pwned\x07", "z"],
            ["b", "pre", "9\x1b[31m", *three, "2", "z"],
            ["c\u202e", "wk\x1b[2J", "3", *three, "\x9b2J", "z"],
            ["c\u202e", "wk\x1b[2J", "4", *three, "2", "z"]]
    return write_rows(tmp_path / "escapes.csv", header, rows)


def test_validate_shows_control_characters_escaped(tmp_path):
    proc = cli("validate", _escapes_file(tmp_path))
    assert proc.returncode == 1
    assert not UNSAFE.search(proc.stdout + proc.stderr), repr(proc.stdout)
    out = proc.stdout
    assert "'x\\x1b]0;HDR\\x07'" in out  # the header, in the list of unmatched columns
    assert "row 2, column hours_per_week, value 2\\x1b]0;pwned\\x07: hours a week" in out
    assert "row 3, column hope_1, value 9\\x1b[31m: '9\\x1b[31m' is not an answer" in out
    assert "row 4, column hours_per_week, value \\x9b2J: hours a week" in out
    # A direction mark in an id is left out of it (finding 26), and said escaped in a note.
    assert "row 4, column participant_id, value c: participant 'c' appears" in out
    assert "'c\\u202e' -> 'c' (rows 4, 5)" in out
    assert "at timepoint 'wk\\x1b[2J' (rows 4, 5)" in out


def test_score_shows_control_characters_escaped(tmp_path):
    path = _escapes_file(tmp_path)
    proc = cli("score", path, "--out", tmp_path / "s.csv")
    assert proc.returncode == 1
    assert not UNSAFE.search(proc.stderr), repr(proc.stderr)
    assert "value 2\\x1b]0;pwned\\x07: hours a week" in proc.stderr
    proc = cli("score", path, "--keep", "last", "--skip-invalid", "--out", tmp_path / "s.csv")
    assert proc.returncode == 0
    assert not UNSAFE.search(proc.stderr), repr(proc.stderr)
    assert ("--keep last: left out 1 repeated response: row 4 ('c', wk\\x1b[2J; "
            "kept row 5)") in proc.stderr


# --- an unreadable hours cell under --skip-invalid ----------------------------------------

def test_score_skip_invalid_keeps_a_response_whose_hours_are_unreadable(tmp_path):
    header = ["participant_id", "timepoint", *IDS, "hours_per_week"]
    rows = [["a", "pre", *["3"] * len(IDS), "2-3"], ["b", "pre", *["1"] * len(IDS), "5"]]
    path = write_rows(tmp_path / "hours.csv", header, rows)
    proc = cli("score", path, "--skip-invalid", "--out", tmp_path / "s.csv")
    assert proc.returncode == 0, proc.stderr
    assert ("hours a week is not a number from 0 to 80 on 1 row (row 2): those hours are left "
            "empty, the answers kept") in proc.stderr
    assert "skipped" not in proc.stderr
    import pandas as pd

    scored = pd.read_csv(tmp_path / "s.csv")
    assert list(scored["participant_id"]) == ["a", "b"]
    # the middle of the 1-5 scale on every item (reversed or not): POMP 50
    assert scored.loc[0, "hope"] == 50.0 and pd.isna(scored.loc[0, "pace_per_week"])
