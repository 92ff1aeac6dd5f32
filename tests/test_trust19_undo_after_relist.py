"""Round 13b S6: an Undo of a step recorded on an earlier day, after the person's place was
taken off and listed again, left the old place counted on the earlier day (an earlier
session's places_listed one too many). The Undo moves the listed day forward; the place,
listed that day, no longer counts before it."""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import SNAPSHOT, Tracker

from .laptops import read as read_with_notices

D = dt.date
TODAY = D(2026, 12, 7)
EARLIER = D(2026, 12, 1)
BEFORE = D(2026, 12, 6)  # the day before the next session: the earlier session's row


def counts(book, on=None):
    return tuple(book.counts(on).values())


def test_undo_after_the_place_was_taken_off_and_listed_again(tmp_path):
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "m")
    book = tracker.change(model.add_op("Nia North", org="North Co", person_id="n",
                                       today=D(2026, 11, 20), now=TODAY))
    # by hand on Dec 6: Nia listed, North Co listed with her
    assert counts(book, BEFORE) == (1, 0, 0, 1, 1)
    book = tracker.change(model.add_op("Zoe Edge", org="Edge Co", person_id="z",
                                       today=TODAY, now=TODAY, book=book))
    book = tracker.change(model.step_op(book, "z", "sent", EARLIER, today=TODAY))
    assert book.people["z"].added == "2026-12-01"
    assert counts(book, BEFORE) == (2, 1, 0, 2, 2)  # Zoe from Dec 1, at Edge Co
    edge = book.people["z"].place
    book = tracker.change(model.remove_place_op(book, edge, today=TODAY))
    book = tracker.change(model.add_place_op(book, "Edge Co", today=TODAY, now=TODAY))
    assert model.place_name(book, book.people["z"]) == "Edge Co"  # with it again
    assert counts(book, BEFORE) == (2, 1, 0, 2, 2)  # unchanged by today's take-off and relist
    book = tracker.change(model.undo_op(book, "z"))
    assert book.people["z"].added == "2026-12-07"
    # by hand on Dec 6: Nia at North Co only; Zoe and Edge Co were listed on Dec 7
    assert counts(book, BEFORE) == (1, 0, 0, 1, 1)
    assert counts(book) == (2, 0, 0, 2, 2)
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(store)  # the record alone: the same counts
    assert said == []
    assert counts(alone, BEFORE) == (1, 0, 0, 1, 1) and counts(alone) == (2, 0, 0, 2, 2)


def test_a_place_listed_before_its_person_still_counts_when_taken_off(tmp_path):
    """The place's own listed day is kept: listed Nov 20, its person added Dec 1 then taken
    off with the place on Dec 7: the place counts from Nov 20 to Dec 6."""
    book = model.Book()
    model.apply(book, model.add_place_op(book, "Old Co", place_id="o", today=D(2026, 11, 20),
                                         now=TODAY))
    model.apply(book, model.add_op("Ola Old", place="o", person_id="p", today=EARLIER,
                                   now=TODAY, book=book))
    model.apply(book, model.remove_place_op(book, "o", today=TODAY))
    assert book.counts(D(2026, 11, 25))["places_listed"] == 1
    assert book.counts(D(2026, 11, 25))["places_with_contact"] == 0
    assert book.counts(BEFORE)["places_with_contact"] == 1
    assert book.counts(TODAY)["places_listed"] == 0
