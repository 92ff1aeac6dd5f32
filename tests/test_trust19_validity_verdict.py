"""Round 13c T4: validity's verdict row left out 1 to 4 people on a side that
outcome_change.csv's ``share_ready_before`` (and verdicts.csv) counted.

Before: P07 (held 2) left four of the five Hope statements blank at post; the cohort's split
counted P07's pre verdict (31 pairs held one or more, 27 "Ready" before), validity's verdict
row did not (30, 26): the difference gave back that P07 was Ready before. With --same-time the
mirror image (Hope blank at pre) gave back P07's verdict after. On the bundled sample 3 and 2
people were left over, none of them Ready before. Now the verdict's row is withheld, with a
note saying why, where 1 to --min-group - 1 people on a side of the split (or of those the
verdicts at that time describe) are not read.
"""

from __future__ import annotations

import pandas as pd

from tests.validity_leaks import answers, leaks, write
from workbook.cli import main

LEVELS = [2, 3, 4, 4, 5]


def _file(path, blank_at):
    rows = []
    for k in range(40):
        level = LEVELS[k % 5]
        for when in ("pre", "post"):
            blank = ("hope",) if k == 7 and when == blank_at else ()
            rows.append({"participant_id": f"P{k:02d}", "timepoint": when,
                         **answers(level if when == "pre" else max(1, level - k % 2), blank),
                         "conversations_held": (2 if k == 7 else k % 3) if when == "post"
                         else None})
    return write(path, rows)


def _run(tmp_path, data, *extra):
    c, v = tmp_path / "c", tmp_path / "v"
    assert main(["cohort", str(data), "--out", str(c)]) == 0
    assert main(["validity", str(data), "--out", str(v), *extra]) == 0
    return c, v


def test_one_person_unscored_after_does_not_give_their_verdict_before(tmp_path, capsys):
    c, v = _run(tmp_path, _file(tmp_path / "g8.csv", "post"))
    out = " ".join(capsys.readouterr().out.split())
    verdict = pd.read_csv(v / "validity.csv").set_index("predictor").loc["verdict"]
    assert pd.isna(verdict["sensitivity"]) and pd.isna(verdict["n_held_some"])
    assert "The verdict “Ready”: not shown: set beside the cohort's tables" in out
    # the ingredient rows are still shown (each of the split's pairs)
    assert "Energy AUC" in out
    assert leaks(c, v) == []


def test_with_same_time_one_person_unscored_before(tmp_path, capsys):
    c, v = _run(tmp_path, _file(tmp_path / "g8b.csv", "pre"), "--same-time")
    capsys.readouterr()
    verdict = pd.read_csv(v / "validity.csv").set_index("predictor").loc["verdict"]
    assert pd.isna(verdict["sensitivity"])
    assert leaks(c, v) == []


def test_on_the_sample_the_verdict_row_is_withheld(tmp_path, capsys):
    c, v = _run(tmp_path, "data/sample_cohort.csv")
    capsys.readouterr()
    table = pd.read_csv(v / "validity.csv").set_index("predictor")
    # outcome_change.csv: 55 pairs held one or more, 43 held none; the verdict row would
    # read 52 and 41 (those with every ingredient scored)
    change = pd.read_csv(c / "outcome_change.csv")
    sides = change[change["ingredient"] == "hope"].set_index("went_on_to_talk")["n_both"]
    assert (sides["held_some"], sides["held_none"]) == (55, 43)
    assert pd.isna(table.loc["verdict", "auc"]) and table.loc["verdict", "n"] == 93
    assert leaks(c, v) == []
