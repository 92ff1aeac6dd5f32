"""Issue 20, round 8 follow-ups: refusals the model makes are said where the coach is looking.

- Two tabs adding the same person at the same instant: the tracker refuses the second add
  under its lock (:class:`model.OnListError`); the page then does what its own Add check
  does, opening the card of the one listed, with the Add form's words beside the name.
- "Conversation set for" on someone no time was agreed with (G13): refused beside the date
  box, the box back to the saved day, no "went wrong" line.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def test_an_add_refused_under_the_lock_opens_the_card_of_the_one_listed(store):
    second = ConversationsPage(store, "ann", today=MONDAY)
    stale = second.tracker.read()  # drawn before the other tab added her
    first = ConversationsPage(store, "ann", today=MONDAY)
    lena = first.add_person("Lena Ortiz", org="City Library")
    reads = [stale]  # the second tab's check reads the list an instant before the add lands
    real = second.tracker.read
    second.tracker.read = lambda *a, **k: reads.pop() if reads else real(*a, **k)
    assert second.add_person("lena  ortiz", org="city library") is None
    assert second.selected == lena
    assert second.words.get("add_on_list") in second.name_note.value
    assert not second.errors
    assert sorted(Tracker(store, "ann").read().people) == [lena]


def test_a_talk_day_before_a_time_is_agreed_is_refused_beside_the_box(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    noor = page.add_person("Noor Ali", org="City Library")
    page.advance()  # note drafted
    page.meeting.value = dt.date(2026, 12, 9)
    assert Tracker(store, "ann").read().people[noor].meeting in ("", None)
    assert page.meeting.value is None  # back to the saved day (none)
    said = page.words.get("meeting_not_agreed")
    assert said in page.meeting_note.value.replace("&#x27;", "'").replace("&quot;", '"')
    assert not page.errors


def test_a_talk_day_after_the_time_is_agreed_is_kept(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    noor = page.add_person("Noor Ali", org="City Library")
    for _ in range(4):  # drafted, sent, reply came, time agreed
        page.advance()
    page.meeting.value = dt.date(2026, 12, 9)
    assert Tracker(store, "ann").read().people[noor].meeting == "2026-12-09"
    assert not page.errors
