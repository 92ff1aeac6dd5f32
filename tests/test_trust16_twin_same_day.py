"""Round 11a M4: one person added on two laptops, one copy moved ON THE DAY it was added.

Laptop 1 added "Hana Ito" at City Library and corrected her place straight away (moved to
Rail Lab the same day); laptop 2 added her at City Library and sent a note. A sync kept
both records' lines: she was listed twice, with no word (a same-day move replaced the
place history's only entry, so the place she was added at was forgotten, and so was the
one thing that makes the two copies one person). Now the place a person was added at is
kept by a same-day move: she is one person, with the notice naming the other copy's place.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
DAY = D(2026, 11, 17)


def synced(tmp_path, second_moves_to=None):
    laptops = Laptops(tmp_path, model.add_op("Existing", person_id="ex",
                                             today=D(2026, 11, 1), now=D(2026, 12, 7)))
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.change(model.add_op("Hana Ito", org="City Library", person_id="h1",
                                    today=DAY, now=D(2026, 12, 7)))
    mine.change(model.move_op(book, "h1", name="Rail Lab", today=DAY))
    book = theirs.change(model.add_op("Hana Ito", org="City Library", person_id="h2",
                                      today=DAY, now=D(2026, 12, 7)))
    book = theirs.change(model.step_op(book, "h2", "sent", D(2026, 11, 18),
                                       today=D(2026, 11, 18)))
    if second_moves_to:
        theirs.change(model.move_op(book, "h2", name=second_moves_to, today=DAY))
    laptops.union()
    return laptops.one


def test_moved_the_day_she_was_added_is_still_one_person(tmp_path):
    store = synced(tmp_path)
    book, _, said = read_with_notices(store)
    assert sorted(book.people) == ["ex", "h1"]
    hana = book.people["h1"]
    assert hana.steps == {"noted": "2026-11-17", "sent": "2026-11-18"}
    assert hana.org == "Rail Lab"
    # hand count: Existing and Hana; Hana's note; City Library and Rail Lab listed, Hana at
    # Rail Lab the only contact
    assert book.counts() == {"people_listed": 2, "notes_sent": 1, "conversations_held": 0,
                             "places_listed": 2, "places_with_contact": 1}
    assert len(said) == 1, said
    assert "Hana Ito's place on the other copy (City Library; Hana Ito is at Rail Lab)" \
        in said[0]
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(store)  # the record alone: the same list, no word
    assert sorted(alone.people) == ["ex", "h1"] and said == []


def test_both_copies_moved_the_day_they_were_added_is_one_person(tmp_path):
    store = synced(tmp_path, second_moves_to="Sun Press")
    book, _, said = read_with_notices(store)
    assert sorted(book.people) == ["ex", "h1"]
    assert book.counts()["people_listed"] == 2 and book.counts()["notes_sent"] == 1
    assert len(said) == 1 and "Hana Ito's place on the other copy (Sun Press" in said[0]


def test_the_place_added_at_is_kept_by_a_same_day_move_and_counts_do_not_change():
    book = model.Book()
    model.apply(book, model.add_op("Hana Ito", org="City Library", person_id="h1",
                                   today=DAY, now=DAY))
    library = book.people["h1"].place
    model.apply(book, model.move_op(book, "h1", name="Rail Lab", today=DAY))
    rail = book.people["h1"].place
    assert book.people["h1"].places == [["2026-11-17", library], ["2026-11-17", rail]]
    assert book.people["h1"].place_on(DAY) == rail
    # a step dated before the listing moves the listed day back: before her history's
    # first day she was at its first place; one place listed, with a contact, as before
    model.apply(book, model.step_op(book, "h1", "sent", D(2026, 11, 10), today=DAY))
    assert book.people["h1"].place_on(D(2026, 11, 12)) == library
    assert book.counts(D(2026, 11, 12)) == {
        "people_listed": 1, "notes_sent": 1, "conversations_held": 0, "places_listed": 1,
        "places_with_contact": 1}
    # moved back where she was added, the same day: one entry again
    model.apply(book, model.move_op(book, "h1", library, today=DAY))
    assert book.people["h1"].places == [["2026-11-17", library]]
    # added with no place and put at one the same day: the empty entry is replaced
    model.apply(book, model.add_op("Kim Bo", person_id="k", today=DAY, now=DAY))
    model.apply(book, model.move_op(book, "k", rail, today=DAY))
    assert book.people["k"].places == [["2026-11-17", rail]]


def test_someone_added_anew_the_day_after_the_other_left_is_someone_else():
    book = model.Book()
    model.apply(book, model.add_op("Hana Ito", org="City Library", person_id="h1",
                                   today=DAY, now=DAY))
    model.apply(book, model.move_op(book, "h1", name="Rail Lab", today=DAY))
    model.apply(book, model.add_op("Hana Ito", org="City Library", person_id="h3",
                                   today=D(2026, 11, 18), now=D(2026, 11, 18)))
    assert model.twins(book) == []
