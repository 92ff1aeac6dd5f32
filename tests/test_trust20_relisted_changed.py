"""Round 14a V18: Ben taken off and listed again at another place on laptop 1, a "why
them" written for him on laptop 2 (under his old id).

With laptop 1's lines first there was one Ben (the one listed again, with laptop 2's
text); with laptop 2's lines first there were two (the old one kept, let go, with the
text, and the new one), so the list and its counts depended on the sync's order. Now both
orders give one Ben, listed again, with the text, and a notice names him.
"""

import datetime as dt
import shutil

from workbook.core.conversations import model

from .laptops import Laptops
from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import swap

D = dt.date
NOW = D(2026, 12, 7)


def laptops_with(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                             today=D(2026, 10, 10), now=NOW))
    mine = laptops.mine
    book = mine.change(model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                    today=D(2026, 11, 5), now=NOW))
    laptops.start = len(laptops.record(laptops.one).read_bytes())
    shutil.rmtree(laptops.two.root)
    shutil.copytree(laptops.one.root, laptops.two.root)
    book = mine.change(model.remove_op(book, "ben", today=D(2026, 12, 6)))
    mine.change(model.add_op("Ben Cho", org="City Library", person_id="ben2",
                             today=D(2026, 12, 6), now=NOW, book=book))
    theirs = type(mine)(laptops.two, "m")
    theirs.change(model.edit_op(theirs.read(), "ben", why="why from B"))
    return laptops


def checked(store):
    book, _, said = read_with_notices(store)
    assert sorted(book.people) == ["ana", "ben2"], book.people
    ben = book.people["ben2"]
    assert ben.why == "why from B" and ben.let_go == "" and ben.org == "City Library"
    assert [f.id for f in book.former_people] == ["ben"]
    told = [s for s in said if "Ben Cho" in s and "saved at" not in s]
    assert len(told) == 1, said
    assert "listed again" in told[0], told[0]
    assert book.counts()["people_listed"] == 2
    return book


def test_the_change_first_gives_one_ben_as_the_removal_first_does(tmp_path):
    laptops = laptops_with(tmp_path / "ab")
    laptops.union()  # taken off and listed again, then the change under the old id
    first = checked(laptops.one)
    other = laptops_with(tmp_path / "ba")
    swap(other)  # the change, then taken off and listed again
    then = checked(other.one)
    for day in (D(2026, 11, 30), D(2026, 12, 6), D(2026, 12, 7)):
        assert first.counts(on=day) == then.counts(on=day)
