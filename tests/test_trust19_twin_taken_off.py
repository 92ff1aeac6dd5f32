"""Round 13a R3 and R7: one person on two copies of a list, taken off on one copy.

R3: both laptops added Dee Fox at Dock Co (two ids); laptop 1 sent her a note, laptop 2
took its Dee off. After a union merge she was on the list, active, with no word (and a
second Dee among the people taken off). The two adds are one person (the fold rule), so
laptop 2's taking off is the M1 case: kept, let go on the day she was taken off, with the
note laptop 1 sent, and the coach told. Taken off on laptop 2 with nothing recorded on
laptop 1: taken off, and the coach told.

R7: laptop 1 took Ben off and listed him again (a new id); laptop 2 sent him a note. After
the merge Ben was let go (closed) though he was active on both laptops. Now the one listed
again keeps him active, with laptop 2's note, in either order of the lines.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import Laptops
from .laptops import read as read_with_notices

D = dt.date
NOW = D(2026, 12, 7)


def ana():
    return model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                        today=D(2026, 12, 1), now=NOW)


def dee_on_both(tmp_path, step_on_one=True):
    laptops = Laptops(tmp_path, ana())
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.change(model.add_op("Dee Fox", org="Dock Co", person_id="d1",
                                    today=D(2026, 12, 2), now=NOW))
    if step_on_one:
        mine.change(model.step_op(book, "d1", "sent", D(2026, 12, 4), today=NOW))
    book = theirs.change(model.add_op("Dee Fox", org="Dock Co", person_id="d2",
                                      today=D(2026, 12, 3), now=NOW))
    theirs.change(model.remove_op(book, "d2", today=D(2026, 12, 5), now=NOW))
    return laptops


def swap(laptops):
    """Laptop 1's lines after laptop 2's: the record of laptop 2, then laptop 1's lines."""
    one, two = laptops.record(laptops.one), laptops.record(laptops.two)
    mine = one.read_bytes()[laptops.start:]
    one.write_bytes(two.read_bytes() + mine)
    (laptops.one.client_folder("m") / SNAPSHOT).unlink()


def dee_checked(store):
    book, _, said = read_with_notices(store)
    dees = [p for p in book.people.values() if p.name == "Dee Fox"]
    assert len(dees) == 1, book.people
    dee = dees[0]
    assert dee.steps["sent"] == "2026-12-04"
    assert dee.let_go == "2026-12-05"
    assert [f.name for f in book.former_people] == []
    told = [s for s in said if "Dee Fox" in s]
    assert len(told) == 1, said
    assert "let go on 2026-12-05 rather than taken off" in told[0], told[0]
    assert book.counts(D(2026, 12, 4))["people_listed"] == 2  # Ana and Dee, once
    again, _, said = read_with_notices(store)
    assert said == [] and again.people[dee.id].let_go == "2026-12-05"
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read_with_notices(store)  # the record alone gives the same list
    assert [p.let_go for p in alone.people.values() if p.name == "Dee Fox"] \
        == ["2026-12-05"] and alone.former_people == []


def test_added_on_both_note_sent_on_one_taken_off_on_the_other_is_let_go(tmp_path):
    laptops = dee_on_both(tmp_path)
    laptops.union()
    dee_checked(laptops.one)


def test_the_same_with_the_removal_first_in_the_file(tmp_path):
    laptops = dee_on_both(tmp_path)
    swap(laptops)
    dee_checked(laptops.one)


def test_added_on_both_taken_off_on_one_with_nothing_else_is_taken_off_and_named(tmp_path):
    for order in ("union", "swap"):
        laptops = dee_on_both(tmp_path / order, step_on_one=False)
        laptops.union() if order == "union" else swap(laptops)
        book, _, said = read_with_notices(laptops.one)
        assert [p.name for p in book.people.values()] == ["Ana Ruiz"], order
        assert [f.name for f in book.former_people] == ["Dee Fox"], order
        told = [s for s in said if "Dee Fox" in s]
        assert len(told) == 1 and "taken off" in told[0], (order, said)
        assert book.counts(D(2026, 12, 4))["people_listed"] == 2
        assert book.counts(D(2026, 12, 6))["people_listed"] == 1
        again, _, said = read_with_notices(laptops.one)
        assert said == [] and len(again.people) == 1


