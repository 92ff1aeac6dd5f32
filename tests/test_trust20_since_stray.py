"""A side file that is not its snapshot's own (round 14a V5, V10).

V5: a large record on two laptops; laptop A's ``answers.json`` was rewritten after the
copy, then A saved more (into its ``answers.json.since``); a sync keeping the last writer
puts laptop B's journal and B's side file over A's folder, A's snapshot staying. B's side
file follows B's snapshot, not A's: A's saves after its rewrite are held by no file. The
rebuild named only what it wrote back from the snapshot, and deleted B's side file. Now
the side file is read as a missing one: set aside as ``.unread-<time>`` and named, and the
notice says saves made after the snapshot's time may be missing.

V10: a side file whose lines were saved for another client, beside a PRESENT snapshot
(R8's fix covered a missing one): over an older journal put back, this client's latest
saves were gone unnamed and the side file deleted; over the journal as it was, the notice
said the journal was changed outside the kit (untrue). Now it is set aside and named, and
(over the older journal) the notice says saves may be missing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings

from workbook.core.conversations import model
from workbook.session import tracker as tracker_module
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

DAY0 = dt.date(2025, 1, 6)
MONDAY = dt.date(2026, 12, 7)


def _day(n):
    return DAY0 + dt.timedelta(weeks=n)


def _save(store, n):
    store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5}, "reflections": [f"w{n}"]}},
               session=_day(n))


def _lag(monkeypatch, on=True):
    monkeypatch.setattr(core, "EAGER_SIZE", 0 if on else 64 * 1024)
    monkeypatch.setattr(core, "REWRITE_SHARE", 1000 if on else 0.25)


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("big")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_the_other_laptops_side_file_over_a_rewritten_snapshot(tmp_path, monkeypatch):
    base = ClientStore(tmp_path / "base")
    for n in range(4):
        _save(base, n)
    shutil.copytree(tmp_path / "base", tmp_path / "a")
    shutil.copytree(tmp_path / "base", tmp_path / "b")
    _lag(monkeypatch)
    b = ClientStore(tmp_path / "b")
    for n in (20, 21):  # B's snapshot lags: its side file keeps them
        _save(b, n)
    _lag(monkeypatch, on=False)
    a = ClientStore(tmp_path / "a")
    for n in (4, 5):  # A's snapshot is rewritten at each of these
        _save(a, n)
    _lag(monkeypatch)
    for n in (6, 7):  # then lags: A's side file keeps them
        _save(a, n)
    folder, other = a.folder("big"), b.folder("big")
    assert (folder / "answers.json.since").exists()
    for name in (JOURNAL_FILE, "answers.json.since"):  # B saved last: a last-writer sync
        shutil.copy(other / name, folder / name)
    history, said = _read(tmp_path / "a")
    assert sorted(history) == [str(_day(n)) for n in (0, 1, 2, 3, 4, 5, 20, 21)]
    words = " ".join(said)
    assert "answers.json.since (client 'big') follows another copy of answers.json" in words
    assert "may be missing" in words  # A's weeks 6 and 7, held by no file
    assert [p.name for p in folder.glob("answers.json.since.unread-*")]
    assert not (folder / "answers.json.since").exists()
    again, said_again = _read(tmp_path / "a")  # said once
    assert again == history and said_again == []


def _big(root, monkeypatch):
    """12 weekly saves of "big": the journal copied after 4; the snapshot covers 8."""
    store = ClientStore(root)
    for n in range(12):
        if n == 8:
            _lag(monkeypatch)
        _save(store, n)
        if n == 3:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    return store.folder("big"), old


def _foreign(folder):
    """The side file's lines made another client's (copied from that client's folder)."""
    path = folder / "answers.json.since"
    head, *lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(head + b"".join(json.dumps({**json.loads(line), "client_id": "zz"}
                                                ).encode() + b"\n" for line in lines))


def test_another_clients_side_file_over_an_older_journal(tmp_path, monkeypatch):
    folder, old = _big(tmp_path, monkeypatch)
    _foreign(folder)
    (folder / JOURNAL_FILE).write_bytes(old)
    history, said = _read(tmp_path)
    assert sorted(history) == [str(_day(n)) for n in range(8)]
    words = " ".join(said)
    assert "keeps saves made for another client, 'zz'" in words
    assert "may be missing" in words
    assert [p.name for p in folder.glob("answers.json.since.unread-*")]
    again, said_again = _read(tmp_path)
    assert again == history and said_again == []


def test_another_clients_side_file_beside_the_journal_as_it_was(tmp_path, monkeypatch):
    folder, _ = _big(tmp_path, monkeypatch)
    _foreign(folder)
    history, said = _read(tmp_path)
    assert sorted(history) == [str(_day(n)) for n in range(12)]  # nothing lost
    assert len(said) == 1
    assert "keeps saves made for another client, 'zz'" in said[0]
    assert "changed outside the kit" not in said[0]
    assert [p.name for p in folder.glob("answers.json.since.unread-*")]


def _listed(store, monkeypatch, names, lag_from):
    tracker = Tracker(store, "cc")
    for n, name in enumerate(names):
        if n == lag_from:
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)
        tracker.change(model.add_op(name, person_id=name.replace(" ", ""), today=MONDAY,
                                    now=MONDAY))


