"""Low-level file handling of the client store: private modes, no links followed, locks.

Every file the store makes is 0600 and every client folder 0700. Nothing here follows a
symbolic link: a link inside the workspace could lead a read or an append outside it, so a
link found where a store file should be is refused with a :class:`StoreError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import tempfile
from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.files import CLIENT_MARK, RECORD_NAMES, atomic_write
from workbook.core.log import logger

try:  # file locks where the platform has them (not on Windows)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

#: Mode of every file the store writes.
FILE_MODE = 0o600
#: Mode of every client folder.
FOLDER_MODE = 0o700

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class StoreWarning(UserWarning):
    """A saved file was damaged or changed outside the kit; it was set aside and rebuilt."""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def link_refused(path: Path) -> StoreError:
    """The error for a symbolic link found where the store keeps a file or folder."""
    return StoreError(
        f"{path} is a symbolic link; the store does not follow links, which could lead "
        f"outside the workspace. Replace the link with the file or folder itself."
    )


def refuse_link(path: Path) -> None:
    """Raise :class:`StoreError` if ``path`` is a symbolic link."""
    if path.is_symlink():
        raise link_refused(path)


def open_file(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    """Open a file of a client's folder: never a link, never a pipe or a device (C9).

    Opened without blocking, so a pipe (FIFO) at a record's name does not wait for a
    writer; anything but a regular file (or a folder, which the reading names) is closed
    again and refused with a :class:`StoreError` naming it, before a byte is read.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode)
    except OSError:
        if path.is_symlink():  # ELOOP on Linux and macOS, EMLINK on FreeBSD
            raise link_refused(path) from None
        raise
    try:
        kind = _not_regular(os.fstat(fd).st_mode)
    except OSError:
        kind = None
    if kind is not None:
        os.close(fd)
        raise StoreError(f"{path} is not a regular file ({kind}): the kit never reads or "
                         "writes one as a client's record; move it away")
    return fd


def _not_regular(mode: int):
    """What a file of this mode is when it is neither a regular file nor a folder, or None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _private(fd: int) -> None:
    """Make an open file 0600 (where the platform has modes)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)


