"""A small sample coaching workspace: four invented clients with sessions and conversations.

``workbook demo`` writes it beside the sample cohort's reports (``OUT/workspace``), and lists
its follow-ups. :func:`sample_workspace` writes it; :func:`check_sample_workspace` refuses to
replace one whose sample clients' answers or lists were changed since it was written. Every
name in it is invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from workbook.core import schema
from workbook.core.conversations import model
from workbook.core.exceptions import WorkbookError
from workbook.core.files import atomic_write
from workbook.core.instrument import resolve
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker

#: The sample workspace's clients: id, the ingredients answered low, hours a week.
SAMPLE_CLIENTS = (
    ("DEMO-01", (), 4.0),
    ("DEMO-02", (), 2.5),
    ("DEMO-03", ("hope",), 2.0),
    ("DEMO-04", ("energy",), 0.5),
)
#: Written in a folder made by :func:`sample_workspace`, so a second run may replace it.
#: It holds a fingerprint of each sample client's records as written (JSON).
SAMPLE_MARK = ".sample-workspace"
#: Each client's records (the truth of a client's folder; the rest are snapshots) and what a
#: change to each is called.
_RECORDS = (("journal.jsonl", "its answers"), ("conversations.jsonl", "its conversations list"))
_MADE_BY = "made by workbook.session.sample_workspace"


def _fingerprints(store) -> dict:
    """``{client: {record: sha256 or None}}`` of the sample clients' records as they are."""
    out = {}
    for client, _, _ in SAMPLE_CLIENTS:
        folder = store.folder(client)
        out[client] = {
            name: (hashlib.sha256((folder / name).read_bytes()).hexdigest()
                   if (folder / name).is_file() else None)
            for name, _ in _RECORDS
        }
    return out


