"""Where a client's conversations are kept: beside their answers, with the same guarantees.

Two files in the client's folder (0700; both files 0600):

* ``conversations.jsonl``, the record: one JSON line per change (an *op* of
  :mod:`workbook.core.conversations.model`), appended and fsynced before :meth:`Tracker.change`
  returns, under the folder's lock. Two pages changing the same client's list at once each
  apply their change to the list as it is on disk, so nothing is lost.
* ``conversations.json``, a snapshot: the list as of ``journal_bytes`` bytes of the record,
  with the SHA-256 of those bytes (``journal_sha256``). It is rewritten atomically when the
  record has outgrown it by a quarter, so a change costs about the same with 5 people or
  1,000; a change hashes only the line it appends.

A snapshot is used only while the record still starts with exactly the bytes it covers. If
the record was rewritten outside the kit (line endings converted to CRLF by an editor, a
sync tool or git; an earlier line edited or removed, an older copy of the file come back,
another laptop's record), the list is rebuilt: the snapshot's list with every readable line
of the record from the first line it did not cover applied over it (the snapshot keeps a
fingerprint of each line it covers, ``covered_lines``: its content, not its bytes, so a
CRLF line or an older copy's line is known and never undoes a later change the snapshot
holds; an edited line is a new line, read in its place with the lines after it), so nothing
either holds is lost. What only the snapshot held is
then written back to the record as changes (:func:`_write_back_book`: people and their
steps, names, places day by day, let go, taken off the list (on the day they were) or listed
again; places listed, edited, taken off, their order; the sharing choices; the people taken
off the list as it kept them, :attr:`~model.Book.former_people`, so the sessions before their
removal still count them, attacks5 C7), so losing the snapshot later loses
nothing; anything no change can say is named, with where it is kept. The snapshot is kept
as ``conversations.json.unmatched-<timestamp>`` and the page says so. A snapshot that
cannot be read is moved aside (``conversations.json.corrupt-<timestamp>``) and the list
rebuilt from the record. Either way the coach is told (:attr:`Tracker.notice`,
and a :class:`~workbook.session.store.StoreWarning`). A damaged line of the record is
skipped and told once, naming the client (a line ending in CRLF is a readable line). A last
line without its line end is treated as the answers' journal treats one
(:mod:`workbook.session.store`): not read while a change may be writing it; ended and read
when only its end is missing; set aside as ``conversations.jsonl.torn-<timestamp>`` and told
when it was cut off; when the snapshot
proves it held that line (its copy of the last line it covers, with the record's whole lines,
gives the bytes it covers), the line is written back to the record and the coach told so
(:func:`~workbook.session.store.records.write_back_line`). A snapshot written
before the hash was kept is checked against the whole record once,
and taken over without a word when they agree.

Examples
--------
>>> import datetime as dt, tempfile
>>> from workbook.session.store import ClientStore
>>> from workbook.core.conversations import model
>>> tracker = Tracker(ClientStore(tempfile.mkdtemp()), "client-07")
>>> book = tracker.change(model.add_op("Sam Lee", org="Parks", person_id="p1"))
>>> Tracker(tracker.store, "client-07").read().people["p1"].name
'Sam Lee'
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import warnings

from workbook.core.conversations import model
from workbook.core.exceptions import StoreError
from workbook.core.log import logger
from workbook.session import merged
from workbook.session import merged as merged_copies
from workbook.session.store import core as _core
from workbook.session.store import disk
from workbook.session.store import since as side
from workbook.session.store.core import ClientStore
from workbook.session.store.disk import StoreWarning
from workbook.session.store.records import (
    COVERED_LINES,
    LAST_LINE,
    LOCK_FILE,
    RESTATES,
    STANDS_FOR,
    LineCheck,
    Prefix,
    catch_up,
    check_tail,
    covered_prints,
    dump,
    ended_tail,
    is_hash,
    last_line,
    line_print,
    line_prints,
    masked,
    merge_text,
    now_stamp,
    parse_json,
    parsed_lines,
    proven_prefix,
    quiet,
    recode_record,
    same_client,
    stands_for,
    torn_words,
    value_hash,
    what_line,
    whole_lines,
    write_back_line,
    written_back_words,
)

JOURNAL = "conversations.jsonl"
SNAPSHOT = "conversations.json"
#: The snapshot's format: 2 since places, let go, told and the nudge day (B5). A snapshot of
#: an earlier format (or none) is not trusted: the list is rebuilt from the whole record.
FORMAT = 2
#: The snapshot is rewritten when the record has grown past it by more than this share.
REWRITE_SHARE = 0.25
#: Keys of the snapshot: how many bytes of the record it covers, and their SHA-256.
COVERED, COVERED_HASH = "journal_bytes", "journal_sha256"
#: The snapshot's SHA-256 of its own list as written: a hand edit no longer matches it.
BOOK_HASH = "book_sha256"
# The snapshot keeps a short fingerprint of each line of the record it covers under the
# answers' key (records.COVERED_LINES, read by records.covered_prints), so a rebuild applies
# over its list only the lines it did not cover (attacks4 B17): an older line it holds
# already never undoes a later change it holds.


def _cadence_size(text, prints) -> int:
    """A snapshot's size as the rewrite cadence counts it: without its lines' prints.

    So keeping the prints does not make the snapshot lag further behind the record.
    """
    return len(text) - (len(dump(prints)) if isinstance(prints, list) else 0)


def book_to_dict(book: model.Book) -> dict:
    """A book as plain JSON-ready data."""
    return {"people": [dataclasses.asdict(p) for p in book.people.values()],
            "share_report": book.share_report, "share_names": book.share_names,
            "places": [dataclasses.asdict(p) for p in book.places.values()],
            "former_places": [dataclasses.asdict(p) for p in book.former_places],
            "former_people": [dataclasses.asdict(p) for p in book.former_people],
            **({"folded": dict(book.folded)} if book.folded else {})}


def book_from_dict(data) -> model.Book:
    """Rebuild a book from :func:`book_to_dict`'s data (``ValueError`` if misshapen)."""
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise ValueError("it does not hold a list of people")
    # shared only when the snapshot says so with a real true: a "false" written by hand is
    # not sharing (round 13a R12: privacy first, as a record line is read)
    report = data.get("share_report") is True
    book = model.Book(share_report=report,
                      share_names=report and data.get("share_names") is True)
    for n, entry in enumerate(data["people"], start=1):
        problem = model.fields_problem(entry, adding=True)
        if problem is None and not isinstance(entry.get("id"), str):
            problem = "it has no id"
        if problem:
            raise ValueError(f"person {n} in it: {problem}")
        person = model.Person(**entry)
        book.people[person.id] = person
    for key in ("places", "former_places"):  # a snapshot from before places holds none
        entries = data.get(key, [])
        if not isinstance(entries, list):
            raise ValueError(f"its {key} are not a list")
        for n, entry in enumerate(entries, start=1):
            problem = model.place_problem(entry, whole=True)
            if problem:
                raise ValueError(f"place {n} of its {key}: {problem}")
            place = model.Place(**entry)
            if key == "places":
                book.places[place.id] = place
            else:
                book.former_places.append(place)
    entries = data.get("former_people", [])  # a snapshot from before C7 holds none
    if not isinstance(entries, list):
        raise ValueError("its former_people are not a list")
    for n, entry in enumerate(entries, start=1):
        problem = model.former_problem(entry)
        if problem:
            raise ValueError(f"person {n} of its former_people: {problem}")
        book.former_people.append(model.FormerPerson(**entry))
    book.former_people.sort(key=lambda f: (f.removed, f.added, f.id))
    folded = data.get("folded", {})  # a snapshot from before round 10 L12 holds none
    if not isinstance(folded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in folded.items()):
        raise ValueError("its folded ids are not a table of ids")
    book.folded = dict(folded)
    for n, place in enumerate(book.places.values(), start=1):
        place.rank = n
    for person in book.people.values():
        if person.place and person.place not in book.places:
            raise ValueError(f"person {person.id!r} in it is at a place it does not hold")
    if "places" not in data:  # written before places: each person's org lists its place
        model.places_from_orgs(book)
    return book


PERSON_OPS = ("edit", "step", "followed", "remove", "let_go", "move")


def _to_kept(book: model.Book, op: dict) -> dict:
    """``op`` made under the id of a copy folded into another: made to the one kept.

    A page or script that read the list before a sync folded two copies of one person
    (round 8, :func:`fold_twins`) still holds the other copy's id; its change is the kept
    person's (round 10 L12), never written under an id no one on the list has.
    """
    pid = op.get("id")
    if op.get("op") not in PERSON_OPS or pid in book.people:
        return op
    seen = set()
    while pid in book.folded and pid not in seen:
        seen.add(pid)
        pid = book.folded[pid]
    if pid not in book.people:  # taken off on another page meanwhile: never written
        raise model.ConversationError(
            f"no person with id {op.get('id')!r} on this list (taken off on another page "
            f"or laptop since this list was read): nothing was recorded")
    return {**op, "id": pid}


def _was(book: model.Book, op: dict) -> dict:
    """``{"was": {text: as the list held it}}`` for an edit of a card's texts, else ``{}``.

    Written with the edit, so a record that holds the lines of two copies (a sync or merge
    tool keeping both) knows a text both changed: the later line keeps both (round 10 L4).
    """
    if op.get("op") in ("remove", "place_remove"):  # what the copy taking them off held
        return merged.removal_was(book, op)  # (round 11a M1, the removal after the change)
    if op.get("op") == "add":  # who of that name it lists again (round 13a R3, R7)
        return merged.again_was(book, op)
    place = book.places.get(op.get("id")) if op.get("op") == "place_edit" else None
    if place is not None:  # a place's "what draws you" likewise (round 11 M9)
        drawn = op["fields"].get("drawn")
        was = {"drawn": place.drawn} if isinstance(drawn, str) and drawn != place.drawn \
            else {}
        was.update({key: getattr(place, key) for key in merged.PLACE_ONE_KEPT  # (14a V14)
                    if key in op["fields"] and op["fields"][key] != getattr(place, key)})
        return {"was": was} if was else {}
    if op.get("op") == "step" and op.get("step") != "noted" \
            and op.get("id") in book.people:  # the day it is written over (round 11 M11)
        person = book.people[op["id"]]
        talk = {"talk": person.meeting} if op["step"] == "arranged" \
            and not op.get("date") else {}  # the day a calling off clears (round 13a R15)
        return {"was": person.steps.get(op["step"]), **talk}  # or taken back
    if op.get("op") == "followed" and op.get("id") in book.people:  # likewise
        return {"was": book.people[op["id"]].followed.get(op.get("kind"))}
    person = book.people.get(op.get("id")) if op.get("op") == "edit" else None
    if person is None:
        return {}
    was = {key: getattr(person, key) for key in MERGED_TEXTS
           if isinstance(op["fields"].get(key), str) and op["fields"][key] != getattr(person,
                                                                                   key)}
    # a talk's day, a name, a priority: one is kept, the other named (round 13a R10, R15)
    was.update({key: getattr(person, key) for key in merged.ONE_KEPT
                if key in op["fields"] and op["fields"][key] != getattr(person, key)})
    return {"was": was} if was else {}


def _drawn_both(op: dict, place, base, check, what: str) -> dict:
    """``op`` with the place's "what draws you" kept twice when another copy changed it too.

    ``base``: the text ``op`` was written over ("" for a place listed anew); ``what`` begins
    the notice, told through ``check`` when both texts are kept.
    """
    fields = dict(op["fields"])
    mine = fields.get("drawn")
    if not isinstance(mine, str) or not isinstance(base, str) \
            or merge_text(base, mine, place.drawn) == mine:
        return op
    fields["drawn"] = merge_text(base, mine, place.drawn)
    if check is not None:
        check.tell(f"{what}; both are kept, the other's first, then \u2014\u2014\u2014.")
    return {**op, "fields": fields}


