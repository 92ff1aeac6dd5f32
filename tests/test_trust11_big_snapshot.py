"""Issue 20, round 7 E11: a large record's snapshot lags, and a journal put over it lost saves.

Past ``EAGER_SIZE`` (64 KB, about 70 sessions) ``answers.json`` / ``conversations.json`` is
rewritten only when the record outgrew it by a quarter. The other laptop's copy of the
record put over this one, or the record cut short by its last line, lost the latest saves
without a word. Now each save the snapshot does not cover is kept in its side file
(``answers.json.since``): what the record lacks is written back and the coach told.
The tests set ``EAGER_SIZE`` to 0 rather than write 64 KB.
"""

import json
import shutil
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store.records import now_stamp
from workbook.session.tracker import JOURNAL as CONV
from workbook.session.tracker import SNAPSHOT, Tracker

BIG = {"big": {"reflections": ["x" * 20_000]}}


@pytest.fixture(autouse=True)
def _large(monkeypatch):
    monkeypatch.setattr("workbook.session.store.core.EAGER_SIZE", 0)


def _said(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = func(*args)
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _lagging(root):
    """Client c1: a large first session, three later ones; answers.json covers only the first."""
    store = ClientStore(root)
    store.save("c1", BIG, session="2026-09-01")
    for n in range(3):
        store.save("c1", {"hope": {"items": {"hope_1": n + 1}}}, session=f"2026-09-0{n + 2}")
    folder = store.folder("c1")
    state = json.loads((folder / "answers.json").read_text())
    assert state["journal_lines"] == 1  # it lags: three saves only in the journal
    return store, folder


LATEST = {"2026-12-02": {"time": {"items": {"time_1": 5}}},
          "2026-12-03": {"energy": {"items": {"energy_1": 1}}}}


def _two_latest(store):
    for day, answers in LATEST.items():
        store.save("c1", answers, session=day)


def test_the_other_laptops_journal_put_over_a_lagging_snapshot_loses_no_save(tmp_path):
    store, folder = _lagging(tmp_path / "A")
    journal = folder / "journal.jsonl"
    other = journal.read_bytes()  # the other laptop's copy: every line up to now
    _two_latest(store)
    journal.write_bytes(other)  # a sync tool keeps the other writer
    history, said = _said(ClientStore(tmp_path / "A").history, "c1")
    # before the fix: 2026-12-02 and 12-03 were gone and nothing was said
    assert sorted(history) == ["2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04",
                               "2026-12-02", "2026-12-03"]
    assert {day: history[day] for day in LATEST} == LATEST
    assert len(said) == 1
    assert "lacked its last 2 lines" in said[0]
    assert "2026-12-02, 2026-12-03" in said[0] and "no save was lost" in said[0]
    # the record holds them again, as they were saved: the snapshot lost loses nothing
    assert journal.read_bytes().count(b"\n") == 6
    (folder / "answers.json").unlink()
    again, said = _said(ClientStore(tmp_path / "A").history, "c1")
    assert again == history and said == []


def test_a_journal_cut_short_by_its_last_line_gets_it_back(tmp_path):
    store, folder = _lagging(tmp_path)
    _two_latest(store)
    journal = folder / "journal.jsonl"
    whole = journal.read_bytes()
    journal.write_bytes(whole[:whole.rstrip(b"\n").rfind(b"\n") + 1])  # last line gone
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert history["2026-12-03"] == LATEST["2026-12-03"]  # before the fix: gone, no word
    assert len(said) == 1 and "lacked its last 1 line" in said[0]
    assert journal.read_bytes() == whole  # byte for byte


def test_a_last_line_cut_in_the_middle_is_recovered_from_the_side_file(tmp_path):
    store, folder = _lagging(tmp_path)
    _two_latest(store)
    journal = folder / "journal.jsonl"
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-10])
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert history["2026-12-03"] == LATEST["2026-12-03"]
    assert len(said) == 1 and "recovered from answers.json.since and written back to the " \
        "record (session 2026-12-03)" in said[0]
    assert journal.read_bytes() == whole


