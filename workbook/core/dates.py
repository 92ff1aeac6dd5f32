"""Reading the ``date`` column: every unambiguous date is accepted, an ambiguous one is not.

Accepted, with an optional time (``10:15``, ``10:15:00``, ``T10:15:00Z``):

- year first: ``2026-03-04``, ``2026/03/04``, ``2026.03.04``;
- day and month with a four-digit year (``25/03/2026``, ``03/25/2026``, ``25.03.2026``) when
  the order is clear: one of the two is over 12, or both are the same (``04/04/2026``);
- ``04/03/2026`` (March or April?) only with an order: ``dates="dmy"`` or ``dates="mdy"``.

Anything after the date other than a time (``2026-10-28 Jane Doe``) is not a date.

Examples
--------
>>> import pandas as pd
>>> parsed, status = parse_dates(pd.Series(["2026-03-04", "25/03/2026", "04/03/2026", "x", None]))
>>> [str(d.date()) if not pd.isna(d) else None for d in parsed], list(status)
(['2026-03-04', '2026-03-25', None, None, None], ['', '', 'ambiguous', 'bad', ''])
>>> parse_dates(pd.Series(["04/03/2026"]), "dmy")[0].dt.strftime("%Y-%m-%d").tolist()
['2026-03-04']
"""

from __future__ import annotations

import calendar
import re

import numpy as np
import pandas as pd

from workbook.core.distinct import spread, stripped
from workbook.core.exceptions import DataError
from workbook.core.schema import DATE_ORDERS

#: Orders that settle an ambiguous day and month.
ORDERS = DATE_ORDERS
OK, AMBIGUOUS, BAD = "", "ambiguous", "bad"

_TIME = (r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
         r"\s*(?:Z|[+-]\d{2}:?\d{2})?)?")
_YMD = rf"^(?P<y>\d{{4}})(?P<s>[-/.])(?P<a>\d{{1,2}})(?P=s)(?P<b>\d{{1,2}}){_TIME}$"
_XXY = rf"^(?P<a>\d{{1,2}})(?P<s>[-/.])(?P<b>\d{{1,2}})(?P=s)(?P<y>\d{{4}}){_TIME}$"


def check_order(dates) -> str | None:
    """``None``, ``"dmy"`` or ``"mdy"``; anything else raises :class:`DataError`."""
    if dates is None:
        return None
    value = str(dates).strip().lower()
    if value not in ORDERS:
        raise DataError(
            f"unknown date order {dates!r}: use 'dmy' (day first, 04/03/2026 = 4 March) or "
            "'mdy' (month first, 04/03/2026 = April 3)"
        )
    return value


def parse_dates(column: pd.Series, order=None) -> tuple[pd.Series, np.ndarray]:
    """Parse a ``date`` column.

    Parameters
    ----------
    column : Series
        Text (or datetimes, as an xlsx file holds them).
    order : {None, "dmy", "mdy"}
        How to read a day and month that could be either.

    Returns
    -------
    parsed : Series of datetime64
        NaT where empty or not a date. Same index as ``column``.
    status : ndarray of str
        ``""`` (a date, or empty), ``"ambiguous"`` or ``"bad"``, per row.
    """
    order = check_order(order)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return column, np.full(len(column), OK, dtype=object)
    codes, stamps, states = _parse_distinct(column, order)
    parsed = pd.Series(spread(codes, stamps, np.datetime64("NaT", "ns")), index=column.index)
    return parsed, spread(codes, states, OK)


def iso_dates(column: pd.Series, order=None) -> pd.Series:
    """``iso_text(parse_dates(column, order)[0])``, each distinct date written once."""
    order = check_order(order)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return iso_text(column)
    codes, stamps, _ = _parse_distinct(column, order)
    iso = iso_text(pd.Series(stamps)).to_numpy(dtype=object)
    return pd.Series(spread(codes, iso, None), index=column.index, dtype=object)


def read_dates(column: pd.Series, order=None) -> tuple[np.ndarray, np.ndarray | None]:
    """The status of each date (as :func:`parse_dates`) and its ``YYYY-MM-DD`` text.

    The text is what :func:`iso_dates` gives (None where not a date), or None for a column of
    datetimes. Each distinct date is read once for both.
    """
    codes, states, iso = read_distinct_dates(column, order)
    if iso is None:
        return np.full(len(column), OK, dtype=object), None
    return spread(codes, states, OK), spread(codes, iso, None)


def read_distinct_dates(column: pd.Series, order=None) -> tuple:
    """:func:`read_dates` per distinct date: ``(codes, status, iso)``.

    ``codes`` gives each row's distinct date (-1 where empty); ``status`` and ``iso`` are
    per distinct date (``iso`` is None for a column of datetimes, whose dates are all fine).
    """
    order = check_order(order)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return np.full(len(column), -1, dtype=np.intp), np.zeros(0, dtype=object), None
    codes, stamps, states = _parse_distinct(column, order)
    return codes, states, iso_text(pd.Series(stamps)).to_numpy(dtype=object)


