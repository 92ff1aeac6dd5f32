"""Issue 20, session 6: a cut-off last line of the conversations record whose change the
snapshot still holds is written back to the record, and the coach is told so truly."""
import json
import warnings

import pytest

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker


def _folder(root, name):
    return next(p for p in root.iterdir() if p.name.startswith(name + "-"))


def _one_change(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    tracker.change(model.add_op("Sam Lee", org="Parks", person_id="p1", today="2026-12-01"))
    folder = _folder(tmp_path, "ann")
    snap = json.loads((folder / SNAPSHOT).read_text())
    journal = folder / JOURNAL
    assert snap["journal_bytes"] == journal.stat().st_size  # the first change writes it
    return folder, journal


def test_a_cut_line_the_snapshot_holds_is_written_back(tmp_path):
    folder, journal = _one_change(tmp_path)
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-10])  # a sync tool cut the tail
    tracker = Tracker(ClientStore(tmp_path), "ann")
    with pytest.warns(StoreWarning) as said:
        assert tracker.read().people["p1"].name == "Sam Lee"
    [aside] = folder.glob("conversations.jsonl.torn-*")
    assert [str(w.message) for w in said] == [
        f"the last line of {journal} (client 'ann', a change (add) of 'p1') was cut off (by a "
        "sync tool, a crash or an edit); the change it held was recovered from "
        "conversations.json and written back to the record; its cut bytes were kept as "
        f"{aside.name}."]
    assert journal.read_bytes() == whole  # the record is whole again, byte for byte
    assert aside.read_bytes() == whole[:-10]
    # the record alone holds the change: losing the snapshot loses nothing
    (folder / SNAPSHOT).unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Tracker(ClientStore(tmp_path), "ann")
        assert again.read().people["p1"].name == "Sam Lee"
    assert again.notice is None


def test_a_cut_line_the_snapshot_does_not_hold_is_said_lost(tmp_path, monkeypatch):
    monkeypatch.setattr("workbook.session.store.core.EAGER_SIZE", 0)  # (a list past that size)
    folder, journal = _one_change(tmp_path)
    tracker = Tracker(ClientStore(tmp_path), "ann")
    tracker.change(model.edit_op(tracker.read(), "p1", note="call in May"))  # snapshot lags
    assert json.loads((folder / SNAPSHOT).read_text())["journal_bytes"] < \
        journal.stat().st_size
    (folder / "conversations.json.since").unlink()  # held nowhere else (E11)
    journal.write_bytes(journal.read_bytes()[:-10])
    again = Tracker(ClientStore(tmp_path), "ann")
    with pytest.warns(StoreWarning, match="so the change it held is not in the record"):
        assert again.read().people["p1"].note == ""


def test_a_tail_of_nul_bytes_is_said_to_hold_no_change(tmp_path):
    from workbook.session.store.records import JOURNAL_FILE

    store = ClientStore(tmp_path)
    store.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-01")
    journal = store.folder("c1") / JOURNAL_FILE
    with journal.open("ab") as out:
        out.write(b"\x00" * 4096)
    with pytest.warns(StoreWarning) as said:
        again = ClientStore(tmp_path)
        assert again.sessions("c1") == ["2026-11-01"]
    [aside] = journal.parent.glob("journal.jsonl.torn-*")
    assert str(said[0].message) == (
        f"the end of {journal} (client 'c1') held 4096 NUL (zero) bytes and no "
        "change (a sync tool or an editor may add them): they were kept as "
        f"{aside.name}; no save was lost.")