def _both_kept(book: model.Book, op: dict, check, where: str) -> dict:
    """An edit line whose text another copy changed since it was read: both kept (L4).

    The other copy's text first, then ``———``, then this line's
    (:func:`~workbook.session.store.records.merge_text`, as two tabs are); the coach is
    told, naming the person and the text, when the reading tells (``check``).
    """
    if op.get("op") == "place_add" and op.get("id") in book.places \
            and isinstance(op.get("fields"), dict):  # both copies listed the place
        place = book.places[op["id"]]
        return _drawn_both(op, place, "", check, f"{where}: the place {place.name} was listed "
                           f"on two copies of the list with two texts of what draws you")
    was = op.get("was")
    if op.get("op") == "place_edit" and op.get("id") in book.places \
            and isinstance(was, dict) and isinstance(op.get("fields"), dict):  # (M9)
        place = book.places[op["id"]]
        return _drawn_both(op, place, was.get("drawn"), check, f"{where}: the place "
                           f"{place.name}'s what draws you was changed on two copies of the "
                           f"list")
    person = book.people.get(op.get("id")) if op.get("op") == "edit" else None
    if person is None or not isinstance(was, dict) or not isinstance(op.get("fields"), dict):
        return op
    fields, both = dict(op["fields"]), []
    for key, base in was.items():
        mine = fields.get(key)
        if key not in MERGED_TEXTS or not isinstance(base, str) or not isinstance(mine, str):
            continue
        theirs = getattr(person, key)
        kept = merge_lines(base, mine, theirs) if key == "suggested" else \
            merge_text(base, mine, theirs)
        if kept != mine:
            fields[key] = kept
            both.append(key)
    if not both:
        return op
    if check is not None:
        check.tell(f"{where}: {person.name}'s {', '.join(both)} was changed on two copies "
                   f"of the list; both are kept, the other's first, then \u2014\u2014\u2014.")
    return {**op, "fields": fields}


def _lacks_former(state: dict) -> bool:
    """True for a snapshot written before people taken off the list were kept (C7)."""
    return isinstance(state.get("book"), dict) and "former_people" not in state["book"]


def _former_from_record(book: model.Book, lines: bytes, journal, client: str) -> None:
    """Give ``book`` (a snapshot's list from before C7) the people its record took off.

    The record's whole lines are replayed; each person they took off the list is kept
    with the day, as a reading of the record alone keeps them.
    """
    if b'"remove"' not in lines:
        return
    whole = model.Book()
    with quiet():
        _replay(whole, lines[:whole_lines(lines)], journal, client)
    book.former_people = [dataclasses.replace(f) for f in whole.former_people]


@dataclasses.dataclass
class _Seen:
    """A list as read (or last saved), and what is known of the files behind it.

    ``covered`` is how many bytes of the record the snapshot holds (None: rewrite it on the
    next change); ``prefix`` the running hash of the record's whole lines read into ``book``.
    """

    book: model.Book
    journal_sig: tuple | None
    snapshot_sig: tuple | None
    covered: int | None
    snapshot_size: int
    prefix: Prefix = dataclasses.field(default_factory=Prefix)
    digest: str | None = None  # the snapshot's hash of what it covers
    since_at: int | None = None  # the side file's size, when it holds the lines after it



#: A person's texts a page saves on its own (a card's boxes): merged, not written over.
MERGED_TEXTS = ("note", "learned", "why", "suggested")


def merge_lines(base: str, mine: str, theirs: str) -> str:
    r"""A card's "who they suggested" changed on two pages: each page's lines kept (D1).

    The names are one a line (the card's "Add them" reads each line as a name), so no
    separator line goes between them: the other page's lines, less those this page took
    out, then the lines this page added.

    >>> merge_lines("Jo", "Jo\nAna", "Jo\nKim")
    'Jo\nKim\nAna'
    >>> merge_lines("Jo\nKim", "Jo", "Jo\nKim\nAna")
    'Jo\nAna'
    """
    if mine == base or theirs == base or theirs == mine:
        return theirs if mine == base else mine
    was, now = set(base.splitlines()), mine.splitlines()
    kept = [line for line in theirs.splitlines() if line not in was or line in now]
    added = [line for line in now if line not in was and line not in kept]
    return "\n".join(kept + added)


def merge_texts(book: model.Book, op: dict, base: dict) -> dict:
    """``op`` (an edit) with each text in ``base`` merged over the one on the list now.

    A text another page changed since this page showed ``base`` keeps both: the other
    page's first, then ``———``, then this page's
    (:func:`~workbook.session.store.records.merge_text`, as the ingredient pages do); "who
    they suggested" line by line (:func:`merge_lines`).
    """
    person = book.people.get(op.get("id"))
    if op.get("op") != "edit" or person is None:
        return op
    fields = dict(op["fields"])
    for key, mine in fields.items():
        if key not in MERGED_TEXTS or not isinstance(base.get(key), str):
            continue
        theirs = getattr(person, key)
        if mine == base[key]:  # this page did not change it: what is on the list stays
            fields[key] = theirs
        elif key == "suggested":
            fields[key] = merge_lines(base[key], mine, theirs)
        else:
            fields[key] = merge_text(base[key], mine, theirs)
    merged = {**op, "fields": fields}
    problem = model.op_problem(merged)
    if problem:  # the two texts together are too long to keep: said, nothing saved
        raise model.ConversationError(problem)
    return merged


