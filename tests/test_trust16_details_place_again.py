"""Round 10b L5, what its fix left: Change details naming a place taken off the list.

City Parks is taken off the list: Ed Fox and Flo Gus stay, at no place, each keeping "City
Parks" as where they work. Typing "City Parks" (or "city parks") as where Ed works in
Change details saved nothing about his place: he stayed at no place and City Parks stayed
off the list, while every screen showed him "(City Parks)". Now it lists City Parks again
with him at it from that day, and Flo too (as an add or a move listing it again does since
round 11 M5); no earlier session's counts change.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

D = dt.date
ADDED, SENT, OFF, TODAY = D(2026, 11, 2), D(2026, 11, 5), D(2026, 12, 1), D(2026, 12, 7)
BEFORE, BETWEEN = D(2026, 11, 10), D(2026, 12, 3)


def taken_off(tmp_path):
    tracker = Tracker(ClientStore(tmp_path / "w"), "rd")
    book = model.Book()
    for pid, name, org in (("ed", "Ed Fox", "City Parks"), ("flo", "Flo Gus", "City Parks"),
                           ("gil", "Gil Hu", "Rail Lab")):
        book = tracker.change(model.add_op(name, org=org, person_id=pid, today=ADDED,
                                           now=TODAY, book=book))
    book = tracker.change(model.step_op(book, "ed", "sent", SENT, today=SENT))
    parks = book.people["ed"].place
    book = tracker.change(model.remove_place_op(book, parks, today=OFF))
    return tracker, book


def counts(people, sent, places, contact):
    return {"people_listed": people, "notes_sent": sent, "conversations_held": 0,
            "places_listed": places, "places_with_contact": contact}


@pytest.mark.parametrize("typed", ["City Parks", "  city parks "])
def test_change_details_lists_the_place_taken_off_again(tmp_path, typed):
    tracker, book = taken_off(tmp_path)
    # hand count: 11-10 both places listed, each with someone at it; 12-03 City Parks off
    # the list (from 12-01): Rail Lab alone, Gil at it; Ed and Flo at no place
    earlier = {BEFORE: counts(3, 1, 2, 2), BETWEEN: counts(3, 1, 1, 1)}
    assert {day: book.counts(day) for day in earlier} == earlier
    assert (book.people["ed"].place, book.people["ed"].org) == ("", "City Parks")
    book = tracker.change(model.edit_op(book, "ed", org=typed, today=TODAY))
    book = tracker.read()
    parks = model.find_place(book, "City Parks")
    assert parks is not None and parks.name == "City Parks" and parks.added == "2026-12-07"
    assert [p.name for p in book.places.values()] == ["Rail Lab", "City Parks"]
    assert sorted(p.id for p in model.people_at(book, parks.id)) == ["ed", "flo"]
    assert book.people["ed"].org == book.people["flo"].org == "City Parks"
    assert book.people["ed"].place_on(TODAY) == parks.id
    assert book.people["ed"].place_on(BETWEEN) == ""
    # now: City Parks listed again with Ed and Flo at it; Rail Lab with Gil
    assert book.counts() == counts(3, 1, 2, 2)
    assert book.counts(TODAY) == counts(3, 1, 2, 2)
    # the earlier sessions' counts unchanged
    assert {day: book.counts(day) for day in earlier} == earlier


def test_the_same_org_for_someone_at_a_listed_place_or_moved_off_changes_nothing(tmp_path):
    tracker, book = taken_off(tmp_path)
    op = model.edit_op(book, "gil", org="rail lab", today=TODAY)
    assert "place" not in op  # at Rail Lab already: nothing to move
    # moved to no place on purpose while Rail Lab is listed: typing it again keeps that
    book = tracker.change(model.move_op(book, "gil", "", today=TODAY))
    assert "place" not in model.edit_op(book, "gil", org="Rail Lab", today=TODAY)
