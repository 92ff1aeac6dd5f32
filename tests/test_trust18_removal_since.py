"""Round 13a R5: a removal is kept in answers.json.since too, as a save is.

A large record: answers.json lags and its side file keeps the saves since. A session
removed (remove-session) was written to the journal and answers.json, never to the side
file; an older journal put back while answers.json is missing then got the side file's
saves written back, and the removed session was back, unnamed. Now the side file keeps
the removal line, written back with the saves.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core

DAY0 = dt.date(2025, 1, 6)


def _day(n):
    return str(DAY0 + dt.timedelta(weeks=n))


def test_a_removed_session_stays_removed_from_the_side_file(tmp_path, monkeypatch):
    store = ClientStore(tmp_path)
    for n in range(12):
        if n == 8:  # from here the snapshot lags (as past EAGER_SIZE)
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
        store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5},
                                    "reflections": [f"week {n}"]}},
                   session=DAY0 + dt.timedelta(weeks=n))
        if n == 3:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    folder = store.folder("big")
    store.remove_session("big", _day(1))
    since = (folder / "answers.json.since").read_bytes()
    last = json.loads(since.splitlines()[-1])  # head, weeks 8-11, the removal
    assert since.count(b"\n") == 6 and (last["session"], last["removed"]) == (_day(1), True)
    (folder / JOURNAL_FILE).write_bytes(old)  # an older copy put back, answers.json gone
    (folder / "answers.json").unlink()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path).history("big")
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    # weeks 0, 2, 3 of the old copy and the side file's 8-11; week 1 stays removed
    assert list(history) == [_day(0), _day(2), _day(3)] + [_day(n) for n in range(8, 12)]
    told = [s for s in said if "answers.json.since" in s]
    assert len(told) == 1 and "5 lines" in told[0] and f"{_day(1)} (its removal)" in told[0]


def test_with_the_snapshot_present_the_removal_holds_and_nothing_is_said(tmp_path,
                                                                        monkeypatch):
    store = ClientStore(tmp_path)
    monkeypatch.setattr(core, "EAGER_SIZE", 0)
    monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
    for n in range(4):
        store.save("big", {"hope": {"items": {"hope_1": 2}}}, session=DAY0 + dt.timedelta(weeks=n))
    store.remove_session("big", _day(2))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path).history("big")
    assert list(history) == [_day(0), _day(1), _day(3)]
    assert [w for w in caught if issubclass(w.category, StoreWarning)] == []
