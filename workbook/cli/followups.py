"""``workbook followups``: who is due a follow-up, across every client of a workspace.

A coach's list between sessions: every open follow-up of every client (someone else at the
same place, a nudge, letting a silent contact go, a time to agree, a talk, thanks to send,
telling them what came of it) that falls due within the next few days (the one look-ahead
of the Conversations page and the report), overdue ones included, oldest first, each with
the person and their place apart. What is due comes from each client's one plan, as on their
page: a quiet client (not now, or an incomplete picture with time or energy already closed)
has only what is already promised to someone listed (thanks owed, a talk booked), with the
plan's kind line; a client's "look again" date, and a short review once they have held a
few talks, are listed for the coach. A client folder that cannot be read is named on
standard error with why, and every other client is served; what a client's record holds that
is not read (a misspelt key in a journal section, a section that is no ingredient) is named
as export-clients names it, one line per client. ``--ics`` writes the same
follow-ups as an iCalendar file a calendar can import: plain titles, and an overdue one on
today, saying since when.

Examples
--------
>>> import datetime as dt, tempfile
>>> from workbook.session.store import ClientStore
>>> from workbook.session.conversations import Tracker, add_op, step_op
>>> store = ClientStore(tempfile.mkdtemp())
>>> tracker = Tracker(store, "client-1")
>>> day = dt.date(2026, 11, 20)  # a Friday
>>> book = tracker.change(add_op("Ana", org="Library", today=day, person_id="p1"))
>>> book = tracker.change(step_op(book, "p1", "sent", day, today=day))
>>> found = followups(store.root, days=7, today=dt.date(2026, 11, 25))
>>> [(f.due.date.isoformat(), f.client, f.due.kind) for f in found.items]
[('2026-11-25', 'client-1', 'another'), ('2026-12-01', 'client-1', 'nudge')]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import sys
import warnings
from pathlib import Path

from workbook.core import schema
from workbook.core.conversations.model import COMING_UP_DAYS
from workbook.core.exceptions import WorkbookError

#: Days ahead ``workbook followups`` looks by default.
DEFAULT_DAYS = COMING_UP_DAYS
#: Longest look ahead, in days (a year).
MAX_DAYS = 366
#: A person id used as it is in a calendar event's id (others are hashed).
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
#: The calendar file's product id.
PRODID = "-//Readiness Workbook//followups//EN"


class FollowupsError(WorkbookError):
    """The follow-ups could not be listed or their calendar file written."""


@dataclasses.dataclass(frozen=True)
class Followup:
    """One follow-up of one client (:class:`workbook.core.conversations.model.Due`)."""

    client: str
    due: object
    #: The person's id in the calendar when it is not theirs on the list: a person folded
    #: from two copies keeps the id of the copy that recorded their steps (round 13a R21).
    calendar_id: str = ""

    @property
    def uid(self) -> str:
        """A stable id: the same follow-up gets the same one on every run (no client id in it)."""
        client = hashlib.sha256(self.client.encode("utf-8")).hexdigest()[:12]
        person = self.calendar_id or self.due.person_id
        if not _PLAIN_ID.fullmatch(person):  # a hand-edited id: no line break in the file
            person = hashlib.sha256(person.encode("utf-8")).hexdigest()[:12]
        return f"{client}-{person}-{self.due.kind}@readiness-workbook"


@dataclasses.dataclass
class Followups:
    """What :func:`followups` found: the follow-ups, oldest first, and who was left out."""

    items: list
    today: dt.date
    until: dt.date
    #: Clients read (those in :attr:`problems` are not counted).
    clients: int
    #: Clients whose plan is quiet (not now, or incomplete with a gate closed), whether their
    #: list holds anyone or not: only what they already promised someone is listed for them.
    #: The summary's count of quiet clients is this list's length, nothing else.
    later: list
    #: Folders of the workspace that could not be read: ``(folder, why)``, in folder order.
    problems: list = dataclasses.field(default_factory=list)
    #: Clients whose records were repaired on reading: ``(client, what was said)``.
    notices: list = dataclasses.field(default_factory=list)
    #: Quiet clients with something owed listed -> the plan's kind line for them.
    owed_lines: dict = dataclasses.field(default_factory=dict)
    #: Those of :attr:`later` whose picture is not complete yet (not called "not now").
    waiting: list = dataclasses.field(default_factory=list)
    #: The words on each calendar event of what a quiet client owes (one event, one promise).
    owed_event: str = ""
    #: The instrument's conversations words (:class:`workbook.core.conversations.words.Words`):
    #: the calendar's summaries and the words of what is overdue. None: the kit's own.
    words: object = None
    #: Client -> their verdict's code, for the clients in :attr:`later` (who is not now and
    #: who is not complete yet, each said by their own verdict's name).
    verdicts: dict = dataclasses.field(default_factory=dict)
    #: Those of :attr:`waiting` held back only by 0 hours a week -> the words said in place
    #: of time's level ("no hours now"), not "time or energy at not yet" (round 10 L7).
    no_hours: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class LookAgain:
    """A client's "look again" date (set on the profile), listed for the coach.

    Shaped like a :class:`workbook.core.conversations.model.Due`, so the list and the
    calendar take it.
    """

    date: dt.date
    said: str
    person_id: str = "look-again"
    name: str = ""
    place: str = ""
    kind: str = "look_again"

    @property
    def org(self) -> str:
        """The place (none: this is the coach's with the client)."""
        return self.place

    def words(self, table=None) -> str:
        """What to do, in a few words."""
        return self.said


@dataclasses.dataclass(frozen=True)
class Review:
    """A short review suggested after a number of talks (:attr:`workbook.core.advice.Plan.review`).

    Dated on the day of the talk that reached the instrument's ``review_after_talks``; listed
    for the coach until a session is dated after it. Shaped like a
    :class:`workbook.core.conversations.model.Due`, so the list and the calendar take it.
    """

    date: dt.date
    said: str
    person_id: str = "review"
    name: str = ""
    place: str = ""
    kind: str = "review"

    @property
    def org(self) -> str:
        """The place (none: this is the coach's with the client)."""
        return self.place

    def words(self, table=None) -> str:
        """What to do, in a few words."""
        return self.said


#: Kinds that are the coach's with the client, not a follow-up with a contact.
COACH_KINDS = (LookAgain.kind, Review.kind)


#: The order of kinds on one day: the conversations' follow-ups, then a look-again date.
def _kind_order(kind: str) -> int:
    from workbook.core.conversations.model import DUE_KINDS

    return DUE_KINDS.index(kind) if kind in DUE_KINDS else len(DUE_KINDS)


def _today() -> dt.date:
    return dt.date.today()


def followups(workspace, *, days: int | None = None, today=None,
              instrument=None) -> Followups:
    """Every open follow-up due within ``days`` days of ``today`` (overdue included).

    What is due comes from each client's one plan
    (:func:`workbook.session.widgets.profile.client_plan`,
    :meth:`workbook.core.advice.Plan.due`), as on their Conversations page: for a quiet
    client (not now, or an incomplete picture with time or energy already closed) only what
    is already promised to someone (thanks owed for a talk held, a talk booked), with the
    plan's kind line. A client's "look again" date (set
    on the profile) is listed too, when it falls by the last day and no session came after it,
    and so is a short review once the client has held the instrument's number of talks
    (``review_after_talks``; :attr:`workbook.core.advice.Plan.review`), dated on the day of the
    talk that reached it, until a session is dated after that day.

    A client whose folder cannot be read (its ``client.json`` damaged, missing or naming
    another client, as a copied folder does; answers or a list that belong to someone else)
    is left out and named in :attr:`Followups.problems`, with why; every other client is
    served. A record set aside and rebuilt on reading is said in :attr:`Followups.notices`.

    Parameters
    ----------
    workspace : str or Path
        The workspace folder (never created here).
    days : int, optional
        How many days ahead to look (0: today and overdue only); by default the plan's one
        look-ahead (``look_ahead_days``, 7 days unless the instrument says otherwise).
    today : date, optional
    instrument : Instrument or path, optional
        Its ``[conversations.cadence]`` sets the due dates; its scoring the verdicts.

    Returns
    -------
    Followups

    Raises
    ------
    FollowupsError
        If the workspace folder does not exist, is a file or is one client's folder, or
        ``days`` is out of range.
    """
    from workbook.core.conversations.model import due
    from workbook.core.conversations.words import Words
    from workbook.core.instrument import resolve
    from workbook.session.store import ClientStore
    from workbook.session.store.scan import scan
    from workbook.session.store.table import warn_odd
    from workbook.session.store.workspace_arg import check_workspace
    from workbook.session.tracker import Tracker

    folder = check_workspace(workspace, FollowupsError)  # a client's folder or a file: named
    inst = resolve(instrument)
    today = today or _today()
    if days is None:
        days = look_ahead_days(inst)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        raise FollowupsError(f"--days must be a whole number from 0 to {MAX_DAYS}, not {days!r}")
    words = Words(inst)
    until = today + dt.timedelta(days=days)
    items, later, notices, owed_lines, failed, waiting = [], [], [], {}, 0, []
    no_hours = {}
    verdicts = {}
    store = ClientStore(folder, read_only=True)  # a list of what is due: read only
    seen = scan(store)  # every client, and each client-like folder left out, with why
    clients = seen.clients
    problems = [(p.folder, p.reason) for p in seen.problems]
    for client in clients:
        try:
            with _said(notices, client):
                book = Tracker(store, client).read()
                history = store.history(client)
                # what the record holds that is not read, in the export's words, one line
                # a client (round 13a R9); statements the instrument lacks: the command's
                # one line for the workspace (lacking_line, R16)
                warn_odd(history, inst, client, unknown=False)
                plan = _plan(history, inst, book, today)
        except (WorkbookError, OSError, ValueError) as exc:  # never stops the rest
            why = str(exc) if isinstance(exc, WorkbookError) else (
                f"it could not be read ({getattr(exc, 'strerror', None) or exc})")
            problems.append((store.folder(client), why))
            failed += 1
            continue
        if plan is None:  # no answers yet: no verdict to hold anything back
            listed = due(book, words.cadence, until=until)
        else:
            # a quiet client's promises whatever their date (the page and report list them too)
            listed = [d for d in plan.due(book, today=today, days=days, cadence=words.cadence)
                      if plan.quiet or d.date <= until]
        if plan is not None and plan.quiet:  # every quiet client, listed anyone or not (E10)
            later.append(client)
            verdicts[client] = plan.verdict
            if plan.verdict == schema.INCOMPLETE:
                waiting.append(client)
                hours = inst.hours_ingredient
                if plan.rest_reason == "time" and hours in plan.said_level:  # 0 hours only
                    no_hours[client] = plan.said_level[hours]
            if listed:
                owed_lines[client] = plan.owed_line(book)
        ids = calendar_ids(store.folder(client), book) \
            if book.folded or _set_aside_lists(store.folder(client)) else {}
        items += [Followup(client, d, ids.get(d.person_id, "")) for d in listed]
        again = getattr(plan, "look_again", None)
        if again is not None and again <= until and again > dt.date.fromisoformat(max(history)):
            items.append(Followup(client, LookAgain(again, words.get("look_again_due"))))
        review = getattr(plan, "review", None)  # a short review after a few talks
        if review is not None and review <= until:
            items.append(Followup(client, Review(review, words.get("review_due"))))
    items.sort(key=lambda f: (f.due.date, f.client, _kind_order(f.due.kind), f.due.name))
    problems.sort(key=lambda p: str(p[0]))
    return Followups(items, today, until, len(clients) - failed, later, problems, notices,
                     owed_lines, waiting, words.get("owed_event"), words, verdicts,
                     no_hours)


def calendar_ids(folder, book) -> dict:
    """Kept id -> the id its follow-ups keep in a calendar, for each person folded from copies.

    Two copies of one person joined by a sync are folded into the one listed first
    (:func:`workbook.core.conversations.model.twins`); their follow-ups came from the copy
    that recorded a step, on the laptop whose calendar holds them. That copy's id is kept
    (the first in the record to have a step), so importing the calendar again updates those
    events rather than adding copies (round 13a R21). A record that cannot be read keeps
    the list's ids.
    """
    import json

    from workbook.session.store.records import RESTATES
    from workbook.session.tracker import JOURNAL

    copies = {}
    for other in book.folded:
        kept, seen = other, set()
        while kept in book.folded and kept not in seen:
            seen.add(kept)
            kept = book.folded[kept]
        copies[other] = kept
    out, written_back = {}, set()
    try:
        with open(Path(folder) / JOURNAL, encoding="utf-8", errors="replace") as record:
            for line in record:
                try:
                    op = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(op, dict) or op.get("op") != "step" or not op.get("date"):
                    continue
                pid = op.get("id")
                kept = copies.get(pid, pid)
                if isinstance(pid, str) and kept in book.people and kept not in out:
                    out[kept] = pid
                    if op.get(RESTATES):  # written back from a snapshot set aside
                        written_back.add(kept)
    except OSError:
        return {}
    if written_back:
        out.update(_snapshot_ids(folder, book, written_back))
    return {kept: pid for kept, pid in out.items() if pid != kept}


def _set_aside_lists(folder) -> list:
    """The snapshots of the list set aside as unmatched in ``folder``, latest first."""
    from workbook.session.tracker import SNAPSHOT

    try:
        return sorted(Path(folder).glob(f"{SNAPSHOT}.unmatched-*"), reverse=True)
    except OSError:
        return []


def _snapshot_ids(folder, book, people) -> dict:
    """Kept id -> the id a set-aside snapshot's copy of that person had, with their steps.

    When a sync tool put another laptop's record over this folder (round 14a V22), the list
    is rebuilt from this laptop's snapshot (set aside as unmatched) and that record: the
    steps this laptop recorded are written back under the other copy's id. Its calendar
    holds them under its own copy's id, which the latest snapshot set aside still names.
    """
    import json

    from workbook.core.conversations import model
    from workbook.session.tracker import book_from_dict

    for path in _set_aside_lists(folder)[:1]:
        try:
            earlier = book_from_dict(json.loads(path.read_text(encoding="utf-8"))["book"])
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        found = {}
        for kept in people:
            person = book.people[kept]
            match = [p.id for p in earlier.people.values() if p.id != kept
                     and p.id not in book.people and p.steps.keys() - {"noted"}
                     and model.same_person(p, person, book)]
            if len(match) == 1:
                found[kept] = match[0]
        return found
    return {}


def look_ahead_days(instrument=None) -> int:
    """The one look-ahead, in days, of an instrument's plans (the page's and the report's)."""
    from workbook.core.advice import plan_for

    return plan_for({}, instrument).look_ahead_days


def _plan(history, inst, book, today):
    """The client's one plan, as their pages read it (None before any session)."""
    if not history:
        return None
    from workbook.session.widgets.profile import client_plan

    return client_plan(history, inst, book=book, today=today)[0]


class _said:
    """Collect what the stores warn of while one client is read, as one notice."""

    def __init__(self, notices: list, client: str):
        self.notices, self.client = notices, client

    def __enter__(self):
        self._catch = warnings.catch_warnings(record=True)
        self.caught = self._catch.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        from workbook.session.store import StoreWarning

        self._catch.__exit__(*exc)
        said = []
        for w in self.caught:
            if issubclass(w.category, StoreWarning):
                said.append(str(w.message))
            else:  # not ours to hold back
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        said = [m.strip() if m.strip().endswith(".") else f"{m.strip()}."
                for m in dict.fromkeys(said)]
        if said:
            self.notices.append((self.client, " ".join(said)))
        return False


# -- the calendar file ---------------------------------------------------------------------
def check_ics_path(path) -> Path:
    """The calendar file to write, refused unless it is a safe new or regular ``.ics`` file.

    Refused: a name not ending in ``.ics``, a symbolic link, a folder, and a file in a folder
    that does not exist (no folder is ever made for it).

    Examples
    --------
    >>> try:
    ...     check_ics_path("followups.txt")
    ... except FollowupsError as exc:
    ...     print(exc)
    --ics followups.txt: a calendar file's name ends in .ics; use followups.ics
    """
    if not str(path).strip():
        raise FollowupsError("--ics is empty; name a calendar file, such as followups.ics")
    path = Path(path).expanduser()
    if path.suffix.lower() != ".ics":
        fixed = path.with_suffix(".ics") if path.suffix else Path(f"{path}.ics")
        raise FollowupsError(f"--ics {path}: a calendar file's name ends in .ics; use {fixed}")
    if path.is_symlink():
        raise FollowupsError(f"--ics {path} is a symbolic link; nothing is written through a "
                             "link: name a file")
    if path.is_dir():
        raise FollowupsError(f"--ics {path} is a folder; name a file in it, such as "
                             f"{path / 'followups.ics'}")
    if not path.parent.is_dir():
        raise FollowupsError(f"--ics {path}: there is no folder {path.parent}; make it first "
                             "or choose a folder that exists")
    if path.exists() and not path.is_file():
        raise FollowupsError(f"--ics {path} is not a regular file; name a file")
    from workbook.core.files import refuse_record_target

    return refuse_record_target(path, "--ics")  # never in a client's folder (attacks2 N10)


def _words(found: Followups):
    """The conversations words the list was made with (the kit's own when not said)."""
    if found.words is not None:
        return found.words
    from workbook.core.conversations.words import Words

    return Words()


def _summary(item: Followup, words) -> str:
    """The event's title, plainly: ``ann: Ines Duarte, Open Kitchen: send a short nudge``.

    The instrument's ``[conversations] event_<kind>`` with the person's name and their place
    (the ``, {place}`` left out for a person with none); the coach's own items (a look-again
    date, a short review) say their words.
    """
    due = item.due
    said = words.table.get(f"event_{due.kind}")
    if not isinstance(said, str) or not due.name:
        return _clean(f"{item.client}: {_capital(due.words(words.table))}")
    from workbook.core.instrument import fill

    if not due.place:  # no place: its part of the title goes
        said = said.replace(", {place}", "").replace(" {place}", "").replace("{place}", "")
    return _clean(f"{item.client}: {fill(said, name=due.name, place=due.place)}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(due, table=None) -> str:
    """The person, then their place unless the words say it: ``Ines Duarte, Open Kitchen``."""
    place = due.place
    return f"{due.name}, {place}" if place and place not in due.words(table) else due.name


def shown_day(item: Followup, today: dt.date) -> dt.date:
    """The day a follow-up's calendar event sits on: its own, or today once it has gone by.

    An event on a past day is one a coach's calendar has already scrolled away from; its
    description says since when it waits.
    """
    return max(item.due.date, today)


def _description(item: Followup, found: Followups, words) -> str:
    """What the event says beside its title: what to do, since when it waits, what is owed."""
    from workbook.core.date_words import end_sentence  # "Dez." ends it: one full stop

    due, today = item.due, found.today
    lines = [_capital(due.words(words.table))] if due.name else []
    if due.date < today:
        day = _say_day(due.date, today, words.instrument)
        if due.kind == "talk":  # a talk's day gone by is not overdue: did it go ahead?
            lines.append(f"{words.get('meeting_label')} {day}: {words.get('talk_past')}")
        elif due.kind == "day":  # agreed with no day set: nothing to be late for (F3)
            lines.append(end_sentence(_capital(words.get("cli_day_agreed", date=day))))
        elif due.kind == Review.kind:  # suggested, not owed: "open", as the list says
            lines.append(end_sentence(_capital(words.get("review_open", date=day))))
        else:
            lines.append(end_sentence(_capital(words.get("due_overdue", date=day))))
    if item.client in found.owed_lines and due.kind not in COACH_KINDS:
        lines.append(found.owed_event or found.owed_lines[item.client])
    return "\n".join(lines)


def _say_day(day: dt.date, today: dt.date, instrument=None) -> str:
    from workbook.core.date_words import say_day

    return say_day(day, instrument, this_year=today.year)


def ics_bytes(found: Followups, *, stamp=None) -> bytes:
    """The follow-ups as an iCalendar file: one all-day event each, with a stable UID.

    An event due on a day gone by sits on today (:func:`shown_day`); its description says
    since when it is overdue (a talk whose day went by asks whether it went ahead).
    """
    import icalendar

    words = _words(found)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Follow-ups")
    for item in found.items:
        day = shown_day(item, found.today)
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", _text_type()(_summary(item, words)))
        said = _description(item, found, words)
        if said:
            event.add("description", _text_type()(said))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _ics_escaped(text: str) -> str:
    r"""Text as an iCalendar TEXT value (RFC 5545 3.3.11), a backslash always a backslash.

    icalendar's own escaping first turns a backslash before a capital N into a line break,
    so a name typed ``Ab\Nc`` showed on two lines (attacks5 C20).

    >>> print(_ics_escaped("Ab\\Nc; x, y\nz"))
    Ab\\Nc\; x\, y\nz
    """
    return (text.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


@functools.cache
def _text_type():
    """The TEXT value of icalendar, written with :func:`_ics_escaped` (imported when used)."""
    import icalendar

    class Text(icalendar.vText):
        def to_ical(self) -> bytes:
            return _ics_escaped(str(self)).encode(self.encoding)

    return Text


def _check_ics(data: bytes, found: Followups, source) -> None:
    """Parse the calendar back: the events, their UIDs and dates must be those meant."""
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical(data)
        got = sorted((str(ev["uid"]), ev.decoded("dtstart")) for ev in cal.walk("VEVENT"))
    except (ValueError, KeyError) as exc:
        raise FollowupsError(f"{source} could not be read back as a calendar ({exc}); "
                             "nothing was written") from None
    meant = sorted((item.uid, shown_day(item, found.today)) for item in found.items)
    if got != meant:
        raise FollowupsError(f"{source} read back with {len(got)} event(s), not the "
                             f"{len(meant)} meant; nothing was written")


def write_ics(found: Followups, path) -> Path:
    """Write the follow-ups as a calendar file (0600, atomically), checked by reading it back.

    Raises
    ------
    FollowupsError
        If the path is refused (:func:`check_ics_path`) or the file does not read back as
        the events meant.
    """
    import os

    from workbook.cli.common import keep_if_not_ours
    from workbook.core.files import atomic_write

    path = check_ics_path(path)
    data = ics_bytes(found)
    _check_ics(data, found, path)
    # a calendar the kit did not write (the coach's own) is kept first (round 12a P10)
    keep_if_not_ours(path, lambda old: PRODID.encode() in old)
    atomic_write(path, data)
    os.chmod(path, 0o600)
    _check_ics(path.read_bytes(), found, path)
    return path


# -- the command ---------------------------------------------------------------------------
def add_parser(sub) -> None:
    """Register ``followups``."""
    p = sub.add_parser(
        "followups",
        help="list every client's follow-ups due in the next days (and write a calendar file)",
        description="List, across every client of a workspace, the follow-ups of their "
        "conversations due within the next N days, overdue ones included, oldest first, "
        "each with the person and their place, and any client's look-again date or short "
        "review after a few talks. For a client at not now, only what is already promised "
        "to someone (thanks owed, a talk booked) is listed.",
    )
    p.add_argument("--workspace", metavar="DIR",
                   help="the workspace folder (default: $WORKBOOK_HOME, then "
                   "~/readiness-workbook)")
    p.add_argument("--days", metavar="N", type=int, default=None,
                   help="how many days ahead to look (default: the look-ahead of the "
                   f"Conversations page and the report, {DEFAULT_DAYS} in the kit's own "
                   "instrument)")
    p.add_argument("--ics", metavar="FILE",
                   help="also write these follow-ups as a calendar file (.ics) to import "
                   "(an overdue one sits on today, saying since when)")
    p.add_argument("--instrument", metavar="FILE",
                   help="an instrument file (default: the one the workspace was started "
                   "with, else the kit's own)")
    p.set_defaults(func=cmd_followups)


def _clean(text: str) -> str:
    """One line of text for the terminal (no line breaks or control characters)."""
    return "".join(c if c.isprintable() else " " for c in str(text))


def _day(day: dt.date, instrument=None) -> str:
    """A date with its year (``Sat 5 Dec 2026``), in the instrument's ``[words.dates]``."""
    from workbook.core.date_words import say_date

    return say_date(day, instrument, form="day_year")


def verdict_phrase(instrument, verdict: str) -> str:
    """How the list names a quiet client's verdict inside a sentence (``[words.followups]``).

    The instrument's words for ``verdict`` (``not_now`` or ``incomplete``), written for its
    verdict names (``{verdict}`` in them is the name); when its ``[words.verdicts]`` renames
    the verdict and these words are still the kit's, its ``renamed`` with the name as the
    instrument writes it, so that a renamed verdict is never called by the kit's old name.

    Examples
    --------
    >>> verdict_phrase(None, "not_now")
    'not now'
    """
    from workbook.core.instrument import fill, load_instrument, resolve, words_table

    inst = resolve(instrument)
    own, kit = words_table(inst, "followups"), words_table(None, "followups")
    name = inst.verdict_name(verdict)
    if own[verdict] == kit[verdict] and name != load_instrument().verdict_name(verdict):
        return fill(own["renamed"], verdict=name)
    return fill(own[verdict], verdict=name)


def lines(found: Followups, *, later_name: str | None = None,
          waiting_name: str | None = None) -> list:
    """The command's output: one line per follow-up, then a summary line.

    A quiet client is named by their verdict: ``later_name`` (not now), or
    ``waiting_name`` when their picture is not complete yet; by default as the instrument
    the list was made with says them (:func:`verdict_phrase`). Each line names the person and
    their place apart (``Ines Duarte, Open Kitchen: ...``). A quiet client's promises are
    listed whatever their date; when one falls after the last day, the heading says so,
    naming the verdicts of the clients it concerns.
    """
    from workbook.core.date_words import weekday_short

    words = _words(found)
    table, say = words.table, words.get
    if later_name is None:
        later_name = verdict_phrase(words.instrument, schema.NOT_NOW)
    if waiting_name is None:
        waiting_name = verdict_phrase(words.instrument, schema.INCOMPLETE)

    def count(n, key):
        return f"{n} {say(f'cli_{key}_one' if n == 1 else f'cli_{key}_many')}"

    def joined(parts, key="cli_and"):
        parts = [p for p in parts if p]
        return f" {say(key)} ".join(parts)

    out = []
    if found.items:
        beyond = {found.verdicts.get(f.client) for f in found.items
                  if f.due.date > found.until and f.client in found.later}
        names = [waiting_name if v == schema.INCOMPLETE else later_name
                 for v in (schema.NOT_NOW, schema.INCOMPLETE) if v in beyond]
        names += [later_name] if beyond and not names else []
        said = joined(dict.fromkeys(names), "cli_or")
        until = _day(found.until, words.instrument)
        out.append(say("cli_heading_promised", date=until, verdicts=said)
                   if beyond else say("cli_heading", date=until))
        width = max(len(_clean(f.client)) for f in found.items)
        for item in found.items:
            d = item.due
            past = d.date < found.today
            when = (say("cli_no_day") if d.kind == "day"  # no day to be late for (F3)
                    else say({"talk": "cli_past", Review.kind: "cli_open"}.get(
                        d.kind, "cli_overdue")) if past
                    else say("cli_today") if d.date == found.today
                    else weekday_short(d.date, words.instrument))
            who = f"{_clean(_who(d, table))}: " if d.name else ""
            out.append(f"  {d.date.isoformat()}  {when:<7}  {_clean(item.client):<{width}}  "
                       f"{who}{_clean(d.words(table))}")
        for client, line in found.owed_lines.items():
            name = waiting_name if client in found.waiting else later_name
            out.append("  " + say("cli_owed", client=_clean(client), verdict=name,
                                  line=_clean(line)))
    else:
        out.append(say("cli_nothing", date=_day(found.until, words.instrument)))
    follow = [f for f in found.items if f.due.kind not in COACH_KINDS]
    overdue = sum(f.due.overdue(found.today) for f in follow)  # never a talk, nor no day
    clients = len({f.client for f in follow})
    summary = say("cli_summary", follow_ups=count(len(follow), "follow_up"),
                  clients=count(clients, "client"), overdue=overdue,
                  all_clients=count(found.clients, "client"))
    again = sum(f.due.kind == LookAgain.kind for f in found.items)
    reviews = sum(f.due.kind == Review.kind for f in found.items)
    coach = joined([count(again, "look_again") if again else "",
                    f"{count(reviews, 'review')} {say('cli_reviews_suggest')}"
                    if reviews else ""])
    if coach:
        summary += " " + say("cli_coach", what=_capital(coach))
    if found.later:
        resting = len(found.later) - len(found.waiting)
        inst = words.instrument  # the names of the gates that keep a client waiting, as written
        gates = [inst.ingredient_in_text(i.id) for i in inst.ingredients if i.gate == "not_now"]
        waiting = say("cli_waiting", verdict=waiting_name, names=joined(gates, "cli_or"),
                      level=inst.level_name(schema.NOT_YET))
        gated = [c for c in found.waiting if c not in found.no_hours]
        hours = {}  # 0 hours a week, not a gate at not yet (L7): as the report says it
        for client in found.waiting:
            if client in found.no_hours:
                level = found.no_hours[client]
                hours[level] = hours.get(level, 0) + 1
        time = inst.ingredient_in_text(inst.hours_ingredient) if hours else ""
        who = joined([
            f"{count(resting, 'client')} {say('cli_resting', verdict=later_name)}"
            if resting else "",
            f"{count(len(gated), 'client')} {waiting}" if gated else "",
            *(f"{count(n, 'client')} " + say("cli_waiting", verdict=waiting_name, names=time,
                                              level=level) for level, n in hours.items())])
        summary += " " + say("cli_quiet", who=who)
    if found.problems:
        summary += " " + say("cli_not_read", folders=count(len(found.problems), "folder"))
    out.append(summary)
    return out


def wrote_line(found: Followups, path) -> str:
    """What ``--ics`` says it wrote: the events, by kind, and the file."""
    words = _words(found)

    def count(n, key):
        return f"{n} {words.get(f'cli_{key}_one' if n == 1 else f'cli_{key}_many')}"

    again = sum(f.due.kind == LookAgain.kind for f in found.items)
    reviews = sum(f.due.kind == Review.kind for f in found.items)
    said = [count(len(found.items) - again - reviews, "follow_up")] + [
        x for x in (count(again, "look_again") if again else "",
                    count(reviews, "review") if reviews else "") if x]
    said = (", ".join(said[:-1]) + f" {words.get('cli_and')} " + said[-1]
            if len(said) > 1 else said[0])
    return words.get("cli_wrote", events=count(len(found.items), "event"), what=said,
                     path=path)


def problem_lines(found: Followups) -> list:
    """What the coach must know beside the list: folders not read, records rebuilt.

    One line per folder that could not be read (the folder and why) and one per client
    whose records were set aside and rebuilt on reading. The command prints them on
    standard error; the list on standard output stays the list.
    """
    out = [_clean(f"followups: left out {folder}: {why}") for folder, why in found.problems]
    out += [_clean(f"followups: {client}: {said}") for client, said in found.notices]
    return out


def cmd_followups(args) -> int:
    """Print the follow-ups; write the calendar file when asked."""
    from workbook.core.instrument import load_instrument
    from workbook.session.instrument_record import workspace_instrument
    from workbook.session.store import resolve_workspace

    ics = check_ics_path(args.ics) if args.ics is not None else None
    folder = resolve_workspace(args.workspace)
    # without --instrument, the one the workspace was started with (a copy's words)
    # a list, no version written: the kit's own in place of a file gone, said (E15)
    given, said = workspace_instrument(folder, args.instrument, writes_versions=False)
    if said:
        print(said, file=sys.stderr)
    inst = load_instrument(given)
    found = followups(folder, days=args.days, instrument=inst)
    if given is not None:  # a 2.0 copy would read clients without their 2.1 answers (B9)
        from workbook.session.newer_answers import refuse_newer_answers

        refuse_newer_answers(folder, given, inst)
    for line in problem_lines(found):
        print(line, file=sys.stderr)
    if args.instrument is None and "(not read here: " not in (said or ""):
        from workbook.session.instrument_record import lacking_line

        lacking = lacking_line(folder, inst)  # named and not read (round 13a R16)
        if lacking:
            print(lacking, file=sys.stderr)
    print("\n".join(lines(found)))
    if ics is not None:
        path = write_ics(found, ics)
        # what was written is part of the command's answer: standard output, never stderr
        print(wrote_line(found, path), file=sys.stdout)
    return 0
