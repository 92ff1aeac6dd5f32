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
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # (nested: R25)
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
#: Said (one line, on stderr) instead of :data:`USING_RECORDED` when the remembered file is now
#: another version than the one the workspace was started with (round 13a R17): {path},
#: {version}, {started}, {record}, {option}.
USING_RECORDED_MOVED = (
    "workbook: warning: using the instrument this workspace was started with, {path}, which "
    "is now version {version} while {record} says the workspace was started on version "
    "{started}: sessions answered before the change are written as version {version}; give "
    "{option} with a file of version {started} to write them as that")
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


#: The refusal of an export or a report when the instrument used (the kit's own, the one
#: the workspace remembers, the file given) lacks statements the clients answered (round 12a
#: P11): {named}, {version}, {clients}, {option}.
LACKS = ("{named} (version {version}) does not have statements the clients answered, so "
         "they would be left out: {clients}. Give the instrument file they were answered on "
         "with {option} FILE (a statement written into journal.jsonl by hand: correct its "
         "line); nothing was written")
#: How {named} says the kit's own instrument, and a file.
KIT_NAMED = "the kit's own instrument"
FILE_NAMED = "the instrument {path}"
#: Said (one line, on stderr) by a command that writes no version (``followups``) when the
#: remembered file is gone and the kit's own lacks statements the clients answered (round
#: 12a P13): {path}, {version}, {record}, {kit}, {option}, {gone}, {clients}.
KIT_INSTEAD_LACKS = (
    "workbook: warning: this workspace was started with the instrument {path} (version "
    "{version}, as {record} says), which {gone}: using the kit's own (version {kit}) "
    "instead, whose words and scoring may differ and which does not have statements its "
    "clients answered (not read here: {clients}); give {option} to use another")

#: Said (one line, on stderr) by a command that writes no version (``followups``) when the
#: instrument it reads with lacks statements the clients answered (round 13a R16):
#: {named}, {version}, {clients}.
LACKS_NOT_READ = (
    "workbook: warning: {named} (version {version}) does not have statements the clients "
    "answered (not read here: {clients}); a statement written into journal.jsonl by hand: "
    "correct its line, else give --instrument with the file they were answered on")

#: How the three lines above say why the remembered file is not used ({gone}).
GONE = "is no longer there"
GONE_NOT_FILE = "is not an instrument file (a folder or a device is there)"


def _known(inst) -> set:
    """Every statement id ``inst`` reads: its own, and those it retired."""
    from workbook.core.versions import retired

    return set(inst.item_ids) | {r.id for r in inst.retired_items} | set(retired(inst))


def _unknown_answers(folder, inst) -> dict:
    """Client -> the statement ids answered in ``folder`` that ``inst`` does not know."""
    import logging
    import warnings

    from workbook.session.store import ClientStore

    known = _known(inst)
    store = ClientStore(folder, read_only=True)
    out = {}
    quiet = logging.getLogger("workbook")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a folder left out is said by the command's own reading
    try:
        # a record set aside or repaired by this first reading is not seen again by the
        # command's own: what it says is said (once: the command says a message once)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
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
    for said in caught:
        warnings.warn_explicit(said.message, said.category, said.filename, said.lineno)
    return out


def _clients_said(found: dict) -> str:
    """``client 'A': x_1, x_2; client 'B': ...`` (five at most, then how many more)."""
    clients = "; ".join(f"client {client!r}: {', '.join(ids)}"
                        for client, ids in list(found.items())[:5])
    if len(found) > 5:
        clients += f"; and {len(found) - 5} more client(s)"
    return clients