class Tracker:
    """One client's conversations list, read from and saved to their folder.

    Parameters
    ----------
    store : ClientStore
        The workspace.
    client_id : str
        The client (their folder is made on the first change).
    """

    def __init__(self, store: ClientStore, client_id: str):
        self.store = store
        self.client = store.resolve_client(client_id)
        if self.client is None:
            raise StoreError("no client is open: open a client on the start page first")
        self._seen = None
        #: What the last read repaired (a snapshot set aside and the list rebuilt, a cut-off
        #: last line set aside), naming the file and the client; else None.
        self.notice = None

    def __repr__(self) -> str:
        return f"Tracker({self.client!r})"

    def exists(self) -> bool:
        """Whether the client has a conversations list at all (even an emptied one)."""
        folder = self.store.client_folder(self.client)
        return folder is not None and ((folder / JOURNAL).exists()
                                       or (folder / SNAPSHOT).exists())

    def read(self) -> model.Book:
        """The client's list as it is on disk now (an empty book when there is none)."""
        folder = self.store.client_folder(self.client)
        if folder is None:
            return model.Book()
        return self._load(folder, locked=False).book

    def change(self, op: dict, *, base: dict | None = None) -> model.Book:
        """Apply one op (made by a :mod:`~workbook.core.conversations.model` function) and save it.

        Returns the list after the change. When this returns, the change is on disk; if it
        cannot be written, :class:`~workbook.core.exceptions.StoreError` is raised and nothing
        is changed. Adding a person under an id already on the list (as it is on disk) is
        refused with a :class:`~workbook.core.conversations.model.ConversationError`: it would
        wipe their steps and notes; so is adding someone listed at that place already (the
        same name there, :func:`~workbook.core.conversations.model.check_add`:
        :class:`~workbook.core.conversations.model.OnListError`), so two pages adding one
        person at once add them once.

        ``base`` (for an ``edit`` op) holds the person's texts as the page last showed them
        (``{"learned": ..., "note": ...}``): a text another page changed since is not
        written over but kept with this page's (:func:`merge_texts`, round 6 D1).
        """
        problem = model.op_problem(op)
        if problem:
            raise StoreError(f"this change cannot be saved: {problem}")
        folder = self.store.client_folder(self.client, create=True)
        journal = folder / JOURNAL
        with disk.locked(folder / LOCK_FILE):
            disk.remove_temps(folder, prefix=SNAPSHOT)
            seen = self._load(folder, locked=True)
            if seen.journal_sig and seen.journal_sig[1] > seen.prefix.size:  # a cut last line
                tail = ended_tail(journal, seen.prefix)  # ended by this change's append
                _replay(seen.book, tail, journal, self.client, start=seen.prefix.size)
            op = _to_kept(seen.book, op)  # made under a copy folded since (L12)
            if base:  # merged with what is on disk now, under the lock
                op = merge_texts(seen.book, op, base)
            line = dump({"at": now_stamp(), "client_id": self.client, **op,
                         **_was(seen.book, op)})
            try:
                model.check_new(seen.book, op)  # before anything is written
                model.check_add(seen.book, op)  # one listed there by another page meanwhile
                size = disk.append_line(journal, line)  # from here on it is on disk
            except BaseException:
                self._seen = None  # it may hold a cut line this change would have ended
                raise
            try:
                model.apply(seen.book, json.loads(line))
                seen.journal_sig = disk.signature(journal)
                added = catch_up(seen.prefix, journal)  # hashes the line appended, no more
                grown = seen.prefix.size - (seen.covered or 0)
                if seen.covered is None or grown > REWRITE_SHARE * seen.snapshot_size:
                    self._snapshot(folder, seen)
                elif seen.snapshot_size <= _core.EAGER_SIZE:  # covers every change (C26)
                    self._snapshot(folder, seen, durable=False)
                else:  # the snapshot lags: its side file keeps the line (issue 20, E11)
                    self._keep(folder, seen, added)
            except BaseException:
                self._seen = None
                disk.cut_back(journal, size)
                raise
            self._seen = seen
        logger.info("saved a %s change to the conversations of %s", op["op"], folder.name)
        return seen.book

    # -- files ---------------------------------------------------------------------------
    def _snapshot(self, folder, seen: _Seen, *, durable: bool = True) -> None:
        """Write the snapshot of ``seen.book``, covering the record's bytes hashed so far.

        A small snapshot is rewritten at every change, without an fsync of its own (the
        record's line was fsynced): another copy of the record put over this one is then
        told from it, and what it lacks written back (as answers.json, attacks5 C26).
        """
        book = book_to_dict(seen.book)
        prints = line_prints(disk.read_record(folder / JOURNAL)[:seen.prefix.size])
        text = dump({"format": FORMAT, "client_id": self.client,
                     COVERED: seen.prefix.size, COVERED_HASH: seen.prefix.hex,
                     LAST_LINE: last_line(folder / JOURNAL, seen.prefix.size),
                     BOOK_HASH: value_hash(book), "book": book, COVERED_LINES: prints})
        disk.write_file(folder / SNAPSHOT, text, durable=durable)
        seen.covered, seen.snapshot_size = seen.prefix.size, _cadence_size(text, prints)
        seen.snapshot_sig = disk.signature(folder / SNAPSHOT)
        seen.digest = seen.prefix.hex
        if seen.since_at is not None:  # (it follows the snapshot replaced)
            seen.since_at = None
            side.drop(folder / SNAPSHOT)

    def _keep(self, folder, seen: _Seen, added: bytes) -> None:
        """Add a change's line to the side file of a snapshot that lags (:mod:`since`)."""
        def whole():
            _, data = disk.read_from(folder / JOURNAL, seen.covered)
            return (data or b"")[:seen.prefix.size - seen.covered]

        seen.since_at = side.keep(folder / SNAPSHOT, seen.covered, seen.digest,
                                  seen.since_at, added, whole)

    def _load(self, folder, *, locked: bool) -> _Seen:
        journal, path = folder / JOURNAL, folder / SNAPSHOT
        seen = self._seen
        if seen is not None and seen.journal_sig == disk.signature(journal) \
                and seen.snapshot_sig == disk.signature(path):
            return seen
        seen = self._one_each(folder, self._read(folder, locked=locked), locked)
        self._seen = seen
        return seen

    def _one_each(self, folder, seen: _Seen, locked: bool) -> _Seen:
        """Make one person of each pair the record lists twice (round 8, as F8's fold).

        Two ``add`` lines of one person under two ids (the same name at the same place,
        :func:`~model.person_key`), as a sync or merge tool keeping the lines of both copies
        of the record leaves them: the one listed first is kept and given what the other
        holds (:func:`fold_twins`'s merge: every step and follow-up at its earlier day, the
        texts of both), by changes appended to the record under the folder's lock, then a
        ``fold`` line takes the other copy off (not as a removal: no session counts them).
        So every later reading, from the snapshot or from the record alone, gives the same
        list, and a later change to the one kept stands. The coach is told once. In a folder
        that cannot be written the pair is made one for this reading only. One person added
        on two copies and taken off on one (its add line says it did not list that one
        again) is made one the same way (:func:`_taken_off_ops`, round 13a R3).
        """
        pairs = model.twins(seen.book)
        journal = folder / JOURNAL
        shared = {model.place_key(f.name) for f in seen.book.former_people} & {
            model.place_key(p.name) for p in seen.book.people.values()}
        data = disk.read_record(journal) if journal.exists() and (pairs or shared) else b""
        gone = merged_copies.taken_off_twins(seen.book, data, self.client) if shared else []
        if not pairs and not gone:
            return seen
        size = disk.signature(journal)[1] if journal.exists() else None
        if self._writable(folder) and not locked:
            with disk.locked(folder / LOCK_FILE):
                return self._one_each(folder, self._read(folder, locked=True), True)
        write = self._writable(folder) and size == seen.prefix.size
        book = seen.book if write else copy.deepcopy(seen.book)
        said, days, told = [], [], []
        for person, former in merged_copies.taken_off_twins(book, data, self.client):
            ops, words = _taken_off_ops(book, person, former, data, self.client)
            for op in ops:
                if write:
                    disk.append_line(journal, dump({"at": now_stamp(),
                                                    "client_id": self.client, **op}))
                model.apply(book, op)
            told.append(f"{journal} (client {self.client!r}) {words}")
        again = merged_copies.adds_again(data, self.client) if pairs else {}
        for kept, other in model.twins(book):
            merged = copy.deepcopy(kept)
            if kept.meeting and other.meeting and kept.meeting != other.meeting:
                days.append(f"{kept.name}'s other day of the talk ({other.meeting})")
            for step in model.STEPS[1:]:  # the earlier day of each is kept (M11)
                mine, theirs = kept.steps.get(step), other.steps.get(step)
                if mine and theirs and mine != theirs:
                    days.append(f"{kept.name}'s other day of {model.STEP_WORDS[step]} "
                                f"({max(mine, theirs)})")
            if model.place_key(kept.org) != model.place_key(other.org):  # moved on one (L1)
                days.append(f"{kept.name}'s place on the other copy "
                            f"({other.org or 'no place'}; {kept.name} is at "
                            f"{kept.org or 'no place'})")
            _fold(merged, other)
            # taken off and listed again on one copy (its add says so): listed again is
            # the later word, so not let go for the other copy's change (round 13a R7)
            relisted = next((p for p, q in ((kept, other), (other, kept))
                             if q.id in again.get(p.id, ())), None)
            if relisted is not None and merged.let_go != relisted.let_go:
                merged.let_go = relisted.let_go
                days.append(f"{kept.name} was taken off the list and listed again on one "
                            f"copy, so is on the list"
                            + (", not let go" if not relisted.let_go else ""))
            ops = _fold_ops(book, merged, other.id)
            for op in ops:
                if write:
                    disk.append_line(journal, dump({"at": now_stamp(),
                                                    "client_id": self.client, **op}))
                model.apply(book, op)
            said.append(f"{kept.name} ({kept.org})" if kept.org else kept.name)
        one = len(said) == 1
        words = (f"{journal} (client {self.client!r}) listed {', '.join(said)} twice (two "
                 f"adds under two ids, as a sync or merge tool keeping the lines of two "
                 f"copies of it writes them): {'that is' if one else 'each is'} one person "
                 f"again, with the steps and notes of both") if said else ""
        kept_days = [d for d in days if " listed again on one copy" not in d]
        if kept_days:
            words += (f"; {'; '.join(kept_days)} was not kept (it is in the record's "
                      f"earlier lines)")
        words += "".join(f"; {d}" for d in days if d not in kept_days)
        words = ". ".join([*told, words] if words else told)
        if not write:
            self._tell(f"{words} (for this reading: "
                       + ("the folder cannot be written, so no file was changed)."
                          if not self._writable(folder) else
                          "a line is being written to the record; it is made so next time).")
                       )
            return _Seen(book, seen.journal_sig, seen.snapshot_sig, None, 0, seen.prefix)
        catch_up(seen.prefix, journal)
        seen.journal_sig = disk.signature(journal)
        self._snapshot(folder, seen)
        side.drop(folder / SNAPSHOT)
        self._tell(f"{words}; the record says so (changes written to it).")
        return seen

    def _read(self, folder, *, locked: bool) -> _Seen:
        journal, path = folder / JOURNAL, folder / SNAPSHOT
        recoded = recode_record(journal, folder / LOCK_FILE, self.client, locked=locked,
                                writable=self._writable(folder))
        if recoded:  # an editor's UTF-16 save, rewritten as UTF-8 (records.recode_record)
            self._tell(recoded)
        torn = check_tail(journal, folder / LOCK_FILE, locked=locked,
                          writable=self._writable(folder))
        if torn:  # a cut line the snapshot still holds is written back (records.LAST_LINE)
            back, names = self._write_back(folder, locked) if isinstance(
                torn[1], os.PathLike) else ("", [])
            if names:  # cut inside what the snapshot covers: its list written back
                self._tell(_recovered_words(journal, self.client, torn[1], torn[2], back,
                                            names))
            else:
                self._tell(written_back_words(journal, self.client, torn[1], torn[2], back)
                           if back else torn_words(journal, self.client, *torn))
        snapshot_sig = disk.signature(path)
        try:
            raw = disk.read_bytes(path)
        except (FileNotFoundError, IsADirectoryError) as exc:
            # a folder at its name (a sync tool) is read as a missing one (round 13a R13)
            folder_words = _folder_words(path, folder, self.client) \
                if isinstance(exc, IsADirectoryError) else None
            if side.path_of(path).exists() and self._writable(folder):  # (round 11a M3)
                if not locked:
                    with disk.locked(folder / LOCK_FILE):
                        return self._read(folder, locked=True)
                self._orphan(folder, "is a folder" if folder_words else "is missing")
            journal_sig, data = disk.signature(journal), disk.read_record(journal)
            lines = data[:whole_lines(data)]
            book, check = model.Book(), LineCheck(journal, self.client, lines, unheld=True)
            _replay(book, lines, journal, self.client, check=check)
            seen = _Seen(book, journal_sig, None, None, 0, Prefix(lines))
            if folder_words and (locked or not check.said or not self._writable(folder)):
                self._tell(folder_words)  # (once: not before a reading again under the lock)
            return self._checked(folder, seen, check, locked)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            state = parse_json(raw)
            if not isinstance(state, dict):
                raise ValueError("it does not hold a conversations list")
            if not same_client(state.get("client_id", self.client), self.client):
                raise ValueError(f"it holds the conversations of another client, "  # (C12)
                                 f"{str(state['client_id'])[:60]!r}: a copy of that "
                                 "client's file?")
            covered = state.get(COVERED)
            if isinstance(covered, bool) or not isinstance(covered, int) or covered < 0:
                raise ValueError(f"its {COVERED} is not a count of bytes")
            if not is_hash(state.get(COVERED_HASH, "0" * 64)):
                raise ValueError(f"its {COVERED_HASH} is not a SHA-256 hash")
            book = book_from_dict(state.get("book"))
            if BOOK_HASH in state and value_hash(state.get("book")) != state[BOOK_HASH]:
                raise ValueError("its list was changed outside the kit: it no longer matches "
                                 "the SHA-256 it was saved with")
        except (ValueError, TypeError) as exc:
            if not (locked or not self._writable(folder)):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, locked=True)
            return self._recover(folder, exc)
        if state.get("format") != FORMAT:  # an earlier kit's snapshot: the record decides
            if not (locked or not self._writable(folder)):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, locked=True)
            return self._older(folder, book, state)
        # the changes after what it covers, kept beside it (read before the record: a
        # change is appended to the record first, so the record holds what this holds)
        body = side.read(path, covered, state.get(COVERED_HASH))
        # the record is read after the snapshot: it only grows, so it starts with what a
        # snapshot written meanwhile covers
        journal_sig, data = disk.signature(journal), disk.read_record(journal)
        end = whole_lines(data)  # a line still being written is not read
        prefix = proven_prefix(data, covered, state.get(COVERED_HASH))
        why = side.stray(path, covered, state.get(COVERED_HASH), self.client,
                         prefix is not None)
        if why is not None:  # not its own side file: read as a missing one (round 14a V5, V10)
            if not (locked or not self._writable(folder)):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, locked=True)
            aside = side.set_aside_stray(path, why) if self._writable(folder) else None
            self._tell(side.stray_words(path, self.client, why, aside, "change",
                                             JOURNAL) + ".")
            body = None
        tail = data[covered:end] if prefix is not None else b""
        lacking = side.lacking(tail, body) if prefix is not None else None
        damaged = body is not None and body.problem is not None and (  # (round 9a H10)
            body.unheaded or prefix is None or not (len(tail) > len(body)
                                                    and tail.startswith(body)))
        if prefix is None or side.diverged(tail, body) or lacking or damaged:
            if not (locked or not self._writable(folder)):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, locked=True)
            if lacking and self._writable(folder) and end == len(data):
                self._write_lacking(folder, lacking, body, covered, state[COVERED_HASH])
                return self._read(folder, locked=True)
            said = side.lost_words(path, body, "change", JOURNAL, self.client) \
                if damaged else None
            if prefix is None or side.diverged(tail, body) or lacking:
                if said:  # kept as .unread-<time>, never dropped (round 14a V20)
                    aside = side.keep_unread(path, body) if self._writable(folder) else None
                    self._tell(said + (f"; the file as it was is kept as {aside}" if aside
                                       else "") + ".")
                return self._rebuild(folder, book, state, data, body)
            if self._writable(folder):
                aside = side.settle(path, covered, state[COVERED_HASH], body)
                said += f"; the file as it was is kept as {aside}" if aside else ""
            self._tell(said + ".")
        older = _lacks_former(state) and b'"remove"' in data[:covered]
        if older:  # written before C7: the people its lines took off, from them
            _former_from_record(book, data[:covered], journal, self.client)
        check = LineCheck(journal, self.client, data, covered)
        _replay(book, tail, journal, self.client, start=covered, check=check)
        prefix.add(tail)
        seen = _Seen(book, journal_sig, snapshot_sig, None if older else covered,
                     _cadence_size(raw, state.get(COVERED_LINES)), prefix,
                     state.get(COVERED_HASH))
        if body is not None and body.exact and body == tail:  # the next change adds to it
            seen.since_at = side.size(covered, state[COVERED_HASH], body)
        return self._checked(folder, seen, check, locked)

    def _write_lacking(self, folder, lacking: bytes, body=None, covered=None,
                       digest=None) -> None:
        """Write back the record's last lines it lacks, as its side file keeps them (E11).

        The record is the start of what the snapshot and ``conversations.json.since``
        cover: its last lines were lost (the file cut short, or an older copy put back).
        """
        journal = folder / JOURNAL
        n = side.write_back(journal, lacking)
        self._seen = None
        they = "It was" if n == 1 else "They were"
        self._tell(f"{journal} (client {self.client!r}) lacked its last {n} line"
                   f"{'' if n == 1 else 's'} (changes made in this folder): it was cut "
                   f"short, or an older copy of it was put over this one. {they} written "
                   f"back to the record as saved, from {side.path_of(folder / SNAPSHOT).name}"
                   + _side_trouble(folder / SNAPSHOT, body, covered, digest))

    def _checked(self, folder, seen: _Seen, check: LineCheck, locked: bool) -> _Seen:
        """Tell once what the lines read say (a repeated line not applied, a step back).

        Under the folder's lock the snapshot is rewritten to cover them.
        """
        if not check.said:
            return seen
        if not locked and self._writable(folder):
            with disk.locked(folder / LOCK_FILE):
                return self._read(folder, locked=True)
        for words in check.said:
            self._tell(words)
        if locked and self._writable(folder):
            try:
                self._snapshot(folder, seen)
            except StoreError as exc:  # the reading stands; it is said again next time
                logger.info("%s was not rewritten: %s", folder / SNAPSHOT, exc)
        return seen

    def _rebuild(self, folder, earlier: model.Book, state: dict, data: bytes,
                 body: bytes | None = None) -> _Seen:
        """Rebuild a list whose snapshot does not match the record (under the folder's lock).

        The snapshot's list with every readable line of the record applied over it (an add
        of a person it holds already sets the fields it names, and keeps their steps and
        notes), so nothing either holds is lost and the record has the last word. A snapshot
        of an earlier version (no hash) that agrees with its record is taken over without a
        word; otherwise it is kept as ``conversations.json.unmatched-<time>`` and the coach
        is told. ``body``: the lines ``conversations.json.since`` keeps after what the
        snapshot covers (a list past ``EAGER_SIZE``): applied to its list first and counted
        as covered, so what only they hold is written back (issue 20, E11).
        """
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        lines = data[:whole_lines(data)]
        if _lacks_former(state):  # written before C7: the people the record took off
            _former_from_record(earlier, lines, journal, self.client)
        if body:
            with quiet():
                _replay(earlier, body, journal, self.client)
            if isinstance(state.get(COVERED_LINES), list):
                state = {**state, COVERED_LINES: state[COVERED_LINES] + line_prints(body)}
        snapshot_former = list(earlier.former_people)  # whom its copy took off (R3)
        book, check = copy.deepcopy(earlier), LineCheck(journal, self.client, lines)
        prints = covered_prints(state)
        # the lines the snapshot covered are in its list already (B17): only the others are
        # applied over it; a snapshot without their prints has every line applied over it
        # (whom its people list again: another laptop's record put over this one lacks the
        # add lines that said so, round 13a R7)
        _replay(book, lines if prints is None else masked(lines, prints), journal,
                self.client, merge=True, check=check, both=prints is not None, own=prints,
                again=merged.snapshot_again(earlier))
        for words in check.said:
            self._tell(words)
        same = False
        if COVERED_HASH not in state:  # what an earlier version read: the snapshot, then on
            covered = state[COVERED]
            if covered <= len(lines) and (not covered or lines[covered - 1] == ord("\n")):
                with quiet():
                    _replay(earlier, lines[covered:], journal, self.client)
            same = book_to_dict(book) == book_to_dict(earlier)
        twins = [] if same else _record_twins(book, lines, journal, self.client)
        n = len(book.people)
        said = (f"{journal} (client {self.client!r}) was changed outside the kit "
                f"(line endings converted, a line edited or removed, or the file replaced), "
                f"so {SNAPSHOT} no longer matched it. The list "
                f"({n} {'person' if n == 1 else 'people'}) was rebuilt from it and every "
                f"readable line of {JOURNAL}")
        if same:
            logger.info("%s, of an earlier version, agrees with %s", path, JOURNAL)
        if not self._writable(folder):  # rebuilt for this reading only
            if not same:
                self._tell(f"{said}; the folder cannot be written, so no file was changed."
                           + _twins_words(twins))
            return _Seen(book, disk.signature(journal), None, None, 0, Prefix(lines))
        if not same:
            share_at = _snapshot_stamp(path, lines)  # (before it is moved aside)
            gone = _side_gone(path, state, lines) if body is None else ""
            aside = disk.set_aside(path, f"{JOURNAL} does not start with what it covers",
                                   label="unmatched")
            said = f"{said}; the earlier {SNAPSHOT} was kept as {aside.name}."
            names, left = _write_back_book(journal, self.client, book, lines,
                                           _damaged_marks(lines), share_at=share_at,
                                           former=snapshot_former, restates=_restated(
                                               state.get(COVERED_LINES), lines)) \
                if len(data) == len(lines) else ([], [])
            if names:  # the record holds them again: losing the snapshot loses nothing
                lines = disk.read_record(journal)
                said += (f" What only {SNAPSHOT} held of {', '.join(names)} was written "
                         "back to the record.")
            said += _twins_words(twins) + _left_words(left + _twins_left(twins), aside) \
                + gone
            self._tell(said)
        seen = _Seen(book, disk.signature(journal), None, None, 0, Prefix(lines))
        self._snapshot(folder, seen)
        side.drop(path)  # (the snapshot covers the whole record now)
        return seen

    def _older(self, folder, earlier: model.Book, state: dict) -> _Seen:
        """Read a list whose snapshot an earlier kit wrote (B5, B15, B21).

        That kit knew nothing of the fields written since (places, let go, told, the
        nudge day), so its list may hide changes the record holds; and a record that went
        back to an older copy (B1) may have lost changes only its list holds. Both readings
        are made: the usual one (the snapshot, then the lines after what it covers) and the
        whole record replayed. When they agree, the snapshot is rewritten in today's format
        without a word. Otherwise the record's lines are applied over the snapshot's list,
        what only the snapshot held of people is written back to the record, the list is
        read from the record, the earlier snapshot is kept as
        ``conversations.json.earlier-<time>`` and the coach is told.
        """
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        data = disk.read_record(journal)
        lines = data[:whole_lines(data)]
        if _lacks_former(state):  # written before C7: the people the record took off
            _former_from_record(earlier, lines, journal, self.client)
        book, check = model.Book(), LineCheck(journal, self.client, lines, unheld=True)
        _replay(book, lines, journal, self.client, check=check)
        for words in check.said:
            self._tell(words)
        covered = state.get(COVERED)
        usual = copy.deepcopy(earlier)
        with quiet():
            if proven_prefix(data, covered, state.get(COVERED_HASH)) is not None:
                _replay(usual, lines[covered:], journal, self.client)
            else:  # the record no longer starts with what it covers: both, record last
                _replay(usual, lines, journal, self.client, merge=True)
        seen = _Seen(book, disk.signature(journal), None, None, 0, Prefix(lines))
        if book_to_dict(book) == book_to_dict(usual):
            if self._writable(folder):
                self._snapshot(folder, seen)
            return seen
        merged = copy.deepcopy(earlier)
        with quiet():
            _replay(merged, lines, journal, self.client, merge=True)
        twins = fold_twins(merged, book, merged_copies.adds_again(lines, self.client))  # (F8)
        said = (f"{path} (client {self.client!r}) was written by an earlier version of the "
                f"kit and did not give the same list as {JOURNAL}")
        if not self._writable(folder):
            n = len(merged.people)
            self._tell(f"{said}; the list ({n} {'person' if n == 1 else 'people'}) was "
                       f"read from both (the folder cannot be written, so no file was "
                       f"changed)." + _twins_words(twins))
            return _Seen(merged, disk.signature(journal), None, None, 0, Prefix(lines))
        names, left = _write_back_book(journal, self.client, merged, lines,
                                       share_at=_snapshot_stamp(path, lines)) \
            if len(data) == len(lines) else ([], [])
        if names:  # the record holds them again: losing the snapshot loses nothing
            data = disk.read_record(journal)
            lines = data[:whole_lines(data)]
            book = model.Book()
            with quiet():
                _replay(book, lines, journal, self.client)
            seen = _Seen(book, disk.signature(journal), None, None, 0, Prefix(lines))
        n = len(book.people)
        aside = disk.set_aside(path, "written by an earlier version of the kit",
                               label="earlier")
        said = (f"{said}; the list ({n} {'person' if n == 1 else 'people'}) was rebuilt "
                f"from {JOURNAL}")
        if names:
            said += (f", after what only {SNAPSHOT} held of {', '.join(names)} was written "
                     "back to the record")
        self._tell(f"{said}; the earlier {SNAPSHOT} was kept as {aside.name}."
                   + _twins_words(twins) + _left_words(left + _twins_left(twins), aside))
        self._snapshot(folder, seen)
        return seen

    def _write_back(self, folder, locked: bool) -> tuple:
        """Append again the record's cut-off last line when the snapshot proves it held it.

        Or its side file (a snapshot that lags, E11). When the cut fell inside what the
        snapshot covers (lines lost after the cut one too), what its list holds and the
        record's lines do not give is written back as changes (:meth:`_write_back_cut`).
        Returns ``(the file it came from, or "", the people and places written back as
        changes)``.
        """
        if not locked:
            with disk.locked(folder / LOCK_FILE):
                return self._write_back(folder, True)
        try:
            state = parse_json(disk.read_bytes(folder / SNAPSHOT))
        except (OSError, ValueError):
            return "", []
        if not isinstance(state, dict) or not same_client(state.get("client_id", self.client),
                                                          self.client):
            return "", []
        if write_back_line(folder / JOURNAL, state, COVERED, COVERED_HASH) is not None:
            return SNAPSHOT, []
        data = disk.read_record(folder / JOURNAL)  # the cut line its side file keeps (E11)
        covered = state.get(COVERED)
        if len(data) != whole_lines(data) or isinstance(covered, bool) \
                or not isinstance(covered, int):
            return "", []
        if covered > len(data):
            return self._write_back_cut(folder, state, data)
        if proven_prefix(data, covered, state.get(COVERED_HASH)) is None:
            return "", []
        lacking = side.lacking(data[covered:], side.read(folder / SNAPSHOT, covered,
                                                          state.get(COVERED_HASH)))
        if not lacking:
            return "", []
        side.write_back(folder / JOURNAL, lacking)
        return side.path_of(folder / SNAPSHOT).name, []

    def _write_back_cut(self, folder, state: dict, data: bytes) -> tuple:
        """Write back what the snapshot held of a record cut inside what it covers (round 8).

        Only when the record's lines are the start of the lines the snapshot covers (their
        fingerprints) and its list reads whole and as saved: what the list holds and the
        record does not give is appended as changes (:func:`_write_back_book`), and the
        snapshot rewritten to cover the record, so the first notice can say the change was
        recovered (and no later reading finds the snapshot unmatched). Otherwise nothing is
        written here (the rebuild that follows writes back and says so).
        """
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        prints = state.get(COVERED_LINES)
        mine = line_prints(data)
        if state.get("format") != FORMAT or not isinstance(prints, list) \
                or prints[:len(mine)] != mine or len(prints) <= len(mine):
            return "", []
        try:
            book = book_from_dict(state.get("book"))
        except (ValueError, TypeError):
            return "", []
        if BOOK_HASH in state and value_hash(state.get("book")) != state[BOOK_HASH]:
            return "", []
        body = side.read(path, state[COVERED], state.get(COVERED_HASH))
        if body:  # the lines it keeps after what the snapshot covers were cut off too
            with quiet():
                _replay(book, body, journal, self.client)
        names, left = _write_back_book(journal, self.client, book, data,
                                       share_at=_snapshot_stamp(path, data),
                                       restates=_restated(prints, data, body))
        if not names or left:
            return "", []
        lines = disk.read_record(journal)
        held = model.Book()
        with quiet():
            _replay(held, lines, journal, self.client)
        self._snapshot(folder, _Seen(held, disk.signature(journal), None, None, 0,
                                     Prefix(lines)))
        side.drop(path)  # (the snapshot covers the whole record now)
        self._seen = None
        return (f"{SNAPSHOT} and {side.path_of(path).name}" if body else SNAPSHOT), names

    def _orphan(self, folder, why: str) -> None:
        """Write back what the side file of a missing or unreadable snapshot keeps (M3).

        Under the folder's lock. ``conversations.json.since`` keeps the record's lines after
        the bytes the snapshot covered; with the snapshot gone the record is read alone, so
        the lines it lacks (an older copy of it put over this one, or its end cut off) are
        appended as they were saved. When the record no longer holds what the snapshot
        covered, the changes between the record's last line and the side file's first were
        kept only in the snapshot: the coach is told they may be missing. The side file,
        which follows a snapshot no longer there, is then removed (the record holds it all).
        """
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        head = _side_head(side.path_of(path))
        body = side.read(path, *head) if head is not None else side.unheaded(path)
        if body is not None and head is None:  # emptied, or cut in its first line (R4)
            self._side_lost(folder, body, why)
            return
        if body is None or body.unheaded:
            return
        owner = side.other_client(body, self.client)
        if owner is not None:  # another client's side file: never their lines here (R8)
            aside = disk.set_aside(side.path_of(path), f"changes of client {owner!r}",
                                   label="unread").name
            self._seen = None
            self._tell(side.other_client_words(path, owner, self.client, aside) + ".")
            return
        data = disk.read_record(journal)
        if whole_lines(data) != len(data):  # a line being written: read next time
            return
        covered, digest = head
        held = covered <= len(data) and hashlib.sha256(data[:covered]).hexdigest() == digest \
            and not side.diverged(data[covered:], body)
        if held:
            lacking = side.lacking(data[covered:], body) or b""
        else:
            have = {line.strip() for line in data.splitlines()}
            lacking = b"".join(line + b"\n" for line in body.splitlines()
                               if line.strip() not in have)
        if not lacking:
            if not body.problem and (held or not covered):
                side.drop(path)
            elif body.problem or not held:  # nothing to write back: the loss named (R4)
                self._side_lost(folder, body, why, covered=covered if not held else None,
                                data=data)
            return
        n = side.write_back(journal, lacking)
        self._seen = None
        gap = ("; no change was lost" if held and not body.problem else
               _cut_words(path, body) if held else
               f"; the changes made after {_line_at(data, last=True) or 'the record began'} "
               f"and before {_line_at(lacking) or 'those'} were kept only in {SNAPSHOT}, "
               f"so they may be missing: check the list with the client"
               + (_cut_words(path, body) if body.problem else ""))
        side.drop(path)
        they = "It was" if n == 1 else "They were"
        self._tell(f"{journal} (client {self.client!r}) lacked {n} change"
                   f"{'' if n == 1 else 's'} that {side.path_of(path).name} kept ({SNAPSHOT} "
                   f"{why}): an older copy of it was put over this one, or its end was cut "
                   f"off. {they} written back to the record as saved{gap}.")

    def _side_lost(self, folder, body, why: str, covered=None, data=b"") -> None:
        """Name what may be lost when a missing snapshot's side file names no snapshot.

        As the answers' journal says it (round 13a R4): the side file emptied, or cut
        inside its first line, gives no line back, so the changes only the snapshot and the
        side file held may be lost, if the record is an older copy put back. The side file
        as it was is kept as ``.unread-<time>`` (an empty one removed), so it is said once.
        """
        path = folder / SNAPSHOT
        aside = side.keep_unread(path, body)
        self._seen = None
        gap = (f"; {JOURNAL} does not hold all {SNAPSHOT} covered (an older copy of it put "
               f"back?), so the changes {SNAPSHOT} alone held"
               + (f" (made after {_line_at(data, last=True)})"
                  if _line_at(data, last=True) else "")
               + (" are lost from the record (re-enter them if they matter)"
                  if len(data) < covered else " may be lost")) if covered else (
            f"; as {SNAPSHOT} {why}, the changes only it held may be lost as well, if "
            f"{JOURNAL} is an older copy put back (re-enter them if they matter)")
        trouble = ("; " + side.lost_words(path, body, "change", JOURNAL)) \
            if body.problem else ""
        self._tell(f"{path} (client {self.client!r}) {why}{gap}{trouble}"
                   + (f"; the side file as it was is kept as {aside}" if aside else "") + ".")

    def _writable(self, folder) -> bool:
        """Whether a damaged or unmatched snapshot may be repaired on disk.

        Always, unless the store was opened to read only and the folder cannot be written
        (a read-only workspace): then the list is rebuilt for the reading alone.
        """
        return not getattr(self.store, "read_only", False) or os.access(folder,
                                                                         os.W_OK | os.X_OK)

    def _tell(self, detail: str) -> None:
        """Tell the coach what was repaired: :attr:`notice`, the log and a StoreWarning."""
        self.notice = detail
        logger.debug(detail)  # said once, by the warning (a command shows it as one line)
        warnings.warn(detail, StoreWarning, stacklevel=3)

    def _recover(self, folder, exc: Exception) -> _Seen:
        """Set a damaged snapshot aside and rebuild the list from the record."""
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        if self._writable(folder):  # what its side file keeps, first (round 11a M3)
            self._orphan(folder, "could not be read")
        raw = disk.read_record(journal)
        raw = raw[:whole_lines(raw)]  # a line being written, or cut by a crash, is not read
        book, check = model.Book(), LineCheck(journal, self.client, raw, unheld=True)
        _replay(book, raw, journal, self.client, check=check)
        for words in check.said:
            self._tell(words)
        n = len(book.people)
        rebuilt = f"the list ({n} {'person' if n == 1 else 'people'}) was rebuilt from {JOURNAL}"
        seen = _Seen(book, disk.signature(journal), None, None, 0, Prefix(raw))
        if not self._writable(folder):  # rebuilt for this reading only
            self._tell(f"{path} (client {self.client!r}) could not be read ({exc}); "
                       f"{rebuilt} (the folder cannot be written, so no file was changed)")
            return seen
        aside = disk.set_aside(path, exc)
        self._tell(f"{path} (client {self.client!r}) could not be read ({exc}); it "
                   f"was moved to {aside.name} and {rebuilt}")
        self._snapshot(folder, seen)  # whole lines only
        return seen


