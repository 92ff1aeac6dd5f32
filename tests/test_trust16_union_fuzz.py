"""Two laptops change one client's conversations list; a sync keeps both files' lines (issue 20).

Round 11 found, one hand-made case at a time, changes a "union merge" dropped without a word:
a person taken off on one laptop while the other wrote to them (M1), a place's text changed on
both (M9), a sharing choice undone (M10), a step's day (M11). This test makes such cases at
random: from a shared list, each laptop makes its own changes (the README's Tracker API, in an
interleaved order, as two coaches would over a week), then laptop 2's new lines are added after
laptop 1's, and the list is read as a command reads it. Whatever each laptop last wrote must be
in the merged list, or a notice must name whom (or which place) it concerns:

- a text (what was learned, the note, why, who was suggested) each laptop last gave a person,
  and what draws the client to a place;
- a step each laptop recorded for a person;
- every person either laptop listed and neither took off;
- the client's sharing choice: never more open than the choice made last (privacy first).

Reading raises nothing but the kit's own warnings. Round 14a (V7, V8) found results that
depended on which laptop's lines the sync put first: the plans also rename people and change
their priority (beside a removal on the other laptop), and the record is read with the
lines in both orders: the same people listed, let go and taken off, at the same places, and
the same places listed, whichever order.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core.exceptions import WorkbookError
from workbook.session.conversations import model
from workbook.session.store import ClientStore

from .laptops import read

#: More examples (and a random search) with WORKBOOK_UNION_EXAMPLES=N.
_MORE = int(os.environ.get("WORKBOOK_UNION_EXAMPLES", "0"))
FUZZ = settings(max_examples=_MORE or 100, deadline=None, derandomize=not _MORE,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TODAY = dt.date.today()
NAMES = ("Ann Lee", "Bo Chan", "Cy Ruiz", "Di Moss", "Ed Park")
PLACES = ("City Library", "Rail Lab", "Sun Press")
TEXTS = ("learned", "note", "why", "suggested")
STEPS = ("noted", "drafted", "sent", "reply", "arranged", "held", "thanked")


def _org(name: str) -> str:
    """Each name is always added at one place, so two laptops' copies are one person."""
    return PLACES[NAMES.index(name) % len(PLACES)]


ACTION = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES)),
    st.tuples(st.just("text"), st.sampled_from(NAMES), st.sampled_from(TEXTS)),
    st.tuples(st.just("step"), st.sampled_from(NAMES), st.sampled_from(STEPS),
              st.integers(0, 20)),
    st.tuples(st.just("remove"), st.sampled_from(NAMES)),
    st.tuples(st.just("move"), st.sampled_from(NAMES), st.sampled_from(PLACES)),
    st.tuples(st.just("drawn"), st.sampled_from(PLACES)),
    st.tuples(st.just("place_off"), st.sampled_from(PLACES)),
    st.tuples(st.just("share"), st.booleans(), st.booleans()),
    st.tuples(st.just("let_go"), st.sampled_from(NAMES)),
    st.tuples(st.just("followed"), st.sampled_from(NAMES), st.sampled_from(("nudge", "another"))),
    st.tuples(st.just("undo"), st.sampled_from(NAMES)),
    st.tuples(st.just("new_place"), st.sampled_from(("Tin Works", "Open Kitchen"))),
    st.tuples(st.just("rename"), st.sampled_from(NAMES)),
    st.tuples(st.just("priority"), st.sampled_from(NAMES), st.integers(1, 3)),
)
#: (laptop, action): laptop 0 or 1, in the order the changes are made.
PLAN = st.lists(st.tuples(st.integers(0, 1), ACTION), min_size=1, max_size=14)
#: What both laptops share before the copy: a few people listed, one with a note sent.
BASE = st.lists(st.sampled_from(NAMES), unique=True, min_size=1, max_size=3)


