"""Reliability of each ingredient's items: Cronbach's alpha and item-total statistics.

Computed on keyed answers (reverse-keyed items flipped: ``min + max - x``), with complete cases
per ingredient (a response missing any of the ingredient's items is left out of that
ingredient). An item the data do not hold (no column, or no answer in it) is left out of its
ingredient, as the score leaves it out: alpha is over the items there are (``k``). Pure
functions: a response table in, a table out.

- :func:`reliability`: per ingredient, Cronbach's alpha with the Feldt (1965) 95% CI, flagged
  below .70;
- :func:`item_total`: per item, the corrected item-total correlation (the item against the sum
  of the ingredient's other items) and alpha if the item were deleted, flagged when the
  correlation is negative (often a reverse-keying mistake).

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook.cohort.reliability import reliability
>>> table = reliability(load_sample())
>>> list(table.columns)
['ingredient', 'n', 'k', 'alpha', 'ci_low', 'ci_high', 'flag']
>>> bool(table["alpha"].between(0, 1).all())
True
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from workbook.cohort.stats import CONFIDENCE, group_positions
from workbook.cohort.suppression import MIN_GROUP, protect, split_columns, with_whole
from workbook.core.instrument import resolve
from workbook.responses.coercion import coerce

#: Alpha below this is flagged.
ALPHA_FLOOR = 0.70


def keyed_answers(data: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """Item answers as numbers with reverse-keyed items flipped; one column per item.

    Items absent from ``data`` are all-missing columns.

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> keyed_answers(load_sample()).shape[1]
    25
    """
    inst = resolve(instrument)
    # and the [[retired]] statements the file holds, with their own keying (answers given on
    # an earlier version are scored on its statements: reliability is over those too)
    kept = [r.as_item() for r in inst.retired_items if r.id in data.columns]
    # Only the item columns: each is read on its own, and the rest (dates, hours) not at all.
    ids = set(inst.item_ids) | {i.id for i in kept}
    numbers = coerce(data[[c for c in data.columns if c in ids]], inst)
    lo, hi = inst.scale_min, inst.scale_max
    out = {}
    for item in (*inst.items, *kept):
        if item.id in numbers.columns:
            x = numbers[item.id].to_numpy(dtype=float, na_value=np.nan)
        else:
            x = np.full(len(numbers), np.nan)
        out[item.id] = lo + hi - x if item.reverse else x
    return pd.DataFrame(out, index=data.index)


def cronbach_alpha(matrix: np.ndarray) -> float:
    """Cronbach's alpha of an (n, k) matrix without missing values (NaN if undefined)."""
    n, k = matrix.shape
    if n < 2 or k < 2:
        return np.nan
    total_var = matrix.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return np.nan
    return float(k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_var))


def _alphas_if_deleted(block: np.ndarray, total: np.ndarray):
    """``j -> cronbach_alpha(np.delete(block, j, axis=1))``, without a copy per item.

    With whole-number answers (the kit's scales) a row's sum less one answer is exactly the
    sum of the others, and each column's variance is the same numbers whichever columns
    stand beside it (a column-wise reduction, row after row), so alpha if deleted is taken
    from ``total`` and the block's column variances once: the same floats, to the last bit,
    as :func:`cronbach_alpha` of the block less that column (checked on random blocks).
    Other answers take the copy.
    """
    n, k = block.shape
    if n < 2 or k < 3 or not np.array_equal(block, np.round(block)):
        return lambda j: cronbach_alpha(np.delete(block, j, axis=1))
    variances = block.var(axis=0, ddof=1)

    def alpha(j):
        total_var = (total - block[:, j]).var(ddof=1)
        if total_var == 0:
            return np.nan
        return float((k - 1) / (k - 2) * (1 - np.delete(variances, j).sum() / total_var))

    return alpha


def feldt_interval(alpha: float, n: int, k: int) -> tuple[float, float]:
    """Feldt's confidence interval of alpha: F with ``n - 1`` and ``(n - 1)(k - 1)`` df."""
    if np.isnan(alpha) or n < 2 or k < 2:
        return np.nan, np.nan
    from scipy import stats as _stats  # here: 0.9 s to import, not needed to import this

    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - CONFIDENCE) / 2
    low = 1 - (1 - alpha) * _stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * _stats.f.ppf(tail, df1, df2)
    return float(low), float(high)


