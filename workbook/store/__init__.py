"""Where a client's answers live between sessions: one private folder per client.

A client's folder (0700) is named by a readable part of the client's id and a short hash of
the exact id, so two ids never share one; ``client.json`` in it records the exact id, checked
on every read. It holds ``answers.json``, the current state, rewritten atomically (temporary
file + rename) on every save, and ``journal.jsonl``, an append-only log with one JSON line per
save. Every file is 0600, and no symbolic link inside the workspace is followed. Answers are
kept per session date, so a later session never overwrites an earlier one.

A save replaces only the sections it names (one section per ingredient notebook): it takes
a file lock, re-reads the state, merges its own sections and writes the result. Two notebooks
of the same client open at once therefore lose nothing. A save that cannot be written (a
full disk) leaves no line in the journal.

A state file that cannot be parsed, or holds something other than sessions of sections, is
moved aside (``answers.json.corrupt-<timestamp>``), never overwritten; the state is rebuilt
from the journal and a :class:`StoreWarning` says so. Temporary files left by a killed save
are removed when the folder is next opened.

The stored answers of one session are a dict of sections, one per ingredient::

    {"hope": {"items": {"hope_1": 4, ...}, "reflections": ["..."], "tool": {"kind_person": "..."}}}

Examples
--------
>>> import tempfile
>>> from workbook.store import ClientStore
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

from .core import (
    CURRENT_FILE,
    DEFAULT_HOME,
    EXAMPLE_CLIENT,
    HOME_VARIABLE,
    LOCK_FILE,
    ClientStore,
    StoreWarning,
    resolve_workspace,
)
from .disk import FILE_MODE, FOLDER_MODE
from .records import (
    FORMAT,
    ID_FILE,
    ITEMS,
    JOURNAL_FILE,
    REFLECTIONS,
    STATE_FILE,
    TOOL,
    folder_name,
    session_key,
    today,
)
from .table import answers_row, responses, score_history

__all__ = [
    "CURRENT_FILE", "DEFAULT_HOME", "EXAMPLE_CLIENT", "FILE_MODE", "FOLDER_MODE", "FORMAT",
    "HOME_VARIABLE", "ID_FILE", "ITEMS", "JOURNAL_FILE", "LOCK_FILE", "REFLECTIONS",
    "STATE_FILE", "TOOL", "ClientStore", "StoreWarning", "answers_row", "folder_name",
    "resolve_workspace", "responses", "score_history", "session_key", "today",
]
