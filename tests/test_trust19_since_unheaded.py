"""A missing snapshot, its side file emptied or cut, an older journal put back (round 13a R4).

The side file then names no snapshot (emptied, or cut inside its first line) or keeps no
whole line: nothing can be written back, but the saves only the snapshot and the side file
held are named as lost (or possibly missing), never left without a word; the side file as
it was is kept as ``.unread-<time>`` (an empty one removed), so it is said once.
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
                                    "reflections": [f"week {n} " + "x" * 300]}},
                   session=DAY0 + dt.timedelta(weeks=n))
        if n == 3:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    return store.folder("big"), old


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("big")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("cut", ["emptied", "inside its first line", "inside its second line"])
def test_the_lost_saves_are_named(tmp_path, monkeypatch, cut):
    folder, old = _record(tmp_path, monkeypatch)
    side = folder / "answers.json.since"
    raw = side.read_bytes()
    head = raw.index(b"\n") + 1
    (folder / JOURNAL_FILE).write_bytes(old)
    (folder / "answers.json").unlink()
    side.write_bytes({"emptied": b"", "inside its first line": raw[:40],
                      "inside its second line": raw[:head + 100]}[cut])
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 4)  # the old copy's 4 sessions: the rest cannot be read
    assert len(said) == 1
    assert "answers.json" in said[0] and "client 'big'" in said[0]
    assert "answers.json.since" in said[0]
    assert "lost" in said[0] and "no save was lost" not in said[0]
    if cut == "emptied":
        assert "it is empty" in said[0]
        assert not side.exists()
    else:
        assert "kept as answers.json.since.unread-" in said[0]
        assert len(list(folder.glob("answers.json.since.unread-*"))) == 1
    if cut == "inside its second line":  # the head names the bytes covered: they are lost
        assert "are lost from the record" in said[0] and "last line cut off" in said[0]
    again, said_again = _read(tmp_path)  # said once
    assert list(again) == _days(0, 4) and said_again == []


def test_a_whole_journal_with_the_side_file_emptied_says_it_may_be_missing(tmp_path,
                                                                          monkeypatch):
    folder, _ = _record(tmp_path, monkeypatch)
    (folder / "answers.json").unlink()
    (folder / "answers.json.since").write_bytes(b"")
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 12)  # nothing lost; it cannot be told: "may be"
    assert len(said) == 1 and "may be lost" in said[0]


def test_a_side_file_cut_while_the_journal_holds_its_lines_is_quiet(tmp_path, monkeypatch):
    folder, _ = _record(tmp_path, monkeypatch)
    side = folder / "answers.json.since"
    side.write_bytes(side.read_bytes()[:-30])  # its last line cut (a crash): the journal's
    (folder / "answers.json").unlink()
    history, said = _read(tmp_path)
    assert list(history) == _days(0, 12) and said == []
