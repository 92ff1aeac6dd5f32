"""Issue 21: the rhythm of a conversation, in working days, every rule worked out by hand.

December 2026: Mon 30 Nov, Tue 1, Wed 2, Thu 3, Fri 4, (Sat 5, Sun 6), Mon 7, ... Fri 11,
Mon 14 ... Fri 18, Mon 21 ... Fri 25, Mon 28 ... Thu 31, Fri 1 Jan 2027, Mon 4 Jan.
The cadence is the kit's: another 3, nudge 7, let go 7 after the nudge, agree a time 2,
thanks 1, tell them 20 after the thanks, a look again after 3 talks.
"""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.core.conversations.cadence import Cadence
from workbook.core.conversations.words import Words
from workbook.core.exceptions import ConversationError
from workbook.core.instrument import load_instrument
from workbook.session.conversations import model

D = dt.date
TODAY = D(2027, 1, 15)
CADENCE = Cadence()


def _sent(day, *, org="Open Kitchen", listed=None):
    book = model.Book()
    model.apply(book, model.add_op("Ines Duarte", org=org, person_id="p", book=book,
                                   today=listed or day, now=TODAY))
    model.apply(book, model.step_op(book, "p", "sent", day, today=TODAY))
    return book


def _due(book):
    return [(d.kind, d.date) for d in model.due(book, CADENCE)]


def test_the_kit_cadence_is_the_practice():
    assert Words().cadence == Cadence(another_after=3, nudge_after=7, let_go_after=7,
                                      arrange_within=2, thank_within=1, tell_after=20,
                                      review_after_talks=3)


def test_no_reply_someone_else_at_3_and_a_nudge_at_7_across_the_weekend():
    # sent Thu 3 Dec: another Fri 4, Mon 7, Tue 8; nudge ... Fri 11 (6), Mon 14 (7)
    assert _due(_sent(D(2026, 12, 3))) == [("another", D(2026, 12, 8)),
                                           ("nudge", D(2026, 12, 14))]


def test_a_note_sent_on_a_saturday_counts_from_the_monday():
    # Sat 5 Dec: Mon 7 is the first working day; another Wed 9; nudge Tue 15
    assert _due(_sent(D(2026, 12, 5))) == [("another", D(2026, 12, 9)),
                                           ("nudge", D(2026, 12, 15))]


def test_no_place_no_someone_else_there():
    assert _due(_sent(D(2026, 12, 3), org="")) == [("nudge", D(2026, 12, 14))]


def test_a_reply_on_the_nudge_day_takes_the_nudge_away():
    book = _sent(D(2026, 12, 3))
    model.apply(book, model.step_op(book, "p", "reply", D(2026, 12, 14), today=TODAY))
    # agree a time within 2 working days of Mon 14: Wed 16; no nudge, no one else
    assert _due(book) == [("arrange", D(2026, 12, 16))]


def test_a_second_silence_lets_them_go_kindly():
    book = _sent(D(2026, 12, 3))
    model.apply(book, model.followed_op(book, "p", "another", today=D(2026, 12, 8)))
    model.apply(book, model.followed_op(book, "p", "nudge", today=D(2026, 12, 14)))
    # nudge sent Mon 14: Tue 15 (1) ... Fri 18 (4), Mon 21, Tue 22, Wed 23 (7)
    [item] = model.due(book, CADENCE)
    assert (item.kind, item.date, item.since) == ("let_go", D(2026, 12, 23), D(2026, 12, 14))
    assert item.words(Words().table) == "still no reply after the nudge: let them go kindly"
    assert Words().get("let_go_words").startswith("Silence says nothing about you")
    model.apply(book, model.let_go_op(book, "p", D(2026, 12, 23), today=TODAY))
    ines = book.people["p"]
    assert (ines.closed, ines.finished, ines.next_step, ines.let_go) == (
        True, True, None, "2026-12-23")
    assert _due(book) == []
    # still on the list, counted as a note sent and never as a conversation held
    assert book.counts() == {"people_listed": 1, "notes_sent": 1, "conversations_held": 0,
                             "places_listed": 1, "places_with_contact": 1}
    with pytest.raises(ConversationError, match=r"Ines Duarte was let go \(Wed 23 Dec"
                                                r"( 2026)?\): take that back first"):
        model.advance_op(book, "p", today=TODAY)
    # taken back: the nudge was sent, so letting go is due again
    model.apply(book, model.let_go_op(book, "p", undo=True))
    assert _due(book) == [("let_go", D(2026, 12, 23))]
    # let go again, then a late reply (Mon 4 Jan) opens them again: agree a time by Wed 6
    model.apply(book, model.let_go_op(book, "p", D(2026, 12, 23), today=TODAY))
    model.apply(book, model.step_op(book, "p", "reply", D(2027, 1, 4), today=TODAY))
    assert (ines.closed, ines.let_go) == (False, "2026-12-23")
    assert _due(book) == [("arrange", D(2027, 1, 6))]