def _folder_words(path, folder, client: str) -> str:
    """A folder at the snapshot's name, read as a missing snapshot (round 13a R13)."""
    return (f"{path} (client {client!r}) is a folder, not the snapshot the kit writes (a sync "
            f"tool can make one): it was not read, and the list was read from {JOURNAL}, the "
            f"record; move that folder out of {folder} (the kit never makes it) so that this "
            "client's list can be changed again")


def _recovered_words(journal, client: str, aside, tail: bytes, source: str,
                     names: list) -> str:
    """What the coach is told of a record cut inside what its snapshot covers, written back.

    As the answers' journal says it (:func:`~workbook.session.store.records.recovered_words`):
    the change the cut line held, and those of the lines cut off after it, were recovered
    and written back, naming what.
    """
    whose = torn_words(journal, client, 1, aside, tail).split(" is incomplete", 1)[0]
    return (f"{whose} was cut off (by a sync tool, a crash or an edit); the change it held, "
            f"and those of the lines cut off after it, were recovered from {source} and "
            f"written back to the record ({', '.join(names)}): none was lost; its cut bytes "
            f"were kept as {aside.name}.")


def _damaged_marks(lines: bytes) -> dict:
    """``{person or place id: its mark}`` for each damaged line of the record naming one.

    A line written back for such an id says which damaged line it stands for
    (:func:`~workbook.session.store.records.stands_for`), and gives way once that line is corrected
    by hand (attacks4 B18).
    """
    marks = {}
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except ValueError:
            found = _NAMED.search(line)
            named = found.group(1).decode("utf-8", "replace") if found else None
        else:  # read, but not a change the kit can apply ('thankd' is not a step)
            named = value.get("id") if isinstance(value, dict) and model.op_problem(
                value) is not None else None
        if isinstance(named, str):
            marks[named] = stands_for(lines, number)
    return marks


