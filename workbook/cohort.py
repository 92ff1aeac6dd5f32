"""Where a group stands and what changed: pure functions on the table :func:`workbook.score` gives.

One vocabulary throughout: ``scores`` (or ``data`` for answers), ``by`` (a column or list of
columns to group by), ``min_group`` (groups smaller than this keep their count but show no
statistics, default 5), ``before``/``after`` (the timepoint labels to pair).

Grouped by a column other than ``timepoint``, every table holds the whole cohort first (group
``all``) and then each group; groups are hidden as :mod:`workbook.suppression` says, so that
no group smaller than ``min_group`` can be read or derived from the whole and the others.

The before/after table describes the people who answered at both ``pre`` and ``post``; the
tables at one timepoint describe everyone who answered then. When 1 to ``min_group - 1``
people of a group answered only once (or answered an ingredient only once), they are a small
group of their own: every table and figure at that timepoint leaves them out of that group
and counts them in ``n_not_shown`` (:func:`mark_left_out`), so no two outputs set side by side
give their answers away. A person's group is the one of their ``pre`` answer
(:func:`same_group_both_times`); item means are not shown where a few part-answered people
would be given away (:func:`mark_partial`). A hidden group shows its number of responses
(``n_responses``, ``n_both``) and no count per ingredient.

Examples
--------
>>> from workbook.datasets import load_sample
>>> from workbook import score
>>> from workbook.cohort import summarize
>>> table = summarize(score(load_sample()), by="timepoint")
>>> table[["timepoint", "ingredient", "n"]].head(2).values.tolist()
[['pre', 'hope', 123], ['pre', 'time', 122]]
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import schema
from .exceptions import DataError
from .instrument import resolve
from .stats import (
    MISSING_GROUP,
    as_list,
    check_columns,
    describe,
    group_positions,
    group_sizes,
    grouping_columns,
    groups,
    is_label,
    label_codes,
    paired_tests,
)
from .suppression import (
    ALL,
    MIN_GROUP,
    RESERVED_GROUPS,
    check_no_all,
    group_ids,
    hidden_in,
    left_out,
    protect,
    split_columns,
    with_whole,
)
from .text import printable

#: Reliable change categories (Jacobson & Truax 1991), and the |RCI| beyond which change is
#: reliable (two-sided 95%).
IMPROVED, NO_CHANGE, DECLINED = "improved", "no_reliable_change", "declined"
RCI_CATEGORIES = (IMPROVED, NO_CHANGE, DECLINED)
RCI_CUTOFF = 1.96

_STATS = ("mean", "sd", "median", "q1", "q3", "ci_low", "ci_high")
#: The median and quartiles of a group are shown only from this many times ``min_group``
#: people (10 by default): below it they pin down single people's scores.
ORDER_STATS_FACTOR = 2


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
    the conversations list's counts.

    Examples
    --------
    >>> sorted(answer_columns())[:3]
    ['ambition', 'ambition_1', 'ambition_3']
    """
    from .advice import NEAR_LINE, PACE, PATTERNS

    inst = resolve(instrument)
    names = {*inst.item_ids, schema.HOURS, schema.DATE, schema.CONVERSATIONS_HELD,
             *schema.TRACKER_COUNTS, *schema.PLACE_COUNTS, schema.VERDICT, schema.FOCUS,
             schema.WEAKEST, NEAR_LINE, PATTERNS, PACE, "instrument_version"}
    for ing in inst.ingredient_ids:
        names |= {ing, schema.level_column(ing), schema.answered_column(ing)}
    return frozenset(names)


#: A column is refused as a grouping when its value changes between a person's answers for
#: more than this share of the people who answered more than once: it is an answer, not a
#: group (a few who moved group are kept in their first one: :func:`same_group_both_times`).
CHANGING_SHARE = 0.5


#: The kit's own group names as :func:`group_spellings` compares labels.
_RESERVED = frozenset(name.casefold() for name in RESERVED_GROUPS)


def group_spellings(data: pd.DataFrame, by, *, rows: bool = True) -> tuple[pd.DataFrame, str]:
    """One spelling for each group of ``by``: the data so written, and a note ("" for none).

    Group labels that differ only in capitals, spaces at either end or width (compared in
    Unicode's compatibility form, NFKC, case folded: ``Spring ``, ``spring``, ``ｓｐｒｉｎｇ``)
    are one group, spelled as the file first writes it (spaces around it removed), as
    timepoints are (:mod:`workbook.timepoints`). ``timepoint`` is left to reading.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cohort": ["Spring ", "spring", "Fall", "Fall"]})
    >>> spelled, note = group_spellings(frame, "cohort")
    >>> spelled["cohort"].tolist(), note
    (['Spring', 'Spring', 'Fall', 'Fall'], "groups of cohort written more than one way (capitals, \
spaces or width), read as one, spelled as first seen: 'Spring ' -> 'Spring', 'spring' -> 'Spring'")
    """
    import unicodedata

    said = []
    out = data
    for col in as_list(by):
        if col not in data.columns or col == schema.TIMEPOINT:
            continue
        out, none = _no_group_labels(out, col, rows=rows)
        if none:
            said.append(none)
        out, guarded = _unguarded_labels(out, col)
        if guarded:
            said.append(guarded)
        first, rename = {}, {}
        for value in pd.unique(out[col].dropna()):
            if not isinstance(value, str) or not value.strip():
                continue
            text = value.strip()
            plain = unicodedata.normalize("NFKC", text).casefold()
            if plain in _RESERVED:  # left as written: check_no_all refuses it by that name
                continue
            one = first.setdefault(plain, text)
            if one != value:
                rename[value] = one
        if not rename:
            continue
        if out is data:
            out = data.copy()
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)
        hit = out[col].isin(list(rename)).to_numpy(dtype=bool)
        out.loc[hit, col] = out.loc[hit, col].map(rename)  # every other value as it was
        shown = [f"'{printable(k)}' -> '{printable(v)}'" for k, v in list(rename.items())[:12]]
        more = f" and {len(rename) - 12} more" if len(rename) > 12 else ""
        said.append(f"groups of {printable(col)} written more than one way (capitals, spaces or "
                    f"width), read as one, spelled as first seen: {', '.join(shown)}{more}")
    return out, "; ".join(said)


def _unguarded_labels(data: pd.DataFrame, col) -> tuple[pd.DataFrame, str]:
    """``data`` with ``col``'s labels read without the kit's formula guard, and a note.

    ``export-clients --cohort +Spring`` writes ``'+Spring`` so that a spreadsheet does not
    run it; the group is ``+Spring`` (as an id so guarded is read back as the id).
    """
    from .reshape import unguarded_id

    rename = {v: unguarded_id(v) for v in pd.unique(data[col].dropna())
              if isinstance(v, str) and unguarded_id(v) != v}
    taken = set(pd.unique(data[col].dropna()))
    rename = {k: v for k, v in rename.items() if v not in taken}  # never two groups as one
    if not rename:
        return data, ""
    out = data.copy()
    if isinstance(out[col].dtype, pd.CategoricalDtype):
        out[col] = out[col].astype(object)
    hit = out[col].isin(list(rename)).to_numpy(dtype=bool)
    out.loc[hit, col] = out.loc[hit, col].map(rename)
    shown = ", ".join(f"'{printable(k)}' -> '{printable(v)}'" for k, v in rename.items())
    return out, (f"groups of {printable(col)} read without the apostrophe put before them so "
                 f"that a spreadsheet does not run them as formulas: {shown}")


