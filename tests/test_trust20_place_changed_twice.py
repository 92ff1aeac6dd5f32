"""Round 14a V14: a place renamed on both laptops (or its "know anyone there" changed on
both): one value was kept and the other dropped without a word. Now, as for a person's name
(round 13a R10), the later line's value is kept and the notice names the other copy's, in
either order of the lines.
"""

import datetime as dt
import shutil

import pytest

from workbook.core.conversations import model

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def laptops_with(tmp_path, field, one, two):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    mine = laptops.mine
    (library,) = mine.read().places
    mine.change(model.edit_place_op(mine.read(), library, **{field: one}))
    theirs = type(mine)(laptops.two, "m")
    theirs.change(model.edit_place_op(theirs.read(), library, **{field: two}))
    return laptops


CASES = [("name", "City Library North", "Central Library"), ("knows", "yes", "no")]


@pytest.mark.parametrize("field, one, two", CASES)
def test_both_orders_keep_the_later_line_and_name_the_other(tmp_path, field, one, two):
    for order, (kept, other) in (("ab", (two, one)), ("ba", (one, two))):
        laptops = laptops_with(tmp_path / order, field, one, two)
        laptops.union() if order == "ab" else swap(laptops)
        book, _, said = read_with_notices(laptops.one)
        (place,) = book.places.values()
        assert getattr(place, field) == kept
        told = [s for s in said if "changed on two copies" in s]
        assert len(told) == 1, said
        assert repr(kept) in told[0] and repr(other) in told[0], told[0]
