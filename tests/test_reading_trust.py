"""Trust the record (issue 20, the tester's findings 6, 7, 9 and 10): what reading lets through.

Look-alike timepoints, ``score``'s output on a terminal, ``--keep`` deciding on a date it cannot
read, and ``--skip-invalid``'s count against ``validate``'s. Figures worked by hand.
"""

import os
import subprocess
import sys

import pandas as pd
import pytest

from workbook.core import timepoints
from workbook.core.instrument import load_instrument
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli, write

# --- 6: look-alike timepoints ---------------------------------------------------------------

def _pairs(tmp_path, labels):
    """Person i answers pre (3s) and then ``labels[i]`` (4s)."""
    rows = []
    for i, label in enumerate(labels):
        rows += [[f"p{i}", "pre", *answers(3)], [f"p{i}", label, *answers(4)]]
    return write(tmp_path, ["participant_id", "timepoint", *IDS], rows)


def test_full_width_post_and_pre_read_as_post_and_pre(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "Ｐｒｅ", *answers(3)], ["a", "ＰＯＳＴ", *answers(4)]])
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["timepoint"]) == ["pre", "post"]
    assert "timepoints read as pre/post: 'ＰＯＳＴ' -> post, 'Ｐｒｅ' -> pre" in \
        data.attrs["matches"].notes
    scored = load_responses(path)
    assert list(scored["timepoint"]) == ["pre", "post"]


@pytest.mark.parametrize("label", ["p0st", "pοst", "рοѕт", "pöst", "psot", "pst", "posts",
                                   "prre", "Prе"])
def test_a_look_alike_of_pre_or_post_is_refused(tmp_path, label):
    path = _pairs(tmp_path, ["post", label])
    problems = read_responses(path)[1]
    assert [(p.row, p.column) for p in problems] == [(5, "timepoint")]
    target = "pre" if label.casefold().startswith("pr") else "post"
    assert problems[0].message.startswith(
        f"unexpected timepoint: looks like {target!r} but is not written {target!r}")


def test_the_look_alike_s_odd_character_is_named(tmp_path):
    problems = read_responses(_pairs(tmp_path, ["pοst"]))[1]   # a Greek omicron
    assert "(it has 'ο' (GREEK SMALL LETTER OMICRON))" in problems[0].message
    proc = cli("validate", _pairs(tmp_path, ["post", "p0st"]))
    assert proc.returncode == 1
    assert "1 problem on 1 row" in proc.stdout
    assert "row 5, column timepoint, value p0st: unexpected timepoint: looks like 'post'" \
        in proc.stdout


@pytest.mark.parametrize("label", ["post2", "pre1", "followup", "postwork", "week6"])
def test_labels_of_their_own_stay_allowed(tmp_path, label):
    data, problems = read_responses(_pairs(tmp_path, [label]))
    assert problems == []
    assert list(data["timepoint"]) == ["pre", label]


def test_near_and_key_on_their_own():
    assert timepoints.key("ＰＯＳＴ") == "post" and timepoints.key(" P.O.S.T ") == "post"
    assert [timepoints.near(v) for v in ("p0st", "рге", "pots", "prep", "post", "after",
                                         "post2", "2pre", "followup")] == \
        ["post", "pre", "post", "pre", None, None, None, None, None]
    assert timepoints.canonical(["Ｆｏｌｌｏｗｕｐ", "followup"]) == ["Ｆｏｌｌｏｗｕｐ"] * 2


# --- 9: --keep and dates it cannot read, or that are missing --------------------------------

def _dated(tmp_path, dates):
    """Participant 'a' answers pre once per date (answers 1, 2, ...); 'b' once, dated."""
    rows = [["a", "pre", d, *answers(i + 1)] for i, d in enumerate(dates)]
    rows.insert(1, ["b", "pre", "2026-03-01", *answers(5)])
    return write(tmp_path, ["participant_id", "timepoint", "date", *IDS], rows)


