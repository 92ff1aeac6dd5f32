"""The client store: one private folder per client in a workspace."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import warnings
from copy import deepcopy
from pathlib import Path

from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.log import logger
from workbook.core.text import printable
from workbook.session.store import disk
from workbook.session.store import since as side
from workbook.session.store.disk import StoreWarning
from workbook.session.store.migrate import migrate_workspace
from workbook.session.store.records import (
    COVERED_LINES,
    CURRENT_FILE,
    FORMAT,
    ID_FILE,
    JOURNAL_BYTES,
    JOURNAL_FILE,
    JOURNAL_HASH,
    JOURNAL_LINES,
    LOCK_FILE,
    REMOVED,
    RESTATES,
    SET_AS_WAS,
    STANDS_FOR,
    STATE_FILE,
    WAS,
    LineCheck,
    Prefix,
    answers_problem,
    catch_up,
    check_id,
    check_tail,
    content_problem,
    cover,
    covered_prints,
    dump,
    empty_state,
    ended_tail,
    folder_name,
    holds_nothing,
    is_folder_name,
    journal_entries,
    line_print,
    line_prints,
    lines_by_owner,
    local_time,
    look_alike,
    masked,
    merge_section,
    new_session_key,
    now_stamp,
    on_disk,
    parse_json,
    proven_prefix,
    quiet,
    recode_record,
    recovered_words,
    replay,
    replay_onto,
    same_client,
    sealed,
    session_key,
    set_as_was,
    stands_for,
    state_problem,
    torn_words,
    whole_lines,
)
from workbook.session.store.scan import record_copies, record_owner, unmoved
from workbook.session.store.workspace_arg import check_workspace

#: Environment variable naming the workspace folder.
HOME_VARIABLE = "WORKBOOK_HOME"
#: Workspace used when neither a folder nor ``WORKBOOK_HOME`` is given.
DEFAULT_HOME = Path("~") / "readiness-workbook"
#: An example client id (kept for old callers: a page given no client now opens none).
EXAMPLE_CLIENT = "example-client"
#: A save rewrites the state file when the journal has grown past it by more than this
#: share of the state file's size (so a small state is rewritten on every save).
REWRITE_SHARE = 0.25
#: ... but a state file up to this size (about 50 full sessions) is rewritten on every
#: save (without an fsync), so it covers the journal to its last save: another copy of the
#: journal put over this one
#: (the other laptop's, a sync tool keeping the last writer) is then told from this one,
#: and the saves it lacks are written back from the state file (attacks5 C26).
EAGER_SIZE = 1 << 16
#: The kit's own files in a workspace: its lock, the open client, and the instrument it was
#: started with (``instrument_record.RECORD_FILE``, which reads the store, so the name is
#: given here too: tests/test_trust14_store_workspace.py checks they agree). A folder
#: holding one is a workspace (round 8a F4).
WORKSPACE_FILES = (LOCK_FILE, CURRENT_FILE, ".instrument.json")


def resolve_workspace(workspace=None) -> Path:
    """Return the workspace: ``workspace``, else ``$WORKBOOK_HOME``, else ``~/readiness-workbook``.

    Examples
    --------
    >>> resolve_workspace("/tmp/ws")
    PosixPath('/tmp/ws')
    """
    chosen = workspace or os.environ.get(HOME_VARIABLE) or DEFAULT_HOME
    return Path(chosen).expanduser()


def _after(journal: Path, read) -> bytes:
    """The journal's bytes after what the snapshot covers, up to ``read.prefix``."""
    _, data = disk.read_from(journal, read.covered)
    return (data or b"")[:read.prefix.size - read.covered]


def _prints(read, journal: Path) -> list:
    """``read.prints``, taken from the journal's first ``read.prefix.size`` bytes if unknown."""
    if read.prints is None:
        read.prints = line_prints(disk.read_record(journal)[:read.prefix.size])
    return read.prints


