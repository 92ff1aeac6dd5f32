"""Issue 20, round 12b Q1: a step recorded without the ones before it, and the card.

"Conversation held" recorded for someone met at a fair (no note sent): the export and the
report count a note sent (README: "a later step includes the earlier ones: a reply, an
agreed time, a conversation or thanks count as a note sent, and thanks sent count as a
conversation held, from the earliest of those dates"), while the card said
"○ note sent: not yet". The card now says the note is counted with the later step, in the
instrument's words (``[conversations]`` ``step_counted``), and records no step.
"""

import datetime as dt

from workbook.core.instrument import default_raw
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage

MONDAY = dt.date(2026, 12, 7)
WORDS = default_raw()["conversations"]


def card_line(page, step):
    """The card's line for ``step``, as drawn (between <li> and </li>)."""
    words = WORDS[f"step_{step}"]
    lines = page.card_steps.value.split("<li>")[1:]
    return next(line.split("</li>")[0] for line in lines if f" {words}: " in line)


def test_a_conversation_held_with_no_note_shows_the_note_counted(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    quin = page.add_person("Quin Skip", org="Lake Lab")
    assert page.record_step("held", dt.date(2026, 12, 3), quin)
    page.choose(quin)
    counted = WORDS["step_counted"].replace("{step}", WORDS["step_held"]).replace(
        "{date}", "Thu 3 Dec")
    assert card_line(page, "sent") == f"\u2713 {WORDS['step_sent']}: {counted}"
    assert card_line(page, "held") == f"\u2713 {WORDS['step_held']}: Thu 3 Dec"
    # a note drafted is in no count: still not yet
    assert card_line(page, "drafted") == f"\u25cb {WORDS['step_drafted']}: {WORDS['step_not_yet']}"
    person = Tracker(store, "ann").read().people[quin]
    assert "sent" not in person.steps  # nothing recorded by drawing the card
    assert person.next_step == page._drawn_next[1]


def test_thanks_sent_alone_counts_the_earliest_for_the_note_and_the_talk(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    kim = page.add_person("Kim Poe", org="Open Kitchen")
    assert page.record_step("arranged", dt.date(2026, 12, 1), kim)
    assert page.record_step("thanked", dt.date(2026, 12, 4), kim)
    page.choose(kim)

    def counted(step, day):
        return WORDS["step_counted"].replace("{step}", WORDS[f"step_{step}"]).replace(
            "{date}", day)

    # the note is counted from the earliest later step (time agreed, Tue 1 Dec)
    note = counted("arranged", "Tue 1 Dec")
    assert card_line(page, "sent") == f"\u2713 {WORDS['step_sent']}: {note}"
    # the talk is counted with the thanks
    talk = counted("thanked", "Fri 4 Dec")
    assert card_line(page, "held") == f"\u2713 {WORDS['step_held']}: {talk}"
    assert card_line(page, "reply") == f"\u25cb {WORDS['step_reply']}: {WORDS['step_not_yet']}"
    steps = Tracker(store, "ann").read().people[kim].steps
    assert "sent" not in steps and "held" not in steps


def test_a_note_sent_is_shown_as_its_own_day(store):
    page = ConversationsPage(store, "ann", today=MONDAY)
    zed = page.add_person("Zed Orr", org="Tin Works")
    assert page.record_step("sent", dt.date(2026, 12, 2), zed)
    assert page.record_step("held", dt.date(2026, 12, 4), zed)
    page.choose(zed)
    assert card_line(page, "sent") == f"\u2713 {WORDS['step_sent']}: Wed 2 Dec"
