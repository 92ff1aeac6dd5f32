"""Round 11a M5: a place taken off and listed again by adding someone at it.

Org Two was taken off the list (its people left at no place, keeping its name as where
they work), then someone was added at Org Two, through the Tracker API or on another
laptop whose lines a sync kept. The place was listed again but its old people were not
put back at it, and an earlier session's places_with_contact dropped (1 -> 0): an action
taken today rewrote a past count. README: "A place taken off and listed again has its
people with it again, from that day"; moving someone never changes an earlier session's
counts. Now its people are at it again from that day, and no earlier count changes.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import SNAPSHOT, Tracker

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
TODAY = D(2026, 12, 7)
BEFORE = D(2026, 11, 29)  # a day of an earlier session's row


def counts(book, on=None):
    return tuple(book.counts(on).values())


def at_org_two(book):
    """The people at the one place named Org Two (the place must be listed, once)."""
    (place,) = [p for p in book.places.values() if p.name == "Org Two"]
    return sorted(p.id for p in book.people.values() if p.place == place.id)


def test_listed_again_by_an_add_puts_its_people_back_and_keeps_past_counts(tmp_path):
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "m")
    # P2 listed today at Org Two, with a note sent on an earlier day (as the attack did)
    book = tracker.change(model.add_op("P Two", org="Org Two", person_id="p2", today=TODAY,
                                       now=TODAY))
    book = tracker.change(model.step_op(book, "p2", "sent", D(2026, 11, 10), today=TODAY))
    # hand count on 29 Nov: P2 (listed 10 Nov by the note), the note, Org Two with P2
    assert counts(book, BEFORE) == (1, 1, 0, 1, 1)
    (org,) = book.places
    book = tracker.change(model.remove_place_op(book, org, today=TODAY))
    assert counts(book, BEFORE) == (1, 1, 0, 1, 1)
    book = tracker.change(model.add_op("Vera Nye", org="Org Two", person_id="vn",
                                       today=TODAY, now=TODAY, book=book))
    assert at_org_two(book) == ["p2", "vn"]
    assert book.people["p2"].org == "Org Two"
    assert counts(book, BEFORE) == (1, 1, 0, 1, 1)  # unchanged by today's add
    assert counts(book) == (2, 1, 0, 1, 1)  # today: two people, one place with them
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(store)  # the record alone: the same list
    assert at_org_two(alone) == ["p2", "vn"] and said == []
    assert counts(alone, BEFORE) == (1, 1, 0, 1, 1) and counts(alone) == (2, 1, 0, 1, 1)


def test_listed_weeks_ago_taken_off_and_listed_again_by_a_move(tmp_path):
    book = model.Book()
    model.apply(book, model.add_op("Kai Moe", org="Dock Co", person_id="k",
                                   today=D(2026, 11, 5), now=TODAY))
    model.apply(book, model.add_op("Lia Fenn", person_id="l", today=D(2026, 11, 5),
                                   now=TODAY))
    (dock,) = book.places
    model.apply(book, model.remove_place_op(book, dock, today=D(2026, 12, 1)))
    assert book.people["k"].place == "" and book.people["k"].org == "Dock Co"
    model.apply(book, model.move_op(book, "l", name="Dock Co", today=TODAY))
    place = model.find_place(book, "Dock Co")
    assert book.people["k"].place == place.id and book.people["l"].place == place.id
    assert book.people["k"].places[-1] == ["2026-12-07", place.id]
    # 20 Nov: Dock Co listed, Kai at it; 3 Dec: taken off, no place listed; today: again
    assert counts(book, D(2026, 11, 20)) == (2, 0, 0, 1, 1)
    assert counts(book, D(2026, 12, 3)) == (2, 0, 0, 0, 0)
    assert counts(book) == (2, 0, 0, 1, 1)


def test_taken_off_on_one_laptop_someone_added_there_on_the_other(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("P Two", org="Org Two", person_id="p2",
                                             today=D(2026, 10, 5), now=TODAY))
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.read()
    (org,) = book.places
    mine.change(model.remove_place_op(book, org, today=TODAY))
    theirs.change(model.add_op("Vera Nye", org="Org Two", person_id="vn", today=TODAY,
                               now=TODAY, book=theirs.read()))
    laptops.union()
    book, _, said = read_with_notices(laptops.one)
    # round 14a V7: the add was made on a copy that still listed Org Two, so (as for a move
    # to it, round 13a R1, and in the other order of the lines) Org Two stays off, Vera is
    # at no place with its name as where she works, and the notice names her
    assert not book.places and [(p.place, p.org) for p in book.people.values()] \
        == [("", "Org Two"), ("", "Org Two")]
    assert any("Vera Nye" in s and "no place" in s for s in said), said
    assert counts(book, BEFORE) == (1, 0, 0, 1, 1)  # as before the take-off
    assert counts(book) == (2, 0, 0, 0, 0)
    (laptops.one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(laptops.one)
    assert not alone.places and alone.people["vn"].org == "Org Two"
    assert counts(alone, BEFORE) == (1, 0, 0, 1, 1) and counts(alone) == (2, 0, 0, 0, 0)
