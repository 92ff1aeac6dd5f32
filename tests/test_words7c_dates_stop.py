"""A date ending a sentence with its own full stop is not given another (issue 22).

``[words.dates]`` may write a short month with a full stop ("Dez."); the calendar file's
"overdue since ..." sentence added its stop after the date: "Fr. 4. Dez..".
"""

from __future__ import annotations

import datetime as dt

import icalendar

from workbook.cli import followups as fu
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.sample_workspace import sample_workspace

TODAY = dt.date(2026, 12, 7)  # a Monday; a follow-up of the sample is overdue since Fri 4 Dec


def _german(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("\n[words.dates]\n")
    head, dates = text[:start], text[start:]
    for old, new in [('day = "{weekday_short} {day} {month_short}"',
                      'day = "{weekday_short} {day}. {month_short}"'),
                     ('weekday_short_5 = "Fri"', 'weekday_short_5 = "Fr."'),
                     ('month_short_12 = "Dec"', 'month_short_12 = "Dez."')]:
        assert dates.count(old + "\n") == 1, old
        dates = dates.replace(old + "\n", new + "\n")
    path = tmp_path / "de.toml"
    path.write_text(head + dates, encoding="utf-8")
    return load_instrument(path)


def _descriptions(found) -> str:
    cal = icalendar.Calendar.from_ical(fu.ics_bytes(found))
    return "\n".join(str(ev.get("description", "")) for ev in cal.walk("VEVENT"))


def test_a_short_month_with_its_own_full_stop_ends_the_sentence_once(tmp_path):
    ws = sample_workspace(tmp_path / "workspace", today=TODAY)
    said = _descriptions(fu.followups(ws, today=TODAY, instrument=_german(tmp_path)))
    # Before: "Overdue since Fr. 4. Dez.."
    assert "Overdue since Fr. 4. Dez.\n" in said + "\n", said
    assert "Dez.." not in said
    # the kit's own: the stop is added as before
    assert "Overdue since Fri 4 Dec." in _descriptions(fu.followups(ws, today=TODAY))
