"""Whatever happens to a client's records, reading them loses nothing readable (issue 20).

The kit writes a list of changes (``conversations.jsonl``) or of saves (``journal.jsonl``);
then the files are damaged as editors, sync tools and crashes damage them: junk lines (random
bytes, JSON of odd types) put between lines or at the end, lines converted to CRLF, the record
cut short, the snapshot damaged, removed or left lagging. Reading must raise nothing but a
:class:`~workbook.core.exceptions.WorkbookError` with a message, and every line the kit wrote that
is still whole in the record must be read: the result is checked against an oracle that
replays those lines alone. A further change after the damage is kept too.

Then client folders in odd states (a damaged or foreign ``client.json``, a copied folder,
files that cannot be written or moved): a clear :class:`StoreError`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.session.conversations import model
from workbook.session.store import ID_FILE, JOURNAL_FILE, STATE_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DAY = dt.date(2026, 11, 2)

# -- damage ----------------------------------------------------------------------------------
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6)
_ODD_OPS = st.fixed_dictionaries({"op": st.sampled_from(["add", "step", "edit", "share", 3]),
                                  "id": st.one_of(st.none(), st.integers(), st.text(max_size=3))})
#: A junk line: random bytes, JSON of an odd type, or a near-op that is not well formed.
JUNK = st.one_of(
    st.binary(max_size=40),
    _JSON.map(lambda v: json.dumps(v).encode()),
    _ODD_OPS.map(lambda v: json.dumps(v).encode()),
    st.sampled_from([b"\r", b"\x00\x00", b"\xef\xbb\xbf{}", b"[1,", b'{"session": 20261105}',
                     b'{"op":"step","id":"p0","step":"held","date":"20261105"}']),
)


@st.composite
def damage(draw, n_lines):
    """How to damage a record of ``n_lines`` kit lines (and its snapshot)."""
    return {
        "junk": draw(st.dictionaries(st.integers(0, n_lines), JUNK, max_size=4)),
        "crlf": draw(st.sets(st.integers(0, n_lines - 1), max_size=n_lines)),
        "cut": draw(st.one_of(st.none(), st.integers(0, 400))),
        "tail": draw(st.one_of(st.none(), st.binary(min_size=1, max_size=20))),
        "snapshot": draw(st.sampled_from(["keep", "keep", "remove", "garbage", "cut", "types",
                                          "hash", "bytes", "no_hash"])),
    }


def _damaged_record(lines, how):
    """The record's new bytes, and the kit lines still whole in it (in order)."""
    out = []
    for n, line in enumerate(lines):
        if n in how["junk"]:
            out.append(how["junk"][n] + b"\n")
        out.append(line + (b"\r\n" if n in how["crlf"] else b"\n"))
    if len(lines) in how["junk"]:
        out.append(how["junk"][len(lines)] + b"\n")
    raw = b"".join(out)
    if how["cut"] is not None:
        raw = raw[:max(len(raw) - how["cut"], 0)]
    if how["tail"] is not None:
        raw += how["tail"]  # a last line without its end (a crash mid-append)
    return raw, _whole(raw, lines, how)


def _whole(raw, lines, how):
    """The kit lines that are still whole lines of ``raw`` (the damaged record), in order."""
    whole, pos = [], 0
    for n, line in enumerate(lines):
        if n in how["junk"]:
            pos += len(how["junk"][n]) + 1
        end = pos + len(line) + (2 if n in how["crlf"] else 1)
        if raw[pos:end].rstrip(b"\r\n") == line and raw[end - 1:end] == b"\n":
            whole.append(line)
        elif b"\n" not in raw[pos:] and raw[pos:].strip() == line:  # only its end is missing:
            whole.append(line)  # under the folder's lock it is ended, and read
        pos = end
    return whole


