"""Issue 20 (N6): a later step counts the earlier ones it needs, in the counts and the export.

A person marked "thanks sent" with no talk marked was still talked to, and a reply, a time
agreed or a talk means a note went out: the counts say so, from the earliest such day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

D = dt.date
TODAY = D(2026, 11, 30)


def _steps(tracker):
    """Six people; days in Nov 2026. Listed day, then the steps marked (only those)."""
    plan = [
        ("G", 20, [("sent", 22), ("held", 28), ("thanked", 29)]),  # every step, in order
        ("H", 20, [("arranged", 24), ("held", 26), ("thanked", 27)]),  # no "note sent"
        ("I", 20, []),                                                  # listed only
        ("J", 20, [("sent", 21), ("thanked", 23), ("held", 29)]),     # thanks dated first
        ("E", 25, [("thanked", 30)]),                                   # thanks alone
        ("F", 25, [("reply", 30)]),                                     # a reply alone
    ]
    book = None
    for name, listed, steps in plan:
        pid = name.lower()
        book = tracker.change(model.add_op(name, person_id=pid, today=D(2026, 11, listed)))
        for step, day in steps:
            book = tracker.change(model.step_op(book, pid, step, D(2026, 11, day), today=TODAY,
                                                     confirmed=True))
    return book


@pytest.fixture
def store(tmp_path):
    st = ClientStore(tmp_path / "ws")
    st.save("K", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-20")
    st.save("K", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-26")
    _steps(Tracker(st, "K"))
    return st


# (day, listed, sent, held), by hand:
#  sent: J 21, G 22, H 24 (time agreed), E 30 (thanks), F 30 (reply)
#  held: J 23 (thanks before the talk), H 26, G 28, E 30 (thanks alone); F never
@pytest.mark.parametrize("day, listed, sent, held", [
    (D(2026, 11, 19), 0, 0, 0),
    (D(2026, 11, 21), 4, 1, 0),
    (D(2026, 11, 23), 4, 2, 1),
    (D(2026, 11, 24), 4, 3, 1),
    (D(2026, 11, 25), 6, 3, 1),
    (D(2026, 11, 26), 6, 3, 2),
    (D(2026, 11, 28), 6, 3, 3),
    (D(2026, 11, 30), 6, 5, 4),
    (None, 6, 5, 4),
])
def test_counts_take_a_later_step_for_the_earlier_ones(store, day, listed, sent, held):
    book = Tracker(store, "K").read()
    assert book.counts(on=day) == {"people_listed": listed, "notes_sent": sent,
                                   "conversations_held": held, "places_listed": 0,
                                   "places_with_contact": 0}  # no places here (issue 21)


def test_export_rows_count_thanks_and_replies_alone(store):
    table = responses(store, today=TODAY)
    got = [(r["date"], r["people_listed"], r["notes_sent"], r["conversations_held"])
           for r in table.to_dict("records")]
    # the 20 Nov session counts up to 25 Nov (the day before the next), the 26 Nov one to today
    assert got == [("2026-11-20", 6, 3, 1), ("2026-11-26", 6, 5, 4)]


def test_the_reproduction_of_the_issue(tmp_path):
    """Thanks alone and a reply alone: 2 listed, 2 sent, 1 held (was 2, 0, 0)."""
    st = ClientStore(tmp_path / "ws")
    st.save("K", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-20")
    t = Tracker(st, "K")
    b = t.change(model.add_op("E", person_id="e", today=D(2026, 11, 25)))
    b = t.change(model.step_op(b, "e", "thanked", D(2026, 11, 30), today=TODAY, confirmed=True))
    b = t.change(model.add_op("F", person_id="f", today=D(2026, 11, 25)))
    t.change(model.step_op(b, "f", "reply", D(2026, 11, 30), today=TODAY, confirmed=True))
    row = responses(st, today=TODAY).to_dict("records")[0]
    assert (row["people_listed"], row["notes_sent"], row["conversations_held"]) == (2, 2, 1)
