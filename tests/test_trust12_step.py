"""Issue 20, round 7 E14: a stale step button recorded the step after the one it showed.

Two Conversations pages (two tabs) on one client, Kofi's card open on both, both buttons
reading "Mark done: note drafted". The first records it; the second's button, not redrawn,
used to record "note sent", a step nobody clicked.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_cards(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    kofi = first.add_person("Kofi Mensah", org="Open Kitchen")
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(kofi)
    drafted = first.words.get("advance_button", step=first.words.step("drafted"))
    assert first.advance_button.description == second.advance_button.description == drafted
    return first, second, kofi


def steps_on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid].steps


def test_a_stale_step_button_records_nothing_and_says_so(store):
    first, second, kofi = two_cards(store)
    first.advance_button.click()
    assert steps_on_disk(store, kofi)["drafted"] == "2026-12-07"
    second.advance_button.click()  # still reads "Mark done: note drafted"
    assert "sent" not in steps_on_disk(store, kofi)
    assert second.words.get("changed_elsewhere") in second.errors
    # redrawn: the button now names the next step, and a click records it
    sent = second.words.get("advance_button", step=second.words.step("sent"))
    assert second.advance_button.description == sent
    second.advance_button.click()
    assert steps_on_disk(store, kofi)["sent"] == "2026-12-07"


def test_a_step_taken_back_elsewhere_is_not_recorded_again_unseen(store):
    first, second, kofi = two_cards(store)
    first.advance_button.click()
    second.refresh()
    second.choose(kofi)  # both pages show "note sent" next
    first.undo_button.click()  # "note drafted" taken back on the first
    second.advance_button.click()  # reads "Mark done: note sent"
    assert "drafted" not in steps_on_disk(store, kofi)
    assert "sent" not in steps_on_disk(store, kofi)
    assert second.words.get("changed_elsewhere") in second.errors


def test_a_button_on_an_up_to_date_page_records_its_step(store):
    first, _second, kofi = two_cards(store)
    first.advance_button.click()
    first.advance_button.click()
    assert set(steps_on_disk(store, kofi)) >= {"drafted", "sent"}
    assert not first.errors
