"""Step 5 of reading: checking the canonical wide table.

:func:`validate` lists every problem of a canonical wide table, each naming its row as a
spreadsheet shows it (the header is row 1), its column, the value and what is wrong.
:func:`answer_values` says what an answer means on the instrument's scale (used here and by
the last step, :mod:`workbook.responses.coercion`, which turns the answers into numbers).
:func:`keep_one` settles repeated responses when asked (``--keep first|last``);
:func:`settle_repeats` also says how (by date, by file order, or not at all when a date that
cannot be read would decide it).

Examples
--------
>>> import pandas as pd
>>> from workbook.core.validation import validate
>>> table = pd.DataFrame({"participant_id": ["a", "b"], "hope_1": ["Agree", 7]})
>>> [str(p) for p in validate(table)]
['row 3, column hope_1, value 7: 7 is outside the scale 1-5']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbook.core import schema, timepoints
from workbook.core.dates import (
    AMBIGUOUS,
    BAD,
    OK,
    check_order,
    parse_dates,
    read_distinct_dates,
    why_not,
)
from workbook.core.distinct import distinct, spread, stripped
from workbook.core.exceptions import DataError
from workbook.core.instrument import Instrument, resolve
from workbook.core.instrument_file import normalise_label
from workbook.core.numbers import UNDERSCORE, has_underscore_number, plain_number
from workbook.core.problems import FIRST_DATA_ROW, Problem, quoted, show, sort_problems

__all__ = ["FIRST_DATA_ROW", "MISSING_LABELS", "Problem", "Settled", "answer_values",
           "conversation_counts", "explain_invalid", "keep_one", "not_answered", "row_numbers",
           "settle_repeats", "split_list", "to_number", "validate"]

#: Texts read as "no answer" in any cell: item answers, hours, conversations held.
MISSING_LABELS = frozenset({"", "na", "n/a", "-", "skipped"})

_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d+)$")
#: What ``--keep`` may say: keep the first or the last of repeated responses.
KEEP = schema.KEEP_CHOICES


def row_numbers(data: pd.DataFrame) -> np.ndarray:
    """Spreadsheet row numbers of a table's rows.

    A table read by :func:`workbook.load_responses` carries them as its index (named ``row``);
    any other table is numbered as if it were written to CSV with one header row.
    """
    if data.index.name == "row":
        return np.asarray(data.index, dtype=np.int64)
    return np.arange(FIRST_DATA_ROW, FIRST_DATA_ROW + len(data), dtype=np.int64)


def item_columns(data: pd.DataFrame, instrument=None) -> list:
    """The instrument's item ids present as columns of ``data``, in instrument order."""
    inst = resolve(instrument)
    # and the retired statements it holds (answers given on an earlier version: scored)
    return [i for i in (*inst.item_ids, *(r.id for r in inst.retired_items))
            if i in data.columns]


def answer_values(column: pd.Series, instrument: Instrument) -> tuple[np.ndarray, np.ndarray]:
    """Read one item column as numbers.

    Returns
    -------
    values : ndarray of float
        The scale value of each answer, NaN where unanswered or invalid.
    invalid : ndarray of bool
        True where an answer was given but is not on the scale.
    """
    lo, hi = instrument.scale_min, instrument.scale_max
    if pd.api.types.is_bool_dtype(column.dtype):
        numbers = np.full(len(column), np.nan)
        return numbers, np.array(column.notna(), dtype=bool)
    if pd.api.types.is_numeric_dtype(column.dtype):
        if pd.api.types.is_float_dtype(column.dtype):  # a copy: the values are not shared
            numbers = column.to_numpy(dtype=float, na_value=np.nan, copy=True)
        else:  # whole numbers (NA -> NaN); 4x faster than to_numpy(na_value=...)
            numbers = np.asarray(column.array, dtype=float)  # a new array: ints -> floats
        ok = (numbers >= lo) & (numbers <= hi)  # False where NaN
        if not pd.api.types.is_integer_dtype(column.dtype):
            ok &= numbers == np.floor(numbers)
        invalid = ~ok
        invalid &= ~np.isnan(numbers)
        if invalid.any():
            numbers[~ok] = np.nan
        return numbers, invalid
    else:
        if column.dtype == object and pd.api.types.infer_dtype(
                column, skipna=True) in _MAY_HOLD_BOOLS:
            # True == 1 to pd.factorize: write booleans as text so a valid 1 stays valid.
            column = column.map(_bool_text, na_action="ignore")
        # Read each distinct text once: a survey has few distinct answers.
        codes, uniques = distinct(column)
        values = [_text_value(u, instrument) for u in uniques]
        numbers = spread(codes, np.array([np.nan if v is None else v for v in values],
                                         dtype=float), np.nan)
        given = spread(codes, np.array([v is not None for v in values], dtype=bool), False)
    ok = given & (numbers >= lo) & (numbers <= hi) & (numbers == np.floor(numbers))
    invalid = given & ~ok
    numbers = np.where(ok, numbers, np.nan)
    return numbers, invalid


_MAY_HOLD_BOOLS = frozenset({"boolean", "mixed", "mixed-integer", "mixed-integer-float"})


def _bool_text(value):
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    return value


def _text_value(value, instrument: Instrument):
    """Scale value of one answer as read; None for a "no answer" text, NaN if unknown."""
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        return float(value)
    text = normalise_label(str(value))
    if text in MISSING_LABELS:
        return None
    if text in instrument.label_values:
        return float(instrument.label_values[text])
    try:  # "0_4" is no answer 4 (round 12b Q2)
        return plain_number(_DECIMAL_COMMA.sub(r"\1.\2", text))
    except ValueError:
        return np.nan


def explain_invalid(value, instrument: Instrument) -> str:
    """Why one answer is not on the instrument's scale, in words a coach can act on."""
    lo, hi = instrument.scale_min, instrument.scale_max
    number = _text_value(value, instrument)
    if isinstance(value, bool) or number is None or pd.isna(number):
        pairs = zip(instrument.scale_values, instrument.labels)
        labels = ", ".join(f"{v}={lab!r}" for v, lab in pairs)
        why = f": {UNDERSCORE}" if has_underscore_number(value) else ""
        return (f"{quoted(value)} is not an answer on the scale{why}; use {lo}-{hi} or a label "
                f"({labels})")
    if number != np.floor(number):
        return f"{show(value)} is not a whole number; answers are {lo}-{hi}"
    return f"{show(value)} is outside the scale {lo}-{hi}"


