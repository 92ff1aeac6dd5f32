"""Small statistical helpers shared by the cohort's tables (summary, before/after, reliability).

Pure functions on arrays and tables; no disk, no randomness.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.distinct import spread, text_distinct
from workbook.core.exceptions import DataError
from workbook.core.timepoints import in_order
from workbook.responses.group_labels import MISSING_GROUP

#: Confidence level of every interval the kit reports.
CONFIDENCE = 0.95


def as_list(by) -> list:
    """``by`` as a list of column names (None -> [])."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def timepoint_order(labels) -> list:
    """Timepoint labels in reading order: ``pre``, ``post``, then the rest as they appear.

    Labels written as dates come in date order among themselves
    (:func:`workbook.core.timepoints.in_order`, round 13c T3).

    Examples
    --------
    >>> timepoint_order(["post", "week 6", "pre", "post"])
    ['pre', 'post', 'week 6']
    """
    return in_order(labels)


def check_columns(data: pd.DataFrame, by) -> None:
    """Raise :class:`DataError` naming any ``by`` column ``data`` does not have."""
    missing = [c for c in as_list(by) if c not in data.columns]
    if missing:
        raise DataError(
            f"cannot group by {', '.join(map(repr, missing))}: no such column; "
            f"the columns are {', '.join(map(str, data.columns))}"
        )


