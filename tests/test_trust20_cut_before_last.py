"""Round 14a V13: a record cut inside a line before its last: what is written back keeps its time.

A tool cut laptop A's journal.jsonl (or conversations.jsonl) inside its second line, so the
lines after it went too. A reading repairs it from the snapshot: the cut line's own save kept
its time (round 13a R19), but the saves or changes cut off after it were written back with
the repair's time, so after a sync joining laptop B's record a session B removed came back
(and a person B took off, a step B took back), with no word. They now carry the snapshot's
time and name the lines they restate, so B's later removal and undo stand.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import warnings

from workbook.core.conversations import model
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

DAYS = [dt.date(2026, 10, 5), dt.date(2026, 11, 2), dt.date(2026, 11, 30)]
MONDAY = dt.date(2026, 12, 7)


def _quiet(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _cut_inside_second_line(record):
    """Cut ``record`` 10 bytes into its second line; the bytes before the cut line."""
    lines = record.read_bytes().splitlines(keepends=True)
    os.truncate(record, len(lines[0]) + 10)
    return len(lines[0])


def test_a_session_removed_on_the_other_laptop_stays_removed(tmp_path):
    store = ClientStore(tmp_path / "a")
    for n, day in enumerate(DAYS):
        store.save("c1", {"hope": {"items": {"hope_1": 5 - n}}}, session=day)
    folder = store.folder("c1")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    ClientStore(tmp_path / "b").remove_session("c1", DAYS[2])
    journal = folder / JOURNAL_FILE
    first = _cut_inside_second_line(journal)
    history, said = _quiet(lambda: ClientStore(tmp_path / "a").history("c1"))
    assert list(history) == [str(d) for d in DAYS], said
    union = tmp_path / "b" / folder.name / JOURNAL_FILE  # B's lines, then A's from line 2
    union.write_bytes(union.read_bytes() + journal.read_bytes()[first:])
    history, _ = _quiet(lambda: ClientStore(tmp_path / "b").history("c1"))
    assert list(history) == [str(DAYS[0]), str(DAYS[1])]


def test_a_person_taken_off_and_a_step_taken_back_on_the_other_laptop_stay_so(tmp_path):
    store = ClientStore(tmp_path / "a")
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ana Ruiz", person_id="a1", today=MONDAY, now=MONDAY))
    tracker.change(model.add_op("Ben Cho", person_id="b1", today=MONDAY, now=MONDAY))
    book = tracker.read()
    tracker.change(model.step_op(book, "a1", "noted", MONDAY, today=MONDAY))
    book = tracker.read()
    tracker.change(model.step_op(book, "a1", "sent", MONDAY, today=MONDAY))
    folder = store.client_folder("c1")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    other = Tracker(ClientStore(tmp_path / "b"), "c1")
    other.change(model.remove_op(other.read(), "b1", today=MONDAY))
    other.change(model.undo_op(other.read(), "a1"))
    record = folder / JOURNAL
    first = _cut_inside_second_line(record)
    book, said = _quiet(lambda: Tracker(ClientStore(tmp_path / "a"), "c1").read())
    assert set(book.people) == {"a1", "b1"} and "sent" in book.people["a1"].steps, said
    union = tmp_path / "b" / folder.name / JOURNAL
    union.write_bytes(union.read_bytes() + record.read_bytes()[first:])
    book, _ = _quiet(lambda: Tracker(ClientStore(tmp_path / "b"), "c1").read())
    assert set(book.people) == {"a1"}
    assert book.people["a1"].steps == {"noted": str(MONDAY)}
