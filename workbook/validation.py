"""Checking a response table and turning its answers into numbers.

:func:`validate` lists every problem of a canonical wide table, each naming its row as a
spreadsheet shows it (the header is row 1), its column, the value and what is wrong.
:func:`coerce` turns answer labels ("Agree") and numbers into floats on the instrument's scale.

Examples
--------
>>> import pandas as pd
>>> from workbook.validation import validate
>>> table = pd.DataFrame({"participant_id": ["a", "b"], "hope_1": ["Agree", 7]})
>>> [str(p) for p in validate(table)]
['row 3, column hope_1, value 7: 7 is outside the scale 1-5']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import schema
from .instrument import Instrument, normalise_label, resolve

#: Answer texts read as "no answer" in item columns.
MISSING_LABELS = frozenset({"", "na", "n/a", "-", "skipped"})

_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T].*)?$")

#: First data row as a spreadsheet shows it (row 1 is the header).
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Problem:
    """One problem of a response table.

    Attributes
    ----------
    row : int or None
        Row as a spreadsheet shows it (header = 1); None for a problem of the whole file.
    column : str or None
        The column at fault, if any.
    value : object
        The offending value as read ("" when there is none).
    message : str
        What is wrong, in words a coach can act on.
    """

    row: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.value is not None and str(self.value) != "":
            where.append(f"value {_show(self.value)}")
        return (", ".join(where) + ": " if where else "") + self.message


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
    return [i for i in inst.item_ids if i in data.columns]


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
        numbers = column.to_numpy(dtype=float, na_value=np.nan)
        given = ~np.isnan(numbers)
    else:
        numbers = np.full(len(column), np.nan)
        # A fresh, writable array: under pandas 3 ``to_numpy()`` may return a read-only view.
        given = np.array(column.notna(), dtype=bool)
        if given.any():
            # Map each distinct text once: a survey has few distinct answers.
            answered = column[given]
            lookup = {u: _text_value(u, instrument) for u in pd.unique(answered)}
            blanks = [u for u, v in lookup.items() if v is None]
            numbers[given] = answered.map(
                {u: (np.nan if v is None else v) for u, v in lookup.items()}
            ).to_numpy(dtype=float, na_value=np.nan)
            if blanks:
                given[np.flatnonzero(given)[answered.isin(blanks).to_numpy()]] = False
    ok = given & (numbers >= lo) & (numbers <= hi) & (numbers == np.floor(numbers))
    invalid = given & ~ok
    numbers = np.where(ok, numbers, np.nan)
    return numbers, invalid


def _text_value(value, instrument: Instrument):
    """Scale value of one answer as read; None for a "no answer" text, NaN if unknown."""
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        return float(value)
    text = normalise_label(str(value))
    if text in MISSING_LABELS:
        return None
    if text in instrument.label_values:
        return float(instrument.label_values[text])
    try:
        return float(_DECIMAL_COMMA.sub(r"\1.\2", text))
    except ValueError:
        return np.nan


def explain_invalid(value, instrument: Instrument) -> str:
    """Why one answer is not on the instrument's scale, in words a coach can act on."""
    lo, hi = instrument.scale_min, instrument.scale_max
    number = _text_value(value, instrument)
    if isinstance(value, bool) or number is None or pd.isna(number):
        pairs = zip(instrument.scale_values, instrument.labels)
        labels = ", ".join(f"{v}={lab!r}" for v, lab in pairs)
        return (
            f"{_show(value)!r} is not an answer on the scale; use {lo}-{hi} or a label ({labels})"
        )
    if number != np.floor(number):
        return f"{_show(value)} is not a whole number; answers are {lo}-{hi}"
    return f"{_show(value)} is outside the scale {lo}-{hi}"


