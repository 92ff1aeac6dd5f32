"""Run many report notebooks fast, each one isolated, and never let one failure stop the rest.

Kernel start-up and imports dominate a small report, so they are paid once per worker, not
once per report:

- a pool of worker *processes* (fresh interpreters, :mod:`workbook.reports.worker`: no
  inherited state, and the caller's ``__main__`` is never imported) imports pandas,
  nbconvert, papermill and the kit once, compiles the HTML template once and makes the
  engine's IPython shell once (never running a cell in it). The first worker starts before
  the batch reads its data (:func:`start_workers`), so its warm-up overlaps that work;
- this module knows how to run a job, not what a report is made of: the caller, which knows
  the kinds of report (:mod:`workbook.reports.batch`), gives ``prepare(kinds)``, the
  imports a worker pays once for them;
- for each report a worker forks a fresh child, which takes its participant's rows from the
  job in memory (:func:`workbook.reports.inputs.hand_over`), runs the notebook in-process
  through papermill with :mod:`workbook.reports.engine`, exports the HTML and exits. The child
  starts from the worker's clean state, never from another report's, so nothing of one
  participant can reach another's report; a crash or a hang (it is killed after a timeout)
  costs one report, not the batch.

Where ``fork`` does not exist, each report runs in its own Jupyter kernel instead (slower,
equally isolated).
"""

from __future__ import annotations

import functools
import json
import os
import select
import signal
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbook.core.exceptions import ReportError, WorkbookError
from workbook.core.files import atomic_write
from workbook.core.log import logger
from workbook.reports.worker import Pool

#: Seconds one report may take before its child is stopped.
REPORT_TIMEOUT = 300.0
#: ``fork`` where the platform has it; else a kernel per report.
DEFAULT_ISOLATION = "fork" if hasattr(os, "fork") else "kernel"


@dataclass(frozen=True)
class Job:
    """One report to make.

    Attributes
    ----------
    key : str
        Participant id, or ``"cohort"``.
    template : str
        Path of the template notebook.
    parameters : dict
        Papermill parameters.
    target : str
        Path of the HTML file to write.
    title, footer : str
        Page title and footer line.
    digest : str
        Hash of everything the report depends on (template, parameters, rows, code).
    pdf : str or None
        Path of the PDF to print, if wanted.
    meta : dict
        Extra ``<meta>`` entries of the page.
    rows : DataFrame or None
        The participant's own rows, handed to the report's child process in memory
        (:func:`workbook.reports.inputs.hand_over`) instead of through a file; ``None`` when
        the template reads its data itself.
    """

    key: str
    template: str
    parameters: dict
    target: str
    title: str
    footer: str
    digest: str
    pdf: str | None = None
    meta: dict = field(default_factory=dict)
    rows: object = field(default=None, repr=False, compare=False)
    #: The language of the page's words (``[words.report] lang``).
    lang: str = "en"


@dataclass
class Outcome:
    """What happened to one job: ``made``, ``skipped`` (unchanged) or ``failed``.

    ``reason`` says why a report failed in full, for the person running the batch; it may
    quote a participant's answers (an error message often does). ``public`` is what may be
    shown on the index page beside the other reports: it never quotes participant text.
    """

    key: str
    target: str
    status: str
    reason: str = ""
    seconds: float = 0.0
    pdf: str | None = None
    public: str = ""

    @property
    def ok(self) -> bool:
        """True unless the report failed."""
        return self.status != "failed"

    @property
    def shown(self) -> str:
        """Why it failed, in words that quote nobody (for the index page)."""
        return self.public or FAILED_UNSHOWN


#: The index page's reason for a failure whose own message may quote someone's answers.
FAILED_UNSHOWN = ("could not be made; the reason was given where the reports were made "
                  "(it is not repeated here, as it may quote someone's answers)")


class _Plain(ReportError):
    """A failure the runner itself describes: its message quotes no participant text."""