_NAMED = re.compile(rb'"op"\s*:\s*"[a-z_]{1,20}"\s*,\s*"id"\s*:\s*"([^"\\]{1,200})"')


def _snapshot_stamp(path, lines: bytes):
    """When the snapshot was last written (its file's time), as a line's ``at``, or None.

    The sharing choices it holds were made no later than that: a share line written back
    from it carries this time, not the repair's, so after a sync it does not outrank a
    later choice made on another laptop (round 13a R20). None when that time is before
    the record's last line's (the line would step back in time) or after now.
    """
    try:
        when = dt.datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
    except (OSError, ValueError, OverflowError):
        return None
    if when > dt.datetime.now().astimezone():
        return None
    for line in reversed(lines.splitlines()):
        try:
            at = json.loads(line).get("at")
            last = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
        except (ValueError, AttributeError, RecursionError):
            continue
        if last is not None:
            last = last.astimezone()
            if last > when:
                return None
            break
    return when.isoformat(timespec="microseconds")


def _restated(prints, lines: bytes, body=None) -> list:
    """The prints of the lines a snapshot covered (and its side file's ``body``) not in ``lines``.

    Lines written back for them name them (``records.RESTATES``): after a sync joining
    another copy of the record that holds them all, they give way (round 14a V3, V4).
    """
    if not isinstance(prints, list):
        return []
    from collections import Counter

    kept = prints + (line_prints(body) if body else [])
    return sorted((Counter(kept) - Counter(line_prints(lines))).elements())


def _last_stamp(lines: bytes) -> str | None:
    """The ``at`` of the record's last line that gives a readable one, as written, or None."""
    for line in reversed(lines.splitlines()):
        try:
            at = json.loads(line).get("at")
            dt.datetime.fromisoformat(at)
        except (ValueError, AttributeError, TypeError, RecursionError):
            continue
        return at
    return None


def _write_back_book(journal, client: str, book: model.Book, lines: bytes,
                     marks=None, share_at=None, former=None, restates=()) -> tuple:
    """Append to the record the changes ``book`` holds and its lines do not give.

    For a record that went back to an older copy, or lost a line (attacks4 B1, B17), as the
    answers' journal writes back a session: each difference is set by one line, in the
    order the list needs them -- the sharing choices; each place listed (a place taken off
    the list too, for now) and its details; each person (added, or taken off and listed
    again; their fields and name, listed day, steps, follow-ups, let go, the places they
    were at, day by day); the places taken off the list; a person taken off the list; last
    the places' order. Each line carries ``share_at`` when given (when the snapshot holding
    them was written), else the time of the record's last line, never the repair's (round
    13a R20, 14a V3), and names the lines it restates (``restates``, the prints of the lines
    the snapshot covered that the record lacks). Returns ``(written,
    left)`` (under the folder's lock): what was written back, and what the record still
    does not give as ``book`` holds it, in words.
    """
    held = model.Book()
    with quiet():
        _replay(held, lines, journal, client)
    written, ops = [], []

    def put(op, what):
        if model.op_problem(op) is not None:
            return
        was = held.people.get(op.get("id")) if op["op"] in _PERSON_OPS else None
        before = dataclasses.asdict(was) if was is not None else None
        model.apply(held, op)
        if before is not None and op["id"] in held.people \
                and dataclasses.asdict(held.people[op["id"]]) == before:
            return  # it changes nothing: not written
        ops.append(op)
        if what not in written:
            written.append(what)

    if (book.share_report, book.share_names) != (held.share_report, held.share_names):
        put({"op": "share", "report": book.share_report, "names": book.share_names},
            "the sharing choices")
    gone = {f.id: f for f in book.former_places if f.id not in book.places}
    gone = {pid: f for pid, f in gone.items()
            if not any((g.id, g.removed) == (pid, f.removed) for g in held.former_places)}
    for pid, place in [*book.places.items(), *gone.items()]:
        fields = {"name": place.name, "drawn": place.drawn, "knows": place.knows}
        was = held.places.get(pid)
        if was is None:
            put({"op": "place_add", "id": pid, "fields": fields, "date": place.added
                 or None}, f"the place {place.name}")
        elif any(getattr(was, key) != value for key, value in fields.items()):
            put({"op": "place_edit", "id": pid, "fields": {
                key: value for key, value in fields.items() if getattr(was, key) != value}},
                f"the place {place.name}")
    for pid, other in list(held.people.items()):  # one person listed twice, folded (round 8)
        twin = next((p for p in book.people.values() if model.same_person(p, other, book)),
                    None) if pid not in book.people else None
        if twin is not None and twin.id in held.people:
            put({"op": "fold", "id": twin.id, "other": pid}, twin.name)
    for person in book.people.values():  # (``former``: whom the snapshot's copy took off)
        _write_back_person(held, person, put, book, former)
    # where people were, day by day, and the places taken off the list, in the order of
    # their days (a place is taken off after the moves to it, before the moves after)
    events = [(place.removed, 1, {"op": "place_remove", "id": pid,
                                  "date": place.removed or None, "contact": place.contact},
               f"the place {place.name}") for pid, place in gone.items()]
    for person in book.people.values():
        events += _moves(held, person, gone)
    # (a removal carries the day its first contact was listed, as the snapshot kept it:
    # its people then may be off the list since)
    for _, _, op, what in sorted(events, key=lambda e: (e[0] or "", e[1])):
        put(op, what)
    for person in book.people.values():  # where they work, typed (no place)
        was = held.people.get(person.id)
        if was is not None and person.org != was.org and not person.place and not was.place:
            put({"op": "edit", "id": person.id, "fields": {"org": person.org},
                 "place": None, "date": person.places[-1][0] if person.places else None},
                person.name)
    for pid in list(held.people):
        if pid not in book.people:  # on the day the snapshot kept (C7)
            put(_remove(book, held.people[pid]), held.people[pid].name)
    if list(held.places) != list(book.places):
        put({"op": "place_order", "order": list(book.places)}, "the places' order")
    # what no change above can say (a line lost in the middle: a move between two kept
    # ones, a place's listed day), set as the snapshot kept it
    for person in book.people.values():
        was = held.people.get(person.id)
        if was is not None and _plain(was.places) != _plain(person.places):
            put({"op": "history", "id": person.id, "places": person.places}, person.name)
    mine, theirs = book_to_dict(book), book_to_dict(held)
    if (mine["places"], mine["former_places"]) != (theirs["places"], theirs["former_places"]):
        put({"op": "places_kept", "places": mine["places"],
             "former_places": mine["former_places"]}, "the list of places")
    if mine["former_people"] != theirs["former_people"]:  # (C7) as the snapshot kept them
        put({"op": "former_kept", "former_people": mine["former_people"]},
            "the people taken off the list")
    at = share_at or _last_stamp(lines) or now_stamp()
    for op in ops:
        mark = (marks or {}).get(op.get("id"))
        disk.append_line(journal, dump({"at": at, "client_id": client, **op,
                                        **({STANDS_FOR: mark} if mark else {}),
                                        **({RESTATES: list(restates)} if restates else {})}))
    if ops:  # what the record gives now, read as a later reading will read it
        held = model.Book()
        with quiet():
            _replay(held, disk.read_record(journal), journal, client)
    return written, _still_differs(book, held)


