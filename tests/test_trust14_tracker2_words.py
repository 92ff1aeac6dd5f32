"""Issue 20, round 8 G13's words: only "time agreed" books a talk, so nothing says to clear the day.

Since G13 a day in "Conversation set for" books nothing without "time agreed": taking back
"time agreed" is enough to let go of (or take off the list) someone whose talk was called
off. The refusals still said "take back 'time agreed' and clear the day first".
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.core.instrument_file import default_raw

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def book():
    book = model.Book()
    model.apply(book, model.add_op("Lena Ortiz", org="City Library", person_id="lena",
                                   today=dt.date(2026, 12, 1), now=MONDAY))
    model.apply(book, model.step_op(book, "lena", "arranged", dt.date(2026, 12, 3),
                                    today=MONDAY))
    model.apply(book, model.edit_op(book, "lena", meeting="2026-12-10", today=MONDAY))
    return book


def test_letting_go_of_a_booked_talk_says_take_back_time_agreed_only(book):
    with pytest.raises(model.ConversationError) as caught:
        model.apply(book, model.let_go_op(book, "lena", MONDAY))
    said = str(caught.value)
    assert "clear the day" not in said
    assert said.endswith("If it was called off, take back \u201ctime agreed\u201d first.")


def test_taking_off_a_booked_talk_says_take_back_time_agreed_only(book):
    with pytest.raises(model.KeptError) as caught:
        model.check_new(book, model.remove_op(book, "lena", today=MONDAY))
    assert caught.value.key == "remove_booked"
    assert "clear the day" not in str(caught.value)
    words = default_raw()["conversations"]["remove_booked"]
    assert "clear the day" not in words
    assert words.endswith("take back \u201ctime agreed\u201d first.")


def test_taking_back_time_agreed_is_enough(book):
    model.apply(book, model.step_op(book, "lena", "arranged", None, today=MONDAY))
    assert book.people["lena"].meeting == ""  # the talk called off takes its day (L9)
    model.apply(book, model.let_go_op(book, "lena", MONDAY))
    assert book.people["lena"].let_go == "2026-12-07"
