"""The verdict mix and the bottlenecks, per group.

:func:`verdicts`: how many responses got each verdict; :func:`bottlenecks`: how often each
ingredient is the weakest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.cohort.rows import mark_left_out, marked_columns, shown_in_all, table_kind
from workbook.cohort.stats import groups, tally
from workbook.cohort.suppression import MIN_GROUP, protect, split_columns, with_whole
from workbook.core import schema
from workbook.core.instrument import resolve


def _ingredients(scores: pd.DataFrame, instrument) -> list:
    """The instrument's ingredients ``scores`` has a column of (whose left-out rows count)."""
    return [i for i in resolve(instrument).ingredient_ids if i in scores.columns]


def verdicts(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
             before: str = schema.BEFORE, after: str = schema.AFTER,
             marked: pd.DataFrame | None = None, instrument=None) -> pd.DataFrame:
    """The verdict mix: how many responses got each verdict, and what share.

    People left out so that the paired table cannot give them away (see
    :func:`mark_left_out`), of every table or of one ingredient's figures, are left out here
    too and counted in ``n_not_shown``. ``marked``: as for :func:`summarize`.

    Returns
    -------
    DataFrame
        One row per group and verdict (in the order verdicts are decided): the ``by``
        columns, ``n`` (responses in the group shown), ``n_not_shown``, ``verdict``,
        ``count``, ``share``. ``count`` and ``share`` are missing for groups smaller than
        ``min_group`` (and for any group hidden so that none can be derived; see
        :mod:`workbook.cohort.suppression`).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> mix = verdicts(score(load_sample()))
    >>> int(mix["count"].sum()) == len(load_sample())
    True
    """
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before, after=after,
                               ingredients=_ingredients(scores, instrument))
    marked = marked[list(dict.fromkeys([*apart, *inner, schema.VERDICT, *marked_columns(marked)]))]

    def rows_of(frame, cols):
        kind = table_kind(cols, inner)
        rows = []
        for labels, group in groups(frame, cols):
            group, not_shown = shown_in_all(group, kind)
            n = len(group)
            counts = tally(group[schema.VERDICT])
            for verdict in schema.VERDICTS:
                count = int(counts.get(verdict, 0))
                rows.append({**dict(zip(cols, labels)), "n": n, "n_not_shown": not_shown,
                             "verdict": verdict, "count": count,
                             "share": count / n if n else np.nan})
        table = pd.DataFrame(rows, columns=[*cols, "n", "n_not_shown", "verdict", "count",
                                            "share"])
        return table.astype({"count": "Int64"})

    return protect(with_whole(marked, by, rows_of), by=inner, n="n", stats=["count", "share"],
                   split=apart, min_group=min_group)


def bottlenecks(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                instrument=None, before: str = schema.BEFORE,
                after: str = schema.AFTER, marked: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each ingredient is the weakest.

    Ties: ``weakest`` lists the lowest-scoring ingredient first and then any within 5 points
    of it (``;``-separated). Only the first counts in ``count``, so each response counts once
    and the counts add up to ``n``; on an exact tie for lowest, the first is the one earlier in
    the instrument's order (as :func:`workbook.score` lists it). ``listed`` counts every
    response naming the ingredient anywhere in ``weakest`` (near-ties included), so it can
    add up to more than ``n``.

    People left out so that the paired table cannot give them away (see
    :func:`mark_left_out`) are left out here too and counted in ``n_not_shown``. ``marked``:
    as for :func:`summarize`.

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``n_responses`` (everyone in the
        group), ``n`` (responses shown with a weakest ingredient, i.e. at least one ingredient
        scored; missing for a hidden group), ``n_not_shown``, ``ingredient``, ``count``, ``share``
        (count / n), ``listed``. Missing for groups smaller than ``min_group`` (and for any
        group hidden so that none can be derived).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> table = bottlenecks(score(load_sample()))
    >>> int(table["count"].sum()) == int(table["n"].iloc[0])
    True
    """
    inst = resolve(instrument)
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before, after=after,
                               ingredients=_ingredients(scores, inst))
    marked = marked[list(dict.fromkeys([*apart, *inner, schema.WEAKEST, *marked_columns(marked)]))]

    def rows_of(frame, by):
        kind = table_kind(by, inner)
        rows = []
        for labels, group in groups(frame, by):
            responses = len(group)
            group, not_shown = shown_in_all(group, kind)
            # Count each distinct list once (a cohort has few), then split only those.
            counts = {text: k for text, k in tally(group[schema.WEAKEST]).items() if text != ""}
            first, listed = {}, {}
            for text, k in counts.items():
                names = str(text).split(schema.LIST_SEPARATOR)
                first[names[0]] = first.get(names[0], 0) + int(k)
                for name in names:
                    listed[name] = listed.get(name, 0) + int(k)
            n = int(sum(counts.values()))
            for ing in inst.ingredients:
                count = int(first.get(ing.id, 0))
                rows.append({**dict(zip(by, labels)), "n_responses": responses, "n": n,
                             "n_not_shown": not_shown, "ingredient": ing.id,
                             "count": count, "share": count / n if n else np.nan,
                             "listed": int(listed.get(ing.id, 0))})
        table = pd.DataFrame(rows, columns=[*by, "n_responses", "n", "n_not_shown",
                                            "ingredient", "count", "share", "listed"])
        return table.astype({"count": "Int64", "listed": "Int64"})

    return protect(with_whole(marked, by, rows_of), by=inner, n="n",
                   stats=["n", "count", "share", "listed"], split=apart, min_group=min_group)
