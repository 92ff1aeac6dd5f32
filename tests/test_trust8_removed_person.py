"""attacks5 C7: taking a person off the list (``remove_op``: listed weeks ago, no step yet)
no longer rewrites the earlier sessions' people_listed and places_with_contact in the export.
The person is kept aside (``Book.former_people``: listed day, places day by day, the day they
were taken off), through the snapshot, a rebuild from the record alone, and an older copy
of the record put back; listed again, they count once a day; a snapshot written before
still loads."""

import datetime as dt
import json
import warnings

import pytest

from workbook.session.clients_table import responses
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore
from workbook.session.store.records import value_hash
from workbook.session.tracker import BOOK_HASH, JOURNAL, SNAPSHOT

D = dt.date
DAY1, DAY5, DAY10, DAY12 = D(2026, 11, 2), D(2026, 11, 6), D(2026, 11, 11), D(2026, 11, 13)
COLS = ("date", "people_listed", "notes_sent", "conversations_held", "places_listed",
        "places_with_contact")
# By hand. Ana (City Library) and Cy (Open Kitchen) listed on day 1, Ana's note sent day 2;
# Cy taken off on day 10. The day-5 session counts up to the day before the next one
# (day 9): Ana and Cy, one note, both places listed, both with someone: 2,1,0,2,2. The day-10
# session (counted to day 11) and the day-12 one (counted on day 13): Cy gone, Open Kitchen
# still listed, with no one: 1,1,0,2,1.
EXPECTED = [("2026-11-06", 2, 1, 0, 2, 2), ("2026-11-11", 1, 1, 0, 2, 1),
            ("2026-11-13", 1, 1, 0, 2, 1)]


def _workspace(root):
    store = ClientStore(root)
    for day, answer in ((DAY5, 4), (DAY10, 3), (DAY12, 5)):
        store.save("c1", {"hope": {"items": {"hope_1": answer}}}, session=day.isoformat())
    tracker = Tracker(store, "c1")
    book = tracker.change(model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                       today=DAY1, now=DAY1))
    book = tracker.change(model.add_op("Cy Lo", org="Open Kitchen", person_id="cy",
                                       today=DAY1, now=DAY1))
    book = tracker.change(model.step_op(book, "ana", "sent", D(2026, 11, 3), today=DAY5))
    return store, tracker, book