class ClientStore:
    """Clients' answers in a workspace folder, one private sub-folder per client.

    A client is named by an id exactly as given (``"Zoë K"``, ``"Иван"``); two different
    ids never share a folder, and a folder holding another id's answers is never read.
    Folders written by earlier versions of the kit are moved to their new names when the
    workspace is opened.

    Parameters
    ----------
    root : str or Path, optional
        The workspace. Defaults to ``$WORKBOOK_HOME``, then ``~/readiness-workbook``. It is
        created (0700) when missing.
    read_only : bool, default False
        Only read (``export-clients``, reports, ``followups``): the workspace may be
        read-only; it is never created or migrated, opening a client neither locks nor
        tightens its folder, and saving is refused. A damaged file is still repaired where
        the folder can be written (where it cannot, it is rebuilt for that reading only).

    Attributes
    ----------
    notice : str or None
        What the store last repaired, in words for the coach (a damaged ``answers.json``
        set aside, one that no longer matched ``journal.jsonl`` rebuilt, or a cut-off last
        line of ``journal.jsonl`` set aside), naming the file and the client; None while
        nothing was. Each repair also gives a :class:`StoreWarning` (the only place it is
        said: the command line shows it as one line).
    notices : list of str
        Every such notice since the store was opened, oldest first (each folder left out
        when the workspace was opened is one: the start page shows them all).

    Raises
    ------
    StoreError
        If the workspace cannot be created or is not writable (read-only: if it is missing
        or cannot be read).
    """

    def __init__(self, root=None, *, read_only: bool = False):
        self.root = resolve_workspace(root)
        self.read_only = read_only
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"the workspace {self.root} is a file, not a folder; choose a folder")
        check_workspace(self.root, must_exist=False)  # not a client's folder (round 8a F5)
        if read_only:
            self._check_readable()
            self._opened, self._cache, self.notice, self.notices = set(), {}, None, []
            self._looked = set()
            self._make_private()
            lock = self.root / LOCK_FILE
            if os.path.isdir(lock) and not os.path.islink(lock):  # every client (F10)
                self._tell(disk.lock_folder_words(lock, read=True))
            self._check_instrument_note()
            return
        try:
            if not self.root.exists():
                self.root.parent.mkdir(parents=True, exist_ok=True)
                self.root.mkdir(mode=disk.FOLDER_MODE, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the workspace folder {self.root}: {exc.strerror or exc}. "
                f"Choose another folder (the `workspace` parameter or {HOME_VARIABLE})."
            ) from None
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise StoreError(
                f"the workspace {self.root} is not writable; choose a folder you can write to "
                f"(the `workspace` parameter or {HOME_VARIABLE})"
            )
        self._opened, self._looked = set(), set()
        self._cache = {}  # folder -> the _Read this store last wrote there
        self.notice, self.notices = None, []
        self._make_private()
        migrate_workspace(self)
        for problem in unmoved(self):  # its sessions are not read: the coach is told
            self._tell(str(problem))

    def _make_private(self) -> None:
        """Take others' permissions off the workspace and its clients' folders (C8), once.

        A workspace put back from a backup or copied (folders 0755, files 0644) is readable
        by every user of the machine; opening it, even to read, makes the workspace folder
        and each client's folder 0700 and their files 0600 where it can (nothing is ever
        loosened), and says so in one line.
        """
        if not os.access(self.root, os.W_OK | os.X_OK) or self.root.is_symlink():
            return
        changed, folders = 0, 0
        try:
            held = [e for e in os.scandir(self.root) if not e.name.startswith(".")
                    and e.is_dir(follow_symlinks=False) and _holds_a_record(e.path)]
            entries = [e for e in held if is_folder_name(e.name)]
            # only a workspace (round 8a F4): a folder named by a slip (home, /srv/shared,
            # /tmp) that holds no client (nor an earlier version's client folder) and none of
            # the kit's files keeps its mode
            if held or any(os.path.lexists(self.root / name) for name in WORKSPACE_FILES):
                changed += disk.private_mode(self.root)
        except OSError as exc:
            logger.warning("could not make %s private: %s", self.root, exc)
            return
        root_changed = changed
        for entry in entries:
            n = disk.tighten(Path(entry.path))
            changed, folders = changed + n, folders + (1 if n else 0)
        if changed:
            parts = (["the workspace folder"] if root_changed else []) + (
                [f"{changed - root_changed} folder(s) and file(s) of {folders} client(s)"]
                if folders else [])
            were = "was" if parts == ["the workspace folder"] else "were"
            self._tell(f"{self.root} was readable by other users of this machine (a backup "
                       f"or copy restored with wider permissions?): {' and '.join(parts)} "
                       f"{were} made private (folders 0700, files 0600)")

    def _private_root(self) -> None:
        """Make the workspace folder private (0700) before a client's folder is made in it.

        A folder the coach made (``mkdir``, 0755) is left as it is while it holds no client
        (:meth:`_make_private`); once a client is saved in it, their folder's readable name
        is personal. Nothing is loosened; a linked workspace is left as it is.
        """
        try:
            if not self.root.is_symlink():
                disk.private_mode(self.root)
        except OSError as exc:
            logger.warning("could not make %s private: %s", self.root, exc)

    def _check_instrument_note(self) -> None:
        """Name a workspace's ``.instrument.json`` that cannot be read (round 8a F10).

        It names the instrument the workspace was started with; one that cannot be read is
        taken as no note (the kit's own instrument), which a command reading the workspace
        says in one line rather than silently.
        """
        path = self.root / WORKSPACE_FILES[2]
        if not os.path.lexists(path):
            return
        try:
            note = parse_json(disk.read_bytes(path))
            why = None if isinstance(note, dict) and all(
                isinstance(note.get(key, ""), str) for key in ("name", "version", "path")) \
                else "it does not hold the instrument's name, version and file"
        except IsADirectoryError:
            why = "it is a folder"
        except (OSError, StoreError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
        except ValueError as exc:
            why = f"it is not JSON: {exc}"
        if why:
            self._tell(f"{path} cannot be read ({why}); it names the instrument this "
                       "workspace was started with, so commands reading the workspace use "
                       "the kit's own instrument unless given --instrument: remove it, and "
                       "the next `workbook coach` records the instrument again")

    def __repr__(self) -> str:
        return f"ClientStore({str(self.root)!r})"

    def _check_readable(self) -> None:
        """Raise :class:`StoreError` unless the workspace exists and can be read."""
        if not self.root.is_dir():
            raise StoreError(f"there is no workspace folder {self.root}; check the path")
        if not os.access(self.root, os.R_OK | os.X_OK):
            raise StoreError(f"the workspace {self.root} cannot be read; check its permissions")

    # -- clients -------------------------------------------------------------------------
    @staticmethod
    def key(client_id) -> str:
        """Return the client's folder name: a readable part and a hash of the exact id."""
        return folder_name(client_id)

    def folder(self, client_id) -> Path:
        """Return the client's folder (without creating it)."""
        return self.root / self.key(client_id)

    def clients(self) -> list:
        """The exact id of every client with a folder in the workspace, sorted."""
        ids = []
        for entry in sorted(self.root.iterdir()):
            if entry.name.startswith(".") or not is_folder_name(entry.name):
                continue
            if entry.is_symlink():
                logger.warning("left out %s: it is a symbolic link", entry)
                continue
            if not entry.is_dir():
                continue
            try:
                client = self._stored_id(entry)
            except StoreError as exc:
                logger.warning("left out %s: %s", entry, exc)
                continue
            if client is not None and folder_name(client) == entry.name:
                ids.append(client)
        return sorted(ids)

    def create(self, client_id, *, new_look_alike: bool = False) -> str:
        """Make the client's folder if needed; returns the client's exact id.

        A new client that looks like a saved one is refused unless ``new_look_alike`` (as
        :meth:`save`).
        """
        client = check_id(client_id)
        self._open(client, create=True, look_alike_ok=new_look_alike)
        return client

    def client_folder(self, client_id, *, create: bool = False, new_look_alike: bool = False):
        """The client's folder, checked to hold this client's files (None if missing).

        For other records kept beside the answers (the conversations tracker): the same
        checks as every read and save (no links followed, the folder's id file names this
        client), and with ``create`` the folder is made (0700) like on a first save, a new
        look-alike of a saved client refused unless ``new_look_alike`` (as :meth:`save`).
        """
        return self._open(check_id(client_id), create=create, look_alike_ok=new_look_alike)

    def current(self):
        """Return the id of the client last opened on the start page, or None."""
        try:
            text = disk.read_bytes(self.root / CURRENT_FILE).decode("utf-8")
            client = check_id(json.loads(text)["client_id"])
        except (OSError, ValueError, KeyError, TypeError, WorkbookError):
            return None
        return client if self.folder(client).is_dir() else None

    def set_current(self, client_id) -> str:
        """Create the client if needed and remember them as the one being worked with.

        Its callers (the start page, ``workbook coach``) ask first about a new name that
        looks like a saved client's (:func:`~workbook.session.store.records.look_alike`).
        """
        client = self.create(client_id, new_look_alike=True)
        with disk.locked(self.root / LOCK_FILE):
            disk.write_file(self.root / CURRENT_FILE, json.dumps({"client_id": client},
                                                        ensure_ascii=False) + "\n")
        return client

    def end_session(self) -> None:
        """Forget the client being worked with: pages opened without a client show none."""
        if not (self.root / CURRENT_FILE).exists():
            return
        with disk.locked(self.root / LOCK_FILE):
            try:
                (self.root / CURRENT_FILE).unlink()
            except FileNotFoundError:
                pass

    def resolve_client(self, client_id=None):
        """Return the exact id for ``client_id``; when None, the client of the open session.

        None when no session is open (nobody opened a client, or the session was ended): a
        page must then show no answers and save nothing, never fall back to another client.
        """
        if client_id is None or not str(client_id).strip():
            return self.current()
        return check_id(client_id)

    # -- reading -------------------------------------------------------------------------
    def history(self, client_id) -> dict:
        """Every session of a client: ``{date: answers saved that day}``, oldest first."""
        client = check_id(client_id)
        folder = self._open(client)
        if folder is None:
            return {}
        sessions = self._read(folder, client).state["sessions"]
        return {day: sessions[day] for day in sorted(sessions)}

    def sessions(self, client_id) -> list:
        """Dates of a client's sessions, oldest first."""
        return list(self.history(client_id))

    def load(self, client_id, *, session=None) -> dict:
        """Return a client's latest answers (``{}`` for a new client).

        Parameters
        ----------
        client_id : str
        session : str or date, optional
            Return exactly that session's answers. By default each section (ingredient)
            comes from the most recent session that has it.
        """
        history = self.history(client_id)
        if session is not None:
            return history.get(session_key(session), {})
        latest = {}
        for answers in history.values():
            latest.update(answers)
        return latest

    # -- writing -------------------------------------------------------------------------
    def save(self, client_id, answers: dict, *, session=None, base=None,
             new_look_alike: bool = False) -> dict:
        """Merge ``answers`` (a dict of sections) into a session and write it durably.

        Only the sections named in ``answers`` are replaced; the others, saved by other
        notebooks, are re-read under a file lock and kept. With ``base`` (what a page last
        read of those sections), a section is merged field by field instead of replaced
        (:func:`~workbook.session.store.records.merge_section`): the page's value is taken where it
        differs from ``base``, and elsewhere what is on disk is kept, so a second page of the
        same client (another tab, a notebook beside the session app) never undoes what the
        first saved. The save is a line appended to
        the journal and fsynced: when this returns, the answers are on disk. The state
        file is rewritten (atomically) when the journal has outgrown it; if that fails (a
        full disk), the journal line is taken back and nothing is saved.

        Parameters
        ----------
        client_id : str
        answers : dict
            Section name (an ingredient id) -> that section's answers, a dict whose
            ``items`` and ``tool`` are dicts and ``reflections`` a list (JSON-serialisable).
            A section whose statements no version asked together (hope_4 of 2.0 beside
            hope_8 of 2.1, which replaced it) is refused with a :class:`StoreError` naming
            the statements and the versions, and nothing is saved (round 13a R22).
        session : str or date, optional
            The session date; today by default (a date and time is its date). A date after
            today or before 2000-01-01 is refused (a session is saved on its day, or later
            for a day gone by); records holding such a date are still read.
        base : dict, optional
            Section name -> that section as the page last read it (loaded, or as its last
            save returned it), for the sections of ``answers`` to merge field by field.
            The section on disk it is merged over is the session's own, else the latest
            one saved on or before its date (what the page showed), never a later
            session's. A section not in
            ``base`` is replaced whole. A merge that would make one section hold a
            statement and the one that replaced it (a 2.1 answer merged over a section
            answered on 2.0) is refused with a :class:`StoreError` (attacks4 B2).
        new_look_alike : bool, default False
            A new client whose id differs from a saved one only by capitals or width
            (``ａｎｎ`` beside ``ann``: :func:`~workbook.session.store.records.look_alike`) is
            refused with a :class:`StoreError` naming both, as the start page and ``workbook coach``
            ask before making one; True makes them a new client deliberately.

        Returns
        -------
        dict
            The session's answers after the merge (with ``base``, each merged section is
            what the page should show now).
        """
        problem = answers_problem(answers)
        if problem is None and base is not None:
            problem = answers_problem(base)
        if problem:
            raise StoreError(f"answers must be a dict of sections keyed by name: {problem}")
        client, day = check_id(client_id), new_session_key(session)
        if not answers:  # (a line saving nothing makes no session: round 9a H1)
            raise StoreError("answers must hold at least one section: nothing was saved")
        if not base:  # a section given whole answering two versions (round 13a R22)
            _refuse_two_versions(answers)
        line = None if base else dump({"at": _now(), "session": day, "client_id": client,
                                       "answers": answers})
        folder = self._open(client, create=True, look_alike_ok=new_look_alike)
        journal = folder / JOURNAL_FILE
        with disk.locked(folder / LOCK_FILE):
            disk.remove_temps(folder)
            read = self._state_for_save(folder, client)
            state, parts = read.state, read.parts
            if read.journal_sig and read.journal_sig[1] > read.prefix.size:  # a cut last line
                tail = ended_tail(journal, read.prefix)  # ended by this save's append
                for touched in replay_onto(state, tail, journal, client, start=read.prefix.size):
                    parts.pop(touched, None)
                read.prints = None  # (the ended line's print: taken from the journal below)
            state["client_id"] = client
            removed = state.get(REMOVED)
            if line is None and day not in state["sessions"] and isinstance(removed, dict) \
                    and day in removed:  # removed since the page read it: what it holds is
                _refuse_two_versions(answers)  # the session again (round 14a V17)
                line = dump({"at": _now(), "session": day, "client_id": client,
                             "answers": answers})
            if line is None:  # merged with what is on disk now, under the lock
                merged, was = _merge(state["sessions"], day, answers, base)
                _refuse_mixed(state["sessions"], day, merged)
                # what it was merged over: a sync joining another copy's lines can tell a
                # section changed on both (round 11a M8: records.WAS, SET_AS_WAS)
                given = {name: paths for name in was if (paths := set_as_was(
                    base[name], answers[name], merged[name], was[name]))}
                line = dump({"at": _now(), "session": day, "client_id": client,
                             "answers": merged, **({WAS: was} if was else {}),
                             **({SET_AS_WAS: given} if given else {})})
            saved = json.loads(line)["answers"]
            if day not in state["sessions"] and holds_nothing(saved):
                # a save of nothing makes no session, as a reading of the line makes none
                # (round 12a P15): nothing is written, and what was read is read again
                self._cache.pop(folder, None)
                return saved
            state["sessions"].setdefault(day, {}).update(saved)
            state["updated"] = dt.datetime.now().isoformat()  # (to the microsecond: A4)
            parts[day] = dump(state["sessions"][day])  # only the session that changed
            try:
                size = disk.append_line(journal, line)  # from here on the answers are on disk
            except BaseException:
                self._cache.pop(folder, None)  # its state holds the answers not saved
                raise
            try:
                read.journal_sig = disk.signature(journal)
                added = catch_up(read.prefix, journal)  # hashes the bytes appended, no more
                if read.prints is not None:
                    read.prints.append(line_print(line.encode("utf-8")))
                grown = read.prefix.size - (read.covered or 0)
                if read.covered is None or read.snapshot_size <= EAGER_SIZE \
                        or grown > REWRITE_SHARE * read.snapshot_size:
                    cover(state, read.prefix, _prints(read, journal))
                    text = sealed(state, parts)
                    disk.write_file(folder / STATE_FILE, text, durable=False)
                    read.covered, read.snapshot_size = read.prefix.size, len(text)
                    read.snapshot_sig = disk.signature(folder / STATE_FILE)
                    if read.since_at is not None:  # (it follows the snapshot replaced)
                        read.since_at = None
                        side.drop(folder / STATE_FILE)
                else:  # the snapshot lags: its side file keeps the line (issue 20, E11)
                    read.since_at = side.keep(
                        folder / STATE_FILE, read.covered, state[JOURNAL_HASH],
                        read.since_at, added, lambda: _after(journal, read), journal)
            except BaseException:
                self._cache.pop(folder, None)
                disk.cut_back(journal, size)
                raise
            self._cache[folder] = read
        logger.info("saved %s for %s, session %s", ", ".join(answers), folder.name, day)
        return json.loads(parts[day])

    def remove_session(self, client_id, session) -> dict:
        """Remove a session saved by mistake, for good (attacks4 B6); returns its answers.

        A removal record is appended to the journal (``{"session": day, "answers": {},
        "removed": true}``): every reading leaves the session out from that line on, with
        the snapshot or without it, so it is never written back from ``answers.json`` (as a
        line deleted by hand is). ``answers.json`` is rewritten at once and keeps the removal
        (``removed``), so another copy of the journal put over this one does not bring the
        session back. A later save on that day makes a new session. The record keeps the
        removed answers' lines: nothing is erased from it.

        Raises
        ------
        StoreError
            If the client has no folder, or no session of that date (the message names
            the sessions it has).
        """
        client, day = check_id(client_id), session_key(session)
        folder = self._open(client)
        if folder is None:
            like = look_alike(client, self.clients())
            raise StoreError(f"there is no client {client!r} in {self.root}"
                             + (f" (there is {like!r})" if like else "") + "; nothing was "
                             "removed")
        if self.read_only:
            raise StoreError(f"the workspace {self.root} was opened to read only; nothing "
                             "was removed")
        with disk.locked(folder / LOCK_FILE):
            before = self._read(folder, client, locked=True)
            sessions = before.state["sessions"]
            if day not in sessions:
                have = ", ".join(sorted(sessions)) or "none"
                raise StoreError(f"client {client!r} has no session {day} (sessions: "
                                 f"{have}); nothing was removed")
            answers = sessions[day]
            covered, digest = before.state.get(JOURNAL_BYTES), before.state.get(JOURNAL_HASH)
            kept = side.read(folder / STATE_FILE, covered, digest)
            if kept is not None and self._journal_bytes(folder)[covered:] != kept:
                kept = None  # (it does not hold the record's lines up to now: left as it is)
            line = dump({"at": _now(), "session": day, "client_id": client, "answers": {},
                         REMOVED: True})
            disk.append_line(folder / JOURNAL_FILE, line)
            self._cache.pop(folder, None)
            if kept is not None and kept.exact and not kept.problem:
                # its side file keeps the removal too, as it keeps a save (round 13a R5): an
                # older journal put back while answers.json is missing gets it back from there
                side.keep(folder / STATE_FILE, covered, digest,
                          side.size(covered, digest, kept), (line + "\n").encode("utf-8"),
                          record=folder / JOURNAL_FILE)
            # answers.json keeps the removal at once: a journal put over this one (the other
            # laptop's, an older copy) does not bring the session back (attacks5 C23)
            read = self._read(folder, client, locked=True)
            cover(read.state, read.prefix, _prints(read, folder / JOURNAL_FILE))
            disk.write_file(folder / STATE_FILE, sealed(read.state))
        logger.info("removed session %s of %s", day, folder.name)
        return answers

    def _state_for_save(self, folder: Path, client: str) -> _Read:
        """The state to merge a save into, with what is known of its files (under the lock).

        What this store last wrote is reused while both files are those very files (same
        inode, size and times); anything else, another process's save included, is read.
        """
        cached = self._cache.get(folder)
        if cached is not None and cached.snapshot_sig is not None \
                and cached.snapshot_sig == disk.signature(folder / STATE_FILE) \
                and cached.journal_sig == disk.signature(folder / JOURNAL_FILE):
            return cached
        self._cache.pop(folder, None)
        return self._read(folder, client, locked=True)

    # -- the folder ----------------------------------------------------------------------
    def _open(self, client: str, *, create: bool = False, look_alike_ok: bool = True):
        """The client's folder, checked to be theirs; None when missing and not created.

        A new client that looks like a saved one is refused unless ``look_alike_ok``.
        """
        folder = self.root / folder_name(client)
        disk.refuse_link(folder)
        if create and self.read_only:
            raise StoreError(f"the workspace {self.root} was opened to read only; nothing "
                             "was saved")
        if not folder.exists():
            if not create:
                return None
            if not look_alike_ok:
                self._refuse_look_alike(client)
            self._private_root()  # the first client's name is not listable (round 12a P1)
            disk.make_folder(folder)
            with disk.locked(folder / LOCK_FILE):
                if self._stored_id(folder) is None:
                    disk.write_file(folder / ID_FILE, json.dumps(
                        {"format": FORMAT, "client_id": client}, ensure_ascii=False) + "\n")
        elif not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a client folder; move it away")
        stored = self._stored_id(folder)
        if stored is None:
            stored = self._adopt(folder, client)
        if not same_client(stored, client) and record_owner(folder) == client:
            stored = self._readopt(folder, client, stored)  # client.json edited (C12)
        if not same_client(stored, client):  # (an earlier kit may have written it decomposed)
            raise StoreError(
                f"the folder {folder} holds the answers of another client, not {client!r}; "
                f"its {ID_FILE} names who they belong to. Nothing was read or written."
            )
        if folder not in self._looked:  # a sync tool's copy of a record beside it: said once
            self._looked.add(folder)
            self._name_copies(folder, client)
            if self.read_only and os.path.isdir(folder / LOCK_FILE) \
                    and not os.path.islink(folder / LOCK_FILE):  # (round 7 E6)
                self._tell(disk.lock_folder_words(folder / LOCK_FILE, read=True))
        if folder not in self._opened and not self.read_only:
            self._opened.add(folder)
            disk.tighten(folder)
            with disk.locked(folder / LOCK_FILE, wait=False) as held:
                if held:
                    disk.remove_temps(folder)
        return folder

    def _readopt(self, folder: Path, client: str, stored: str) -> str:
        """Write again the id file of ``client``'s folder that names another (attacks5 C12).

        The folder's name is ``client``'s and every line of its record is theirs
        (:func:`~workbook.session.store.scan.record_owner`): the id file was edited by hand or
        copied from another folder. It is kept as ``client.json.unmatched-<time>`` and the coach
        told; a folder that cannot be written is read as ``client``'s all the same.
        """
        path = folder / ID_FILE
        said = (f"{path} named {printable(stored)[:60]!r}, but {folder.name} is the folder "
                f"of client {client!r} and every line of its record is theirs (the file was "
                "edited by hand, or copied from another client's folder?)")
        if not self._writable(folder):
            self._tell(f"{said}; it was read as {client!r}'s (the folder cannot be written, "
                       "so no file was changed)")
            return client
        with disk.locked(folder / LOCK_FILE):
            if self._stored_id(folder) != stored:
                return self._stored_id(folder)
            aside = disk.set_aside(path, "it names another client", label="unmatched")
            disk.write_file(path, json.dumps({"format": FORMAT, "client_id": client},
                                    ensure_ascii=False) + "\n")
        self._tell(f"{said}: it was kept as {aside.name} and written again for {client!r}")
        return client

    def _name_copies(self, folder: Path, client: str) -> None:
        """Tell of each file in ``folder`` that looks like a copy of a record (never read)."""
        for copy in record_copies(folder):
            self._tell(f"{copy} looks like a copy of client {client!r}'s record (a sync tool's "
                       "conflicted copy?): nothing in it is read, so a change only it holds is "
                       "on no page and in no export or report; merge what you need by hand "
                       "and move it out of the folder")

    def _refuse_look_alike(self, client: str) -> None:
        """Refuse a new client whose id differs from a saved one only by capitals or width."""
        if not self.root.is_dir():
            return
        saved = look_alike(client, self.clients())
        if saved is not None:
            raise StoreError(
                f"{client!r} looks like the saved client {saved!r} (they differ only in "
                f"capitals or width), so no new client was made and nothing was saved: use "
                f"{saved!r} to add to that client's record, or, when {client!r} is someone "
                "else, save with new_look_alike=True")

    @staticmethod
    def _stored_id(folder: Path):
        """The exact id stored in a folder's id file, or None if it has none (or is damaged)."""
        try:
            record = parse_json(disk.read_bytes(folder / ID_FILE))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError) as exc:
            logger.warning("cannot read %s: %s", folder / ID_FILE, exc)
            return None
        client = record.get("client_id") if isinstance(record, dict) else None
        return client if isinstance(client, str) else None

    def _adopt(self, folder: Path, client: str):
        """Write the id file of a folder that lost it, if what it holds is the client's."""
        with disk.locked(folder / LOCK_FILE):
            stored = self._stored_id(folder)
            if stored is not None:  # written meanwhile by the process that made the folder
                return stored
            owners = set()
            try:
                state = parse_json(disk.read_bytes(folder / STATE_FILE))
                owners.add(state.get("client_id") if isinstance(state, dict) else None)
            except (FileNotFoundError, ValueError):
                pass
            raw = self._journal_bytes(folder)
            owners |= set(lines_by_owner(raw))
            owners.discard(None)
            if owners - {client}:
                return next(iter(owners - {client}))
            bad = folder / ID_FILE
            if bad.exists():
                stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
                os.replace(bad, bad.with_name(f"{ID_FILE}.corrupt-{stamp}"))
            disk.write_file(folder / ID_FILE, json.dumps({"format": FORMAT, "client_id": client},
                                                ensure_ascii=False) + "\n")
            logger.warning("wrote a new %s in %s", ID_FILE, folder)
        return client

    @staticmethod
    def _journal_bytes(folder: Path) -> bytes:
        return disk.read_record(folder / JOURNAL_FILE)

    def _read(self, folder: Path, client: str, *, locked: bool = False) -> _Read:
        """Read a client's state: the state file, then the journal lines written after it.

        The state file is used only while the journal still starts with exactly the bytes
        it holds (their count and SHA-256); otherwise the state is rebuilt from the whole
        journal (:meth:`_rebuild`). A damaged or misshapen state file is set aside and the
        state rebuilt from the journal; with no state file, the journal is replayed.
        """
        path, journal = folder / STATE_FILE, folder / JOURNAL_FILE
        recoded = recode_record(journal, folder / LOCK_FILE, client, locked=locked,
                                writable=self._writable(folder))
        if recoded:
            self._tell(recoded)
        torn = check_tail(journal, folder / LOCK_FILE, locked=locked,
                          writable=self._writable(folder))
        if torn:
            written, source = self._write_back(folder, client, locked, torn[2]) \
                if isinstance(torn[1], Path) else ([], STATE_FILE)
            if written:
                self._tell(recovered_words(journal, client, torn[1], torn[2], written, source))
            else:
                self._tell(torn_words(journal, client, *torn)
                           + (self._since_missing(folder) if isinstance(torn[1], Path)
                              else ""))
        snapshot_sig = disk.signature(path)
        try:
            raw = disk.read_bytes(path)
        except (FileNotFoundError, IsADirectoryError) as exc:
            why, words = "is missing", None
            if isinstance(exc, IsADirectoryError):  # read as a missing one (round 13a R13)
                why = "is a folder"
                words = (f"{path} (client {client!r}) is a folder, not the snapshot the kit "
                         "writes (a sync tool can make one): it was not read, and the "
                         f"answers were read from {JOURNAL_FILE}, the record; move that "
                         f"folder out of {folder} (the kit never makes it) so that this "
                         "client's sessions can be saved again")
            journal_sig, data = disk.signature(journal), self._journal_bytes(folder)
            alone = _since_alone(folder, data)  # its side file's saves (round 11a M2)
            if alone is not None:
                if not locked and self._writable(folder):
                    with disk.locked(folder / LOCK_FILE):
                        return self._read(folder, client, locked=True)
                data = self._write_since_alone(folder, client, data, alone, why)
                journal_sig = disk.signature(journal)
            lines = data[:whole_lines(data)]  # a line still being written is not read
            check = LineCheck(journal, client, lines, unheld=True)
            read = _Read(replay(lines, journal, client, check), journal_sig,
                         prefix=Prefix(lines), prints=line_prints(lines))
            if words and (locked or not check.said or not self._writable(folder)):
                self._tell(words)  # (once: not before a reading again under the lock)
            return self._checked(folder, client, read, check, locked)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            state = parse_json(raw)
            problem = state_problem(state) or content_problem(state)
            if problem:
                raise ValueError(problem)
            if not same_client(state.get("client_id", client), client):  # (attacks5 C12)
                raise ValueError(f"it holds the answers of another client, "
                                 f"{str(state['client_id'])[:60]!r}: a copy of that "
                                 "client's file?")
        except ValueError as exc:
            if locked or not self._writable(folder):
                return self._recover(folder, client, exc)
            with disk.locked(folder / LOCK_FILE):
                return self._read(folder, client, locked=True)
        # the lines saved after what it covers, kept beside it (read before the journal:
        # a save appends to the journal first, so the journal holds what this holds)
        covered = state.get(JOURNAL_BYTES)
        body = side.read(path, covered, state.get(JOURNAL_HASH))
        # the journal is read after the state file: it only grows, so it starts with what
        # a state file written meanwhile holds
        journal_sig, data = disk.signature(journal), self._journal_bytes(folder)
        end = whole_lines(data)  # a line still being written is not read
        read = _Read(state, journal_sig, snapshot_sig=snapshot_sig, snapshot_size=len(raw))
        if covered is None:  # written before the journal was the record: it holds it all
            read.prefix = Prefix(data[:end])
            return read
        prefix = proven_prefix(data, covered, state.get(JOURNAL_HASH))
        why = side.stray(path, covered, state.get(JOURNAL_HASH), client, prefix is not None)
        if why is not None:  # not its own side file: read as a missing one (round 14a V5, V10)
            if not locked and self._writable(folder):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, client, locked=True)
            aside = side.set_aside_stray(path, why) if self._writable(folder) else None
            self._tell(side.stray_words(path, client, why, aside, "save",
                                             JOURNAL_FILE) + ".")
            body = None
        tail = data[covered:end] if prefix is not None else b""
        lacking = side.lacking(tail, body) if prefix is not None else None
        # a side file read with trouble (cut, emptied, not its first line: round 9a H10)
        # is named unless the journal holds every line it kept and more
        damaged = body is not None and body.problem is not None and (
            body.unheaded or prefix is None or not (len(tail) > len(body)
                                                    and tail.startswith(body)))
        if prefix is None or side.diverged(tail, body) or lacking or damaged:
            if not locked and self._writable(folder):
                with disk.locked(folder / LOCK_FILE):
                    return self._read(folder, client, locked=True)
            if lacking and self._writable(folder) and end == len(data):
                self._write_lacking(folder, client, lacking, body, covered,
                                    state[JOURNAL_HASH])
                return self._read(folder, client, locked=True)
            if prefix is None or side.diverged(tail, body) or lacking:
                if damaged:  # kept as .unread-<time>, never dropped (round 14a V20)
                    aside = side.keep_unread(path, body) if self._writable(folder) else None
                    self._tell(side.lost_words(path, body, "save", JOURNAL_FILE, client)
                               + (f"; the file as it was is kept as {aside}" if aside else "")
                               + ".")
                return self._rebuild(folder, client, raw, data, body)
            said = side.lost_words(path, body, "save", JOURNAL_FILE, client)
            if self._writable(folder):
                aside = side.settle(path, covered, state[JOURNAL_HASH], body)
                said += f"; the file as it was is kept as {aside}" if aside else ""
            self._tell(said + ".")
        check = LineCheck(journal, client, data, covered)
        replay_onto(state, tail, journal, client, start=covered, check=check)
        prefix.add(tail)
        read.covered, read.prefix = covered, prefix
        if body is not None and body.exact and body == tail:  # the next save adds to it
            read.since_at = side.size(covered, state[JOURNAL_HASH], body)
        if covered_prints(state) is not None:  # (of the bytes the hash proves)
            read.prints = state[COVERED_LINES] + line_prints(tail)
        return self._checked(folder, client, read, check, locked)

    def _write_back(self, folder: Path, client: str, locked: bool, cut=b"") -> tuple:
        """Write back into the journal the sessions only the snapshot holds (after a cut line).

        When the journal's last line was cut off and set aside, the snapshot may already hold
        the save it was (it covers more bytes than the journal has now). Then each session
        the snapshot holds and the journal's lines do not give is appended as one whole line
        (under the folder's lock), and the snapshot rewritten to cover the journal, so the
        journal stays the complete record. A snapshot that lags may have the cut line in its
        side file (E11): then that line is appended as it was saved. The session of the cut
        line (``cut``, its bytes) keeps the line's save time, so after a sync it does not
        outrank a later change or removal (round 13a R19, R20). Returns the dates of the
        sessions written back, and the file they came from.
        """
        if not locked:
            with disk.locked(folder / LOCK_FILE):
                return self._write_back(folder, client, True, cut)
        path, journal = folder / STATE_FILE, folder / JOURNAL_FILE
        try:
            state = parse_json(disk.read_bytes(path))
        except (OSError, ValueError):
            return [], STATE_FILE
        if state_problem(state) or not same_client(state.get("client_id", client), client):
            return [], STATE_FILE
        data = self._journal_bytes(folder)
        covered = state.get(JOURNAL_BYTES)
        if isinstance(covered, bool) or not isinstance(covered, int) \
                or len(data) != whole_lines(data):
            return [], STATE_FILE
        if covered <= len(data):  # the cut line may be one its side file keeps (E11)
            prefix = proven_prefix(data, covered, state.get(JOURNAL_HASH))
            lacking = None if prefix is None else side.lacking(
                data[covered:], side.read(path, covered, state.get(JOURNAL_HASH)))
            return (_append_lines(journal, lacking), side.path_of(path).name) if lacking \
                else ([], STATE_FILE)
        # the cut fell inside what the snapshot covers: the lines its side file keeps after
        # that are lost from the journal too (round 8a F2), so they are applied to it first
        # and written back with it, before the snapshot is rewritten past the side file
        body = side.read(path, covered, state.get(JOURNAL_HASH))
        if body:
            _fold(state, body, journal, client)
        source = f"{STATE_FILE} and {side.path_of(path).name}" if body else STATE_FILE
        removed = state.get(REMOVED)
        anew = {day for day in removed if day in state["sessions"]} \
            if isinstance(removed, dict) else ()
        days = _append_sessions(journal, client, state["sessions"], data, anew=anew,
                                stamps=_cut_stamp(cut, data), at=_back_at(state, data),
                                removed=removed, restates=_restated(
                                    state.get(COVERED_LINES), line_prints(data)))
        if not days:
            return [], STATE_FILE
        written = self._journal_bytes(folder)
        prefix = Prefix(written)
        cover(state, prefix, line_prints(written))
        disk.write_file(path, sealed(state))
        side.drop(path)  # (the snapshot covers the whole journal now, its lines with it)
        self._cache.pop(folder, None)
        logger.info("wrote back %s to %s from %s", ", ".join(days), journal, source)
        return days, source

    def _write_lacking(self, folder: Path, client: str, lacking: bytes, body=None,
                       covered=None, digest=None) -> None:
        """Write back the journal's last lines it lacks, as ``answers.json.since`` keeps them.

        The journal is the start of what the snapshot and its side file cover (issue 20,
        E11): its last lines were lost (the file cut short, or an older copy of it put
        back). They are appended as they were saved, and the coach told.
        """
        journal = folder / JOURNAL_FILE
        days = _append_lines(journal, lacking)
        self._cache.pop(folder, None)
        n = lacking.count(b"\n")
        self._tell(f"{journal} (client {client!r}) lacked its last {n} line"
                   f"{'' if n == 1 else 's'} (saves made in this folder, of session"
                   f"{'' if len(set(days)) == 1 else 's'} {', '.join(days)}): it was cut "
                   "short, or an older copy of it was put over this one."
                   f" {'It was' if n == 1 else 'They were'} written back to the "
                   f"record as saved, from {side.path_of(folder / STATE_FILE).name}"
                   + self._side_trouble(folder, body, covered, digest, "save"))

    def _write_since_alone(self, folder: Path, client: str, data: bytes, alone: tuple,
                           why: str) -> bytes:
        """Write back the saves a side file keeps whose snapshot is gone (round 11a M2).

        ``answers.json`` is missing (or could not be read: ``why``) and the journal lacks
        lines ``answers.json.since`` keeps (an older copy of it put back): they are appended
        as they were saved (under the folder's lock), the side file is dropped (or kept as
        ``.unread-<time>`` when part of it could not be read), and the coach told, naming
        the saves only the snapshot held, which are lost. Returns the journal's bytes now
        (with the lines applied for this reading alone when the folder cannot be written).
        """
        covered, digest, body, lacking = alone
        journal, path = folder / JOURNAL_FILE, folder / STATE_FILE
        owner = side.other_client(body, client)
        if owner is not None:  # another client's side file: never their lines here (R8)
            aside = None
            if self._writable(folder):
                aside = disk.set_aside(side.path_of(path), f"saves of client {owner!r}",
                                       label="unread").name
                self._cache.pop(folder, None)
            self._tell(side.other_client_words(path, owner, client, aside) + ".")
            return data
        name, end = side.path_of(path).name, whole_lines(data)
        if not lacking:  # nothing to write back: what was lost is named (round 13a R4)
            return self._since_lost(folder, client, data, alone, why)
        n, days = lacking.count(b"\n"), _line_days(lacking)
        said = (f"{path} (client {client!r}) {why}, and {journal} lacked {n} line"
                f"{'' if n == 1 else 's'} that {name} keeps (saves made in this folder, of "
                f"session{'' if len(set(days)) == 1 else 's'} {', '.join(days)}): an older "
                "copy of it was put over this one")
        if proven_prefix(data, covered, digest) is None and covered:
            last, first = _last_at(data[:end]), _last_at(body, first=True)
            after = f"after {last[0]:%Y-%m-%d %H:%M} (a save of session {last[1]})" \
                if last else ""
            before = f"before {first[0]:%Y-%m-%d %H:%M} (a save of session {first[1]})" \
                if first else ""
            between = f" (made {' and '.join(w for w in (after, before) if w)})" \
                if last or first else ""
            gap = (f"; the saves {STATE_FILE} alone held{between} could not be written back, "
                   f"as {STATE_FILE} {why}: they are lost from the record (re-enter them if "
                   "they matter)" if end < covered else
                   f"; {JOURNAL_FILE} does not start with what {STATE_FILE} covered, so "
                   f"saves {STATE_FILE} alone held{between} may be lost")
        else:
            gap = ""
        trouble = ("; " + side.lost_words(path, body, "save", JOURNAL_FILE)) \
            if body.problem else ""
        if not self._writable(folder) or end != len(data):
            self._tell(f"{said}{gap}{trouble}; they were read from {name} for this reading "
                       "(the folder cannot be written, so no file was changed).")
            return data[:end] + lacking
        _append_lines(journal, lacking)
        self._cache.pop(folder, None)
        aside = None
        if body.problem:
            aside = disk.set_aside(side.path_of(path), body.problem, label="unread").name
        else:
            side.drop(path)
        self._tell(f"{said}. {'It was' if n == 1 else 'They were'} written back to the record "
                   f"as saved, from {name}{gap}{trouble}"
                   + (f"; the side file as it was is kept as {aside}" if aside else "") + ".")
        return self._journal_bytes(folder)

    @staticmethod
    def _since_missing(folder: Path) -> str:
        """Words for a large snapshot's side file gone while the journal lost its end (R2).

        A snapshot past :data:`EAGER_SIZE` that covers less than the journal has a side file
        keeping the saves after it; when it is missing, the lines cut off after a torn last
        line cannot be written back: saves after it may be missing. "" otherwise.
        """
        path = folder / STATE_FILE
        try:
            if os.path.lexists(side.path_of(path)) or os.stat(path).st_size <= EAGER_SIZE:
                return ""
            covered = parse_json(disk.read_bytes(path)).get(JOURNAL_BYTES)
        except (OSError, StoreError, ValueError, AttributeError):
            return ""
        if isinstance(covered, bool) or not isinstance(covered, int) \
                or covered > whole_lines(disk.read_record(folder / JOURNAL_FILE)):
            return ""
        return (f" {side.path_of(path).name}, which keeps the saves made since {STATE_FILE} "
                "was last rewritten, is missing, so any saves made after that line (cut off "
                "with it) may be missing too.")

    def _since_lost(self, folder: Path, client: str, data: bytes, alone: tuple,
                    why: str) -> bytes:
        """Name what may be lost when a missing snapshot's side file gives nothing back.

        The side file names no snapshot (emptied, or cut inside its first line), or keeps
        no line the journal lacks while the journal does not hold what the snapshot
        covered, or was cut: the saves only the snapshot (or the side file) held may be
        lost (round 13a R4). The side file as it was is kept as ``.unread-<time>`` (an
        empty one removed), so this is said once. Returns ``data``.
        """
        covered, digest, body, _ = alone
        path = folder / STATE_FILE
        end = whole_lines(data)
        said = f"{path} (client {client!r}) {why}"
        if covered is None:
            gap = (f"; as {STATE_FILE} {why}, the saves only it held may be lost as well, "
                   f"if {JOURNAL_FILE} is an older copy put back (re-enter them if they "
                   "matter)")
        elif proven_prefix(data, covered, digest) is None and covered:
            last = _last_at(data[:end])
            after = f" (made after {last[0]:%Y-%m-%d %H:%M}, a save of session {last[1]})" \
                if last else ""
            gap = (f"; {JOURNAL_FILE} does not hold all {STATE_FILE} covered (an older copy "
                   f"of it put back?), so the saves {STATE_FILE} alone held{after} "
                   + ("are lost from the record (re-enter them if they matter)"
                      if end < covered else "may be lost"))
        else:
            gap = ""
        trouble = "; " + side.lost_words(path, body, "save", JOURNAL_FILE) \
            if body.problem else ""
        aside = None
        if self._writable(folder):
            aside = side.keep_unread(path, body)
            self._cache.pop(folder, None)
        self._tell(f"{said}{gap}{trouble}"
                   + (f"; the side file as it was is kept as {aside}" if aside else "") + ".")
        return data

    @staticmethod
    def _side_trouble(folder: Path, body, covered, digest, what: str) -> str:
        """The end of a written-back notice: nothing lost, or what the side file lost."""
        if body is None or not body.problem:
            return f"; no {what} was lost."
        path = folder / STATE_FILE
        aside = side.settle(path, covered, digest, body)
        return ("; but " + side.lost_words(path, body, what, JOURNAL_FILE)
                + (f"; the file as it was is kept as {aside}" if aside else "") + ".")

    def _checked(self, folder: Path, client: str, read: _Read, check: LineCheck,
                 locked: bool) -> _Read:
        """Tell once what the lines read say.

        A repeated line not applied, a step back in time, a session that is not a date:
        under the folder's lock the snapshot is rewritten to cover them, so the next read
        does not read them again.
        """
        if not check.said:
            return read
        if not locked and self._writable(folder):
            with disk.locked(folder / LOCK_FILE):
                return self._read(folder, client, locked=True)
        for words in check.said:
            self._tell(words)
        if locked and self._writable(folder):
            state = dict(read.state)
            cover(state, read.prefix, _prints(read, folder / JOURNAL_FILE))
            try:
                text = sealed(state)
                disk.write_file(folder / STATE_FILE, text)
            except StoreError as exc:  # the reading stands; it is said again next time
                logger.info("%s was not rewritten: %s", folder / STATE_FILE, exc)
                return read
            read.state = state
            read.covered, read.snapshot_size = read.prefix.size, len(text)
            read.snapshot_sig, read.parts = disk.signature(folder / STATE_FILE), {}
            read.since_at = None  # (its side file follows the snapshot replaced)
        return read

    def _rebuild(self, folder: Path, client: str, raw: bytes, data: bytes,
                 body: bytes | None = None) -> _Read:
        """Rebuild a state whose file does not match the journal (under the folder's lock).

        The journal was rewritten outside the kit (its line endings converted by an editor,
        a sync tool or git; an earlier line edited or removed), or the state file is of an
        earlier version, whose count of bytes proves nothing. The state file's sessions are
        taken and every readable line of the journal is replayed over them, so nothing
        either holds is lost (a line's answers win over the state file's). When that
        differs from what the state file alone gave, the file is kept as
        ``answers.json.unmatched-<time>`` and the coach is told (:attr:`notice`, a
        :class:`StoreWarning`); a file of an earlier version that agrees is taken over
        quietly.

        ``body``: the lines ``answers.json.since`` keeps after what the file covers (a file
        past :data:`EAGER_SIZE` lags its journal): they are applied to it first, and the
        rebuild counts them as covered (issue 20, E11).
        """
        path, journal = folder / STATE_FILE, folder / JOURNAL_FILE
        end = whole_lines(data)
        state = parse_json(raw)
        if body:
            _fold(state, body, journal, client)
        held = deepcopy(state)  # (what the file and its side file gave)
        earlier = JOURNAL_HASH not in state
        # the lines the state file covered (their prints): up to the first line it did not
        # cover they are not read again, so an older line never undoes a later change it
        # holds, this laptop's or another's (attacks5 C15)
        prints = None if earlier else covered_prints(state)
        kept_prints = None if prints is None else state[COVERED_LINES]  # (repeats counted)
        now_prints = line_prints(data[:end])
        check = LineCheck(journal, client, data[:end])
        check.quiet_removed = True  # (a removed session's lines: said once, below)
        check.held_days = set(state["sessions"])  # a damaged line's save may be among them
        # A journal with fewer lines than the state file covered went back to an older copy
        # (a sync tool, a backup restore): a line no later than the state file's last save
        # does not undo what it holds (attacks3 A4); an edited line is read (A24).
        covered, kept = state.get(JOURNAL_LINES), []
        older = state.get("updated") if isinstance(covered, int) and not isinstance(
            covered, bool) and not earlier and prints is None \
            and data[:end].count(b"\n") < covered else None
        renamed = {} if earlier or older else _renamed(state["sessions"], data[:end], journal,
                                                        client, prints)
        proven = {} if earlier or older else _over_damaged(state, data[:end])
        snapshot = deepcopy(state["sessions"])
        read_lines = data[:end] if prints is None else masked(data[:end], prints)
        replay_onto(state, read_lines, journal, client, check=check, older=older, kept=kept)
        both = _changed_by_both(snapshot, state["sessions"], data[:end], prints, journal,
                                client)
        for day, name in check.joined:  # joined field by field, and named (round 11a M8)
            if name in both.get(day, ()):
                both[day].remove(name)
        both = {day: names for day, names in both.items() if names}
        if prints is not None:
            kept.extend(_not_read_again(state["sessions"], data[:end], read_lines, journal,
                                        client))
        lacking = _lacking(kept_prints, now_prints)
        for day in renamed:  # its date was corrected in the record (attacks4 B6)
            del state["sessions"][day]
        # removed for good, brought back by an older copy or the other laptop's journal
        again = _removed_again(held, state, data[:end], journal, client)
        restored = []  # what a damaged line saved after a readable one (attacks4 B3)
        if proven:  # (the record's own lines, for lines the snapshot covered: not read)
            with quiet():
                full = replay(data[:end], journal, client)["sessions"]
        for day, (line, sections) in proven.items():
            names = [name for name, value in sections.items()
                     if state["sessions"].get(day, {}).get(name) != value
                     or full.get(day, {}).get(name) != value]
            if day in state["sessions"] and names:
                state["sessions"][day].update({name: sections[name] for name in names})
                restored.append((line, day, names))
        for words in check.said:
            self._tell(words)
        prefix = Prefix(data[:end])
        cover(state, prefix, now_prints)
        n = len(state["sessions"])
        said = (f"{journal} (client {client!r}) was changed outside the kit (line "
                f"endings converted, a line edited or removed, or the file replaced), so "
                f"{STATE_FILE} no longer matched it. The answers were rebuilt from it and "
                f"every readable line of {JOURNAL_FILE} ({n} session{'' if n == 1 else 's'})")
        if lacking:
            when = local_time(state.get("updated"))
            since = f" up to {when:%Y-%m-%d %H:%M}" if when else ""
            said += (f"; it does not hold {lacking} of the lines {STATE_FILE} covered (saves "
                     f"made in this folder{since}: another copy of the file was put over "
                     "this one, or lines were edited or removed), so what they saved was "
                     f"kept from {STATE_FILE}")
            if body is None and len(raw) > EAGER_SIZE \
                    and not os.path.lexists(side.path_of(path)):  # (round 13a R2)
                last = local_time(held.get("updated"))
                said += (f"; but {side.path_of(path).name}, which keeps the saves made since "
                         f"{STATE_FILE} was last rewritten (a large one is rewritten only now "
                         "and then), is missing, so saves made after "
                         + (f"{last:%Y-%m-%d %H:%M}" if last else f"{STATE_FILE}'s last")
                         + " may be missing (re-enter them if they matter)")
        if both:
            said += "; " + "; ".join(
                f"session {day} ({', '.join(names)}) was changed both here and in the lines "
                f"{JOURNAL_FILE} has now: the record's later line was applied, and the value "
                f"{STATE_FILE} held was set aside with it" for day, names in both.items())
        if kept:
            said += "; " + "; ".join(
                f"{where} of the journal, saved before {STATE_FILE}'s last save, was not "
                f"applied over what {STATE_FILE} holds for session {day} ({', '.join(names)})"
                for where, day, names in kept)
        if restored:
            said += "; " + "; ".join(
                f"line {line} of the journal cannot be read, so what {STATE_FILE} holds for "
                f"session {day} ({', '.join(names)}), saved after the journal's readable "
                "lines of it, was kept over them" for line, day, names in restored)
        if again:
            said += "; " + "; ".join(
                f"session {day} was removed (workbook remove-session): the journal's lines of "
                "it saved before the removal were left out again" + (
                    f", and the {n} later save{'' if n == 1 else 's'} on that date read as a "
                    "new session" if n else "") for day, n in again.items())
        if renamed:
            said += "; " + "; ".join(
                f"session {day} is no longer in {JOURNAL_FILE}: the same answers are there "
                f"under {to}" + (", joined with the session already on that date (the later "
                                 "line's answers kept where both have some)"
                                 if to in snapshot else "")
                + " (its date was corrected in the record?), so it was not written back"
                for day, to in renamed.items())
        if earlier and state["sessions"] == _as_it_was(parse_json(raw), data, journal, client):
            logger.info("%s, of an earlier version, agrees with %s", path, JOURNAL_FILE)
            said = None
        if not self._writable(folder):  # rebuilt for this reading only
            if said:
                self._tell(f"{said}; the folder cannot be written, so no file was changed.")
            return _Read(state, disk.signature(journal), prefix=prefix)
        if said:
            aside = disk.set_aside(path, f"{JOURNAL_FILE} does not start with what it holds",
                                   label="unmatched")
            said = f"{said}; the earlier {STATE_FILE} was kept as {aside.name}."
            marks = {day: stands_for(data[:end], line) for line, day, _ in restored}
            days = _append_sessions(journal, client, state["sessions"], data, marks,
                                    anew=again, at=_back_at(held, data[:end]),
                                    removed=state.get(REMOVED),
                                    restates=_restated(kept_prints, now_prints)) \
                if len(data) == end else []
            if days:  # the record holds them again: losing the snapshot loses nothing
                written = self._journal_bytes(folder)
                prefix, now_prints = Prefix(written), line_prints(written)
                cover(state, prefix, now_prints)
                said += (f" The session{'' if len(days) == 1 else 's'} only {STATE_FILE} "
                         f"held ({', '.join(days)}) {'was' if len(days) == 1 else 'were'} "
                         "written back to the record.")
                if any(day not in again for day in days):  # (a removal is no line deleted)
                    said += (" A session deleted from the record by hand comes back this "
                             "way; to remove one for good, run `workbook remove-session "
                             f"--client {_quoted(client)} --session DATE` (with "
                             "--workspace).")
            self._tell(said)
        text = sealed(state)
        disk.write_file(path, text)
        side.drop(path)  # (the file covers the whole journal now)
        return _Read(state, disk.signature(journal), covered=prefix.size,
                     snapshot_sig=disk.signature(path), snapshot_size=len(text), prefix=prefix,
                     prints=list(now_prints))

    def _writable(self, folder: Path) -> bool:
        """Whether a damaged or unmatched file in ``folder`` may be repaired on disk.

        Always, unless the store was opened to read only and the folder cannot be written
        (a read-only workspace): then the state is rebuilt for the reading alone.
        """
        return not self.read_only or os.access(folder, os.W_OK | os.X_OK)

    def _tell(self, detail: str) -> None:
        """Tell the coach what was repaired: :attr:`notice`, the log and a StoreWarning."""
        self.notice = detail
        self.notices.append(detail)
        logger.debug(detail)  # said once, by the warning (a command shows it as one line)
        warnings.warn(detail, StoreWarning, stacklevel=5)

    def _recover(self, folder: Path, client: str, exc: Exception) -> _Read:
        """Rebuild a state from the journal, set the damaged file aside, write the new one."""
        path = folder / STATE_FILE
        journal_sig = disk.signature(folder / JOURNAL_FILE)
        raw = self._journal_bytes(folder)
        alone = _since_alone(folder, raw)  # its side file's saves (round 11a M2)
        if alone is not None:
            raw = self._write_since_alone(folder, client, raw, alone, "could not be read")
            journal_sig = disk.signature(folder / JOURNAL_FILE)
        raw = raw[:whole_lines(raw)]  # a line being written, or cut by a crash, is not read
        check = LineCheck(folder / JOURNAL_FILE, client, raw, unheld=True)
        state = replay(raw, folder / JOURNAL_FILE, client, check)
        for words in check.said:
            self._tell(words)
        prefix = Prefix(raw)
        cover(state, prefix, line_prints(raw))
        n = len(state["sessions"])
        rebuilt = f"{n} session{' was' if n == 1 else 's were'} rebuilt from {JOURNAL_FILE}"
        if not self._writable(folder):  # rebuilt for this reading only
            self._tell(f"{path} (client {client!r}) could not be read ({exc}); {rebuilt} "
                       f"(the folder cannot be written, so no file was changed)")
            return _Read(state, journal_sig, prefix=prefix, prints=state[COVERED_LINES])
        aside = disk.set_aside(path, exc)
        self._tell(f"{path} (client {client!r}) could not be read ({exc}); it was moved "
                   f"to {aside.name} and {rebuilt}")
        text = sealed(state)
        disk.write_file(path, text)
        return _Read(state, journal_sig, covered=prefix.size, snapshot_sig=disk.signature(path),
                     snapshot_size=len(text), prefix=prefix, prints=state[COVERED_LINES])


