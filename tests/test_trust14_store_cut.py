"""Issue 20, round 8a F2: a large record cut mid-line inside what its snapshot covers.

Past ``EAGER_SIZE`` the snapshot (``answers.json``) lags the journal and its side file
(``answers.json.since``) keeps the saves after it. A sync tool that cut the journal in the
middle of a line the snapshot covers lost the saves only the side file held (150 sessions
read as 128), and the next save wrote the side file anew: the loss became permanent. Now
the side file's lines are applied and written back with what the snapshot holds, at any
cut point, and the notice says so; a side file is never written anew over lines its
record lacks.

The sweeps cut the record at every line end (and one byte either side) and every few
bytes in between, and check after each cut: every session (person, step) is read back,
the journal (record) alone holds them again, and a save after it keeps them.
"""

import datetime as dt
import json
import os
import random
import shutil
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store import since as side
from workbook.session.tracker import JOURNAL as CONV
from workbook.session.tracker import SNAPSHOT, Tracker

D0 = dt.date(2026, 1, 1)
N = 40


def _full(seed):
    r = random.Random(seed)
    return {ing: {"items": {f"{ing}_{i}": r.randint(1, 5) for i in ids}}
            for ing, ids in [("hope", [1, 6, 7, 8, 9]), ("time", [1, 2, 6, 7, 5])]}


def _day(n):
    return (D0 + dt.timedelta(days=n)).isoformat()


def _expected():
    """The sessions by hand: N full ones; day 7 removed; day 3 removed, then saved again
    with one section; the last day saved again whole; day 5's hope replaced."""
    sessions = {_day(n): _full(n) for n in range(N)}
    del sessions[_day(7)]
    sessions[_day(3)] = {"time": {"items": {"time_1": 1}}}
    sessions[_day(N - 1)] = _full(999)
    sessions[_day(5)] = {**sessions[_day(5)], "hope": {"items": {"hope_1": 1}}}
    return sessions


