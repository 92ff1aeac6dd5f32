"""The cohort's outcome: who went on to talk to someone after the workshop.

The outcome is the survey column ``conversations_held`` (:data:`workbook.core.schema.
CONVERSATIONS_HELD`): conversations a participant held after the workshop, read at ``post``
(a value at ``pre`` is not used). A workspace export has no ``pre``/``post``: there each
person's latest session is read (it holds the conversations held so far). Two tables:

- :func:`conversations`: per group (the whole first), how many answered, how many held at
  least one conversation and what share, the median and the total held;
- :func:`change_by_talk`: before/after for the people who answered both times, split by
  whether they went on to talk to anyone (``held_some``: one or more, ``held_none``: none,
  ``not_answered``): per ingredient the mean change, and the share ``ready`` before and after.

Both are protected as every cohort table is (:mod:`workbook.cohort.suppression`): a group or a split
under ``min_group`` shows its size only, and so does the next smallest where the whole minus
the others would give it away (talked and not talked are the two sides of one whole). The
split is made on the whole cohort only: split again by group, its cells would be small.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook import score
>>> data = load_sample()
>>> table = conversations(data)
>>> int(table["n"].iloc[0]), int(table["n_held_some"].iloc[0])
(98, 55)
>>> change = change_by_talk(data, score(data))
>>> change[TALKED].unique().tolist()
['all', 'held_some', 'held_none', 'not_answered']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from workbook.cohort.across_versions import compare_across_versions
from workbook.cohort.prepost import compare_timepoints
from workbook.cohort.rows import mark_left_out, pair_rows, shown_rows, table_kind, unanswered
from workbook.cohort.stats import as_list, groups, is_label, timepoint_order
from workbook.cohort.suppression import (
    MIN_GROUP,
    ORDER_STATS_FACTOR,
    hidden_in,
    protect,
    split_columns,
    with_whole,
)
from workbook.core import schema
from workbook.core.distinct import spread, stripped
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve
from workbook.responses.group_labels import ALL
from workbook.responses.io import answered_at

HELD = schema.CONVERSATIONS_HELD
#: The column of :func:`change_by_talk` saying whom a row describes, and its values.
TALKED = "went_on_to_talk"
HELD_SOME, HELD_NONE, NOT_ANSWERED = "held_some", "held_none", "not_answered"
SPLITS = (HELD_SOME, HELD_NONE, NOT_ANSWERED)

_COUNTS = ("n", "n_held_some", "share_held_some", "median_held", "total_held")
_CHANGE = ("n_both", "n_pairs", "mean_before", "mean_after", "mean_change", "ci_low",
           "ci_high")


def outcome_rows(data: pd.DataFrame, *, before: str = schema.BEFORE,
                 after: str = schema.AFTER) -> np.ndarray:
    """Which rows the outcome reads, as a boolean array.

    The ``after`` rows; with neither ``before`` nor ``after`` rows (a workspace export, one
    row per session), each participant's latest row that holds a count (else their latest):
    by ``date``, where a row has none by its ``timepoint`` when that is a date
    (``YYYY-MM-DD``, as a workspace export writes them), then by file order
    (:func:`latest_by_file_order` says when that decided); with ``before`` rows only, none.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["a", "a", "b"],
    ...                       "date": ["2026-01-05", "2026-02-01", "2026-01-09"]})
    >>> outcome_rows(frame).tolist()
    [False, True, True]
    """
    n = len(data)
    if schema.TIMEPOINT in data.columns:
        check_mix(data, before=before, after=after)
        at_after = is_label(data[schema.TIMEPOINT], after)
        if at_after.any():
            return _latest_count(data, at_after, before)
        if is_label(data[schema.TIMEPOINT], before).any():
            return np.zeros(n, dtype=bool)
    if schema.PARTICIPANT_ID not in data.columns:
        return np.ones(n, dtype=bool)
    order = pd.DataFrame({"who": data[schema.PARTICIPANT_ID].astype("string").to_numpy(),
                          "pos": np.arange(n), "when": row_dates(data).to_numpy()})
    # each person's latest row that holds a count, else their latest (round 14c W15: a
    # week2 block with the counts above the week1 rows lost every count)
    order["has"] = pd.to_numeric(data[HELD], errors="coerce").notna().to_numpy(dtype=bool) \
        if HELD in data.columns else False
    order = order.sort_values(["when", "pos"], na_position="first", kind="stable")
    order = order.sort_values("has", kind="stable")
    latest = order.drop_duplicates("who", keep="last")["pos"].to_numpy()
    out = np.zeros(n, dtype=bool)
    out[latest] = True
    return out


_ISO_DAY = r"^\d{4}-\d{2}-\d{2}"


def _later(data: pd.DataFrame, at_after: np.ndarray, before: str) -> np.ndarray:
    """Rows at a timepoint read after ``after`` (``followup``): neither before nor after."""
    timepoint = data[schema.TIMEPOINT]
    named = timepoint.notna().to_numpy(dtype=bool) & \
        timepoint.astype("string").str.strip().ne("").fillna(False).to_numpy(dtype=bool)
    return named & ~at_after & ~is_label(timepoint, before)


def _latest_count(data: pd.DataFrame, at_after: np.ndarray, before: str) -> np.ndarray:
    """The ``after`` rows, each person's moved to their latest row with a count (C19).

    A count written on a later timepoint (``followup``: the latest answers) is read from the
    latest such row a person has (timepoints in reading order, then file order); a person
    with no count after ``before`` keeps their ``after`` row. Without such counts, the
    ``after`` rows as they are.
    """
    if HELD not in data.columns or schema.PARTICIPANT_ID not in data.columns:
        return at_after
    held = pd.to_numeric(data[HELD], errors="coerce").notna().to_numpy(dtype=bool)
    later = _later(data, at_after, before)
    if not (later & held).any():
        return at_after
    order = {t: j for j, t in enumerate(timepoint_order(
        data[schema.TIMEPOINT].astype("string").str.strip().to_numpy(dtype=object)))}
    rank = data[schema.TIMEPOINT].astype("string").str.strip().map(order).fillna(-1)
    frame = pd.DataFrame({"who": data[schema.PARTICIPANT_ID].astype("string").to_numpy(),
                          "rank": rank.to_numpy(dtype=float), "pos": np.arange(len(data))})
    counted = frame[(at_after | later) & held].sort_values(["rank", "pos"], kind="stable")
    chosen = counted.drop_duplicates("who", keep="last")
    out = np.zeros(len(data), dtype=bool)
    out[chosen["pos"].to_numpy()] = True
    has = set(chosen["who"].dropna())
    out |= at_after & ~frame["who"].isin(has).to_numpy(dtype=bool)
    return out


#: Said when a count is read from a timepoint after ``post`` (attacks5 C19).
LATER_COUNT_NOTE = ("{what} is read from each person's latest answers that hold it: "
                    "{counts} ({post} from {after})")
#: Said when a file mixes a workshop's pre/post rows with rows dated by session (C11).
MIX_NOTE = ("the file mixes a workshop's {before}/{after} answers ({workshop} people) with "
            "rows dated by session ({dated} people, e.g. '{example}': a workspace export?); "
            "their conversation counts and timepoints are read differently, so the tables "
            "would count only one of them: analyse each file on its own")


def later_count_note(data: pd.DataFrame, *, before: str = schema.BEFORE,
                     after: str = schema.AFTER) -> str:
    """Which timepoints the outcome's counts come from, when any is not ``after`` (C19).

    Examples
    --------
    >>> frame = pd.DataFrame({"participant_id": ["a", "a", "b", "b"],
    ...                       "timepoint": ["post", "followup", "post", "followup"],
    ...                       "conversations_held": [None, 2, 1, None]})
    >>> print(later_count_note(frame))  # doctest: +NORMALIZE_WHITESPACE
    conversations_held is read from each person's latest answers that hold it: followup for
    1 person (1 from post)
    """
    if schema.TIMEPOINT not in data.columns or HELD not in data.columns:
        return ""
    at_after = is_label(data[schema.TIMEPOINT], after)
    if not at_after.any():  # counts at followup without post are named, not read (T23)
        return unread_count_note(data, before=before, after=after)
    rows = outcome_rows(data, before=before, after=after)
    read = data[rows & ~at_after]
    if read.empty:
        return ""
    held = pd.to_numeric(data[HELD], errors="coerce").notna().to_numpy(dtype=bool)
    per = read[schema.TIMEPOINT].astype("string").str.strip().value_counts(sort=False)
    counts = ", ".join(f"{t} for {n} {'person' if n == 1 else 'people'}"
                       for t, n in per.items())
    return LATER_COUNT_NOTE.format(what=HELD, counts=counts,
                                   post=int((rows & at_after & held).sum()), after=after)


#: Said when counts sit at a later timepoint of a file with no ``after`` (round 13c T23).
UNREAD_COUNT_NOTE = ("{what} at {counts} is not read: counts are read after the workshop "
                     "({after} or a later timepoint beside it), and this file has no {after} "
                     "answers to pair {before} with; name the timepoint after the workshop "
                     "{after} to read them")


def unread_count_note(data: pd.DataFrame, *, before: str = schema.BEFORE,
                      after: str = schema.AFTER) -> str:
    """What is not read of counts at a later timepoint of a file without ``after`` (T23).

    A file with ``pre`` and ``followup`` (no ``post``): the counts at ``followup`` are not
    read (:func:`outcome_rows` reads none); "" otherwise.

    Examples
    --------
    >>> frame = pd.DataFrame({"participant_id": ["a", "a"], "timepoint": ["pre", "followup"],
    ...                       "conversations_held": [None, 2]})
    >>> print(unread_count_note(frame))  # doctest: +NORMALIZE_WHITESPACE
    conversations_held at followup (1 person) is not read: counts are read after the workshop
    ('post' or a later timepoint beside it), and this file has no 'post' answers to pair
    'pre' with; name the timepoint after the workshop 'post' to read them
    """
    if schema.TIMEPOINT not in data.columns or HELD not in data.columns:
        return ""
    timepoint = data[schema.TIMEPOINT]
    at_after = is_label(timepoint, after)
    if at_after.any() or not is_label(timepoint, before).any():
        return ""
    held = pd.to_numeric(data[HELD], errors="coerce").notna().to_numpy(dtype=bool)
    later = _later(data, at_after, before) & held
    if not later.any():
        return ""
    who = data[schema.PARTICIPANT_ID].astype("string") if schema.PARTICIPANT_ID in \
        data.columns else pd.Series(np.arange(len(data)), index=data.index).astype("string")
    frame = pd.DataFrame({"t": timepoint.astype("string").str.strip().to_numpy(),
                          "who": who.to_numpy()})[later]
    per = frame.groupby("t", sort=False)["who"].nunique()
    counts = ", ".join(f"{t} ({n} {'person' if n == 1 else 'people'})" for t, n in per.items())
    return UNREAD_COUNT_NOTE.format(what=HELD, counts=counts, after=repr(after),
                                    before=repr(before))


def check_mix(data: pd.DataFrame, *, before: str = schema.BEFORE,
              after: str = schema.AFTER) -> None:
    """Refuse a file mixing ``before``/``after`` rows with rows dated by session (C11).

    A workshop's survey (``pre``/``post``) and a workspace export (one row per session, its
    ``timepoint`` a date) are read by different rules: joined, the export's clients were left
    out of the outcome without a word and each session date became a timepoint of one.
    """
    if schema.TIMEPOINT not in data.columns:
        return
    # Each distinct timepoint, spaces around it removed, is matched once (not each row).
    codes, texts = stripped(data[schema.TIMEPOINT])
    paired = (is_label(data[schema.TIMEPOINT], before) | is_label(data[schema.TIMEPOINT], after))
    dated = spread(codes, np.array([re.match(_ISO_DAY, t) is not None for t in texts],
                                   dtype=bool), False)
    if not (paired.any() and dated.any()):
        return
    who = data[schema.PARTICIPANT_ID].astype("string") if schema.PARTICIPANT_ID in \
        data.columns else pd.Series(np.arange(len(data)), index=data.index).astype("string")
    if schema.PARTICIPANT_ID in data.columns and set(who[dated].dropna()) <= \
            answered_at(data, after):  # a post row --skip-invalid left out counts (14c W6)
        return  # people who answered post, on a dated later timepoint: a follow-up (13c T9)
    raise DataError(MIX_NOTE.format(
        before=before, after=after, workshop=who[paired].nunique(),
        dated=who[dated].nunique(), example=texts[codes[np.argmax(dated)]]))
#: Said where each person's latest answers are their last row in the file (no dates to go by).
LATEST_IN_FILE = "latest = the last row in the file, as some rows have no date"
LATEST_IN_FILE_NOTE = ("Each person's latest answers are their last row in the file, as some "
                       "rows have no date.")
#: The same, for a file that has no date column at all (attacks3 A5).
NO_DATE_COLUMN = "as the file has no date column"


def latest_in_file(data: pd.DataFrame, note: bool = False) -> str:
    """:data:`LATEST_IN_FILE` (``note``: :data:`LATEST_IN_FILE_NOTE`), true of ``data``.

    "as some rows have no date" when it has a date column; when it has none, that it has no
    date column.

    >>> latest_in_file(pd.DataFrame({"timepoint": ["s1"]}))
    'latest = the last row in the file, as the file has no date column'
    """
    words = LATEST_IN_FILE_NOTE if note else LATEST_IN_FILE
    if schema.DATE in data.columns:
        return words
    end = "." if note else ""
    return words.replace(f"as some rows have no date{end}", f"{NO_DATE_COLUMN}{end}")


def row_dates(data: pd.DataFrame) -> pd.Series:
    """Each row's day as ``YYYY-MM-DD`` text: its ``date``, else a date-like ``timepoint``."""
    when = pd.Series(pd.NA, index=data.index, dtype="string")
    if schema.DATE in data.columns:
        when = data[schema.DATE].astype("string").str.strip().str.slice(0, 10)
        when = when.mask((when == "").fillna(False))  # an empty cell is no date
    if schema.TIMEPOINT in data.columns:
        timepoint = data[schema.TIMEPOINT].astype("string").str.strip()
        dated = timepoint.str.match(_ISO_DAY).fillna(False).to_numpy(dtype=bool)
        when = when.mask(when.isna().to_numpy() & dated, timepoint.str.slice(0, 10))
    return when