@dataclasses.dataclass
class _Read:
    """A client's state as read (or last written), and what is known of the files behind it.

    ``covered`` is how many bytes of the journal the state file holds, None when it must be
    rewritten on the next save (missing, or written by an earlier version); ``prefix`` is
    the running hash of the journal's whole lines read into ``state``; ``prints`` the
    fingerprints of those lines (:func:`~workbook.session.store.records.line_print`), kept as the
    journal grows so a save never reads the whole journal again; ``parts`` holds sessions
    already encoded as JSON.
    """

    state: dict
    journal_sig: tuple | None
    covered: int | None = None
    snapshot_sig: tuple | None = None
    snapshot_size: int = 0
    parts: dict = dataclasses.field(default_factory=dict)
    prefix: Prefix = dataclasses.field(default_factory=Prefix)
    prints: list | None = None  # the fingerprints of the prefix's lines (None: not known)
    since_at: int | None = None  # the side file's size, when it holds the lines after it


def _holds_a_record(folder) -> bool:
    """Whether a folder holds a client's files (``client.json``, a journal or a snapshot)."""
    return any(os.path.lexists(os.path.join(folder, name))
               for name in (ID_FILE, JOURNAL_FILE, STATE_FILE))


def _cut_stamp(cut: bytes, data: bytes) -> dict:
    """``{session: save time}`` of a cut-off last line whose start shows both, or ``{}``.

    Only a time no earlier than the record's last whole line's (the cut line came after
    it), so the line written back for it is no step back in time.
    """
    at = re.match(rb'\{\s*"at"\s*:\s*"([^"\\]{1,64})"', cut or b"")
    day = re.search(rb'"session"\s*:\s*"([0-9-]{10})"', cut or b"")
    if not (at and day):
        return {}
    stamp = at[1].decode("ascii", "replace")
    when, last = local_time(stamp), _last_at(data)
    if when is None or (last is not None and when < last[0]):
        return {}
    return {day[1].decode("ascii"): stamp}


