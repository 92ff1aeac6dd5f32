"""Round 13c T11 (round 12a P9's open half): `cohort` on a workspace export does not count
the ingredients a session carried from an earlier one (the export's `carried` column) as
answered that day (reliability reads the answers so blanked)."""

import random

import pandas as pd

from workbook.cohort.analysis import analyse
from workbook.core.instrument import load_instrument

INST = load_instrument()
CARRIED = "time 2026-11-02; energy 2026-11-02; self_esteem 2026-11-02; ambition 2026-11-02"


def _export():
    """10 clients: a full session on 2026-11-02, then Hope only on 2026-11-23 (the rest
    carried: the same answers, named in `carried`), as export-clients writes them."""
    rng = random.Random(5)
    rows = []
    for n in range(10):
        first = {item: rng.randint(1, 5) for item in INST.item_ids}
        second = dict(first, **{i.id: rng.randint(1, 5) for i in INST.ingredient("hope").items})
        for day, answers, carried in (("2026-11-02", first, ""), ("2026-11-23", second, CARRIED)):
            rows.append({"participant_id": f"C{n:02d}", "timepoint": day, "date": day,
                         **answers, "hours_per_week": 3.0, "carried": carried})
    return pd.DataFrame(rows)


def _summary(tables, day, ing):
    s = tables["summary"]
    return s[(s["timepoint"] == day) & (s["ingredient"] == ing)].iloc[0]


def test_carried_ingredients_are_not_that_days_answers():
    tables = analyse(_export(), instrument=INST)
    hope = _summary(tables, "2026-11-23", "hope")
    assert (hope["n_responses"], hope["n"]) == (10, 10)  # answered that day
    for ing in ("time", "energy", "self_esteem", "ambition"):
        row = _summary(tables, "2026-11-23", ing)
        assert pd.isna(row["mean"])  # no one answered it that day: no mean
        assert _summary(tables, "2026-11-02", ing)["n"] == 10
    scores = tables["scores"]
    late = scores["timepoint"] == "2026-11-23"
    assert scores.loc[late, "time"].isna().all() and scores.loc[late, "hope"].notna().all()


def test_the_cohort_report_reads_them_so_too(tmp_path):
    from workbook.reports.cohort_view import cohort_view

    path = tmp_path / "export.csv"
    _export().to_csv(path, index=False)
    scores = cohort_view(path).scores
    late = (scores["timepoint"] == "2026-11-23").to_numpy()
    assert scores.loc[late, "time"].isna().all() and scores.loc[late, "hope"].notna().all()
    assert scores.loc[~late, "time"].notna().all()
