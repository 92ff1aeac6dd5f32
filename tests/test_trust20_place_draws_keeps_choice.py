"""Round 14b U6: a place's "Know anyone there?" (or a new name) undone by "what draws you".

Conversations, "Your places": a place chosen, "Know anyone there?" set to No (or a new name
typed in its box), then "What draws you to it" typed. That text saves itself when typing
pauses and the place's box was drawn again from the record: the choice went back to "Not
sure" (the name to the old one) and "Save the place" then saved neither. Now the text's own
save keeps what the coach changed in the box and has not saved; "Save the place" saves it
(README: "'Save the place' saves only what was changed in the place's box").
"""

import datetime as dt

import pytest

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage, base

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def not_in_a_kernel(monkeypatch):
    """A typed text is saved at once (no timer), whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: False)


def on_disk(store, place_id):
    place = Tracker(store, "ann").read().places[place_id]
    return place.name, place.drawn, place.knows


def test_know_anyone_chosen_then_draws_typed_is_kept_and_saved(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    rtl = page.add_place("Rtl Co")
    page.choose_place(rtl)
    page.edit_place_knows.value = "no"
    page.edit_place_drawn.value = "DRAWS_R"  # saves itself (the typing pause)
    assert on_disk(store, rtl) == ("Rtl Co", "DRAWS_R", "unknown")  # the text only, so far
    assert page.edit_place_knows.value == "no"  # the choice is still shown
    page.place_save.click()
    assert on_disk(store, rtl) == ("Rtl Co", "DRAWS_R", "no")


def test_new_name_typed_then_draws_typed_is_kept_and_saved(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    nova = page.add_place("Nova Org")
    page.choose_place(nova)
    page.edit_place_name.value = "Nova Org Two"
    page.edit_place_drawn.value = "DRAWS_N"
    assert page.edit_place_name.value == "Nova Org Two"
    page.place_save.click()
    assert on_disk(store, nova) == ("Nova Org Two", "DRAWS_N", "unknown")
    assert "Nova Org Two" in page.places_list.label


def test_another_place_chosen_shows_its_own_record(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    rtl = page.add_place("Rtl Co")
    lake = page.add_place("Lake Lab")
    page.choose_place(rtl)
    page.edit_place_knows.value = "yes"  # not saved
    page.choose_place(lake)
    assert (page.edit_place_name.value, page.edit_place_knows.value) == (
        "Lake Lab", "unknown")
    page.choose_place(rtl)
    assert page.edit_place_knows.value == "unknown"  # the record's: the choice was not saved