def _back_at(state: dict, data: bytes) -> str | None:
    """The save time of a line a repair writes back from a snapshot, or None (the time now).

    The snapshot's last save (``updated``): what it holds was saved no later than that, so
    after a sync the line does not outrank a later change or removal made on another laptop
    (round 14a V1, V2). Never before the record's last line (``data``: the line would step
    back in time) nor after now.
    """
    when = local_time(state.get("updated"))
    if when is None or when > dt.datetime.now():
        return None
    last = _last_at(data)
    if last is not None and when < last[0]:
        when = last[0]
    return when.astimezone().isoformat(timespec="microseconds")


def _restated(kept, now_prints) -> list:
    """The prints of the lines a snapshot covered (``kept``) the record no longer holds.

    A line written back for them names them (``records.RESTATES``): it gives way when the
    record holds them all again (the other laptop's copy, joined by a sync: round 14a V2).
    """
    if not isinstance(kept, list):
        return []
    from collections import Counter

    return sorted((Counter(kept) - Counter(now_prints)).elements())


def _append_sessions(journal: Path, client: str, sessions: dict, data: bytes,
                     marks=None, anew=(), stamps=None, at=None, removed=None,
                     restates=()) -> list:
    """Write back into the journal the sessions it does not give as ``sessions`` holds them.

    ``data`` is the journal (whole lines); each such session is appended as one whole line
    (under the folder's lock). ``marks`` maps a session to the damaged line it is written
    back for (:func:`~workbook.session.store.records.stands_for`): its line says so, and gives way
    once that line is corrected (attacks4 B18). A session of ``anew`` (removed for good,
    then saved again) is removed again first, so its earlier lines stay left out. A session
    of ``stamps`` keeps the save time given (its original line's), others ``at`` (the
    snapshot's last save: :func:`_back_at`), or the time now; a removal written back keeps
    its time as ``removed`` (the snapshot's) holds it. Each line names the lines it restates
    (``restates``, their prints: ``records.RESTATES``). Returns their dates.
    """
    mark_restated = {RESTATES: list(restates)} if restates else {}
    with quiet():
        held = replay(data, journal, client)["sessions"]
    days = [day for day in sorted(sessions) if sessions[day] != held.get(day)]
    for day in days:
        if day in anew and day in held:  # a removed session's lines: removed again first
            disk.append_line(journal, dump({"at": _now(), "session": day,
                                            "client_id": client, "answers": {},
                                            REMOVED: True}))
        mark = (marks or {}).get(day)
        when = ((stamps or {}).get(day) or at) if day not in anew else None
        disk.append_line(journal, dump({"at": when or _now(), "session": day,
                                        "client_id": client, "answers": sessions[day],
                                        **({STANDS_FOR: mark} if mark else {}),
                                        # (the cut line's own save, as it was: a repeat)
                                        **({} if day in (stamps or {}) else mark_restated)}))
    for day in sorted(set(held) - set(sessions)):  # removed: the removal written back
        stamp = removed.get(day) if isinstance(removed, dict) else None
        disk.append_line(journal, dump({"at": stamp if isinstance(stamp, str) and local_time(
            stamp) is not None else at or _now(), "session": day, "client_id": client,
                                        "answers": {}, REMOVED: True, **mark_restated}))
        days.append(f"{day} (its removal)")
    return days


