"""A record rewritten outside the kit never hides a saved change (issue 20).

``answers.json`` and ``conversations.json`` are snapshots of their records
(``journal.jsonl``, ``conversations.jsonl``) and usually lag behind them. An editor, a sync
tool or git may rewrite a record: line endings converted to CRLF, a byte of an earlier line
edited, lines removed. The snapshot must then not be trusted: the state is rebuilt from the
record (every readable line kept), the snapshot rewritten, and the coach told.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from pathlib import Path

import pytest

from workbook.session.conversations import model
from workbook.session.store import JOURNAL_FILE, STATE_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

DAY1, DAY2, DAY3 = "2026-11-26", "2026-12-03", "2026-12-04"
BIG = {"big": {"reflections": ["x" * 20_000]}}  # a snapshot large enough to lag
FRI = dt.date(2026, 11, 27)


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def _snapshot(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _quietly(func, *args):
    """Call ``func`` and fail on any StoreWarning (nothing was repaired)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        return func(*args)


# -- the answers store ---------------------------------------------------------------------
def _lagging_answers(store):
    """A client whose answers.json lags: four saves after it, only in the journal."""
    from workbook.session.store import core

    eager, core.EAGER_SIZE = core.EAGER_SIZE, 0  # (as a snapshot too large to be rewritten
    try:  # at every save lags)
        store.save("c1", BIG, session=DAY1)
        for n in range(4):
            store.save("c1", {f"s{n}": {"items": {"i": n}}}, session=DAY2)
    finally:
        core.EAGER_SIZE = eager
    folder = store.folder("c1")
    state = _snapshot(folder / STATE_FILE)
    assert state["journal_bytes"] < (folder / JOURNAL_FILE).stat().st_size  # it lags
    return folder


EXPECTED = {DAY1: BIG, DAY2: {f"s{n}": {"items": {"i": n}} for n in range(4)}}


def test_a_journal_converted_to_crlf_loses_no_change_and_the_coach_is_told(store):
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))  # an editor, git
    fresh = ClientStore(store.root)
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        assert fresh.history("c1") == EXPECTED  # every change after the snapshot is there
    assert "journal.jsonl" in fresh.notice and "answers.json.unmatched-" in fresh.notice
    state = _snapshot(folder / STATE_FILE)  # rewritten: it covers the whole record now
    assert state["journal_bytes"] == journal.stat().st_size
    assert state["sessions"] == EXPECTED
    # a further change: nothing lost, and the record is now trusted again without a word
    fresh.save("c1", {"late": {}}, session=DAY3)
    assert _quietly(ClientStore(store.root).history, "c1") == {**EXPECTED, DAY3: {"late": {}}}


def test_one_byte_of_an_earlier_line_edited_rebuilds_from_the_record(store):
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    raw = journal.read_bytes()
    first_end = raw.index(b"\n")
    at = raw.index(b'"x', 0, first_end) + 1
    journal.write_bytes(raw[:at] + b"y" + raw[at + 1:])  # one byte of line 1: x -> y
    fresh = ClientStore(store.root)
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        history = fresh.history("c1")
    assert history[DAY1]["big"]["reflections"][0] == "y" + "x" * 19_999  # the record wins
    assert history[DAY2] == EXPECTED[DAY2]  # the saves after the snapshot are all there
    fresh.save("c1", {"s0": {"items": {"i": 10}}}, session=DAY2)
    again = _quietly(ClientStore(store.root).history, "c1")
    assert again[DAY2] == {**EXPECTED[DAY2], "s0": {"items": {"i": 10}}}
    assert again[DAY1] == history[DAY1]


def test_an_earlier_line_made_unreadable_keeps_what_the_snapshot_held(store):
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    raw = journal.read_bytes()
    journal.write_bytes(b"[" + raw[1:])  # line 1 no longer parses
    fresh = ClientStore(store.root)
    with pytest.warns(StoreWarning):
        assert fresh.history("c1") == EXPECTED  # its answers come from answers.json
    fresh.save("c1", {"late": {}}, session=DAY3)
    assert _quietly(ClientStore(store.root).history, "c1") == {**EXPECTED, DAY3: {"late": {}}}


def test_lines_removed_from_the_record_are_noticed(store):
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[1:]))  # the first line removed by hand
    fresh = ClientStore(store.root)
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        assert fresh.history("c1") == EXPECTED
    assert len(list(folder.glob(STATE_FILE + ".unmatched-*"))) == 1


