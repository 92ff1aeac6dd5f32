"""attacks4 B1: a conversations.jsonl that goes back to an older copy is written back.

As journal.jsonl is (attacks3 A4): what only conversations.json proves (a step, a person
added) is appended again to the record, so a later loss of the snapshot loses nothing.
"""

import datetime as dt
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT

D = dt.date


def _list(tmp_path):
    store = ClientStore(tmp_path / "ws")
    t = Tracker(store, "c1")
    t.change(model.add_op("Ann", org="Library", person_id="p1", today=D(2026, 11, 2)))
    t.change(model.add_op("Bob", org="Parks", person_id="p2", today=D(2026, 11, 2)))
    t.change(model.step_op(t.read(), "p1", "sent", D(2026, 11, 5), today=D(2026, 11, 5)))
    folder = store.folder("c1")
    (folder / SNAPSHOT).unlink()  # the next change writes a snapshot covering every line
    t.change(model.add_op("Cy", org="Museum", person_id="p3", today=D(2026, 11, 6)))
    return store, folder


def _read(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(store.root), "c1").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def test_an_older_copy_of_the_record_is_written_back(tmp_path):
    store, folder = _list(tmp_path)
    journal = folder / JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    assert len(lines) == 4
    journal.write_bytes(b"".join(lines[:2]))  # an older copy comes back: Ann, Bob listed
    book, said = _read(store)
    assert book.people["p1"].steps.get("sent") == "2026-11-05" and "p3" in book.people
    assert any("was written back to the record" in w and "Ann" in w and "Cy" in w
               for w in said)
    # before: the record kept its 2 lines; the snapshot alone held Ann's note and Cy
    assert journal.read_bytes().count(b"\n") > 2
    (folder / SNAPSHOT).unlink()  # later the snapshot is lost (a sync tool, a repair)
    book, _ = _read(store)
    assert book.people["p1"].steps.get("sent") == "2026-11-05"
    assert book.people["p3"].name == "Cy" and book.people["p3"].org == "Museum"
    assert sorted(book.people) == ["p1", "p2", "p3"]
