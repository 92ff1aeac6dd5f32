"""What the client store keeps, and how it checks it: ids, folder names, states, the journal.

A client's id is kept in one normal form (:func:`check_id`: format characters such as the
zero-width space dropped, Unicode NFC, surrounding spaces dropped), so ``Zoë`` typed with a
composed or a decomposed ``ë``, and ``" ann"``, ``"ann"`` followed by a zero-width space and
``"ann"``, are one client. A client's folder name is a readable part of the id followed by a
short hash of the normal id, so two different ids never share a folder (``Иван`` and
``Мария``, ``Zoë`` and ``Zoe``, ``a/b`` and ``a_b``). The id is also stored in the folder and
checked on every read.
Names that differ only by case or width (``ann``, ``Ann``, ``ａｎｎ``) are different ids, but
:func:`look_alike` finds them, so a new one is asked about before it is created.

Examples
--------
>>> folder_name("Zoë K")
'Zoe_K-7988f8a996'
>>> folder_name("Zoe K") != folder_name("Zoë K")
True
>>> folder_name("Иван")[:7], folder_name("Иван") != folder_name("Мария")
('client-', True)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import time
import unicodedata
from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.log import logger
from workbook.core.text import normal_id  # noqa: F401  (one normal form: records.normal_id)
from workbook.session.store import disk

STATE_FILE = "answers.json"
JOURNAL_FILE = "journal.jsonl"
ID_FILE = "client.json"
#: The small file whose lock stops two saves writing at once (in the workspace and in each
#: client's folder).
LOCK_FILE = ".lock"
#: The workspace's note of the client whose session is open.
CURRENT_FILE = ".current-client"
FORMAT = 1
#: Key of a state file naming how many bytes of the journal it holds (absent before 2026-11).
JOURNAL_BYTES = "journal_bytes"
#: Key of a state file holding the SHA-256 (hex) of those bytes (absent before 2026-12): the
#: proof that the journal still starts with what the state file holds.
JOURNAL_HASH = "journal_sha256"

#: Keys of one section of stored answers, and the type each must have.
ITEMS, REFLECTIONS, TOOL = "items", "reflections", "tool"
_SECTION_TYPES = {ITEMS: dict, REFLECTIONS: list, TOOL: dict, "share": list, "coach_note": str}

#: Length of the readable part of a folder name, and of the hash after it.
READABLE_LENGTH, HASH_LENGTH = 40, 10

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- ids and folder names ----------------------------------------------------------------
#: Unicode categories that are never the visible part of a name (controls, format marks
#: such as the zero-width space, unassigned and private code points, lone surrogates).
_INVISIBLE = {"Cc", "Cf", "Cn", "Co", "Cs"}


def same_client(first, second) -> bool:
    """True when two stored ids name one client (equal in their normal form).

    Records written before ids were normalised may hold ``" ann"`` or a decomposed ``ë``.
    Anything but text is compared as it is.

    Examples
    --------
    >>> same_client("Zoe\u0308 ", "Zo\u00eb"), same_client(1, "1")
    (True, False)
    """
    if not (isinstance(first, str) and isinstance(second, str)):
        return first == second
    return normal_id(first) == normal_id(second)


def check_id(client_id) -> str:
    """Return ``client_id`` in its normal form: the text that names the client.

    Format characters (category Cf: zero-width spaces and joiners, the byte-order mark, soft
    hyphens, direction marks and overrides) dropped, Unicode NFC (a decomposed ``e`` and
    ``\u0308`` become ``ë``), and surrounding spaces dropped (:func:`normal_id`), so one
    name typed two ways opens one client, and a name that only looks like a saved one is
    that client. The survey reader cleans participant ids the same way, so an exported
    client is read back as one participant.

    A folder saved by an earlier kit under the id as typed (``"ann\u200b"``) is renamed to
    the normal id's folder when the workspace is opened
    (:func:`workbook.session.store.migrate.normalise_folders`), and its records are read as the
    normal id's (:func:`same_client`).

    Raises
    ------
    StoreError
        If it is empty, only spaces or invisible characters, holds a control character
        (such as a line break or NUL), or is not storable text.

    Examples
    --------
    >>> check_id(" Zoe\u0308 K ") == "Zo\u00eb K", check_id("ann\u200b"), check_id("bob\u202eevil")
    (True, 'ann', 'bobevil')
    """
    if client_id is not None and not isinstance(client_id, str):
        raise StoreError(f"a client's name or code must be text, not {type(client_id).__name__} "
                         f"({client_id!r}); the number 1 and the text '1' would share a folder")
    if client_id is None or not client_id.strip():
        raise StoreError("a client needs a name or code; it cannot be empty")
    try:
        client_id.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(f"the client name {client_id!r} holds characters that cannot be "
                         "stored; type it again") from None
    text = normal_id(client_id)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise StoreError(f"the client name {text!r} holds a control character (such as a "
                         "line break or NUL); type it again")
    if all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in text):
        raise StoreError(f"the client name {client_id.strip()!r} has no visible letter or "
                         "digit; type a name or code")
    return text


#: Cyrillic and Greek letters that look like a Latin one (round 6, D3: "\u0410nn Lee" typed
#: on a switched keyboard, or pasted from a mail, looks like "Ann Lee"), as that Latin letter.
_CONFUSABLES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04cf\u0501\u04bb"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408"
    "\u0405"
    "\u03bf\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
    "\u03a5\u03a7",
    "aeopcyxijsldh"
    "abekmhopctxij"
    "s"
    "oaeikvptux"
    "abezhikmnoptyx")


def fold_id(client_id) -> str:
    """An id as look-alike names are compared.

    Case and width folded (NFKC, casefold), runs of spaces inside it (tabs, no-break
    spaces) as one space, and Cyrillic or Greek letters that look like Latin ones as those
    (round 6, D2, D3).

    Examples
    --------
    >>> fold_id("Ann") == fold_id("ann") == fold_id("\uff41\uff4e\uff4e")
    True
    >>> fold_id("Ann  Lee") == fold_id("Ann\u00a0Lee") == fold_id("\u0410nn Lee") == "ann lee"
    True
    """
    text = unicodedata.normalize("NFKC", normal_id(client_id))
    text = " ".join(text.translate(_CONFUSABLES).split()).casefold()
    return unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)


def look_alike(client_id, saved) -> str | None:
    """A saved id that differs from ``client_id`` only in how it looks, or None.

    Case, width, spaces inside it, letters that look alike (:func:`fold_id`). None when
    ``client_id`` is itself saved (in its normal form), or nothing looks like it.

    Parameters
    ----------
    client_id : str
    saved : iterable of str
        The saved clients' ids (:meth:`ClientStore.clients`).

    Examples
    --------
    >>> look_alike("Ann", ["ann", "bob"]), look_alike("ann", ["ann", "Ann"])
    ('ann', None)
    """
    text = check_id(client_id)
    saved = list(saved)
    if text in saved:
        return None
    folded = fold_id(text)
    return next((other for other in saved if fold_id(other) == folded), None)


def id_hash(client_id: str) -> str:
    """The first :data:`HASH_LENGTH` hex digits of the SHA-256 of the id as given."""
    return hashlib.sha256(client_id.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _name_for(text: str) -> str:
    """The folder name made from ``text`` exactly as it is (readable part and hash)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^A-Za-z0-9_-]+", "_", folded).strip("_-")
    readable = readable[:READABLE_LENGTH].strip("_-") or "client"
    return f"{readable}-{id_hash(text)}"


def folder_name(client_id) -> str:
    """A client's folder name: a readable part (ASCII letters, digits, ``_-``) and a hash.

    The hash is of the id's normal form (:func:`check_id`). The readable part is ``client``
    when the id has no Latin letters or digits.
    """
    return _name_for(check_id(client_id))


def exact_folder_name(client_id: str) -> str:
    """The folder name kits before 2026-12 gave ``client_id`` (a hash of the id unnormalised).

    Equal to :func:`folder_name` for an id already in its normal form; used to recognise a
    folder made for ``" ann"`` or a decomposed ``Zoë``, to move it to its new name.
    """
    return _name_for(str(client_id))


def legacy_name(client_id) -> str:
    """The folder name earlier versions of the kit gave a client (not one-to-one).

    Kept here as it was, whatever becomes of :func:`workbook.core.files.safe_name`, so old
    folders are always recognised.

    Examples
    --------
    >>> legacy_name(" Zoë K "), legacy_name("Иван"), legacy_name("../x")
    ('Zoe_K', 'unnamed', 'x')
    """
    folded = unicodedata.normalize("NFKD", str(client_id).strip())
    folded = folded.encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", folded).strip("_-")
    return name[:80].strip("_-") or "unnamed"


def is_folder_name(name: str) -> bool:
    """True when ``name`` has the shape of a folder name from :func:`folder_name`."""
    return re.fullmatch(rf"[A-Za-z0-9_-]*-[0-9a-f]{{{HASH_LENGTH}}}", name) is not None


# -- sessions and states -----------------------------------------------------------------
def today() -> str:
    """Today's date as a session key (``YYYY-MM-DD``)."""
    return dt.date.today().isoformat()


def is_date(text) -> bool:
    """True for a real date written ``YYYY-MM-DD``."""
    if not isinstance(text, str) or not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def session_key(session) -> str:
    """The key of a session: its date as ``YYYY-MM-DD`` (today for None)."""
    if session is None:
        return today()
    if isinstance(session, dt.datetime):  # a date and time (a pandas Timestamp too): its day
        session = session.date()
    if isinstance(session, dt.date):
        return session.isoformat()
    text = str(session).strip()
    if is_date(text):
        return text
    raise StoreError(
        f"a session is named by its date, as YYYY-MM-DD (such as 2026-11-26), not {session!r}"
    )


#: The earliest day a new session can be saved for: a date before it is a typing slip.
FIRST_SESSION_DAY = "2000-01-01"


def new_session_key(session) -> str:
    """The key of a session being saved: :func:`session_key`, refused when it cannot be right.

    A session is saved on its day, or later for a day gone by, so a date after today
    (``2030-01-01`` for ``2023-01-01``) or before :data:`FIRST_SESSION_DAY` (``1900-01-01``)
    is a slip, refused in words naming it. Only new saves are checked: a record that already
    holds such a date is read as it is (:func:`session_key` for reading).

    Raises
    ------
    StoreError
        If the session is not a date, is after today, or is before 2000-01-01.

    Examples
    --------
    >>> new_session_key("2026-11-26")
    '2026-11-26'
    >>> new_session_key("1900-01-01")
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.StoreError: the session date 1900-01-01 is before 2000-01-01; a \
session is saved on its day or later for a day gone by: check the date
    """
    day = session_key(session)
    now = today()
    if day > now:
        raise StoreError(f"the session date {day} is after today ({now}); a session is saved "
                         "on its day or later for a day gone by: check the date")
    if day < FIRST_SESSION_DAY:
        raise StoreError(f"the session date {day} is before {FIRST_SESSION_DAY}; a session is "
                         "saved on its day or later for a day gone by: check the date")
    return day


