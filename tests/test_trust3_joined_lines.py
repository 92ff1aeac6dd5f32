"""Issue 20, session 6 (attacks3 A23): two saves joined on one line (a lost line end) are
both read, and the coach is told which line."""
import json

import pytest

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import JOURNAL_FILE, STATE_FILE
from workbook.session.tracker import JOURNAL as CONV_JOURNAL
from workbook.session.tracker import SNAPSHOT as CONV_SNAPSHOT
from workbook.session.tracker import Tracker


def _join_last_two(path):
    lines = path.read_bytes().split(b"\n")  # ends with b"": the last line end
    lines[-3:-1] = [lines[-3] + lines[-2]]
    path.write_bytes(b"\n".join(lines))
    return len(lines) - 1  # the number of the joined line (the list ends with b"")


def test_two_saves_joined_on_one_journal_line_are_both_read(tmp_path):
    store = ClientStore(tmp_path)
    days = []
    for n in range(1, 25):  # until the snapshot lags the last save
        days.append(f"2026-11-{n:02d}")
        store.save("c1", {"hope": {"items": {"hope_1": (n - 1) % 5 + 1}}}, session=days[-1])
        folder = store.folder("c1")
        covered = json.loads((folder / STATE_FILE).read_text())["journal_bytes"]
        if n >= 3 and covered < (folder / JOURNAL_FILE).stat().st_size:
            break
    number = _join_last_two(folder / JOURNAL_FILE)
    with pytest.warns(StoreWarning) as said:
        history = ClientStore(tmp_path).history("c1")
    assert list(history) == days
    assert history[days[-1]] == {"hope": {"items": {"hope_1": (len(days) - 1) % 5 + 1}}}
    assert any(str(w.message).startswith(
        f"line {number} of {folder / JOURNAL_FILE} holds 2 records one after the other (a "
        "line end was lost") for w in said)


def test_two_changes_joined_on_one_conversations_line_are_both_read(tmp_path):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "c1")
    for n in range(4):
        tracker.change(model.add_op(f"P {n}", person_id=f"p{n}", today="2026-11-01"))
    folder = store.folder("c1")
    for n in range(4):
        tracker.change(model.step_op(tracker.read(), f"p{n}", "sent", "2026-11-12",
                                     today="2026-11-12"))
        covered = json.loads((folder / CONV_SNAPSHOT).read_text())["journal_bytes"]
        if covered < (folder / CONV_JOURNAL).stat().st_size:
            break
    _join_last_two(folder / CONV_JOURNAL)
    with pytest.warns(StoreWarning, match="holds 2 records one after the other"):
        book = Tracker(ClientStore(tmp_path), "c1").read()
    assert book.people[f"p{n}"].steps.get("sent") == "2026-11-12"
