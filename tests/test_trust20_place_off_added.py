"""Round 14a V7: a place taken off on laptop 1 while laptop 2 added a new person at it.

With laptop 1's lines first the add listed the place again, with the people it had (Ana)
back at it, and nothing was said; with laptop 2's lines first the place stayed off and the
notice called the add a move. Now both orders give one list, as for a move to it (round 13a
R1): the place stays off, Cy is at no place with its name as where he works, and a notice
names him as added at it.
"""

import datetime as dt
import shutil

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def laptops_with_the_add(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    mine = laptops.mine
    book = mine.change(model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                    today=D(2026, 11, 5), now=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    library = next(p.id for p in book.places.values() if p.name == "City Library")
    mine.change(model.remove_place_op(mine.read(), library, today=D(2026, 12, 6)))
    theirs = type(mine)(laptops.two, "m")
    theirs.change(model.add_op("Cy New", org="City Library", person_id="cy",
                               today=D(2026, 12, 7), now=NOW, book=theirs.read()))
    return laptops


def checked(store):
    book, _, said = read_with_notices(store)
    assert [p.name for p in book.places.values()] == ["Dock Co"]
    cy, ana = book.people["cy"], book.people["ana"]
    assert (cy.place, cy.org) == ("", "City Library")
    assert (ana.place, ana.org) == ("", "City Library")
    told = [s for s in said if "Cy New" in s]
    assert len(told) == 1, said
    assert "added" in told[0] or "adds" in told[0], told[0]
    assert "City Library" in told[0] and "no place" in told[0], told[0]
    assert book.counts() == {"people_listed": 3, "notes_sent": 0, "conversations_held": 0,
                             "places_listed": 1, "places_with_contact": 1}
    again, _, said = read_with_notices(store)
    assert said == [] and again.people["cy"].org == "City Library"
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(store)
    assert (alone.people["cy"].place, alone.people["cy"].org) == ("", "City Library")
    assert [p.name for p in alone.places.values()] == ["Dock Co"]
    return book


def test_an_add_at_a_place_the_other_laptop_took_off_is_named(tmp_path):
    laptops = laptops_with_the_add(tmp_path / "ab")
    laptops.union()  # the removal, then the add
    first = checked(laptops.one)
    other = laptops_with_the_add(tmp_path / "ba")
    swap(other)  # the add, then the removal
    then = checked(other.one)
    assert first.people["cy"].places == then.people["cy"].places \
        == [["2026-12-07", first.people["cy"].places[0][1]], ["2026-12-07", ""]]
    assert [(f.id, f.added, f.removed, f.contact) for f in first.former_places] \
        == [(f.id, f.added, f.removed, f.contact) for f in then.former_places]
    for day in (D(2026, 12, 6), D(2026, 12, 7)):
        assert first.counts(on=day) == then.counts(on=day)
