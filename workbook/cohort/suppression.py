"""Small-group suppression: no group smaller than ``min_group`` can be read or derived.

Every table the kit shows about groups keeps each group's size but blanks its statistics when
the group is small (*primary* suppression). Sizes are counted in *people*. A table at one
timepoint has a row per person (reading refuses one person twice at a timepoint), and the
before/after and outcome tables a row per person; a table whose rows can hold one person more
than once (reliability over every dated session of an export, when there is no ``pre``)
gives :func:`protect` the number of different people behind each row (``people``, counted by
:func:`count_people`), so that 6 sessions of 4 clients are 4 people, not 6.

A table split by a column (``--by cohort``) also shows the whole cohort (group ``all``); the
whole minus the groups shown would then give the hidden groups' numbers, so more groups are
hidden until the hidden ones hold at least ``min_group`` people together (*secondary*
suppression: the next smallest group goes first).

The same rule decides which *unmatched* rows to leave out (:func:`left_out`): rows one table
describes and another, about the same people, does not (someone who answered before but not
after is in the summary at ``pre`` but not in the paired table).

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"cohort": ["all", "a", "b", "c"], "n": [16, 1, 6, 9],
...                       "mean": [50.0, 80.0, 40.0, 52.0]})
>>> protect(table, by=["cohort"], n="n", stats=["mean"], min_group=5)["mean"].tolist()
[50.0, nan, nan, 52.0]
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from workbook.cohort.stats import as_list, check_columns, group_numbers, groups
from workbook.core import schema
from workbook.core.distinct import text_distinct
from workbook.core.exceptions import DataError
from workbook.core.text import printable
from workbook.responses.group_labels import ALL, MISSING_GROUP, RESERVED_GROUPS

#: Groups smaller than this show their count but no statistics.
MIN_GROUP = schema.MIN_GROUP
#: The median and quartiles of a group are shown only from this many times ``min_group``
#: people (10 by default): below it they pin down single people's scores.
ORDER_STATS_FACTOR = 2


def split_columns(by) -> tuple[list, list]:
    """``by`` as (columns kept apart, columns split into groups of a whole).

    Timepoints are kept apart (before and after are not added together); every other column
    splits the whole into groups.

    Examples
    --------
    >>> split_columns(["timepoint", "cohort"])
    (['timepoint'], ['cohort'])
    """
    by = as_list(by)
    return [c for c in by if c == schema.TIMEPOINT], [c for c in by if c != schema.TIMEPOINT]


def hidden_groups(sizes, min_group: int = MIN_GROUP, base: int = 0, start=None) -> list[bool]:
    """Which of the groups of one split to hide, given their sizes (the whole not included).

    A group smaller than ``min_group`` is hidden; then, while the hidden groups together hold
    some people but fewer than ``min_group`` (so the whole minus the shown groups would single
    them out), the smallest group still shown is hidden too (the later one on a tie).
    ``base``: people already hidden from the groups (not from the whole), counted with them.
    ``start``: groups hidden whatever their size (another table hides them: see
    :func:`hidden_in`), counted with the hidden ones.

    Examples
    --------
    >>> hidden_groups([1, 6, 9])
    [True, True, False]
    >>> hidden_groups([3, 4, 9])
    [True, True, False]
    >>> hidden_groups([0, 6, 9])
    [True, False, False]
    >>> hidden_groups([2, 2, 6, 6])
    [True, True, False, True]
    >>> hidden_groups([1, 6, 9], base=4)
    [True, False, False]
    >>> hidden_groups([0, 5, 6, 9], start=[False, True, False, False])
    [True, True, False, False]
    >>> hidden_groups([1, 5, 6, 9], start=[True, False, False, True])
    [True, False, False, True]
    """
    sizes = [int(s) for s in sizes]
    hidden = [s < min_group for s in sizes]
    if start is not None:
        hidden = [h or bool(f) for h, f in zip(hidden, start)]
    while 0 < base + sum(s for s, h in zip(sizes, hidden) if h) < min_group:
        shown = [(s, -i) for i, (s, h) in enumerate(zip(sizes, hidden)) if not h]
        if not shown:
            break
        hidden[-min(shown)[1]] = True
    return hidden


def count_people(codes) -> int:
    """How many different people the rows are, given their participant codes (-1: no id).

    A person answering several times counts once; a row without an id counts as a person of
    its own (it cannot be told apart from the others).

    Examples
    --------
    >>> count_people([0, 1, 0, 2, 0, -1, -1])
    5
    """
    codes = np.asarray(codes, dtype=np.int64)
    known = codes[codes >= 0]
    return int(np.count_nonzero(np.bincount(known)) + (len(codes) - len(known)))


def protect(table: pd.DataFrame, *, by, n: str, stats, split=(), min_group: int = MIN_GROUP,
            also=None, people: str | None = None) -> pd.DataFrame:
    """Blank the statistics of every group that must stay hidden (see :func:`hidden_groups`).

    Parameters
    ----------
    table : DataFrame
        Rows of groups, the whole's rows labelled :data:`ALL` in every ``by`` column.
    by : list of str
        The columns a split's groups are told apart by (``[]``: one group, primary only).
    n : str
        The column holding each group's size (equal on every row of a group).
    stats : list of str
        Columns to blank for hidden groups (NaN, or missing for integer columns).
    split : list of str
        Columns that set tables side by side rather than split one whole (``timepoint``,
        ``ingredient``): each combination is one split.
    min_group : int
    also : array of bool, optional
        Rows to hide whatever their size: the groups another table hides (a group hidden in
        the summary is hidden in every table: :func:`hidden_in`); they count as hidden in the
        secondary rule, so the whole minus the groups shown never singles anyone out.
    people : str, optional
        The column holding how many different people each row's ``n`` responses are
        (:func:`count_people`), for a table whose rows may count one person more than once:
        the sizes both rules read are then people (never more than ``n``), and the column is
        left out of the result.

    Returns
    -------
    DataFrame
        A copy with the hidden groups' ``stats`` blanked.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"n": [6], "people": [4], "mean": [2.5]})
    >>> protect(table, by=[], n="n", stats=["mean"], people="people")["mean"].tolist()
    [nan]
    """
    by, split = as_list(by), as_list(split)
    out = table.copy()
    sizes = out[n].fillna(0).astype(float).to_numpy()
    if people is not None and people in out.columns:
        sizes = np.minimum(sizes, out[people].fillna(0).astype(float).to_numpy())
        out = out.drop(columns=people)
    if out.empty:
        return out
    also = np.zeros(len(out), dtype=bool) if also is None else np.asarray(also, dtype=bool)
    hide = (sizes < min_group) | also
    if by:
        whole = np.ones(len(out), dtype=bool)
        for col in by:
            whole &= (out[col].astype("string") == ALL).fillna(False).to_numpy(dtype=bool)
        keys = [*split, *by]
        frame = pd.DataFrame({f"k{j}": out[c].astype("string").fillna("\0").to_numpy()
                              for j, c in enumerate(keys)})
        group_id = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
        split_id = (frame.groupby([f"k{j}" for j in range(len(split))], sort=False).ngroup()
                    .to_numpy() if split else np.zeros(len(out), dtype=int))
        for s in np.unique(split_id):
            rows = np.flatnonzero((split_id == s) & ~whole)
            ids, first = np.unique(group_id[rows], return_index=True)
            order = np.argsort(first)
            ids, first = ids[order], first[order]
            start = [also[rows[group_id[rows] == gid]].any() for gid in ids]
            flags = hidden_groups(sizes[rows[first]], min_group, start=start)
            for gid, flag in zip(ids, flags):
                if flag:
                    hide[group_id == gid] = True
    for col in as_list(stats):
        if col not in out.columns or not hide.any():
            continue
        if pd.api.types.is_integer_dtype(out[col].dtype) or pd.api.types.is_bool_dtype(
                out[col].dtype):
            out[col] = out[col].astype("Int64" if pd.api.types.is_integer_dtype(out[col].dtype)
                                        else "boolean")
            out.loc[hide, col] = pd.NA
        elif pd.api.types.is_numeric_dtype(out[col].dtype):
            out.loc[hide, col] = np.nan
        else:
            out[col] = out[col].astype(object)
            out.loc[hide, col] = ""
    return out


def hidden_in(reference: pd.DataFrame, table: pd.DataFrame, *, by, on=("ingredient",),
              n: str = "n", size: str = "n_responses", timepoints=None) -> np.ndarray:
    """Rows of ``table`` whose group ``reference`` hides (attacks5 C1): for :func:`protect`.

    ``reference`` (the summary) hides a group where its ``n`` is blank while ``size`` is
    not 0. A row of ``table`` is hidden when ``reference`` hides the row's group (the same
    labels in the ``by`` columns, the whole included) for the same ``on`` values, at any of
    ``timepoints`` (``None``: any timepoint ``reference`` has).

    Examples
    --------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"timepoint": ["pre"] * 3, "cohort": ["all", "a", "b"],
    ...                         "ingredient": ["hope"] * 3, "n_responses": [12, 6, 5],
    ...                         "n": [12, 6, None]})
    >>> items = pd.DataFrame({"cohort": ["all", "a", "b"], "ingredient": ["hope"] * 3})
    >>> hidden_in(summary, items, by=["cohort"]).tolist()
    [False, False, True]
    """
    by, on = as_list(by), as_list(on)
    ref = reference
    if timepoints is not None and schema.TIMEPOINT in ref.columns:
        ref = ref[ref[schema.TIMEPOINT].astype("string").isin(list(timepoints))
                  .fillna(False).to_numpy(dtype=bool)]
    blank = ref[n].isna() & (ref[size].fillna(0).astype(float) > 0)
    cols = [*by, *on]
    if not len(table) or any(c not in ref.columns or c not in table.columns for c in cols):
        return np.zeros(len(table), dtype=bool)
    keys = {tuple(k) for k in ref.loc[blank.to_numpy(dtype=bool), cols].astype("string")
            .fillna(MISSING_GROUP).itertuples(index=False)}
    return np.array([tuple(k) in keys for k in table[cols].astype("string")
                     .fillna(MISSING_GROUP).itertuples(index=False)], dtype=bool)




def check_no_all(data: pd.DataFrame, by) -> None:
    """Refuse a ``by`` column with a group named as the kit names the whole or no group.

    :data:`RESERVED_GROUPS`, compared without regard to case, width (NFKC: ``Ａｌｌ`` is
    ``All``) or spaces at either end:
    a group ``Everyone`` would read as the whole, and ``(missing)`` would be put together with
    the rows whose group is empty.
    """
    reserved = {name.casefold(): (name, what) for name, what in RESERVED_GROUPS.items()}
    for col in as_list(by):
        if col not in data.columns:
            continue
        for label in _distinct_texts(data[col]):
            plain = unicodedata.normalize("NFKC", label).strip().casefold()  # Ａｌｌ is all
            if plain in reserved:
                name, what = reserved[plain]
                called = f"'{printable(label)}'" if label == name else \
                    f"'{printable(label)}' (read as {name!r})"
                raise DataError(
                    f"the column {col!r} has a group called {called}, the name the kit gives "
                    f"{what} in tables split by {col}; rename that group and run again"
                )


def _distinct_texts(column: pd.Series):
    """The column's values as text, missing ones left out, in the order they first appear.

    ``pd.unique`` of ``column.dropna().astype("string")`` (:func:`text_distinct`: the same
    texts, in that order); a categorical of text (as
    ``grouping_columns`` makes) is read through its codes, without a string per row.
    """
    if isinstance(column.dtype, pd.CategoricalDtype) and all(
            isinstance(c, str) for c in column.cat.categories):
        codes = np.asarray(column.cat.codes)
        present = pd.unique(codes[codes >= 0])  # in order of first appearance
        return pd.unique(pd.Series(column.cat.categories.take(present)).astype("string"))
    return text_distinct(column)[1]  # pd.unique of the texts, by object first


def with_whole(data: pd.DataFrame, by, func) -> pd.DataFrame:
    """``func(data, cols)`` for the whole and for the groups, the whole's rows first.

    ``func(data, cols)`` must return a table with one column per entry of ``cols`` (as the
    cohort functions do with their ``by``). Timepoints (see :func:`split_columns`) are never
    put together: the whole is the whole within each of their values, and each value's rows
    come together, the whole first. Without columns to split by, ``func`` runs once.
    """
    by = as_list(by)
    check_columns(data, by)
    keep_apart, inner = split_columns(by)
    if not inner:
        return func(data, by)
    check_no_all(data, inner)
    whole = func(data, keep_apart)
    for col in inner:
        whole.insert(len(keep_apart), col, ALL)
    whole = whole[[*keep_apart, *inner, *[c for c in whole.columns if c not in by]]]
    parts = func(data, [*keep_apart, *inner])
    parts = parts[whole.columns]
    whole = whole.astype({c: parts[c].dtype for c in whole.columns
                          if c not in by and whole[c].dtype != parts[c].dtype}, errors="ignore")
    out = pd.concat([whole.assign(_w=0), parts.assign(_w=1)], ignore_index=True)
    if keep_apart:
        first = {}
        for j, key in enumerate(out[keep_apart].astype("string").itertuples(index=False)):
            first.setdefault(tuple(key), j)
        rank = [first[tuple(k)] for k in out[keep_apart].astype("string").itertuples(
            index=False)]
        out = out.assign(_k=rank).sort_values(["_k", "_w"], kind="stable").drop(columns="_k")
    return out.drop(columns="_w").reset_index(drop=True)


def groups_with_whole(data: pd.DataFrame, by):
    """Yield ``(labels, rows)`` as the split tables list them.

    Within each timepoint, the whole (labelled :data:`ALL`) first, then each group (see
    :func:`workbook.cohort.stats.groups`); labels are in the tables' column order (timepoint first).
    """
    by = as_list(by)
    check_columns(data, by)
    apart, inner = split_columns(by)
    for outer, rows in groups(data, apart):
        if inner:
            check_no_all(rows, inner)
            yield (*outer, *(ALL,) * len(inner)), rows
        for labels, part in groups(rows, inner):
            yield (*outer, *labels), part


def group_ids(frame: pd.DataFrame, by) -> tuple:
    """(split number, group number) of each row of ``frame``, for :func:`left_out`.

    Rows with the same values of the columns kept apart (:func:`split_columns`) share a split
    number; with the same values of every ``by`` column, a group number.
    """
    apart, inner = split_columns(by)

    def ids(cols):
        if not cols:
            return np.zeros(len(frame), dtype=int)
        # Numbered as the labels sort (as text, missing first): the order ties are broken in.
        return group_numbers(frame, cols, "\0", timepoints=False)[0]

    return ids(apart), ids([*apart, *inner])


def left_out(frame: pd.DataFrame, whole, group, *, by, min_group: int = MIN_GROUP,
             already=None, ids=None):
    """Which of the unmatched rows to leave out, as seen by the whole and by its groups.

    A row is *unmatched* when one table describes it and another, about the same people, does
    not (someone who answered before but not after is in the summary at ``pre`` but not in
    the paired before/after table). Setting the two tables side by side gives away the
    unmatched rows of a group when there are 1 to ``min_group - 1`` of them, so those are left
    out: they are a small group of their own. Within each timepoint (see
    :func:`split_columns`), the whole leaves out its unmatched rows when they number 1 to
    ``min_group - 1``; the groups as :func:`hidden_groups` says of their counts of unmatched
    rows, so that the whole minus the groups never singles out fewer than ``min_group``.

    Parameters
    ----------
    frame : DataFrame
        The rows, with the ``by`` columns.
    whole, group : array of bool
        The unmatched rows as the whole sees them and as the groups see them (they differ when
        the whole or the groups already leave some rows out).
    already : array of bool, optional
        Rows the groups already leave out and the whole does not: the whole minus the groups
        holds them too, so they count towards ``min_group`` (see :func:`hidden_groups`).
    ids : tuple, optional
        :func:`group_ids` of ``frame`` and ``by``, when already known.
    by : list of str
    min_group : int

    Returns
    -------
    tuple of array of bool
        (rows the whole leaves out, rows the groups leave out); without groups to split into,
        both are the whole's.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cohort": ["a"] * 3 + ["b"] * 8})
    >>> unmatched = [True, False, False] + [True] * 6 + [False] * 2
    >>> whole, group = left_out(frame, unmatched, unmatched, by=["cohort"])
    >>> int(whole.sum()), int(group.sum())
    (0, 7)
    >>> whole, group = left_out(frame.iloc[:3], unmatched[:3], unmatched[:3], by=["cohort"])
    >>> int(whole.sum()), int(group.sum())
    (1, 1)
    """
    apart, inner = split_columns(by)
    whole = np.asarray(whole, dtype=bool)
    group = np.asarray(group, dtype=bool)
    out_whole = np.zeros(len(frame), dtype=bool)
    out_group = np.zeros(len(frame), dtype=bool)
    if not (whole.any() or group.any()):
        return out_whole, out_group

    split_id, group_id = ids if ids is not None else group_ids(frame, by)
    per_group = np.bincount(group_id[group], minlength=group_id.max() + 1 if len(frame) else 0)
    already = np.zeros(len(frame), dtype=bool) if already is None else np.asarray(already,
                                                                                   dtype=bool)
    flagged = np.zeros(len(per_group), dtype=bool)
    # Distinct split and group numbers, in order, counted rather than sorted (they are few).
    for s in np.flatnonzero(np.bincount(split_id)):
        rows = split_id == s
        if 0 < whole[rows].sum() < min_group:
            out_whole |= rows & whole
        if inner:
            members = np.flatnonzero(np.bincount(group_id[rows]))
            hidden = hidden_groups(per_group[members], min_group, int(already[rows].sum()))
            flagged[members[np.asarray(hidden, dtype=bool)]] = True
    if inner:
        out_group = flagged[group_id] & group
    if not inner:
        out_group = out_whole.copy()
    return out_whole, out_group