@pytest.mark.parametrize("keep", ["first", "last"])
def test_an_ambiguous_date_that_decides_what_is_kept_stays_a_problem(tmp_path, keep):
    # 04/03/2026 is 4 March (before 20 March) or April 3 (after): each reading keeps another row.
    path = _dated(tmp_path, ["2026-03-20", "04/03/2026"])      # rows 2 and 4
    data, problems = read_responses(path, keep=keep)
    assert data.attrs["left_out"] == [] and list(data.index) == [2, 3, 4]
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (4, "date"),
                                                      (4, "participant_id")]
    assert problems[0].message == (
        "participant 'a' appears more than once at timepoint 'pre' (rows 2, 4), and --keep "
        "cannot choose between them: the date on row 4 (04/03/2026) could be day first or "
        "month first, and each reading keeps another row; say which with --dates dmy or "
        "--dates mdy")
    assert data.attrs["matches"].notes[-1] == (
        f"--keep {keep}: no row was left out; could not choose for 'a' (pre), whose dates "
        "decide it (see the problems)")
    proc = cli("score", path, "--keep", keep)
    assert proc.returncode == 1 and "--keep cannot choose between them" in proc.stderr


@pytest.mark.parametrize(("dates", "keep", "kept", "left_out"), [
    ("dmy", "last", [2, 3], (4, 2)),    # 4 March: row 2 (20 March) is the last
    ("mdy", "last", [3, 4], (2, 4)),    # April 3: row 4 is the last
    ("dmy", "first", [3, 4], (2, 4)),
    ("mdy", "first", [2, 3], (4, 2)),
])
def test_with_dates_the_ambiguous_date_decides(tmp_path, dates, keep, kept, left_out):
    data = load_responses(_dated(tmp_path, ["2026-03-20", "04/03/2026"]), keep=keep,
                          dates=dates)
    assert list(data.index) == kept
    assert data.attrs["left_out"] == [(left_out[0], "a", "pre", left_out[1])]


@pytest.mark.parametrize(("keep", "kept", "gone"), [("first", 2, 4), ("last", 4, 2)])
def test_an_ambiguous_date_read_either_way_keeps_the_same_row(tmp_path, keep, kept, gone):
    # 09/10/2026 is 9 October or September 10: after 4 March either way.
    data, problems = read_responses(_dated(tmp_path, ["2026-03-04", "09/10/2026"]), keep=keep)
    assert data.attrs["left_out"] == [(gone, "a", "pre", kept)]
    # kept, the ambiguous date is a problem of its own; left out, it decided nothing
    assert [(p.row, p.column) for p in problems] == ([(4, "date")] if kept == 4 else [])


@pytest.mark.parametrize(("keep", "kept", "gone"), [("first", 2, 4), ("last", 4, 2)])
def test_a_repeat_without_a_date_among_dated_ones_goes_by_file_order_and_says_so(
        tmp_path, keep, kept, gone):
    # Before, the undated row 4 was left out under both --keep first and --keep last.
    data = load_responses(_dated(tmp_path, ["2026-03-20", ""]), keep=keep)
    assert list(data.index) == sorted([kept, 3])
    assert data.attrs["left_out"] == [(gone, "a", "pre", kept)]
    assert data.attrs["matches"].notes[-1] == (
        f"--keep {keep}: left out 1 repeated response: row {gone} ('a', pre; kept row {kept}; "
        "by file order, as row 4 has no date)")
    assert data.loc[kept, "hope_1"] == (1.0 if kept == 2 else 2.0)


def test_a_repeat_whose_date_is_not_a_date_is_not_settled(tmp_path):
    data, problems = read_responses(_dated(tmp_path, ["2026-03-20", "soon"]), keep="last")
    assert data.attrs["left_out"] == []
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (4, "date"),
                                                      (4, "participant_id")]
    assert problems[0].message.endswith(
        "--keep cannot choose between them: the date on row 4 is not a date, and the dates "
        "decide which row is kept")


# --- 7: workbook score on a terminal --------------------------------------------------------

def _escapes(tmp_path):
    rows = [["X\x1b[31mRED", "A\x1b]0;TITLE\x07\x1b[2J", "pre", *answers(3)],
            ["b\u202e", "A\u202e", "pre", *answers(4)]]  # the id's mark is dropped (26)
    return write(tmp_path, ["participant_id", "cohort", "timepoint", *IDS], rows)


def _on_a_terminal(*args) -> str:
    """What ``workbook ARGS`` writes to standard output when it is a (pseudo-)terminal."""
    import pty

    main, side = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                              stdout=side, stderr=subprocess.PIPE, text=True)
        os.close(side)
        side = None
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(main)
        if side is not None:
            os.close(side)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return out.decode("utf-8")