def ben_listed_again(tmp_path):
    laptops = Laptops(tmp_path, model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                             today=D(2026, 11, 5), now=NOW))
    mine, theirs = laptops.mine, laptops.theirs
    mine.change(model.remove_op(mine.read(), "ben", today=D(2026, 12, 6), now=NOW))
    mine.change(model.add_op("Ben Cho", org="Dock Co", person_id="ben2",
                             today=D(2026, 12, 6), now=NOW, book=mine.read()))
    theirs.change(model.step_op(theirs.read(), "ben", "sent", D(2026, 12, 7), today=NOW))
    return laptops


def ben_checked(store):
    book, _, said = read_with_notices(store)
    bens = [p for p in book.people.values() if p.name == "Ben Cho"]
    assert len(bens) == 1, book.people
    assert bens[0].steps.get("sent") == "2026-12-07"
    assert bens[0].let_go == "" and not bens[0].closed
    # the last word names him on the list, not let go (a kept-let-go notice before it
    # is taken back by it); since round 14a V18 the removal line itself says the note
    # goes to him as listed again
    assert "listed again on one copy, so is on the list, not let go" in said[-1] \
        or "as listed again, who stays on the list" in said[-1], said
    again, _, said = read_with_notices(store)
    assert said == [] and [p.let_go for p in again.people.values()] == [""]
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(store)
    assert [(p.let_go, p.steps.get("sent")) for p in alone.people.values()] \
        == [("", "2026-12-07")]


def test_taken_off_and_listed_again_on_one_note_sent_on_the_other_stays_active(tmp_path):
    laptops = ben_listed_again(tmp_path)
    laptops.union()
    book, _, said = read_with_notices(laptops.one)
    assert not any("let go" in s for s in said), said  # no contradiction (R7)
    assert any("the change was made to Ben Cho as listed again" in s for s in said), said
    bens = [p for p in book.people.values() if p.name == "Ben Cho"]
    assert [(p.id, p.let_go, p.steps.get("sent")) for p in bens] \
        == [("ben2", "", "2026-12-07")]
    assert [f.id for f in book.former_people] == ["ben"]  # counted until taken off
    again, _, said = read_with_notices(laptops.one)
    assert said == [] and again.people["ben2"].steps.get("sent") == "2026-12-07"
    (laptops.one.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(laptops.one)
    assert [(p.let_go, p.steps.get("sent")) for p in alone.people.values()] \
        == [("", "2026-12-07")]


def test_the_same_with_the_note_first_in_the_file(tmp_path):
    laptops = ben_listed_again(tmp_path)
    swap(laptops)
    ben_checked(laptops.one)


def test_the_other_laptops_record_copied_over_this_one_gives_the_same(tmp_path):
    """Not a union: laptop 2's record (Dee taken off) put over laptop 1's (note sent)."""
    for step in (True, False):
        laptops = dee_on_both(tmp_path / str(step), step_on_one=step)
        laptops.record(laptops.one).write_bytes(laptops.record(laptops.two).read_bytes())
        book, _, said = read_with_notices(laptops.one)
        dees = [p for p in book.people.values() if p.name == "Dee Fox"]
        told = [s for s in said if "took off the list on 2026-12-05" in s]
        assert len(told) == 1, said
        if step:
            assert [(p.let_go, p.steps.get("sent")) for p in dees] \
                == [("2026-12-05", "2026-12-04")]
            assert book.former_people == []
        else:
            assert dees == [] and [f.name for f in book.former_people] == ["Dee Fox"]
        again, _, said = read_with_notices(laptops.one)
        assert said == []
