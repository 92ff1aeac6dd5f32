"""A large snapshot's side file deleted while an older journal is put back (round 13a R2).

``answers.json`` past EAGER_SIZE is rewritten only now and then; the saves since go into
``answers.json.since`` too. With that file deleted (not emptied) and an older journal put
back, the saves only it kept cannot be written back: the notice says saves made after the
snapshot's last may be missing, as it does for an emptied side file.
"""

from __future__ import annotations

import datetime as dt
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core

DAY0 = dt.date(2025, 1, 6)


def _days(first, last):
    return [str(DAY0 + dt.timedelta(weeks=n)) for n in range(first, last)]


def _record(root, monkeypatch, lag=True):
    """12 weekly saves: the journal copied after 4; the snapshot covers 8 (all 12 if not lag)."""
    store = ClientStore(root)
    for n in range(12):
        if n == 8 and lag:  # from here the snapshot lags (as past EAGER_SIZE)
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
        store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5},
                                    "reflections": [f"week {n}"]}},
                   session=DAY0 + dt.timedelta(weeks=n))
        if n == 3:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    return store.folder("big"), old


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("big")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_the_side_file_deleted_says_later_saves_may_be_missing(tmp_path, monkeypatch):
    folder, old = _record(tmp_path, monkeypatch)
    (folder / JOURNAL_FILE).write_bytes(old)
    (folder / "answers.json.since").unlink()
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 8)  # weeks 9-12 were only in the side file
    assert len(said) == 1
    assert "answers.json.since" in said[0] and "is missing" in said[0]
    assert "may be missing" in said[0]
    again, said_again = _read(tmp_path)  # written back and rewritten: said once
    assert list(again) == _days(0, 8) and said_again == []


def test_a_small_snapshot_covers_every_save_and_says_nothing_of_a_side_file(tmp_path,
                                                                           monkeypatch):
    folder, old = _record(tmp_path, monkeypatch, lag=False)
    (folder / JOURNAL_FILE).write_bytes(old)
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 12)
    assert len(said) == 1 and "answers.json.since" not in said[0]


def test_the_side_file_deleted_and_the_journal_cut_in_a_later_line(tmp_path, monkeypatch):
    folder, _ = _record(tmp_path, monkeypatch)
    journal = folder / JOURNAL_FILE
    raw = journal.read_bytes()
    lines = raw.splitlines(keepends=True)
    # cut inside the 10th save's line (after the snapshot's 8): the 11th and 12th go with it
    journal.write_bytes(b"".join(lines[:9]) + lines[9][:-20])
    (folder / "answers.json.since").unlink()
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 9)
    assert len(said) == 1
    assert "incomplete" in said[0] and str(DAY0 + dt.timedelta(weeks=9)) in said[0]
    assert "answers.json.since" in said[0] and "may be missing too" in said[0]