class Laptop:
    """One laptop's store, tracker and what it last wrote (the oracle's side)."""

    def __init__(self, root: Path):
        from workbook.session.tracker import Tracker

        self.store = ClientStore(root)
        self.tracker = Tracker(self.store, "m")
        self.texts = {}  # (name, field) -> text last written here
        self.steps = {}  # (name, step) -> day recorded here
        self.drawn = {}  # place name -> text last written here
        self.share = None  # (report, names, when)
        self.removed = set()  # names taken off here
        self.places_off = set()
        self.moved = set()  # names moved, renamed, given a priority or taken off here
        self.touched = set()  # names given a text, step, follow-up, undo, let go or move

    def book(self):
        return self.tracker.read()

    def person(self, book, name):
        return next((p for p in book.people.values() if _named(p) == name), None)

    def place(self, book, name):
        return next((p for p in book.places.values() if p.name == name), None)

    def do(self, action, tag: str) -> None:
        """Make ``action`` through the README's API; a change the kit refuses is skipped."""
        book, kind = self.book(), action[0]
        try:
            if kind == "add":
                name = action[1]
                if self.person(book, name) is None:
                    self.tracker.change(model.add_op(name, org=_org(name), today=TODAY))
                    self.removed.discard(name)
                return
            if kind == "new_place":
                if self.place(book, action[1]) is None:
                    text = f"{tag} draws {action[1]}"
                    self.tracker.change(model.add_place_op(book, action[1], drawn=text,
                                                           today=TODAY))
                    self.drawn[action[1]] = text
                return
            if kind in ("drawn", "place_off"):
                place = self.place(book, action[1])
                if place is None:
                    return
                if kind == "drawn":
                    text = f"{tag} draws {action[1]}"
                    self.tracker.change(model.edit_place_op(book, place.id, drawn=text))
                    self.drawn[action[1]] = text
                else:
                    self.tracker.change(model.remove_place_op(book, place.id, today=TODAY))
                    self.places_off.add(action[1])
                    self.drawn.pop(action[1], None)
                return
            if kind == "share":
                self.tracker.change(model.share_op(report=action[1], names=action[2]))
                self.share = (action[1], action[1] and action[2], time.time())
                return
            person = self.person(book, action[1])
            if person is None:
                return
            name = _named(person)
            if kind in ("text", "step", "followed", "undo", "let_go", "move"):
                self.touched.add(name)
            if kind == "text":
                text = f"{tag} {action[2]} of {name}"
                self.tracker.change(model.edit_op(book, person.id, **{action[2]: text}))
                self.texts[(name, action[2])] = text
            elif kind == "step":
                day = TODAY - dt.timedelta(days=action[3])
                self.tracker.change(model.step_op(book, person.id, action[2], day,
                                                  today=TODAY))
                self.steps[(name, action[2])] = day.isoformat()
            elif kind == "remove":
                self.tracker.change(model.remove_op(book, person.id, today=TODAY))
                self.removed.add(name)
                self.moved.add(name)  # (taken off on both: not compared, see below)
                for key in [k for k in self.texts if k[0] == name]:
                    del self.texts[key]
                for key in [k for k in self.steps if k[0] == name]:
                    del self.steps[key]
            elif kind == "move":
                self.tracker.change(model.move_op(book, person.id, name=action[2],
                                                  today=TODAY))
                self.moved.add(name)
            elif kind == "followed":
                self.tracker.change(model.followed_op(book, person.id, action[2], TODAY,
                                                      today=TODAY))
            elif kind == "undo":
                self.tracker.change(model.undo_op(book, person.id))
                now = self.person(self.book(), name)
                for key in [k for k in self.steps if k[0] == name]:
                    if now is None or not now.steps.get(key[1]):
                        del self.steps[key]  # taken back here: not this laptop's any more
            elif kind == "let_go":
                self.tracker.change(model.let_go_op(book, person.id, TODAY, today=TODAY))
            elif kind == "rename":  # (round 14a V8) the name kept before " ~"
                self.tracker.change(model.edit_op(book, person.id, name=f"{name} ~{tag}"))
                self.moved.add(name)
            elif kind == "priority" and person.priority != action[2]:  # as a page saves it
                self.tracker.change(model.edit_op(book, person.id, priority=action[2]))
                self.moved.add(name)
        except WorkbookError:
            return  # refused in words (a step out of order, a person with steps kept ...)


def _named(person) -> str:
    """A person's name as the plan gave it (a rename adds " ~" and the laptop's tag)."""
    return person.name.split(" ~")[0]


def _said(notices, *words) -> bool:
    return any(all(w in n for w in words) for n in notices)


def _all_people(book):
    return [*book.people.values(), *book.former_people]


