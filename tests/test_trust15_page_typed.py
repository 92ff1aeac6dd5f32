"""Round 10a K5: "The note" on a card was saved only when the box was left.

Typed, paused, reloaded: the edit was gone, while "What you learned" on the same card was
saved once typing paused (round 7 E3). The note and "Who they suggested" now send every key
and are saved once typing pauses, for the card they were typed on. The pause's timer is
driven by hand here (``typed_now`` is what it calls).
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

from .loop_helpers import run_alone

MONDAY = dt.date(2026, 12, 7)
NOTE = "Dear Paz, PSNOTEEDIT"




def on_disk(store, field):
    people = Tracker(store, "ann").read().people.values()
    return {p.name: getattr(p, field) for p in people}


def test_the_note_is_sent_key_by_key_and_saved_once_typing_pauses(store):
    async def typing():
        page = ConversationsPage(store, "ann", today=MONDAY)
        page.typing_pause = 3600  # the timer never fires by itself here
        page.add_person("Paz Gil", org="Harbour Trust")
        assert page.note.continuous_update and page.suggested.continuous_update
        for n in range(1, len(NOTE) + 1):  # key by key, the box never left
            page.note.value = NOTE[:n]
        held = on_disk(store, "note")["Paz Gil"]
        page.typed_now()  # what the timer does once typing pauses
        return held

    held = run_alone(typing())
    assert held == ""  # nothing per key
    assert on_disk(store, "note") == {"Paz Gil": NOTE}


def test_a_note_typed_on_one_card_is_saved_for_that_person(store):
    async def typing():
        page = ConversationsPage(store, "ann", today=MONDAY)
        page.typing_pause = 3600
        noor = page.add_person("Noor Ali", org="City Library")
        paz = page.add_person("Paz Gil", org="Harbour Trust")
        page.choose(paz)
        page.note.value = NOTE
        page.suggested.value = "Yara Pell at Glass House"
        page.choose(noor)  # within the pause
        return page.note.value, page.suggested.value

    note_shown, suggested_shown = run_alone(typing())
    assert suggested_shown == ""  # Noor's card shows Noor's texts
    assert NOTE not in note_shown
    assert on_disk(store, "note") == {"Noor Ali": "", "Paz Gil": NOTE}
    assert on_disk(store, "suggested") == {"Noor Ali": "", "Paz Gil": "Yara Pell at Glass House"}


def test_add_them_takes_the_names_still_held_for_the_pause(store):
    async def typing():
        page = ConversationsPage(store, "ann", today=MONDAY)
        page.typing_pause = 3600
        page.add_person("Paz Gil", org="Harbour Trust")
        page.suggested.value = "Yara Pell at Glass House"
        page.suggest_button.click()  # before the pause ends
        return page

    run_alone(typing())
    people = Tracker(store, "ann").read().people.values()
    assert sorted(p.name for p in people) == ["Paz Gil", "Yara Pell"]


def test_why_them_in_change_details_is_saved_once_typing_pauses(store):
    async def typing():
        page = ConversationsPage(store, "ann", today=MONDAY)
        page.typing_pause = 3600
        page.add_person("Paz Gil", org="Harbour Trust", why="archives")
        page.details_toggle.value = True  # "Change details" opened, filled
        assert page.edit_why.continuous_update
        text = "archives; she ran the digital move"
        for n in range(9, len(text) + 1):
            page.edit_why.value = text[:n]
        held = on_disk(store, "why")["Paz Gil"]
        page.typed_now()
        return page, held

    page, held = run_alone(typing())
    assert held == "archives"
    assert on_disk(store, "why") == {"Paz Gil": "archives; she ran the digital move"}
    # the form's Save afterwards keeps the text once (not merged with itself)
    assert page.change_details("Paz Gil", org="Harbour Trust",
                               why="archives; she ran the digital move")
    assert on_disk(store, "why") == {"Paz Gil": "archives; she ran the digital move"}
