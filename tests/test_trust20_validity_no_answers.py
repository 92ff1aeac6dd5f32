"""Round 14c W9: on an export with clients who have a conversations list and no session,
validity (and the report's "How well the cut-offs predict") accounted for 29 of the 32
people the outcome section reads and said nothing of the other 3: they said how many
conversations they held (by their list) and have no readiness to read. They are counted
now, so that the two sections' numbers meet."""

import csv
import random

import pytest

from workbook import load_responses
from workbook.cohort.validity import validity

ITEMS = ("hope_1,hope_6,hope_7,hope_8,hope_9,time_1,time_2,time_6,time_7,time_5,energy_1,"
         "energy_2,energy_6,energy_7,energy_8,self_esteem_1,self_esteem_7,self_esteem_3,"
         "self_esteem_6,self_esteem_5,ambition_1,ambition_6,ambition_3,ambition_4,"
         "ambition_7").split(",")


def _write(path, listed_only):
    cols = ["participant_id", "timepoint", "date", *ITEMS, "hours_per_week",
            "conversations_held"]
    rows = []
    for i in range(20):
        pid = f"H{i:02d}"
        r = random.Random(pid)
        for day, held in (("2026-11-02", 0), ("2026-11-23", i % 2 + (i % 4 == 1))):
            base = r.randint(1, 5)
            row = {"participant_id": pid, "timepoint": day, "date": day,
                   "hours_per_week": 5, "conversations_held": held}
            row.update({it: max(1, min(5, base + r.choice([-1, 0, 1]))) for it in ITEMS})
            rows.append(row)
    for k in range(listed_only):  # export-clients' row of a client with a list only
        rows.append({"participant_id": f"LO{k}", "timepoint": "2026-12-07",
                     "date": "2026-12-07", "conversations_held": 1})
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize("listed_only, words", [
    (3, "3 more people who said how many conversations they held are not counted: they "
        "answered no statement"),
    (1, "1 more person who said how many conversations they held is not counted: they "
        "answered no statement")])
def test_people_without_answers_are_counted(tmp_path, listed_only, words):
    data = load_responses(_write(tmp_path / "ws.csv", listed_only))
    result = validity(data)
    assert not result.withheld, result.withheld
    assert result.n_no_answers == listed_only
    assert words in result.unscored_note
    # everyone who said: counted, or named as not counted
    assert result.n + result.n_unscored + result.n_left_out + result.n_no_answers == \
        20 + listed_only


def test_none_said_when_everyone_answered(tmp_path):
    result = validity(load_responses(_write(tmp_path / "ws.csv", 0)))
    assert result.n_no_answers == 0 and "no statement" not in result.unscored_note
    assert result.n == 20
