"""Round 11b N2: two tabs; a card chosen again showed its old "What you learned".

Tab A and tab B on Kim's card. A typed "KIM_A" (saved), B typed "KIM_B" (saved: B showed
"KIM_A ——— KIM_B"). In A, choosing Zed and then Kim again showed "KIM_A": the card was drawn
from what A had read, not from the record; an edit made from it saved a third copy. Choosing
a card now draws it from the record, as the page shown again does (README: "a page shown
again shows what the other tab saved").
"""

import datetime as dt

from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_tabs_on_kim(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    zed = first.add_person("Zed Orr", org="Tin Works")
    kim = first.add_person("Kim Poe", org="Open Kitchen")
    second = ConversationsPage(store, "ann", today=MONDAY)
    first.choose(kim)
    second.choose(kim)
    first.learned.value = "KIM_A"
    second.learned.value = "KIM_B"  # B showed "" (before A's save): both are kept
    return first, second, kim, zed


def on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid]


def test_a_card_chosen_again_shows_what_the_other_tab_saved(store):
    first, second, kim, zed = two_tabs_on_kim(store)
    both = "KIM_A" + TEXT_SEPARATOR + "KIM_B"
    assert on_disk(store, kim).learned == both
    assert second.learned.value == both
    first.choose(zed)
    first.choose(kim)
    assert first.learned.value == both  # the record's text, not the one A last drew


def test_an_edit_after_choosing_again_replaces_the_text_shown(store):
    first, second, kim, zed = two_tabs_on_kim(store)
    first.choose(zed)
    first.choose(kim)
    first.learned.value = "KIM_A_EDITED"  # made from the text shown: no third copy
    assert on_disk(store, kim).learned == "KIM_A_EDITED"


def test_the_other_cards_texts_are_the_records_too(store):
    first, second, kim, zed = two_tabs_on_kim(store)
    second.choose(zed)
    second.note.value = "Dear Zed, from B"
    first.choose(zed)  # A never drew Zed's note after B's save
    assert first.note.value == "Dear Zed, from B"
