"""Round 14c W15: a week1/week2 file (no date) whose week2 rows, holding the counts, come
first in the file lost every count without a word: each person's latest row was the week1
row (last in the file), which holds none. Each person's count is now read from their latest
row that holds one, as the README says of a workshop's file."""

import csv
import random

import pytest

from workbook import load_responses
from workbook.cohort.outcome import outcome_rows
from workbook.cohort.validity import validity
from workbook.core.instrument import resolve

ITEMS = list(resolve(None).item_ids)


def _write(path, week2_first):
    blocks = {"week1": [], "week2": []}
    for i in range(24):
        pid = f"{'AB'[i // 12]}{i:02d}"
        r = random.Random(pid)
        for tp in ("week1", "week2"):
            row = {"participant_id": pid, "cohort": "AB"[i // 12], "timepoint": tp,
                   "conversations_held": (i % 3) if tp == "week2" else ""}
            row.update({it: r.randint(1, 5) for it in ITEMS})
            blocks[tp].append(row)
    order = ("week2", "week1") if week2_first else ("week1", "week2")
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "cohort", "timepoint", *ITEMS,
                                          "conversations_held"])
        w.writeheader()
        for tp in order:
            w.writerows(blocks[tp])
    return path


@pytest.mark.parametrize("week2_first", [True, False])
def test_every_count_is_read_whatever_the_row_order(tmp_path, week2_first):
    data = load_responses(_write(tmp_path / "g34.csv", week2_first))
    held = data[outcome_rows(data)]["conversations_held"].astype(float)
    assert len(held) == 24
    assert sorted(held.tolist()) == sorted(float(i % 3) for i in range(24))
    result = validity(data)
    assert "no one with a readiness score said" not in result.withheld
    assert result.n_held_some + result.n_held_none == 24