def _rows(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = responses(ClientStore(root), today=DAY12)
    return [tuple(r[c] for c in COLS) for r in table.to_dict("records")]


def test_a_person_taken_off_still_counts_in_the_sessions_before(tmp_path):
    root = tmp_path / "ws"
    store, tracker, book = _workspace(root)
    before = _rows(root)
    assert before[0] == EXPECTED[0]  # Cy counted while listed
    book = tracker.change(model.remove_op(book, "cy", today=DAY10, now=DAY12))
    assert "cy" not in book.people
    assert [(f.id, f.added, f.removed, f.places) for f in book.former_people] == [
        ("cy", "2026-11-02", "2026-11-11", [["2026-11-02", model.place_id_for("Open Kitchen")]])]
    assert book.counts(on=DAY5) == {"people_listed": 2, "notes_sent": 1,
                                    "conversations_held": 0, "places_listed": 2,
                                    "places_with_contact": 2}
    assert book.counts(on=DAY12) == {"people_listed": 1, "notes_sent": 1,
                                     "conversations_held": 0, "places_listed": 2,
                                     "places_with_contact": 1}
    assert book.counts()["people_listed"] == 1  # now: off the list
    assert _rows(root) == EXPECTED
    # the snapshot deleted: the record alone gives the same
    (store.folder("c1") / SNAPSHOT).unlink()
    assert _rows(root) == EXPECTED
    assert [f.removed for f in Tracker(ClientStore(root), "c1").read().former_people] == \
        ["2026-11-11"]


def test_an_older_copy_of_the_record_keeps_the_removal_and_its_day(tmp_path):
    root = tmp_path / "ws"
    store, tracker, book = _workspace(root)
    journal = store.folder("c1") / JOURNAL
    older = journal.read_bytes()  # before Cy was taken off
    tracker.change(model.remove_op(book, "cy", today=DAY10, now=DAY12))
    journal.write_bytes(older)  # an older copy comes back (a sync tool, a backup)
    with pytest.warns(Warning, match="written back"):
        again = Tracker(ClientStore(root), "c1").read()
    assert "cy" not in again.people and [f.removed for f in again.former_people] == \
        ["2026-11-11"]
    assert _rows(root) == EXPECTED
    written = [json.loads(line) for line in journal.read_bytes().splitlines()[-1:]]
    assert written[0]["op"] == "remove" and written[0]["date"] == "2026-11-11"
    (store.folder("c1") / SNAPSHOT).unlink()  # the record alone holds it again
    assert _rows(root) == EXPECTED


def test_the_snapshot_lost_then_an_older_copy(tmp_path):
    # the removal only in the snapshot, its record older and holding no Cy at all
    root = tmp_path / "ws"
    store = ClientStore(root)
    for day, answer in ((DAY5, 4), (DAY10, 3), (DAY12, 5)):
        store.save("c1", {"hope": {"items": {"hope_1": answer}}}, session=day.isoformat())
    tracker = Tracker(store, "c1")
    book = tracker.change(model.add_op("Ana Ruiz", org="City Library", person_id="ana",
                                       today=DAY1, now=DAY1))
    journal = store.folder("c1") / JOURNAL
    older = journal.read_bytes()
    book = tracker.change(model.add_op("Cy Lo", org="Open Kitchen", person_id="cy",
                                       today=DAY1, now=DAY1))
    book = tracker.change(model.step_op(book, "ana", "sent", D(2026, 11, 3), today=DAY5))
    tracker.change(model.remove_op(book, "cy", today=DAY10, now=DAY12))
    journal.write_bytes(older)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Tracker(ClientStore(root), "c1").read()
    said = " ".join(str(w.message) for w in caught)
    assert "was not written back" not in said, said
    assert _rows(root) == EXPECTED
    (store.folder("c1") / SNAPSHOT).unlink()
    assert _rows(root) == EXPECTED


def test_taken_off_and_listed_again_counts_once_a_day(tmp_path):
    root = tmp_path / "ws"
    store, tracker, book = _workspace(root)
    book = tracker.change(model.remove_op(book, "cy", today=DAY10, now=DAY12))
    # listed again on day 10, dated day 3 (when the client first met them): on days 3 to 9
    # both the entry taken off and the new one stand; Cy counts once
    book = tracker.change(model.add_op("Cy Lo", org="Open Kitchen", person_id="cy",
                                       today=D(2026, 11, 4), now=DAY10, book=book))
    assert book.counts(on=DAY5)["people_listed"] == 2
    assert book.counts(on=DAY5)["places_with_contact"] == 2
    # by hand: day 5 as before; day 11 and day 13 Cy is listed again at Open Kitchen
    assert _rows(root) == [("2026-11-06", 2, 1, 0, 2, 2), ("2026-11-11", 2, 1, 0, 2, 2),
                           ("2026-11-13", 2, 1, 0, 2, 2)]
    (store.folder("c1") / SNAPSHOT).unlink()
    assert _rows(root) == [("2026-11-06", 2, 1, 0, 2, 2), ("2026-11-11", 2, 1, 0, 2, 2),
                           ("2026-11-13", 2, 1, 0, 2, 2)]


def test_a_snapshot_written_before_still_loads_and_counts_from_the_record(tmp_path):
    root = tmp_path / "ws"
    store, tracker, book = _workspace(root)
    tracker.change(model.remove_op(book, "cy", today=DAY10, now=DAY12))
    path = store.folder("c1") / SNAPSHOT
    state = json.loads(path.read_text())
    del state["book"]["former_people"]  # as the kit wrote it before
    state[BOOK_HASH] = value_hash(state["book"])
    path.write_text(json.dumps(state))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = Tracker(ClientStore(root), "c1").read()
    assert [str(w.message) for w in caught] == []  # nothing to tell
    assert [f.id for f in again.former_people] == ["cy"]
    assert _rows(root) == EXPECTED


def test_a_removal_day_still_to_come_is_refused():
    book = model.Book()
    model.apply(book, model.add_op("Cy", person_id="cy", today=DAY1, now=DAY1))
    with pytest.raises(model.ConversationError, match="still to come"):
        model.remove_op(book, "cy", today=DAY12, now=DAY10)
    assert model.remove_op(book, "cy") == {"op": "remove", "id": "cy"}  # dated when saved
