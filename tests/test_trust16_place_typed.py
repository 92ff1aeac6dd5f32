"""Round 10a K5 (left part): a place's "what draws you" was saved only by "Save the place".

The client's words about a place, typed in its box and never saved with the button, were
lost by a reload, and silently dropped when another place was chosen. Like "Why them" in a
person's Change details (session 9), the place's "what draws you" now sends every key and is
saved once typing pauses, for the place it was typed for. The name and "do you know anyone
there" keep the button (a rename can be refused); the Add forms keep theirs (nothing is on
the list to save to until Add). The pause's timer is driven by hand (``typed_now``).
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

from .loop_helpers import run_alone

MONDAY = dt.date(2026, 12, 7)
WORDS = "the rare maps room"


def drawn_on_disk(store):
    return {p.name: p.drawn for p in Tracker(store, "ann").read().places.values()}


def page_with_places(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    page.typing_pause = 3600  # the timer never fires by itself here
    library = page.add_place("City Library")
    harbour = page.add_place("Harbour Trust")
    return page, library, harbour


def test_what_draws_you_is_saved_once_typing_pauses(store):
    async def typing():
        page, library, _ = page_with_places(store)
        page.choose_place(library)
        assert page.edit_place_drawn.continuous_update
        for n in range(1, len(WORDS) + 1):  # key by key, the box never left
            page.edit_place_drawn.value = WORDS[:n]
        held = drawn_on_disk(store)
        page.typed_now()  # what the timer does once typing pauses
        return held, page

    held, page = run_alone(typing())
    assert held == {"City Library": "", "Harbour Trust": ""}  # nothing per key
    assert drawn_on_disk(store) == {"City Library": WORDS, "Harbour Trust": ""}
    assert page.edit_place_drawn.value == WORDS


def test_another_place_chosen_within_the_pause_saves_it_for_its_place(store):
    async def typing():
        page, library, harbour = page_with_places(store)
        page.choose_place(library)
        page.edit_place_drawn.value = WORDS
        page.choose_place(harbour)  # within the pause
        return page

    page = run_alone(typing())
    assert drawn_on_disk(store) == {"City Library": WORDS, "Harbour Trust": ""}
    assert page.edit_place_drawn.value == ""  # Harbour Trust's box shows its own words


def test_save_the_place_after_the_pause_saves_the_name_alone(store):
    async def typing():
        page, library, _ = page_with_places(store)
        page.choose_place(library)
        page.edit_place_drawn.value = WORDS
        page.typed_now()
        page.edit_place_name.value = "City Libraries"
        page.place_save.click()
        return page

    run_alone(typing())
    assert drawn_on_disk(store) == {"City Libraries": WORDS, "Harbour Trust": ""}


def test_move_up_within_the_pause_keeps_the_words_typed(store):
    async def typing():
        page, _library, harbour = page_with_places(store)
        page.choose_place(harbour)
        page.edit_place_drawn.value = WORDS
        page.place_up.click()  # the place box is redrawn: the words are saved first
        return page

    page = run_alone(typing())
    assert drawn_on_disk(store) == {"City Library": "", "Harbour Trust": WORDS}
    assert page.edit_place_drawn.value == WORDS