def validate(data: pd.DataFrame, instrument=None, *, dates=None, cell_rows=None) -> list:
    """List every problem of a canonical wide response table.

    Parameters
    ----------
    data : DataFrame
        One row per participant per timepoint: ``participant_id``, optional ``cohort``,
        ``timepoint``, ``date``, item columns (numbers or answer labels), ``hours_per_week``,
        ``motivators``, ``north_star``, ``notes``.
    instrument : Instrument or path, optional
        Defaults to the kit's own instrument.
    dates : {None, "dmy", "mdy"}
        How to read a ``date`` such as 04/03/2026; without it such a date is a problem
        (dates written year first, or with a day over 12, need no order).
    cell_rows : DataFrame, optional
        The spreadsheet row of each answer when it is not the row's own (the long form).

    Returns
    -------
    list of Problem
        Empty when the table is fine. Ordered by row, then column. Besides each cell's own
        problems: a participant twice at one timepoint, and a participant whose ``post`` is
        dated before their ``pre`` (both rows: the comparison pairs by timepoint, a personal
        report by date).

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> validate(load_sample())
    []
    """
    return checked(data, instrument, dates=dates, cell_rows=cell_rows)[0]


def checked(data: pd.DataFrame, instrument=None, *, dates=None, cell_rows=None,
            undecided=None, repeats: bool = True, ids=None) -> tuple[list, dict]:
    """:func:`validate`, and the columns it read as numbers and dates on the way.

    ``undecided``: the repeats ``--keep`` could not settle (:attr:`Settled.undecided`), whose
    problems say why. ``repeats=False`` leaves out the check for repeated responses (what
    else is wrong with each row of a repeat, before ``--keep`` settles it).

    Returns
    -------
    problems : list of Problem
    values : dict
        Column -> array aligned with ``data``'s rows, as :func:`workbook.responses.coercion.coerce`
        writes it: item answers as floats (columns not already float), hours as floats (a text
        column), dates as ``YYYY-MM-DD`` text (None where not a date). Coercion takes them
        from here instead of reading the same cells again.
    """
    inst = resolve(instrument)
    dates = check_order(dates)
    problems = []
    rows = row_numbers(data)
    if schema.PARTICIPANT_ID not in data.columns:
        problems.append(
            Problem(1, schema.PARTICIPANT_ID, "", "there is no participant_id column (header row); "
                    "if another column holds the ids, name it in a mapping file (--map FILE, "
                    f"a row '<column>,{schema.PARTICIPANT_ID}')")
        )
    items = item_columns(data, inst)
    if not items:
        problems.append(
            Problem(
                1,
                None,
                "",
                "no column matches an item of the instrument "
                f"(expected ids such as {', '.join(inst.item_ids[:3])}, ...)",
            )
        )
    if len(data) == 0:
        problems.append(Problem(None, None, "", "the table has a header but no responses"))
    if problems:
        return problems, {}
    values = {}

    # ids: the codes and texts stripped() gives for the id column, when read already
    id_codes, id_texts = ids if ids is not None else stripped(data[schema.PARTICIPANT_ID])
    missing_id = spread(id_codes, id_texts == "", True)
    for r in rows[missing_id]:
        problems.append(Problem(int(r), schema.PARTICIPANT_ID, "", "participant_id is empty"))
    if schema.TIMEPOINT in data.columns:
        problems.extend(_check_ids_not_timepoints(data, rows, id_codes, id_texts))

    given = {}  # item column -> answered cells (on the scale or not)
    for col in items:
        column = data[col]
        numbers, invalid = answer_values(column, inst)
        given[col] = ~np.isnan(numbers) | invalid
        if not pd.api.types.is_float_dtype(column.dtype):
            values[col] = numbers
        where = rows
        if cell_rows is not None and col in cell_rows.columns:
            where = cell_rows[col].to_numpy(dtype=float, na_value=np.nan)
        for pos in np.flatnonzero(invalid):
            value = column.iloc[pos]
            problems.append(Problem(int(where[pos]), col, value, explain_invalid(value, inst)))

    problems.extend(_check_version_cells(data, inst, rows, given))
    if schema.HOURS in data.columns:
        found, hours = _check_hours(data[schema.HOURS], rows)
        problems.extend(found)
        if hours is not None:
            values[schema.HOURS] = hours
    for col in schema.PLAN_COLUMNS:
        if col in data.columns:
            problems.extend(_check_plan(data[col], rows))
    if schema.MOTIVATORS in data.columns:
        problems.extend(_check_motivators(data[schema.MOTIVATORS], rows))
    if schema.CONVERSATIONS_HELD in data.columns:
        found, held = _check_conversations(data[schema.CONVERSATIONS_HELD], rows)
        problems.extend(found)
        values[schema.CONVERSATIONS_HELD] = held
    if schema.DATE in data.columns:
        found, iso = _check_dates(data[schema.DATE], rows, dates)
        problems.extend(found)
        if iso is not None:
            values[schema.DATE] = iso
        if schema.TIMEPOINT in data.columns:
            problems.extend(_check_post_after_pre(data, rows, iso, (id_codes, id_texts)))

    if repeats:
        problems.extend(_check_duplicates(data, rows, missing_id, (id_codes, id_texts),
                                          undecided or {}))
    return sort_problems(problems), values


def _check_ids_not_timepoints(data: pd.DataFrame, rows: np.ndarray, id_codes, id_texts) -> list:
    """Ids and timepoints in each other's columns (round 13c T7): one problem per row.

    A participant id written ``pre``/``post`` is a timepoint, and a timepoint that is one of
    the file's participant ids is a person: read as they stand, each person would be a
    timepoint of their own, and every output that names timepoints would print the ids.
    """
    swapped = "are the participant_id and timepoint columns swapped in the header?"
    problems = []
    words = set(timepoints.PAIRED)
    as_word = np.fromiter((len(t) <= 4 and t.casefold() in words for t in id_texts),
                          dtype=bool, count=len(id_texts))
    if as_word.any():
        column = data[schema.PARTICIPANT_ID]
        for pos in np.flatnonzero(spread(id_codes, as_word, False)):
            problems.append(Problem(
                int(rows[pos]), schema.PARTICIPANT_ID, column.iloc[pos],
                f"this participant_id is a timepoint ({str(column.iloc[pos]).strip()!r}), "
                f"not a person: {swapped}"))
    t_codes, t_texts = stripped(data[schema.TIMEPOINT])
    others = [t for t in t_texts if t and t.casefold() not in words]
    if others and len(id_texts):
        known = pd.Index(id_texts)
        hit = set(np.asarray(others, dtype=object)[pd.Index(others).isin(known)].tolist())
        if hit:
            is_id = np.array([t in hit for t in t_texts], dtype=bool)
            column = data[schema.TIMEPOINT]
            for pos in np.flatnonzero(spread(t_codes, is_id, False)):
                problems.append(Problem(
                    int(rows[pos]), schema.TIMEPOINT, column.iloc[pos],
                    "this timepoint is a participant id of this file, and an id is never a "
                    f"timepoint (the outputs name timepoints): {swapped}"))
    return problems


#: An instrument version as written: plain digits joined by dots, no leading zeros.
_PLAIN_VERSION = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$", re.ASCII)


