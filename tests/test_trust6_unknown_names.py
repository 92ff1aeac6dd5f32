"""attacks4 B22: a record line naming a place or a person the list does not have is not
applied, and is told once by line number (a notice and a StoreWarning), like the other lines
that are skipped."""
import datetime as dt
import json
import warnings

from workbook.session.conversations import model
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

WED = dt.date(2026, 11, 25)


def _read(root):
    tracker = Tracker(ClientStore(root), "ann")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = tracker.read()
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    return book, said


def _listed(root):
    """Ana (p1) at the Kitchen, Bo (p2) listed and taken off again: lines 1-4."""
    tracker = Tracker(ClientStore(root), "ann")
    tracker.change(model.add_place_op(tracker.read(), "Kitchen", place_id="k", today=WED,
                                      now=WED))
    tracker.change(model.add_op("Ana", org="Kitchen", person_id="p1", today=WED, now=WED,
                                book=tracker.read()))
    tracker.change(model.add_op("Bo", person_id="p2", today=WED, now=WED))
    tracker.change(model.remove_op(tracker.read(), "p2"))
    return tracker.store.folder("ann") / JOURNAL


def _append(record, *ops):
    with open(record, "a", encoding="utf-8") as fh:
        for n, op in enumerate(ops):
            fh.write(json.dumps({"at": f"2099-01-01T10:00:0{n}.000001+00:00", "client_id": "ann",
                                 **op}) + "\n")


LINES = ({"op": "move", "id": "p1", "place": "ZZ", "date": "2026-12-03"},
         {"op": "step", "id": "nobody", "step": "sent", "date": "2026-12-05"},
         {"op": "let_go", "id": "ghost", "date": "2026-12-05"})


def _words(record):
    return [f"line 5 of {record} (client 'ann', a change (move) of 'p1') moves 'p1' to a "
            "place 'ZZ' that is not on the list: the change it holds was not applied. "
            "Nothing was changed.",
            f"line 6 of {record} (client 'ann', a change (step) of 'nobody') names a person "
            "'nobody' who is not on the list: the change it holds was not applied. Nothing "
            "was changed.",
            f"line 7 of {record} (client 'ann', a change (let_go) of 'ghost') names a person "
            "'ghost' who is not on the list: the change it holds was not applied. Nothing "
            "was changed."]


def test_lines_naming_an_unknown_place_or_person_are_told_once_and_not_applied(tmp_path):
    record = _listed(tmp_path)
    _append(record, *LINES)
    book, said = _read(tmp_path)
    assert said == _words(record)
    assert list(book.people) == ["p1"]
    assert book.people["p1"].place == "k"
    assert book.people["p1"].org == "Kitchen"
    assert _read(tmp_path)[1] == []  # said once


def test_the_same_lines_are_told_when_the_list_is_rebuilt_from_the_record(tmp_path):
    record = _listed(tmp_path)
    _append(record, *LINES)
    (record.parent / SNAPSHOT).write_text("{damaged", encoding="utf-8")
    book, said = _read(tmp_path)
    assert [w for w in said if "not on the list" in w] == _words(record)
    assert book.people["p1"].place == "k"


def test_a_step_of_a_person_taken_off_the_list_keeps_them_let_go(tmp_path):
    """Not a name the list never had: the person it names was taken off (on another copy of
    the list, as the kit refuses it on this one). Since round 11a M1 they are kept, let go
    on the day they were taken off, with the step, and the coach is told once (it was
    dropped without a word before: a note sent, lost)."""
    record = _listed(tmp_path)
    _append(record, {"op": "step", "id": "p2", "step": "sent", "date": "2026-12-05"})
    book, said = _read(tmp_path)
    assert len(said) == 1 and "Bo is kept, let go on" in said[0], said
    assert list(book.people) == ["p1", "p2"] and book.people["p2"].steps["sent"] == "2026-12-05"
    assert _read(tmp_path)[1] == []


def test_apply_does_not_take_a_person_off_their_place_for_an_unknown_place_id():
    book = model.Book()
    model.apply(book, model.add_place_op(book, "Kitchen", place_id="k", today=WED, now=WED))
    model.apply(book, model.add_op("Ana", org="Kitchen", person_id="p1", today=WED, now=WED,
                                   book=book))
    model.apply(book, {"op": "move", "id": "p1", "place": "ZZ", "date": "2026-12-03"})
    assert book.people["p1"].place == "k"
    assert [pid for _, pid in book.people["p1"].places] == ["k"]
