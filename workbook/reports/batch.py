"""Make reports for a whole cohort (or a coach's workspace) into one output folder.

``out/participants/<safe id>.html`` for each participant, ``out/cohort.html`` for the group,
``out/index.html`` linking them all. Every file goes inside ``out``. A participant's rows go
to their report's forked process in memory (or, for a report in a kernel of its own,
through a temporary file in ``out`` that is removed afterwards).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbook.cohort.rows import unanswered
from workbook.core import schema
from workbook.core.exceptions import InvalidDataError, ReportError
from workbook.core.files import atomic_write, free_name, safe_name, write_csv
from workbook.core.instrument import Instrument, resolve
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.log import logger
from workbook.core.resources import templates_dir
from workbook.reports import wording
from workbook.reports.index import LEFT_OUT_KEY, check_index, write_index
from workbook.reports.inputs import (
    FILE_ORDER,
    FOLDER_NOT_READ,
    HANDED_OVER,
    UNREAD_FOLDERS,
    NoSessionError,
    NothingSavedError,
    client_history,
    load_table,
    reliable_change_points,
    unsaved_clients,
    workspace_table,
)
from workbook.reports.participant import reading_order, select_participant
from workbook.reports.runner import (
    DEFAULT_ISOLATION,
    Job,
    Outcome,
    is_current,
    run_jobs,
    start_workers,
)
from workbook.responses.datasets import sample_path
from workbook.responses.io import left_out_sentence, read_responses

#: Where the report templates live (in the package; ``notebooks/reports`` of the repository).
TEMPLATE_DIR = templates_dir()
PARTICIPANT_TEMPLATE = "participant-report.ipynb"
COHORT_TEMPLATE = "cohort-report.ipynb"
PARTICIPANTS_DIR = "participants"
COHORT_FILE = "cohort.html"
MANIFEST = ".workbook-reports.json"
#: Where reports of people no longer in the data are moved (not linked from the index).
STALE_DIR = "stale"


@dataclass
class ReportRun:
    """The result of a batch: one outcome per report, the index page, and any notes.

    ``stale`` lists the people whose reports were moved to ``stale/``: they are no longer in
    the data. ``renamed`` lists those whose earlier report file was moved there because their
    report's file name changed. ``emptied`` lists those whose earlier report was moved there
    because nothing of theirs is left to report (every session removed, say: round 14a V21).
    """

    out: Path
    outcomes: list
    index: Path | None = None
    notes: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    renamed: list = field(default_factory=list)
    emptied: list = field(default_factory=list)

    @property
    def failed(self) -> list:
        """Outcomes of reports that could not be made."""
        return [o for o in self.outcomes if not o.ok]

    @property
    def made(self) -> list:
        """Outcomes of reports made in this run."""
        return [o for o in self.outcomes if o.status == "made"]

    @property
    def skipped(self) -> list:
        """Outcomes of reports left as they were (inputs unchanged)."""
        return [o for o in self.outcomes if o.status == "skipped"]


def prepare_worker(kinds) -> None:
    """What a report worker imports once for ``kinds`` of report (``participant``, ``cohort``).

    The runner's warm-up calls it in each worker (:func:`workbook.reports.runner.start_workers`):
    the personal report's modules always; the cohort report's (matplotlib, scipy, its
    figures) and a first figure only when the worker will make one. Touches no participant
    data.
    """
    from workbook.reports import participant  # noqa: F401

    if "cohort" in kinds:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from workbook.reports import cohort_view  # noqa: F401

        fig, ax = plt.subplots()
        ax.barh([0], [1])
        fig.savefig(os.devnull, format="png")
        plt.close(fig)


def template_path(name: str, template=None) -> Path:
    """The template notebook to run, checked; raise :class:`ReportError` if it cannot be used.

    Parameters
    ----------
    name : str
        The template's file name (``participant-report.ipynb`` or ``cohort-report.ipynb``).
    template : str or Path, optional
        A template notebook, or a folder of templates (such as ``templates/`` of a copy made
        by ``workbook init``) holding ``name``; default: the kit's own.
    """
    path = Path(template).expanduser() if template is not None else TEMPLATE_DIR / name
    if path.is_dir():
        path = path / name
        if not path.is_file():
            raise ReportError(
                f"the templates folder {path.parent} has no {name}; give the templates folder "
                "of a copy made with `workbook init DIR` (DIR/templates)"
            )
    if not path.is_file():
        raise ReportError(
            f"report template {path} not found (give a template notebook or a templates folder)"
        )
    check_template(path)
    return path


def check_template(path) -> None:
    """Refuse a template notebook that papermill could not run with the kit's parameters.

    Raises
    ------
    ReportError
        Naming the file: not a notebook, or no code cell tagged ``parameters``.
    """
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not a Jupyter notebook"
        raise ReportError(f"report template {path} cannot be used: {reason}") from None
    tagged = [
        c for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
        and "parameters" in (c.get("metadata") or {}).get("tags", [])
    ]
    if not tagged:
        raise ReportError(
            f"report template {path} has no code cell tagged 'parameters'; papermill sets the "
            "report's inputs there. Restore that cell (tag it 'parameters' in JupyterLab's "
            "property inspector) or start again from `workbook init`"
        )


def file_names(ids) -> dict:
    """Participant id -> file stem, safe and unique (also on case-blind file systems).

    Ids whose safe names collide each get a short hash of the id added.

    Examples
    --------
    >>> file_names(["a/b", "a_b", "C"])["C"]
    'C'
    >>> file_names(["a/b", "a_b"])["a/b"] != file_names(["a/b", "a_b"])["a_b"]
    True
    """
    ids = [str(i) for i in dict.fromkeys(ids)]
    stems = {i: safe_name(i, max_length=60) for i in ids}
    counts = pd.Series([s.lower() for s in stems.values()]).value_counts()
    out = {}
    for i, stem in stems.items():
        if counts[stem.lower()] > 1:
            stem = f"{stem}-{hashlib.sha256(i.encode()).hexdigest()[:8]}"
        out[i] = stem
    return out


@functools.cache
def _code_digest() -> str:
    """Hash of the kit's code and default instrument: a new version remakes every report."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")) + [DEFAULT_PATH]:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _digest(template: Path, parameters: dict, content: str, instrument_file) -> str:
    """Hash of everything a report reads: the kit, template, instrument, parameters, answers.

    ``content`` is the answers as text: every column of the participant's rows, or a client's
    whole saved record (items, reflections, exercises, every session).
    """
    h = hashlib.sha256()
    h.update(_code_digest().encode())
    h.update(template.read_bytes())
    if instrument_file:
        h.update(Path(instrument_file).read_bytes())
    h.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    h.update(content.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _record(history: dict) -> str:
    """A client's whole saved record as canonical text (for the digest)."""
    return json.dumps(history, sort_keys=True, ensure_ascii=False, default=str)


def _shared_record(workspace, participant_id, today=None) -> str:
    """The conversations a client put in their report, as text (empty when not shared).

    With today's date: what is overdue and what was planned so far change by the day, so a
    report showing them is remade on a later day even when the list is the same.
    """
    import datetime as dt

    from workbook.reports.inputs import shared_conversations
    from workbook.session.tracker import book_to_dict

    book = shared_conversations(workspace, participant_id)
    if book is None:
        return ""
    day = today or dt.date.today()
    return _record({"book": book_to_dict(book), "day": day.isoformat()})


def _instrument_file(instrument):
    """The instrument as a path a notebook can load (None for the default one)."""
    if instrument is None:
        return None
    if isinstance(instrument, Instrument):
        source = instrument.source
        return None if not source or Path(source) == DEFAULT_PATH else str(Path(source).resolve())
    return str(Path(instrument).resolve())


def _inside(out: Path, path: Path) -> Path:
    if not path.resolve().is_relative_to(out.resolve()):
        raise ReportError(f"refusing to write {path}: it is outside {out}")
    return path


def _rounded(points):
    return None if not points else {k: round(float(v), 6) for k, v in points.items()}


def participant_reports(
    data=None,
    out="reports",
    *,
    participant_ids=None,
    workspace=None,
    instrument=None,
    mapping=None,
    skip_invalid: bool = False,
    jobs: int | None = None,
    pdf: bool = False,
    force: bool = False,
    progress=None,
    isolation: str | None = None,
    template=None,
    keep=None,
    dates=None,
    sheet=None,
) -> ReportRun:
    """Make a personal report for every participant (or the ones named).

    Parameters
    ----------
    data : str or Path, optional
        Response file; default the bundled sample (unless ``workspace``).
    out : str or Path
        Output folder; nothing is written outside it.
    participant_ids : list of str, optional
        Only these participants (default: everyone in the data).
    workspace : str or Path, optional
        A coach's workspace instead of ``data``: one report per client.
    instrument : Instrument or path, optional
    mapping : str or Path, optional
        Column mapping for a survey export.
    skip_invalid : bool
        Leave out rows with problems instead of refusing the file.
    jobs : int, optional
        Reports made at once; default the number of cores.
    pdf : bool
        Also print each report to PDF with a system Chromium.
    force : bool
        Remake reports whose inputs have not changed.
    progress : callable, optional
        ``progress(done, total, outcome)``, as :func:`workbook.reports.runner.run_jobs` calls it.
    isolation : {"fork", "kernel"}, optional
        See :func:`workbook.reports.runner.run_jobs`.
    template : path, optional
        Another participant template.
    keep, dates, sheet : optional
        How the response file is read, as for :func:`workbook.load_responses`.

    Returns
    -------
    ReportRun
    """
    out, inst, template, inst_file, notes, pdf = _setup(
        out, instrument, PARTICIPANT_TEMPLATE, template, pdf
    )
    check_index(out, force=force)  # a page of the user's own is never replaced
    # a worker warms up while we read
    pool = start_workers("participant", isolation=isolation, prepare=prepare_worker)
    try:
        unsaved = unsaved_clients(workspace) if workspace is not None else []
        if workspace is not None:  # those with nothing saved: under "Not made" (round 12b Q3)
            table = workspace_table(workspace, inst, named=unsaved)
        else:
            table = _load_for(participant_ids, data, inst, mapping=mapping,
                              skip_invalid=skip_invalid, keep=keep, dates=dates, sheet=sheet)
        # What --skip-invalid left out of the file, for the index page (counts only).
        left = left_out_sentence(table) if skip_invalid and workspace is None else None
        wanted = [str(i) for i in participant_ids] if participant_ids else None
        # Client folders not read (named on stderr): under "Not made" too (round 14a V11).
        unread = [] if wanted else [
            Outcome(name, "", "failed", why, public=FOLDER_NOT_READ)
            for name, why in table.attrs.get(UNREAD_FOLDERS, ())]
        wanted, names, outcomes, todo, inputs = _participant_jobs(
            table, wanted, out=out, workspace=workspace, inst=inst, template=template,
            inst_file=inst_file, pdf=pdf, force=force, unsaved=unsaved)
        outcomes += unread
        del table
        check_pages([job.target for job in todo], force=force)
        with _writing(out):
            _private_folders(out, make=bool(todo))
            made = _run_with_inputs(out, todo, inputs, jobs=jobs, progress=progress,
                                    isolation=isolation, pool=pool)
            outcomes = _ordered(wanted, outcomes + made)
            return _finish(out, "participants", outcomes, notes, current=names, left_out=left,
                           inst=inst)
    finally:
        pool.close()


def _load_for(participant_ids, data, inst, *, mapping, skip_invalid, **reading):
    """The response table for the reports asked for.

    A problem on someone else's row does not hold up the reports of the people named: when
    every problem of the file lies on rows of other participants, those rows are left out
    (and logged); a problem of the whole file, or on a named person's rows, still refuses it.
    """
    try:
        return load_table(data, inst, mapping=mapping, skip_invalid=skip_invalid, **reading)
    except InvalidDataError as exc:
        if not participant_ids or skip_invalid or exc.nothing_left:
            raise
        first_row = getattr(exc, "first_row", 2)
        rows = {p.row for p in exc.problems}
        if any(r is None or r < first_row for r in rows):
            raise
        raw, _ = read_responses(sample_path() if data is None else data, inst,
                                mapping=mapping, **reading)
        if schema.PARTICIPANT_ID not in raw.columns:
            raise
        ids = raw[schema.PARTICIPANT_ID].reindex(sorted(rows)).astype("string").str.strip()
        if ids.isna().any() or set(ids) & {str(i).strip() for i in participant_ids}:
            raise
        logger.warning("workbook: note: %s: left out %d row(s) of other participants with "
                       "problems (rows %s); `workbook validate` lists them",
                       data, len(rows), ", ".join(map(str, sorted(rows))))
        return load_table(data, inst, mapping=mapping, skip_invalid=True, **reading)


#: Why no personal report was made for a participant whose rows answer nothing (attacks3
#: A15), as the index page says it.
NO_ANSWERS = ("answers no statement and gives no hours (no session saved yet, say): a "
              "personal report is made once there are answers")


def _participant_jobs(table, wanted, *, out, workspace, inst, template, inst_file, pdf, force,
                      unsaved=()):
    """The jobs to run, and the outcomes of the reports that need none.

    Returns the ids asked for, the file names of everyone in the data, the outcomes so far
    (failed: not in the data, or a client of the workspace with nothing saved yet, each of
    ``unsaved``; skipped: unchanged), the jobs to run, and each participant's own rows
    (:func:`_own_rows`).
    """
    # pandas deep-copies attrs (the file's notes: matches, rows left out) on every slice;
    # nothing below needs them, and at 20 ms a participant they were most of a batch's set-up.
    table = table.copy(deep=False)
    table.attrs = {}
    all_ids = [str(i) for i in table[schema.PARTICIPANT_ID].dropna().astype(str).unique()]
    names = file_names(all_ids)
    unsaved = [c for c in unsaved if c not in names]
    everyone = all_ids + unsaved
    wanted = _as_read(wanted, everyone, workspace) if wanted else everyone
    points = _rounded(reliable_change_points(table, inst))
    folder = out.resolve() / PARTICIPANTS_DIR
    ids = table[schema.PARTICIPANT_ID].astype("string")
    where = ids.groupby(ids, sort=False).indices  # id -> row positions, in file order
    from workbook.core.versions import row_versions
    from workbook.reports.participant import footer_line

    answered = row_versions(table, inst)  # each row's version, for the footer (attacks3 A27)
    outcomes, todo, inputs = [], [], {}
    file_order = []  # ids whose rows have no date and timepoints of unknown order (C16)
    for pid in wanted:
        if pid in unsaved:  # opened in the app, nothing saved yet: named under "Not made"
            why = f"client {pid!r} has {NothingSavedError.public}"
            outcomes.append(Outcome(pid, "", "failed", why, public=NothingSavedError.public))
            continue
        if pid not in names:
            why = f"not in the data ({_as_given(pid)}ids are matched exactly)"
            outcomes.append(Outcome(pid, "", "failed", why, public=why))
            continue
        if workspace is not None:
            try:
                history = client_history(workspace, pid)
            except NoSessionError as exc:  # a list and no session: named under "Not made"
                outcomes.append(Outcome(pid, "", "failed", str(exc), public=exc.public))
                continue
            content = _record(history) + _shared_record(workspace, pid)
            params = {"workspace": str(Path(workspace).resolve())}
        else:
            rows = select_participant(table.iloc[where[pid]] if pid in where else table, pid)
            if reading_order(rows)[1]:
                file_order.append(pid)
            if len(rows) and unanswered(rows, inst).all():  # the export's no-session row
                why = (f"{_as_given(pid)}answers no statement and gives no hours in the data "
                       "(as the export's row for a client with no session saved yet does)")
                outcomes.append(Outcome(pid, "", "failed", why, public=NO_ANSWERS))
                continue
            content = rows.to_csv(index=False)
            params = {"data": None}
            inputs[pid] = _own_rows(rows)
        params.update(participant_id=pid, instrument=inst_file, reliable_change=points)
        target = _inside(out, folder / f"{names[pid]}.html")
        job = Job(
            key=pid, template=str(template), parameters=params, target=str(target),
            title=f"{wording.words(inst)['participant_title']}: {pid}",
            footer=footer_line(pid, [answered[i] for i in where.get(pid, ())], inst),
            digest=_digest(template, params, content, inst_file),
            pdf=str(target.with_suffix(".pdf")) if pdf else None,
            meta={"workbook-report": "participant"},
            lang=wording.words(inst)["lang"],
        )
        if force or not is_current(job):
            todo.append(job)
        else:
            outcomes.append(Outcome(pid, job.target, "skipped", pdf=job.pdf))
    if file_order:
        logger.warning(FILE_ORDER, len(file_order), ", ".join(map(repr, file_order[:5]))
                       + (", ..." if len(file_order) > 5 else ""))
    return wanted, names, outcomes, todo, inputs


def _id_form(workspace):
    """How an asked-for id is read: as the store names a client, or as reading cleans ids."""
    if workspace is not None:
        from workbook.session.store.records import normal_id

        return normal_id
    from workbook.responses.reshape import clean_id, unguarded_id

    return lambda pid: unguarded_id(clean_id(pid))


def _as_read(wanted, all_ids, workspace) -> list:
    r"""The ids asked for (``--participant``) as the data holds them, each once.

    ``Zoe\u0308 K`` typed on a Mac, or `` Zoë K `` with spaces, is the client ``Zoë K`` of a
    workspace (the store's :func:`~workbook.session.store.records.normal_id`) and the participant
    ``Zoë K`` of a file (whose ids are read by :func:`~workbook.responses.reshape.clean_id`, and a
    formula guard dropped: :func:`~workbook.responses.reshape.unguarded_id`). An id
    that is in the data as given, or matches none or several, stays as given.
    """
    form = _id_form(workspace)
    present = set(all_ids)
    by_form: dict = {}
    for pid in all_ids:
        by_form.setdefault(form(pid), []).append(pid)
    out = []
    for pid in wanted:
        found = by_form.get(form(pid), [])
        if pid not in present and len(found) == 1:
            pid = found[0]
        if pid not in out:
            out.append(pid)
    return out


def _as_given(pid: str) -> str:
    r"""``'Zoe\u0308 K' as given; `` when an id not found reads alike another, else ``""``.

    Its spaces around, combining marks, invisible and non-ASCII characters are escaped, so
    the index never lists two lines that look the same.
    """
    from workbook.responses.reshape import clean_id

    if pid.isascii() and pid.isprintable() and pid == pid.strip():
        return ""
    if clean_id(pid) == pid and pid.isprintable():
        return ""
    return f"{ascii(pid)} as given; "


def _own_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One participant's rows standing alone: copied, renumbered, without the file's notes.

    ``attrs`` of a loaded table describe the whole file (rows left out, their problems), so
    they never travel with one person's rows.
    """
    own = rows.reset_index(drop=True).copy(deep=True)
    own.attrs = {}
    return own


def _run_with_inputs(out, todo, inputs, **kwargs) -> list:
    """Run the jobs, each with its participant's rows.

    Forked children get their rows in memory (:attr:`Job.rows`, read once by the batch);
    a report in a kernel of its own reads them from a private file in ``out``, removed
    afterwards.
    """
    if not todo:
        return []
    out.mkdir(parents=True, exist_ok=True)
    if (kwargs.get("isolation") or DEFAULT_ISOLATION) == "fork":
        ready = [
            dataclasses.replace(job, rows=inputs[job.key],
                                parameters={**job.parameters, "data": HANDED_OVER})
            if job.key in inputs and "data" in job.parameters else job
            for job in todo
        ]
        return run_jobs(ready, n_jobs=kwargs.get("jobs"), progress=kwargs.get("progress"),
                        isolation=kwargs.get("isolation"), pool=kwargs.get("pool"),
                        prepare=prepare_worker)
    with tempfile.TemporaryDirectory(dir=out, prefix=".work-") as work:
        ready = []
        for n, job in enumerate(todo):
            if job.key in inputs and "data" in job.parameters:
                path = Path(work) / f"{n}.csv"
                write_csv(inputs[job.key], path, guard=False)
                job = Job(**{**job.__dict__, "parameters": {**job.parameters, "data": str(path)}})
            ready.append(job)
        return run_jobs(ready, n_jobs=kwargs.get("jobs"), progress=kwargs.get("progress"),
                        isolation=kwargs.get("isolation"), pool=kwargs.get("pool"),
                        prepare=prepare_worker)


def _ordered(keys, outcomes) -> list:
    order = {k: n for n, k in enumerate(keys)}
    return sorted(outcomes, key=lambda o: order.get(o.key, len(order)))


def _setup(out, instrument, default_template, template, pdf):
    """What both kinds of report start from.

    Returns the output folder, the instrument, the template, the instrument file to pass to
    the notebook, notes about PDF, and whether PDFs can be made.
    """
    notes = _pdf_notes(pdf)
    check_out(Path(out))
    return (
        Path(out),
        resolve(instrument),
        template_path(default_template, template).resolve(),
        _instrument_file(instrument),
        notes,
        pdf and not notes,
    )


def check_out(out: Path) -> None:
    """Refuse an output folder that cannot be made or written, before any work (nothing made).

    Raises
    ------
    ReportError
        ``cannot write to OUT: reason``, as every command says it.
    """
    existing = next((p for p in (out, *out.absolute().parents) if p.exists()), None)
    if existing is None:
        return
    if not existing.is_dir():
        raise ReportError(f"cannot write to {out}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ReportError(f"cannot write to {out}: permission denied on {existing}")


def _private_folders(out: Path, *, make: bool) -> None:
    """The kit's folders under ``out`` whose file names are participant ids, 0700.

    ``participants/`` (made when ``make``) and ``stale/``: their listings name everyone
    (the reports inside are 0600 already). One made by an earlier version with the umask's
    0755 is tightened; a symbolic link is left alone (:func:`_inside` refuses to write
    through it).
    """
    for name in (PARTICIPANTS_DIR, STALE_DIR):
        folder = out / name
        if make and name == PARTICIPANTS_DIR and not folder.exists():
            out.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=0o700)
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o700)


@contextlib.contextmanager
def _writing(out: Path):
    """Turn a failed write into ``cannot write to OUT: reason`` (a :class:`ReportError`)."""
    try:
        yield
    except OSError as exc:
        raise ReportError(f"cannot write to {out}: {exc.strerror or exc}") from None


def _pdf_notes(pdf: bool) -> list:
    if not pdf:
        return []
    from workbook.reports.pdf import find_chromium, no_chromium_message

    return [] if find_chromium() else [no_chromium_message()]


def cohort_report(
    data=None,
    out="reports",
    *,
    by=None,
    min_group: int = 5,
    workspace=None,
    instrument=None,
    mapping=None,
    skip_invalid: bool = False,
    pdf: bool = False,
    force: bool = False,
    isolation: str | None = None,
    template=None,
    keep=None,
    dates=None,
    sheet=None,
) -> ReportRun:
    """Make the cohort report: group figures only, no ids, names or written answers.

    Parameters
    ----------
    data, out, workspace, instrument, mapping, skip_invalid, pdf, force, isolation, template
        As for :func:`participant_reports`; so are ``keep``, ``dates`` and ``sheet``.
    by : str, optional
        A column to compare groups by (e.g. ``cohort``).
    min_group : int
        Groups smaller than this show their size but no statistics.

    Returns
    -------
    ReportRun
    """
    out, inst, template, inst_file, notes, pdf = _setup(
        out, instrument, COHORT_TEMPLATE, template, pdf
    )
    check_index(out, force=force)
    # a worker warms up while we read
    pool = start_workers("cohort", isolation=isolation, prepare=prepare_worker)
    try:
        job = _cohort_job(data, out, by=by, workspace=workspace, inst=inst, template=template,
                          inst_file=inst_file, mapping=mapping, skip_invalid=skip_invalid,
                          min_group=min_group, pdf=pdf,
                          reading={"keep": keep, "dates": dates, "sheet": sheet})
        with _writing(out):
            if not force and is_current(job):
                outcomes = [Outcome(job.key, job.target, "skipped", pdf=job.pdf)]
            else:
                check_pages([job.target], force=force)
                out.mkdir(parents=True, exist_ok=True)
                outcomes = run_jobs([job], n_jobs=1, isolation=isolation, pool=pool,
                                    prepare=prepare_worker)
            return _finish(out, "cohort", outcomes, notes, inst=inst)
    finally:
        pool.close()


#: What every page the kit writes has in its head (html.py's template, since the first one;
#: the page is written with the attributes in either order).
KIT_PAGE_MARK = re.compile(r'<meta\s+(?:name="generator"\s+content="Readiness Workbook"|'
                           r'content="Readiness Workbook"\s+name="generator")\s*/?>')


def check_pages(targets, *, force: bool = False) -> None:
    """Refuse to replace a report page the kit did not write, before any work (attacks5 C25).

    As for the index page (:func:`workbook.reports.index.check_index`): a page at a report's
    place without the kit's mark is someone's own (a hand-made cohort.html, say) and would be
    lost; ``force`` replaces it.

    Raises
    ------
    ReportError
        Naming the pages (up to five).
    """
    if force:
        return
    foreign = []
    for target in map(Path, targets):
        if not target.exists() and not target.is_symlink():
            continue
        try:
            with open(target, "rb") as fh:
                head = fh.read(1 << 16).decode("utf-8", errors="replace")
        except OSError:
            head = ""
        if not (target.is_file() and KIT_PAGE_MARK.search(head)):
            foreign.append(str(target))
    if foreign:
        more = f" (and {len(foreign) - 5} more)" if len(foreign) > 5 else ""
        raise ReportError(
            f"{', '.join(foreign[:5])}{more}: not a report the kit wrote, and the kit writes a "
            "report there: nothing was made. Move it away, give another --out, or pass "
            "--force to replace it")


def _cohort_job(data, out, *, by, workspace, inst, template, inst_file, mapping, skip_invalid,
                min_group, pdf, reading=None) -> Job:
    """The cohort report's job (reads the data to check ``by`` and to hash it)."""
    if workspace is not None:
        table = workspace_table(workspace, inst)
        params = {"workspace": str(Path(workspace).resolve())}
    else:
        reading = {k: v for k, v in (reading or {}).items() if v is not None}
        table = load_table(data, inst, mapping=mapping, skip_invalid=skip_invalid, **reading)
        source = sample_path() if data is None else Path(data)
        params = {"data": str(source.resolve()),
                  "mapping": str(Path(mapping).resolve()) if mapping else None,
                  "skip_invalid": bool(skip_invalid)}
        if reading:  # the template reads the file again, the same way
            params["reading"] = reading
    from workbook.cohort.groups import check_grouping
    from workbook.cohort.rows import check_pairs
    from workbook.responses.group_labels import group_spellings

    if by is not None:
        # Before any work: no column that identifies people or holds answers (its groups
        # in one spelling each, as the report reads them).
        check_grouping(group_spellings(table, by)[0], by, instrument=inst)
    check_pairs(table)  # before any work: one answer per person and timepoint, or a refusal
    params.update(by=by, min_group=int(min_group), instrument=inst_file)
    target = _inside(out, out.resolve() / COHORT_FILE)
    return Job(
        key="cohort", template=str(template), parameters=params, target=str(target),
        title=wording.words(inst)["cohort_title"],
        footer=wording.words(inst)["footer_cohort"] + " "
        + wording.text(inst, "scored_with", name=inst.name, version=inst.version),
        digest=_digest(template, params, table.to_csv(index=False), inst_file),
        pdf=str(target.with_suffix(".pdf")) if pdf else None,
        meta={"workbook-report": "cohort"},
        lang=wording.words(inst)["lang"],
    )


def _finish(out: Path, kind: str, outcomes: list, notes: list, current=None,
            left_out=None, inst=None) -> ReportRun:
    """Record the outcomes in the manifest, retire stale reports, rewrite the index page.

    ``current``: every key (participant id) in the data; a report of anyone else is stale.
    ``left_out``: :func:`workbook.responses.io.left_out_sentence` of the data (the personal reports'
    run only), said on the index page until the next run of that kind.
    Failures are recorded with their :attr:`Outcome.shown` reason, which quotes nobody; the
    full reason goes to the log (and the caller's :class:`ReportRun`).
    """
    manifest = read_manifest(out)
    section = manifest.setdefault(kind, {})
    # The files this run's reports are (made or unchanged): never moved aside, whoever's entry
    # named them before (a renamed participant can get the file name of the old id).
    owned = {p.resolve() for o in outcomes if o.ok and o.target
             for p in (Path(o.target), Path(o.target).with_suffix(".pdf"))}
    stale = _retire_stale(out, section, current, owned) if current is not None else []
    renamed = _retire_renamed(out, section, outcomes, owned)
    emptied = _retire_emptied(out, section, outcomes, owned)
    now = dt.datetime.now().isoformat(timespec="seconds")
    for o in outcomes:
        if o.ok:
            entry = section.get(o.key, {}) if o.status == "skipped" else {"made": now}
            entry["file"] = Path(o.target).relative_to(out.resolve()).as_posix()
            entry["pdf"] = (Path(entry["file"]).with_suffix(".pdf").as_posix()
                            if o.pdf or (out / Path(entry["file"]).with_suffix(".pdf")).is_file()
                            else None)
            entry.pop("failed", None)
            section[o.key] = entry
        else:
            entry = {**section.get(o.key, {}), "failed": o.shown}
            if entry.get(EMPTIED_KEY) and o.public in NOTHING_TO_REPORT:
                entry["failed"] = o.shown + EMPTIED_SHOWN
            else:
                entry.pop(EMPTIED_KEY, None)
            section[o.key] = entry
            logger.info("report %s failed: %s", o.key, o.reason)
    if kind == "participants":
        if left_out:
            manifest[LEFT_OUT_KEY] = left_out
        else:
            manifest.pop(LEFT_OUT_KEY, None)
    out.mkdir(parents=True, exist_ok=True)
    atomic_write(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    index = write_index(out, manifest, inst)
    logger.info("%s: %d made, %d unchanged, %d failed", kind,
                sum(o.status == "made" for o in outcomes),
                sum(o.status == "skipped" for o in outcomes),
                sum(not o.ok for o in outcomes))
    return ReportRun(out=out, outcomes=outcomes, index=index, notes=notes, stale=stale,
                     renamed=renamed, emptied=emptied)


def _set_aside(out: Path, entry: dict, owned) -> bool:
    """Move an entry's report (and PDF) to ``out/stale/``; True if anything was moved.

    A file that is one of this run's reports (``owned``) stays where it is.
    """
    moved = False
    for name in (entry.get("file"), entry.get("pdf")):
        if not name:
            continue
        source = out / name
        if not source.is_file() or source.resolve() in owned \
                or not source.resolve().is_relative_to(out.resolve()):
            continue
        stale = _inside(out, out / STALE_DIR)
        stale.mkdir(mode=0o700, exist_ok=True)
        target = _inside(out, free_name(stale, Path(name).name))  # never over an earlier one
        os.replace(source, target)
        moved = True
    return moved


def _retire_stale(out: Path, section: dict, current, owned=frozenset()) -> list:
    """Move the reports of people no longer in the data to ``out/stale/``; return their keys.

    Their entries leave the manifest, so the index page no longer links them. Only keys whose
    files were moved are returned: an entry with no report (a failure, say, for an id that
    was never in the data) just leaves the index. A file that is one of this run's reports
    (``owned``: a renamed participant's new report can have the old id's file name) stays.
    """
    moved = []
    for key in sorted(k for k in section if k not in current):
        if _set_aside(out, section.pop(key), owned):
            moved.append(key)
            logger.info("moved the report of %s (no longer in the data) to %s/", key, STALE_DIR)
    return moved


#: A manifest entry's mark: its earlier report was moved to ``stale/`` as nothing of theirs is
#: left to report; the index says so beside why no report was made.
EMPTIED_KEY = "earlier_report_stale"
#: Added to the index page's reason for such a client (round 14a V21).
EMPTIED_SHOWN = f"; its earlier report was moved to {STALE_DIR}/"


#: The index's reasons of a report not made because nothing is there to report.
NOTHING_TO_REPORT = frozenset({NoSessionError.public, NothingSavedError.public, NO_ANSWERS})


def _retire_emptied(out: Path, section: dict, outcomes, owned) -> list:
    """Move aside the earlier report of anyone with nothing left to report; return the keys.

    A client whose every session was removed (``remove-session``), or whose rows now answer
    nothing, is still in the data, so :func:`_retire_stale` keeps their entry; but the
    report left in ``participants/`` shows the answers removed for good (round 14a V21).
    """
    moved = []
    for o in outcomes:
        entry = section.get(o.key)
        if o.ok or o.public not in NOTHING_TO_REPORT or not entry or not entry.get("file"):
            continue
        if _set_aside(out, entry, owned):
            moved.append(o.key)
            entry[EMPTIED_KEY] = True
            logger.info("moved the earlier report of %s (nothing of theirs left to report) "
                        "to %s/", o.key, STALE_DIR)
        entry.pop("file", None)
        entry.pop("pdf", None)
    return moved


def _retire_renamed(out: Path, section: dict, outcomes, owned) -> list:
    """Move aside the earlier file of a report made under another file name; return the keys.

    A participant's file name can change while their id stays (two ids whose safe names
    collided get a hash; once one is renamed, the other's plain name is free): the earlier
    file would stay beside the new one, unlinked.
    """
    moved = []
    for o in outcomes:
        entry = section.get(o.key)
        if not o.ok or not o.target or not entry or not entry.get("file"):
            continue
        if (out / entry["file"]).resolve() != Path(o.target).resolve() and \
                _set_aside(out, entry, owned):
            moved.append(o.key)
            logger.info("moved the earlier report file of %s (its name changed) to %s/",
                        o.key, STALE_DIR)
    return moved


def read_manifest(out) -> dict:
    """The record of reports made into ``out`` so far (empty if none or unreadable)."""
    path = Path(out) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
