"""Where a client's conversations are kept: beside their answers, with the same guarantees.

Two files in the client's folder (0700; both files 0600):

* ``conversations.jsonl``, the record: one JSON line per change (an *op* of
  :mod:`workbook.conversations.model`), appended and fsynced before :meth:`Tracker.change`
  returns, under the folder's lock. Two pages changing the same client's list at once each
  apply their change to the list as it is on disk, so nothing is lost.
* ``conversations.json``, a snapshot: the list as of ``journal_bytes`` bytes of the record.
  It is rewritten atomically when the record has outgrown it by a quarter, so a change costs
  about the same with 5 people or 1,000.

A snapshot that cannot be read is moved aside (``conversations.json.corrupt-<timestamp>``),
the list is rebuilt from the record, and the page says so (:attr:`Tracker.notice`, and a
:class:`~workbook.store.StoreWarning`). A damaged line of the record is skipped with a
logged warning; a line cut short by a crash is not read.

Examples
--------
>>> import datetime as dt, tempfile
>>> from workbook.store import ClientStore
>>> from workbook.conversations import model
>>> tracker = Tracker(ClientStore(tempfile.mkdtemp()), "client-07")
>>> book = tracker.change(model.add_op("Sam Lee", org="Parks", person_id="p1"))
>>> Tracker(tracker.store, "client-07").read().people["p1"].name
'Sam Lee'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import warnings

from ..exceptions import StoreError
from ..log import logger
from ..store import LOCK_FILE, ClientStore, StoreWarning, disk
from ..store.core import _signature, _write
from ..store.records import dump, parse_json, parsed_lines, same_client
from . import model

JOURNAL = "conversations.jsonl"
SNAPSHOT = "conversations.json"
FORMAT = 1
#: The snapshot is rewritten when the record has grown past it by more than this share.
REWRITE_SHARE = 0.25


def book_to_dict(book: model.Book) -> dict:
    """A book as plain JSON-ready data."""
    return {"people": [dataclasses.asdict(p) for p in book.people.values()],
            "share_report": book.share_report, "share_names": book.share_names}


def book_from_dict(data) -> model.Book:
    """Rebuild a book from :func:`book_to_dict`'s data (``ValueError`` if misshapen)."""
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise ValueError("it does not hold a list of people")
    book = model.Book(share_report=bool(data.get("share_report")),
                      share_names=bool(data.get("share_names")))
    for n, entry in enumerate(data["people"], start=1):
        problem = model.fields_problem(entry, adding=True)
        if problem is None and not isinstance(entry.get("id"), str):
            problem = "it has no id"
        if problem:
            raise ValueError(f"person {n} in it: {problem}")
        person = model.Person(**entry)
        book.people[person.id] = person
    return book


