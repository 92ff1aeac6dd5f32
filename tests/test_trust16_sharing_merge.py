"""Round 11a M10: the sharing choices of two laptops joined by a sync keeping both files' lines.

Laptop 2 turned "include the names" on; laptop 1, later, took the conversations out of the
client's report. A sync tool put laptop 2's (older) lines after laptop 1's: replayed in the
order of the file, the older "names on" undid the client's later "not in my report", and
the notice named a harmless line. Now the client's latest choice (by each line's ``at``)
decides, and the coach is told which line was not followed.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date


def di():
    return model.add_op("Di Eng", person_id="di", today=D(2026, 11, 1), now=D(2026, 12, 7))


def shared(book):
    return book.share_report, book.share_names


def test_an_older_names_on_never_undoes_a_later_not_in_my_report(tmp_path):
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    # laptop 2 first (earlier), then laptop 1 (later): the client's latest choice is "off"
    theirs.change(model.share_op(report=True, names=False))
    theirs.change(model.share_op(report=True, names=True))
    mine.change(model.share_op(report=False, names=False))
    laptops.union()  # laptop 1's line (2), then laptop 2's two older lines (3, 4)
    book, _, said = read_with_notices(one)
    assert shared(book) == (False, False)
    told = [s for s in said if "sharing" in s]
    assert len(told) == 1, said
    assert "line 4 " in told[0] and "line 2 " in told[0], told[0]  # the one not followed
    assert "report on, names on" in told[0] and "report off, names off" in told[0]
    again, _, said = read_with_notices(one)
    assert shared(again) == (False, False) and said == []
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(one)  # from the record alone: the same
    assert shared(alone) == (False, False)
    # a later choice on this laptop decides as usual
    book = mine.change(model.share_op(report=True, names=False))
    assert shared(book) == (True, False)
    assert shared(read_with_notices(one)[0]) == (True, False)


def test_a_later_choice_to_share_still_decides(tmp_path):
    """The rule is the latest choice: laptop 2 turned it on after laptop 1 turned it off."""
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.share_op(report=False, names=False))
    theirs.change(model.share_op(report=True, names=False))
    laptops.union()  # in time order already: nothing to say
    book, _, said = read_with_notices(one)
    assert shared(book) == (True, False) and said == []


def test_two_choices_saved_at_the_same_moment_keep_the_more_private(tmp_path):
    laptops = Laptops(tmp_path, di())
    one = laptops.one
    record = laptops.record(one)
    at = "2026-12-07T10:00:00.000001+00:00"
    with open(record, "ab") as out:
        out.write(b'{"at":"%s","client_id":"m","op":"share","report":false,"names":false}\n'
                  % at.encode())
        out.write(b'{"at":"%s","client_id":"m","op":"share","report":true,"names":true}\n'
                  % at.encode())
    book, _, said = read_with_notices(one)
    assert shared(book) == (False, False)
    assert any("sharing" in s for s in said), said
