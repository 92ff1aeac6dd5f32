"""Round 13c T8: a person whose before/after is not compared (answered on two instrument
versions sharing too few of an ingredient's statements) is left out of that ingredient's
figures at each timepoint too, as someone who answered it once is: otherwise summary.csv
minus prepost.csv gives back their scores."""

import random

import pandas as pd

from workbook.cohort.analysis import analyse

ITEMS = ["hope_1", "hope_6", "hope_7", "hope_8", "hope_9", "time_1", "time_2", "time_6",
         "time_7", "time_5", "energy_1", "energy_2", "energy_6", "energy_7", "energy_8",
         "self_esteem_1", "self_esteem_7", "self_esteem_3", "self_esteem_6", "self_esteem_5",
         "ambition_1", "ambition_6", "ambition_3", "ambition_4", "ambition_7"]
# the 2.1 statements and the 2.0 statements they replaced
OLD = {"hope_6": "hope_2", "hope_7": "hope_3", "hope_8": "hope_4", "hope_9": "hope_5",
       "time_6": "time_3", "time_7": "time_4", "energy_6": "energy_3", "energy_7": "energy_4",
       "energy_8": "energy_5", "self_esteem_7": "self_esteem_2", "self_esteem_6": "self_esteem_4",
       "ambition_6": "ambition_2", "ambition_7": "ambition_5"}


def _data(people=30, beta=()):
    rng = random.Random(21)
    rows = []
    for i in range(people):
        for tp in ("pre", "post"):
            r = {"participant_id": f"P{i:02d}", "cohort": "beta" if i in beta else "alpha",
                 "timepoint": tp, "instrument_version": "2.1", "hours_per_week": 4}
            for it in ITEMS:
                r[it] = rng.randint(1, 5)
            if i == 0 and tp == "pre":  # P00 answered on 2.0 before, 2.1 after
                r["instrument_version"] = "2.0"
                for new, old in OLD.items():
                    r[old] = r.pop(new)
            rows.append(r)
    return pd.DataFrame(rows)


def _row(table, **where):
    mask = pd.Series(True, index=table.index)
    for col, value in where.items():
        mask &= table[col] == value
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


def test_a_pair_not_compared_is_left_out_of_the_summary():
    tables = analyse(_data())
    summary, prepost = tables["summary"], tables["prepost"]
    for ing in ("hope", "energy"):  # the versions share 1 and 2 of their 5 statements
        pair = _row(prepost, ingredient=ing)
        assert (pair["n_both"], pair["n_pairs"]) == (30, 29)
        for tp, mean in (("pre", "mean_before"), ("post", "mean_after")):
            row = _row(summary, timepoint=tp, ingredient=ing)
            # 29 people described, P00 counted as not shown: the same 29 as the pairs
            assert (row["n_responses"], row["n"], row["n_not_shown"]) == (30, 29, 1)
            assert abs(row["mean"] - pair[mean]) < 1e-9
    # an ingredient compared for everyone is unchanged: all 30 at each timepoint
    row = _row(summary, timepoint="pre", ingredient="ambition")
    assert (row["n"], row["n_not_shown"]) == (30, 0)


def test_the_same_within_a_group():
    tables = analyse(_data(beta=range(6)), by="cohort")
    summary, prepost = tables["summary"], tables["prepost"]
    pair = _row(prepost, cohort="beta", ingredient="hope")
    assert pair["n_pairs"] == 5
    for tp, mean in (("pre", "mean_before"), ("post", "mean_after")):
        row = _row(summary, timepoint=tp, cohort="beta", ingredient="hope")
        assert (row["n"], row["n_not_shown"]) == (5, 1)
        assert abs(row["mean"] - pair[mean]) < 1e-9