def _check_version_cells(data: pd.DataFrame, inst, rows: np.ndarray, given: dict) -> list:
    """A row whose ``instrument_version`` cell names a version lacking statements it answers.

    The cell is the row's version (README), so such answers would be scored on another
    version's statements or left out without a word (round 8a, F6): one problem per row,
    naming the version and the columns. A cell that is no version is one too (the
    before/after refuses it, :func:`workbook.core.versions.timepoint_versions`), and so is a
    row with no version written answering, for one ingredient, statements no version asked
    together (the earlier ones would be left out of its score).
    """
    from workbook.core.versions import (
        VERSION_COLUMN,
        infer_version,
        is_version,
        mixed_answers,
        unasked_answers,
    )

    found = []
    if VERSION_COLUMN in data.columns:
        own = str(inst.version).strip()
        codes, texts = stripped(data[VERSION_COLUMN].astype("string"))
        bad = np.array([t != "" and not all(is_version(x.strip()) or x.strip() == own
                                            for x in str(t).split(";")) for t in texts],
                       dtype=bool)
        for pos in np.flatnonzero(spread(codes, bad, False)):
            cell = data[VERSION_COLUMN].iloc[pos]
            found.append(Problem(int(rows[pos]), VERSION_COLUMN, cell,
                                 f"{quoted(str(cell).strip())} is not an instrument version; "
                                 "write whole numbers joined by dots, such as 2.1, or leave "
                                 "the cell empty"))
        # one rule for every cell (round 12a P7): a version is written as the instrument's
        # is, plain digits joined by dots without leading zeros; v2.1, 02.1, 2.01 and
        # full-width digits read as a version only by guessing which one
        odd = np.array([not b and t != "" and not all(
            _PLAIN_VERSION.match(x.strip()) or x.strip() == own for x in str(t).split(";"))
            for t, b in zip(texts, bad)], dtype=bool)
        for pos in np.flatnonzero(spread(codes, odd, False)):
            cell = data[VERSION_COLUMN].iloc[pos]
            found.append(Problem(int(rows[pos]), VERSION_COLUMN, cell,
                                 f"{quoted(str(cell).strip())} is not written as an instrument "
                                 "version is (plain digits joined by dots, no letters, no "
                                 "leading zeros, such as 2.1): write the version that way, or "
                                 "leave the cell empty"))
    for pos, cell, names, columns in unasked_answers(data, inst, given):
        said = " or ".join(names)  # "2.0 or 2.1": a cell naming several (2.0;2.1)
        shown = ", ".join(columns[:8]) + (f" and {len(columns) - 8} more"
                                          if len(columns) > 8 else "")
        they = "it" if len(columns) == 1 else "they"
        answered = [c for c in given if given[c][pos]]
        fits = infer_version(inst, answered)
        hint = (f"its answers are all statements of version {fits}" if fits is not None
                else "no one version holds all its answers")
        lack = (f"which version {said} does not have" if len(names) == 1 else
                f"which none of versions {', '.join(names)} holds with the rest of their "
                "ingredient's answers")
        found.append(Problem(int(rows[pos]), VERSION_COLUMN, cell,
                             f"the row says it was answered on instrument version {said}, "
                             f"but it answers {shown}, {lack}, so {they} would be scored on "
                             "another version's statements or left out "
                             f"({hint}): write the version the row was answered on, or "
                             "correct its answers"))
    for pos, left, kept in mixed_answers(data, inst, given):
        found.append(Problem(int(rows[pos]), left[0], "",
                             f"the row answers {', '.join(left)} of an earlier instrument "
                             f"version beside {', '.join(kept)} of version {inst.version} for "
                             "the same ingredient, and no version asked them all, so "
                             f"{'it' if len(left) == 1 else 'they'} would be left out of its "
                             "score: correct the row's answers (one version's statements a "
                             "row)"))
    return found


def to_number(column: pd.Series) -> pd.Series:
    """Numbers from a column of numbers or text; a decimal comma (``6,5``) reads as ``6.5``.

    Spreadsheets set up for a decimal comma (with ``;`` between columns) write numbers that
    way. Anything that is not a number becomes NaN. Each distinct text is read once.
    """
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
        column.dtype
    ):
        return pd.to_numeric(column, errors="coerce")
    codes, uniques = distinct(column)
    return pd.Series(spread(codes, _numbers(uniques), np.nan), index=column.index,
                     name=column.name)


def _numbers(uniques: pd.Series) -> np.ndarray:
    """Distinct values (not missing) as numbers, NaN where one is not a number."""
    text = uniques.astype(object).astype("string").str.strip()
    text = text.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _check_hours(column: pd.Series, rows: np.ndarray) -> tuple[list, np.ndarray | None]:
    """Problems of the hours, and the hours as numbers (None when the column holds numbers)."""
    lo, hi = schema.HOURS_RANGE
    as_numbers = None
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
        column.dtype
    ):
        numbers = to_number(column).to_numpy(dtype=float, na_value=np.nan)
        given = np.array(column.notna(), dtype=bool)
    else:  # each distinct text once
        codes, uniques = distinct(column)
        blank = not_answered(uniques)  # NA, skipped...: not answered, as in every cell
        numbers = as_numbers = spread(codes, np.where(blank, np.nan, _numbers(uniques)),
                                      np.nan)
        given = spread(codes, ~blank, False)
    bad = given & ~((numbers >= lo) & (numbers <= hi))
    return [
        Problem(
            int(rows[pos]),
            schema.HOURS,
            column.iloc[pos],
            f"hours a week must be a number from {lo:g} to {hi:g}; --skip-invalid keeps this "
            "response with its hours left empty, unless the row has another problem",
        )
        for pos in np.flatnonzero(bad)
    ], as_numbers


def _check_plan(column: pd.Series, rows: np.ndarray) -> list:
    """Problems of an export's step minutes or chosen pace (round 13b S2's columns).

    Empty cells are fine (the usual minutes apply); anything else must be what the time
    page takes: whole minutes from 1 to 600, a pace above 0 and at most 100 a week.
    """
    codes, uniques = distinct(column)
    blank = not_answered(uniques)
    numbers = spread(codes, np.where(blank, np.nan, _numbers(uniques)), np.nan)
    given = spread(codes, ~blank, False)
    if column.name == schema.CHOSEN_PER_WEEK:
        good = (numbers > 0) & (numbers <= schema.CHOSEN_PER_WEEK_MAX)
        rule = (f"the chosen pace must be a number above 0 and at most "
                f"{schema.CHOSEN_PER_WEEK_MAX} a week")
    else:
        lo, hi = schema.STEP_MINUTES_RANGE
        good = (numbers >= lo) & (numbers <= hi) & (np.mod(numbers, 1) == 0)
        rule = f"the minutes of a step must be a whole number from {lo} to {hi}"
    return [
        Problem(int(rows[pos]), column.name, column.iloc[pos],
                f"{rule}; --skip-invalid keeps this response with this cell left empty "
                "(the usual minutes apply), unless the row has another problem")
        for pos in np.flatnonzero(given & ~good)
    ]


