"""Reliability against pingouin (test-only oracle) and scipy."""

import numpy as np
import pandas as pd
import pingouin
import pytest
from scipy import stats

from workbook.cohort.reliability import (
    cronbach_alpha,
    feldt_interval,
    item_total,
    keyed_answers,
    reliability,
)
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import load_sample

INST = load_instrument()
HOPE = INST.ingredient("hope").item_ids


def test_documented_pingouin_value():
    long = pingouin.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores").to_numpy(dtype=float)
    alpha = cronbach_alpha(wide)
    low, high = feldt_interval(alpha, *wide.shape)
    assert alpha == pytest.approx(0.5917188, abs=1e-7)
    assert (round(low, 3), round(high, 3)) == (0.195, 0.84)


@pytest.fixture(scope="module")
def pre():
    data = load_sample()
    return data[data["timepoint"] == "pre"]


def test_alpha_and_ci_match_pingouin_on_keyed_complete_cases(pre):
    table = reliability(pre).set_index("ingredient")
    keyed = keyed_answers(pre)
    for ing in INST.ingredients:
        # Complete cases first: pingouin's listwise option keeps the full n for its CI.
        block = keyed[list(ing.item_ids)].dropna()
        expected, ci = pingouin.cronbach_alpha(block)
        row = table.loc[ing.id]
        assert row["n"] == len(block)
        assert row["k"] == len(ing.items)
        assert row["alpha"] == pytest.approx(expected, abs=1e-12)
        # pingouin rounds its CI to 3 decimals.
        assert row["ci_low"] == pytest.approx(ci[0], abs=5e-4)
        assert row["ci_high"] == pytest.approx(ci[1], abs=5e-4)
        assert row["flag"] == ""


def test_keyed_answers_flip_reverse_items():
    data = pd.DataFrame({"participant_id": ["a"], "hope_1": ["Agree"], "hope_7": [2]})
    keyed = keyed_answers(data)
    assert keyed.loc[0, "hope_1"] == 4
    assert keyed.loc[0, "hope_7"] == 4  # reverse-keyed: 1 + 5 - 2
    assert np.isnan(keyed.loc[0, "hope_6"])


def test_item_total_against_scipy_and_pingouin(pre):
    table = item_total(pre).set_index("item_id")
    keyed = keyed_answers(pre)[list(HOPE)].dropna()
    for item in HOPE:
        rest = keyed.drop(columns=item).sum(axis=1)
        r = stats.pearsonr(keyed[item], rest).statistic
        assert table.loc[item, "item_total_r"] == pytest.approx(r, abs=1e-12)
        deleted, _ = pingouin.cronbach_alpha(keyed.drop(columns=item))
        assert table.loc[item, "alpha_if_deleted"] == pytest.approx(deleted, abs=1e-12)
        assert table.loc[item, "n"] == len(keyed)
        assert table.loc[item, "mean"] == pytest.approx(keyed[item].mean())


def test_reverse_key_mistake_is_flagged():
    rng = np.random.default_rng(3)
    trait = rng.normal(3, 1, 60)
    table = {"participant_id": [f"p{i}" for i in range(60)]}
    for item in INST.ingredient("hope").items:
        keyed = np.clip(np.rint(trait + rng.normal(0, 0.5, 60)), 1, 5)
        # hope_7 is reverse-keyed; here it was entered as if it were not (hope_9, the other
        # reverse-keyed one, is entered as it should be).
        table[item.id] = 6 - keyed if item.id == "hope_9" else keyed
    data = pd.DataFrame(table)
    items = item_total(data).set_index("item_id")
    assert items.loc["hope_7", "item_total_r"] < 0
    assert "reverse keying" in items.loc["hope_7", "flag"]
    assert (items.loc[["hope_1", "hope_6"], "flag"] == "").all()
    rel = reliability(data).set_index("ingredient")
    assert rel.loc["hope", "flag"] == "alpha below .70"
    # Ingredients without answers: no statistics, no crash.
    assert rel.loc["time", "n"] == 0 and np.isnan(rel.loc["time", "alpha"])
