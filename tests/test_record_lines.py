"""Lines of a record that must not be replayed as they stand (issue 20, attacks 15 and 21).

* A save given a date and time (``datetime``, a pandas ``Timestamp``) is saved under its
  date; a journal line whose session is not a date is named, not dropped without a word.
* A line appended again byte for byte (a sync or merge tool) is not replayed over the later
  saves; one whose ``at`` goes back before the line before it is applied and named.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings

import pytest

from workbook.session.conversations import model
from workbook.session.store import JOURNAL_FILE, STATE_FILE, ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker

DAY = "2026-12-01"


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def _said(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _lines(path):
    return path.read_bytes().splitlines(keepends=True)


# -- attack 15: a session given as a date and time -----------------------------------------
def test_a_session_given_a_date_and_time_is_saved_under_its_date(store):
    store.save("S", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    got = store.save("S", {"energy": {"items": {"energy_1": 5}}},
                     session=dt.datetime(2026, 12, 1, 10, 0))
    assert got == {"hope": {"items": {"hope_1": 3}}, "energy": {"items": {"energy_1": 5}}}
    history, said = _said(ClientStore(store.root).history, "S")
    assert history == {DAY: got} and said == []
    line = json.loads(_lines(store.folder("S") / JOURNAL_FILE)[-1])
    assert line["session"] == DAY


def test_a_line_saved_with_a_date_and_time_by_an_earlier_kit_is_read_under_its_date(store):
    store.save("S", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    folder = store.folder("S")
    with open(folder / JOURNAL_FILE, "a") as fh:  # what the kit wrote before the fix
        fh.write(json.dumps({"at": "2026-12-01T10:00:01", "session": "2026-12-01T10:00:00",
                             "client_id": "S",
                             "answers": {"energy": {"items": {"energy_1": 5}}}}) + "\n")
    history, _ = _said(ClientStore(store.root).history, "S")
    assert history[DAY]["energy"] == {"items": {"energy_1": 5}}


def test_a_line_whose_session_is_not_a_date_is_named_once(store):
    store.save("S", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    folder = store.folder("S")
    with open(folder / JOURNAL_FILE, "a") as fh:
        fh.write(json.dumps({"at": "2026-12-01T10:00:01", "session": "next week",
                             "client_id": "S",
                             "answers": {"energy": {"items": {"energy_1": 5}}}}) + "\n")
    reader = ClientStore(store.root)
    history, said = _said(reader.history, "S")
    assert history == {DAY: {"hope": {"items": {"hope_1": 3}}}}
    assert said == [f"line 2 of {folder / JOURNAL_FILE} (client 'S') names the session "
                    "'next week', which is not a date (YYYY-MM-DD): the answers it holds "
                    "were not read. Correct its session date to have them read."]
    assert reader.notice == said[0]
    assert _said(reader.history, "S")[1] == []  # told once: the snapshot covers it now


def test_export_clients_names_a_line_whose_session_is_not_a_date(store, tmp_path):
    store.save("S", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    with open(store.folder("S") / JOURNAL_FILE, "a") as fh:
        fh.write('{"at":"2026-12-01T10:00:01","session":"2026-12-01T25:00","client_id":"S",'
                 '"answers":{"energy":{"items":{"energy_1":5}}}}\n')
    out = tmp_path / "export.csv"
    run = subprocess.run([sys.executable, "-m", "workbook", "export-clients", "--workspace",
                          str(store.root), "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "line 2 of" in run.stderr and "'2026-12-01T25:00', which is not a date" in run.stderr


# -- attack 21: a line appended again ------------------------------------------------------
def _two_saves(store):
    store.save("D", {"hope": {"items": {"hope_1": 2}}}, session=DAY)
    store.save("D", {"hope": {"items": {"hope_1": 5}}}, session=DAY)
    return store.folder("D") / JOURNAL_FILE


def test_a_save_appended_again_byte_for_byte_does_not_undo_the_later_save(store):
    journal = _two_saves(store)
    first = _lines(journal)[0]
    with open(journal, "ab") as fh:
        fh.write(first)
    reader = ClientStore(store.root)
    answers, said = _said(reader.load, "D")
    assert answers["hope"]["items"] == {"hope_1": 5}
    assert said == [f"line 3 of {journal} (client 'D', a save of session {DAY}) repeats "
                    "line 1 byte for byte (a sync or merge tool may have added it again): "
                    "it was not applied, so it does not undo what was saved after line 1."]
    assert _said(reader.load, "D")[1] == []  # said once
    # the whole journal replayed (no snapshot) gives the same
    (store.folder("D") / STATE_FILE).unlink()
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 5} and len(said) == 1


def test_a_repeated_line_within_the_part_after_the_snapshot_is_not_applied(store):
    journal = _two_saves(store)
    second = _lines(journal)[1]
    store.save("D", {"hope": {"items": {"hope_1": 1}}}, session=DAY)  # line 3
    with open(journal, "ab") as fh:
        fh.write(second)
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 1}
    assert len(said) == 1 and said[0].startswith(f"line 4 of {journal}") \
        and "repeats line 2 byte for byte" in said[0]


def _old_line(at, value):
    return json.dumps({"at": at, "session": DAY, "client_id": "D",
                       "answers": {"hope": {"items": {"hope_1": value}}}}) + "\n"


def test_lines_of_an_earlier_kit_saved_within_one_second_are_all_applied(store):
    """Saves to the second: two saves within one second may be alike, and both are honest."""
    store.save("D", {"time": {}}, session=DAY)
    journal = store.folder("D") / JOURNAL_FILE
    with open(journal, "a") as fh:
        fh.write(_old_line("2026-12-01T10:00:00", 4) + _old_line("2026-12-01T10:00:00", 2)
                 + _old_line("2026-12-01T10:00:00", 4))
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 4}
    assert [s for s in said if "repeats" in s] == []


def test_a_line_of_an_earlier_kit_repeated_after_a_later_one_is_not_applied(store):
    store.save("D", {"time": {}}, session=DAY)
    journal = store.folder("D") / JOURNAL_FILE
    journal.write_text(_old_line("2026-12-01T10:00:00", 2) + _old_line("2026-12-01T10:00:05", 5)
                       + _old_line("2026-12-01T10:00:00", 2))
    (store.folder("D") / STATE_FILE).unlink()
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 5}
    assert len(said) == 1 and "line 3 of" in said[0] and "repeats line 1" in said[0]


def test_a_line_going_back_in_time_is_applied_and_named(store):
    store.save("D", {"time": {}}, session=DAY)
    journal = store.folder("D") / JOURNAL_FILE
    journal.write_text(_old_line("2026-12-01T10:00:00", 2) + _old_line("2026-12-01T10:00:05", 5)
                       + _old_line("2026-12-01T09:00:00", 3))
    (store.folder("D") / STATE_FILE).unlink()
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 3}  # the order of the file
    assert said == [f"line 3 of {journal} (client 'D', a save of session {DAY}) says it was "
                    "saved at 2026-12-01 09:00:00, before line 2 (2026-12-01 10:00:05): the "
                    "clock was changed, or a sync or merge tool put an older change after a "
                    "newer one. It was applied in the order of the file; check that what it "
                    "holds is still right."]


def test_saves_of_this_kit_are_never_alike(store):
    journal = _two_saves(store)
    store.save("D", {"hope": {"items": {"hope_1": 2}}}, session=DAY)  # as line 1, honestly
    lines = _lines(journal)
    assert len(set(lines)) == 3
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": 2} and said == []


def test_a_change_to_the_list_appended_again_does_not_undo_a_later_one(store):
    tracker = Tracker(store, "D")
    book = tracker.change(model.add_op("Cy", org="Museum", person_id="cy"))
    book = tracker.change(model.edit_op(book, "cy", why="OLD-WHY"))
    tracker.change(model.edit_op(book, "cy", why="NEW-WHY"))
    record = store.folder("D") / JOURNAL
    with open(record, "ab") as fh:
        fh.write(_lines(record)[1])
    reader = Tracker(ClientStore(store.root), "D")
    book, said = _said(reader.read)
    assert book.people["cy"].why == "NEW-WHY"
    assert said == [f"line 4 of {record} (client 'D', a change (edit) of 'cy') repeats line 2 "
                    "byte for byte (a sync or merge tool may have added it again): it was not "
                    "applied, so it does not undo what was saved after line 2."]
    assert reader.notice == said[0]
    assert _said(Tracker(ClientStore(store.root), "D").read)[1] == []  # said once


def test_a_line_told_in_a_record_whose_snapshot_cannot_be_written_is_still_read(store):
    """1e999 reads as an infinite number, which no snapshot can hold: the reading stands."""
    store.save("D", {"time": {}}, session=DAY)
    journal = store.folder("D") / JOURNAL_FILE
    journal.write_text(_old_line("2026-12-01T10:00:05", 5)
                       + _old_line("2026-12-01T09:00:00", 3).replace('"hope_1": 3',
                                                                     '"hope_1": 1e999'))
    (store.folder("D") / STATE_FILE).unlink()
    answers, said = _said(ClientStore(store.root).load, "D")
    assert answers["hope"]["items"] == {"hope_1": float("inf")}
    assert len(said) == 1 and "before line 1" in said[0]


def test_a_folder_left_by_the_earlier_kit_s_date_and_time_save_gets_its_answers_back(store):
    """What attack 15 left on disk: the line, and a snapshot with a session of that name."""
    store.save("S", {"hope": {"items": {"hope_1": 3}}}, session=DAY)
    folder = store.folder("S")
    line = {"at": "2026-12-07T01:00:00", "session": "2026-12-01T10:00:00", "client_id": "S",
            "answers": {"energy": {"items": {"energy_1": 5}}}}
    with open(folder / JOURNAL_FILE, "a") as fh:
        fh.write(json.dumps(line) + "\n")
    state = json.loads((folder / STATE_FILE).read_text())
    state["sessions"][line["session"]] = line["answers"]
    (folder / STATE_FILE).write_text(json.dumps(state))
    history, said = _said(ClientStore(store.root).history, "S")
    assert history == {DAY: {"hope": {"items": {"hope_1": 3}},
                             "energy": {"items": {"energy_1": 5}}}}
    assert len(said) == 1 and "is not a date); it was moved to" in said[0]
