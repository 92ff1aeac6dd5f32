"""The summary table: per group and ingredient, n, mean, sd, quartiles, CI, share per level.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook import score
>>> table = summarize(score(load_sample()), by="timepoint")
>>> table[["timepoint", "ingredient", "n"]].head(2).values.tolist()
[['pre', 'hope', 123], ['pre', 'time', 122]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.cohort.rows import mark_left_out, marked_columns, shown_rows, table_kind
from workbook.cohort.stats import describe, groups, tally
from workbook.cohort.suppression import (
    MIN_GROUP,
    ORDER_STATS_FACTOR,
    protect,
    split_columns,
    with_whole,
)
from workbook.core import schema
from workbook.core.instrument import resolve

_STATS = ("mean", "sd", "median", "q1", "q3", "ci_low", "ci_high")


def _share(level: str) -> str:
    """The summary's column of the share at ``level``."""
    return f"share_{level}"


def summarize(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
              instrument=None, before: str = schema.BEFORE,
              after: str = schema.AFTER, marked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per ingredient: n, mean, sd, median, quartiles, t-based 95% CI, share at each level.

    Parameters
    ----------
    scores : DataFrame
        As :func:`workbook.score` returns it.
    by : str or list of str, optional
        Columns to group by (``"timepoint"``, ``["timepoint", "cohort"]``); by a column other
        than ``timepoint``, the whole (``all``) comes first.
    min_group : int, default 5
        A group whose scored responses for an ingredient number fewer than this shows only
        its number of responses (``n_responses``), no statistics (NaN), so no one in a small
        group can be singled out; so does the next smallest group when the whole would give
        it away.
    instrument : Instrument or path, optional
    before, after : str
        The timepoints :func:`compare_timepoints` pairs. When both occur, the people of a
        group who answered at only one of them (or have an ingredient's score at only one),
        if 1 to ``min_group - 1``, are left out of that group's figures there and counted in
        ``n_not_shown`` (see :func:`mark_left_out`): the paired table would give them away.
    marked : DataFrame, optional
        :func:`mark_left_out` of ``scores`` with these arguments and every ingredient, when
        already computed (:func:`analyse` marks once for its tables).

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``ingredient``, ``n_responses``
        (everyone in the group), ``n`` (scored responses shown), ``n_unscored``,
        ``n_not_shown`` (left out, see above; ``n_responses = n + n_unscored + n_not_shown``),
        ``mean, sd, median, q1, q3, ci_low, ci_high``, and
        ``share_not_yet, share_a_little, share_plenty`` (shares of the scored responses
        shown).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> row = summarize(score(load_sample())).iloc[0]
    >>> row["ingredient"], bool(row["ci_low"] < row["mean"] < row["ci_high"])
    ('hope', True)
    """
    inst = resolve(instrument)
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before, after=after,
                               ingredients=inst.ingredient_ids)

    # Only the columns read below, so that taking each group's rows copies little.
    marked = marked[list(dict.fromkeys([*apart, *inner, *inst.ingredient_ids,
                                        *map(schema.level_column, inst.ingredient_ids),
                                        *marked_columns(marked)]))]

    def rows_of(frame, cols):
        kind = table_kind(cols, inner)
        rows = []
        for labels, group in groups(frame, cols):
            people, _ = shown_rows(group, kind)
            for ing in inst.ingredients:
                shown, not_shown = shown_rows(group, kind, ing.id)
                values = shown[ing.id].to_numpy(dtype=float, na_value=np.nan)
                row = dict(zip(cols, labels))
                row["ingredient"] = ing.id
                row["n_responses"] = len(group)
                row.update(describe(values))
                if row["n"] < ORDER_STATS_FACTOR * min_group:
                    # With so few, the quartiles are single people's scores, and with the mean
                    # and sd they can give every score away (n = 5): the mean and CI only.
                    row.update(median=np.nan, q1=np.nan, q3=np.nan)
                row["n_unscored"] = int(people[ing.id].isna().sum())
                row["n_not_shown"] = not_shown
                levels = tally(shown[schema.level_column(ing.id)])
                for level in schema.LEVELS:
                    row[_share(level)] = levels.get(level, 0) / row["n"] if row["n"] else np.nan
                rows.append(row)
        columns = [*cols, "ingredient", "n_responses", "n", "n_unscored", "n_not_shown",
                   *_STATS, *map(_share, schema.LEVELS)]
        return pd.DataFrame(rows, columns=columns)

    # n_not_shown stays for a hidden group (attacks4 B8): n_responses - n_not_shown is the
    # group's size every table and the overview give
    return protect(with_whole(marked, by, rows_of), by=inner, n="n",
                   stats=["n", "n_unscored", *_STATS,
                          *map(_share, schema.LEVELS)],
                   split=[*apart, "ingredient"], min_group=min_group)