def test_both_laptops_saved_each_keeps_its_own(tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    store, folder = _lagging(a)
    shutil.copytree(a, b)
    _two_latest(store)
    ClientStore(b).save("c1", {"ambition": {"items": {"ambition_1": 4}}}, session="2026-12-04")
    shutil.copyfile(ClientStore(b).folder("c1") / "journal.jsonl", folder / "journal.jsonl")
    history, said = _said(ClientStore(a).history, "c1")
    assert {day: history[day] for day in LATEST} == LATEST  # before the fix: both gone
    assert history["2026-12-04"] == {"ambition": {"items": {"ambition_1": 4}}}
    assert len(said) == 1
    assert "it does not hold 2 of the lines answers.json covered" in said[0]
    assert "written back" in said[0]
    # the record alone holds every save now
    (folder / "answers.json").unlink()
    again, _ = _said(ClientStore(a).history, "c1")
    assert again == history


def test_a_save_adds_one_line_to_the_side_file(tmp_path):
    store, folder = _lagging(tmp_path)
    side = folder / "answers.json.since"
    journal = (folder / "journal.jsonl").read_bytes().splitlines(keepends=True)
    head, *lines = side.read_bytes().splitlines(keepends=True)
    assert lines == journal[1:]  # the three saves after the snapshot, byte for byte
    assert json.loads(head)["journal_bytes"] == len(journal[0])
    assert oct(side.stat().st_mode & 0o777) == "0o600"


# -- the conversations list ------------------------------------------------------------------
FRI = "2026-11-27"


def _lagging_list(root):
    """Client ann's list: 30 people, conversations.json covering only the first changes."""
    tracker = Tracker(ClientStore(root), "ann")
    tracker.change(model.add_op("P0", person_id="p00", today=FRI,
                                why="w" * 4000))  # a large first snapshot
    for n in range(1, 30):
        tracker.change(model.add_op(f"P{n}", person_id=f"p{n:02d}", today=FRI))
    folder = tracker.store.folder("ann")
    snap = json.loads((folder / SNAPSHOT).read_text())
    assert snap["journal_bytes"] < (folder / CONV).stat().st_size  # it lags
    return tracker, folder


def _latest_changes(tracker):
    tracker.change(model.add_op("Late Person", person_id="late", today="2026-12-04"))
    book = tracker.read()
    tracker.change(model.step_op(book, "late", "sent", "2026-12-04", today="2026-12-04"))
    tracker.change(model.step_op(book, "p01", "sent", "2026-12-04", today="2026-12-04"))


def _sent(book):
    return sorted(pid for pid, person in book.people.items() if person.steps.get("sent"))


def test_the_other_copy_of_a_large_list_put_over_this_one_loses_no_change(tmp_path):
    tracker, folder = _lagging_list(tmp_path)
    record = folder / CONV
    other = record.read_bytes()
    _latest_changes(tracker)
    record.write_bytes(other)  # a sync tool keeps the other writer
    again = Tracker(ClientStore(tmp_path), "ann")
    book, said = _said(again.read)
    # before the fix: 30 people, no step sent, and no word
    assert len(book.people) == 31 and book.people["late"].name == "Late Person"
    assert _sent(book) == ["late", "p01"]
    assert len(said) == 1 and "lacked its last 3 lines" in said[0]
    assert "conversations.json.since" in said[0] and "no change was lost" in said[0]
    (folder / SNAPSHOT).unlink()  # the record alone holds them now
    book, _ = _said(Tracker(ClientStore(tmp_path), "ann").read)
    assert len(book.people) == 31 and _sent(book) == ["late", "p01"]


def test_both_laptops_changed_a_large_list_each_keeps_its_own(tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    tracker, folder = _lagging_list(a)
    shutil.copytree(a, b)
    _latest_changes(tracker)
    there = Tracker(ClientStore(b), "ann")
    there.change(model.add_op("Other Side", person_id="other", today="2026-12-05"))
    shutil.copyfile(ClientStore(b).folder("ann") / CONV, folder / CONV)
    book, said = _said(Tracker(ClientStore(a), "ann").read)
    assert {"late", "other"} <= set(book.people) and len(book.people) == 32
    assert _sent(book) == ["late", "p01"]
    assert len(said) == 1 and "written back to the record" in said[0]
    (folder / SNAPSHOT).unlink()
    book, _ = _said(Tracker(ClientStore(a), "ann").read)
    assert len(book.people) == 32 and _sent(book) == ["late", "p01"]


def test_a_large_list_cut_short_by_its_last_line_gets_it_back(tmp_path):
    tracker, folder = _lagging_list(tmp_path)
    _latest_changes(tracker)
    record = folder / CONV
    whole = record.read_bytes()
    record.write_bytes(whole[:-10])  # the last line cut in the middle
    book, said = _said(Tracker(ClientStore(tmp_path), "ann").read)
    assert _sent(book) == ["late", "p01"]
    assert len(said) == 1 and "recovered from conversations.json.since" in said[0]
    assert record.read_bytes() == whole


# -- the side file beside other writers ------------------------------------------------------
def test_a_line_appended_without_the_side_file_is_no_alarm_and_the_next_save_covers_it(
        tmp_path):
    store, folder = _lagging(tmp_path)
    journal = folder / "journal.jsonl"
    line = {"at": now_stamp(), "session": "2026-12-01",
            "client_id": "c1", "answers": {"time": {"items": {"time_1": 2}}}}
    with journal.open("a") as out:  # a kit from before the side file saved here
        out.write(json.dumps(line) + "\n")
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert history["2026-12-01"] == line["answers"] and said == []
    ClientStore(tmp_path).save("c1", LATEST["2026-12-02"], session="2026-12-02")
    before = journal.read_bytes()
    journal.write_bytes(before[:before.rstrip(b"\n").rfind(b"\n") + 1])  # the save's line gone
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert history["2026-12-02"] == LATEST["2026-12-02"] and len(said) == 1
    assert journal.read_bytes() == before


def test_a_lagging_snapshot_without_a_side_file_gets_one_at_the_next_save(tmp_path):
    store, folder = _lagging(tmp_path)
    (folder / "answers.json.since").unlink()  # as a kit from before the side file left it
    journal = folder / "journal.jsonl"
    other = journal.read_bytes()
    store = ClientStore(tmp_path)
    _two_latest(store)
    journal.write_bytes(other)
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert {day: history[day] for day in LATEST} == LATEST
    assert len(said) == 1 and "lacked its last 2 lines" in said[0]


def test_many_saves_past_the_snapshots_rewrites_say_nothing(tmp_path):
    store, folder = _lagging(tmp_path)
    for n in range(40):  # answers.json rewritten several times on the way
        store.save("c1", {"pad": {"reflections": ["y" * 1500, str(n)]}}, session="2026-10-01")
    state = json.loads((folder / "answers.json").read_text())
    journal = (folder / "journal.jsonl").read_bytes()
    assert state["journal_bytes"] < len(journal)  # lagging again
    side = (folder / "answers.json.since").read_bytes()
    assert side.split(b"\n", 1)[1] == journal[state["journal_bytes"]:]
    history, said = _said(ClientStore(tmp_path).history, "c1")
    assert history["2026-10-01"]["pad"]["reflections"][1] == "39" and said == []
