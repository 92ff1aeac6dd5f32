"""Round 13a R1: a place taken off on laptop 1 while laptop 2 moved someone to it.

After a union merge Ben was at no place (every count put him at none) while his card kept
his old place's name (Dock Co), and nothing was said. Now the place stays off, as the
README has it for a place changed on the other laptop, Ben is at no place with the place's
name as where he works (as the people of a place taken off are), and the notice names his
move, in either order of the lines.
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


def laptops_with_the_move(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.change(model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                    today=D(2026, 11, 5), now=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())

    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    library = next(p.id for p in book.places.values() if p.name == "City Library")
    mine.change(model.remove_place_op(mine.read(), library, today=D(2026, 12, 6)))
    theirs = type(theirs)(laptops.two, "m")
    theirs.change(model.move_op(theirs.read(), "ben", name="City Library",
                                today=D(2026, 12, 7)))
    return laptops


def checked(store):
    book, _, said = read_with_notices(store)
    ben = book.people["ben"]
    assert [p.name for p in book.places.values()] == ["Dock Co"]
    assert ben.place == "" and ben.org == "City Library", (ben.place, ben.org)
    told = [s for s in said if "Ben Cho" in s]
    assert len(told) == 1, said
    assert "City Library" in told[0] and "off the list" in told[0], told[0]
    assert "no place" in told[0], told[0]
    again, _, said = read_with_notices(store)
    assert said == [] and again.people["ben"].org == "City Library"
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(store)
    assert (alone.people["ben"].place, alone.people["ben"].org) == ("", "City Library")


def test_a_move_to_a_place_the_other_laptop_took_off_is_named(tmp_path):
    laptops = laptops_with_the_move(tmp_path)
    laptops.union()  # the removal, then the move
    checked(laptops.one)


def test_the_same_with_the_move_first_in_the_file(tmp_path):
    laptops = laptops_with_the_move(tmp_path)
    swap(laptops)
    checked(laptops.one)
