r"""The record's lines since its snapshot, kept beside it (issue 20, round 7 E11).

A snapshot (``answers.json``, ``conversations.json``) past :data:`core.EAGER_SIZE` is not
rewritten at every save, so it covers only the record's first bytes. Each save that does
not rewrite it copies its line into a small side file, ``answers.json.since`` (or
``conversations.json.since``), without an fsync of its own (as the snapshot: the record's
line was fsynced). Its first line names the snapshot it follows (the bytes it covers and
their SHA-256); the lines after it are the record's lines from there on, byte for byte.

So the snapshot and its side file together cover the record to its last save, whatever
its size: a record that is only the start of them (its last lines lost, or an older copy of
it put back) gets the lines it lacks written back as they were (:func:`lacking`); one that
went another way (the other laptop's copy put over this one) is rebuilt over the snapshot
with the side file's lines applied (the store's rebuild), and what only they held is written back.
A side file naming another snapshot (an earlier one) is left unread.

Examples
--------
>>> import tempfile
>>> snap = Path(tempfile.mkdtemp()) / "answers.json"
>>> at = keep(snap, 10, "0" * 64, None, b'{"a":1}\n')
>>> keep(snap, 10, "0" * 64, at, b'{"b":2}\n') > at
True
>>> read(snap, 10, "0" * 64)
b'{"a":1}\n{"b":2}\n'
>>> read(snap, 11, "0" * 64) is None
True
"""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path

from workbook.core.exceptions import StoreError
from workbook.core.log import logger
from workbook.session.store import disk

#: What a side file's name adds to its snapshot's.
SUFFIX = ".since"


def path_of(snapshot: Path) -> Path:
    """The side file of ``snapshot`` (``answers.json`` -> ``answers.json.since``)."""
    return Path(snapshot).with_name(Path(snapshot).name + SUFFIX)


def _head(covered: int, digest: str) -> bytes:
    """The side file's first line: the snapshot it follows."""
    return b'{"journal_bytes":%d,"journal_sha256":"%s"}\n' % (covered, digest.encode())


def read(snapshot: Path, covered, digest):
    """The record's lines the side file keeps after the snapshot (whole lines), or None.

    None when there is no side file, it cannot be read, or it follows another snapshot
    (``covered`` bytes with SHA-256 ``digest``, as the snapshot says).
    """
    if isinstance(covered, bool) or not isinstance(covered, int) or not isinstance(digest, str):
        return None
    try:
        raw = disk.read_bytes(path_of(snapshot))
    except FileNotFoundError:
        return None
    except (OSError, StoreError) as exc:
        logger.info("%s was not read: %s", path_of(snapshot), exc)
        return None
    head = _head(covered, digest)
    if not raw.startswith(head):
        return None
    body = raw[len(head):]
    return body[:body.rfind(b"\n") + 1]


def size(covered: int, digest: str, body: bytes) -> int:
    """The side file's size when it holds ``body`` after its first line."""
    return len(_head(covered, digest)) + len(body)


def keep(snapshot: Path, covered: int, digest: str, at, added: bytes, whole=None,
         record=None) -> int:
    """Add the record's bytes ``added`` to the side file; return its size after them.

    ``at`` is the side file's size when it holds exactly the record's lines after the
    snapshot up to ``added`` (what this returned last); None, or a file shorter than that
    (removed or replaced meanwhile), writes it anew: its first line, then ``whole()`` (the
    record's bytes after the snapshot up to and with ``added``; ``added`` when None). No
    fsync.

    A side file is never written anew over lines the record (``record``; by default the
    snapshot's name ending ``.jsonl``) does not hold: it is set aside first
    (:func:`set_aside_unheld`), so what only it kept is not lost (round 8a F2).
    """
    path = path_of(snapshot)
    try:
        fd = disk.open_file(path, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}; nothing was saved") \
            from None
    try:
        if (at is None or os.fstat(fd).st_size < at) and os.fstat(fd).st_size \
                and set_aside_unheld(snapshot, fd, record):
            os.close(fd)
            fd = disk.open_file(path, os.O_RDWR | os.O_CREAT)
        if at is None or os.fstat(fd).st_size < at:
            at, added = 0, _head(covered, digest) + (added if whole is None else whole())
        view, pos = memoryview(added), at
        while view:
            n = os.pwrite(fd, view, pos)
            view, pos = view[n:], pos + n
        os.ftruncate(fd, pos)
        return pos
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, at)
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}; nothing was saved") \
            from None
    finally:
        os.close(fd)


