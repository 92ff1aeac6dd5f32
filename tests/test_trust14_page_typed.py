"""Issue 20, round 8 G4: "What you learned" typed on one card was saved on the next one.

Typed on Paz's card, then Noor's card chosen within the pause: the text (sent key by key,
saved once typing pauses) belongs to Paz. Two ways it went wrong: the save held for the
pause, and keys the browser had not sent yet, which arrive after the card changed. The
page knows which card the browser shows (``_card_seen``, copied from ``_card_drawn`` by a
link run in the browser): here the browser's copy is made by hand, as the link makes it.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

from .loop_helpers import run_alone

MONDAY = dt.date(2026, 12, 7)
TEXT = "PAZ: archives moving to digital"




def shown(page):
    """The browser has the card as last drawn (what the link in the page sends back)."""
    page._card_seen.value = page._card_drawn.value


def two_people(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    noor = page.add_person("Noor Ali", org="City Library")
    paz = page.add_person("Paz Gil", org="Harbour Trust")
    page.choose(paz)
    shown(page)
    return page, noor, paz


def learned_on_disk(store):
    people = Tracker(store, "ann").read().people.values()
    return {p.name: p.learned for p in people}


def test_a_save_held_for_the_pause_goes_to_its_card_when_the_card_changes(store):
    async def typing():
        page, noor, _paz = two_people(store)
        page.typing_pause = 3600  # the timer never fires by itself here
        for n in range(1, len(TEXT) + 1):
            page.learned.value = TEXT[:n]
        page.choose(noor)  # within the pause
        return page

    page = run_alone(typing())
    assert learned_on_disk(store) == {"Noor Ali": "", "Paz Gil": TEXT}
    assert page.learned.value == ""  # Noor's card shows Noor's text


def test_keys_sent_after_the_card_changed_are_saved_on_the_card_they_were_typed_on(store):
    page, noor, _paz = two_people(store)
    page.learned.value = "P"  # the first key, sent at once
    page.choose(noor)  # chosen while the box still held the other keys
    page.learned.value = TEXT  # the rest, sent before the browser had Noor's card
    assert learned_on_disk(store) == {"Noor Ali": "", "Paz Gil": TEXT}
    assert page.learned.value == ""  # Noor's card shows Noor's text again
    shown(page)
    page.learned.value = "NOOR: the map room"  # typed on Noor's card, shown
    assert learned_on_disk(store) == {"Noor Ali": "NOOR: the map room", "Paz Gil": TEXT}