def _fold_ops(book: model.Book, merged: model.Person, other: str) -> list:
    """The changes that give ``book``'s copy of ``merged`` what it holds, then fold ``other``.

    As :func:`_write_back_person` writes a person back (their fields, listed day, steps,
    follow-ups, let go) and their places day by day (a ``history`` line), then the ``fold``
    line that takes the other copy off the list (:func:`_one_each`).
    """
    held, ops = copy.deepcopy(book), []

    def put(op, _what):
        if model.op_problem(op) is None:
            model.apply(held, op)
            ops.append(op)

    _write_back_person(held, merged, put)
    if _plain(held.people[merged.id].places) != _plain(merged.places):
        put({"op": "history", "id": merged.id, "places": merged.places}, merged.name)
    put({"op": "fold", "id": merged.id, "other": other}, merged.name)
    return ops


def _taken_off_ops(book: model.Book, person: model.Person, gone, data: bytes,
                   client: str) -> tuple:
    """``(ops, words)``: one person added on two copies and taken off on one (round 13a R3).

    ``person`` is on the list from one copy; ``gone`` (an entry of
    :attr:`~model.Book.former_people`) is the same person as the other copy took them off.
    As a removal that did not see the other copy's change (M1): when ``person`` holds
    something that copy had not seen (a step beyond being listed, a text, a follow-up),
    they are kept, given what both copies held (:func:`_fold`) and let go on the day they
    were taken off (a talk held or thanks sent: kept as they are); else they are taken off
    on that day, as that copy did. Either way the other entry goes from the people taken off
    (a ``former_kept`` line), so no session counts them twice.
    """
    removal = merged.removal_line(data, gone.id, client) or {}
    unseen = merged.unseen_by(person, removal.get("was"))
    other = merged.as_taken_off(data, gone.id, client)
    if other is None or other.added != gone.added:
        other = merged.former_person(book, gone)
    else:
        other.steps, other.places = dict(gone.steps), model.copy_history(gone.places)
    held, ops = copy.deepcopy(book), []

    def put(op, _what=None):
        if model.op_problem(op) is None:
            model.apply(held, op)
            ops.append(op)

    name = f"{person.name} ({person.org})" if person.org else person.name
    day = gone.removed
    if unseen:
        both = copy.deepcopy(person)
        _fold(both, other)
        _write_back_person(held, both, put)
        finished = {"held", "thanked", "told"} & set(both.steps) or both.let_go
        if not finished:
            put({"op": "let_go", "id": person.id, "date": day})
        what = " and ".join([", ".join(unseen[:-1]), unseen[-1]] if len(unseen) > 1
                            else unseen)
        words = (f"lists {name}, whom another copy of the list added too and took off the "
                 f"list on {day} (two copies of the list joined by a sync or merge tool): "
                 f"that is one person; the copy taking them off had not seen {what}, so "
                 f"{person.name} is kept, "
                 + ("on the list rather than taken off" if finished else
                    f"let go on {day} rather than taken off")
                 + ", with what both copies recorded")
    else:
        put({"op": "remove", "id": person.id, "date": day})
        words = (f"lists {name}, whom another copy of the list added too and took off the "
                 f"list on {day} (two copies of the list joined by a sync or merge tool): "
                 f"that is one person, and nothing else was recorded for them on this "
                 f"copy, so {person.name} was taken off the list on {day} as that copy did")
    former = [dataclasses.asdict(f) for f in held.former_people if f is not None
              and (f.id, f.removed) != (gone.id, gone.removed)]
    for entry in former:  # listed on the earlier of the two days
        if entry["id"] == person.id and gone.added and gone.added < (entry["added"] or "9"):
            entry["added"] = gone.added
    put({"op": "former_kept", "former_people": former})
    return ops, words


def _record_twins(book: model.Book, lines: bytes, journal, client: str) -> list:
    """:func:`fold_twins` of ``book`` against what the record's ``lines`` give."""
    held = model.Book()
    with quiet():
        _replay(held, lines, journal, client)
    return fold_twins(book, held, merged.adds_again(lines, client))


def _twins_words(twins: list) -> str:
    """The pairs :func:`fold_twins` made one person again, in words ('' for none)."""
    if not twins:
        return ""
    names = ", ".join(f"{name} ({place})" if place else name
                      for name, place, *_ in twins)
    one = len(twins) == 1
    again = "".join(f" {name} was taken off the list and listed again on one copy, so is on "
                    f"the list" + ("" if let_go else ", not let go") + "."
                    for name, _, _, _, relisted, let_go in twins if relisted)
    return (f" {names} {'was' if one else 'were'} on the list twice (added on two copies of "
            f"it, one copied over the other): {'that is' if one else 'each is'} one person "
            f"again, with the steps and notes of both." + again)


def _twins_left(twins: list) -> list:
    """The talk days :func:`fold_twins` could not keep both of, in words."""
    return [f"{name}'s other day of the talk ({other})" for name, _, _, other, *_ in twins
            if other]


def fold_twins(book: model.Book, held: model.Book, again=None) -> list:
    """Make one person again of each pair a copy of the list made twice (round 8 F8).

    Two laptops each added the same person (the same name at the same place,
    :func:`~model.person_key`, the Add form's rule); a sync put one laptop's record over the
    other's, so the snapshot's copy (in ``book`` only) and the record's (in ``held`` too)
    stand side by side under two ids. The snapshot's copy is folded into the record's, in
    ``book``: every step and follow-up at its earlier day, the listed day the earlier, the
    texts of both (:func:`~workbook.session.store.records.merge_text`; "who they suggested"
    line by line), the sooner "how soon", the talk day, who suggested them and the day they
    were let go where the record's has none; people they suggested point to the one kept.
    Nothing is counted twice, and what is written back goes onto the record's copy.

    ``again``: whom each add line of the record lists again (``{id: [ids]}``,
    :func:`~workbook.session.merged.adds_again`): a person taken off and listed again on
    one copy is the later word, so the one kept is let go only as the one listed again is
    (round 13a R7, as :meth:`Tracker._one_each` folds).

    Returns ``[(name, place, talk day kept, other talk day or "", listed again, let go)]``,
    one a pair folded: the other day when the two copies set different talk days (the
    snapshot set aside keeps it); whether one of the pair was listed again in place of the
    other, and the day the one kept is let go.
    """
    again = again or {}
    out = []
    for pid, other in list(book.people.items()):
        if pid in held.people:
            continue
        kept = next((p for p in book.people.values() if p.id in held.people
                     and model.same_person(p, other, book)), None)
        if kept is None:
            continue
        clash = other.meeting if kept.meeting and other.meeting \
            and kept.meeting != other.meeting else ""
        relisted = next((p for p, q in ((kept, other), (other, kept))
                         if q.id in again.get(p.id, ())), None)
        let_go = relisted.let_go if relisted is not None else None
        _fold(kept, other)
        if relisted is not None:  # taken off and listed again on one copy (R7)
            kept.let_go = let_go
        del book.people[pid]
        for each in book.people.values():
            if each.suggested_by == pid:
                each.suggested_by = kept.id
        out.append((kept.name, kept.org, kept.meeting, clash, relisted is not None,
                    kept.let_go))
    return out


def _fold(kept: model.Person, other: model.Person) -> None:
    """Put ``other``'s steps, follow-ups and texts into ``kept`` (:func:`fold_twins`)."""
    for dated in ("steps", "followed"):
        mine, theirs = getattr(kept, dated), getattr(other, dated)
        for key, day in theirs.items():
            if day and (not mine.get(key) or day < mine[key]):
                mine[key] = day
    if other.added and (not kept.added or other.added < kept.added):
        kept.added = kept.steps["noted"] = other.added
        if kept.places and kept.places[0][0] and kept.places[0][0] > other.added:
            kept.places[0][0] = other.added
    for key in ("found", "why", "note", "learned"):
        mine, theirs = getattr(kept, key), getattr(other, key)
        if theirs.strip():
            setattr(kept, key, merge_text("", theirs, mine) if mine.strip() else theirs)
    kept.suggested = merge_lines("", other.suggested, kept.suggested)
    kept.priority = min(kept.priority, other.priority)
    for key in ("meeting", "suggested_by", "let_go"):
        if not getattr(kept, key):
            setattr(kept, key, getattr(other, key))


def _still_differs(book: model.Book, held: model.Book) -> list:
    """What ``held`` does not give as ``book`` holds it, in words (empty when nothing)."""
    left = []
    if (book.share_report, book.share_names) != (held.share_report, held.share_names):
        left.append("the sharing choices")
    for pid, person in book.people.items():
        was = held.people.get(pid)
        if was is None:
            left.append(f"{person.name} ({pid})")
        elif _as_kept(was) != _as_kept(person):
            theirs = _as_kept(was)
            fields = [key for key, value in _as_kept(person).items() if theirs[key] != value]
            left.append(f"{person.name}'s {', '.join(fields)}")
    left += [f"{held.people[pid].name} ({pid}), taken off the list"
             for pid in held.people if pid not in book.people]
    mine, theirs = book_to_dict(book), book_to_dict(held)
    if mine["places"] != theirs["places"]:
        left.append("the list of places")
    if mine["former_places"] != theirs["former_places"]:
        left.append("the places taken off the list")
    if mine["former_people"] != theirs["former_people"]:
        left.append("the people taken off the list")
    return left


def _left_words(left: list, aside) -> str:
    """What could not be written back, and where it is kept, in words ('' for nothing)."""
    if not left:
        return ""
    return (f" What {SNAPSHOT} held and no change in the record can say ({'; '.join(left)}) "
            f"was not written back: it is kept in {aside.name}.")


def _remove(book: model.Book, person: model.Person, listed_again=None) -> dict:
    """The removal of ``person`` (as the record holds them) on the day ``book`` kept (C7).

    The day of the entry of :attr:`~model.Book.former_people` listed on their day, else of
    the latest one (before ``listed_again``, the day they were listed again, when given);
    with none kept (a snapshot from before C7), the day they were listed again, else the
    day it is written.
    """
    kept = [f for f in book.former_people if f.id == person.id
            and (listed_again is None or f.removed <= listed_again)]
    same = [f for f in kept if f.added == person.added]
    chosen = (same or kept)[-1] if (same or kept) else None
    day = chosen.removed if chosen is not None else listed_again
    return {"op": "remove", "id": person.id, **({"date": day} if day else {})}


