"""Where a client's answers live between sessions: one folder per client in a workspace.

A client's folder holds ``answers.json``, the current state, rewritten atomically (temporary
file + rename) on every save, and ``journal.jsonl``, an append-only log with one JSON line per
save. Answers are kept per session date, so a later session never overwrites an earlier one.

A save replaces only the sections it names (one section per ingredient notebook): it takes
a file lock, re-reads the state, merges its own sections and writes the result. Two notebooks
of the same client open at once therefore lose nothing.

A state file that cannot be parsed is moved aside (``answers.json.corrupt-<timestamp>``),
never overwritten; the state is rebuilt from the journal and a :class:`StoreWarning` says so.

The stored answers of one session are a dict of sections, one per ingredient::

    {"hope": {"items": {"hope_1": 4, ...}, "reflections": ["..."], "tool": {"kind_person": "..."}}}

Examples
--------
>>> import tempfile
>>> from workbook.store import ClientStore
>>> store = ClientStore(tempfile.mkdtemp())
>>> _ = store.save("Zoë / 7", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-26")
>>> store.clients()
['Zoe_7']
>>> store.load("Zoë / 7")["hope"]["items"]
{'hope_1': 4}
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .exceptions import StoreError, WorkbookError
from .files import atomic_write, safe_name
from .instrument import resolve
from .log import logger

try:  # file locks where the platform has them (not on Windows)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

#: Environment variable naming the workspace folder.
HOME_VARIABLE = "WORKBOOK_HOME"
#: Workspace used when neither a folder nor ``WORKBOOK_HOME`` is given.
DEFAULT_HOME = Path("~") / "readiness-workbook"

#: The client a notebook opens when it is given none and none was chosen on the start page.
EXAMPLE_CLIENT = "example-client"

STATE_FILE = "answers.json"
CURRENT_FILE = ".current-client"
JOURNAL_FILE = "journal.jsonl"
LOCK_FILE = ".lock"
FORMAT = 1

#: Keys of one section of stored answers.
ITEMS, REFLECTIONS, TOOL = "items", "reflections", "tool"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StoreWarning(UserWarning):
    """A saved file was damaged; it was set aside and the answers were rebuilt."""


def resolve_workspace(workspace=None) -> Path:
    """Return the workspace: ``workspace``, else ``$WORKBOOK_HOME``, else ``~/readiness-workbook``.

    Examples
    --------
    >>> resolve_workspace("/tmp/ws")
    PosixPath('/tmp/ws')
    """
    chosen = workspace or os.environ.get(HOME_VARIABLE) or DEFAULT_HOME
    return Path(chosen).expanduser()


def today() -> str:
    """Today's date as a session key (``YYYY-MM-DD``)."""
    return dt.date.today().isoformat()


def _session_key(session) -> str:
    if session is None:
        return today()
    if isinstance(session, dt.date):
        return session.isoformat()
    text = str(session).strip()
    try:
        if _DATE.match(text):
            dt.date.fromisoformat(text)
            return text
    except ValueError:
        pass
    raise StoreError(
        f"a session is named by its date, as YYYY-MM-DD (such as 2026-11-26), not {session!r}"
    )


