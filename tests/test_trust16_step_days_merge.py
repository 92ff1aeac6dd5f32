"""Round 11a M11: one step recorded on two laptops with two days, joined by a sync.

"Reply came" was recorded on 1 Dec on laptop 1 and on 3 Dec on laptop 2; a sync keeping
both files' lines kept the later line's day and dropped the other without a word, while two
copies of one person folded kept the earlier day, also without a word. Now both keep the
earlier day and the other day is named (as a talk's other day is): a step line says the day
it was written over (``was``), so a line finding another day there knows the other copy
recorded it meanwhile.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def di():
    return model.add_op("Di Eng", person_id="di", today=D(2026, 11, 1), now=NOW)


@pytest.mark.parametrize("first, second", [(1, 3), (3, 1)])
def test_a_step_recorded_on_both_copies_keeps_the_earlier_day_and_names_the_other(
        tmp_path, first, second):
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.step_op(mine.read(), "di", "reply", D(2026, 12, first), today=NOW))
    theirs.change(model.step_op(theirs.read(), "di", "reply", D(2026, 12, second), today=NOW))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert book.people["di"].steps["reply"] == "2026-12-01"
    told = [s for s in said if "2026-12-03" in s]
    assert len(told) == 1, said
    assert "Di Eng" in told[0] and "the earlier day, 2026-12-01, was kept" in told[0]
    again, _, said = read_with_notices(one)
    assert again.people["di"].steps["reply"] == "2026-12-01" and said == []
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(one)  # the record alone: the same day
    assert alone.people["di"].steps["reply"] == "2026-12-01"


def test_a_day_changed_on_one_laptop_alone_is_no_clash(tmp_path):
    """A confirmed new day on one laptop (the other did nothing): that day, no word."""
    laptops = Laptops(tmp_path, di())
    one, mine = laptops.one, laptops.mine
    mine.change(model.step_op(mine.read(), "di", "reply", D(2026, 12, 1), today=NOW))
    mine.change(model.step_op(mine.read(), "di", "reply", D(2026, 12, 3), today=NOW,
                              confirmed=True))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert book.people["di"].steps["reply"] == "2026-12-03" and said == []


def test_two_copies_folded_name_the_other_day_of_a_step(tmp_path):
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    for tracker, pid, day in ((mine, "h1", 20), (theirs, "h2", 25)):
        book = tracker.change(model.add_op("Hana Ito", org="City Library", person_id=pid,
                                           today=D(2026, 11, 17), now=NOW))
        tracker.change(model.step_op(book, pid, "sent", D(2026, 11, day), today=NOW))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert sorted(book.people) == ["di", "h1"]
    assert book.people["h1"].steps["sent"] == "2026-11-20"
    told = [s for s in said if "twice" in s]
    assert len(told) == 1, said
    assert "2026-11-25" in told[0], told[0]
