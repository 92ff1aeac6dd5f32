"""attacks4 B17: an older copy of conversations.jsonl coming back loses nothing the snapshot
holds: a rename, a move, a person taken off the list and listed again, a place taken off
the list, the sharing choices are written back to the record, as steps are (B1)."""

import datetime as dt
import shutil
import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT, book_to_dict

D = dt.date


def _read(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(root), "c1").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _first(root):
    """The list as an older copy of the record holds it: 2 places, 4 people."""
    t = Tracker(ClientStore(root), "c1")
    t.change(model.add_place_op(t.read(), "Library", knows=True, place_id="L",
                                today=D(2026, 11, 2)))
    t.change(model.add_op("P1", org="Library", person_id="p1", today=D(2026, 11, 3)))
    t.change(model.add_op("P2", org="Library", person_id="p2", today=D(2026, 11, 3)))
    t.change(model.add_op("P5", org="Kitchen", person_id="p5", today=D(2026, 11, 3)))
    t.change(model.add_op("F0", person_id="f0", today=D(2026, 11, 3)))
    t.change(model.step_op(t.read(), "p1", "sent", D(2026, 11, 4), today=D(2026, 11, 4)))
    return t


def _later(t):
    """The changes only the snapshot will hold."""
    t.change(model.edit_op(t.read(), "p5", name="Renamed Five"))
    t.change(model.move_op(t.read(), "p5", "L", today=D(2026, 12, 5)))
    t.change(model.remove_op(t.read(), "f0"))
    t.change(model.add_op("F0 again", person_id="f0", today=D(2026, 12, 5)))
    t.change(model.add_place_op(t.read(), "Museum", place_id="M", today=D(2026, 12, 5)))
    t.change(model.remove_place_op(t.read(), "L", today=D(2026, 12, 6)))
    (t.store.folder("c1") / SNAPSHOT).unlink()  # the next change writes one covering all
    t.change(model.share_op(report=True, names=True))


def _with_snapshot_of_all(root):
    t = _first(root)
    journal = t.store.folder("c1") / JOURNAL
    older = journal.read_bytes()
    _later(t)
    return journal, older, book_to_dict(Tracker(ClientStore(root), "c1").read())


def test_an_older_copy_of_the_record_loses_no_rename_move_removal_or_place(tmp_path):
    root = tmp_path / "ws"
    journal, older, before = _with_snapshot_of_all(root)
    journal.write_bytes(older)  # an older copy of the record comes back
    book, said = _read(root)
    assert book_to_dict(book) == before
    assert book.people["p5"].name == "Renamed Five" and book.people["f0"].name == "F0 again"
    assert [p.name for p in book.places.values()] == ["Kitchen", "Museum"]
    assert [f.id for f in book.former_places] == ["L"]
    assert book.share_report and book.share_names
    assert book.counts(on=D(2026, 12, 6))["places_listed"] == 2  # Kitchen and Museum
    assert any("was written back to the record" in w and "Renamed Five" in w
               and "the place Library" in w for w in said)
    # the record holds it all again: with the snapshot lost, the same list
    (journal.parent / SNAPSHOT).unlink()
    book, said = _read(root)
    assert book_to_dict(book) == before
    assert not any("not written back" in w for w in said)


def test_the_same_with_line_endings_converted_first(tmp_path):
    root = tmp_path / "ws"
    journal, older, before = _with_snapshot_of_all(root)
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    book, _ = _read(root)
    assert book_to_dict(book) == before
    journal.write_bytes(older.replace(b"\n", b"\r\n"))
    book, _ = _read(root)
    assert book_to_dict(book) == before
    (journal.parent / SNAPSHOT).unlink()
    assert book_to_dict(_read(root)[0]) == before


def test_two_laptops_keep_both_sides(tmp_path):
    """The sync keeps laptop A's record and laptop B's snapshot: both sides' changes stay."""
    root = tmp_path / "a"
    t = _first(root)
    t.read()
    shutil.copytree(root, tmp_path / "b")
    a = Tracker(ClientStore(root), "c1")
    a.change(model.add_op("P6", person_id="p6", today=D(2026, 12, 1)))
    a.change(model.step_op(a.read(), "p6", "sent", D(2026, 12, 2), today=D(2026, 12, 2)))
    b = Tracker(ClientStore(tmp_path / "b"), "c1")
    b.change(model.let_go_op(b.read(), "p1", D(2026, 12, 3), today=D(2026, 12, 3)))
    b.change(model.edit_op(b.read(), "p2", name="Two Renamed"))
    (b.store.folder("c1") / SNAPSHOT).unlink()  # the next change writes one covering all
    b.change(model.remove_place_op(b.read(), "L", today=D(2026, 12, 4)))
    shutil.copy(b.store.folder("c1") / SNAPSHOT, a.store.folder("c1") / SNAPSHOT)
    book, said = _read(root)
    assert book.people["p6"].steps.get("sent") == "2026-12-02"
    assert book.people["p1"].let_go == "2026-12-03"
    assert book.people["p2"].name == "Two Renamed"
    assert "L" not in book.places and [f.id for f in book.former_places] == ["L"]
    (a.store.folder("c1") / SNAPSHOT).unlink()
    again, _ = _read(root)
    assert book_to_dict(again) == book_to_dict(book)


def test_an_edited_line_is_read_in_its_place_with_the_lines_after_it(tmp_path):
    """A rename edited by hand in an earlier line does not undo a later rename."""
    root = tmp_path / "ws"
    t = _first(root)
    t.change(model.edit_op(t.read(), "p1", name="Anne"))  # line 7
    t.change(model.edit_op(t.read(), "p1", name="Anna"))  # line 8
    (t.store.folder("c1") / SNAPSHOT).unlink()
    t.change(model.edit_op(t.read(), "p2", name="Bo"))  # a snapshot covering every line
    journal = t.store.folder("c1") / JOURNAL
    journal.write_text(journal.read_text().replace('"Anne"', '"Annie"'))
    book, said = _read(root)
    assert book.people["p1"].name == "Anna" and book.people["p2"].name == "Bo"
    journal.write_text(journal.read_text().replace('"Anna"', '"Anka"'))
    book, said = _read(root)
    assert book.people["p1"].name == "Anka"