def validate(data: pd.DataFrame, instrument=None) -> list:
    """List every problem of a canonical wide response table.

    Parameters
    ----------
    data : DataFrame
        One row per participant per timepoint: ``participant_id``, optional ``cohort``,
        ``timepoint``, ``date``, item columns (numbers or answer labels), ``hours_per_week``,
        ``motivators``, ``north_star``, ``notes``.
    instrument : Instrument or path, optional
        Defaults to the kit's own instrument.

    Returns
    -------
    list of Problem
        Empty when the table is fine. Ordered by row, then column.

    Examples
    --------
    >>> from workbook.datasets import load_sample
    >>> validate(load_sample())
    []
    """
    inst = resolve(instrument)
    problems = []
    rows = row_numbers(data)
    if schema.PARTICIPANT_ID not in data.columns:
        problems.append(
            Problem(1, schema.PARTICIPANT_ID, "", "there is no participant_id column (header row)")
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
        return problems

    ids = data[schema.PARTICIPANT_ID]
    id_text = ids.astype("string").str.strip()
    missing_id = (ids.isna() | (id_text == "")).to_numpy(dtype=bool, na_value=True)
    for r in rows[missing_id]:
        problems.append(Problem(int(r), schema.PARTICIPANT_ID, "", "participant_id is empty"))

    for col in items:
        _, invalid = answer_values(data[col], inst)
        for pos in np.flatnonzero(invalid):
            value = data[col].iloc[pos]
            problems.append(Problem(int(rows[pos]), col, value, explain_invalid(value, inst)))

    if schema.HOURS in data.columns:
        problems.extend(_check_hours(data[schema.HOURS], rows))
    if schema.MOTIVATORS in data.columns:
        problems.extend(_check_motivators(data[schema.MOTIVATORS], rows))
    if schema.DATE in data.columns:
        problems.extend(_check_dates(data[schema.DATE], rows))

    problems.extend(_check_duplicates(data, rows, missing_id))
    problems.sort(key=lambda p: (p.row if p.row is not None else 0, str(p.column)))
    return problems


def to_number(column: pd.Series) -> pd.Series:
    """Numbers from a column of numbers or text; a decimal comma (``6,5``) reads as ``6.5``.

    Spreadsheets set up for a decimal comma (with ``;`` between columns) write numbers that
    way. Anything that is not a number becomes NaN.
    """
    if pd.api.types.is_numeric_dtype(column.dtype):
        return pd.to_numeric(column, errors="coerce")
    text = column.astype("string").str.strip()
    text = text.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
    return pd.to_numeric(text, errors="coerce")


def _check_hours(column: pd.Series, rows: np.ndarray) -> list:
    lo, hi = schema.HOURS_RANGE
    numbers = to_number(column).to_numpy(dtype=float, na_value=np.nan)
    given = column.notna().to_numpy() & (column.astype("string").str.strip() != "").to_numpy(
        dtype=bool, na_value=False
    )
    bad = given & ~((numbers >= lo) & (numbers <= hi))
    return [
        Problem(
            int(rows[pos]),
            schema.HOURS,
            column.iloc[pos],
            f"hours a week must be a number from {lo:g} to {hi:g}",
        )
        for pos in np.flatnonzero(bad)
    ]


def _check_dates(column: pd.Series, rows: np.ndarray) -> list:
    """Dates must be written year first (2026-03-04): 3/4/2026 could be March or April."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return []
    text = column.astype("string").str.strip()
    given = text.notna() & (text != "")
    iso = text.str.match(_ISO_DATE.pattern).fillna(False)
    real = pd.to_datetime(text.str.slice(0, 10).where(iso), format="%Y-%m-%d", errors="coerce")
    bad = (given & ~(iso & real.notna())).to_numpy(dtype=bool, na_value=False)
    return [
        Problem(
            int(rows[pos]), schema.DATE, column.iloc[pos],
            "write the date year first, as YYYY-MM-DD (for example 2026-03-04); "
            "a date such as 3/4/2026 could mean March or April",
        )
        for pos in np.flatnonzero(bad)
    ]


def _check_motivators(column: pd.Series, rows: np.ndarray) -> list:
    problems = []
    allowed = set(schema.MOTIVATOR_CHOICES)
    # Check each distinct answer once: a cohort has few distinct combinations.
    bad = {}
    for value in pd.unique(column.dropna()):
        unknown = [m for m in split_list(value) if m not in allowed]
        if unknown:
            bad[value] = unknown
    if not bad:
        return problems
    for pos in np.flatnonzero(column.isin(list(bad)).to_numpy(dtype=bool, na_value=False)):
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


def _check_duplicates(data: pd.DataFrame, rows: np.ndarray, missing_id: np.ndarray) -> list:
    key = pd.DataFrame({"p": data[schema.PARTICIPANT_ID].astype("string").str.strip()})
    if schema.TIMEPOINT in data.columns:
        key["t"] = data[schema.TIMEPOINT].astype("string").str.strip().fillna("")
    else:
        key["t"] = ""
    key = key.reset_index(drop=True)
    dup = key.duplicated(keep=False).to_numpy() & ~missing_id
    problems = []
    if not dup.any():
        return problems
    groups = key[dup].groupby(["p", "t"], sort=False).groups
    for (pid, tp), positions in groups.items():
        all_rows = ", ".join(str(int(rows[p])) for p in positions)
        when = f" at timepoint {tp!r}" if tp else ""
        for pos in positions:
            problems.append(
                Problem(
                    int(rows[pos]),
                    schema.PARTICIPANT_ID,
                    pid,
                    f"participant {pid!r} appears more than once{when} (rows {all_rows}); "
                    "keep one row per participant per timepoint",
                )
            )
    return problems


def coerce(data: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """Return a copy of ``data`` with item answers as floats and hours as numbers.

    Answer labels become scale values; anything not on the scale becomes NaN, so call
    :func:`validate` first if you need to know about it.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"participant_id": ["a"], "hope_1": ["strongly agree"]})
    >>> float(coerce(table)["hope_1"].iloc[0])
    5.0
    """
    inst = resolve(instrument)
    out = data.copy()
    for col in item_columns(out, inst):
        if not pd.api.types.is_float_dtype(out[col].dtype):
            out[col] = answer_values(out[col], inst)[0]
    if schema.HOURS in out.columns:
        out[schema.HOURS] = to_number(out[schema.HOURS])
    return out
