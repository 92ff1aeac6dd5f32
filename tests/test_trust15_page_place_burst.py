"""Round 10a K7: a double-click on a place's "Move up" moved it two places.

As the card's step buttons (round 8 G14): the page knows which order of places the browser
shows (``_places_seen``, copied from ``_places_drawn`` by a link run in the browser; made
by hand here, as the link makes it). A click that arrives before the browser shows the
order the last move drew (the second click of a burst) moves nothing.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)
NAMES = ["Harbour Trust", "Quay Museum", "Open Kitchen", "Rail Lab", "Sun Press"]


def shown(page):
    """The browser shows the order as last drawn (what the link in the page sends back)."""
    page._places_seen.value = page._places_drawn.value


def ranked(store):
    book = Tracker(store, "ann").read()
    return [p.name for p in sorted(book.places.values(), key=lambda p: p.rank)]


def five_places(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    ids = [page.add_place(name) for name in NAMES]
    page.choose_place(ids[-1])
    shown(page)
    return page


def test_a_double_click_on_move_up_moves_one_place(store):
    page = five_places(store)
    page.place_up.click()
    page.place_up.click()  # before the browser showed the new order
    assert ranked(store) == ["Harbour Trust", "Quay Museum", "Open Kitchen", "Sun Press",
                             "Rail Lab"]


def test_a_click_after_the_new_order_is_shown_moves_again(store):
    page = five_places(store)
    page.place_up.click()
    shown(page)
    page.place_down.click()
    page.place_down.click()  # a burst again: one move
    assert ranked(store) == NAMES


def test_a_script_moves_on_every_click(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    ids = [page.add_place(name) for name in NAMES]
    page.choose_place(ids[-1])
    page.place_up.click()
    page.place_up.click()  # no browser: each click is meant
    assert ranked(store) == ["Harbour Trust", "Quay Museum", "Sun Press", "Open Kitchen",
                             "Rail Lab"]
