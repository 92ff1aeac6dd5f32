"""A before/after across versions says why an ingredient is not compared (attacks3 A17).

Twelve people answer ``pre`` on 2.0's statements and ``post`` on 2.1's. The versions share
hope_1 only of hope's five statements and energy_1, energy_2 of energy's (data/README.md,
"Instrument versions"): fewer than half, so hope and energy are not compared. The overview
said "Hope: too few pairs to show" (there are 12 pairs) and prepost.csv left n_pairs empty
with no reason.
"""

import pandas as pd

from workbook.cli import main
from workbook.core.instrument import load_instrument

INST = load_instrument()
INGREDIENTS = ("hope", "time", "energy", "self_esteem", "ambition")
IDS_2_0 = [f"{ing}_{k}" for ing in INGREDIENTS for k in range(1, 6)]
IDS_2_1 = list(INST.item_ids)


def _file(tmp_path):
    rows = []
    for n in range(12):
        pre = {"participant_id": f"P{n}", "timepoint": "pre", "hours_per_week": 3}
        pre.update({i: 1 + (n + k) % 5 for k, i in enumerate(IDS_2_0)})
        post = {"participant_id": f"P{n}", "timepoint": "post", "hours_per_week": 3}
        post.update({i: 1 + (n + 2 * k) % 5 for k, i in enumerate(IDS_2_1)})
        rows += [pre, post]
    path = tmp_path / "mixed.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_an_ingredient_not_compared_across_versions_says_why(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["cohort", str(_file(tmp_path)), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "  Hope: not compared (the versions share 1 of its 5 statements)\n" in printed
    assert "  Energy: not compared (the versions share 2 of its 5 statements)\n" in printed
    assert "too few pairs" not in printed
    table = pd.read_csv(out / "prepost.csv").set_index("ingredient")
    table["not_compared"] = table["not_compared"].fillna("")
    assert table.loc["hope", "not_compared"] == "the versions share 1 of its 5 statements"
    assert table.loc["energy", "not_compared"] == "the versions share 2 of its 5 statements"
    assert table.loc["hope", "n_both"] == 12 and pd.isna(table.loc["hope", "n_pairs"])
    for ing in ("time", "self_esteem", "ambition"):  # compared on the shared statements
        assert table.loc[ing, "not_compared"] == ""
        assert table.loc[ing, "n_pairs"] == 12
    assert table.loc["time", "statements"] == "time_1 time_2 time_5"
