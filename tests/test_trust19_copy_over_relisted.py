"""Round 13a R7 by the copy-over path: one laptop's conversations.jsonl put over the other's.

Laptop 1 took Ben off and listed him again (a new id); laptop 2 sent Ben a note. A union of
the two records keeps Ben active with the note (tests/test_trust19_twin_taken_off.py). Put
one laptop's record over the other's (a sync tool copying the file), the list is rebuilt
from the snapshot left and the record: Ben was let go (closed), either way, so the nudge the
client owes never came up. Now he is on the list, active, with laptop 2's note, as after
the union, and the notice says why, never that he was let go.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT

from .laptops import read as read_with_notices
from .test_trust19_twin_taken_off import ben_listed_again

D = dt.date


def copied_over(laptops, direction):
    """The store whose record was replaced: laptop 2's record over laptop 1's, or back."""
    source, target = (laptops.two, laptops.one) if direction == "2 over 1" else (
        laptops.one, laptops.two)
    laptops.record(target).write_bytes(laptops.record(source).read_bytes())
    return target


@pytest.mark.parametrize("direction", ["2 over 1", "1 over 2"])
def test_listed_again_on_one_note_sent_on_the_other_stays_active_after_a_copy_over(
        tmp_path, direction):
    store = copied_over(ben_listed_again(tmp_path), direction)
    book, _, said = read_with_notices(store)
    bens = [p for p in book.people.values() if p.name == "Ben Cho"]
    assert [(p.let_go, p.steps.get("sent"), p.closed) for p in bens] \
        == [("", "2026-12-07", False)], bens
    if direction == "2 over 1":  # the note made to the Ben laptop 1 listed again
        assert not any("let go" in s for s in said), said
        assert any("the change was made to Ben Cho as listed again" in s for s in said), said
        assert [p.id for p in bens] == ["ben2"]
        assert [(f.id, f.removed) for f in book.former_people] == [("ben", "2026-12-06")]
    else:  # the removal's kept-let-go word is taken back by the fold's, or (round 14a
        # V18) the removal line says the note goes to him as listed again
        assert "listed again on one copy, so is on the list, not let go" in said[-1] \
            or any("as listed again, who stays on the list" in s for s in said), said
    # counted from the day he was first listed, once
    assert book.counts(D(2026, 12, 7))["people_listed"] == 1
    again, _, said = read_with_notices(store)
    assert said == [] and [(p.let_go, p.steps.get("sent")) for p in again.people.values()] \
        == [("", "2026-12-07")]
    (store.client_folder("m") / SNAPSHOT).unlink()  # the record alone gives the same
    alone, _, _ = read_with_notices(store)
    assert [(p.let_go, p.steps.get("sent")) for p in alone.people.values()] \
        == [("", "2026-12-07")]


def test_a_person_of_that_name_not_listed_again_is_still_kept_let_go(tmp_path):
    """Control (M1 by copy-over): Ben taken off on laptop 1 only, a note sent on laptop 2."""
    from .laptops import Laptops
    laptops = Laptops(tmp_path, model.add_op("Ben Cho", org="Dock Co", person_id="ben",
                                             today=D(2026, 11, 5), now=D(2026, 12, 7)))
    mine, theirs = laptops.mine, laptops.theirs
    mine.change(model.remove_op(mine.read(), "ben", today=D(2026, 12, 6), now=D(2026, 12, 7)))
    theirs.change(model.step_op(theirs.read(), "ben", "sent", D(2026, 12, 7),
                                today=D(2026, 12, 7)))
    store = copied_over(laptops, "2 over 1")
    book, _, said = read_with_notices(store)
    assert [(p.id, p.let_go, p.steps.get("sent")) for p in book.people.values()] \
        == [("ben", "2026-12-06", "2026-12-07")]
    assert any("let go on 2026-12-06 rather than taken off" in s for s in said), said
