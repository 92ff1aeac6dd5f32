"""attacks5 C1: a group summary.csv hides is hidden in every table of `cohort --by`.

The tester's data: the first 12 sample people who answered pre and post, in groups A (6),
B (5) and C (1: AUT-013, who left one self-esteem statement blank at pre). summary.csv hides
B and C at pre (C is one person; B too, else the whole minus A minus B gives C). But
reliability_items.csv showed B's five self-esteem item means (3.2 3.4 3.2 3.0 4.2), because
there C's answer is not complete and the whole is A + B. Set against summary.csv:
12 x 61.0417 - 6 x 70.0 - 5 x 60.0 = 12.5, AUT-013's self-esteem score before.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from workbook.cohort.analysis import analyse

from .reading_helpers import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"


def _p2() -> pd.DataFrame:
    d = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    both = d.groupby("participant_id")["timepoint"].nunique()
    ids = list(both[both == 2].index[:12])
    x = d[d["participant_id"].isin(ids)].copy()
    x["cohort"] = x["participant_id"].map(
        {i: ("A" if k < 6 else "B" if k < 11 else "C") for k, i in enumerate(ids)})
    return x


def _run(tmp_path):
    data = tmp_path / "p2.csv"
    _p2().to_csv(data, index=False)
    out = tmp_path / "cp2"
    proc = cli("cohort", data, "--out", out, "--by", "cohort")
    assert proc.returncode == 0, proc.stderr
    return {name: pd.read_csv(out / f"{name}.csv", keep_default_na=True)
            for name in ("summary", "reliability", "reliability_items", "prepost", "outcome")}


def test_the_data_are_the_testers():
    x = _p2()
    assert x.groupby("cohort")["participant_id"].nunique().to_dict() == {"A": 6, "B": 5, "C": 1}


def test_the_score_cannot_be_recovered_from_the_csvs(tmp_path):
    t = _run(tmp_path)
    s = t["summary"].set_index(["timepoint", "cohort", "ingredient"])
    whole, a = s.loc[("pre", "all", "self_esteem")], s.loc[("pre", "A", "self_esteem")]
    assert (whole["n"], a["n"]) == (12, 6)
    assert pd.isna(s.loc[("pre", "B", "self_esteem"), "mean"])  # hidden in the summary
    items = t["reliability_items"]
    b = items[(items["cohort"] == "B") & (items["ingredient"] == "self_esteem")]
    assert len(b) == 5
    # before the fix: 3.2 3.4 3.2 3.0 4.2, and the line below gave 12.5 (AUT-013's score)
    assert b["mean"].isna().all()
    b_mean = 100 * (b["mean"].mean() - 1) / 4
    recovered = 12 * whole["mean"] - 6 * a["mean"] - 5 * b_mean
    assert np.isnan(recovered)
    assert t["reliability"].set_index(["cohort", "ingredient"]).loc[
        ("B", "self_esteem"), ["n", "alpha"]].isna().all()


def test_every_table_hides_what_the_summary_hides(tmp_path):
    t = _run(tmp_path)
    s = t["summary"]
    hidden = {(r.cohort, r.ingredient) for r in s.itertuples()
              if r.timepoint == "pre" and pd.isna(r.n) and r.n_responses > 0}
    assert ("B", "self_esteem") in hidden and ("C", "self_esteem") in hidden
    for r in t["reliability"].itertuples():
        if (r.cohort, r.ingredient) in hidden:
            assert pd.isna(r.alpha) and pd.isna(r.n), (r.cohort, r.ingredient)
    for r in t["reliability_items"].itertuples():
        if (r.cohort, r.ingredient) in hidden:
            assert pd.isna(r.mean) and pd.isna(r.item_total_r), (r.cohort, r.item_id)
    for r in t["prepost"].itertuples():
        if (r.cohort, r.ingredient) in hidden:
            assert pd.isna(r.mean_before) and pd.isna(r.mean_change), (r.cohort, r.ingredient)
    groups = {g for g, _ in hidden}
    for r in t["outcome"].itertuples():
        if r.cohort in groups:
            assert pd.isna(r.n) and pd.isna(r.n_held_some), r.cohort


def test_the_whole_less_the_groups_shown_is_none_or_a_group_in_reliability(tmp_path):
    # complementary disclosure: what the whole holds beyond the groups shown is 0 people or
    # at least --min-group (5) people, in reliability.csv as in summary.csv
    rel = _run(tmp_path)["reliability"]
    for ing, part in rel.groupby("ingredient"):
        whole = part.loc[part["cohort"] == "all", "n"].iloc[0]
        shown = part.loc[part["cohort"] != "all", "n"].dropna().sum()
        assert whole - shown == 0 or whole - shown >= 5, (ing, whole, shown)


def test_a_group_the_summary_hides_keeps_its_size_in_reliability():
    tables = analyse(_p2(), by="cohort")
    rel = tables["reliability"].set_index(["cohort", "ingredient"])
    assert rel.loc[("B", "self_esteem"), "n_responses"] == 5
    assert rel.loc[("B", "self_esteem"), "k"] == 5
