"""Group labels coded by object first (text_distinct) are pandas' own (issue 23).

``label_codes``, ``grouping_columns`` and the check for a group named like the whole read a
text column through ``text_distinct`` (equal texts by object first) instead of writing a
million cells as text and factorising them; the codes, labels, categories and their order
must be those of ``pd.factorize`` / ``pd.unique`` of ``column.astype("string")``.
"""

import numpy as np
import pandas as pd
import pytest

from workbook.cohort.stats import grouping_columns, label_codes
from workbook.cohort.suppression import _distinct_texts
from workbook.responses.group_labels import MISSING_GROUP

rng = np.random.default_rng(0)
VALUES = [
    ["b", None, "a", "b", "a "],
    [1, 2, None, 1],
    [1.5, None, 2.0],
    ["x"] * 50_000 + ["y", None] * 30_000,  # long enough to be read by object
    list(rng.choice(["2026-spring", "2026-summer", None, " 2026-spring"], 100_000)),
    [f"id{i % 70_000}" for i in range(100_000)],  # many distinct texts
]
CASES = [(v, dt) for v in VALUES for dt in (None, "string", "str", object)
         if not (dt in ("string", "str") and any(isinstance(x, float) for x in v))]


def expected_codes(column):
    raw, values = pd.factorize(column.astype("string"))
    values = [*values, MISSING_GROUP]
    raw = np.where(raw < 0, len(values) - 1, raw)
    labels = sorted({values[i] for i in np.unique(raw)})
    rank = {label: j for j, label in enumerate(labels)}
    return [rank[values[i]] for i in raw], labels


@pytest.mark.parametrize(("values", "dtype"), CASES)
def test_as_pandas_codes_them(values, dtype):
    column = pd.Series(values, dtype=dtype, name="cohort")
    codes, labels = label_codes(column)
    assert (codes.tolist(), labels) == expected_codes(column)
    grouped = grouping_columns(pd.DataFrame({"cohort": column}), ["cohort"])["cohort"]
    texts = column.astype("string")
    assert list(grouped.cat.categories) == list(pd.unique(texts.dropna()))
    assert grouped.astype("string").equals(texts.rename("cohort"))
    assert list(_distinct_texts(column)) == list(pd.unique(texts.dropna()))


def test_by_hand():
    codes, labels = label_codes(pd.Series(["b", None, "a", "b"], name="cohort"))
    assert codes.tolist() == [2, 0, 1, 2] and labels == [MISSING_GROUP, "a", "b"]