def _parse_distinct(column: pd.Series, order) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct text of a column (spaces around it removed) parsed once.

    Returns the code of each row (-1 where empty), and per distinct text its datetime64
    (NaT where none) and its status.
    """
    codes, texts = stripped(column)  # a file has few distinct dates
    texts = pd.Series(texts, dtype="string")
    stamps = np.full(len(texts), np.datetime64("NaT", "ns"))
    states = np.full(len(texts), OK, dtype=object)
    uniques = texts[texts != ""]
    if len(uniques) == 0:
        return codes, stamps, states
    ymd = uniques.str.extract(_YMD)
    xxy = uniques.str.extract(_XXY)
    year = ymd["y"].fillna(xxy["y"])
    first = pd.to_numeric(ymd["a"].fillna(xxy["a"]), errors="coerce")
    second = pd.to_numeric(ymd["b"].fillna(xxy["b"]), errors="coerce")
    year_first = ymd["y"].notna()
    day_month = xxy["y"].notna() & ~year_first
    if order == "mdy":
        month_first = day_month
    elif order == "dmy":
        month_first = pd.Series(False, index=uniques.index)
    else:
        month_first = day_month & (second > 12) & (first <= 12)
    ambiguous = (day_month & (order is None) & (first <= 12) & (second <= 12)
                 & (first != second))
    month = first.where(year_first | month_first, second)
    day = second.where(year_first | month_first, first)
    hour = pd.to_numeric(ymd["H"].fillna(xxy["H"]), errors="coerce").fillna(0)
    minute = pd.to_numeric(ymd["M"].fillna(xxy["M"]), errors="coerce").fillna(0)
    sec = pd.to_numeric(ymd["S"].fillna(xxy["S"]), errors="coerce").fillna(0)
    parts = pd.DataFrame({"year": pd.to_numeric(year, errors="coerce"), "month": month,
                          "day": day, "hour": hour, "minute": minute, "second": sec})
    usable = ((year_first | day_month) & ~ambiguous).to_numpy(dtype=bool)
    parts = parts.astype(float)
    # Years pandas cannot hold (its dates run from 1677 to 2262) are not dates.
    usable &= ((parts["year"] >= 1678) & (parts["year"] <= 2261)).to_numpy(dtype=bool)
    stamp = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[ns]")
    if usable.any():
        stamp[usable] = pd.to_datetime(parts[usable], errors="coerce")
    stamp = stamp.where(usable & (hour < 24) & (minute < 60) & (sec < 60))
    state = np.where(ambiguous.to_numpy(dtype=bool, na_value=False), AMBIGUOUS,
                     np.where(stamp.notna(), OK, BAD)).astype(object)
    where = uniques.index.to_numpy()
    stamps[where] = stamp.to_numpy(dtype="datetime64[ns]")
    states[where] = [str(s) for s in state]
    return codes, stamps, states


def iso_text(parsed: pd.Series) -> pd.Series:
    """Dates as ``YYYY-MM-DD`` text (``YYYY-MM-DD HH:MM:SS`` where a time was given)."""
    day = parsed.dt.strftime("%Y-%m-%d")
    timed = parsed.notna() & (parsed != parsed.dt.normalize())
    out = day.where(~timed, parsed.dt.strftime("%Y-%m-%d %H:%M:%S"))
    return out.astype(object).where(parsed.notna(), None)


_MONTHS = tuple(calendar.month_name)[1:]


def why_not(value, order=None) -> str | None:
    """Why a text written as a date is no date (``there is no 29 February in 2026``), or None.

    For a text of a date's shape whose day, month or time cannot be: a day past its month's
    end, a month over 12, an hour over 23, a minute or second over 59, a year pandas cannot
    hold. None for any other text (``next week``) and for an ambiguous date.

    >>> why_not("2026-02-29"), why_not("31/04/2026"), why_not("2026-03-04T25:00")
    ('there is no 29 February in 2026', 'April has 30 days', '25 is not an hour (0-23)')
    >>> why_not("13/04/2026", "mdy"), why_not("next week")
    ('there is no month 13', None)
    """
    text = str(value).strip()
    found = re.match(_YMD, text) or re.match(_XXY, text)
    if not found:
        return None
    year, a, b = int(found["y"]), int(found["a"]), int(found["b"])
    if re.match(_YMD, text) or order == "mdy":
        month, day = a, b
    elif order == "dmy":
        day, month = a, b
    elif a > 12 and b > 12:
        return f"there is no month {b}" if a == b else f"neither {a} nor {b} is a month"
    elif a > 12:
        day, month = a, b
    elif b > 12:
        month, day = a, b
    else:
        return None  # ambiguous, or both the same: said elsewhere
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if not 1678 <= year <= 2261:
        return f"the year {year} is outside the years read (1678-2261)"
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return "there is no day 0"
    if day > days:
        if month == 2 and day == 29:
            return f"there is no 29 February in {year}"
        return f"{_MONTHS[month - 1]} has {days} days"
    for part, name, top in (("H", "an hour", 23), ("M", "a minute", 59), ("S", "a second", 59)):
        if found[part] is not None and int(found[part]) > top:
            return f"{int(found[part])} is not {name} (0-{top})"
    return None
