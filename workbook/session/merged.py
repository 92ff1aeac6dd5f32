"""Two copies of one conversations list joined line by line (round 11a, issue 20).

A sync or merge tool that keeps both files' lines (a "union merge") puts one laptop's
changes after the other's, whatever their times. Read in the order of the file, an older
change then undoes a later one, and a change for someone the other copy took off the list
is a no-op. What the tracker does instead (:mod:`workbook.session.tracker` reads through
these):

* the sharing choices: the client's latest choice, by each line's ``at``, decides; two
  choices saved at one moment (or one without a time after a dated one) give the more
  private of them (:func:`latest_share`, M10);
* a person taken off the list on one copy while the other recorded a step, a follow-up or
  a text for them is kept, let go on the day they were taken off rather than taken off
  (:func:`kept_back`, M1); a place taken off while the other copy changed it is named;
  the same when the removal line comes after the other copy's change: a removal line says
  what the copy that made it held (``was``, :func:`removal_was`), and a list holding more
  keeps the person, let go (:func:`unseen`, :func:`kept_not_taken_off`);
* a step recorded on both copies with two days keeps the earlier, as two copies of one
  person folded keep it, and the other day is named (:func:`step_clash`, M11); a
  follow-up likewise (:func:`followed_clash`, round 13a R10); a talk's day, a name or a
  priority changed on both keeps the later line's and names the other (:func:`one_kept`);
* one person added on both copies and taken off on one is one person: kept, let go, when
  the other copy recorded something for them, else taken off, and named
  (:func:`taken_off_twins`, R3); an add line says whom of that name its copy had taken
  off (:func:`again_was`), so a person taken off and listed again on one copy keeps the
  other copy's change as listed again (:func:`listed_again`, R7);
* a move to a place the other copy took off leaves the person at no place, the place's
  name as where they work, named; a place's removal line says who was at it (R1); a
  person added at it on the other copy likewise, in either order (:func:`added_at_gone`,
  round 14a V7);
* a talk called off on one copy while the other set its day stays called off, its day
  cleared, and the day named (:func:`talk_called_off`, R15).
"""

from __future__ import annotations

import copy
import datetime as dt
import json

from workbook.core.conversations import model
from workbook.session.store.records import same_client


def _moment(value):
    """A line's ``at`` as an aware datetime, or None (none, unreadable or without a zone)."""
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _clock(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}" + (f".{moment:%f}" if moment.microsecond else "")


def _choice(report: bool, names: bool) -> str:
    return f"report {'on' if report else 'off'}, names {'on' if names else 'off'}"


def share_lines(data: bytes, client: str) -> list:
    """``[(line number, moment or None, report, names)]``: the record's sharing lines."""
    out = []
    if b'"share"' not in data:
        return out
    for number, line in enumerate(data.splitlines(), start=1):
        if b'"share"' not in line:
            continue
        try:
            op = json.loads(line)
        except ValueError:
            continue
        if not isinstance(op, dict) or op.get("op") != "share" \
                or model.op_problem(op) is not None \
                or not same_client(op.get("client_id", client), client):
            continue
        report = op.get("report") is True  # "false", "no", 1: not shared (R12)
        out.append((number, _moment(op.get("at")), report, report and op.get("names") is True))
    return out


def odd_shares(data: bytes, client: str, journal) -> str | None:
    """Words naming the sharing lines whose report or names is not true or false (R12).

    Such a value (``"false"``, ``"no"``, ``1``, written by hand or by another tool) is read
    as not shared, the more private choice.
    """
    if b'"share"' not in data:
        return None
    said = []
    for number, line in enumerate(data.splitlines(), start=1):
        if b'"share"' not in line:
            continue
        try:
            op = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(op, dict) or op.get("op") != "share" \
                or not same_client(op.get("client_id", client), client):
            continue
        odd = [f"{field} {op.get(field)!r:.40}" for field in ("report", "names")
               if not isinstance(op.get(field), bool)]
        if odd:
            said.append(f"line {number} of {journal} (client {client!r}) sets the sharing "
                        f"choices with {' and '.join(odd)}, which is not true or false: "
                        "read as not shared (the more private choice); check it with the "
                        "client")
    return ". ".join(said) or None