def _fold(state: dict, body: bytes, journal: Path, client: str) -> None:
    """Apply to a snapshot the lines its side file keeps, and count them as covered."""
    with quiet():
        replay_onto(state, body, journal, client)
    if isinstance(state.get(COVERED_LINES), list):
        state[COVERED_LINES] = state[COVERED_LINES] + line_prints(body)
    if isinstance(state.get(JOURNAL_LINES), int):
        state[JOURNAL_LINES] += body.count(b"\n")
    stamps = [entry.get("at") for _, entry in journal_entries(body, journal)]
    if stamps and isinstance(stamps[-1], str) and local_time(stamps[-1]) is not None:
        state["updated"] = local_time(stamps[-1]).isoformat()


def _since_alone(folder: Path, data: bytes):
    """``(covered, digest, body, lacking)`` when the side file keeps lines ``data`` lacks.

    For a snapshot that is missing or cannot be read (round 11a M2); None otherwise.
    """
    found = side.orphan(folder / STATE_FILE)
    if found is None:  # a side file that names no snapshot: emptied, or cut (round 13a R4)
        body = side.unheaded(folder / STATE_FILE)
        return None if body is None else (None, None, body, b"")
    lacking = side.unheld_lines(found[2], data[:whole_lines(data)])
    covered, digest, body = found
    end = whole_lines(data)
    if lacking or (covered and proven_prefix(data, covered, digest) is None):
        return (*found, lacking)
    tail = data[covered:end]
    if body.problem and not (body.cut and len(tail) > len(body) and tail.startswith(body)):
        return (*found, lacking)  # (a cut line the journal holds after the rest: quiet)
    return None