def _write_back_person(held: model.Book, person: model.Person, put, book=None,
                       former=None) -> None:
    """Write back what ``held`` lacks of one person but their places (:func:`_moves`).

    ``former``: the people the copy the person comes from had taken off (a snapshot's);
    an add written back says whom of that name it lists again, as a page's add does
    (:func:`~workbook.session.merged.again_was`, round 13a R3, copied over).
    """
    pid, name = person.id, person.name
    was = held.people.get(pid)
    first = person.places[0] if person.places else [person.added, person.place]
    if was is not None and first[0] and was.places and first[0] > was.places[0][0]:
        # taken off the list and listed again, later: taken off on the day kept (C7)
        put(_remove(book or model.Book(), was, listed_again=first[0]), name)
        was = held.people.get(pid)
    if was is None:
        fields = {key: getattr(person, key) for key in model.SETTABLE}
        op = {"op": "add", "id": pid, "fields": fields, "date": first[0] or None}
        if former is not None:
            op["was"] = {"again": merged.again_of(former, person)}
        if first[1] in held.places:
            op["place"] = {"id": first[1], "name": held.places[first[1]].name}
        else:
            op["fields"]["org"] = ""  # where they work follows, once at no place
        put(op, name)
        was = held.people.get(pid)
        if was is None:
            return
    fields = {key: getattr(person, key) for key in model.SETTABLE
              if key != "org" and getattr(person, key) != getattr(was, key)}
    if fields:
        put({"op": "edit", "id": pid, "fields": fields}, name)
    if person.added and person.added != was.added:
        put({"op": "step", "id": pid, "step": "noted", "date": person.added}, name)
    for step in model.STEPS:
        if person.steps.get(step) != was.steps.get(step) and (
                step in person.steps or step != "noted"):
            put({"op": "step", "id": pid, "step": step, "date": person.steps.get(step)}, name)
    for kind in ("another", "nudge"):
        day = person.followed.get(kind)
        if was.followed.get(kind) != day:
            put({"op": "followed", "id": pid, "kind": kind, "date": day}, name)
    if person.let_go != was.let_go:
        put({"op": "let_go", "id": pid, "date": person.let_go or None}, name)


def _plain(history: list) -> list:
    """A place history without an entry that repeats the place before it (the same days)."""
    out = []
    for entry in history:
        if not out or out[-1][1] != entry[1]:
            out.append(list(entry))
    return out


def _as_kept(person: model.Person) -> dict:
    """A person's fields, their place history plain (:func:`_plain`), to compare."""
    return {**dataclasses.asdict(person), "places": _plain(person.places)}


def _moves(held: model.Book, person: model.Person, gone: dict) -> list:
    """The moves that give ``person`` the places they were at that ``held`` lacks.

    ``(day, 0 to a place / 2 to none, op, words)`` for each entry of their history after
    what ``held`` has; a move off a place of ``gone`` on the day it was taken off the list
    is left to that place's removal (its people leave it then).
    """
    was = held.people.get(person.id)
    if was is None:
        return []
    have, want = _plain(was.places), _plain(person.places)
    n = 0
    while n < min(len(have), len(want)) and have[n] == want[n]:
        n += 1
    out = []
    for i in range(n, len(want)):
        day, place_id = want[i]
        before = want[i - 1][1] if i else ""
        if not place_id and before in gone and gone[before].removed == day:
            continue
        out.append((day, 0 if place_id else 2, {"op": "move", "id": person.id,
                                                "place": place_id, "date": day or None},
                    person.name))
    return out


def _replay(book: model.Book, raw: bytes, journal, client: str, start=None, *,
            merge: bool = False, check=None, both=None, own=None, again=None) -> None:
    """Apply the well-formed, whole lines of a record to ``book``; skip others with a warning.

    An add under an id already on the list is skipped with a warning (it would wipe the
    person's steps and notes). A line saved for another client is skipped, and with
    ``check`` told once by line number (a notice and a StoreWarning). With ``check`` (a
    :class:`~workbook.session.store.records.LineCheck`), a line repeating an earlier one byte for
    byte is not applied. With ``merge`` (the whole record replayed over a snapshot that
    holds its people already) such an add sets only the fields it names. ``both``: whether
    an edit whose text another copy changed keeps both (:func:`_both_kept`; by default not
    with ``merge``, unless each line is applied over what it followed, as the lines a
    snapshot did not cover are). ``own``: the prints of the lines the snapshot covered (a
    rebuild): such a line, read again after an edited or damaged one, is this copy's own,
    never another copy's (its ``was`` is what this copy held). ``again``: whom the
    snapshot's people list again (:func:`~workbook.session.merged.snapshot_again`; in a
    rebuild, another laptop's record put over this one lacks the add lines that said so,
    round 13a R7).
    """
    raw = raw[:whole_lines(raw)]  # a last line being written, or cut by a crash
    # the people and places the record has named so far (attacks4 B22); None: not known, as
    # only a tail is read without the record before it
    named = _named_before(book, check, start)

    def unknown_line(op):  # told before its time is checked: it is not applied at all
        if named is None or not isinstance(op, dict) or model.op_problem(op) is not None \
                or not same_client(op.get("client_id", client), client):
            return None
        unknown = _unknown(op, named)
        return None if unknown is None else (
            f"{unknown}: the change it holds was not applied. Nothing was changed.",
            f"it {unknown}")

    shared = False
    twice = set()  # steps both copies recorded (merged.recorded_twice)
    carry = {}  # id of one listed again by a later add -> what to record for them (V18)
    for where, op in parsed_lines(raw, journal, start, check, reject=unknown_line,
                                  readable=lambda op: model.op_problem(op) is None):
        problem = model.op_problem(op)
        owner = op.get("client_id", client) if isinstance(op, dict) else client
        untimed = _untimed(op) if problem is None else None  # the line as written (R18)
        if problem is None and not same_client(owner, client):
            if check is not None:  # told once, as a notice and a StoreWarning
                check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) was saved "
                           f"for another client, {str(owner)[:60]!r}: the change it holds was "
                           "not applied (a line copied from that client's record?). Nothing "
                           "was changed.")
                continue
            problem = "it was saved for another client"
        unknown = _unknown(op, named) if problem is None and named is not None else None
        if unknown:
            if check is not None:  # told once, as a notice and a StoreWarning
                check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) {unknown}: "
                           "the change it holds was not applied. Nothing was changed.")
                continue
            problem = f"it {unknown}"
        if problem is None and op["op"] == "add" and op["id"] in book.people:
            if merge:  # the line's fields win; the steps and notes the snapshot holds stay
                op = {"op": "edit", "id": op["id"], "fields": op["fields"],
                      **({"place": op["place"], "date": op.get("date"), "at": op.get("at")}
                         if op.get("place") else {})}
            else:
                problem = f"it adds {op['id']!r}, who is on the list already (kept as they were)"
        if problem:
            logger.warning("skipped %s of %s: %s", where, journal, problem)
            if check is not None and isinstance(op, dict):  # named, as odd lines are (V12)
                check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) was "
                           f"skipped ({problem}): the change it holds was not applied; if "
                           "it was meant to record something, correct the line by hand.")
            continue
        if ((not merge) if both is None else both) and not (
                own and line_print(json.dumps(op, ensure_ascii=False).encode()) in own):
            # (each line over what it followed; never a line of the snapshot's own)
            op = _both_kept(book, op, check, f"{where} of {journal} (client {client!r})")
            # one step, two days on two copies: the earlier (M11); only where each line is
            # read over the lines before it (over a snapshot rebuilt, a corrected line of
            # its own would read as another copy's)
            clash = merged.step_clash(book, op) if both is None else None
            if clash is not None:
                op, other = clash
                if check is not None:
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}): "
                               f"{book.people[op['id']].name}'s "
                               f"{model.STEP_WORDS[op['step']]} was recorded on two copies "
                               f"of the list with two days: the earlier day, {op['date']}, "
                               f"was kept (as two copies of one person folded keep it); "
                               f"the other day ({other}) was not.")
            back = merged.taken_back_clash(book, op, twice)
            if back is not None:  # taken back on one copy, recorded on the other: kept
                if check is not None:
                    what = (model.STEP_WORDS[op["step"]] if op["op"] == "step"
                            else f"follow-up ({op['kind']})")
                    name = book.people[op["id"]].name
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) "
                               f"takes back {name}'s {what}, which another copy of the "
                               f"list recorded ({back}) (two copies of the list joined by "
                               f"a sync or merge tool): it was kept; take it back again "
                               f"if it was not done.")
                op = {"op": "edit", "id": op["id"], "fields": {}}  # nothing taken back
            elif merged.recorded_twice(book, op) is not None:
                twice.add(merged.recorded_twice(book, op))
            for words in merged.one_kept(book, op):  # changed on both (round 13a R10)
                if check is not None:
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}): "
                               f"{words}")
            clash = merged.followed_clash(book, op)
            if clash is not None:  # one follow-up, two days on two copies: the earlier
                op, other = clash
                if check is not None:
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}): "
                               f"{book.people[op['id']].name}'s follow-up ({op['kind']}) "
                               f"was recorded on two copies of the list with two days: the "
                               f"earlier day, {op['date']}, was kept (as a step's is); the "
                               f"other day ({other}) was not.")
            talk = merged.talk_called_off(book, op)  # (round 13a R15)
            if talk is not None:
                op, day = talk
                if check is not None:
                    check.tell(
                        f"{where} of {journal} (client {client!r}{what_line(op)}): "
                        f"{book.people[op['id']].name}'s talk was set for {day} on one "
                        f"copy of the list and called off (\"time agreed\" taken back) on "
                        f"another (two copies of the list joined by a sync or merge tool): "
                        f"it stays called off and its day was not kept; mark \"time "
                        f"agreed\" again, with its day, if the talk stands.")
            unseen = merged.unseen(book, op)  # the removal after the change (M1)
            later = merged.relisted_later(book, op, check.data if check is not None else
                                          raw if start is None else None,
                                          client) if unseen else None
            if later is not None:  # and listed again by a later line (round 14a V18)
                carry[later] = merged.carried(book, op)
                if check is not None:
                    name = book.people[op["id"]].name
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) "
                               f"takes {name} off the list, and a later line lists them "
                               f"again, but another copy of the list had recorded "
                               f"{', '.join(unseen)} for them, which the copy taking them "
                               f"off had not seen (two copies of the list joined by a sync "
                               f"or merge tool): it was made to {name} as listed again, "
                               f"who stays on the list.")
            elif unseen:
                _kept_from_removal(book, op, unseen, check,
                                   f"{where} of {journal} (client {client!r}"
                                   f"{what_line(op)})")
                if op["op"] == "remove":
                    op = merged.kept_not_taken_off(book, op)
            relisted = merged.listed_again(book, op, check.data if check is not None else
                                           raw if start is None else None, client, again)
            if relisted is not None:  # taken off and listed again on one copy (round 13a R7)
                name = book.people[relisted].name
                if check is not None:
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) "
                               f"records a change for {name}, whom an earlier line took off "
                               f"the list and another listed again (two copies of the list "
                               f"joined by a sync or merge tool): the change was made to "
                               f"{name} as listed again, who stays on the list.")
                op = {**op, "id": relisted}
            elif merged.keeps(book, op):  # taken off on another copy of the list (M1)
                whole = check.data if check is not None else raw if start is None else None
                name = merged.kept_back(book, op, whole, client)
                if check is not None:
                    day = book.people[op["id"]].let_go
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) "
                               f"records a change for {name}, whom an earlier line took off "
                               f"the list (two copies of the list joined by a sync or merge "
                               f"tool): {name} is kept, "
                               + (f"let go on {day} rather than taken off"
                                  if day else "on the list rather than taken off")
                               + ", with what that line holds.")
            elif op["op"] == "move" and op["place"] and op["place"] not in book.places \
                    and not op.get("new_place") and op["id"] in book.people:
                gone = [f for f in book.former_places if f.id == op["place"]]
                if gone:  # moved to a place another copy took off (round 13a R1)
                    person = book.people[op["id"]]
                    if check is not None:
                        check.tell(
                            f"{where} of {journal} (client {client!r}{what_line(op)}) moves "
                            f"{person.name} to {gone[-1].name}, which an earlier line took "
                            f"off the list (two copies of the list joined by a sync or merge "
                            f"tool): {gone[-1].name} stays off; {person.name} is at no "
                            f"place, where they work kept as {gone[-1].name} (typing its "
                            f"name again in Change details lists it again).")
                    op = {"op": "edit", "id": op["id"], "fields": {"org": gone[-1].name},
                          "place": None, "date": op["date"]}
            elif merged.added_at_gone(book, op) is not None:  # (round 14a V7)
                if check is not None:
                    check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) "
                               + merged.added_at_gone(book, op))
            elif op["op"] == "place_edit" and op["id"] not in book.places:
                gone = [f for f in book.former_places if f.id == op["id"]]
                if gone and check is not None:  # taken off on another copy: named (M1)
                    held = "; ".join(f"{key}: {value!r}" for key, value in op["fields"].items())
                    check.tell(f"{where} of {journal} (client {client!r}) changes the place "
                               f"{gone[-1].name}, which an earlier line took off the list "
                               f"(two copies of the list joined by a sync or merge tool): "
                               f"the change was not applied; it held {held}.")
        op, odd = _odd_line(book, op)
        if odd and check is not None:  # written by hand or another tool (round 13a R18)
            check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) {odd}")
        model.apply(book, op)
        if op["op"] == "add" and op["id"] in carry:  # (round 14a V18)
            for each in carry.pop(op["id"]):
                model.apply(book, {**each, "id": op["id"]})
        if named is not None:
            _name_all(op, named, book)
        if untimed and check is not None:  # as the answers' journal says it (round 13a R18)
            check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) {untimed}: "
                       "it was read in the order of the file; check that what it holds is "
                       "still right.")
        ahead = _dated_ahead(op)
        if ahead and check is not None:  # (attacks5 C3) told once, as the other odd lines
            check.tell(f"{where} of {journal} (client {client!r}{what_line(op)}) dates "
                       f"{ahead}: it was applied as written (the kit never dates a change "
                       "ahead); check the date and correct the line by hand if it is wrong.")
        shared = shared or op["op"] == "share"
    # the client's latest sharing choice decides, by each line's time (round 11a M10)
    whole = check.data if check is not None else raw if start is None else None
    if shared and whole is not None:
        said = merged.latest_share(book, whole, client, journal)
        if said and check is not None:
            check.tell(said + ".")


