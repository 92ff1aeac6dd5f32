"""Session dates corrected by hand in journal.jsonl (round 9a H7, H11)."""

from __future__ import annotations

import datetime as dt
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

A = {"hope": {"items": {"hope_1": 5, "hope_6": 3}}}
B = {"hope": {"items": {"hope_1": 2, "hope_6": 5}}, "time": {"items": {"time_1": 4}}}


def _two(root, second=B):
    store = ClientStore(root)
    store.save("cl0", A, session="2026-09-01")
    store.save("cl0", second, session="2026-09-15")
    return store.folder("cl0") / JOURNAL_FILE


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        store = ClientStore(root)
        days = store.sessions("cl0")
        answers = {day: store.load("cl0", session=day) for day in days}
    return days, answers, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_date_corrected_onto_one_the_client_has_moves_the_session(tmp_path):
    journal = _two(tmp_path)
    journal.write_bytes(journal.read_bytes().replace(b'"session":"2026-09-15"',
                                                     b'"session":"2026-09-01"'))
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01"]  # not written back under its old date
    assert answers["2026-09-01"] == B  # the later line's answers over the earlier's
    assert journal.read_bytes().count(b"\n") == 2  # nothing written back
    assert len(said) == 1 and "comes back" not in said[0]
    assert "session 2026-09-15 is no longer in journal.jsonl: the same answers are there " \
        "under 2026-09-01, joined with the session already on that date" in said[0]
    assert _read(tmp_path)[::2] == (days, [])  # said once


def test_a_session_deleted_by_hand_still_comes_back(tmp_path):
    journal = _two(tmp_path, second=A)  # (the same answers on both days)
    first = journal.read_bytes().splitlines(True)[0]
    journal.write_bytes(first)
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01", "2026-09-15"]
    assert answers["2026-09-15"] == A
    assert len(said) == 1 and "2026-09-15" in said[0] and "written back" in said[0]


def test_a_date_corrected_to_a_day_still_to_come_is_named(tmp_path):
    journal = _two(tmp_path)
    journal.write_bytes(journal.read_bytes().replace(b'"session":"2026-09-15"',
                                                     b'"session":"2099-01-01"'))
    days, answers, said = _read(tmp_path)
    assert days == ["2026-09-01", "2099-01-01"] and answers["2099-01-01"] == B
    saved = dt.date.today()  # (the day _two saved it)
    assert any(f"line 2 of {journal} (client 'cl0', a save of session 2099-01-01) is dated "
               f"after the day it was saved ({saved:%Y-%m-%d})" in words for words in said)
    assert _read(tmp_path)[::2] == (days, [])  # said once
