"""A timepoint hidden for its size is not given away by reliability over every response.

Round 8a, F1: with timepoints other than ``pre``/``post`` (session dates, ``week1``/``week2``,
``post`` and ``followup``) reliability and its item means are computed over every response;
``summary.csv`` shows the large timepoints and hides a small one, so ``reliability_items.csv``
minus ``summary.csv`` gave the hidden timepoint's scores, down to one person. The pooled row
is hidden when the summary hides one of the timepoints it pools (as it already was with
``--by``); the difference is computed here as the attack's ``derive.py`` computed it.
"""

import numpy as np
import pandas as pd
import pytest

from workbook.cohort.analysis import analyse
from workbook.cohort.reliability_tables import reliability_tables
from workbook.core.instrument import resolve
from workbook.core.scoring import score

INST = resolve(None)


def cohort(shown: str, hidden: str, n_shown: int = 10, n_hidden: int = 1) -> pd.DataFrame:
    """``n_shown`` people answering at ``shown``; the first ``n_hidden`` also at ``hidden``."""
    rng = np.random.default_rng(7)
    rows = []
    for p in range(n_shown):
        rows.append({"participant_id": f"P{p}", "timepoint": shown})
    for p in range(n_hidden):
        rows.append({"participant_id": f"P{p}", "timepoint": hidden})
    table = pd.DataFrame(rows)
    for ing in INST.ingredients:
        for item in ing.item_ids:
            table[item] = rng.integers(1, 6, len(table)).astype(float)
    return table


def derived(tables, shown: str) -> dict:
    """derive.py: the pooled item means less the shown timepoint's summary, per ingredient."""
    items, summary = tables["reliability_items"], tables["summary"]
    out = {}
    for ing in INST.ingredient_ids:
        rows = items[items["ingredient"] == ing]
        n = rows["n"].astype("Float64").iloc[0]  # blank where hidden: nothing to derive
        n = np.nan if pd.isna(n) else float(n)
        total = 100 * (rows["mean"].mean() - 1) / 4 * n
        at = summary[(summary["timepoint"] == shown) & (summary["ingredient"] == ing)]
        n_shown = at["n"].iloc[0]
        out[ing] = (total - at["mean"].iloc[0] * n_shown) / (n - n_shown)
    return out


CASES = [("week1", "week2"), ("2026-09-01", "2026-09-15"), ("post", "followup")]


@pytest.mark.parametrize(("shown", "hidden"), CASES)
def test_a_hidden_timepoint_cannot_be_derived(shown, hidden):
    data = cohort(shown, hidden)
    tables = analyse(data)
    summary = tables["summary"]
    assert summary.loc[summary["timepoint"] == hidden, "mean"].isna().all()  # hidden
    assert summary.loc[summary["timepoint"] == shown, "n"].eq(10).all()  # shown
    truth = score(data).iloc[-1]  # P0's row at the hidden timepoint
    for ing, value in derived(tables, shown).items():
        assert np.isnan(value), (ing, value, truth[ing])
    for name in ("reliability", "reliability_items"):
        table = tables[name]
        assert table["n"].isna().all() and table["n_responses"].eq(11).all()
    assert tables["reliability_items"]["mean"].isna().all()
    assert tables["reliability"]["alpha"].isna().all()


def test_two_hidden_timepoints_together_are_still_hidden():
    data = pd.concat([cohort("week1", "week2", n_hidden=1),
                      cohort("week1", "week3", n_hidden=2).iloc[10:]], ignore_index=True)
    tables = analyse(data)
    assert tables["reliability_items"]["mean"].isna().all()
    assert tables["reliability"]["alpha"].isna().all()


def test_every_timepoint_shown_keeps_reliability():
    # week2 holds 6 people: shown in the summary, so the pooled reliability shows (12+6=16
    # responses of 12 people).
    data = cohort("week1", "week2", n_shown=12, n_hidden=6)
    tables = analyse(data)
    rel = tables["reliability"]
    assert rel["n"].eq(18).all() and rel["n_responses"].eq(18).all()
    assert rel["alpha"].notna().all()


def test_before_and_after_still_use_before_only():
    data = pd.concat([cohort("pre", "post", n_shown=10, n_hidden=1)], ignore_index=True)
    tables = analyse(data)
    rel = tables["reliability"]
    assert rel["n"].eq(10).all() and rel["alpha"].notna().all()  # pre only, shown


def test_by_a_group_hides_the_whole_as_before():
    data = cohort("week1", "week2")
    data["cohort"] = ["A"] * 5 + ["B"] * 5 + ["A"]
    tables = analyse(data, by="cohort")
    items = tables["reliability_items"]
    cohorts = items["cohort"].astype(str)
    # A (and so the whole) pools A's hidden week2; B answered at week1 only and shows
    assert items.loc[cohorts.isin(["all", "A"]).to_numpy(), "mean"].isna().all()
    assert items.loc[(cohorts == "B").to_numpy(), "mean"].notna().all()


@pytest.mark.parametrize(("shown", "hidden"), CASES)
def test_the_cohort_report_alpha_is_hidden_as_the_csv(shown, hidden):
    # The cohort report's appendix takes alpha from reliability_tables: the same rows hidden.
    data = cohort(shown, hidden)
    table = reliability_tables(data, score(data))["reliability"]
    assert table["alpha"].isna().all() and table["n"].isna().all()
    assert table["n_responses"].eq(11).all()
