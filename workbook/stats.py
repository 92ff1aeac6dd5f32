"""Small statistical helpers shared by :mod:`workbook.cohort` and :mod:`workbook.reliability`.

Pure functions on arrays and tables; no disk, no randomness.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as _stats

from . import schema
from .exceptions import DataError

#: Confidence level of every interval the kit reports.
CONFIDENCE = 0.95
#: Label of a missing value in a grouping column.
MISSING_GROUP = "(missing)"


def as_list(by) -> list:
    """``by`` as a list of column names (None -> [])."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def timepoint_order(labels) -> list:
    """Timepoint labels in reading order: ``pre``, ``post``, then the rest as they appear.

    Examples
    --------
    >>> timepoint_order(["post", "week 6", "pre", "post"])
    ['pre', 'post', 'week 6']
    """
    # pd.unique keeps the order of first appearance and works in C: a cohort column of a
    # million rows holds a handful of labels.
    seen = [t for t in pd.unique(pd.Series(labels, dtype=object)) if t is not None and t == t]
    first = [t for t in (schema.BEFORE, schema.AFTER) if t in seen]
    return first + [t for t in seen if t not in first]


def check_columns(data: pd.DataFrame, by) -> None:
    """Raise :class:`DataError` naming any ``by`` column ``data`` does not have."""
    missing = [c for c in as_list(by) if c not in data.columns]
    if missing:
        raise DataError(
            f"cannot group by {', '.join(map(repr, missing))}: no such column; "
            f"the columns are {', '.join(map(str, data.columns))}"
        )


def groups(data: pd.DataFrame, by):
    """Yield ``(labels, rows)`` for each group of ``data`` by the ``by`` columns, in order.

    With no ``by`` there is one group, ``()``. Missing labels are grouped as ``(missing)``.
    Labels are sorted, except timepoints, which come in :func:`timepoint_order`.
    """
    by = as_list(by)
    check_columns(data, by)
    if not by:
        yield (), data
        return
    keys = [data[c].astype("string").fillna(MISSING_GROUP).rename(c) for c in by]
    keys = [pd.Series(pd.Categorical(k, categories=timepoint_order(k), ordered=True),
                      index=k.index, name=k.name) if k.name == schema.TIMEPOINT else k
            for k in keys]
    for labels, rows in data.groupby(keys, sort=True, observed=True):
        yield tuple(labels), rows


def t_interval(mean, sd, n):
    """Two-sided t-based confidence interval of a mean (NaN when n < 2)."""
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