def prepared_blocks(keyed, inst, versions=None) -> tuple:
    """What :func:`_blocks` works out of ``keyed`` before taking any group's rows.

    ``(columns, complete, asked, present)``: each item's keyed answers as an array (the
    table's own, not a copy), the statements each ingredient is scored on
    (:func:`workbook.core.versions.answered_statements`), those of them the data hold
    (``present``) and which rows answer them all (``complete``). The same for every
    grouping of the same rows, and for both tables: a caller making several of them from
    one ``keyed`` may work it out once (``prepared=``).
    """
    from workbook.core.versions import answered_statements

    # the statements the scores use: an earlier version's where the file answers that one
    asked = answered_statements(keyed, inst, per=versions)
    columns = {item: keyed[item].to_numpy(dtype=float) for item in keyed.columns}
    held = {item: not np.isnan(x).all() for item, x in columns.items()}
    present = {ing.id: [i.id for i in asked[ing.id] if i.id in columns and held[i.id]]
               for ing in inst.ingredients}
    complete = {}
    for ing, items in present.items():
        done = np.ones(len(keyed), dtype=bool)
        for item in items:
            done &= ~np.isnan(columns[item])
        complete[ing] = done if items else np.zeros(len(keyed), dtype=bool)
    return columns, complete, asked, present


def _blocks(frame, cols, keyed, inst, versions=None, prepared=None):
    """Yield ``(labels, ingredient, items, complete keyed answers)`` per group and ingredient.

    ``frame`` and ``keyed`` row for row (``frame`` numbered from 0). ``items``: the
    ingredient's items that the data hold (a column with an answer somewhere in ``keyed``);
    a response is complete when it answers all of those. An item the file does not have
    is left out, as the score leaves it out (it is the mean of the answered items): alpha
    is then the reliability of the score made of the items there are. ``versions``:
    ``answer_versions(keyed, inst, pairs=False)`` when already worked out, row for row;
    ``prepared``: :func:`prepared_blocks` of ``keyed``, when already worked out.
    """
    columns, complete, asked, present = (prepared_blocks(keyed, inst, versions)
                                         if prepared is None else prepared)
    for labels, rows in group_positions(frame, cols):
        for ing in inst.ingredients:
            items = present[ing.id]
            shown = dataclasses.replace(ing, items=asked[ing.id])
            if not items:  # no answers at all: no complete response either
                yield labels, shown, items, np.empty((0, 0))
                continue
            # the group's complete rows, in order: the block np.ix_ gave less its rows
            # with a missing answer (the same numbers, C order), no matrix of every answer
            kept = rows[complete[ing.id][rows]]
            yield labels, shown, items, np.column_stack([columns[i][kept] for i in items])


def reliability(data: pd.DataFrame, instrument=None, *, by=None,
                min_group: int = MIN_GROUP, keyed=None,
                whole: bool = True, versions=None, prepared=None) -> pd.DataFrame:
    """Cronbach's alpha per ingredient, with its Feldt 95% confidence interval.

    Parameters
    ----------
    data : DataFrame
        A response table (item answers as numbers or labels), as
        :func:`workbook.load_responses` gives it. Pass one timepoint at a time: the same
        people answering twice are not independent.
    instrument : Instrument or path, optional
    by : str or list of str, optional
        Columns to group by: the whole (group ``all``) comes first, then each group.
    min_group : int, default 5
        Groups with fewer complete responses keep ``n`` but show no alpha; see
        :mod:`workbook.cohort.suppression` for the groups hidden so that none can be derived.
    keyed : DataFrame, optional
        :func:`keyed_answers` of ``data``, row for row, when already computed.
    whole : bool, default True
        With ``by``, whether to compute the whole's rows (``False``: the groups' only; the
        groups' statistics and their protection are the same).
    versions : DataFrame, optional
        ``workbook.core.versions.answer_versions(keyed, pairs=False)``, row for row, when
        already worked out (the version each response answered each ingredient on).
    prepared : tuple, optional
        :func:`prepared_blocks` of ``keyed``, when already worked out.

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``ingredient``; ``n`` complete
        responses; ``k`` items; ``alpha``; ``ci_low``, ``ci_high`` (Feldt); ``flag``
        (``"alpha below .70"`` or ``""``).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> data = load_sample()
    >>> int(reliability(data[data["timepoint"] == "pre"])["n"].min()) > 50
    True
    """
    inst = resolve(instrument)
    data = data.reset_index(drop=True)
    keyed = (keyed_answers(data, inst) if keyed is None else keyed).reset_index(drop=True)

    def rows_of(frame, cols):
        rows = []
        for labels, ing, _, block in _blocks(frame, cols, keyed, inst, versions, prepared):
            n, k = block.shape
            alpha = cronbach_alpha(block)
            low, high = feldt_interval(alpha, n, k)
            flag = (f"alpha below {ALPHA_FLOOR:.2f}".replace("0.", ".")
                    if alpha < ALPHA_FLOOR else "")
            rows.append({**dict(zip(cols, labels)), "ingredient": ing.id, "n": n, "k": k,
                         "alpha": alpha, "ci_low": low, "ci_high": high, "flag": flag})
        return pd.DataFrame(rows, columns=[*cols, "ingredient", "n", "k", "alpha", "ci_low",
                                           "ci_high", "flag"])

    apart, inner = split_columns(by)
    table = with_whole(data, by, rows_of) if whole or not inner else rows_of(data, by)
    return protect(table, by=inner, n="n", stats=["alpha", "ci_low", "ci_high", "flag"],
                   split=[*apart, "ingredient"], min_group=min_group)