def latest_share(book: model.Book, data: bytes, client: str, journal) -> str | None:
    """:func:`_latest_share`, and the lines of :func:`odd_shares` named with it."""
    said = [words for words in (_latest_share(book, data, client, journal),
                                odd_shares(data, client, journal)) if words]
    return ". ".join(said) or None


def _latest_share(book: model.Book, data: bytes, client: str, journal) -> str | None:
    """Set ``book``'s sharing choices to the client's latest (M10); words when it differs.

    ``data`` is the whole record. The file's order gives its last sharing line; when an
    earlier line was saved later (a sync put the older choice after it), the latest by
    ``at`` decides; lines saved at that same moment, or the last line when it has no time
    to compare, are taken together: a box stays ticked only when all of them tick it (the
    more private choice). Returns what the coach is told (the line not followed and the
    line that decides), or None when the file's order gives the latest choice.
    """
    lines = share_lines(data, client)
    if not lines:
        return None
    last = lines[-1]
    dated = [m for _, m, _, _ in lines if m is not None]
    if not dated:
        return None
    top = max(dated)
    deciding = [entry for entry in lines if entry[1] == top]
    if last[1] is None:
        deciding.append(last)
    report = all(r for _, _, r, _ in deciding)
    names = report and all(n for _, _, _, n in deciding)
    if (report, names) == (last[2], last[3]):
        return None
    book.share_report, book.share_names = report, names
    first = next(entry for entry in deciding if entry is not last)
    when = (f"saved at the same moment as line {first[0]} ({_clock(top)})"
            if last[1] == top else
            f"saved with no time the kit can compare, after line {first[0]} "
            f"({_clock(top)})" if last[1] is None else
            f"saved at {_clock(last[1])}, before line {first[0]} ({_clock(top)})")
    kept = ("the client's later choice was kept" if last[1] is not None and last[1] < top
            else "the more private choice was kept")
    return (f"line {last[0]} of {journal} (client {client!r}) sets the sharing choices "
            f"({_choice(last[2], last[3])}) but was "
            f"{when}, which set them to {_choice(first[2], first[3])} (a sync or merge tool "
            f"put an older change after a newer one, or the clock was changed): {kept}, "
            f"{_choice(report, names)}; check it with the client")


def _taken_off(book: model.Book, pid: str):
    """The latest :class:`~model.FormerPerson` entry of ``pid``, or None."""
    gone = [f for f in book.former_people if f.id == pid]
    return gone[-1] if gone else None


def as_taken_off(data: bytes | None, pid: str, client: str) -> model.Person | None:
    """The person ``pid`` as the record held them just before their last removal.

    Read from the record's lines (``data``, the whole record) up to that line, for their
    texts, which the list keeps of no one taken off; None when the record does not give it.
    """
    if not data or b'"remove"' not in data:
        return None
    book, held = model.Book(), None
    for line in data.splitlines():
        try:
            op = json.loads(line)
        except ValueError:
            continue
        if not isinstance(op, dict) or model.op_problem(op) is not None \
                or not same_client(op.get("client_id", client), client):
            continue
        if op.get("op") == "remove" and op.get("id") == pid and pid in book.people:
            held = copy.deepcopy(book.people[pid])
        try:
            model.apply(book, op)
        except model.ConversationError:
            continue
    return held


#: The changes that keep a person taken off the list on another copy (M1).
KEEPING = ("step", "followed", "edit", "let_go", "move")


def keeps(book: model.Book, op: dict) -> bool:
    """Whether ``op`` records something for a person ``book`` has taken off the list.

    A step or follow-up with its day, an edit, a let go or a move: the kit refuses each for
    someone no longer on the list, so such a line was made on another copy of it.
    """
    pid = op.get("id")
    if op.get("op") not in KEEPING or pid in book.people or _taken_off(book, pid) is None:
        return False
    if op["op"] in ("step", "followed", "let_go"):
        return bool(op.get("date")) and not (op["op"] == "step" and op["step"] == "noted")
    if op["op"] == "move":  # a move to where they were taken off from changes nothing, as
        gone = _taken_off(book, pid)  # the other order of the lines has it (round 14a V8)
        return op.get("place") != (gone.places[-1][1] if gone.places else gone.place)
    return True