def unheld(kept: bytes, record: bytes) -> int:
    r"""How many of the lines a side file keeps (after its first line) ``record`` lacks.

    >>> unheld(b'{"journal_bytes":1}\na\nb\n', b"x\na\r\n"), unheld(b"", b"")
    (1, 0)
    """
    held = {line.rstrip(b"\r") for line in record.splitlines()}
    return sum(1 for line in kept.splitlines()[1:]
               if line.strip() and line.rstrip(b"\r") not in held)


def set_aside_unheld(snapshot: Path, fd: int, record=None) -> bool:
    """Set the side file aside when it keeps lines its record lacks; True when it did.

    Each side file is written anew only over lines the record holds: one that follows
    another snapshot and keeps saves the record lost is moved to
    ``<name>.unread-<time>``, never overwritten, and the coach told (a
    :class:`~workbook.session.store.disk.StoreWarning`).
    """
    path = path_of(snapshot)
    record = Path(record) if record is not None else Path(snapshot).with_suffix(".jsonl")
    try:
        kept = os.pread(fd, os.fstat(fd).st_size, 0)
        try:
            have = disk.read_bytes(record)
        except FileNotFoundError:
            have = b""
        lacked = unheld(kept, have)
        if not lacked:
            return False
        aside = disk.set_aside(path, f"{record.name} lacks lines it keeps", label="unread")
    except (OSError, StoreError) as exc:
        raise StoreError(f"{path} keeps saves {record.name} does not hold and could not be "
                         f"kept aside ({getattr(exc, 'strerror', None) or exc}); nothing "
                         "was saved") from None
    said = (f"{path} kept {lacked} line{'' if lacked == 1 else 's'} of saves that {record} "
            f"does not hold; it was kept as {aside.name} (not overwritten), so nothing in it "
            "is lost")
    logger.warning(said)
    warnings.warn(said, disk.StoreWarning, stacklevel=4)
    return True


def drop(snapshot: Path) -> None:
    """Remove the side file (a snapshot covering the whole record was written)."""
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        path_of(snapshot).unlink()


def lacking(tail: bytes, body) -> bytes | None:
    r"""The lines the record lacks at its end: ``body`` after ``tail``, or None.

    ``tail`` is the record's whole lines after the snapshot, ``body`` the side file's
    (:func:`read`). None when the record holds every line of ``body`` as they were (it may
    hold more: a save by a kit without side files), or went another way (then
    :func:`diverged`).

    >>> lacking(b"a\n", b"a\nb\n"), lacking(b"a\nb\n", b"a\n"), lacking(b"c\n", b"a\n")
    (b'b\n', None, None)
    """
    if body and len(body) > len(tail) and body.startswith(tail):
        return body[len(tail):]
    return None


def diverged(tail: bytes, body) -> bool:
    r"""True when the record after the snapshot is neither ``body``'s start nor starts with it.

    >>> diverged(b"a\nc\n", b"a\nb\n"), diverged(b"a\nb\nc\n", b"a\nb\n")
    (True, False)
    """
    return bool(body) and not tail.startswith(body) and not body.startswith(tail)


def write_back(record: Path, lines: bytes) -> int:
    """Append ``lines`` (whole lines the side file kept) to the record as they were saved.

    Each is fsynced (:func:`disk.append_line`); returns how many.
    """
    count = 0
    for line in lines.splitlines():
        disk.append_line(record, line.decode("utf-8", "replace"))
        count += 1
    return count
