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
import datetime as dt
import json
import os
import re
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


class Body(bytes):
    """The record's lines a side file keeps (whole lines), as :func:`read` gives them.

    ``exact``: the file is its first line and these bytes, no more (a save may add to it
    where it ends); ``problem``: what of it could not be read (its first line, a line cut
    off at its end, a line that is not a record line), in words for the coach, or None;
    ``cut``: the bytes of a last line cut off (0 when none).
    """

    exact: bool = True
    problem: str | None = None
    cut: int = 0
    cut_at = None  # the cut line's save time (a naive local datetime), when it shows
    unheaded: bool = False


def _body(lines, *, exact=True, problem=None, cut=0, unheaded=False) -> Body:
    body = Body(b"".join(line + b"\n" for line in lines))
    body.exact, body.problem, body.cut, body.unheaded = exact, problem, cut, unheaded
    return body


def _line_reads(line: bytes) -> bool:
    """Whether ``line`` is a whole JSON object (a record line, or a side file's first)."""
    try:
        return isinstance(json.loads(line.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False


def _is_head(line: bytes) -> bool:
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(value, dict) and "journal_bytes" in value and "answers" not in value \
        and "op" not in value


def read(snapshot: Path, covered, digest):
    """The record's lines the side file keeps after the snapshot (a :class:`Body`), or None.

    None when there is no side file, or it follows another snapshot (``covered`` bytes
    with SHA-256 ``digest``, as the snapshot says). It is read as the record is (round 9a
    H10): CRLF line ends, a byte-order mark, blank lines and a repeat of its first line
    do not hide the lines it keeps; a last line cut off is not read and named in
    ``problem``, as is a file whose first line cannot be read (an empty :class:`Body`).
    """
    if isinstance(covered, bool) or not isinstance(covered, int) or not isinstance(digest, str):
        return None
    path = path_of(snapshot)
    try:
        raw = disk.read_bytes(path)
    except FileNotFoundError:
        return None
    except (OSError, StoreError) as exc:
        logger.info("%s was not read: %s", path, exc)
        return _body([], exact=False, unheaded=True,
                     problem=f"cannot be read ({_why(exc)})")
    head = _head(covered, digest)
    if raw.startswith(head) and raw.endswith(b"\n") and b"\r" not in raw \
            and b"\n\n" not in raw and raw.count(head) == 1:
        return _body(raw[len(head):].splitlines())  # (as a save writes it)
    text = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    lines = [line.rstrip(b"\r") for line in text.split(b"\n")]
    cut = b""
    if not text.endswith(b"\n"):  # a last line cut off, unless it is whole all the same
        cut = lines.pop()
        if cut.strip() and _line_reads(cut.strip()):
            lines.append(cut)
            cut = b""
    else:
        lines.pop()
    lines = [line for line in lines if line.strip()]
    if not lines or not _is_head(lines[0].strip()):
        if not lines and not cut.strip():
            why = "it is empty"
        else:
            why = "its first line does not name the snapshot it follows"
        return _body([], exact=False, unheaded=True, problem=f"cannot be read ({why})")
    if lines[0].strip() + b"\n" != head:
        return None  # it follows another snapshot (an earlier one): left unread
    kept, unread = [], 0
    for line in lines[1:]:
        if _is_head(line.strip()):
            continue  # its first line again (a copy joined to it): not a record line
        if _line_reads(line.strip()):
            kept.append(line.strip())
        else:
            unread += 1
    problems = []  # (said after the file's name)
    if unread:
        problems.append(f"has {unread} line{'' if unread == 1 else 's'} that cannot be read")
    if cut.strip():
        day = re.search(rb'"session": ?"([0-9-]{10})"', cut)
        problems.append(f"has its last line cut off ({len(cut)} bytes"
                        + (f", of session {day[1].decode()}" if day else "")
                        + ", not read)")
    body = _body(kept, exact=False, problem=" and ".join(problems) or None,
                 cut=len(cut.strip()))
    body.cut_at = _cut_at(cut)
    return body


def _cut_at(cut: bytes):
    """The save time a cut-off line starts with (``"at": ...``), as a naive local datetime."""
    found = re.search(rb'"at"\s*:\s*"([^"\\]{1,64})"', cut)
    if not found:
        return None
    try:
        when = dt.datetime.fromisoformat(found[1].decode("ascii", "replace"))
    except ValueError:
        return None
    return when.astimezone().replace(tzinfo=None) if when.tzinfo else when


def orphan(snapshot: Path):
    """``(covered, digest, body)`` of a side file whose snapshot is missing or unreadable.

    Its first line names the snapshot it follows (the record's first ``covered`` bytes, with
    SHA-256 ``digest``); ``body`` is what :func:`read` gives of it. None when there is no
    side file or its first line cannot be read (round 11a M2).
    """
    path = path_of(snapshot)
    try:
        raw = disk.read_bytes(path)
    except (OSError, StoreError):
        return None
    text = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    first = next((line.strip() for line in text.split(b"\n") if line.strip()), b"")
    if not _is_head(first):
        return None
    head = json.loads(first.decode("utf-8"))
    covered, digest = head.get("journal_bytes"), head.get("journal_sha256")
    if isinstance(covered, bool) or not isinstance(covered, int) or covered < 0 \
            or not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        return None
    body = read(snapshot, covered, digest)
    return None if body is None else (covered, digest, body)


def unheaded(snapshot: Path):
    """What :func:`read` gives of a side file whose first line cannot be read, or None.

    For a snapshot that is missing or cannot be read (round 13a R4): its side file emptied,
    or cut inside its first line, names no snapshot, so :func:`orphan` gives nothing; yet
    it kept the saves made since the snapshot was last rewritten, which an older copy of
    the record put back may lack. None when there is no side file or its first line reads.
    """
    path = path_of(snapshot)
    if not os.path.lexists(path) or orphan(snapshot) is not None:
        return None
    try:
        raw = disk.read_bytes(path)
    except FileNotFoundError:
        return None
    except (OSError, StoreError) as exc:
        return _body([], exact=False, unheaded=True,
                     problem=f"cannot be read ({_why(exc)})")
    text = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    first = next((line.strip() for line in text.split(b"\n") if line.strip()), b"")
    why = "it is empty" if not first else \
        "its first line does not name the snapshot it follows"
    return _body([], exact=False, unheaded=True, problem=f"cannot be read ({why})")


def _why(exc) -> str:
    """An error's words for the coach, without its number (``[Errno 21] ...: 5``)."""
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a file, as a sync tool can make: move it out"
    return getattr(exc, "strerror", None) or str(exc)


def other_client(body: bytes, client):
    r"""The first other client a line of ``body`` was saved for (its ``client_id``), or None.

    A side file copied from another client's folder keeps that client's lines: they are
    never written back to this client's record (round 13a R8).

    >>> other_client(b'{"client_id":"BG","at":"x"}\n', "C1"), other_client(b'{"a":1}\n', "C1")
    ('BG', None)
    """
    from workbook.session.store.records import same_client

    for line in body.splitlines():
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        if isinstance(entry, dict) and "client_id" in entry \
                and not same_client(entry["client_id"], client):
            return str(entry["client_id"])[:40]
    return None


def other_client_words(snapshot: Path, owner, client, aside) -> str:
    """The notice for a side file of another client's, set aside (``aside``) or left."""
    kept = f"it was kept as {aside} (not read)" if aside else \
        "it was not read (the folder cannot be written, so no file was changed)"
    return (f"{path_of(snapshot)} (client {client!r}) keeps saves made for another client, "
            f"{owner!r} (copied into the wrong folder): none of them was written to this "
            f"client's record; {kept}")


def stray(snapshot: Path, covered, digest, client, proven: bool = True) -> str | None:
    """Why the side file beside ``snapshot`` is not that snapshot's own, or None.

    Not its own: it keeps lines saved for another client (a side file copied from that
    client's folder: round 14a V10), or, while the record does not start with what the
    snapshot covers (``proven`` False), its first line names another copy of the snapshot
    (the other laptop's side file, put here by a sync tool keeping the last writer: round
    14a V5). Such a file keeps none of the saves made here since the snapshot was last
    rewritten: it is read as a missing one (:func:`stray_words`). A side file following an
    earlier snapshot of a record that holds what this one covers is left as it is (a save
    writes it anew, setting it aside first if it keeps lines the record lacks). None too
    when there is none, or its first line cannot be read (:func:`read` names that).
    """
    found = orphan(snapshot)  # its own first line and lines, whichever snapshot it follows
    if found is None:
        return None
    own_covered, own_digest, body = found
    owner = other_client(body, client) if client is not None else None
    if owner is not None:
        return f"keeps saves made for another client, {owner!r} (copied into the wrong folder?)"
    if proven or isinstance(covered, bool) or not isinstance(covered, int) \
            or not isinstance(digest, str) or (own_covered, own_digest) == (covered, digest):
        return None
    return (f"follows another copy of {Path(snapshot).name} (its first line names the "
            f"record's first {own_covered} bytes, where {Path(snapshot).name} covers "
            f"{covered}: the other laptop's, put here by a sync tool?)")


def stray_words(snapshot: Path, client, why: str, aside, what: str, record: str) -> str:
    """The notice for a side file that is not its snapshot's own (:func:`stray`).

    ``what``: "save" (answers) or "change" (conversations); ``record``: the record's name.
    """
    kept = f"it was kept as {aside}" if aside else \
        "the folder cannot be written, so no file was changed"
    return (f"{path_of(snapshot)} (client {client!r}) {why}: none of its lines was read as "
            f"this client's {what}s, and the {what}s made here since {Path(snapshot).name} "
            f"was last rewritten are not in it, so any of them {record} lacks may be "
            f"missing; {kept}")


def set_aside_stray(snapshot: Path, why: str):
    """Move a side file that is not its snapshot's own to ``.unread-<time>``; its name."""
    return disk.set_aside(path_of(snapshot), why, label="unread").name


def unheld_lines(body: bytes, record: bytes) -> bytes:
    r"""The lines of ``body`` (whole lines) that ``record`` does not hold, in their order.

    >>> unheld_lines(b"a\nb\nc\n", b"a\r\nc\n")
    b'b\n'
    """
    held = {line.rstrip(b"\r") for line in record.splitlines()}
    return b"".join(line + b"\n" for line in body.splitlines()
                    if line.strip() and line.rstrip(b"\r") not in held)


def lost_words(snapshot: Path, body: Body, what: str = "save", record: str = "",
               client=None) -> str:
    """What was not read of a side file whose record does not hold all it kept (H10).

    ``what``: "save" (answers) or "change" (conversations); ``record``: the record's file
    name. Never says nothing was lost.
    """
    record = record or Path(snapshot).with_suffix(".jsonl").name
    name = path_of(snapshot).name if client is None \
        else f"{path_of(snapshot)} (client {client!r})"
    if body.unheaded:
        return (f"{name} {body.problem}: it keeps the {what}s made since "
                f"{Path(snapshot).name} was last rewritten, so any of them {record} lacks "
                "(an older copy of it put back) could not be read from it and may be lost")
    said = f"{name} {body.problem}"
    if body.cut:  # the lines after it went with it: how many, no one can tell (M13)
        since = f"since {body.cut_at:%Y-%m-%d %H:%M}" if body.cut_at else \
            "since that one"
        said += (f"; {record} does not hold that line either, so the {what} it held is lost, "
                 f"and with it any {what}s the file kept after it: {what}s {since} may be "
                 "missing")
    return said


def settle(snapshot: Path, covered: int, digest: str, body: Body):
    """Write a side file that was read with trouble anew, as it holds ``body``.

    Called under the folder's lock once the record holds ``body`` (written back, or
    already there). What could not be read is kept as ``<name>.unread-<time>`` (an empty
    file is removed); returns the name it was kept as, or None.
    """
    path = path_of(snapshot)
    aside = None
    try:
        if disk.read_bytes(path).strip(b"\xef\xbb\xbf \r\n"):
            if body.problem:
                aside = disk.set_aside(path, body.problem, label="unread").name
        else:
            path.unlink()
            return None
        if body.unheaded:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            return aside
        disk.write_file(path, (_head(covered, digest) + body).decode("utf-8", "replace"),
                        durable=False)
    except (OSError, StoreError) as exc:
        logger.info("%s was not written anew: %s", path, exc)
    return aside


def keep_unread(snapshot: Path, body) -> str | None:
    """Set aside a side file read with trouble (``body.problem``) before a rebuild drops it.

    A rebuild rewrites the snapshot to cover the whole record, and removes the side file;
    one that could not be read whole (its first line lost, cut short, re-encoded) may
    still hold saves that no other file has: it is kept as ``<name>.unread-<time>``, as
    when the snapshot is missing (round 14a V20). An empty one is removed. Returns the
    name it was kept as, or None.
    """
    path = path_of(snapshot)
    try:
        if disk.read_bytes(path).strip(b"\xef\xbb\xbf \r\n"):
            return disk.set_aside(path, body.problem or "unread", label="unread").name
        path.unlink()
    except (OSError, StoreError) as exc:
        logger.info("%s was not set aside: %s", path, exc)
    return None


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