def kept_back(book: model.Book, op: dict, data: bytes | None, client: str) -> str:
    """Put the person ``op`` names back on ``book``'s list, let go (M1); their name.

    As the README has it for someone with a step: let go rather than taken off, on the day
    they were taken off (a talk held or thanks sent finish them instead); their entry among
    the people taken off goes, so no session counts them twice.
    """
    pid = op["id"]
    gone = _taken_off(book, pid)
    person = as_taken_off(data, pid, client)
    if person is None or person.added != gone.added:
        person = model.Person(id=pid, name=gone.name, added=gone.added, place=gone.place,
                              steps=dict(gone.steps), places=model.copy_history(gone.places))
    else:  # as the list kept them when they were taken off
        person.steps, person.places = dict(gone.steps), model.copy_history(gone.places)
    last = gone.places[-1][1] if gone.places else gone.place
    person.place = last if last in book.places else ""
    if person.place:
        person.org = book.places[person.place].name
    # the line itself recording a talk held (or thanks, the client told) finishes them too,
    # as the other order of the lines has it (round 14a V8's random test)
    held = {"held", "thanked", "told"} & {*person.steps, *(
        [op.get("step")] if op.get("op") == "step" and op.get("date") else [])}
    if not held and not person.let_go:
        person.let_go = book.kept_back[pid] = gone.removed or person.added
    book.former_people = [f for f in book.former_people if f is not gone]
    book.people[pid] = person
    return person.name


def step_clash(book: model.Book, op: dict) -> tuple | None:
    """``(op to apply, other day)`` for a step both copies recorded with two days (M11).

    ``op`` (a step line) says the day it was written over (``was``, what the page's list
    held); the list holding another day means the other copy recorded it meanwhile. The
    earlier day is kept, as two copies of one person folded keep it, and the other is
    named. None when nothing clashes.
    """
    if op.get("op") != "step" or "was" not in op or not op.get("date"):
        return None
    person = book.people.get(op.get("id"))
    if person is None or op["step"] == "noted":
        return None
    theirs, mine = person.steps.get(op["step"]), op["date"]
    if not theirs or theirs == mine or op["was"] == theirs:
        return None
    if theirs < mine:
        return {**op, "date": theirs}, mine
    return op, theirs


#: A person's texts a removal line carries (as the copy taking them off held them), and
#: their words in a notice.
TEXTS = {"learned": "what was learned", "note": "the note", "why": "why",
         "suggested": "who they suggested"}
#: A person's fields besides the texts a removal line carries, and their words (round 14a
#: V8): an edit of any of them on the other copy keeps the person, in either order.
FIELDS = {"name": "a new name", "priority": "a new priority", "found": "how they were found",
          "suggested_by": "who suggested them", "meeting": "a day for the talk"}


def removal_was(book: model.Book, op: dict) -> dict:
    """``{"was": ...}``: what a removal takes off, as the copy making it holds it.

    A person's steps, follow-ups, texts, let go day and place; a place's what draws you.
    A record holding the lines of two copies then knows whether the other copy recorded
    something for them before this line (:func:`unseen`, round 11a M1, the removal after
    the change).
    """
    if op.get("op") == "place_remove":  # its text, and who is at it (round 13a R1)
        place = book.places.get(op.get("id"))
        return {} if place is None else {"was": {"drawn": place.drawn, "people": sorted(
            p.id for p in book.people.values() if p.place == place.id)}}
    person = book.people.get(op.get("id"))
    if person is None:
        return {}
    was = {"steps": dict(person.steps)}
    was.update({key: getattr(person, key) for key in TEXTS if getattr(person, key)})
    # the fields an edit sets (a name, a priority ...): changed on the other copy, they
    # keep the person as an edit read after the removal does (round 14a V8)
    was.update({key: getattr(person, key) for key in FIELDS})
    if person.followed:
        was["followed"] = dict(person.followed)
    if person.let_go:
        was["let_go"] = person.let_go
    if person.place in book.places:  # its name too: two copies may list one place twice
        was["place"] = [person.place, book.places[person.place].name]
    return {"was": was}


