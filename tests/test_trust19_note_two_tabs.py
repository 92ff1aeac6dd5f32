"""Round 13b S8 (judged not a fault): a card's note, from the starter, edited in two tabs.

The log read the last 60 (or 250) characters of the note and saw only B's words; the record
(/tmp/r13b/ws, lines 35-43 of Cat Kay's conversations.jsonl) holds both: A's note, "———",
then B's, 627 characters where one note is 310. This test keeps it so: the starter offered
in both tabs, A adds " NA1", B adds " NB1", B goes on with " MORE1".
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


def test_the_note_from_the_starter_edited_in_two_tabs_keeps_both(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    zoe = first.add_person("Zoe Edge", org="Edge Co")
    second = ConversationsPage(store, "ann", today=MONDAY)
    first.choose(zoe)
    second.choose(zoe)
    starter = first.note.value
    assert starter.startswith("Hello Zoe") and second.note.value == starter
    first.note.value = starter + " NA1"
    second.note.value = starter + " NB1"  # B still shows the starter alone
    both = starter + " NA1" + TEXT_SEPARATOR + starter + " NB1"
    assert Tracker(store, "ann").read().people[zoe].note == both
    assert second.note.value == both
    second.note.value = second.note.value + " MORE1"
    assert Tracker(store, "ann").read().people[zoe].note == both + " MORE1"
