"""Issue 20, session 6 (attacks3 A23 gap): two records and a cut-off third on one line: the
whole ones are read, the cut-off piece is named (and left in the record), nothing dropped
without a word."""
import json

import pytest

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import JOURNAL_FILE, STATE_FILE
from workbook.session.tracker import JOURNAL as CONV_JOURNAL
from workbook.session.tracker import SNAPSHOT as CONV_SNAPSHOT
from workbook.session.tracker import Tracker


def _join_with_a_cut_third(path):
    """The last three lines on one, the third cut in half; returns (line number, piece)."""
    lines = path.read_bytes().split(b"\n")  # ends with b"": the last line end
    last = lines[-2]
    cut = last.find(b'"session"')  # cut after the session a save names (a change: halfway)
    piece = last[:cut + 30] if cut >= 0 else last[:len(last) * 2 // 3]
    lines[-4:-1] = [lines[-4] + lines[-3] + piece]
    path.write_bytes(b"\n".join(lines))
    return len(lines) - 1, piece


def test_two_saves_and_a_cut_third_on_one_journal_line(tmp_path):
    store = ClientStore(tmp_path)
    days = [f"2026-11-{n:02d}" for n in range(1, 6)]
    for n, day in enumerate(days):
        store.save("c1", {"hope": {"items": {"hope_1": n + 1}}}, session=day)
    folder = store.folder("c1")
    (folder / STATE_FILE).unlink()  # the record alone says what was saved
    number, piece = _join_with_a_cut_third(folder / JOURNAL_FILE)
    with pytest.warns(StoreWarning) as said:
        history = ClientStore(tmp_path).history("c1")
    assert list(history) == days[:4]  # 2026-11-05 was cut in half: it cannot be read
    assert history["2026-11-04"] == {"hope": {"items": {"hope_1": 4}}}
    words = [str(w.message) for w in said]
    assert (f"line {number} of {folder / JOURNAL_FILE} (client 'c1') holds 2 records and then "
            f"a save of session 2026-11-05 cut off ({len(piece)} bytes; a line end and the "
            "rest of a line were lost: a merge tool, an editor or a copy): each was read; the "
            "cut-off piece could not be read, so the change it held is lost unless the "
            "snapshot held it; its bytes were left in the record as they are, at that "
            "line") in words
    assert piece in (folder / JOURNAL_FILE).read_bytes()


def test_two_changes_and_a_cut_third_on_one_conversations_line(tmp_path):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "c1")
    for n in range(4):
        tracker.change(model.add_op(f"P {n}", person_id=f"p{n}", today="2026-11-01"))
    folder = store.folder("c1")
    (folder / CONV_SNAPSHOT).unlink()
    _join_with_a_cut_third(folder / CONV_JOURNAL)
    with pytest.warns(StoreWarning, match="holds 2 records and then a change") as said:
        book = Tracker(ClientStore(tmp_path), "c1").read()
    assert sorted(book.people) == ["p0", "p1", "p2"]
    assert any("'p3'" in str(w.message) for w in said)
    json.dumps(sorted(book.people))