def not_answered(uniques) -> np.ndarray:
    """Which of the distinct values are a "not answered" marker (:data:`MISSING_LABELS`).

    One list for every cell: answers, hours a week and conversations held (round 9a H8).

    >>> not_answered(["NA", " ", "n/a", "-", "Skipped", "3"]).tolist()
    [True, True, True, True, True, False]
    """
    return np.array([normalise_label(str(u)) in MISSING_LABELS for u in uniques], dtype=bool)


def conversation_counts(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Read a ``conversations_held`` column: whole numbers from 0 to 500, or not answered.

    The "not answered" markers of item answers (an empty cell, ``NA``, ``N/A``, ``-``,
    ``skipped``) count as missing; a decimal comma is read as in hours (``3,0`` is 3).

    Returns
    -------
    numbers : ndarray of float
        Conversations held, NaN where not answered or not a whole number in range.
    invalid : ndarray of bool
        True where something was written that is not such a number (``2.5``, ``-1``,
        ``many``, ``TRUE``).

    Examples
    --------
    >>> import pandas as pd
    >>> numbers, invalid = conversation_counts(pd.Series(["3", "NA", "2.5", "", "0"]))
    >>> numbers.tolist(), invalid.tolist()
    ([3.0, nan, nan, nan, 0.0], [False, False, True, False, False])
    >>> conversation_counts(pd.Series(["1,000", "3,0"]))[1].tolist()  # a thousands separator
    [True, False]
    >>> conversation_counts(pd.Series(["1e1"]))[1].tolist()  # an exponent: not read as 10
    [True]
    """
    lo, hi = schema.CONVERSATIONS_RANGE
    if pd.api.types.is_bool_dtype(column.dtype):
        return np.full(len(column), np.nan), np.array(column.notna(), dtype=bool)
    if pd.api.types.is_numeric_dtype(column.dtype):
        numbers = np.array(to_number(column).to_numpy(dtype=float, na_value=np.nan))
        given = ~np.isnan(numbers)
    else:
        if column.dtype == object and pd.api.types.infer_dtype(
                column, skipna=True) in _MAY_HOLD_BOOLS:
            column = column.map(_bool_text, na_action="ignore")  # TRUE is no number
        codes, uniques = distinct(column)  # each distinct text once
        blank = not_answered(uniques)
        grouped = np.array([bool(_THOUSANDS.match(str(u)) or _EXPONENT.match(str(u)))
                            for u in uniques], dtype=bool)  # 1,000 and 1e1: not read
        numbers = spread(codes, np.where(blank | grouped, np.nan, _numbers(uniques)), np.nan)
        given = spread(codes, ~blank, False)
    ok = given & (numbers >= lo) & (numbers <= hi) & (numbers == np.floor(numbers))
    return np.where(ok, numbers, np.nan), given & ~ok


#: A count written with a thousands separator (``1,000``): not read as 1 (attacks5 C4).
_THOUSANDS = re.compile(r"^\s*\d{1,3}(,\d{3})+\s*$")
#: A count written with an exponent (``1e1``): not read as 10 (round 7 E17).
_EXPONENT = re.compile(r"^\s*[+-]?(\d+[.,]?\d*|[.,]\d+)[eE][+-]?\d+\s*$")


def _check_conversations(column: pd.Series, rows: np.ndarray) -> tuple[list, np.ndarray]:
    """Problems of the conversations held, and the column as numbers (NaN: not answered)."""
    lo, hi = schema.CONVERSATIONS_RANGE
    numbers, invalid = conversation_counts(column)
    return [
        Problem(int(rows[pos]), schema.CONVERSATIONS_HELD, column.iloc[pos],
                f"conversations held must be a whole number from {lo} to {hi}"
                + (", written without a thousands separator"
                   if _THOUSANDS.match(str(column.iloc[pos])) else
                   ", written without an exponent"
                   if _EXPONENT.match(str(column.iloc[pos])) else "")
                + "; leave the cell empty (or write NA) where it was not answered")
        for pos in np.flatnonzero(invalid)
    ], numbers


def _check_dates(column: pd.Series, rows: np.ndarray, order=None
                 ) -> tuple[list, np.ndarray | None]:
    """Every unambiguous date is fine; an ambiguous one needs ``--dates``; text is not a date.

    Also returns the dates as ``YYYY-MM-DD`` text (None for a column of datetimes).
    """
    codes, states, per_date = read_distinct_dates(column, order)
    iso = None if per_date is None else spread(codes, per_date, None)
    problems = []
    optional = "the date column is optional: you may also leave it out"
    bad = np.flatnonzero(spread(codes, states != OK, False))
    # Ambiguous dates are one matter, said once (at the first, naming every row); each other
    # row is still a problem of its own (--skip-invalid leaves it out), pointing to the first.
    ambiguous = [pos for pos in bad if states[codes[pos]] == AMBIGUOUS]
    first = ambiguous[0] if ambiguous else None
    for pos in bad:
        if pos == first:
            others = _listed([int(rows[p]) for p in ambiguous[1:]])
            also = f" and the dates on row{'s' if len(ambiguous) > 2 else ''} {others}" \
                if others else ""
            message = (f"this date{also} could be day first or month first "
                       f"({_readings(column.iloc[pos])}); say which with --dates dmy or --dates "
                       f"mdy, or write {'them' if also else 'it'} year first (2026-03-04); "
                       f"{optional}")
        elif states[codes[pos]] == AMBIGUOUS:
            message = (f"could be day first or month first too ({_readings(column.iloc[pos])}): "
                       f"see row {int(rows[first])}")
        elif why := why_not(column.iloc[pos], order):  # a date's shape, but no such day
            read = "" if not order or _year_first(column.iloc[pos]) else \
                f" read {'day' if order == 'dmy' else 'month'} first (--dates {order})"
            message = f"not a date{read}: {why}; {optional}"
        elif order and not _year_first(column.iloc[pos]):
            message = (f"not a date read {'day' if order == 'dmy' else 'month'} first "
                       f"(--dates {order}); write it year first, as YYYY-MM-DD; {optional}")
        else:
            message = ("not a date: write it year first, as YYYY-MM-DD (for example "
                       "2026-03-04), with nothing after it but a time; " + optional)
        problems.append(Problem(int(rows[pos]), schema.DATE, column.iloc[pos], message))
    return problems, iso


def _check_post_after_pre(data: pd.DataFrame, rows: np.ndarray, iso, ids) -> list:
    """A problem on both rows of a participant whose ``post`` is dated before their ``pre``.

    The before/after comparison pairs rows by their timepoint, while a personal report takes
    the latest date for the latest answers: with the two the wrong way round they disagree,
    so one of the two must be corrected. The earliest dated ``post`` is compared with the
    latest dated ``pre``; rows without a readable date are not compared.
    """
    id_codes, id_texts = ids
    if iso is not None:  # each distinct date once
        codes, texts = pd.factorize(np.asarray(iso, dtype=object), use_na_sentinel=True)
        when = spread(codes, pd.to_datetime(pd.Series(texts, dtype=object), errors="coerce",
                                            format="ISO8601").to_numpy(dtype="datetime64[ns]"),
                      np.datetime64("NaT", "ns"))
    else:  # a column of datetimes (xlsx)
        when = pd.to_datetime(data[schema.DATE], errors="coerce").to_numpy()
    t_codes, t_texts = stripped(data[schema.TIMEPOINT])
    spelled = np.array(timepoints.canonical(t_texts), dtype=object)
    label = spread(t_codes, spelled, None)
    named = spread(id_codes, np.asarray(id_texts, dtype=object) != "", False)
    is_pre, is_post = label == schema.BEFORE, label == schema.AFTER
    later = _later_before_post(data, rows, when, label, named, ids)
    usable = named & (is_pre | is_post) & ~pd.isna(when)
    if not usable.any():
        return later
    # The latest pre and the earliest post of each participant, by their codes (numpy only).
    stamp = np.asarray(when, dtype="datetime64[ns]").view(np.int64)
    pre_rows, post_rows = np.flatnonzero(usable & is_pre), np.flatnonzero(usable & is_post)
    n = len(id_texts)
    latest = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(latest, id_codes[pre_rows], stamp[pre_rows])
    earliest = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(earliest, id_codes[post_rows], stamp[post_rows])
    bad = earliest < latest
    if not bad.any():
        return later
    pre_at = pre_rows[bad[id_codes[pre_rows]]
                      & (stamp[pre_rows] == latest[id_codes[pre_rows]])]
    post_at = post_rows[bad[id_codes[post_rows]]
                        & (stamp[post_rows] == earliest[id_codes[post_rows]])]
    last_pre = {int(id_codes[pos]): int(pos) for pos in pre_at}  # the last in file order
    first_post = {int(id_codes[pos]): int(pos) for pos in post_at[::-1]}  # the first
    problems = []
    column = data[schema.DATE]
    for code in np.flatnonzero(bad):
        pre, post = last_pre[int(code)], first_post[int(code)]
        message = (
            f"participant {quoted(id_texts[code])} is dated {show(column.iloc[post])} at "
            f"{schema.AFTER} (row {int(rows[post])}), before {show(column.iloc[pre])} at "
            f"{schema.BEFORE} (row {int(rows[pre])}): the before/after comparison pairs rows by "
            "timepoint, a personal report by date, so the two would disagree; correct the "
            "date or the timepoint")
        for pos in (pre, post):
            problems.append(Problem(int(rows[pos]), schema.DATE, column.iloc[pos], message))
    return problems + later


def _later_before_post(data: pd.DataFrame, rows: np.ndarray, when, label, named, ids) -> list:
    """A problem on each row at a later timepoint dated before the person's ``post`` (14c W20).

    The outcome reads a timepoint other than ``pre`` and ``post`` (``followup``, a date) as
    after ``post``: a person's count there replaces their post count. Dated (``date``, else
    the timepoint when it is a date) before their earliest dated ``post``, the row says the
    opposite, so one of the two must be corrected. Only the later row has the problem (with
    ``--skip-invalid`` the post answers stay).
    """
    id_codes, id_texts = ids
    when = np.asarray(when, dtype="datetime64[ns]").copy()
    other = named & (label != None) & (label != "")  # noqa: E711 - elementwise
    other &= (label != schema.BEFORE) & (label != schema.AFTER)
    if not other.any():
        return []
    # a look-alike of pre/post (``before``, ``t1``) is refused as a timepoint already
    refused = {v for v in pd.unique(label[other]) if timepoints.key(v) in timepoints.LOOKALIKES
               or timepoints.near(v) is not None}
    if refused:
        other &= ~pd.Series(label, dtype=object).isin(refused).to_numpy(dtype=bool)
    own = pd.to_datetime(pd.Series(label, dtype=object).where(
        pd.Series(label, dtype=object).astype("string").str.fullmatch(r"\d{4}-\d{2}-\d{2}")
        .fillna(False).to_numpy(dtype=bool)), errors="coerce", format="%Y-%m-%d")
    when = np.where(pd.isna(when), own.to_numpy(dtype="datetime64[ns]"), when)
    stamp = when.view(np.int64)
    dated = ~pd.isna(when)
    post_rows = np.flatnonzero(named & (label == schema.AFTER) & dated)
    if not len(post_rows):
        return []
    earliest = np.full(len(id_texts), np.iinfo(np.int64).max)
    np.minimum.at(earliest, id_codes[post_rows], stamp[post_rows])
    first_post = {}
    for pos in post_rows[::-1]:
        if stamp[pos] == earliest[id_codes[pos]]:
            first_post[int(id_codes[pos])] = int(pos)
    problems = []
    for pos in np.flatnonzero(other & dated):
        code = int(id_codes[pos])
        post = first_post.get(code)
        if post is None or stamp[pos] >= earliest[code]:
            continue
        day = str(when[pos])[:10]
        message = (
            f"participant {quoted(id_texts[code])} is dated {day} at {quoted(label[pos])} "
            f"(row {int(rows[pos])}), before {str(when[post])[:10]} at {schema.AFTER} (row "
            f"{int(rows[post])}): a timepoint other than {schema.BEFORE} and {schema.AFTER} "
            f"is read as after {schema.AFTER} (its {schema.CONVERSATIONS_HELD} replaces "
            f"{schema.AFTER}'s), so the two would disagree; correct the date or the timepoint")
        problems.append(Problem(int(rows[pos]), schema.DATE, data[schema.DATE].iloc[pos],
                                message))
    return problems


def _year_first(value) -> bool:
    """True for a text that begins as a date written year first (``2026-03-04 ...``)."""
    return re.match(r"\s*\d{4}[-/.]", str(value)) is not None


def _listed(rows: list, limit: int = 20) -> str:
    """``3, 5, 9``: rows in a message, at most ``limit`` of them, then how many more."""
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (f", ... ({len(rows) - limit} more)" if len(rows) > limit else "")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _readings(value) -> str:
    """``'4 March or April 3'`` for ``04/03/2026``: the two dates an ambiguous one may be."""
    parts = re.findall(r"\d+", str(value))
    first, second = int(parts[0]), int(parts[1])
    return f"{first} {_MONTHS[second - 1]} or {_MONTHS[first - 1]} {second}"


def _check_motivators(column: pd.Series, rows: np.ndarray) -> list:
    problems = []
    allowed = set(schema.MOTIVATOR_CHOICES)
    # Check each distinct answer once: a cohort has few distinct combinations.
    bad = {}
    codes, uniques = distinct(column)
    for value in uniques.to_numpy():
        unknown = [m for m in split_list(value) if m not in allowed]
        if unknown:
            bad[value] = unknown
    if not bad:
        return problems
    flagged = np.array([value in bad for value in uniques.to_numpy()], dtype=bool)
    for pos in np.flatnonzero(spread(codes, flagged, False)):
        value = column.iloc[pos]
        problems.append(
            Problem(
                int(rows[pos]),
                schema.MOTIVATORS,
                value,
                f"unknown motivator {', '.join(map(repr, bad[value]))}; choose from "
                f"{', '.join(schema.MOTIVATOR_CHOICES)}, separated by ';'",
            )
        )
    return problems


def split_list(value) -> list:
    """Split a ``;``-separated cell into lower-case, stripped parts (empty parts dropped)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [p.strip().lower() for p in str(value).split(schema.MOTIVATOR_SEPARATOR) if p.strip()]


