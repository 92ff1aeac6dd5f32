"""attacks4 B11 (rest): when no line separates anyone (everyone the same score: AUC 0.5),
`validity` gives no best line ("-" printed, best_cutoff empty); the note says everyone has
the same value (no new word: a coach's copy of [words.validity] stays whole, attacks5 C21).

24 people: hope before is 75 for the 12 who talked (every hope statement answered 4, keyed)
and 25 for the 12 who held none; every other statement is answered 3 by everyone, so time,
energy, self-esteem and ambition are 50 for all (by hand: at any line, either everyone or
no one is at or above it: sensitivity + specificity - 1 = 0).
"""

import pandas as pd

from workbook.cohort.validity import validity
from workbook.core.instrument import load_instrument

from .reading_helpers import cli

INST = load_instrument()


def _data():
    rows = []
    for p in range(24):
        talked = p < 12
        pre = {i: 3 for i in INST.item_ids}
        for item in INST.ingredient("hope").items:
            keyed = 4 if talked else 2
            pre[item.id] = 6 - keyed if item.reverse else keyed
        rows.append({"participant_id": f"p{p:02d}", "timepoint": "pre", **pre,
                     "hours_per_week": 4})
        rows.append({"participant_id": f"p{p:02d}", "timepoint": "post", **pre,
                     "hours_per_week": 4, "conversations_held": 2 if talked else 0})
    return pd.DataFrame(rows)


NONE = "everyone has the same value"


def test_no_best_line_when_everyone_has_the_same_score():
    table = validity(_data(), instrument=INST).table.set_index("predictor")
    assert table.loc["hope", "best_cutoff"] == 40  # today's line separates them all
    time = table.loc["time"]
    assert time["auc"] == 0.5
    # before: best_cutoff 40 [40, 40], "provisional"
    assert pd.isna(time["best_cutoff"]) and pd.isna(time["best_cutoff_low"])
    assert pd.isna(time["best_cutoff_status"])
    assert NONE in time["note"]


def test_the_command_prints_a_dash_and_the_reason(tmp_path):
    path = tmp_path / "flat.csv"
    _data().to_csv(path, index=False)
    proc = cli("validity", path, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("Time "))
    assert lines[at + 1].strip() == "best line -"
    assert NONE in lines[at + 2]
    assert "below the best line" not in proc.stdout
    written = pd.read_csv(tmp_path / "out" / "validity.csv").set_index("predictor")
    assert pd.isna(written.loc["time", "best_cutoff"])
