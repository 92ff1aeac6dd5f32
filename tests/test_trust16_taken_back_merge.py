"""A step taken back on one laptop while the other recorded it (a sync keeping both files' lines).

The random search (tests/test_trust16_union_fuzz.py) found it after round 11a M1's fixes:
laptop 2 marked Ann's note drafted and took it back (a slip); laptop 1 marked it drafted,
the same day. Laptop 2's lines, after laptop 1's, took back the step laptop 1 recorded, and
nothing named Ann. A line taking a step back now says the day it took back (``was``, as a
step's line does); the list holding another day, or the step recorded on both copies, keeps
it, and the coach is told by name.
"""

import datetime as dt

from workbook.core.conversations import model

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def ann():
    return model.add_op("Ann Lee", org="City Library", person_id="a", today=D(2026, 12, 1),
                        now=NOW)


def test_a_step_both_laptops_recorded_and_one_took_back_is_kept(tmp_path):
    laptops = Laptops(tmp_path, ann())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    theirs.change(model.step_op(theirs.read(), "a", "drafted", D(2026, 12, 6), today=NOW))
    theirs.change(model.undo_op(theirs.read(), "a"))
    mine.change(model.step_op(mine.read(), "a", "drafted", D(2026, 12, 6), today=NOW))
    laptops.union()  # laptop 1's step, then laptop 2's step and its taking back
    book, _, said = read_with_notices(one)
    assert book.people["a"].steps == {"noted": "2026-12-01", "drafted": "2026-12-06"}
    told = [s for s in said if "Ann Lee" in s]
    assert len(told) == 1, said
    assert "takes back Ann Lee's" in told[0] and "(2026-12-06)" in told[0], told[0]


def test_a_step_recorded_again_on_one_laptop_taken_back_on_the_other_is_kept(tmp_path):
    laptops = Laptops(tmp_path, ann())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.step_op(mine.read(), "a", "drafted", D(2026, 12, 2), today=NOW))
    laptops.start = len(laptops.record(one).read_bytes())  # copied with the step
    laptops.record(laptops.two).write_bytes(laptops.record(one).read_bytes())
    mine.change(model.step_op(mine.read(), "a", "drafted", D(2026, 12, 3), today=NOW,
                                confirmed=True))
    theirs.change(model.undo_op(theirs.read(), "a"))  # the 2 December one taken back
    laptops.union()
    book, _, said = read_with_notices(one)
    assert book.people["a"].steps["drafted"] == "2026-12-03"
    told = [s for s in said if "Ann Lee" in s]
    assert len(told) == 1 and "(2026-12-03)" in told[0], said


def test_a_step_taken_back_on_one_laptop_alone_goes_without_a_word(tmp_path):
    laptops = Laptops(tmp_path, ann())
    one, mine = laptops.one, laptops.mine
    mine.change(model.step_op(mine.read(), "a", "drafted", D(2026, 12, 6), today=NOW))
    mine.change(model.undo_op(mine.read(), "a"))
    (one.client_folder("m") / "conversations.json").unlink()
    book, _, said = read_with_notices(one)
    assert book.people["a"].steps == {"noted": "2026-12-01"} and said == []
