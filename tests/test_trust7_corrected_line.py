"""attacks4 B18: after a damaged line's save is written back from the snapshot, correcting
the damaged line by hand counts, as the warning says it will: the written-back line records
which damaged line it stands for, and gives way once that line reads (journal.jsonl and
conversations.jsonl alike)."""

import datetime as dt
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL as CONV
from workbook.session.tracker import SNAPSHOT as CONV_SNAPSHOT

D = dt.date


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _answers(root):
    s = ClientStore(root)
    s.save("c1", {"hope": {"items": {"hope_1": 1, "hope_6": 3, "hope_7": 3}}},
           session="2026-11-01")
    s.save("c1", {"time": {"items": {"time_1": 2, "time_2": 2, "time_6": 2}}},
           session="2026-11-01")
    s.save("c1", {"hope": {"items": {"hope_1": 5, "hope_6": 3, "hope_7": 3}}},
           session="2026-11-01")  # the coach corrects hope_1 to 5
    s.save("c1", {"energy": {"items": {"energy_1": 2}}}, session="2026-11-02")
    return s.folder("c1") / "journal.jsonl"


def _hope_1(root, day="2026-11-01"):
    return _said(lambda: ClientStore(root).history("c1")[day]["hope"]["items"]["hope_1"])


def test_a_corrected_journal_line_counts_over_the_line_written_back_for_it(tmp_path):
    root = tmp_path / "ws"
    journal = _answers(root)
    text = journal.read_text()
    journal.write_text(text.replace('"hope_1":5', '"hope_1":5x'))  # line 3 damaged
    value, said = _hope_1(root)
    assert value == 5  # kept from answers.json, and written back
    assert any("correct the line by hand to have it read" in w for w in said)
    assert len(journal.read_text().splitlines()) == 5
    # the coach corrects line 3 as told (to 4)
    journal.write_text(journal.read_text().replace('"hope_1":5x', '"hope_1":4'))
    value, said = _hope_1(root)
    assert value == 4
    assert any("line 5" in w and "line 3" in w for w in said)
    assert len(journal.read_text().splitlines()) == 5  # nothing more written back
    assert _hope_1(root)[0] == 4
    (journal.parent / "answers.json").unlink()  # the record alone says the same
    assert _hope_1(root)[0] == 4
    history = ClientStore(root).history("c1")
    assert history["2026-11-01"]["time"]["items"]["time_1"] == 2
    assert sorted(history) == ["2026-11-01", "2026-11-02"]


def test_a_damaged_line_left_as_it_is_keeps_the_written_back_save(tmp_path):
    root = tmp_path / "ws"
    journal = _answers(root)
    journal.write_text(journal.read_text().replace('"hope_1":5', '"hope_1":5x'))
    assert _hope_1(root)[0] == 5
    (journal.parent / "answers.json").unlink()
    assert _hope_1(root)[0] == 5
    # the damaged line deleted instead of corrected: the written-back save stays
    lines = journal.read_text().splitlines(keepends=True)
    journal.write_text("".join(lines[:2] + lines[3:]))
    assert _hope_1(root)[0] == 5


def _conversations(root):
    t = Tracker(ClientStore(root), "c1")
    t.change(model.add_op("P4", person_id="p4", today=D(2026, 11, 3)))
    t.change(model.add_op("P5", person_id="p5", today=D(2026, 11, 3)))
    t.change(model.step_op(t.read(), "p4", "held", D(2026, 11, 24), today=D(2026, 11, 24)))
    t.change(model.step_op(t.read(), "p4", "thanked", D(2026, 11, 25), today=D(2026, 11, 25)))
    (t.store.folder("c1") / CONV_SNAPSHOT).unlink()  # the next change covers every line
    t.change(model.step_op(t.read(), "p5", "sent", D(2026, 11, 25), today=D(2026, 11, 25)))
    return t.store.folder("c1") / CONV


def _thanked(root):
    book, said = _said(lambda: Tracker(ClientStore(root), "c1").read())
    return book.people["p4"].steps.get("thanked"), said


def test_a_corrected_conversations_line_counts_over_the_line_written_back_for_it(tmp_path):
    root = tmp_path / "ws"
    record = _conversations(root)
    record.write_text(record.read_text().replace('"thanked"', '"thankd"'))  # line 4
    day, said = _thanked(root)
    assert day == "2026-11-25"
    assert len(record.read_text().splitlines()) == 6  # written back as line 6
    record.write_text(record.read_text().replace(
        '"thankd","date":"2026-11-25"', '"thanked","date":"2026-11-26"'))
    day, said = _thanked(root)
    assert day == "2026-11-26"
    assert len(record.read_text().splitlines()) == 6
    (record.parent / CONV_SNAPSHOT).unlink()
    assert _thanked(root)[0] == "2026-11-26"