class ClientStore:
    """Clients' answers in a workspace folder, one sub-folder per client.

    Parameters
    ----------
    root : str or Path, optional
        The workspace. Defaults to ``$WORKBOOK_HOME``, then ``~/readiness-workbook``. It is
        created when missing.

    Raises
    ------
    StoreError
        If the workspace cannot be created or is not writable.
    """

    def __init__(self, root=None):
        self.root = resolve_workspace(root)
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"the workspace {self.root} is a file, not a folder; choose a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
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

    def __repr__(self) -> str:
        return f"ClientStore({str(self.root)!r})"

    # -- paths ---------------------------------------------------------------------------
    @staticmethod
    def key(client_id) -> str:
        """Return the client's folder name: ``client_id`` made safe (no slashes, dots, spaces)."""
        if client_id is None or not str(client_id).strip():
            raise StoreError("a client needs a name or code; it cannot be empty")
        return safe_name(str(client_id).strip())

    def folder(self, client_id) -> Path:
        """Return the client's folder (without creating it)."""
        return self.root / self.key(client_id)

    def clients(self) -> list:
        """Keys of every client that has a folder in the workspace, sorted."""
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")
        )

    def create(self, client_id) -> str:
        """Make the client's folder if needed; returns the client's key."""
        folder = self.folder(client_id)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {folder}: {exc.strerror or exc}") from None
        return folder.name

    def current(self):
        """Return the key of the client last opened on the start page, or None."""
        try:
            key = (self.root / CURRENT_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return key if key and key == safe_name(key) and (self.root / key).is_dir() else None

    def set_current(self, client_id) -> str:
        """Create the client if needed and remember it as the one being worked with."""
        key = self.create(client_id)
        try:
            atomic_write(self.root / CURRENT_FILE, key + "\n")
        except WorkbookError as exc:
            raise StoreError(str(exc)) from None
        return key

    def resolve_client(self, client_id=None) -> str:
        """Return the key for ``client_id``; when None, the current client or the example one."""
        if client_id is None or not str(client_id).strip():
            return self.current() or EXAMPLE_CLIENT
        return self.key(client_id)

    # -- reading -------------------------------------------------------------------------
    def history(self, client_id) -> dict:
        """Every session of a client: ``{date: answers saved that day}``, oldest first."""
        sessions = self._read(self.folder(client_id))["sessions"]
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
            return history.get(_session_key(session), {})
        latest = {}
        for answers in history.values():
            latest.update(answers)
        return latest

    # -- writing -------------------------------------------------------------------------
    def save(self, client_id, answers: dict, *, session=None) -> dict:
        """Merge ``answers`` (a dict of sections) into a session and write it atomically.

        Only the sections named in ``answers`` are replaced; the others, saved by other
        notebooks, are re-read under a file lock and kept.

        Parameters
        ----------
        client_id : str
        answers : dict
            Section name (an ingredient id) -> that section's answers (JSON-serialisable).
        session : str or date, optional
            The session date; today by default.

        Returns
        -------
        dict
            The session's answers after the merge.
        """
        if not isinstance(answers, dict) or not all(isinstance(k, str) for k in answers):
            raise StoreError("answers must be a dict of sections keyed by name")
        day = _session_key(session)
        folder = self.folder(client_id)
        self.create(client_id)
        try:
            line = json.dumps(
                {"at": dt.datetime.now().isoformat(timespec="seconds"), "session": day,
                 "client_id": str(client_id), "answers": answers},
                ensure_ascii=False, allow_nan=False,
            )
        except (TypeError, ValueError) as exc:
            raise StoreError(f"answers cannot be saved as they are: {exc}") from None
        with self._locked(folder):
            state = self._read(folder)
            state.setdefault("client_id", str(client_id))
            merged = state["sessions"].setdefault(day, {})
            merged.update(json.loads(line)["answers"])
            state["updated"] = dt.datetime.now().isoformat(timespec="seconds")
            self._append(folder / JOURNAL_FILE, line)
            try:
                atomic_write(folder / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1))
            except WorkbookError as exc:
                raise StoreError(str(exc)) from None
        logger.info("saved %s for %s, session %s", ", ".join(answers), folder.name, day)
        return merged

    @contextlib.contextmanager
    def _locked(self, folder: Path):
        if fcntl is None:  # pragma: no cover
            yield
            return
        try:
            fh = open(folder / LOCK_FILE, "a")
        except OSError as exc:
            raise StoreError(f"cannot write in {folder}: {exc.strerror or exc}") from None
        with fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @staticmethod
    def _append(path: Path, line: str) -> None:
        """Append one line to the journal, mending a line cut short by a crash first."""
        try:
            with open(path, "a+b") as fh:
                if fh.tell() > 0:
                    fh.seek(-1, os.SEEK_END)
                    if fh.read(1) != b"\n":
                        fh.write(b"\n")
                fh.write(line.encode("utf-8") + b"\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise StoreError(f"cannot write the session log {path}: {exc.strerror or exc}") \
                from None

    def _read(self, folder: Path) -> dict:
        """Read a client folder's state; a damaged state file is set aside and rebuilt."""
        path = folder / STATE_FILE
        empty = {"format": FORMAT, "sessions": {}}
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return _replay(folder / JOURNAL_FILE) if (folder / JOURNAL_FILE).exists() else empty
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            state = json.loads(raw.decode("utf-8"))
            if not isinstance(state, dict) or not isinstance(state.get("sessions"), dict):
                raise ValueError("it does not hold sessions")
            return state
        except (UnicodeDecodeError, ValueError) as exc:
            return self._recover(folder, path, exc)

    def _recover(self, folder: Path, path: Path, exc: Exception) -> dict:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
        except OSError as err:
            raise StoreError(
                f"{path} is damaged ({exc}) and could not be moved aside: {err.strerror or err}"
            ) from None
        state = _replay(folder / JOURNAL_FILE)
        detail = (f"{path} could not be read ({exc}); it was moved to {aside.name} and "
                  f"{len(state['sessions'])} session(s) were rebuilt from {JOURNAL_FILE}")
        logger.warning(detail)
        warnings.warn(detail, StoreWarning, stacklevel=3)
        try:
            atomic_write(path, json.dumps(state, ensure_ascii=False, indent=1))
        except WorkbookError as err:
            raise StoreError(str(err)) from None
        return state


def _replay(journal: Path) -> dict:
    """Rebuild a state from the journal, skipping lines that a crash cut short."""
    state = {"format": FORMAT, "sessions": {}}
    try:
        lines = journal.read_bytes().splitlines()
    except FileNotFoundError:
        return state
    except OSError as exc:
        raise StoreError(f"cannot read the session log {journal}: {exc.strerror or exc}") from None
    for number, raw in enumerate(lines, start=1):
        try:
            entry = json.loads(raw.decode("utf-8"))
            day, answers = _session_key(entry["session"]), dict(entry["answers"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, StoreError):
            logger.warning("skipped damaged line %d of %s", number, journal)
            continue
        state.setdefault("client_id", entry.get("client_id"))
        state["sessions"].setdefault(day, {}).update(answers)
    return state


# -- the canonical table -----------------------------------------------------------------
def answers_row(answers: dict, instrument=None) -> dict:
    """One session's answers as a row of the canonical response table (items and extras).

    Item answers come from each section's ``items``; a tool field whose id is a canonical
    column (``hours_per_week``, ``motivators``, ``north_star``, ``notes``) fills that column.
    Reflections are private and never exported.

    Examples
    --------
    >>> row = answers_row({"time": {"items": {"time_1": 4}, "tool": {"hours_per_week": 2.5}}})
    >>> row["time_1"], row["hours_per_week"], row["hope_1"]
    (4, 2.5, None)
    """
    inst = resolve(instrument)
    row = dict.fromkeys(inst.item_ids)
    row.update(dict.fromkeys(schema.EXTRA_COLUMNS))
    for section in answers.values():
        if not isinstance(section, dict):
            continue
        for item_id, value in (section.get(ITEMS) or {}).items():
            if item_id in row and item_id not in schema.EXTRA_COLUMNS:
                row[item_id] = value
        for name, value in (section.get(TOOL) or {}).items():
            if name in schema.EXTRA_COLUMNS and value not in (None, "", []):
                if isinstance(value, list | tuple):
                    value = schema.MOTIVATOR_SEPARATOR.join(map(str, value))
                row[name] = value
    return row


def responses(store: ClientStore, instrument=None, *, cohort=None) -> pd.DataFrame:
    """Every client's sessions as the canonical response table.

    One row per client per session date; ``timepoint`` and ``date`` are the session date.

    Parameters
    ----------
    store : ClientStore
    instrument : Instrument or path, optional
    cohort : str, optional
        Label for the ``cohort`` column (empty by default).

    Returns
    -------
    DataFrame
        Columns ``participant_id, cohort, timepoint, date``, the items, then
        ``hours_per_week, motivators, north_star, notes``.
    """
    inst = resolve(instrument)
    rows = []
    for key in store.clients():
        for day, answers in store.history(key).items():
            row = {schema.PARTICIPANT_ID: key, schema.COHORT: cohort, schema.TIMEPOINT: day,
                   schema.DATE: day}
            row.update(answers_row(answers, inst))
            rows.append(row)
    columns = [*schema.ID_COLUMNS, *inst.item_ids, *schema.EXTRA_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    for item_id in inst.item_ids:
        numbers = pd.to_numeric(table[item_id], errors="coerce").astype("Float64")
        whole = bool((numbers.dropna() % 1 == 0).all())
        table[item_id] = numbers.astype("Int64") if whole else numbers
    table[schema.HOURS] = pd.to_numeric(table[schema.HOURS], errors="coerce").astype(np.float64)
    return table


def score_history(history: dict, instrument=None) -> pd.DataFrame:
    """Scores as they stood after each session: one row per session date, oldest first.

    Each date's answers are laid over the ones before it (an ingredient not revisited keeps
    its earlier answers), then scored with :func:`workbook.score`.

    Parameters
    ----------
    history : dict
        ``{date: answers}``, as :meth:`ClientStore.history` returns it.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        Indexed by date; the columns of :func:`workbook.score`.

    Examples
    --------
    >>> h = {"2026-11-26": {"hope": {"items": {"hope_1": 5, "hope_2": 5, "hope_4": 5}}},
    ...      "2026-12-10": {"time": {"items": {"time_1": 1}}}}
    >>> score_history(h)["hope"].tolist()
    [100.0, 100.0]
    """
    from .scoring import score

    inst = resolve(instrument)
    rows, state = [], {}
    for day in sorted(history):
        state.update(history[day])
        rows.append(answers_row(state, inst))
    dates = pd.Index(sorted(history), name=schema.DATE)
    if not rows:  # score an empty row and keep no rows: the columns without the data
        return score(pd.DataFrame([answers_row({}, inst)], columns=list(inst.item_ids),
                                  dtype=float), inst).iloc[:0].set_axis(dates)
    table = pd.DataFrame(rows, columns=list(inst.item_ids), dtype=float)
    table.index = dates
    return score(table, inst)