def answers_problem(answers) -> str | None:
    """Why ``answers`` is not a dict of sections, or None when it is.

    Each section is a dict; its ``items`` and ``tool``, when present, are dicts and its
    ``reflections`` a list.

    Examples
    --------
    >>> answers_problem({"hope": {"items": {"hope_1": 4}}}) is None
    True
    >>> answers_problem({"hope": {"items": [4]}})
    "section 'hope': 'items' is a list, not a dict"
    """
    if not isinstance(answers, dict):
        return f"the answers are a {type(answers).__name__}, not a dict of sections"
    for name, section in answers.items():
        if not isinstance(name, str):
            return f"section {name!r} is not named by text"
        if not isinstance(section, dict):
            return f"section {name!r} is a {type(section).__name__}, not a dict"
        for key, kind in _SECTION_TYPES.items():
            value = section.get(key)
            if value is not None and not isinstance(value, kind):
                return (f"section {name!r}: {key!r} is a {type(value).__name__}, "
                        f"not a {kind.__name__}")
    return None


def holds_nothing(value) -> bool:
    """Whether saved answers give answers and every one is null or a blank text.

    A line of such answers makes no new session (round 12a P15), as ``{}`` makes none;
    ``0`` and ``False`` are answers, and a section saved with no field (``{"time": {}}``)
    is read as before.

    Examples
    --------
    >>> holds_nothing({"hope": {"items": {"hope_1": None}, "reflections": ["", " "]}})
    True
    >>> holds_nothing({"hope": {"items": {"hope_1": 0}}}), holds_nothing({"time": {}})
    (False, False)
    """
    leaves = list(_scalars(value))
    return bool(leaves) and all(v is None or (isinstance(v, str) and not v.strip())
                                for v in leaves)


#: The keys of a section the kit reads (statements, reflections, tool fields, what is
#: shared, the coach's note: ``workbook.session.sharing``); any other is a hand-edit slip.
SECTION_KEYS = (ITEMS, REFLECTIONS, TOOL, "share", "coach_note")


def unread_only(answers) -> list | None:
    """``[]`` when saved answers hold sections the kit reads with nothing in them; else None.

    A line of such answers (``{"ambition": {"tool": {"motivators": []}}}``, ``{"time":
    {"items": {}}}``) makes no new session, as one of only empty answers (round 13a R9).
    A section saved with no field (``{"time": {}}``) is read as before, and so is one with
    a key the kit does not read (``{"hope": {"foo": 1}}``: the store keeps any section; the
    export and the profile name it, :func:`~workbook.session.store.table.odd_sections`).

    >>> unread_only({"ambition": {"tool": {"motivators": []}}}), unread_only({"hope": {"foo": 1}})
    ([], None)
    >>> unread_only({"hope": {"items": {"hope_1": 2}}}), unread_only({"time": {}})
    (None, None)
    """
    if not isinstance(answers, dict) or not answers:
        return None
    for section in answers.values():
        if not isinstance(section, dict) or not section:
            return None
        for key, value in section.items():
            if key not in SECTION_KEYS or any(
                    v is not None and not (isinstance(v, str) and not v.strip())
                    for v in _scalars(value)):
                return None
    return []


def _scalars(value):
    """The values in ``value`` that are not dicts or lists (nested ones too)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from _scalars(v)
    else:
        yield value


#: Marks a key a section does not hold, and an item's answer (in :func:`merge_section`).
_ABSENT, _ITEM = object(), object()


def _same(first, second) -> bool:
    """Equal as stored JSON (``True`` is not ``1``; missing is only missing)."""
    return type(first) is type(second) and first == second


def _merged(key, base, mine, theirs):
    """One value of a section merged (see :func:`merge_section`); ``_ABSENT`` drops it."""
    if _same(mine, base):
        return mine if theirs is _ABSENT and key is not _ITEM else theirs
    if mine is _ABSENT:
        return _ABSENT
    if (key in (ITEMS, TOOL) or isinstance(key, tuple)) and isinstance(mine, dict):
        # field by field: each item id, each tool key (and each step of a tool's dict)
        return _merge_dicts(key if isinstance(key, tuple) else (key,), base, mine, theirs)
    if key == REFLECTIONS and isinstance(mine, list):  # each reflection by its place
        base, theirs = (v if isinstance(v, list) else [] for v in (base, theirs))
        out = []
        for n in range(max(len(base), len(mine), len(theirs))):
            value = _merged(None, *(v[n] if n < len(v) else _ABSENT
                                    for v in (base, mine, theirs)))
            out.append(value)
        while out and out[-1] is _ABSENT:
            out.pop()
        return ["" if v is _ABSENT else v for v in out]
    if (key == "share" or _tool_list(key, mine)) and isinstance(mine, list):
        # each entry ticked or not: the report's ticks, a tool's choices (the motivators:
        # a tick adds its item, an untick removes it, round 8 G15)
        base, theirs = (v if isinstance(v, list) else [] for v in (base, theirs))
        return [e for e in dict.fromkeys(mine + theirs)
                if (e in mine if (e in mine) != (e in base) else e in theirs)]
    return merge_text(base, mine, theirs)


def _tool_list(key, mine) -> bool:
    """Whether ``mine`` is a tool's list of choices (text items), merged item by item."""
    return (isinstance(key, tuple) and key[:1] == (TOOL,) and isinstance(mine, list)
            and all(isinstance(v, str) for v in mine))


#: Between two texts of one field written on two pages at once (see :func:`merge_text`).
TEXT_SEPARATOR = "\n\n———\n\n"


def merge_text(base, mine, theirs):
    r"""One free-text field a page saves over what is on disk (round 6, D1).

    Where both the page (``mine``) and another page (``theirs``, on disk now) changed the
    text this page last read (``base``), neither is dropped: the other page's text comes
    first, then this page's, with :data:`TEXT_SEPARATOR` between them. Otherwise the page's
    value is taken (it changed it; the other page did not, or cleared it, or wrote the same).

    Examples
    --------
    >>> merge_text("old", "old plus a word", "new from tab one")
    'new from tab one\n\n———\n\nold plus a word'
    >>> merge_text("old", "mine", "old"), merge_text("old", "mine", "")
    ('mine', 'mine')
    """
    if (isinstance(mine, str) and isinstance(theirs, str) and mine.strip()
            and theirs.strip() and not _same(theirs, base) and theirs != mine):
        if mine in theirs:  # already holds this page's text (a merge saved before)
            return theirs
        if theirs in mine:  # this page's text already holds the other's
            return mine
        return f"{theirs}{TEXT_SEPARATOR}{mine}"
    return mine


def _merge_dicts(key: tuple, base, mine: dict, theirs):
    base, theirs = (v if isinstance(v, dict) else {} for v in (base, theirs))
    out = {}
    for name in dict.fromkeys([*theirs, *mine, *base]):
        inner = name if not key else (TOOL, name) if key == (TOOL,) else \
            _ITEM if key == (ITEMS,) else None
        value = _merged(inner, base.get(name, _ABSENT), mine.get(name, _ABSENT),
                        theirs.get(name, _ABSENT))
        if value is not _ABSENT:
            out[name] = value
    return out


def merge_section(base, mine: dict, theirs) -> dict:
    """A page's section saved over what is on disk, field by field.

    ``base`` is the section as the page last read it (loaded, or as its last save left it),
    ``mine`` as the page holds it now and ``theirs`` as it is on disk now (another page of the
    same client may have saved it meanwhile). For each field (each item id, each reflection by
    its place, each tool key, each ticked entry of ``share`` and of a tool's list of choices
    such as the motivators, the coach's note, any other key) the page's value is taken where it
    differs from ``base``: the page changed it. Everywhere else what is on disk is kept, so a
    page never undoes what another page saved; where the disk holds nothing for a field, the
    page's value is written, except for a statement's answer (an answer missing on disk was
    cleared). A tool value that is a dict (the minutes per step) is merged key by key too.

    Examples
    --------
    >>> base = {"items": {"hope_1": 4}}
    >>> tab_a = {"items": {"hope_1": 4, "hope_7": 5}}  # the page answered statement 3
    >>> on_disk = {"items": {"hope_1": 4, "hope_8": 2}}  # another page answered statement 4
    >>> merge_section(base, tab_a, on_disk)
    {'items': {'hope_1': 4, 'hope_8': 2, 'hope_7': 5}}
    >>> merge_section({"reflections": ["a", ""]}, {"reflections": ["a", "mine"]},
    ...               {"reflections": ["theirs"]})
    {'reflections': ['theirs', 'mine']}
    """
    base = base if isinstance(base, dict) else {}
    theirs = theirs if isinstance(theirs, dict) else {}
    out = _merge_dicts((), base, mine, theirs)
    unticked = _joined_unticked(mine, theirs, out)
    if unticked:
        out["share"] = [e for e in out["share"] if e not in unticked]
    return out


def _share_entry(path) -> str | None:
    """The ``share`` entry of a text field (its path, as :func:`_leaves` gives it)."""
    if path[0] == REFLECTIONS and len(path) == 2 and isinstance(path[1], int):
        return f"reflection-{path[1] + 1}"
    return path[1] if path[0] == TOOL and len(path) == 2 else None


def _joined_unticked(mine, theirs, out) -> list:
    """Entries ticked in ``out`` whose text holds both copies' texts, not ticked in both.

    A text kept twice (:func:`merge_text`) holds words of each copy: it is shared only if
    each copy ticked it (round 13a R23: privacy first).
    """
    ticks = out.get("share") if isinstance(out, dict) else None
    if not isinstance(ticks, list) or not ticks:
        return []
    both = [set(v.get("share")) if isinstance(v, dict) and isinstance(v.get("share"), list)
            and all(isinstance(e, str) for e in v["share"]) else set() for v in (mine, theirs)]
    dropped = []
    for path, value in _leaves(out):
        entry = _share_entry(path)
        if (entry is None or entry not in ticks or not isinstance(value, str)
                or TEXT_SEPARATOR not in value or entry in both[0] & both[1]):
            continue
        if not any(_same(_at(v, path), value) for v in (mine, theirs)):
            dropped.append(entry)
    return dropped


def state_problem(state) -> str | None:
    """Why ``state`` (a parsed ``answers.json``) has the wrong shape, or None."""
    if not isinstance(state, dict):
        return f"it holds a {type(state).__name__}, not the store's record"
    sessions = state.get("sessions")
    if not isinstance(sessions, dict):
        return "it does not hold sessions"
    client = state.get("client_id")
    if client is not None and not isinstance(client, str):
        return "its client_id is not text"
    covered = state.get(JOURNAL_BYTES, 0)
    if isinstance(covered, bool) or not isinstance(covered, int) or covered < 0:
        return f"its {JOURNAL_BYTES} is not a count of bytes"
    if not is_hash(state.get(JOURNAL_HASH, "0" * 64)):
        return f"its {JOURNAL_HASH} is not a SHA-256 hash"
    for day, answers in sessions.items():
        if not is_date(day):
            return f"session {day!r} is not a date"
        problem = answers_problem(answers)
        if problem:
            return f"session {day}: {problem}"
    return None


def is_hash(value) -> bool:
    """True for a SHA-256 written as 64 lower-case hex digits."""
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None


