"""Round 13a R10: a talk's day, a nudge's day, a name or a priority changed on both laptops.

After a union merge the later line's value was kept and nothing named the other. Now the
coach is told, naming the other value (as a number changed on both in the answers'
journal is): a day of the talk, a name and a priority keep the later line's; a follow-up
recorded on both with two days keeps the earlier, as a step does.
"""

import datetime as dt
import shutil

from workbook.core.conversations import model
from workbook.session.tracker import Tracker

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def laptops_for(tmp_path, first=None):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    mine = laptops.mine
    mine.change(model.step_op(mine.read(), "ana", "sent", D(2026, 10, 12), today=NOW))
    if first:
        first(mine)
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    return laptops, mine, Tracker(laptops.two, "m")


def told_of(store):
    book, _, said = read_with_notices(store)
    return book.people["ana"], [s for s in said if "Ana" in s]


def test_a_talk_day_set_on_both_names_the_other(tmp_path):
    laptops, mine, theirs = laptops_for(tmp_path, lambda t: t.change(
        model.step_op(t.read(), "ana", "arranged", D(2026, 12, 1), today=NOW)))
    mine.change(model.edit_op(mine.read(), "ana", meeting="2026-12-20", today=NOW))
    theirs.change(model.edit_op(theirs.read(), "ana", meeting="2026-12-22", today=NOW))
    laptops.union()
    ana, told = told_of(laptops.one)
    assert ana.meeting == "2026-12-22"
    assert len(told) == 1 and "day of the talk" in told[0] and "2026-12-20" in told[0], told


def test_a_name_and_a_priority_changed_on_both_name_the_other(tmp_path):
    laptops, mine, theirs = laptops_for(tmp_path)
    mine.change(model.edit_op(mine.read(), "ana", name="Ana R. Ruiz", priority=1))
    theirs.change(model.edit_op(theirs.read(), "ana", name="Ana Ruiz-Lopez", priority=3))
    laptops.union()
    ana, told = told_of(laptops.one)
    assert (ana.name, ana.priority) == ("Ana Ruiz-Lopez", 3)
    assert any("name" in s and "Ana R. Ruiz" in s for s in told), told
    assert any("priority" in s and "the other copy's 1" in s for s in told), told


def test_a_nudge_recorded_on_both_with_two_days_keeps_the_earlier_and_names_the_other(
        tmp_path):
    laptops, mine, theirs = laptops_for(tmp_path)
    mine.change(model.followed_op(mine.read(), "ana", "nudge", D(2026, 11, 3), today=NOW))
    theirs.change(model.followed_op(theirs.read(), "ana", "nudge", D(2026, 11, 1),
                                    today=NOW))
    laptops.union()
    ana, told = told_of(laptops.one)
    assert ana.followed["nudge"] == "2026-11-01"
    assert len(told) == 1 and "2026-11-03" in told[0] and "nudge" in told[0], told


def test_one_laptop_changing_them_twice_says_nothing(tmp_path):
    laptops, mine, _ = laptops_for(tmp_path)
    mine.change(model.edit_op(mine.read(), "ana", name="Ana R. Ruiz", priority=1))
    mine.change(model.edit_op(mine.read(), "ana", name="Ana Ruiz", priority=3))
    mine.change(model.followed_op(mine.read(), "ana", "nudge", D(2026, 11, 3), today=NOW))
    ana, told = told_of(laptops.one)
    assert told == [] and ana.priority == 3
