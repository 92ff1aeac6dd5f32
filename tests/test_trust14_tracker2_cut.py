"""Issue 20, round 8: conversations.jsonl cut mid-line inside what its snapshot covers.

Every person came back, but the first notice said the cut line's change "is not in the
record"; only a further notice (the snapshot found unmatched and the list rebuilt) said it
was written back. Now the one notice says what happened, as the answers' journal says it:
the change was recovered from the snapshot and written back to the record, naming whom.
"""

import datetime as dt
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store import core as store_core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

MONDAY = dt.date(2026, 12, 7)


def read(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tracker = Tracker(store, "kim")
        book = tracker.read()
    return book, tracker, [str(w.message) for w in caught
                           if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("eager", [True, False])  # a snapshot rewritten at each save, or lagging
def test_a_cut_inside_what_the_snapshot_covers_is_said_recovered(tmp_path, monkeypatch,
                                                                 eager):
    if not eager:
        monkeypatch.setattr(store_core, "EAGER_SIZE", 0)
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "kim")
    book = tracker.change(model.add_op("Ana Ruiz", org="Parks", person_id="ana",
                                       today=MONDAY, now=MONDAY))
    book = tracker.change(model.add_op("Bo Lind", person_id="bo", today=MONDAY, now=MONDAY))
    book = tracker.change(model.step_op(book, "bo", "drafted", MONDAY, today=MONDAY))
    tracker.change(model.add_op("Cy Moss", person_id="cy", today=MONDAY, now=MONDAY))
    record = store.client_folder("kim") / JOURNAL
    data = record.read_bytes()
    lines = data.splitlines(keepends=True)
    record.write_bytes(data[:len(lines[0]) + len(lines[1]) // 2])  # inside Bo's add

    book, tracker, said = read(store)
    assert sorted(book.people) == ["ana", "bo", "cy"]
    assert book.people["bo"].steps == {"noted": "2026-12-07", "drafted": "2026-12-07"}
    assert len(said) == 1, said
    assert "is not in the record" not in said[0]
    assert "a change (add) of 'bo') was cut off" in said[0]
    assert "recovered from conversations.json" in said[0]
    assert "written back to the record (Bo Lind, Cy Moss): none was lost" in said[0]
    assert tracker.notice == said[0]

    again, _, said = read(store)  # nothing more to say; the record alone gives the list
    assert said == []
    (store.client_folder("kim") / SNAPSHOT).unlink()
    alone, _, said = read(store)
    assert said == []
    assert sorted(alone.people) == ["ana", "bo", "cy"]
    assert alone.people["bo"].steps == book.people["bo"].steps
    assert not list(store.client_folder("kim").glob(f"{SNAPSHOT}.unmatched-*"))