class Prefix:
    r"""A running SHA-256 of a record's first ``size`` bytes, kept up to date as it grows.

    A snapshot stores ``size`` and :attr:`hex`; on reading, :func:`proven_prefix` checks that
    the record still starts with exactly those bytes. A store keeps the object of the last
    read or save, so a save hashes only the bytes it appended, never the whole record again.

    Examples
    --------
    >>> p = Prefix(b"a\n")
    >>> p.add(b"b\n")
    >>> p.size, p.hex == Prefix(b"a\nb\n").hex
    (4, True)
    """

    def __init__(self, data: bytes = b""):
        self._hash = hashlib.sha256(data)
        self.size = len(data)
        self.lines = _line_ends(data)  # how many lines the prefix holds

    def add(self, data: bytes) -> None:
        """Extend the prefix by ``data`` (the bytes that follow it in the record)."""
        self._hash.update(data)
        self.size += len(data)
        self.lines += _line_ends(data)

    @property
    def hex(self) -> str:
        """The SHA-256 of the prefix, as 64 hex digits."""
        return self._hash.hexdigest()


def _line_ends(data) -> int:
    """How many line ends ``data`` (bytes or a memoryview of them) holds."""
    return (data.tobytes() if isinstance(data, memoryview) else data).count(b"\n")


def whole_lines(raw: bytes) -> int:
    """How many bytes of ``raw`` are whole lines (a last line without its end is not)."""
    return raw.rfind(b"\n") + 1


def proven_prefix(raw: bytes, covered, expected):
    r"""The :class:`Prefix` of ``raw[:covered]`` when its hash is ``expected``, else None.

    None also when ``covered`` is not a count of whole lines of ``raw`` or ``expected`` is
    missing (a snapshot of an earlier version, which proves nothing).

    Examples
    --------
    >>> raw = b'{"a":1}\n{"b":2}\n'
    >>> proven_prefix(raw, 8, Prefix(raw[:8]).hex).size
    8
    >>> proven_prefix(raw.replace(b"\n", b"\r\n"), 8, Prefix(raw[:8]).hex) is None
    True
    """
    if not is_hash(expected) or isinstance(covered, bool) or not isinstance(covered, int):
        return None
    if not 0 <= covered <= whole_lines(raw) or (covered and raw[covered - 1:covered] != b"\n"):
        return None
    prefix = Prefix(memoryview(raw)[:covered])
    return prefix if prefix.hex == expected else None


#: How long a reader that cannot take the folder's lock waits before it reads a record's
#: last line again, to tell a line being written from one cut off.
RECHECK_SECONDS = 0.2


def settle_tail(record: Path):
    """End or set aside a record's last line that lacks its line end (under the folder's lock).

    Under the lock no save is writing, so such a line was left so: by an editor that drops
    the final line end (the line is whole: it is ended, and read like any other), or cut off
    by a sync tool, a crash or an edit (it cannot be read: its bytes are moved to
    ``<record>.torn-<timestamp>`` and the record cut back to its whole lines).

    Returns
    -------
    tuple or None
        ``(bytes, aside, the line's bytes)`` when a cut-off line was set aside (``aside``
        False, and nothing moved, when those bytes are lines ended by a carriage return
        alone); else None.
    """
    n = disk.unended(record)
    if not n:
        return None
    _, tail = disk.read_from(record, disk_size(record) - n)
    if b"\r" in tail.rstrip(b"\r"):  # lines ended by CR alone (old Mac): not one cut line
        return n, False, tail
    try:
        if tail.strip():
            parse_json(tail)
    except ValueError:
        return n, disk.cut_tail_aside(record, n), tail
    disk.end_last_line(record)
    logger.info("ended the last line of %s (it had no line end)", record)
    return None


def disk_size(path: Path) -> int:
    """A file's size in bytes, not following a link (0 when missing)."""
    try:
        return Path(path).lstat().st_size
    except FileNotFoundError:
        return 0


def torn_words(record: Path, client, n: int, aside=None, tail: bytes = b"") -> str:
    """What the coach is told of a record's cut-off last line (set aside, or left as it is).

    What the line was, when its start says (a save of a session, a change to a person), is
    named too.

    Examples
    --------
    >>> said = torn_words(Path("c/journal.jsonl"), "C1", 40, Path("c/journal.jsonl.torn-1"),
    ...                   b'{"at":"2026-12-06T10:00:00","session":"2026-12-06","answ')
    >>> said[:76]
    "the last line of c/journal.jsonl (client 'C1', a save of session 2026-12-06)"
    >>> said[-44:]
    'its bytes were kept as journal.jsonl.torn-1.'
    """
    size = f"{n} byte{'' if n == 1 else 's'}"
    text = tail.decode("utf-8", "replace")
    whose = f"client {client!r}"
    day = re.search(r'"session"\s*:\s*"(\d{4}-\d{2}-\d{2})"', text)
    change = re.search(r'"op"\s*:\s*"([a-z_]{1,20})"\s*,\s*"id"\s*:\s*"([^"\\]{1,60})"', text)
    if day:
        whose += f", a save of session {day.group(1)}"
    elif change:
        whose += f", a change ({change.group(1)}) of {change.group(2)!r}"
    if aside is False:
        return (f"the end of {record} (client {client!r}) holds {size} of lines ended by a "
                "carriage return alone, which were not read; it was left as it is: convert "
                "its line endings to LF (\\n) to have them read.")
    if tail and not tail.strip(b"\x00 \t\r\n"):  # only NUL bytes: no change was in them
        where = "were left as they are (the folder cannot be written)" if aside is None else \
            f"were kept as {aside.name}"
        return (f"the end of {record} (client {client!r}) held {n} NUL (zero) "
                f"byte{'' if n == 1 else 's'} and no change (a sync tool or an editor may add "
                f"them): they {where}; no save was lost.")
    if aside is None:
        return (f"the last line of {record} ({whose}) is incomplete ({size}: no line end) "
                "and was not read; the folder cannot be written, so it was left as it is.")
    return (f"the last line of {record} ({whose}) is incomplete ({size}) and was not read: "
            f"it was cut off (by a sync tool, a crash or an edit), so the change it held is "
            f"not in the record; its bytes were kept as {aside.name}.")


def recovered_words(record: Path, client, aside: Path, tail: bytes, days,
                    source: str = STATE_FILE) -> str:
    """What the coach is told of a cut-off last line whose save the snapshot still held.

    Examples
    --------
    >>> said = recovered_words(Path("c/journal.jsonl"), "C1", Path("c/journal.jsonl.torn-1"),
    ...                        b'{"at":"2026-12-06T10:00:00","session":"2026-12-06","a',
    ...                        ["2026-12-06"])
    >>> said[:76]
    "the last line of c/journal.jsonl (client 'C1', a save of session 2026-12-06)"
    >>> "recovered from answers.json and written back to the record (session 2026-12-06)" in said
    True
    >>> said = recovered_words(Path("c/journal.jsonl"), "C1", Path("c/journal.jsonl.torn-1"),
    ...                        b'{"at":"2026-12-06T10:00:00","session":"2026-12-06","a',
    ...                        ["2026-12-06", "2026-12-07"], "answers.json and answers.json.since")
    >>> said[said.index("; ") + 2:said.index(" from ")]
    'the save it held, and those of the lines cut off after it, were recovered'
    >>> "(sessions 2026-12-06, 2026-12-07): none was lost" in said
    True
    """
    whose = torn_words(record, client, 1, aside, tail).split(" is incomplete", 1)[0]
    sessions = ", ".join(days)
    if len(days) > 1:  # the cut took the lines after it too (round 8a F2)
        return (f"{whose} was cut off (by a sync tool, a crash or an edit); the save it "
                "held, and those of the lines cut off after it, were recovered from "
                f"{source} and written back to the record (sessions {sessions}): none was "
                f"lost; its cut bytes were kept as {aside.name}.")
    return (f"{whose} was cut off (by a sync tool, a crash or an edit); the save it held "
            f"was recovered from {source} and written back to the record (session "
            f"{sessions}); its cut bytes were kept as {aside.name}.")


#: The snapshot's copy of the last line of the record it covers (text, without its line end):
#: when a sync tool cuts that line off, it is written back (:func:`write_back_line`).
LAST_LINE = "journal_last_line"
#: A last line longer than this is not copied into the snapshot.
LAST_LINE_LIMIT = 65536


def last_line(record: Path, end: int) -> str | None:
    """The record's whole line that ends at byte ``end`` (without its line end), or None.

    None when ``end`` is 0, the bytes before ``end`` do not end a line, the line is longer
    than :data:`LAST_LINE_LIMIT` or is not UTF-8 text.
    """
    if end <= 0:
        return None
    start = max(0, end - LAST_LINE_LIMIT - 1)
    try:
        _, data = disk.read_from(record, start)
    except OSError:
        return None
    if data is None or len(data) < end - start:
        return None
    data = data[:end - start]
    if not data.endswith(b"\n"):
        return None
    cut = data.rfind(b"\n", 0, len(data) - 1)
    if cut < 0 and start > 0:
        return None  # longer than the limit
    try:
        return data[cut + 1:-1].decode("utf-8")
    except UnicodeDecodeError:
        return None


def write_back_line(record: Path, state: dict, covered_key: str, hash_key: str) -> str | None:
    """Append again the snapshot's last line when the record lacks exactly that line.

    Call it under the folder's lock, after a cut-off last line was set aside. The snapshot
    (``state``) proves what it covers: its byte count (``covered_key``) and SHA-256
    (``hash_key``). When the record's whole lines followed by the snapshot's copy of its last
    line (:data:`LAST_LINE`) are those bytes exactly, that line is appended (the record is then
    again what the snapshot covers) and returned; otherwise nothing is written (None).
    """
    line = state.get(LAST_LINE)
    covered, expected = state.get(covered_key), state.get(hash_key)
    if not isinstance(line, str) or "\n" in line or not is_hash(expected or "") \
            or isinstance(covered, bool) or not isinstance(covered, int):
        return None
    data = disk.read_record(record)
    if len(data) != whole_lines(data):
        return None
    whole = data + line.encode("utf-8") + b"\n"
    if len(whole) != covered or hashlib.sha256(whole).hexdigest() != expected:
        return None
    disk.append_line(record, line)
    logger.info("wrote back the last line of %s from its snapshot", record)
    return line


def written_back_words(record: Path, client, aside: Path, tail: bytes, snapshot: str) -> str:
    """What the coach is told of a cut-off last line written back from the snapshot.

    Examples
    --------
    >>> said = written_back_words(Path("c/conversations.jsonl"), "C1",
    ...                           Path("c/conversations.jsonl.torn-1"),
    ...                           b'{"at":"x","client_id":"C1","op":"edit","id":"p1","fi',
    ...                           "conversations.json")
    >>> said[:60]
    "the last line of c/conversations.jsonl (client 'C1', a chang"
    >>> "recovered from conversations.json and written back to the record" in said
    True
    """
    whose = torn_words(record, client, 1, aside, tail).split(" is incomplete", 1)[0]
    return (f"{whose} was cut off (by a sync tool, a crash or an edit); the change it held "
            f"was recovered from {snapshot} and written back to the record; its cut bytes "
            f"were kept as {aside.name}.")


