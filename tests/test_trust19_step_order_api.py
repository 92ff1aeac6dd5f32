"""Round 10b L11, the part not done in session 9: through the API a step out of order (a
note sent dated after the conversation held; a reply dated after the time agreed) was
recorded without a word, and ``edit_op(meeting="1999-01-01")`` was accepted. Both are
refused in words unless ``confirmed=True`` (the page passes it after its own "Yes, record
that day")."""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.core.conversations.model import Book, ConversationError

TODAY = dt.date(2026, 11, 28)


def book():
    b = Book()
    model.apply(b, model.add_op("Di Ng", person_id="di", today=dt.date(2026, 11, 2)))
    for step, day in (("sent", 3), ("reply", 5), ("arranged", 10), ("held", 20)):
        model.apply(b, model.step_op(b, "di", step, dt.date(2026, 11, day), today=TODAY))
    model.apply(b, model.add_op("Bo Li", person_id="bo", today=dt.date(2026, 11, 2)))
    for step, day in (("sent", 3), ("arranged", 20)):
        model.apply(b, model.step_op(b, "bo", step, dt.date(2026, 11, day), today=TODAY,
                                     confirmed=True))
    return b


def test_a_note_sent_after_the_conversation_held_is_refused_in_words():
    b = book()
    model.apply(b, model.step_op(b, "di", "sent", None))  # taken back, to be re-dated
    with pytest.raises(ConversationError) as refused:
        model.step_op(b, "di", "sent", dt.date(2026, 11, 26), today=TODAY)
    assert str(refused.value) == (
        "Di Ng: Note sent on Thu 26 Nov: that is after reply came (Thu 5 Nov), which it "
        "leads to. Check the day (confirm it to record that day).")
    op = model.step_op(b, "di", "sent", dt.date(2026, 11, 26), today=TODAY, confirmed=True)
    assert op["date"] == "2026-11-26"


def test_a_reply_after_the_time_agreed_is_refused_in_words():
    b = book()
    with pytest.raises(ConversationError) as refused:
        model.step_op(b, "bo", "reply", dt.date(2026, 11, 27), today=TODAY)
    assert str(refused.value) == (
        "Bo Li: Reply came on Fri 27 Nov: that is after time agreed (Fri 20 Nov), which it "
        "leads to. Check the day (confirm it to record that day).")
    assert model.step_op(b, "bo", "reply", dt.date(2026, 11, 27), today=TODAY,
                         confirmed=True)["date"] == "2026-11-27"
    # in order: no question
    assert model.step_op(b, "bo", "reply", dt.date(2026, 11, 4), today=TODAY)["date"] == (
        "2026-11-04")


def test_a_step_before_the_one_leading_to_it_is_refused_in_words():
    b = book()
    with pytest.raises(ConversationError) as refused:
        model.step_op(b, "di", "thanked", dt.date(2026, 11, 15), today=TODAY)
    assert str(refused.value) == (
        "Di Ng: Thanks sent on Sun 15 Nov: that is before conversation held (Fri 20 Nov), "
        "which leads to it. Check the day (confirm it to record that day).")


def test_a_talk_day_before_2000_is_refused_unless_confirmed():
    b = book()
    with pytest.raises(ConversationError) as refused:
        model.edit_op(b, "bo", meeting="1999-01-01", today=TODAY)
    assert str(refused.value) == (
        "Conversation set for Fri 1 Jan 1999: that is before 2000; check the year (confirm "
        "it to record that day).")
    op = model.edit_op(b, "bo", meeting="1999-01-01", today=TODAY, confirmed=True)
    assert op["fields"] == {"meeting": "1999-01-01"}
    assert model.edit_op(b, "bo", meeting="2026-12-01", today=TODAY)["fields"] == {
        "meeting": "2026-12-01"}
