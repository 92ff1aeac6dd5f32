"""Issue 20, round 6 D6 (rest): a step dated 1999 was recorded without a question.

The page's day is Monday 7 December 2026; the client's first session is Friday 20 November
2026 (the fixture). A day more than a year away, or more than four weeks before the first
session (23 October 2026 is the last day not asked about), is asked about before it is
recorded: it would move the person's listing back 27 years and change what earlier sessions
count. "Yes, record that day" records it as typed. A day set for the talk is kept, and said.
"""

import datetime as dt

from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid]


def record_earlier(page, step, day):
    page.earlier_step.value = step
    page.earlier_date.value = day
    page.earlier_button.click()


def test_a_step_dated_1999_is_asked_about_first_and_recorded_only_when_confirmed(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    dee = page.add_person("Dee Park", org="Town Library")
    record_earlier(page, "sent", dt.date(1999, 1, 1))
    said = page.earlier_note.value
    assert "Note sent on Fri 1 Jan 1999: that is weeks before this client's first session " \
           "(Fri 20 Nov)." in said
    assert "Is the year right?" in said
    assert page.earlier_yes.layout.display is None
    dee_now = on_disk(store, dee)
    assert "sent" not in dee_now.steps and dee_now.steps["noted"] == "2026-12-07"
    page.earlier_yes.click()  # the coach is sure: recorded as typed
    assert on_disk(store, dee).steps["sent"] == "1999-01-01"
    assert page.earlier_note.value == "" and page.earlier_yes.layout.display == "none"


def test_days_near_the_first_session_are_recorded_without_a_question(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    ana = page.add_person("Ana Ruiz", org="City Library")
    record_earlier(page, "drafted", dt.date(2026, 10, 22))  # 29 days before: asked
    assert "weeks before this client's first session" in page.earlier_note.value
    assert "drafted" not in on_disk(store, ana).steps
    record_earlier(page, "drafted", dt.date(2026, 10, 23))  # 28 days before: taken
    assert page.earlier_note.value == "" and page.earlier_yes.layout.display == "none"
    assert on_disk(store, ana).steps["drafted"] == "2026-10-23"


def test_without_a_session_a_day_more_than_a_year_back_is_asked_about(tmp_path):
    store = ClientStore(tmp_path / "ws")  # a client with no session saved yet
    page = ConversationsPage(store, "bo", today=MONDAY)
    cy = page.add_person("Cy Lo", org="Open Kitchen")
    record_earlier(page, "sent", dt.date(2025, 12, 6))
    assert "Note sent on Sat 6 Dec 2025: that is more than a year ago." in \
        page.earlier_note.value
    record_earlier(page, "sent", dt.date(2025, 12, 7))  # a year to the day: taken
    assert Tracker(store, "bo").read().people[cy].steps["sent"] == "2025-12-07"


def test_a_day_set_for_the_talk_years_ahead_is_refused_and_said(store):
    # round 8 G13: more than a year ahead is not kept (it would be listed as a promise)
    page = ConversationsPage(store, "ann", today=MONDAY)
    ben = page.add_person("Ben", org="Open Kitchen")
    page.record_step("arranged", MONDAY, person_id=ben)  # a day is set once a time is agreed
    page.meeting.value = dt.date(2100, 1, 1)
    assert on_disk(store, ben).meeting == ""
    # said beside the date box, which goes back to the day on record (none)
    assert "Conversation set for Fri 1 Jan 2100: that is more than a year from now, so it " \
        "was not kept" in page.meeting_note.value
    assert page.meeting.value is None and not page.errors
    page.meeting.value = dt.date(2026, 12, 10)
    assert on_disk(store, ben).meeting == "2026-12-10"
    assert page.meeting_note.value == ""
