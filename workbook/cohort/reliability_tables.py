"""The reliability tables as the cohort shows them: ``reliability`` and ``reliability_items``.

:mod:`workbook.cohort.reliability` computes alpha and the item-total table; here they are made
at one timepoint (``before`` when there is one), each ingredient without the responses the
summary leaves out of it (:func:`workbook.cohort.rows.mark_left_out`), item means hidden where
a part-answered person would be given away (:func:`mark_partial`), and small groups hidden
(:func:`protect_reliability`), their size counted in people: without a ``before`` timepoint
every dated session is a response, and a client's several sessions are one person.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd

from workbook.cohort.reliability import (
    item_total,
    keyed_answers,
    prepared_blocks,
    reliability,
)
from workbook.cohort.rows import id_codes, mark_left_out, out_column
from workbook.cohort.stats import (
    as_list,
    group_positions,
    grouping_columns,
    is_label,
)
from workbook.cohort.summary import summarize
from workbook.cohort.suppression import (
    MIN_GROUP,
    count_people,
    group_ids,
    hidden_in,
    left_out,
    protect,
)
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.versions import answer_versions
from workbook.responses.group_labels import ALL, MISSING_GROUP

#: The private column of :func:`at_one_timepoint`'s raw tables: the people behind ``n``.
PEOPLE = "_people"


def mark_partial(answers: pd.DataFrame, marked: pd.DataFrame, by=None,
                 min_group: int = MIN_GROUP, *, instrument=None, scores=None,
                 keyed: pd.DataFrame | None = None) -> pd.DataFrame:
    """``marked`` with the groups whose item means would give a part-answered person away.

    An ingredient is scored from some of its items (at least half); item means (and
    reliability) use complete answers only. So when 1 to ``min_group - 1`` of the people a
    group's summary shows for an ingredient answered only some of its items, its summary and
    its item means set side by side give their scores away: that group's item means of the
    ingredient are not shown (with the same rule for the whole and its groups as
    :func:`workbook.cohort.suppression.left_out`).

    Parameters
    ----------
    answers : DataFrame
        The item answers, row for row with ``marked``.
    marked : DataFrame
        :func:`mark_left_out` of the scores, with ingredients.
    by : list of str
        The grouping (``["timepoint", "cohort"]``).
    scores : mapping, optional
        Ingredient id -> the column of ``marked`` holding its scores (default: the id).
    keyed : DataFrame, optional
        :func:`workbook.cohort.reliability.keyed_answers` of ``answers``, when already computed.

    Returns
    -------
    DataFrame
        A copy of ``marked`` with boolean columns ``_partial:whole:<ingredient>`` and
        ``_partial:group:<ingredient>``: a group (or the whole) whose rows hold any ``True``
        shows no item means for that ingredient.
    """
    inst = resolve(instrument)
    out = marked.copy(deep=False)  # copy-on-write: only the new columns are written
    if keyed is None:
        keyed = keyed_answers(answers.reset_index(drop=True), inst)
    keys = group_ids(out, as_list(by))
    for ing in inst.ingredients:
        column = (scores or {}).get(ing.id, ing.id)
        complete = keyed[list(ing.item_ids)].notna().all(axis=1).to_numpy()
        partial = out[column].notna().to_numpy(dtype=bool) & ~complete
        whole = out[out_column("whole", column)].to_numpy(dtype=bool)
        group = out[out_column("group", column)].to_numpy(dtype=bool)
        w, g = left_out(out, partial & ~whole, partial & ~group, by=as_list(by),
                        min_group=min_group, already=partial & group & ~whole, ids=keys)
        out[f"_partial:whole:{ing.id}"], out[f"_partial:group:{ing.id}"] = w, g
    return out


def reliability_tables(data: pd.DataFrame, scores: pd.DataFrame, by=None,
                       min_group: int = MIN_GROUP, *, before: str = schema.BEFORE,
                       after: str = schema.AFTER, instrument=None) -> dict:
    """``reliability`` and ``reliability_items`` as :func:`analyse` gives them.

    Computed on the ``before`` responses when there are any (else every response), each
    ingredient without the responses the summary at ``before`` leaves out of it
    (:func:`mark_left_out`), each table with
    ``n_responses`` and ``n_not_shown``; a hidden group shows ``n_responses`` only.

    Parameters
    ----------
    data : DataFrame
        The answers; ``scores``: :func:`workbook.score` of them, row for row, with the ``by``
        columns.
    by : str or list of str, optional
        Columns other than ``timepoint`` to group by.
    """
    inst = resolve(instrument)
    inputs = reliability_inputs(data, scores, by, min_group, before=before, after=after,
                                 inst=inst)
    # Hidden as analyse hides them: a group (or the whole) the summary hides at the
    # timepoints pooled here is hidden too (attacks5 C1, round 8a F1).
    grouping, at = inputs[2], None
    if schema.TIMEPOINT in scores.columns:
        grouping = [schema.TIMEPOINT, *grouping]
        if is_label(scores[schema.TIMEPOINT], before).any():
            at = [before]
    summary = summarize(scores, grouping or None, min_group, instrument=inst, before=before,
                        after=after)
    return {name: protect_reliability(at_one_timepoint(func, *inputs, raw=True), inputs[2],
                                      min_group, summary=summary, timepoints=at)
            for name, func in (("reliability", reliability), ("reliability_items", item_total))}


def reliability_inputs(data, scores, by, min_group, *, before, after, inst,
                       marked=None) -> tuple:
    """What :func:`at_one_timepoint` needs after ``func``, as :func:`reliability_tables` says.

    Returns ``(basis, marked, by, min_group, instrument, keyed, parts)``: ``parts``, what
    the tables of these inputs share (:class:`Parts`). ``marked``: :func:`mark_left_out` of
    ``scores`` by ``timepoint`` and ``by`` when already made (used when there is a
    ``before`` timepoint, as it then is the same).
    """
    by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    scores = scores.reset_index(drop=True)
    basis = data.reset_index(drop=True)
    grouping = by
    at = np.ones(len(basis), dtype=bool)
    made = None
    if schema.TIMEPOINT in scores.columns:
        at_before = is_label(scores[schema.TIMEPOINT], before)
        if at_before.any():
            grouping = [schema.TIMEPOINT, *by]
            at = at_before
            made = marked
    marked = made if made is not None else mark_left_out(
        scores, grouping, min_group, before=before, after=after,
        ingredients=inst.ingredient_ids)
    rows = np.flatnonzero(at)
    basis = basis.take(rows).reset_index(drop=True)  # once, for the answers and the groups
    keyed = keyed_answers(basis, inst)  # once, not per table
    basis = grouping_columns(basis, by)
    marked = marked.take(rows).reset_index(drop=True)
    marked = mark_partial(basis, marked, grouping, min_group, instrument=inst, keyed=keyed)
    return basis, marked, by, min_group, inst, keyed, Parts()


class Parts:
    """What the reliability tables of one set of inputs share, worked out once.

    Both tables (:func:`reliability` in one thread, :func:`item_total` in another) and both
    passes of each (the whole's, the groups') take the same rows when the same responses are
    left out: each such part's rows, keyed answers, versions and :func:`prepared_blocks` are
    made by the first to ask and read by the others (they were made in each, four times).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._made = {}

    def get(self, key, make):
        """``make()``, once per ``key`` (a second caller waits for the first's)."""
        with self._lock:
            if key not in self._made:
                self._made[key] = make()
            return self._made[key]


