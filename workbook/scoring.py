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
>>> bool(scores["hope"].between(0, 100).all())
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import schema
from .exceptions import InvalidDataError
from .instrument import Instrument, resolve
from .validation import Problem, answer_values, row_numbers

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
    answers = _answer_matrix(data, inst)
    lo, hi = inst.scale_min, inst.scale_max

    n = len(data)
    ids = inst.ingredient_ids
    scores = np.full((n, len(ids)), np.nan)
    level_codes = np.full((n, len(ids)), -1, dtype=np.int8)
    answered = np.zeros((n, len(ids)), dtype=np.int16)
    start = 0
    for j, ing in enumerate(inst.ingredients):
        block = answers[:, start : start + len(ing.items)]
        start += len(ing.items)
        reverse = np.array([item.reverse for item in ing.items])
        keyed = np.where(reverse, lo + hi - block, block)
        given = ~np.isnan(keyed)
        count = given.sum(axis=1)
        total = np.where(given, keyed, 0.0).sum(axis=1)
        ok = count >= ing.min_answered
        with np.errstate(invalid="ignore", divide="ignore"):
            pomp = 100.0 * (total / count - lo) / (hi - lo)
        pomp = np.where(ok, pomp, np.nan)
        scores[:, j] = pomp
        answered[:, j] = count
        # Round away floating-point dust (69.99999...) before comparing with thresholds.
        rounded = np.round(pomp, 9)
        level_codes[:, j] = np.where(
            ~ok,
            -1,
            np.where(
                rounded >= ing.thresholds["plenty"],
                2,
                np.where(rounded >= ing.thresholds["a_little"], 1, 0),
            ),
        )

    out = {}
    for col in (schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT):
        out[col] = data[col].to_numpy() if col in data.columns else np.full(n, None, dtype=object)
    for j, ing_id in enumerate(ids):
        out[ing_id] = scores[:, j]
    for j, ing_id in enumerate(ids):
        out[schema.level_column(ing_id)] = pd.Categorical.from_codes(
            level_codes[:, j], categories=list(schema.LEVELS), ordered=True
        )
    verdict, focus = _verdicts(level_codes, inst)
    out[schema.VERDICT] = verdict
    out["focus"] = focus
    out[schema.WEAKEST] = _weakest(scores, ids)
    for j, ing_id in enumerate(ids):
        out[schema.answered_column(ing_id)] = answered[:, j]
    return pd.DataFrame(out, index=data.index)


def _answer_matrix(data: pd.DataFrame, inst: Instrument) -> np.ndarray:
    """Answers as an (n, items) float array in instrument order; NaN where unanswered."""
    n = len(data)
    columns = [c for c in inst.item_ids if c in data.columns]
    if columns and all(pd.api.types.is_numeric_dtype(data[c].dtype) for c in columns):
        present = data[columns].to_numpy(dtype=float, na_value=np.nan)
        lo, hi = inst.scale_min, inst.scale_max
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(present) & ~(
                (present >= lo) & (present <= hi) & (present == np.floor(present))
            )
        if bad.any():
            _raise_invalid(data, columns, bad, inst)
        if len(columns) == len(inst.item_ids):
            return present
        matrix = np.full((n, len(inst.item_ids)), np.nan)
        where = {c: k for k, c in enumerate(columns)}
        for j, item_id in enumerate(inst.item_ids):
            if item_id in where:
                matrix[:, j] = present[:, where[item_id]]
        return matrix
    matrix = np.full((n, len(inst.item_ids)), np.nan)
    bad = np.zeros((n, len(inst.item_ids)), dtype=bool)
    for j, item_id in enumerate(inst.item_ids):
        if item_id in data.columns:
            matrix[:, j], bad[:, j] = answer_values(data[item_id], inst)
    if bad.any():
        _raise_invalid(data, list(inst.item_ids), bad, inst)
    return matrix


def _raise_invalid(data, columns, bad, inst):
    from .validation import _why_invalid

    rows = row_numbers(data)
    problems = []
    for pos, k in zip(*np.nonzero(bad)):
        value = data[columns[k]].iloc[pos]
        problems.append(Problem(int(rows[pos]), columns[k], value, _why_invalid(value, inst)))
    raise InvalidDataError(problems)


def _categorical(code: np.ndarray, label) -> pd.Categorical:
    """A Categorical of ``label(c)`` for each code (``-1`` = missing), labelling used codes only."""
    used, inverse = np.unique(code, return_inverse=True)
    keep = used >= 0
    codes = np.where(used[inverse] >= 0, inverse - (~keep).sum(), -1)
    return pd.Categorical.from_codes(codes, categories=[label(int(c)) for c in used[keep]])


def _names(ids, mask: int, first: int | None = None) -> str:
    order = [first] if first is not None else []
    order += [j for j in range(len(ids)) if mask >> j & 1 and j != first]
    return schema.LIST_SEPARATOR.join(ids[j] for j in order)


def _verdicts(level_codes: np.ndarray, inst: Instrument):
    bits = np.int64(1) << np.arange(len(inst.ingredients), dtype=np.int64)
    gates = np.array([ing.gate for ing in inst.ingredients])
    unscored = (level_codes < 0) @ bits
    not_yet = level_codes == 0
    not_now = (not_yet & (gates == schema.NOT_NOW)) @ bits
    build_first = (not_yet & (gates == schema.BUILD_FIRST)) @ bits
    code = np.select(
        [unscored > 0, not_now > 0, build_first > 0], [0, 1, 2], default=3
    ).astype(np.int8)
    focus_mask = np.select([code == 0, code == 1, code == 2], [unscored, not_now, build_first], 0)
    verdict = pd.Categorical.from_codes(code, categories=list(schema.VERDICTS))
    focus = _categorical(focus_mask, lambda m: _names(inst.ingredient_ids, m))
    return verdict, focus


def _weakest(scores: np.ndarray, ids) -> pd.Categorical:
    """Lowest-scoring ingredient first, then the others within the margin, in order."""
    k = len(ids)
    filled = np.where(np.isnan(scores), np.inf, scores)
    lowest = filled.argmin(axis=1)
    low = filled[np.arange(len(filled)), lowest]
    near = (filled <= low[:, None] + schema.WEAKEST_MARGIN + 1e-9) & np.isfinite(filled)
    mask = near @ (np.int64(1) << np.arange(k, dtype=np.int64))
    # Code = lowest * 2^k + mask; a row with nothing scored gets -1 (missing).
    code = np.where(np.isfinite(low), lowest.astype(np.int64) * (1 << k) + mask, -1)
    return _categorical(code, lambda c: _names(ids, c % (1 << k), first=c >> k))
