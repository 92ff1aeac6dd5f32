"""Round 14a V3, V4 (and V13's conversations half): changes a rebuild writes back keep their time.

Laptop A's conversations.jsonl was put back to an older copy (its first line only) and a
reading rebuilt the list, writing back as changes what conversations.json held (a place, a
step, a person). Those lines were stamped with the time of the repair, so after a sync
joining laptop B's record, where a person or a place had since been taken off or a step taken
back, they undid B's later change with no word (V3, V4). A line written back now carries the
time the snapshot was written (never the repair's) and names the record's lines it restates:
when the record holds them all again (B's copy of them), it gives way to them, so the union
gives the list it would give without the repair.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

MONDAY = dt.date(2026, 12, 7)


def _read(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(root), "c1").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _two_laptops(tmp_path):
    """A's list: Ana at City Library (note sent), Ben at Dock Co; B a copy of it."""
    store = ClientStore(tmp_path / "a")
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ana Ruiz", org="City Library", person_id="a1",
                                today=MONDAY, now=MONDAY))
    book = tracker.read()
    tracker.change(model.step_op(book, "a1", "noted", MONDAY, today=MONDAY))
    book = tracker.read()
    tracker.change(model.step_op(book, "a1", "sent", MONDAY, today=MONDAY))
    tracker.change(model.add_op("Ben Cho", org="Dock Co", person_id="b1", today=MONDAY,
                                now=MONDAY))
    folder = store.client_folder("c1")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    return folder, tmp_path / "b" / folder.name, Tracker(ClientStore(tmp_path / "b"), "c1")


def _older_copy_rebuilt(folder, root) -> list:
    """Put A's record back to its first line; a reading rebuilds it. Its new lines."""
    record = folder / JOURNAL
    first = record.read_bytes().splitlines(keepends=True)[0]
    record.write_bytes(first)
    book, said = _read(root)
    assert any("written back" in s for s in said), said
    assert set(book.people) == {"a1", "b1"}
    return record.read_bytes()[len(first):].splitlines(keepends=True)


def _union(folder_b, new):
    union = folder_b / JOURNAL  # a sync keeping both files' lines: B's, then A's new ones
    union.write_bytes(union.read_bytes() + b"".join(new))


def test_the_changes_written_back_are_not_stamped_with_the_repair_time(tmp_path):
    folder_a, _, tracker_b = _two_laptops(tmp_path)
    tracker_b.change(model.share_op(report=True, names=False))  # a change after A's
    later = json.loads((tracker_b.store.client_folder("c1") / JOURNAL)
                       .read_bytes().splitlines()[-1])["at"]
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    assert new
    assert all(json.loads(line)["at"] < later for line in new)  # (one time zone here)


def test_a_person_taken_off_on_the_other_laptop_stays_off_after_a_sync(tmp_path):
    folder_a, folder_b, tracker_b = _two_laptops(tmp_path)
    tracker_b.change(model.remove_op(tracker_b.read(), "b1", today=MONDAY))
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    _union(folder_b, new)
    book, _ = _read(tmp_path / "b")
    assert set(book.people) == {"a1"}


def test_a_place_taken_off_on_the_other_laptop_stays_off_after_a_sync(tmp_path):
    folder_a, folder_b, tracker_b = _two_laptops(tmp_path)
    book = tracker_b.read()
    dock = book.people["b1"].place
    tracker_b.change(model.remove_place_op(book, dock))
    alone, _ = _read(tmp_path / "b")
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    _union(folder_b, new)
    book, _ = _read(tmp_path / "b")
    assert dock not in book.places
    assert sorted(book.places) == sorted(alone.places)


def test_a_step_taken_back_on_the_other_laptop_stays_taken_back(tmp_path):
    folder_a, folder_b, tracker_b = _two_laptops(tmp_path)
    tracker_b.change(model.undo_op(tracker_b.read(), "a1"))
    alone, _ = _read(tmp_path / "b")
    new = _older_copy_rebuilt(folder_a, tmp_path / "a")
    _union(folder_b, new)
    book, _ = _read(tmp_path / "b")
    assert book.people["a1"].steps == alone.people["a1"].steps
    assert "sent" not in book.people["a1"].steps