def at_one_timepoint(func, basis, marked, by, min_group, inst, keyed=None, parts=None,
                     raw=False) -> pd.DataFrame:
    """A reliability table of ``basis`` (one timepoint), leaving out whom the summary does.

    Each ingredient's rows are computed without the responses the summary leaves out of that
    ingredient (:func:`mark_left_out`: the whole's for the whole, the groups' for the groups);
    ``n_responses`` and ``n_not_shown`` count each group's responses and those left out. A
    hidden group shows its ``n_responses`` only; item means are not shown where
    :func:`mark_partial` says. ``keyed``: the keyed answers of ``basis``, row for row.
    ``parts``: :class:`Parts` shared with the other table of the same inputs.
    ``raw``: the table before :func:`protect_reliability` (to be protected with the groups the
    summary hides); it then holds a private column :data:`PEOPLE`, the different people
    behind each row's ``n`` (:func:`workbook.cohort.suppression.count_people`: with no
    ``before`` timepoint, one person's dated sessions are all responses here), which
    :func:`protect_reliability` hides by and drops.
    """
    if keyed is None:
        keyed = keyed_answers(basis, inst)
    if parts is None:
        parts = Parts()
    # each response's versions, once: a row's depend on that row only (and the columns), so
    # every part below takes its rows of these (they were worked out again per part)
    versions = parts.get("versions", lambda: answer_versions(keyed, inst, pairs=False)
                         if len(keyed) else None)

    def codes_of():
        ids = marked if schema.PARTICIPANT_ID in marked.columns else basis
        return (id_codes(ids[schema.PARTICIPANT_ID])[0]
                if schema.PARTICIPANT_ID in ids.columns
                else np.arange(len(basis)))  # no ids: each response is a person of its own

    codes = parts.get("codes", codes_of)

    def part_of(mask):
        """The rows ``mask`` leaves, with what the tables and counts take of them."""
        kept = np.flatnonzero(~mask)
        every = len(kept) == len(basis)  # nothing left out: the rows as they are
        held = keyed if every else keyed.take(kept).reset_index(drop=True)
        ver = None if versions is None else versions if every else versions.take(kept)
        prepared = prepared_blocks(held, inst, ver)
        complete = prepared[1]  # ingredient -> which kept rows answer all its items
        rows = basis if every else basis.take(kept)
        return kept, rows, held, ver, prepared, complete

    def table_of(kind, cols):
        tables, left = [], {}
        masks = {ing: marked[out_column(kind, ing)].to_numpy(dtype=bool) for ing in
                 inst.ingredient_ids}
        for mask in {m.tobytes(): m for m in masks.values()}.values():
            ings = [i for i, m in masks.items() if np.array_equal(m, mask)]
            kept, frame, held, ver, prepared, done = parts.get(
                ("part", mask.tobytes()), lambda mask=mask: part_of(mask))
            # The groups' pass leaves the whole out (it is the whole's pass's; dropped below).
            part = func(frame, inst, by=cols or None, min_group=min_group, keyed=held,
                        whole=not cols, versions=ver, prepared=prepared)
            tables.append(part[part["ingredient"].isin(ings)])
            complete = {}
            for ing in ings:
                complete[ing] = np.zeros(len(basis), dtype=bool)
                complete[ing][kept[done[ing]]] = True
            for labels, rows in group_positions(basis, cols):
                for ing in ings:
                    people = count_people(codes[rows[complete[ing][rows]]])
                    left[(*map(str, labels), ing)] = (len(rows), int(mask[rows].sum()), people)
        table = pd.concat(tables, ignore_index=True)
        order = {ing: j for j, ing in enumerate(inst.ingredient_ids)}
        return table.iloc[np.argsort(table["ingredient"].map(order).to_numpy(), kind="stable")
                          ].reset_index(drop=True), left

    table, counts = table_of("whole", [])
    counts = {(*(ALL,) * len(by), *k): v for k, v in counts.items()}
    if by:
        for col in by:
            table.insert(0, col, ALL)
        table = table[[*by, *[c for c in table.columns if c not in by]]]
        grouped, more = table_of("group", by)
        whole = (grouped[by].astype("string") == ALL).all(axis=1).to_numpy(dtype=bool)
        grouped = grouped[~whole]
        counts.update(more)
        table = pd.concat([table.astype({c: grouped[c].dtype for c in by}), grouped],
                          ignore_index=True)
        first = {}
        for j, key in enumerate(table[by].astype("string").fillna(MISSING_GROUP)
                                .itertuples(index=False)):
            first.setdefault(tuple(key), j)
        rank = [first[tuple(k)] for k in table[by].astype("string").fillna(MISSING_GROUP)
                .itertuples(index=False)]
        order = {ing: j for j, ing in enumerate(inst.ingredient_ids)}
        table = table.iloc[np.lexsort((table["ingredient"].map(order).to_numpy(), rank))
                           ].reset_index(drop=True)
    keys = [(*map(str, k), ing) for k, ing in zip(
        table[by].astype("string").fillna(MISSING_GROUP).itertuples(index=False),
        table["ingredient"])]
    if "mean" in table.columns:
        blank = {(*(ALL,) * len(by), ing) for ing in inst.ingredient_ids
                 if marked[f"_partial:whole:{ing}"].any()}
        partial = {ing: marked[f"_partial:group:{ing}"].to_numpy(dtype=bool)
                   for ing in inst.ingredient_ids}
        for labels, rows in group_positions(marked, by) if by else []:
            blank |= {(*map(str, labels), ing) for ing in inst.ingredient_ids
                      if partial[ing][rows].any()}
        table.loc[[k in blank for k in keys], "mean"] = np.nan
    at = list(table.columns).index("n")
    table.insert(at, "n_responses", [counts.get(k, (0, 0))[0] for k in keys])
    table.insert(at + 2, "n_not_shown", [counts.get(k, (0, 0))[1] for k in keys])
    table[PEOPLE] = [counts.get(k, (0, 0, 0))[2] for k in keys]
    return table if raw else protect_reliability(table, by, min_group)