def _read_list(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(root), "cc").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def test_the_other_laptops_list_side_file(tmp_path, monkeypatch):
    _listed(ClientStore(tmp_path / "base"), monkeypatch, ["P 0", "P 1"], lag_from=99)
    shutil.copytree(tmp_path / "base", tmp_path / "a")
    shutil.copytree(tmp_path / "base", tmp_path / "b")
    _listed(ClientStore(tmp_path / "b"), monkeypatch, ["B 0"], lag_from=0)
    monkeypatch.setattr(core, "EAGER_SIZE", 64 * 1024)
    _listed(ClientStore(tmp_path / "a"), monkeypatch, ["A 0", "A 1", "A 2"], lag_from=2)
    folder = ClientStore(tmp_path / "a").client_folder("cc")
    other = ClientStore(tmp_path / "b").client_folder("cc")
    assert (folder / f"{SNAPSHOT}.since").exists()
    for name in (JOURNAL, f"{SNAPSHOT}.since"):
        shutil.copy(other / name, folder / name)
    book, said = _read_list(tmp_path / "a")
    assert sorted(p.name for p in book.people.values()) == ["A 0", "A 1", "B 0", "P 0", "P 1"]
    words = " ".join(said)
    assert f"{SNAPSHOT}.since (client 'cc') follows another copy of {SNAPSHOT}" in words
    assert "may be missing" in words  # A 2, held by no file
    assert [p.name for p in folder.glob(f"{SNAPSHOT}.since.unread-*")]


def test_another_clients_list_side_file_over_an_older_record(tmp_path, monkeypatch):
    store = ClientStore(tmp_path)
    _listed(store, monkeypatch, ["P 0", "P 1"], lag_from=99)
    folder = store.client_folder("cc")
    old = (folder / JOURNAL).read_bytes()
    _listed(store, monkeypatch, ["P 2", "P 3"], lag_from=0)
    _listed(store, monkeypatch, ["P 4"], lag_from=0)
    path = folder / f"{SNAPSHOT}.since"
    head, *lines = path.read_bytes().splitlines(keepends=True)
    assert lines
    path.write_bytes(head + b"".join(json.dumps({**json.loads(line), "client_id": "dd"}
                                                ).encode() + b"\n" for line in lines))
    (folder / JOURNAL).write_bytes(old)
    book, said = _read_list(tmp_path)
    words = " ".join(said)
    assert "keeps saves made for another client, 'dd'" in words
    assert "may be missing" in words
    assert sorted(p.name for p in book.people.values()) == ["P 0", "P 1"]
    assert [p.name for p in folder.glob(f"{SNAPSHOT}.since.unread-*")]
