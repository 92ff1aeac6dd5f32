"""A command's output folder written as one set (attacks5 C14, C24).

``workbook cohort`` and ``workbook validity`` write several tables and figures into one
``--out`` folder. Three rules, for both:

- **Never over a file read** (C24): before anything is written, each file the command may
  write there is compared with the files it reads (DATA, ``--map``, ``--instrument``: the
  same file by any path or link); a match is refused with both names (:func:`refuse_reads`).
- **One run, one set** (C14): the files are first written to a hidden folder inside
  ``--out`` and then moved into place one after the other, so a run stopped while it works
  (the long part) leaves the earlier set whole. A hidden manifest (``.workbook-<command>.json``)
  records what the run wrote and each file's SHA-256; the next run removes the files of the
  earlier set it does not write again, only when they are still as the kit wrote them. A file
  with one of the command's names that no manifest vouches for (the user's own, a folder
  made by an earlier kit, or a file edited since) is moved to ``stale/`` and named, never
  deleted, whether this run makes that name again or not (round 8a, F7); one as this run
  writes it is simply kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from workbook.core.exceptions import WorkbookError
from workbook.core.files import atomic_write, free_name, same_file, why_unwritable

#: Folder, inside --out, where files no run vouches for are moved.
STALE_DIR = "stale"
#: Prefix of the hidden folder a run writes its files into before moving them in.
STAGING_PREFIX = ".workbook-new-"


def manifest_name(command: str) -> str:
    """The hidden file listing what the last run of ``command`` wrote into a folder."""
    return f".workbook-{command}.json"


def refuse_reads(out, names, reads: dict, option: str = "--out") -> None:
    """Refuse a folder ``out`` in which a file the command writes is a file it reads (C24).

    ``names``: every file name the command may write there; ``reads``: the name the user
    gave each file read (``DATA``, ``--map``, ``--instrument``) -> its path (None: not given).
    Compared as files (a link or another path to the same file is the same file).

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = open(os.path.join(folder, "summary.csv"), "w").close()
    >>> try:
    ...     refuse_reads(folder, ["summary.csv"], {"DATA": os.path.join(folder, "summary.csv")})
    ... except WorkbookError as exc:
    ...     print("is the file being read (DATA" in str(exc))
    True
    """
    folder = Path(out).expanduser()
    for name in names:
        target = folder / name
        for label, read in reads.items():
            if not isinstance(read, (str, os.PathLike)):
                continue
            if same_file(target, Path(read).expanduser()):
                raise WorkbookError(
                    f"{option} {out}: the command writes {name} there, and {target} is the "
                    f"file being read ({label} {read}); choose another folder for the output, "
                    "or move that file out of it: nothing was written")


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _earlier(folder: Path, command: str) -> dict:
    """The SHA-256 (by name) of what the last run wrote, from its manifest ({} when none)."""
    try:
        files = json.loads((folder / manifest_name(command)).read_text("utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def write_set(out, files: dict, *, command: str, names, manifest: bool = True
              ) -> tuple[list, list, list, list]:
    """Write ``files`` (name -> text or bytes) into ``out`` as one set; see the module.

    ``names``: every name the command may write (the earlier set's files among them that this
    run does not write are removed or moved to ``stale/``). ``manifest``: False for a command
    that writes every one of its names each time (nothing earlier to take away, no manifest,
    and no file of its names set aside: it writes over them). Returns ``(written paths, names
    removed, moved, replaced)``: ``moved``, the earlier files this run does not make that were
    moved to ``stale/``; ``replaced``, the files under a name this run writes that no earlier
    run's record vouches for (the user's own, or edited since), moved there first; each as
    ``(name, its name in stale/)`` (``verdicts-2.csv`` when ``stale/`` held one already).
    """
    folder = Path(out)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(f"cannot write to {folder}: {why_unwritable(folder, exc)}") from None
    for left in folder.glob(STAGING_PREFIX + "*"):  # a stopped run's hidden folder
        if left.is_dir() and not left.is_symlink():
            shutil.rmtree(left, ignore_errors=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise WorkbookError(f"cannot write to {folder}: {why_unwritable(folder, exc)}") from None
    try:
        for name, data in files.items():  # the long part: a stop here leaves the old set
            atomic_write(staging / name, data)
        for name in files:  # refuse a link or a folder at a name before moving anything
            target = folder / name
            if target.is_symlink() or (target.exists() and not target.is_file()):
                atomic_write(target, b"")  # raises the kit's words for that case
        earlier = _earlier(folder, command) if manifest else {}
        if manifest:
            refuse_others(folder, files, command)
        sums = {name: _sha256(staging / name) for name in files}
        # a file this run writes over that no earlier run's record vouches for (the user's
        # own, or one edited since) is set aside in stale/ first, never written over (F7)
        foreign = [name for name in files if (folder / name).is_file()
                   and _sha256(folder / name) not in (earlier.get(name), sums[name])]
        if manifest and foreign:
            _stale_folder(folder)  # refused before anything moves when it cannot be one
        replaced = [_set_aside(folder, name) for name in foreign] if manifest else []
        written = []
        for name in files:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed, moved = [], []
    if not manifest:
        return written, removed, moved, replaced
    theirs = others_files(folder, command)
    for name in names:
        if name in files:
            continue
        path = folder / name
        if not path.is_file() or path.is_symlink() or name in theirs:
            continue  # another command's file (13c T10) is left where it is
        if name in earlier and _sha256(path) == earlier[name]:
            path.unlink()
            removed.append(name)
            continue
        moved.append(_set_aside(folder, name))
    atomic_write(folder / manifest_name(command),
                 json.dumps({"files": sums}, indent=1, sort_keys=True) + "\n")
    return written, removed, moved, replaced


def set_aside_set(out, *, command: str, names) -> list:
    """Move an earlier run's files out of the way of a run that writes none.

    For ``validity`` withheld: each file under one of ``names`` in ``out`` goes to
    ``stale/`` (numbered, never over a file there), and the run's manifest is removed, as the
    folder holds no set now. Returns ``(name, its name in stale/)`` per file moved; nothing
    when ``out`` is not a folder. A ``stale`` that is a link or a file is refused before
    anything moves.
    """
    folder = Path(out)
    if folder.is_symlink() or not folder.is_dir():
        return []
    theirs = others_files(folder, command)  # another command's file stays (13c T10)
    present = [name for name in names if name not in theirs
               and (folder / name).is_file() and not (folder / name).is_symlink()]
    moved = [_set_aside(folder, name) for name in present]
    manifest = folder / manifest_name(command)
    if manifest.is_file() and not manifest.is_symlink():
        manifest.unlink()
    return moved


def others_files(folder, command: str) -> dict:
    """Files in ``folder`` another command's last run wrote and left as written (13c T10).

    ``cohort`` and ``validity`` both write ``instrument.txt``: given one ``--out``, each took
    the other's for a file "the kit did not write". Returns name -> that command, for each
    file another command's manifest vouches for (its SHA-256 as that run wrote it).
    """
    folder = Path(folder)
    out = {}
    for path in sorted(folder.glob(".workbook-*.json")):
        other = path.name[len(".workbook-"):-len(".json")]
        if other == command or path.is_symlink():
            continue
        for name, digest in _earlier(folder, other).items():
            target = folder / name
            if target.is_file() and not target.is_symlink() and _sha256(target) == digest:
                out.setdefault(name, other)
    return out


def refuse_others(folder, files, command: str) -> None:
    """Refuse a run that would write over a file another command wrote there (13c T10).

    Nothing was written when it raises (the run's files are still in its hidden folder).
    """
    theirs = others_files(folder, command)
    clash = [name for name in files if name in theirs]
    if clash:
        other = theirs[clash[0]]
        raise WorkbookError(
            f"--out {folder}: {', '.join(clash)} there was written by `workbook {other}`, and "
            f"`workbook {command}` writes a file of that name too, so one would replace the "
            f"other: give each command its own --out folder; nothing was written")


def _stale_folder(folder: Path) -> Path:
    """``folder/stale`` made private (0700); refused when it is a link or not a folder."""
    stale = folder / STALE_DIR
    if stale.is_symlink() or (stale.exists() and not stale.is_dir()):
        raise WorkbookError(f"{stale} is not a folder the kit can set files aside in (a link, "
                            "or a file): move it away; nothing was written")
    stale.mkdir(mode=0o700, exist_ok=True)
    return stale


def _set_aside(folder: Path, name: str) -> tuple:
    """Move ``folder/name`` into ``stale/``, never over a file there: ``(name, stale name)``.

    A name ``stale/`` already holds gets a number (``verdicts-2.csv``).
    """
    target = free_name(_stale_folder(folder), name)
    os.replace(folder / name, target)
    return name, target.name


def set_note(removed, moved, folder, replaced=(), withheld=()) -> str:
    """One line on the files this run took away or set aside ('' when none).

    ``withheld``: as :func:`set_aside_set` gives them, for a run that wrote nothing.
    """
    stale = Path(folder) / STALE_DIR

    def named(pairs) -> str:
        return ", ".join(name if name == kept else f"{name} (as {kept})" for name, kept in pairs)

    parts = []
    if removed:
        parts.append(f"removed the earlier run's {', '.join(removed)} (this run does not make "
                     "them)")
    if moved:
        parts.append(f"moved {named(moved)} to {stale} (not made by this run, and no earlier "
                     "run's record vouches for them)")
    if replaced:
        parts.append(f"moved {named(replaced)} to {stale} before writing this run's own (the "
                     "kit did not write them, or they were edited since)")
    if withheld:
        parts.append(f"moved {named(withheld)} to {stale} (an earlier run's results, or "
                     "files under its names: this run shows none, so they are not left as "
                     "if they were its own)")
    return ("In " + str(folder) + ": " + "; ".join(parts) + ".") if parts else ""
