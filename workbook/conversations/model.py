"""The conversations tracker's model: people to talk to, their steps, what falls due.

Pure: no files, no widgets. A client's tracker (a :class:`Book`) is the result of a list of
changes (*ops*, plain dicts) applied in order; :mod:`workbook.conversations.store` keeps those
changes in the client's folder. Every op is made and checked by a function here
(:func:`add_op`, :func:`step_op`, ...), so a bad value is refused before anything is saved,
with a message naming the field.

A person moves through :data:`STEPS`; each step done has the date it happened. Follow-ups
fall due a number of *working days* after a step (weekends skipped), by the cadence in the
instrument file (``[conversations.cadence]``); the cadence is read when the dates are
worked out, so editing it moves every date that is still open.

The record reads true: no step and no listing is dated ahead; a person is listed no later
than their earliest step (a step recorded on an earlier day moves the listed day back, and
follow-ups count from the step's own day); a person whose conversation was held is not
taken off the list, so no session's counts change afterwards (:func:`remove_op`); a name,
place or "found" holds no control character (:data:`ONE_LINE`).

Examples
--------
>>> import datetime as dt
>>> book = Book()
>>> op = add_op("Ana Ruiz", org="City Library", today=dt.date(2026, 11, 27), person_id="p1")
>>> apply(book, op)
>>> apply(book, step_op(book, "p1", "sent", dt.date(2026, 11, 27), today=dt.date(2026, 11, 27)))
>>> book.people["p1"].stage
'sent'
>>> [(d.kind, d.date.isoformat()) for d in due(book, Cadence())]
[('another', '2026-12-02'), ('nudge', '2026-12-04')]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
import uuid

from ..exceptions import WorkbookError

#: The steps of one conversation, in order: listed, note drafted, note sent, reply came,
#: time arranged, conversation held, thanks sent.
STEPS = ("noted", "drafted", "sent", "reply", "arranged", "held", "thanked")
#: Priorities: 1 comes first.
PRIORITIES = (1, 2, 3)
#: Kinds of follow-up: try another person at the same place, nudge the first, thank after a
#: talk, agree a time after a reply, and the day of an arranged talk.
DUE_KINDS = ("another", "nudge", "arrange", "talk", "thank")
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


class ConversationError(WorkbookError):
    """A change to the tracker was refused; the message names the field."""


@dataclasses.dataclass(frozen=True)
class Cadence:
    """When follow-ups fall due, in working days (weekends skipped).

    Attributes
    ----------
    another_after : int
        No reply this many working days after the note was sent: write to another person
        at the same place.
    nudge_after : int
        No reply this many working days after sending: a short, friendly nudge to the first.
    arrange_within : int
        A reply came: agree a time within this many working days.
    thank_within : int
        Thanks sent within this many working days of the conversation.
    """

    another_after: int = 3
    nudge_after: int = 5
    arrange_within: int = 2
    thank_within: int = 1

    @classmethod
    def from_table(cls, table, source: str = "the instrument") -> Cadence:
        """Read a ``[conversations.cadence]`` table; keys left out keep the defaults."""
        if table is None:
            return cls()
        if not isinstance(table, dict):
            raise ConversationError(f"{source}: conversations.cadence must be a table")
        names = {f.name for f in dataclasses.fields(cls)}
        values = {}
        for key, value in table.items():
            if key not in names:
                raise ConversationError(
                    f"{source}: conversations.cadence.{key} is not a cadence setting "
                    f"(known: {', '.join(sorted(names))})")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 60:
                raise ConversationError(
                    f"{source}: conversations.cadence.{key} must be a whole number of "
                    f"working days from 0 to 60, not {value!r}")
            values[key] = value
        return cls(**values)


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

    def __post_init__(self):
        _settle_listed(self)  # a list saved by an earlier version reads as a new one

    @property
    def stage(self) -> str:
        """The furthest step done (``"noted"`` when none is dated)."""
        done = [s for s in STEPS if s in self.steps]
        return done[-1] if done else "noted"

    @property
    def next_step(self) -> str | None:
        """The step after the furthest one done; None once thanks are sent."""
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

    Examples
    --------
    >>> say_day(dt.date(2026, 11, 27), this_year=2026)
    'Fri 27 Nov'
    >>> say_day(dt.date(2025, 3, 2), this_year=2026)
    'Sun 2 Mar 2025'
    """
    said = f"{day:%a} {day.day} {day:%b}"
    return said if day.year == (this_year or dt.date.today().year) else f"{said} {day.year}"