def unseen(book: model.Book, op: dict) -> list:
    """What ``book`` holds for the person (place) a removal takes off that its copy did not.

    In words (``["what was learned", "talk held"]``); empty when the copy that wrote the
    line saw all of it, or the line does not say what it saw (written before, or by hand).
    A text or step taken back on the other copy is not something to keep them for.
    """
    was = op.get("was")
    if not isinstance(was, dict):
        return []
    if op.get("op") == "place_remove":
        place = book.places.get(op.get("id"))
        held, there = was.get("drawn"), was.get("people")
        out = ["what draws you"] if place is not None and isinstance(held, str) \
            and place.drawn and place.drawn != held else []
        if place is not None and isinstance(there, list):  # moved to it on the other copy
            out += [f"{'added' if all(at == place.id for _, at in p.places) else 'moved'} "
                    f"{p.name} {'at' if all(at == place.id for _, at in p.places) else 'to'} it"
                    for p in book.people.values()
                    if p.place == place.id and p.id not in there]  # or added at it (V7)
        return out
    person = book.people.get(op.get("id")) if op.get("op") == "remove" else None
    steps, followed = was.get("steps"), was.get("followed", {})
    if person is None or not isinstance(steps, dict) or not isinstance(followed, dict):
        return []
    out = [TEXTS[key] for key in TEXTS
           if getattr(person, key) and getattr(person, key) != was.get(key, "")]
    out += [words for key, words in FIELDS.items()  # (only lines saying them, round 14a V8)
            if key in was and getattr(person, key) != was[key]]
    out += [model.STEP_WORDS.get(step, step) for step, day in person.steps.items()
            if step != "noted" and day and steps.get(step) != day]
    out += [f"a follow-up ({kind})" for kind, day in person.followed.items()
            if day and followed.get(kind) != day]
    if person.let_go and person.let_go != was.get("let_go", "") \
            and book.kept_back.get(person.id) != person.let_go:  # (not a merge's own)
        out.append("let go")
    where, then = book.places.get(person.place), was.get("place")
    if where is None and not person.place and isinstance(then, list) and len(then) == 2 \
            and then[0] in book.places:  # moved off a place still listed (to none, or to
        out.append("a move to another place")  # one taken off since: round 14a's test)
    elif where is not None and not (
            isinstance(then, list) and len(then) == 2
            and all(isinstance(part, str) for part in then)
            and (then[0] == where.id or model.place_key(then[1]) == model.place_key(where.name))):
        out.append("a move to another place")
    return out


def kept_not_taken_off(book: model.Book, op: dict) -> dict:
    """The op to apply instead of a removal of someone another copy recorded for (M1).

    As :func:`kept_back` for the other order: let go on the day of the removal rather than
    taken off (a talk held or thanks sent, or let go already: kept on the list as they are).
    """
    person = book.people[op["id"]]
    if {"held", "thanked", "told"} & set(person.steps) or person.let_go:
        return {"op": "edit", "id": person.id, "fields": {}}  # nothing to change
    return {"op": "let_go", "id": person.id, "date": model.op_day(op)}


def _held(book: model.Book, op: dict):
    """``(key, day)``: the step (follow-up) ``op`` records or takes back, and the list's day."""
    person = book.people.get(op.get("id"))
    if person is None or op.get("op") not in ("step", "followed") \
            or (op["op"] == "step" and op["step"] == "noted"):
        return None, None
    key = (op["op"], person.id, op["step"] if op["op"] == "step" else op["kind"])
    return key, (person.steps if op["op"] == "step" else person.followed).get(key[2])


def recorded_twice(book: model.Book, op: dict):
    """The key of a step (follow-up) ``op`` records that the list holds from another copy.

    ``op`` says the day it was written over (``was``); the list holding a day that copy did
    not see means the other copy recorded it too, even on the same day. None otherwise.
    """
    if not op.get("date") or "was" not in op:
        return None
    key, day = _held(book, op)
    return key if key is not None and day and day != op["was"] else None


def taken_back_clash(book: model.Book, op: dict, twice: set) -> str | None:
    """The day another copy recorded a step (follow-up) ``op`` takes back, else None.

    ``op`` takes it back (no ``date``) and says the day it took back (``was``): the list
    holding another day, or a step both copies recorded (``twice``, :func:`recorded_twice`),
    means the other copy's record would go with this copy's taking back.
    """
    if op.get("date") or "was" not in op:
        return None
    key, day = _held(book, op)
    if key is None or not day:
        return None
    return day if day != op["was"] or key in twice else None


