"""Issue 20, round 8 G9: after End session in one tab, the other tab showed more of the record.

Two tabs of one client on the Conversations page, Noor's card open in the second. End
session in the first; in the second, choosing Paz's card used to draw her whole card (where
she works, her steps, the coach's flags, the drafted note) and "By place" the list by place,
still under "Working with". Now the page shows only that the session is no longer open.
"""

from workbook.session.tracker import Tracker
from workbook.session.widgets import SessionApp
from workbook.session.widgets.session import app_text


def two_tabs(store):
    first, second = SessionApp(store, client_id="ann"), SessionApp(store, client_id="ann")
    second.show("conversations")
    page = second.screen("conversations")
    noor = page.add_person("Noor Ali", org="City Library")
    paz = page.add_person("Paz Gil", org="Harbour Trust", why="PAZ-WHY-PRIVATE")
    page.choose(noor)
    assert "Noor Ali" in page.card_head.value
    first.end_session()  # End session pressed in the first tab
    return page, noor, paz


def shows_only_the_end(page):
    ended = app_text(page.texts, "session_ended")
    return page.children == (page.page_style, page.messages) and page.errors == [ended]


def test_choosing_another_card_after_the_session_ended_shows_none(store):
    page, _noor, paz = two_tabs(store)
    page.choose(paz)
    assert "Paz" not in page.card_head.value and "PAZ-WHY-PRIVATE" not in page.card_head.value
    assert shows_only_the_end(page)
    assert page.chooser.options == ()  # the names are gone from the list too


def test_the_list_by_place_after_the_session_ended_shows_nothing(store):
    page, _noor, _paz = two_tabs(store)
    page.view.value = "place"
    assert "Harbour Trust" not in page.by_place.value
    assert shows_only_the_end(page)


def test_a_place_or_a_step_after_the_session_ended_shows_and_saves_nothing(store):
    page, noor, _paz = two_tabs(store)
    place = next(iter(Tracker(store, "ann").read().places))
    page.places_list.value = place
    assert shows_only_the_end(page)
    page.advance(noor)
    assert Tracker(store, "ann").read().people[noor].stage == "noted"
    assert shows_only_the_end(page)
