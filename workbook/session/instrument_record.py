"""Which instrument a coaching session uses, and the one a workspace was started with.

``workbook coach --instrument FILE`` (or the instrument file of a copy made by
``workbook init``, found by default) gives the session app its instrument through the
server's environment (:data:`VARIABLE`); a session notebook's ``instrument`` parameter reads it
with :func:`chosen`. A workspace records the instrument it was started with (its path and
version) in :data:`RECORD_FILE` (0600); when another one is used later, the coach and the app
say so in one line (the instrument's ``[session.app] instrument_changed``).

Examples
--------
>>> import tempfile
>>> from workbook.core.instrument import load_instrument
>>> home = tempfile.mkdtemp()
>>> remember(home, load_instrument()) is None   # the first one is recorded, nothing to say
True
>>> recorded(home)["version"] == load_instrument().version
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from workbook.core.exceptions import InstrumentError, WorkbookError
from workbook.core.instrument import Instrument, resolve
from workbook.core.instrument_file import DEFAULT_PATH

#: The server's environment variable naming the instrument file of the session.
VARIABLE = "WORKBOOK_INSTRUMENT"
#: The file in the workspace naming the instrument it was started with.
RECORD_FILE = ".instrument.json"
#: What a copy made by ``workbook init`` holds (its instrument, its notebooks folder).
COPY_INSTRUMENT = "instrument.toml"
COPY_NOTEBOOKS = "notebooks"


def chosen(instrument=None):
    """The instrument a session page uses: ``instrument``, else ``$WORKBOOK_INSTRUMENT``.

    None when neither is set: the page then uses the kit's own instrument.

    Examples
    --------
    >>> chosen("mine.toml")
    'mine.toml'
    """
    if instrument is not None and str(instrument).strip():
        return instrument
    return os.environ.get(VARIABLE) or None


def copy_instrument(notebooks=None, folder=None) -> Path | None:
    """The instrument file of a copy made by ``workbook init``, when the coach runs from one.

    ``notebooks`` (``--notebooks DIR/notebooks``): ``DIR/instrument.toml`` when it is there;
    else ``folder`` (default: the current folder) when it holds ``instrument.toml`` and a
    ``notebooks`` folder with the session app. None otherwise.
    """
    if notebooks is not None:
        beside = Path(notebooks).expanduser().resolve().parent / COPY_INSTRUMENT
        return beside if beside.is_file() else None
    here = Path(folder) if folder is not None else Path.cwd()
    if (here / COPY_INSTRUMENT).is_file() and (here / COPY_NOTEBOOKS / "session.ipynb").is_file():
        return (here / COPY_INSTRUMENT).resolve()
    return None


def describe(instrument) -> dict:
    """``{"name", "version", "path"}`` of an instrument (path ``""`` for the kit's own)."""
    inst = resolve(instrument)
    source = Path(inst.source) if inst.source else DEFAULT_PATH
    own = source.resolve() != DEFAULT_PATH.resolve()
    return {"name": inst.name, "version": inst.version, "path": str(source.resolve()) if own
            else ""}


def recorded(home) -> dict | None:
    """The instrument the workspace was started with, or None when none is recorded."""
    path = Path(home) / RECORD_FILE
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError):
        return {"name": "?", "version": "?", "path": str(path)}  # unreadable: said as such
    if not isinstance(value, dict) or not all(  # (as the store names it: round 9a H6)
            isinstance(value.get(k, ""), str) for k in ("name", "version", "path")):
        return {"name": "?", "version": "?", "path": str(path)}
    return {k: value.get(k, "") for k in ("name", "version", "path")}


def remember(home, instrument) -> str | None:
    """Record the workspace's instrument the first time; the line to say when another is used.

    Returns None when the workspace was started with this instrument (same file, same
    version) or had none recorded (it is recorded now, 0600); otherwise the instrument's
    ``[session.app] instrument_changed`` line naming both. A workspace that cannot be written
    is not an error here: nothing is recorded.
    """
    from workbook.core.files import atomic_write

    inst = resolve(instrument)
    now = describe(inst)
    before = recorded(home)
    if before is None:
        try:
            atomic_write(Path(home) / RECORD_FILE, json.dumps(now, ensure_ascii=False) + "\n")
        except WorkbookError:
            pass
        return None
    if (before["path"], before["version"]) == (now["path"], now["version"]):
        return None
    return changed_line(inst, before, now)


def changed_line(instrument: Instrument, before: dict, now: dict) -> str:
    """The one line saying the workspace was started with ``before`` and now uses ``now``."""
    from workbook.core.session_texts import Texts

    texts = Texts(instrument)

    def named(which: dict) -> str:
        path = which["path"] or texts.get("app", "kit_file")
        return texts.get("app", "instrument_named", name=which["name"],
                         version=which["version"], path=path)

    return texts.get("app", "instrument_changed", started=named(before), used=named(now))


#: Said (one line, on stderr) when a command reading a workspace uses the instrument the
#: workspace remembers: {path}, {version}, {option}.
USING_RECORDED = ("workbook: note: using the instrument this workspace was started with, "
                  "{path} (version {version}); give {option} to use another")