def _no_group_label(value) -> bool:
    """True for a text that names no group: empty, invisible only, or ``NA``-like."""
    import unicodedata

    from .validation import MISSING_LABELS

    if not isinstance(value, str):
        return False
    text = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cf", "Cc")).strip()
    return unicodedata.normalize("NFKC", text).casefold() in MISSING_LABELS


def _no_group_labels(data: pd.DataFrame, col, *,
                     rows: bool = True) -> tuple[pd.DataFrame, str]:
    """``data`` with ``col``'s labels that name no group made missing, and a note ("" none).

    ``rows=False``: the note names no row of the file (a cohort report's, C20 c).

    A label of only spaces or invisible characters (a zero-width space), or a "not answered"
    marker of the data dictionary (``NA``, ``N/A``, ``-``, ``skipped``), is no group: it is
    ``(missing)`` in the tables, as an empty cell is, never a group of its own.
    """
    from .validation import row_numbers

    found = [v for v in pd.unique(data[col].dropna()) if _no_group_label(v)]
    if not found:
        return data, ""
    out = data.copy()
    if isinstance(out[col].dtype, pd.CategoricalDtype):
        out[col] = out[col].astype(object)
    column = data[col]
    numbers = row_numbers(data)
    listed = []
    for value in found[:12]:
        at = numbers[(column == value).to_numpy(dtype=bool)]
        where = ", ".join(str(r) for r in at[:5]) + (" ..." if len(at) > 5 else "")
        listed.append(f"'{printable(value)}'" + (
            f" (row{'s' if len(at) > 1 else ''} {where})" if rows else ""))
    more = f" and {len(found) - 12} more" if len(found) > 12 else ""
    hit = column.isin(found).to_numpy(dtype=bool)
    out.loc[hit, col] = None
    return out, (f"groups of {printable(col)} that name no group (empty, invisible characters "
                 "only, or a \"not answered\" marker such as NA), read as missing, "
                 f"{MISSING_GROUP} in the tables: {', '.join(listed)}{more}")


#: A value that looks like an e-mail address, or a phone number (9 or more digits, written
#: with spaces, dots, dashes, brackets or a leading +, and nothing else: a date is not one).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


def _refuse_personal_labels(data: pd.DataFrame, col) -> None:
    """Refuse a ``by`` column whose values say who someone is, whatever it is called (C10).

    A group name is printed in every table and in the cohort report, which promises no
    names or ids: a value that looks like an e-mail address or a phone number, or that is a
    participant id of the file (a ``mentor`` column naming other participants), is refused.

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
    labels = [str(v).strip() for v in pd.unique(data[col].dropna().astype("string"))]
    labels = [v for v in labels if v]
    if not labels:
        return
    emails = sum(bool(_EMAIL.match(v)) for v in labels)
    phones = sum(bool(_PHONE.match(v)) and sum(c.isdigit() for c in v) >= 9 for v in labels)
    ids = set()
    if schema.PARTICIPANT_ID in data.columns and col != schema.PARTICIPANT_ID:
        ids = {str(v).strip().casefold() for v in
               pd.unique(data[schema.PARTICIPANT_ID].dropna().astype("string"))}
    people = sum(v.casefold() in ids for v in labels)
    for count, one, many in (
            (emails, "looks like an e-mail address", "look like e-mail addresses"),
            (phones, "looks like a phone number", "look like phone numbers"),
            (people, "is a participant id of this file", "are participant ids of this file")):
        if count:
            raise DataError(
                f"cannot group by {col!r}: {count} of its {len(labels)} values "
                f"{one if count == 1 else many}, and group names are printed in every "
                "table and in the cohort report, which holds no names, contacts or ids; group "
                "by a column such as cohort, or replace those values with group names"
            )


def check_grouping(data: pd.DataFrame, by, *, instrument=None) -> None:
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
    ``(missing)``: :func:`workbook.suppression.check_no_all`), or no such column.

    Raises
    ------
    DataError
        Naming the column and why, and what to group by instead.

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> check_grouping(load_sample(), "cohort")
    >>> check_grouping(load_sample(), "participant_id")
    Traceback (most recent call last):
    ...
    workbook.exceptions.DataError: cannot group by 'participant_id': it identifies people ...
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
        _refuse_personal_labels(data, col)  # whatever the column is called (attacks5 C10)
        # On codes: a group per label as text (missing: MISSING_GROUP), a person per id as
        # text (missing: "").
        values, labels = label_codes(data[col].rename(col), MISSING_GROUP, timepoints=False)
        if schema.PARTICIPANT_ID in data.columns:
            who, ids = _id_codes(data[schema.PARTICIPANT_ID])
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
        changed, several = changing_people(data, col)
        if several and changed > CHANGING_SHARE * several:
            raise DataError(
                f"cannot group by {col!r}: it changes between a person's answers for {changed} "
                f"of the {several} people who answered more than once, so it is not a group "
                "a person belongs to; "
                + ("write each person's cohort the same on all their rows"
                   if col == schema.COHORT else "group by a column such as cohort")
            )


def moved_note(data: pd.DataFrame, by, *, before: str = schema.BEFORE,
               after: str = schema.AFTER, rows: bool = True) -> str:
    """What the tables do with people whose group changes between their answers ("" if none).

    ``rows=False`` leaves out the rows of the file the note would name: a cohort report
    gives counts only and never points at one person's row (attacks5 C20 c).

    With ``before`` and ``after`` answers, each person is counted in their group at
    ``before`` (:func:`same_group_both_times`); otherwise each answer in the group it gives.
    :func:`check_grouping` has refused a column where most people's group changes.

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
    for col in split_columns(by)[1]:
        if paired:
            notes.append(_after_only_note(data, col, before, after, rows=rows))
        changed = changing_people(data, col)[0]
        if not changed:
            continue
        who = f"1 person's {col}" if changed == 1 else f"{changed} people's {col}"
        how = f"each person is counted in their {col} at {before}" if paired else \
            f"each answer is counted in the {col} it gives"
        notes.append(f"{who} differs between their answers: {how}")
    return "; ".join(n for n in notes if n)


def _after_only_note(data: pd.DataFrame, col, before: str, after: str, *,
                     rows: bool = True) -> str:
    """People with a ``before`` answer whose ``col`` is written on ``after`` rows only ("" none).

    :func:`same_group_both_times` takes that group for their ``before`` answers too; the note
    says so, naming the first ``after`` row giving it for each such person.
    """
    from .validation import row_numbers

    if col not in data.columns or schema.PARTICIPANT_ID not in data.columns:
        return ""
    who, ids = _id_codes(data[schema.PARTICIPANT_ID])
    who = np.where(who < 0, len(ids), who)
    text = data[col].astype("string")
    given = ~(data[col].isna() | text.fillna("").str.strip().eq("")).to_numpy(dtype=bool)
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


