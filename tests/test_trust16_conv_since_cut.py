"""Round 11a M13 (the conversations half): conversations.json.since cut short over an older
record.

A sync tool cut the side file inside a line; the record was an older copy. The notice
named one change as lost ("the change it held is lost") while three people and their
texts were gone. How many whole lines followed the cut one cannot be known, so the notice
now says the changes since the last line the file still keeps may be missing.
"""

import datetime as dt
import re
import warnings

import pytest

from workbook.core.conversations import model
from workbook.session import tracker as tracker_module
from workbook.session.store import ClientStore, StoreWarning
from workbook.session.store import core as store_core
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker

MONDAY = dt.date(2026, 12, 7)


def read(store):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(store, "cc").read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


@pytest.mark.parametrize("record", ["older copy", "last lines lost"])
def test_a_side_file_cut_short_says_the_changes_since_may_be_missing(tmp_path, monkeypatch,
                                                                     record):
    store = ClientStore(tmp_path)
    tracker = Tracker(store, "cc")
    for n in range(10):
        if n == 6:  # from here the snapshot lags (as past EAGER_SIZE)
            monkeypatch.setattr(store_core, "EAGER_SIZE", 0)
            monkeypatch.setattr(tracker_module, "REWRITE_SHARE", 1000)
        book = tracker.change(model.add_op(f"Person {n}", person_id=f"x{n}", today=MONDAY,
                                           now=MONDAY))
        tracker.change(model.edit_op(book, f"x{n}", learned=f"what x{n} said " * 5))
        folder = store.client_folder("cc")
        if n == 2:
            old = (folder / JOURNAL).read_bytes()
    data = (folder / JOURNAL).read_bytes()
    side = folder / f"{SNAPSHOT}.since"
    kept = side.read_bytes().splitlines(keepends=True)  # head, then x6..x9: add, edit each
    side.write_bytes(b"".join(kept[:5]) + kept[5][:60])  # cut inside x8's add
    if record == "older copy":
        (folder / JOURNAL).write_bytes(old)
    else:  # the record lost its last five lines (x7's edit, x8, x9)
        (folder / JOURNAL).write_bytes(b"".join(data.splitlines(keepends=True)[:-5]))
    book, said = read(store)
    assert "x8" not in book.people and "x9" not in book.people
    assert book.people["x7"].learned == "what x7 said " * 5
    told = [s for s in said if "has its last line cut off" in s]
    assert len(told) == 1, said
    # never "the change it held is lost" alone: the changes since then may be missing
    assert re.search(r"changes since \d{4}-\d\d-\d\d \d\d:\d\d may be missing", told[0]), told
