"""Round 12a P8: validity's curves set beside the cohort's before-and-after split by whether
people went on to talk (``outcome_change.csv``) must not give back anyone's score.

Before: every validity row was of the people with every ingredient scored, while the cohort's
split compares, per ingredient and side, everyone who answered that ingredient both times. On
the bundled sample the held-none side of Energy held 42 pairs there and 41 people here: the
pairs' ``n_pairs x mean_before`` (2186.25) less the sum of the curve's scores (2166.25) gave
SUM-030's pre Energy, 20. Now each ingredient's row holds, on each side, the people the split
compares on it (and others with the score only where they are none or at least --min-group).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbook.cli import main
from workbook.cohort.outcome import change_by_talk
from workbook.cohort.validity import validity
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.scoring import score
from workbook.responses.datasets import sample_path

INST = resolve(None)


def _sides(result) -> dict:
    """(ingredient, side) -> (people, sum of scores) rebuilt from the curve, as an attacker."""
    rows = result.table.set_index("predictor")
    out = {}
    for ing in INST.ingredient_ids:
        curve = result.roc[result.roc["predictor"] == ing].dropna(subset=["cutoff"])
        n1, n0 = int(rows.loc[ing, "n_held_some"]), int(rows.loc[ing, "n_held_none"])
        for side, rate, n in (("held_some", "sensitivity", n1),
                              ("held_none", "false_positive_rate", n0)):
            counts = np.diff(np.r_[0, np.round(curve[rate].to_numpy() * n)])
            out[ing, side] = (int(counts.sum()), float((counts * curve["cutoff"]).sum()))
    return out


def _split(change) -> dict:
    out = {}
    for r in change.itertuples(index=False):
        if r.went_on_to_talk in ("held_some", "held_none"):
            out[r.ingredient, r.went_on_to_talk] = (int(r.n_pairs), r.n_pairs * r.mean_before)
    return out


def test_on_the_sample_each_side_of_each_row_is_the_cohorts_pairs(tmp_path, capsys):
    assert main(["cohort", str(sample_path()), "--out", str(tmp_path / "c")]) == 0
    assert main(["validity", str(sample_path()), "--out", str(tmp_path / "v")]) == 0
    capsys.readouterr()
    change = pd.read_csv(tmp_path / "c" / "outcome_change.csv")
    table = pd.read_csv(tmp_path / "v" / "validity.csv").set_index("predictor")
    roc = pd.read_csv(tmp_path / "v" / "validity_roc.csv")

    class Read:  # the files as a reader has them
        pass

    read = Read()
    read.table, read.roc = table.reset_index(), roc
    mine, theirs = _sides(read), _split(change)
    # hand-checked on the sample: the people who answered each ingredient both times, by
    # side (held one or more / held none); before, every row was 52 / 41
    assert {ing: (mine[ing, "held_some"][0], mine[ing, "held_none"][0])
            for ing in INST.ingredient_ids} == {
        "hope": (54, 41), "time": (53, 43), "energy": (55, 42), "self_esteem": (55, 42),
        "ambition": (52, 42)}
    # held none, Energy: 42 pairs, sum of pre scores 2186.25 (SUM-030's 20 among them)
    assert mine["energy", "held_none"] == (42, pytest.approx(2186.25))
    for key, (n, total) in theirs.items():
        assert mine[key][0] == n, key
        assert mine[key][1] == pytest.approx(total), key  # nothing left over: no one's score
    # the verdict's row and the counts stay with those with every ingredient scored: 52 and
    # 41 against the split's 55 and 43 pairs, so the row is withheld (round 13c T4)
    assert table.loc["verdict", "n"] == 93 and pd.isna(table.loc["verdict", "n_held_some"])


def _person(pid, held, level, *, pre_none=(), post_none=()):
    """Pre and post rows answering every statement at ``level`` (reverse ones mirrored), but
    the ingredients named, left unanswered at that time; ``held`` on the post row."""
    rows = []
    for when, none in (("pre", pre_none), ("post", post_none)):
        row = {"participant_id": pid, "timepoint": when, "hours_per_week": 3}
        for item in INST.items:
            if item.ingredient not in none:
                row[item.id] = 6 - level if item.reverse else level
        if when == "post":
            row[schema.CONVERSATIONS_HELD] = held
        rows.append(row)
    return rows


def _made_up(extra=()) -> pd.DataFrame:
    """12 who talked (levels 2-5), 12 who held none (levels 1-4); X held none and left Time
    unanswered before (every answer 2: Energy 25); W0-W3 talked and left Hope unanswered
    before (5 in all with an ingredient unscored: none of the earlier rule's 1 to 4);
    D0-D4 did not say how many conversations they held (as on the sample: the earlier rule
    counted them with the unscored); ``extra``: more rows."""
    rows = []
    for k in range(12):
        rows += _person(f"T{k:02d}", 2, 2 + k % 4)
        rows += _person(f"N{k:02d}", 0, 1 + k % 4)
    rows += _person("X", 0, 2, pre_none=("time",))
    for k in range(4):
        rows += _person(f"W{k}", 1, 3, pre_none=("hope",))
    for k in range(5):
        rows += _person(f"D{k}", None, 3)
    rows += list(extra)
    frame = pd.DataFrame(rows)
    for col in [*INST.item_ids, schema.CONVERSATIONS_HELD]:
        frame[col] = frame[col].astype("Int64")
    return frame


def _leftover(data) -> dict:
    result = validity(data)
    assert not result.withheld, result.withheld
    answered = data.reset_index(drop=True)
    change = change_by_talk(answered, score(answered, INST), instrument=INST)
    mine, theirs = _sides(result), _split(change)
    return {key: (n - mine[key][0], round(total - mine[key][1], 6))
            for key, (n, total) in theirs.items()}, result


def test_one_held_none_person_without_a_time_score_is_not_given_back():
    # before: Energy's held-none side was 12 here and 13 pairs there: 13 x mean less the
    # curve's sum gave X's Energy, 25.0 (left: (1, 25.0))
    left, result = _leftover(_made_up())
    assert set(left.values()) == {(0, 0.0)}
    rows = result.table.set_index("predictor")
    assert (rows.loc["energy", "n_held_some"], rows.loc["energy", "n_held_none"]) == (16, 13)
    assert (rows.loc["time", "n_held_some"], rows.loc["time", "n_held_none"]) == (16, 12)
    assert (rows.loc["hope", "n_held_some"], rows.loc["hope", "n_held_none"]) == (12, 13)
    assert (result.n, result.n_held_some, result.n_unscored) == (24, 12, 5)
    assert result.unscored_note.startswith("5 more people who said how many conversations "
                                           "they held have an ingredient without a score")
    assert "every figure here is of the same people" not in result.unscored_note


def test_a_few_with_a_pre_score_and_no_post_one_are_not_read_on_their_side():
    # 2 more who held none answered Hope before but not after: not among the split's Hope
    # pairs; the curve with them would give their mean (both 100) against that split
    few = [*_person("Y0", 0, 5, post_none=("hope",)), *_person("Y1", 0, 5, post_none=("hope",))]
    left, result = _leftover(_made_up(few))
    assert set(left.values()) == {(0, 0.0)}
    rows = result.table.set_index("predictor")
    assert rows.loc["hope", "n_held_none"] == 13  # 12 + X, not Y0, Y1
    assert rows.loc["energy", "n_held_none"] == 15  # they answered Energy both times
    # Y0, Y1 answered Hope only once: the cohort's pre figures leave them out, so does the
    # verdict here (and the counts); Energy, which they answered both times, reads them
    assert rows.loc["verdict", "n"] == 24 and result.n_left_out == 2
    # X, Y0 and Y1 are among the split's 15 pairs who held none, not among the verdict's 12:
    # its row is withheld (round 13c T4)
    assert pd.isna(rows.loc["verdict", "n_held_none"])


def test_as_many_as_min_group_more_on_a_side_are_read():
    # 5 who held none answered Hope before only: 5 more people than the split's, whose mean
    # is not one person's score: read
    many = [r for k in range(5) for r in _person(f"Y{k}", 0, 5, post_none=("hope",))]
    left, result = _leftover(_made_up(many))
    assert left["hope", "held_none"] == (-5, round(-5 * 100.0, 6))
    assert result.table.set_index("predictor").loc["hope", "n_held_none"] == 18
