"""A side file (answers.json.since, conversations.json.since) read as the record is (round 9a H10).

A snapshot past EAGER_SIZE lags its record; the saves after it are kept in its side file too.
When an older copy of the record is put back, the lines it lacks are written back from the
side file. A side file whose line ends were converted (CRLF), that gained a byte-order mark,
was cut short or emptied: every readable line is still written back, and what could not be
read is named (never "no save was lost" when one was).
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.session import tracker as tracker_module
from workbook.session.conversations import model
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core
from workbook.session.tracker import JOURNAL, Tracker

DAY0 = dt.date(2026, 1, 1)
FRI = dt.date(2026, 11, 27)


@pytest.fixture
def lagging(monkeypatch):
    monkeypatch.setattr(core, "EAGER_SIZE", 0)  # (a snapshot too large to be rewritten)
    monkeypatch.setattr(core, "REWRITE_SHARE", 1000)  # (at every save: it lags)
    monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)


def _damage(path, how):
    data = path.read_bytes()
    if how == "crlf":
        path.write_bytes(data.replace(b"\n", b"\r\n"))
    elif how == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + data)
    elif how == "cut":
        path.write_bytes(data[:-20])  # (inside the last line)
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "dup":  # its first line joined again at its end
        path.write_bytes(data + data.splitlines(True)[0])


def _answers(root, how):
    """12 sessions saved; the journal as it was after 9 put back; the side file damaged."""
    store = ClientStore(root)
    for n in range(12):
        store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5}}},
                   session=DAY0 + dt.timedelta(days=n))
        if n == 8:
            folder = store.folder("big")
            old = (folder / JOURNAL_FILE).read_bytes()
    _damage(folder / "answers.json.since", how)
    (folder / JOURNAL_FILE).write_bytes(old)
    return folder


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        fresh = ClientStore(root)
        days = fresh.sessions("big")
    return days, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("how", ["crlf", "bom", "dup"])
def test_a_side_file_rewritten_still_gives_every_save(tmp_path, lagging, how):
    _answers(tmp_path, how)
    days, said = _read(tmp_path)
    assert len(days) == 12
    assert len(said) == 1 and "lacked its last 3 lines" in said[0] \
        and "no save was lost" in said[0]
    assert _read(tmp_path) == (days, [])  # said once
    assert "None" not in said[0]  # (its first line is not written into the journal)


def test_a_side_file_cut_short_names_the_save_lost(tmp_path, lagging):
    folder = _answers(tmp_path, "cut")
    days, said = _read(tmp_path)
    assert len(days) == 11 and "2026-01-12" not in days
    assert len(said) == 1 and "lacked its last 2 lines" in said[0]
    assert "no save was lost" not in said[0]
    assert "last line cut off" in said[0] and "session 2026-01-12" in said[0] \
        and "is lost" in said[0]
    assert list(folder.glob("answers.json.since.unread-*"))  # the rest of it kept
    assert _read(tmp_path) == (days, [])  # said once


def test_a_side_file_emptied_is_named(tmp_path, lagging):
    _answers(tmp_path, "empty")
    days, said = _read(tmp_path)
    assert len(days) == 9  # (nothing left to read them from)
    assert len(said) == 1 and "answers.json.since" in said[0] and "is empty" in said[0] \
        and "may be lost" in said[0]
    assert _read(tmp_path) == (days, [])


def test_a_side_file_intact_and_a_journal_holding_all_is_quiet(tmp_path, lagging):
    store = ClientStore(tmp_path)
    for n in range(6):
        store.save("big", {"hope": {"items": {"hope_1": 3}}}, session=DAY0 + dt.timedelta(n))
    path = store.folder("big") / "answers.json.since"
    path.write_bytes(path.read_bytes()[:-20])  # (a crash while writing it: the journal holds it)
    assert _read(tmp_path) == (sorted(str(DAY0 + dt.timedelta(n)) for n in range(6)), [])


# -- the conversations tracker -----------------------------------------------------------
def _list(root, how):
    """12 people added; the record as it was after 8 put back; the side file damaged."""
    tracker = Tracker(ClientStore(root), "ann")
    folder = None
    for n in range(12):
        tracker.change(model.add_op(f"P{n}", person_id=f"p{n:02d}", today=FRI))
        if n == 7:
            folder = tracker.store.folder("ann")
            old = (folder / JOURNAL).read_bytes()
    _damage(folder / "conversations.json.since", how)
    (folder / JOURNAL).write_bytes(old)
    return folder


def _people(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(root), "ann").read()
    return sorted(book.people), [str(w.message) for w in said
                                 if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("how", ["crlf", "bom"])
def test_a_conversations_side_file_rewritten_still_gives_every_change(tmp_path, lagging, how):
    _list(tmp_path, how)
    people, said = _people(tmp_path)
    assert people == [f"p{n:02d}" for n in range(12)]
    assert len(said) == 1 and "lacked its last 4 lines" in said[0] \
        and "no change was lost" in said[0]


def test_a_conversations_side_file_cut_names_the_change_lost(tmp_path, lagging):
    _list(tmp_path, "cut")
    people, said = _people(tmp_path)
    assert people == [f"p{n:02d}" for n in range(11)]
    assert len(said) == 1 and "no change was lost" not in said[0] \
        and "last line cut off" in said[0] and "the change it held is lost" in said[0]
    assert _people(tmp_path) == (people, [])


def test_a_conversations_side_file_emptied_is_named(tmp_path, lagging):
    _list(tmp_path, "empty")
    people, said = _people(tmp_path)
    assert people == [f"p{n:02d}" for n in range(8)]
    assert len(said) == 1 and "conversations.json.since" in said[0] \
        and "may be lost" in said[0]
