"""The CLI's prepost.png draws the scores prepost.csv compares (per pair), not as answered.

Six people answer every 2.0 statement before, the ones 2.0 shares with 2.1 keyed 5 and its
own keyed 1, and every 2.1 statement keyed 5 after. Time shares time_1, time_2, time_5 (3
of 5): a pair across versions is compared on those three, 100 before (as answered: 5, 5, 5,
1, 1 -> 3.4 -> 60) and 100 after: a change of 0, not +40. The figure drew 60 -> 100 lines.
"""

import numpy as np
import pandas as pd

from workbook.cohort.analysis import analyse
from workbook.cohort.plots import cohort_figures
from workbook.core.instrument import load_instrument
from workbook.core.versions import statements_at

INST = load_instrument()
AT = {v: statements_at(INST, v) for v in ("2.0", "2.1")}
SHARED = {"time": {"time_1", "time_2", "time_5"}, "hope": {"hope_1"},
          "energy": {"energy_1", "energy_2"},
          "self_esteem": {"self_esteem_1", "self_esteem_3", "self_esteem_5"},
          "ambition": {"ambition_1", "ambition_3", "ambition_4"}}


def _answers(version, keyed):
    out = {}
    for ing, items in AT[version].items():
        for item in items:
            k = keyed if keyed != "split" else (5 if item.id in SHARED[ing] else 1)
            out[item.id] = 6 - k if item.reverse else k
    return out


def _data():
    rows = []
    for n in range(6):
        rows.append({"participant_id": f"e{n}", "timepoint": "pre",
                     "instrument_version": "2.0", **_answers("2.0", "split")})
        rows.append({"participant_id": f"e{n}", "timepoint": "post",
                     "instrument_version": "2.1", **_answers("2.1", 5)})
    return pd.DataFrame(rows)


def _grey_lines(ax):
    return [line for line in ax.get_lines() if line.get_linewidth() < 1]


def test_the_prepost_figure_draws_the_compared_scores():
    # --min-group 3: six pairs are twice that, so a line per person is drawn (round 13c T22)
    tables = analyse(_data(), min_group=3, instrument=INST)
    prepost = tables["prepost"].set_index("ingredient")
    assert prepost.loc["time", "mean_before"] == 100.0  # on the shared statements
    assert prepost.loc["time", "mean_change"] == 0.0
    fig = cohort_figures(tables.answered, tables["scores"], None, 3, instrument=INST,
                         tables=tables)["prepost"]
    ax = fig.axes[[i.id for i in INST.ingredients].index("time")]
    lines = _grey_lines(ax)
    assert len(lines) == 6
    # before the fix: every line started at 60 (the 2.0 score over all five statements)
    assert all(np.allclose(line.get_ydata(), [100.0, 100.0]) for line in lines)
    assert "+0.0 (n=6)" in ax.get_title()
