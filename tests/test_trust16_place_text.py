"""Round 11a M9: a listed place's "what draws you" changed on two laptops: both kept.

The place was on both copies of the list; laptop 1 wrote "what draws you", laptop 2
wrote another. A sync tool kept both records' lines (or laptop 2's record was put over
laptop 1's): the later line's text alone was kept, silently (a place_edit line carried no
``was``, as a person's edit does). Now both are kept, the other's first, then ———, and
the notice names the place and the text.
"""
import datetime as dt
import json

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
BOTH = "drawn on laptop A\n\n———\n\ndrawn on laptop B"


def listed():
    """Laptop 1's first change: the place Org Two listed, with a text (a fresh op)."""
    return model.add_place_op(model.Book(), "Org Two", drawn="the first text",
                              today=D(2026, 11, 1), place_id="o2", now=D(2026, 12, 7))


def edited(tmp_path):
    laptops = Laptops(tmp_path, listed())
    laptops.mine.change(model.edit_place_op(laptops.mine.read(), "o2",
                                            drawn="drawn on laptop A"))
    laptops.theirs.change(model.edit_place_op(laptops.theirs.read(), "o2",
                                              drawn="drawn on laptop B"))
    return laptops


def test_a_place_text_changed_on_two_copies_keeps_both_and_is_named(tmp_path):
    laptops = edited(tmp_path)
    laptops.union()
    book, _, said = read_with_notices(laptops.one)
    assert book.places["o2"].drawn == BOTH
    assert len(said) == 1, said
    assert "the place Org Two's what draws you was changed on two copies of the list; " \
           "both are kept, the other's first, then ———" in said[0]
    again, _, said = read_with_notices(laptops.one)
    assert again.places["o2"].drawn == BOTH and said == []
    (laptops.one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(laptops.one)  # the record alone
    assert alone.places["o2"].drawn == BOTH
    # a later change on this laptop is written over the kept text, as usual
    book = laptops.mine.change(model.edit_place_op(laptops.mine.read(), "o2",
                                                   drawn="one text now"))
    assert book.places["o2"].drawn == "one text now"
    assert read_with_notices(laptops.one)[0].places["o2"].drawn == "one text now"


def test_another_copy_put_over_this_one_keeps_both_place_texts(tmp_path):
    laptops = edited(tmp_path)
    one, two = laptops.one, laptops.two
    Laptops.record(one).write_bytes(Laptops.record(two).read_bytes())
    book, _, said = read_with_notices(one)
    assert book.places["o2"].drawn == BOTH
    assert any("the place Org Two's what draws you was changed on two copies" in s
               for s in said), said
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(one)  # written back: the record alone keeps both
    assert alone.places["o2"].drawn == BOTH


def test_one_laptop_alone_keeps_its_own_text_and_says_nothing(tmp_path):
    laptops = Laptops(tmp_path, listed())
    mine = laptops.mine
    mine.change(model.edit_place_op(mine.read(), "o2", drawn="second"))
    mine.change(model.edit_place_op(mine.read(), "o2", drawn="third", knows="yes"))
    (laptops.one.client_folder("m") / SNAPSHOT).unlink()
    book, _, said = read_with_notices(laptops.one)
    assert book.places["o2"].drawn == "third" and said == []
    lines = Laptops.record(laptops.one).read_text().splitlines()
    was = json.loads(lines[-1])["was"]
    assert was["drawn"] == "second"  # what the place held before it
    # since round 14a V14 a place edit also says the "know anyone there" it changed from
    assert was.get("knows", "unknown") == "unknown"
