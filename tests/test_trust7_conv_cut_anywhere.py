"""attacks4 B17, every way: a list built by many kinds of change, its record put back to
an older copy cut at any line (or losing lines anywhere, its line endings converted), reads
as the snapshot held it; with the snapshot then lost, the record alone reads the same
(everything was written back)."""

import datetime as dt
import random
import warnings

import pytest

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore
from workbook.session.tracker import JOURNAL, SNAPSHOT, book_to_dict

D = dt.date


def _changes(tracker, rng, n):
    """``n`` changes of every kind, each dated on a day no earlier than the one before."""
    day = D(2026, 11, 2)
    for _ in range(n):
        day += dt.timedelta(days=rng.choice([0, 1, 2]))
        book = tracker.read()
        people, places = list(book.people), list(book.places)
        kind = rng.choice(["add", "add", "place", "step", "step", "name", "move", "let_go",
                           "remove", "readd", "place_edit", "place_remove", "rank",
                           "share"])
        try:
            if kind == "add":
                org = rng.choice(["", "Library", "Kitchen", "Museum"])
                op = model.add_op(f"N{rng.randrange(1000)}", org=org, today=day, now=day,
                                  book=book, person_id=f"p{rng.randrange(12)}")
            elif kind == "place":
                op = model.add_place_op(book, rng.choice(["Park", "Hall", "Studio"]),
                                        knows=rng.choice([True, False, None]), today=day,
                                        now=day)
            elif not people and kind not in ("share",):
                continue
            elif kind == "step":
                op = model.step_op(book, rng.choice(people), rng.choice(model.STEPS[1:]), day,
                                   today=day)
            elif kind == "name":
                op = model.edit_op(book, rng.choice(people), name=f"R{rng.randrange(1000)}")
            elif kind == "move":
                op = model.move_op(book, rng.choice(people), rng.choice(places + [""]),
                                   today=day)
            elif kind == "let_go":
                op = model.let_go_op(book, rng.choice(people), day, today=day,
                                     undo=rng.random() < 0.3)
            elif kind in ("remove", "readd"):
                pid = rng.choice(people)
                tracker.change(model.remove_op(book, pid))
                if kind == "remove":
                    continue
                op = model.add_op(f"Again{rng.randrange(100)}", person_id=pid, today=day,
                                  now=day, book=tracker.read())
            elif kind == "place_edit" and places:
                op = model.edit_place_op(book, rng.choice(places),
                                         drawn=f"d{rng.randrange(100)}", knows="yes")
            elif kind == "place_remove" and places:
                op = model.remove_place_op(book, rng.choice(places), today=day)
            elif kind == "rank" and len(places) > 1:
                op = model.rank_op(book, rng.choice(places), 1)
            elif kind == "share":
                op = model.share_op(report=rng.random() < 0.5, names=rng.random() < 0.5)
            else:
                continue
            tracker.change(op)
        except model.ConversationError:
            continue


def _plain(book: dict) -> dict:
    """A list as data, each place history without an entry repeating the place before it
    (a second move on one day may leave one; no count reads it)."""
    for person in book["people"]:
        person["places"] = [e for n, e in enumerate(person["places"])
                            if not n or person["places"][n - 1][1] != e[1]]
    return book


@pytest.mark.parametrize("how", ["cut", "lost"])
@pytest.mark.parametrize("seed", range(12))
def test_an_older_copy_cut_anywhere_loses_nothing_the_snapshot_held(tmp_path, seed, how):
    rng = random.Random(seed)
    root = tmp_path / "ws"
    tracker = Tracker(ClientStore(root), "c1")
    _changes(tracker, rng, 40)
    folder = tracker.store.folder("c1")
    (folder / SNAPSHOT).unlink()
    tracker.change(model.share_op(report=True, names=False))  # a snapshot covering all
    journal = folder / JOURNAL
    whole = journal.read_bytes()
    lines = whole.splitlines(keepends=True)
    before = book_to_dict(Tracker(ClientStore(root), "c1").read())
    if how == "cut":  # an older copy comes back
        journal.write_bytes(b"".join(lines[:rng.randrange(len(lines))]))
    else:  # lines lost anywhere, line endings converted
        kept = b"".join(line for line in lines if rng.random() < 0.6)
        journal.write_bytes(kept.replace(b"\n", b"\r\n"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = Tracker(ClientStore(root), "c1").read()
    assert book_to_dict(book) == before
    said = " ".join(str(w.message) for w in caught)
    assert "was not written back" not in said, said
    (folder / SNAPSHOT).unlink()  # the record alone holds it all again
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = _plain(book_to_dict(Tracker(ClientStore(root), "c1").read()))
    if how == "lost":  # people listed again come in the record's order
        again["people"].sort(key=lambda p: p["id"])
        before["people"].sort(key=lambda p: p["id"])
    assert again == _plain(before)