def _quiet(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = func(*args)
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _offsets(data: bytes, step: int) -> list:
    ends = [i + 1 for i, byte in enumerate(data) if byte == 10]
    near = {end + d for end in ends for d in (-1, 0, 1)}
    return sorted(o for o in near | set(range(0, len(data), step)) if 0 <= o < len(data))


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch):
    """Hundreds of cuts: durability is not what is tried here (fsync is slow on a busy disk)."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def _cut(path, offset):
    with open(path, "r+b") as fh:
        fh.truncate(offset)


@pytest.fixture(params=[3000, 0])
def lagging(tmp_path, monkeypatch, request):
    """Client big: answers.json lags; answers.json.since keeps the last saves (a removed
    session saved again, a session saved again whole, one section replaced). Rewritten at
    every save up to 3000 bytes, or only when outgrown by a quarter (0)."""
    monkeypatch.setattr("workbook.session.store.core.EAGER_SIZE", request.param)
    root = tmp_path / "pristine"
    store = ClientStore(root)
    for n in range(N):
        store.save("big", _full(n), session=_day(n))
    store.remove_session("big", _day(3))
    store.remove_session("big", _day(7))  # (a removal rewrites the snapshot: the rest lag)
    store.save("big", {"time": {"items": {"time_1": 1}}}, session=_day(3))
    store.save("big", _full(999), session=_day(N - 1))
    store.save("big", {"hope": {"items": {"hope_1": 1}}}, session=_day(5))
    folder = store.folder("big")
    assert store.history("big") == _expected()
    kept = (folder / "answers.json.since").read_bytes()
    for n in (3, 5, N - 1):  # the last saves only the side file holds beside the journal
        assert b'"session":"%s"' % _day(n).encode() in kept
    covered = json.loads((folder / "answers.json").read_text())["journal_bytes"]
    assert covered < (folder / "journal.jsonl").stat().st_size
    return root, folder.name, covered


def test_the_journal_cut_at_any_byte_loses_no_session(lagging, tmp_path):
    root, name, covered = lagging
    data = (root / name / "journal.jsonl").read_bytes()
    offsets = _offsets(data, 61)
    assert sum(o < covered for o in offsets) > 200  # the cuts inside the snapshot's part
    later = {"energy": {"items": {"energy_1": 2}}}
    for offset in offsets:
        ws = tmp_path / "ws"
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(root, ws)
        _cut(ws / name / "journal.jsonl", offset)
        # before the fix: 39 sessions, but day 3, day 5 and the last day as answers.json
        # held them (the side file's saves lost) for every mid-line cut before `covered`
        got, _ = _quiet(ClientStore(ws).history, "big")
        assert got == _expected(), offset
        alone = tmp_path / "alone"  # the journal alone holds them again
        shutil.rmtree(alone, ignore_errors=True)
        shutil.copytree(ws, alone)
        for path in (alone / name).glob("answers.json*"):
            path.unlink()
        got, _ = _quiet(ClientStore(alone).history, "big")
        assert got == _expected(), offset
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ClientStore(ws).save("big", later, session="2026-12-01")
        got, said = _quiet(ClientStore(ws).history, "big")
        assert got == {**_expected(), "2026-12-01": later}, offset
        assert said == [], offset


def test_the_notice_names_the_sessions_the_side_file_gave_back(lagging, tmp_path):
    root, name, covered = lagging
    ws = tmp_path / "ws"
    shutil.copytree(root, ws)
    journal = ws / name / "journal.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    # the cut falls in the 20th line, inside what answers.json covers
    start = len(b"".join(lines[:19]))
    assert start + 80 < covered
    _cut(journal, start + 80)
    got, said = _quiet(ClientStore(ws).history, "big")
    assert len(got) == N - 1
    assert len(said) == 1
    assert f"a save of session {_day(19)})" in said[0]
    assert ("the save it held, and those of the lines cut off after it, were recovered from "
            "answers.json and answers.json.since and written back to the record") in said[0]
    days = said[0].split("(sessions ")[1].split("): none was lost")[0].split(", ")
    # the sessions from the cut on, the ones the side file held (day 3 saved again after
    # its removal, day 5), and the removal of day 7 (its line was cut off too)
    assert days == sorted([_day(3), _day(5)] + [_day(n) for n in range(19, N)]) + [
        f"{_day(7)} (its removal)"]
    assert "none was lost" in said[0]
    assert not (ws / name / "answers.json.since").exists()  # the snapshot covers all now


def test_the_side_file_is_never_written_anew_over_saves_the_record_lacks(tmp_path):
    snap, record = tmp_path / "answers.json", tmp_path / "journal.jsonl"
    record.write_bytes(b'{"a":1}\n')
    kept = b'{"journal_bytes":3,"journal_sha256":"%s"}\n{"b":2}\n{"a":1}\n' % (b"1" * 64)
    side.path_of(snap).write_bytes(kept)
    # a save with a snapshot the side file does not follow: before, it was overwritten
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        side.keep(snap, 8, "0" * 64, None, b'{"c":3}\n', record=record)
    [aside] = tmp_path.glob("answers.json.since.unread-*")
    assert aside.read_bytes() == kept
    assert oct(aside.stat().st_mode & 0o777) == "0o600"
    assert side.read(snap, 8, "0" * 64) == b'{"c":3}\n'
    [said] = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert "kept 1 line of saves that" in said and aside.name in said
    # lines the record holds: written anew, nothing set aside
    record.write_bytes(b'{"a":1}\n{"c":3}\n')
    side.keep(snap, 0, "2" * 64, None, b'{"a":1}\n', record=record)
    assert len(list(tmp_path.glob("answers.json.since.unread-*"))) == 1


# -- conversations.jsonl, its snapshot and side file (the tracker) ----------------------------
FRI = "2026-11-27"


def _people(book):
    return {pid: (person.name, sorted(person.steps)) for pid, person in book.people.items()}


def test_the_conversations_record_cut_at_any_byte_loses_no_change(tmp_path, monkeypatch):
    monkeypatch.setattr("workbook.session.store.core.EAGER_SIZE", 0)
    root = tmp_path / "pristine"
    tracker = Tracker(ClientStore(root), "ann")
    tracker.change(model.add_op("P0", person_id="p00", today=FRI, why="w" * 3000))
    for n in range(1, 20):
        tracker.change(model.add_op(f"P{n}", person_id=f"p{n:02d}", today=FRI))
    tracker.change(model.add_op("Late", person_id="late", today="2026-12-04"))
    book = tracker.read()
    tracker.change(model.step_op(book, "p01", "sent", "2026-12-04", today="2026-12-04"))
    folder = tracker.store.folder("ann")
    assert (folder / (SNAPSHOT + ".since")).exists()
    expected = {f"p{n:02d}": (f"P{n}", ["noted"]) for n in range(20)}
    expected.update(late=("Late", ["noted"]), p01=("P1", ["noted", "sent"]))
    assert _people(tracker.read()) == expected
    data = (folder / CONV).read_bytes()
    for offset in _offsets(data, 97):
        ws = tmp_path / "ws"
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(root, ws)
        _cut(ws / folder.name / CONV, offset)
        book, _ = _quiet(Tracker(ClientStore(ws), "ann").read)
        assert _people(book) == expected, offset
        there = Tracker(ClientStore(ws), "ann")
        _quiet(there.change, model.add_op("New", person_id="new", today="2026-12-05"))
        for path in (ws / folder.name).glob(SNAPSHOT + "*"):  # the record alone
            if path.name != CONV:
                path.unlink()
        book, _ = _quiet(Tracker(ClientStore(ws), "ann").read)
        assert _people(book) == {**expected, "new": ("New", ["noted"])}, offset