def check_sample_workspace(folder) -> None:
    """Refuse to replace ``folder`` when a sample workspace there was changed since written.

    A new or empty folder, or one :func:`sample_workspace` wrote whose sample clients'
    records are as it wrote them, passes. A folder holding anything else, a sample client
    with answers saved or a conversations list changed since (``workbook coach DEMO-01``),
    or a sample workspace of an earlier version (which kept no fingerprint, so saves made
    since cannot be told apart) is refused, naming what changed: replacing would lose them.

    Raises
    ------
    WorkbookError
    """
    folder = Path(folder).expanduser()
    if not (folder.is_dir() and any(folder.iterdir())):
        return
    mark = folder / SAMPLE_MARK
    if not mark.is_file():
        raise WorkbookError(f"{folder} is not empty; a sample workspace is written only "
                            "into a new or empty folder (or one it wrote before)")
    how = ("running the demo again would replace the sample clients' folders and lose them; "
           "nothing was written. Move that folder away (or give another --out) to run the "
           "demo again")
    try:
        written = json.loads(mark.read_text(encoding="utf-8"))["records"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise WorkbookError(f"{folder} is a sample workspace of an earlier version of the demo, "
                            "which kept no record of what it wrote, so answers saved since "
                            f"cannot be told apart: {how}") from None
    if written is None:  # the demo stopped while writing it: nothing of anyone else's
        return
    now = _fingerprints(ClientStore(folder, read_only=True))
    # a record deleted since holds nothing to lose; one changed or new does
    changed = [f"{client}: {what}" for client, records in now.items()
               for name, what in _RECORDS
               if records[name] is not None
               and records[name] != (written.get(client) or {}).get(name)]
    if changed:
        raise WorkbookError(f"{folder} holds changes made since the demo wrote it "
                            f"({'; '.join(changed)}): {how}")


def _session_answers(inst, low: tuple, hours: float, shift: int) -> dict:
    """One session's sections: 4 of 5 agreed (2 on reversed items), 2 where ``low``."""
    lo, hi = inst.scale_min, inst.scale_max
    answers = {}
    for ing in inst.ingredients:
        keyed = lo + 1 if ing.id in low else hi - 1 - (shift if ing.id == "hope" else 0)
        items = {item.id: int(lo + hi - keyed if item.reverse else keyed) for item in ing.items}
        answers[ing.id] = {"items": items}
    answers.setdefault("time", {})["tool"] = {schema.HOURS: hours}
    return answers


def _histories(today) -> dict:
    """Each client's conversations: ``[(step or op, person, working days ago, extra)]``."""
    return {
        "DEMO-01": [
            ("add", "a1", 15, {"name": "Mira Okafor", "org": "Riverside Library",
                               "found": "the library's staff page", "priority": 1,
                               "why": "runs the community programmes I keep reading about"}),
            ("sent", "a1", 12, None), ("reply", "a1", 10, None), ("arranged", "a1", 9, None),
            ("held", "a1", 6, None), ("thanked", "a1", 5, None),
            ("suggest", "a1", 5, {"name": "Tom Reyes", "org": "City Parks", "id": "a5"}),
            ("add", "a2", 9, {"name": "Jonas Berg", "org": "Northside Housing Co-op",
                              "found": "a friend's colleague", "priority": 1,
                              "why": "moved from retail into housing support"}),
            ("sent", "a2", 4, None),
            ("add", "a3", 8, {"name": "Priya Nair", "org": "Green Lane School",
                              "found": "the school's newsletter", "priority": 2}),
            ("sent", "a3", 7, None), ("reply", "a3", 3, None), ("arranged", "a3", 2, None),
            ("meeting", "a3", -2, None),
            ("add", "a4", 3, {"name": "Lea Novak", "org": "Harbour Trust",
                              "found": "a talk at the library", "priority": 2}),
            ("drafted", "a4", 1, None),
            ("sent", "a5", 1, None),
            ("share", None, 0, {"report": True, "names": False}),
        ],
        "DEMO-02": [
            ("add", "b1", 12, {"name": "Sam Lee", "org": "Eastgate Clinic",
                               "found": "a former colleague", "priority": 1}),
            ("sent", "b1", 10, None), ("reply", "b1", 8, None), ("arranged", "b1", 7, None),
            ("held", "b1", 1, None),
            ("add", "b2", 6, {"name": "Ines Duarte", "org": "Open Kitchen",
                              "found": "their open day", "priority": 2}),
            ("sent", "b2", 6, None), ("followed", "b2", 2, {"kind": "another"}),
            ("add", "b3", 2, {"name": "Kofi Mensah", "org": "Open Kitchen",
                              "found": "Open Kitchen's website", "priority": 2}),
            ("share", None, 0, {"report": True, "names": True}),
        ],
        "DEMO-03": [
            ("add", "c1", 5, {"name": "Ruth Adler", "org": "Makers' Hall",
                              "found": "a neighbour", "priority": 3}),
            ("drafted", "c1", 2, None),
        ],
        "DEMO-04": [
            ("add", "d1", 20, {"name": "Omar Haddad", "org": "Seaside Museum",
                               "found": "a museum volunteer", "priority": 2}),
            ("sent", "d1", 18, None),
        ],
    }


def sample_workspace(folder, *, today=None):
    """Write a small demo workspace: four clients with sessions and conversations.

    Clients ``DEMO-01`` and ``DEMO-02`` come out ready, ``DEMO-03`` needs hope tended first
    and ``DEMO-04`` is not now (short of energy). Their conversation histories are dated in
    working days before ``today`` (an arranged talk may lie ahead), so some follow-ups are
    overdue, some due today or this week. ``DEMO-01`` puts their conversations in their
    report without names, ``DEMO-02`` with names. The same ``today`` gives the same
    workspace. Every name in it is invented.

    Parameters
    ----------
    folder : str or Path
        An empty or new folder, or one this function wrote before whose sample clients'
        records are as it wrote them (it is then replaced; :func:`check_sample_workspace`).
    today : date, optional

    Returns
    -------
    Path
        The workspace folder.

    Raises
    ------
    WorkbookError
        If ``folder`` holds anything else, or answers saved or a conversations list changed
        since in a sample client's folder (nothing is replaced).

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from workbook.session.store import ClientStore
    >>> ws = sample_workspace(tempfile.mkdtemp(), today=dt.date(2026, 11, 27))
    >>> ClientStore(ws).clients()
    ['DEMO-01', 'DEMO-02', 'DEMO-03', 'DEMO-04']
    """
    folder = Path(folder).expanduser()
    today = today or dt.date.today()
    check_sample_workspace(folder)
    if folder.is_dir() and any(folder.iterdir()):
        store = ClientStore(folder)
        for client, _, _ in SAMPLE_CLIENTS:
            if store.folder(client).is_dir() and not store.folder(client).is_symlink():
                shutil.rmtree(store.folder(client))
    store = ClientStore(folder)
    _write_mark(folder, None)  # ours from now on; no fingerprint until every record is written
    inst = resolve(None)
    first, second = model.working_days_before(today, 25), model.working_days_before(today, 10)
    for n, (client, low, hours) in enumerate(SAMPLE_CLIENTS):
        store.save(client, _session_answers(inst, low, hours, 1), session=first)
        if n == 0:  # chose a slower pace than the most their hours allow
            store.save(client, {"pace": {"tool": {"chosen_per_week": 1}}}, session=first)
        if n % 2 == 0:
            store.save(client, _session_answers(inst, low, hours, 0), session=second)
    for client, history in _histories(today).items():
        tracker = Tracker(store, client)
        book = tracker.read()
        for what, who, ago, extra in history:
            day = model.working_days_before(today, ago) if ago >= 0 else \
                model.working_days_after(today, -ago)
            extra = extra or {}
            if what == "add":
                fields = {k: v for k, v in extra.items()}
                op = model.add_op(fields.pop("name"), today=day, person_id=who, **fields)
            elif what == "suggest":
                op = model.suggest_op(book, who, extra["name"], org=extra["org"], today=day,
                                      person_id_new=extra["id"])
            elif what == "meeting":
                op = model.edit_op(book, who, meeting=day)
            elif what == "followed":
                op = model.followed_op(book, who, extra["kind"], today=day)
            elif what == "share":
                op = model.share_op(**extra)
            else:
                op = model.step_op(book, who, what, day, today=today)
            book = tracker.change(op)
    _write_mark(folder, _fingerprints(store))
    return folder


def _write_mark(folder: Path, records) -> None:
    atomic_write(folder / SAMPLE_MARK,
                 json.dumps({"made_by": _MADE_BY, "records": records}, indent=1) + "\n")
    (folder / SAMPLE_MARK).chmod(0o600)
