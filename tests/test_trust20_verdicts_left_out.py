"""Round 14c W13: a person left out of one ingredient's figures at pre (they left its
statements blank at post) was kept in verdicts.csv at pre: with everyone else's levels shown,
the verdict count ("Tend first 1") gave back their Hope level before the workshop. The
verdict mix and the lowest-ingredient table now leave out whoever an ingredient's figures
leave out at that timepoint, counted in n_not_shown."""

import random

import pandas as pd

from workbook import score
from workbook.cohort.analysis import analyse
from workbook.core.instrument import resolve

INST = resolve(None)
HOPE = [i.id for i in INST.ingredient("hope").items]


def _data():
    rows = []
    for i in range(40):
        pid = f"P{i:02d}"
        r = random.Random(pid)
        for tp in ("pre", "post"):
            row = {"participant_id": pid, "timepoint": tp}
            row.update({it: r.randint(4, 5) for it in INST.item_ids})
            if pid == "P00":
                row.update(dict(zip(HOPE, (1, 1, 5, 1, 5) if tp == "pre" else [None] * 5)))
            rows.append(row)
    return pd.DataFrame(rows)


def test_the_hope_left_out_is_left_out_of_the_verdicts_and_lowest():
    data = _data()
    scores = score(data)
    p00 = scores[(scores["participant_id"] == "P00") & (scores["timepoint"] == "pre")].iloc[0]
    assert p00["hope"] == 0.0 and p00["verdict"] == "build_first"  # the case of the entry
    tables = analyse(data)
    summary = tables["summary"]
    hope = summary[(summary["timepoint"] == "pre") & (summary["ingredient"] == "hope")].iloc[0]
    assert (hope["n"], hope["n_not_shown"]) == (39, 1)
    mix = tables["verdicts"]
    pre = mix[mix["timepoint"] == "pre"].set_index("verdict")
    assert pre["n"].tolist() == [39] * 4 and pre["n_not_shown"].tolist() == [1] * 4
    assert int(pre.loc["build_first", "count"]) == 0
    assert int(pre.loc["ready", "count"]) == 39
    low = tables["bottlenecks"]
    low = low[low["timepoint"] == "pre"]
    assert low["n"].tolist() == [39] * 5 and low["n_not_shown"].tolist() == [1] * 5
    assert int(low["count"].sum()) == 39


def test_the_verdicts_alone_agree():
    from workbook.cohort.verdicts import verdicts

    mix = verdicts(score(_data()), "timepoint")
    pre = mix[mix["timepoint"] == "pre"].set_index("verdict")
    assert int(pre.loc["build_first", "count"]) == 0 and int(pre["n"].iloc[0]) == 39
