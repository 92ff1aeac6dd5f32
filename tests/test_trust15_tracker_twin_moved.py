"""Round 10b L1: one person added on two laptops, then moved on one, is one person.

Laptop 1 added "Hana Ito" at City Library and heard back; laptop 2 added her there too,
sent a note and then moved her to Harbour Trust. A sync kept the lines of both records:
she was listed twice with no word (people_listed one too high, a nudge for someone who
replied). Twins are judged by the name and the place they were added at: she is one
person again, and the notice names the place the other copy had.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date


def synced(tmp_path, second):
    laptops = Laptops(tmp_path, model.add_op("Existing", person_id="ex",
                                             today=D(2026, 11, 1), now=D(2026, 12, 7)))
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.change(model.add_op("Hana Ito", org="City Library", person_id="h1",
                                    today=D(2026, 11, 17), now=D(2026, 12, 7)))
    book = mine.change(model.step_op(book, "h1", "sent", D(2026, 11, 18),
                                     today=D(2026, 11, 18)))
    mine.change(model.step_op(book, "h1", "reply", D(2026, 11, 22), today=D(2026, 11, 22)))
    book = theirs.change(model.add_op("Hana Ito", org="City Library", person_id="h2",
                                      today=D(2026, 11, 17), now=D(2026, 12, 7)))
    book = theirs.change(model.step_op(book, "h2", "sent", D(2026, 11, 18),
                                       today=D(2026, 11, 18)))
    second(theirs, book)
    laptops.union()
    return laptops.one


def moved(tracker, book):
    tracker.change(model.edit_op(book, "h2", org="Harbour Trust"))


def read(store):
    book, _, said = read_with_notices(store)
    return book, said


def test_moved_on_one_copy_is_one_person_and_the_other_place_named(tmp_path):
    store = synced(tmp_path, moved)
    book, said = read(store)
    assert sorted(book.people) == ["ex", "h1"]
    hana = book.people["h1"]
    assert hana.steps == {"noted": "2026-11-17", "sent": "2026-11-18", "reply": "2026-11-22"}
    assert book.counts()["people_listed"] == 2 and book.counts()["notes_sent"] == 1
    assert len(said) == 1, said
    assert "listed Hana Ito (City Library) twice" in said[0]
    assert "Hana Ito's place on the other copy (Harbour Trust; Hana Ito is at City " \
           "Library)" in said[0]
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, said = read(store)  # the record alone: the same list, no word
    assert sorted(alone.people) == ["ex", "h1"] and said == []


def test_someone_added_at_a_place_after_the_other_left_it_is_someone_else():
    book = model.Book()
    model.apply(book, model.add_op("Hana Ito", org="City Library", person_id="h1",
                                   today=D(2026, 11, 1), now=D(2026, 11, 1)))
    model.apply(book, {**model.edit_op(book, "h1", org="Harbour Trust"), "date": "2026-11-05"})
    model.apply(book, model.add_op("Hana Ito", org="City Library", person_id="h3",
                                   today=D(2026, 11, 9), now=D(2026, 11, 9)))
    assert model.twins(book) == []
