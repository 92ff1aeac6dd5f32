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