def latest_by_file_order(data: pd.DataFrame, *, before: str = schema.BEFORE,
                         after: str = schema.AFTER) -> bool:
    """True when :func:`outcome_rows` chose someone's latest row by its place in the file.

    That is, when the outcome reads each person's latest row and someone with more than
    one row has, as the row read, one with no day (no ``date``, and a ``timepoint`` that is
    not a date): then none of their rows has one.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["a", "a"], "timepoint": ["s1", "s2"]})
    >>> latest_by_file_order(frame)
    True
    >>> latest_by_file_order(frame.assign(timepoint=["2026-12-01", "2026-11-01"]))
    False
    >>> latest_by_file_order(frame.assign(timepoint=["2027-02-01", "s1"]))
    False
    """
    if schema.PARTICIPANT_ID not in data.columns:
        return False
    if schema.TIMEPOINT in data.columns and (is_label(data[schema.TIMEPOINT], after).any()
                                             or is_label(data[schema.TIMEPOINT], before).any()):
        return False
    # file order decides a person's latest where it is one of several rows and has no day
    # (nor have the others: a row with a day is later than those without, outcome_rows), so
    # a latest row with a day is chosen by it (round 14c W2)
    several = data[schema.PARTICIPANT_ID].astype("string").duplicated(keep=False)
    latest = outcome_rows(data, before=before, after=after) & several.to_numpy(dtype=bool)
    return bool((latest & row_dates(data).isna().to_numpy()).any())


