"""Round 13b S1: two tabs; a place chosen again showed its old "What draws you to it".

Tab A and tab B on Lake Lab. A typed "DRAW_A" (saved), B typed "DRAW_B" (saved: B showed
"DRAW_A ——— DRAW_B"). In A, choosing Tin Works and then Lake Lab again showed "DRAW_A": the
place's box was filled from what A had read, not from the record; A's next words saved a
third copy ("DRAW_A ——— DRAW_B ——— DRAW_A A2"). Choosing a place now fills its box from the
record, as choosing a card does (round 11b N2; README: "a page shown again, or a card chosen
again, shows what the other tab saved").
"""

import datetime as dt

import pytest

from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage, base

MONDAY = dt.date(2026, 12, 7)
BOTH = "DRAW_A" + TEXT_SEPARATOR + "DRAW_B"


@pytest.fixture(autouse=True)
def not_in_a_kernel(monkeypatch):
    """A typed text is saved at once (no timer), whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: False)


def two_tabs_on_lake(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    lake = first.add_place("Lake Lab")
    tin = first.add_place("Tin Works")
    second = ConversationsPage(store, "ann", today=MONDAY)
    first.choose_place(lake)
    second.choose_place(lake)
    first.edit_place_drawn.value = "DRAW_A"
    second.edit_place_drawn.value = "DRAW_B"  # B showed "" (before A's save): both kept
    return first, second, lake, tin


def drawn_on_disk(store, place_id):
    return Tracker(store, "ann").read().places[place_id].drawn


def test_a_place_chosen_again_shows_what_the_other_tab_saved(store):
    first, second, lake, tin = two_tabs_on_lake(store)
    assert drawn_on_disk(store, lake) == BOTH
    assert second.edit_place_drawn.value == BOTH
    first.choose_place(tin)
    first.choose_place(lake)
    assert first.edit_place_drawn.value == BOTH  # the record's text, not the one A last drew


def test_words_added_after_choosing_again_are_added_once(store):
    first, second, lake, tin = two_tabs_on_lake(store)
    first.choose_place(tin)
    first.choose_place(lake)
    first.edit_place_drawn.value = first.edit_place_drawn.value + " A2"
    assert drawn_on_disk(store, lake) == BOTH + " A2"  # no third copy of DRAW_A


def test_the_other_places_name_and_knows_are_the_records_too(store):
    first, second, lake, tin = two_tabs_on_lake(store)
    second.choose_place(tin)
    second.edit_place(name="Tin Works Ltd", knows="yes")
    first.choose_place(tin)  # A never drew Tin Works after B's save
    assert (first.edit_place_name.value, first.edit_place_knows.value) == (
        "Tin Works Ltd", "yes")
    assert "Tin Works Ltd" in first.places_list.label


def test_a_place_taken_off_in_the_other_tab_is_said_when_chosen(store):
    first, second, lake, tin = two_tabs_on_lake(store)
    second.choose_place(tin)
    second.remove_place()
    first.choose_place(tin)  # A still listed Tin Works
    assert first.place_selected is None
    assert first.place_card.layout.display == "none"
    assert "Tin Works" in first.places_note.value
    assert [place for _label, place in first.places_list.options] == [lake]