def _check_duplicates(data: pd.DataFrame, rows: np.ndarray, missing_id: np.ndarray,
                      ids=None, undecided=None) -> list:
    key = _pairs(data, ids)
    dup = key.repeated & ~missing_id
    problems = []
    if not dup.any():
        return problems
    groups = key.texts(dup).groupby(["p", "t"], sort=False).groups
    cohort = data[schema.COHORT].astype("string").str.strip() \
        if schema.COHORT in data.columns else None
    for (pid, tp), positions in groups.items():
        all_rows = ", ".join(str(int(rows[p])) for p in positions)
        when = f" at timepoint {tp!r}" if tp else ""
        why = (undecided or {}).get((pid, "" if tp is pd.NA else tp))
        # round 14c W17: one id in two cohorts is two workshops numbering people alike
        named = [] if cohort is None else sorted(
            {v for v in cohort.iloc[list(positions)].dropna() if v})
        if len(named) > 1:
            message = (f"participant {pid!r} appears more than once{when} (rows {all_rows}), "
                       f"in different cohorts ({', '.join(repr(v) for v in named)}): two "
                       "people sharing an id? make the ids unique (for example with the "
                       "cohort before each), or keep one row if it is one person")
        elif why:
            message = (f"participant {pid!r} appears more than once{when} (rows {all_rows}), "
                       f"and --keep cannot choose between them: {why}")
        else:
            message = (f"participant {pid!r} appears more than once{when} (rows {all_rows}); "
                       "keep one row per participant per timepoint, or pass --keep first or "
                       "--keep last to keep one of them (by date where there is one)")
        for pos in positions:
            problems.append(Problem(int(rows[pos]), schema.PARTICIPANT_ID, pid, message))
    return problems


