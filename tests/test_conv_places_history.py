"""Attack A12: the place counts of an earlier session never change afterwards.

``places_listed`` and ``places_with_contact`` of a past session count the places and their
contacts as they stood in that session's window: a place from the day it was listed (a
place listed through a person's edit or move on that op's day), a person at a place from the
day they were moved there, their earlier place keeping its contact for the days before. Each
person keeps a dated history of their places (``Person.places``), kept in the snapshot.
Every number here is worked out by hand.

Sessions of the A12 reproduction: Thu 1, Sat 10 and Tue 20 Oct 2026. A session's counts run
to the day before the next one (Fri 9 Oct, Mon 19 Oct), the latest to the export day.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from workbook.session import tracker as cstore
from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

D = dt.date
SESSIONS = ("2026-10-01", "2026-10-10", "2026-10-20")
EXPORT_DAY = D(2026, 12, 4)  # a Friday: the latest session is counted to it


def _rows(store):
    table = responses(ClientStore(store.root), today=EXPORT_DAY)
    return [(r["date"], r["places_listed"], r["places_with_contact"])
            for r in table.to_dict("records")]


def _two(book, on):
    counts = book.counts(on=on)
    return counts["places_listed"], counts["places_with_contact"]


@pytest.fixture()
def a12(tmp_path):
    """The A12 list: Library and Kitchen listed 2 Oct, Clinic 3 Oct; Ana (Library) listed
    3 Oct, note sent 4 Oct; Bo (Kitchen) 5 Oct, sent 6 Oct; Cy (Clinic) 12 Oct, talk 15 Oct."""
    store = ClientStore(tmp_path / "ws")
    for day in SESSIONS:
        store.save("c", {"hope": {"items": {"hope_1": 4}}}, session=day)
    t = Tracker(store, "c")
    t.change(model.add_place_op(t.read(), "Library", knows=True, place_id="L",
                                today=D(2026, 10, 2)))
    t.change(model.add_place_op(t.read(), "Kitchen", knows=False, place_id="K",
                                today=D(2026, 10, 2)))
    t.change(model.add_place_op(t.read(), "Clinic", place_id="C", today=D(2026, 10, 3)))
    t.change(model.add_op("Ana", org="Library", person_id="ana", today=D(2026, 10, 3)))
    t.change(model.step_op(t.read(), "ana", "sent", D(2026, 10, 4)))
    t.change(model.add_op("Bo", org="Kitchen", person_id="bo", today=D(2026, 10, 5)))
    t.change(model.step_op(t.read(), "bo", "sent", D(2026, 10, 6)))
    t.change(model.add_op("Cy", org="Clinic", person_id="cy", today=D(2026, 10, 12)))
    t.change(model.step_op(t.read(), "cy", "held", D(2026, 10, 15)))
    return store, t


def test_a12_earlier_sessions_keep_their_place_counts(a12):
    store, t = a12
    # to 9 Oct: Library, Kitchen, Clinic listed; Ana (Library) and Bo (Kitchen): 3, 2.
    # to 19 Oct: Cy at the Clinic from 12 Oct too: 3, 3. The latest, to 4 Dec: 3, 3.
    assert _rows(store) == [("2026-10-01", 3, 2), ("2026-10-10", 3, 3), ("2026-10-20", 3, 3)]

    t.change(model.move_op(t.read(), "ana", "C", today=D(2026, 11, 26)))
    # Ana was at the Library until 25 Nov: the past rows keep its contact. On 4 Dec the
    # Library has nobody, the Kitchen Bo, the Clinic Ana and Cy: 3 listed, 2 with a contact.
    assert _rows(store) == [("2026-10-01", 3, 2), ("2026-10-10", 3, 3), ("2026-10-20", 3, 2)]

    t.change(model.add_place_op(t.read(), "Garden", place_id="G", today=D(2026, 11, 29)))
    t.change(model.move_op(t.read(), "cy", "G", today=D(2026, 11, 30)))
    # the Garden, listed 29 Nov, is not in the October rows; on 4 Dec: 4 places, contacts
    # at the Kitchen (Bo), the Clinic (Ana) and the Garden (Cy): 3.
    assert _rows(store) == [("2026-10-01", 3, 2), ("2026-10-10", 3, 3), ("2026-10-20", 4, 3)]

    t.change(model.edit_op(t.read(), "ana", org="Somewhere else", today=D(2026, 12, 1)))
    # typed anew on 1 Dec: "Somewhere else" is listed on 1 Dec, Ana at it from then; the
    # Clinic is left with nobody. On 4 Dec: 5 places, contacts Kitchen, Garden, Somewhere
    # else: 3. The October rows as before.
    assert _rows(store) == [("2026-10-01", 3, 2), ("2026-10-10", 3, 3), ("2026-10-20", 5, 3)]
    book = t.read()
    new = model.find_place(book, "Somewhere else")
    assert new.added == "2026-12-01"
    assert book.people["ana"].places == [["2026-10-03", "L"], ["2026-11-26", "C"],
                                         ["2026-12-01", new.id]]
    # the days between: on 30 Nov (before the edit) Ana was at the Clinic, the new place
    # not yet listed: Library (nobody), Kitchen (Bo), Clinic (Ana), Garden (Cy): 4, 3
    assert _two(book, D(2026, 11, 30)) == (4, 3)
    # on 27 Nov: Garden not listed yet, Cy still at the Clinic with Ana: 3 places, 2 met
    assert _two(book, D(2026, 11, 27)) == (3, 2)


def test_the_history_is_read_back_from_the_snapshot_and_the_record(a12):
    store, t = a12
    t.change(model.move_op(t.read(), "ana", "C", today=D(2026, 11, 26)))
    folder = store.folder("c")
    snap = Tracker(store, "c")
    snap._snapshot(folder, snap._load(folder, locked=False))  # a snapshot covering it all
    data = json.loads((folder / cstore.SNAPSHOT).read_text())
    ana = next(p for p in data["book"]["people"] if p["id"] == "ana")
    assert ana["places"] == [["2026-10-03", "L"], ["2026-11-26", "C"]]
    from_snapshot = Tracker(store, "c").read()
    (folder / cstore.SNAPSHOT).unlink()
    from_record = Tracker(store, "c").read()
    for book in (from_snapshot, from_record):
        assert book.people["ana"].places == [["2026-10-03", "L"], ["2026-11-26", "C"]]
        assert _two(book, D(2026, 10, 9)) == (3, 2)  # Ana still counted at the Library


def test_an_old_snapshot_reads_as_one_entry_from_the_listed_day():
    data = {"people": [{"id": "a", "name": "Ana", "org": "Parks", "added": "2026-10-03",
                        "steps": {"noted": "2026-10-03"}, "place": "P"},
                       {"id": "b", "name": "Bo", "added": "2026-10-05",
                        "steps": {"noted": "2026-10-05"}}],
            "places": [{"id": "P", "name": "Parks", "added": "2026-10-02", "rank": 1}]}
    book = cstore.book_from_dict(data)
    assert book.people["a"].places == [["2026-10-03", "P"]]
    assert book.people["b"].places == [["2026-10-05", ""]]
    # Parks listed 2 Oct, Ana there from 3 Oct
    assert [_two(book, D(2026, 10, d)) for d in (1, 2, 3)] == [(0, 0), (1, 0), (1, 1)]
    # Bo moved to Parks on 20 Oct: counted there from then, not before
    model.apply(book, model.move_op(book, "b", "P", today=D(2026, 10, 20)))
    assert book.people["b"].places == [["2026-10-05", ""], ["2026-10-20", "P"]]
    model.apply(book, model.move_op(book, "a", "", today=D(2026, 10, 25)))
    assert [_two(book, D(2026, 10, d)) for d in (4, 24, 25)] == [(1, 1), (1, 1), (1, 1)]
    model.apply(book, model.move_op(book, "b", "", today=D(2026, 10, 27)))
    assert _two(book, D(2026, 10, 26)) == (1, 1)  # Bo still there
    assert _two(book, D(2026, 10, 27)) == (1, 0)  # nobody at Parks from 27 Oct


def _book(*ops):
    book = model.Book()
    for op in ops:
        model.apply(book, op)
    return book


def _listed():
    """Library (L) listed 2 Oct, Ana there from 3 Oct; Kitchen (K) listed 2 Oct, empty."""
    book = _book()
    model.apply(book, model.add_place_op(book, "Library", place_id="L", today=D(2026, 10, 2)))
    model.apply(book, model.add_place_op(book, "Kitchen", place_id="K", today=D(2026, 10, 2)))
    model.apply(book, model.add_op("Ana", place="L", person_id="a", book=book,
                                   today=D(2026, 10, 3)))
    return book


def test_a_move_keeps_the_earlier_place_contact_for_the_days_before():
    book = _listed()
    model.apply(book, model.move_op(book, "a", "K", today=D(2026, 10, 15)))
    # to 14 Oct Ana was at the Library; from 15 Oct at the Kitchen. Two places all along.
    assert [_two(book, D(2026, 10, d)) for d in (2, 3, 14, 15)] == \
        [(2, 0), (2, 1), (2, 1), (2, 1)]
    assert [model.Person.place_on(book.people["a"], D(2026, 10, d)) for d in (14, 15)] == \
        ["L", "K"]
    # moved back the same day twice: the last move of a day is where they were that day
    model.apply(book, model.move_op(book, "a", "L", today=D(2026, 10, 20)))
    model.apply(book, model.move_op(book, "a", "", today=D(2026, 10, 20)))
    assert book.people["a"].places == [["2026-10-03", "L"], ["2026-10-15", "K"],
                                       ["2026-10-20", ""]]
    assert _two(book, D(2026, 10, 19)) == (2, 1) and _two(book, D(2026, 10, 20)) == (2, 0)


def test_an_org_typed_anew_lists_its_place_on_the_day_of_the_edit():
    book = _listed()
    op = model.edit_op(book, "a", org="City Archives", today=D(2026, 11, 2))
    assert op["date"] == "2026-11-02"
    model.apply(book, op)
    archives = model.find_place(book, "City Archives")
    assert archives.added == "2026-11-02"  # not Ana's listed day, 3 Oct
    # 1 Nov: Library (Ana) and Kitchen: 2, 1. 2 Nov: the Archives with Ana, the Library
    # empty: 3 places, 1 with a contact.
    assert _two(book, D(2026, 11, 1)) == (2, 1)
    assert _two(book, D(2026, 11, 2)) == (3, 1)
    # an emptied org: no place from the day of that edit
    model.apply(book, model.edit_op(book, "a", org="", today=D(2026, 11, 9)))
    assert _two(book, D(2026, 11, 8)) == (3, 1) and _two(book, D(2026, 11, 9)) == (3, 0)


def test_an_edit_recorded_without_a_date_counts_from_the_day_its_line_was_written():
    book = _listed()
    # a line an earlier version wrote: no "date", its "at" says when it was saved
    model.apply(book, {"op": "edit", "id": "a", "fields": {"org": "Parks"},
                       "place": {"id": "P", "name": "Parks"},
                       "at": "2026-11-05T09:30:00.000000+01:00", "client_id": "c"})
    assert book.places["P"].added == "2026-11-05"
    assert _two(book, D(2026, 11, 4)) == (2, 1)
    assert _two(book, D(2026, 11, 5)) == (3, 1)


def test_a_move_to_a_place_listed_later_counts_only_from_then():
    book = _listed()
    model.apply(book, model.move_op(book, "a", name="Garden", today=D(2026, 11, 30)))
    garden = model.find_place(book, "Garden")
    assert garden.added == "2026-11-30"
    assert _two(book, D(2026, 10, 19)) == (2, 1)  # October: Library (Ana), Kitchen
    assert _two(book, D(2026, 11, 29)) == (2, 1)
    assert _two(book, D(2026, 11, 30)) == (3, 1)  # Garden (Ana); the Library empty


def test_a_place_taken_off_keeps_the_contacts_it_had():
    book = _listed()
    # Ana leaves the Library for the Kitchen on 15 Oct; the Library goes on 1 Nov
    model.apply(book, model.move_op(book, "a", "K", today=D(2026, 10, 15)))
    model.apply(book, model.remove_place_op(book, "L", today=D(2026, 11, 1)))
    # 10 Oct: Library (Ana) and Kitchen: 2, 1 (before: the Library had nobody at its
    # removal, so it counted no contact on any day). 20 Oct: Library empty, Kitchen (Ana).
    # 1 Nov: the Library off the list.
    assert [_two(book, D(2026, m, d)) for m, d in ((10, 10), (10, 20), (11, 1))] == \
        [(2, 1), (2, 1), (1, 1)]
    # someone still at a place when it is taken off has no place from that day
    book = _listed()
    model.apply(book, model.remove_place_op(book, "L", today=D(2026, 11, 1)))
    assert book.people["a"].places == [["2026-10-03", "L"], ["2026-11-01", ""]]
    assert book.people["a"].org == "Library"
    assert _two(book, D(2026, 10, 31)) == (2, 1) and _two(book, D(2026, 11, 1)) == (1, 0)
    # moved on later to the Kitchen: the Library's October contact stays
    model.apply(book, model.move_op(book, "a", "K", today=D(2026, 11, 10)))
    assert [_two(book, D(2026, m, d)) for m, d in ((10, 31), (11, 9), (11, 10))] == \
        [(2, 1), (1, 0), (1, 1)]


def test_a_renamed_place_keeps_its_history_and_typing_its_old_name_lists_a_new_one():
    book = _listed()
    model.apply(book, model.edit_place_op(book, "L", name="Central Library"))
    assert book.people["a"].org == "Central Library"
    assert _two(book, D(2026, 10, 3)) == (2, 1)  # unchanged by the rename
    # the new name typed again (other case): nothing moves
    op = model.edit_op(book, "a", org="central library", today=D(2026, 11, 20))
    assert "place" not in op
    model.apply(book, op)
    assert book.people["a"].places == [["2026-10-03", "L"]]
    # the old name typed on 20 Nov: a new place "Library", listed that day
    model.apply(book, model.edit_op(book, "a", org="Library", today=D(2026, 11, 20)))
    assert _two(book, D(2026, 10, 3)) == (2, 1)
    assert _two(book, D(2026, 11, 19)) == (2, 1)
    assert _two(book, D(2026, 11, 20)) == (3, 1)


def test_a_history_that_does_not_read_true_is_refused():
    assert model.fields_problem({"places": [["2026-10-05", "L"], ["2026-10-01", "K"]]}) == \
        "places: 2026-10-01 comes after 2026-10-05"
    assert model.fields_problem({"places": [["soon", "L"]]}) == \
        "places: 'soon' is not a date"
    assert model.fields_problem({"places": "L"}) == "places: it is not a list"
    assert model.op_problem({"op": "edit", "id": "a",
                             "fields": {"places": [["2026-10-01", "L"]]}}) == \
        "it sets a field a change may not set"
    assert model.op_problem({"op": "edit", "id": "a", "fields": {"org": "X"},
                             "place": {"id": "x", "name": "X"}, "date": "1 Nov"}) == \
        "'1 Nov' is not a date"


def test_a_place_listed_through_a_suggestion_counts_from_that_day():
    book = _listed()
    model.apply(book, model.step_op(book, "a", "held", D(2026, 10, 20), today=D(2026, 10, 20)))
    model.apply(book, model.suggest_op(book, "a", "Bo", org="Garden", person_id_new="b",
                                       today=D(2026, 10, 22)))
    garden = model.find_place(book, "Garden")
    assert (garden.added, book.people["b"].places) == ("2026-10-22", [["2026-10-22", garden.id]])
    assert _two(book, D(2026, 10, 21)) == (2, 1)  # Library (Ana), Kitchen
    assert _two(book, D(2026, 10, 22)) == (3, 2)  # and the Garden with Bo
