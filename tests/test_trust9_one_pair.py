"""One pair before and after, shown (``--min-group 1``): its change has no interval.

The interval's ends are missing (a nullable column's NA); the before/after figure once passed
them to matplotlib, which cannot compare NA, and `workbook cohort` stopped with a TypeError.
"""

import pandas as pd

from workbook.cli import main
from workbook.core.instrument import load_instrument


def test_one_pair_is_drawn_without_an_interval(tmp_path, capsys):
    inst = load_instrument()
    rows = []
    for pid, pre, post in (("p1", 2, 4), ("p2", 3, None)):
        rows.append({"participant_id": pid, "timepoint": "pre", "date": "2026-01-01",
                     "hours_per_week": 3, **{i: pre for i in inst.item_ids}})
        if post is not None:
            rows.append({"participant_id": pid, "timepoint": "post", "date": "2026-02-01",
                         "hours_per_week": 3, **{i: post for i in inst.item_ids}})
    data = tmp_path / "one_pair.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    out = tmp_path / "out"
    assert main(["cohort", str(data), "--out", str(out), "--min-group", "1"]) == 0
    assert (out / "prepost.png").stat().st_size > 0
    prepost = pd.read_csv(out / "prepost.csv")
    hope = prepost[(prepost["ingredient"] == "hope")].iloc[0]
    # every statement answered 2 before and 4 after: reverse statements score the same
    # direction as asked, so the change is read from the file, and it is one pair
    assert int(hope["n_pairs"]) == 1
    assert pd.isna(hope["ci_low"]) and pd.isna(hope["ci_high"])