def _damage_snapshot(path: Path, how: str) -> None:
    if how == "keep" or not path.exists():
        return
    if how == "remove":
        path.unlink()
        return
    raw = path.read_bytes()
    state = json.loads(raw)
    if how == "garbage":
        path.write_bytes(b"\x00\xff{" + raw[:20])
    elif how == "cut":
        path.write_bytes(raw[:len(raw) // 2])
    elif how == "types":
        path.write_bytes(json.dumps([state]).encode())
    elif how == "hash":
        state["journal_sha256"] = "0" * 64
        path.write_text(json.dumps(state))
    elif how == "bytes":
        state["journal_bytes"] = state["journal_bytes"] + 7
        path.write_text(json.dumps(state))
    elif how == "no_hash":
        state.pop("journal_sha256", None)
        path.write_text(json.dumps(state))


def _read_or_refuse(func):
    """Call ``func``; a WorkbookError with a message is allowed, anything else fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StoreWarning)
        try:
            return func()
        except WorkbookError as exc:
            assert str(exc), "an error without a message"
            return None


# -- the conversations record -------------------------------------------------------------------
#: What the kit does to a list: (kind, person number, value).
ACTIONS = st.lists(st.tuples(st.sampled_from(["add", "add", "step", "edit", "undo"]),
                             st.integers(0, 5), st.sampled_from(["Ana", "Bo <b>", "Zoë", "x"])),
                   min_size=1, max_size=25)


def _kit_ops(tracker, actions):
    """Apply ``actions`` through the tracker as a page would; the ops it saved."""
    book = tracker.read()
    saved = []
    for kind, n, value in actions:
        pid = f"p{n}"
        try:
            if kind == "add":
                op = model.add_op(value, person_id=pid, today=DAY, book=book)
            elif kind == "step":
                op = model.advance_op(book, pid, today=DAY + dt.timedelta(days=n))
            elif kind == "edit":
                op = model.edit_op(book, pid, learned=value, priority=1 + n % 3)
            else:
                op = model.undo_op(book, pid)
            book = tracker.change(op)  # (an add of a name listed already: refused, round 8)
        except model.ConversationError:
            continue  # refused before anything is saved
        saved.append(op)
    return saved


def _oracle_book(lines):
    book = model.Book()
    for line in lines:
        op = json.loads(line)
        if op["op"] == "add" and op["id"] in book.people:
            continue
        model.apply(book, op)
    return book


def _holds(book, oracle, lines, whole):
    """Every person of the oracle is in ``book``, with their steps and fields.

    A field no readable line sets may hold what a snapshot knew from a line cut away since:
    any value the kit's own lines gave it at some point (``lines``: every line it wrote).
    A step may likewise hold what a kit line after the whole ones (``whole``, the record's
    first lines as damaged) made of it, never what an earlier line did: a cut-off last line
    the snapshot held is written back from it, so a step it took back stays taken back
    (README: "a cut-off last line that conversations.json still holds is written back").
    """
    states = [_oracle_book(lines[:n]) for n in range(len(lines) + 1)]
    assert lines[:len(whole)] == whole  # damage cuts only the end
    later = states[len(whole):]
    for pid, want in oracle.people.items():
        got = book.people.get(pid)
        assert got is not None, pid
        for field in ("name", "learned", "priority", "org"):
            seen = {getattr(s.people[pid], field) for s in states if pid in s.people}
            assert getattr(got, field) in {getattr(want, field)} | seen, (pid, field)
        for step, day in want.steps.items():
            after = {s.people[pid].steps.get(step) for s in later if pid in s.people}
            assert got.steps.get(step) in {day} | after, (pid, step)


@FUZZ
@given(actions=ACTIONS, data=st.data())
def test_a_damaged_conversations_record_loses_nothing_readable(actions, data):
    with tempfile.TemporaryDirectory() as tmp:
        tracker = Tracker(ClientStore(Path(tmp) / "ws"), "ann")
        _kit_ops(tracker, actions)
        folder = tracker.store.folder("ann")
        lines = (folder / JOURNAL).read_bytes().splitlines() if (folder / JOURNAL).exists() \
            else []
        if not lines:
            return
        how = data.draw(damage(len(lines)))
        raw, whole = _damaged_record(lines, how)
        (folder / JOURNAL).write_bytes(raw)
        _damage_snapshot(folder / SNAPSHOT, how["snapshot"])
        fresh = Tracker(ClientStore(Path(tmp) / "ws"), "ann")
        book = _read_or_refuse(fresh.read)
        assert book is not None, "a damaged record must still be read"
        oracle = _oracle_book(whole)
        _holds(book, oracle, lines, whole)
        # a further change is kept, and nothing read before is lost by it
        after = _read_or_refuse(lambda: fresh.change(model.add_op("Late", person_id="late",
                                                                  today=DAY)))
        assert after is not None
        again = _read_or_refuse(Tracker(ClientStore(Path(tmp) / "ws"), "ann").read)
        assert again.people["late"].name == "Late"
        _holds(again, oracle, lines, whole)  # a line cut just before its end was ended on reading


# -- the answers' journal ----------------------------------------------------------------------
SAVES = st.lists(st.tuples(st.sampled_from(["2026-11-02", "2026-11-09", "2026-12-01"]),
                           st.sampled_from(["hope", "time", "energy"]), st.integers(1, 5),
                           st.integers(0, 3000)),
                 min_size=1, max_size=20)


def _oracle_sessions(lines):
    sessions = {}
    for line in lines:
        entry = json.loads(line)
        sessions.setdefault(entry["session"], {}).update(entry["answers"])
    return sessions


@FUZZ
@given(saves=SAVES, data=st.data())
def test_a_damaged_journal_loses_no_readable_answer(saves, data):
    with tempfile.TemporaryDirectory() as tmp:
        store = ClientStore(Path(tmp) / "ws")
        for day, section, value, pad in saves:
            store.save("ann", {section: {"items": {f"{section}_1": value},
                                         "reflections": ["p" * pad]}}, session=day)
        folder = store.folder("ann")
        lines = (folder / JOURNAL_FILE).read_bytes().splitlines()
        how = data.draw(damage(len(lines)))
        raw, whole = _damaged_record(lines, how)
        (folder / JOURNAL_FILE).write_bytes(raw)
        _damage_snapshot(folder / STATE_FILE, how["snapshot"])
        fresh = ClientStore(Path(tmp) / "ws")
        history = _read_or_refuse(lambda: fresh.history("ann"))
        assert history is not None, "a damaged journal must still be read"
        oracle = _oracle_sessions(whole)
        # a save cut off that the snapshot still held is written back (N5): a section may
        # hold what a later kit line set, never what an earlier one did
        later = [_oracle_sessions(lines[:n]) for n in range(len(whole), len(lines) + 1)]
        for day, sections in oracle.items():
            for section in sections:
                assert history[day][section] in [s[day][section] for s in later], (day, section)
        assert _read_or_refuse(lambda: fresh.save("ann", {"late": {}}, session="2026-12-04"))
        again = _read_or_refuse(lambda: ClientStore(Path(tmp) / "ws").history("ann"))
        assert again["2026-12-04"] == {"late": {}}
        # a last line cut just before its end was ended by the first read (under the lock)
        for day, sections in oracle.items():
            for section in sections:
                assert again[day][section] == history[day][section], (day, section)


# -- any byte anywhere -----------------------------------------------------------------------------
EDITS = st.lists(st.tuples(st.sampled_from(["journal", "snapshot"]), st.floats(0, 1),
                           st.sampled_from(["flip", "drop", "insert"]), st.binary(max_size=3)),
                 min_size=1, max_size=4)


def _edit(path: Path, where: float, how: str, data: bytes) -> None:
    if not path.exists():
        return
    raw = path.read_bytes()
    at = int(where * len(raw))
    if how == "flip" and raw:
        at = min(at, len(raw) - 1)
        raw = raw[:at] + bytes([raw[at] ^ 0x20]) + raw[at + 1:]
    elif how == "drop":
        raw = raw[:at] + raw[at + 1 + len(data):]
    else:
        raw = raw[:at] + data + raw[at:]
    path.write_bytes(raw)


@FUZZ
@given(edits=EDITS)
def test_bytes_edited_anywhere_give_words_never_a_traceback(edits):
    """One byte of an earlier line edited, or of a snapshot: read, say so, and go on."""
    with tempfile.TemporaryDirectory() as tmp:
        store = ClientStore(Path(tmp) / "ws")
        tracker = Tracker(store, "ann")
        for n in range(6):
            store.save("ann", {f"s{n % 3}": {"items": {"i": n}}}, session="2026-11-02")
            book = tracker.change(model.add_op(f"P{n}", person_id=f"p{n}", today=DAY))
        tracker.change(model.step_op(book, "p1", "sent", DAY, today=DAY))
        folder = store.folder("ann")
        for what, where, how, data in edits:
            for name in ((JOURNAL_FILE, JOURNAL) if what == "journal" else (STATE_FILE,
                                                                           SNAPSHOT)):
                _edit(folder / name, where, how, data)
        fresh = ClientStore(Path(tmp) / "ws")
        calls = {"answers": (lambda: fresh.history("ann"),
                             lambda: fresh.save("ann", {"late": {}}, session="2026-12-04"),
                             lambda: ClientStore(Path(tmp) / "ws").history("ann")),
                 "list": (Tracker(fresh, "ann").read,
                          lambda: Tracker(fresh, "ann").change(model.add_op("L", person_id="l")),
                          lambda: Tracker(ClientStore(Path(tmp) / "ws"), "ann").read())}
        for what, (read, change, again) in calls.items():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", StoreWarning)
                    read()
            except StoreError as exc:  # an edit made the snapshot name another client
                assert "another client" in str(exc), str(exc)
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", StoreWarning)
                change()
                after = again()
            assert (after["2026-12-04"] == {"late": {}}) if what == "answers" else (
                "l" in after.people)


# -- client folders in odd states ----------------------------------------------------------------
@pytest.fixture
def ann(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-26")
    Tracker(store, "ann").change(model.add_op("Ana", person_id="p1", today=DAY))
    return store


def test_a_copied_folder_is_refused_with_words_by_every_reader(ann):
    shutil.copytree(ann.folder("ann"), ann.folder("bob"))  # a copied client folder
    fresh = ClientStore(ann.root)
    for call in (lambda: fresh.load("bob"), lambda: fresh.save("bob", {"x": {}}),
                 lambda: Tracker(fresh, "bob").read(),
                 lambda: Tracker(fresh, "bob").change(model.add_op("Bo"))):
        with pytest.raises(StoreError, match="another client"):
            call()
    assert fresh.clients() == ["ann"]
    assert fresh.load("ann") == {"hope": {"items": {"hope_1": 4}}}


@pytest.mark.parametrize("content", [b"", b"\x00\xff", b"[1, 2]", b'{"client_id": 7}',
                                     b'{"client_id": "ann"'])
def test_a_damaged_id_file_is_mended_from_the_records(ann, content):
    (ann.folder("ann") / ID_FILE).write_bytes(content)
    fresh = ClientStore(ann.root)
    assert fresh.load("ann") == {"hope": {"items": {"hope_1": 4}}}
    assert list(Tracker(fresh, "ann").read().people) == ["p1"]
    assert json.loads((ann.folder("ann") / ID_FILE).read_text())["client_id"] == "ann"


def test_an_id_file_that_is_a_folder_is_set_aside(ann):
    (ann.folder("ann") / ID_FILE).unlink()
    (ann.folder("ann") / ID_FILE).mkdir()
    fresh = ClientStore(ann.root)
    assert _read_or_refuse(lambda: fresh.load("ann")) in (None, {"hope": {"items":
                                                                          {"hope_1": 4}}})


@pytest.mark.parametrize("name", [JOURNAL_FILE, STATE_FILE, JOURNAL, SNAPSHOT])
def test_a_record_that_is_a_folder_gives_a_clear_error(ann, name):
    path = ann.folder("ann") / name
    path.unlink()
    path.mkdir()
    fresh = ClientStore(ann.root)
    for call in (lambda: fresh.load("ann"), lambda: fresh.save("ann", {"x": {}}),
                 lambda: Tracker(fresh, "ann").read(),
                 lambda: Tracker(fresh, "ann").change(model.add_op("Bo"))):
        _read_or_refuse(call)  # a StoreError with a message, or it works: never a traceback


def _refuse(monkeypatch, func_name, names):
    """Make ``os.<func_name>`` fail with EACCES for paths ending in one of ``names``."""
    real = getattr(os, func_name)

    def refused(path, *args, **kwargs):
        if str(path).endswith(tuple(names)):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, func_name, refused)


@pytest.mark.parametrize("name, refused", [(JOURNAL_FILE, ["save"]), (JOURNAL, ["change"]),
                                           (".lock", ["save", "change"])])
def test_a_file_that_cannot_be_opened_gives_a_clear_error(ann, monkeypatch, name, refused):
    """Read-only files (as a user who is not root sees them): refused in words."""
    fresh = ClientStore(ann.root)
    _refuse(monkeypatch, "open", [name])
    calls = {"save": lambda: fresh.save("ann", {"x": {}}),
             "change": lambda: Tracker(fresh, "ann").change(model.add_op("Bo"))}
    for what, call in calls.items():
        if what in refused:
            with pytest.raises(StoreError, match="Permission denied"):
                call()
        else:
            call()


@pytest.mark.parametrize("snapshot", [STATE_FILE, SNAPSHOT])
def test_a_snapshot_that_cannot_be_moved_aside_gives_a_clear_error(ann, monkeypatch, snapshot):
    folder = ann.folder("ann")
    for record in (JOURNAL_FILE, JOURNAL):
        path = folder / record
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _refuse(monkeypatch, "replace", [snapshot])
    fresh = ClientStore(ann.root)
    read = (lambda: fresh.load("ann")) if snapshot == STATE_FILE else \
        (lambda: Tracker(fresh, "ann").read())
    with pytest.raises(StoreError, match="does not match its record.*Permission denied"):
        read()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_read_only_client_folder_gives_a_clear_error(ann):
    folder = ann.folder("ann")
    for path in folder.iterdir():
        path.chmod(0o400)
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError):
            ClientStore(ann.root).save("ann", {"x": {}})
        with pytest.raises(StoreError):
            Tracker(ClientStore(ann.root), "ann").change(model.add_op("Bo"))
    finally:
        folder.chmod(0o700)
        for path in folder.iterdir():
            path.chmod(0o600)