def _kept_from_removal(book: model.Book, op: dict, unseen: list, check, where: str) -> None:
    """Tell the coach of a removal line read over what another copy recorded (M1).

    ``unseen`` (:func:`~workbook.session.merged.unseen`): what the list holds for the person
    or place that the copy taking them off had not seen. A person is kept (let go on that
    day); a place is taken off as the line says, with its text kept among the places taken
    off and named here.
    """
    if check is None:
        return
    what = " and ".join([", ".join(unseen[:-1]), unseen[-1]] if len(unseen) > 1 else unseen)
    joined = "(two copies of the list joined by a sync or merge tool)"
    if op["op"] == "place_remove":
        place = book.places[op["id"]]
        moved = [u for u in unseen if u.startswith(("moved ", "added "))]  # (V7)
        done = (["changed what draws you to it"] if "what draws you" in unseen else []) \
            + moved
        what = " and ".join([", ".join(done[:-1]), done[-1]] if len(done) > 1 else done)
        check.tell(f"{where} takes the place {place.name} off the list, but another copy of "
                   f"the list had {what}, which the copy taking it off had not "
                   f"seen {joined}: {place.name} was taken off as the line says"
                   + (f"; what draws you to it read {place.drawn!r} (kept with the places "
                      f"taken off)" if "what draws you" in unseen else "")
                   + (f"; {', '.join(u[6:-6] for u in moved)} "
                      f"{'is' if len(moved) == 1 else 'are'} at no place, where they work "
                      f"kept as {place.name} (typing its name again in Change details lists "
                      f"it again)" if moved else "") + ".")
        return
    person = book.people[op["id"]]
    held = {"held", "thanked", "told"} & set(person.steps) or person.let_go
    check.tell(f"{where} takes {person.name} off the list, but another copy of the list "
               f"had recorded {what} for them, which the copy taking them off had not seen "
               f"{joined}: {person.name} is kept, "
               + ("on the list rather than taken off" if held else
                  f"let go on {model.op_day(op)} rather than taken off")
               + ", with what the other copy recorded.")


def _untimed(op: dict) -> str | None:
    """Words for a line without a readable save time (``at``), else None (round 13a R18)."""
    if "at" not in op:
        return "has no save time ('at')"
    try:
        dt.datetime.fromisoformat(op["at"])
    except (TypeError, ValueError):
        return f"has a save time that is not a time ('at': {repr(op['at'])[:40]})"
    return None


def _odd_line(book: model.Book, op: dict) -> tuple:
    """``(op to apply, words or None)`` for a line no page writes (round 13a R18).

    An add without its day (``date``) is listed on the day it was saved (its ``at``), else
    with no day; a step taken back (no ``date``) that the person does not hold, in a line
    that does not say what it took back (a page's does), changes nothing. Both are named.
    """
    kind = op.get("op")
    if kind == "add" and not op.get("date"):
        at = op.get("at")
        day = at[:10] if isinstance(at, str) and model._is_day(at[:10]) else None
        name = op["fields"].get("name", "")
        if day:
            return {**op, "date": day}, (
                f"adds {name} with no day they were listed ('date'): listed on the day it "
                f"was saved, {day}; correct the line by hand if that is wrong.")
        return op, (f"adds {name} with no day they were listed ('date') and no save time: "
                    f"listed with no day, so no session counts them; add the day to the "
                    f"line by hand.")
    person = book.people.get(op.get("id")) if kind in ("step", "followed") else None
    if person is not None and not op.get("date") and "was" not in op:
        key = op.get("step") if kind == "step" else op.get("kind")
        held = person.steps if kind == "step" else person.followed
        if key != "noted" and key not in held:
            what = f"step {key!r} ({model.STEP_WORDS.get(key, key)})" if kind == "step" \
                else f"follow-up ({key})"
            return op, (f"takes back {person.name}'s {what} with no day ('date' empty or "
                        f"null), which the list does not hold: nothing was changed; if it "
                        f"was meant to record it, give the line its day.")
    return op, None


def _dated_ahead(op: dict) -> str | None:
    """Words for an op whose day comes after the day it was saved (or today), else None.

    The kit dates nothing ahead (:func:`~workbook.core.conversations.model.check_new`), so such
    a line was typed by hand: ``"the step 'held' of 'cy' 2030-01-01, after the day it was
    saved (2026-12-07)"``.
    """
    day = op.get("date")
    if not isinstance(day, str) or not model._is_day(day):
        return None
    at = op.get("at")
    saved = at[:10] if isinstance(at, str) and model._is_day(at[:10]) else None
    limit = saved or dt.date.today().isoformat()
    if day <= limit:
        return None
    what = (f"the step {op['step']!r} of {op['id']!r}" if op.get("op") == "step"
            else f"the {op.get('op')} of {op.get('id')!r}" if op.get("id") else
            f"the {op.get('op')}")
    return (f"{what} {day}, after the day it was saved ({saved})" if saved else
            f"{what} {day}, after today ({limit})")


_PERSON_OPS = ("edit", "step", "followed", "remove", "let_go", "move", "history")


def _named_before(book: model.Book, check, start) -> tuple | None:
    """``(people, places)``: the ids ``book`` holds or held, and those named before ``start``.

    The lines before ``start`` are read from ``check``'s whole record; None when that part
    is not known (a tail read without it).
    """
    if start and check is None:
        return None
    named = (set(book.people) | {f.id for f in book.former_people},
             set(book.places) | {f.id for f in book.former_places})
    if start:
        for line in check.data[:start].splitlines():
            try:
                op = json.loads(line)
            except ValueError:
                continue
            if isinstance(op, dict):
                _name_all(op, named, None)
    return named


def _name_all(op: dict, named: tuple, book) -> None:
    """Add the people and places ``op`` lists (and ``book`` holds after it) to ``named``."""
    people, places = named
    kind = op.get("op")
    if kind == "add" and isinstance(op.get("id"), str):
        people.add(op["id"])
    if kind == "place_add" and isinstance(op.get("id"), str):
        places.add(op["id"])
    if kind == "places_kept":
        places.update(entry["id"] for entry in op["places"] + op["former_places"])
    if kind == "former_kept" and isinstance(op.get("former_people"), list):
        people.update(entry["id"] for entry in op["former_people"]
                      if isinstance(entry, dict) and isinstance(entry.get("id"), str))
    for key in ("place", "new_place"):
        if isinstance(op.get(key), dict) and isinstance(op[key].get("id"), str):
            places.add(op[key]["id"])
    if book is not None and kind in ("add", "edit", "move", "place_add"):
        places.update(book.places)  # a place made from a name (an earlier kit's org)


def _unknown(op, named: tuple) -> str | None:
    """What a line names that the list never had, in words, or None."""
    people, places = named
    kind = op.get("op")
    if kind in _PERSON_OPS and op.get("id") not in people:
        return f"names a person {op.get('id')!r} who is not on the list"
    if kind == "fold" and not {op.get("id"), op.get("other")} <= people:
        return "names a person who is not on the list"
    if kind == "move" and op.get("place") and not op.get("new_place") \
            and op["place"] not in places:
        return (f"moves {op.get('id')!r} to a place {op['place']!r} that is not on the "
                "list")
    if kind in ("place_edit", "place_rank", "place_remove") and op.get("id") not in places:
        return f"names a place {op.get('id')!r} that is not on the list"
    return None


def _side_gone(path, state: dict, lines: bytes) -> str:
    """Words for a large snapshot's side file gone while the record lost lines (round 13a R2).

    A snapshot past ``EAGER_SIZE`` is rewritten only now and then; the changes after it
    are kept in ``conversations.json.since``. With that file missing and the record not
    holding every line the snapshot covered (an older copy put back), the changes made
    since the snapshot was last written may be missing: said as the answers' journal says
    it. "" otherwise.
    """
    try:
        if os.path.lexists(side.path_of(path)) or os.stat(path).st_size <= _core.EAGER_SIZE:
            return ""
        when = dt.datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
    except (OSError, ValueError, OverflowError):
        return ""
    prints = covered_prints(state)
    if prints is None or not set(prints) - set(line_prints(lines)):
        return ""
    return (f" But {side.path_of(path).name}, which keeps the changes made since {SNAPSHOT} "
            f"was last rewritten (a large one is rewritten only now and then), is missing, "
            f"so changes made after {when:%Y-%m-%d %H:%M} may be missing (re-enter them if "
            f"they matter).")


def _side_head(path) -> tuple | None:
    """``(bytes covered, their SHA-256)``: the snapshot a side file follows, else None."""
    try:
        first = disk.read_bytes(path).lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        head = json.loads(first)
    except (OSError, StoreError, ValueError):
        return None
    covered = head.get(COVERED) if isinstance(head, dict) else None
    digest = head.get(COVERED_HASH) if isinstance(head, dict) else None
    if isinstance(covered, bool) or not isinstance(covered, int) or not is_hash(digest):
        return None
    return covered, digest


def _line_at(data: bytes, *, last: bool = False) -> str | None:
    """The ``at`` of the first (or last) line of ``data`` that gives one, as said, or None."""
    lines = data.splitlines()
    for line in (reversed(lines) if last else lines):
        try:
            at = json.loads(line).get("at")
            moment = dt.datetime.fromisoformat(at)
        except (ValueError, AttributeError, TypeError):
            continue
        return f"{moment:%Y-%m-%d %H:%M:%S}" + (f".{moment:%f}" if moment.microsecond else "")
    return None


def _cut_words(path, body) -> str:
    """What a side file read with trouble (cut short, lines unread) lost, as the journal's.

    :func:`~workbook.session.store.since.lost_words`: a file cut short may have held more
    changes after its cut line (round 11a M13), never only "the one change it held".
    """
    return "; but " + side.lost_words(path, body, "change", JOURNAL)


def _side_trouble(path, body, covered, digest) -> str:
    """The end of a written-back notice: nothing lost, or what the side file lost (H10)."""
    if body is None or not body.problem:
        return "; no change was lost."
    aside = side.settle(path, covered, digest, body)
    return ("; but " + side.lost_words(path, body, "change", JOURNAL)
            + (f"; the file as it was is kept as {aside}" if aside else "") + ".")