#: Columns of the reliability tables a hidden group keeps (its sizes and what it is).
_RELIABILITY_KEPT = ("ingredient", "item_id", "reverse", "k", "n_responses", "n_not_shown",
                     PEOPLE)


def protect_reliability(table: pd.DataFrame, by, min_group: int = MIN_GROUP, *,
                        summary: pd.DataFrame | None = None, timepoints=None) -> pd.DataFrame:
    """A reliability table with its small groups hidden, every statistic blanked.

    Hidden: a group whose complete answers come from fewer than ``min_group`` people
    (:data:`PEOPLE`; ``n`` when the table has no such column), a group the
    ``summary`` hides for that ingredient at ``timepoints`` (attacks5 C1: the summary's whole
    minus its shown groups and a group's item means here gave a person's score away; the
    whole included, with or without ``by``: made over every timepoint (none is ``before``),
    the whole less the timepoints the summary shows gave a hidden one's scores, round 8a
    F1), and, as
    :func:`workbook.cohort.suppression.protect` says, more groups until the hidden ones hold
    ``min_group`` people or none. A hidden group keeps its sizes (``n_responses``,
    ``n_not_shown``) only: its ``n``, alpha, item means and flags are blank.
    """
    by = as_list(by)
    split = ["ingredient", *(["item_id"] if "item_id" in table.columns else [])]
    also = None
    if summary is not None:  # the whole too: pooled over timepoints, it held a hidden one (F1)
        also = hidden_in(summary, table, by=by, timepoints=timepoints)
    stats = [c for c in table.columns if c not in (*by, *_RELIABILITY_KEPT)]
    return protect(table, by=by, n="n", stats=stats, split=split, min_group=min_group,
                   also=also, people=PEOPLE)
