"""Round 10a K6: a stale "Conversation set for" refused in words the card contradicted.

Two pages on Bo Chen's card, "time agreed" marked. The first takes it back; the second,
not redrawn, sets a day: refused (good) with "mark time agreed first" beside a card still
showing "time agreed". Now the page says it changed in another window and redraws the card.
"""

import datetime as dt

from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)


def test_a_stale_talk_day_says_changed_elsewhere_and_redraws(store):
    first = ConversationsPage(store, "ann", today=MONDAY)
    bo = first.add_person("Bo Chen", org="Harbour Trust")
    assert first.record_step("arranged", MONDAY)
    second = ConversationsPage(store, "ann", today=MONDAY)
    second.choose(bo)
    agreed = "\u2713 " + second.words.step("arranged")
    assert agreed in second.card_steps.value
    first.undo_button.click()  # time agreed taken back on the first page
    second.meeting.value = dt.date(2026, 12, 11)
    person = Tracker(store, "ann").read().people[bo]
    assert person.meeting == "" and "arranged" not in person.steps
    assert second.words.get("changed_elsewhere") in second.errors
    assert agreed not in second.card_steps.value  # redrawn as the list is on disk
    assert second.meeting.value is None
    assert second.meeting_note.value == ""


def test_a_talk_day_before_a_time_agreed_on_an_up_to_date_card_is_said_beside_the_box(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    page.add_person("Bo Chen", org="Harbour Trust")
    page.meeting.value = dt.date(2026, 12, 11)
    assert "time agreed" in page.meeting_note.value
    assert page.words.get("changed_elsewhere") not in page.errors
