"""Round 13a R15: a talk called off on laptop 1 ("time agreed" taken back) while laptop 2
set its day.

After a union merge the talk was gone without a word, the day stayed stored, and a time
agreed again later showed that old day as if booked. Now, in either order of the lines, the
talk is called off as laptop 1 did, its day is cleared with it, and the coach is told the
day laptop 2 set; a time agreed again reads "no day set yet".
"""

import datetime as dt
import shutil

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT, Tracker

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def called_off_and_set(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    mine = laptops.mine
    mine.change(model.step_op(mine.read(), "ana", "arranged", D(2026, 12, 1), today=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    theirs = Tracker(laptops.two, "m")
    mine.change(model.undo_op(mine.read(), "ana"))
    theirs.change(model.edit_op(theirs.read(), "ana", meeting="2026-12-20", today=NOW))
    return laptops


def checked(store):
    book, tracker, said = read_with_notices(store)
    ana = book.people["ana"]
    assert "arranged" not in ana.steps and ana.meeting == ""
    told = [s for s in said if "Ana Ruiz" in s]
    assert len(told) == 1, said
    assert "2026-12-20" in told[0] and "called off" in told[0], told[0]
    again, _, said = read_with_notices(store)
    assert said == [] and again.people["ana"].meeting == ""
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(store)
    assert alone.people["ana"].meeting == ""
    book = tracker.change(model.step_op(tracker.read(), "ana", "arranged", NOW, today=NOW))
    assert book.people["ana"].meeting == ""  # "talk agreed, no day set yet"


def test_a_day_set_on_one_laptop_for_a_talk_called_off_on_the_other_is_named(tmp_path):
    laptops = called_off_and_set(tmp_path)
    laptops.union()  # the taking back, then the day
    checked(laptops.one)


def test_the_same_with_the_day_first_in_the_file(tmp_path):
    laptops = called_off_and_set(tmp_path)
    swap(laptops)
    checked(laptops.one)
