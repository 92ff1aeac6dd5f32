"""A conversations record that reads true (issue 20, finding 13; issue 21, "a card's timeline").

No one is listed on a day still to come; a step dated before the listing moves the listed day
back (new and replayed ops, and lists saved by an earlier version); a person whose
conversation was held is not taken off the list (it would change every earlier session's
counts); one-line fields refuse control characters. Dates by hand: Wed 25 and Fri 27 Nov 2026.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from workbook.core.conversations.cadence import Cadence
from workbook.core.conversations.model import Book
from workbook.core.exceptions import ConversationError
from workbook.session import tracker as cstore
from workbook.session.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

WED, FRI = dt.date(2026, 11, 25), dt.date(2026, 11, 27)
MON = dt.date(2026, 11, 23)


def _book(*ops):
    book = Book()
    for op in ops:
        model.apply(book, op)
    return book


# -- 1. no one is listed on a day still to come -------------------------------------------
def test_a_person_listed_on_a_day_still_to_come_is_refused_in_words():
    ahead = dt.date.today() + dt.timedelta(days=30)  # against today's date by default
    with pytest.raises(ConversationError, match="that day is still to come"):
        model.add_op("Future", person_id="fu", today=ahead)
    book = _book(model.add_op("Ana", person_id="p1", today=WED))
    with pytest.raises(ConversationError, match="that day is still to come"):
        model.suggest_op(book, "p1", "Cal", today=ahead)
    with pytest.raises(ConversationError, match="Listed on Sat 28 Nov: that day is still to "
                                                "come"):
        model.add_op("Ana", today=dt.date(2026, 11, 28), now=FRI)
    assert model.add_op("Ana", today=FRI, now=FRI)["date"] == "2026-11-27"


# -- 2. a step before the listing moves the listed day back --------------------------------
def test_a_step_before_the_listing_moves_the_listed_day_back():
    book = _book(model.add_op("Ana", org="Parks", person_id="p1", today=FRI))
    model.apply(book, model.step_op(book, "p1", "sent", WED, today=FRI))
    person = book.people["p1"]
    assert (person.added, person.steps) == ("2026-11-25", {"noted": "2026-11-25",
                                                           "sent": "2026-11-25"})
    assert person.flags() == []
    # follow-ups count from the note's own day, Wed 25: another after 3 working days
    # (Thu 26, Fri 27, Mon 30), a nudge after 7 (issue 21: Tue 1, Wed 2, Thu 3, Fri 4 Dec)
    assert [(d.kind, d.date) for d in model.due(book, Cadence())] == [
        ("another", dt.date(2026, 11, 30)), ("nudge", dt.date(2026, 12, 4))]
    # Parks was listed on Friday with Ana, whose listed day moved back to Wednesday: the
    # place counts from Wednesday with her (issue 21)
    assert book.counts(on=WED) == {"people_listed": 1, "notes_sent": 1,
                                   "conversations_held": 0, "places_listed": 1,
                                   "places_with_contact": 1}
    # a later step leaves the listed day alone; taking the early step back moves it forward
    # again to the day she was added (round 10a K1: else an earlier session counts her)
    model.apply(book, model.step_op(book, "p1", "reply", FRI, today=FRI))
    assert person.added == "2026-11-25"
    model.apply(book, model.step_op(book, "p1", "sent", None))
    assert person.added == "2026-11-27" and person.steps["noted"] == "2026-11-27"
    assert book.counts(on=WED)["people_listed"] == 0


def test_a_held_talk_before_the_listing_never_counts_more_held_than_listed():
    book = _book(model.add_op("Late Add", person_id="la", today=FRI))
    model.apply(book, model.step_op(book, "la", "held", MON, today=FRI))
    for day in (MON, WED, FRI):
        counts = book.counts(on=day)
        assert counts["people_listed"] >= counts["conversations_held"] == 1


def test_the_listed_day_set_on_purpose_stays_before_every_step():
    book = _book(model.add_op("Ana", person_id="p1", today=FRI))
    model.apply(book, model.step_op(book, "p1", "sent", WED, today=FRI))
    model.apply(book, model.step_op(book, "p1", "noted", FRI, today=FRI,
                                                confirmed=True))  # after the note
    assert book.people["p1"].added == "2026-11-25"  # back to the note's day
    model.apply(book, model.step_op(book, "p1", "noted", MON, today=FRI))
    assert book.people["p1"].steps["noted"] == book.people["p1"].added == "2026-11-23"
    model.apply(book, model.step_op(book, "p1", "noted", None))  # never taken back
    assert book.people["p1"].steps["noted"] == "2026-11-23"


def _older_record(tmp_path, *ops):
    """A record written line by line, as an earlier version of the kit wrote it."""
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "ann")
    tracker.change(model.add_op("Seed", person_id="seed", today=MON))
    folder = store.folder("ann")
    (folder / SNAPSHOT).unlink()
    with open(folder / JOURNAL, "a", encoding="utf-8") as fh:
        for op in ops:
            fh.write(json.dumps({"client_id": "ann", **op}) + "\n")
    return store


def test_a_replayed_step_before_the_listing_moves_the_listed_day_back(tmp_path):
    store = _older_record(
        tmp_path,
        {"op": "add", "id": "la", "date": "2026-11-27", "fields": {"name": "Late Add"}},
        {"op": "step", "id": "la", "step": "held", "date": "2026-11-23"})
    person = Tracker(ClientStore(tmp_path), "ann").read().people["la"]
    assert (person.added, person.steps) == ("2026-11-23", {"noted": "2026-11-23",
                                                           "held": "2026-11-23"})
    assert store.folder("ann").joinpath(JOURNAL).exists()


def test_a_snapshot_saved_by_an_earlier_version_reads_the_same_way():
    entry = {"id": "la", "name": "Late Add", "added": "2026-11-27",
             "steps": {"noted": "2026-11-27", "sent": "2026-11-23", "held": "2026-11-25"}}
    book = cstore.book_from_dict({"people": [entry]})
    person = book.people["la"]
    assert (person.added, person.steps["noted"]) == ("2026-11-23", "2026-11-23")
    assert book.counts(on=MON) == {"people_listed": 1, "notes_sent": 1,
                                   "conversations_held": 0, "places_listed": 0,
                                   "places_with_contact": 0}  # an earlier version: no places


def test_the_export_never_counts_more_held_than_listed(tmp_path):
    from workbook.session.clients_table import responses

    store = ClientStore(tmp_path / "ws")
    store.save("K", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    store.save("K", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-20")
    tracker = Tracker(store, "K")
    book = tracker.change(model.add_op("Late Add", person_id="la", today=dt.date(2026, 11, 25)))
    tracker.change(model.step_op(book, "la", "held", dt.date(2026, 11, 5), today=FRI))
    table = responses(ClientStore(tmp_path / "ws"), today=FRI)
    got = [(r["date"], r["people_listed"], r["notes_sent"], r["conversations_held"])
           for r in table.to_dict("records")]
    # first session counted to Thu 19 Nov (the day before the next), the latest to today;
    # held on Thu 5 Nov, so listed that day
    # (the talk counts the note as sent too, issue 20)
    assert got == [("2026-11-02", 1, 1, 1), ("2026-11-20", 1, 1, 1)]


# -- 3. a person whose conversation was held stays on the list -----------------------------
def _held(tmp_path):
    tracker = Tracker(ClientStore(tmp_path), "ann")
    book = tracker.change(model.add_op("Ana", person_id="p1", today=MON))
    book = tracker.change(model.step_op(book, "p1", "held", WED, today=FRI))
    book = tracker.change(model.add_op("Bo", person_id="p2", today=MON))
    return tracker, book


def test_a_person_whose_conversation_was_held_is_not_taken_off_the_list(tmp_path):
    tracker, book = _held(tmp_path)
    with pytest.raises(ConversationError, match=r"Ana stays on the list: your conversation "
                                                r"with them was held \(Wed 25 Nov"):
        model.remove_op(book, "p1")
    journal = tracker.store.folder("ann") / JOURNAL
    size = journal.stat().st_size
    with pytest.raises(ConversationError, match="Mark the thanks sent"):  # the list on disk
        tracker.change({"op": "remove", "id": "p1"})
    assert journal.stat().st_size == size  # nothing written
    assert Tracker(ClientStore(tmp_path), "ann").read().counts(on=FRI) == {
        "people_listed": 2, "notes_sent": 1, "conversations_held": 1,  # held: sent too
        "places_listed": 0, "places_with_contact": 0}
    # anyone else may go; so may Ana once the conversation is taken back
    book = tracker.change(model.remove_op(book, "p2"))
    assert list(book.people) == ["p1"]
    book = tracker.change(model.step_op(book, "p1", "thanked", FRI, today=FRI))
    with pytest.raises(ConversationError, match="With the thanks sent they are finished"):
        model.remove_op(book, "p1")
    book = tracker.change(model.step_op(book, "p1", "held", None))
    # issue 21: any step beyond the listing keeps a person (the thanks are still marked)
    with pytest.raises(model.KeptError, match=r"Ana stays on the list: thanks sent \(Fri 27 "
                                              r"Nov.*Let them go instead"):
        model.remove_op(book, "p1")
    book = tracker.change(model.step_op(book, "p1", "thanked", None))
    assert list(tracker.change(model.remove_op(book, "p1")).people) == []


def test_a_removal_an_earlier_version_saved_is_still_applied(tmp_path):
    _older_record(tmp_path,
                  {"op": "add", "id": "p1", "date": "2026-11-23", "fields": {"name": "Ana"}},
                  {"op": "step", "id": "p1", "step": "held", "date": "2026-11-25"},
                  {"op": "remove", "id": "p1"})
    assert list(Tracker(ClientStore(tmp_path), "ann").read().people) == ["seed"]


# -- 4. control characters in a person's fields ---------------------------------------------
@pytest.mark.parametrize("field, value", [
    ("name", "Evil\x1b[31mRED"), ("name", "Ana\r\nFAKE LINE"), ("name", "Ana\tRuiz"),
    ("org", "Lib\x1b]0;pwned\x07"), ("org", "Lib\nFAKE LINE"), ("found", "a talk\x00"),
])
def test_a_control_character_in_a_one_line_field_is_refused_naming_it(field, value):
    with pytest.raises(ConversationError, match=f"^{field} holds a line break or another "
                                                "control character"):
        model.add_op(**{"name": "Ana", field: value})
    book = _book(model.add_op("Ana", person_id="p1", today=WED))
    with pytest.raises(ConversationError, match=f"^{field} holds a line break"):
        model.edit_op(book, "p1", **{field: value})
    assert book.people["p1"].name == "Ana"


@pytest.mark.parametrize("field", ["why", "note", "learned", "suggested"])
def test_a_text_of_several_lines_keeps_its_line_breaks_and_refuses_other_controls(field):
    book = _book(model.add_op("Ana", person_id="p1", today=WED))
    text = "First line\r\nSecond line\n\tand a tab"
    model.apply(book, model.edit_op(book, "p1", **{field: text}))
    assert getattr(book.people["p1"], field) == text
    with pytest.raises(ConversationError, match=f"^{field} holds a control character that is "
                                                r"not a line break \('\\x1b'\)"):
        model.edit_op(book, "p1", **{field: "Dear Ana\x1b[2J"})
    assert getattr(book.people["p1"], field) == text


def test_spaces_and_a_line_end_around_a_one_line_field_are_trimmed_not_refused():
    op = model.add_op(" Ana Ruiz\n", org="City Library\r\n", found=" a talk ", today=WED)
    assert [op["fields"][k] for k in ("name", "org", "found")] == [
        "Ana Ruiz", "City Library", "a talk"]
    with pytest.raises(ConversationError, match="suggested_by: "):
        model.add_op("Cal", suggested_by="p\n1", today=WED)