def write_file(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace a store file atomically (a 0600 temporary file, then a rename).

    ``durable=False`` skips the fsync (a save's snapshot: the journal line it covers was
    fsynced already, and a snapshot a power cut leaves empty is rebuilt from the journal).
    """
    try:
        if durable:
            atomic_write(path, text)
        else:
            _quick_write(path, text)
    except WorkbookError as exc:
        raise StoreError(f"{exc}; nothing was saved") from None


def _quick_write(path: Path, text: str) -> None:
    """:func:`atomic_write` without the fsync (see :func:`write_file`)."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        atomic_write(path, text)  # (refused there, with its words)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkbookError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WorkbookError(f"cannot write to {path}: {exc.strerror or exc}") from None
        raise


def signature(path: Path):
    """What identifies one version of a file: inode, size, change times (None if missing)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def read_bytes(path: Path) -> bytes:
    """Read a file without following a link (``FileNotFoundError`` passes through)."""
    fd = open_file(Path(path), os.O_RDONLY)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def read_from(path: Path, start: int) -> tuple:
    """Read a file from byte ``start`` on, without following a link.

    Returns ``(size, data)``: the file's size and its bytes from ``start`` (``None`` when
    the file is shorter than ``start``). A missing file has size 0.
    """
    try:
        fd = open_file(Path(path), os.O_RDONLY)
    except FileNotFoundError:
        return 0, (b"" if start == 0 else None)
    try:
        size = os.fstat(fd).st_size
        if size < start:
            return size, None
        chunks, at = [], start
        while at < size:
            chunk = os.pread(fd, size - at, at)
            if not chunk:
                break
            chunks.append(chunk)
            at += len(chunk)
        return size, b"".join(chunks)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a folder's entries durable (a new file or sub-folder in it survives a crash)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    except OSError:  # pragma: no cover - Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # pragma: no cover - some file systems refuse it
        logger.debug("could not sync the folder %s: %s", folder, _why(exc))
    finally:
        os.close(fd)


def append_line(path: Path, line: str) -> int:
    """Append one line (fsynced) to a 0600 file; return the file's size before it.

    When this function returns, the line is on disk: the file is fsynced, and when it was
    new or empty, so is its folder (its entry). A last line cut short by a crash is ended
    first. If anything fails, the file is cut back to its old size, so a failed append
    leaves no trace, and :class:`StoreError` is raised.
    """
    path = Path(path)
    try:
        fd = open_file(path, os.O_RDWR | os.O_CREAT | os.O_APPEND)
    except OSError as exc:
        raise StoreError(f"cannot write the session log {path}: {_why(exc)}") from None
    size = 0
    try:
        _private(fd)
        size = os.fstat(fd).st_size
        data = line.encode("utf-8") + b"\n"
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":  # a line cut short by a crash: end it first
                data = b"\n" + data
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        if not size:
            sync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        raise StoreError(f"cannot write the session log {path}: {_why(exc)}; "
                         f"nothing was saved") from None
    finally:
        os.close(fd)
    return size


def cut_back(path: Path, size: int) -> None:
    """Cut a file back to ``size`` bytes (undo an append); a failure is logged."""
    try:
        fd = open_file(Path(path), os.O_WRONLY)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)
    except (OSError, StoreError) as exc:  # pragma: no cover - the disk refused even this
        logger.error("could not undo the last line of %s: %s", path, exc)


def set_aside(path: Path, why, *, label: str = "corrupt") -> Path:
    """Move a file aside as ``NAME.<label>-<timestamp>`` (0600); return where it went.

    For a damaged file (``corrupt``), or a snapshot that no longer matches its record
    (``unmatched``). It is never overwritten or deleted, so nothing in it is lost.
    :class:`StoreError` when it cannot be moved.
    """
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    try:
        os.replace(path, aside)
        os.chmod(aside, FILE_MODE)
    except OSError as err:
        said = "is damaged" if label == "corrupt" else "does not match its record"
        raise StoreError(f"{path} {said} ({why}) and could not be moved aside: "
                         f"{_why(err)}") from None
    return aside


def unended(path: Path) -> int:
    """How many bytes a file holds after its last line end (0 when missing or empty)."""
    try:
        fd = open_file(Path(path), os.O_RDONLY)
    except OSError:  # missing, or unreadable: the read that follows says why
        return 0
    try:
        size = at = os.fstat(fd).st_size
        while at > 0:
            start = max(0, at - 65536)
            chunk = os.pread(fd, at - start, start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                return size - (start + cut + 1)
            at = start
        return size
    except OSError:  # a folder, or unreadable: the read that follows says why
        return 0
    finally:
        os.close(fd)


def end_last_line(path: Path) -> None:
    """Append the line end a file's last line lacks (fsynced); :class:`StoreError` if refused."""
    try:
        fd = open_file(Path(path), os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"cannot write to {path}: {_why(exc)}") from None


def cut_tail_aside(path: Path, n: int, *, label: str = "torn") -> Path:
    """Move a file's last ``n`` bytes to ``NAME.<label>-<timestamp>`` (0600); return it.

    For the cut-off last line of a record: its bytes are written to the new file and
    fsynced before the record is cut back, so they are never lost. :class:`StoreError` when
    either cannot be done (the record is then left as it was).
    """
    path = Path(path)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    try:
        fd = open_file(path, os.O_RDWR)
        try:
            size = os.fstat(fd).st_size
            tail = os.pread(fd, n, size - n)
            out = open_file(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            try:
                _private(out)
                view = memoryview(tail)
                while view:
                    view = view[os.write(out, view):]
                os.fsync(out)
            finally:
                os.close(out)
            sync_folder(path.parent)
            os.ftruncate(fd, size - n)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(f"the last line of {path} is incomplete and could not be set aside: "
                         f"{_why(exc)}") from None
    return aside


def read_record(path: Path) -> bytes:
    """The whole of a record (a journal), ``b""`` when it is missing; never follows a link.

    :class:`StoreError` naming the file when it cannot be read.
    """
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {_why(exc)}") from None


def make_folder(folder: Path) -> None:
    """Make a 0700 folder (its parent must exist); an existing one is tightened."""
    refuse_link(folder)
    try:
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)
    except OSError as exc:
        raise StoreError(f"cannot create {folder}: {_why(exc)}") from None
    refuse_link(folder)
    sync_folder(folder.parent)


