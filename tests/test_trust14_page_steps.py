"""Issue 20, round 8: the card's step buttons in two windows (G2, G10) and days ahead (G12).

G2: two Conversations pages (two tabs) on one client, the same card showing "note sent" as
the last step on both. The first records "reply came"; the second's "Undo the last step",
not redrawn, used to take back that reply, a step it never showed, without a word.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_cards_at_sent(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    noor = first.add_person("Noor Ali", org="City Library")
    first.advance()  # note drafted
    first.advance()  # note sent
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(noor)
    return first, second, noor


def steps_on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid].steps


def test_a_stale_undo_takes_back_nothing_and_says_so(store):
    first, second, noor = two_cards_at_sent(store)
    first.advance_button.click()  # reply came
    assert steps_on_disk(store, noor)["reply"] == "2026-12-07"
    second.undo_button.click()  # its card still shows "note sent" as the last step
    assert steps_on_disk(store, noor) == {
        "noted": "2026-12-07", "drafted": "2026-12-07", "sent": "2026-12-07",
        "reply": "2026-12-07"}
    assert second.words.get("changed_elsewhere") in second.errors
    # redrawn: the card shows the reply now, and Undo takes back what it shows
    assert "\u2713 " + second.words.step("reply") in second.card_steps.value
    second.undo_button.click()
    assert "reply" not in steps_on_disk(store, noor)
    assert "sent" in steps_on_disk(store, noor)


def test_undo_on_an_up_to_date_card_takes_back_its_last_step(store):
    first, _second, noor = two_cards_at_sent(store)
    first.undo_button.click()
    assert "sent" not in steps_on_disk(store, noor)
    assert "drafted" in steps_on_disk(store, noor)
    assert not first.errors


def test_a_stale_undo_after_a_step_taken_back_elsewhere_takes_back_nothing(store):
    first, second, noor = two_cards_at_sent(store)
    first.undo_button.click()  # "note sent" taken back on the first page
    second.undo_button.click()  # still shows "note sent" last: would take back "drafted"
    assert "drafted" in steps_on_disk(store, noor)
    assert second.words.get("changed_elsewhere") in second.errors


# -- G10: "On an earlier day" from a stale window, and a day out of order ------------------
def test_a_stale_earlier_day_records_nothing_and_says_so(store):
    first, second, noor = two_cards_at_sent(store)
    first.advance_button.click()  # reply came, on the first page
    second.record_step("drafted", dt.date(2026, 12, 5))  # its card still shows "note sent"
    assert steps_on_disk(store, noor)["drafted"] == "2026-12-07"
    assert second.words.get("changed_elsewhere") in second.errors


def test_a_day_after_a_step_it_leads_to_is_asked_about_first(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    noor = page.add_person("Noor Ali", org="City Library")
    assert page.record_step("sent", dt.date(2026, 12, 1))
    page.earlier_step.value = "drafted"
    page.earlier_date.value = dt.date(2026, 12, 5)
    page.earlier_button.click()
    assert "drafted" not in steps_on_disk(store, noor)
    assert page.earlier_note.value == (
        '<p class="wb-field-note" style="color:#B00020">'
        "Note drafted on Sat 5 Dec: that is after note sent (Tue 1 Dec), which it leads to. "
        "Is the day right? If it is, press \u201cYes, "
        "record that day\u201d; if not, change the day and press \u201cRecord it\u201d.</p>")
    page.earlier_yes.click()  # the coach is sure
    assert steps_on_disk(store, noor)["drafted"] == "2026-12-05"


def test_a_day_before_the_step_that_leads_to_it_is_asked_about_first(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    noor = page.add_person("Noor Ali", org="City Library")
    assert page.record_step("sent", dt.date(2026, 12, 4))
    assert not page.record_step("reply", dt.date(2026, 12, 2))
    assert "reply" not in steps_on_disk(store, noor)
    assert "that is before note sent (Fri 4 Dec), which leads to it." in page.earlier_note.value


def test_a_talk_set_before_the_time_was_agreed_is_said(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    lena = page.add_person("Lena Ortiz", org="City Library")
    assert page.record_step("arranged", MONDAY)
    page.meeting.value = dt.date(2026, 12, 3)
    person = Tracker(store, "ann").read().people[lena]
    assert person.meeting == "2026-12-03"  # kept as typed (the record is the coach's)
    assert page.meeting_note.value == (
        '<p class="wb-field-note" style="color:#B00020">'
        "Conversation set for Thu 3 Dec: that is before the time was agreed (Mon 7 Dec). "
        "It is kept as typed; if the day is wrong, change "
        "it.</p>")
    page.meeting.value = dt.date(2026, 12, 9)
    assert page.meeting_note.value == ""


# -- G12: a day ahead is refused at once ------------------------------------------------------
def test_a_day_more_than_a_year_ahead_is_refused_at_once_not_asked_about(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    lena = page.add_person("Lena Ortiz", org="City Library")
    for day in (dt.date(2028, 1, 5), dt.date(9999, 12, 31), dt.date(2026, 12, 8)):
        assert not page.record_step("sent", day)
        assert "that day is still to come" in page.earlier_note.value
        assert "Is the year right?" not in page.earlier_note.value
        assert page.earlier_yes.layout.display == "none"
    assert set(steps_on_disk(store, lena)) == {"noted"}


def test_a_day_far_in_the_past_is_still_asked_about(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    page.add_person("Lena Ortiz", org="City Library")
    assert not page.record_step("sent", dt.date(1999, 12, 31))
    assert "Is the year right?" in page.earlier_note.value
    assert page.earlier_yes.layout.display is None