def changing_people(data: pd.DataFrame, col) -> tuple:
    """(people whose ``col`` differs between their rows, people with more than one row).

    Values are compared as text; an empty cell is no value (a group written at ``pre`` only
    is not a change: the tables take it from there). Without a ``participant_id`` column,
    (0, 0).

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
    who, ids = _id_codes(data[schema.PARTICIPANT_ID])
    who = np.where(who < 0, len(ids), who)
    values, labels = label_codes(data[col].rename(col), "\0", timepoints=False)
    rows = np.bincount(who, minlength=len(ids) + 1)
    given = data[col].notna().to_numpy(dtype=bool)
    pairs = np.unique(who[given].astype(np.int64) * (len(labels) + 1) + values[given])
    distinct = np.bincount(pairs // (len(labels) + 1), minlength=len(ids) + 1)
    return int((distinct > 1).sum()), int((rows > 1).sum())


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


#: Private columns :func:`mark_left_out` adds: rows the whole / the groups leave out.
OUT_WHOLE, OUT_GROUP = "_out:whole", "_out:group"


def _out(kind: str, ingredient: str | None = None) -> str:
    base = OUT_GROUP if kind == "group" else OUT_WHOLE
    return base if ingredient is None else f"{base}:{ingredient}"


def _kind(cols, inner) -> str:
    """Whether a table's ``rows_of`` is computing the whole or the groups (see with_whole)."""
    return "group" if set(as_list(cols)) & set(inner) else "whole"


def mark_left_out(frame: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                  before: str = schema.BEFORE, after: str = schema.AFTER,
                  ingredients=()) -> pd.DataFrame:
    """``frame`` with the rows each table leaves out marked, so no one can be derived.

    The before/after table describes only the people who answered at both ``before`` and
    ``after``; the tables at one timepoint describe everyone who answered then. When 1 to
    ``min_group - 1`` people of a group answered at only one of the two (or, for one
    ingredient, have its score at only one), setting the two side by side gives their scores
    away. They are then a small group of their own and left out of the group's figures at that
    timepoint: see :func:`workbook.suppression.left_out` for the whole and its groups. With 0
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
        out[_out("whole", ing)] = out[_out("group", ing)] = np.zeros(n, dtype=bool)
    if schema.PARTICIPANT_ID not in out.columns or schema.TIMEPOINT not in out.columns:
        return out
    at_before = is_label(out[schema.TIMEPOINT], before)
    at_after = is_label(out[schema.TIMEPOINT], after)
    if not (at_before.any() and at_after.any()):
        return out
    codes, uniques = _id_codes(out[schema.PARTICIPANT_ID])
    known = codes >= 0
    at_either = at_before | at_after

    def unmatched(scored):
        seen = []
        for at in (at_before, at_after):
            has = np.zeros(len(uniques), dtype=bool)
            has[codes[at & scored & known]] = True
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
        loose = unmatched(scored)
        w, g = leave_out(loose & ~whole, loose & ~group, group & ~whole & scored)
        out[_out("whole", ing)], out[_out("group", ing)] = whole | w, group | g
    return out


def same_group_both_times(frame: pd.DataFrame, by=None, *, before: str = schema.BEFORE,
                          after: str = schema.AFTER) -> pd.DataFrame:
    """``frame`` with each paired person's ``after`` row in the group of their ``before`` row.

    :func:`compare_timepoints` takes a person's group from the ``before`` response; the
    tables at ``after`` do the same, so that someone who moved group is described in one
    group only (else the group they left, after, minus its pairs would give them away).
    An empty cell is no group: a person whose group is written at ``after`` only is in that
    group at both timepoints (their first non-empty one, ``before`` rows first).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"participant_id": ["p1", "p1", "p2"],
    ...                       "timepoint": ["pre", "post", "post"], "cohort": ["a", "b", "b"]})
    >>> same_group_both_times(frame, "cohort")["cohort"].tolist()
    ['a', 'a', 'b']
    """
    inner = [c for c in split_columns(by)[1] if c in frame.columns]
    if not inner or schema.PARTICIPANT_ID not in frame.columns or \
            schema.TIMEPOINT not in frame.columns:
        return frame
    at_before = is_label(frame[schema.TIMEPOINT], before)
    at_after = is_label(frame[schema.TIMEPOINT], after)
    codes, uniques = _id_codes(frame[schema.PARTICIPANT_ID])
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
        text = frame[col].astype("string")
        empty = (frame[col].isna() | text.fillna("").str.strip().eq("")).to_numpy(dtype=bool)
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
    return out


def mark_partial(answers: pd.DataFrame, marked: pd.DataFrame, by=None,
                 min_group: int = MIN_GROUP, *, instrument=None, scores=None,
                 keyed: pd.DataFrame | None = None) -> pd.DataFrame:
    """``marked`` with the groups whose item means would give a part-answered person away.

    An ingredient is scored from some of its items (at least half); item means (and
    reliability) use complete answers only. So when 1 to ``min_group - 1`` of the people a
    group's summary shows for an ingredient answered only some of its items, its summary and
    its item means set side by side give their scores away: that group's item means of the
    ingredient are not shown (with the same rule for the whole and its groups as
    :func:`workbook.suppression.left_out`).

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
        :func:`workbook.reliability.keyed_answers` of ``answers``, when already computed.

    Returns
    -------
    DataFrame
        A copy of ``marked`` with boolean columns ``_partial:whole:<ingredient>`` and
        ``_partial:group:<ingredient>``: a group (or the whole) whose rows hold any ``True``
        shows no item means for that ingredient.
    """
    from .reliability import keyed_answers

    inst = resolve(instrument)
    out = marked.copy(deep=False)  # copy-on-write: only the new columns are written
    if keyed is None:
        keyed = keyed_answers(answers.reset_index(drop=True), inst)
    keys = group_ids(out, as_list(by))
    for ing in inst.ingredients:
        column = (scores or {}).get(ing.id, ing.id)
        complete = keyed[list(ing.item_ids)].notna().all(axis=1).to_numpy()
        partial = out[column].notna().to_numpy(dtype=bool) & ~complete
        whole = out[_out("whole", column)].to_numpy(dtype=bool)
        group = out[_out("group", column)].to_numpy(dtype=bool)
        w, g = left_out(out, partial & ~whole, partial & ~group, by=as_list(by),
                        min_group=min_group, already=partial & group & ~whole, ids=keys)
        out[f"_partial:whole:{ing.id}"], out[f"_partial:group:{ing.id}"] = w, g
    return out


def _tally(column: pd.Series) -> dict:
    """``{value as text: rows}`` of the values present (missing ones not counted).

    A categorical of text is counted on its codes, without a string per row.
    """
    if isinstance(column.dtype, pd.CategoricalDtype) and all(
            isinstance(c, str) for c in column.cat.categories):
        codes = np.asarray(column.cat.codes)
        counts = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
        out = {}
        for text, k in zip(column.cat.categories, counts.tolist()):
            if k:
                out[text] = out.get(text, 0) + k
        return out
    return {k: int(v) for k, v in column.astype("string").value_counts().items()}


def _marks(frame: pd.DataFrame) -> list:
    """The columns :func:`mark_left_out` added to ``frame``."""
    return [c for c in frame.columns if str(c).startswith((OUT_WHOLE, OUT_GROUP))]


def _shown(group: pd.DataFrame, kind: str, ingredient: str | None = None):
    """(the rows of ``group`` shown, how many are left out)."""
    column = _out(kind, ingredient)
    if column not in group.columns:
        return group, 0
    out = group[column].to_numpy(dtype=bool)
    return group[~out], int(out.sum())


def _share(level: str) -> str:
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
    >>> from workbook.datasets import load_sample
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
                                        *_marks(marked)]))]

    def rows_of(frame, cols):
        kind = _kind(cols, inner)
        rows = []
        for labels, group in groups(frame, cols):
            people, _ = _shown(group, kind)
            for ing in inst.ingredients:
                shown, not_shown = _shown(group, kind, ing.id)
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
                levels = _tally(shown[schema.level_column(ing.id)])
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


def verdicts(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
             before: str = schema.BEFORE, after: str = schema.AFTER,
             marked: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verdict mix: how many responses got each verdict, and what share.

    People left out so that the paired table cannot give them away (see
    :func:`mark_left_out`) are left out here too and counted in ``n_not_shown``. ``marked``:
    as for :func:`summarize`.

    Returns
    -------
    DataFrame
        One row per group and verdict (in the order verdicts are decided): the ``by``
        columns, ``n`` (responses in the group shown), ``n_not_shown``, ``verdict``,
        ``count``, ``share``. ``count`` and ``share`` are missing for groups smaller than
        ``min_group`` (and for any group hidden so that none can be derived; see
        :mod:`workbook.suppression`).

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> from workbook import score
    >>> mix = verdicts(score(load_sample()))
    >>> int(mix["count"].sum()) == len(load_sample())
    True
    """
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before, after=after)
    marked = marked[list(dict.fromkeys([*apart, *inner, schema.VERDICT, *_marks(marked)]))]

    def rows_of(frame, cols):
        kind = _kind(cols, inner)
        rows = []
        for labels, group in groups(frame, cols):
            group, not_shown = _shown(group, kind)
            n = len(group)
            counts = _tally(group[schema.VERDICT])
            for verdict in schema.VERDICTS:
                count = int(counts.get(verdict, 0))
                rows.append({**dict(zip(cols, labels)), "n": n, "n_not_shown": not_shown,
                             "verdict": verdict, "count": count,
                             "share": count / n if n else np.nan})
        table = pd.DataFrame(rows, columns=[*cols, "n", "n_not_shown", "verdict", "count",
                                            "share"])
        return table.astype({"count": "Int64"})

    return protect(with_whole(marked, by, rows_of), by=inner, n="n", stats=["count", "share"],
                   split=apart, min_group=min_group)


