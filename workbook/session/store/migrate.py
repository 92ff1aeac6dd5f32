"""Move client folders written by earlier versions of the kit to their one-to-one names.

Earlier versions named a folder after the id made safe (``Zoë K`` -> ``Zoe_K``), so several
ids could share one folder (every name without Latin letters became ``unnamed``). Each
journal line records the exact id it was saved for, which is what a migration goes by:

* a folder whose every record names one id, whose old name that id gives, is renamed to the
  id's new folder name (and its id file written);
* a folder shared by several ids is split: each id gets a new folder holding only its own
  journal lines and the state rebuilt from them; the old folder is kept, renamed
  ``.shared-<name>-<time>`` (hidden, never deleted);
* a folder that names no id (created but never saved to) is left as it is;
* a folder made for an id not in its normal form (``" ann"``, a decomposed ``Zoë``: kits
  before 2026-12 hashed the id as typed) is renamed to the normal id's folder and its id
  file rewritten; its records keep the id as typed, and are read as the normal id's
  (:func:`~workbook.session.store.records.same_client`). When the normal id has a folder already, it
  is left where it is, with a warning.

Migration runs when a workspace is opened, under the workspace lock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.log import logger
from workbook.session.store import disk
from workbook.session.store.records import (
    CURRENT_FILE,
    FORMAT,
    ID_FILE,
    JOURNAL_BYTES,
    JOURNAL_FILE,
    JOURNAL_HASH,
    LOCK_FILE,
    STATE_FILE,
    Prefix,
    check_id,
    dump,
    exact_folder_name,
    folder_name,
    is_folder_name,
    parse_json,
    replay,
)
from workbook.session.store.scan import legacy_owners


def _old_folders(root: Path) -> list:
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    return [p for p in entries
            if not p.name.startswith(".") and not p.is_symlink() and p.is_dir()
            and not (is_folder_name(p.name) and (p / ID_FILE).exists())
            and ((p / JOURNAL_FILE).exists() or (p / STATE_FILE).exists())]


def _write_id(folder: Path, client: str) -> None:
    disk.write_file(folder / ID_FILE, json.dumps({"format": FORMAT, "client_id": client},
                                        ensure_ascii=False) + "\n")


def _split(folder: Path, owners: set, lines: dict) -> dict:
    """Give each id of a shared folder its own folder rebuilt from its journal lines."""
    moved = {}
    for client in sorted(owners):
        target = folder.parent / folder_name(client)
        if target.exists():
            logger.warning("%s already exists; %r was not copied from %s", target, client, folder)
            continue
        raw = b"".join(line + b"\n" for line in lines.get(client, []))
        temp = folder.parent / f".{target.name}.migrating"
        disk.make_folder(temp)
        (temp / JOURNAL_FILE).write_bytes(raw)
        os.chmod(temp / JOURNAL_FILE, disk.FILE_MODE)
        state = replay(raw, folder / JOURNAL_FILE, client)
        state[JOURNAL_BYTES], state[JOURNAL_HASH] = len(raw), Prefix(raw).hex  # proven
        disk.write_file(temp / STATE_FILE, dump(state))
        _write_id(temp, client)
        os.rename(temp, target)
        moved[folder.name] = moved.get(folder.name, []) + [client]
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    kept = folder.parent / f".shared-{folder.name}-{stamp}"
    os.rename(folder, kept)
    disk.tighten(kept)
    logger.warning("the folder %s held the answers of %d clients; each now has its own "
                   "folder, and the old one was kept as .shared-%s-%s", folder, len(owners),
                   folder.name, stamp)
    return moved


def migrate_folder(folder: Path) -> dict:
    """Move one old folder to its one-to-one name(s); returns ``{old name: [ids]}``."""
    owners, lines = legacy_owners(folder)
    if not owners:
        return {}
    if len(owners) > 1:
        return _split(folder, owners, lines)
    client = next(iter(owners))
    target = folder.parent / folder_name(client)
    if target.exists():
        logger.warning("%s was not moved: %s already exists", folder, target)
        return {}
    os.rename(folder, target)
    with disk.locked(target / LOCK_FILE):
        _write_id(target, client)
    disk.tighten(target)
    logger.info("moved the client folder %s to %s", folder.name, target.name)
    return {folder.name: [client]}


def normalise_folders(root: Path) -> dict:
    """Rename the folders of ids saved before ids were normalised; ``{old name: [id]}``.

    A folder is renamed only when its name is the one its stored id, exactly as typed, was
    given (so a copied folder naming another client is never moved onto that client's).
    """
    moved = {}
    for entry in _hashed_folders(root):
        try:
            record = parse_json(disk.read_bytes(entry / ID_FILE))
            stored = record.get("client_id") if isinstance(record, dict) else None
            if not isinstance(stored, str) or exact_folder_name(stored) != entry.name:
                continue
            client = check_id(stored)
        except (OSError, ValueError, WorkbookError):
            continue
        if client == stored:
            continue
        target = root / folder_name(client)
        if target.exists():
            logger.warning("%s holds answers saved for %r, which is now %r, who has the "
                           "folder %s already; move what you need by hand", entry, stored,
                           client, target.name)
            continue
        os.rename(entry, target)
        with disk.locked(target / LOCK_FILE):
            _write_id(target, client)
        logger.info("moved the client folder %s to %s", entry.name, target.name)
        moved[entry.name] = [client]
    return moved


def _hashed_folders(root: Path) -> list:
    """Folders of the workspace named like a client folder (no links followed)."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    return [Path(e.path) for e in entries
            if is_folder_name(e.name) and e.is_dir(follow_symlinks=False)]


def _folders_with_temps(root: Path) -> list:
    """Client folders holding temporary files of writes that were killed."""
    found = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return found
    for entry in entries:
        if is_folder_name(entry.name) and entry.is_dir(follow_symlinks=False):
            try:
                names = os.listdir(entry.path)
            except OSError:
                continue
            if any(disk.is_temp(name) for name in names):
                found.append(Path(entry.path))
    return found


def migrate_workspace(store) -> None:
    """Migrate every old folder of ``store``'s workspace and clean its stale temporary files."""
    root = store.root
    old = _old_folders(root)
    for folder in _folders_with_temps(root):
        with disk.locked(folder / LOCK_FILE, wait=False) as held:
            if held:  # else a save is running there; the next open will clean
                disk.remove_temps(folder)
    if not old and not any(os.path.lexists(f / ID_FILE) for f in _hashed_folders(root)) \
            and not os.path.lexists(root / LOCK_FILE):
        return  # nothing to do, and no lock file left in a folder that is no workspace (F4)
    with disk.locked(root / LOCK_FILE):
        disk.remove_temps(root, CURRENT_FILE)
        moved = {}
        for folder in old:
            if not folder.is_dir():  # moved by another process meanwhile
                continue
            try:
                moved.update(migrate_folder(folder))
            except (OSError, WorkbookError) as exc:
                logger.warning("could not move the old client folder %s: %s", folder, exc)
        try:
            moved.update(normalise_folders(root))
        except (OSError, WorkbookError) as exc:
            logger.warning("could not rename a client folder in %s: %s", root, exc)
        if not moved:
            return
        try:
            current = disk.read_bytes(root / CURRENT_FILE).decode("utf-8").strip()
        except (OSError, StoreError, UnicodeDecodeError):
            return
        ids = moved.get(current, [])
        if len(ids) == 1:
            disk.write_file(root / CURRENT_FILE, json.dumps({"client_id": ids[0]},
                                                   ensure_ascii=False) + "\n")