def _last_at(lines: bytes, first: bool = False):
    """``(save time, session)`` of the last (``first``: the first) line of ``lines`` with both."""
    order = lines.splitlines()
    for line in (order if first else reversed(order)):
        try:
            entry = parse_json(line)
        except ValueError:
            continue
        when = local_time(entry.get("at")) if isinstance(entry, dict) else None
        if when is not None and isinstance(entry.get("session"), str):
            return when, entry["session"][:40]
    return None


def _line_days(lines: bytes) -> list:
    """Each line's session date (``(its removal)`` added for a removal)."""
    days = []
    for line in lines.splitlines():
        try:
            entry = parse_json(line)
        except ValueError:
            entry = None
        day = entry.get("session") if isinstance(entry, dict) else None
        days.append(str(day)[:40] + (" (its removal)" if isinstance(entry, dict)
                                     and entry.get(REMOVED) is True else ""))
    return days


def _append_lines(journal: Path, lines: bytes) -> list:
    """Append ``lines`` (whole lines, kept by the side file) to the journal as they are.

    Returns each line's session date (``(its removal)`` added for a removal).
    """
    side.write_back(journal, lines)
    return _line_days(lines)


def _not_read_again(sessions: dict, data: bytes, read_lines: bytes, journal: Path,
                    client: str) -> list:
    """The journal's lines a rebuild did not read again that would have undone a section.

    ``read_lines`` is ``data`` with the lines the snapshot covered blanked (up to the first
    it did not cover). A blanked line that is the journal's last word on a section whose
    rebuilt value differs from what it saved: ``(where, session, [section, ...])`` each.
    """
    blank = {n for n, (line, read) in enumerate(zip(data.splitlines(),
                                                    read_lines.splitlines()), start=1)
             if line.strip() and not read.strip()}
    if not blank:
        return []
    last = {}
    with quiet():
        for where, entry in journal_entries(data, journal):
            if entry.get(REMOVED) is True or not same_client(entry.get("client_id", client),
                                                             client):
                continue
            number = int(where.split()[-1]) if where.split()[-1].isdigit() else None
            for name, value in entry["answers"].items():
                last[(entry["session"], name)] = (number, where, value)
    found = {}
    for (day, name), (number, where, value) in last.items():
        if number in blank and day in sessions and sessions[day].get(name) != value:
            found.setdefault((number, where, day), []).append(name)
    return [(where, day, names) for (_, where, day), names in sorted(found.items())]


