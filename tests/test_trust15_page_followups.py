"""Round 10a K4: the follow-up buttons of a card not redrawn (a second tab).

The other tab recorded "reply came" (or a nudge); this tab's "Wrote to someone else there"
(or a second "Nudge sent") was recorded without a word, unseen on the card, and Undo then
took back the step before it. Now they check as the step buttons do: nothing is recorded,
the page says so and the card is drawn again.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def two_cards_at_sent(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    rex = first.add_person("Rex Uhl", org="Tin Works")
    first.record_step("sent", dt.date(2026, 11, 24))
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(rex)
    return first, second, rex


def on_disk(store, pid):
    person = Tracker(store, "ann").read().people[pid]
    return person.steps, person.followed


def test_a_stale_wrote_to_someone_else_after_a_reply_records_nothing(store):
    first, second, rex = two_cards_at_sent(store)
    first.advance_button.click()  # reply came, on the first page
    second.another_button.click()  # its card still offers the follow-ups
    steps, followed = on_disk(store, rex)
    assert followed == {}
    assert steps["reply"] == "2026-12-07"
    assert second.words.get("changed_elsewhere") in second.errors
    # redrawn: the reply shows, and Undo takes back the reply it shows
    assert "\u2713 " + second.words.step("reply") in second.card_steps.value
    second.undo_button.click()
    assert "reply" not in on_disk(store, rex)[0]


def test_a_stale_second_nudge_records_nothing(store):
    first, second, rex = two_cards_at_sent(store)
    first.nudge_button.click()  # the nudge, on the first page
    second.nudge_button.click()  # the second page's card shows no nudge yet
    assert on_disk(store, rex)[1] == {"nudge": "2026-12-07"}
    assert second.words.get("changed_elsewhere") in second.errors
    assert second.words.step("nudge") in second.card_steps.value


def test_a_follow_up_on_an_up_to_date_card_is_recorded(store):
    first, _second, rex = two_cards_at_sent(store)
    first.another_button.click()
    assert on_disk(store, rex)[1] == {"another": "2026-12-07"}
    assert not first.errors
