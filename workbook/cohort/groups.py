"""Groups: which columns may group a cohort, a person's group, and the groups a figure draws.

- :func:`check_grouping` refuses a ``by`` column that identifies people or holds answers
  (:func:`answer_columns`), or whose groups hold one person each;
- :func:`same_group_both_times` puts each paired person in the group of their ``before``
  answer, and :func:`moved_note` says so (:func:`changing_people` counts who moved);
- :func:`largest_groups` and :func:`keep_rows`: the groups drawn where people read.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from workbook.cohort.rows import id_codes
from workbook.cohort.stats import (
    as_list,
    blank_cells,
    check_columns,
    group_sizes,
    is_label,
    label_codes,
    timepoint_order,
)
from workbook.cohort.suppression import check_no_all, split_columns
from workbook.core import schema
from workbook.core.distinct import text_distinct
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve
from workbook.core.text import printable
from workbook.responses.group_labels import ALL, MISSING_GROUP

#: Columns that hold who a person is or their own words: never a grouping.
IDENTIFYING = (schema.PARTICIPANT_ID, schema.NORTH_STAR, schema.NOTES, schema.MOTIVATORS)
#: Column names (lower case, letters and digits only) that name people or reach them.
_IDENTIFYING_NAMES = frozenset({
    "name", "firstname", "lastname", "fullname", "surname", "givenname", "familyname",
    "email", "emailaddress", "mail", "phone", "phonenumber", "mobile", "telephone", "address",
    "ipaddress", "responseid", "respondentid", "participant", "participantcode", "recipientemail",
    "recipientfirstname", "recipientlastname", "externalreference", "externaldatareference",
    "locationlatitude", "locationlongitude", "dateofbirth", "birthdate", "dob", "userid",
    "username", "studentid", "employeeid",
})
_IDENTIFYING_WORDS = frozenset({"email", "mail", "phone", "mobile", "telephone", "surname"})


def answer_columns(instrument=None) -> frozenset:
    """Columns that hold a person's answers or scores, never a grouping.

    The instrument's items, the scores :func:`workbook.score` adds (an ingredient's score,
    level and answered count, verdict, focus, weakest, and the plan's columns of ``workbook
    score``), and the answers besides the items: hours a week, date, conversations held and
    the conversations list's counts, and an export's ``carried`` column (each session's
    ingredients carried from an earlier one, with their dates).

    Examples
    --------
    >>> sorted(answer_columns())[:3]
    ['ambition', 'ambition_1', 'ambition_3']
    """
    from workbook.core.advice import NEAR_LINE, PACE, PATTERNS

    inst = resolve(instrument)
    names = {*inst.item_ids, schema.HOURS, schema.DATE, schema.CONVERSATIONS_HELD,
             *schema.TRACKER_COUNTS, *schema.PLACE_COUNTS, schema.VERDICT, schema.FOCUS,
             schema.WEAKEST, NEAR_LINE, PATTERNS, PACE, "instrument_version",
             schema.CARRIED}  # an export's per-session carried ingredients (T12)
    for ing in inst.ingredient_ids:
        names |= {ing, schema.level_column(ing), schema.answered_column(ing)}
    return frozenset(names)


#: A column is refused as a grouping when its value changes between a person's answers for
#: more than this share of the people who answered more than once: it is an answer, not a
#: group (a few who moved group are kept in their first one: :func:`same_group_both_times`).
CHANGING_SHARE = 0.5


#: A value that looks like an e-mail address, or a phone number (9 or more digits, written
#: with spaces, dots, dashes, brackets or a leading +, and nothing else: a date is not one).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


#: ASCII punctuation and white space, deleted by :func:`_id_key` (a fast path for ASCII).
_ASCII_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(128)
                                             if not chr(c).isalnum()))


def _id_key(text: str) -> str:
    """A participant id or group name as the id check compares them (round 13c T16).

    Width (NFKC), case, spaces and punctuation set aside, so that ``AUT001``, ``AUT 001`` and
    ``aut-001`` are the id ``AUT-001``.

    Examples
    --------
    >>> [_id_key(v) for v in ("AUT-001", "aut 001", "ＡＵＴ００１", "a.u_t/0\u201301")]
    ['aut001', 'aut001', 'aut001', 'aut001']
    """
    if text.isascii():
        return text.translate(_ASCII_MARKS).casefold()
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if c.isalnum()).casefold()


def _refuse_personal_labels(data: pd.DataFrame, col, known=None) -> None:
    """Refuse a ``by`` column whose values say who someone is, whatever it is called (C10).

    A group name is printed in every table and in the cohort report, which promises no
    names or ids: a value that looks like an e-mail address or a phone number, or that is a
    participant id of the file (a ``mentor`` column naming other participants; compared by
    :func:`_id_key`, without case, spaces or punctuation), is refused.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["p1", "p2"], "team": ["a@x.org", "b"]})
    >>> try:
    ...     _refuse_personal_labels(frame, "team")
    ... except DataError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    cannot group by 'team': 1 of its 2 values looks like an e-mail address...
    """
    # The distinct texts (text_distinct: those of astype("string"), missing ones left out;
    # ``known``: the participant ids' distinct texts, when already made).
    labels = [str(v).strip() for v in text_distinct(data[col])[1]]
    labels = [v for v in labels if v]
    if not labels:
        return
    emails = sum(bool(_EMAIL.match(v)) for v in labels)
    phones = sum(bool(_PHONE.match(v)) and sum(c.isdigit() for c in v) >= 9 for v in labels)
    ids = set()
    if schema.PARTICIPANT_ID in data.columns and col != schema.PARTICIPANT_ID:
        if known is None:
            known = text_distinct(data[schema.PARTICIPANT_ID])[1]
        # compared without width, case, spaces or punctuation: AUT001 is AUT-001 (T16)
        ids = {_id_key(str(v)) for v in known}
        ids.discard("")
    people = sum(_id_key(v) in ids for v in labels)
    # round 14c W5: numbered groups in a file of numbered people; never "use cohort" for cohort
    numbered = bool(people) and all(v.isdigit() for v in labels if _id_key(v) in ids)
    advice = ("the participant ids are numbers too: write the groups as names, such as "
              "'group 1'" if numbered else "replace those values with group names")
    if col != schema.COHORT and not numbered:
        advice = "group by a column such as cohort, or " + advice
    for count, one, many in (
            (emails, "looks like an e-mail address", "look like e-mail addresses"),
            (phones, "looks like a phone number", "look like phone numbers"),
            (people, "is a participant id of this file", "are participant ids of this file")):
        if count:
            raise DataError(
                f"cannot group by {col!r}: {count} of its {len(labels)} values "
                f"{one if count == 1 else many}, and group names are printed in every "
                f"table and in the cohort report, which holds no names, contacts or ids; {advice}"
            )


def check_grouping(data: pd.DataFrame, by, *, instrument=None, coded_ids=None,
                   changes: dict | None = None) -> None:
    """Refuse a ``by`` column that identifies people or holds answers; groups hold several.

    A column is refused when it is declared identifying (:data:`IDENTIFYING`, or a name such as
    ``email``, ``name`` or ``phone``), or when its values mostly tell people apart: with two or
    more groups, more groups than half the people, or more than half the groups holding one
    person. People are counted by ``participant_id`` (rows when there is none); ``timepoint``
    is never refused. So is a column of answers or scores (:func:`answer_columns`: an item,
    ``date``, ``conversations_held``, ...), a column whose value changes between a person's
    answers for most of the people who answered more than once (more than
    :data:`CHANGING_SHARE`: a person's group is one for all their answers), a column with a
    group named as the kit names the whole or no group (``all``, ``Everyone``,
    ``(missing)``: :func:`workbook.cohort.suppression.check_no_all`), or no such column.

    ``coded_ids``: :func:`workbook.cohort.rows.id_codes` of the ``participant_id`` column,
    when already made. ``changes``: a dict this fills with each column's
    :func:`changing_people` (for :func:`moved_note`, which then does not count again).

    Raises
    ------
    DataError
        Naming the column and why, and what to group by instead.

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> check_grouping(load_sample(), "cohort")
    >>> check_grouping(load_sample(), "participant_id")
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.DataError: cannot group by 'participant_id': it identifies people ...
    """
    if as_list(by) and all(c == schema.TIMEPOINT for c in as_list(by)):  # (attacks3 A19)
        raise DataError(f"cannot group by {schema.TIMEPOINT!r}: every table is split by "
                        f"{schema.TIMEPOINT} already; group by a column such as cohort")
    by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    check_columns(data, by)
    answers = answer_columns(instrument)
    for col in by:
        if col in answers:
            raise DataError(
                f"cannot group by {col!r}: it holds each person's own answers, scores or "
                "dates, not groups; group by a column such as cohort"
            )
    check_no_all(data, by)
    for col in by:
        plain = re.sub(r"[^a-z0-9]", "", str(col).lower())
        words = set(re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", str(col)).lower()))
        if col in IDENTIFYING or plain in _IDENTIFYING_NAMES or words & _IDENTIFYING_WORDS:
            raise DataError(
                f"cannot group by {col!r}: it identifies people (a name, contact or own words), "
                "so every table would show them one by one; group by a column such as cohort"
            )
        # whatever the column is called (attacks5 C10); the ids' texts as id_codes made
        # them (those of astype("string"): a categorical's may hold unused ones, so not then)
        known = None
        if coded_ids is not None and schema.PARTICIPANT_ID in data.columns and \
                not isinstance(data[schema.PARTICIPANT_ID].dtype, pd.CategoricalDtype):
            known = coded_ids[1]
        _refuse_personal_labels(data, col, known)
        # On codes: a group per label as text (missing: MISSING_GROUP), a person per id as
        # text (missing: "").
        values, labels = label_codes(data[col].rename(col), MISSING_GROUP, timepoints=False)
        if schema.PARTICIPANT_ID in data.columns:
            who, ids = coded_ids or id_codes(data[schema.PARTICIPANT_ID])
            blank = int(pd.Index(ids).get_indexer([""])[0])
            who = np.where(who < 0, blank if blank >= 0 else len(ids), who)
            people = int(np.count_nonzero(np.bincount(who)))
            if len(labels) <= 64:  # who is in which group, as a small table of flags
                seen = np.zeros((len(labels), len(ids) + 1), dtype=bool)
                seen[values, who] = True
                sizes = seen.sum(axis=1)
            else:
                pairs = np.unique(values * (len(ids) + 1) + who)
                sizes = np.bincount(pairs // (len(ids) + 1), minlength=len(labels))
        else:
            people, sizes = len(values), np.bincount(values, minlength=len(labels))
        if MISSING_GROUP in labels:  # an empty cell is no group, nor a value (attacks5 C13 a)
            sizes = np.array(sizes)
            sizes[labels.index(MISSING_GROUP)] = 0
        sizes = sizes[sizes > 0]
        ones = int((sizes == 1).sum())
        if len(sizes) >= 2 and (len(sizes) > people / 2 or ones > len(sizes) / 2):
            raise DataError(
                f"cannot group by {col!r}: it identifies people ({len(sizes)} different values "
                f"for {people} people, {ones} of them held by one person only); group by a "
                "column whose groups hold several people each"
                + ("" if col == schema.COHORT else ", such as cohort")
            )
        changed, several = changing_people(data, col, coded_ids=coded_ids)
        if changes is not None:
            changes[col] = changed, several
        if several and changed > CHANGING_SHARE * several:
            raise DataError(
                f"cannot group by {col!r}: it changes between a person's answers for {changed} "
                f"of the {several} people who answered more than once, so it is not a group "
                "a person belongs to; "
                + ("write each person's cohort the same on all their rows"
                   if col == schema.COHORT else "group by a column such as cohort")
            )


def moved_note(data: pd.DataFrame, by, *, before: str = schema.BEFORE,
               after: str = schema.AFTER, coded_ids=None, rows: bool = True,
               changes: dict | None = None) -> str:
    """What the tables do with people whose group changes between their answers ("" if none).

    ``rows=False`` leaves out the rows of the file the note would name: a cohort report
    gives counts only and never points at one person's row (attacks5 C20 c).

    With ``before`` and ``after`` answers, each person is counted in their group at
    ``before`` (:func:`same_group_both_times`); otherwise in the group of their ``before``
    answer, else of their earliest one (a workspace export's dated sessions).
    :func:`check_grouping` has refused a column where most people's group changes.

    ``coded_ids``: :func:`workbook.cohort.rows.id_codes` of the ``participant_id`` column,
    when already made. ``changes``: column -> :func:`changing_people` of ``data``, where
    :func:`check_grouping` has counted them.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["p1", "p1", "p2", "p2"],
    ...                       "timepoint": ["pre", "post", "pre", "post"],
    ...                       "cohort": ["a", "b", "a", "a"]})
    >>> moved_note(frame, "cohort")
    "1 person's cohort differs between their answers: each person is counted in their cohort at pre"
    """
    notes = []
    paired = schema.TIMEPOINT in data.columns and is_label(data[schema.TIMEPOINT], before).any() \
        and is_label(data[schema.TIMEPOINT], after).any()
    has_before = schema.TIMEPOINT in data.columns and \
        is_label(data[schema.TIMEPOINT], before).any()
    for col in split_columns(by)[1]:
        if paired:
            notes.append(_after_only_note(data, col, before, after, coded_ids, rows=rows))
        changed = (changes[col] if changes and col in changes else
                   changing_people(data, col, coded_ids=coded_ids))[0]
        if not changed:
            continue
        who = f"1 person's {col}" if changed == 1 else f"{changed} people's {col}"
        if paired:
            how = f"each person is counted in their {col} at {before}"
        elif has_before:
            how = (f"each person is counted in their {col} at {before}, or at their earliest "
                   "answer when they have none")
        else:  # a workspace export's dated sessions (M7)
            how = f"each person is counted in the {col} of their earliest answer"
        notes.append(f"{who} differs between their answers: {how}")
    return "; ".join(n for n in notes if n)


def _after_only_note(data: pd.DataFrame, col, before: str, after: str,
                     coded_ids=None, *, rows: bool = True) -> str:
    """People with a ``before`` answer whose ``col`` is written on ``after`` rows only ("" none).

    :func:`same_group_both_times` takes that group for their ``before`` answers too; the note
    says so, naming the first ``after`` row giving it for each such person.
    """
    from workbook.core.validation import row_numbers

    if col not in data.columns or schema.PARTICIPANT_ID not in data.columns:
        return ""
    who, ids = coded_ids or id_codes(data[schema.PARTICIPANT_ID])
    who = np.where(who < 0, len(ids), who)
    given = ~blank_cells(data[col])
    at_before = np.asarray(is_label(data[schema.TIMEPOINT], before), dtype=bool)
    at_after = np.asarray(is_label(data[schema.TIMEPOINT], after), dtype=bool)
    size = len(ids) + 1
    has_before = np.bincount(who[at_before], minlength=size) > 0
    given_before = np.bincount(who[at_before & given], minlength=size) > 0
    given_after = np.bincount(who[at_after & given], minlength=size) > 0
    taken = has_before & ~given_before & given_after
    taken[len(ids)] = False  # rows without an id are no one
    if not taken.any():
        return ""
    n = int(taken.sum())
    people = "1 person's" if n == 1 else f"{n} people's"
    where = ""
    if rows:
        numbers = row_numbers(data)
        first = {}
        for pos in np.flatnonzero(at_after & given & taken[who]):
            first.setdefault(int(who[pos]), int(numbers[pos]))
        listed = sorted(first.values())
        where = " (row{} {})".format("s" if len(listed) > 1 else "", ", ".join(
            map(str, listed[:20])) + (" ..." if len(listed) > 20 else ""))
    return (f"{people} {printable(col)} is written on their {after} answers only{where}: "
            f"it is taken for their {before} answers too")


def changing_people(data: pd.DataFrame, col, *, coded_ids=None) -> tuple:
    """(people whose ``col`` differs between their rows, people with more than one row).

    Values are compared as text; an empty cell is no value (a group written at ``pre`` only
    is not a change: the tables take it from there). Without a ``participant_id`` column,
    (0, 0).

    ``coded_ids``: :func:`workbook.cohort.rows.id_codes` of the ``participant_id`` column,
    when already made.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["a", "a", "b", "b", "c", "d", "d"],
    ...                       "cohort": ["x", "y", "x", "x", "z", "x", None]})
    >>> changing_people(frame, "cohort")
    (1, 3)
    """
    if schema.PARTICIPANT_ID not in data.columns or col not in data.columns:
        return 0, 0
    who, ids = coded_ids or id_codes(data[schema.PARTICIPANT_ID])
    who = np.where(who < 0, len(ids), who)
    values, labels = label_codes(data[col].rename(col), "\0", timepoints=False)
    rows = np.bincount(who, minlength=len(ids) + 1)
    given = np.flatnonzero(data[col].notna().to_numpy(dtype=bool))
    # A person's value differs between their rows when a row's differs from any one of their
    # values (here: whichever one assignment leaves), without sorting the pairs.
    who, values = who[given], values[given]
    one = np.zeros(len(ids) + 1, dtype=values.dtype)
    one[who] = values
    changed = np.zeros(len(ids) + 1, dtype=bool)
    changed[who[values != one[who]]] = True
    return int(changed.sum()), int((rows > 1).sum())


#: Groups shown at most where people read (figures, the terminal): the largest, the whole
#: besides; the rest are named as left out (every group is in the tables).
MAX_GROUPS = 12


def largest_groups(data: pd.DataFrame, by, max_groups: int = MAX_GROUPS):
    """The groups a figure draws: the ``max_groups`` largest, by responses, and how many not.

    Timepoints are not groups here (see :func:`.suppression.split_columns`): a group is drawn
    at every timepoint or at none. Ties go to the group whose labels sort first.

    Returns
    -------
    tuple
        (set of label tuples, as text, of the groups drawn, or None when ``by`` splits nothing;
        number of groups left out)

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"cohort": ["a", "b", "b", "c", "c", "c"]})
    >>> keep, left_out = largest_groups(data, "cohort", 2)
    >>> sorted(keep), left_out
    ([('b',), ('c',)], 1)
    """
    inner = split_columns(by)[1]
    if not inner:
        return None, 0
    sizes = group_sizes(data, inner)
    ranked = sorted((-int(n), tuple(map(str, k))) for k, n in sizes.items() if n)
    keep = {k for _, k in ranked[:max_groups]}
    return keep, len(ranked) - len(keep)


def keep_rows(table: pd.DataFrame, by, keep) -> pd.DataFrame:
    """Rows of ``table`` for the whole and the groups in ``keep`` (all rows without ``keep``).

    ``keep``: as :func:`largest_groups` gives it.
    """
    inner = split_columns(by)[1]
    if keep is None or not inner:
        return table
    labels = table[inner].astype("string").fillna(MISSING_GROUP)
    whole = (labels == ALL).all(axis=1).to_numpy(dtype=bool)
    kept = np.array([tuple(r) in keep for r in labels.itertuples(index=False)], dtype=bool)
    return table[whole | kept]


def same_group_both_times(frame: pd.DataFrame, by=None, *, before: str = schema.BEFORE,
                          after: str = schema.AFTER, coded_ids=None) -> pd.DataFrame:
    """``frame`` with each paired person's ``after`` row in the group of their ``before`` row.

    :func:`compare_timepoints` takes a person's group from the ``before`` response; the
    tables at ``after`` do the same, so that someone who moved group is described in one
    group only (else the group they left, after, minus its pairs would give them away).
    An empty cell is no group: a person whose group is written at ``after`` only is in that
    group at both timepoints (their first non-empty one, ``before`` rows first). Rows at
    other timepoints, or in a file without ``before`` and ``after`` (a workspace export's
    dated sessions), are put in the person's group too: at ``before``, else ``after``, else
    their earliest answer (:func:`_one_group_each`): a person is in one group for all their
    answers.

    ``coded_ids``: :func:`workbook.cohort.rows.id_codes` of the ``participant_id`` column,
    when already made.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["p1", "p1", "p2"],
    ...                       "timepoint": ["pre", "post", "post"], "cohort": ["a", "b", "b"]})
    >>> same_group_both_times(frame, "cohort")["cohort"].tolist()
    ['a', 'a', 'b']
    """
    inner = [c for c in split_columns(by)[1] if c in frame.columns]
    if not inner or schema.PARTICIPANT_ID not in frame.columns:
        return frame
    if schema.TIMEPOINT not in frame.columns:
        return _one_group_each(frame, inner, before, after, coded_ids)
    at_before = is_label(frame[schema.TIMEPOINT], before)
    at_after = is_label(frame[schema.TIMEPOINT], after)
    codes, uniques = coded_ids or id_codes(frame[schema.PARTICIPANT_ID])
    codes = np.where(codes < 0, len(uniques), codes)  # a missing id is one id, as in an index

    def first_row(mask):
        """Each person's first row where ``mask`` holds (-1: none)."""
        rows = np.flatnonzero(mask)[::-1]
        first = np.full(len(uniques) + 1, -1, dtype=np.int64)
        first[codes[rows]] = rows  # the first one written last
        return first

    has_before = first_row(at_before)
    out = frame
    for col in inner:
        # An empty cell is no group: a person's group is their first one at ``before``, else
        # (written at ``after`` only) their first one at ``after``.
        empty = blank_cells(frame[col])
        given_before, given_after = first_row(at_before & ~empty), first_row(at_after & ~empty)
        source_of = np.where(given_before >= 0, given_before,
                             np.where(given_after >= 0, given_after, has_before))
        targets = np.flatnonzero((at_after | (at_before & empty)) & (has_before[codes] >= 0))
        if not len(targets):
            continue
        source = source_of[codes[targets]]
        # Labels compared as text, a missing one as "\0": the same code, the same text.
        labels, _ = label_codes(frame[col], "\0", timepoints=False)
        differs = labels[source] != labels[targets]
        new = frame[col].to_numpy()[source]
        if differs.any():
            out = out.copy() if out is frame else out
            values = out[col].to_numpy(dtype=object).copy()
            values[targets[differs]] = new[differs]
            out[col] = pd.Series(values, index=out.index).astype(frame[col].dtype,
                                                                  errors="ignore")
    return _one_group_each(out, inner, before, after, coded_ids)