def bottlenecks(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                instrument=None, before: str = schema.BEFORE,
                after: str = schema.AFTER, marked: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each ingredient is the weakest.

    Ties: ``weakest`` lists the lowest-scoring ingredient first and then any within 5 points
    of it (``;``-separated). Only the first counts in ``count``, so each response counts once
    and the counts add up to ``n``; on an exact tie for lowest, the first is the one earlier in
    the instrument's order (as :func:`workbook.score` lists it). ``listed`` counts every
    response naming the ingredient anywhere in ``weakest`` (near-ties included), so it can
    add up to more than ``n``.

    People left out so that the paired table cannot give them away (see
    :func:`mark_left_out`) are left out here too and counted in ``n_not_shown``. ``marked``:
    as for :func:`summarize`.

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``n_responses`` (everyone in the
        group), ``n`` (responses shown with a weakest ingredient, i.e. at least one ingredient
        scored; missing for a hidden group), ``n_not_shown``, ``ingredient``, ``count``, ``share``
        (count / n), ``listed``. Missing for groups smaller than ``min_group`` (and for any
        group hidden so that none can be derived).

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> from workbook import score
    >>> table = bottlenecks(score(load_sample()))
    >>> int(table["count"].sum()) == int(table["n"].iloc[0])
    True
    """
    inst = resolve(instrument)
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before, after=after)
    marked = marked[list(dict.fromkeys([*apart, *inner, schema.WEAKEST, *_marks(marked)]))]

    def rows_of(frame, by):
        kind = _kind(by, inner)
        rows = []
        for labels, group in groups(frame, by):
            responses = len(group)
            group, not_shown = _shown(group, kind)
            # Count each distinct list once (a cohort has few), then split only those.
            counts = {text: k for text, k in _tally(group[schema.WEAKEST]).items() if text != ""}
            first, listed = {}, {}
            for text, k in counts.items():
                names = str(text).split(schema.LIST_SEPARATOR)
                first[names[0]] = first.get(names[0], 0) + int(k)
                for name in names:
                    listed[name] = listed.get(name, 0) + int(k)
            n = int(sum(counts.values()))
            for ing in inst.ingredients:
                count = int(first.get(ing.id, 0))
                rows.append({**dict(zip(by, labels)), "n_responses": responses, "n": n,
                             "n_not_shown": not_shown, "ingredient": ing.id,
                             "count": count, "share": count / n if n else np.nan,
                             "listed": int(listed.get(ing.id, 0))})
        table = pd.DataFrame(rows, columns=[*by, "n_responses", "n", "n_not_shown",
                                            "ingredient", "count", "share", "listed"])
        return table.astype({"count": "Int64", "listed": "Int64"})

    return protect(with_whole(marked, by, rows_of), by=inner, n="n",
                   stats=["n", "count", "share", "listed"], split=apart, min_group=min_group)


def _id_codes(ids: pd.Series):
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
    workbook.exceptions.DataError: participant 'p1' has more than one 'post' response; ...
    """
    if schema.PARTICIPANT_ID not in data.columns or schema.TIMEPOINT not in data.columns:
        return
    if is_label(data[schema.TIMEPOINT], before).any() and \
            is_label(data[schema.TIMEPOINT], after).any():
        _paired(data, before, after, [])


def _paired(scores: pd.DataFrame, before: str, after: str, columns=None):
    """Before and after rows of each participant, aligned on participant_id.

    Returns ``(pre, post, (before only, after only))``: ``pre`` and ``post`` hold the people
    at both timepoints, row for row in the order of their ``before`` rows, indexed by id.
    ``columns``: the columns to keep (default all).
    """
    for col in (schema.PARTICIPANT_ID, schema.TIMEPOINT):
        if col not in scores.columns:
            raise DataError(f"comparing timepoints needs a {col} column in the scores")
    codes, uniques = _id_codes(scores[schema.PARTICIPANT_ID])
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


def _group_counts(rows: pd.DataFrame, by) -> dict:
    return group_sizes(rows, by)


def _alphas(alpha, before) -> dict:
    if alpha is None:
        return {}
    if isinstance(alpha, pd.DataFrame):
        table = alpha
        if schema.TIMEPOINT in table.columns:
            table = table[table[schema.TIMEPOINT] == before]
        known = {"ingredient", "n_responses", "n", "n_not_shown", "k", "alpha", "ci_low",
                 "ci_high", "flag"}
        for col in [c for c in table.columns if c not in known and c != schema.TIMEPOINT]:
            table = table[table[col].astype("string") == ALL]
        return dict(zip(table["ingredient"], table["alpha"].astype(float)))
    if isinstance(alpha, Mapping | pd.Series):
        return {k: float(v) for k, v in dict(alpha).items()}
    raise TypeError("alpha must be a mapping ingredient -> alpha or the table reliability() gives")


def reliable_change(scores: pd.DataFrame, alpha, before: str = schema.BEFORE,
                    after: str = schema.AFTER, *, instrument=None) -> pd.DataFrame:
    """Reliable Change Index of each participant and ingredient (Jacobson & Truax, 1991).

    ``SEM = sd_before * sqrt(1 - alpha)``, ``S_diff = sqrt(2) * SEM``,
    ``RCI = (after - before) / S_diff``; ``|RCI| > 1.96`` is reliable change. ``sd_before``
    is the standard deviation of the ``before`` scores of the paired participants, ``alpha``
    the reliability of the ingredient (at ``before``: see :func:`workbook.reliability.reliability`).

    Parameters
    ----------
    scores : DataFrame
        As :func:`workbook.score` returns it, with ``participant_id`` and ``timepoint``.
    alpha : mapping or DataFrame
        Ingredient -> alpha, or the table :func:`workbook.reliability.reliability` returns.
    before, after : str
        The timepoint labels to pair.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        One row per paired participant and ingredient: ``participant_id, ingredient, before,
        after, change, s_diff, rci, category`` (``improved``, ``no_reliable_change``,
        ``declined``; missing when either score is).

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> from workbook import score
    >>> rc = reliable_change(score(load_sample()), {"hope": 0.8, "time": 0.8, "energy": 0.8,
    ...                      "self_esteem": 0.8, "ambition": 0.8})
    >>> sorted(rc["category"].dropna().unique())
    ['declined', 'improved', 'no_reliable_change']
    """
    inst = resolve(instrument)
    keep = [c for c in inst.ingredient_ids if c in scores.columns]
    pre, post, _ = _paired(scores, before, after, keep)
    parts = []
    for ing, x, y, s_diff, rci, category in _rci(pre, post, _alphas(alpha, before), inst):
        names = np.asarray(RCI_CATEGORIES, dtype=object)[np.maximum(category, 0)]
        parts.append(pd.DataFrame({
            schema.PARTICIPANT_ID: pre.index, "ingredient": ing.id, "before": x, "after": y,
            "change": y - x, "s_diff": s_diff, "rci": rci,
            "category": pd.Categorical(np.where(category < 0, None, names),
                                       categories=list(RCI_CATEGORIES)),
        }))
    return pd.concat(parts, ignore_index=True)


def _rci(pre, post, alphas: dict, inst):
    """Yield ``(ingredient, before, after, s_diff, rci, category)`` of each ingredient.

    ``pre`` and ``post`` as :func:`_paired` gives them; ``category``: the index in
    :data:`RCI_CATEGORIES` of each pair's category, -1 where there is none.
    """
    for ing in inst.ingredients:
        x = pre[ing.id].to_numpy(dtype=float, na_value=np.nan)
        y = post[ing.id].to_numpy(dtype=float, na_value=np.nan)
        both = ~np.isnan(x) & ~np.isnan(y)
        sd = np.std(x[both], ddof=1) if both.sum() > 1 else np.nan
        a = alphas.get(ing.id, np.nan)
        s_diff = np.sqrt(2) * sd * np.sqrt(1 - a)
        with np.errstate(invalid="ignore", divide="ignore"):
            rci = np.where(both & (s_diff > 0), (y - x) / s_diff, np.nan)
        category = np.select([rci > RCI_CUTOFF, rci < -RCI_CUTOFF, ~np.isnan(rci)], [0, 2, 1],
                             default=-1)
        yield ing, x, y, s_diff, rci, category


def rci_not_counted(prepost: pd.DataFrame, alpha) -> dict:
    """Ingredient -> why reliable change is not counted, for those where it is not.

    ``prepost``: :func:`compare_timepoints` with ``alpha`` (the whole's rows are read);
    ``alpha``: as given to it. Reliable change needs the ingredient's alpha and a spread of
    the scores before (its standard error of measurement is ``sd * sqrt(1 - alpha)``).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"ingredient": ["hope", "time"], "n_pairs": [8, 8],
    ...                       "sd_before": [12.0, 0.0],
    ...                       "improved": pd.array([pd.NA, pd.NA], dtype="Int64")})
    >>> rci_not_counted(table, {"hope": float("nan"), "time": 0.8})["hope"]
    'no alpha (fewer than two of its statements, or of complete answers, to compute it from)'
    >>> rci_not_counted(table, {"hope": float("nan"), "time": 0.8})["time"]
    'everyone had the same score before (no spread to measure change against)'
    """
    if IMPROVED not in prepost.columns:
        return {}
    alphas = _alphas(alpha, schema.BEFORE)
    out = {}
    for r in prepost.drop_duplicates("ingredient").itertuples(index=False):
        if not pd.isna(r.improved) or pd.isna(r.n_pairs):
            continue  # counted, or a hidden group's (its figures are hidden, not missing)
        a = alphas.get(r.ingredient, np.nan)
        if r.sd_before == 0:
            out[r.ingredient] = ("everyone had the same score before (no spread to measure "
                                 "change against)")
        elif np.isnan(a):
            out[r.ingredient] = ("no alpha (fewer than two of its statements, or of complete "
                                 "answers, to compute it from)")
        elif a >= 1:
            out[r.ingredient] = "alpha of 1 (no measurement error to measure change against)"
        else:
            out[r.ingredient] = "too few pairs"
    return out


def compare_timepoints(scores: pd.DataFrame, before: str = schema.BEFORE,
                       after: str = schema.AFTER, *, by=None, min_group: int = MIN_GROUP,
                       alpha=None, instrument=None) -> pd.DataFrame:
    """Before/after change per ingredient, paired on participant.

    Participants with a response at only one of the two timepoints are left out of the pairs
    and counted (``n_before_only``, ``n_after_only``); a participant missing one ingredient's
    score at either timepoint is left out of that ingredient only.

    Parameters
    ----------
    scores : DataFrame
        As :func:`workbook.score` returns it, with ``participant_id`` and ``timepoint``.
    before, after : str
        The timepoint labels to pair (default ``"pre"``, ``"post"``).
    by : str or list of str, optional
        Columns to group by, taken from the ``before`` response (``"cohort"``); the whole
        (``all``) comes first.
    min_group : int, default 5
        Groups with fewer pairs keep their counts of people but show no statistics nor
        ``n_pairs`` (nor does any group
        hidden so that none can be derived; see :mod:`workbook.suppression`).
    alpha : mapping or DataFrame, optional
        Reliability of each ingredient at ``before``, to count reliable change (see
        :func:`reliable_change`); without it the RCI columns are missing.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        One row per group and ingredient: the ``by`` columns, ``ingredient``, ``n_both``
        (participants of the group at both timepoints), ``n_pairs`` (those with the
        ingredient scored both times; missing, like the statistics, for a hidden group),
        ``n_before_only``, ``n_after_only`` (participants of the group at one timepoint only),
        ``mean_before``, ``mean_after``, ``sd_before``,
        ``mean_change`` with ``ci_low``/``ci_high`` (t-based 95%), ``sd_change``, ``cohen_dz``
        (mean change / sd of change), ``t``, ``p_t`` (paired t), ``p_wilcoxon`` (signed-rank),
        and with ``alpha``: ``rci_change`` (the smallest reliable change, 1.96 * S_diff, with
        S_diff from all pairs),
        ``improved``, ``no_reliable_change``, ``declined`` (participants; they add up to
        ``n_pairs``, and are missing, never 0, where reliable change cannot be counted:
        :func:`rci_not_counted` says why).

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> from workbook import score
    >>> from workbook.reliability import reliability
    >>> data = load_sample()
    >>> alpha = reliability(data[data["timepoint"] == "pre"])
    >>> table = compare_timepoints(score(data), alpha=alpha)
    >>> table.set_index("ingredient").loc["hope", "mean_change"] > 0
    np.True_
    """
    inst = resolve(instrument)
    by = as_list(by)
    if schema.TIMEPOINT in by:
        raise DataError("compare_timepoints pairs the timepoints: do not group by timepoint")
    keep = [c for c in [*by, *inst.ingredient_ids] if c in scores.columns]  # what is read
    pre, post, (only_before, only_after) = _paired(scores, before, after, keep)
    rci = None
    if alpha is not None:
        s_diff, rci = {}, {}
        for ing, _, _, sd, _, category in _rci(pre, post, _alphas(alpha, before), inst):
            s_diff[ing.id], rci[ing.id] = sd, category
    counts = ("n_both", "n_pairs", "n_before_only", "n_after_only")
    values = {ing.id: (pre[ing.id].to_numpy(dtype=float, na_value=np.nan),
                       post[ing.id].to_numpy(dtype=float, na_value=np.nan))
              for ing in inst.ingredients}

    def rows_of(_, by):
        before_only, after_only = _group_counts(only_before, by), _group_counts(only_after, by)
        rows = []
        for labels, at in group_positions(pre, by):
            for ing in inst.ingredients:
                x, y = values[ing.id][0][at], values[ing.id][1][at]
                both = ~np.isnan(x) & ~np.isnan(y)
                row = {**dict(zip(by, labels)), "ingredient": ing.id, "n_both": len(at),
                       "n_before_only": before_only.get(labels, 0),
                       "n_after_only": after_only.get(labels, 0)}
                row.update(paired_tests(np.where(both, y - x, np.nan)))
                row["mean_before"] = x[both].mean() if both.any() else np.nan
                row["mean_after"] = y[both].mean() if both.any() else np.nan
                row["sd_before"] = x[both].std(ddof=1) if both.sum() > 1 else np.nan
                if rci is not None:
                    # No pairs for an ingredient: no spread of change, so no cutoff either.
                    row["rci_change"] = RCI_CUTOFF * s_diff.get(ing.id, np.nan)
                    found = rci[ing.id][at][both]
                    tally = np.bincount(found[found >= 0], minlength=len(RCI_CATEGORIES))
                    counted = s_diff.get(ing.id, np.nan) > 0  # else no one can be counted
                    for j, cat in enumerate(RCI_CATEGORIES):
                        row[cat] = int(tally[j]) if counted else pd.NA
                rows.append(row)
        out = pd.DataFrame(rows, columns=columns(by))
        if rci is not None:  # not counted (no alpha, or no spread before): missing, not 0
            out = out.astype(dict.fromkeys(RCI_CATEGORIES, "Int64"))
        return out

    def columns(by):
        names = [*by, "ingredient", *counts, "mean_before", "mean_after", "sd_before",
                 "mean_change", "ci_low", "ci_high", "sd_change", "cohen_dz", "t", "p_t",
                 "p_wilcoxon"]
        return names + (["rci_change", *RCI_CATEGORIES] if rci is not None else [])

    table = with_whole(pre, by, rows_of)
    stats = ["n_pairs", *[c for c in columns([]) if c not in ("ingredient", *counts)]]
    return protect(table, by=by, n="n_pairs", stats=stats, split="ingredient",
                   min_group=min_group)


def compare_across_versions(data: pd.DataFrame, scores: pd.DataFrame,
                            before: str = schema.BEFORE, after: str = schema.AFTER, *,
                            by=None, min_group: int = MIN_GROUP, alpha=None,
                            instrument=None) -> tuple:
    """:func:`compare_timepoints`, each pair on the statements its two answers share.

    When ``before`` and ``after`` were answered on one instrument version (the
    ``instrument_version`` column, else the statements they answer: see
    :func:`workbook.versions.comparison_plan`) this is :func:`compare_timepoints` of
    ``scores``. Otherwise the version is decided per pair (person and ingredient), as the
    personal report does (:func:`workbook.versions.answer_versions`): a pair whose two
    answers were given on one version is compared on its scores as they are (all the
    statements it answered); a pair across two versions is scored again on the statements
    both share (:func:`workbook.versions.compared_on`), and left out of the ingredient when
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

    Returns
    -------
    table : DataFrame or None
        None when no ingredient can be compared.
    note : str
        What a person reads about it ("" on one version).
    scores : DataFrame
        The scores compared (``scores`` itself on one version).
    """
    from .reliability import reliability
    from .versions import across, answer_versions, compared_on, comparison_plan, score_on

    inst = resolve(instrument)
    plan = comparison_plan(data, inst, before, after)
    if plan.view is None:
        return (compare_timepoints(scores, before, after, by=by, min_group=min_group,
                                   alpha=alpha, instrument=inst), "", scores)
    per = answer_versions(data.reset_index(drop=True), inst)
    where = pd.DataFrame({schema.PARTICIPANT_ID: scores[schema.PARTICIPANT_ID].to_numpy(),
                          schema.TIMEPOINT: scores[schema.TIMEPOINT].to_numpy(),
                          "_row": np.arange(len(scores))})
    pre, post, _ = _paired(where, before, after, ["_row"])
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
    if not any(met for _, met in crossed.values()):  # each person on one version: as asked
        table = compare_timepoints(scores, before, after, by=by, min_group=min_group,
                                   alpha=alpha, instrument=inst)
        return table, _same_version_note(plan), scores
    if all(not (status == 0).any() and not any(ids for _, _, ids in met)
           for status, met in crossed.values()):
        return None, plan.note, scores  # no pair can be compared on any ingredient
    if alpha is not None:
        times = data[schema.TIMEPOINT].astype("string")
        shared = _alphas(reliability(data[(times == before).fillna(False).to_numpy()],
                                     plan.view), before)
        alpha = {**_alphas(alpha, before),
                 **{ing: shared.get(ing, np.nan) for ing, (_, met) in crossed.items() if met}}
    table = compare_timepoints(scores, before, after, by=by, min_group=min_group, alpha=alpha,
                               instrument=inst)
    _pair_counts(table, scores.take(a).reset_index(drop=True), crossed, as_list(by), inst)
    kinds = {(f, t) for _, met in crossed.values() for f, t, _ in met}
    if len(kinds) == 1 and not any((status == 0).any() for status, _ in crossed.values()):
        return table, plan.note, scores  # every pair across the same two versions
    return table, _pairs_note(crossed, len(a), plan, inst), scores


def _pair_counts(table, firsts, crossed, by, inst) -> None:
    """Add ``statements``, ``not_compared``, ``n_shared_only``, ``n_not_compared`` to ``table``.

    ``firsts``: each pair's ``before`` scores (with the ``by`` columns), in pair order.
    Counted per group (a pair's group is its ``before`` row's); missing where the group's
    figures are hidden (``n_pairs`` missing).
    """
    from .versions import shared_items

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


def _same_version_note(plan) -> str:
    """The note when the timepoints hold several versions but no one changed version."""
    said = "; ".join(f"{point}: {', '.join(vs) or 'no statement answered'}"
                     for point, vs in plan.versions.items())
    return SAME_VERSION_NOTE.format(versions=said)


def _pairs_note(crossed, pairs: int, plan, inst) -> str:
    """The note when some pairs answered the two timepoints on different versions."""
    from .versions import shared_items

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


class Tables(dict):
    """The tables :func:`analyse` gives (a dict), with what the figures draw from.

    ``marked``: the scores with their group columns as codes and :func:`mark_left_out`'s
    columns for every ingredient, as the tables were made from them (None when not made).
    """

    marked: pd.DataFrame | None = None
    #: :func:`moved_note` of the data: people whose group changes between their answers.
    moved: str = ""
    #: The scores the before/after compares (a pair across versions on the statements both
    #: share: :func:`compare_across_versions`); the prepost figure draws these.
    compared: pd.DataFrame | None = None
    #: :func:`workbook.outcome.later_count_note`: counts read from a later timepoint.
    outcome_note: str = ""
    #: :func:`group_spellings`' note: groups written more than one way, read as one.
    spelled: str = ""
    #: :func:`unanswered_note`: rows that answer nothing, read only for the outcome.
    unanswered: str = ""
    #: The rows the tables (and figures) are made from: the data less :func:`unanswered`
    #: rows, row for row with ``scores`` (None when not made).
    answered: pd.DataFrame | None = None
    #: :func:`compare_across_versions`' note: the timepoints were answered on different
    #: instrument versions, and which statements the before/after compares ("" for one).
    versions: str = ""
    #: The instrument's name and version, as the outputs record it.
    scored_with: str = ""
    #: :func:`workbook.versions.alpha_note`: the responses reliability leaves out, as they
    #: were answered on another version than the one alpha is over ("" for one version).
    alpha_note: str = ""


def unanswered(data: pd.DataFrame, instrument=None) -> np.ndarray:
    """Rows that answer nothing, as a boolean array: every statement and the hours empty.

    Such a row is not a response (a workspace export writes one for a client with a
    conversations list and no session yet): the readiness tables leave it out, and only its
    conversations counts are read, in the outcome (:mod:`workbook.outcome`). A file without
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


def analyse(data: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
            before: str = schema.BEFORE, after: str = schema.AFTER, instrument=None) -> dict:
    """Every cohort table at once, as ``workbook cohort`` writes them.

    Scores ``data``, then groups by ``timepoint`` (when the table has one) and ``by`` (a
    column that identifies people is refused: :func:`check_grouping`; a person's group is
    the one of their ``before`` response: :func:`same_group_both_times`); with
    ``by``, each table holds the whole (``all``) first. Reliability uses the ``before``
    responses when there are any (the same people answering twice are not independent), else
    every response. Every table is protected as :mod:`workbook.suppression` says.

    Returns
    -------
    Tables
        A dict of DataFrame: ``scores``, ``summary``, ``verdicts``, ``bottlenecks``,
        ``reliability``, ``reliability_items``, and ``prepost`` when both ``before`` and
        ``after`` occur; with a ``conversations_held`` column, the outcome tables ``outcome``
        and (with both timepoints) ``outcome_change`` (:mod:`workbook.outcome`); its
        ``marked`` is what :func:`.cohort_plots.cohort_figures` draws from.

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> sorted(analyse(load_sample()))  # doctest: +NORMALIZE_WHITESPACE
    ['bottlenecks', 'outcome', 'outcome_change', 'prepost', 'reliability', 'reliability_items',
     'scores', 'summary', 'verdicts']
    """
    from .background import in_thread
    from .outcome import check_mix, later_count_note
    from .reliability import item_total, reliability
    from .scoring import score
    from .versions import alpha_note

    inst = resolve(instrument)
    data, spelled = group_spellings(data, by)
    check_grouping(data, by, instrument=inst)
    check_mix(data, before=before, after=after)  # a workshop joined with an export (C11)
    moved = moved_note(data, by, before=before, after=after)
    data = same_group_both_times(data, by, before=before, after=after)
    everyone, empty = data, unanswered(data, inst)
    if empty.any():  # not responses: read for the outcome only
        data = data[~empty]
    scores = score(data, inst)
    for col in as_list(by):
        if col not in scores.columns:
            scores[col] = data[col].to_numpy()
    grouping = as_list(by)
    timepoints = set()
    if schema.TIMEPOINT in scores.columns and scores[schema.TIMEPOINT].notna().any():
        timepoints = set(scores[schema.TIMEPOINT].dropna().astype(str).unique())
        grouping = [schema.TIMEPOINT, *[c for c in grouping if c != schema.TIMEPOINT]]
    paired_by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    # The group columns and ids as categoricals, once: every table reads their codes.
    work = grouping_columns(scores, [*grouping, schema.PARTICIPANT_ID])
    inputs = _reliability_inputs(data, work, paired_by, min_group, before=before, after=after,
                                 inst=inst)
    # The item-total table is mostly numpy work, which lets go of the interpreter: a second
    # core makes it meanwhile (its own inputs, only read; the same table as made in line).
    items = in_thread(_at_one_timepoint, item_total, *inputs, True)
    marked = mark_left_out(work, grouping, min_group, before=before, after=after,
                           ingredients=inst.ingredient_ids)  # once for the three tables
    tables = Tables({
        "scores": scores,
        "summary": summarize(work, grouping, min_group, instrument=inst, before=before,
                             after=after, marked=marked),
        "verdicts": verdicts(work, grouping, min_group, before=before, after=after,
                             marked=marked),
        "bottlenecks": bottlenecks(work, grouping, min_group, instrument=inst, before=before,
                                   after=after, marked=marked),
    })
    tables.marked = marked
    tables.moved = moved
    tables.unanswered = unanswered_note(int(empty.sum()))
    tables.spelled = spelled
    tables.answered = data
    # A group the summary hides at reliability's timepoint is hidden there too (attacks5 C1).
    at = [before] if before in timepoints else None

    def protected(table):
        return protect_reliability(table, inputs[2], min_group, summary=tables["summary"],
                                   timepoints=at)

    tables["reliability"] = protected(_at_one_timepoint(reliability, *inputs, raw=True))
    tables.alpha_note = alpha_note(inputs[0], inst)
    tables.scored_with = f"Scored with {inst.name}, version {inst.version}."
    prepost = None  # made while the item-total table is still being made
    if {before, after} <= timepoints:
        prepost, tables.versions, tables.compared = compare_across_versions(
            data, work, before, after, by=paired_by or None, min_group=min_group,
            alpha=tables["reliability"], instrument=inst,
        )
    tables["reliability_items"] = protected(items())
    if prepost is not None:  # a group the summary hides, before or after, is hidden (C1)
        counts = ("ingredient", "n_both", "n_before_only", "n_after_only", "not_compared")
        tables["prepost"] = protect(
            prepost, by=paired_by, n="n_pairs", split="ingredient", min_group=min_group,
            stats=[c for c in prepost.columns if c not in (*paired_by, *counts)],
            also=hidden_in(tables["summary"], prepost, by=paired_by,
                           timepoints=[before, after]))
    if schema.CONVERSATIONS_HELD in data.columns:
        from .outcome import hide_as_summary, outcome_tables

        tables.update(outcome_tables(everyone, scores, by, min_group, before=before,
                                     after=after, instrument=inst, answered=data))
        # counts read from a timepoint after ``after`` (followup) are said (C19)
        tables.outcome_note = later_count_note(everyone, before=before, after=after)
        # a group the summary hides (any ingredient) shows no outcome either (C1)
        if "outcome" in tables:
            tables["outcome"] = hide_as_summary(
                tables["outcome"], tables["summary"], paired_by, min_group,
                [after] if after in timepoints else None)
    return tables


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
    from .reliability import item_total, reliability

    inst = resolve(instrument)
    inputs = _reliability_inputs(data, scores, by, min_group, before=before, after=after,
                                 inst=inst)
    return {name: _at_one_timepoint(func, *inputs)
            for name, func in (("reliability", reliability), ("reliability_items", item_total))}


def _reliability_inputs(data, scores, by, min_group, *, before, after, inst) -> tuple:
    """What :func:`_at_one_timepoint` needs after ``func``, as :func:`reliability_tables` says.

    Returns ``(basis, marked, by, min_group, instrument, keyed)``.
    """
    from .reliability import keyed_answers

    by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    scores = scores.reset_index(drop=True)
    basis = data.reset_index(drop=True)
    grouping = by
    at = np.ones(len(basis), dtype=bool)
    if schema.TIMEPOINT in scores.columns:
        at_before = is_label(scores[schema.TIMEPOINT], before)
        if at_before.any():
            grouping = [schema.TIMEPOINT, *by]
            at = at_before
    marked = mark_left_out(scores, grouping, min_group, before=before, after=after,
                           ingredients=inst.ingredient_ids)
    rows = np.flatnonzero(at)
    keyed = keyed_answers(basis.take(rows), inst).reset_index(drop=True)  # once, not per table
    basis = grouping_columns(basis.take(rows).reset_index(drop=True), by)
    marked = marked.take(rows).reset_index(drop=True)
    marked = mark_partial(basis, marked, grouping, min_group, instrument=inst, keyed=keyed)
    return basis, marked, by, min_group, inst, keyed


def _at_one_timepoint(func, basis, marked, by, min_group, inst, keyed=None, raw=False
                      ) -> pd.DataFrame:
    """A reliability table of ``basis`` (one timepoint), leaving out whom the summary does.

    Each ingredient's rows are computed without the responses the summary leaves out of that
    ingredient (:func:`mark_left_out`: the whole's for the whole, the groups' for the groups);
    ``n_responses`` and ``n_not_shown`` count each group's responses and those left out. A
    hidden group shows its ``n_responses`` only; item means are not shown where
    :func:`mark_partial` says. ``keyed``: the keyed answers of ``basis``, row for row.
    ``raw``: the table before :func:`protect_reliability` (to be protected with the groups the
    summary hides).
    """
    def table_of(kind, cols):
        parts, left = [], {}
        masks = {ing: marked[_out(kind, ing)].to_numpy(dtype=bool) for ing in
                 inst.ingredient_ids}
        for mask in {m.tobytes(): m for m in masks.values()}.values():
            ings = [i for i, m in masks.items() if np.array_equal(m, mask)]
            kept = np.flatnonzero(~mask)
            # The groups' pass leaves the whole out (it is the whole's pass's; dropped below).
            part = func(basis.take(kept), inst, by=cols or None, min_group=min_group,
                        keyed=None if keyed is None else keyed.take(kept),
                        whole=not cols)
            parts.append(part[part["ingredient"].isin(ings)])
            for labels, rows in group_positions(basis, cols):
                for ing in ings:
                    left[(*map(str, labels), ing)] = (len(rows), int(mask[rows].sum()))
        table = pd.concat(parts, ignore_index=True)
        order = {ing: j for j, ing in enumerate(inst.ingredient_ids)}
        return table.iloc[np.argsort(table["ingredient"].map(order).to_numpy(), kind="stable")
                          ].reset_index(drop=True), left

    table, counts = table_of("whole", [])
    counts = {(*(ALL,) * len(by), *k): v for k, v in counts.items()}
    if by:
        for col in by:
            table.insert(0, col, ALL)
        table = table[[*by, *[c for c in table.columns if c not in by]]]
        parts, more = table_of("group", by)
        whole = (parts[by].astype("string") == ALL).all(axis=1).to_numpy(dtype=bool)
        parts = parts[~whole]
        counts.update(more)
        table = pd.concat([table.astype({c: parts[c].dtype for c in by}), parts],
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
    return table if raw else protect_reliability(table, by, min_group)


#: Columns of the reliability tables a hidden group keeps (its sizes and what it is).
_RELIABILITY_KEPT = ("ingredient", "item_id", "reverse", "k", "n_responses", "n_not_shown")


def protect_reliability(table: pd.DataFrame, by, min_group: int = MIN_GROUP, *,
                        summary: pd.DataFrame | None = None, timepoints=None) -> pd.DataFrame:
    """A reliability table with its small groups hidden, every statistic blanked.

    Hidden: a group whose ``n`` (complete answers) is below ``min_group``, a group the
    ``summary`` hides for that ingredient at ``timepoints`` (attacks5 C1: the summary's whole
    minus its shown groups and a group's item means here gave a person's score away), and, as
    :func:`workbook.suppression.protect` says, more groups until the hidden ones hold
    ``min_group`` people or none. A hidden group keeps its sizes (``n_responses``,
    ``n_not_shown``) only: its ``n``, alpha, item means and flags are blank.
    """
    by = as_list(by)
    split = ["ingredient", *(["item_id"] if "item_id" in table.columns else [])]
    also = None
    if summary is not None and by:
        also = hidden_in(summary, table, by=by, timepoints=timepoints)
    stats = [c for c in table.columns if c not in (*by, *_RELIABILITY_KEPT)]
    return protect(table, by=by, n="n", stats=stats, split=split, min_group=min_group,
                   also=also)
