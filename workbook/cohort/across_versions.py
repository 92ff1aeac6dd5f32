"""The before/after table when the timepoints were answered on different instrument versions.

:func:`compare_across_versions`: :func:`workbook.cohort.prepost.compare_timepoints`, each pair
compared on the statements its two answers share, with the note a person reads about it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.cohort.prepost import alphas_of, compare_timepoints
from workbook.cohort.rows import pair_rows
from workbook.cohort.stats import as_list
from workbook.cohort.suppression import MIN_GROUP
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.responses.group_labels import ALL, MISSING_GROUP


def compare_across_versions(data: pd.DataFrame, scores: pd.DataFrame,
                            before: str = schema.BEFORE, after: str = schema.AFTER, *,
                            by=None, min_group: int = MIN_GROUP, alpha=None,
                            instrument=None, made=None) -> tuple:
    """:func:`compare_timepoints`, each pair on the statements its two answers share.

    When ``before`` and ``after`` were answered on one instrument version (the
    ``instrument_version`` column, else the statements they answer: see
    :func:`workbook.core.versions.comparison_plan`) this is :func:`compare_timepoints` of
    ``scores``. Otherwise the version is decided per pair (person and ingredient), as the
    personal report does (:func:`workbook.core.versions.answer_versions`): a pair whose two
    answers were given on one version is compared on its scores as they are (all the
    statements it answered); a pair across two versions is scored again on the statements
    both share (:func:`workbook.core.versions.compared_on`), and left out of the ingredient when
    they are fewer than half its statements. The table then gains the columns
    ``statements`` (the ids the pairs across versions are compared on, space-separated),
    ``not_compared`` (for an ingredient no pair can be compared on, why: "the versions share
    1 of its 5 statements"), ``n_shared_only`` (pairs compared on the shared statements only)
    and ``n_not_compared`` (pairs across versions left out). Reliable change then uses, for
    an ingredient some pairs compare across versions, alpha of the shared statements at
    ``before`` (the lower reliability of fewer statements: the cautious side).

    Parameters
    ----------
    data : DataFrame
        The responses ``scores`` were made from, row for row.
    scores : DataFrame
        As :func:`compare_timepoints` takes it.
    made : tuple, optional
        :func:`pairs_compared` of the same inputs, when already made.

    Returns
    -------
    table : DataFrame or None
        None when no ingredient can be compared.
    note : str
        What a person reads about it ("" on one version).
    scores : DataFrame
        The scores compared (``scores`` itself on one version).
    """
    from workbook.cohort.reliability import reliability

    inst = resolve(instrument)
    plan, scores, crossed, a, b = made if made is not None else pairs_compared(
        data, scores, before, after, instrument=inst)
    if plan.view is None:
        return (compare_timepoints(scores, before, after, by=by, min_group=min_group,
                                   alpha=alpha, instrument=inst), "", scores)
    if not any(met for _, met in crossed.values()):  # each person on one version: as asked
        table = compare_timepoints(scores, before, after, by=by, min_group=min_group,
                                   alpha=alpha, instrument=inst)
        return table, _same_version_note(plan, data, a, b, inst), scores
    if all(not (status == 0).any() and not any(ids for _, _, ids in met)
           for status, met in crossed.values()):
        return None, plan.note, scores  # no pair can be compared on any ingredient
    if alpha is not None:
        times = data[schema.TIMEPOINT].astype("string")
        shared = alphas_of(reliability(data[(times == before).fillna(False).to_numpy()],
                                     plan.view), before)
        alpha = {**alphas_of(alpha, before),
                 **{ing: shared.get(ing, np.nan) for ing, (_, met) in crossed.items() if met}}
    table = compare_timepoints(scores, before, after, by=by, min_group=min_group, alpha=alpha,
                               instrument=inst)
    _pair_counts(table, scores.take(a).reset_index(drop=True), crossed, as_list(by), inst)
    kinds = {(f, t) for _, met in crossed.values() for f, t, _ in met}
    if len(kinds) == 1 and not any((status == 0).any() for status, _ in crossed.values()):
        return table, plan.note, scores  # every pair across the same two versions
    return table, _pairs_note(crossed, len(a), plan, inst), scores


def pairs_compared(data: pd.DataFrame, scores: pd.DataFrame, before: str = schema.BEFORE,
                   after: str = schema.AFTER, *, instrument=None) -> tuple:
    """What :func:`compare_across_versions` compares, before its table is made.

    Returns ``(plan, compared, crossed, a, b)``: the versions' plan
    (:func:`workbook.core.versions.comparison_plan`), the scores the before/after compares row
    for row with ``scores`` (a pair across versions scored on the statements both share,
    missing where not compared; ``scores`` itself on one version), each ingredient's
    ``(status of each pair, versions met)`` and the pairs' ``before`` and ``after`` rows
    (``crossed``, ``a``, ``b``: None on one version). Passed on as ``made``, so that the
    tables at one timepoint can leave out the people the before/after leaves out (T8).
    """
    from workbook.core.scoring import score_on
    from workbook.core.versions import across, answer_versions, compared_on, comparison_plan

    inst = resolve(instrument)
    plan = comparison_plan(data, inst, before, after)
    if plan.view is None:
        return plan, scores, None, None, None
    per = answer_versions(data.reset_index(drop=True), inst)
    where = pd.DataFrame({schema.PARTICIPANT_ID: scores[schema.PARTICIPANT_ID].to_numpy(),
                          schema.TIMEPOINT: scores[schema.TIMEPOINT].to_numpy(),
                          "_row": np.arange(len(scores))})
    pre, post, _ = pair_rows(where, before, after, ["_row"])
    a, b = pre["_row"].to_numpy(dtype=np.int64), post["_row"].to_numpy(dtype=np.int64)
    scores = scores.copy()
    # ingredient -> (each pair's status: 0 one version, answered both times; 1 compared on the
    # shared statements only; 2 across versions sharing too few statements (answered both
    # times); 3 across versions, no answer to compare; 4 one version, not answered both
    # times; the (first, last, ids) of each pair of versions met)
    crossed = {}
    for ing in inst.ingredients:
        was = per[ing.id].to_numpy(dtype=object)[a]
        now = per[ing.id].to_numpy(dtype=object)[b]
        values = scores[ing.id].to_numpy(dtype=float, na_value=np.nan).copy()
        answered = ~np.isnan(values[a]) & ~np.isnan(values[b])
        kinds = {}
        for k in range(len(a)):
            if across(was[k], now[k]):
                kinds.setdefault((was[k], now[k]), []).append(k)
        status = np.where(answered, 0, 4)  # 4: one version, not answered both times
        met = []
        for (first, last), ks in kinds.items():
            ks = np.asarray(ks, dtype=np.int64)
            ids = compared_on(inst, ing.id, first, last)
            rows = np.concatenate([a[ks], b[ks]])
            if ids:
                values[rows] = score_on(data.iloc[rows], inst, ing.id, ids).to_numpy(
                    dtype=float, na_value=np.nan)
                status[ks] = np.where(~np.isnan(values[a[ks]]) & ~np.isnan(values[b[ks]]),
                                      1, 3)
            else:
                values[rows] = np.nan
                status[ks] = np.where(answered[ks], 2, 3)
            met.append((first, last, ids))
        scores[ing.id] = values
        crossed[ing.id] = (status, met)
    return plan, scores, crossed, a, b


def _pair_counts(table, firsts, crossed, by, inst) -> None:
    """Add ``statements``, ``not_compared``, ``n_shared_only``, ``n_not_compared`` to ``table``.

    ``firsts``: each pair's ``before`` scores (with the ``by`` columns), in pair order.
    Counted per group (a pair's group is its ``before`` row's); missing where the group's
    figures are hidden (``n_pairs`` missing).
    """
    from workbook.core.versions import shared_items

    labels = table[by].astype("string").fillna(MISSING_GROUP) if by else None
    own = {col: firsts[col].astype("string").fillna(MISSING_GROUP).to_numpy(dtype=object)
           for col in by}
    shared_only, left, statements, why = [], [], [], []
    for j, r in enumerate(table.itertuples(index=False)):
        status, met = crossed[r.ingredient]
        mask = np.ones(len(status), dtype=bool)
        for col, value in zip(by, labels.iloc[j] if by else ()):
            if value != ALL:
                mask &= own[col] == value
        shared_only.append(int((status[mask] == 1).sum()))
        left.append(int((status[mask] == 2).sum()))
        statements.append(" | ".join(dict.fromkeys(" ".join(ids) for _, _, ids in met if ids)))
        reason = ""
        if not any(ids for _, _, ids in met) and not (status == 0).any() and met:
            first, last, _ = met[0]
            ing = inst.ingredient(r.ingredient)
            count = sum(i in set(inst.item_ids)
                        for i in shared_items(inst, first, last)[r.ingredient])
            reason = NOT_COMPARED.format(count=count, total=len(ing.items))
        why.append(reason)
    table["statements"] = statements
    table["not_compared"] = why
    hidden = table["n_pairs"].isna().to_numpy()
    table["n_shared_only"] = pd.array([pd.NA if h else v for h, v in zip(hidden, shared_only)],
                                      dtype="Int64")
    table["n_not_compared"] = pd.array([pd.NA if h else v for h, v in zip(hidden, left)],
                                       dtype="Int64")


def _same_version_note(plan, data, a, b, inst) -> str:
    """The note when the timepoints hold several versions but no ingredient changed version.

    People whose rows were answered on two versions, with no ingredient answered on one
    before and another after (round 8a, F6), are counted, never called "the same version".
    """
    from workbook.core.versions import row_versions

    said = "; ".join(f"{point}: {', '.join(vs) or 'no statement answered'}"
                     for point, vs in plan.versions.items())
    each = row_versions(data.reset_index(drop=True), inst)
    moved = [(each[i], each[j]) for i, j in zip(a, b)
             if set(each[i].split(";")) != set(each[j].split(";"))]
    if moved:
        return SAME_VERSION_MOVED.format(
            versions=said, changed=len(moved), pairs=len(a),
            moves=", ".join(f"{f}, then {t}" for f, t in dict.fromkeys(moved)))
    return SAME_VERSION_NOTE.format(versions=said)


def _pairs_note(crossed, pairs: int, plan, inst) -> str:
    """The note when some pairs answered the two timepoints on different versions."""
    from workbook.core.versions import shared_items

    people = np.zeros(pairs, dtype=bool)
    for status, _ in crossed.values():
        people |= (status > 0) & (status < 4)
    kinds = sorted({(f, t) for _, met in crossed.values() for f, t, _ in met})
    moves = ", ".join(f"{f}, then {t}" for f, t in kinds)
    used, left = [], []
    for ing in inst.ingredients:
        status, met = crossed[ing.id]
        ids = list(dict.fromkeys(i for _, _, got in met for i in got))
        if ids:
            used.append(PAIRS_USED.format(ingredient=ing.name, ids=", ".join(ids),
                                          count=int((status == 1).sum())))
        for first, last, got in met:
            if not got and (status == 2).any():
                count = sum(i in set(inst.item_ids)
                            for i in shared_items(inst, first, last)[ing.id])
                left.append(PAIRS_LEFT.format(ingredient=ing.name, count=count,
                                              total=len(ing.items),
                                              pairs=int((status == 2).sum())))
                break
    note = PAIRS_NOTE.format(changed=int(people.sum()), pairs=pairs, moves=moves)
    if used:
        note += PAIRS_NOTE_USED.format(used="; ".join(used))
    if left:
        note += PAIRS_NOTE_LEFT.format(left=", ".join(left))
    return note + PAIRS_NOTE_REST


#: Why an ingredient is not compared across versions (prepost.csv, the overview).
NOT_COMPARED = "the versions share {count} of its {total} statements"
#: The before/after's note when the timepoints hold several versions and no one changed:
#: {versions} (each timepoint's).
SAME_VERSION_NOTE = ("The people answered on different instrument versions ({versions}), each "
                     "on the same version before and after, so every pair is compared on all "
                     "the statements it answered (scored on its own version's statements)")
#: As :data:`SAME_VERSION_NOTE`, when some people's two rows are on different versions but
#: none answered an ingredient on one before and another after: {versions}, {changed} of
#: {pairs} people, {moves} ("2.0, then 2.1").
SAME_VERSION_MOVED = ("The people answered on different instrument versions ({versions}); "
                      "{changed} of the {pairs} people at both timepoints changed version "
                      "({moves}), but none answered an ingredient on one version before and "
                      "on another after, so every pair is compared on all the statements it "
                      "answered (scored on its own version's statements)")
#: The before/after's note when some people changed version: {changed} of {pairs} people,
#: {moves} (the versions, "2.0, then 2.1").
PAIRS_NOTE = ("{changed} of the {pairs} people at both timepoints answered an ingredient on "
              "different instrument versions before and after ({moves})")
#: Then, where some such changes are compared: {used} (:data:`PAIRS_USED` joined by "; ").
PAIRS_NOTE_USED = (": such a change is taken only over the statements both versions share: "
                   "{used}")
#: One ingredient in :data:`PAIRS_NOTE_USED`: {ingredient}, {ids}, {count} pairs.
PAIRS_USED = "{ingredient} on {ids} ({count} pair(s))"
#: Ingredients whose changes across versions are left out: {left} (:data:`PAIRS_LEFT`).
PAIRS_NOTE_LEFT = ("; such a change is not compared, as fewer than half the statements are "
                   "shared, for {left}")
#: {ingredient}, {count} of {total} statements shared, {pairs} pairs left out.
PAIRS_LEFT = "{ingredient} ({count} of {total} shared: {pairs} pair(s) left out)"
#: The note's end.
PAIRS_NOTE_REST = (". Every other change is taken over all the statements answered, each on "
                   "its own version's statements")