def read_counts(data: pd.DataFrame, instrument=None, *, before: str = schema.BEFORE,
                after: str = schema.AFTER) -> tuple[int, int]:
    """The rows the outcome reads, and how many of them answer no statement (round 10b L8).

    One row a person (:func:`outcome_rows`): the whole's ``n_responses`` of
    :func:`conversations`. A row that answers no statement and gives no hours (a client with
    a conversations list only) is read here though it is not a response
    (:func:`workbook.cohort.rows.unanswered`): the overview says so beside the counts.

    Examples
    --------
    >>> frame = pd.DataFrame({"participant_id": ["a", "a", "b"],
    ...                       "date": ["2026-01-05", "2026-02-01", "2026-01-09"],
    ...                       "hope_1": [3, 4, None], "conversations_held": [0, 1, 2]})
    >>> read_counts(frame)
    (2, 1)
    """
    rows = outcome_rows(data, before=before, after=after)
    return int(rows.sum()), int((rows & unanswered(data, instrument)).sum())


def _held(frame: pd.DataFrame) -> np.ndarray:
    return pd.to_numeric(frame[HELD], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def conversations(data: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                  before: str = schema.BEFORE, after: str = schema.AFTER
                  ) -> pd.DataFrame | None:
    """Conversations held after the workshop, per group: who went on to talk to someone.

    Parameters
    ----------
    data : DataFrame
        Answers with ``conversations_held`` (as :func:`workbook.load_responses` gives them);
        the rows read are :func:`outcome_rows`. A person's group is the one of their
        ``before`` row when the caller made it so
        (:func:`workbook.cohort.groups.same_group_both_times`).
    by : str or list of str, optional
        Columns to group by besides the whole (``timepoint`` is not one: one time is read).
    min_group : int, default 5
        A group with fewer answers shows ``n_responses`` only; the median needs twice as many
        (as the summary's quartiles); the total needs ``min_group`` people who held one or
        more. Secondary suppression as :func:`workbook.cohort.suppression.protect` does, for both.
        With both timepoints, 1 to ``min_group - 1`` people of a group who answered only
        after are left out of it, as from every table at ``after``
        (:func:`workbook.cohort.rows.mark_left_out`): set beside the split of
        :func:`change_by_talk`, they would be singled out.
    before, after : str

    Returns
    -------
    DataFrame or None
        None without a ``conversations_held`` column, rows to read or an answer in them.
        Otherwise one row per group (the whole, ``all``, first): the ``by`` columns,
        ``n_responses`` (rows read),
        ``n_not_shown`` (left out, see above), ``n`` (those shown answering), ``n_held_some``
        (held one or more), ``share_held_some`` (of ``n``), ``median_held``, ``total_held``.
    """
    if HELD not in data.columns:
        return None
    rows = np.flatnonzero(outcome_rows(data, before=before, after=after))
    if not len(rows) or np.isnan(_held(data.take(rows))).all():
        return None  # nothing to read, or no one answered
    inner = split_columns(by)[1]
    frame = data
    if schema.TIMEPOINT in data.columns and schema.PARTICIPANT_ID in data.columns:
        keep = [schema.PARTICIPANT_ID, schema.TIMEPOINT, *inner, HELD]
        frame = mark_left_out(data[keep], [schema.TIMEPOINT, *inner], min_group,
                              before=before, after=after)
    frame = frame.take(rows)

    def rows_of(part, cols):
        out = []
        for labels, group in groups(part, cols):
            responses = len(group)
            group, not_shown = shown_rows(group, table_kind(cols, inner))
            held = _held(group)
            held = held[~np.isnan(held)]
            some = int((held >= 1).sum())
            out.append({**dict(zip(cols, labels)), "n_responses": responses,
                        "n_not_shown": not_shown, "n": len(held),
                        "n_held_some": some,
                        "share_held_some": some / len(held) if len(held) else np.nan,
                        "median_held": float(np.median(held)) if len(held) else np.nan,
                        "total_held": int(held.sum())})
        table = pd.DataFrame(out, columns=[*cols, "n_responses", "n_not_shown", *_COUNTS])
        return table.astype({"n": "Int64", "n_held_some": "Int64", "total_held": "Int64"})

    table = with_whole(frame, inner, rows_of)
    few = table["n"].astype(float) < ORDER_STATS_FACTOR * min_group
    table["median_held"] = table["median_held"].mask(few)
    # n_not_shown stays for a hidden group (attacks4 B8): n_responses - n_not_shown is the
    # size the overview and the report give it
    shown = protect(table, by=inner, n="n", stats=list(_COUNTS),
                    min_group=min_group)
    # A total over fewer than min_group people who talked is theirs: hidden (and whatever
    # would give it away), besides what the counts hide.
    totals = protect(table, by=inner, n="n_held_some", stats=["total_held"],
                     min_group=min_group)
    shown["total_held"] = shown["total_held"].mask(totals["total_held"].isna())
    nobody = (shown["n_held_some"] == 0).fillna(False)  # no one talked: the total is 0
    shown.loc[nobody, "total_held"] = 0
    return shown.reset_index(drop=True)


def hide_as_summary(table: pd.DataFrame, summary: pd.DataFrame, by,
                    min_group: int = MIN_GROUP, timepoints=None) -> pd.DataFrame:
    """:func:`conversations`' table with every group the ``summary`` hides hidden too.

    One rule for every table (attacks5 C1): a group whose summary is hidden (for any
    ingredient, at ``timepoints``; ``None``: at any) shows its size only here as well. The
    whole (``all``) is hidden only by its own size, as the table without groups is.
    """
    if table is None or summary is None:
        return table
    inner = [c for c in split_columns(by)[1] if c in table.columns]
    if not inner:
        return table
    also = hidden_in(summary, table, by=inner, on=(), timepoints=timepoints)
    # the whole is hidden by its own size only, as without groups (round 13c T21: a small
    # dated session hid the whole cohort's outcome that the same data without --by shows)
    also &= ~(table[inner].astype("string") == ALL).fillna(False).all(axis=1).to_numpy()
    return protect(table, by=inner, n="n", stats=list(_COUNTS), min_group=min_group,
                   also=also)


def talk_labels(held) -> np.ndarray:
    """``held_some``, ``held_none`` or ``not_answered`` for each number of conversations.

    Examples
    --------
    >>> talk_labels([3, 0, float("nan")]).tolist()
    ['held_some', 'held_none', 'not_answered']
    """
    held = np.asarray(held, dtype=float)
    return np.select([held >= 1, held == 0], [HELD_SOME, HELD_NONE],
                     default=NOT_ANSWERED).astype(object)


def change_by_talk(data: pd.DataFrame, scores: pd.DataFrame, min_group: int = MIN_GROUP, *,
                   before: str = schema.BEFORE, after: str = schema.AFTER, instrument=None
                   ) -> pd.DataFrame | None:
    """Before and after, split by whether people went on to talk to anyone.

    For the people who answered at ``before`` and ``after``, split by their
    ``conversations_held`` at ``after`` (:func:`talk_labels`), the whole first: per
    ingredient the paired change as :func:`workbook.cohort.prepost.compare_timepoints` gives it, and
    the share whose verdict was ``ready`` before and after.

    Parameters
    ----------
    data : DataFrame
        The answers, with ``conversations_held``; ``scores``: :func:`workbook.score` of
        them, row for row.
    min_group : int, default 5
        A split with fewer people (or pairs, for an ingredient's change) shows its size only;
        so does the next smallest split when the whole minus the others would single it out.
    before, after : str
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame or None
        None without the column, without both timepoints or without an answer from anyone
        who answered both times. Otherwise one row per split and
        ingredient: ``went_on_to_talk`` (``all``, then ``held_some``, ``held_none``,
        ``not_answered``, those present), ``ingredient``, ``n_both``, ``n_pairs``,
        ``mean_before``, ``mean_after``, ``mean_change``, ``ci_low``, ``ci_high``,
        ``share_ready_before``, ``share_ready_after``. Where some pairs answered the two
        timepoints on different instrument versions, each change is over the scores
        prepost.csv compares
        (:func:`workbook.cohort.across_versions.compare_across_versions`: such a pair over
        the statements both versions share, or left out) and the table gains
        ``statements`` and ``not_compared`` (as prepost.csv's) after ``ci_high``; the
        verdicts are as answered.
    """
    inst = resolve(instrument)
    if HELD not in data.columns or schema.TIMEPOINT not in scores.columns:
        return None
    timepoints = scores[schema.TIMEPOINT]
    if not (is_label(timepoints, before).any() and is_label(timepoints, after).any()):
        return None
    frame = scores.reset_index(drop=True)
    frame[HELD] = _held(data)
    if schema.PARTICIPANT_ID in data.columns and schema.TIMEPOINT in data.columns:
        # each person's count as the outcome reads it: a later timepoint's (followup) when
        # that is their latest count (attacks5 C19), put on their rows
        rows = outcome_rows(data, before=before, after=after)
        ids = data[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None)
        read = dict(zip(ids[rows], _held(data)[rows]))
        at_after = is_label(frame[schema.TIMEPOINT], after)
        frame[HELD] = np.where(at_after, [read.get(i, np.nan) for i in ids], np.nan)
    pre, post, _ = pair_rows(frame, before, after, [schema.VERDICT, HELD])
    if post[HELD].isna().all():
        return None  # no one who answered both times said how many they held
    label = dict(zip(post.index, talk_labels(post[HELD].to_numpy(dtype=float))))
    who = frame[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None)
    frame[TALKED] = [label.get(w, NOT_ANSWERED) for w in who]  # only pairs are read below
    # The same per-pair scores as prepost.csv: a pair answered on two instrument versions
    # is compared over the statements both share, or not at all (issue 22); on one version
    # this is compare_timepoints of the scores as answered.
    table, _, compared = compare_across_versions(
        data.reset_index(drop=True), frame, before, after, by=TALKED, min_group=min_group,
        instrument=inst)
    if table is None:  # no ingredient compared across the versions: no change to show
        table = compare_timepoints(compared, before, after, by=TALKED, min_group=min_group,
                                   instrument=inst)
    shared = [c for c in ("statements", "not_compared") if "statements" in table.columns]
    change = table[[TALKED, "ingredient", *_CHANGE, *shared]]

    pairs = pd.DataFrame({TALKED: [label[w] for w in pre.index],
                          "before": (pre[schema.VERDICT].astype("string") == schema.READY)
                          .to_numpy(dtype=bool, na_value=False),
                          "after": (post[schema.VERDICT].astype("string") == schema.READY)
                          .to_numpy(dtype=bool, na_value=False)})

    def rows_of(part, cols):
        return pd.DataFrame(
            [{**dict(zip(cols, labels)), "n_both": len(g),
              "share_ready_before": g["before"].mean(), "share_ready_after": g["after"].mean()}
             for labels, g in groups(part, cols)],
            columns=[*cols, "n_both", "share_ready_before", "share_ready_after"])

    ready = protect(with_whole(pairs, [TALKED], rows_of), by=[TALKED], n="n_both",
                    stats=["share_ready_before", "share_ready_after"], min_group=min_group)
    out = change.merge(ready.drop(columns="n_both"), on=TALKED, how="left")
    answered = int(np.isfinite(post[HELD].to_numpy(dtype=float)).sum())
    if len(pairs) < min_group or answered < min_group:
        out = _split_hidden(out, inst.ingredient_ids)
    rank = {name: j for j, name in enumerate((ALL, *SPLITS))}
    order = np.argsort(out[TALKED].map(rank).to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def versions_note(change: pd.DataFrame | None, instrument=None) -> str:
    """What a person reads when :func:`change_by_talk` crossed instrument versions ("" if not).

    From the whole's rows of ``change``: each ingredient some pairs compare over the
    statements both versions share, and each left out as they share too few, in the words
    of ``[words.cohort]`` (``outcome_versions``).
    """
    from workbook.cohort.words import cohort_words

    if change is None or "statements" not in change.columns:
        return ""
    inst = resolve(instrument)
    words = cohort_words(inst)
    whole = change[change[TALKED].astype("string") == ALL]
    used = []
    for r in whole.itertuples(index=False):
        name = inst.ingredient(r.ingredient).name
        ids = [i for i in str(r.statements).replace("|", " ").split() if i]
        if ids:
            used.append(words["outcome_versions_used"].format(
                ingredient=name, note=", ".join(dict.fromkeys(ids))))
        elif isinstance(getattr(r, "not_compared", ""), str) and r.not_compared:
            used.append(words["outcome_versions_none"].format(ingredient=name,
                                                              why=r.not_compared))
    if not used:
        return ""
    return words["outcome_versions"].format(note="; ".join(used))


def _split_hidden(out: pd.DataFrame, ingredients) -> pd.DataFrame:
    """The split with its sizes hidden too: every side listed, no size, no figure.

    The sides' sizes are how many of the people who answered both times held a
    conversation: a figure of the whole. Where the whole is under ``min_group`` (or fewer
    than ``min_group`` of it said how many they held), that figure is hidden as the outcome
    table hides it; every side is listed, so that a missing one does not say it is empty.
    """
    whole = out[out[TALKED] == ALL]
    sides = pd.DataFrame([{TALKED: side, "ingredient": i} for side in SPLITS
                          for i in ingredients])
    sides = sides.reindex(columns=out.columns)
    whole = whole.copy()
    for column in out.columns:
        if column not in (TALKED, "ingredient"):
            kind = "Int64" if out[column].dtype.kind in "iu" else out[column].dtype
            sides[column] = sides[column].astype(kind)
            whole[column] = whole[column].astype(kind)
    return pd.concat([whole, sides], ignore_index=True)


def outcome_tables(data: pd.DataFrame, scores: pd.DataFrame, by=None,
                   min_group: int = MIN_GROUP, *, before: str = schema.BEFORE,
                   after: str = schema.AFTER, instrument=None, answered=None) -> dict:
    """``outcome`` and ``outcome_change`` as :func:`workbook.cohort.analysis.analyse` gives them.

    ``answered``: the rows of ``data`` that are responses, ``scores`` scored from them row
    for row (default ``data``); the conversations are read from every row of ``data``
    (a row answering nothing still holds its conversations:
    :func:`workbook.cohort.rows.unanswered`).

    Each present only when it can be made (see :func:`conversations` and
    :func:`change_by_talk`); an empty dict without a ``conversations_held`` column.
    """
    out = {}
    if HELD not in data.columns:
        return out
    by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    table = conversations(data, by, min_group, before=before, after=after)
    if table is not None:
        out["outcome"] = table
    change = change_by_talk(data if answered is None else answered, scores, min_group,
                            before=before, after=after, instrument=instrument)
    if change is not None:
        out["outcome_change"] = change
    return out
