"""A line added again with its texts decomposed (NFD: "ë" as "e" + U+0308) (round 14a V6).

A tool that rewrites text to NFD (some macOS file tools, a merge tool) adds a line again
holding the same texts in another normal form. The kit counts a name the same however
its letters are composed; a repeat must be too. It was applied as a new line: in
journal.jsonl over the later save (hope_1 4 back to 2), in conversations.jsonl the later
priority undone and the text doubled. Now it is named as a repeat and not applied, as a
repeat with 4 for 4.0 is (round 13a R11).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import warnings

from workbook.core.conversations import model
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

DAY = dt.date(2026, 12, 1)
TEXT = "Zoë ☃ said “hi”"


def _nfd(line: bytes) -> bytes:
    again = unicodedata.normalize("NFD", line.decode("utf-8")).encode("utf-8")
    assert again != line
    return again


def _said(read):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        out = read()
    return out, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_journal_line_again_in_nfd_is_a_repeat(tmp_path):
    store = ClientStore(tmp_path)
    store.save("C1", {"hope": {"items": {"hope_1": 2}, "reflections": [TEXT]}}, session=DAY)
    store.save("C1", {"hope": {"items": {"hope_1": 4}, "reflections": [TEXT]}}, session=DAY,
               base=store.load("C1"))
    journal = store.folder("C1") / JOURNAL_FILE
    first = journal.read_bytes().splitlines()[0]
    with open(journal, "ab") as out:
        out.write(_nfd(first) + b"\n")
    history, said = _said(lambda: ClientStore(tmp_path).history("C1"))
    assert history[str(DAY)]["hope"] == {"items": {"hope_1": 4}, "reflections": [TEXT]}
    assert len(said) == 1
    assert "line 3" in said[0] and "repeats line 1 in another form" in said[0]


def test_a_journal_line_with_another_text_is_still_applied(tmp_path):
    store = ClientStore(tmp_path)
    store.save("C1", {"hope": {"items": {"hope_1": 2}, "reflections": [TEXT]}}, session=DAY)
    journal = store.folder("C1") / JOURNAL_FILE
    first = journal.read_bytes().splitlines()[0]
    other = first.replace("Zoë".encode(), b"Zoe")
    with open(journal, "ab") as out:
        out.write(other + b"\n")
    history, said = _said(lambda: ClientStore(tmp_path).history("C1"))
    assert history[str(DAY)]["hope"]["reflections"] == [TEXT.replace("ë", "e")]
    assert not any("repeats" in w for w in said)


def test_a_conversations_line_again_in_nfd_is_a_repeat(tmp_path):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "C1")
    book = tracker.change(model.add_op("Ana Ruiz", person_id="ana", today=DAY, now=DAY))
    book = tracker.change(model.edit_op(book, "ana", learned="Zoë said: archives", priority=1))
    tracker.change(model.edit_op(book, "ana", learned="second text", priority=3))
    record = store.client_folder("C1") / JOURNAL
    line = next(x for x in record.read_bytes().splitlines() if b"archives" in x)
    with open(record, "ab") as out:
        out.write(_nfd(line) + b"\n")
    book, said = _said(lambda: Tracker(ClientStore(tmp_path), "C1").read())
    ana = book.people["ana"]
    assert (ana.learned, ana.priority) == ("second text", 3)
    assert len(said) == 1 and "repeats line" in said[0] and "in another form" in said[0]