class _Pairs:
    """Participant and timepoint of each row, stripped of spaces, as integer codes.

    Timepoints are compared in their one spelling (:mod:`workbook.core.timepoints`: ``Post`` is
    ``post``). ``repeated`` marks rows whose (participant_id, timepoint) another row has too, as
    ``DataFrame.duplicated(keep=False)`` does on the stripped texts (an empty timepoint counts
    as ``""``; a missing id is a key of its own); :meth:`texts` gives the texts of some rows.
    """

    def __init__(self, data: pd.DataFrame, ids=None):
        self.p_codes, self.p_texts = ids if ids is not None else stripped(
            data[schema.PARTICIPANT_ID])
        if schema.TIMEPOINT in data.columns:
            t_codes, t_texts = stripped(data[schema.TIMEPOINT])
            # One timepoint written two ways (post, Post) is one timepoint.
            spelled = timepoints.canonical(t_texts)
            if spelled != list(t_texts):
                again, t_texts = pd.factorize(np.array(spelled, dtype=object))
                t_codes = spread(t_codes, np.asarray(again, dtype=np.intp), -1)
                t_texts = np.asarray(t_texts, dtype=object)
            empty = np.flatnonzero(t_texts == "")
            if len(empty):
                blank = int(empty[0])
            else:
                blank = len(t_texts)
                t_texts = np.append(t_texts, np.array([""], dtype=object))
            self.t_codes = np.where(t_codes < 0, blank, t_codes)
            self.t_texts = t_texts
        else:
            self.t_codes = np.zeros(len(data), dtype=np.intp)
            self.t_texts = np.array([""], dtype=object)
        key = (self.p_codes.astype(np.int64) + 1) * len(self.t_texts) + self.t_codes
        size = (len(self.p_texts) + 1) * len(self.t_texts)
        if size <= 4 * len(key) + 1024:  # few enough keys to count them in an array
            self.repeated = np.bincount(key, minlength=size)[key] > 1
        else:
            self.repeated = pd.Series(key).duplicated(keep=False).to_numpy()
        self.missing = self.p_codes < 0

    def texts(self, mask: np.ndarray) -> pd.DataFrame:
        """Columns ``p`` and ``t`` of the rows ``mask`` marks, index = their positions."""
        positions = np.flatnonzero(mask)
        p = self.p_texts
        return pd.DataFrame(
            {"p": pd.array(spread(self.p_codes[positions], p, None), dtype="string"),
             "t": pd.array(self.t_texts[self.t_codes[positions]],
                           dtype="string")},
            index=positions,
        )


def _pairs(data: pd.DataFrame, ids=None) -> _Pairs:
    return _Pairs(data, ids)


def keep_one(data: pd.DataFrame, keep=None, *, dates=None) -> tuple[pd.DataFrame, list]:
    """Keep one row per participant and timepoint (``--keep first|last``).

    The first or last is by ``date`` where the table has one, else by file order; see
    :func:`settle_repeats` for a repeat whose dates are missing or cannot be read (its rows
    are all kept then, and stay a repeat).

    Returns
    -------
    data : DataFrame
        Without the rows left out (unchanged when ``keep`` is None).
    left_out : list of tuple
        ``(row, participant_id, timepoint, kept_row)`` for every row left out.

    Raises
    ------
    DataError
        For a ``keep`` other than ``"first"`` or ``"last"``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"participant_id": ["a", "b", "a"]},
    ...                      index=pd.Index([2, 3, 4], name="row"))
    >>> kept, left_out = keep_one(table, "last")
    >>> list(kept.index), left_out
    ([3, 4], [(2, 'a', '', 4)])
    """
    settled = settle_repeats(data, keep, dates=dates)
    return settled.data, settled.left_out


@dataclass
class Settled:
    """What :func:`settle_repeats` did.

    Attributes
    ----------
    data : DataFrame
        Without the rows left out.
    left_out : list of tuple
        ``(row, participant_id, timepoint, kept_row)`` for every row left out.
    by_order : dict
        ``(participant_id, timepoint)`` -> the rows without a date, for a repeat settled by
        file order because some of its rows have a date and some have none.
    undecided : dict
        ``(participant_id, timepoint)`` -> why no row could be chosen (a date that cannot be
        read decides it); all its rows are kept, and stay a repeat.
    passed_over : set
        Rows left out because they have a problem while another row of their repeat has none
        (``avoid``).
    all_avoided : set
        ``(participant_id, timepoint)`` of repeats whose every row has a problem (``avoid``):
        the row kept has one too.
    hours_passed : set
        Rows left out because their hours a week cannot be read while another row of their
        repeat has no problem (``hours``).
    """

    data: pd.DataFrame
    left_out: list = field(default_factory=list)
    by_order: dict = field(default_factory=dict)
    undecided: dict = field(default_factory=dict)
    passed_over: set = field(default_factory=set)
    all_avoided: set = field(default_factory=set)
    #: ``(participant_id, timepoint)`` -> ``(rows, date)`` for a repeat whose row kept shares
    #: its date with another row (the earliest or latest date tied): settled by file order.
    tied: dict = field(default_factory=dict)
    hours_passed: set = field(default_factory=set)


