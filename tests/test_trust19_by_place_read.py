"""Two tabs of one client: choosing "the list by place" in tab A drew what A last read.

After tab B renamed a person, moved them to another place, or renamed a place, tab A's list
by place still showed the old names and the old places (A's list was drawn from what A had
read, not the record). README: "a page shown again, or a card chosen again, shows what the
other tab saved". Choosing the list by place (or by next step) now reads the record first,
as choosing a card (round 11b N2) or a place (round 13b S1) does.
"""

import datetime as dt

import pytest

from workbook.session.widgets import ConversationsPage, base

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def not_in_a_kernel(monkeypatch):
    """A typed text is saved at once (no timer), whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: False)


def two_tabs(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    lake = first.add_place("Lake Lab")
    tin = first.add_place("Tin Works")
    zed = first.add_person("Zed Orr", org="Lake Lab")
    second = ConversationsPage(store, "ann", today=MONDAY)
    return first, second, lake, tin, zed


def place_of(page, name):
    """The place heading the person ``name`` is listed under in the list by place."""
    shown = page.by_place.value
    at = shown.index(name)
    return shown[:at].rsplit("<b>", 1)[1].split("</b>", 1)[0]


def test_a_person_renamed_in_the_other_tab_is_shown_by_place(store):
    first, second, _lake, _tin, zed = two_tabs(store)
    second.edit("name", "Zed Orr-Tan", person_id=zed)
    first.show_by("place")
    assert "Zed Orr-Tan" in first.by_place.value


def test_a_person_moved_in_the_other_tab_is_under_the_new_place(store):
    first, second, _lake, _tin, zed = two_tabs(store)
    second.edit("org", "Tin Works", person_id=zed)
    first.show_by("place")
    assert place_of(first, "Zed Orr") == "Tin Works"


def test_a_place_renamed_in_the_other_tab_is_shown_by_place(store):
    first, second, lake, _tin, _zed = two_tabs(store)
    second.choose_place(lake)
    second.edit_place(name="Lake Lab North")
    first.show_by("place")
    assert place_of(first, "Zed Orr") == "Lake Lab North"