# -- one report ----------------------------------------------------------------------------
def render(job: Job, *, isolation: str = "fork"):
    """Execute a job's notebook and write its HTML (in the calling process).

    Returns the executed notebook. With ``isolation="fork"`` this must run in a process of
    its own (see :func:`run_isolated`); ``"kernel"`` starts a Jupyter kernel.
    """
    import papermill

    from workbook.reports.engine import ENGINE_NAME, register
    from workbook.reports.html import export_html

    kwargs = {"kernel_name": "python3", "progress_bar": False}
    if isolation == "fork":
        register()
        kwargs["engine_name"] = ENGINE_NAME
    try:
        nb = papermill.execute_notebook(_template(job.template), None,
                                        parameters=job.parameters, **kwargs)
    except papermill.PapermillExecutionError as exc:
        raise ReportError(f"{exc.ename}: {exc.evalue}") from None
    page = export_html(nb, title=job.title, meta={**job.meta, "workbook-digest": job.digest},
                       footer=job.footer, lang=job.lang)
    atomic_write(job.target, page)
    return nb


def _template(path):
    """The template notebook, each cell with an id (in memory; the file is left as it is).

    A cell added by hand to a template of nbformat 4.5 or later often has no ``id``, and
    nbformat then prints its raw ``MissingIDFieldWarning`` (with its source line) when
    papermill reads it, where ``nbformat.validator.normalize`` warns the same: the missing
    ids are given here, unique within the notebook, before papermill sees it.
    """
    import json

    import nbformat

    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    cells = data.get("cells") if isinstance(data, dict) else None
    if isinstance(cells, list) and (data.get("nbformat"), data.get("nbformat_minor", 0)) >= (4, 5):
        taken = {c.get("id") for c in cells if isinstance(c, dict)}
        for n, cell in enumerate(cells):
            if isinstance(cell, dict) and not cell.get("id"):
                new = f"workbook-cell-{n}"
                while new in taken:
                    new += "-"
                cell["id"] = new
                taken.add(new)
    return nbformat.from_dict(data)


def run_isolated(job: Job, *, timeout: float = REPORT_TIMEOUT) -> None:
    """Render a job in a forked child of this process; raise :class:`ReportError` on failure."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, report back, and leave without cleanup handlers
        os.close(read_end)
        code = 0
        try:
            if job.rows is not None:
                from workbook.reports.inputs import hand_over

                hand_over(job.rows)
            render(job, isolation="fork")
            status = {"ok": True}
        except WorkbookError as exc:
            status = {"ok": False, "reason": str(exc)}
        except BaseException as exc:  # noqa: BLE001 - the child must always report back
            status = {"ok": False, "reason": f"{type(exc).__name__}: {exc}",
                      "trace": traceback.format_exc(limit=5)}
        try:
            os.write(write_end, json.dumps(status).encode())
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        raw = _read_with_timeout(read_end, timeout)
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise _Plain(f"took longer than {timeout:g}s and was stopped") from None
    finally:
        os.close(read_end)
    _, wait_status = os.waitpid(pid, 0)
    if not raw:
        if os.WIFSIGNALED(wait_status):
            raise _Plain(f"the report process crashed (signal {os.WTERMSIG(wait_status)})")
        raise _Plain("the report process ended without saying why")
    status = json.loads(raw)
    if not status["ok"]:
        if status.get("trace"):
            logger.debug("report %s failed:\n%s", job.key, status["trace"])
        raise ReportError(status["reason"])


def _read_with_timeout(fd: int, timeout: float) -> bytes:
    chunks, deadline = [], time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


# -- the pool ------------------------------------------------------------------------------
def _warm_up(isolation: str, kinds=("participant", "cohort"), prepare=None) -> None:
    """Pay the imports once per worker and make the shell every child starts from.

    ``kinds`` are the kinds of report the worker will make (``job.meta["workbook-report"]``);
    ``prepare(kinds)``, when given, pays what those reports need (their modules, a first
    figure). Touches no participant data.
    """
    import papermill  # noqa: F401

    from workbook.reports.html import warm_up

    warm_up()
    if prepare is not None:
        prepare(kinds)
    if isolation == "fork":  # the engine and its shell, made once and never run here
        from workbook.reports.engine import new_shell, register

        register()
        new_shell()
    logger.debug("report worker %d ready (%s)", os.getpid(), isolation)


def _work(job: Job, isolation: str, timeout: float) -> Outcome:
    """A worker's task: render one job, then print its PDF if asked; never raise."""
    start = time.perf_counter()
    outcome = Outcome(job.key, job.target, "made")
    try:
        if isolation == "fork":
            run_isolated(job, timeout=timeout)
        else:
            render(job, isolation="kernel")
    except _Plain as exc:
        outcome.status, outcome.reason, outcome.public = "failed", str(exc), str(exc)
    except WorkbookError as exc:
        outcome.status, outcome.reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 - one report's failure is reported, not raised
        outcome.status, outcome.reason = "failed", f"{type(exc).__name__}: {exc}"
    if outcome.ok and job.pdf:
        outcome.pdf = _pdf(job, outcome)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _pdf(job: Job, outcome: Outcome) -> str | None:
    from workbook.reports.pdf import print_pdf

    try:
        return str(print_pdf(job.target, job.pdf))
    except WorkbookError as exc:
        outcome.status, outcome.reason = "failed", f"PDF: {exc}"
        outcome.public = "the PDF could not be printed"
        return None


