"""Round 10b L4: a card's text changed on two laptops, both lines kept by a sync: both kept.

Laptop 1 wrote Di's "What you learned", laptop 2 wrote another; a sync or merge tool kept
the lines of both records. The later line's text alone was kept, with no word. Now each
edit line says what the text was before it (``was``): the later one, finding another
text there, keeps both (the other's first, then ———), and the coach is told, naming
the person and the text.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date


def di():
    """Laptop 1's first change: Di listed (a fresh op each time)."""
    return model.add_op("Di Eng", person_id="di", today=D(2026, 11, 1), now=D(2026, 12, 7))


def read(store):
    book, _, said = read_with_notices(store)
    return book, said


def test_a_text_changed_on_two_copies_keeps_both_and_is_named(tmp_path):
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.edit_op(mine.read(), "di", learned="learned on laptop A"))
    theirs.change(model.edit_op(theirs.read(), "di", learned="learned on laptop B"))
    laptops.union()
    book, said = read(one)
    both = "learned on laptop A\n\n———\n\nlearned on laptop B"
    assert book.people["di"].learned == both
    assert len(said) == 1, said
    assert "Di Eng's learned was changed on two copies of the list; both are kept" in said[0]
    again, said = read(one)
    assert again.people["di"].learned == both and said == []
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _ = read(one)  # from the record alone
    assert alone.people["di"].learned == both
    # a later change on this laptop is written over the kept text as usual
    book = mine.change(model.edit_op(mine.read(), "di", learned="one text now"))
    assert book.people["di"].learned == "one text now"


def test_a_place_listed_on_two_copies_keeps_both_texts_of_what_draws_you(tmp_path):
    laptops = Laptops(tmp_path, di())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    a = mine.change(model.add_place_op(mine.read(), "Museum of Maps", drawn="maps A",
                                       today=D(2026, 12, 2)))
    b = theirs.change(model.add_place_op(theirs.read(), "Museum of Maps", drawn="maps B",
                                         today=D(2026, 12, 3)))
    assert list(a.places) == list(b.places)  # one id on both copies
    laptops.union()
    book, said = read(one)
    (place,) = book.places.values()
    assert place.drawn == "maps A\n\n———\n\nmaps B"
    assert len(said) == 1 and "the place Museum of Maps was listed on two copies" in said[0]
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _ = read(one)
    assert [p.drawn for p in alone.places.values()] == ["maps A\n\n———\n\nmaps B"]


def test_another_copy_put_over_this_one_keeps_both_texts(tmp_path):
    # L3: laptop 2's record copied over laptop 1's; both changed Di's learned
    laptops = Laptops(tmp_path, di())
    one, two, mine, theirs = laptops.one, laptops.two, laptops.mine, laptops.theirs
    mine.change(model.edit_op(mine.read(), "di", learned="learned on laptop A"))
    theirs.change(model.edit_op(theirs.read(), "di", learned="learned on laptop B"))
    Laptops.record(one).write_bytes(Laptops.record(two).read_bytes())
    book, said = read(one)
    both = "learned on laptop A\n\n———\n\nlearned on laptop B"
    assert book.people["di"].learned == both
    assert any("Di Eng's learned was changed on two copies" in s for s in said), said
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _ = read(one)  # written back: the record alone keeps both
    assert alone.people["di"].learned == both