def former_person(book: model.Book, gone) -> model.Person:
    """A :class:`~model.FormerPerson` as a person, where they work named from their place."""
    place = book.places.get(gone.place) or next(
        (f for f in reversed(book.former_places) if f.id == gone.place), None)
    return model.Person(id=gone.id, name=gone.name, added=gone.added, place=gone.place,
                        org=place.name if place is not None else "",
                        steps=dict(gone.steps), places=model.copy_history(gone.places))


def again_was(book: model.Book, op: dict) -> dict:
    """``{"was": {"again": [ids]}}`` for an add: the people of that name it lists again.

    The ids of the people of that name the copy adding them had taken off the list. A
    record holding the lines of two copies then tells someone listed again on purpose (their
    id here) from one person added on both copies and taken off on one (round 13a R3, R7).
    """
    if op.get("op") != "add" or not isinstance(op.get("fields"), dict):
        return {}
    key = model.place_key(op["fields"].get("name", ""))
    return {"was": {"again": sorted({f.id for f in book.former_people
                                     if model.place_key(f.name) == key})}}


def adds_again(data: bytes | None, client: str) -> dict:
    """``{person id: [ids]}``: what each add line of the record lists again (:func:`again_was`).

    Only add lines that say it (written since round 13a); others are left out.
    """
    out = {}
    if not data or b'"again"' not in data:
        return out
    for line in data.splitlines():
        if b'"again"' not in line:
            continue
        try:
            op = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(op, dict) or op.get("op") != "add" \
                or not same_client(op.get("client_id", client), client):
            continue
        was = op.get("was")
        again = was.get("again") if isinstance(was, dict) else None
        if isinstance(op.get("id"), str) and isinstance(again, list):
            out[op["id"]] = [pid for pid in again if isinstance(pid, str)]
    return out


def removal_line(data: bytes | None, pid: str, client: str) -> dict | None:
    """The record's last removal line of ``pid`` (read), or None."""
    if not data or b'"remove"' not in data:
        return None
    found = None
    for line in data.splitlines():
        if b'"remove"' not in line:
            continue
        try:
            op = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(op, dict) and op.get("op") == "remove" and op.get("id") == pid \
                and same_client(op.get("client_id", client), client):
            found = op
    return found


def taken_off_twins(book: model.Book, data: bytes | None, client: str) -> list:
    """``[(person, former entry)]``: one person added on two copies, taken off on one (R3).

    ``person`` is on the list; the entry of :attr:`~model.Book.former_people` is the same
    person (:func:`~model.same_person`) under another id, taken off on or after the day
    ``person`` was listed, and ``person``'s add line says the copy adding them had not
    taken that one off (:func:`again_was`): two copies each added them, one took them off.
    """
    if not book.former_people or not book.people:
        return []
    names = {model.place_key(f.name) for f in book.former_people}
    if not any(model.place_key(p.name) in names for p in book.people.values()):
        return []
    again, out, used = adds_again(data, client), [], set()
    for person in book.people.values():
        if person.id not in again:
            continue
        for gone in reversed(book.former_people):
            if gone.id in used or gone.id in book.people or gone.id in again[person.id] \
                    or gone.id == person.id or (gone.removed or "") < (person.added or ""):
                continue
            if model.same_person(person, former_person(book, gone), book):
                out.append((person, gone))
                used.add(gone.id)
                break
    return out


def unseen_by(person: model.Person, was) -> list:
    """What ``person`` holds that a removal's ``was`` (another copy's twin) did not, in words."""
    was = was if isinstance(was, dict) else {}
    out = [TEXTS[key] for key in TEXTS
           if getattr(person, key) and getattr(person, key) != was.get(key, "")]
    out += [model.STEP_WORDS.get(step, step) for step, day in person.steps.items()
            if step != "noted" and day]
    out += [f"a follow-up ({kind})" for kind, day in person.followed.items() if day]
    if person.let_go:
        out.append("let go")
    return out


