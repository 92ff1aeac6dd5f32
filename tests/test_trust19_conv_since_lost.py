"""Round 13a R2 and R4, the conversations half: a large list, an older conversations.jsonl
put back while the side file (conversations.json.since) is gone or unreadable.

R4: conversations.json missing and its side file emptied or cut inside its first line:
the record was read alone, 30 people gone, and no word. Now the changes only the snapshot
and the side file held are named as possibly lost (the words the answers' journal uses),
and the side file as it was is kept as ``.unread-<time>`` (an empty one removed), so it is
said once.

R2: conversations.json present and its side file deleted: the rebuild named only what the
snapshot held; the people added after it was last rewritten were gone unnamed. Now the
notice says the changes made since it was last rewritten may be missing.
"""

import datetime as dt
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session import tracker as tracker_module
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store import core as store_core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

MONDAY = dt.date(2026, 12, 7)


def read(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(store, "cc").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def listed(store, monkeypatch):
    """x0..x9: the record copied after x0-x2; the snapshot covers x0-x5; its side file x6-x9."""
    tracker = Tracker(store, "cc")
    folder = old = None
    for n in range(10):
        if n == 6:  # from here the snapshot lags (as past EAGER_SIZE)
            monkeypatch.setattr(store_core, "EAGER_SIZE", 0)
            monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)
        book = tracker.change(model.add_op(f"Person {n}", person_id=f"x{n}", today=MONDAY,
                                           now=MONDAY))
        tracker.change(model.edit_op(book, f"x{n}", learned=f"what x{n} said " * 5))
        folder = store.client_folder("cc")
        if n == 2:
            old = (folder / JOURNAL).read_bytes()
    return folder, old


@pytest.mark.parametrize("cut", ["emptied", "inside its first line",
                                 "inside its second line"])
def test_snapshot_missing_side_file_unreadable_names_the_loss(tmp_path, monkeypatch, cut):
    store = ClientStore(tmp_path)
    folder, old = listed(store, monkeypatch)
    side = folder / f"{SNAPSHOT}.since"
    raw = side.read_bytes()
    (folder / JOURNAL).write_bytes(old)
    (folder / SNAPSHOT).unlink()
    head = raw.index(b"\n") + 1
    side.write_bytes({"emptied": b"", "inside its first line": raw[:40],
                      "inside its second line": raw[:head + 60]}[cut])
    book, said = read(store)
    assert sorted(book.people) == ["x0", "x1", "x2"]  # the old copy's: the rest cannot be read
    assert len(said) == 1, said
    assert "conversations.json" in said[0] and "client 'cc'" in said[0]
    assert "conversations.json.since" in said[0]
    assert "lost" in said[0] and "no change was lost" not in said[0]
    if cut == "emptied":
        assert "it is empty" in said[0] and not side.exists()
    else:
        assert "kept as conversations.json.since.unread-" in said[0]
        assert len(list(folder.glob("conversations.json.since.unread-*"))) == 1
    again, said = read(store)  # said once
    assert sorted(again.people) == ["x0", "x1", "x2"] and said == []


def test_side_file_deleted_snapshot_present_says_changes_may_be_missing(tmp_path,
                                                                        monkeypatch):
    store = ClientStore(tmp_path)
    folder, old = listed(store, monkeypatch)
    (folder / JOURNAL).write_bytes(old)
    (folder / f"{SNAPSHOT}.since").unlink()
    book, said = read(store)
    assert sorted(book.people) == [f"x{n}" for n in range(6)]  # what the snapshot held
    told = [s for s in said if "conversations.json.since" in s]
    assert len(told) == 1, said
    assert "is missing" in told[0] and "may be missing" in told[0], told[0]
    again, said = read(store)
    assert said == []
