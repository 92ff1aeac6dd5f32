"""A before/after whose timepoints were answered on different instrument versions (issue 22).

It compares only the statements both versions share, says which, and makes no comparison
for an ingredient with fewer than half its statements shared. Every number here is worked
out by hand in the comments.
"""

import dataclasses
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from workbook.cohort.across_versions import compare_across_versions
from workbook.cohort.analysis import analyse
from workbook.core.instrument import load_instrument
from workbook.core.scoring import score

INST = load_instrument()

#: Time at ``pre`` on 2.0 (time_1..time_5) and at ``post`` on 2.1 (time_1, time_2, time_6,
#: time_7, time_5). Shared: time_1, time_2 (reverse), time_5 (reverse). 2.0's time_3 and
#: time_4 are answered 1 and 2.1's time_6 and time_7 are answered 5 throughout, so using
#: them would move every number below.
#:               pre: t1 t2 t5   keyed      POMP | post: t1 t2 t5   keyed      POMP | change
#: a                  3  3  3 -> 3, 3, 3 ->  50  |       4  2  2 -> 4, 4, 4 ->  75  |  +25
#: b                  2  4  4 -> 2, 2, 2 ->  25  |       4  2  2 -> 4, 4, 4 ->  75  |  +50
#: c                  5  1  1 -> 5, 5, 5 -> 100  |       5  1  1 -> 5, 5, 5 -> 100  |    0
TIME = {"a": ((3, 3, 3), (4, 2, 2)), "b": ((2, 4, 4), (4, 2, 2)), "c": ((5, 1, 1), (5, 1, 1))}


def _rows(with_version: bool):
    rows = []
    for pid, (pre, post) in TIME.items():
        before = {"participant_id": pid, "timepoint": "pre", "time_1": pre[0],
                  "time_2": pre[1], "time_5": pre[2], "time_3": 1, "time_4": 1}
        after = {"participant_id": pid, "timepoint": "post", "time_1": post[0],
                 "time_2": post[1], "time_5": post[2], "time_6": 5, "time_7": 5}
        # Self-esteem: shared self_esteem_1, _3 (reverse), _5 (reverse), every answer 3 before
        # and 4 keyed after (3 -> POMP 50, 4 -> 75): change +25 for everyone.
        before.update({"self_esteem_1": 3, "self_esteem_3": 3, "self_esteem_5": 3,
                       "self_esteem_2": 1, "self_esteem_4": 1})
        after.update({"self_esteem_1": 4, "self_esteem_3": 2, "self_esteem_5": 2,
                      "self_esteem_7": 5, "self_esteem_6": 5})
        # Hope: only hope_1 is shared (1 of 5): not compared, whatever is answered.
        before.update({"hope_1": 3, "hope_2": 3, "hope_3": 3, "hope_4": 3, "hope_5": 3})
        after.update({"hope_1": 5, "hope_6": 5, "hope_7": 1, "hope_8": 5, "hope_9": 1})
        if with_version:
            before["instrument_version"], after["instrument_version"] = "2.0", "2.1"
        rows += [before, after]
    frame = pd.DataFrame(rows)
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    return frame


def _compare(data, instrument=INST):
    return compare_across_versions(data, score(data, instrument), min_group=1,
                                   instrument=instrument)


@pytest.mark.parametrize("with_version", [True, False])  # by the column, or by the ids
def test_time_is_compared_on_the_three_shared_statements_by_hand(with_version):
    table, note, _ = _compare(_rows(with_version))
    time = table.set_index("ingredient").loc["time"]
    assert time["n_pairs"] == 3
    assert time["mean_before"] == pytest.approx((50 + 25 + 100) / 3)
    assert time["mean_after"] == pytest.approx((75 + 75 + 100) / 3)
    assert time["mean_change"] == pytest.approx(25.0)
    assert time["sd_change"] == pytest.approx(25.0)  # changes 25, 50, 0
    assert time["statements"] == "time_1 time_2 time_5"
    self_esteem = table.set_index("ingredient").loc["self_esteem"]
    assert self_esteem["mean_change"] == pytest.approx(25.0)
    assert self_esteem["statements"] == "self_esteem_1 self_esteem_3 self_esteem_5"
    assert note == (
        "The timepoints were answered on different instrument versions (pre: 2.0; post: "
        "2.1), so the before/after compares only the statements both versions share: Time "
        "on time_1, time_2, time_5; Self-esteem on self_esteem_1, self_esteem_3, "
        "self_esteem_5; Ambition on ambition_1, ambition_3, ambition_4. Not compared, as "
        "fewer than half their statements are shared: Hope (1 of 5), Energy (2 of 5)")