def talk_called_off(book: model.Book, op: dict) -> tuple | None:
    """``(op to apply, the day)`` where one copy set a talk's day the other called off (R15).

    A day set by a page (its edit line says the day it replaced, ``was``) for someone with
    no time agreed (another copy took "time agreed" back: the kit refuses such a day on one
    copy) is not kept; a taking back of "time agreed" that
    clears a day its copy had not seen (its ``talk``) is applied as it is. Either way the
    talk stays called off, its day cleared, as the README has it; the day is returned to be
    named. None when nothing clashes.
    """
    person = book.people.get(op.get("id"))
    if person is None:
        return None
    fields = op.get("fields")
    was = op.get("was")
    if op.get("op") == "edit" and isinstance(fields, dict) and fields.get("meeting") \
            and isinstance(was, dict) and "meeting" in was \
            and not any(step in person.steps for step in ("arranged", "held", "thanked",
                                                           "told")):
        rest = {key: value for key, value in fields.items() if key != "meeting"}
        return {**op, "fields": rest}, fields["meeting"]
    if op.get("op") == "step" and op.get("step") == "arranged" and not op.get("date") \
            and isinstance(op.get("talk"), str) and person.meeting \
            and person.meeting != op["talk"] \
            and not any(person.steps.get(step) for step in model.COUNTS_HELD):
        return op, person.meeting
    return None


#: A person's fields of which a change on two copies keeps one value, naming the other
#: (round 13a R10), and their words.
ONE_KEPT = {"meeting": "day of the talk", "name": "name", "priority": "priority"}


def one_kept(book: model.Book, op: dict) -> list:
    """Words for each field of ``ONE_KEPT`` an edit line sets that another copy changed too.

    The line says what each field was on its copy (``was``); the list holding another value
    means the other copy changed it meanwhile. The line's value is kept (the later line, as
    a number changed on both in the answers' journal) and the other named. A talk's day set
    for someone whose talk the other copy called off is :func:`talk_called_off`'s.
    """
    if op.get("op") == "place_edit":
        return _place_one_kept(book, op)
    person = book.people.get(op.get("id")) if op.get("op") == "edit" else None
    was, fields = op.get("was"), op.get("fields")
    if person is None or not isinstance(was, dict) or not isinstance(fields, dict):
        return []
    out = []
    for key, words in ONE_KEPT.items():
        if key not in was or key not in fields:
            continue
        theirs, mine = getattr(person, key), fields[key]
        if theirs == was[key] or theirs == mine or (key == "meeting" and not theirs):
            continue
        if key == "meeting" and not any(step in person.steps for step in (
                "arranged", "held", "thanked", "told")):
            continue
        out.append(f"{person.name}'s {words} was changed on two copies of the list: this "
                   f"line's {mine or 'none'} was kept (the later line); the other copy's "
                   f"{theirs} was not")
    return out


#: A place's fields of which a change on two copies keeps one value and names the other
#: (round 14a V14), and their words.
PLACE_ONE_KEPT = {"name": "name", "knows": "know anyone there"}


def _place_one_kept(book: model.Book, op: dict) -> list:
    """:func:`one_kept` for a place's name and "know anyone there" (round 14a V14)."""
    place = book.places.get(op.get("id"))
    was, fields = op.get("was"), op.get("fields")
    if place is None or not isinstance(was, dict) or not isinstance(fields, dict):
        return []
    out = []
    for key, words in PLACE_ONE_KEPT.items():
        if key not in was or key not in fields:
            continue
        theirs, mine = getattr(place, key), fields[key]
        if theirs == was[key] or theirs == mine:
            continue
        out.append(f"the place {place.name}'s {words} was changed on two copies of the list: "
                   f"this line's {mine!r} was kept (the later line); the other copy's "
                   f"{theirs!r} was not")
    return out


def followed_clash(book: model.Book, op: dict) -> tuple | None:
    """``(op to apply, other day)`` for a follow-up both copies recorded with two days.

    As :func:`step_clash` for a step (round 13a R10): the earlier day is kept.
    """
    if op.get("op") != "followed" or "was" not in op or not op.get("date"):
        return None
    person = book.people.get(op.get("id"))
    if person is None:
        return None
    theirs, mine = person.followed.get(op.get("kind")), op["date"]
    if not theirs or theirs == mine or op["was"] == theirs:
        return None
    if theirs < mine:
        return {**op, "date": theirs}, mine
    return op, theirs