def test_a_snapshot_without_a_hash_is_proven_or_rebuilt(store):
    folder = _lagging_answers(store)
    path, journal = folder / STATE_FILE, folder / JOURNAL_FILE
    state = _snapshot(path)
    del state["journal_sha256"]  # as the kit wrote it before the hash
    path.write_text(json.dumps(state), encoding="utf-8")
    # true to its journal: taken over without a word, the hash added
    assert _quietly(ClientStore(store.root).history, "c1") == EXPECTED
    assert "journal_sha256" in _snapshot(path)
    assert not list(folder.glob(STATE_FILE + ".unmatched-*"))
    # the same, but the journal converted to CRLF: rebuilt, nothing lost
    path.write_text(json.dumps(state), encoding="utf-8")
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.warns(StoreWarning):
        assert ClientStore(store.root).history("c1") == EXPECTED


def test_a_save_hashes_only_what_it_appends(store, monkeypatch):
    """The snapshot's hash is kept up to date from the bytes each save appends."""
    from workbook.session.store import records

    store.save("c1", BIG, session=DAY1)
    made = []
    real = records.Prefix.__init__

    def counting(self, data=b""):
        made.append(len(data))
        real(self, data)

    monkeypatch.setattr(records.Prefix, "__init__", counting)
    for n in range(40):  # enough to rewrite answers.json at least once
        store.save("c1", {"pad": {"reflections": ["y" * 1000, str(n)]}}, session=DAY2)
    assert made == []  # no save hashed the journal from its start
    state = _snapshot(store.folder("c1") / STATE_FILE)
    raw = (store.folder("c1") / JOURNAL_FILE).read_bytes()
    import hashlib

    assert state["journal_sha256"] == hashlib.sha256(raw[:state["journal_bytes"]]).hexdigest()


# -- the conversations tracker ----------------------------------------------------------------
def _lagging_list(root):
    """A client whose conversations.json lags: changes after it only in the record."""
    from workbook.session.store import core

    eager, core.EAGER_SIZE = core.EAGER_SIZE, 0  # (as a list too large to be rewritten
    try:  # at every change lags)
        tracker = Tracker(ClientStore(root), "ann")
        for n in range(30):
            tracker.change(model.add_op(f"P{n}", person_id=f"p{n:02d}", today=FRI))
        folder = tracker.store.folder("ann")
        book = tracker.read()
        tracker.change(model.step_op(book, "p00", "sent", FRI, today=FRI))
        tracker.change(model.edit_op(book, "p01", learned="a lot"))
    finally:
        core.EAGER_SIZE = eager
    snap = _snapshot(folder / SNAPSHOT)
    assert snap["journal_bytes"] < (folder / JOURNAL).stat().st_size  # it lags
    return folder


def _check_list(book):
    assert sorted(book.people) == [f"p{n:02d}" for n in range(30)]
    assert book.people["p00"].steps == {"noted": "2026-11-27", "sent": "2026-11-27"}
    assert book.people["p01"].learned == "a lot"


def test_a_conversations_record_converted_to_crlf_loses_no_change(tmp_path):
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    fresh = Tracker(ClientStore(tmp_path), "ann")
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        book = fresh.read()
    _check_list(book)
    assert "conversations.jsonl" in fresh.notice and "unmatched-" in fresh.notice
    snap = _snapshot(folder / SNAPSHOT)
    assert snap["journal_bytes"] == journal.stat().st_size
    book = fresh.change(model.step_op(book, "p02", "sent", FRI, today=FRI))
    again = _quietly(Tracker(ClientStore(tmp_path), "ann").read)
    _check_list(again)
    assert again.people["p02"].stage == "sent"


def test_one_byte_of_an_earlier_conversations_line_edited_rebuilds(tmp_path):
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    raw = journal.read_bytes()
    at = raw.index(b'"P0"') + 2
    # P0 -> PX on line 1 (not P9: that is the name of p09, so one person, round 8)
    journal.write_bytes(raw[:at] + b"X" + raw[at + 1:])
    fresh = Tracker(ClientStore(tmp_path), "ann")
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        book = fresh.read()
    _check_list(book)
    assert book.people["p00"].name == "PX"  # the record wins
    fresh.change(model.edit_op(book, "p03", note="hello"))
    again = _quietly(Tracker(ClientStore(tmp_path), "ann").read)
    _check_list(again)
    assert again.people["p03"].note == "hello" and again.people["p00"].name == "PX"