def refuse_lacking(folder, instrument, option: str = "--instrument", *,
                   kit_known: bool = True) -> None:
    """Refuse an instrument that lacks statements the workspace's clients answered (P11).

    ``instrument``: a file, an Instrument, or None (the kit's own). An export or a report
    read with it would leave those answers out and stamp the rows with its version. With
    ``kit_known`` False, statements the kit's own knows are not counted (a file given that
    lacks them is refused by :func:`workbook.session.newer_answers.refuse_newer_answers`,
    in its own words).

    Raises
    ------
    InstrumentError
        Naming the instrument (file and version), the clients and their statements, and
        ``--instrument FILE``.
    """
    from workbook.core.instrument import load_instrument

    inst = resolve(instrument)
    found = _unknown_answers(folder, inst)
    if found and not kit_known:
        known = _known(load_instrument())
        found = {c: ids for c, ids in ((c, [i for i in ids if i not in known])
                                       for c, ids in found.items()) if ids}
    if not found:
        return
    own = describe(inst)["path"]
    named = FILE_NAMED.format(path=own) if own else KIT_NAMED
    raise InstrumentError(LACKS.format(named=named, version=inst.version,
                                       clients=_clients_said(found), option=option))


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
    kit's own, with the line :data:`KIT_INSTEAD` naming the file. A list that writes no
    version, such as ``followups``, goes on with the kit's own in every case, saying so in
    one line (:data:`KIT_INSTEAD_LACKS` when it lacks answered statements: round 12a P13).

    A command that writes versions is refused, too, when the instrument it would use (the
    file given, the one remembered, the kit's own) lacks statements the clients answered
    (:func:`refuse_lacking`, round 12a P11: answers saved by pages run with another file).

    Raises
    ------
    WorkbookError
        When the remembered instrument is gone and the kit's own would leave answers out,
        or would write another version; when the instrument used would leave answers out.
    """
    chosen_file, line = _workspace_instrument(folder, given, option,
                                              writes_versions=writes_versions)
    if writes_versions:
        refuse_lacking(folder, chosen_file, option, kit_known=given is None)
    return chosen_file, line


def lacking_line(folder, instrument) -> str:
    """:data:`LACKS_NOT_READ` for the statements ``instrument`` lacks, or "" for none.

    For a command that writes no version and has read the workspace already (``followups``):
    what that reading said of a record is not said again.
    """
    import warnings

    inst = resolve(instrument)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        found = _unknown_answers(folder, inst)
    if not found:
        return ""
    own = describe(inst)["path"]
    named = FILE_NAMED.format(path=own) if own else KIT_NAMED
    return LACKS_NOT_READ.format(named=named, version=inst.version,
                                 clients=_clients_said(found))


def _workspace_instrument(folder, given, option, *, writes_versions):
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
        started = record.get("version")
        if started and started != version:  # the copy moved on since (round 13a R17)
            return str(path), USING_RECORDED_MOVED.format(
                path=path, version=version, started=started,
                record=Path(folder) / RECORD_FILE, option=option)
        return str(path), USING_RECORDED.format(path=path, version=version, option=option)
    from workbook.core.instrument import load_instrument

    kit = load_instrument()
    found = _unknown_answers(folder, kit)
    version = record.get("version", "")
    # a path that is there but not a file (a folder, a device) is not "no longer there"
    gone = GONE_NOT_FILE if os.path.lexists(path) else GONE
    said = dict(path=path, version=version or "?", record=Path(folder) / RECORD_FILE,
                kit=kit.version, option=option, gone=gone)
    if not found:
        if writes_versions and version and version != kit.version:
            raise InstrumentError(RECORDED_GONE_VERSION.format(**said, kit_path=DEFAULT_PATH))
        return None, KIT_INSTEAD.format(**said)
    if not writes_versions:  # follow-ups need no statement: go on, saying so (P13)
        return None, KIT_INSTEAD_LACKS.format(**said, clients=_clients_said(found))
    raise InstrumentError(RECORDED_GONE.format(
        path=path, version=record.get("version", "?"), record=Path(folder) / RECORD_FILE,
        clients=_clients_said(found), kit=kit.version, option=option, gone=gone))