def _time_keys(frame: pd.DataFrame) -> tuple:
    """Each row's place in time, earliest first: (day as a number, timepoint's rank).

    The day is the ``date`` cell, else the timepoint when it is a date (a workspace export's
    sessions); a row with neither comes last. Ties go by :func:`timepoint_order`.
    """
    n = len(frame)
    day = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for col in (schema.DATE, schema.TIMEPOINT):
        if col in frame.columns:
            read = pd.to_datetime(frame[col].astype("string"), errors="coerce",
                                  format="ISO8601")
            if getattr(read.dt, "tz", None) is not None:
                read = read.dt.tz_localize(None)
            day = day.fillna(read.astype("datetime64[ns]"))
    days = day.to_numpy(dtype="datetime64[ns]").astype(np.int64)
    days = np.where(day.isna().to_numpy(), np.iinfo(np.int64).max, days)
    rank = np.zeros(n, dtype=np.int64)
    if schema.TIMEPOINT in frame.columns:
        labels = frame[schema.TIMEPOINT].astype("string")
        order = timepoint_order(labels.dropna().tolist())
        rank = labels.map({t: i for i, t in enumerate(order)}).fillna(len(order))
        rank = rank.to_numpy(dtype=np.int64)
    return days, rank


def _one_group_each(frame: pd.DataFrame, inner, before: str, after: str,
                    coded_ids=None) -> pd.DataFrame:
    """``frame`` with every row of a person in one group of each ``inner`` column (M7).

    A person's group is their first one written at ``before``, else at ``after``, else at
    their earliest answer (:func:`_time_keys`; a workspace export's dated sessions). Rows
    without an id are left as they are (no one to follow). Once
    :func:`same_group_both_times` has put ``after`` rows in the ``before`` group, this moves
    only rows at other timepoints, or any in a file without both.
    """
    codes, uniques = coded_ids or id_codes(frame[schema.PARTICIPANT_ID])
    codes = np.asarray(codes)
    known = codes >= 0
    out = frame
    keys = None
    for col in inner:
        empty = np.asarray(blank_cells(frame[col]), dtype=bool)
        labels, _ = label_codes(frame[col], "\0", timepoints=False)
        given = np.flatnonzero(known & ~empty)
        if not len(given):
            continue
        # Nothing to move when each person's given rows agree and none of theirs is empty.
        first = np.full(len(uniques), -1, dtype=np.int64)
        first[codes[given]] = labels[given]
        rows = np.flatnonzero(known)
        if not ((labels[given] != first[codes[given]]).any()
                or (empty[rows] & (first[codes[rows]] >= 0)).any()):
            continue
        if keys is None:
            days, rank = _time_keys(frame)
            kind = np.full(len(frame), 2, dtype=np.int64)
            if schema.TIMEPOINT in frame.columns:
                kind[np.asarray(is_label(frame[schema.TIMEPOINT], after), dtype=bool)] = 1
                kind[np.asarray(is_label(frame[schema.TIMEPOINT], before), dtype=bool)] = 0
            # before and after rows in file order (as same_group_both_times takes them),
            # the others by day, then timepoint
            days = np.where(kind < 2, 0, days)
            rank = np.where(kind < 2, 0, rank)
            keys = kind, days, rank
        kind, days, rank = keys
        order = given[np.lexsort((given, rank[given], days[given], kind[given],
                                  codes[given]))]
        starts = np.r_[True, codes[order][1:] != codes[order][:-1]]
        source = np.full(len(uniques), -1, dtype=np.int64)
        source[codes[order][starts]] = order[starts]
        has = source[codes[rows]] >= 0
        rows = rows[has]
        src = source[codes[rows]]
        differs = labels[src] != labels[rows]
        if differs.any():
            out = out.copy() if out is frame else out
            values = out[col].to_numpy(dtype=object).copy()
            values[rows[differs]] = frame[col].to_numpy(dtype=object)[src[differs]]
            out[col] = pd.Series(values, index=out.index).astype(frame[col].dtype,
                                                                  errors="ignore")
    return out
