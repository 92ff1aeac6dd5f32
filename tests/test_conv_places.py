"""Issue 21: places first. A client's short ranked list of places, through the same journal.

Each person belongs to a place or to none; an org text links to (or lists) the place of that
name; a place taken off the list leaves its people with no place (keeping its name as where
they work) and keeps earlier sessions' counts; the same name at two places is two people;
someone with a step recorded is never taken off the list (let go instead). Every count
here is worked out by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from workbook.core.conversations.model import KeptError
from workbook.core.conversations.words import Words
from workbook.core.exceptions import ConversationError
from workbook.session import tracker as cstore
from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore
from workbook.session.store.records import now_stamp

D = dt.date
TODAY = D(2026, 11, 30)  # a Monday


def _book(*ops):
    book = model.Book()
    for op in ops:
        model.apply(book, op)
    return book


def _names(book):
    return [(p.name, p.rank) for p in model.ranked_places(book)]


# -- the list of places through the journal ------------------------------------------------
def test_places_are_added_ranked_edited_and_read_back_from_the_record(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    book = tracker.read()
    book = tracker.change(model.add_place_op(book, "Open Kitchen", drawn="they train cooks",
                                             knows=True, today=D(2026, 11, 16), now=TODAY))
    book = tracker.change(model.add_place_op(book, "Harbour Trust", knows=None,
                                             today=D(2026, 11, 17), now=TODAY))
    book = tracker.change(model.add_place_op(book, "City Archives", knows="no",
                                             today=D(2026, 11, 18), now=TODAY))
    assert _names(book) == [("Open Kitchen", 1), ("Harbour Trust", 2), ("City Archives", 3)]
    archives = model.find_place(book, " city  ARCHIVES ").id
    book = tracker.change(model.rank_op(book, archives, "up"))
    assert _names(book) == [("Open Kitchen", 1), ("City Archives", 2), ("Harbour Trust", 3)]
    book = tracker.change(model.rank_op(book, archives, 1))
    assert _names(book) == [("City Archives", 1), ("Open Kitchen", 2), ("Harbour Trust", 3)]
    trust = model.find_place(book, "Harbour Trust").id
    book = tracker.change(model.order_op(book, [trust]))  # the rest keep their order
    assert _names(book) == [("Harbour Trust", 1), ("City Archives", 2), ("Open Kitchen", 3)]
    kitchen = model.find_place(book, "Open Kitchen")
    assert (kitchen.drawn, kitchen.knows, kitchen.added) == ("they train cooks", "yes",
                                                             "2026-11-16")
    assert book.places[trust].knows == "unknown"
    book = tracker.change(model.edit_place_op(book, kitchen.id, knows=False))
    assert book.places[kitchen.id].knows == "no"
    # read again from disk (a fresh tracker), and rebuilt from the record alone
    again = Tracker(ClientStore(tmp_path), "ann").read()
    assert cstore.book_to_dict(again) == cstore.book_to_dict(book)
    (tracker.store.folder("ann") / cstore.SNAPSHOT).unlink()
    rebuilt = Tracker(ClientStore(tmp_path), "ann").read()
    assert cstore.book_to_dict(rebuilt) == cstore.book_to_dict(book)


def test_place_values_are_checked_and_the_field_named():
    book = _book(model.add_place_op(model.Book(), "Parks", place_id="pk",
                                    today=D(2026, 11, 16), now=TODAY))
    with pytest.raises(ConversationError, match="knows must be yes, no or unknown"):
        model.add_place_op(book, "Museum", knows="maybe")
    with pytest.raises(ConversationError, match="name: 'Parks' is on the list of places"):
        model.add_place_op(book, "  parks ")
    with pytest.raises(ConversationError, match="name: a place needs a name"):
        model.add_place_op(book, "  ")
    with pytest.raises(ConversationError, match="name holds a line break"):
        model.add_place_op(book, "Parks\nDept")
    with pytest.raises(ConversationError, match="rank: Parks is first already"):
        model.rank_op(book, "pk", "up")
    with pytest.raises(ConversationError, match="rank must be a position from 1 to 1"):
        model.rank_op(book, "pk", 3)
    with pytest.raises(ConversationError, match="place_id: no place with id 'zz'"):
        model.edit_place_op(book, "zz", name="Museum")
    with pytest.raises(ConversationError, match="colour is not a field of a place"):
        model.edit_place_op(book, "pk", colour="red")


@pytest.mark.parametrize("line, why", [
    ({"op": "place_add", "id": "x", "date": "2026-11-20",
      "fields": {"name": "Museum", "knows": "maybe"}}, "knows is 'maybe'"),
    ({"op": "place_add", "id": "x", "date": "soon", "fields": {"name": "Museum"}},
     "'soon' is not a date"),
    ({"op": "place_rank", "id": "x", "to": 0}, "0 is not a position"),
    ({"op": "move", "id": "p1", "place": 7, "date": "2026-11-20"}, "7 is not a place id"),
    ({"op": "add", "id": "p9", "date": "2026-11-20", "fields": {"name": "Bo"},
      "place": {"id": "x"}}, "its place is not a place id and name"),
    ({"op": "add", "id": "p9", "date": "2026-11-20", "fields": {"name": "Bo", "place": "x"}},
     "it sets a field a change may not set"),
])
def test_a_misshapen_place_line_is_named_and_never_applied(line, why):
    assert why in model.op_problem(line)


def test_a_hand_edited_place_line_of_the_wrong_shape_is_skipped(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    tracker.change(model.add_place_op(model.Book(), "Parks", place_id="pk",
                                      today=D(2026, 11, 16), now=TODAY))
    journal = tracker.store.folder("ann") / cstore.JOURNAL
    bad = {"at": now_stamp(), "client_id": "ann", "op": "place_add",
           "id": "mu", "date": "2026-11-20", "fields": {"name": "Museum", "knows": "maybe"}}
    with journal.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(bad) + "\n")
    assert list(Tracker(ClientStore(tmp_path), "ann").read().places) == ["pk"]


# -- people at places ------------------------------------------------------------------------
def test_an_org_text_links_to_the_place_of_that_name_or_lists_it():
    book = _book(model.add_place_op(model.Book(), "City Library", place_id="lib",
                                    today=D(2026, 11, 16), now=TODAY))
    model.apply(book, model.add_op("Ana", org="city  library", person_id="a", book=book,
                                   today=D(2026, 11, 17), now=TODAY))
    model.apply(book, model.add_op("Bo", org="Parks", person_id="b", book=book,
                                   today=D(2026, 11, 18), now=TODAY))
    model.apply(book, model.add_op("Cy", person_id="c", book=book, today=D(2026, 11, 18),
                                   now=TODAY))
    ana, bo, cy = (book.people[k] for k in "abc")
    assert (ana.place, ana.org) == ("lib", "City Library")  # the place's own spelling
    parks = model.find_place(book, "Parks")
    assert (bo.place, parks.added, parks.rank) == (parks.id, "2026-11-18", 2)
    assert parks.id == model.place_id_for("Parks")
    assert (cy.place, cy.org) == ("", "")
    assert [p.name for p in model.people_at(book, "lib")] == ["Ana"]
    assert [p.name for p in model.people_at(book, "")] == ["Cy"]
    # a place given by id
    model.apply(book, model.add_op("Di", place="lib", person_id="d", book=book,
                                   today=D(2026, 11, 19), now=TODAY))
    assert [p.name for p in model.people_at(book, "lib")] == ["Ana", "Di"]


def test_an_old_record_with_only_an_org_still_reads_and_lists_its_place(tmp_path):
    # attacks3 A20 (deliberate change): an add saved before places existed lists its org's
    # place as today's add does, from the person's listed day (it listed no place).
    store = ClientStore(tmp_path)
    folder = store.client_folder("ann", create=True)
    lines = [{"at": "2026-11-20T10:00:00+00:00", "client_id": "ann", "op": "add", "id": "p1",
              "date": "2026-11-20", "fields": {"name": "Ana", "org": "City Library"}},
             {"at": "2026-11-21T10:00:00+00:00", "client_id": "ann", "op": "step",
              "id": "p1", "step": "sent", "date": "2026-11-21"}]
    (folder / cstore.JOURNAL).write_text("".join(json.dumps(x) + "\n" for x in lines))
    book = Tracker(store, "ann").read()
    ana = book.people["p1"]
    library = model.place_id_for("City Library")
    assert (ana.org, ana.place, model.place_name(book, ana)) == ("City Library", library,
                                                                  "City Library")
    assert [(p.id, p.added) for p in book.places.values()] == [(library, "2026-11-20")]
    assert book.counts()["places_listed"] == 1 and book.counts()["places_with_contact"] == 1
    # an old snapshot (no places in it) reads too
    old = {"people": [{"id": "p1", "name": "Ana", "org": "City Library",
                       "added": "2026-11-20", "steps": {"sent": "2026-11-21"}}]}
    assert cstore.book_from_dict(old).people["p1"].place == library
    # the same org again in "change details" changes nothing; a new one moves them
    same = model.edit_op(book, "p1", name="Ana", org="City Library ")
    assert "place" not in same
    moved = model.edit_op(book, "p1", org="Parks")
    model.apply(book, moved)
    assert (ana.place, ana.org) == (model.place_id_for("Parks"), "Parks")
    model.apply(book, model.edit_op(book, "p1", org=""))  # an emptied place: no place
    assert (ana.place, ana.org) == ("", "")
    assert [p.name for p in book.places.values()] == ["City Library", "Parks"]  # they stay


def test_moving_a_person_and_renaming_their_place(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    book = tracker.read()
    book = tracker.change(model.add_place_op(book, "Parks", place_id="pk",
                                             today=D(2026, 11, 16), now=TODAY))
    book = tracker.change(model.add_op("Ana", person_id="a", today=D(2026, 11, 17),
                                       now=TODAY))
    book = tracker.change(model.move_op(book, "a", "pk", today=TODAY))
    assert (book.people["a"].place, book.people["a"].org) == ("pk", "Parks")
    book = tracker.change(model.edit_place_op(book, "pk", name="Parks Department"))
    assert book.people["a"].org == "Parks Department"  # the person follows
    book = tracker.change(model.move_op(book, "a", name="Museum", today=TODAY))
    museum = model.find_place(book, "museum")
    assert (book.people["a"].place, museum.added, museum.rank) == (museum.id, "2026-11-30", 2)
    book = tracker.change(model.move_op(book, "a", "", today=TODAY))
    assert (book.people["a"].place, book.people["a"].org) == ("", "Museum")
    assert cstore.book_to_dict(Tracker(ClientStore(tmp_path), "ann").read()) == \
        cstore.book_to_dict(book)


def test_a_place_with_people_taken_off_the_list_leaves_them_with_no_place(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    book = tracker.read()
    book = tracker.change(model.add_place_op(book, "Parks", place_id="pk",
                                             today=D(2026, 11, 16), now=TODAY))
    book = tracker.change(model.add_place_op(book, "Museum", place_id="mu",
                                             today=D(2026, 11, 16), now=TODAY))
    for pid, name in (("a", "Ana"), ("b", "Bo")):
        book = tracker.change(model.add_op(name, place="pk", person_id=pid, book=book,
                                           today=D(2026, 11, 18), now=TODAY))
    book = tracker.change(model.step_op(book, "a", "sent", D(2026, 11, 19), today=TODAY))
    book = tracker.change(model.remove_place_op(book, "pk", today=D(2026, 11, 25)))
    assert list(book.places) == ["mu"] and book.places["mu"].rank == 1
    assert [(p.name, p.place, p.org, p.stage) for p in book.people.values()] == [
        ("Ana", "", "Parks", "sent"), ("Bo", "", "Parks", "noted")]
    gone = book.former_places[0]
    assert (gone.name, gone.removed, gone.contact) == ("Parks", "2026-11-25", "2026-11-18")
    again = Tracker(ClientStore(tmp_path), "ann").read()
    assert cstore.book_to_dict(again) == cstore.book_to_dict(book)
    # counted for the days before it was taken off: on the 24th, 2 places, 1 with people
    assert (book.counts(on=D(2026, 11, 24))["places_listed"],
            book.counts(on=D(2026, 11, 24))["places_with_contact"]) == (2, 1)
    assert (book.counts(on=D(2026, 11, 25))["places_listed"],
            book.counts(on=D(2026, 11, 25))["places_with_contact"]) == (1, 0)


# -- suggestions: the same name at two places is two people ---------------------------------
def test_the_same_name_at_two_places_is_two_people():
    day = D(2026, 11, 20)
    book = _book(model.add_op("Mira", person_id="m", today=day, now=TODAY))
    model.apply(book, model.step_op(book, "m", "held", day, today=TODAY))
    typed = [("Omar Haddad", "City Archives"), ("Omar Haddad", "Open Kitchen"),
             ("omar  haddad", "city archives"), ("Omar Haddad", "")]
    fresh = model.fresh_suggestions(book, "m", typed)
    assert fresh == [("Omar Haddad", "City Archives"), ("Omar Haddad", "Open Kitchen"),
                     ("Omar Haddad", "")]
    for name, place in fresh:
        model.apply(book, model.suggest_op(book, "m", name, org=place, today=day))
    omars = [p for p in book.people.values() if p.name == "Omar Haddad"]
    assert sorted(model.place_name(book, p) for p in omars) == ["", "City Archives",
                                                                 "Open Kitchen"]
    assert all(p.found == "suggested by Mira" and p.suggested_by == "m" for p in omars)
    assert sorted(p.name for p in model.ranked_places(book)) == ["City Archives",
                                                                 "Open Kitchen"]
    # suggested again: nothing is new
    assert model.fresh_suggestions(book, "m", typed) == []


# -- counts: places listed and places with a contact, session by session --------------------
def _placed(store):
    tracker = Tracker(store, "K")
    book = tracker.read()
    book = tracker.change(model.add_place_op(book, "Open Kitchen", place_id="ok",
                                             today=D(2026, 11, 16), now=TODAY))
    book = tracker.change(model.add_place_op(book, "Harbour Trust", place_id="ht",
                                             today=D(2026, 11, 16), now=TODAY))
    book = tracker.change(model.add_op("Ana", place="ok", person_id="a", book=book,
                                       today=D(2026, 11, 18), now=TODAY))
    book = tracker.change(model.step_op(book, "a", "sent", D(2026, 11, 19), today=TODAY))
    book = tracker.change(model.add_place_op(book, "City Archives", place_id="ca",
                                             today=D(2026, 11, 23), now=TODAY))
    book = tracker.change(model.add_op("Bo", place="ca", person_id="b", book=book,
                                       today=D(2026, 11, 24), now=TODAY))
    book = tracker.change(model.add_op("Cy", org="Parks", person_id="c", book=book,
                                       today=D(2026, 11, 25), now=TODAY))
    book = tracker.change(model.remove_place_op(book, "ht", today=D(2026, 11, 27)))
    return tracker.change(model.remove_place_op(book, "ca", today=D(2026, 11, 28)))


def test_export_counts_places_listed_and_with_a_contact_by_hand(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("K", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-20")
    store.save("K", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-26")
    _placed(store)
    table = responses(ClientStore(tmp_path / "ws"), today=TODAY)
    got = [(r["date"], r["people_listed"], r["notes_sent"], r["places_listed"],
            r["places_with_contact"]) for r in table.to_dict("records")]
    # session 1, counted to Wed 25 Nov: Open Kitchen (16, Ana 18), Harbour Trust (16, off
    # on 27: still listed), City Archives (23, Bo 24, off on 28), Parks (25, with Cy):
    # 4 listed, 3 with a contact (Harbour Trust never had anyone).
    # session 2, counted to Mon 30 Nov: Harbour Trust and City Archives are off the list:
    # Open Kitchen and Parks, both with someone.
    assert got == [("2026-11-20", 3, 1, 4, 3), ("2026-11-26", 3, 1, 2, 2)]
    assert str(table["places_listed"].dtype) == "Int64"
    assert "Open Kitchen" not in table.to_csv()  # never a place's name


# -- removing someone with a step keeps the counts true --------------------------------------
def test_someone_whose_note_was_sent_stays_and_is_let_go_instead(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("K", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-20")
    store.save("K", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-26")
    tracker = Tracker(store, "K")
    book = tracker.change(model.add_op("Dee", person_id="d", today=D(2026, 11, 16),
                                       now=TODAY))
    book = tracker.change(model.step_op(book, "d", "sent", D(2026, 11, 19), today=TODAY))
    book = tracker.change(model.add_op("Eli", person_id="e", today=D(2026, 11, 17),
                                       now=TODAY))

    def counts():
        table = responses(ClientStore(tmp_path / "ws"), today=TODAY)
        return [(r["date"], r["people_listed"], r["notes_sent"], r["conversations_held"])
                for r in table.to_dict("records")]

    # by hand: Dee listed 16, sent 19; Eli listed 17. Both sessions: 2 listed, 1 sent.
    before = counts()
    assert before == [("2026-11-20", 2, 1, 0), ("2026-11-26", 2, 1, 0)]
    with pytest.raises(KeptError, match=r"Dee stays on the list: note sent \(Thu 19 Nov.*"
                                        r"Let them go instead") as refused:
        model.remove_op(book, "d")
    assert refused.value.key == "remove_kept"
    assert "Let them go instead" in Words().get(refused.value.key)
    journal = store.folder("K") / cstore.JOURNAL
    size = journal.stat().st_size
    with pytest.raises(KeptError):  # checked against the list on disk too
        tracker.change({"op": "remove", "id": "d"})
    assert journal.stat().st_size == size
    assert counts() == before
    book = tracker.change(model.let_go_op(book, "d", D(2026, 11, 30), today=TODAY))
    assert counts() == before  # let go: still counted as sent, never as held
    assert book.people["d"].closed and model.person_due(book.people["d"],
                                                        model.Cadence()) == []
    # someone only listed may go (a name added by mistake): the counts lose them from that
    # day on; the session before still counts them (attacks5 C7)
    book = tracker.change(model.remove_op(book, "e", today=TODAY, now=TODAY))
    assert counts() == [("2026-11-20", 2, 1, 0), ("2026-11-26", 1, 1, 0)]


def test_any_step_beyond_the_listing_keeps_a_person():
    book = _book(model.add_op("Fay", person_id="f", today=D(2026, 11, 16), now=TODAY))
    model.apply(book, model.step_op(book, "f", "drafted", D(2026, 11, 18), today=TODAY))
    with pytest.raises(KeptError, match=r"Fay stays on the list: note drafted \(Wed 18 Nov"):
        model.remove_op(book, "f")
    model.apply(book, model.step_op(book, "f", "drafted", None))  # marked by mistake
    assert model.remove_op(book, "f") == {"op": "remove", "id": "f"}


def test_a_place_and_a_person_are_kept_in_the_snapshot_as_fields():
    person = dataclasses.asdict(model.Person(id="p", name="Ana"))
    assert {"place", "let_go"} <= set(person)
    assert model.fields_problem({**person, "place": "x\n"}, adding=True).startswith("place:")
    assert model.fields_problem({**person, "let_go": "soon"}, adding=True) == \
        "let_go is 'soon', not a date"
    place = dataclasses.asdict(model.Place(id="pk", name="Parks"))
    assert model.place_problem(place, whole=True) is None
    assert model.place_problem({**place, "removed": "x"}, whole=True) == \
        "removed is 'x', not a date"


def test_places_survive_a_record_changed_outside_the_kit(tmp_path):
    from workbook.session.store import StoreWarning

    store = ClientStore(tmp_path)
    book = _placed(store)
    journal = store.folder("K") / cstore.JOURNAL
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))  # as an editor would
    with pytest.warns(StoreWarning, match="changed outside the kit"):
        again = Tracker(ClientStore(tmp_path), "K").read()
    assert cstore.book_to_dict(again) == cstore.book_to_dict(book)
    assert [p.name for p in again.former_places] == ["Harbour Trust", "City Archives"]


def test_two_pages_listing_the_same_place_at_once_list_it_once(tmp_path):
    one = Tracker(ClientStore(tmp_path), "ann")
    two = Tracker(ClientStore(tmp_path), "ann")
    stale = two.read()  # the second page read the list before the first page's changes
    book = one.change(model.add_op("Ana", org="Parks", person_id="a", book=one.read(),
                                   today=D(2026, 11, 18), now=TODAY))
    book = two.change(model.add_op("Bo", org="parks", person_id="b", book=stale,
                                   today=D(2026, 11, 18), now=TODAY))
    assert [p.name for p in book.places.values()] == ["Parks"]
    assert {p.place for p in book.people.values()} == {model.place_id_for("Parks")}
    with pytest.raises(ConversationError, match="name: 'Parks' is on the list of places"):
        two.change(model.add_place_op(stale, "Parks", today=D(2026, 11, 18), now=TODAY))
    assert len(Tracker(ClientStore(tmp_path), "ann").read().places) == 1
