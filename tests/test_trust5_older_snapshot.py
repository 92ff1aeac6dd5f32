"""attacks4 B5: a conversations.json written by an earlier kit is not trusted.

An earlier kit knew nothing of let go, told, places or the nudge day: its snapshot's list
hides what the record holds. The snapshot now carries the kit's format (2); one of an
earlier format (or none) is rebuilt from the whole record and the coach told.
"""

import datetime as dt
import hashlib
import json
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import FORMAT, JOURNAL, SNAPSHOT, book_to_dict

D = dt.date


def _workspace(tmp_path):
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ann", org="Library", person_id="p0", today=D(2026, 11, 2)))
    book = tracker.change(model.step_op(tracker.read(), "p0", "sent", D(2026, 11, 3),
                                        today=D(2026, 11, 3)))
    before = book_to_dict(book)  # what an earlier kit's list holds: Ann, note sent
    book = tracker.change(model.let_go_op(book, "p0", D(2026, 11, 24), today=D(2026, 11, 24)))
    assert book.people["p0"].let_go == "2026-11-24"
    return store, store.folder("c1"), before, book_to_dict(book)


def _old_snapshot(folder, book, fmt):
    data = (folder / JOURNAL).read_bytes()
    state = {"client_id": "c1", "journal_bytes": len(data),
             "journal_sha256": hashlib.sha256(data).hexdigest(), "book": book}
    if fmt is not None:
        state = {"format": fmt, **state}
    (folder / SNAPSHOT).write_text(json.dumps(state))


def test_the_snapshot_says_its_format(tmp_path):
    _, folder, _, _ = _workspace(tmp_path)
    assert json.loads((folder / SNAPSHOT).read_text())["format"] == FORMAT == 2


def test_an_earlier_kits_snapshot_is_rebuilt_from_the_record(tmp_path):
    store, folder, before, _ = _workspace(tmp_path)
    for fmt in (1, None):
        _old_snapshot(folder, before, fmt)
        tracker = Tracker(ClientStore(store.root), "c1")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = tracker.read()
        # before: the earlier snapshot was trusted, Ann was never let go ('')
        assert book.people["p0"].let_go == "2026-11-24"
        said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
        assert len(said) == 1 and "written by an earlier version of the kit" in said[0]
        assert "rebuilt from conversations.jsonl" in said[0]
        assert json.loads((folder / SNAPSHOT).read_text())["format"] == 2
        assert len(list(folder.glob(SNAPSHOT + ".earlier-*"))) == (1 if fmt == 1 else 2)


def test_an_earlier_snapshot_that_agrees_is_taken_over_without_a_word(tmp_path):
    store, folder, _, now = _workspace(tmp_path)
    _old_snapshot(folder, now, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        book = Tracker(ClientStore(store.root), "c1").read()
    assert book.people["p0"].let_go == "2026-11-24"
    assert json.loads((folder / SNAPSHOT).read_text())["format"] == 2
    assert not list(folder.glob(SNAPSHOT + ".*-*"))


def _old_snapshot_of(folder, book, record: bytes):
    """A format-1 snapshot holding ``book`` and covering ``record`` (a prefix of the record)."""
    state = {"format": 1, "client_id": "c1", "journal_bytes": len(record),
             "journal_sha256": hashlib.sha256(record).hexdigest(), "book": book}
    (folder / SNAPSHOT).write_text(json.dumps(state))


def test_a_lagging_earlier_snapshot_is_taken_over_without_a_word(tmp_path):
    # attacks4 B15: the snapshot covers the record up to the note sent; the let go is a
    # line after it. Read as always (snapshot + the lines after), the list is the record's.
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "c1")
    folder = store.folder("c1")
    tracker.change(model.add_op("Ann", org="Library", person_id="p0", today=D(2026, 11, 2)))
    book = tracker.change(model.step_op(tracker.read(), "p0", "sent", D(2026, 11, 3),
                                        today=D(2026, 11, 3)))
    lagged, record = book_to_dict(book), (folder / JOURNAL).read_bytes()
    tracker.change(model.let_go_op(book, "p0", D(2026, 11, 24), today=D(2026, 11, 24)))
    _old_snapshot_of(folder, lagged, record)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(store.root), "c1").read()
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert said == []  # before: "was written by an earlier version of the kit ..."
    assert book.people["p0"].steps == {"noted": "2026-11-02", "sent": "2026-11-03"}
    assert book.people["p0"].let_go == "2026-11-24"
    assert json.loads((folder / SNAPSHOT).read_text())["format"] == 2
    assert not list(folder.glob(SNAPSHOT + ".*-*"))


def test_an_earlier_snapshot_holding_a_step_its_record_lost_keeps_it(tmp_path):
    # attacks4 B21: the record went back to an older copy (B1) while a format-1 snapshot
    # still holds the step of the lost line ("held" on 2026-11-20).
    store = ClientStore(tmp_path / "ws")
    tracker = Tracker(store, "c1")
    folder = store.folder("c1")
    tracker.change(model.add_op("Ann", org="Library", person_id="p0", today=D(2026, 11, 2)))
    book = tracker.change(model.step_op(tracker.read(), "p0", "sent", D(2026, 11, 3),
                                        today=D(2026, 11, 3)))
    record = (folder / JOURNAL).read_bytes()
    book = tracker.change(model.step_op(book, "p0", "held", D(2026, 11, 20),
                                        today=D(2026, 11, 20)))
    (folder / JOURNAL).write_bytes(record)  # an older copy comes back: the "held" line is gone
    _old_snapshot_of(folder, book_to_dict(book), record)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(store.root), "c1").read()
    assert book.people["p0"].steps == {"noted": "2026-11-02", "sent": "2026-11-03",
                                    "held": "2026-11-20"}
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert len(said) == 1 and "written back to the record" in said[0] and "Ann" in said[0]
    assert len(list(folder.glob(SNAPSHOT + ".earlier-*"))) == 1
    # the record holds the step again: without any snapshot the list is the same
    (folder / SNAPSHOT).unlink()
    again = Tracker(ClientStore(store.root), "c1").read()
    assert again.people["p0"].steps == {"noted": "2026-11-02", "sent": "2026-11-03",
                                    "held": "2026-11-20"}