def tighten(folder: Path) -> int:
    """Make a client folder and every file in it private; how many of it and its records.

    What others (group, everyone) may do is taken away: a folder left 0755 and files 0644
    (a backup restored, a copy) become 0700 and 0600; nothing is ever loosened (a file the
    owner made read-only stays so).
    """
    changed = 0  # (the folder and its records: other files are made private without a count)
    try:
        changed += private_mode(folder)
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
                n = private_mode(Path(entry.path))
                changed += n if entry.name in RECORD_NAMES else 0
    except OSError as exc:
        logger.warning("could not make %s private: %s", folder, _why(exc))
    return changed


def private_mode(path: Path) -> int:
    """Take the group's and everyone's permissions off ``path`` (not a link); 1 if changed."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
        return 0  # (a link is never followed)
    os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)
    return 1


def is_temp(name: str, prefix: str = "") -> bool:
    """True for the name of a temporary file left by an atomic write (``.<name>.*.tmp``)."""
    return name.startswith("." + prefix) and name.endswith(".tmp")


def remove_temps(folder: Path, prefix: str = "") -> int:
    """Remove temporary files of atomic writes from ``folder``; return how many.

    Call it only under the folder's lock: every write that makes such a file holds it, so
    any found then was left by a write that was killed.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if is_temp(entry.name, prefix) and not entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    if removed:
        logger.info("removed %d temporary file(s) left by interrupted saves in %s",
                    removed, folder)
    return removed


#: A wait for another process's lock longer than this is said once (a StoreWarning).
WAIT_SAID_AFTER = 1.0


def _wait_for(fd: int, lock: Path) -> None:
    """Take the lock another process holds: quietly for a moment, then saying it waits."""
    import time
    import warnings

    end = time.monotonic() + WAIT_SAID_AFTER
    while time.monotonic() < end:
        time.sleep(0.02)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue
    warnings.warn(f"waiting for {lock.parent}: another page, notebook or command is saving "
                  f"there and holds {lock.name}; this goes on as soon as it has finished (if "
                  "nothing else is open, a stopped process may hold it: close it)",
                  StoreWarning, stacklevel=5)
    fcntl.flock(fd, fcntl.LOCK_EX)


def lock_folder_words(lock: Path, *, read: bool = False) -> str:
    """What the coach is told of a lock file that has become a folder (round 7 E6).

    A save, and a page or notebook opening the client, are refused (``read`` False); a
    command that only reads (``export-clients``, ``followups``, reports) reads the records
    and says the same (``read`` True).

    The workspace's own lock (its folder holds no ``client.json``) blocks every client of
    the workspace, and the words say so (round 8a F10).
    """
    client = (lock.parent / CLIENT_MARK).exists()
    whose = "this client's" if client else "the clients'"
    what = f"{whose} records were read, but" if read else "so"
    who = "this client (" if client else ("any client of the workspace (it is the "
                                          "workspace's own lock, so every client is blocked; ")
    return (f"{lock} is a folder, where the store keeps the small file that stops two saves "
            f"writing at once, {what} no session page or notebook can open or save {who}"
            "commands that only read, such as export-clients and followups, still read the "
            f"records): move that folder out of {lock.parent} (the kit never makes it) and "
            "try again")


@contextlib.contextmanager
def locked(lock: Path, *, wait: bool = True):
    """Hold an exclusive lock on the file ``lock`` (0600, made if missing).

    Yields True when the lock is held; with ``wait=False`` yields False at once if another
    process holds it. Waiting longer than :data:`WAIT_SAID_AFTER` seconds is said once.
    """
    if fcntl is None:  # pragma: no cover
        yield True
        return
    try:
        fd = open_file(lock, os.O_RDWR | os.O_CREAT)
    except IsADirectoryError:
        raise StoreError(lock_folder_words(lock)) from None
    except OSError as exc:
        raise StoreError(f"cannot write in {lock.parent}: {_why(exc)}") from None
    try:
        with contextlib.suppress(OSError):
            _private(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                yield False
                return
            _wait_for(fd, lock)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
