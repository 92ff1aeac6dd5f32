"""The conversations tracker's model: people to talk to, their steps, what falls due.

Pure: no files, no widgets. A client's tracker (a :class:`Book`) is the result of a list of
changes (*ops*, plain dicts) applied in order; :mod:`workbook.session.tracker` keeps those
changes in the client's folder. Every op is made and checked by a function here
(:func:`add_op`, :func:`step_op`, ...), so a bad value is refused before anything is saved,
with a message naming the field.

A person moves through :data:`STEPS`; each step done has the date it happened. Follow-ups
fall due a number of *working days* after a step (weekends skipped), by the cadence in the
instrument file (``[conversations.cadence]``); the cadence is read when the dates are
worked out, so editing it moves every date that is still open.

The record reads true: no step and no listing is dated ahead; a person is listed no later
than their earliest step (a step recorded on an earlier day moves the listed day back, and
follow-ups count from the step's own day); a person with any step beyond being listed is
not taken off the list, so no session's counts change afterwards (:func:`remove_op`):
they are let go instead (:func:`let_go_op`), closed kindly after a silence; a name, place
or "found" holds no control character (:data:`ONE_LINE`).

Places come first: a client keeps a short ranked list of places (:class:`Place`: how they
are drawn to it, whether they know anyone there), through the same ops
(:func:`add_place_op`, :func:`edit_place_op`, :func:`rank_op`, :func:`order_op`,
:func:`remove_place_op`, :func:`move_op`). Each person belongs to one place or to none; a
place typed for a person (``org``) links them to the place of that name, listing it when
it is new. A place taken off the list leaves its people with no place, each keeping its
name as where they work, and is kept aside so earlier sessions' counts do not change; so is
a person taken off the list (:class:`FormerPerson`, in :attr:`Book.former_people`: their
listed day, steps and places day by day, and the day they were taken off), so a person
listed weeks ago and taken off today still counts in every session before today (attacks5
C7); listed again, they count once a day.

Two ops are never made here: :mod:`workbook.session.tracker` writes them only when it
writes back to the record what only the snapshot held (attacks4 B17): ``history`` (a
person's place history as kept, ``{"op": "history", "id", "places": [[day, place id],
...]}``), ``places_kept`` (the places and those taken off the list, as kept: ``{"op":
"places_kept", "places": [...], "former_places": [...]}``) and ``former_kept`` (the people
taken off the list, as kept: ``{"op": "former_kept", "former_people": [...]}``); a
``place_remove`` written back carries the day its first contact was listed (``contact``),
and a ``remove`` the day the person was taken off (``date``; else its line's day). One more,
``fold`` (``{"op": "fold", "id": kept, "other": id}``), is written when the record lists
one person twice (:func:`twins`: two adds, two ids, the same name at the same place): the
lines before it give the one kept what the other held; it takes the other copy off the
list, not as a removal (no session counts them), and is a no-op when either is not listed.

Examples
--------
>>> import datetime as dt
>>> book = Book()
>>> op = add_op("Ana Ruiz", org="City Library", today=dt.date(2026, 11, 27), person_id="p1")
>>> apply(book, op)
>>> apply(book, step_op(book, "p1", "sent", dt.date(2026, 11, 27), today=dt.date(2026, 11, 27)))
>>> book.people["p1"].stage
'sent'
>>> [(d.kind, d.date.isoformat(), d.place) for d in due(book, Cadence())]
[('another', '2026-12-02', 'City Library'), ('nudge', '2026-12-08', 'City Library')]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
import uuid

from workbook.core.conversations.cadence import Cadence
from workbook.core.exceptions import ConversationError
from workbook.core.instrument_file import default_raw
from workbook.core.text import normal_id

#: The steps of one conversation, in order: listed, note drafted, note sent, reply came,
#: time arranged, conversation held, thanks sent, told them what came of their advice.
STEPS = ("noted", "drafted", "sent", "reply", "arranged", "held", "thanked", "told")
#: Priorities: 1 comes first.
PRIORITIES = (1, 2, 3)
#: Kinds of follow-up: try another person at the same place, nudge the first, let them go
#: after a second silence, agree a time after a reply, the day of an arranged talk, thank
#: after a talk, and tell them later what came of their advice.
DUE_KINDS = ("another", "nudge", "let_go", "arrange", "day", "talk", "thank", "tell")
#: Whether the client knows anyone at a place.
KNOWS = ("yes", "no", "unknown")
#: The steps after which nothing is left to answer: a note with none of these is unanswered.
ANSWERED = ("reply", "arranged", "held", "thanked", "told")
#: Fields of a person that an edit may change, and their types.
TEXT_FIELDS = ("name", "org", "found", "why", "note", "learned", "suggested")
#: How far ahead "coming up" looks, in days: the page, the report and `workbook followups`.
COMING_UP_DAYS = 7
#: Longest text kept in one field (a pasted essay is refused, not cut).
MAX_TEXT = 20_000
#: A date as the tracker writes it: ``YYYY-MM-DD`` and nothing else (not ``20261105``).
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Unicode categories never seen as part of a name: controls (NUL, line breaks), format
#: marks (the zero-width space), unassigned and private code points, lone surrogates.
_INVISIBLE = {"Cc", "Cf", "Cn", "Co", "Cs"}


@dataclasses.dataclass
class Person:
    """Someone worth a conversation, and how far the conversation has come."""

    id: str
    name: str
    org: str = ""
    found: str = ""
    why: str = ""
    priority: int = 2
    added: str = ""
    #: Step -> ISO date it happened.
    steps: dict = dataclasses.field(default_factory=dict)
    #: The outreach note as drafted (the kit never sends it).
    note: str = ""
    #: What was learned in the conversation.
    learned: str = ""
    #: Who was suggested next, as typed (each may also become a person of their own).
    suggested: str = ""
    #: The person whose suggestion this was (their id), if any.
    suggested_by: str = ""
    #: The date of an arranged conversation (may be ahead).
    meeting: str = ""
    #: Follow-up kind -> ISO date the coach marked it done (a nudge sent, another tried).
    followed: dict = dataclasses.field(default_factory=dict)
    #: The id of the place they belong to ("" for none). While they belong to one, ``org``
    #: holds that place's name (kept so by every op), so a screen showing ``org`` is right.
    place: str = ""
    #: The ISO date they were let go after a silence ("" when not): closed kindly, kept on
    #: the list and in the counts as their steps say, nothing more due.
    let_go: str = ""
    #: Where they were, day by day: ``[[ISO day, place id or ""], ...]``, oldest first,
    #: each place theirs from that day on (before the first day, the first place). Kept by
    #: every op that puts them at a place or takes them off one (:func:`apply`), so the
    #: counts of a past session read where they were then (:meth:`Book.counts`). A record
    #: of an earlier version reads as one entry: their place from their listed day.
    places: list = dataclasses.field(default_factory=list)

    def __post_init__(self):
        _settle_listed(self)  # a list saved by an earlier version reads as a new one
        self.places = [list(entry) for entry in self.places] or [[self.added, self.place]]

    def place_on(self, on: dt.date | None = None) -> str:
        """The id of the place they were at on ``on`` ("" for none; None: now).

        Examples
        --------
        >>> p = Person("p", "Ana", added="2026-10-03", place="C",
        ...            places=[["2026-10-03", "L"], ["2026-11-26", "C"]])
        >>> p.place_on(dt.date(2026, 10, 1)), p.place_on(dt.date(2026, 11, 25)), p.place_on()
        ('L', 'L', 'C')
        """
        if on is None or not self.places:
            return self.place
        at = self.places[0][1]
        for day, place_id in self.places:
            if day and dt.date.fromisoformat(day) > on:
                break
            at = place_id
        return at

    @property
    def stage(self) -> str:
        """The furthest step done (``"noted"`` when none is dated)."""
        done = [s for s in STEPS if s in self.steps]
        return done[-1] if done else "noted"

    @property
    def closed(self) -> bool:
        """True once they were let go (:func:`let_go_op`) and have not answered since.

        A reply (or any later step) recorded after all opens them again: the list goes on
        from it, and the day they were let go stays in ``let_go``.
        """
        return bool(self.let_go) and not any(step in self.steps for step in ANSWERED)

    @property
    def finished(self) -> bool:
        """True when nothing is left to do: thanks sent, told what came of it, or let go."""
        return self.closed or "thanked" in self.steps or "told" in self.steps

    @property
    def next_step(self) -> str | None:
        """The step after the furthest one done; None once told, or once let go."""
        if self.closed:
            return None
        at = STEPS.index(self.stage)
        return STEPS[at + 1] if at + 1 < len(STEPS) else None

    def date(self, step: str) -> dt.date | None:
        """The date of a step, or None when it is not done."""
        value = self.steps.get(step)
        return dt.date.fromisoformat(value) if value else None

    def flags(self) -> list:
        """Steps out of order, in words (allowed, but worth a second look).

        A talk or thanks marked with no note sent, thanks with no talk, and a step dated
        before the step it follows.
        """
        out = []
        if "sent" not in self.steps:
            later = [s for s in ("arranged", "held", "thanked") if s in self.steps]
            if later:
                out.append(f"{STEP_WORDS[later[-1]]} is marked, {STEP_WORDS['sent']} is not")
        if "thanked" in self.steps and "held" not in self.steps:
            out.append(f"{STEP_WORDS['thanked']} is marked, {STEP_WORDS['held']} is not")
        dated = [(s, self.date(s)) for s in STEPS[1:] if s in self.steps]
        for (first, first_day), (then, then_day) in zip(dated, dated[1:]):
            if then_day < first_day:
                out.append(f"{STEP_WORDS[then]} ({say_day(then_day)}) is dated before "
                           f"{STEP_WORDS[first]} ({say_day(first_day)})")
        return out


def say_day(day: dt.date, *, this_year: int | None = None) -> str:
    """A date as a reader says it: ``Fri 27 Nov``, with the year when it is not this one.

    In the kit's ``[words.dates]``, for the tracker's own messages and flags, which know no
    instrument; a page says a date in its instrument's (:func:`workbook.core.date_words.say_day`).

    Examples
    --------
    >>> say_day(dt.date(2026, 11, 27), this_year=2026)
    'Fri 27 Nov'
    >>> say_day(dt.date(2025, 3, 2), this_year=2026)
    'Sun 2 Mar 2025'
    """
    from workbook.core.date_words import (
        say_day as said,  # the kit's [words.dates] (messages, flags)
    )

    return said(day, None, this_year=this_year)


def _kit_step_words() -> dict:
    """The kit's own words for each step: ``step_<step>`` of its instrument's ``[conversations]``.

    A page says a step in its instrument's words (``Words.step``); these are for the
    tracker's own messages and flags, which know no instrument.
    """
    table = default_raw()["conversations"]
    return {step: table[f"step_{step}"] for step in STEPS}


#: Each step in a few words (the kit's instrument file), for the tracker's messages and flags.
STEP_WORDS = _kit_step_words()


@dataclasses.dataclass
class Place:
    """An organisation the client is drawn to, on their short ranked list of places.

    ``rank`` is its position (1 first), kept 1..n by :func:`apply`. ``removed`` and
    ``contact`` are set only on a place taken off the list (kept in
    :attr:`Book.former_places` so earlier sessions' counts stay as they were): the day it
    was removed, and the earliest day one of its people was listed ("" for none).
    """

    id: str
    name: str
    #: How the client is drawn to it, in their words.
    drawn: str = ""
    #: Whether they know anyone there: one of :data:`KNOWS`.
    knows: str = "unknown"
    #: The ISO date it was listed.
    added: str = ""
    rank: int = 0
    removed: str = ""
    contact: str = ""


@dataclasses.dataclass
class FormerPerson:
    """A person taken off the list (:func:`remove_op`), kept in :attr:`Book.former_people`.

    Only what the counts of the sessions before ``removed`` read (attacks5 C7): the day they
    were listed, their steps (an earlier version took off people with steps), where they
    were day by day, and the day they were taken off. They count on the days from their
    listing up to the day before ``removed``, never on it or after.
    """

    id: str
    name: str = ""
    added: str = ""
    #: Their place when taken off ("" for none).
    place: str = ""
    steps: dict = dataclasses.field(default_factory=dict)
    places: list = dataclasses.field(default_factory=list)
    #: The ISO day they were taken off the list.
    removed: str = ""

    def __post_init__(self):
        self.steps = dict(self.steps)
        self.places = _plain_history(self.places) or [[self.added, self.place]]

    def place_on(self, on: dt.date | None = None) -> str:
        """The id of the place they were at on ``on`` (as :meth:`Person.place_on`)."""
        return Person.place_on(self, on)

    def date(self, step: str) -> dt.date | None:
        """The date of a step, or None when it was not done."""
        return Person.date(self, step)

    def counted_on(self, on: dt.date | None) -> bool:
        """Whether they are on the list on ``on``: before the day they were taken off.

        Never now (``on`` None), nor on a day their removal is not known for.
        """
        gone = _iso(self.removed)
        return on is not None and gone is not None and on < gone


def _plain_history(history) -> list:
    """A place history without an entry repeating the place before it (no count reads it)."""
    out = []
    for entry in history or []:
        if not out or out[-1][1] != entry[1]:
            out.append(list(entry))
    return out


def former_problem(entry) -> str | None:
    """Why a person taken off the list, read back (a :class:`FormerPerson`), is not well formed.

    Examples
    --------
    >>> former_problem({"id": "p", "name": "Ana", "added": "2026-11-02",
    ...                 "removed": "2026-11-10"}) is None
    True
    >>> former_problem({"id": "p", "name": "Ana", "removed": "soon"})
    "removed is 'soon', not a date"
    """
    if not isinstance(entry, dict):
        return "it is not a table"
    if not isinstance(entry.get("id"), str):
        return "it has no id"
    if not _is_day(entry.get("removed")):
        return f"removed is {entry.get('removed')!r}, not a date"
    known = {f.name for f in dataclasses.fields(FormerPerson)}
    unknown = next((key for key in entry if key not in known), None)
    if unknown is not None:
        return f"{unknown!r} is not a field of a person taken off the list"
    return fields_problem({k: v for k, v in entry.items() if k != "removed"})


def _keep_former(book: Book, person: Person, day: str) -> None:
    """Keep ``person``, taken off the list on ``day``, in ``book.former_people``.

    The same removal replayed (a record read over its snapshot) is kept once, as the record
    gives it; the list is kept in the order of the days (taken off, listed, then id), so
    two readings of one record give one list.
    """
    gone = FormerPerson(id=person.id, name=person.name, added=person.added,
                        place=person.place, steps=dict(person.steps),
                        places=copy_history(person.places), removed=day)
    key = (gone.id, gone.added, gone.removed)
    book.former_people = [f for f in book.former_people
                          if (f.id, f.added, f.removed) != key] + [gone]
    book.former_people.sort(key=lambda f: (f.removed, f.added, f.id))


def copy_history(history) -> list:
    """A copy of a place history (``[[day, place id], ...]``)."""
    return [list(entry) for entry in history]


@dataclasses.dataclass
class Book:
    """One client's tracker: people in the order they were added, and sharing choices."""

    people: dict = dataclasses.field(default_factory=dict)
    #: Whether the client chose to put their conversations in their report, and the names.
    share_report: bool = False
    share_names: bool = False
    #: The places (id -> :class:`Place`), in rank order: the first is the first choice.
    places: dict = dataclasses.field(default_factory=dict)
    #: Places taken off the list, kept only so earlier sessions' counts do not change.
    former_places: list = dataclasses.field(default_factory=list)
    #: People taken off the list (:class:`FormerPerson`), kept only so earlier sessions'
    #: counts do not change (attacks5 C7): each counts before the day they were taken off.
    former_people: list = dataclasses.field(default_factory=list)
    #: Ids of copies folded into another (a ``fold`` line): other id -> the id kept, so a
    #: change made under the folded copy's id (a page that read the list before the sync)
    #: is made to the one kept (round 10 L12).
    folded: dict = dataclasses.field(default_factory=dict)
    #: Read only (never saved): person id -> the let go day a merge gave someone it kept
    #: back from a removal on another copy (:func:`workbook.session.merged.kept_back`), so
    #: that copy's own later removal of them still takes them off (round 14a, V8's test).
    kept_back: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def counts(self, on: dt.date | None = None) -> dict:
        """People listed, notes sent, conversations held, places listed, places with a contact.

        Each by ``on``, when given.

        A later step stands for the earlier ones it needs: a reply, a time agreed, a talk or
        thanks count the note as sent, and thanks count the conversation as held, each from
        the earliest such step's day (a person marked "thanks sent" alone was still talked to).
        A person let go counts as their steps say (a note sent, no conversation held).

        A place counts as listed from the day it was listed (or, when earlier, the first
        day someone listed was at it) and, when it was taken off the list, until the day
        before that. It has a contact on a day when someone listed by then was at it that
        day (:meth:`Person.place_on`): a person moved on keeps their earlier place's contact
        for the days before the move, and counts at the new one from the day of the move,
        so no earlier session's counts change.

        A person taken off the list (:attr:`former_people`) counts, as their steps and
        places say, on the days before the day they were taken off (attacks5 C7); a person
        taken off and listed again counts once a day.
        """
        former = [f for f in self.former_people if f.counted_on(on)]
        everyone = [*self.people.values(), *former]

        def by(steps):
            ids = set()
            for person in everyone:
                days = [person.date(step) if step != "noted" else _added(person)
                        for step in steps if step == "noted" or step in person.steps]
                days = [day for day in days if day is not None]
                if days and (on is None or min(days) <= on):
                    ids.add(person.id)
            return len(ids)
        met, named = set(), set()  # places someone listed was at on ``on``; any ever named
        for person in self.former_people:
            named.update(place_id for _, place_id in person.places)
        for person in everyone:
            named.update(place_id for _, place_id in person.places)
            day = _added(person)
            if day is not None and (on is None or day <= on):
                met.add(person.place_on(on))
        listed = contact = 0
        counted = set()  # a place taken off and listed again under its id is one place
        for place in self.places.values():
            added = _iso(place.added)
            if place.id in met or (added is not None and (on is None or added <= on)):
                listed += 1
                contact += place.id in met
                counted.add(place.id)
        for place in self.former_places:
            gone = _iso(place.removed)
            if on is None or gone is None or on >= gone or place.id in counted:
                continue
            has = place.id in met
            if not has and place.id not in named:  # removed before the history was kept
                first = _iso(place.contact)
                has = first is not None and first <= on
            added = _iso(place.added)
            if has or (added is not None and added <= on):
                listed += 1
                contact += has
                counted.add(place.id)
        return {"people_listed": by(("noted",)), "notes_sent": by(COUNTS_SENT),
                "conversations_held": by(COUNTS_HELD), "places_listed": listed,
                "places_with_contact": contact}


#: The steps that count a person's note as sent, and their conversation as held.
COUNTS_SENT = ("sent", "reply", "arranged", "held", "thanked", "told")
COUNTS_HELD = ("held", "thanked", "told")


def _iso(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if _is_day(value) else None


def _first_listed(book: Book, place_id: str) -> dt.date | None:
    """The earliest listed day of the people at a place (None when it has none)."""
    days = [_added(p) for p in book.people.values() if p.place == place_id]
    days = [d for d in days if d is not None]
    return min(days) if days else None


def talks_held(book: Book, on: dt.date | None = None) -> int:
    """The conversations held (by ``on``): what ``review_after_talks`` is compared with."""
    return book.counts(on=on)["conversations_held"]


def _added(person: Person) -> dt.date | None:
    if person.added:
        return dt.date.fromisoformat(person.added)
    return person.date("noted")


def _settle_listed(person: Person) -> None:
    """Keep a person listed no later than their earliest step, and ``noted`` their listed day.

    A step recorded on a day before the person was listed (listed today, "note sent" last
    Monday) moves the listed day back to that step's day, so a list never shows a step
    before the listing and the counts never hold a note sent or a conversation held by
    someone not yet listed. Applied to every op, replayed ones included, and to every
    person read from a snapshot, so a record an earlier version wrote reads the same way.
    """
    steps = person.steps if isinstance(person.steps, dict) else {}
    days = [day for step, day in steps.items() if step != "noted" and _is_day(day)]
    listed = person.added if _is_day(person.added) else ""
    if not listed and _is_day(steps.get("noted")):
        listed = steps["noted"]
    if days and (not listed or min(days) < listed):  # ISO dates sort as the days do
        listed = min(days)
    if listed:
        person.added = listed
        steps["noted"] = listed


# -- making ops (each checked) ---------------------------------------------------------------
def new_id() -> str:
    """A fresh person id (two pages adding at once never clash)."""
    return uuid.uuid4().hex[:12]


#: Fields of a person that hold one line (a name, a place): no control character at all.
#: The others (why, the note, what was learned, who was suggested) are written in boxes of
#: several lines, so a line break or a tab is theirs to keep; other controls are refused.
ONE_LINE = ("name", "org", "found")
#: Control characters a text of several lines may hold: line breaks and the tab.
_LINE_BREAKS = frozenset("\n\r\t")


def _text(field: str, value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ConversationError(f"{field} must be text, not {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise ConversationError(f"{field} is {len(value):,} characters long, more than the "
                                f"{MAX_TEXT:,} a field keeps, so nothing was saved; shorten "
                                f"it and save again")
    return _controls(field, value.strip() if field in ONE_LINE else value)


def _controls(field: str, value: str) -> str:
    """``value``, or a refusal naming ``field`` when it holds a control character it may not.

    A one-line field (:data:`ONE_LINE`, spaces around it trimmed first) may hold none; a
    field of several lines may hold line breaks and tabs.
    """
    allowed = frozenset() if field in ONE_LINE else _LINE_BREAKS
    bad = next((ch for ch in value
                if unicodedata.category(ch) == "Cc" and ch not in allowed), None)
    if bad is not None:
        what = ("a line break or another control character" if field in ONE_LINE
                else "a control character that is not a line break")
        raise ConversationError(f"{field} holds {what} ({bad!r}), so nothing was saved; "
                                f"type it again without it")
    return value


def is_blank(text: str) -> bool:
    r"""True when ``text`` shows nothing: only spaces, controls (NUL) or zero-width marks.

    Examples
    --------
    >>> is_blank(" \u200b\x00 "), is_blank("Ana")
    (True, False)
    """
    return all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in text)


def _name(value) -> str:
    if value is not None and not isinstance(value, str):
        _text("name", value)  # refused: not text
    # a client's name's normal form: invisible format characters (a zero-width space)
    # dropped, Unicode NFC, trimmed (attacks4 B13)
    name = _normal_name(value or "")
    if is_blank(name):
        raise ConversationError("name: a person needs a name (or the place, if no name yet)")
    return _text("name", name)


def id_problem(value) -> str | None:
    r"""Why ``value`` cannot be a person's id, or None.

    An id is text with something visible in it and no control character (a line break in
    an id once made the whole calendar fail).

    Examples
    --------
    >>> id_problem("p1") is None, id_problem("p\r1")
    (True, "'p\\r1' holds a line break or another control character")
    """
    if not isinstance(value, str) or is_blank(value):
        return f"{value!r} is not text"
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        return f"{value!r} holds a line break or another control character"
    return None


def _new_id(value) -> str:
    if value is None or value == "":
        return new_id()
    problem = id_problem(value)
    if problem:
        raise ConversationError(f"person_id: {problem}")
    return value


def _priority(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number not in PRIORITIES or isinstance(value, bool):
        raise ConversationError(f"priority must be 1, 2 or 3 (1 comes first), not {value!r}")
    return number


def _day(value, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_day(value):
        return dt.date.fromisoformat(value)
    raise ConversationError(f"{field}: {value!r} is not a date (YYYY-MM-DD)")


def add_op(name, *, org="", found="", why="", priority=2, today=None, person_id=None,
           suggested_by="", book=None, now=None, place=None, place_id=None) -> dict:
    """The op that adds a person (listed ``today``: today's date unless given).

    A listed day still to come (after ``now``, today's date unless given) is refused, as a
    step on such a day is: a person is listed when they are added. With ``book``, a
    ``person_id`` already on that list is refused (adding would replace the person, wiping
    their steps and notes); :meth:`Tracker.change
    <workbook.session.tracker.Tracker.change>` checks it against the list on disk too.
    ``name``, ``org`` and ``found`` are one line each: a control character in them (a line
    break, a tab, ESC) is refused, naming the field; ``why`` may hold line breaks.

    The person belongs to a place: ``place``, the id of a place on ``book``'s list, or else
    the place named ``org`` (the same name once spaces and case are set aside), which is
    listed when it is not on the list yet (as the last place, its id ``place_id`` when
    given). With neither, no place.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_op("Ana", person_id="p1"))
    >>> add_op("Bo", person_id="p1", book=book)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.ConversationError: person_id: 'p1' is on the list already ...
    >>> apply(book, add_op("Cy", org="Parks", person_id="p2", place_id="parks", book=book))
    >>> book.places["parks"].name, book.people["p2"].place
    ('Parks', 'parks')
    """
    return _add_op(name, org=org, found=found, why=why, priority=priority, today=today,
                   person_id=person_id, suggested_by=suggested_by, book=book, now=now,
                   place=place, place_id=place_id)


def _add_op(name, *, org="", found="", why="", priority=2, today=None, person_id=None,
            suggested_by="", book=None, now=None, place=None, place_id=None) -> dict:
    day = _day(today or dt.date.today(), "date")
    if day > _day(now or dt.date.today(), "today"):
        raise ConversationError(
            f"{STEP_WORDS['noted'].capitalize()} on {say_day(day)}: that day is still to "
            f"come. A person is listed on the day they are added, or an earlier one.")
    if suggested_by not in (None, "") and id_problem(suggested_by):
        raise ConversationError(f"suggested_by: {id_problem(suggested_by)}")
    op = {"op": "add", "id": _new_id(person_id), "date": day.isoformat(),
          "fields": {"name": _name(name), "org": _text("org", org),
                     "found": _text("found", found), "why": _text("why", why),
                     "priority": _priority(priority),
                     "suggested_by": _text("suggested_by", suggested_by)}}
    link = _link_for(book, place, op["fields"]["org"], place_id)
    if link is not None:
        op["place"] = link
        op["fields"]["org"] = link["name"]
    if book is not None:
        check_new(book, op)
        check_not_twin(book, op)  # not a second one of someone moved on (round 11 M4)
    return op


def _link_for(book, place, org: str, place_id=None) -> dict | None:
    """The ``place`` part of an add, an edit or a move: ``{"id", "name"}``, or None.

    ``place`` (an id on ``book``'s list) wins; else the place named ``org`` on the list, or a
    new one of that name; None for no place. A new place's id is ``place_id`` when given,
    else one made from its name (:func:`place_id_for`), so two pages listing the same place
    at once list it once, and a sample built twice is the same.
    """
    if place not in (None, ""):
        if book is None:
            raise ConversationError("place: a place id needs the list it is on (book=)")
        return {"id": place, "name": _place(book, place).name}
    if not org:
        return None
    found = find_place(book, org) if book is not None else None
    if found is not None:
        return {"id": found.id, "name": found.name}
    name = _place_name(org)
    if book is not None:  # a place taken off the list, listed again: under its own name
        key = place_key(name)
        name = next((f.name for f in reversed(book.former_places)
                     if place_key(f.name) == key), name)
    if place_id not in (None, ""):
        return {"id": _new_id_for("place_id", place_id), "name": name}
    pid, n = place_id_for(name), 1
    while book is not None and (pid in book.places
                                or any(p.id == pid for p in book.former_places)):
        n += 1
        pid = f"{place_id_for(name)}-{n}"
    return {"id": pid, "name": name}


def place_id_for(name: str) -> str:
    """The id a place listed through a person is given: made from its name.

    Examples
    --------
    >>> place_id_for("City Library") == place_id_for("  city  library ")
    True
    """
    import hashlib

    return "pl-" + hashlib.sha256(place_key(name).encode("utf-8")).hexdigest()[:10]


def _new_id_for(field: str, value) -> str:
    if value is None or value == "":
        return new_id()
    problem = id_problem(value)
    if problem:
        raise ConversationError(f"{field}: {problem}")
    return value


class KeptError(ConversationError):
    """A person stays on the list; ``key`` names the instrument's words that say why.

    The page shows ``[conversations]`` ``key`` (it takes no placeholders); the message is
    the same in the kit's own words, for a command or a log.
    """

    def __init__(self, message: str, key: str = "remove_kept"):
        super().__init__(message)
        self.key = key


class PlaceTakenError(ConversationError):
    """A place's name is on the list already; ``name`` is that place's name as listed.

    The page says it in plain words (``[conversations]`` ``place_taken``, attacks6 D6); the
    message names the field, for a command or a log.
    """

    def __init__(self, message: str, name: str):
        super().__init__(message)
        self.name = name


class OnListError(ConversationError):
    """Someone with that name is on the list at that place already (:func:`person_key`).

    ``person`` is the one listed; ``key`` names the instrument's words that say it
    (``[conversations]`` ``edit_on_list``); the message is those words as the kit has them,
    so a page that shows the message says what the Add form says (round 8 G1).
    """

    def __init__(self, message: str, person, key: str = "edit_on_list", fill=None):
        super().__init__(message)
        self.person = person
        self.key = key
        #: The values of the words' ``{placeholders}`` (``moved_on_list``: name, place).
        self.fill = dict(fill or {})


def _on_list(book: Book, name: str, org: str, *, but=None, key: str = "edit_on_list"):
    """Refuse a name at a place where someone of that name is listed (:class:`OnListError`)."""
    listed = listed_as(book, name, org, but=but)
    if listed is not None:
        raise OnListError(default_raw()["conversations"][key], listed, key)


def check_add(book: Book, op: dict) -> None:
    """Refuse an add of someone listed at that place already (:func:`person_key`, round 8).

    The Add form's rule (``[conversations]`` ``add_on_list``), checked by :meth:`Tracker.change
    <workbook.session.tracker.Tracker.change>` against the list on disk under the folder's
    lock: two pages adding the same person at once add them once. An add, a rename or a
    move that the next reading would fold into someone listed (:func:`check_not_twin`) is
    refused too. Raises :class:`OnListError` naming the one listed; any other op passes.
    """
    if op.get("op") == "add" and isinstance(op.get("fields"), dict):
        fields = op["fields"]
        _on_list(book, fields.get("name", ""), fields.get("org", ""), key="add_on_list")
    check_not_twin(book, op)


def check_not_twin(book: Book, op: dict) -> None:
    """Refuse an add, edit or move that makes its person the twin of someone listed.

    :func:`twins` folds two people the next reading judges one (:func:`same_person`): on one
    laptop, adding "Hana Ito" at City Library on the day the Hana Ito added there was moved
    elsewhere (or renaming someone into that pair) would make a second person, folded
    into the first at the next reading (round 11 M4: the day cannot tell which came
    first). Such an op is refused with :class:`OnListError` in the instrument's words
    (``[conversations]`` ``moved_on_list``), naming that person and where they are now,
    so the coach can open their card instead. A pair the list held before the op
    (another laptop's copy, folded as it is read) is not this op's doing, and passes.
    """
    import copy

    kind, fields = op.get("op"), op.get("fields")
    person = book.people.get(op.get("id"))
    if kind == "add" and isinstance(fields, dict) and isinstance(fields.get("name"), str):
        name = fields["name"]
    elif kind in ("edit", "move") and person is not None:
        if kind == "edit" and not ({"name", "org"} & set(fields or {}) or "place" in op):
            return
        name = (fields or {}).get("name", person.name) if kind == "edit" else person.name
    else:
        return
    named = [p for p in book.people.values()
             if p.id != op.get("id") and place_key(p.name) == place_key(name)]
    if not named:  # only someone of that name can be judged the same person
        return
    trial = copy.deepcopy(book)
    try:
        apply(trial, op)
    except ConversationError:
        return
    after = trial.people.get(op.get("id"))
    if after is None:
        return
    for other in named:
        if other.id not in trial.people or not same_person(trial.people[other.id], after, trial):
            continue
        if person_key(other.name, other.org) == person_key(after.name, after.org):
            continue  # the same name at the same place: the "on list" rule says it
        if person is not None and same_person(other, person, book):
            continue  # one person twice already (a copy from another laptop)
        where = place_name(book, other) or "-"
        raise OnListError(default_raw()["conversations"]["moved_on_list"].replace(
            "{name}", other.name).replace("{place}", where), other, "moved_on_list",
            {"name": other.name, "place": where})


def check_new(book: Book, op: dict) -> None:
    """Refuse an op that would wipe what ``book`` holds, or make it read untrue.

    An add (of a person or a place) whose id is on ``book`` already; a place added under a
    name on the list already; the removal of a person with any step beyond being listed
    (:func:`remove_op`); letting go of a person whose conversation was held
    (:func:`let_go_op`). :meth:`Tracker.change
    <workbook.session.tracker.Tracker.change>` checks each op against the list on disk
    before writing it; any other op passes.

    Raises
    ------
    ConversationError
        Naming the field (``person_id``, ``place_id``, ``name``) and what it would wipe, or
        saying why the person stays (:class:`KeptError`).
    """
    kind = op.get("op")
    if kind in ("edit", "move") and op.get("id") in book.people:
        _edit_on_list(book, op)
    if kind == "add" and op.get("id") in book.people:
        person = book.people[op["id"]]
        raise ConversationError(
            f"person_id: {person.id!r} is on the list already ({person.name}); adding again "
            f"would wipe their steps and notes. Change their details instead, or leave the "
            f"id out.")
    if kind == "place_add":
        _name_free(book, op["fields"]["name"])
        if op.get("id") in book.places:
            raise ConversationError(
                f"place_id: {op['id']!r} is on the list already "
                f"({book.places[op['id']].name}); leave the id out.")
    if kind == "place_edit" and "name" in op.get("fields", {}):
        _name_free(book, op["fields"]["name"], but=op.get("id"))
    person = book.people.get(op.get("id")) if kind in ("remove", "let_go") else None
    if person is None:
        return
    if kind == "let_go" and op.get("date") and "held" in person.steps:
        raise ConversationError(
            f"{person.name}: your conversation with them was held "
            f"({say_day(person.date('held'))}), so there is nothing to let go; "
            + ("with the thanks sent they are finished." if "thanked" in person.steps else
               "send thanks instead."))
    booked = _booked(person)  # only "time agreed" books a talk (G13)
    if kind == "let_go" and op.get("date") and booked:  # attacks6 D7: a promise stands
        when = (f"set for {say_day(dt.date.fromisoformat(person.meeting))}" if person.meeting
                else "no day set yet")
        raise ConversationError(
            f"{person.name}: a talk is agreed with them ({when}), and a talk agreed is a "
            f"promise, so they are not let go. If it was called off, take back \u201ctime "
            f"agreed\u201d first.")
    if kind == "let_go" and op.get("date") and "reply" in person.steps \
            and "held" not in person.steps:
        raise ConversationError(
            f"{person.name} replied ({say_day(person.date('reply'))}): there is no silence "
            f"to close, so they are not let go. A reply marked by mistake can be taken back "
            f"first.")
    if kind == "remove" and "held" in person.steps:
        raise KeptError(
            f"{person.name} stays on the list: your conversation with them was held "
            f"({say_day(person.date('held'))}), and it counts in every session since. "
            + ("With the thanks sent they are finished, at the end of the list."
               if "thanked" in person.steps else
               "Mark the thanks sent to finish with them; they move to the end of the list."))
    if kind == "remove" and booked:
        raise KeptError(
            f"{person.name} stays on the list: a talk is agreed with them, and a talk agreed "
            f"is a promise. If it was called off, take back \u201ctime agreed\u201d "
            f"first.", key="remove_booked")
    if kind == "remove" and "reply" in person.steps:
        raise KeptError(
            f"{person.name} stays on the list: they replied "
            f"({say_day(person.date('reply'))}). A reply marked by mistake can be taken "
            f"back first.", key="remove_replied")
    if kind == "remove" and person.stage != "noted":
        raise KeptError(
            f"{person.name} stays on the list: {STEP_WORDS[person.stage]} "
            f"({say_day(person.date(person.stage))}), and the counts of every session since "
            f"hold it. Let them go instead: they stay on the list, closed, with nothing more "
            f"due. (A step marked by mistake can be taken back first.)")


def _edit_on_list(book: Book, op: dict) -> None:
    """Refuse an edit that renames or moves a person onto someone listed there (G1).

    Only when it changes who they are (their name or place as :func:`person_key` compares
    them): a pair already on the list keeps its other details editable.
    """
    person, fields = book.people[op["id"]], op.get("fields", {})
    if op["op"] == "move":  # to a place on the list, a new one, or none (org kept)
        place = book.places.get(op.get("place"))
        name, org = person.name, place.name if place is not None else (
            (op.get("new_place") or {}).get("name") or person.org)
    elif "name" not in fields and "place" not in op and "org" not in fields:
        return
    else:
        name = fields.get("name", person.name)
        org = (op["place"] or {}).get("name", "") if "place" in op else fields.get(
            "org", person.org)
    if person_key(name, org) != person_key(person.name, person.org):
        _on_list(book, name, org, but=person.id)


def _name_free(book: Book, name: str, *, but=None) -> None:
    other = find_place(book, name)
    if other is not None and other.id != but:
        raise PlaceTakenError(f"name: {other.name!r} is on the list of places already",
                              other.name)


def edit_op(book: Book, person_id: str, *, today=None, confirmed: bool = False,
            **fields) -> dict:
    """The op that changes a person's fields (name, org, found, why, note, learned, ...).

    A changed ``org`` (not the same name once spaces and case are set aside) moves the
    person to the place of that name, listed when new, as :func:`add_op` does; an emptied
    one leaves them with no place. The same ``org`` again changes nothing, except for
    someone at no place whose ``org`` names no place on the list (a place taken off): it
    is listed again, with them and the others who work there at it (round 10b L5). Such an op
    carries its ``date`` (``today``, today's date unless given): the move, and the place
    it lists, count from that day. A name or place that would make them someone already
    listed there (the same name at the same place, :func:`person_key`) is refused with
    :class:`OnListError`, as the Add form refuses adding them (round 8 G1).
    """
    person = _person(book, person_id)
    clean = {}
    for key, value in fields.items():
        if key == "name":
            clean[key] = _name(value)
        elif key == "priority":
            clean[key] = _priority(value)
        elif key == "meeting":
            clean[key] = _day(value, "meeting").isoformat() if value else ""
        elif key in TEXT_FIELDS:
            clean[key] = _text(key, value)
        else:
            raise ConversationError(f"{key} is not a field of a person")
    if clean.get("meeting"):
        _meeting_checked(person, dt.date.fromisoformat(clean["meeting"]), today, confirmed)
    op = {"op": "edit", "id": person_id, "fields": clean}
    # where they work typed for someone at no place, naming a place not on the list (one
    # taken off, its name kept as theirs): that place is listed again with them at it, as
    # an add or a move lists it (round 10b L5)
    again = "org" in clean and not person.place and bool(place_key(clean["org"])) \
        and find_place(book, clean["org"]) is None
    if "org" in clean and (place_key(clean["org"]) != place_key(person.org) or again):
        op["place"] = _link_for(book, None, clean["org"])
        op["date"] = _day(today or dt.date.today(), "date").isoformat()
        if op["place"] is not None:
            clean["org"] = op["place"]["name"]
    check_new(book, op)  # not onto someone listed there already (round 8 G1)
    check_not_twin(book, op)  # nor into a pair the next reading folds (round 11 M4)
    return op


def _booked(person: Person) -> bool:
    """Whether a talk is agreed with them and not held yet: a promise (round 8 G13).

    Only "time agreed" makes one: a day in "Conversation set for" on someone no time was
    agreed with (a record an earlier version let through) books nothing.
    """
    return "arranged" in person.steps and not any(
        step in person.steps for step in ("held", "thanked", "told"))


def _meeting_checked(person: Person, day: dt.date, today=None, confirmed=False) -> None:
    """Refuse a day for the talk before a time is agreed, or more than a year ahead (G13).

    Without ``confirmed``, a day before 2000 too (round 10b L11), as :func:`step_op` does.
    """
    words = default_raw()["conversations"]
    if not any(step in person.steps for step in ("arranged", "held", "thanked", "told")):
        raise ConversationError(f"{person.name}: {words['meeting_not_agreed']}")
    if not confirmed and day < dt.date(2000, 1, 1):
        raise ConversationError(f"{words['meeting_label']} {say_day(day)}: that is before "
                                f"2000; check the year (confirm it to record that day).")
    limit = _day(today or dt.date.today(), "today")
    try:
        limit = limit.replace(year=limit.year + 1)
    except ValueError:  # 29 February
        limit = limit.replace(year=limit.year + 1, day=28)
    if day > limit:
        raise ConversationError(f"{words['meeting_label']} {say_day(day)}: "
                                f"{words['meeting_too_far']}")


def step_op(book: Book, person_id: str, step: str, when=None, *, today=None,
            confirmed: bool = False) -> dict:
    """The op that marks ``step`` done on ``when`` (None takes the step back).

    A day still to come is refused. Without ``confirmed`` (the page asks first: "Yes,
    record that day"), so is a day before 2000, a new day for a step already recorded and a
    day that puts the step out of order (round 10 L11): none is written without a word.
    """
    person = _person(book, person_id)
    if step not in STEPS:
        raise ConversationError(f"step must be one of {', '.join(STEPS)}, not {step!r}")
    if when is None:
        return {"op": "step", "id": person_id, "step": step, "date": None}
    day = _day(when, STEP_WORDS[step])
    limit = _day(today or dt.date.today(), "today")
    if day > limit:  # every step records something that has happened
        raise ConversationError(
            f"{STEP_WORDS[step].capitalize()} on {say_day(day)}: that day is still to "
            f"come. Record a step once it has happened; the day an agreed conversation "
            f"will take place has a box of its own.")
    if not confirmed and day < dt.date(2000, 1, 1):
        raise ConversationError(
            f"{STEP_WORDS[step].capitalize()} on {say_day(day)}: that is before 2000; "
            f"check the year (confirm it to record that day).")
    was = person.steps.get(step)
    if not confirmed and was and was != day.isoformat() and step != "noted":
        raise ConversationError(
            f"{person.name}: {STEP_WORDS[step]} is recorded already, on "
            f"{say_day(dt.date.fromisoformat(was))}; take it back first, or confirm the "
            f"new day ({say_day(day)}).")
    if not confirmed:
        _order_checked(person, step, day)
    return {"op": "step", "id": person_id, "step": step, "date": day.isoformat()}


def _order_checked(person: Person, step: str, day: dt.date) -> None:
    """Refuse a day that puts ``step`` out of order (round 10b L11), as the page asks first.

    After a step it leads to (a note sent dated after the conversation held), or before
    one that leads to it (a reply dated before the note was sent).
    """
    at = STEPS.index(step)
    later = [s for s in STEPS[at + 1:] if s in person.steps and person.date(s) is not None
             and person.date(s) < day]
    earlier = [s for s in STEPS[1:at] if s in person.steps and person.date(s) is not None
               and person.date(s) > day]
    if not later and not earlier:
        return
    words = default_raw()["conversations"]
    other = later[0] if later else earlier[-1]
    said = f"{STEP_WORDS[step].capitalize()} on {say_day(day)}"
    text = words["odd_after_next" if later else "odd_before_last"].format(
        when=said, step=STEP_WORDS[other], date=say_day(person.date(other)))
    raise ConversationError(f"{person.name}: {text} Check the day (confirm it to record "
                            f"that day).")


def advance_op(book: Book, person_id: str, *, today=None) -> dict:
    """The op that marks the person's next step done today."""
    person = _person(book, person_id)
    step = person.next_step
    if step is None and person.closed:
        raise ConversationError(f"{person.name} was let go "
                                f"({say_day(dt.date.fromisoformat(person.let_go))}): take "
                                f"that back first, or record the step that happened")
    if step is None:
        raise ConversationError(f"{person.name}: every step is done already")
    day = today or dt.date.today()
    return step_op(book, person_id, step, day, today=day)


def undo_op(book: Book, person_id: str, last=None) -> dict:
    """The op that takes back the person's last change (as the list stands in ``book``).

    A follow-up (a nudge, another person tried) comes after the note sent: while the note
    sent is the furthest step, the follow-up is taken back first (``last``, the kind this
    page recorded last, when it is still there; else the latest), never the note under it
    (attacks6 D4). Otherwise the furthest step.
    """
    person = _person(book, person_id)
    if person.stage == "noted":
        raise ConversationError(f"{person.name}: there is no step to take back")
    if person.stage == "sent" and person.followed:
        kind = last if last in person.followed else max(
            person.followed, key=lambda k: (person.followed[k], k == "nudge"))
        return {"op": "followed", "id": person_id, "kind": kind, "date": None}
    return step_op(book, person_id, person.stage, None)


def followed_op(book: Book, person_id: str, kind: str, when=None, *, today=None) -> dict:
    """The op that marks a follow-up (a nudge, another person tried) done, today or ``when``.

    A day given (a nudge sent last Friday, told today) is never ahead of ``today`` and
    never before the note was sent; what follows counts from it.
    """
    person = _person(book, person_id)
    if kind not in ("another", "nudge"):
        raise ConversationError(f"follow-up must be 'another' or 'nudge', not {kind!r}")
    limit = _day(today or dt.date.today(), "today")
    day = limit if when is None else _day(when, "date")
    if day > limit:
        raise ConversationError(f"{say_day(day)}: that day is still to come. Record a "
                                f"follow-up once it has happened.")
    sent = person.date("sent")
    if kind == "nudge" and sent is None:
        raise ConversationError(f"{person.name}: no note is sent yet, so there is no one to "
                                f"nudge; record the note sent first.")
    if sent is not None and day < sent:
        raise ConversationError(f"{say_day(day)} is before the note was sent "
                                f"({say_day(sent)}).")
    return {"op": "followed", "id": person_id, "kind": kind, "date": day.isoformat()}


def suggest_op(book: Book, person_id: str, name, *, org="", today=None,
               person_id_new=None, place=None, place_id=None) -> dict:
    """The op that turns a suggestion from ``person_id``'s conversation into a person.

    "Name at Place" adds them to that place (``org``), listing the place when it is new
    (:func:`add_op`); the same name at two places is two people.
    """
    by = _person(book, person_id)
    op = add_op(name, org=org, found=f"suggested by {by.name}", today=today,
                person_id=person_id_new, suggested_by=person_id, book=book, place=place,
                place_id=place_id)
    listed = listed_as(book, op["fields"]["name"], op["fields"]["org"])
    if listed is not None:  # the same name at the same place: that person (round 8 G3)
        raise OnListError(_said_on_list([listed], book), listed, "suggest_on_list")
    return op


def _said_on_list(people, book) -> str:
    """The kit's ``suggest_on_list`` words, naming ``people`` (each with their place)."""
    names = ", ".join(f"{p.name} ({place_name(book, p) or '-'})" for p in people)
    return default_raw()["conversations"]["suggest_on_list"].replace("{names}", names)


def sort_suggestions(book: Book, person_id: str, pairs) -> tuple:
    """``(new, listed)``: the ``(name, place)`` pairs to add, and the people listed already.

    Of :func:`fresh_suggestions` (those not added from this talk yet), a pair is someone
    on the list when a person other than ``person_id`` has that name at that place
    (:func:`person_key`, the Add form's rule, round 8 G3), or, for a name given without a
    place, that name at any place (attacks6 D6: write "Name, Place" for another person of
    that name). ``listed`` holds each such person once, in the order given.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_op("Mira", person_id="m", today=dt.date(2026, 11, 2)))
    >>> apply(book, add_op("Lena Ortiz", org="City Library", person_id="l",
    ...                    today=dt.date(2026, 11, 2)))
    >>> new, listed = sort_suggestions(book, "m", [("lena  ortiz", "city library"),
    ...                                            ("Lena Ortiz", "Parks"), ("Noor Ali", "")])
    >>> new, [p.id for p in listed]
    ([('Lena Ortiz', 'Parks'), ('Noor Ali', '')], ['l'])
    """
    named = {}
    for other in book.people.values():
        if other.id != person_id:
            named.setdefault(place_key(other.name), other)
    new, listed = [], []
    for name, place in _not_from_talk(book, person_id, pairs):
        same = _listed_at(book, person_id, name, place) if place else \
            named.get(place_key(name))
        if same is None:
            new.append((name, place))
        elif same not in listed:
            listed.append(same)
    return new, listed


def fresh_suggestions(book: Book, person_id: str, pairs) -> list:
    """Of ``(name, place)`` pairs suggested in ``person_id``'s talk, those not added yet.

    Two pairs are the same suggestion when both the name and the place are the same (spaces
    and case set aside): the same name at two places is two people. A pair is added already
    when someone suggested by ``person_id`` has that name and that place; a pair with a
    place is on the list already when anyone has that name at that place (the Add form's
    rule, round 8 G3; :func:`sort_suggestions` says who). Order kept.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_op("Mira", person_id="m", today=dt.date(2026, 11, 2)))
    >>> apply(book, suggest_op(book, "m", "Ana Ruiz", org="Parks", today=dt.date(2026, 11, 2)))
    >>> fresh_suggestions(book, "m", [("Ana Ruiz", "Parks"), ("Ana Ruiz", "Library"),
    ...                               ("ana ruiz", "library")])
    [('Ana Ruiz', 'Library')]
    """
    new = []
    for name, place in _not_from_talk(book, person_id, pairs):
        # someone on the list at that place is that person, not a new one (round 8 G3)
        same = _listed_at(book, person_id, name, place) if place else None
        if same is None:
            new.append((name, place))
    return new


def _not_from_talk(book: Book, person_id: str, pairs) -> list:
    """Of ``pairs``, those not added from ``person_id``'s talk yet (:func:`fresh_suggestions`)."""
    _person(book, person_id)
    seen = {(place_key(p.name), place_key(p.org)) for p in book.people.values()
            if p.suggested_by == person_id}
    out = []
    for name, place in pairs:
        key = (place_key(name), place_key(place or ""))
        if key not in seen:
            seen.add(key)
            out.append((name, place))
    return out


def _listed_at(book: Book, person_id: str, name: str, place: str) -> Person | None:
    """The person other than ``person_id`` listed with ``name`` at the place named ``place``."""
    found = find_place(book, place)
    return listed_as(book, name, found.name if found is not None else place, but=person_id)


def let_go_op(book: Book, person_id: str, when=None, *, today=None,
              undo: bool = False) -> dict:
    """The op that lets a person go kindly after a silence (``undo``: takes it back).

    They stay on the list, closed (:attr:`Person.closed`): counted as their steps say (a
    note sent counts as sent, never as held) with nothing more due. ``when`` is the day
    (today unless given; never a day still to come). Refused once their conversation was
    held: thanks finish them instead.
    """
    _person(book, person_id)
    if undo:
        return {"op": "let_go", "id": person_id, "date": None}
    limit = _day(today or dt.date.today(), "today")
    day = _day(when or limit, "let go")
    if day > limit:
        raise ConversationError(f"Let go on {say_day(day)}: that day is still to come.")
    op = {"op": "let_go", "id": person_id, "date": day.isoformat()}
    check_new(book, op)
    return op


def remove_op(book: Book, person_id: str, *, today=None, now=None) -> dict:
    """The op that takes a person off the list (on ``today``: else the day it is saved).

    They are kept aside (:attr:`Book.former_people`) so every session before that day still
    counts them (attacks5 C7); the day is never one still to come (after ``now``).

    Only a person with no step beyond being listed may go (a duplicate, a name listed by
    mistake). Anyone with a step (a note drafted or sent, a reply, a talk) stays: the counts
    of every earlier session (the export, the cohort outcome) hold their note or their
    conversation, and taking them off would rewrite what was true on those days. Letting
    them go (:func:`let_go_op`) closes them instead; marking the thanks sent finishes
    someone talked to. A removal an earlier version saved is still applied as it was made
    (:func:`apply`).

    Raises
    ------
    KeptError
        Saying what to do instead; its ``key`` (``"remove_kept"``) names the instrument's
        words for the page.
    """
    _person(book, person_id)
    op = {"op": "remove", "id": person_id}
    if today is not None:
        day = _day(today, "date")
        if day > _day(now or dt.date.today(), "today"):
            raise ConversationError(f"Taken off the list on {say_day(day)}: that day is "
                                    f"still to come.")
        op["date"] = day.isoformat()
    check_new(book, op)
    return op


def share_op(*, report: bool, names: bool) -> dict:
    """The op recording what the client chose to put in their report.

    Only ``True`` or ``False`` is taken (a form's ``"no"`` is refused, never read as a yes).

    >>> share_op(report=True, names="no")
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.ConversationError: names must be true or false, not 'no'
    """
    for field, value in (("report", report), ("names", names)):
        if not isinstance(value, bool):
            raise ConversationError(f"{field} must be true or false, not {value!r:.60}")
    return {"op": "share", "report": report, "names": names and report}


def _person(book: Book, person_id: str) -> Person:
    try:
        return book.people[person_id]
    except KeyError:
        raise ConversationError(f"no person with id {person_id!r} on this list") from None


# -- places ----------------------------------------------------------------------------------
def place_key(name: str) -> str:
    """A place's name as two names are compared: NFKC, case folded, spaces as one.

    Examples
    --------
    >>> place_key("  City   Library ") == place_key("city library")
    True
    """
    return " ".join(_drop_format(unicodedata.normalize("NFKC", name or "")).casefold().split())


def _normal_name(text: str) -> str:
    """A name in the normal form of a client's id (:func:`workbook.core.text.normal_id`).

    Format characters (Unicode category Cf) dropped, Unicode NFC, surrounding spaces dropped:
    ``"Kit\u200bchen "`` and ``"Kitchen"`` are one name, ``"Zoe\u0308"`` is ``"Zoë"``.
    """
    return normal_id(text)


def _drop_format(text: str) -> str:
    """``text`` without invisible format characters (zero-width space, soft hyphen, BOM...)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def person_key(name: str, org: str) -> tuple:
    """A person as two are compared: their name and their place, each as :func:`place_key`.

    The same name at the same place (case, spacing, width and invisible characters set
    aside) is one person; the same name at two places, or at a place and at none, is two.

    Examples
    --------
    >>> person_key("Lena  Ortiz", "City Library") == person_key("ＬＥＮＡ ortiz", "city library")
    True
    """
    return place_key(name), place_key(org)


def listed_as(book: Book, name: str, org: str, *, but=None) -> Person | None:
    """The person on ``book``'s list with this name at this place (:func:`person_key`).

    ``but``: a person's id left out (the one being renamed). None when no one is.
    """
    key = person_key(name, org)
    return next((p for p in book.people.values()
                 if p.id != but and person_key(p.name, p.org) == key), None)


def same_person(one: Person, other: Person, book: Book | None = None) -> bool:
    """Whether two entries are one person added on two copies of the list (round 10 L1).

    The same name at the same place (:func:`person_key`), or the same name added at the same
    place where one copy was moved on since (a move made on one laptop only): each was
    added before the other left that place, so neither is someone added anew after the
    other moved away (the Add form lets that one through); one added on the day the other
    was added and moved on (a place corrected straight away) is the same person too
    (round 11 M4: the day cannot tell which came first).
    """
    if person_key(one.name, one.org) == person_key(other.name, other.org):
        return True
    if place_key(one.name) != place_key(other.name) or not one.places or not other.places:
        return False
    first, then = one.places[0][1], other.places[0][1]
    if not first or not then:
        return False
    if first != then:
        places = book.places if book is not None else {}
        if first not in places or then not in places or \
                place_key(places[first].name) != place_key(places[then].name):
            return False

    def left(person):  # the day they left the place they were added at ("" if never)
        return next((day for day, at in person.places if at != person.places[0][1]), "")

    def before(a, b):  # a added before b left (or both on the day b was added and moved)
        gone = left(b)
        return not gone or (a.added or "") < gone or (
            gone == b.places[0][0] == (a.added or ""))

    return before(one, other) and before(other, one)


def twins(book: Book) -> list:
    """``[(kept, other)]``: each person listed again under another id (:func:`person_key`).

    Two adds of one person both in the record (a sync or merge tool that keeps the lines of
    both copies of it, :func:`same_person`, one copy maybe moved since): the one listed first
    is kept, each later copy is folded into it (the ``fold`` op,
    :meth:`Tracker <workbook.session.tracker.Tracker>`, round 8).
    """
    kept, out = {}, []  # by name: only the same name can be the same person
    for person in book.people.values():
        named = kept.setdefault(place_key(person.name), [])
        one = next((k for k in named if same_person(k, person, book)), None)
        if one is not None:
            out.append((one, person))
        else:
            named.append(person)
    return out


def find_place(book: Book, name: str) -> Place | None:
    """The place on ``book``'s list with this name (spaces and case set aside), or None."""
    key = place_key(name)
    return next((p for p in book.places.values() if place_key(p.name) == key), None) \
        if key else None


def ranked_places(book: Book) -> list:
    """The places, first choice first."""
    return list(book.places.values())


def people_at(book: Book, place_id: str) -> list:
    """The people at a place (``""``: with no place), as :func:`ranked` orders them."""
    return [p for p in ranked(book) if p.place == place_id]


def place_name(book: Book, person: Person) -> str:
    """Where a person is: their place's name, else the place as typed (an older record)."""
    place = book.places.get(person.place)
    return place.name if place is not None else person.org


def _place(book: Book, place_id: str) -> Place:
    try:
        return book.places[place_id]
    except (KeyError, TypeError):
        raise ConversationError(f"place_id: no place with id {place_id!r} on this list") \
            from None


def _place_name(value) -> str:
    name = _text("place name", value if value is not None else "")
    # invisible format characters (a zero-width space) dropped, NFC, as a person's name
    name = _normal_name(name)
    if is_blank(name):
        raise ConversationError("name: a place needs a name")
    return _controls("name", name.strip())


def _knows(value) -> str:
    """``yes``/``no``/``unknown`` from those words or True/False/None."""
    value = {True: "yes", False: "no", None: "unknown"}.get(value, value) \
        if isinstance(value, bool) or value is None else value
    if value not in KNOWS:
        raise ConversationError(f"knows must be yes, no or unknown (whether you know anyone "
                                f"there), not {value!r}")
    return value


def add_place_op(book: Book, name, *, drawn="", knows="unknown", today=None,
                 place_id=None, now=None) -> dict:
    """The op that lists a place (the last one; listed ``today``).

    ``drawn`` is how the client is drawn to it; ``knows`` whether they know anyone there
    (yes, no, unknown; True, False, None). A name on the list already is refused.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_place_op(book, "Open Kitchen", knows=True, place_id="k"))
    >>> book.places["k"].knows, book.places["k"].rank
    ('yes', 1)
    """
    day = _day(today or dt.date.today(), "date")
    if day > _day(now or dt.date.today(), "today"):
        raise ConversationError(f"Listed on {say_day(day)}: that day is still to come.")
    name = _place_name(name)
    op = {"op": "place_add", "id": _link_for(book, None, name, place_id)["id"],
          "date": day.isoformat(),
          "fields": {"name": name, "drawn": _text("drawn", drawn), "knows": _knows(knows)}}
    check_new(book, op)
    return op


def edit_place_op(book: Book, place_id: str, **fields) -> dict:
    """The op that changes a place's name, how the client is drawn to it, or ``knows``.

    Its people's place (``org``) follows a new name; a name another place has is refused.
    """
    _place(book, place_id)
    clean = {}
    for key, value in fields.items():
        if key == "name":
            clean[key] = _place_name(value)
        elif key == "drawn":
            clean[key] = _text("drawn", value)
        elif key == "knows":
            clean[key] = _knows(value)
        else:
            raise ConversationError(f"{key} is not a field of a place")
    op = {"op": "place_edit", "id": place_id, "fields": clean}
    check_new(book, op)
    return op


def rank_op(book: Book, place_id: str, to) -> dict:
    """The op that moves a place to position ``to`` (1 first), or ``"up"``/``"down"`` one.

    Examples
    --------
    >>> book = Book()
    >>> for pid in "abc":
    ...     apply(book, add_place_op(book, pid.upper(), place_id=pid))
    >>> apply(book, rank_op(book, "c", "up"))
    >>> [p.id for p in ranked_places(book)]
    ['a', 'c', 'b']
    """
    place = _place(book, place_id)
    n = len(book.places)
    if to in ("up", "down"):
        if (to == "up" and place.rank == 1) or (to == "down" and place.rank == n):
            where = "first" if to == "up" else "last"
            raise ConversationError(f"rank: {place.name} is {where} already")
        to = place.rank - 1 if to == "up" else place.rank + 1
    if isinstance(to, bool) or not isinstance(to, int) or not 1 <= to <= n:
        raise ConversationError(f"rank must be a position from 1 to {n}, or up or down, "
                                f"not {to!r}")
    return {"op": "place_rank", "id": place_id, "to": to}


def order_op(book: Book, order) -> dict:
    """The op that sets the order of the places (ids, first choice first).

    Places left out keep their order, after the ones named.
    """
    if not isinstance(order, list | tuple):
        raise ConversationError("order must be a list of place ids")
    for place_id in order:
        _place(book, place_id)
    if len(set(order)) != len(order):
        raise ConversationError("order names a place twice")
    return {"op": "place_order", "order": list(order)}


def remove_place_op(book: Book, place_id: str, *, today=None) -> dict:
    """The op that takes a place off the list.

    Its people stay on the list with no place, each keeping the place's name as where
    they work (``org``), so nothing of theirs is lost. The place is kept aside
    (:attr:`Book.former_places`) so the counts of earlier sessions do not change.
    """
    _place(book, place_id)
    return {"op": "place_remove", "id": place_id,
            "date": _day(today or dt.date.today(), "date").isoformat()}


def move_op(book: Book, person_id: str, place=None, *, name=None, today=None) -> dict:
    """The op that moves a person to a place.

    ``place`` is an id on the list, or ``""`` for no place; or ``name=`` gives the place of
    that name (listed when new).

    Moved to no place, they keep where they work as typed (``org``).
    """
    _person(book, person_id)
    day = _day(today or dt.date.today(), "date").isoformat()
    if name is not None:
        if place not in (None, ""):
            raise ConversationError("move to a place id or a place name, not both")
        link = _link_for(book, None, _place_name(name))
        op = {"op": "move", "id": person_id, "place": link["id"], "date": day}
        if link["id"] not in book.places:
            op["new_place"] = link
        check_new(book, op)  # not onto someone of that name there (round 8 G1)
        check_not_twin(book, op)
        return op
    if place is None:
        raise ConversationError("place: say which place (or \"\" for none)")
    if place != "":
        _place(book, place)
    op = {"op": "move", "id": person_id, "place": place, "date": day}
    check_new(book, op)
    check_not_twin(book, op)
    return op


# -- applying ops ------------------------------------------------------------------------------
#: A person's fields an add or an edit may set (the rest are the id, steps and follow-ups).
SETTABLE = ("name", "org", "found", "why", "priority", "note", "learned", "suggested",
            "suggested_by", "meeting")


def apply(book: Book, op: dict) -> None:
    """Apply one op to ``book`` in place (an op for a person no longer listed is a no-op).

    Only well-formed ops (:func:`op_problem` is None) may be applied. A step dated before
    the person was listed moves their listed day back to the step's day, for a new op and
    a replayed one alike, so a person is never listed after a step of theirs (the ``noted``
    step dated on purpose sets the listed day; it is never taken back). A removal is applied
    as it was saved, even of a person whose conversation was held (an earlier version let
    one through; :func:`remove_op` refuses it now): it is not undone behind the coach's back.

    Raises
    ------
    ConversationError
        If the op is not one this module makes, or adds an id already on the list
        (:func:`check_new`): a person is never replaced.
    """
    kind = op.get("op") if isinstance(op, dict) else None
    if kind == "add":
        check_new(book, op)
        fields = op["fields"]
        person = Person(id=op["id"], name=fields["name"], added=op.get("date") or "")
        for key in SETTABLE:
            if key in fields:
                setattr(person, key, fields[key])
        _settle_listed(person)
        book.people[person.id] = person
        link = op.get("place") if "place" in op else _old_link(book, fields.get("org"))
        gone = taken_off_place(book, link)
        if gone is not None:  # added on a copy that still listed it (round 14a V7)
            _at_gone_place(person, gone, op.get("date") or "")
        elif link:
            _join(book, person, link, op.get("date") or "")
    elif kind == "share":
        # only a real true shares: "false", "no" or 1 written by hand is read as not shared
        report = op.get("report") is True
        book.share_report, book.share_names = report, report and op.get("names") is True
    elif kind in PLACE_OPS:
        _apply_place(book, op)
    elif kind == "fold":  # one person listed twice (:func:`twins`): the other copy goes
        kept, other = book.people.get(op["id"]), book.people.get(op["other"])
        if kept is None or other is None:
            return
        del book.people[other.id]  # (the lines before it gave the one kept what it held)
        book.folded = {was: (kept.id if to == other.id else to)
                       for was, to in book.folded.items()}
        book.folded[other.id] = kept.id
        for each in book.people.values():
            if each.suggested_by == other.id:
                each.suggested_by = kept.id
    elif kind == "former_kept":  # written back from a snapshot (C7): people taken off
        book.former_people = sorted((FormerPerson(**entry) for entry in op["former_people"]),
                                    key=lambda f: (f.removed, f.added, f.id))
    elif kind == "places_kept":  # written back from a snapshot (B17): the places as kept
        book.places = {entry["id"]: Place(**entry) for entry in op["places"]}
        book.former_places = [Place(**entry) for entry in op["former_places"]]
        for n, each in enumerate(book.places.values(), start=1):
            each.rank = n
    elif kind in ("edit", "step", "followed", "remove", "let_go", "move", "history"):
        person = book.people.get(op["id"])
        if person is None:
            return
        if kind == "history":  # written back from a snapshot (B17): where they were
            person.places = [list(entry) for entry in op["places"]]
            at = person.places[-1][1]
            person.place = at if at in book.places else ""
            if person.place:
                person.org = book.places[at].name
            return
        if kind == "edit":
            was = person.org
            for key in SETTABLE:
                if key in op["fields"]:
                    setattr(person, key, op["fields"][key])
            if "place" not in op and isinstance(op["fields"].get("org"), str) and \
                    place_key(op["fields"]["org"]) != place_key(was):
                # an edit saved before places existed: as edit_op does today (attacks3 A20)
                op = {**op, "place": _old_link(book, op["fields"]["org"])}
            if "place" in op:  # the place typed anew, from the day of the edit
                day = op_day(op)
                if op["place"]:
                    _join(book, person, op["place"], day)
                else:
                    _moved(person, "", day)
        elif kind == "let_go":
            person.let_go = op.get("date") or ""
        elif kind == "move":
            if op["place"] in book.places:
                _join(book, person, {"id": op["place"],
                                     "name": book.places[op["place"]].name}, op["date"])
            elif op.get("new_place"):
                _join(book, person, op["new_place"], op["date"])
            elif not op["place"] or any(f.id == op["place"] for f in book.former_places):
                _moved(person, "", op["date"])  # no place, or one taken off the list meanwhile
            # else a place the list never had (a line from another record): not applied
        elif kind == "step":
            if op.get("date"):
                person.steps[op["step"]] = op["date"]
                if op["step"] == "noted":  # the listed day itself, set on purpose
                    person.added = op["date"]
            elif op["step"] != "noted":  # the listed day is never taken back
                gone = person.steps.pop(op["step"], None)
                first = person.places[0][0] if person.places else ""
                if gone and gone == person.added and _is_day(first) and first > gone:
                    # the listed day this step moved back goes forward again, to the day
                    # they were added (their history's first day) or a step left (K1)
                    days = [d for s, d in person.steps.items() if s != "noted" and _is_day(d)]
                    person.added = person.steps["noted"] = min([first, *days])
                if op["step"] == "arranged" and not any(  # a talk that took place
                        person.steps.get(step) for step in COUNTS_HELD):
                    person.meeting = ""  # the talk called off: its day goes too (L9)
            _settle_listed(person)
        elif kind == "followed":
            if op["date"]:
                person.followed[op["kind"]] = op["date"]
            else:  # taken back (D4)
                person.followed.pop(op["kind"], None)
        else:  # kept aside, so the sessions before that day still count them (C7)
            del book.people[person.id]
            _keep_former(book, person, op_day(op))
    else:
        raise ConversationError(f"not a change the tracker knows: {kind!r}")


def taken_off_place(book: Book, link) -> Place | None:
    """The place taken off the list that an add's ``place`` names by its id, else None.

    A copy of the list that took a place off lists it again under another id (:func:`_link_for`
    never gives a taken-off place's id), so an add naming the id itself, the place neither
    on the list nor one of that name listed again, was made on another copy that still
    listed it (two copies joined by a sync or merge tool, round 14a V7).
    """
    if not isinstance(link, dict) or link.get("id") in book.places \
            or find_place(book, link.get("name") or "") is not None:
        return None
    gone = [f for f in book.former_places if f.id == link.get("id")]
    return gone[-1] if gone else None


def _at_gone_place(person: Person, gone: Place, day: str) -> None:
    """Put ``person``, just added at the place ``gone`` took off, at no place (round 14a V7).

    As if added there before it was taken off, the other order of the same two lines: at it
    from ``day``, at no place from the day it was taken off (or ``day``), its name kept as
    where they work, and its first contact no later than ``day``; the place stays off.
    """
    person.org = gone.name
    person.places = [[day or person.added, gone.id]]
    _moved(person, "", max(day or person.added, gone.removed or ""))
    first = _added(person)
    if first is not None and (not _is_day(gone.contact) or first.isoformat() < gone.contact):
        gone.contact = first.isoformat()


def _old_link(book: Book, org) -> dict | None:
    """The place an add saved before places existed (``org``, no ``place``) lists.

    As :func:`add_op` does today: the place of that name on the list, else a new one
    (attacks3 A20); None for no ``org`` or one no place can be named after.
    """
    if not isinstance(org, str) or not org.strip():
        return None
    try:
        return _link_for(book, None, org)
    except ConversationError:
        return None


def places_from_orgs(book: Book) -> None:
    """List the places of a book read from a snapshot written before places existed.

    Each person's ``org`` lists its place as their add does on replay (:func:`_old_link`),
    dated their listed day, in the order they were listed.
    """
    for person in sorted(book.people.values(), key=lambda p: p.added or ""):
        link = None if person.place else _old_link(book, person.org)
        if link:
            _join(book, person, link, person.added)


#: The ops that change the list of places.
PLACE_OPS = ("place_add", "place_edit", "place_rank", "place_order", "place_remove")


def _join(book: Book, person: Person, link: dict, day: str) -> None:
    """Put ``person`` at the place ``link`` names, from ``day`` on.

    That id on the list, else the place of that name, else a new place (the last), listed
    ``day`` (or the person's listed day).
    """
    place = book.places.get(link["id"]) or find_place(book, link["name"])
    if place is None:
        place = Place(id=link["id"], name=link["name"], added=day or person.added,
                      rank=len(book.places) + 1)
        book.places[place.id] = place
        key = place_key(place.name)
        if any(place_key(f.name) == key for f in book.former_places):
            # taken off the list and listed again by putting someone at it: its people
            # are with it again from that day, as when it is listed itself (round 11 M5)
            _with_it_again(book, place, day or person.added)
    _moved(person, place.id, day)
    person.org = place.name


def _with_it_again(book: Book, place: Place, day: str) -> None:
    """Put the people at no place who work at ``place`` (their ``org``) at it from ``day``.

    For a place listed again after it was taken off the list (its people were left at no
    place, each keeping its name as where they work).
    """
    key = place_key(place.name)
    for person in book.people.values():
        if not person.place and person.org.strip() and place_key(person.org) == key:
            _join(book, person, {"id": place.id, "name": place.name}, day)


def _moved(person: Person, place_id: str, day: str) -> None:
    """Put ``person`` at ``place_id`` ("" for none) from ``day`` on, in their history.

    A day before their latest entry counts from that entry's day (the history only goes
    forward, so its last entry is where they are now); a second move on one day replaces
    the first. The first entry, the place they were added at, is kept by a move on the
    day they were added (a place corrected straight away: the next entry has the same
    day), so a copy of them added there on another laptop is still found the same person
    (:func:`same_person`, round 11 M4); an empty first entry (added at no place) is
    replaced.
    """
    person.place = place_id
    history = person.places
    if history and history[-1][1] == place_id:
        return
    day = max(day or "", history[-1][0] if history else "") or person.added
    if history and history[-1][0] == day and (len(history) > 1 or not history[0][1]):
        history[-1] = [day, place_id]
        if len(history) > 1 and history[-2] == history[-1]:
            history.pop()  # back where they were earlier that day
    else:
        history.append([day, place_id])


def op_day(op: dict) -> str:
    """The ISO day an op counts from.

    Its ``date``; else the day its record line was written (``at``, the local date of the
    save); else today's date (an op applied as it is made, before it is recorded).
    """
    if _is_day(op.get("date")):
        return op["date"]
    at = op.get("at")
    if isinstance(at, str) and _is_day(at[:10]):
        return at[:10]
    return dt.date.today().isoformat()


def _apply_place(book: Book, op: dict) -> None:
    kind = op["op"]
    if kind == "place_add":
        place = book.places.get(op["id"])
        new = place is None
        if new:
            place = book.places[op["id"]] = Place(id=op["id"], name=op["fields"]["name"],
                                                  added=op.get("date") or "")
        for key, value in op["fields"].items():
            setattr(place, key, value)
        if new:  # listed again after it was taken off: its people, at no place, are at it
            _with_it_again(book, place, op.get("date") or "")  # again (round 10 L5)
    elif kind == "place_order":
        named = [pid for pid in op["order"] if pid in book.places]
        rest = [pid for pid in book.places if pid not in named]
        book.places = {pid: book.places[pid] for pid in named + rest}
    else:
        place = book.places.get(op["id"])
        if place is None:  # taken off the list meanwhile
            return
        if kind == "place_edit":
            for key, value in op["fields"].items():
                setattr(place, key, value)
            for person in book.people.values():
                if person.place == place.id:
                    person.org = place.name
        elif kind == "place_rank":
            order = [pid for pid in book.places if pid != place.id]
            at = min(max(op["to"], 1), len(book.places)) - 1
            order.insert(at, place.id)
            book.places = {pid: book.places[pid] for pid in order}
        else:  # place_remove: its people keep its name as where they work
            first = _first_listed(book, place.id)
            if "contact" in op:  # written back from a snapshot: as it was kept (B17)
                first = _iso(op["contact"])
            listed = [d for d in (_iso(place.added), first) if d is not None]
            if any(place.id == pid for p in book.people.values() for _, pid in p.places):
                # its people's days are read from their histories, as they stand then: an
                # Undo moving a listed day forward moves the place's too (round 13b S6)
                listed = [d for d in (_iso(place.added),) if d is not None] or listed
            for person in book.people.values():
                if person.place == place.id:
                    _moved(person, "", op_day(op))
            del book.places[place.id]
            # the same removal replayed (a record rebuilt over its snapshot) is kept once
            book.former_places = [f for f in book.former_places
                                  if (f.id, f.removed) != (place.id, op.get("date") or "")]
            book.former_places.append(dataclasses.replace(
                place, added=min(listed).isoformat() if listed else place.added,
                removed=op.get("date") or "", contact=first.isoformat() if first else "",
                rank=0))
    for n, each in enumerate(book.places.values(), start=1):
        each.rank = n


def _is_day(value) -> bool:
    """True for a real date written ``YYYY-MM-DD`` (``20261105`` is not one)."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def fields_problem(fields, *, adding: bool = False) -> str | None:
    """Why a person's fields (of an add or an edit, or read back) are not well formed, or None.

    Examples
    --------
    >>> fields_problem({"name": "Ana", "priority": "x"})
    "priority is 'x', not 1, 2 or 3"
    >>> fields_problem({"steps": {"held": "soon"}})
    "steps: held is dated 'soon', not a date"
    """
    if not isinstance(fields, dict):
        return "its fields are not a table"
    if adding and not (isinstance(fields.get("name"), str) and not is_blank(fields["name"])):
        return "an added person has no name"
    for key, value in fields.items():
        if key == "priority":
            if isinstance(value, bool) or value not in PRIORITIES:
                return f"priority is {value!r}, not 1, 2 or 3"
        elif key in ("meeting", "added", "let_go"):
            if value != "" and not _is_day(value):
                return f"{key} is {value!r}, not a date"
        elif key == "place":
            if value != "" and id_problem(value):
                return f"place: {id_problem(value)}"
        elif key == "places":
            problem = _history_problem(value)
            if problem:
                return f"places: {problem}"
        elif key in ("steps", "followed"):
            known = STEPS if key == "steps" else ("another", "nudge")
            if not isinstance(value, dict):
                return f"{key} is not a table"
            for name, day in value.items():
                if name not in known:
                    return f"{key}: {name!r} is not one of {', '.join(known)}"
                if not _is_day(day):
                    return f"{key}: {name} is dated {day!r}, not a date"
        elif key == "id":
            problem = id_problem(value)
            if problem:
                return f"id: {problem}"
        elif key in SETTABLE:
            if not isinstance(value, str) or (key == "name" and is_blank(value)):
                return f"{key} is {value!r}, not text"
        else:
            return f"{key!r} is not a field of a person"
    return None


def _history_problem(value) -> str | None:
    """Why a person's place history (``[[day, place id], ...]``) is not well formed, or None."""
    if not isinstance(value, list):
        return "it is not a list"
    last = ""
    for entry in value:
        if not (isinstance(entry, list | tuple) and len(entry) == 2):
            return f"{entry!r} is not a day and a place id"
        day, place_id = entry
        if day != "" and not _is_day(day):
            return f"{day!r} is not a date"
        if not isinstance(place_id, str) or (place_id and id_problem(place_id)):
            return f"{place_id!r} is not a place id"
        if day < last:
            return f"{day} comes after {last}"
        last = day
    return None


def op_problem(op) -> str | None:
    """Why ``op`` (read back from a file) is not a well-formed op, or None.

    Every value is checked, so a hand-edited or damaged line cannot reach :func:`apply`.
    """
    if not isinstance(op, dict):
        return "it is not a change record"
    kind = op.get("op")
    if kind not in ("add", "edit", "step", "followed", "remove", "share", "let_go", "move",
                    "history", "places_kept", "former_kept", "fold", *PLACE_OPS):
        return f"it names no known change ({kind!r})"
    if kind == "share":
        return None
    if kind == "former_kept":
        if not isinstance(op.get("former_people"), list):
            return "its former_people are not a list"
        for entry in op["former_people"]:
            problem = former_problem(entry)
            if problem:
                return problem
        return None
    if kind == "places_kept":
        for key in ("places", "former_places"):
            if not isinstance(op.get(key), list):
                return f"its {key} are not a list"
            for entry in op[key]:
                problem = place_problem(entry, whole=True)
                if problem:
                    return problem
        return None
    if kind == "place_order":
        order = op.get("order")
        if not isinstance(order, list) or any(id_problem(pid) for pid in order):
            return "its order is not a list of place ids"
        return None
    if not isinstance(op.get("id"), str) or is_blank(op["id"]):
        return "it names no person"
    problem = id_problem(op["id"])
    if problem:
        return f"its person id {problem}"
    if kind in PLACE_OPS:
        return _place_op_problem(op)
    if kind == "history":
        problem = _history_problem(op.get("places"))
        return f"its places: {problem}" if problem else None if op["places"] else \
            "its places are empty"
    if kind in ("add", "edit"):
        fields = op.get("fields")
        if isinstance(fields, dict) and ({"steps", "followed", "added", "id", "place",
                                          "let_go", "places"} & set(fields)):
            return "it sets a field a change may not set"
        problem = fields_problem(fields, adding=kind == "add")
        if problem:
            return problem
        if "place" in op and not (kind == "edit" and op["place"] is None):
            problem = _link_problem(op["place"])
            if problem:
                return problem
    if kind == "edit" and op.get("date") is not None and not _is_day(op["date"]):
        return f"{op['date']!r} is not a date"
    if kind in ("let_go", "remove") and op.get("date") is not None \
            and not _is_day(op["date"]):
        return f"{op['date']!r} is not a date"
    if kind == "move":
        if not isinstance(op.get("place"), str) or (op["place"] and id_problem(op["place"])):
            return f"{op.get('place')!r} is not a place id"
        if not _is_day(op.get("date")):
            return f"{op.get('date')!r} is not a date"
        if "new_place" in op:
            problem = _link_problem(op["new_place"])
            if problem:
                return problem
    if kind == "add" and op.get("date") is not None and not _is_day(op["date"]):
        return f"{op['date']!r} is not a date"
    if kind == "step":
        if op.get("step") not in STEPS:
            return f"{op.get('step')!r} is not a step"
        if op.get("date") is not None and not _is_day(op["date"]):
            return f"{op['date']!r} is not a date"
    if kind == "fold":
        other = op.get("other")
        if not isinstance(other, str) or is_blank(other) or id_problem(other) \
                or other == op["id"]:
            return f"{other!r} is not another person's id"
    if kind == "followed":
        if op.get("kind") not in ("another", "nudge"):
            return f"{op.get('kind')!r} is not a follow-up"
        if "date" not in op or (op["date"] is not None and not _is_day(op["date"])):
            return f"{op.get('date')!r} is not a date"
    return None


def _link_problem(link) -> str | None:
    """Why the ``place`` of an add (``{"id", "name"}``) is not well formed, or None."""
    if not isinstance(link, dict) or set(link) != {"id", "name"}:
        return "its place is not a place id and name"
    if id_problem(link["id"]):
        return f"its place id {id_problem(link['id'])}"
    return place_problem({"name": link["name"]})


def place_problem(fields, *, whole: bool = False) -> str | None:
    """Why a place's fields (of an op, or a whole place read back) are not well formed.

    Examples
    --------
    >>> place_problem({"name": "Parks", "knows": "maybe"})
    "knows is 'maybe', not yes, no or unknown"
    """
    if not isinstance(fields, dict):
        return "its fields are not a table"
    if whole and not ({"id", "name"} <= set(fields)):
        return "a place has no id or no name"
    for key, value in fields.items():
        if key == "name":
            if not isinstance(value, str) or is_blank(value) or any(
                    unicodedata.category(ch) == "Cc" for ch in value):
                # the place's: a line's person has a name too (attacks5 C4 a)
                return f"the place's name is {value!r}, not one line of text"
        elif key == "drawn":
            if not isinstance(value, str):
                return f"drawn is {value!r}, not text"
        elif key == "knows":
            if value not in KNOWS:
                return f"knows is {value!r}, not yes, no or unknown"
        elif whole and key == "id":
            if id_problem(value):
                return f"id: {id_problem(value)}"
        elif whole and key in ("added", "removed", "contact"):
            if value != "" and not _is_day(value):
                return f"{key} is {value!r}, not a date"
        elif whole and key == "rank":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"rank is {value!r}, not a whole number"
        else:
            return f"{key!r} is not a field of a place"
    return None


def _place_op_problem(op: dict) -> str | None:
    if not isinstance(op.get("id"), str) or id_problem(op["id"]):
        return "it names no place"
    kind = op["op"]
    if kind in ("place_add", "place_remove") and not _is_day(op.get("date")):
        return f"{op.get('date')!r} is not a date"
    if kind == "place_remove" and "contact" in op and op["contact"] != "" \
            and not _is_day(op["contact"]):
        return f"{op['contact']!r} is not a date"
    if kind in ("place_add", "place_edit"):
        fields = op.get("fields")
        if kind == "place_add" and not (isinstance(fields, dict) and "name" in fields):
            return "an added place has no name"
        return place_problem(fields)
    if kind == "place_rank":
        to = op.get("to")
        if isinstance(to, bool) or not isinstance(to, int) or to < 1:
            return f"{to!r} is not a position"
    return None


# -- what falls due --------------------------------------------------------------------------
def working_days_after(day: dt.date, n: int) -> dt.date:
    """The date ``n`` working days (Monday to Friday) after ``day``.

    The ``n``-th working day strictly after ``day``; with ``n`` of 0, ``day`` itself, or the
    Monday after when it falls on a weekend.

    Examples
    --------
    >>> working_days_after(dt.date(2026, 11, 27), 3)  # a Friday
    datetime.date(2026, 12, 2)
    >>> working_days_after(dt.date(2026, 11, 28), 1)  # a Saturday
    datetime.date(2026, 11, 30)
    >>> working_days_after(dt.date(2026, 11, 29), 0)  # a Sunday
    datetime.date(2026, 11, 30)
    """
    import numpy as np  # on use: the light commands load no numpy (tests/test_startup.py)

    start = np.datetime64(day, "D")
    if n == 0:
        return np.busday_offset(start, 0, roll="forward").astype(dt.date)
    # a weekend day rolls back to its Friday, so the first working day after it is Monday
    return np.busday_offset(start, n, roll="backward").astype(dt.date)


def working_days_before(day: dt.date, n: int) -> dt.date:
    """The date ``n`` working days before ``day`` (from a weekend day: Friday is the first).

    Examples
    --------
    >>> working_days_before(dt.date(2026, 11, 30), 1)  # a Monday
    datetime.date(2026, 11, 27)
    >>> working_days_before(dt.date(2026, 11, 28), 1)  # a Saturday
    datetime.date(2026, 11, 27)
    """
    import numpy as np

    start = np.datetime64(day, "D")
    if n == 0:
        return np.busday_offset(start, 0, roll="backward").astype(dt.date)
    return np.busday_offset(start, -n, roll="forward").astype(dt.date)


@dataclasses.dataclass(frozen=True)
class Due:
    """One follow-up: what to do for whom, and by when.

    ``name`` is the person's name alone and ``place`` the name of their place (as typed on
    an older record; "" for none), each on its own, so a line is built without brackets
    inside brackets. ``since`` is the day the rule counts from (the note sent, the nudge
    sent, the talk, the thanks); ``place_id`` the place's id ("" for none).
    """

    person_id: str
    name: str
    place: str
    kind: str
    date: dt.date
    since: dt.date | None = None
    place_id: str = ""

    @property
    def org(self) -> str:
        """The place's name (the name this field had before places)."""
        return self.place

    def overdue(self, today: dt.date) -> bool:
        """Whether it waits past its day (never a talk, nor a talk agreed with no day set).

        A talk's day gone by is "past" (did it go ahead?); a talk agreed with no day set has
        no day to be late for (round 8 F3).

        Examples
        --------
        >>> agreed = dt.date(2026, 11, 12)
        >>> Due("p", "Bo", "", "day", agreed, agreed).overdue(dt.date(2026, 12, 1))
        False
        >>> Due("p", "Bo", "", "thank", agreed, agreed).overdue(dt.date(2026, 12, 1))
        True
        """
        return self.date < today and self.kind not in NEVER_OVERDUE

    def words(self, table: dict | None = None) -> str:
        """What to do, in a few words (without the person's name or the place).

        From ``table`` (the instrument's ``[conversations]`` table, ``Words.table``), key
        ``due_<kind>``, when it has one; else the kit's own :data:`DUE_WORDS`.
        """
        said = (table or {}).get(f"due_{self.kind}")
        if isinstance(said, str):
            return said
        return DUE_WORDS[self.kind].format(org=self.place or "the same place")


#: Follow-ups never called overdue: a talk (on its day), a talk agreed with no day set (F3).
NEVER_OVERDUE = ("talk", "day")

#: What each follow-up asks, in a few words.
DUE_WORDS = {
    "another": "no reply yet: write to someone else at {org}",
    "nudge": "no reply yet: send a short, friendly nudge",
    "let_go": "still no reply after the nudge: let them go kindly",
    "arrange": "they replied: agree a time",
    "day": "talk agreed, no day set yet",
    "talk": "the day of the conversation",
    "thank": "send thanks for the conversation",
    "tell": "tell them what came of their advice",
}


def _same_place(one: Person, other: Person) -> bool:
    if one.place or other.place:
        return bool(one.place) and one.place == other.place
    return bool(one.org.strip()) and one.org.strip().casefold() == other.org.strip().casefold()


def someone_else_written(book, person: Person, sent: dt.date) -> bool:
    """Whether the client already wrote to someone else at ``person``'s place.

    True when another person at the same place, not let go, has a note drafted or sent on
    or after ``sent`` (this person's note), or has a note sent earlier still waiting for a
    reply: either way a second person there is written to, so "write to someone else at
    the same place" is not asked again (two notes out at one place are each other's
    someone else).
    """
    for other in getattr(book, "people", {}).values():
        if other.id == person.id or other.closed or not _same_place(person, other):
            continue
        days = [other.date(s) for s in ("drafted", "sent") if other.date(s)]
        if any(day >= sent for day in days):
            return True
        if other.date("sent") and not any(k in other.steps for k in ANSWERED):
            return True
    return False


def person_due(person: Person, cadence: Cadence, book=None) -> list:
    """The open follow-ups of one person, earliest first (none once they are let go).

    Each counts in working days from its step's own day (a note sent last Monday and
    recorded today is nudged ``nudge_after`` working days after last Monday):

    * ``another``: the note sent, no answer yet, and they have a place: ``another_after``
      (not when, on ``book``, :func:`someone_else_written` there already);
    * ``nudge``: the note sent, no answer yet: ``nudge_after`` (an answer recorded on the
      nudge day or before takes it away);
    * ``let_go``: the nudge marked sent, still no answer: ``let_go_after`` after the nudge;
    * ``arrange``: a reply, no time agreed: ``arrange_within``;
    * ``day``: a time agreed with no day set yet, not yet held: dated the day it was
      agreed, until the day is set (attacks6 D10); never overdue (:meth:`Due.overdue`);
    * ``talk``: the day of an agreed conversation not yet held (only with "time agreed":
      a day set on someone no time was agreed with books nothing, round 8 G13);
    * ``thank``: a conversation held, no thanks yet: ``thank_within``;
    * ``tell``: thanks sent, not yet told what came of it: ``tell_after``.
    """
    if person.closed:
        return []
    s = person.steps
    out = []

    def add(kind, when, since):
        out.append(Due(person.id, person.name, person.org, kind, when, since, person.place))

    answered = any(k in s for k in ANSWERED)
    sent = person.date("sent")
    if sent and not answered:
        if ("another" not in person.followed and person.org
                and not (book is not None and someone_else_written(book, person, sent))):
            add("another", working_days_after(sent, cadence.another_after), sent)
        nudged = person.followed.get("nudge")
        if not nudged:
            add("nudge", working_days_after(sent, cadence.nudge_after), sent)
        else:
            nudged = dt.date.fromisoformat(nudged)
            add("let_go", working_days_after(nudged, cadence.let_go_after), nudged)
    reply = person.date("reply")
    if reply and not any(k in s for k in ("arranged", "held", "thanked", "told")):
        add("arrange", working_days_after(reply, cadence.arrange_within), reply)
    if _booked(person) and person.meeting:  # a day set with no time agreed books nothing
        meeting = dt.date.fromisoformat(person.meeting)
        add("talk", meeting, meeting)
    elif _booked(person):
        agreed = person.date("arranged")
        add("day", agreed, agreed)
    held = person.date("held")
    if held and "thanked" not in s and "told" not in s:
        add("thank", working_days_after(held, cadence.thank_within), held)
    thanked = person.date("thanked")
    if thanked and "told" not in s:
        add("tell", working_days_after(thanked, cadence.tell_after), thanked)
    return sorted(out, key=lambda d: (d.date, DUE_KINDS.index(d.kind)))


def due(book: Book, cadence: Cadence, *, until: dt.date | None = None) -> list:
    """Every open follow-up of a client, oldest first (up to ``until`` when given).

    Each item's ``place`` is the name of the person's place on the list (as typed, for a
    person with none).
    """
    out = []
    for person in book.people.values():
        where = place_name(book, person)
        for item in person_due(person, cadence, book):
            out.append(dataclasses.replace(item, place=where) if where != item.place
                       else item)
    if until is not None:
        out = [d for d in out if d.date <= until]
    return sorted(out, key=lambda d: (d.date, DUE_KINDS.index(d.kind), d.name))


def ranked(book: Book) -> list:
    """People by priority (1 first), then in the order they were added; finished ones last.

    A person whose thanks are sent (or who was told what came of it, or let go) has
    nothing left to do, so they go to the end.
    """
    order = {pid: n for n, pid in enumerate(book.people)}
    return sorted(book.people.values(),
                  key=lambda p: (p.finished, p.priority, order[p.id]))


# -- planned against done ------------------------------------------------------------------
def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def list_began(book: Book) -> dt.date | None:
    """The Monday of the week the first person was listed (None for an empty list)."""
    firsts = [d for d in (_added(p) for p in book.people.values()) if d is not None]
    return week_start(min(firsts)) if firsts else None


def planned_since(book: Book, per_week: float, today: dt.date) -> tuple:
    """Conversations planned from the week the list began to this week, and that Monday.

    ``(None, None)`` for an empty list.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_op("Ana", today=dt.date(2026, 11, 4), person_id="p1"))
    >>> planned_since(book, 1, dt.date(2026, 11, 25))  # weeks of 2, 9, 16 and 23 Nov
    (4, datetime.date(2026, 11, 2))
    """
    begun = list_began(book)
    if begun is None:
        return None, None
    weeks = (week_start(today) - begun).days // 7 + 1
    return per_week * max(weeks, 0), begun


def weekly(book: Book, per_week, *, today=None, weeks: int = 6, since=None) -> list:
    """Planned against done, week by week: ``[(monday, planned, held), ...]``, oldest first.

    The last ``weeks`` weeks up to this one. Planned is the pace (conversations a week, a
    fraction for "one every N weeks", None when there is no pace) from the week the first
    person was listed, and not before the week of ``since`` (the first session: there was
    no plan before it, even for a person listed on an earlier day); held counts the
    conversations held that week, as :meth:`Book.counts` counts them: a later step (thanks
    sent, told what came of it) stands for the talk, in the week of the earliest such day.
    A person taken off the list (:attr:`Book.former_people`) counts when the talk came
    before the day they were taken off, as in the counts; a person taken off and listed
    again counts once, in the week of the earliest talk counted.
    """
    today = today or dt.date.today()
    this = week_start(today)
    mondays = [this - dt.timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    begun = list_began(book)
    first = {}  # person id -> the earliest day their talk counts
    for person in [*book.people.values(), *book.former_people]:
        days = [person.date(step) for step in COUNTS_HELD if step in person.steps]
        days = [day for day in days if day is not None]
        if not days:
            continue
        when = min(days)
        if isinstance(person, FormerPerson) and not person.counted_on(when):
            continue
        if person.id not in first or when < first[person.id]:
            first[person.id] = when
    held = {}
    for when in first.values():
        held[week_start(when)] = held.get(week_start(when), 0) + 1
    rows = []
    for monday in mondays:
        planned = None
        if (per_week is not None and begun is not None and monday >= begun
                and (since is None or monday >= week_start(since))):
            planned = float(per_week)
        rows.append((monday, planned, held.get(monday, 0)))
    return rows


def overdue_first(items: list, today: dt.date) -> list:
    """"Coming up" as the page and the report list it: the overdue first (round 10 L10).

    Each in the order :func:`due` gives them otherwise (a talk agreed with no day set is
    never overdue, so it comes after an overdue nudge however early it was agreed).
    """
    return sorted(items, key=lambda item: not item.overdue(today))
