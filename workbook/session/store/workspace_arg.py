"""The folder given as a workspace (``--workspace``), checked before anything is read or written.

Two slips are easy to make and would otherwise look like an empty workspace ("0 clients in
the workspace", an empty export written): naming one client's folder instead of the
workspace that holds it, and naming a file. Each is refused with words that say what the
path is and what to give instead.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from workbook.session.store import ClientStore
>>> store = ClientStore(tempfile.mkdtemp())
>>> _ = store.create("C1")
>>> try:
...     check_workspace(store.folder("C1"))
... except StoreError as exc:
...     print(str(exc).replace(str(store.root), "W"))
W/C1-ab861dc170 is the folder of client 'C1' (it holds client.json); the workspace is its parent, W
>>> check_workspace(store.root) == store.root
True
"""

from __future__ import annotations

from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.session.store import disk
from workbook.session.store.records import ID_FILE, JOURNAL_FILE, STATE_FILE, parse_json

__all__ = ["check_workspace"]


def check_workspace(workspace, error=StoreError, *, must_exist: bool = True) -> Path:
    """``workspace`` as a :class:`~pathlib.Path`, refused when it cannot be a workspace.

    Parameters
    ----------
    workspace : str or Path
        The folder given (``~`` is expanded).
    error : type
        The :class:`~workbook.core.exceptions.WorkbookError` subclass to raise (each command
        raises its own: ``StoreError``, ``ReportError``, ``FollowupsError``).
    must_exist : bool, default True
        Refuse a folder that does not exist (a command that only reads never makes one);
        ``workbook coach`` makes a new workspace, so it passes False.

    Raises
    ------
    error
        When there is no such folder (``must_exist``), when it is a file, or when it is one
        client's folder (it holds ``client.json``, or an earlier version's ``journal.jsonl``
        or ``answers.json``): the message names the workspace to give instead, its parent.
    """
    folder = Path(workspace).expanduser()
    if folder.exists() and not folder.is_dir():
        raise error(f"{folder} is a file, not a folder; give the workspace folder, which "
                    "holds one folder per client")
    if not folder.is_dir():
        if must_exist:
            raise error(f"there is no workspace folder {folder}; check the path")
        return folder
    parent = folder.parent if folder.name not in ("", "..") else folder.resolve().parent
    if _has(folder / ID_FILE):
        raise error(f"{folder} is {_whose(folder)} (it holds {ID_FILE}); the workspace is its "
                    f"parent, {parent}")
    for name in (JOURNAL_FILE, STATE_FILE):
        if _has(folder / name):
            raise error(f"{folder} is a client's folder (it holds {name}); the workspace is its "
                        f"parent, {parent}")
    return folder


def _has(path: Path) -> bool:
    """Whether ``path`` is there (a folder that cannot be looked into has nothing)."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _whose(folder: Path) -> str:
    """"the folder of client 'C1'", or "a client's folder" when client.json names no one."""
    try:
        record = parse_json(disk.read_bytes(folder / ID_FILE))
    except (OSError, ValueError, WorkbookError):
        return "a client's folder"
    client = record.get("client_id") if isinstance(record, dict) else None
    return f"the folder of client {client!r}" if isinstance(client, str) else "a client's folder"