def test_a_person_let_go_sorts_last_and_a_talk_held_is_not_let_go():
    book = _sent(D(2026, 12, 3))
    model.apply(book, model.add_op("Bo", person_id="b", priority=3, today=D(2026, 12, 3),
                                   now=TODAY))
    model.apply(book, model.let_go_op(book, "p", D(2026, 12, 23), today=TODAY))
    assert [p.id for p in model.ranked(book)] == ["b", "p"]
    model.apply(book, model.step_op(book, "b", "held", D(2026, 12, 4), today=TODAY))
    with pytest.raises(ConversationError, match="Bo: your conversation with them was held "
                                                r"\(Fri 4 Dec.*send thanks instead"):
        model.let_go_op(book, "b", today=TODAY)
    with pytest.raises(ConversationError, match="Let go on .*: that day is still to come"):
        model.let_go_op(book, "p", D(2027, 1, 16), today=TODAY)


def test_thanks_within_a_day_then_tell_them_what_came_of_it():
    book = _sent(D(2026, 12, 1))
    model.apply(book, model.step_op(book, "p", "held", D(2026, 12, 4), today=TODAY))
    # held Fri 4: thanks by Mon 7
    assert _due(book) == [("thank", D(2026, 12, 7))]
    model.apply(book, model.step_op(book, "p", "thanked", D(2026, 12, 7), today=TODAY))
    # thanks Mon 7: Tue 8 (1) ... Fri 11 (4), the weeks of 14 and 21 Dec (5-14),
    # Mon 28 ... Fri 1 Jan (15-19), Mon 4 Jan 2027 (20)
    [item] = model.due(book, CADENCE)
    assert (item.kind, item.date, item.since) == ("tell", D(2027, 1, 4), D(2026, 12, 7))
    assert item.words() == "tell them what came of their advice"
    assert book.people["p"].next_step == "told"
    model.apply(book, model.advance_op(book, "p", today=D(2027, 1, 5)))
    assert book.people["p"].stage == "told" and _due(book) == []
    assert model.STEP_WORDS["told"] == "told what came of it"
    assert book.counts()["conversations_held"] == 1


def test_a_told_step_alone_counts_the_talk_and_the_note():
    book = model.Book()
    model.apply(book, model.add_op("Al", person_id="a", today=D(2026, 12, 1), now=TODAY))
    model.apply(book, model.step_op(book, "a", "told", D(2026, 12, 10), today=TODAY))
    assert book.counts(on=D(2026, 12, 10))["notes_sent"] == 1
    assert model.talks_held(book, on=D(2026, 12, 10)) == 1
    assert model.talks_held(book, on=D(2026, 12, 9)) == 0


# -- a card's timeline that reads true -------------------------------------------------------
def test_a_note_sent_last_monday_and_recorded_today_counts_from_monday():
    # listed today, Wed 9 Dec; the note went out last Monday, 7 Dec, recorded today
    book = _sent(D(2026, 12, 7), listed=D(2026, 12, 9))
    ines = book.people["p"]
    assert (ines.added, ines.steps["noted"]) == ("2026-12-07", "2026-12-07")
    # from Mon 7: another Tue 8 (1), Wed 9, Thu 10 (3); nudge ... Fri 11 (4), Mon 14,
    # Tue 15, Wed 16 (7) -- not Fri 18, seven working days after today
    assert _due(book) == [("another", D(2026, 12, 10)), ("nudge", D(2026, 12, 16))]
    assert ines.flags() == []
    # the place it made counts from the person's own listed day
    assert book.counts(on=D(2026, 12, 7))["places_with_contact"] == 1


