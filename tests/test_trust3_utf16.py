"""Issue 20, session 6 (attacks3 A1): a record re-saved as UTF-16 by an editor loses nothing."""
import json
import warnings

import pytest

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import JOURNAL_FILE, STATE_FILE
from workbook.session.tracker import JOURNAL as CONV_JOURNAL
from workbook.session.tracker import SNAPSHOT as CONV_SNAPSHOT
from workbook.session.tracker import Tracker


def _as_utf16(path):
    path.write_bytes(path.read_bytes().decode("utf-8").encode("utf-16"))  # with its BOM


def test_a_journal_saved_as_utf16_keeps_every_session(tmp_path):
    store = ClientStore(tmp_path)
    days = []
    for n in range(1, 25):  # until the snapshot lags the last save (as it usually does)
        days.append(f"2026-11-{n:02d}")
        store.save("c1", {"hope": {"items": {"hope_1": (n - 1) % 5 + 1}}}, session=days[-1])
        folder = store.folder("c1")
        covered = json.loads((folder / STATE_FILE).read_text())["journal_bytes"]
        if n >= 12 and covered < (folder / JOURNAL_FILE).stat().st_size:
            break
    last = days[-1]
    _as_utf16(folder / JOURNAL_FILE)
    with pytest.warns(StoreWarning) as said:
        again = ClientStore(tmp_path)
        history = again.history("c1")
    assert list(history) == days
    assert history[last] == {"hope": {"items": {"hope_1": (len(days) - 1) % 5 + 1}}}
    [aside] = folder.glob("journal.jsonl.utf16-*")
    assert str(said[0].message) == (
        f"{folder / JOURNAL_FILE} (client 'c1') was saved as UTF-16 (\"Unicode\" in some "
        "editors), not UTF-8: it was rewritten as UTF-8, so every line is read; the file as "
        f"it was is kept as {aside.name}.")
    assert (folder / JOURNAL_FILE).read_bytes().decode("utf-8").count("\n") == len(days)
    with warnings.catch_warnings():  # said once: the next reading is quiet
        warnings.simplefilter("error")
        assert list(ClientStore(tmp_path).history("c1")) == days


def test_a_conversations_record_saved_as_utf16_keeps_every_change(tmp_path):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "c1")
    for n in range(6):
        tracker.change(model.add_op(f"P {n}", person_id=f"p{n}", today="2026-11-01"))
    folder = store.folder("c1")
    for n in range(6):  # a note marked sent, one person after another, until the snapshot lags
        tracker.change(model.step_op(tracker.read(), f"p{n}", "sent", "2026-11-12",
                                     today="2026-11-12"))
        covered = json.loads((folder / CONV_SNAPSHOT).read_text())["journal_bytes"]
        if covered < (folder / CONV_JOURNAL).stat().st_size:
            break
    last = f"p{n}"
    _as_utf16(folder / CONV_JOURNAL)
    with pytest.warns(StoreWarning, match="was saved as UTF-16"):
        book = Tracker(ClientStore(tmp_path), "c1").read()
    assert len(book.people) == 6 and book.people[last].steps.get("sent") == "2026-11-12"