def _lacking(kept, now_prints) -> int:
    """How many lines a state file covered the journal no longer holds.

    ``kept``: the covered lines' prints as the state file keeps them (a repeated line's
    print repeated, so each copy counts).
    """
    if kept is None:
        return 0
    from collections import Counter

    return sum((Counter(kept) - Counter(now_prints)).values())


def _changed_by_both(snapshot: dict, sessions: dict, data: bytes, prints, journal: Path,
                     client: str) -> dict:
    """Sections a rebuild took from the journal's new lines over a change only the snapshot held.

    The common start is what the journal's lines the snapshot covered give; a section the
    snapshot holds otherwise (changed here) that the rebuilt ``sessions`` hold otherwise
    again (changed in the lines the snapshot did not cover: the other copy) was changed on
    both: ``{session: [section, ...]}``. ``prints``: the set of the covered lines' prints
    (:func:`~workbook.session.store.records.covered_prints`).
    """
    if prints is None:
        return {}
    shared = b"".join(line for line in data.splitlines(keepends=True)
                      if line.strip() and line_print(line.rstrip(b"\r\n")) in prints)
    with quiet():
        base = replay(shared, journal, client)["sessions"]
    both = {}
    for day, held in snapshot.items():
        now = sessions.get(day)
        if not isinstance(now, dict):
            continue
        for name, value in held.items():
            start = (base.get(day) or {}).get(name)
            if value != start and name in now and now[name] != value and now[name] != start:
                both.setdefault(day, []).append(name)
    return both


