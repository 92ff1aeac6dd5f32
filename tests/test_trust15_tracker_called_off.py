"""Round 10b L9: a talk called off and agreed again does not bring the old day back.

Taking back "time agreed" (Undo) calls the talk off; when a time was agreed again, the
called-off talk's day came back as the new talk's (three days before the new agreement,
"did it go ahead?"). Now taking back "time agreed" clears the day: the new talk is
"talk agreed, no day set yet" until a day is set.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import SNAPSHOT, Tracker

D = dt.date


def test_taking_back_time_agreed_clears_the_day(tmp_path):
    store = ClientStore(tmp_path / "w")
    tracker = Tracker(store, "m")
    book = tracker.change(model.add_op("Bo Chen", person_id="bo", today=D(2026, 11, 1),
                                       now=D(2026, 11, 1)))
    for step, day in (("sent", 2), ("reply", 5), ("arranged", 9)):
        book = tracker.change(model.step_op(book, "bo", step, D(2026, 11, day),
                                            today=D(2026, 11, day)))
    book = tracker.change(model.edit_op(book, "bo", meeting="2026-12-04"))
    assert book.people["bo"].meeting == "2026-12-04"
    book = tracker.change(model.undo_op(book, "bo"))
    assert book.people["bo"].meeting == ""
    book = tracker.change(model.step_op(book, "bo", "arranged", D(2026, 12, 7),
                                        today=D(2026, 12, 7)))
    assert book.people["bo"].meeting == ""
    assert book.people["bo"].stage == "arranged"
    (store.client_folder("m") / SNAPSHOT).unlink()
    assert Tracker(store, "m").read().people["bo"].meeting == ""  # the record alone too
