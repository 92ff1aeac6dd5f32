"""Round 14a V8: a person taken off on laptop 1 while laptop 2 renamed them or changed their
priority.

With laptop 1's lines first the change kept them (let go) and the coach was told; with
laptop 2's lines first they were taken off and nothing was said (the removal line did not
say what name and priority its copy saw). Now both orders keep them, let go on the day
they were taken off, with laptop 2's change, and a notice names them.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def laptops_with(tmp_path, change):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    book = laptops.mine.change(model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                            today=D(2026, 11, 5), now=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    record = laptops.record(laptops.two)
    record.write_bytes(laptops.record(laptops.one).read_bytes())
    (record.parent / "conversations.json").unlink(missing_ok=True)
    laptops.mine.change(model.remove_op(book, "ben", today=D(2026, 12, 6)))
    theirs = laptops.theirs.read()
    laptops.theirs.change(model.edit_op(theirs, "ben", **change))
    return laptops


CHANGES = [({"name": "Benjamin Cho"}, "name", "Benjamin Cho"),
           ({"priority": 1}, "priority", 1)]


def checked(store, field, value):
    book, _, said = read_with_notices(store)
    assert "ben" in book.people, (book.people, said)
    ben = book.people["ben"]
    assert getattr(ben, field) == value
    assert ben.let_go == "2026-12-06"
    assert [f.id for f in book.former_people] == []
    told = [s for s in said if "Ben Cho" in s or "Benjamin Cho" in s]
    assert len(told) == 1, said
    assert "kept" in told[0] and "let go on 2026-12-06" in told[0], told[0]
    again, _, said = read_with_notices(store)
    assert said == [] and "ben" in again.people


@pytest.mark.parametrize("change, field, value", CHANGES)
def test_the_removal_first_keeps_them_let_go_and_says_so(tmp_path, change, field, value):
    laptops = laptops_with(tmp_path, change)
    laptops.union()  # the removal, then the change
    checked(laptops.one, field, value)


@pytest.mark.parametrize("change, field, value", CHANGES)
def test_the_change_first_gives_the_same(tmp_path, change, field, value):
    laptops = laptops_with(tmp_path, change)
    swap(laptops)  # the change, then the removal
    checked(laptops.one, field, value)
