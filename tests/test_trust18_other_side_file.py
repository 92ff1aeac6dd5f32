"""Round 13a R8: another client's side file copied into a client's folder whose snapshot is
missing (or cannot be read).

``answers.json.since`` (``conversations.json.since``) of client "big" put into client
"c1"'s folder: its lines were appended to c1's record (big's reflections, a contact's
notes) and the coach told c1's saves were lost. Now a side file holding another client's
lines is set aside (``.unread-<time>``) and named; c1's record is not changed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session import tracker as tracker_module
from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

DAY0 = dt.date(2025, 1, 6)
MONDAY = dt.date(2026, 12, 7)


def _said(caught):
    return [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("snapshot", ["missing", "damaged"])
def test_another_clients_answers_side_file_is_set_aside(tmp_path, monkeypatch, snapshot):
    store = ClientStore(tmp_path)
    for n in range(3):
        store.save("c1", {"hope": {"items": {"hope_1": 2}, "reflections": [f"mine {n}"]}},
                   session=DAY0 + dt.timedelta(weeks=n))
    c1 = store.folder("c1")
    journal = (c1 / JOURNAL_FILE).read_bytes()
    monkeypatch.setattr(core, "EAGER_SIZE", 0)
    monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
    store.save("big", {"hope": {"items": {"hope_1": 4}, "reflections": ["theirs 0"]}},
               session=DAY0)
    store.save("big", {"hope": {"items": {"hope_1": 4}, "reflections": ["theirs 1"]}},
               session=DAY0 + dt.timedelta(weeks=9))
    big = store.folder("big")
    assert b"theirs 1" in (big / "answers.json.since").read_bytes()
    shutil.copy(big / "answers.json.since", c1 / "answers.json.since")
    if snapshot == "missing":
        (c1 / "answers.json").unlink()
    else:
        (c1 / "answers.json").write_text("{garbage")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path).history("c1")
    said = _said(caught)
    assert (c1 / JOURNAL_FILE).read_bytes() == journal  # nothing of big's written here
    assert list(history) == [str(DAY0 + dt.timedelta(weeks=n)) for n in range(3)]
    assert history[str(DAY0)]["hope"]["reflections"] == ["mine 0"]
    told = [s for s in said if "answers.json.since" in s]
    assert len(told) == 1, said
    assert "'big'" in told[0] and "unread-" in told[0]
    assert not any("lost" in s for s in said), said
    assert not (c1 / "answers.json.since").exists()
    assert len(list(c1.glob("answers.json.since.unread-*"))) == 1


@pytest.mark.parametrize("snapshot", ["missing", "damaged"])
def test_another_clients_conversations_side_file_is_set_aside(tmp_path, monkeypatch,
                                                               snapshot):
    store = ClientStore(tmp_path)
    mine = Tracker(store, "c1")
    mine.change(model.add_op("Ana Ruiz", person_id="a1", today=MONDAY, now=MONDAY))
    c1 = store.client_folder("c1")
    record = (c1 / JOURNAL).read_bytes()
    theirs = Tracker(store, "cc")
    for n in range(3):
        if n == 1:
            monkeypatch.setattr(core, "EAGER_SIZE", 0)
            monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)
        book = theirs.change(model.add_op(f"Person {n}", person_id=f"x{n}", today=MONDAY,
                                          now=MONDAY))
        theirs.change(model.edit_op(book, f"x{n}", learned=f"what x{n} said"))
    cc = store.client_folder("cc")
    assert b"Person 2" in (cc / f"{SNAPSHOT}.since").read_bytes()
    shutil.copy(cc / f"{SNAPSHOT}.since", c1 / f"{SNAPSHOT}.since")
    if snapshot == "missing":
        (c1 / SNAPSHOT).unlink()
    else:
        (c1 / SNAPSHOT).write_text("{garbage")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(store, "c1").read()
    said = _said(caught)
    assert (c1 / JOURNAL).read_bytes() == record
    assert sorted(book.people) == ["a1"]
    told = [s for s in said if f"{SNAPSHOT}.since" in s]
    assert len(told) == 1, said
    assert "'cc'" in told[0] and "unread-" in told[0]
    assert not any("may be missing" in s for s in said), said
    assert len(list(c1.glob(f"{SNAPSHOT}.since.unread-*"))) == 1