@dataclasses.dataclass
class _Seen:
    book: model.Book
    journal_sig: tuple | None
    snapshot_sig: tuple | None
    covered: int | None
    snapshot_size: int


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
        #: A message about a damaged file set aside on the last read, else None.
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

    def change(self, op: dict) -> model.Book:
        """Apply one op (made by a :mod:`~workbook.conversations.model` function) and save it.

        Returns the list after the change. When this returns, the change is on disk; if it
        cannot be written, :class:`~workbook.exceptions.StoreError` is raised and nothing
        is changed.
        """
        problem = model.op_problem(op)
        if problem:
            raise StoreError(f"this change cannot be saved: {problem}")
        line = dump({"at": dt.datetime.now().isoformat(timespec="seconds"),
                     "client_id": self.client, **op})
        folder = self.store.client_folder(self.client, create=True)
        journal = folder / JOURNAL
        with disk.locked(folder / LOCK_FILE):
            disk.remove_temps(folder, prefix=SNAPSHOT)
            seen = self._load(folder, locked=True)
            try:
                size = disk.append_line(journal, line)  # from here on it is on disk
            except BaseException:
                self._seen = None
                raise
            model.apply(seen.book, json.loads(line))
            seen.journal_sig = _signature(journal)
            grown = seen.journal_sig[1] - (seen.covered or 0)
            if seen.covered is None or grown > REWRITE_SHARE * seen.snapshot_size:
                try:
                    self._snapshot(folder, seen)
                except BaseException:
                    self._seen = None
                    disk.cut_back(journal, size)
                    raise
            self._seen = seen
        logger.info("saved a %s change to the conversations of %s", op["op"], folder.name)
        return seen.book

    # -- files ---------------------------------------------------------------------------
    def _snapshot(self, folder, seen: _Seen, covered: int | None = None) -> None:
        if covered is None:
            covered = seen.journal_sig[1] if seen.journal_sig else 0
        text = dump({"format": FORMAT, "client_id": self.client, "journal_bytes": covered,
                     "book": book_to_dict(seen.book)})
        _write(folder / SNAPSHOT, text)
        seen.covered, seen.snapshot_size = covered, len(text)
        seen.snapshot_sig = _signature(folder / SNAPSHOT)

    def _load(self, folder, *, locked: bool) -> _Seen:
        journal, path = folder / JOURNAL, folder / SNAPSHOT
        seen = self._seen
        if seen is not None and seen.journal_sig == _signature(journal) \
                and seen.snapshot_sig == _signature(path):
            return seen
        seen = self._read(folder, locked=locked)
        self._seen = seen
        return seen

    def _read(self, folder, *, locked: bool) -> _Seen:
        journal, path = folder / JOURNAL, folder / SNAPSHOT
        snapshot_sig, journal_sig = _signature(path), _signature(journal)
        try:
            raw = disk.read_bytes(path)
        except FileNotFoundError:
            book = model.Book()
            _replay(book, _bytes(journal), journal, self.client)
            return _Seen(book, journal_sig, None, None, 0)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            state = parse_json(raw)
            if not isinstance(state, dict):
                raise ValueError("it does not hold a conversations list")
            if not same_client(state.get("client_id", self.client), self.client):
                raise StoreError(f"{path} holds another client's conversations, not "
                                 f"{self.client!r}; nothing was read")
            covered = state.get("journal_bytes")
            if isinstance(covered, bool) or not isinstance(covered, int) or covered < 0:
                raise ValueError("its journal_bytes is not a count of bytes")
            book = book_from_dict(state.get("book"))
        except (ValueError, TypeError) as exc:
            if not locked:
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, locked=True)
            return self._recover(folder, exc)
        seen = _Seen(book, journal_sig, snapshot_sig, covered, len(raw))
        start = max(covered - 1, 0)
        try:
            _, tail = disk.read_from(journal, start)
        except OSError as exc:
            raise StoreError(f"cannot read {journal}: {exc.strerror or exc}") from None
        if tail is None or (covered and tail[:1] != b"\n"):
            logger.warning("%s does not match %s (shorter, or cut mid-line); the list in %s "
                           "is used as it is", journal, SNAPSHOT, SNAPSHOT)
            seen.covered = None
            return seen
        tail = tail[1:] if covered else tail
        tail = tail[:tail.rfind(b"\n") + 1]
        _replay(book, tail, journal, self.client, start=covered)
        return seen

    def _recover(self, folder, exc: Exception) -> _Seen:
        """Set a damaged snapshot aside and rebuild the list from the record."""
        path, journal = folder / SNAPSHOT, folder / JOURNAL
        raw = _bytes(journal)
        raw = raw[:raw.rfind(b"\n") + 1]  # a line being written, or cut by a crash, is not read
        book = model.Book()
        _replay(book, raw, journal, self.client)
        aside = disk.set_aside(path, exc)
        n = len(book.people)
        self.notice = (f"{path.name} could not be read ({exc}); it was moved to {aside.name} "
                       f"and the list ({n} {'person' if n == 1 else 'people'}) was rebuilt "
                       f"from {JOURNAL}")
        logger.warning(self.notice)
        warnings.warn(self.notice, StoreWarning, stacklevel=2)
        seen = _Seen(book, _signature(journal), None, None, 0)
        self._snapshot(folder, seen, covered=len(raw))  # whole lines only
        return seen


def _bytes(path) -> bytes:
    try:
        return disk.read_bytes(path)
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None


def _replay(book: model.Book, raw: bytes, journal, client: str, start=None) -> None:
    """Apply the well-formed, whole lines of a record to ``book``; skip others with a warning."""
    raw = raw[:raw.rfind(b"\n") + 1]  # a last line being written, or cut by a crash
    for where, op in parsed_lines(raw, journal, start):
        problem = model.op_problem(op)
        if problem is None and not same_client(op.get("client_id", client), client):
            problem = "it was saved for another client"
        if problem:
            logger.warning("skipped %s of %s: %s", where, journal, problem)
            continue
        model.apply(book, op)
