"""Round 11a M3: a large conversations list, an older conversations.jsonl put over this one
while conversations.json is missing (or cannot be read).

Past ``EAGER_SIZE`` the snapshot lags; the changes after it are kept in
``conversations.json.since`` too. With the snapshot gone, the record was read alone: the
people the side file still kept were not written back and nothing was said. Now what the
side file keeps and the record lacks is written back as saved, and the changes only the
snapshot held (made between the record's last line and the side file's first) are named
as possibly missing.
"""

import datetime as dt
import shutil
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
        tracker = Tracker(store, "cc")
        book = tracker.read()
    return book, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def listed(store, monkeypatch):
    """x0..x9: the record copied after x0-x2; the snapshot covers x0-x5; its side file x6-x9."""
    tracker = Tracker(store, "cc")
    folder = old = None
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
    assert (folder / f"{SNAPSHOT}.since").read_bytes().count(b"\n") == 9  # head + 8 lines
    return folder, old


@pytest.mark.parametrize("snapshot", ["missing", "damaged"])
def test_what_the_side_file_keeps_is_written_back_and_the_gap_named(tmp_path, monkeypatch,
                                                                   snapshot):
    store = ClientStore(tmp_path)
    folder, old = listed(store, monkeypatch)
    (folder / JOURNAL).write_bytes(old)
    if snapshot == "missing":
        (folder / SNAPSHOT).unlink()
    else:
        (folder / SNAPSHOT).write_text("{garbage")
    book, said = read(store)
    assert sorted(book.people) == ["x0", "x1", "x2", "x6", "x7", "x8", "x9"]
    assert book.people["x8"].learned == "what x8 said " * 5
    told = [s for s in said if f"{SNAPSHOT}.since" in s]
    assert len(told) == 1, said
    assert "8 changes" in told[0] and "written back" in told[0]
    assert "may be missing" in told[0], told[0]
    again, said = read(store)
    assert sorted(again.people) == sorted(book.people) and said == []
    for name in (SNAPSHOT, f"{SNAPSHOT}.since"):
        (folder / name).unlink(missing_ok=True)
    alone, said = read(store)  # the record alone holds them now
    assert sorted(alone.people) == sorted(book.people) and said == []


def test_the_record_cut_short_only_gets_its_lines_back_and_nothing_lost(tmp_path, monkeypatch):
    store = ClientStore(tmp_path)
    folder, _ = listed(store, monkeypatch)
    data = (folder / JOURNAL).read_bytes()
    lines = data.splitlines(keepends=True)
    (folder / JOURNAL).write_bytes(b"".join(lines[:-3]))  # the last three lines lost
    (folder / SNAPSHOT).unlink()
    book, said = read(store)
    assert len(book.people) == 10 and book.people["x9"].learned == "what x9 said " * 5
    told = [s for s in said if f"{SNAPSHOT}.since" in s]
    assert len(told) == 1 and "3 changes" in told[0] and "no change was lost" in told[0]
    assert (folder / JOURNAL).read_bytes() == data


def test_a_side_file_the_record_holds_says_nothing(tmp_path, monkeypatch):
    store = ClientStore(tmp_path)
    folder, _ = listed(store, monkeypatch)
    shutil.copy(folder / JOURNAL, tmp_path / "keep")
    (folder / SNAPSHOT).unlink()
    book, said = read(store)
    assert len(book.people) == 10 and said == []
    assert (folder / JOURNAL).read_bytes() == (tmp_path / "keep").read_bytes()
