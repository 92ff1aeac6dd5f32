"""Issue 20, round 7 E4: the Add form took the same name at the same place again and again.

"Ines Duarte" at "Open Kitchen" on the list; typed again (also as "ines duarte" at "open
kitchen") she was added twice more, and the place counted every copy.
"""

import datetime as dt

import pytest

from tests.test_conversations_page import answers
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def page(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", answers(), session="2026-11-20")
    return ConversationsPage(store, "ann", today=MONDAY)


def people(page):
    book = Tracker(page.store, "ann").read()
    return sorted((p.name, p.org) for p in book.people.values())


def type_and_add(page, name, org):
    page.name.value, page.org.value = name, org
    page.add_button.click()


def test_the_same_name_at_the_same_place_is_refused(page):
    ines = page.add_person("Ines Duarte", org="Open Kitchen")
    page.advance()
    page.add_person("Ana Ruiz", org="Open Kitchen")
    type_and_add(page, "Ines Duarte", "Open Kitchen")
    type_and_add(page, " ines  duarte", "open kitchen")
    assert people(page) == [("Ana Ruiz", "Open Kitchen"), ("Ines Duarte", "Open Kitchen")]
    assert page.name_note.value and "already" in page.name_note.value
    assert page.selected == ines  # her card is open: she is the one on the list
    assert page.name.value == " ines  duarte"  # the form keeps what was typed


def test_the_same_name_at_another_place_or_none_is_another_person(page):
    page.add_person("Ines Duarte", org="Open Kitchen")
    assert page.add_person("Ines Duarte", org="City Archives") is not None
    assert page.add_person("Ines Duarte") is not None
    assert page.add_person("Ines Duarte") is None  # no place twice: the same person
    assert people(page) == [("Ines Duarte", ""), ("Ines Duarte", "City Archives"),
                            ("Ines Duarte", "Open Kitchen")]


def test_added_on_a_stale_page_is_refused_too(page):
    other = ConversationsPage(page.store, "ann", today=MONDAY)
    page.add_person("Ines Duarte", org="Open Kitchen")
    assert other.add_person("Ines Duarte", org="Open Kitchen") is None
    assert people(page) == [("Ines Duarte", "Open Kitchen")]
