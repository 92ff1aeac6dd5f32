"""Scoring: answers in, ingredient scores, levels, verdict and weakest ingredient out.

The rules (DESIGN.md, "Scoring"), applied to a whole table at once:

- a reverse-keyed answer x counts as ``min + max - x``;
- an ingredient is scored when at least half its items (rounded up) are answered: the mean of
  the answered, keyed items; otherwise it is left unscored and ``focus`` says which;
- scores are POMP, 0-100: ``100 * (mean - min) / (max - min)``;
- levels: ``not_yet`` below the ingredient's ``a_little`` threshold (default 40), ``a_little``
  from there, ``plenty`` from its ``plenty`` threshold (default 70);
- verdict, in order: ``incomplete`` if any ingredient is unscored; ``not_now`` if an
  ingredient gated ``not_now`` (time, energy) is ``not_yet``; ``build_first`` if one gated
  ``build_first`` (hope, self-esteem, ambition) is; otherwise ``ready``. ``focus`` names the
  ingredients behind the verdict. Hours a week of 0 close the time gate whatever the time
  statements say (time then counts as ``not_yet`` for the verdict; its level stays as
  answered);
- weakest: the lowest-scoring ingredient first, then any within 5 points of it.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook.core.scoring import score
>>> scores = score(load_sample())
>>> list(scores.columns[:5])
['participant_id', 'cohort', 'timepoint', 'hope', 'time']
>>> bool(scores["hope"].dropna().between(0, 100).all())   # NaN: too few answers to score
True
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import Instrument, resolve
from workbook.core.validation import Problem, answer_values, explain_invalid, row_numbers
from workbook.core.versions import earlier_versions

#: Tolerance for floating-point error when a score meets a threshold or a margin exactly.
_DUST = 1e-9
#: More ingredients than this cannot be encoded in the look-up tables below.
_MAX_INGREDIENTS = 16
#: Rows scored at a time: a block of a float column (512 KB) stays in the processor's cache.
_BLOCK = 1 << 16


def score(data: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """Score every row of a response table.

    Parameters
    ----------
    data : DataFrame
        Canonical wide table: ``participant_id`` (and ``cohort``, ``timepoint`` if known) and
        item columns holding numbers or answer labels. Item columns that are absent count as
        unanswered.
    instrument : Instrument or path, optional
        Defaults to the kit's own instrument.

    Returns
    -------
    DataFrame
        Same index as ``data``. Columns: ``participant_id, cohort, timepoint``; one POMP
        score (0-100, NaN when unscored) per ingredient; ``<ingredient>_level`` per ingredient;
        ``verdict``; ``focus`` (``;``-separated ingredients behind the verdict); ``weakest``
        (``;``-separated, lowest first); ``<ingredient>_answered`` per ingredient.

    Raises
    ------
    InvalidDataError
        If an answer is not on the scale (run :func:`workbook.validate` to list them).

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> hope = load_instrument().ingredient("hope")
    >>> row = {"participant_id": "p1", **{item.id: 4 for item in hope.items}}
    >>> row["hope_7"] = row["hope_9"] = 2          # reverse-keyed: each counts as 4
    >>> s = score(pd.DataFrame([row]))
    >>> float(s.loc[0, "hope"]), s.loc[0, "hope_level"], s.loc[0, "verdict"]
    (75.0, 'plenty', 'incomplete')
    """
    inst = resolve(instrument)
    if len(inst.ingredients) > _MAX_INGREDIENTS:
        raise ValueError(f"at most {_MAX_INGREDIENTS} ingredients can be scored")
    n, ids = len(data), inst.ingredient_ids
    columns, checked = _item_arrays(data, inst)
    scores = np.empty((len(ids), n))
    answered = np.empty((len(ids), n), dtype=np.int16)
    level_codes = np.empty((len(ids), n), dtype=np.int8)
    verdicts = _Verdicts(inst, n)
    weakest_code = np.empty(n, dtype=np.int32)
    off_scale = set()
    # Rows go in blocks that fit the processor's cache, every step done on a block before the
    # next: each pass then reads memory once, temporaries stay block-sized, and the time and
    # memory grow with the rows and nothing else.
    scratch = _Scratch(len(ids), min(n, _BLOCK))
    no_hours, hours_at = _no_hours(data, inst)
    earlier = _earlier(data, inst, columns, checked)
    for start in range(0, n, _BLOCK):
        rows = slice(start, min(n, start + _BLOCK))
        off_scale |= _score_block(
            columns, checked, inst, rows, scratch, scores[:, rows], answered[:, rows]
        )
        for view in reversed(earlier):  # answers given on an earlier version: as asked;
            # oldest first, so a statement several earlier versions asked ends on the newest
            off_scale |= _as_asked(view, columns, checked, inst, rows, scratch,
                                   scores[:, rows], answered[:, rows])
        level_codes[:, rows] = gate_codes = _levels(scores[:, rows], inst)
        if no_hours is not None and no_hours[rows].any():
            gate_codes = gate_codes.copy()
            closed = no_hours[rows] & (gate_codes[hours_at] > 0)
            gate_codes[hours_at, closed] = 0
        verdicts.decide(rows, _verdict_key(gate_codes, inst))
        weakest_code[rows] = _weakest_code(scores[:, rows])
    if off_scale:
        _raise_invalid(data, {i: _off_scale(columns[i], inst.scale_min, inst.scale_max)
                              for i in columns if i in off_scale}, inst)

    out = {}
    for col in (schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT):
        # The column itself (same index, no conversion); an absent one is left empty.
        out[col] = data[col] if col in data.columns else np.full(n, None, dtype=object)
    for j, ing_id in enumerate(ids):
        out[ing_id] = scores[j]
    for j, ing_id in enumerate(ids):
        out[schema.level_column(ing_id)] = pd.Categorical.from_codes(
            level_codes[j], categories=list(schema.LEVELS), ordered=True
        )
    out[schema.VERDICT], out[schema.FOCUS] = verdicts.columns()
    k = len(ids)
    out[schema.WEAKEST] = _categorical(
        weakest_code, lambda c: _names(ids, c % (1 << k), first=c >> k)
    )
    for j, ing_id in enumerate(ids):
        out[schema.answered_column(ing_id)] = answered[j]
    # The arrays were made here for this frame alone: no need for pandas to copy them.
    return pd.DataFrame(out, index=data.index, copy=False)


def score_on(table, instrument, ingredient: str, ids):
    """``table``'s scores of ``ingredient`` over the statements ``ids`` only (a Series).

    The change between two answers given on two versions is taken over the statements both
    share (:func:`workbook.core.versions.compared_on`).
    """
    view = dataclasses.replace(instrument, retired_items=(), ingredients=tuple(
        dataclasses.replace(ing, items=tuple(i for i in ing.items if i.id in ids))
        if ing.id == ingredient else ing for ing in instrument.ingredients))
    return score(table, view)[ingredient]


def _no_hours(data: pd.DataFrame, inst: Instrument):
    """Rows whose hours a week are 0, and the row of the ingredient they gate.

    Fewer than :data:`~workbook.core.schema.LEAST_HOURS` are 0 (``counted_hours``).

    ``(None, None)`` when the table has no hours or the instrument no hours ingredient.
    """
    gated = inst.hours_ingredient
    if gated is None or schema.HOURS not in data.columns:
        return None, None
    hours = pd.to_numeric(data[schema.HOURS], errors="coerce")
    hours = schema.counted_hours(hours.to_numpy(dtype=float, na_value=np.nan))
    return hours == 0, inst.ingredient_ids.index(gated)  # fewer than 36 s: 0 (13b S5)


def _earlier(data: pd.DataFrame, inst: Instrument, columns: dict, checked: set) -> list:
    """The earlier versions whose retired statements ``data`` holds, as instruments to score.

    Their columns are added to ``columns`` (and ``checked``, for text columns read here).
    Newest first (:func:`workbook.core.versions.earlier_versions`).
    """
    kept = {r.id for r in inst.retired_items}
    if not kept or not kept & set(data.columns):
        return []
    views = [view for _, view in earlier_versions(inst)
             if set(view.item_ids) & kept & set(data.columns)]
    for view in views:
        more = [i for i in view.item_ids if i not in columns and i in data.columns]
        if more:
            arrays, read = _item_arrays(data[more], view)
            columns.update(arrays)
            checked |= read
    return views


def _as_asked(view, columns, checked, inst, rows, scratch, scores, answered) -> set:
    """Re-score, on ``view``'s statements, each ingredient a row answered on that version.

    An ingredient is on the earlier version in a row that answers one of its retired
    statements and none of the statements that replaced them (a row mixing the two keeps
    the current statements' score: :func:`workbook.core.versions.row_versions` names both).
    """
    m = rows.stop - rows.start
    own_scores = np.empty((len(view.ingredients), m))
    own_answered = np.empty((len(view.ingredients), m), dtype=np.int16)
    off = _score_block(columns, checked, view, rows, scratch, own_scores, own_answered)
    for j, (ing, old) in enumerate(zip(inst.ingredients, view.ingredients)):
        theirs = [i for i in old.item_ids if i not in ing.item_ids and i in columns]
        if not theirs:
            continue
        mine = [i for i in ing.item_ids if i not in old.item_ids and i in columns]
        asked = np.zeros(m, dtype=bool)
        for i in theirs:
            asked |= ~np.isnan(columns[i][rows])
        for i in mine:
            asked &= np.isnan(columns[i][rows])
        scores[j, asked] = own_scores[j, asked]
        answered[j, asked] = own_answered[j, asked]
    return off


class _Scratch:
    """Block-sized buffers, made once per call and reused for every block."""

    def __init__(self, ingredients: int, size: int):
        self.keyed = np.empty(size)
        self.whole = np.empty(size)
        self.given = np.empty(size, dtype=bool)
        self.sums = np.empty((ingredients, size))


def _score_block(columns, checked, inst, rows, scratch, scores, answered) -> set:
    """Score one block of rows into ``scores`` and ``answered``; return items off the scale.

    An ingredient's score is the mean keyed answer (keyed minus the scale minimum, summed and
    counted over the answered items) as POMP; NaN with fewer answers than its minimum.
    """
    lo, hi = inst.scale_min, inst.scale_max
    m = rows.stop - rows.start
    keyed, whole, given = scratch.keyed[:m], scratch.whole[:m], scratch.given[:m]
    sums = scratch.sums[:, :m]
    sums.fill(0.0)
    answered.fill(0)
    off = set()
    for j, ing in enumerate(inst.ingredients):
        for item in ing.items:
            values = columns.get(item.id)
            if values is None:
                continue
            block = values[rows]
            np.isnan(block, out=given)
            np.logical_not(given, out=given)
            if item.id not in checked and _block_off_scale(block, given, lo, hi, whole):
                off.add(item.id)
            if item.reverse:
                np.subtract(hi, block, out=keyed)
            else:
                np.subtract(block, lo, out=keyed)
            np.fmax(keyed, 0.0, out=keyed)  # unanswered (NaN) counts 0; answers are >= 0
            sums[j] += keyed
            answered[j] += given
    minimum = np.array([ing.min_answered for ing in inst.ingredients], dtype=np.int16)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        np.multiply(sums, 100.0 / (hi - lo), out=scores)
        scores /= answered
    scores[answered < minimum] = np.nan
    return off


def _block_off_scale(block, given, lo, hi, whole) -> bool:
    """True when a block of a numeric item column holds an answer off the scale."""
    if not given.any():
        return False
    if np.fmin.reduce(block) < lo or np.fmax.reduce(block) > hi:
        return True
    np.trunc(block, out=whole)
    # NaN never equals itself: where answered, a whole number equals its truncation.
    return bool(np.count_nonzero(whole == block) != np.count_nonzero(given))


def _levels(scores: np.ndarray, inst: Instrument) -> np.ndarray:
    """Level codes (0 not_yet, 1 a_little, 2 plenty, -1 unscored) of (ingredients, rows) scores."""
    # Allow for floating-point dust (69.99999...) when comparing with the thresholds.
    a_little = np.array([ing.thresholds["a_little"] for ing in inst.ingredients])[:, None]
    plenty = np.array([ing.thresholds["plenty"] for ing in inst.ingredients])[:, None]
    codes = (scores >= a_little - _DUST).astype(np.int8)
    codes += scores >= plenty - _DUST
    codes[np.isnan(scores)] = -1
    return codes


def _item_arrays(data: pd.DataFrame, inst: Instrument):
    """Each item column present in ``data`` as a float array (NaN = unanswered).

    Numeric columns are used as they are (no copy) and checked block by block while scoring;
    text columns are read as answer labels and checked here.

    Returns
    -------
    arrays : dict
        Item id -> float array.
    checked : set
        Item ids already checked (text columns); raises :class:`InvalidDataError` for any of
        their answers not on the scale.
    """
    arrays, bad, checked = {}, {}, set()
    for item_id in inst.item_ids:
        if item_id not in data.columns:
            continue
        column = data[item_id]
        if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
            column.dtype
        ):
            values = column.to_numpy(dtype=float, na_value=np.nan)
        else:
            values, wrong = answer_values(column, inst)
            checked.add(item_id)
            if wrong.any():
                bad[item_id] = wrong
        arrays[item_id] = values
    if bad:
        _raise_invalid(data, bad, inst)
    return arrays, checked


def _off_scale(values: np.ndarray, lo: float, hi: float):
    """Mask of answers off the scale (out of range or not whole), or None when all are fine.

    The common case (all fine) costs a few cheap passes; the mask is built only when needed.
    """
    if values.size == 0:
        return None
    low, high = np.fmin.reduce(values), np.fmax.reduce(values)  # NaN only if all are NaN
    if np.isnan(low) or (
        lo <= low
        and high <= hi
        and np.count_nonzero(np.trunc(values) != values) == np.count_nonzero(np.isnan(values))
    ):
        return None
    with np.errstate(invalid="ignore"):
        return (values < lo) | (values > hi) | (np.trunc(values) != values) & ~np.isnan(values)


def _raise_invalid(data, bad: dict, inst):
    rows = row_numbers(data)
    problems = []
    for item_id, wrong in bad.items():
        for pos in np.flatnonzero(wrong):
            value = data[item_id].iloc[pos]
            problems.append(Problem(int(rows[pos]), item_id, value, explain_invalid(value, inst)))
    problems.sort(key=lambda p: p.row)
    raise InvalidDataError(problems)


def _categorical(code: np.ndarray, label) -> pd.Categorical:
    """A Categorical of ``label(c)`` for each code (``-1`` = missing), labelling used codes only.

    Codes are small non-negative integers, so a count per code (linear time) finds the used
    ones; no sort is needed. Both passes go block by block, like the scoring itself.
    """
    top = int(code.max()) if len(code) else -1
    counts = np.zeros(top + 1, dtype=np.int64)
    for start in range(0, len(code), _BLOCK):
        block = code[start:start + _BLOCK]
        counts += np.bincount(block[block >= 0], minlength=top + 1)
    used = np.flatnonzero(counts)
    dtype = np.int8 if len(used) < 127 else np.int16 if len(used) < 32767 else np.int32
    # lookup[c + 1] is the category of code c; lookup[0] (code -1) stays missing.
    lookup = np.full(top + 2, -1, dtype=dtype)
    lookup[used + 1] = np.arange(len(used))
    codes = np.empty(len(code), dtype=dtype)
    for start in range(0, len(code), _BLOCK):
        block = code[start:start + _BLOCK]
        np.take(lookup, block + 1, out=codes[start:start + _BLOCK])
    return pd.Categorical.from_codes(codes, categories=[label(int(c)) for c in used])


def _names(ids, mask: int, first: int | None = None) -> str:
    order = [first] if first is not None else []
    order += [j for j in range(len(ids)) if mask >> j & 1 and j != first]
    return schema.LIST_SEPARATOR.join(ids[j] for j in order)


def _bitmask(condition: np.ndarray) -> np.ndarray:
    """Per row, bit j set where ``condition[j]`` holds; ``condition`` is (ingredients, rows)."""
    dtype = np.uint8 if len(condition) <= 8 else np.uint16
    mask = np.zeros(condition.shape[1], dtype=dtype)
    for j, row in enumerate(condition):
        # Booleans are single bytes: viewing them as 0/1 integers costs nothing.
        mask |= row.view(np.uint8).astype(dtype, copy=False) << dtype(j)
    return mask


def _verdict_key(level_codes: np.ndarray, inst: Instrument) -> np.ndarray:
    """Per row, the ingredients behind each rule as one number.

    ``unscored | not_now << k | build_first << 2k``, each a bit mask over the ``k``
    ingredients, from (ingredients, rows) level codes (-1 = unscored).
    """
    k = len(inst.ingredients)
    gates = np.array([ing.gate for ing in inst.ingredients])[:, None]
    not_yet = level_codes == 0
    key = _bitmask(level_codes < 0).astype(np.int64)
    key |= _bitmask(not_yet & (gates == schema.NOT_NOW)).astype(np.int64) << k
    key |= _bitmask(not_yet & (gates == schema.BUILD_FIRST)).astype(np.int64) << (2 * k)
    return key


class _Verdicts:
    """Verdict and focus of every row, decided block by block from :func:`_verdict_key`.

    With few ingredients the verdict and focus of every possible key sit in a look-up table,
    so a row costs one gather whatever the mix of verdicts; with many, the keys are kept and
    only the ones that occur are decided at the end.
    """

    def __init__(self, inst: Instrument, n: int):
        self.inst, self.k = inst, len(inst.ingredients)
        self.table = _verdict_table(self.k) if (1 << (3 * self.k)) <= _TABLE_LIMIT else None
        if self.table is None:
            self.keys = np.empty(n, dtype=np.int64)
        else:
            self.code = np.empty(n, dtype=np.int8)
            self.focus = np.empty(n, dtype=np.int32)

    def decide(self, rows: slice, key: np.ndarray) -> None:
        """Record the verdicts of one block of rows."""
        if self.table is None:
            self.keys[rows] = key
        else:
            np.take(self.table[0], key, out=self.code[rows])
            np.take(self.table[1], key, out=self.focus[rows])

    def columns(self):
        """The verdict and focus columns (Categoricals)."""
        if self.table is None:
            used, inverse = np.unique(self.keys, return_inverse=True)
            codes, focus = _verdict_rules(used, self.k)
            self.code, self.focus = codes[inverse], focus[inverse].astype(np.int32)
        verdict = pd.Categorical.from_codes(self.code, categories=list(schema.VERDICTS))
        ids = self.inst.ingredient_ids
        return verdict, _categorical(self.focus, lambda m: _names(ids, m))


#: Largest verdict look-up table built in full (entries); beyond it only used keys are decided.
_TABLE_LIMIT = 1 << 16


@functools.cache
def _verdict_table(k: int):
    return _verdict_rules(np.arange(1 << (3 * k), dtype=np.int64), k)


def _verdict_rules(key: np.ndarray, k: int):
    """Verdict code and focus mask of each key (unscored | not_now << k | build_first << 2k)."""
    part = (1 << k) - 1
    unscored, not_now, build_first = key & part, (key >> k) & part, (key >> (2 * k)) & part
    code = np.select(
        [unscored > 0, not_now > 0, build_first > 0],
        [schema.VERDICTS.index(v) for v in (schema.INCOMPLETE, schema.NOT_NOW, schema.BUILD_FIRST)],
        schema.VERDICTS.index(schema.READY),
    ).astype(np.int8)
    focus = np.select([unscored > 0, not_now > 0], [unscored, not_now], build_first)
    return code, focus.astype(np.int64)


def _weakest_code(scores: np.ndarray) -> np.ndarray:
    """Per row, the weakest ingredients as ``lowest * 2**k + near`` (-1: nothing scored).

    ``scores`` is (ingredients, rows), NaN where unscored; ``near`` is the bit mask of the
    ingredients within the margin of the lowest, ``lowest`` the first ingredient at the minimum
    (ties: instrument order).
    """
    k = len(scores)
    low = np.fmin.reduce(scores, axis=0)  # ignores NaN; NaN only when nothing is scored
    at_low = _bitmask(scores == low)
    near = _bitmask(scores <= low + (schema.WEAKEST_MARGIN + _DUST))
    code = _first_bit(k)[at_low] * (1 << k) + near
    code[np.isnan(low)] = -1
    return code


@functools.cache
def _first_bit(k: int) -> np.ndarray:
    """Index of the lowest set bit of every ``k``-bit mask (-1 for 0)."""
    return np.array([(m & -m).bit_length() - 1 for m in range(1 << k)], dtype=np.int64)
