"""The rows each cohort table reads: responses, pairs, and the people left out.

Shared by every table of the cohort (the summary, verdicts, bottlenecks, reliability, the
before/after and the outcome):

- :func:`unanswered`: rows that answer nothing are not responses;
- :func:`pair_rows`: each participant's ``before`` and ``after`` rows, side by side
  (:func:`check_pairs` refuses a table that cannot be paired);
- :func:`mark_left_out`: the people each table at one timepoint leaves out, so that it and
  the before/after table set side by side give no one away; :func:`shown_rows` takes a
  group's rows that are shown, :func:`table_kind` says whether the whole or the groups are
  being computed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.cohort.stats import as_list, check_columns, is_label
from workbook.cohort.suppression import MIN_GROUP, group_ids, left_out
from workbook.core import schema
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve

#: Private columns :func:`mark_left_out` adds: rows the whole / the groups leave out.
OUT_WHOLE, OUT_GROUP = "_out:whole", "_out:group"


def out_column(kind: str, ingredient: str | None = None) -> str:
    """The column of :func:`mark_left_out` for ``kind`` (``whole`` or ``group``).

    With ``ingredient``, the column of that ingredient's figures.

    Examples
    --------
    >>> out_column("group", "hope")
    '_out:group:hope'
    """
    base = OUT_GROUP if kind == "group" else OUT_WHOLE
    return base if ingredient is None else f"{base}:{ingredient}"


def table_kind(cols, inner) -> str:
    """Whether a table's ``rows_of`` is computing the whole or the groups.

    ``cols``: the columns :func:`workbook.cohort.suppression.with_whole` hands it; ``inner``:
    the grouping columns other than timepoints.
    """
    return "group" if set(as_list(cols)) & set(inner) else "whole"


def marked_columns(frame: pd.DataFrame) -> list:
    """The columns :func:`mark_left_out` added to ``frame``."""
    return [c for c in frame.columns if str(c).startswith((OUT_WHOLE, OUT_GROUP))]


def shown_rows(group: pd.DataFrame, kind: str, ingredient: str | None = None):
    """(the rows of ``group`` shown, how many are left out)."""
    column = out_column(kind, ingredient)
    if column not in group.columns:
        return group, 0
    out = group[column].to_numpy(dtype=bool)
    return group[~out], int(out.sum())


def shown_in_all(group: pd.DataFrame, kind: str):
    """(the rows of ``group`` shown in every ingredient's figures, how many are left out).

    A table of whole responses (the verdict mix, the lowest ingredient) leaves out whoever
    an ingredient's figures leave out at that timepoint: beside them it would give back that
    person's level (round 14c W13).
    """
    base = out_column(kind)
    columns = [c for c in group.columns if c == base or str(c).startswith(f"{base}:")]
    if not columns:
        return group, 0
    out = np.logical_or.reduce([group[c].to_numpy(dtype=bool) for c in columns])
    return group[~out], int(out.sum())


def id_codes(ids: pd.Series):
    """(a number per row, -1 where missing; the distinct ids) of a participant id column."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        return np.asarray(ids.cat.codes, dtype=np.int64), ids.cat.categories
    if not isinstance(ids.dtype, pd.StringDtype):
        ids = ids.astype("string")
    codes, uniques = pd.factorize(ids)
    return np.asarray(codes, dtype=np.int64), uniques


def check_pairs(data: pd.DataFrame, before: str = schema.BEFORE,
                after: str = schema.AFTER) -> None:
    """Refuse a table that cannot be paired: someone with two ``before`` or ``after`` answers.

    Nothing is checked unless both timepoints occur. The reports call it before any work, so
    that a cohort report fails in words rather than part-way through.

    Raises
    ------
    DataError
        Naming the participant and the timepoint.

    Examples
    --------
    >>> import pandas as pd
    >>> check_pairs(pd.DataFrame({"participant_id": ["p1", "p1"],
    ...                           "timepoint": ["pre", "post"]}))
    >>> check_pairs(pd.DataFrame({"participant_id": ["p1", "p1", "p1"],
    ...                           "timepoint": ["pre", "post", "post"]}))
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.DataError: participant 'p1' has more than one 'post' response; ...
    """
    if schema.PARTICIPANT_ID not in data.columns or schema.TIMEPOINT not in data.columns:
        return
    if is_label(data[schema.TIMEPOINT], before).any() and \
            is_label(data[schema.TIMEPOINT], after).any():
        pair_rows(data, before, after, [])


def pair_rows(scores: pd.DataFrame, before: str, after: str, columns=None):
    """Before and after rows of each participant, aligned on participant_id.

    Returns ``(pre, post, (before only, after only))``: ``pre`` and ``post`` hold the people
    at both timepoints, row for row in the order of their ``before`` rows, indexed by id.
    ``columns``: the columns to keep (default all).
    """
    for col in (schema.PARTICIPANT_ID, schema.TIMEPOINT):
        if col not in scores.columns:
            raise DataError(f"comparing timepoints needs a {col} column in the scores")
    codes, uniques = id_codes(scores[schema.PARTICIPANT_ID])
    codes = np.where(codes < 0, len(uniques), codes)  # a missing id is one id, as in an index
    sides = []
    for label in (before, after):
        rows = np.flatnonzero(is_label(scores[schema.TIMEPOINT], label))
        if not len(rows):
            timepoint = scores[schema.TIMEPOINT].astype("string")
            found = ", ".join(repr(v) for v in timepoint.dropna().unique()) or "none"
            raise DataError(f"no responses at timepoint {label!r} to compare (found: {found})")
        own = codes[rows]
        first = np.zeros(len(own), dtype=bool)
        first[np.unique(own, return_index=True)[1]] = True
        if not first.all():
            twice = scores[schema.PARTICIPANT_ID].iloc[[rows[np.argmin(first)]]]
            raise DataError(
                f"participant {twice.astype('string').iloc[0]!r} has more than one {label!r} "
                "response; keep one row per participant per timepoint (`workbook validate` "
                "lists them)"
            )
        sides.append(rows)
    (pre_rows, post_rows) = sides
    where_after = np.full(len(uniques) + 1, -1, dtype=np.int64)
    where_after[codes[post_rows]] = post_rows
    at_before = np.zeros(len(uniques) + 1, dtype=bool)
    at_before[codes[pre_rows]] = True
    matched = where_after[codes[pre_rows]] >= 0

    source = scores if columns is None else scores[list(dict.fromkeys(columns))]

    def rows_of(rows):
        part = source.take(rows)
        ids = scores[schema.PARTICIPANT_ID].take(rows).astype("string").to_numpy()
        return part.set_axis(pd.Index(ids), axis=0)

    pre = rows_of(pre_rows[matched])
    post = rows_of(where_after[codes[pre_rows[matched]]])
    only = (rows_of(pre_rows[~matched]), rows_of(post_rows[~at_before[codes[post_rows]]]))
    return pre, post, only


def unanswered(data: pd.DataFrame, instrument=None) -> np.ndarray:
    """Rows that answer nothing, as a boolean array: every statement and the hours empty.

    Such a row is not a response (a workspace export writes one for a client with a
    conversations list and no session yet): the readiness tables leave it out, and only its
    conversations counts are read, in the outcome (:mod:`workbook.cohort.outcome`). A file without
    any statement column has none.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"hope_1": [3, None, None], "hours_per_week": [None, 4, None]})
    >>> unanswered(frame).tolist()
    [False, False, True]
    """
    inst = resolve(instrument)
    items = [c for c in inst.item_ids if c in data.columns]
    if not items:
        return np.zeros(len(data), dtype=bool)
    cols = items + [schema.HOURS] if schema.HOURS in data.columns else items
    return data[cols].isna().all(axis=1).to_numpy(dtype=bool)


def unanswered_note(n: int) -> str:
    """What :func:`unanswered` left out, in a sentence ("" for none).

    >>> unanswered_note(1).split(": ")[1]
    'it is not counted as a response; only its conversations are read, in the outcome'
    """
    if not n:
        return ""
    rows = "1 row answers" if n == 1 else f"{n} rows answer"
    it = "it is" if n == 1 else "they are"
    its = "its" if n == 1 else "their"
    return (f"{rows} no statement and {'gives' if n == 1 else 'give'} no hours (a client "
            f"with a conversations list only, say): {it} not counted as "
            f"{'a response' if n == 1 else 'responses'}; only {its} conversations are read, "
            "in the outcome")


def carried_rows(data: pd.DataFrame, instrument=None) -> dict:
    """Rows whose ingredient an export carried from an earlier session (round 13c T11).

    ``export-clients`` writes each session's row with every ingredient, and in its
    ``carried`` column the ingredients not answered that day with the date their answers come
    from (``time 2026-11-02; energy 2026-11-02``). Such answers are copies, not that day's
    answers: the cohort's tables leave them out. Returns ingredient id -> boolean array over
    the rows (only ingredients carried somewhere); ``{}`` without the column.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"carried": [None, "time 2026-11-02; energy 2026-11-02"]})
    >>> {k: v.tolist() for k, v in carried_rows(frame).items()}
    {'time': [False, True], 'energy': [False, True]}
    """
    if schema.CARRIED not in data.columns:
        return {}
    inst = resolve(instrument)
    ids = set(inst.ingredient_ids)
    codes, cells = pd.factorize(data[schema.CARRIED].astype("string"))
    out = {}
    for code, cell in enumerate(cells):
        for part in str(cell).split(";"):
            bits = part.split()
            if bits and bits[0] in ids:
                out.setdefault(bits[0], set()).add(code)
    return {ing: np.isin(codes, list(found)) for ing, found in out.items()}


def without_carried(data: pd.DataFrame, scores: pd.DataFrame, instrument=None) -> tuple:
    """``(data, scores)`` with the ingredients an export carried left unanswered and unscored.

    :func:`carried_rows`: the carried ingredient's statements are blanked in ``data`` (so
    reliability and the item tables count each answer once) and its score and level in
    ``scores`` (its answered count 0), so that no table counts a copy as that day's answer.
    The verdict stays as the workspace gave it (over the carried answers). Both unchanged
    when nothing is carried.
    """
    inst = resolve(instrument)
    carried = carried_rows(data, inst)
    if not any(rows.any() for rows in carried.values()):
        return data, scores
    data, scores = data.copy(), scores.copy()
    for ing, rows in carried.items():
        items = [i.id for i in inst.ingredient(ing).items if i.id in data.columns]
        for col in items:
            data[col] = data[col].mask(rows)
        for col in (ing, schema.level_column(ing)):
            if col in scores.columns:
                scores[col] = scores[col].mask(rows)
        answered = schema.answered_column(ing)
        if answered in scores.columns:
            scores[answered] = scores[answered].mask(rows, 0)
    if schema.WEAKEST in scores.columns:  # the lowest of what was answered (round 14c W14)
        some = np.logical_or.reduce([rows for rows in carried.values()])
        ids = [i for i in inst.ingredient_ids if i in scores.columns]
        weakest = scores[schema.WEAKEST].astype(object)
        weakest[some] = [lowest_named(v, ids) for v in
                         scores.loc[some, ids].to_numpy(dtype=float, na_value=np.nan)]
        scores[schema.WEAKEST] = weakest
    return data, scores


def lowest_named(values, ids) -> str | None:
    """The weakest ingredients of one row's scores, as :func:`workbook.score` names them.

    The lowest first (ties: ``ids``' order), then any within the margin of it in ``ids``'
    order; None when nothing is scored.

    >>> lowest_named([50.0, 40.0, 42.0, 80.0], ["a", "b", "c", "d"])
    'b;c'
    """
    values = np.asarray(values, dtype=float)
    if np.isnan(values).all():
        return None
    low = np.nanmin(values)
    first = int(np.flatnonzero(values == low)[0])
    near = [j for j in np.flatnonzero(values <= low + schema.WEAKEST_MARGIN + 1e-9)
            if j != first]
    return schema.LIST_SEPARATOR.join(ids[j] for j in [first, *near])


def hours_gated(data: pd.DataFrame, scores: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """``scores`` with the hours-gated ingredient's level ``not_yet`` where hours are 0 (P14).

    The verdict reads 0 hours a week (fewer than :data:`~workbook.core.schema.LEAST_HOURS`)
    as time closed whatever the time statements say, and the personal pages show "no hours
    now", never "plenty": the cohort's level shares follow the same rule, so they agree with
    the verdict mix. The score itself (the statements' mean) is left as it is. ``data``: the
    answers ``scores`` were made from, row for row.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook import score
    >>> from workbook.core.instrument import load_instrument
    >>> answers = {i.id: (1 if i.reverse else 5) for i in load_instrument().items}
    >>> data = pd.DataFrame([{**answers, "hours_per_week": h} for h in (0, 4)])
    >>> hours_gated(data, score(data))["time_level"].tolist()
    ['not_yet', 'plenty']
    """
    inst = resolve(instrument)
    gated = inst.hours_ingredient
    if gated is None or schema.HOURS not in data.columns or gated not in scores.columns:
        return scores
    hours = schema.counted_hours(pd.to_numeric(data[schema.HOURS], errors="coerce")
                                 .to_numpy(dtype=float, na_value=np.nan))
    closed = (hours == 0) & scores[gated].notna().to_numpy(dtype=bool)
    if not closed.any():
        return scores
    scores = scores.copy()
    level = schema.level_column(gated)
    scores[level] = scores[level].mask(closed, schema.LEVELS[0])
    return scores


def mark_left_out(frame: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                  before: str = schema.BEFORE, after: str = schema.AFTER,
                  ingredients=(), compared=None) -> pd.DataFrame:
    """``frame`` with the rows each table leaves out marked, so no one can be derived.

    The before/after table describes only the people who answered at both ``before`` and
    ``after``; the tables at one timepoint describe everyone who answered then. When 1 to
    ``min_group - 1`` people of a group answered at only one of the two (or, for one
    ingredient, have its score at only one), setting the two side by side gives their scores
    away. They are then a small group of their own and left out of the group's figures at that
    timepoint: see :func:`workbook.cohort.suppression.left_out` for the whole and its groups. With 0
    or ``min_group`` or more of them, nothing is left out.

    Parameters
    ----------
    frame : DataFrame
        Scores (or answers, without ``ingredients``), with ``participant_id``, ``timepoint``
        and the ``by`` columns; nothing is marked unless both ``before`` and ``after`` occur.
    by : list of str
        The grouping of the tables (``["timepoint", "cohort"]``).
    min_group : int
    before, after : str
    ingredients : list of str
        Ingredient ids whose scores to match one by one (summaries).
    compared : DataFrame, optional
        The scores the before/after compares, row for row with ``frame``
        (:func:`workbook.cohort.across_versions.pairs_compared`): a person whose pair it does
        not compare for an ingredient (answered on two versions sharing too few of its
        statements) is, for that ingredient, unmatched as someone who answered it once (T8).

    Returns
    -------
    DataFrame
        A copy with boolean columns :data:`OUT_WHOLE` and :data:`OUT_GROUP` (people left out
        of every table at their timepoint, by the whole and by their group), and the same
        suffixed ``:ingredient`` for each of ``ingredients`` (that ingredient's figures).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": [f"p{i}" for i in range(6)] * 2,
    ...                       "timepoint": ["pre"] * 6 + ["post"] * 6})
    >>> frame = frame.iloc[:-1]  # p5 answered before only
    >>> marked = mark_left_out(frame, ["timepoint"])
    >>> marked.loc[marked[OUT_WHOLE], "participant_id"].tolist()
    ['p5']
    """
    check_columns(frame, by)
    out = frame.copy(deep=False)  # copy-on-write: only the new columns are written
    n = len(out)
    out[OUT_WHOLE] = out[OUT_GROUP] = np.zeros(n, dtype=bool)
    for ing in ingredients:
        out[out_column("whole", ing)] = out[out_column("group", ing)] = np.zeros(n, dtype=bool)
    if schema.PARTICIPANT_ID not in out.columns or schema.TIMEPOINT not in out.columns:
        return out
    at_before = is_label(out[schema.TIMEPOINT], before)
    at_after = is_label(out[schema.TIMEPOINT], after)
    if not (at_before.any() and at_after.any()):
        return out
    codes, uniques = id_codes(out[schema.PARTICIPANT_ID])
    known = codes >= 0
    at_either = at_before | at_after

    def unmatched(scored, paired=None):
        paired = scored if paired is None else scored & paired
        seen = []
        for at in (at_before, at_after):
            has = np.zeros(len(uniques), dtype=bool)
            has[codes[at & paired & known]] = True
            seen.append(has)
        both = np.where(known, (seen[0] & seen[1])[np.where(known, codes, 0)], False)
        return at_either & scored & ~both

    by = as_list(by)
    keys = []  # group_ids(out, by), computed when first needed

    def leave_out(whole_rows, group_rows, already=None):
        if not (whole_rows.any() or group_rows.any()):
            return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        if not keys:
            keys.append(group_ids(out, by))
        return left_out(out, whole_rows, group_rows, by=by, min_group=min_group,
                        already=already, ids=keys[0])

    loose = unmatched(np.ones(n, dtype=bool))
    whole, group = leave_out(loose, loose)
    out[OUT_WHOLE], out[OUT_GROUP] = whole, group
    for ing in ingredients:
        scored = out[ing].notna().to_numpy(dtype=bool)
        loose = unmatched(scored, None if compared is None or compared is frame
                          else compared[ing].notna().to_numpy(dtype=bool))
        w, g = leave_out(loose & ~whole, loose & ~group, group & ~whole & scored)
        out[out_column("whole", ing)], out[out_column("group", ing)] = whole | w, group | g
    return out
