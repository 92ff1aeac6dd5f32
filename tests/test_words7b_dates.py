"""Dates speak the instrument's words: ``[words.dates]`` (issue 22).

Day and month names came from Python (``%a``, ``%b``, ``%B``: English whatever the coach's
file said) in four places: the follow-ups list and its calendar file, the Conversations page
(its dates and its chart) and the personal report's conversations section. A coach's file
with French names now shows only those; the kit's file says what it said before.
"""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from workbook.cli import followups as fu
from workbook.core.date_words import say_date, say_day, weekday_short
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.sample_workspace import sample_workspace

TODAY = dt.date(2026, 12, 7)  # a Monday

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
JOURS_COURTS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MOIS_COURTS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
               "oct.", "nov.", "déc."]
#: Python's English names, long and short: none may show with the French file.
ENGLISH = re.compile(r"\b(" + "|".join(DAYS + [d[:3] for d in DAYS] + MONTHS
                                       + [m[:3] for m in MONTHS]) + r")\b")


def _french(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("\n[words.dates]\n")
    head, dates = text[:start], text[start:]
    changes = [('day = "{weekday_short} {day} {month_short}"',
                'day = "{weekday} {day} {month}"'),
               ('day_year = "{weekday_short} {day} {month_short} {year}"',
                'day_year = "{weekday_short} {day} {month_short} {year}"'),
               ('long = "{day} {month} {year}"', 'long = "le {day} {month} {year}"')]
    changes += [(f'weekday_{n} = "{d}"', f'weekday_{n} = "{j}"')
                for n, (d, j) in enumerate(zip(DAYS, JOURS), 1)]
    changes += [(f'weekday_short_{n} = "{d[:3]}"', f'weekday_short_{n} = "{j}"')
                for n, (d, j) in enumerate(zip(DAYS, JOURS_COURTS), 1)]
    changes += [(f'month_{n} = "{m}"', f'month_{n} = "{f}"')
                for n, (m, f) in enumerate(zip(MONTHS, MOIS), 1)]
    changes += [(f'month_short_{n} = "{m[:3]}"', f'month_short_{n} = "{f}"')
                for n, (m, f) in enumerate(zip(MONTHS, MOIS_COURTS), 1)]
    for old, new in changes:
        assert dates.count(old + "\n") == 1, old
        dates = dates.replace(old + "\n", new + "\n")
    path = tmp_path / "fr.toml"
    path.write_text(head + dates, encoding="utf-8")
    return load_instrument(path)


@pytest.fixture(scope="module")
def fr(tmp_path_factory):
    return _french(tmp_path_factory.mktemp("fr"))


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return sample_workspace(tmp_path_factory.mktemp("ws") / "workspace", today=TODAY)


def test_the_kits_dates_are_as_python_wrote_them():
    # hand-written: the kit's own words, as %a %b %B said them
    assert say_day(dt.date(2026, 11, 27), this_year=2026) == "Fri 27 Nov"
    assert say_day(dt.date(2025, 3, 2), this_year=2026) == "Sun 2 Mar 2025"
    assert say_date(dt.date(2026, 12, 5), form="day_year") == "Sat 5 Dec 2026"
    assert say_date(dt.date(2026, 11, 23), form="week") == "23 Nov"
    assert say_date(dt.date(2026, 9, 7), form="long") == "7 September 2026"
    assert weekday_short(dt.date(2026, 12, 8)) == "Tue"


def test_a_coachs_names_and_patterns(fr):
    assert say_day(dt.date(2026, 11, 27), fr, this_year=2026) == "vendredi 27 novembre"
    assert say_day(dt.date(2025, 3, 2), fr, this_year=2026) == "dim. 2 mars 2025"
    assert say_date(dt.date(2026, 12, 5), fr, form="day_year") == "sam. 5 déc. 2026"
    assert say_date(dt.date(2026, 2, 23), fr, form="week") == "23 févr."
    assert say_date(dt.date(2026, 8, 7), fr, form="long") == "le 7 août 2026"
    assert weekday_short(dt.date(2026, 12, 8), fr) == "mar."


def test_followups_and_the_calendar_speak_the_coachs_dates(ws, fr):
    found = fu.followups(ws, today=TODAY, instrument=fr)
    out = "\n".join(fu.lines(found))
    kit = "\n".join(fu.lines(fu.followups(ws, today=TODAY)))
    # Before: "Mon 14 Dec 2026" in the heading and "Tue" for a day this week, in English.
    assert "Mon 14 Dec 2026" in kit and "lun. 14 déc. 2026" in out
    assert re.search(r"  2026-12-08  mar\.  ", out) and re.search(r"  2026-12-08  Tue  ", kit)
    assert not ENGLISH.search(out), ENGLISH.search(out)
    cal = icalendar.Calendar.from_ical(fu.ics_bytes(found))
    said = "\n".join(str(ev.get("description", "")) for ev in cal.walk("VEVENT"))
    # an overdue follow-up says since when, in the coach's words (this year: "day")
    assert "Overdue since vendredi 4 décembre." in said, said
    assert not ENGLISH.search(said), ENGLISH.search(said)
    kit_said = "\n".join(str(ev.get("description", "")) for ev in icalendar.Calendar.from_ical(
        fu.ics_bytes(fu.followups(ws, today=TODAY))).walk("VEVENT"))
    assert "Overdue since Fri 4 Dec." in kit_said


def test_the_conversations_page_speaks_the_coachs_dates(ws, fr):
    from workbook.session.store import ClientStore
    from workbook.session.widgets import ConversationsPage

    page = ConversationsPage(ClientStore(ws), "DEMO-01", instrument=fr, today=TODAY)
    due, chart = page.due_box.value, page.chart.value
    assert re.search(r"\((lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ "
                     r"(novembre|décembre)\)", due), due
    assert re.search(r"\d+ (nov\.|déc\.|oct\.)", chart), chart
    for shown in (due, chart):
        assert not ENGLISH.search(shown), ENGLISH.search(shown)
    kit = ConversationsPage(ClientStore(ws), "DEMO-01", today=TODAY)
    assert re.search(r"\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ (Nov|Dec)\)", kit.due_box.value)
    assert re.search(r"\d+ (Nov|Dec|Oct)", kit.chart.value)


def test_the_personal_report_speaks_the_coachs_dates(ws, fr):
    from workbook.reports.participant import participant_report

    def section(instrument):
        report = participant_report(workspace=ws, participant_id="DEMO-02",
                                    instrument=instrument)
        report.today = TODAY
        return report.conversations_section().html

    own, kit = section(fr), section(None)
    assert re.search(r"<td>(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ (Nov|Dec)</td>", kit), kit
    assert re.search(r"<td>(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ "
                     r"(novembre|décembre)</td>", own), own
    assert not ENGLISH.search(own), ENGLISH.search(own)