def test_a_conversations_line_made_unreadable_keeps_the_snapshots_person(tmp_path):
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    raw = journal.read_bytes()
    journal.write_bytes(b"[" + raw[1:])  # line 1 (adding p00) no longer parses
    fresh = Tracker(ClientStore(tmp_path), "ann")
    with pytest.warns(StoreWarning):
        book = fresh.read()
    _check_list(book)  # p00 from the snapshot, and its step sent after it, from the record


def test_a_conversations_snapshot_without_a_hash_is_proven_or_rebuilt(tmp_path):
    folder = _lagging_list(tmp_path)
    path, journal = folder / SNAPSHOT, folder / JOURNAL
    snap = _snapshot(path)
    del snap["journal_sha256"]
    path.write_text(json.dumps(snap), encoding="utf-8")
    _check_list(_quietly(Tracker(ClientStore(tmp_path), "ann").read))
    assert "journal_sha256" in _snapshot(path)
    path.write_text(json.dumps(snap), encoding="utf-8")
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.warns(StoreWarning):
        _check_list(Tracker(ClientStore(tmp_path), "ann").read())


# -- a last line without its line end -------------------------------------------------------
def test_a_last_journal_line_without_its_end_is_ended_and_read(store):
    """An editor that drops the final line end: the line is ended (under the lock) and read."""
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-1])
    assert _quietly(ClientStore(store.root).history, "c1") == EXPECTED  # nothing to tell
    assert journal.read_bytes() == whole and not list(folder.glob("*.torn-*"))
    writer = ClientStore(store.root)
    for n in range(30):  # enough saves to rewrite answers.json
        writer.save("c1", {"pad": {"reflections": ["y" * 1000, str(n)]}}, session=DAY3)
    history = _quietly(ClientStore(store.root).history, "c1")
    assert history[DAY2] == EXPECTED[DAY2] and history[DAY3]["pad"]["reflections"][1] == "29"
    state = _snapshot(folder / STATE_FILE)
    assert state["journal_bytes"] == journal.stat().st_size  # the snapshot holds it too
    assert state["sessions"][DAY2] == EXPECTED[DAY2]


def test_a_last_conversations_line_without_its_end_is_ended_and_read(tmp_path):
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-1])  # the last change: p01 learned "a lot"
    tracker = Tracker(ClientStore(tmp_path), "ann")
    _check_list(_quietly(tracker.read))
    for n in range(20):
        tracker.change(model.edit_op(tracker.read(), "p02", note=f"note {n}"))
    _check_list(_quietly(Tracker(ClientStore(tmp_path), "ann").read))
    snap = _snapshot(folder / SNAPSHOT)
    # rewritten since (when it is depends on the lines' length): it covers the ended line
    assert len(whole) < snap["journal_bytes"] <= journal.stat().st_size
    assert [p["learned"] for p in snap["book"]["people"] if p["id"] == "p01"] == ["a lot"]


def test_a_cut_off_last_conversations_line_is_told_and_set_aside(tmp_path):
    """Attack 4: a sync tool cut the tail of the last change (p01 learned "a lot")."""
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    whole = journal.read_bytes()
    kept = whole[:whole.rindex(b"\n", 0, len(whole) - 1) + 1]
    (folder / "conversations.json.since").unlink()  # held nowhere else (E11)
    journal.write_bytes(whole[:-10])
    tracker = Tracker(ClientStore(tmp_path, read_only=True), "ann")
    with pytest.warns(StoreWarning, match="is incomplete") as said:
        assert tracker.read().people["p01"].learned == ""
    [aside] = folder.glob("conversations.jsonl.torn-*")
    assert str(said[0].message) == (
        f"the last line of {journal} (client 'ann', a change (edit) of 'p01') is incomplete "
        f"({len(whole) - 10 - len(kept)} bytes) and was not read: it was cut off (by a sync "
        f"tool, a crash or an edit), so the change it held is not in the record; its bytes "
        f"were kept as {aside.name}.")
    assert tracker.notice == str(said[0].message)
    assert journal.read_bytes() == kept and aside.read_bytes() == whole[len(kept):-10]


def test_a_refused_change_after_a_cut_off_last_line_keeps_the_list_as_on_disk(tmp_path):
    folder = _lagging_list(tmp_path)
    journal = folder / JOURNAL
    (folder / "conversations.json.since").unlink()  # held nowhere else (E11)
    journal.write_bytes(journal.read_bytes()[:-10])  # the last change: p01 learned "a lot"
    tracker = Tracker(ClientStore(tmp_path), "ann")
    with pytest.raises(model.ConversationError, match="on the list already"), \
            pytest.warns(StoreWarning, match="is incomplete"):
        tracker.change(model.add_op("Again", person_id="p05"))
    assert _quietly(tracker.read).people["p01"].learned == ""  # cut off, and said so
    assert journal.read_bytes().endswith(b"\n")
    book = tracker.change(model.edit_op(tracker.read(), "p01", learned="a lot"))
    _check_list(book)
    _check_list(_quietly(Tracker(ClientStore(tmp_path), "ann").read))


