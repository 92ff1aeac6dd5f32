"""Round 10b L5: a place taken off and listed again has its people with it again.

Ed and Flo worked at City Parks; the place was taken off (they stay, "City Parks" kept as
where they work) and listed again. Their cards still said "(City Parks)" while the place
said "no one on your list yet" and places_with_contact left it out, and Change details
could not put them back. Now the place listed again is theirs again, from that day.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import SNAPSHOT, Tracker

D = dt.date


def test_people_of_a_place_taken_off_are_at_it_when_it_is_listed_again(tmp_path):
    store = ClientStore(tmp_path / "w")
    tracker = Tracker(store, "m")
    book = tracker.change(model.add_op("Ed Fox", org="City Parks", person_id="ed",
                                       today=D(2026, 11, 2), now=D(2026, 11, 2)))
    book = tracker.change(model.step_op(book, "ed", "sent", D(2026, 11, 3),
                                        today=D(2026, 11, 3)))
    (parks,) = book.places
    book = tracker.change(model.remove_place_op(book, parks, today=D(2026, 11, 10)))
    assert book.people["ed"].place == "" and book.counts()["places_with_contact"] == 0
    book = tracker.change(model.add_place_op(book, "city parks", today=D(2026, 11, 20)))
    (again,) = book.places
    assert book.people["ed"].place == again
    assert book.people["ed"].org == "city parks"
    assert [p.id for p in model.people_at(book, again)] == ["ed"]
    assert book.counts()["places_with_contact"] == 1
    assert book.counts(on=D(2026, 11, 15))["places_with_contact"] == 0  # not before
    (store.client_folder("m") / SNAPSHOT).unlink()
    assert Tracker(store, "m").read().people["ed"].place == again  # the record alone
