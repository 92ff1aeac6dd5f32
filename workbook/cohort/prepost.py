"""The before/after table: change per ingredient, paired on participant, and reliable change.

:func:`compare_timepoints` (the ``prepost`` table), :func:`reliable_change` (each person's
Reliable Change Index, Jacobson & Truax 1991) and :func:`rci_not_counted` (why reliable
change is not counted for an ingredient). Pairs across instrument versions:
:mod:`workbook.cohort.across_versions`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from workbook.cohort.rows import pair_rows
from workbook.cohort.stats import as_list, group_positions, group_sizes, paired_tests
from workbook.cohort.suppression import MIN_GROUP, protect, with_whole
from workbook.core import schema
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve
from workbook.responses.group_labels import ALL

#: Reliable change categories (Jacobson & Truax 1991), and the |RCI| beyond which change is
#: reliable (two-sided 95%).
IMPROVED, NO_CHANGE, DECLINED = "improved", "no_reliable_change", "declined"
RCI_CATEGORIES = (IMPROVED, NO_CHANGE, DECLINED)
RCI_CUTOFF = 1.96


def alphas_of(alpha, before) -> dict:
    """Ingredient -> alpha, from a mapping or the table reliability gives (its whole's rows).

    ``before``: the timepoint whose rows of a table with a ``timepoint`` column are read.

    Examples
    --------
    >>> alphas_of({"hope": 0.8}, "pre")
    {'hope': 0.8}
    """
    if alpha is None:
        return {}
    if isinstance(alpha, pd.DataFrame):
        table = alpha
        if schema.TIMEPOINT in table.columns:
            table = table[table[schema.TIMEPOINT] == before]
        known = {"ingredient", "n_responses", "n", "n_not_shown", "k", "alpha", "ci_low",
                 "ci_high", "flag"}
        for col in [c for c in table.columns if c not in known and c != schema.TIMEPOINT]:
            table = table[table[col].astype("string") == ALL]
        return dict(zip(table["ingredient"], table["alpha"].astype(float)))
    if isinstance(alpha, Mapping | pd.Series):
        return {k: float(v) for k, v in dict(alpha).items()}
    raise TypeError("alpha must be a mapping ingredient -> alpha or the table reliability() gives")


def reliable_change(scores: pd.DataFrame, alpha, before: str = schema.BEFORE,
                    after: str = schema.AFTER, *, instrument=None) -> pd.DataFrame:
    """Reliable Change Index of each participant and ingredient (Jacobson & Truax, 1991).

    ``SEM = sd_before * sqrt(1 - alpha)``, ``S_diff = sqrt(2) * SEM``,
    ``RCI = (after - before) / S_diff``; ``|RCI| > 1.96`` is reliable change. ``sd_before``
    is the standard deviation of the ``before`` scores of the paired participants, ``alpha``
    the reliability of the ingredient (at ``before``: see
    :func:`workbook.cohort.reliability.reliability`).

    Parameters
    ----------
    scores : DataFrame
        As :func:`workbook.score` returns it, with ``participant_id`` and ``timepoint``.
    alpha : mapping or DataFrame
        Ingredient -> alpha, or the table :func:`workbook.cohort.reliability.reliability` returns.
    before, after : str
        The timepoint labels to pair.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        One row per paired participant and ingredient: ``participant_id, ingredient, before,
        after, change, s_diff, rci, category`` (``improved``, ``no_reliable_change``,
        ``declined``; missing when either score is).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> rc = reliable_change(score(load_sample()), {"hope": 0.8, "time": 0.8, "energy": 0.8,
    ...                      "self_esteem": 0.8, "ambition": 0.8})
    >>> sorted(rc["category"].dropna().unique())
    ['declined', 'improved', 'no_reliable_change']
    """
    inst = resolve(instrument)
    keep = [c for c in inst.ingredient_ids if c in scores.columns]
    pre, post, _ = pair_rows(scores, before, after, keep)
    parts = []
    for ing, x, y, s_diff, rci, category in _rci(pre, post, alphas_of(alpha, before), inst):
        names = np.asarray(RCI_CATEGORIES, dtype=object)[np.maximum(category, 0)]
        parts.append(pd.DataFrame({
            schema.PARTICIPANT_ID: pre.index, "ingredient": ing.id, "before": x, "after": y,
            "change": y - x, "s_diff": s_diff, "rci": rci,
            "category": pd.Categorical(np.where(category < 0, None, names),
                                       categories=list(RCI_CATEGORIES)),
        }))
    return pd.concat(parts, ignore_index=True)


def _rci(pre, post, alphas: dict, inst):
    """Yield ``(ingredient, before, after, s_diff, rci, category)`` of each ingredient.

    ``pre`` and ``post`` as :func:`pair_rows` gives them; ``category``: the index in
    :data:`RCI_CATEGORIES` of each pair's category, -1 where there is none.
    """
    for ing in inst.ingredients:
        x = pre[ing.id].to_numpy(dtype=float, na_value=np.nan)
        y = post[ing.id].to_numpy(dtype=float, na_value=np.nan)
        both = ~np.isnan(x) & ~np.isnan(y)
        sd = np.std(x[both], ddof=1) if both.sum() > 1 else np.nan
        a = alphas.get(ing.id, np.nan)
        s_diff = np.sqrt(2) * sd * np.sqrt(1 - a)
        with np.errstate(invalid="ignore", divide="ignore"):
            rci = np.where(both & (s_diff > 0), (y - x) / s_diff, np.nan)
        category = np.select([rci > RCI_CUTOFF, rci < -RCI_CUTOFF, ~np.isnan(rci)], [0, 2, 1],
                             default=-1)
        yield ing, x, y, s_diff, rci, category


def rci_not_counted(prepost: pd.DataFrame, alpha) -> dict:
    """Ingredient -> why reliable change is not counted, for those where it is not.

    ``prepost``: :func:`compare_timepoints` with ``alpha`` (the whole's rows are read);
    ``alpha``: as given to it. Reliable change needs the ingredient's alpha and a spread of
    the scores before (its standard error of measurement is ``sd * sqrt(1 - alpha)``).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"ingredient": ["hope", "time"], "n_pairs": [8, 8],
    ...                       "sd_before": [12.0, 0.0],
    ...                       "improved": pd.array([pd.NA, pd.NA], dtype="Int64")})
    >>> rci_not_counted(table, {"hope": float("nan"), "time": 0.8})["hope"]
    'no alpha (fewer than two of its statements, or of complete answers, to compute it from)'
    >>> rci_not_counted(table, {"hope": float("nan"), "time": 0.8})["time"]
    'everyone had the same score before (no spread to measure change against)'
    """
    if IMPROVED not in prepost.columns:
        return {}
    alphas = alphas_of(alpha, schema.BEFORE)
    out = {}
    for r in prepost.drop_duplicates("ingredient").itertuples(index=False):
        if not pd.isna(r.improved) or pd.isna(r.n_pairs):
            continue  # counted, or a hidden group's (its figures are hidden, not missing)
        a = alphas.get(r.ingredient, np.nan)
        if r.sd_before == 0:
            out[r.ingredient] = ("everyone had the same score before (no spread to measure "
                                 "change against)")
        elif np.isnan(a):
            out[r.ingredient] = ("no alpha (fewer than two of its statements, or of complete "
                                 "answers, to compute it from)")
        elif a >= 1:
            out[r.ingredient] = "alpha of 1 (no measurement error to measure change against)"
        else:
            out[r.ingredient] = "too few pairs"
    return out


def compare_timepoints(scores: pd.DataFrame, before: str = schema.BEFORE,
                       after: str = schema.AFTER, *, by=None, min_group: int = MIN_GROUP,
                       alpha=None, instrument=None) -> pd.DataFrame:
    """Before/after change per ingredient, paired on participant.

    Participants with a response at only one of the two timepoints are left out of the pairs
    and counted (``n_before_only``, ``n_after_only``); a participant missing one ingredient's
    score at either timepoint is left out of that ingredient only.

    Parameters
    ----------
    scores : DataFrame
        As :func:`workbook.score` returns it, with ``participant_id`` and ``timepoint``.
    before, after : str
        The timepoint labels to pair (default ``"pre"``, ``"post"``).
    by : str or list of str, optional
        Columns to group by, taken from the ``before`` response (``"cohort"``); the whole
        (``all``) comes first.
    min_group : int, default 5
        Groups with fewer pairs keep their counts of people but show no statistics nor
        ``n_pairs`` (nor does any group
        hidden so that none can be derived; see :mod:`workbook.cohort.suppression`).
    alpha : mapping or DataFrame, optional
        Reliability of each ingredient at ``before``, to count reliable change (see
        :func:`reliable_change`); without it the RCI columns are missing.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``ingredient``, ``n_both``
        (participants of the group at both timepoints), ``n_pairs`` (those with the
        ingredient scored both times; missing, like the statistics, for a hidden group),
        ``n_before_only``, ``n_after_only`` (participants of the group at one timepoint only),
        ``mean_before``, ``mean_after``, ``sd_before``,
        ``mean_change`` with ``ci_low``/``ci_high`` (t-based 95%), ``sd_change``, ``cohen_dz``
        (mean change / sd of change), ``t``, ``p_t`` (paired t), ``p_wilcoxon`` (signed-rank),
        and with ``alpha``: ``rci_change`` (the smallest reliable change, 1.96 * S_diff, with
        S_diff from all pairs),
        ``improved``, ``no_reliable_change``, ``declined`` (participants; they add up to
        ``n_pairs``, and are missing, never 0, where reliable change cannot be counted:
        :func:`rci_not_counted` says why).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> from workbook.cohort.reliability import reliability
    >>> data = load_sample()
    >>> alpha = reliability(data[data["timepoint"] == "pre"])
    >>> table = compare_timepoints(score(data), alpha=alpha)
    >>> table.set_index("ingredient").loc["hope", "mean_change"] > 0
    np.True_
    """
    inst = resolve(instrument)
    by = as_list(by)
    if schema.TIMEPOINT in by:
        raise DataError("compare_timepoints pairs the timepoints: do not group by timepoint")
    keep = [c for c in [*by, *inst.ingredient_ids] if c in scores.columns]  # what is read
    pre, post, (only_before, only_after) = pair_rows(scores, before, after, keep)
    rci = None
    if alpha is not None:
        s_diff, rci = {}, {}
        for ing, _, _, sd, _, category in _rci(pre, post, alphas_of(alpha, before), inst):
            s_diff[ing.id], rci[ing.id] = sd, category
    counts = ("n_both", "n_pairs", "n_before_only", "n_after_only")
    values = {ing.id: (pre[ing.id].to_numpy(dtype=float, na_value=np.nan),
                       post[ing.id].to_numpy(dtype=float, na_value=np.nan))
              for ing in inst.ingredients}

    def rows_of(_, by):
        before_only, after_only = group_sizes(only_before, by), group_sizes(only_after, by)
        rows = []
        for labels, at in group_positions(pre, by):
            for ing in inst.ingredients:
                x, y = values[ing.id][0][at], values[ing.id][1][at]
                both = ~np.isnan(x) & ~np.isnan(y)
                row = {**dict(zip(by, labels)), "ingredient": ing.id, "n_both": len(at),
                       "n_before_only": before_only.get(labels, 0),
                       "n_after_only": after_only.get(labels, 0)}
                row.update(paired_tests(np.where(both, y - x, np.nan)))
                row["mean_before"] = x[both].mean() if both.any() else np.nan
                row["mean_after"] = y[both].mean() if both.any() else np.nan
                row["sd_before"] = x[both].std(ddof=1) if both.sum() > 1 else np.nan
                if rci is not None:
                    # No pairs for an ingredient: no spread of change, so no cutoff either.
                    row["rci_change"] = RCI_CUTOFF * s_diff.get(ing.id, np.nan)
                    found = rci[ing.id][at][both]
                    tally = np.bincount(found[found >= 0], minlength=len(RCI_CATEGORIES))
                    counted = s_diff.get(ing.id, np.nan) > 0  # else no one can be counted
                    for j, cat in enumerate(RCI_CATEGORIES):
                        row[cat] = int(tally[j]) if counted else pd.NA
                rows.append(row)
        out = pd.DataFrame(rows, columns=columns(by))
        if rci is not None:  # not counted (no alpha, or no spread before): missing, not 0
            out = out.astype(dict.fromkeys(RCI_CATEGORIES, "Int64"))
        return out

    def columns(by):
        names = [*by, "ingredient", *counts, "mean_before", "mean_after", "sd_before",
                 "mean_change", "ci_low", "ci_high", "sd_change", "cohen_dz", "t", "p_t",
                 "p_wilcoxon"]
        return names + (["rci_change", *RCI_CATEGORIES] if rci is not None else [])

    table = with_whole(pre, by, rows_of)
    stats = ["n_pairs", *[c for c in columns([]) if c not in ("ingredient", *counts)]]
    return protect(table, by=by, n="n_pairs", stats=stats, split="ingredient",
                   min_group=min_group)
