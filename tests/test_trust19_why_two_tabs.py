"""Round 13b S7: "Why them" in Change details, changed in two tabs of one client.

Tab A and tab B on Lu's card, "Change details" open in both. A typed "WHY_A" (saved), then
B typed "WHY_B": saved as "WHY_A ——— WHY_B" (right), but B's box went on showing "WHY_B"
alone, and B's next words (" MORE") saved a third copy, "WHY_A ——— WHY_B ——— WHY_B MORE".
After its save the box shows what was kept, as "What you learned" does (README: "after a save
the page shows what the other page saved").
"""

import datetime as dt

import pytest

from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage, base

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def not_in_a_kernel(monkeypatch):
    """A typed text is saved at once (no timer), whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: False)


def two_tabs_on_lu(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    lu = first.add_person("Lu Wu", org="Tin Works")
    second = ConversationsPage(store, "ann", today=MONDAY)
    for page in (first, second):
        page.choose(lu)
        page.details_toggle.value = True
    first.edit_why.value = "WHY_A"
    second.edit_why.value = "WHY_B"  # B showed "" (before A's save): both kept
    return first, second, lu


def on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid]


def test_the_second_tabs_box_shows_what_was_kept(store):
    first, second, lu = two_tabs_on_lu(store)
    both = "WHY_A" + TEXT_SEPARATOR + "WHY_B"
    assert on_disk(store, lu).why == both
    assert second.edit_why.value == both


def test_going_on_typing_there_adds_only_the_new_words(store):
    first, second, lu = two_tabs_on_lu(store)
    second.edit_why.value = second.edit_why.value + " MORE"
    assert on_disk(store, lu).why == "WHY_A" + TEXT_SEPARATOR + "WHY_B MORE"


def test_the_form_saved_afterwards_sends_no_why_of_its_own(store):
    first, second, lu = two_tabs_on_lu(store)
    second.edit_found.value = "at a fair"
    second.details_save.click()
    person = on_disk(store, lu)
    assert (person.found, person.why) == ("at a fair", "WHY_A" + TEXT_SEPARATOR + "WHY_B")