#: Each step in a few words, for flags and screens.
STEP_WORDS = {
    "noted": "listed", "drafted": "note drafted", "sent": "note sent", "reply": "reply came",
    "arranged": "time agreed", "held": "conversation held", "thanked": "thanks sent",
}


@dataclasses.dataclass
class Book:
    """One client's tracker: people in the order they were added, and sharing choices."""

    people: dict = dataclasses.field(default_factory=dict)
    #: Whether the client chose to put their conversations in their report, and the names.
    share_report: bool = False
    share_names: bool = False

    def counts(self, on: dt.date | None = None) -> dict:
        """People listed, notes sent and conversations held (by ``on``, when given).

        A later step stands for the earlier ones it needs: a reply, a time agreed, a talk or
        thanks count the note as sent, and thanks count the conversation as held, each from
        the earliest such step's day (a person marked "thanks sent" alone was still talked to).
        """
        def by(steps):
            n = 0
            for person in self.people.values():
                days = [person.date(step) if step != "noted" else _added(person)
                        for step in steps if step == "noted" or step in person.steps]
                days = [day for day in days if day is not None]
                if days and (on is None or min(days) <= on):
                    n += 1
            return n
        return {"people_listed": by(("noted",)), "notes_sent": by(COUNTS_SENT),
                "conversations_held": by(COUNTS_HELD)}


#: The steps that count a person's note as sent, and their conversation as held.
COUNTS_SENT = ("sent", "reply", "arranged", "held", "thanked")
COUNTS_HELD = ("held", "thanked")


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
    name = (value or "").strip()
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
           suggested_by="", book=None, now=None) -> dict:
    """The op that adds a person (listed ``today``: today's date unless given).

    A listed day still to come (after ``now``, today's date unless given) is refused, as a
    step on such a day is: a person is listed when they are added. With ``book``, a
    ``person_id`` already on that list is refused (adding would replace the person, wiping
    their steps and notes); :meth:`Tracker.change
    <workbook.conversations.store.Tracker.change>` checks it against the list on disk too.
    ``name``, ``org`` and ``found`` are one line each: a control character in them (a line
    break, a tab, ESC) is refused, naming the field; ``why`` may hold line breaks.

    Examples
    --------
    >>> book = Book()
    >>> apply(book, add_op("Ana", person_id="p1"))
    >>> add_op("Bo", person_id="p1", book=book)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbook.conversations.model.ConversationError: person_id: 'p1' is on the list already ...
    """
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
    if book is not None:
        check_new(book, op)
    return op


def check_new(book: Book, op: dict) -> None:
    """Refuse an op that would wipe what ``book`` holds (any other op passes).

    An add whose id is on ``book`` already, and the removal of a person whose conversation
    was held (:func:`remove_op`). :meth:`Tracker.change
    <workbook.conversations.store.Tracker.change>` checks each op against the list on disk
    before writing it.

    Raises
    ------
    ConversationError
        Naming the field (``person_id``) and the person it would wipe, or saying why the
        person stays.
    """
    if op.get("op") == "add" and op.get("id") in book.people:
        person = book.people[op["id"]]
        raise ConversationError(
            f"person_id: {person.id!r} is on the list already ({person.name}); adding again "
            f"would wipe their steps and notes. Change their details instead, or leave the "
            f"id out.")
    person = book.people.get(op.get("id")) if op.get("op") == "remove" else None
    if person is not None and "held" in person.steps:
        raise ConversationError(
            f"{person.name} stays on the list: your conversation with them was held "
            f"({say_day(person.date('held'))}), and it counts in every session since. "
            + ("With the thanks sent they are finished, at the end of the list."
               if "thanked" in person.steps else
               "Mark the thanks sent to finish with them; they move to the end of the list."))


def edit_op(book: Book, person_id: str, **fields) -> dict:
    """The op that changes a person's fields (name, org, found, why, note, learned, ...)."""
    _person(book, person_id)
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
    return {"op": "edit", "id": person_id, "fields": clean}


def step_op(book: Book, person_id: str, step: str, when=None, *, today=None) -> dict:
    """The op that marks ``step`` done on ``when`` (None takes the step back)."""
    _person(book, person_id)
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
    return {"op": "step", "id": person_id, "step": step, "date": day.isoformat()}