def test_score_on_a_terminal_shows_control_characters_escaped(tmp_path):
    shown = _on_a_terminal("score", _escapes(tmp_path))
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "X\\x1b[31mRED,A\\x1b]0;TITLE\\x07\\x1b[2J,pre," in shown
    assert "b,A\\u202e,pre," in shown


def test_score_piped_writes_the_data_as_it_is(tmp_path):
    proc = cli("score", _escapes(tmp_path))
    assert proc.returncode == 0
    rows = pd.read_csv(__import__("io").StringIO(proc.stdout), dtype=str,
                       keep_default_na=False)
    assert list(rows["participant_id"]) == ["X\x1b[31mRED", "b"]
    assert list(rows["cohort"]) == ["A\x1b]0;TITLE\x07\x1b[2J", "A\u202e"]


def test_scores_text_escapes_only_for_a_terminal(tmp_path):
    from workbook.cli.basic import score_table, scores_text

    inst = load_instrument()
    scores = score_table(load_responses(_escapes(tmp_path)), inst)
    assert "\x1b[31m" in scores_text(scores) and "\x1b" not in scores_text(scores,
                                                                          terminal=True)
    assert scores_text(scores, terminal=True).splitlines()[1].startswith(
        "X\\x1b[31mRED,A\\x1b]0;TITLE\\x07\\x1b[2J,pre,50.0,")


# --- 10: validate and --skip-invalid count the same rows ------------------------------------

def _four_problems(tmp_path):
    """Rows 2 (hope_1 6), 3 (hours 2-3 only), 4 (hours 200 and hope_6 9), 5 (fine)."""
    header = ["participant_id", "timepoint", *IDS, "hours_per_week"]
    rows = [["a", "pre", "6", *answers(3)[1:], "2"], ["b", "pre", *answers(3), "2-3"],
            ["c", "pre", "3", "9", *answers(3)[2:], "200"], ["d", "pre", *answers(4), "5"]]
    return write(tmp_path, header, rows)


def test_validate_says_skip_invalid_keeps_a_row_whose_only_problem_is_its_hours(tmp_path):
    proc = cli("validate", _four_problems(tmp_path))
    assert "4 problems on 3 rows" in proc.stdout
    assert ("row 3, column hours_per_week, value 2-3: hours a week must be a number from 0 to "
            "80; --skip-invalid keeps this response with its hours left empty, unless the row "
            "has another problem") in proc.stdout


@pytest.mark.parametrize("command", ["score", "cohort"])
def test_skip_invalid_counts_the_rows_validate_names(tmp_path, command):
    path = _four_problems(tmp_path)
    proc = cli(command, path, "--skip-invalid", "--out", tmp_path / ("s.csv" if command ==
                                                                     "score" else "c"))
    assert proc.returncode == 0, proc.stderr
    assert ("skipped 2 rows with problems (rows 2, 4); 1 row kept with its hours left empty "
            "(row 3)") in proc.stderr
    assert "row(s)" not in proc.stderr
    data = load_responses(path, skip_invalid=True)
    assert list(data.index) == [3, 5] and pd.isna(data.loc[3, "hours_per_week"])
    assert data.attrs["skipped_rows"] == [2, 4] and data.attrs["hours_blanked"] == [3]


def test_the_keep_note_shows_ids_and_timepoints_escaped(tmp_path):
    header = ["participant_id", "timepoint", "date", *IDS]
    rows = [["a\x1b[2J", "w\x1b]0;T\x07k", "2026-03-20", *answers()],
            ["a\x1b[2J", "w\x1b]0;T\x07k", "", *answers()],
            ["b\x9b", "pre", "2026-03-20", *answers()],  # a C1 control (a mark would be
            ["b\x9b", "pre", "04/03/2026", *answers()]]  # dropped from the id: finding 26)
    proc = cli("validate", write(tmp_path, header, rows), "--keep", "last")
    note = [line for line in proc.stdout.splitlines() if line.startswith("--keep last")]
    assert note == ["--keep last: left out 1 repeated response: row 2 ('a\\x1b[2J', "
                    "w\\x1b]0;T\\x07k; kept row 3; by file order, as row 3 has no date); could "
                    "not choose for 'b\\x9b' (pre), whose dates decide it (see the problems)"]
