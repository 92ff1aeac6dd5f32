"""Round 13a R10 and R15 by the copy-over path: one laptop's conversations.jsonl put over
the other's (the list rebuilt from the snapshot left and the record).

The union tests (tests/test_trust19_changed_on_both.py, test_trust19_talk_called_off.py)
join both records' lines. Here a sync tool copies one laptop's record over the other's, in
either direction: a talk's day, a name, a priority changed on both keep the record's value
(its line is the later word) and the notice names the other; a nudge recorded on both keeps
the earlier day and names the other; a talk called off on one laptop while the other set
its day stays called off, its day cleared and named. A reading from the record alone (the
snapshot lost) gives the same, and nothing is said twice.
"""

import datetime as dt

import pytest

from workbook.core.conversations import model
from workbook.session.tracker import SNAPSHOT, Tracker

from .laptops import read as read_with_notices
from .test_trust19_changed_on_both import laptops_for
from .test_trust19_copy_over_relisted import copied_over

D = dt.date
NOW = D(2026, 12, 7)
DIRECTIONS = ["2 over 1", "1 over 2"]


def _read(laptops, direction):
    """Ana as the copied-over store reads her, what is said of her beside the rebuild
    (which is said once), and the store."""
    store = copied_over(laptops, direction)
    book, _, said = read_with_notices(store)
    rebuilt = [s for s in said if "was changed outside the kit" in s]
    assert len(rebuilt) == 1, said
    return book.people["ana"], [s for s in said if "Ana" in s and s not in rebuilt], store


def _same_again(store, fields):
    """Read again: nothing said; from the record alone: the same ``fields`` of Ana."""
    again, _, said = read_with_notices(store)
    assert said == []
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, _ = read_with_notices(store)
    for key, value in fields.items():
        assert getattr(again.people["ana"], key) == value, key
        assert getattr(alone.people["ana"], key) == value, key


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_talk_day_set_on_both_keeps_the_records_and_names_the_other(tmp_path, direction):
    laptops, mine, theirs = laptops_for(tmp_path, lambda t: t.change(
        model.step_op(t.read(), "ana", "arranged", D(2026, 12, 1), today=NOW)))
    mine.change(model.edit_op(mine.read(), "ana", meeting="2026-12-20", today=NOW))
    theirs.change(model.edit_op(theirs.read(), "ana", meeting="2026-12-22", today=NOW))
    kept, other = ("2026-12-22", "2026-12-20") if direction == "2 over 1" else (
        "2026-12-20", "2026-12-22")
    ana, told, store = _read(laptops, direction)
    assert ana.meeting == kept and ana.steps["arranged"] == "2026-12-01"
    assert len(told) == 1 and "day of the talk" in told[0] \
        and f"the other copy's {other} was not" in told[0], told
    _same_again(store, {"meeting": kept})


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_name_and_a_priority_changed_on_both_name_the_other(tmp_path, direction):
    laptops, mine, theirs = laptops_for(tmp_path)
    mine.change(model.edit_op(mine.read(), "ana", name="Ana R. Ruiz", priority=1))
    theirs.change(model.edit_op(theirs.read(), "ana", name="Ana Ruiz-Lopez", priority=3))
    kept, other = (("Ana Ruiz-Lopez", 3), ("Ana R. Ruiz", 1)) if direction == "2 over 1" \
        else (("Ana R. Ruiz", 1), ("Ana Ruiz-Lopez", 3))
    ana, told, store = _read(laptops, direction)
    assert (ana.name, ana.priority) == kept
    assert any("name" in s and f"the other copy's {other[0]} was not" in s for s in told), told
    assert any("priority" in s and f"the other copy's {other[1]} was not" in s
               for s in told), told
    _same_again(store, {"name": kept[0], "priority": kept[1]})


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_nudge_recorded_on_both_keeps_the_earlier_day_and_names_the_other(tmp_path,
                                                                           direction):
    laptops, mine, theirs = laptops_for(tmp_path)
    mine.change(model.followed_op(mine.read(), "ana", "nudge", D(2026, 11, 3), today=NOW))
    theirs.change(model.followed_op(theirs.read(), "ana", "nudge", D(2026, 11, 1),
                                    today=NOW))
    ana, told, store = _read(laptops, direction)
    assert ana.followed["nudge"] == "2026-11-01"
    assert len(told) == 1 and "nudge" in told[0] and "(2026-11-03) was not" in told[0], told
    _same_again(store, {"followed": {"nudge": "2026-11-01"}})


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("day_before", [False, True])
def test_a_talk_called_off_on_one_and_set_on_the_other_stays_called_off(tmp_path, direction,
                                                                        day_before):
    """Laptop 1 takes "time agreed" back; laptop 2 sets the talk's day (or moves it)."""
    def first(tracker):
        tracker.change(model.step_op(tracker.read(), "ana", "arranged", D(2026, 12, 1),
                                     today=NOW))
        if day_before:
            tracker.change(model.edit_op(tracker.read(), "ana", meeting="2026-12-18",
                                         today=NOW))
    laptops, mine, theirs = laptops_for(tmp_path, first)
    mine.change(model.undo_op(mine.read(), "ana"))
    theirs.change(model.edit_op(theirs.read(), "ana", meeting="2026-12-20", today=NOW))
    ana, told, store = _read(laptops, direction)
    assert "arranged" not in ana.steps and ana.meeting == ""
    assert len(told) == 1 and "2026-12-20" in told[0] and "called off" in told[0], told
    _same_again(store, {"meeting": ""})
    tracker = Tracker(store, "m")  # a time agreed again: "talk agreed, no day set yet"
    book = tracker.change(model.step_op(tracker.read(), "ana", "arranged", NOW, today=NOW))
    assert book.people["ana"].meeting == ""