def settle_repeats(data: pd.DataFrame, keep=None, *, dates=None, avoid=None,
                   hours=None) -> Settled:
    """:func:`keep_one`, saying how each repeat was settled.

    A repeat (one participant twice at a timepoint) is settled:

    - by ``date`` when each of its rows has one: the earliest is first, the latest last (file
      order between equal dates);
    - by file order when none of its rows has a date, or when some have one and some not (a
      missing date is no reason to count a row as earliest or latest): ``by_order`` names
      the rows without a date, and the note says so;
    - not at all when the choice hangs on a date that cannot be read: a date that is not a
      date, or one that could be day first or month first (``09/10/2026`` without
      ``--dates``) and whose two readings would keep different rows. Its rows are all kept,
      and it stays a problem naming that date (``undecided``). When both readings keep the
      same row, that row is kept.

    ``avoid``: spreadsheet rows that have a problem (``--skip-invalid`` leaves them out). A
    repeat chooses among its rows without one, when it has any (``passed_over`` names the
    rows left out for that); so a valid response is not lost to a repeat with a typo.
    ``hours``: rows whose only problem is their hours a week (``--skip-invalid`` keeps them,
    hours left empty). Among the rows left after ``avoid``, a repeat chooses among those
    without such a problem, when it has any (``hours_passed``).
    """
    if keep is None:
        return Settled(data)
    keep = str(keep).strip().lower()
    if keep not in KEEP:
        raise DataError(f"unknown --keep {keep!r}: use 'first' or 'last'")
    if schema.PARTICIPANT_ID not in data.columns or len(data) == 0:
        return Settled(data)
    rows = row_numbers(data)
    pairs = _pairs(data)
    dup = pairs.repeated & ~pairs.missing
    if not dup.any():
        return Settled(data)
    every = pairs.texts(dup)  # only the repeated rows from here on
    every["row"] = rows[dup]
    every["pos"] = every.index
    passed_over, all_avoided = set(), set()
    key = every
    if avoid:  # rows with a problem are chosen only when all of their repeat's rows have one
        bad = every["row"].isin(set(avoid)).to_numpy(dtype=bool)
        all_bad = every.assign(bad=bad).groupby(["p", "t"], sort=False)["bad"].transform(
            "all").to_numpy(dtype=bool)
        key = every[~bad | all_bad]
        passed_over = set(every["row"][bad & ~all_bad].astype(int))
        all_avoided = set(zip(every["p"][all_bad], every["t"][all_bad]))
    hours_passed = set()
    if hours:  # then a row whose hours cannot be read, only when all the others' cannot too
        soft = key["row"].isin(set(hours)).to_numpy(dtype=bool)
        all_soft = key.assign(soft=soft).groupby(["p", "t"], sort=False)["soft"].transform(
            "all").to_numpy(dtype=bool)
        hours_passed = set(key["row"][soft & ~all_soft].astype(int))
        key = key[~soft | all_soft]
    by_order, undecided, tied = {}, {}, {}
    if schema.DATE not in data.columns:
        chosen = _chosen(key, None, keep)
    else:
        column = data[schema.DATE].iloc[key.index]
        when, status = parse_dates(column, dates)
        flags = pd.DataFrame({"p": key["p"], "t": key["t"],
                              "empty": (when.isna() & (status == OK)).to_numpy(),
                              "bad": status == BAD, "ambiguous": status == AMBIGUOUS})
        groups = flags.groupby(["p", "t"], sort=False)
        # A row left alone to choose from is chosen, whatever its date.
        alone = groups["bad"].transform("size").to_numpy() < 2
        flags["bad"] &= ~alone
        flags["ambiguous"] &= ~alone
        some_empty = groups["empty"].transform("any").to_numpy(dtype=bool)
        mixed = some_empty & ~groups["empty"].transform("all").to_numpy(dtype=bool)
        # A repeat with a date on some rows and none on others goes by file order.
        chosen = _chosen(key, when.where(~mixed), keep)
        for (p, t), part in flags[mixed].groupby(["p", "t"], sort=False):
            by_order[(p, t)] = [int(r) for r in key.loc[part.index[part["empty"]], "row"]]
        tied = _tied(key, when.where(~mixed), chosen, column)
        ambiguous = flags[flags["ambiguous"]]
        if len(ambiguous):  # whichever way such a date is read, the row kept must be the same
            readings = [_chosen(key, parse_dates(column, order)[0].where(~mixed), keep)
                        for order in ("dmy", "mdy")]
        for (p, t), part in ambiguous.groupby(["p", "t"], sort=False):
            if readings[0][(p, t)] == readings[1][(p, t)]:
                chosen[(p, t)] = readings[0][(p, t)]
                continue
            pos = part.index[0]
            undecided[(p, t)] = (
                f"the date on row {int(key.at[pos, 'row'])} ({show(data[schema.DATE].iloc[pos])}) "
                "could be day first or month first, and each reading keeps another row; say "
                "which with --dates dmy or --dates mdy")
        for (p, t), part in flags[flags["bad"]].groupby(["p", "t"], sort=False):
            pos = part.index[0]
            undecided[(p, t)] = (f"the date on row {int(key.at[pos, 'row'])} is not a date, "
                                 "and the dates decide which row is kept")
    for pt in undecided:
        by_order.pop(pt, None)
        chosen.pop(pt, None)
        tied.pop(pt, None)
    kept = set(chosen.values())
    decided = np.array([(p, t) in chosen for p, t in zip(every["p"], every["t"])], dtype=bool)
    left = every[decided & ~every["pos"].isin(kept).to_numpy()].sort_values("pos")
    row_of = dict(zip(every["pos"], every["row"]))
    left_out = [(int(r), str(p), str(t), int(row_of[chosen[(p, t)]]))
                for r, p, t in zip(left["row"], left["p"], left["t"])]
    mask = np.ones(len(data), dtype=bool)
    mask[left["pos"].to_numpy()] = False
    passed_over &= {row for row, *_ in left_out}
    hours_passed &= {row for row, *_ in left_out}
    return Settled(data[mask], left_out, by_order, undecided, passed_over,
                   {pt for pt in all_avoided if pt in chosen}, tied, hours_passed)


def _tied(key: pd.DataFrame, when, chosen: dict, column: pd.Series) -> dict:
    """Repeats whose row kept has the same date as another of its rows: their rows and date.

    ``when`` is aligned with ``key`` (NaT where a repeat goes by file order anyway).
    """
    frame = pd.DataFrame({"p": key["p"].to_numpy(), "t": key["t"].to_numpy(),
                          "row": key["row"].to_numpy(),
                          "when": np.asarray(when, dtype="datetime64[ns]"),
                          "cell": column.to_numpy()}, index=key.index)
    same = frame.duplicated(["p", "t", "when"], keep=False).to_numpy(dtype=bool) \
        & frame["when"].notna().to_numpy(dtype=bool)
    tied = {}
    for (p, t), part in frame[same].groupby(["p", "t"], sort=False):
        pos = chosen.get((p, t))
        if pos is None or pos not in part.index:
            continue
        rows = part["row"][part["when"] == part.at[pos, "when"]]
        if len(rows) > 1:
            tied[(p, t)] = ([int(r) for r in rows], show(part.at[pos, "cell"]))
    return tied