def test_every_item_carries_the_name_and_the_place_apart():
    book = _sent(D(2026, 12, 3))
    place = model.find_place(book, "Open Kitchen")
    items = model.due(book, CADENCE)
    assert [(d.name, d.place, d.place_id) for d in items] == [
        ("Ines Duarte", "Open Kitchen", place.id)] * 2
    assert items[0].words(Words().table) == \
        "no reply yet: write to someone else at the same place"
    assert "(" not in items[0].words(Words().table)
    model.apply(book, model.edit_place_op(book, place.id, name="The Open Kitchen"))
    assert {d.place for d in model.due(book, CADENCE)} == {"The Open Kitchen"}
    assert items[0].org == "Open Kitchen"  # the field's earlier name still reads


def test_the_look_again_threshold_is_a_number_of_talks():
    book = model.Book()
    for n, day in enumerate((D(2026, 12, 2), D(2026, 12, 9), D(2026, 12, 16)), start=1):
        model.apply(book, model.add_op(f"P{n}", person_id=f"p{n}", today=day, now=TODAY))
        model.apply(book, model.step_op(book, f"p{n}", "held", day, today=TODAY))
    reached = [day for day in (D(2026, 12, 9), D(2026, 12, 15), D(2026, 12, 16))
               if model.talks_held(book, on=day) >= CADENCE.review_after_talks]
    assert reached == [D(2026, 12, 16)]


# -- the cadence in the instrument is checked when it loads ---------------------------------
def _instrument_with(tmp_path, extra):
    from workbook.core.instrument_file import DEFAULT_PATH
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    head = text.split("# The conversations page")[0]
    path = tmp_path / "mine.toml"
    path.write_text(head + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize("extra, message", [
    ("let_go_after = 0", "conversations.cadence.let_go_after must be a whole number of "
                         "working days from 1 to 60, not 0"),
    ("nudge_after = 0", "nudge_after must be a whole number of working days from 1 to 60"),
    ("tell_after = 200", "tell_after must be a whole number of working days from 1 to 130, "
                         "not 200"),
    ("review_after_talks = 0", "review_after_talks must be a whole number of conversations "
                               "held from 1 to 50, not 0"),
    ("review_after_talks = true", "review_after_talks must be a whole number"),
    ("tell_after = 2.5", "tell_after must be a whole number"),
    ("wait_after = 3", "wait_after is not a cadence setting"),
])
def test_a_bad_cadence_value_is_refused_at_load_naming_the_key(tmp_path, extra, message):
    from workbook.core.exceptions import WorkbookError

    path = _instrument_with(tmp_path, f"[conversations.cadence]\n{extra}\n")
    with pytest.raises(WorkbookError) as refused:
        load_instrument(path)
    assert message in str(refused.value) and str(path) in str(refused.value)


def test_a_coach_cadence_moves_the_let_go_and_tell_days(tmp_path):
    path = _instrument_with(tmp_path, "[conversations.cadence]\nlet_go_after = 2\n"
                                      "tell_after = 5\n")
    cadence = Words(load_instrument(path)).cadence
    assert (cadence.nudge_after, cadence.let_go_after, cadence.tell_after) == (7, 2, 5)
    book = _sent(D(2026, 12, 3))
    model.apply(book, model.followed_op(book, "p", "another", today=D(2026, 12, 8)))
    model.apply(book, model.followed_op(book, "p", "nudge", today=D(2026, 12, 14)))
    assert [(d.kind, d.date) for d in model.due(book, cadence)] == [
        ("let_go", D(2026, 12, 16))]  # Mon 14 + 2: Wed 16
