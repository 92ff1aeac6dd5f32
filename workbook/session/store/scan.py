"""Every client of a workspace, and every folder that could not be read as one, with why.

Commands that walk a workspace (``export-clients``, ``followups``, ``report --workspace``)
serve every client they can and name each folder they leave out: a copied folder whose
``client.json`` names another client, a damaged or missing ``client.json``, a link, a file
where a folder should be, or a client whose answers cannot be read. One damaged client never
stops a command for the others, and none drops out without a word.

Examples
--------
>>> import shutil, tempfile
>>> from pathlib import Path
>>> from workbook.session.store import ClientStore
>>> store = ClientStore(tempfile.mkdtemp())
>>> _ = store.create("ann"), store.create("bob")
>>> _ = shutil.copytree(store.folder("ann"), store.root / "copy-0123456789")
>>> found = scan(store)
>>> found.clients
['ann', 'bob']
>>> print(found.problems[0].reason)
its client.json names 'ann', whose folder is ann-49915e0d7d (a copied folder?)
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.log import logger
from workbook.core.text import normal_id
from workbook.session.store import disk
from workbook.session.store.records import (
    ID_FILE,
    JOURNAL_FILE,
    STATE_FILE,
    exact_folder_name,
    folder_name,
    is_folder_name,
    legacy_name,
    lines_by_owner,
    parse_json,
)

__all__ = ["Problem", "Scan", "each_client", "scan", "unmoved"]

#: How the reason of a folder that could not be moved to its client's folder ends.
BY_HAND = "already; move what you need there by hand"


@dataclasses.dataclass(frozen=True)
class Problem:
    """A folder of the workspace left out, and why (words a coach can act on)."""

    folder: Path
    reason: str

    def __str__(self) -> str:
        return f"left out {self.folder}: {self.reason}"


@dataclasses.dataclass
class Scan:
    """What :func:`scan` found: the clients' ids (sorted) and the folders left out."""

    clients: list
    problems: list

    def warn(self) -> None:
        """Log every problem as a warning (one line per folder)."""
        for problem in self.problems:
            logger.warning("workbook: warning: %s", problem)


def scan(store) -> Scan:
    """Every client of ``store``'s workspace, and each client-like folder left out, with why.

    A folder counts when it is named like a client's (a readable part and a hash,
    :func:`~workbook.session.store.records.is_folder_name`); hidden entries and other names (a
    coach's own notes folder) are passed over without a word, as they are not clients,
    unless the folder holds an earlier version's records (named, as a read-only command
    does not move it).

    Parameters
    ----------
    store : ClientStore

    Returns
    -------
    Scan
        ``clients``: each exact id whose folder holds that client's ``client.json``, sorted
        as :meth:`ClientStore.clients` sorts them; ``problems``: a :class:`Problem` per
        folder left out.
    """
    clients, problems = [], []
    try:
        entries = sorted(store.root.iterdir())
    except OSError as exc:
        return Scan([], [Problem(store.root, f"it cannot be read ({exc.strerror or exc})")])
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if not is_folder_name(entry.name):  # a copy, or an earlier version's folder: named
            reason = _copy_of(entry) or _earlier_version(entry)
            if reason is not None:
                problems.append(Problem(entry, reason))
            continue
        client, reason = _client_of(entry)
        if reason is None:
            clients.append(client)
        else:
            problems.append(Problem(entry, reason))
    return Scan(sorted(clients), problems)


def unmoved(store) -> list:
    """The folders of ``store``'s workspace that could not be moved to their client's folder.

    A folder made for an id spelled another way, or by an earlier version of the kit, is
    moved to the client's folder when the workspace is opened to write; when that client
    has a folder already, it stays, unread: each is a :class:`Problem`, in :func:`scan`'s
    words, so the store that the pages use can name it.
    """
    return [p for p in scan(store).problems
            if p.reason.endswith(BY_HAND) or p.reason.startswith(_NOT_ITS_FOLDER)]


