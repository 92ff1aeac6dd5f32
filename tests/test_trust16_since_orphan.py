"""An older journal put back while answers.json is missing or damaged (round 11a M2).

A large record's snapshot lags; the saves after it are kept in ``answers.json.since`` too.
When the snapshot is gone (deleted as "a cache", not synced) or cannot be read, and an
older copy of the journal is put over this one, the saves the side file keeps are written
back as they were saved, and the saves that only the snapshot held are named as lost.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core

DAY0 = dt.date(2025, 1, 6)


def _days(first, last):
    return [str(DAY0 + dt.timedelta(weeks=n)) for n in range(first, last)]


def _record(root, monkeypatch):
    """12 weekly saves: the journal copied after 4; the snapshot covers 8, its side file 9-12."""
    store = ClientStore(root)
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
    assert (folder / "answers.json.since").read_bytes().count(b"\n") == 5  # head + 4 saves
    return folder, old


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("big")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("snapshot", ["missing", "damaged"])
def test_the_saves_the_side_file_keeps_are_written_back(tmp_path, monkeypatch, snapshot):
    folder, old = _record(tmp_path, monkeypatch)
    (folder / JOURNAL_FILE).write_bytes(old)
    if snapshot == "missing":
        (folder / "answers.json").unlink()
    else:
        (folder / "answers.json").write_text("{garbage")
    history, said = _read(tmp_path)
    # the old copy's 4 sessions and the side file's 4 (weeks 5-8 were only in answers.json)
    assert list(history) == _days(0, 4) + _days(8, 12)
    assert history[str(DAY0 + dt.timedelta(weeks=11))]["hope"]["reflections"] == ["week 11"]
    words = [w for w in said if "answers.json.since" in w]
    assert len(words) == 1
    assert "4 lines" in words[0] and "written back" in words[0]
    assert ", ".join(_days(8, 12)) in words[0]
    # what cannot be recovered is named: saves made before the side file's first
    assert "lost" in words[0] and "no save was lost" not in words[0]
    again, said_again = _read(tmp_path)  # the record holds them now: said once
    assert again == history and said_again == []


def test_a_side_file_whose_lines_the_journal_holds_is_quiet(tmp_path, monkeypatch):
    folder, _ = _record(tmp_path, monkeypatch)
    (folder / "answers.json").unlink()  # the journal is whole: nothing to say
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 12) and said == []
