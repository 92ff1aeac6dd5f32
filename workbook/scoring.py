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
  ingredients behind the verdict;
- weakest: the lowest-scoring ingredient first, then any within 5 points of it.

Examples
--------
>>> from workbook.datasets import load_sample
>>> from workbook.scoring import score
>>> scores = score(load_sample())
>>> list(scores.columns[:5])
['participant_id', 'cohort', 'timepoint', 'hope', 'time']
>>> bool(scores["hope"].dropna().between(0, 100).all())   # NaN: too few answers to score
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import schema
from .exceptions import InvalidDataError
from .instrument import Instrument, resolve
from .validation import Problem, answer_values, explain_invalid, row_numbers

#: Tolerance for floating-point error when a score meets a threshold or a margin exactly.
_DUST = 1e-9
#: More ingredients than this cannot be encoded in the look-up tables below.
_MAX_INGREDIENTS = 16


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
    >>> row = {"participant_id": "p1", **{f"hope_{i}": 4 for i in range(1, 6)}}
    >>> row["hope_3"] = 2          # reverse-keyed: counts as 4
    >>> s = score(pd.DataFrame([row]))
    >>> float(s.loc[0, "hope"]), s.loc[0, "hope_level"], s.loc[0, "verdict"]
    (75.0, 'plenty', 'incomplete')
    """
    inst = resolve(instrument)
    if len(inst.ingredients) > _MAX_INGREDIENTS:
        raise ValueError(f"at most {_MAX_INGREDIENTS} ingredients can be scored")
    lo, hi = inst.scale_min, inst.scale_max
    n = len(data)
    ids = inst.ingredient_ids
    columns = _item_arrays(data, inst)
    # One pass per item column (columns are contiguous in memory): keyed answer minus the
    # scale minimum, 0 where unanswered, summed and counted per ingredient.
    total = np.zeros((len(ids), n))
    answered = np.zeros((len(ids), n), dtype=np.int16)
    keyed = np.empty(n)  # one scratch buffer, reused for every item
    for j, ing in enumerate(inst.ingredients):
        for item in ing.items:
            values = columns.get(item.id)
            if values is None:
                continue
            if item.reverse:
                np.subtract(hi, values, out=keyed)
            else:
                np.subtract(values, lo, out=keyed)
            np.fmax(keyed, 0.0, out=keyed)  # unanswered (NaN) counts 0; answers are >= 0
            total[j] += keyed
            answered[j] += ~np.isnan(values)
    ok = answered >= np.array([ing.min_answered for ing in inst.ingredients])[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = (100.0 / (hi - lo)) * total / answered
    scores[~ok] = np.nan
    # Allow for floating-point dust (69.99999...) when comparing with the thresholds.
    a_little = np.array([ing.thresholds["a_little"] for ing in inst.ingredients])[:, None]
    plenty = np.array([ing.thresholds["plenty"] for ing in inst.ingredients])[:, None]
    level_codes = (scores >= a_little - _DUST).astype(np.int8) + (scores >= plenty - _DUST)
    level_codes[~ok] = -1

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
    verdict, focus = _verdicts(level_codes, inst)
    out[schema.VERDICT] = verdict
    out[schema.FOCUS] = focus
    out[schema.WEAKEST] = _weakest(scores, ids)
    for j, ing_id in enumerate(ids):
        out[schema.answered_column(ing_id)] = answered[j]
    return pd.DataFrame(out, index=data.index)


def _item_arrays(data: pd.DataFrame, inst: Instrument) -> dict:
    """Each item column present in ``data`` as a float array (NaN = unanswered).

    Numeric columns are used as they are (no copy); text columns are read as answer labels.
    Raises :class:`InvalidDataError` for any answer not on the scale.
    """
    lo, hi = inst.scale_min, inst.scale_max
    arrays, bad = {}, {}
    for item_id in inst.item_ids:
        if item_id not in data.columns:
            continue
        column = data[item_id]
        if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
            column.dtype
        ):
            values = column.to_numpy(dtype=float, na_value=np.nan)
            wrong = _off_scale(values, lo, hi)
        else:
            values, wrong = answer_values(column, inst)
        if wrong is not None and wrong.any():
            bad[item_id] = wrong
        arrays[item_id] = values
    if bad:
        _raise_invalid(data, bad, inst)
    return arrays


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
    ones; no sort is needed.
    """
    counts = np.bincount(code[code >= 0]) if (code >= 0).any() else np.zeros(0, dtype=np.int64)
    used = np.flatnonzero(counts)
    lookup = np.full(len(counts), -1, dtype=np.int64)
    lookup[used] = np.arange(len(used))
    codes = np.where(code >= 0, lookup[np.clip(code, 0, None)] if len(lookup) else -1, -1)
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


def _verdicts(level_codes: np.ndarray, inst: Instrument):
    """Verdict and focus per row from (ingredients, rows) level codes (-1 = unscored)."""
    gates = np.array([ing.gate for ing in inst.ingredients])[:, None]
    not_yet = level_codes == 0
    unscored = _bitmask(level_codes < 0)
    not_now = _bitmask(not_yet & (gates == schema.NOT_NOW))
    build_first = _bitmask(not_yet & (gates == schema.BUILD_FIRST))
    # Decide in reverse order so the earlier rules overwrite the later ones.
    code = np.full(len(unscored), schema.VERDICTS.index(schema.READY), dtype=np.int8)
    focus = np.zeros(len(unscored), dtype=np.int32)
    for verdict, mask in (
        (schema.BUILD_FIRST, build_first),
        (schema.NOT_NOW, not_now),
        (schema.INCOMPLETE, unscored),
    ):
        hit = mask > 0
        np.copyto(code, np.int8(schema.VERDICTS.index(verdict)), where=hit)
        np.copyto(focus, mask, where=hit)
    verdict = pd.Categorical.from_codes(code, categories=list(schema.VERDICTS))
    return verdict, _categorical(focus, lambda m: _names(inst.ingredient_ids, m))


def _weakest(scores: np.ndarray, ids) -> pd.Categorical:
    """Lowest-scoring ingredient first, then the others within the margin, in order.

    ``scores`` is (ingredients, rows), NaN where unscored.
    """
    k = len(ids)
    low = np.fmin.reduce(scores, axis=0)  # ignores NaN; NaN only when nothing is scored
    # Which ingredients sit at the minimum, and which within the margin of it, as bit masks;
    # the lowest set bit of the first names the leading ingredient (ties: instrument order).
    at_low = _bitmask(scores == low)
    near = _bitmask(scores <= low + (schema.WEAKEST_MARGIN + _DUST))
    first_bit = np.array([(m & -m).bit_length() - 1 for m in range(1 << k)], dtype=np.int64)
    # Code = lowest * 2^k + near; a row with nothing scored gets -1 (missing).
    code = first_bit[at_low] * (1 << k) + near
    code[np.isnan(low)] = -1
    return _categorical(code, lambda c: _names(ids, c % (1 << k), first=c >> k))