def _client_of(folder: Path) -> tuple:
    """``(client id, None)`` for a client's folder, else ``(None, why it is left out)``."""
    if folder.is_symlink():
        return None, "it is a symbolic link (links are never followed)"
    if not folder.is_dir():
        return None, "it is a file, not a folder"
    try:
        record = parse_json(disk.read_bytes(folder / ID_FILE))
    except FileNotFoundError:
        return None, f"it has no {ID_FILE} naming whose answers it holds"
    except (OSError, ValueError, WorkbookError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return None, f"its {ID_FILE} cannot be read ({reason})"
    client = record.get("client_id") if isinstance(record, dict) else None
    if not isinstance(client, str):
        return None, f"its {ID_FILE} is damaged: it names no client"
    try:
        own = folder_name(client)
    except WorkbookError as exc:
        return None, f"its {ID_FILE} names {client!r}, which is not a client's name ({exc})"
    if own != folder.name and exact_folder_name(client) == folder.name:
        spelled = (f"it was made for {client!r} spelled another way (a decomposed letter, an "
                   "invisible character or spaces around it)")
        if (folder.parent / own).exists():
            return None, f"{spelled}, and that client has the folder {own} {BY_HAND}"
        return None, (f"{spelled}; open the workspace with `workbook coach` once to move it "
                      f"to {own}")
    if own != folder.name:
        owner = record_owner(folder)
        if owner is not None and folder_name(owner) == folder.name:
            return owner, None  # client.json edited: the store writes it again (C12)
        return None, (f"its {ID_FILE} names {client!r}, whose folder is {own} "
                      "(a copied folder?)")
    return client, None


def legacy_owners(folder: Path) -> tuple:
    """The ids a folder of an earlier version names, and its journal lines by id.

    An id counts when the folder's name is the one earlier versions gave it
    (:func:`~workbook.session.store.records.legacy_name`): the folder is that id's.
    """
    try:
        raw = disk.read_bytes(folder / JOURNAL_FILE)
    except (OSError, StoreError):
        raw = b""
    lines = lines_by_owner(raw)
    owners = set(lines)
    try:
        state = parse_json(disk.read_bytes(folder / STATE_FILE))
        if isinstance(state, dict) and isinstance(state.get("client_id"), str):
            owners.add(state["client_id"])
    except (OSError, StoreError, ValueError):
        pass
    return {o for o in owners if o.strip() and legacy_name(o) == folder.name}, lines


def record_owner(folder: Path):
    """The one client every line of ``folder``'s records names, or None (none, or several).

    Read from ``journal.jsonl``, ``conversations.jsonl`` and ``answers.json``; a file that
    cannot be read (or is not a regular file) names no one.
    """
    owners = set()
    for name in (JOURNAL_FILE, "conversations.jsonl"):
        try:
            owners |= {normal_id(o) for o in lines_by_owner(disk.read_record(folder / name))
                       if isinstance(o, str)}
        except (OSError, ValueError, WorkbookError):
            continue
    try:
        state = parse_json(disk.read_bytes(folder / STATE_FILE))
        if isinstance(state, dict) and isinstance(state.get("client_id"), str):
            owners.add(normal_id(state["client_id"]))
    except (OSError, ValueError, WorkbookError):
        pass
    return next(iter(owners)) if len(owners) == 1 else None


#: How a folder renamed or copied by hand is named (the store that pages use says it too).
_NOT_ITS_FOLDER = "it holds the records of client "


def record_copies(folder: Path) -> list:
    """Files in a client's folder that look like a copy of one of its records, sorted.

    A sync tool that finds a record changed on two machines keeps one and puts the other
    beside it (``journal (Ann's conflicted copy 2026-12-07).jsonl``); nothing reads it. Names
    starting ``journal``, ``answers`` or ``conversations`` and ending ``.jsonl``/``.json``,
    other than the kit's own files, count (the kit's ``.torn-``/``.unmatched-``/``.corrupt-``
    files end otherwise; its temporary files start with a dot): a sync tool's
    ``journal (conflicted copy ...)``, ``journal.sync-conflict-...``, a file manager's
    ``journal - Copy``, ``journal copy``, ``journal 2``, ``journal (1)``, a merge tool's
    ``journal_LOCAL_123``. So do a file manager's ``Copy of journal.jsonl`` (``Copy (2) of``)
    and a backup an editor or a merge tool leaves: ``journal.jsonl.bak``, ``.orig``, ``.old``,
    ``journal.jsonl~``.

    >>> [_looks_copied(n) for n in ("Copy of journal.jsonl", "Copy (2) of answers.json",
    ...  "journal (1).jsonl", "journal.jsonl.bak", "conversations.jsonl~", "journal.jsonl",
    ...  "journal.jsonl.torn-20261207T000000", "notes.txt")]
    [True, True, True, True, True, False, False, False]
    """
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return []
    return sorted(folder / name for name in names if _looks_copied(name))


#: The files the kit itself keeps in a client's folder under a record's name.
_OWN = {JOURNAL_FILE, STATE_FILE, "conversations.jsonl", "conversations.json", ID_FILE}


def _looks_copied(name: str) -> bool:
    """Whether a file's name in a client's folder is that of a copy of one of its records."""
    if name in _OWN or name.startswith("."):
        return False
    low = re.sub(r"^copy( \(\d+\))? of ", "", name.lower())
    low = re.sub(r"(\.(bak|orig|old)|~)$", "", low)
    return low.startswith(("journal", "answers", "conversations")) \
        and low.endswith((".jsonl", ".json"))


def _copy_of(folder: Path):
    """Why a folder holding a ``client.json``, not named as a client's, is left out (else None).

    A sync tool's "conflicted copy" of a client's folder (``C1-ab861dc170 (conflicted copy
    2026-12-07)``), or a folder copied or renamed by hand, holds a client's records (and
    perhaps changes of its own) but is not the folder the kit reads for them.
    """
    try:
        if folder.is_symlink() or not folder.is_dir() or not (folder / ID_FILE).exists():
            return None
    except OSError:
        return None
    _, reason = _client_of(folder)
    try:
        record = parse_json(disk.read_bytes(folder / ID_FILE))
        client = record.get("client_id") if isinstance(record, dict) else None
        own = folder_name(client) if isinstance(client, str) else None
    except (OSError, ValueError, WorkbookError):
        own = None
    if own is None:
        return reason
    if not (folder.parent / own).exists():
        return (f"{_NOT_ITS_FOLDER}{client!r} but is not that client's "
                f"folder, and there is no folder {own}: rename it {own} to have it read")
    return (f"{_NOT_ITS_FOLDER}{client!r} but is not that client's folder "
            f"({own}): a copy (a sync tool's conflicted copy?); nothing in it was read. Merge "
            "what you need by hand")


def _earlier_version(folder: Path):
    """Why a folder an earlier version of the kit wrote is not read, or None if it is not one.

    Earlier versions named a client's folder after the id made safe, with no ``client.json``;
    opening the workspace to write (``workbook coach``) moves it
    (:mod:`~workbook.session.store.migrate`), a read-only command names it.
    """
    try:
        if folder.is_symlink() or not folder.is_dir():
            return None
        held = next((name for name in (JOURNAL_FILE, STATE_FILE)
                     if (folder / name).exists()), None)
        if held is None:
            return None
        owners, _ = legacy_owners(folder)
    except (OSError, WorkbookError):
        return None
    if not owners:
        return (f"it holds {held} but no {ID_FILE}, and its records name no client this "
                "folder was made for: not read")
    named = ", ".join(repr(o) for o in sorted(owners))
    start = f"a folder of an earlier version of the kit, holding the answers of {named}, not read"
    taken = [o for o in sorted(owners) if (folder.parent / folder_name(o)).exists()]
    if len(owners) == 1 and taken:
        return f"{start}: {taken[0]!r} has the folder {folder_name(taken[0])} {BY_HAND}"
    return f"{start}: open the workspace with `workbook coach` once to move it"


def each_client(store, found: Scan, read):
    """Yield ``(client, read(client))`` for each client of ``found``; a failure is a problem.

    A client whose answers cannot be read (a :class:`~workbook.core.exceptions.WorkbookError` or
    an operating-system error) is added to ``found.problems`` and passed over, so one damaged
    client never stops a command for the others.
    """
    for client in found.clients:
        try:
            value = read(client)
        except (WorkbookError, OSError) as exc:
            found.problems.append(Problem(store.root / folder_name(client), str(exc)))
            continue
        yield client, value
