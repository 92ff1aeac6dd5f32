"""A talk's day stays when "time agreed" is taken back after thanks were sent (session 11).

Taking back "time agreed" calls the talk off and clears its day, unless the talk was held
(round 10b L9). The check looked for a step named "thanks", which does not exist: the step
is "thanked" (and "told" also means the talk took place). So for someone with thanks sent
and no "held" recorded, taking back "time agreed" cleared the day of a talk that took place,
in the model (one laptop) and in a union merge of two laptops' records (round 13a R15's
clash was named as a talk called off).
"""

import datetime as dt
import shutil

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def _agreed(tracker, after):
    """Ana with time agreed on 1 December, her talk on 3 December, then ``after``."""
    tracker.change(model.step_op(tracker.read(), "ana", "arranged", D(2026, 12, 1),
                                 today=NOW))
    tracker.change(model.edit_op(tracker.read(), "ana", meeting="2026-12-03", today=NOW))
    tracker.change(model.step_op(tracker.read(), "ana", after, D(2026, 12, 4), today=NOW))


@pytest.mark.parametrize("after", ["held", "thanked", "told"])
def test_time_agreed_taken_back_after_the_talk_keeps_its_day(tmp_path, after):
    tracker = Tracker(ClientStore(tmp_path / "ws"), "m")
    tracker.change(model.add_op("Ana Ruiz", person_id="ana", today=D(2026, 11, 2), now=NOW))
    _agreed(tracker, after)
    book = tracker.change(model.step_op(tracker.read(), "ana", "arranged", None))
    ana = book.people["ana"]
    assert "arranged" not in ana.steps and ana.steps[after] == "2026-12-04"
    assert ana.meeting == "2026-12-03"
    again = Tracker(ClientStore(tmp_path / "ws"), "m").read()  # replayed from the record
    assert again.people["ana"].meeting == "2026-12-03"


@pytest.mark.parametrize("after", ["held", "thanked", "told"])
def test_the_same_when_the_other_laptop_took_time_agreed_back(tmp_path, after):
    """Laptop 2 moves the talk's day and records ``after``; laptop 1 takes back time agreed.

    Laptop 2's lines come first in the record: laptop 1's taking back names a day it had
    not seen (``talk``), which for a talk not held is R15's clash (called off, named). A
    talk held, thanks sent or told took place: its day stays, and no clash is named.
    """
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", person_id="ana",
                                             today=D(2026, 11, 2), now=NOW))
    mine = laptops.mine
    mine.change(model.step_op(mine.read(), "ana", "arranged", D(2026, 12, 1), today=NOW))
    mine.change(model.edit_op(mine.read(), "ana", meeting="2026-12-03", today=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    theirs = Tracker(laptops.two, "m")
    theirs.change(model.edit_op(theirs.read(), "ana", meeting="2026-12-02", today=NOW))
    theirs.change(model.step_op(theirs.read(), "ana", after, D(2026, 12, 4), today=NOW))
    mine.change(model.undo_op(mine.read(), "ana"))  # time agreed taken back
    swap(laptops)
    book, _, said = read_with_notices(laptops.one)
    ana = book.people["ana"]
    assert ana.steps[after] == "2026-12-04" and ana.meeting == "2026-12-02"
    assert not [s for s in said if "called off" in s], said
