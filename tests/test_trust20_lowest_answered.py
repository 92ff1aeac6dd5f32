"""Round 14c W14: on an export, the lowest-ingredient table at a session counted carried
ingredients (copies of an earlier session) as that day's: clients who answered only Hope on
the second day had Time, from the first day, as their lowest. The cohort leaves carried
ingredients out of every figure; the lowest ingredient is now of those answered that day."""

import csv

from workbook import load_responses
from workbook.cohort.analysis import analyse
from workbook.core.instrument import resolve

INST = resolve(None)
CARRIED = "; ".join(f"{i} 2026-11-02" for i in ("time", "energy", "self_esteem", "ambition"))


def _answers(hope, rest):
    out = {}
    for ing in INST.ingredients:
        for item in ing.items:
            value = hope if ing.id == "hope" else rest[ing.id]
            out[item.id] = 6 - value if item.reverse else value
    return out


def _write(path):
    rows = []
    for i in range(12):  # K: every statement answered both days, Energy lowest
        for day in ("2026-11-02", "2026-11-23"):
            row = {"participant_id": f"K{i:02d}", "timepoint": day, "date": day,
                   "conversations_held": i % 2, "carried": ""}
            row.update(_answers(4, {"time": 4, "energy": 2, "self_esteem": 5, "ambition": 5}))
            rows.append(row)
    for i in range(6):  # H: Time lowest the first day; only Hope (3) the second
        first = _answers(4, {"time": 1, "energy": 5, "self_esteem": 5, "ambition": 5})
        second = {**first, **_answers(3, {"time": 1, "energy": 5, "self_esteem": 5,
                                          "ambition": 5})}
        for day, answers, carried in (("2026-11-02", first, ""),
                                      ("2026-11-23", second, CARRIED)):
            row = {"participant_id": f"H{i:02d}", "timepoint": day, "date": day,
                   "conversations_held": 1, "carried": carried}
            row.update({k: v for k, v in answers.items()})
            rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "timepoint", "date",
                                          *INST.item_ids, "conversations_held", "carried"])
        w.writeheader()
        w.writerows(rows)
    return path


def test_the_lowest_is_of_what_was_answered_that_day(tmp_path):
    tables = analyse(load_responses(_write(tmp_path / "ws.csv")))
    summary = tables["summary"]
    day2 = summary[summary["timepoint"] == "2026-11-23"].set_index("ingredient")["n"]
    assert (int(day2["hope"]), int(day2["time"])) == (18, 12)  # carried Time not counted
    low = tables["bottlenecks"]
    low = low[low["timepoint"] == "2026-11-23"].set_index("ingredient")
    assert int(low["n"].iloc[0]) == 18
    assert int(low.loc["hope", "count"]) == 6  # the H clients: Hope, all they answered
    assert int(low.loc["energy", "count"]) == 12
    assert int(low.loc["time", "count"]) == 0
    first = tables["bottlenecks"]
    first = first[first["timepoint"] == "2026-11-02"].set_index("ingredient")
    assert int(first.loc["time", "count"]) == 6  # answered that day