def advance_op(book: Book, person_id: str, *, today=None) -> dict:
    """The op that marks the person's next step done today."""
    person = _person(book, person_id)
    step = person.next_step
    if step is None:
        raise ConversationError(f"{person.name}: every step is done already")
    day = today or dt.date.today()
    return step_op(book, person_id, step, day, today=day)


def undo_op(book: Book, person_id: str) -> dict:
    """The op that takes back the person's furthest step (as the list stands in ``book``)."""
    person = _person(book, person_id)
    if person.stage == "noted":
        raise ConversationError(f"{person.name}: there is no step to take back")
    return step_op(book, person_id, person.stage, None)


def followed_op(book: Book, person_id: str, kind: str, *, today=None) -> dict:
    """The op that marks a follow-up (a nudge, another person tried) done today."""
    _person(book, person_id)
    if kind not in ("another", "nudge"):
        raise ConversationError(f"follow-up must be 'another' or 'nudge', not {kind!r}")
    return {"op": "followed", "id": person_id, "kind": kind,
            "date": _day(today or dt.date.today(), "date").isoformat()}


def suggest_op(book: Book, person_id: str, name, *, org="", today=None,
               person_id_new=None) -> dict:
    """The op that turns a suggestion from ``person_id``'s conversation into a person."""
    by = _person(book, person_id)
    return add_op(name, org=org, found=f"suggested by {by.name}", today=today,
                  person_id=person_id_new, suggested_by=person_id, book=book)


def remove_op(book: Book, person_id: str) -> dict:
    """The op that takes a person off the list.

    A person whose conversation was held stays: the counts of every earlier session (the
    export, the cohort outcome) hold that conversation, and taking the person off would
    take it out of them all, rewriting what was true on those days. Marking the thanks sent
    finishes them instead (they move to the end of the list, with nothing left to do).
    Anyone else may go (a duplicate, a name listed by mistake, a contact let go); their
    listing and note leave the counts with them. A removal an earlier version saved is still
    applied as it was made (:func:`apply`).

    Raises
    ------
    ConversationError
        For a person whose conversation was held, saying what to do instead.
    """
    _person(book, person_id)
    op = {"op": "remove", "id": person_id}
    check_new(book, op)
    return op


def share_op(*, report: bool, names: bool) -> dict:
    """The op recording what the client chose to put in their report."""
    return {"op": "share", "report": bool(report), "names": bool(names) and bool(report)}


def _person(book: Book, person_id: str) -> Person:
    try:
        return book.people[person_id]
    except KeyError:
        raise ConversationError(f"no person with id {person_id!r} on this list") from None


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
    elif kind == "share":
        book.share_report, book.share_names = bool(op.get("report")), bool(op.get("names"))
    elif kind in ("edit", "step", "followed", "remove"):
        person = book.people.get(op["id"])
        if person is None:
            return
        if kind == "edit":
            for key in SETTABLE:
                if key in op["fields"]:
                    setattr(person, key, op["fields"][key])
        elif kind == "step":
            if op.get("date"):
                person.steps[op["step"]] = op["date"]
                if op["step"] == "noted":  # the listed day itself, set on purpose
                    person.added = op["date"]
            elif op["step"] != "noted":  # the listed day is never taken back
                person.steps.pop(op["step"], None)
            _settle_listed(person)
        elif kind == "followed":
            person.followed[op["kind"]] = op["date"]
        else:
            del book.people[person.id]
    else:
        raise ConversationError(f"not a change the tracker knows: {kind!r}")


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
        elif key in ("meeting", "added"):
            if value != "" and not _is_day(value):
                return f"{key} is {value!r}, not a date"
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