def test_without_the_shared_statements_rule_the_numbers_would_differ():
    # The whole 2.1 scoring at post: a -> 4, 4, 5, 5, 4 keyed = mean 4.4 -> POMP 85, not 75.
    post = score(_rows(True).query("timepoint == 'post'"), INST).set_index("participant_id")
    assert post.loc["a", "time"] == pytest.approx(85.0)


def test_an_ingredient_with_too_few_shared_statements_is_not_compared():
    table, _, compared = _compare(_rows(True))
    hope = table.set_index("ingredient").loc["hope"]
    assert hope["statements"] == ""
    assert np.isnan(hope["mean_change"]) and pd.isna(hope["n_pairs"])  # no pairs: none shown
    assert compared["hope"].isna().all()


def test_one_version_is_compared_as_always_without_a_note():
    data = _rows(True)
    data["instrument_version"] = "2.1"
    data = data.drop(columns=["time_3", "time_4", "self_esteem_2", "self_esteem_4", "hope_2",
                              "hope_3", "hope_4", "hope_5"])
    table, note, _ = _compare(data)
    assert note == "" and "statements" not in table.columns
    # all five 2.1 time statements now: a pre 3,3,3 (t6, t7 missing) -> 50; post 85
    time = table.set_index("ingredient").loc["time"]
    assert time["mean_before"] == pytest.approx((50 + 25 + 100) / 3)
    assert time["mean_after"] == pytest.approx((85 + 85 + 100) / 3)


def test_too_few_shared_anywhere_refuses_the_comparison_with_a_clear_note():
    # An instrument whose 2.0 changed every statement's content: 1.0 and 2.1 share none.
    every = dataclasses.replace(INST, history={"2.0": INST.item_ids})
    data = _rows(True).replace({"instrument_version": {"2.0": "1.0"}})
    table, note, _ = _compare(data, every)
    assert table is None
    assert note.startswith("The timepoints were answered on different instrument versions "
                           "(pre: 1.0; post: 2.1), and no ingredient has half its statements "
                           "in both, so no before/after is made: Hope (0 of 5), Time (0 of 5)")


def test_analyse_and_the_cli_say_which_statements_they_used(tmp_path):
    data = _rows(True)
    tables = analyse(data, min_group=1)
    assert tables["prepost"].set_index("ingredient").loc["time", "statements"] == \
        "time_1 time_2 time_5"
    assert "Time on time_1, time_2, time_5" in tables.versions
    path = tmp_path / "mixed.csv"
    data.to_csv(path, index=False)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "workbook", "cohort", str(path), "--out",
                           str(out), "--min-group", "1"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Before/after: The timepoints were answered on different instrument versions " \
        "(pre: 2.0; post: 2.1)" in proc.stdout
    prepost = pd.read_csv(out / "prepost.csv")
    assert prepost.set_index("ingredient").loc["time", "mean_change"] == pytest.approx(25.0)
    about = (out / "instrument.txt").read_text(encoding="utf-8").splitlines()
    assert about[0] == "Scored with Five ingredients for informational interviewing, " \
        "version 2.1."
    assert about[1].startswith("The timepoints were answered on different instrument")


def test_the_cohort_report_says_which_statements_it_used(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "mixed.csv"
    _rows(True).to_csv(path, index=False)
    view = cohort_view(path, min_group=1)
    html = view.before_after().html
    assert "Time on time_1, time_2, time_5" in html
    assert "Not compared, as fewer than half their statements are shared: Hope (1 of 5)" in html