# -- a workspace opened to read only (reports, export-clients, followups) --------------------
def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _unwritable(monkeypatch, *folders):
    """Make ``os.access`` say ``folders`` cannot be written (root may write anything)."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) in folders and mode & os.W_OK:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_a_read_only_workspace_is_rebuilt_in_memory_and_no_file_changed(tmp_path, monkeypatch):
    answers = _lagging_answers(ClientStore(tmp_path / "ws"))
    conversations = _lagging_list(tmp_path / "ws")
    for record in (answers / JOURNAL_FILE, conversations / JOURNAL):
        record.write_bytes(record.read_bytes().replace(b"\n", b"\r\n"))
    before = _files(answers), _files(conversations)
    _unwritable(monkeypatch, answers, conversations)
    reader = ClientStore(tmp_path / "ws", read_only=True)
    with pytest.warns(StoreWarning, match="cannot be written, so no file was changed"):
        assert reader.history("c1") == EXPECTED
    assert "changed outside the kit" in reader.notice
    with pytest.warns(StoreWarning, match="cannot be written, so no file was changed"):
        _check_list(Tracker(reader, "ann").read())
    monkeypatch.undo()
    (conversations / SNAPSHOT).write_text("damaged", encoding="utf-8")
    before = before[0], _files(conversations)
    _unwritable(monkeypatch, answers, conversations)
    with pytest.warns(StoreWarning, match="could not be read.*cannot be written"):
        _check_list(Tracker(reader, "ann").read())
    assert (_files(answers), _files(conversations)) == before


def test_a_writable_workspace_opened_to_read_is_repaired(tmp_path):
    answers = _lagging_answers(ClientStore(tmp_path / "ws"))
    journal = answers / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.warns(StoreWarning, match="was kept as answers.json.unmatched-"):
        assert ClientStore(tmp_path / "ws", read_only=True).history("c1") == EXPECTED
    assert _quietly(ClientStore(tmp_path / "ws", read_only=True).history, "c1") == EXPECTED


# -- the coach is told on the page ------------------------------------------------------------
def test_the_pages_say_a_record_was_rebuilt(tmp_path):
    from workbook.session.widgets import ConversationsPage, IngredientSession

    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 4}}}, session=DAY1)
    for n in range(30):
        store.save("ann", {"pad": {"reflections": ["y" * 1000, str(n)]}}, session=DAY1)
    store.save("ann", {"hope": {"items": {"hope_1": 2}}}, session=DAY1)  # after the snapshot
    Tracker(store, "ann").change(model.add_op("Ana", person_id="p1", today=FRI))
    folder = store.folder("ann")
    for name in (JOURNAL_FILE, JOURNAL):
        (folder / name).write_bytes((folder / name).read_bytes().replace(b"\n", b"\r\n"))
    (folder / SNAPSHOT).write_text(  # a snapshot written before the CRLF, now unmatched
        json.dumps({**_snapshot(folder / SNAPSHOT), "journal_bytes": 5}), encoding="utf-8")
    page = IngredientSession("hope", "ann", ClientStore(tmp_path / "ws"), session=DAY1)
    assert any("changed outside the kit" in m for m in page.errors)
    assert page.items["hope_1"].value == 2  # the change after the snapshot is there
    # The ingredient page reads the list too (the plan knows how far the client has got):
    # the first page to read it says it was rebuilt, and the next has nothing more to say.
    assert any(f"{JOURNAL} (client 'ann') was changed outside the kit" in m
               for m in page.errors)
    conversations = ConversationsPage(ClientStore(tmp_path / "ws"), "ann", today=FRI)
    assert not any("changed outside the kit" in m for m in conversations.errors)
    assert [p.name for p in conversations.book.people.values()] == ["Ana"]


def test_a_byte_order_mark_put_before_the_record_leaves_its_first_line_readable(store):
    """Notepad on Windows saves UTF-8 with a byte-order mark: line 1 is still a save."""
    folder = _lagging_answers(store)
    journal = folder / JOURNAL_FILE
    journal.write_bytes(b"\xef\xbb\xbf" + journal.read_bytes())
    (folder / STATE_FILE).unlink()  # so the first line is read from the journal alone
    assert ClientStore(store.root).history("c1") == EXPECTED
