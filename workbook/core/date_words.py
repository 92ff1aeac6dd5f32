"""Dates in the instrument's words (``[words.dates]``): day and month names and patterns.

Every date a person reads (the follow-ups list and its calendar file, the Conversations page
and its chart, the personal report) is written here, from the instrument in use, never with
Python's English names (``%a``, ``%b``, ``%B``).

Examples
--------
>>> import datetime as dt
>>> say_day(dt.date(2026, 11, 27), this_year=2026)
'Fri 27 Nov'
>>> say_date(dt.date(2025, 3, 2), form="day_year"), say_date(dt.date(2026, 12, 7), form="long")
('Sun 2 Mar 2025', '7 December 2026')
"""

from __future__ import annotations

import datetime as dt

from workbook.core.instrument import fill, words_table

__all__ = ["end_sentence", "say_date", "say_day", "weekday_short"]

#: The patterns of ``[words.dates]``: a date of this year, of another, a week's Monday, long.
FORMS = ("day", "day_year", "week", "long")


def say_date(day: dt.date, instrument=None, *, form: str = "day") -> str:
    """``day`` written with the pattern ``form`` of the instrument's ``[words.dates]``."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}, not {form!r}")
    table = words_table(instrument, "dates")
    return fill(table[form], weekday=table[f"weekday_{day.isoweekday()}"],
                weekday_short=table[f"weekday_short_{day.isoweekday()}"], day=day.day,
                month=table[f"month_{day.month}"],
                month_short=table[f"month_short_{day.month}"], year=day.year)


def say_day(day: dt.date, instrument=None, *, this_year: int | None = None) -> str:
    """A date as a reader says it: ``Fri 27 Nov``, with the year when it is not this one."""
    same = day.year == (this_year or dt.date.today().year)
    return say_date(day, instrument, form="day" if same else "day_year")


def weekday_short(day: dt.date, instrument=None) -> str:
    """The day of the week of ``day``, short (``Mon``), in the instrument's words."""
    return words_table(instrument, "dates")[f"weekday_short_{day.isoweekday()}"]


def end_sentence(text: str) -> str:
    """``text`` with a full stop at its end, unless it ends with one already.

    A date can end a sentence, and a short month written with its own full stop ("Dez.")
    then ends it: the stop is not doubled ("seit Fr. 4. Dez.", never "Dez..").

    Examples
    --------
    >>> end_sentence("Overdue since Fri 4 Dec"), end_sentence("Überfällig seit Fr. 4. Dez.")
    ('Overdue since Fri 4 Dec.', 'Überfällig seit Fr. 4. Dez.')
    """
    return text if text.rstrip().endswith((".", "!", "?", "…")) else text + "."