def item_total(data: pd.DataFrame, instrument=None, *, by=None,
               min_group: int = MIN_GROUP, keyed=None,
               whole: bool = True, versions=None, prepared=None) -> pd.DataFrame:
    """Corrected item-total correlation and alpha if item deleted, per item.

    Parameters
    ----------
    data : DataFrame
        A response table, as for :func:`reliability`.
    instrument : Instrument or path, optional
    by : str or list of str, optional
        Columns to group by: the whole (group ``all``) comes first, then each group.
    min_group : int, default 5
        Groups with fewer complete responses keep ``n`` but show no statistics (an item's
        mean over one response is that person's answer).
    keyed : DataFrame, optional
        :func:`keyed_answers` of ``data``, row for row, when already computed.
    whole : bool, default True
        With ``by``, whether to compute the whole's rows (``False``: the groups' only; the
        groups' statistics and their protection are the same).
    versions : DataFrame, optional
        ``workbook.core.versions.answer_versions(keyed, pairs=False)``, row for row, when
        already worked out (the version each response answered each ingredient on).
    prepared : tuple, optional
        :func:`prepared_blocks` of ``keyed``, when already worked out.

    Returns
    -------
    DataFrame
        One row per group and item: the ``by`` columns, ``ingredient, item_id, reverse, n,
        mean`` (keyed), ``item_total_r`` (the item against the sum of the ingredient's other
        items), ``alpha_if_deleted``, ``flag`` (``"negative item-total correlation: check its
        reverse keying"`` or ``""``).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> table = item_total(load_sample())
    >>> bool((table["item_total_r"] > 0).all())
    True
    """
    inst = resolve(instrument)
    data = data.reset_index(drop=True)
    keyed = (keyed_answers(data, inst) if keyed is None else keyed).reset_index(drop=True)

    def rows_of(frame, cols):
        rows = []
        for labels, ing, items, block in _blocks(frame, cols, keyed, inst, versions, prepared):
            n, _ = block.shape
            total = block.sum(axis=1)
            deleted_alpha = _alphas_if_deleted(block, total)
            for item in ing.items:
                if item.id not in items:  # not in the data: no figure of its own
                    rows.append({**dict(zip(cols, labels)), "ingredient": ing.id,
                                 "item_id": item.id, "reverse": item.reverse, "n": n,
                                 "mean": np.nan, "item_total_r": np.nan,
                                 "alpha_if_deleted": np.nan, "flag": ""})
                    continue
                j = items.index(item.id)
                rest = total - block[:, j]
                r = np.nan
                if n > 2 and block[:, j].std() > 0 and rest.std() > 0:
                    r = float(np.corrcoef(block[:, j], rest)[0, 1])
                deleted = deleted_alpha(j)
                flag = ("negative item-total correlation: check its reverse keying"
                        if r < 0 else "")
                rows.append({**dict(zip(cols, labels)), "ingredient": ing.id,
                             "item_id": item.id, "reverse": item.reverse, "n": n,
                             "mean": float(block[:, j].mean()) if n else np.nan,
                             "item_total_r": r, "alpha_if_deleted": deleted, "flag": flag})
        return pd.DataFrame(rows, columns=[*cols, "ingredient", "item_id", "reverse", "n", "mean",
                                           "item_total_r", "alpha_if_deleted", "flag"])

    apart, inner = split_columns(by)
    table = with_whole(data, by, rows_of) if whole or not inner else rows_of(data, by)
    return protect(table, by=inner, n="n",
                   stats=["mean", "item_total_r", "alpha_if_deleted", "flag"],
                   split=[*apart, "ingredient"], min_group=min_group)
