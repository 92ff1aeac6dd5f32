"""Issue 20, round 8 G13: a day in "Conversation set for" booked a talk no one agreed.

Lena Ortiz, only listed, was given the day 9999-12-31: the page listed it under "Already
promised, whatever the date", `followups` as "the day of the conversation", and "Take off
the list" refused her ("a talk is agreed with them") though no time was ever agreed. Only
"time agreed" books a talk: a day before it is refused, so is a day more than a year
ahead, and a day an earlier version let through books nothing.
"""

import datetime as dt
import json

import pytest

from tests.test_trust11_followups import answers
from workbook.cli import followups as fu
from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.store.records import now_stamp
from workbook.session.tracker import JOURNAL, Tracker
from workbook.session.widgets import ConversationsPage

D = dt.date
TODAY = D(2026, 12, 7)


def listed_only():
    book = model.Book()
    model.apply(book, model.add_op("Lena Ortiz", org="City Libraries", person_id="lena",
                                   today=TODAY, now=TODAY))
    return book


def test_a_day_for_a_talk_no_one_agreed_is_refused():
    book = listed_only()
    with pytest.raises(model.ConversationError, match="mark “time agreed” first"):
        model.edit_op(book, "lena", meeting=D(2026, 12, 9), today=TODAY)
    model.apply(book, model.step_op(book, "lena", "sent", TODAY, today=TODAY))
    with pytest.raises(model.ConversationError, match="mark “time agreed” first"):
        model.edit_op(book, "lena", meeting=D(2026, 12, 9), today=TODAY)
    model.edit_op(book, "lena", meeting="", today=TODAY)  # clearing a day is always taken
    model.apply(book, model.step_op(book, "lena", "arranged", TODAY, today=TODAY))
    model.apply(book, model.edit_op(book, "lena", meeting=D(2026, 12, 9), today=TODAY))
    assert book.people["lena"].meeting == "2026-12-09"


def test_a_day_more_than_a_year_ahead_is_refused():
    book = listed_only()
    model.apply(book, model.step_op(book, "lena", "arranged", TODAY, today=TODAY))
    with pytest.raises(model.ConversationError,
                       match="Conversation set for Fri 31 Dec 9999: that is more than a year"):
        model.edit_op(book, "lena", meeting=D(9999, 12, 31), today=TODAY)
    with pytest.raises(model.ConversationError, match="more than a year"):
        model.edit_op(book, "lena", meeting=D(2027, 12, 8), today=TODAY)
    model.apply(book, model.edit_op(book, "lena", meeting=D(2027, 12, 7), today=TODAY))
    assert book.people["lena"].meeting == "2027-12-07"  # a year to the day: taken


def old_record(tmp_path):
    """A not-now client whose list an earlier version let hold a day with no time agreed."""
    store = ClientStore(tmp_path)
    store.save("Kim Ray", answers(low=("energy",)), session="2026-11-20")  # not now
    tracker = Tracker(store, "Kim Ray")
    tracker.change(model.add_op("Lena Ortiz", org="City Libraries", person_id="lena",
                                today=TODAY, now=TODAY))
    line = {"at": now_stamp(), "client_id": "Kim Ray", "op": "edit",
            "id": "lena", "fields": {"meeting": "9999-12-31"}}
    with open(store.client_folder("Kim Ray") / JOURNAL, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
    return store


def test_a_day_with_no_time_agreed_books_nothing_anywhere(tmp_path):
    store = old_record(tmp_path)
    book = Tracker(store, "Kim Ray").read()
    assert book.people["lena"].meeting == "9999-12-31"  # the record is kept as it is
    assert model.due(book, model.Cadence()) == []  # no talk, no promise
    found = fu.followups(tmp_path, today=TODAY)
    assert found.items == []
    page = ConversationsPage(store, "Kim Ray", today=TODAY)
    assert "9999" not in page.due_box.value and "Lena" not in page.due_box.value
    model.remove_op(book, "lena")  # "Take off the list" is not refused
    page.choose("lena")
    assert page.remove(person_id="lena") is True
    assert "lena" not in Tracker(store, "Kim Ray").read().people