@FUZZ
@given(base=BASE, plan=PLAN)
def test_a_union_of_two_laptops_loses_nothing_without_a_word(base, plan):
    root = Path(tempfile.mkdtemp(prefix="union-"))
    try:
        one = Laptop(root / "w1")
        one.store.create("m")
        for name in base:
            one.tracker.change(model.add_op(name, org=_org(name), today=TODAY))
        shutil.copytree(root / "w1", root / "w2")
        two = Laptop(root / "w2")
        record = one.store.client_folder("m") / "conversations.jsonl"
        start = len(record.read_bytes())
        laptops = (one, two)
        for laptop, action in plan:
            laptops[laptop].do(action, "AB"[laptop])
        other = two.store.client_folder("m") / "conversations.jsonl"
        shared, mine = record.read_bytes()[:start], record.read_bytes()[start:]
        theirs = other.read_bytes()[start:]
        with open(record, "ab") as out:  # the sync tool: laptop 2's new lines after 1's
            out.write(theirs)
        book, _, notices = read(one.store)
        _check(book, notices, laptops)
        # the other order (round 14a V7, V8): laptop 1's new lines after laptop 2's
        shutil.copytree(root / "w1", root / "w3")
        swapped = ClientStore(root / "w3")
        folder = swapped.client_folder("m")
        for side in folder.glob("conversations.json*"):
            side.unlink()
        (folder / "conversations.jsonl").write_bytes(shared + theirs + mine)
        (folder / "conversations.json").unlink(missing_ok=True)
        other_book, _, other_notices = read(swapped)
        _check(other_book, other_notices, laptops)
        # (left: a person moved, renamed or given a priority on both laptops keeps the later
        # line's value, the other named, and a removal beside two such changes can go
        # either way, as the removal's copy may or may not have seen the other's; a person
        # taken off on both, listed again on one, with a change on the other: not compared)
        # (left too: steps, texts, undos beside a removal on the other laptop, M1's
        # rules, whose two orders differ in edge cases such as a step recorded and taken
        # back before the other's removal)
        skip = (one.moved & two.moved) | (
            (one.touched | two.touched) & (one.removed | two.removed | one.moved | two.moved))
        assert _shape(book, skip) == _shape(other_book, skip), \
            (f"the order of the lines changes the list: {_shape(book, skip)} against "
             f"{_shape(other_book, skip)}; {notices}; {other_notices}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _shape(book, skip=()) -> dict:
    """What the order of two laptops' lines must not change: who is listed (let go or
    not), who was taken off, and the places listed. (Moved on both laptops, a person is
    where the later line in the file puts them, or at none if that place was taken off:
    where they are is not compared.)"""
    # by name: one person added on both laptops is folded under the id first in the file
    return {"people": sorted((_named(p), bool(p.let_go)) for p in book.people.values()
                             if _named(p) not in skip),
            "taken off": sorted({_named(f) for f in book.former_people}
                                - {_named(p) for p in book.people.values()} - set(skip)),
            "places": sorted(p.name for p in book.places.values())}


def _check(book, notices, laptops) -> None:
    everyone = _all_people(book)
    for laptop in laptops:
        for (name, field), text in laptop.texts.items():
            held = [getattr(p, field, "") for p in book.people.values() if _named(p) == name]
            assert any(text in h for h in held) or _said(notices, name), \
                (f"{text!r} ({field} of {name}) is not in the merged list and no notice "
                 f"names {name}: {held}, {notices}")
        for (name, step), day in laptop.steps.items():
            steps = [p.steps.get(step) for p in everyone if _named(p) == name]
            assert any(s for s in steps) or _said(notices, name), \
                f"{name}'s step {step} ({day}) is gone without a word: {steps}, {notices}"
        for place, text in laptop.drawn.items():
            held = [p.drawn for p in book.places.values() if p.name == place]
            assert any(text in h for h in held) or _said(notices, place), \
                f"{text!r} (what draws, {place}) is gone without a word: {held}, {notices}"
    listed = {n for lap in laptops for n in _listed(lap)}
    for name in listed - set().union(*(lap.removed for lap in laptops)):
        count = sum(_named(p) == name for p in book.people.values())
        assert count >= 1 or _said(notices, name), f"{name} is gone without a word: {notices}"
        # (renamed on one laptop and added again on the other: two names, two people)
        count = max(collections.Counter(p.name for p in book.people.values()
                                        if _named(p) == name).values(), default=0)
        assert count <= 1 or _said(notices, name), f"{name} listed {count} times: {notices}"
    choices = [lap.share for lap in laptops if lap.share is not None]
    if choices:
        report, names, _ = max(choices, key=lambda c: c[2])
        assert report or not book.share_report, \
            f"the report shows conversations the client took out last: {notices}"
        assert names or not book.share_names, \
            f"the report names people though the client said not to, last: {notices}"


def _listed(laptop) -> set:
    return {_named(p) for p in laptop.book().people.values()}
