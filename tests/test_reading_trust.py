"""Trust the record (issue 20, the tester's findings 6, 7, 9 and 10): what reading lets through.

Look-alike timepoints, ``score``'s output on a terminal, ``--keep`` deciding on a date it cannot
read, and ``--skip-invalid``'s count against ``validate``'s. Figures worked by hand.
"""

import os
import subprocess
import sys

import pandas as pd
import pytest

from workbook import timepoints
from workbook.instrument import load_instrument
from workbook.io import load_responses, read_responses

IDS = list(load_instrument().item_ids)


def cli(*args, **kwargs):
    proc = subprocess.run([sys.executable, "-m", "workbook", *map(str, args)],
                          capture_output=True, text=True, **kwargs)
    assert "Traceback" not in proc.stderr and "unexpected error" not in proc.stderr, proc.stderr
    return proc


def write(tmp_path, header, rows, name="data.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n",
                    encoding="utf-8")
    return path


def answers(value=3):
    return [str(value)] * len(IDS)


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
