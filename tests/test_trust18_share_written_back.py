"""Round 13a R20: a sharing choice written back by a repair keeps (about) its save time.

An older copy of conversations.jsonl put back on laptop A (the share line lost); a reading
rebuilds the list and writes back the sharing choices conversations.json held. That line
was stamped with the repair's time, so after a sync with laptop B, where the client had
since withdrawn the names, it counted as the later choice and the report named the
client's contacts again. It now carries the time the snapshot was written (no later than
the choice), so the client's later withdrawal decides.
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


def test_a_later_withdrawal_outranks_the_share_line_written_back(tmp_path):
    store = ClientStore(tmp_path / "a")
    tracker = Tracker(store, "c1")
    tracker.change(model.add_op("Ana Ruiz", person_id="a1", today=MONDAY, now=MONDAY))
    folder = store.client_folder("c1")
    old = (folder / JOURNAL).read_bytes()
    tracker.change(model.share_op(report=True, names=True))
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    b_folder = tmp_path / "b" / folder.name
    Tracker(ClientStore(tmp_path / "b"), "c1").change(model.share_op(report=True, names=False))
    (folder / JOURNAL).write_bytes(old)  # A: an older copy put back, then a reading repairs
    book, said = _read(tmp_path / "a")
    assert (book.share_report, book.share_names) == (True, True)
    assert any("written back" in s for s in said), said
    a_lines = (folder / JOURNAL).read_bytes().splitlines()
    b_lines = (b_folder / JOURNAL).read_bytes().splitlines()
    n = old.count(b"\n")
    written = json.loads(a_lines[n])
    withdrawn = json.loads(b_lines[-1])
    assert written["op"] == "share" and withdrawn["names"] is False
    assert written["at"] < withdrawn["at"]  # (both written here, in one time zone)
    union = b_folder / JOURNAL  # a sync keeping both files' lines
    union.write_bytes(b"\n".join(b_lines[:n] + a_lines[n:] + b_lines[n:]) + b"\n")
    merged, _ = _read(tmp_path / "b")
    assert (merged.share_report, merged.share_names) == (True, False)