def _over_damaged(state: dict, data: bytes) -> dict:
    """What a snapshot proves over a journal line that a damaged line may have replaced.

    A damaged line within what the snapshot covered may be a later save of a section an
    earlier readable line also saved (attacks4 B3): the snapshot holds that later save.
    ``{session: (the last damaged line's number, {section: the snapshot's value})}`` for
    each section whose last readable line comes before the last damaged line.
    """
    covered = state.get(JOURNAL_LINES)
    lines = data.splitlines()
    if isinstance(covered, bool) or not isinstance(covered, int):
        covered = len(lines)
    damaged, last = None, {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except ValueError:
            if number <= covered:  # a line after what the snapshot covers, it cannot prove
                damaged = number
            continue
        if isinstance(value, dict) and isinstance(value.get("answers"), dict) \
                and isinstance(value.get("session"), str):
            for name in value["answers"]:
                last[(value["session"], name)] = number
    proven = {}
    if damaged is None:
        return proven
    for (day, name), number in last.items():
        held = state["sessions"].get(day)
        if number < damaged and isinstance(held, dict) and name in held:
            proven.setdefault(day, (damaged, {}))[1][name] = deepcopy(held[name])
    return proven


def _removed_again(snapshot: dict, state: dict, data: bytes, journal: Path,
                   client: str) -> dict:
    """Sessions removed for good that another copy of the journal brought back (B6, C23).

    A session the snapshot kept as removed (``removed``: the removal's moment): its lines
    no later than the removal are the removed session and stay left out; what the snapshot
    holds of that date (saved after the removal) and lines saved after it (the other laptop
    saved on that date again) make the session of that date, as they would have here. Where
    that differs from the rebuilt ``state``, ``state`` is set so; returns ``{day: how many
    later saves were read}`` for those.
    """
    removed = snapshot.get(REMOVED) if isinstance(snapshot, dict) else None
    if not isinstance(removed, dict):
        return {}
    entries = []
    with quiet():
        entries = [entry for _, entry in journal_entries(data, journal)]
    again = {}
    for day, stamp in removed.items():
        when = local_time(stamp)
        if when is None:
            continue
        if day not in state["sessions"]:  # left out already (the lines the snapshot covered)
            if any(entry.get("session") == day and entry.get(REMOVED) is not True
                   and (local_time(entry.get("at")) or when) <= when for entry in entries):
                again[day] = 0
            continue
        later = [entry for entry in entries if entry.get("session") == day
                 and entry.get(REMOVED) is not True and same_client(
                     entry.get("client_id", client), client)
                 and (local_time(entry.get("at")) or when) > when]
        # what the snapshot holds of it was saved after the removal (the removal is kept)
        session = deepcopy(snapshot.get("sessions", {}).get(day) or {})
        for entry in later:
            session.update(entry["answers"])
        if session == state["sessions"][day] and not any(
                entry.get("session") == day and entry.get(REMOVED) is not True
                and (local_time(entry.get("at")) or when) <= when for entry in entries):
            continue  # the journal holds no line of the removed session
        if session:
            state["sessions"][day] = session
        else:
            del state["sessions"][day]
        state.setdefault(REMOVED, {})[day] = stamp
        again[day] = len(later)
    return again


def _renamed(sessions: dict, data: bytes, journal: Path, client: str, prints=None) -> dict:
    """Sessions of a snapshot whose date the journal now gives as another (attacks4 B6).

    A session only ``sessions`` holds whose answers are those of a session only the journal
    holds was moved to that date by an edit of its line: ``{old date: new date}``. Moved
    onto a date the client already has (round 9a H7), the session's answers are those of
    lines the snapshot did not cover (``prints``: the edited lines) dated that day.
    """
    with quiet():
        held = replay(data, journal, client)["sessions"]
    only_held = [day for day in held if day not in sessions]
    moved = {}
    for day, answers in sessions.items():
        if day not in held:
            same = [to for to in only_held if held[to] == answers and to not in moved.values()]
            if same:
                moved[day] = same[0]
    missing = [day for day in sessions if day not in held and day not in moved]
    if not missing or prints is None:
        return moved
    edited = []  # (session date, answers) of the lines the snapshot did not cover
    for line in data.splitlines():
        if not line.strip() or line_print(line.rstrip(b"\r")) in prints:
            continue
        try:
            value = parse_json(line)
        except ValueError:
            continue
        if isinstance(value, dict) and isinstance(value.get("session"), str) \
                and isinstance(value.get("answers"), dict) and value["answers"] \
                and not value.get("removed"):
            edited.append((value["session"], value["answers"]))
    for day in missing:
        answers = sessions[day]
        for to in sorted({on for on, _ in edited if on in held and on != day}):
            found = set()
            for on, sections in edited:
                if on == to and all(answers.get(name) == section
                                    for name, section in sections.items()):
                    found |= set(sections)
            if answers and found == set(answers):
                moved[day] = to
                break
    return moved


def _as_it_was(state: dict, data: bytes, journal: Path, client: str) -> dict:
    """The sessions a state file without a hash gave: its own, and the journal after them."""
    covered, end = state[JOURNAL_BYTES], whole_lines(data)
    if covered <= end and (not covered or data[covered - 1] == ord("\n")):
        with quiet():
            replay_onto(state, data[covered:end], journal, client)
    return state["sessions"]


def _quoted(client: str) -> str:
    """A client's id as typed on a command line (quoted when it holds more than letters)."""
    import shlex

    from workbook.core.text import printable

    return shlex.quote(printable(client))


def _now() -> str:
    """When a save is made, as its journal line says it (:func:`records.now_stamp`)."""
    return now_stamp()


def _merge(sessions: dict, day: str, answers: dict, base: dict) -> dict:
    """``answers`` merged field by field over the sections on disk (see :meth:`ClientStore.save`).

    Returns the merged sections, and each merged section as it was on disk (:data:`WAS`).

    A section's value on disk is the session's own; when the session lacks it, that of the
    latest session on or before its date that has it (the session rule: never a later one).
    """
    merged, was = {}, {}
    for name, section in answers.items():
        if name not in base:
            merged[name] = section
            continue
        theirs = on_disk(sessions, day, name)
        merged[name] = merge_section(base[name], section, theirs)
        was[name] = theirs
    return merged, was


def _refuse_mixed(sessions: dict, day: str, merged: dict) -> None:
    """Refuse a merge that mixes two versions of the statements in one section (attacks4 B2).

    A page's answers merged over a section answered on an earlier version (carried from an
    earlier session: hope_2 of 2.0) would hold a statement and the one that replaced it
    (hope_6 of 2.1), which no version asked together: every output would call the section
    "too few answers". When the section on disk does not mix already, the merge is refused
    (the kit's own instrument says which statements replaced which); nothing is saved.
    """
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import infer_version, retired

    kit = load_instrument()
    gone = retired(kit)
    for name, section in merged.items():
        items = section.get("items") if isinstance(section, dict) else None
        ids = list(items) if isinstance(items, dict) else []
        if not any(i in gone for i in ids) or infer_version(kit, ids) is not None:
            continue
        own = name in (sessions.get(day) or {})
        theirs = ((sessions.get(day) or {}).get(name) if own else next(
            (sessions[d][name] for d in sorted(sessions, reverse=True)
             if d <= day and name in sessions[d]), None)) or {}
        if isinstance(theirs.get("items"), dict) and infer_version(
                kit, list(theirs["items"])) is None:
            # mixed on disk already (an earlier kit's merge, a hand edit): taken as it is,
            # unless the merge puts a statement beside the one that replaced it that the
            # section did not hold together (round 13a R22)
            if _replaced_pairs(gone, ids) - _replaced_pairs(gone, list(theirs["items"])):
                raise StoreError(_two_versions_words(kit, name, ids, "this merge") + (
                    " Save the section whole (without base), with one version's statements "
                    "only; nothing was saved"))
            continue
        carried = "this session" if own else next(
            (f"session {d}" for d in sorted(sessions, reverse=True)
             if d <= day and name in sessions[d]), "an earlier session")
        older = sorted(i for i in ids if i in gone)
        newer = sorted({gone[i].id for i in older} & set(ids))
        later = gone[older[0]].since
        earlier = infer_version(kit, older) or "an earlier version"
        held = set(theirs.get("items") or {}) if isinstance(theirs.get("items"), dict) \
            else set()
        # which side is which (round 8a F13): the earlier version's statements may be the
        # ones on disk or the ones merged in
        if any(i in held for i in older) or not any(i in held for i in newer):
            disk = (earlier, [i for i in older if i in held] or older)
            given = (later, [i for i in newer if i not in held] or newer)
        else:
            disk = (later, [i for i in newer if i in held])
            given = (earlier, [i for i in older if i not in held] or older)
        raise StoreError(
            f"{name}: the answers on disk for it ({carried}) were given on version {disk[0]} "
            f"({', '.join(disk[1])}); merging {', '.join(given[1])} of version {given[0]} "
            "into them would mix two versions of the statements in one session. Save the "
            f"section whole (without base), with only version {given[0]}'s statements; "
            "nothing was saved")


def _replaced_pairs(gone: dict, ids) -> set:
    """``(statement, a statement that replaced it)`` pairs both in ``ids`` (chains followed)."""
    ids, pairs = set(ids), set()
    for old in ids & set(gone):
        later, seen = gone[old], set()
        while later is not None and later.id not in seen:
            seen.add(later.id)
            if later.id in ids:
                pairs.add((old, later.id))
            later = gone.get(later.id)
    return pairs


def _two_versions_words(kit, name: str, ids, what: str) -> str:
    """``ids`` of section ``name`` answer two versions (none asked them together), in words."""
    from workbook.core.versions import infer_version, retired, statement

    gone = retired(kit)
    older = sorted(i for i in ids if i in gone)
    earlier = infer_version(kit, older) or "an earlier version"
    newer = sorted(i for i in ids if i not in gone and (
        earlier == "an earlier version" or statement(kit, i, earlier) is None))
    later = (infer_version(kit, newer) if newer else None) or "a later version"
    pairs = sorted(_replaced_pairs(gone, ids), key=lambda pair: (pair[1], pair[0]))
    replaced = "; ".join(f"{new} replaced {old}" for old, new in pairs)
    return (f"{name}: {what} answers {', '.join(older)} of version {earlier} beside "
            f"{', '.join(newer) or 'statements'} of version {later}"
            + (f" ({replaced})" if replaced else "")
            + ", which no version asked together: validate, score and cohort would call the "
            "session a problem.")


def _refuse_two_versions(answers: dict) -> None:
    """Refuse a section given whole answering two versions of its statements (round 13a R22).

    hope_4 (version 2.0) beside hope_8 (2.1, which replaced it), or beside any statement
    2.0 did not ask: no version asked them together, so the kit's own ``validate`` calls the
    session's exported row a problem. The kit's instrument says which statements replaced
    which; ids it does not know are not judged. Nothing is saved. A record already holding
    such a section is read as it is (``export-clients`` names it).
    """
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import infer_version, retired

    kit = load_instrument()
    gone = retired(kit)
    for name, section in answers.items():
        items = section.get("items") if isinstance(section, dict) else None
        ids = list(items) if isinstance(items, dict) else []
        if any(i in gone for i in ids) and infer_version(kit, ids) is None:
            raise StoreError(_two_versions_words(kit, name, ids, "this save") + (
                " Save the section with one version's statements only; nothing was saved"))


__all__ = ["ClientStore", "resolve_workspace", "empty_state"]