def listed_again(book: model.Book, op: dict, data: bytes | None, client: str,
                 also=None) -> str | None:
    """The id of the one listed again in place of the person ``op`` names, else None (R7).

    ``op`` records something for a person ``book`` has taken off (:func:`keeps`); when
    the copy that took them off listed them again (an add line saying it lists that id
    again, :func:`again_was`) and that one is on the list, the change is theirs: the
    person stays on the list as listed again, rather than being kept back let go.
    ``also``: ``{person id: [ids]}`` known beside the record's add lines (a snapshot's
    people, whose add lines another laptop's record put over this one lacks:
    :func:`snapshot_again`).
    """
    if not keeps(book, op) or not (data or also):
        return None
    for pid, ids in [*adds_again(data, client).items(), *(also or {}).items()]:
        if op["id"] in ids and pid in book.people:
            return pid
    return None


def again_of(former, person: model.Person) -> list:
    """The ids of the people of ``person``'s name in ``former`` (whom a copy had taken off).

    What an add of ``person`` written then says it lists again (:func:`again_was`).
    """
    key = model.place_key(person.name)
    return sorted({f.id for f in former if model.place_key(f.name) == key})


def snapshot_again(book: model.Book) -> dict:
    """``{person id: [ids]}``: whom each person on a snapshot's list lists again (R7).

    A snapshot's copy of the list that took someone off and lists a person of that name
    listed them again, as its add line said (:func:`again_was`); a record put over it (a
    copy-over sync) no longer holds that line, so the rebuild asks the snapshot.
    """
    out = {}
    for person in book.people.values():
        ids = [pid for pid in again_of(book.former_people, person) if pid != person.id]
        if ids:
            out[person.id] = ids
    return out


def added_at_gone(book: model.Book, op: dict) -> str | None:
    """Words for an add at a place an earlier line took off (round 14a V7), else None.

    The other copy still listed the place when it added them: the place stays off and the
    person is at no place, its name kept as where they work (:func:`model.apply
    <workbook.core.conversations.model.apply>` does it), as a move to it does (R1).
    """
    if op.get("op") != "add" or op.get("id") in book.people:
        return None
    gone = model.taken_off_place(book, op.get("place"))
    if gone is None:
        return None
    name = op["fields"].get("name", "")
    return (f"adds {name} at {gone.name}, which an earlier line took off the list (two "
            f"copies of the list joined by a sync or merge tool): {gone.name} stays off; "
            f"{name} is at no place, where they work kept as {gone.name} (typing its name "
            f"again in Change details lists it again).")


def relisted_later(book: model.Book, op: dict, data: bytes | None, client: str) -> str | None:
    """The id of a later add listing again the person a removal takes off (round 14a V18).

    The copy taking them off listed them again (its add line says so, :func:`again_was`),
    the add not read yet: what the other copy recorded for them goes to the one listed
    again (:func:`carried`), as it does with the lines the other way round
    (:func:`listed_again`). None otherwise.
    """
    if op.get("op") != "remove" or not data:
        return None
    for pid, ids in adds_again(data, client).items():
        if op.get("id") in ids and pid not in book.people and pid != op.get("id"):
            return pid
    return None


def carried(book: model.Book, op: dict) -> list:
    """What ``book`` holds for the person a removal takes off that its copy did not see.

    As ops without an id (:func:`unseen`'s changes), made to the one listed again (V18).
    """
    person, was = book.people[op["id"]], op.get("was")
    was = was if isinstance(was, dict) else {}
    steps = was.get("steps") if isinstance(was.get("steps"), dict) else {}
    followed = was.get("followed") if isinstance(was.get("followed"), dict) else {}
    fields = {key: getattr(person, key) for key in TEXTS
              if getattr(person, key) and getattr(person, key) != was.get(key, "")}
    fields.update({key: getattr(person, key) for key in FIELDS
                   if key in was and getattr(person, key) != was[key]})
    out = [{"op": "edit", "fields": fields}] if fields else []
    out += [{"op": "step", "step": step, "date": day} for step, day in person.steps.items()
            if step != "noted" and day and steps.get(step) != day]
    out += [{"op": "followed", "kind": kind, "date": day}
            for kind, day in person.followed.items() if day and followed.get(kind) != day]
    if person.let_go and person.let_go != was.get("let_go", ""):
        out.append({"op": "let_go", "date": person.let_go})
    if "a move to another place" in unseen(book, op) and person.place in book.places:
        out.append({"op": "move", "place": person.place,
                    "date": person.places[-1][0] if person.places else model.op_day(op)})
    return out
