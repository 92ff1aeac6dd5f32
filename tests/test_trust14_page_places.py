"""Issue 20, round 8 G7 and G8: a stale place form, and a place taken off in another window.

G7: two Conversations pages (two tabs) on one client, "City Library" chosen in "Your places"
on both. The first saves what draws the client and that they know someone there; the
second, filled before, changes only the name. Its save used to write every field as the
form was filled, wiping the first page's text and "yes".

G8: "Move up" or "Save the place" on a place the other window took off said the internal
"place_id: no place with id ... on this list" and left the place on screen.
"""

import datetime as dt

from workbook.core.conversations.model import place_key
from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_place_forms(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    library = first.add_place("City Library")
    harbour = first.add_place("Harbour Trust")
    second = ConversationsPage(store, "ann", today=MONDAY)
    for page in (first, second):
        page.choose_place(library)
        assert page.edit_place_name.value == "City Library"
        assert (page.edit_place_drawn.value, page.edit_place_knows.value) == ("", "unknown")
    return first, second, library, harbour


def place_on_disk(store, place_id):
    return Tracker(store, "ann").read().places[place_id]


def test_a_stale_place_form_saves_only_the_name_it_changed(store):
    first, second, library, _ = two_place_forms(store)
    first.edit_place_drawn.value = "A-draws: the rare maps room"
    first.edit_place_knows.value = "yes"
    first.place_save.click()
    second.edit_place_name.value = "City Libraries"  # the only change in the stale form
    second.place_save.click()
    got = place_on_disk(store, library)
    assert (got.name, got.drawn, got.knows) == (
        "City Libraries", "A-draws: the rare maps room", "yes")
    assert not second.errors


def test_what_draws_them_changed_in_both_windows_keeps_both(store):
    first, second, library, _ = two_place_forms(store)
    first.edit_place_drawn.value = "the maps room"
    first.place_save.click()
    second.edit_place_drawn.value = "the reading garden"
    second.edit_place_knows.value = "no"
    second.place_save.click()
    got = place_on_disk(store, library)
    assert got.drawn == "the maps room" + TEXT_SEPARATOR + "the reading garden"
    assert got.knows == "no"
    # the second page now shows what is kept
    assert second.edit_place_drawn.value == got.drawn


def test_a_place_form_saved_unchanged_writes_nothing(store):
    first, second, library, _ = two_place_forms(store)
    first.edit_place_knows.value = "yes"
    first.place_save.click()
    before = (store.client_folder("ann") / "conversations.jsonl").read_text()
    second.place_save.click()
    assert (store.client_folder("ann") / "conversations.jsonl").read_text() == before
    assert place_on_disk(store, library).knows == "yes"
    assert place_key(place_on_disk(store, library).name) == place_key("City Library")


def gone_elsewhere(store):
    first, second, _library, harbour = two_place_forms(store)
    for page in (first, second):
        page.choose_place(harbour)
    first.place_remove.click()  # "Take the place off the list" on the first page
    assert harbour not in Tracker(store, "ann").read().places
    return second, harbour


def said_in_words(page):
    said = "Harbour Trust was taken off your list of places on another page: nothing was recorded."
    assert said in page.errors and said in page.places_note.value
    assert not any("place_id" in m or "pl-" in m for m in page.errors)
    assert "place_id" not in page.place_card_note.value
    # the list redrawn: the place is gone from it and its box is closed
    assert [label for label, _ in page.places_list.options] == [
        "1. City Library (not sure whether you know anyone there; no one on your list yet)"]
    assert page.place_card.layout.display == "none"


def test_move_up_on_a_place_taken_off_elsewhere_is_said_in_words(store):
    second, _harbour = gone_elsewhere(store)
    second.place_up.click()
    said_in_words(second)


def test_saving_a_place_taken_off_elsewhere_is_said_in_words(store):
    second, harbour = gone_elsewhere(store)
    second.edit_place_name.value = "Harbour Trusts"
    second.place_save.click()
    said_in_words(second)
    assert harbour not in Tracker(store, "ann").read().places
