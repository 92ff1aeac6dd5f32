"""Round 13a R13, the conversations half: a folder at ``conversations.json``'s name (a sync
tool can make one) left the client out of export-clients and followups ("cannot read ...:
Is a directory"), though the record, conversations.jsonl, is whole. It is read now like a
missing snapshot (the list rebuilt from the record) and named once, as answers.json is.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.cli import main
from workbook.core.conversations import model
from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import SNAPSHOT, Tracker

DAY = dt.date(2026, 12, 1)


def _workspace(root):
    store = ClientStore(root)
    store.save("C1", {"hope": {"items": {"hope_1": 4}}}, session=DAY)
    store.save("C2", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    tracker = Tracker(store, "C1")
    book = tracker.change(model.add_op("Ana Ruiz", org="City Library", today=DAY,
                                       person_id="p1"))
    tracker.change(model.step_op(book, "p1", "sent", DAY, today=DAY))
    folder = store.folder("C1")
    (folder / SNAPSHOT).unlink()
    (folder / SNAPSHOT).mkdir(mode=0o700)
    return store


def _read(store):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(store.root), "C1").read()
    return book, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_folder_at_the_snapshot_name_is_read_as_a_missing_snapshot(tmp_path):
    store = _workspace(tmp_path / "ws")
    book, said = _read(store)
    assert [(p.name, p.org, p.steps) for p in book.people.values()] == [
        ("Ana Ruiz", "City Library", {"noted": "2026-12-01", "sent": "2026-12-01"})]
    assert len(said) == 1
    assert f"{SNAPSHOT} (client 'C1') is a folder, not the snapshot the kit writes" in said[0]
    assert "move that folder out" in said[0]
    assert (store.folder("C1") / SNAPSHOT).is_dir()  # not the kit's: left where it is
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StoreWarning)
        with pytest.raises(WorkbookError):  # a change cannot write it: refused, not lost
            Tracker(ClientStore(store.root), "C1").change(
                model.add_op("Bo Lee", org="Dock Co", today=DAY, person_id="p2"))
    book, _ = _read(store)
    assert list(book.people) == ["p1"]


def test_export_and_followups_keep_the_client(tmp_path, capsys):
    store = _workspace(tmp_path / "ws")
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "left out" not in err
    assert "wrote 2 session(s) of 2 client(s)" in err
    rows = out.read_text(encoding="utf-8").splitlines()
    assert sum(row.startswith("C1,") for row in rows) == 1
    assert main(["followups", "--workspace", str(store.root)]) == 0
    got = capsys.readouterr()
    assert "left out" not in got.err
    assert "of 2 clients in the workspace" in got.out
    assert "for 1 client" in got.out  # C1's nudge to Ana Ruiz, read from the record