#: The byte-order marks an editor's "Unicode" save starts with: ``(mark, codec, name)``;
#: UTF-32's first (UTF-32-LE's mark begins with UTF-16-LE's).
_MARKS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
          (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
          (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"))


def _unicode_kind(start: bytes):
    """``(codec, name, mark)`` when a record's first bytes are UTF-16 or UTF-32, else None.

    With a byte-order mark it says which; without one, a record's JSON starts with an ASCII
    character, whose NUL bytes show the encoding: ``{`` is ``7B 00`` in UTF-16-LE, ``00 7B``
    in UTF-16-BE, ``7B 00 00 00`` / ``00 00 00 7B`` in UTF-32. UTF-8 JSON holds no NUL.

    >>> [_unicode_kind("{}".encode(c))[1] for c in ("utf-16", "utf-16-be", "utf-32-be")]
    ['UTF-16', 'UTF-16', 'UTF-32']
    >>> _unicode_kind(b'{"a": 1}'), _unicode_kind(bytes(4))
    (None, None)
    """
    for mark, codec, name in _MARKS:
        if start.startswith(mark):
            return codec, name, mark
    if len(start) < 4:
        return None
    nul = tuple(b == 0 for b in start[:4])
    kinds = {(False, True, True, True): ("utf-32-le", "UTF-32"),
             (True, True, True, False): ("utf-32-be", "UTF-32"),
             (False, True, False, True): ("utf-16-le", "UTF-16"),
             (True, False, True, False): ("utf-16-be", "UTF-16")}
    kind = kinds.get(nul)
    return None if kind is None else (*kind, b"")


def _utf16(record: Path):
    """``(codec, name, mark)`` when a record is saved as UTF-16 or UTF-32, else None."""
    try:
        fd = disk.open_file(Path(record), os.O_RDONLY)
    except OSError:
        return None
    try:
        return _unicode_kind(os.read(fd, 4))
    except OSError:  # a folder, say: the read that follows says why
        return None
    finally:
        os.close(fd)


def recode_record(record: Path, lock: Path, client, *, locked: bool, writable: bool):
    """Rewrite as UTF-8 a record an editor saved as UTF-16 or UTF-32; the words, or None.

    Every line of such a file is unreadable as it is (and a save would append UTF-8 to it),
    so, under the folder's lock, it is decoded and written back as UTF-8; the file as it was
    is kept as ``<record>.utf16-<timestamp>`` (``.utf32-``). With or without a byte-order
    mark (:func:`_unicode_kind`). The snapshot then no longer matches its
    record and the store rebuilds from both, so nothing either holds is lost. When the folder
    cannot be written, the coach is told how to convert it.
    """
    kind = _utf16(record)
    if kind is None:
        return _recode_ansi(record, lock, client, locked=locked, writable=writable)
    codec, name, mark = kind
    if not writable:
        return (f"{record} (client {client!r}) was saved as {name} (\"Unicode\" in some "
                "editors), not UTF-8, so its lines cannot be read; the folder cannot be "
                "written, so it was left as it is: save it as UTF-8.")
    if not locked:
        with disk.locked(lock):
            return recode_record(record, lock, client, locked=True, writable=writable)
    if _utf16(record) != kind:  # recoded meanwhile by another process
        return None
    data = disk.read_record(record)
    width = 4 if name == "UTF-32" else 2
    body = data[len(mark):]
    try:
        text = body[:len(body) - len(body) % width].decode(codec)
    except UnicodeDecodeError:
        return None
    if not text.lstrip("\ufeff").lstrip().startswith("{"):
        return None  # two bytes that only look like a mark, before other text: left to reading
    from workbook.core.files import atomic_write

    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    aside = record.with_name(f"{record.name}.{name.lower().replace('-', '')}-{stamp}")
    try:
        atomic_write(aside, data)
        os.chmod(aside, disk.FILE_MODE)
        atomic_write(record, text.lstrip("\ufeff").replace("\x00", "").encode("utf-8"))
        os.chmod(record, disk.FILE_MODE)
    except (OSError, WorkbookError) as exc:
        return (f"{record} (client {client!r}) was saved as {name} (\"Unicode\" in some "
                f"editors), not UTF-8, so its lines cannot be read, and it could not be "
                f"rewritten ({exc}): save it as UTF-8.")
    logger.info("rewrote %s as UTF-8 (it was %s); kept %s", record, name, aside.name)
    return (f"{record} (client {client!r}) was saved as {name} (\"Unicode\" in some editors), "
            "not UTF-8: it was rewritten as UTF-8, so every line is read; the file as it was "
            f"is kept as {aside.name}.")


def _ansi_lines(data: bytes):
    """The lines of a record that are Windows-1252, not UTF-8: ``{number: text}``, or None.

    None when every line is UTF-8, or when a line that is not cannot be read as a record
    line in Windows-1252 either (a damaged line: left to the reading, which names it).
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    found = {}
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = line.decode("cp1252")
            if not isinstance(json.loads(text), dict):
                return None
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        found[number] = text
    return found or None


def _recode_ansi(record: Path, lock: Path, client, *, locked: bool, writable: bool):
    """Rewrite as UTF-8 the lines of a record an editor saved as Windows-1252 (attacks5 C6).

    Notepad's "ANSI" (Windows-1252) turns an accented letter saved by the kit into one byte
    that is not UTF-8, so its line could not be read. A line that is not UTF-8, reads as
    Windows-1252 and is a JSON object is rewritten as UTF-8 (the other lines as they are),
    under the folder's lock; the file as it was is kept as ``<record>.ansi-<timestamp>``.
    Returns the words for the coach, or None (nothing such).
    """
    try:
        data = disk.read_record(record)
    except (StoreError, OSError):
        return None  # the reading that follows says why
    lines = _ansi_lines(data)
    if lines is None:
        return None
    where = ", ".join(str(n) for n in sorted(lines))
    plural = "s" if len(lines) > 1 else ""
    said = (f"line{plural} {where} of {record} (client {client!r}) {'were' if plural else 'was'}"
            " saved as Windows-1252 (\"ANSI\" in some editors), not UTF-8")
    if not writable:
        return (f"{said}, so {'they' if plural else 'it'} cannot be read; the folder "
                "cannot be written, so the file was left as it is: save it as UTF-8.")
    if not locked:
        with disk.locked(lock):
            return _recode_ansi(record, lock, client, locked=True, writable=writable)
    pieces = data.splitlines(keepends=True)
    for number, text in lines.items():
        line = pieces[number - 1]
        end = line[len(line.rstrip(b"\r\n")):]
        pieces[number - 1] = text.encode("utf-8") + end
    from workbook.core.files import atomic_write

    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    aside = record.with_name(f"{record.name}.ansi-{stamp}")
    try:
        atomic_write(aside, data)
        os.chmod(aside, disk.FILE_MODE)
        atomic_write(record, b"".join(pieces))
        os.chmod(record, disk.FILE_MODE)
    except (OSError, WorkbookError) as exc:
        return f"{said}, and the file could not be rewritten ({exc}): save it as UTF-8."
    logger.info("rewrote %s's Windows-1252 lines as UTF-8; kept %s", record, aside.name)
    return (f"{said}: {'they were' if plural else 'it was'} rewritten as UTF-8, so every "
            f"line is read; the file as it was is kept as {aside.name}.")


def check_tail(record: Path, lock: Path, *, locked: bool, writable: bool):
    """Look at a record's last line before reading it; end or set aside one that lacks its end.

    A last line without its line end may be a save being written right now: it is never
    called cut off while another process could be writing it. Holding the folder's lock
    (``locked``, or taken here when the folder can be written and no one else holds it),
    it is settled by :func:`settle_tail`. When the folder cannot be written, it is read again
    after :data:`RECHECK_SECONDS`: still the same, it is told (and left as it is).

    Returns
    -------
    tuple or None
        ``(bytes, aside, the line's bytes)`` for the coach (``aside`` None when it was left
        as it is), or None when there is nothing to tell.
    """
    n = disk.unended(record)
    if not n:
        return None
    if locked:
        return settle_tail(record)
    if writable:
        with disk.locked(lock, wait=False) as held:
            return settle_tail(record) if held else None  # held: a save is writing it
    size = disk_size(record)
    time.sleep(RECHECK_SECONDS)
    if disk.unended(record) == n and disk_size(record) == size:
        return n, None, disk.read_from(record, size - n)[1] or b""
    return None


def catch_up(prefix: Prefix, record: Path) -> bytes:
    """Extend ``prefix`` over the whole lines a record holds after it (what a save appended).

    Returns those bytes.

    Call it under the folder's lock, right after appending: it reads only the new bytes.
    :class:`StoreError` (saying nothing was saved) when they cannot be read.
    """
    try:
        _, extra = disk.read_from(record, prefix.size)
    except OSError as exc:
        raise StoreError(f"cannot read {record}: {exc.strerror or exc}; "
                         f"nothing was saved") from None
    if extra is None:  # pragma: no cover - under the lock a record only grows
        raise StoreError(f"{record} was cut short while saving; nothing was saved")
    added = extra[:whole_lines(extra)]
    prefix.add(added)
    return added


def ended_tail(record: Path, prefix: Prefix) -> bytes:
    """What a record holds after ``prefix``, as it will be once the next append ends it.

    A last line without its line end (a crash mid-append, or an editor that drops the final
    line end) is not read; the next append ends it first (:func:`disk.append_line`), and from
    then on it is a whole line. A save replays it before its own change, so the snapshot it
    may write holds that line too. Empty when ``prefix`` covers the whole record.
    """
    try:
        _, extra = disk.read_from(record, prefix.size)
    except OSError as exc:
        raise StoreError(f"cannot read {record}: {exc.strerror or exc}") from None
    if not extra:
        return b""
    return extra if extra.endswith(b"\n") else extra + b"\n"


@contextlib.contextmanager
def quiet():
    """Hold back the store's warnings (lines skipped once already, read again to compare)."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def parse_json(raw: bytes):
    """Parse JSON bytes; any failure (bad text, too deeply nested) is a ``ValueError``.

    A byte-order mark at the start (an editor on Windows may add one) is not part of it.
    """
    try:
        return json.loads(raw.decode("utf-8").removeprefix("\ufeff"),
                          parse_constant=_not_a_number)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 text ({exc.reason})") from None


def lines_by_owner(raw: bytes) -> dict:
    """A journal's lines by the ``client_id`` they name (lines naming none are left out)."""
    lines = {}
    for line in raw.splitlines():
        try:
            entry = parse_json(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("client_id"), str):
            lines.setdefault(entry["client_id"], []).append(line)
    return lines


def _not_a_number(name: str):
    """JSON's NaN and Infinity are not answers: a file holding them is damaged."""
    raise ValueError(f"it holds {name}, which is not an answer")


def empty_state(client_id=None) -> dict:
    """The state of a client with nothing saved."""
    state = {"format": FORMAT, "sessions": {}}
    if client_id is not None:
        state["client_id"] = client_id
    return state


#: Key of a journal line that removes its session (:meth:`ClientStore.remove_session`):
#: ``{"session": day, "answers": {}, "removed": true}``. An earlier kit reads it as an
#: empty save. The state (``answers.json``) keeps ``removed``: ``{day: the removal's at}``.
REMOVED = "removed"

#: Key of a line written back from a snapshot in place of a damaged line (attacks4 B18):
#: ``{"line": its number, "sha256": its bytes' hash, "at": its moment as far as it reads}``.
#: Once that line reads (corrected by hand: it keeps its moment, its bytes change), the
#: written-back line gives way to it (:func:`superseded`); while it is damaged, or when
#: it was deleted, the written-back line counts.
STANDS_FOR = "stands_for"

#: Key of a line a rebuild wrote back from a snapshot (round 14a V1-V4): the fingerprints
#: (:func:`line_print`) of the lines the snapshot covered that the record lacked, whose
#: changes it restates. When the record holds every one of them again (the other laptop's
#: copy of them, joined by a sync tool), the written-back line gives way to them
#: (:func:`restated`): the record then reads as it would have without the repair.
RESTATES = "restates"


def stands_for(data: bytes, number: int) -> dict | None:
    """The :data:`STANDS_FOR` mark of line ``number`` (1 first) of a record; None if none."""
    lines = data.splitlines()
    if not 1 <= number <= len(lines):
        return None
    line = lines[number - 1].rstrip(b"\r")
    at = re.search(rb'"at"\s*:\s*"([^"\\]{1,64})"', line)
    return {"line": number, "sha256": hashlib.sha256(line).hexdigest(),
            "at": at.group(1).decode("utf-8", "replace") if at else None}


def superseded(value, data: bytes, readable=None) -> int | None:
    """The number of the line a written-back line stood for, when that line now reads.

    ``value`` is a parsed line of the record ``data`` (the whole record). The damaged line
    it stood for (:data:`STANDS_FOR`) is read again when its bytes are no longer in the
    record and a readable line holds its moment (``at``), or, its moment unknown, when the
    line of its number reads now. ``readable(value)`` says whether a parsed line is one
    the record can apply (default: any JSON object). None: the written-back line counts.
    """
    mark = value.get(STANDS_FOR) if isinstance(value, dict) else None
    if not isinstance(mark, dict) or not is_hash(mark.get("sha256")):
        return None
    lines = data.splitlines()
    if any(hashlib.sha256(line.rstrip(b"\r")).hexdigest() == mark["sha256"]
           for line in lines):
        return None  # still damaged as it was
    at, number = mark.get("at"), mark.get("line")
    for n, line in enumerate(lines, start=1):
        if at is None and n != number:
            continue
        try:
            other = parse_json(line)
        except ValueError:
            continue
        if isinstance(other, dict) and STANDS_FOR not in other and (
                at is None or other.get("at") == at) and (readable is None or readable(other)):
            return n
    return None


def restated(value, data: bytes, prints: dict) -> bool:
    """True when a line written back by a rebuild (:data:`RESTATES`) gives way.

    ``data`` is the whole record; ``prints`` a dict used to keep its lines' fingerprints
    (filled at the first call). The line gives way when every line it restates is in the
    record again.
    """
    named = value.get(RESTATES) if isinstance(value, dict) else None
    if not isinstance(named, list) or not named or not all(isinstance(p, str) for p in named):
        return False
    if "all" not in prints:
        prints["all"] = set(line_prints(data))
    return prints["all"].issuperset(named)


def parsed_lines(raw: bytes, journal: Path, start: int | None = None, check=None,
                 reject=None, readable=None):
    """Yield ``(where, value)`` for every line of a journal that parses as JSON.

    ``raw`` is the whole journal, or with ``start`` its part from that byte on (a line is
    then named by its byte position, or by its line number when ``check`` holds the whole
    record). Blank lines are passed over; a line that does not
    parse is skipped and told (:func:`_damaged_words`; with ``check`` once, naming the client
    and whether its change is lost; records joined on one line are each read, a cut-off piece
    after them named: :func:`_joined_words`). With ``check`` (a :class:`LineCheck`), a line
    repeating an earlier one is passed over and told. The answers' journal and the
    conversations' record are both read with it. ``reject(value)`` gives why a parsed line
    cannot be applied (None when it can): such a line is skipped before it is compared with
    the others (it is no repeat and no step back in time), with a logged warning, or told
    once with ``check``. A line written back in place of a damaged line gives way once that
    line reads (:func:`superseded`; ``readable`` as there), when ``raw`` is the whole record.
    """
    pos, record_prints = 0, {}
    # with the whole record known (``check``), a line read from ``start`` on is named by
    # its number in the record too
    first = 1 if start is None else check.line_number(start) if check is not None else None
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        at = (start or 0) + pos
        where = f"the line at byte {at}" if first is None else f"line {first + number - 1}"
        pos += len(line)
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except ValueError as exc:
            joined = _joined_records(line)
            if joined is None:
                said = _damaged_words(where, journal, check, line, exc)
                if check is not None:
                    check.tell(said)
                else:
                    logger.warning("workbook: warning: %s", said)
                continue
            joined, rest = joined
            said = _joined_words(where, journal, check, len(joined), rest)
            if check is not None:
                check.tell(said)
            else:
                logger.warning("workbook: warning: %s", said)
            for part, value in joined:
                if _rejected(reject, value, where, journal, check):
                    continue
                if check is not None and check.repeats(part, value, at):
                    continue
                yield where, value
            continue
        if _rejected(reject, value, where, journal, check):
            continue
        if check is not None and check.repeats(line, value, at):
            continue
        if start is None and isinstance(value, dict) and STANDS_FOR in value:
            read = superseded(value, raw, readable)
            if read is not None:  # the damaged line it stood for was corrected (B18)
                whose = "" if check is None else f" (client {check.client!r})"
                said = (f"{where} of {journal}{whose} was written back from the snapshot in "
                        f"place of a damaged line, which now reads (line {read}): line "
                        f"{read} counts, {where} gives way to it.")
                if check is not None:
                    check.tell(said)
                else:
                    logger.info(said)
                continue
        if isinstance(value, dict) and RESTATES in value and restated(
                value, check.data if check is not None else raw if start is None else b"",
                record_prints):  # the lines it restates are in the record again (V1-V4)
            logger.info("%s of %s was written back by a repair; the record holds again "
                        "every line it restates: they count, it gives way", where, journal)
            continue
        yield where, value


def _rejected(reject, value, where: str, journal: Path, check) -> bool:
    """True (and said) when ``reject`` says the parsed line cannot be applied."""
    if reject is None:
        return False
    why = reject(value)
    if why is None:
        return False
    if check is None:
        logger.warning("skipped %s of %s: %s", where, journal, why[1])
    else:  # told once, naming the client (the snapshot is rewritten to cover it)
        what = "" if why[0].startswith("names the session") else what_line(value)
        check.tell(f"{where} of {journal} (client {check.client!r}{what}) {why[0]}")
    return True


def _joined_records(line: bytes):
    """``([(bytes, value), ...], rest)`` when a line holds JSON objects back to back.

    Every whole object at the line's start is read in turn; ``rest`` is what follows the
    last one that is not a whole object (a record cut off: a line end and the rest of a line
    were lost), or ``b""``. None when the line does not start with a whole object, or holds
    one alone followed by nothing (then it is not joined) -- a damaged line.

    >>> parts, rest = _joined_records(b'{"a": 1}{"b": 2} {"c":')
    >>> [value for _, value in parts], rest
    ([{'a': 1}, {'b': 2}], b'{"c":')
    >>> _joined_records(b'{"a": 1'), _joined_records(b'[1]{"a": 1}')
    (None, None)
    """
    try:
        text = line.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    decoder, parts, pos = json.JSONDecoder(), [], 0
    while pos < len(text):
        try:
            value, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            break
        if not isinstance(value, dict):
            break
        parts.append((text[pos:end].encode("utf-8"), value))
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    rest = text[pos:].encode("utf-8")
    if not parts or (len(parts) == 1 and not rest):
        return None
    return parts, rest


def _piece_what(text: str):
    """What a piece of a record's line held, when its start says: a save, a change; or None."""
    day = re.search(r'"session"\s*:\s*"(\d{4}-\d{2}-\d{2})"', text)
    change = re.search(r'"op"\s*:\s*"([a-z_]{1,20})"\s*,\s*"id"\s*:\s*"([^"\\]{1,60})"', text)
    return f"a save of session {day.group(1)}" if day else \
        f"a change ({change.group(1)}) of {change.group(2)!r}" if change else None


def _damaged_words(where: str, journal: Path, check, line: bytes, exc) -> str:
    """What the coach is told of a line that is not a record the kit can read (told once).

    It names the file, the line, the client and what the line held when its start says,
    and whether the change it held is lost: it is when no snapshot holds it (the line
    follows what the snapshot covers, or there is none); else it may be in the snapshot.

    >>> check = LineCheck(Path("c/journal.jsonl"), "C1", b"", 10)
    >>> _damaged_words("line 2", Path("c/journal.jsonl"), check,
    ...                b'{"session":"2026-12-01", "answ', ValueError("Expecting value"))[:85]
    "skipped damaged line 2 of c/journal.jsonl (client 'C1', a save of session 2026-12-01)"
    """
    whose = "" if check is None else f"client {check.client!r}"
    what = _piece_what(line.decode("utf-8", "replace"))
    if what:
        whose = f"{whose}, {what}" if whose else what
    whose = f" ({whose})" if whose else ""
    snapshot = STATE_FILE if Path(journal).name == JOURNAL_FILE else \
        f"{Path(journal).stem}.json"
    day = re.search(r'"session"\s*:\s*"(\d{4}-\d{2}-\d{2})"', line.decode("utf-8", "replace"))
    held = None if check is None or day is None or check.held_days is None else \
        day.group(1) in check.held_days
    if check is not None and (check.unheld or held is False):
        fate = (f"{snapshot} does not hold it either, so the change it held is lost; correct "
                "the line by hand to have it read")
    elif held:
        fate = (f"{snapshot} holds a save of session {day.group(1)} (this one or an earlier "
                "one), which was kept; correct the line by hand to have it read")
    else:
        fate = f"the change it held is lost unless {snapshot} held it"
    return (f"skipped damaged {where} of {journal}{whose}: it is not a record the kit can "
            f"read ({str(exc)[:80]}); {fate}")


def _joined_words(where: str, journal: Path, check, n: int, rest: bytes) -> str:
    """What the coach is told of a line holding records one after the other.

    A cut-off piece after them is named (what it was, when its start says) and left in the
    record as it is, never dropped without a word.
    """
    whose = "" if check is None else f" (client {check.client!r})"
    records = f"{n} record{'' if n == 1 else 's'}"
    if not rest:
        return (f"{where} of {journal} holds {records} one after the other (a line "
                f"end was lost: a merge tool, an editor or a copy): each was read{whose}")
    what = _piece_what(rest.decode("utf-8", "replace")) or "a record"
    size = f"{len(rest)} byte{'' if len(rest) == 1 else 's'}"
    read = "it was read" if n == 1 else "each was read"
    return (f"{where} of {journal}{whose} holds {records} and then {what} cut off ({size}; "
            f"a line end and the rest of a line were lost: a merge tool, an editor or a "
            f"copy): {read}; the cut-off piece could not be read, so the change it held is "
            f"lost unless the snapshot held it; its bytes were left in the record as they "
            f"are, at that line")


def now_stamp() -> str:
    """When a line is written, as a record's ``at`` says it.

    Local time to the microsecond, with its offset from UTC, so no two saves share one and
    a change of summer time is not a step back.
    """
    return dt.datetime.now().astimezone().isoformat(timespec="microseconds")


def _moment(value):
    """A line's ``at`` as a datetime, or None when it has none that can be read."""
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _before(first, second) -> bool:
    """``first`` is earlier than ``second``.

    False when either is unknown or they cannot be compared (one with an offset from UTC,
    one without).
    """
    if first is None or second is None or (first.tzinfo is None) != (second.tzinfo is None):
        return False
    return first < second


def what_line(value) -> str:
    """What a record's line holds, for the coach: a save of a session, a change to a person."""
    if not isinstance(value, dict):
        return ""
    if isinstance(value.get("session"), str):
        return f", a save of session {value['session'][:40]}"
    if isinstance(value.get("op"), str) and isinstance(value.get("id"), str):
        return f", a change ({value['op'][:20]}) of {value['id'][:60]!r}"
    return ""


def _form(value) -> str:
    """A line's content written one way (keys sorted), so two spellings of it compare equal."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _value_form(value) -> str:
    """:func:`_form` with numbers written by value (``4.0`` as ``4``), as a JSON tool may.

    For telling a repeat written another way (round 13a R11: jq writes ``4.0`` as ``4``);
    texts compare in one normal form (NFC), as names do: a tool that writes "ë" as "e" and
    U+0308 (NFD) adds the same line again (round 14a V6). A line's fingerprint
    (:func:`line_print`) keeps :func:`_form`, as snapshots hold it.

    >>> _value_form({"h": 4.0, "b": [True, 1.5]}) == _value_form({"b": [True, 1.5], "h": 4})
    True
    >>> _value_form({"t": "Zo\u00eb"}) == _value_form({"t": "Zoe\u0308"})
    True
    """
    return _form(_by_value(value))


def _by_value(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_by_value(key): _by_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_by_value(item) for item in value]
    return value


def _clock(moment) -> str:
    """A line's moment for the coach, to the microsecond when it has one (so two differ).

    Examples
    --------
    >>> _clock(dt.datetime(2026, 12, 7, 2, 6, 51, 558000)), _clock(dt.datetime(2026, 12, 7))
    ('2026-12-07 02:06:51.558000', '2026-12-07 00:00:00')
    """
    return f"{moment:%Y-%m-%d %H:%M:%S}" + (f".{moment:%f}" if moment.microsecond else "")


class LineCheck:
    r"""Reads a record's lines in order and names the ones the coach must hear of.

    * A line that repeats an earlier line byte for byte (a sync or merge tool appended it
      again) is not applied: replayed over newer lines it would undo them. Lines the kit
      writes carry their moment to the microsecond (:func:`now_stamp`), so two honest
      saves are never the same bytes; a repeat of a line written before that (its ``at``
      to the second) is not applied when it goes back before a later line (two saves
      within one second may be alike). A line holding the same save written another way
      (JSON-equal: its keys in another order or other spacing, as jq or a JSON-aware merge
      tool writes it; the same ``at`` to the microsecond) is a repeat too, and named so.
    * A line whose ``at`` is earlier than the line before it is applied, in the order of
      the file, and named: the clock was changed, or a tool put an older change after a
      newer one.
    * A line naming a session that is not a date is named (its answers are not read).

    What is to be told gathers in :attr:`said`. ``data`` is the whole record, and the lines
    read start at byte ``start`` of it (the lines before are searched for a repeat, only for
    a line whose ``at`` does not come after theirs).

    Examples
    --------
    >>> one = b'{"at":"2026-12-01T10:00:00.000001+00:00","session":"2026-12-01"}\n'
    >>> two = b'{"at":"2026-12-01T10:00:01.000001+00:00","session":"2026-12-01"}\n'
    >>> check = LineCheck(Path("j.jsonl"), "D", one + two + one)
    >>> [check.repeats(line, parse_json(line), at) for line, at in ((one, 0), (two, 66),
    ...                                                              (one, 132))]
    [False, False, True]
    >>> check.said[0][:78]
    "line 3 of j.jsonl (client 'D', a save of session 2026-12-01) repeats line 1 by"
    """

    def __init__(self, record: Path, client, data: bytes = b"", start: int = 0, *,
                 unheld=None):
        self.record, self.client, self.data, self.start = record, client, data, start
        # whether no snapshot holds what the lines read hold (they follow what it covers, or
        # there is none): a line that cannot be read is then lost; None: not known
        self.unheld = bool(start) if unheld is None else unheld
        # the sessions the snapshot holds, when a journal is rebuilt over it (else None)
        self.held_days = None
        self.said, self.pos = [], start  # pos: where the line checked last starts
        self._seen = {}  # a line's bytes (without its end) -> where it starts
        self._seen_as = {}  # a line's content (its JSON written one way) -> where it starts
        self._before_start = None  # the same, for the lines before ``start`` (when needed)
        self._last = self._top = None
        # ``left_out(value)``: whether a line is not applied for a reason its reader tells
        # (a save older than its session's removal: round 11a M14); no step back is named
        self.left_out = None
        self.quiet_removed = False  # (a rebuild names such lines itself)
        self.joined = set()  # (session, section) changed on two copies and joined (M8)
        if start:  # the line before the first one read
            begin = data.rfind(b"\n", 0, start - 1) + 1
            try:
                last = parse_json(data[begin:start])
            except ValueError:
                last = None
            if isinstance(last, dict):
                self._last = self._top = _moment(last.get("at"))

    def line_number(self, pos: int) -> int:
        """The number of the line starting at byte ``pos`` of the record."""
        return self.data.count(b"\n", 0, pos) + 1

    def _earlier(self, key: bytes, moment):
        """Where an earlier line with exactly these bytes starts, or None."""
        if key in self._seen:
            return self._seen[key]
        if not self.start or _before(self._top, moment):
            return None  # later than every line before: it repeats none of them
        for end in (b"\n", b"\r\n"):
            found = self.data.find(b"\n" + key + end, 0, self.start)
            if found >= 0:
                return found + 1
        return 0 if self.data.startswith(key) and self.data[len(key):len(key) + 1] in (
            b"\n", b"\r") else None

    def _earlier_as(self, form: str, moment):
        """Where an earlier line holding the same content (JSON-equal) starts, or None."""
        if form in self._seen_as:
            return self._seen_as[form]
        if not self.start or _before(self._top, moment):
            return None
        if self._before_start is None:
            self._before_start, begin = {}, 0
            for line in self.data[:self.start].splitlines(keepends=True):
                try:
                    self._before_start.setdefault(_value_form(parse_json(line)), begin)
                except ValueError:
                    pass
                begin += len(line)
        return self._before_start.get(form)

    def repeats(self, line: bytes, value, pos: int) -> bool:
        """True when the line at byte ``pos`` must not be applied (it repeats an earlier one)."""
        self.pos = pos
        key = line.rstrip(b"\r\n")
        stamp = value.get("at") if isinstance(value, dict) else None
        moment = _moment(stamp)
        earlier = self._earlier(key, moment) if moment is not None else None
        self._seen.setdefault(key, pos)
        whose = f"client {self.client!r}{what_line(value)}"
        number = None
        how = "byte for byte"
        if earlier is None and moment is not None:  # the same save written another way
            form = _value_form(value)
            earlier = self._earlier_as(form, moment)
            self._seen_as.setdefault(form, pos)
            how = "in another form, with the same time, client, session and answers"
        if earlier is not None and ("." in stamp or _before(moment, self._top)):
            number, first = self.line_number(pos), self.line_number(earlier)
            self.tell(f"line {number} of {self.record} ({whose}) repeats line {first} {how} "
                      f"(a sync or merge tool may have added it again): it was not "
                      f"applied, so it does not undo what was saved after line {first}.")
            return True
        if self.left_out is not None and self.left_out(value):
            return False  # not applied: replay_onto says why
        if _before(moment, self._last):
            number = self.line_number(pos)
            self.tell(f"line {number} of {self.record} ({whose}) says it was saved at "
                      f"{_clock(moment)}, before line {number - 1} "
                      f"({_clock(self._last)}): the clock was changed, or a sync or "
                      f"merge tool put an older change after a newer one. It was applied in "
                      f"the order of the file; check that what it holds is still right.")
        if moment is not None:
            self._last = moment
            if self._top is None or _before(self._top, moment):
                self._top = moment
        return False

    def tell(self, words: str) -> None:
        """Keep words for the coach (and log them)."""
        logger.info(words)
        self.said.append(words)


def journal_entries(raw: bytes, journal: Path, start: int | None = None, check=None):
    """Yield ``(where, entry)`` for every whole, well-formed line of a journal.

    ``raw`` is the whole journal, or with ``start`` the part of it from that byte on (then
    a line is named by its byte position, as the lines before are not read). A line cut
    short by a crash, of the wrong shape, or without a session date is skipped with a logged
    warning (a line without a date is never filed under today); with ``check`` a line
    naming a session that is not a date is told too. A session written as a date and time
    (``2026-12-01T10:00:00``, as a save given a datetime wrote before 2026-12-07) is read
    as its date.
    """
    yield from parsed_lines(raw, journal, start, check, reject=_entry_problem,
                            readable=lambda entry: _entry_problem(dict(entry)) is None)


def _entry_problem(entry):
    """Why a parsed journal line cannot be applied: ``(told, logged)`` words, or None.

    A session written as a date and time is set to its date here (in ``entry``).
    """
    if not isinstance(entry, dict):
        return ("is not a saved record: it was not read.", "not a saved record")
    session = entry.get("session")
    if isinstance(session, str) and len(session) > 10 and session[10] == "T" \
            and is_date(session[:10]) and _moment(session) is not None:
        entry["session"] = session = session[:10]
    if not is_date(session):
        said = repr(session)[:60]
        return (f"names the session {said}, which is not a date (YYYY-MM-DD): the answers it "
                "holds were not read. Correct its session date to have them read.",
                f"it has no session date ({session!r})")
    problem = answers_problem(entry.get("answers"))
    if problem is None:
        client = entry.get("client_id")
        if client is not None and not isinstance(client, str):
            problem = "its client_id is not text"
    if problem:
        return (f"cannot be read ({problem}): the save it holds was not read.", problem)
    return None


def replay(raw: bytes, journal: Path, client_id=None, check=None) -> dict:
    """Rebuild a state from a journal's bytes: the saves, in order, merged per session.

    With ``client_id``, lines saved for another client are skipped; with ``check`` (a
    :class:`LineCheck`), repeated lines are not applied, and odd ones and skipped ones
    (saved for another client, a session that is not a date) are named by line number in
    ``check.said`` (told once by the store), else in a logged warning.
    """
    state = empty_state(client_id)
    replay_onto(state, raw, journal, client_id, check=check)
    return state


def local_time(stamp):
    """A line's ``at`` or a state's ``updated`` as a naive local datetime (None: unreadable)."""
    if not isinstance(stamp, str):
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when.astimezone().replace(tzinfo=None) if when.tzinfo else when


def replay_onto(state: dict, raw: bytes, journal: Path, client_id=None, start=None,
                check=None, *, older=None, kept=None) -> set:
    """Merge the saves in ``raw`` (a journal, or its part from byte ``start``) into ``state``.

    With ``older`` (a state's ``updated`` time: its last save), a line saved no later than
    it does not replace a section ``state`` holds for its session (``state`` is the later
    word: a journal put back to an older copy); each such line is added to ``kept`` as
    ``(where, session, sections)``.

    Returns the dates of the sessions they changed.
    """
    touched = set()
    before = local_time(older)

    def removal(entry):
        """The removal's ``at`` when ``entry`` saves to a session removed after it was made."""
        removed = state.get(REMOVED)
        if not isinstance(entry, dict) or entry.get(REMOVED) is True \
                or not isinstance(removed, dict):
            return None
        stamp = removed.get(entry.get("session"))
        when, at = local_time(stamp), local_time(entry.get("at"))
        return stamp if when is not None and at is not None and at <= when else None

    if check is not None:
        check.left_out = removal
    try:
        return _replay_lines(state, raw, journal, client_id, start, check, before, kept,
                             touched, removal)
    finally:
        if check is not None:
            check.left_out = None


def _replay_lines(state, raw, journal, client_id, start, check, before, kept, touched,
                  removal) -> set:
    """The loop of :func:`replay_onto`."""
    for where, entry in journal_entries(raw, journal, start, check):
        owner = entry.get("client_id")
        if client_id is not None and owner is not None and not same_client(owner, client_id):
            if check is None:
                logger.warning("skipped %s of %s: it was saved for another client",
                               where, journal)
            else:  # told once, as a notice and a StoreWarning
                check.tell(f"{where} of {journal} (client {client_id!r}{what_line(entry)}) was "
                           f"saved for another client, {owner[:60]!r}: the answers it holds "
                           "were not read (a line copied from that client's record?). "
                           "Nothing was changed.")
            continue
        if client_id is None and owner is not None:
            state.setdefault("client_id", owner)
        if entry.get(REMOVED) is True:  # a session removed for good (attacks4 B6)
            at = local_time(entry.get("at"))
            if before is None or at is None or at > before:  # else the state knew of it
                state["sessions"].pop(entry["session"], None)
                # kept in the state, so an older copy of the journal cannot bring it back
                if isinstance(entry.get("at"), str):
                    removed = state.get(REMOVED)
                    if not isinstance(removed, dict):
                        removed = state[REMOVED] = {}
                    removed[entry["session"]] = entry["at"]
                touched.add(entry["session"])
            continue
        at = local_time(entry.get("at"))
        whose = f"client {client_id!r}{what_line(entry)}"
        stamp = removal(entry)
        if stamp is not None:  # the other copy's save, older than the removal (round 11a M14)
            if check is not None and not check.quiet_removed:
                check.tell(
                    f"{where} of {journal} ({whose}) was saved at {_clock(at)}, before "
                    f"session {entry['session']} was removed (workbook remove-session, at "
                    f"{_clock(local_time(stamp))}): a sync tool joined another copy's older "
                    "save after the removal. It was left out, so the session stays removed; "
                    "if it was saved after the removal (a clock behind), save that session "
                    "again.")
            continue
        new = entry["session"] not in state["sessions"]
        empty = bool(entry["answers"]) and new and \
            holds_nothing(entry["answers"])  # every answer null or blank (round 12a P15)
        unread = unread_only(entry["answers"]) if new and not empty else None  # (R9)
        if not entry["answers"] or empty or unread is not None:  # no session (9a H1)
            if check is not None:
                how = " (each answer in it is empty)" if empty else ""
                if unread is not None:
                    how = " (each answer in it is empty)"
                check.tell(f"{where} of {journal} ({whose}) holds no answers{how}: no session "
                           "was made of it (it would repeat the answers of the session "
                           "before).")
            continue
        if at is None and check is not None:  # it cannot be placed in time (round 9a H1)
            how = "has no save time ('at')" if "at" not in entry else \
                f"has a save time that is not a time ('at': {repr(entry['at'])[:40]})"
            check.tell(f"{where} of {journal} ({whose}) {how}: it was read in the order of "
                       "the file; check that what it holds is still right.")
        elif check is not None and entry["session"] > (at + dt.timedelta(days=1)).date(
                ).isoformat():  # a day still to come when saved (round 9a H11)
            check.tell(f"{where} of {journal} ({whose}) is dated after the day it was saved "
                       f"({at:%Y-%m-%d}): its date was corrected in the record? It was read as "
                       "dated; correct the date if it is wrong.")
        session = state["sessions"].setdefault(entry["session"], {})
        if before is not None and at is not None and at <= before:
            held = [name for name, value in entry["answers"].items()
                    if name in session and session[name] != value]
            if held and kept is not None:
                kept.append((where, entry["session"], held))
            session.update({k: v for k, v in entry["answers"].items() if k not in session})
        else:
            answers, was = entry["answers"], entry.get(WAS)
            gone = _removed_since(state, entry, was) if new else None
            if gone is not None:  # saved over the session as it was before its removal
                if check is not None:
                    check.tell(_made_again_words(f"{where} of {journal} ({whose})", entry,
                                                 gone))
            elif isinstance(was, dict) and was:  # saved by a page over what it read (M8)
                answers = _joined(state["sessions"], entry["session"], answers, was,
                                  f"{where} of {journal} ({whose})", check,
                                  entry.get(SET_AS_WAS))
            session.update(answers)
        touched.add(entry["session"])
    return touched


def _removed_since(state: dict, entry: dict, was):
    """The removal's ``at`` when a page's line was saved over a session since removed.

    The session ``entry`` saves to is not in ``state`` (it was removed: ``state``'s
    :data:`REMOVED` names it) and the line's :data:`WAS` is not what the record shows for
    it now (the section carried from an earlier session): its page showed the session as
    it stood before the removal, on another copy of the record (round 14a V17). None
    otherwise.
    """
    removed = state.get(REMOVED)
    stamp = removed.get(entry["session"]) if isinstance(removed, dict) else None
    if not isinstance(stamp, str) or not isinstance(was, dict) or not was:
        return None
    shown = {name: on_disk(state["sessions"], entry["session"], name) for name in was}
    return None if all(_form(shown[name]) == _form(value) for name, value in was.items()) \
        else stamp


def _made_again_words(line: str, entry: dict, stamp: str) -> str:
    """The notice for a line that makes a removed session again (:func:`_removed_since`)."""
    day = entry["session"]
    what = "; ".join(f"{name}: {', '.join(_fields(section)) or 'nothing'}"
                     for name, section in entry["answers"].items())
    at = local_time(stamp)
    when = f", at {_clock(at)}" if at is not None else ""
    return (f"{line} was saved after session {day} was removed (workbook remove-session"
            f"{when}), on another copy of the record that still showed it (two laptops' "
            f"lines joined by a sync tool): it makes the session again with what it holds "
            f"({what[:300]}), as a later save on that date does, texts included. If the "
            f"session was removed for good (saved under the wrong client), run workbook "
            f"remove-session for {day} again.")


#: Key of a journal line a page saved (with ``base``): each section merged, as it was on
#: disk before (``{section: value}``). A line read over a section that another copy of the
#: record changed since (a sync tool keeping both files' lines) is merged field by field
#: over it, as the page would have (round 11a M8).
WAS = "was"
#: Key of such a line: the fields (paths, :func:`set_as_was`) its page set to the value the
#: disk held already (an answer carried from an earlier session, given again): the line
#: holds them as :data:`WAS` does, yet the page gave them.
SET_AS_WAS = "set"


def _leaves(section, path=()):
    """``(path, value)`` of each field of a section (see :func:`_fields`), paths as tuples."""
    for key, value in (section.items() if isinstance(section, dict) else ()):
        if key in (ITEMS, TOOL) and isinstance(value, dict):
            for inner, one in value.items():
                if key == TOOL and isinstance(one, dict):
                    yield from (((key, inner, step), v) for step, v in one.items())
                else:
                    yield (key, inner), one
        elif key == REFLECTIONS and isinstance(value, list):
            yield from (((key, n), v) for n, v in enumerate(value))
        else:
            yield (key,), value


def _at(section, path):
    """The value at ``path`` of a section, or ``_ABSENT``."""
    value = section
    for step in path:
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return _ABSENT
    return value


def _put(section: dict, path, value) -> dict:
    """A copy of ``section`` with ``value`` at ``path`` (a list grown with "" as needed)."""
    out = dict(section)
    head, rest = path[0], path[1:]
    if not rest:
        out[head] = value
        return out
    inner = out.get(head)
    if isinstance(head, str) and head == REFLECTIONS:
        items = list(inner) if isinstance(inner, list) else []
        items.extend([""] * (rest[0] + 1 - len(items)))
        items[rest[0]] = value
        out[head] = items
        return out
    out[head] = _put(inner if isinstance(inner, dict) else {}, rest, value)
    return out


def _label(path) -> str:
    """A field's name for the coach (as :func:`_fields` names it)."""
    if path[0] == REFLECTIONS and len(path) == 2:
        return f"reflection {path[1] + 1}"
    return " ".join(map(str, path[1:] if path[0] in (ITEMS, TOOL) else path))


def set_as_was(base, mine, merged, was) -> list:
    """The fields a page changed (``mine`` against ``base``) that its save holds as ``was`` did.

    Paths as lists, for :data:`SET_AS_WAS`.
    """
    return [list(path) for path, value in _leaves(mine)
            if not _same(value, _at(base, path)) and _same(_at(merged, path), value)
            and _same(_at(was, path), value)]


def on_disk(sessions: dict, day: str, name: str):
    """Section ``name`` as a page of session ``day`` shows it: its own, else carried, else {}."""
    own = (sessions.get(day) or {}).get(name)
    if own is not None:
        return own
    return next((sessions[d][name] for d in sorted(sessions, reverse=True)
                 if d <= day and name in sessions[d]), {})


def _fields(section) -> dict:
    """A section's values by field: each statement, tool key (and step), reflection, other key."""
    out = {}
    for key, value in (section.items() if isinstance(section, dict) else ()):
        if key in (ITEMS, TOOL) and isinstance(value, dict):
            for inner, one in value.items():
                if key == TOOL and isinstance(one, dict):
                    out.update({f"{inner} {step}": v for step, v in one.items()})
                else:
                    out[inner] = one
        elif key == REFLECTIONS and isinstance(value, list):
            out.update({f"reflection {n}": v for n, v in enumerate(value, start=1)})
        else:
            out[key] = value
    return out


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)[:60] if not isinstance(value, str) \
        else repr(value[:40])


def _new_there(sessions: dict, day: str, name: str, before) -> bool:
    """Whether a line's section ``before`` (:data:`WAS`) was carried from an earlier session.

    It is when this record holds the section for the session ``day`` itself (another copy
    saved it) and ``before`` is the section of the latest earlier session: the line's page
    showed that session as new, carried answers filled in.
    """
    if (sessions.get(day) or {}).get(name) is None:
        return False
    carried = next((sessions[d][name] for d in sorted(sessions, reverse=True)
                    if d < day and name in sessions[d]), None)
    return carried is not None and _form(carried) == _form(before)


def _unanswered(section: dict) -> dict:
    """A carried section as a new session's page held it: no statement, no tool number.

    >>> _unanswered({"items": {"time_1": 4}, "reflections": ["a"],
    ...              "tool": {"hours_per_week": 4.0, "step_minutes": {"talk": 30},
    ...                       "plan": "walk"}})
    {'reflections': ['a'], 'tool': {'step_minutes': {}, 'plan': 'walk'}}
    """
    def number(value) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    out = {k: v for k, v in section.items() if k != ITEMS}
    tool = out.get(TOOL)
    if isinstance(tool, dict):
        out[TOOL] = {k: ({s: n for s, n in v.items() if not number(n)} if isinstance(v, dict)
                         else v) for k, v in tool.items() if not number(v)}
    return out


def _unshared(mine, theirs, out) -> set:
    """Labels of texts kept twice in ``out`` that a copy ticked and ``out`` does not share."""
    ticks = [{e for e in v["share"] if isinstance(e, str)} if isinstance(v, dict)
             and isinstance(v.get("share"), list) else set() for v in (mine, theirs, out)]
    return {_label(path) for path, value in _leaves(out)
            if isinstance(value, str) and TEXT_SEPARATOR in value
            and (entry := _share_entry(path)) is not None
            and entry in (ticks[0] | ticks[1]) - ticks[2]}


def _joined(sessions: dict, day: str, answers: dict, was: dict, line: str, check,
            given=None) -> dict:
    """A page's line read over sections another copy changed since its page read them (M8).

    ``was`` holds each section as the page's disk held it; where the section now differs
    (the other copy's lines came first), the line is merged over it field by field
    (:func:`merge_section`): a text changed on both is kept twice, the other's first; a
    value changed on both keeps this, the later line's, and the notice names the other.
    """
    out = dict(answers)
    for name, before in was.items():
        if name not in answers or not isinstance(answers[name], dict):
            continue
        now = on_disk(sessions, day, name)
        if _form(now) == _form(before):
            continue
        if isinstance(before, dict) and (ITEMS in before or TOOL in before) and _new_there(
                sessions, day, name, before):
            # the page's session was new on its copy: it held no answers, so each one the
            # line holds was given there, even one equal to the carried (round 13a R14): the
            # statements and the tool's numbers, such as the hours a week (round 14a V9)
            before = _unanswered(before)
        out[name] = merge_section(before, answers[name], now)
        # an answer the other copy's section lacks was not cleared there: that copy's page
        # never showed it (carried from a session it did not have); it is kept
        items, held = answers[name].get(ITEMS), now.get(ITEMS) if isinstance(now, dict) else {}
        got = out[name].get(ITEMS)
        if isinstance(items, dict):
            lacked = {k: v for k, v in items.items() if k not in (held or {})
                      and k not in (got or {})}
            if lacked:
                out[name] = {**out[name], ITEMS: {**(got or {}), **lacked}}
        unshared = _unshared(answers[name], now, out[name])
        old, mine, theirs, result = (_fields(v) for v in (before, answers[name], now,
                                                            out[name]))
        parts = []
        for field in dict.fromkeys([*theirs, *mine]):
            b, m, t = (v.get(field, _ABSENT) for v in (old, mine, theirs))
            if m is _ABSENT or t is _ABSENT or _same(m, t) or _same(m, b) or _same(t, b):
                continue
            kept = result.get(field)
            if isinstance(kept, str) and TEXT_SEPARATOR in kept and kept not in (m, t):
                parts.append(f"{field}: both texts are kept, the other's first, then ———"
                             + (" (not shared in the report: it was ticked on one copy only)"
                                if field in unshared else ""))
            elif isinstance(kept, list) and isinstance(m, list) and isinstance(t, list) \
                    and (all(x in kept for x in [*m, *t]) or not _same(kept, m)):
                # ticks joined (round 13a R24), an untick on one copy with them (14a V15)
                parts.append(f"{field}: both copies' are kept, joined: {_shown(kept)} (the "
                             f"later line's {_shown(m)} and the other copy's {_shown(t)})")
            else:
                parts.append(f"{field}: {_shown(kept)} kept (the later line), the other "
                             f"copy's {_shown(t)} not kept")
        for path in (given or {}).get(name, ()) if isinstance(given, dict) else ():
            path = tuple(path) if isinstance(path, list) and path else None
            m = _at(answers[name], path) if path else _ABSENT
            t = _at(now, path) if path else _ABSENT
            if m is _ABSENT or _same(m, t) or _same(_at(out[name], path), m):
                continue  # (the page gave what the other copy holds, or it was kept)
            out[name] = _put(out[name], path, m)
            if t is not _ABSENT:
                parts.append(f"{_label(path)}: {_shown(m)} kept (the later line), the other "
                             f"copy's {_shown(t)} not kept")
        if parts and check is not None:
            check.joined.add((day, name))
            check.tell(f"{line} and another copy of the record both changed {name} of session "
                       f"{day} (two laptops' lines joined by a sync tool): "
                       + "; ".join(parts) + ".")
    return out


def dump(value) -> str:
    """Compact JSON of a state or journal entry (``StoreError`` if it cannot be written)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else exc
        raise StoreError(f"answers cannot be saved as they are: {reason}") from None


#: The snapshot's SHA-256 of its own sessions as written: a hand edit no longer matches it.
CONTENT_HASH = "sessions_sha256"
#: How many lines of the journal the snapshot covers: a journal with fewer whole lines than
#: that went back to an older copy (attacks3 A4), not only had a line edited (A24).
JOURNAL_LINES = "journal_lines"


#: Key of a snapshot: a short fingerprint of each line of the record it covers
#: (:func:`line_print`), so a rebuild applies over it only the lines it did not cover
#: (attacks5 C15, as attacks4 B17 for conversations): an older line it holds already never
#: undoes a later change it holds, and the lines it covered that a record put over this one
#: lacks are counted (C26).
COVERED_LINES = "covered_lines"


def cover(state: dict, prefix: Prefix, prints: list | None = None) -> None:
    """Set what a state file covers of its journal: bytes, their SHA-256, lines (and prints).

    ``prints`` (:func:`line_prints` of those bytes) is kept when given.
    """
    state[JOURNAL_BYTES], state[JOURNAL_HASH] = prefix.size, prefix.hex
    state[JOURNAL_LINES] = prefix.lines
    if prints is not None:
        state[COVERED_LINES] = list(prints)


def line_print(line: bytes) -> str:
    r"""A line's fingerprint: its content written one way (so CRLF or spacing do not count).

    A line that is not JSON is printed by its bytes, without its line end and spaces.

    >>> line_print(b'{"op":"share","at":"x"}\r\n') == line_print(b'{"at": "x", "op": "share"}')
    True
    """
    try:
        text = _form(parse_json(line)).encode("utf-8")
    except ValueError:
        text = line.strip()
    return hashlib.sha256(text).hexdigest()[:16]


def line_prints(data: bytes) -> list:
    """The fingerprints of a record's lines (blank lines left out), in order."""
    return [line_print(line) for line in data.splitlines() if line.strip()]


def covered_prints(state: dict) -> set | None:
    """The fingerprints a snapshot keeps of the lines it covers, as a set; None if none.

    Both snapshots keep them under :data:`COVERED_LINES` (the answers' and the
    conversations'); a rebuild asks only whether a line is among them. The list as kept
    (in order, a repeated line's print repeated) is ``state[COVERED_LINES]``.

    >>> sorted(covered_prints({COVERED_LINES: ["b", "a", "b"]}))
    ['a', 'b']
    >>> covered_prints({COVERED_LINES: ["a", 1]}), covered_prints({}), covered_prints([])
    (None, None, None)
    """
    prints = state.get(COVERED_LINES) if isinstance(state, dict) else None
    if not isinstance(prints, list) or not all(isinstance(p, str) for p in prints):
        return None
    return set(prints)


def masked(lines: bytes, prints) -> bytes:
    """The record with the lines ``prints`` names blanked (each keeps its line end).

    Only up to the first line the snapshot did not cover (an edited line, another
    laptop's change): from there on every line is kept, so an edited line is read in its
    place, the lines after it over it, as the record orders them.
    """
    out, pieces = [], lines.splitlines(keepends=True)
    for n, line in enumerate(pieces):
        body = line.rstrip(b"\r\n")
        if body.strip() and line_print(body) not in prints:
            out.extend(pieces[n:])
            break
        out.append(line[len(body):])
    return b"".join(out)


def sessions_hash(sessions: dict, parts: dict | None = None) -> str:
    """SHA-256 of a state's sessions, each as its compact JSON (``parts`` where given)."""
    digest = hashlib.sha256()
    for day, answers in sessions.items():
        text = parts[day] if parts is not None and day in parts else dump(answers)
        digest.update(f"{day}:{text}\n".encode())
    return digest.hexdigest()


def sealed(state: dict, parts: dict | None = None) -> str:
    """:func:`assemble` of ``state``, with :data:`CONTENT_HASH` of its sessions set first."""
    parts = {} if parts is None else parts
    for day, answers in state["sessions"].items():
        if day not in parts:
            parts[day] = dump(answers)
    state[CONTENT_HASH] = sessions_hash(state["sessions"], parts)
    return assemble(state, parts)


def value_hash(value) -> str:
    """SHA-256 of a value's compact JSON (a conversations snapshot's list, say)."""
    return hashlib.sha256(dump(value).encode()).hexdigest()


def content_problem(state: dict) -> str | None:
    """Why a snapshot's sessions are not what it wrote (edited by hand), or None.

    A snapshot of an earlier version (no :data:`CONTENT_HASH`) is taken as it is.
    """
    expected = state.get(CONTENT_HASH)
    if expected is None:
        return None
    if not is_hash(expected) or sessions_hash(state["sessions"]) != expected:
        return ("its sessions were changed outside the kit: they no longer match the "
                "SHA-256 they were saved with")
    return None


def assemble(state: dict, parts: dict) -> str:
    """Compact JSON of a state whose sessions are (partly) encoded already.

    ``parts`` maps a session date to its answers' JSON; sessions missing from it are
    encoded and added. The result parses to ``state``.

    Examples
    --------
    >>> state = {"format": 1, "sessions": {"2026-11-26": {"hope": {}}, "2026-12-10": {}}}
    >>> assemble(state, {"2026-12-10": "{}"})
    '{"format":1,"sessions":{"2026-11-26":{"hope":{}},"2026-12-10":{}}}'
    >>> json.loads(assemble(state, {})) == state
    True
    """
    sessions = state["sessions"]
    for day, answers in sessions.items():
        if day not in parts:
            parts[day] = dump(answers)
    head = dump({key: value for key, value in state.items() if key != "sessions"})
    body = ",".join([f'"{day}":{parts[day]}' for day in sessions])  # dates need no escapes
    return (head[:-1] + "," if len(head) > 2 else "{") + f'"sessions":{{{body}}}}}'