def _chosen(key: pd.DataFrame, when, keep: str) -> dict:
    """``(participant_id, timepoint)`` -> the position of the row kept, by ``when``.

    ``when`` (datetimes aligned with ``key``, NaT where a row goes by file order) or None.
    """
    order = key[["p", "t", "pos"]].assign(
        when=pd.NaT if when is None else np.asarray(when, dtype="datetime64[ns]"))
    order = order.sort_values(["when", "pos"], na_position="last" if keep == "first"
                              else "first", kind="stable")
    chosen = order.drop_duplicates(["p", "t"], keep=keep)
    return dict(zip(zip(chosen["p"], chosen["t"]), chosen["pos"]))


#: Timepoint labels that look like ``pre``/``post`` said another way: refused, not guessed.
TIMEPOINT_LOOKALIKES = timepoints.LOOKALIKES


def timepoint_spellings(column: pd.Series) -> dict:
    """Each timepoint not written in its one spelling -> that spelling.

    ``Pre`` and `` POST `` -> pre and post; ``FOLLOWUP`` after ``Followup`` -> ``Followup``
    (see :mod:`workbook.core.timepoints`).
    """
    return timepoints.spellings(v for v in distinct(column)[1] if not pd.isna(v))


def check_timepoints(data: pd.DataFrame) -> tuple[list, list]:
    """Check the ``timepoint`` column: the before/after analysis pairs ``pre`` with ``post``.

    ``Pre``, `` POST ``, ``ＰＯＳＴ`` and the like are read as ``pre``/``post`` (said so in a
    note); look-alikes such as ``before``, ``after``, ``t1``, ``p0st`` (a zero) or ``pοst`` (a
    Greek omicron) are problems, since guessing would pair the wrong rows
    (:mod:`workbook.core.timepoints`); an empty timepoint is a problem when other rows have one.
    Other labels (``followup``, ``week6``) are allowed: they are summarised, not paired.

    Returns
    -------
    problems : list of Problem
    notes : list of str
    """
    if schema.TIMEPOINT not in data.columns:
        return [], []
    column = data[schema.TIMEPOINT]
    codes, uniques = distinct(column)  # each distinct label once
    found = uniques.to_numpy()
    filled = np.array([bool(str(v).strip()) for v in found], dtype=bool)
    values = [v for v, f in zip(found, filled) if f]
    if not values:
        return [], []
    rename = timepoint_spellings(uniques)
    looks = np.array([filled[i] and (timepoints.key(v) in TIMEPOINT_LOOKALIKES
                                     or timepoints.near(v) is not None)
                      for i, v in enumerate(found)], dtype=bool)
    notes, problems = timepoints.notes(rename), []
    given = spread(codes, filled, False)
    if not (looks.any() or not given.all()):
        return problems, notes
    rows = row_numbers(data)
    if looks.any():
        for pos in np.flatnonzero(spread(codes, looks, False)):
            problems.append(Problem(
                int(rows[pos]), schema.TIMEPOINT, column.iloc[pos],
                _unexpected_timepoint(column.iloc[pos])))
    seen = ", ".join(repr(v) for v in sorted({str(rename.get(v, v)) for v in values}))
    for pos in np.flatnonzero(~given):
        problems.append(Problem(
            int(rows[pos]), schema.TIMEPOINT, "",
            f"timepoint is empty while other rows have one ({seen}); fill it in",
        ))
    return problems, notes


def _unexpected_timepoint(value) -> str:
    """Why a timepoint is refused: a word for before/after, or a look-alike of pre/post."""
    like = timepoints.near(value)
    if like is None:
        return (f"unexpected timepoint: the before/after comparison pairs {schema.BEFORE!r} "
                f"with {schema.AFTER!r}; write one of those here (or a label of your own, such "
                "as 'followup', that is summarised but not paired)")
    odd = timepoints.odd_characters(value)
    has = f" (it has {', '.join(odd)})" if odd else ""
    return (f"unexpected timepoint: looks like {like!r} but is not written {like!r}{has}, so "
            f"it would not be paired; write {like!r} if that is what it is, or a label of your "
            f"own that is more than one letter from {schema.BEFORE!r} and {schema.AFTER!r} "
            "(such as 'followup'), which is summarised but not paired")


_FINISHED_NO = {"0", "false", "no", "0.0"}


#: Qualtrics' ``Status`` of responses that are no participant's: its own preview and test
#: runs, and what it took for spam, as labels or as the numbers of a numeric export
#: (1 Survey Preview, 2 Survey Test, 8 Spam, 9 Survey Preview Spam, 12 Imported Spam,
#: 17 Offline Survey Preview).
_NOT_A_PARTICIPANT = re.compile(r"\b(?:preview|test|spam)\b", re.IGNORECASE)
_NOT_A_PARTICIPANT_CODES = {"1", "2", "8", "9", "12", "17"}


def check_status(status, rows: np.ndarray) -> list:
    """One problem per Qualtrics response that is a preview, a test run or spam (14c W3).

    Examples
    --------
    >>> [p.row for p in check_status(pd.Series(["IP Address", "Survey Preview", "8", "0"]),
    ...                              np.array([4, 5, 6, 7]))]
    [5, 6]
    """
    if status is None:
        return []
    odd = {v for v in status.dropna().unique()
           if _NOT_A_PARTICIPANT.search(str(v))
           or str(v).strip().removesuffix(".0") in _NOT_A_PARTICIPANT_CODES}
    if not odd:
        return []
    problems = []
    for pos in np.flatnonzero(status.isin(odd).to_numpy(dtype=bool, na_value=False)):
        value = status.iloc[pos]
        problems.append(Problem(
            int(rows[pos]), "Status", value,
            f"Qualtrics marks this response {str(value).strip()!r} (a preview, a test run or "
            "spam), not a participant's answers; remove it from the export, or pass "
            "--skip-invalid to leave it out",
        ))
    return problems


def check_finished(finished, progress, rows: np.ndarray) -> list:
    """One problem per survey response whose ``Finished`` is 0/False (Qualtrics)."""
    if finished is None:
        return []
    no = [v for v in finished.dropna().unique() if str(v).strip().lower() in _FINISHED_NO]
    bad = finished.isin(no).to_numpy(dtype=bool, na_value=False)
    problems = []
    for pos in np.flatnonzero(bad):
        done = "" if progress is None else f" (Progress {progress.iloc[pos]}%)"
        problems.append(Problem(
            int(rows[pos]), "Finished", finished.iloc[pos],
            f"this response was not finished{done}; remove it from the export, or pass "
            "--skip-invalid to leave it out",
        ))
    return problems
