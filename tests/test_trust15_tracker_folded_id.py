"""Round 10b L12: a change made under a folded copy's id is made to the one kept.

Two laptops each added "Ana Ruiz" at "City Library"; a sync kept the lines of both
records, and the reading folded laptop 2's copy (``a2``) into laptop 1's (``a1``). A page
on laptop 2 that read the list before the sync still holds ``a2``: its "time agreed" was
accepted, written under ``a2`` and applied to no one, with no word. Now it is ``a1``'s.
"""

import datetime as dt
import warnings

from tests.test_trust14_tracker2_twins import merged_record
from workbook.core.conversations import model
from workbook.session.store import ClientStore
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

D = dt.date


def test_a_step_under_the_folded_id_is_the_kept_persons(tmp_path):
    store = merged_record(tmp_path)
    laptop2 = Tracker(ClientStore(tmp_path / "wm2"), "m").read()  # the page's list
    assert "a2" in laptop2.people
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tracker = Tracker(store, "m")
        tracker.read()  # the fold
    book = tracker.change(model.step_op(laptop2, "a2", "reply", D(2026, 12, 6),
                                        today=D(2026, 12, 6)))
    assert sorted(book.people) == ["a1", "ex"]
    assert book.people["a1"].steps["reply"] == "2026-12-06"
    last = (store.client_folder("m") / JOURNAL).read_text().splitlines()[-1]
    assert '"id": "a1"' in last or '"id":"a1"' in last  # written as the kept one's
    book = tracker.change(model.edit_op(laptop2, "a2", why="Runs the archive"))
    assert book.people["a1"].why == "Runs the archive"
    again = Tracker(store, "m").read()  # from the snapshot
    assert again.people["a1"].steps["reply"] == "2026-12-06"
    assert again.folded == {"a2": "a1"}
    (store.client_folder("m") / SNAPSHOT).unlink()
    alone = Tracker(store, "m").read()  # from the record alone
    assert alone.people["a1"].steps["reply"] == "2026-12-06"
    assert alone.people["a1"].why == "Runs the archive"


def test_a_change_for_someone_no_longer_listed_is_refused_in_words(tmp_path):
    store = ClientStore(tmp_path / "w")
    tracker = Tracker(store, "m")
    book = tracker.change(model.add_op("Bo Chen", person_id="bo", today=D(2026, 12, 1),
                                       now=D(2026, 12, 7)))
    page = model.Book(people={"bo": book.people["bo"]})
    tracker.change(model.remove_op(book, "bo"))
    size = (store.client_folder("m") / JOURNAL).stat().st_size
    try:
        tracker.change(model.step_op(page, "bo", "sent", D(2026, 12, 2),
                                     today=D(2026, 12, 2)))
    except model.ConversationError as exc:
        assert "no person with id 'bo' on this list" in str(exc)
        assert "nothing was recorded" in str(exc)
    else:
        raise AssertionError("a step for someone taken off was accepted")
    assert (store.client_folder("m") / JOURNAL).stat().st_size == size  # nothing written
