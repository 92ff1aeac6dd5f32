"""Issue 20, round 8: one person added on two copies of a list, both adds kept in the record.

Two laptops each added "Ana Ruiz" at "City Library" (two ids); a sync or merge tool kept
the lines of both files in ``conversations.jsonl``. She was listed twice, with no word, and
``people_listed`` counted her twice. Now the reading makes her one person again, as the
snapshot's twin is (round 8 F8): the one listed first kept, with the steps, follow-ups and
texts of both; the changes that say so are written to the record (a ``fold`` line takes
the other copy off, not a removal), so every later reading, from the record alone too,
and every later change give the same list.
"""

import datetime as dt

from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

from .laptops import Laptops, read

D = dt.date


def merged_record(tmp_path):
    """Laptop 1's store after a merge tool kept the lines of both laptops' records."""
    laptops = Laptops(tmp_path, model.add_op("Existing", person_id="ex",
                                             today=D(2026, 12, 1), now=D(2026, 12, 7)),
                      names=("wm1", "wm2"))
    mine, theirs = laptops.mine, laptops.theirs
    book = mine.change(model.add_op("Ana Ruiz", org="City Library", person_id="a1",
                                    today=D(2026, 12, 2), now=D(2026, 12, 7)))
    book = mine.change(model.step_op(book, "a1", "drafted", D(2026, 12, 3),
                                     today=D(2026, 12, 3)))
    mine.change(model.edit_op(book, "a1", note="Dear Ana, ...", learned="Archives hire in May"))
    book = theirs.change(model.add_op("  ana ruiz", org="city  library", person_id="a2",
                                      today=D(2026, 12, 4), now=D(2026, 12, 7)))
    book = theirs.change(model.step_op(book, "a2", "sent", D(2026, 12, 5),
                                       today=D(2026, 12, 5)))
    theirs.change(model.edit_op(book, "a2", learned="Ask about the digitising team"))
    laptops.union()  # the lines of both files, laptop 1's first
    return laptops.one


def test_both_adds_in_the_record_make_one_person_said_once(tmp_path):
    store = merged_record(tmp_path)
    book, tracker, said = read(store)
    assert sorted(book.people) == ["a1", "ex"]  # the one listed first is kept
    ana = book.people["a1"]
    assert ana.steps == {"noted": "2026-12-02", "drafted": "2026-12-03", "sent": "2026-12-05"}
    assert ana.note == "Dear Ana, ..."
    assert ana.learned == "Archives hire in May\n\n———\n\nAsk about the digitising team"
    assert book.counts()["people_listed"] == 2
    assert len(said) == 1, said
    assert "listed Ana Ruiz (City Library) twice" in said[0]
    assert "one person again, with the steps and notes of both" in said[0]
    assert tracker.notice == said[0]

    again, _, said = read(store)  # the same list, no word, every time
    assert said == [] and again.people["a1"] == ana and sorted(again.people) == ["a1", "ex"]
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read(store)  # the record alone gives it too
    assert said == [] and alone.people["a1"] == ana and sorted(alone.people) == ["a1", "ex"]
    assert alone.former_people == []  # not taken off: no earlier session counts her twice


def test_later_changes_to_the_one_kept_stand(tmp_path):
    store = merged_record(tmp_path)
    book, tracker, said = read(store)
    assert len(said) == 1
    book = tracker.change(model.step_op(book, "a1", "sent", None, today=D(2026, 12, 7)))
    tracker.change(model.edit_op(book, "a1", learned="Archives hire in May"))
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone, _, said = read(store)
    assert said == []
    assert sorted(alone.people) == ["a1", "ex"]
    assert alone.people["a1"].steps == {"noted": "2026-12-02", "drafted": "2026-12-03"}
    assert alone.people["a1"].learned == "Archives hire in May"


def test_a_folder_that_cannot_be_written_reads_her_once(tmp_path, monkeypatch):
    store = merged_record(tmp_path)
    folder = store.client_folder("m")
    (folder / SNAPSHOT).unlink()
    before = (folder / JOURNAL).read_bytes()
    monkeypatch.setattr(Tracker, "_writable", lambda self, folder: False)  # (as root too)
    book, _, said = read(ClientStore(tmp_path / "wm1", read_only=True))
    assert sorted(book.people) == ["a1", "ex"]
    assert book.people["a1"].steps["sent"] == "2026-12-05"
    assert "listed Ana Ruiz (City Library) twice" in said[-1]
    assert "no file was changed" in said[-1]
    assert (folder / JOURNAL).read_bytes() == before
    assert not (folder / SNAPSHOT).exists()