def op_problem(op) -> str | None:
    """Why ``op`` (read back from a file) is not a well-formed op, or None.

    Every value is checked, so a hand-edited or damaged line cannot reach :func:`apply`.
    """
    if not isinstance(op, dict):
        return "it is not a change record"
    kind = op.get("op")
    if kind not in ("add", "edit", "step", "followed", "remove", "share"):
        return f"it names no known change ({kind!r})"
    if kind == "share":
        return None
    if not isinstance(op.get("id"), str) or is_blank(op["id"]):
        return "it names no person"
    problem = id_problem(op["id"])
    if problem:
        return f"its person id {problem}"
    if kind in ("add", "edit"):
        fields = op.get("fields")
        if isinstance(fields, dict) and ({"steps", "followed", "added", "id"} & set(fields)):
            return "it sets a field a change may not set"
        problem = fields_problem(fields, adding=kind == "add")
        if problem:
            return problem
    if kind == "add" and op.get("date") is not None and not _is_day(op["date"]):
        return f"{op['date']!r} is not a date"
    if kind == "step":
        if op.get("step") not in STEPS:
            return f"{op.get('step')!r} is not a step"
        if op.get("date") is not None and not _is_day(op["date"]):
            return f"{op['date']!r} is not a date"
    if kind == "followed":
        if op.get("kind") not in ("another", "nudge"):
            return f"{op.get('kind')!r} is not a follow-up"
        if not _is_day(op.get("date")):
            return f"{op.get('date')!r} is not a date"
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
    import numpy as np  # on use: loading an instrument checks the cadence (workbook --help)

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
    """One follow-up: what to do for whom, and by when."""

    person_id: str
    name: str
    org: str
    kind: str
    date: dt.date

    def words(self) -> str:
        """What to do, in a few words (without the person's name)."""
        return DUE_WORDS[self.kind].format(org=self.org or "the same place")


#: What each follow-up asks, in a few words.
DUE_WORDS = {
    "another": "no reply yet: write to someone else at {org}",
    "nudge": "no reply yet: send a short, friendly nudge",
    "arrange": "they replied: agree a time",
    "talk": "the day of the conversation",
    "thank": "send thanks for the conversation",
}


def person_due(person: Person, cadence: Cadence) -> list:
    """The open follow-ups of one person, earliest first."""
    s = person.steps
    out = []

    def add(kind, when):
        out.append(Due(person.id, person.name, person.org, kind, when))

    answered = any(k in s for k in ("reply", "arranged", "held", "thanked"))
    sent = person.date("sent")
    if sent and not answered:
        if "another" not in person.followed:
            add("another", working_days_after(sent, cadence.another_after))
        if "nudge" not in person.followed:
            add("nudge", working_days_after(sent, cadence.nudge_after))
    reply = person.date("reply")
    if reply and not any(k in s for k in ("arranged", "held", "thanked")):
        add("arrange", working_days_after(reply, cadence.arrange_within))
    if person.meeting and "held" not in s and "thanked" not in s:
        add("talk", dt.date.fromisoformat(person.meeting))
    held = person.date("held")
    if held and "thanked" not in s:
        add("thank", working_days_after(held, cadence.thank_within))
    return sorted(out, key=lambda d: (d.date, DUE_KINDS.index(d.kind)))


def due(book: Book, cadence: Cadence, *, until: dt.date | None = None) -> list:
    """Every open follow-up of a client, oldest first (up to ``until`` when given)."""
    out = [d for p in book.people.values() for d in person_due(p, cadence)]
    if until is not None:
        out = [d for d in out if d.date <= until]
    return sorted(out, key=lambda d: (d.date, DUE_KINDS.index(d.kind), d.name))


def ranked(book: Book) -> list:
    """People by priority (1 first), then in the order they were added; finished ones last.

    A person whose thanks are sent has nothing left to do, so they go to the end.
    """
    order = {pid: n for n, pid in enumerate(book.people)}
    return sorted(book.people.values(),
                  key=lambda p: ("thanked" in p.steps, p.priority, order[p.id]))


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


def weekly(book: Book, per_week, *, today=None, weeks: int = 6) -> list:
    """Planned against done, week by week: ``[(monday, planned, held), ...]``, oldest first.

    The last ``weeks`` weeks up to this one. Planned is the pace (conversations a week, a
    fraction for "one every N weeks", None when there is no pace) from the week the first
    person was listed; held counts the conversations held that week.
    """
    today = today or dt.date.today()
    this = week_start(today)
    mondays = [this - dt.timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    begun = list_began(book)
    held = {}
    for person in book.people.values():
        when = person.date("held")
        if when is not None:
            held[week_start(when)] = held.get(week_start(when), 0) + 1
    rows = []
    for monday in mondays:
        planned = None
        if per_week is not None and begun is not None and monday >= begun:
            planned = float(per_week)
        rows.append((monday, planned, held.get(monday, 0)))
    return rows