def _isolation(isolation: str | None) -> str:
    isolation = isolation or DEFAULT_ISOLATION
    if isolation not in ("fork", "kernel"):
        raise ReportError(f"isolation must be 'fork' or 'kernel', not {isolation!r}")
    return isolation


def _pool(workers: int, isolation: str, kinds, prepare) -> Pool:
    """A pool whose workers warm up with ``prepare`` and run each job with :func:`_work`."""
    warm_up = _warm_up if prepare is None else functools.partial(_warm_up, prepare=prepare)
    return Pool(workers, isolation, _stopped, kinds, warm_up=warm_up, work=_work)


def start_workers(kind: str, *, isolation: str | None = None, prepare=None) -> Pool:
    """Start one worker for ``kind`` reports now, to warm up while the jobs are prepared.

    ``prepare(kinds)``: what a worker imports once for these kinds of report (a function of
    a module: it is sent to the worker by reference). Give the pool to :func:`run_jobs`;
    call its ``close()`` when done (it stops the worker if no job came).
    """
    return _pool(1, _isolation(isolation), (kind,), prepare).prestart(1)


def run_jobs(jobs, *, n_jobs: int | None = None, progress=None, isolation: str | None = None,
             timeout: float = REPORT_TIMEOUT, pool: Pool | None = None,
             prepare=None) -> list:
    """Run jobs on a pool of worker processes.

    Parameters
    ----------
    jobs : list of Job
    n_jobs : int, optional
        Reports made at once; default: the number of cores.
    progress : callable, optional
        ``progress(done, total, outcome)``: called once with ``(0, total, None)`` before the
        first report, then with each :class:`Outcome` as it completes (the CLI's progress bar).
    isolation : {"fork", "kernel"}, optional
        How each report is kept apart; default :data:`DEFAULT_ISOLATION`.
    timeout : float
        Seconds one report may take.
    pool : Pool, optional
        Workers started ahead (:func:`start_workers`), used first; more are started as
        ``n_jobs`` asks.
    prepare : callable, optional
        ``prepare(kinds)``, paid once by each new worker (see :func:`start_workers`).

    Returns
    -------
    list of Outcome
        In the order of ``jobs``.
    """
    jobs = list(jobs)
    if not jobs:
        return []
    isolation = _isolation(isolation if pool is None else pool.isolation)
    workers = max(1, min(int(n_jobs or os.cpu_count() or 1), len(jobs)))
    results = {}
    if progress is not None:
        progress(0, len(jobs), None)
    kinds = sorted({str(job.meta.get("workbook-report", "cohort")) for job in jobs})
    if pool is None or not set(kinds) <= set(pool.kinds):
        if pool is not None:
            pool.close()
        pool = _pool(workers, isolation, kinds, prepare)
    pool.workers = workers
    for i, outcome in pool.run(jobs, timeout):
        results[i] = outcome
        if progress is not None:
            progress(len(results), len(jobs), outcome)
    return [results[i] for i in range(len(jobs))]


def _stopped(job: Job, reason: str) -> Outcome:
    return Outcome(job.key, job.target, "failed", f"the worker stopped: {reason}",
                   public="the process making it stopped")


def outcome_dict(outcome: Outcome) -> dict:
    """An outcome as plain data (for the manifest)."""
    return asdict(outcome)


def is_current(job: Job) -> bool:
    """True when the job's HTML exists and was made from the same inputs (same digest)."""
    path = Path(job.target)
    if not path.is_file():
        return False
    if job.pdf and not Path(job.pdf).is_file():
        return False
    try:
        with path.open(encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return "workbook-digest" in head and f'"{job.digest}"' in head