def _text_categorical(column: pd.Series) -> bool:
    """Whether ``column`` is a categorical whose categories are all text."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return False
    categories = column.cat.categories
    return isinstance(categories.dtype, pd.StringDtype) or all(
        isinstance(c, str) for c in categories)


def label_codes(column: pd.Series, missing: str = MISSING_GROUP, *, timepoints: bool = True):
    """Each row's group label as a number, and the labels: ``(codes, labels)``.

    A label is the value as text, ``missing`` where there is none. Codes number the labels
    present in the order ``groups`` lists them: sorted as text, except timepoints, which come
    in :func:`timepoint_order` of the labels as they first appear. A categorical column of
    text (as :func:`grouping_columns` makes) is read through its codes, without a string per
    row. ``timepoints=False``: timepoints sorted as text too.

    Examples
    --------
    >>> import pandas as pd
    >>> codes, labels = label_codes(pd.Series(["b", None, "a", "b"], name="cohort"))
    >>> codes.tolist(), labels
    ([2, 0, 1, 2], ['(missing)', 'a', 'b'])
    """
    if _text_categorical(column):
        categories = list(column.cat.categories)
        raw = np.asarray(column.cat.codes, dtype=np.int64)
        values = np.asarray([*categories, missing], dtype=object)
        raw = np.where(raw < 0, len(categories), raw)
    else:
        # pd.factorize of the column as text (a missing value is -1), by object first
        raw, values = text_distinct(column)
        values = np.asarray([*values, missing], dtype=object)
        raw = np.where(raw < 0, len(values) - 1, raw)
    if timepoints and column.name == schema.TIMEPOINT:
        present = pd.unique(raw)  # in order of first appearance, as timepoint_order reads
        order = [values[i] for i in present]
        labels = timepoint_order(order)
        rank = {label: j for j, label in enumerate(labels)}
        lookup = np.zeros(len(values), dtype=np.int64)
        lookup[present] = [rank[values[i]] for i in present]
        return lookup[raw], labels
    present = np.flatnonzero(np.bincount(raw, minlength=len(values)))
    # Sorted as pandas sorts text (Python's comparison of str), duplicates merged.
    labels = sorted({values[i] for i in present})
    rank = {label: j for j, label in enumerate(labels)}
    lookup = np.zeros(len(values), dtype=np.int64)
    lookup[present] = [rank[values[i]] for i in present]
    return lookup[raw], labels


def group_numbers(data: pd.DataFrame, by, missing: str = MISSING_GROUP, *,
                  timepoints: bool = True):
    """Each row's group as one number, in the order :func:`groups` lists the groups.

    Returns ``(numbers, label tuples)``: ``numbers[i]`` indexes the label tuples.
    ``missing`` and ``timepoints``: as for :func:`label_codes`.
    """
    by = as_list(by)
    if not by:
        return np.zeros(len(data), dtype=np.int64), [()]
    combined = np.zeros(len(data), dtype=np.int64)
    all_labels = []
    for col in by:
        codes, labels = label_codes(data[col].rename(col), missing, timepoints=timepoints)
        combined = combined * max(len(labels), 1) + codes
        all_labels.append(labels)
    if len(combined) and combined.max() < 4 * len(combined) + 65536:
        # Sorted distinct values and each row's rank among them, counted rather than sorted
        # (the same as np.unique(combined, return_inverse=True), in one pass).
        present = np.flatnonzero(np.bincount(combined))
        rank = np.zeros(int(present[-1]) + 1, dtype=np.int64)
        rank[present] = np.arange(len(present))
        numbers = rank[combined]
    else:
        present, numbers = np.unique(combined, return_inverse=True)
    tuples = []
    for value in present.tolist():
        parts = []
        for labels in reversed(all_labels):
            value, j = divmod(value, max(len(labels), 1))
            parts.append(labels[j])
        tuples.append(tuple(reversed(parts)))
    return numbers.reshape(-1), tuples


def group_positions(data: pd.DataFrame, by):
    """Yield ``(labels, positions)``: :func:`groups` as row positions, without the rows."""
    by = as_list(by)
    check_columns(data, by)
    if not by:
        yield (), np.arange(len(data))
        return
    numbers, labels = group_numbers(data, by)
    order = np.argsort(numbers, kind="stable")
    bounds = np.searchsorted(numbers[order], np.arange(len(labels) + 1))
    for j, label in enumerate(labels):
        yield label, order[bounds[j]:bounds[j + 1]]


def group_sizes(data: pd.DataFrame, by) -> dict:
    """``{labels: number of rows}`` of each group (:func:`groups`), in order."""
    by = as_list(by)
    check_columns(data, by)
    if not by:
        return {(): len(data)}
    numbers, labels = group_numbers(data, by)
    counts = np.bincount(numbers, minlength=len(labels)) if len(labels) else []
    return {label: int(k) for label, k in zip(labels, counts)}


def groups(data: pd.DataFrame, by):
    """Yield ``(labels, rows)`` for each group of ``data`` by the ``by`` columns, in order.

    With no ``by`` there is one group, ``()``. Missing labels are grouped as ``(missing)``.
    Labels are sorted, except timepoints, which come in :func:`timepoint_order`. Rows keep
    their order and index within a group.
    """
    by = as_list(by)
    if not by:
        check_columns(data, by)
        yield (), data
        return
    parts = list(group_positions(data, by))
    if len(parts) == 1:
        yield parts[0][0], data
        return
    for label, positions in parts:
        yield label, data.take(positions)


def grouping_columns(data: pd.DataFrame, by) -> pd.DataFrame:
    """``data`` (a shallow copy) with the ``by`` columns as categoricals of their text.

    Done once per run, so that every table's grouping reads codes instead of a million
    strings (:func:`label_codes`); the groups, their labels and order are the same.
    """
    out = data.copy(deep=False)
    for col in as_list(by):
        if col in out.columns and not _text_categorical(out[col]):
            values = out[col]
            text = values.dtype if isinstance(values.dtype, pd.StringDtype) else "string"
            # Categories in order of appearance: sorting them is label_codes' work, on few.
            # (pd.factorize of the column as text, by object first: text_distinct)
            codes, uniques = text_distinct(values)
            out[col] = pd.Categorical.from_codes(
                codes, categories=pd.Index(pd.array(uniques, dtype=text)))
    return out


def is_label(column: pd.Series, label) -> np.ndarray:
    """Rows whose value, as text, is ``label`` (missing values are not).

    Compared on the column's distinct texts (:func:`workbook.core.distinct.text_distinct`),
    not row by row: the same rows as ``column.astype("string") == label``.

    Examples
    --------
    >>> is_label(pd.Series(["pre", "post", None, " pre"]), "pre").tolist()
    [True, False, False, False]
    """
    if _text_categorical(column):
        return (column == label).to_numpy(dtype=bool)
    if not isinstance(label, str):
        return (column.astype("string") == label).to_numpy(dtype=bool, na_value=False)
    codes, texts = text_distinct(column)
    return spread(codes, np.array([text == label for text in texts], dtype=bool), False)


def blank_cells(column: pd.Series) -> np.ndarray:
    """Rows that name nothing: missing, or empty or spaces only as text.

    The same rows as ``column.isna() | column.astype("string").fillna("").str.strip().eq("")``,
    worked out once per distinct text.

    Examples
    --------
    >>> blank_cells(pd.Series(["a", " ", None, "", " b"])).tolist()
    [False, True, True, True, False]
    """
    codes, texts = text_distinct(column)
    empty = spread(codes, np.array([not text.strip() for text in texts], dtype=bool), True)
    return column.isna().to_numpy(dtype=bool) | empty


def t_interval(mean, sd, n):
    """Two-sided t-based confidence interval of a mean (NaN when n < 2)."""
    from scipy import stats as _stats  # here: 0.9 s to import, and grouping needs none of it

    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = _stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * np.asarray(sd) / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    return mean - half, mean + half


def describe(values: np.ndarray) -> dict:
    """n, mean, sd, median, quartiles and the t-based 95% CI of the non-missing values."""
    x = values[~np.isnan(values)]
    n = len(x)
    if n == 0:
        return {"n": 0, **dict.fromkeys(
            ("mean", "sd", "median", "q1", "q3", "ci_low", "ci_high"), np.nan)}
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if n > 1 else np.nan
    q1, median, q3 = np.percentile(x, [25, 50, 75])
    low, high = t_interval(mean, sd, n)
    return {"n": n, "mean": mean, "sd": sd, "median": float(median), "q1": float(q1),
            "q3": float(q3), "ci_low": float(low), "ci_high": float(high)}


def paired_tests(change: np.ndarray) -> dict:
    """Paired statistics of a vector of changes (after - before), missing values removed.

    Returns mean change with its t-based 95% CI, sd of change, Cohen's d_z (mean / sd of the
    changes), the paired t statistic and two-sided p-value, and the two-sided p-value of the
    Wilcoxon signed-rank test (scipy defaults: zero differences dropped, exact for small n).
    """
    from scipy import stats as _stats

    d = change[~np.isnan(change)]
    n = len(d)
    out = dict.fromkeys(("mean_change", "ci_low", "ci_high", "sd_change", "cohen_dz", "t",
                         "p_t", "p_wilcoxon"), np.nan)
    out["n_pairs"] = n
    if n == 0:
        return out
    mean = float(d.mean())
    out["mean_change"] = mean
    if n < 2:
        return out
    sd = float(d.std(ddof=1))
    low, high = t_interval(mean, sd, n)
    out.update(ci_low=float(low), ci_high=float(high), sd_change=sd)
    if sd > 0:
        t = mean / (sd / np.sqrt(n))
        out.update(cohen_dz=mean / sd, t=t, p_t=float(2 * _stats.t.sf(abs(t), n - 1)))
    if np.any(d != 0):
        out["p_wilcoxon"] = float(_stats.wilcoxon(d).pvalue)
    return out


def tally(column: pd.Series) -> dict:
    """``{value as text: rows}`` of the values present (missing ones not counted).

    A categorical of text is counted on its codes, without a string per row.
    """
    if isinstance(column.dtype, pd.CategoricalDtype) and all(
            isinstance(c, str) for c in column.cat.categories):
        codes = np.asarray(column.cat.codes)
        counts = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
        out = {}
        for text, k in zip(column.cat.categories, counts.tolist()):
            if k:
                out[text] = out.get(text, 0) + k
        return out
    return {k: int(v) for k, v in column.astype("string").value_counts().items()}
