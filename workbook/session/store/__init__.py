"""Where a client's answers live between sessions: one private folder per client.

A client's folder (0700) is named by a readable part of the client's id and a short hash of
the exact id, so two ids never share one; ``client.json`` in it records the exact id, checked
on every read. Every file is 0600, and no symbolic link inside the workspace is followed.
Answers are kept per session date, so a later session never overwrites an earlier one.

Two files hold the answers:

* ``journal.jsonl``, the record: an append-only log with one JSON line per save. A save is
  durable when its line is: the line is written and fsynced (with the folder, when the file
  is new) before :meth:`ClientStore.save` returns. That fsync is the only one a save needs.
* ``answers.json``, a snapshot of the state: every session, ``journal_bytes``, how many
  bytes of the journal it holds, and ``journal_sha256``, their hash. Reading takes the
  snapshot, checks that the journal still starts with exactly those bytes, and replays the
  journal lines after them. A save rewrites the snapshot (atomically: temporary file, fsync,
  rename) only when the journal has grown past it by more than a quarter of its size, so a
  small state is rewritten on every save and a large one (1,000 sessions, 1.3 MB) about
  once in a thousand saves; a save costs the same at any size, and a read at most a
  quarter more than the snapshot alone. The snapshot need not be current to be right: a
  crash after the journal's fsync leaves an older snapshot whose ``journal_bytes`` still
  says where the lines it lacks begin. A state file without ``journal_bytes`` (written by
  earlier versions, which rewrote it on every save) holds the whole state; the next save
  rewrites it with the count, so old folders need no migration.

A save replaces only the sections it names (one section per ingredient notebook): it takes
a file lock, re-reads the state (the snapshot and the journal after it), merges its own
sections and appends its line. Two notebooks of the same client open at once therefore lose
nothing. A save whose line cannot be written (a full disk), or whose snapshot rewrite
fails, leaves no line in the journal and raises :class:`~workbook.core.exceptions.StoreError`.

A state file that cannot be parsed, or holds something other than sessions of sections, is
moved aside (``answers.json.corrupt-<timestamp>``), never overwritten; the state is rebuilt
from the journal and a :class:`StoreWarning` says so. A journal that no longer starts with
what the snapshot holds (rewritten outside the kit: line endings converted to CRLF by an
editor, a sync tool or git; a line edited or removed; the file lost or replaced) is never
trusted to the snapshot: the snapshot's sessions are taken, every readable line of the
journal is replayed over them (a line ending in CRLF is readable), the snapshot is kept as
``answers.json.unmatched-<timestamp>`` and rewritten, and the coach is told
(:attr:`ClientStore.notice` and a :class:`StoreWarning`). A snapshot written before the hash
was kept is checked against the whole journal once and taken over quietly when they agree.
A session the snapshot holds and the journal no longer gives (its line deleted, an older
copy of the journal) is written back to the journal as one line. So is a session whose
later save a damaged line held (the snapshot's version is kept): that line records the
damaged line it stands for (``stands_for``: its number, hash and moment), and once the
damaged line is corrected by hand (it reads, keeping its ``at``), the corrected line counts
and the written-back one gives way to it (:func:`~workbook.session.store.records.superseded`); while
the line stays damaged, or if it is deleted, the written-back line counts. The
conversations record does the same (:mod:`workbook.session.tracker`).

To remove a session saved by mistake, :meth:`ClientStore.remove_session` (``workbook
remove-session``) appends a removal line (``"removed": true``, no answers): every reading
leaves that session out from then on, and it is never written back; ``answers.json`` keeps
the removal (``removed``), so an older copy of the journal coming back does not bring the
session back (its removal is written back instead). Deleting a session's line by hand does
not remove it: the snapshot proves it was saved, so it comes back. A save made before the
removal (by its ``at``) that a sync tool joins after it (the other laptop's line) stays left
out, and is named (round 11a M14).
A page's save (with ``base``) records in its line what each section it merged was on disk
(``was``): a line read over a section that another copy of the record changed since (two
laptops' lines joined by a sync tool) is merged over it field by field as the page would
have (a text changed on both kept twice, the other's first, then "———"; a value changed on
both keeps the later line's) and named (round 11a M8).
A last journal line without its line end is not read while a save may be writing it (another
process holds the folder's lock). Otherwise it was left so: a line that lacks only its end (an
editor dropped it) is ended and read; one cut off (a sync tool truncating the file, a crash)
cannot be read, so its bytes are moved to ``journal.jsonl.torn-<timestamp>``, the journal is
cut back to its whole lines and the coach is told ("the last line of ... is incomplete (N
bytes) and was not read"). In a folder that cannot be written it is read again after a
moment and, still incomplete, told and left as it is. Temporary files left by a killed save
are removed when the folder is next opened.

The stored answers of one session are a dict of sections, one per ingredient::

    {"hope": {"items": {"hope_1": 4, ...}, "reflections": ["..."], "tool": {"kind_person": "..."}}}

Examples
--------
>>> import tempfile
>>> from workbook.session.store import ClientStore
>>> store = ClientStore(tempfile.mkdtemp())
>>> _ = store.save("Zoë / 7", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-26")
>>> store.clients()
['Zoë / 7']
>>> store.key("Zoë / 7")
'Zoe_7-86099ebffa'
>>> store.load("Zoë / 7")["hope"]["items"]
{'hope_1': 4}
>>> store.load("Zoe / 7")
{}
"""

from workbook.session.store.core import (
    DEFAULT_HOME,
    EXAMPLE_CLIENT,
    HOME_VARIABLE,
    ClientStore,
    resolve_workspace,
)
from workbook.session.store.disk import FILE_MODE, FOLDER_MODE, StoreWarning
from workbook.session.store.records import (
    CURRENT_FILE,
    FORMAT,
    ID_FILE,
    ITEMS,
    JOURNAL_FILE,
    LOCK_FILE,
    REFLECTIONS,
    STATE_FILE,
    TOOL,
    folder_name,
    session_key,
    today,
)
from workbook.session.store.table import answers_row, score_history

__all__ = [
    "CURRENT_FILE", "DEFAULT_HOME", "EXAMPLE_CLIENT", "FILE_MODE", "FOLDER_MODE", "FORMAT",
    "HOME_VARIABLE", "ID_FILE", "ITEMS", "JOURNAL_FILE", "LOCK_FILE", "REFLECTIONS",
    "STATE_FILE", "TOOL", "ClientStore", "StoreWarning", "answers_row", "folder_name",
    "resolve_workspace", "score_history", "session_key", "today",
]