#: The refusal when the remembered file is gone and the kit's own would leave answers out:
#: {path}, {version}, {record}, {clients}, {kit}, {option}.
RECORDED_GONE = ("this workspace was started with the instrument {path} (version {version}, "
                 "as {record} says), which {gone}, and the kit's own (version "
                 "{kit}) does not have statements its clients answered, so they would be left "
                 "out: {clients}. Give that file (or one of its version) with {option}")
#: The refusal when the remembered file is gone and the command would write the kit's own
#: version for sessions answered on another (round 7 E15): {path}, {version}, {record},
#: {kit}, {kit_path}, {option}.
RECORDED_GONE_VERSION = (
    "this workspace was started with the instrument {path} (version {version}, as {record} "
    "says), which {gone}, and the kit's own is version {kit}: what is written "
    "would say its sessions were answered on {kit}. Give that file (or one of its version) "
    "with {option}, or the kit's own on purpose with {option} {kit_path}")
#: Said (one line, on stderr) when the remembered file is gone and the kit's own is used
#: instead: {path}, {version}, {record}, {kit}, {option}.
KIT_INSTEAD = ("workbook: warning: this workspace was started with the instrument {path} "
               "(version {version}, as {record} says), which {gone}: using the "
               "kit's own (version {kit}) instead, whose words and scoring may differ; give "
               "{option} to use another")


#: How the three lines above say why the remembered file is not used ({gone}).
GONE = "is no longer there"
GONE_NOT_FILE = "is not an instrument file (a folder or a device is there)"


def _unknown_answers(folder, inst) -> dict:
    """Client -> the statement ids answered in ``folder`` that ``inst`` does not know."""
    import logging
    import warnings

    from workbook.core.versions import retired
    from workbook.session.store import ClientStore

    known = set(inst.item_ids) | {r.id for r in inst.retired_items} | set(retired(inst))
    store = ClientStore(folder, read_only=True)
    out = {}
    quiet = logging.getLogger("workbook")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a folder left out is said by the command's own reading
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for client in store.clients():
                try:
                    history = store.history(client)
                except WorkbookError:
                    continue
                for answers in history.values():
                    for section in (answers or {}).values():
                        items = section.get("items") if isinstance(section, dict) else None
                        for item_id, value in (items or {}).items():
                            if value is not None and item_id not in known:
                                ids = out.setdefault(client, [])
                                if item_id not in ids:
                                    ids.append(item_id)
    finally:
        quiet.setLevel(level)
    return out


def workspace_instrument(folder, given, option: str = "--instrument", *,
                         writes_versions: bool = True):
    """The instrument a command reading the workspace ``folder`` uses: ``(file, line)``.

    ``given`` (the command's ``--instrument``) when set; else the one the workspace was
    started with (:data:`RECORD_FILE`) when its file is still there, with the line
    :data:`USING_RECORDED` to say; else None (the kit's own) and no line when the workspace
    was started with the kit's own (or nothing is recorded). When the remembered file is
    gone: refused when the kit's own lacks statements the clients answered
    (:data:`RECORDED_GONE`, naming the file, its version and the clients), or when the
    command writes each session's version (``writes_versions``: an export, reports) and the
    kit's own is another version than the one remembered (:data:`RECORDED_GONE_VERSION`:
    the sessions would be stamped with a version they were not answered on); otherwise the
    kit's own, with the line :data:`KIT_INSTEAD` naming the file (a list that writes no
    version, such as ``followups``, goes on, saying so).

    Raises
    ------
    WorkbookError
        When the remembered instrument is gone and the kit's own would leave answers out,
        or would write another version.
    """
    if given is not None:
        return given, ""
    record = recorded(folder)
    if not record or not record.get("path"):
        return None, ""  # started with the kit's own (or nothing recorded)
    path = Path(record["path"])
    if record.get("version") == "?":
        return None, ""  # an unreadable record: the kit's own, as before
    if path.is_file():
        from workbook.core.instrument import load_instrument

        version = load_instrument(path).version
        return str(path), USING_RECORDED.format(path=path, version=version, option=option)
    from workbook.core.instrument import load_instrument

    kit = load_instrument()
    found = _unknown_answers(folder, kit)
    version = record.get("version", "")
    # a path that is there but not a file (a folder, a device) is not "no longer there"
    gone = GONE_NOT_FILE if os.path.lexists(path) else GONE
    if not found:
        said = dict(path=path, version=version or "?", record=Path(folder) / RECORD_FILE,
                    kit=kit.version, option=option, gone=gone)
        if writes_versions and version and version != kit.version:
            raise InstrumentError(RECORDED_GONE_VERSION.format(**said, kit_path=DEFAULT_PATH))
        return None, KIT_INSTEAD.format(**said)
    clients = "; ".join(f"client {client!r}: {', '.join(ids)}"
                        for client, ids in list(found.items())[:5])
    if len(found) > 5:
        clients += f"; and {len(found) - 5} more client(s)"
    raise InstrumentError(RECORDED_GONE.format(
        path=path, version=record.get("version", "?"), record=Path(folder) / RECORD_FILE,
        clients=clients, kit=kit.version, option=option, gone=gone))
