"""A side file read with trouble beside a PRESENT snapshot is kept, not deleted (round 14a V20).

A large snapshot's side file (``answers.json.since``, ``conversations.json.since``) whose
first line was lost, that was cut short or re-encoded (UTF-16), over an older record put
back: the notice said its saves may be lost, and the rebuild then deleted the file, the
only copy of the whole lines it still held. Now it is kept as ``<name>.unread-<time>``
and the notice names it, as when the snapshot is missing (round 13a R4).
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session import tracker as tracker_module
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

DAY0 = dt.date(2025, 1, 6)
MONDAY = dt.date(2026, 12, 7)


def _first_line_lost(raw):
    return raw.split(b"\n", 1)[1]


def _cut(raw):
    return raw[:-30]


def _utf16(raw):
    return raw.decode("utf-8").encode("utf-16")


HOW = {"first line lost": _first_line_lost, "cut short": _cut, "UTF-16": _utf16}


@pytest.mark.parametrize("how", list(HOW))
def test_the_answers_side_file_is_kept(tmp_path, monkeypatch, how):
    store = ClientStore(tmp_path)
    for n in range(12):  # the snapshot covers 8; its side file keeps 8-11
        if n == 8:
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
        store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5}}},
                   session=DAY0 + dt.timedelta(weeks=n))
        if n == 3:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    folder = store.folder("big")
    side = folder / "answers.json.since"
    raw = side.read_bytes()
    side.write_bytes(HOW[how](raw))
    (folder / JOURNAL_FILE).write_bytes(old)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ClientStore(tmp_path).history("big")
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, StoreWarning))
    kept = list(folder.glob("answers.json.since.unread-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == HOW[how](raw)
    assert f"the file as it was is kept as {kept[0].name}" in said


@pytest.mark.parametrize("how", list(HOW))
def test_the_lists_side_file_is_kept(tmp_path, monkeypatch, how):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "cc")
    for n in range(8):  # the snapshot covers 5; its side file keeps 5-7
        if n == 5:
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)
        tracker.change(model.add_op(f"Person {n}", person_id=f"x{n}", today=MONDAY,
                                    now=MONDAY))
        if n == 2:
            old = (store.client_folder("cc") / JOURNAL).read_bytes()
    folder = store.client_folder("cc")
    side = folder / f"{SNAPSHOT}.since"
    raw = side.read_bytes()
    side.write_bytes(HOW[how](raw))
    (folder / JOURNAL).write_bytes(old)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Tracker(ClientStore(tmp_path), "cc").read()
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, StoreWarning))
    kept = list(folder.glob(f"{SNAPSHOT}.since.unread-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == HOW[how](raw)
    assert f"the file as it was is kept as {kept[0].name}" in said
