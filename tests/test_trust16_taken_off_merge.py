"""Round 11a M1: a person (or a place) taken off on one laptop while the other recorded
something for them, the two records joined by a sync keeping both files' lines.

Laptop 1 took Quinn off the list (no step there); laptop 2 recorded the note sent and
what was learned. Read in the order of the file, laptop 2's lines named someone no longer
listed and were dropped without a word. Now Quinn is kept, let go on the day laptop 1 took
them off (the README: someone with a step is let go rather than taken off), with laptop 2's
step and text, and the coach is told. A place taken off on one laptop while the other
changed what draws you to it is named, with the text.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def quinn():
    return model.add_op("Quinn Avery", org="Org9", person_id="q", today=D(2026, 12, 1),
                        now=NOW)


def test_a_person_taken_off_while_the_other_laptop_sent_a_note_is_kept_let_go(tmp_path):
    laptops = Laptops(tmp_path, quinn())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.remove_op(mine.read(), "q", today=D(2026, 12, 5), now=NOW))
    book = theirs.change(model.step_op(theirs.read(), "q", "sent", D(2026, 12, 6), today=NOW))
    theirs.change(model.edit_op(book, "q", learned="B laptop learned text"))
    laptops.union()
    book, _, said = read_with_notices(one)
    quinn_now = book.people["q"]
    assert quinn_now.steps == {"noted": "2026-12-01", "sent": "2026-12-06"}
    assert quinn_now.learned == "B laptop learned text"
    assert quinn_now.let_go == "2026-12-05" and quinn_now.org == "Org9"
    assert [f.id for f in book.former_people] == []
    told = [s for s in said if "Quinn Avery" in s]
    assert len(told) == 1, said
    assert "let go on 2026-12-05 rather than taken off" in told[0], told[0]
    # counted once: on the day before the removal and after it, as let go people are
    assert book.counts(D(2026, 12, 4))["people_listed"] == 1
    assert book.counts(D(2026, 12, 7))["notes_sent"] == 1
    again, _, said = read_with_notices(one)
    assert again.people["q"].learned == "B laptop learned text" and said == []
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(one)  # the record alone gives the same list
    assert alone.people["q"].steps == quinn_now.steps and alone.people["q"].let_go \
        == "2026-12-05" and alone.people["q"].learned == "B laptop learned text"
    assert alone.former_people == []


def test_a_text_alone_written_for_someone_taken_off_keeps_them_let_go(tmp_path):
    laptops = Laptops(tmp_path, quinn())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    theirs.change(model.edit_op(theirs.read(), "q", why="B: knows the archive"))
    mine.change(model.remove_op(mine.read(), "q", today=D(2026, 12, 5), now=NOW))
    laptops.union()  # the removal (later) first, then laptop 2's older edit
    book, _, said = read_with_notices(one)
    assert book.people["q"].why == "B: knows the archive"
    assert book.people["q"].let_go == "2026-12-05"
    assert any("Quinn Avery" in s for s in said), said


def test_a_place_taken_off_while_the_other_laptop_wrote_what_draws_you_is_named(tmp_path):
    laptops = Laptops(tmp_path, quinn())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    org9 = next(iter(mine.read().places))
    mine.change(model.remove_place_op(mine.read(), org9, today=D(2026, 12, 5)))
    theirs.change(model.edit_place_op(theirs.read(), org9,
                                      drawn="B: their archive work draws me"))
    laptops.union()
    book, _, said = read_with_notices(one)
    assert org9 not in book.places
    told = [s for s in said if "Org9" in s]
    assert len(told) == 1, said
    assert "B: their archive work draws me" in told[0] and "not applied" in told[0]


def test_the_other_laptops_file_put_over_this_one_keeps_them_too(tmp_path):
    """Not a union: laptop 2's record copied over laptop 1's (which took Quinn off)."""
    laptops = Laptops(tmp_path, quinn())
    one, mine, theirs = laptops.one, laptops.mine, laptops.theirs
    mine.change(model.remove_op(mine.read(), "q", today=D(2026, 12, 5), now=NOW))
    book = theirs.change(model.step_op(theirs.read(), "q", "sent", D(2026, 12, 6), today=NOW))
    theirs.change(model.edit_op(book, "q", learned="B laptop learned text"))
    laptops.record(one).write_bytes(laptops.record(laptops.two).read_bytes())
    book, _, said = read_with_notices(one)
    assert book.people["q"].steps["sent"] == "2026-12-06"
    assert book.people["q"].learned == "B laptop learned text"
    assert book.people["q"].let_go == "2026-12-05"
    assert any("Quinn Avery is kept" in s for s in said), said
    (one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(one)  # what was written back gives the same
    assert alone.people["q"].let_go == "2026-12-05" and alone.people["q"].steps["sent"] \
        == "2026-12-06"
