"""Issue 20, round 8 G14: a double-click on "Mark done: X" recorded X and the step after it.

The browser sends both clicks of a double-click (or two quick Enters) before it has the
button redrawn: the second was aimed at "Mark done: X", already recorded, and used to record
the next step, which nobody saw on the button. The page now knows which card the browser
shows (``_card_seen``, copied from ``_card_drawn`` by a link run in the browser): here the
browser's copy is made by hand, as the page's link makes it.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def shown(page):
    """The browser has the card as last drawn (what the link in the page sends back)."""
    page._card_seen.value = page._card_drawn.value


def at_sent(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    lena = page.add_person("Lena Ortiz", org="City Library")
    page.advance()
    page.advance()  # note sent
    shown(page)
    reply = page.words.get("advance_button", step=page.words.step("reply"))
    assert page.advance_button.description == reply
    return page, lena


def steps_on_disk(store, pid):
    return set(Tracker(store, "ann").read().people[pid].steps)


def test_the_second_click_of_a_double_click_records_nothing(store):
    page, lena = at_sent(store)
    page.advance_button.click()  # "Mark done: reply came"
    page.advance_button.click()  # the second click, sent before the button was redrawn
    assert steps_on_disk(store, lena) == {"noted", "drafted", "sent", "reply"}
    assert not page.errors
    shown(page)  # the browser shows "Mark done: time agreed": a click now is meant
    page.advance_button.click()
    assert steps_on_disk(store, lena) == {"noted", "drafted", "sent", "reply", "arranged"}


def test_a_double_undo_takes_back_one_step(store):
    page, lena = at_sent(store)
    page.undo_button.click()
    page.undo_button.click()  # aimed at the card that still showed "note sent"
    assert steps_on_disk(store, lena) == {"noted", "drafted"}


def test_without_a_browser_every_click_counts(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    lena = page.add_person("Lena Ortiz", org="City Library")
    page.advance_button.click()
    page.advance_button.click()  # a script's clicks: nothing is shown, each is meant
    assert steps_on_disk(store, lena) == {"noted", "drafted", "sent"}
