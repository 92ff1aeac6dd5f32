"""Round 14c W20: a dated timepoint (or a followup) whose day is BETWEEN pre and post was read
as later than post: its counts (0) replaced the post counts (3): "20 of 30, total 60" where
post gives 30 of 30, total 90. A row dated before the person's post row is not later."""

import csv
import random

import pytest

from workbook import load_responses
from workbook.cohort.outcome import outcome_rows
from workbook.core.instrument import resolve

ITEMS = list(resolve(None).item_ids)


def _write(path, mid_label, mid_day):
    rows = []
    for i in range(30):
        pid = f"P{i:02d}"
        r = random.Random(pid)
        times = [("pre", "2026-03-01", ""), ("post", "2026-04-01", 3)]
        if i < 10:
            times.append((mid_label, mid_day, 0))
        for tp, day, held in times:
            row = {"participant_id": pid, "timepoint": tp, "date": day,
                   "conversations_held": held}
            row.update({it: r.randint(1, 5) for it in ITEMS})
            rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "timepoint", "date", *ITEMS,
                                          "conversations_held"])
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize("label", ["2026-03-15", "followup"])
def test_a_check_dated_before_post_is_not_the_latest_count(tmp_path, label):
    data = load_responses(_write(tmp_path / "g43.csv", label, "2026-03-15"))
    read = data[outcome_rows(data)]
    assert len(read) == 30
    assert read["conversations_held"].astype(float).tolist() == [3.0] * 30


def test_a_followup_dated_after_post_is_still_the_latest(tmp_path):
    data = load_responses(_write(tmp_path / "g44.csv", "followup", "2026-05-01"))
    held = data[outcome_rows(data)]["conversations_held"].astype(float)
    assert len(held) == 30 and held.sum() == 20 * 3 + 10 * 0
