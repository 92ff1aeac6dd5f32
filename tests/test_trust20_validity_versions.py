"""Round 14c W10: a whole cohort answering version 2.0 before and 2.1 after (Hope and Energy
share too few statements to be compared) had validity refuse everything, saying the cohort's
tables "count a group of fewer than 5 people that these figures leave out": the "group" was
all 40, and nothing is hidden anywhere. An ingredient no pair is compared on has no mean in
the outcome split; its sides are hidden only where their size hides them."""

import csv
import random

import pytest

from workbook import load_responses
from workbook.cohort.validity import validity

V20 = [f"{i}_{k}" for i in ("hope", "time", "energy", "self_esteem", "ambition")
       for k in range(1, 6)]
V21 = ("hope_1,hope_6,hope_7,hope_8,hope_9,time_1,time_2,time_6,time_7,time_5,energy_1,"
       "energy_2,energy_6,energy_7,energy_8,self_esteem_1,self_esteem_7,self_esteem_3,"
       "self_esteem_6,self_esteem_5,ambition_1,ambition_6,ambition_3,ambition_4,"
       "ambition_7").split(",")


def _write(path, held_of):
    cols = ["participant_id", "timepoint", *sorted(set(V20) | set(V21)), "hours_per_week",
            "conversations_held"]
    rows = []
    for i, held in enumerate(held_of):
        pid = f"P{i:02d}"
        r = random.Random(pid)
        for timepoint, items in (("pre", V20), ("post", V21)):
            base = r.randint(1, 5)
            row = {"participant_id": pid, "timepoint": timepoint, "hours_per_week": 5,
                   "conversations_held": held if timepoint == "post" else ""}
            row.update({it: max(1, min(5, base + r.choice([-1, 0, 1]))) for it in items})
            rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize("same_time", [False, True])
def test_every_ingredient_is_read_when_nothing_is_hidden(tmp_path, same_time):
    data = load_responses(_write(tmp_path / "g24.csv", [i % 2 for i in range(40)]))
    result = validity(data, same_time=same_time)
    assert not result.withheld, result.withheld
    table = result.table.set_index("predictor")
    assert list(table.index) == ["hope", "time", "energy", "self_esteem", "ambition",
                                 "verdict"]
    assert table["n"].tolist() == [40] * 6
    assert table["n_held_some"].tolist() == [20] * 6
    assert table["n_held_none"].tolist() == [20] * 6


def test_a_side_hidden_for_its_size_still_withholds(tmp_path):
    # 2 did not say (hidden), so the next smallest side (6 who held some) is hidden too:
    # for an ingredient compared (Time) and one that is not (Hope)
    held = [1] * 6 + [0] * 32 + [""] * 2
    data = load_responses(_write(tmp_path / "g24h.csv", held))
    result = validity(data)
    assert result.withheld and "Hope" in result.withheld and "Time" in result.withheld
    assert result.table is None
