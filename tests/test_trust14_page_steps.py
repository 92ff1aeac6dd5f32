"""Issue 20, round 8: the card's step buttons in two windows (G2, G10) and days ahead (G12).

G2: two Conversations pages (two tabs) on one client, the same card showing "note sent" as
the last step on both. The first records "reply came"; the second's "Undo the last step",
not redrawn, used to take back that reply, a step it never showed, without a word.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_cards_at_sent(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    noor = first.add_person("Noor Ali", org="City Library")
    first.advance()  # note drafted
    first.advance()  # note sent
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(noor)
    return first, second, noor


def steps_on_disk(store, pid):
    return Tracker(store, "ann").read().people[pid].steps


def test_a_stale_undo_takes_back_nothing_and_says_so(store):
    first, second, noor = two_cards_at_sent(store)
    first.advance_button.click()  # reply came
    assert steps_on_disk(store, noor)["reply"] == "2026-12-07"
    second.undo_button.click()  # its card still shows "note sent" as the last step
    assert steps_on_disk(store, noor) == {
        "noted": "2026-12-07", "drafted": "2026-12-07", "sent": "2026-12-07",
        "reply": "2026-12-07"}
    assert second.words.get("changed_elsewhere") in second.errors
    # redrawn: the card shows the reply now, and Undo takes back what it shows
    assert "\u2713 " + second.words.step("reply") in second.card_steps.value
    second.undo_button.click()
    assert "reply" not in steps_on_disk(store, noor)
    assert "sent" in steps_on_disk(store, noor)


def test_undo_on_an_up_to_date_card_takes_back_its_last_step(store):
    first, _second, noor = two_cards_at_sent(store)
    first.undo_button.click()
    assert "sent" not in steps_on_disk(store, noor)
    assert "drafted" in steps_on_disk(store, noor)
    assert not first.errors


def test_a_stale_undo_after_a_step_taken_back_elsewhere_takes_back_nothing(store):
    first, second, noor = two_cards_at_sent(store)
    first.undo_button.click()  # "note sent" taken back on the first page
    second.undo_button.click()  # still shows "note sent" last: would take back "drafted"
    assert "drafted" in steps_on_disk(store, noor)
    assert second.words.get("changed_elsewhere") in second.errors
