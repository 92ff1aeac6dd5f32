"""``workbook report participants`` and ``workbook report cohort``.

A thin wrapper over :mod:`workbook.reports`: it parses the options, shows a progress bar and
prints what was made and what failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbook.cli.common import ProgressBar, files_read, reading_kwargs, reading_options, refuse
from workbook.core import schema
from workbook.core.exceptions import InvalidDataError, WorkbookError
from workbook.core.text import count

DEFAULT_OUT = "reports"


def _jobs(text: str) -> int:
    """``--jobs``: a whole number, 1 or more (argparse says what was wrong, exit 2)."""
    import argparse

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of reports made at once, 1 or more, not {text!r}"
        ) from None
    if n < 1:
        raise argparse.ArgumentTypeError(
            f"must be 1 or more (the reports made at once), not {n}; leave it out to use "
            "every core")
    return n


def add_parser(sub) -> None:
    """Register ``workbook report``."""
    p = sub.add_parser(
        "report",
        help="make finished HTML reports: one per participant, or one for the cohort",
        description="Make standalone HTML reports (no code, images embedded, readable "
        "offline) from the report notebooks, plus an index.html linking them all.",
    )
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)

    pp = kinds.add_parser("participants", help="a personal report for each participant")
    _common(pp)
    pp.add_argument("--participant", metavar="ID", action="append", dest="participant_ids",
                    help="only this participant (repeat for several)")
    pp.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                    help="reports made at once, 1 or more (default: the number of cores)")
    pp.set_defaults(func=cmd_participants)

    pc = kinds.add_parser("cohort", help="one report on the whole group (no ids or names)")
    _common(pc)
    pc.add_argument("--by", metavar="COL", help="compare groups by this column, e.g. cohort")
    pc.add_argument("--min-group", type=int, default=schema.MIN_GROUP, metavar="K",
                    help="groups smaller than K show their size but no figures (default 5)")
    pc.set_defaults(func=cmd_cohort)


def _common(p) -> None:
    p.add_argument("data", metavar="DATA", nargs="?", help="response file (CSV or xlsx)")
    p.add_argument("--workspace", metavar="DIR", help="a coach's workspace instead of DATA")
    p.add_argument("--out", metavar="DIR", default=DEFAULT_OUT,
                   help=f"output folder; nothing is written outside it (default: ./{DEFAULT_OUT})")
    p.add_argument("--pdf", action="store_true",
                   help="also print each report to PDF with a system Chromium")
    p.add_argument("--force", action="store_true",
                   help="remake reports whose inputs have not changed, and replace an "
                   "index.html in the output folder that the kit did not write")
    p.add_argument("--instrument", metavar="FILE",
                   help="an instrument file (default: the kit's own)")
    p.add_argument("--templates", metavar="DIR",
                   help="your own copy of the report templates (made with `workbook init`)")
    p.add_argument("--map", metavar="FILE", dest="mapping",
                   help="column mapping for a survey export (as for workbook cohort)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="leave out the rows that have problems instead of refusing the file")
    reading_options(p)


def _reading(args, func) -> dict:
    """The reading options given (--keep, --dates, --sheet), if ``func`` takes them."""
    import inspect

    given = {k: v for k, v in reading_kwargs(args).items() if v is not None}
    takes = inspect.signature(func).parameters
    for key in given:
        if key not in takes:
            raise WorkbookError(f"workbook report cannot use --{key} yet; fix the file instead "
                                f"(`workbook validate` lists what --{key} would settle)")
    return given


def _source(args) -> dict:
    if args.data and args.workspace:
        raise WorkbookError("give DATA or --workspace, not both")
    if not args.data and not args.workspace:
        raise WorkbookError("give a response file (DATA) or a coach's workspace (--workspace DIR)")
    instrument = args.instrument
    if args.workspace:  # without --instrument, the one the workspace was started with
        from workbook.session.instrument_record import workspace_instrument

        instrument, said = workspace_instrument(args.workspace, args.instrument)
        if said:
            print(said, file=sys.stderr)
    return {"data": args.data, "workspace": args.workspace, "instrument": instrument,
            "mapping": args.mapping, "skip_invalid": args.skip_invalid, "pdf": args.pdf,
            "force": args.force, "template": args.templates}


def cmd_participants(args) -> int:
    """Make a personal report for each participant."""
    from workbook.core.files import refuse_record_target
    from workbook.reports import participant_reports

    # never in a client's folder (attacks2 N10), never a file it reads (attacks4 B16)
    refuse_record_target(args.out, reads=files_read(args))
    bar = ProgressBar()
    try:
        run = participant_reports(out=args.out, participant_ids=args.participant_ids,
                                  jobs=args.jobs, progress=bar, **_source(args),
                                  **_reading(args, participant_reports))
    except InvalidDataError as exc:  # listed as `score` and `cohort` list them
        return refuse(exc, args.data or args.workspace, "made", "report on")
    finally:
        bar.close()
    return summarise(run, "personal report")


def cmd_cohort(args) -> int:
    """Make the cohort report."""
    from workbook.core.files import refuse_record_target
    from workbook.reports import cohort_report

    if args.min_group < 1:
        raise WorkbookError(f"--min-group must be 1 or more, not {args.min_group}")
    # never in a client's folder (attacks2 N10), never a file it reads (attacks4 B16)
    refuse_record_target(args.out, reads=files_read(args))
    try:
        run = cohort_report(out=args.out, by=args.by, min_group=args.min_group,
                            **_source(args), **_reading(args, cohort_report))
    except InvalidDataError as exc:  # listed as `score` and `cohort` list them
        return refuse(exc, args.data or args.workspace, "made", "report on")
    return summarise(run, "cohort report")


def plain_reason(reason: str) -> str:
    """A report's failure as a person reads it: without the kit's error class name.

    A report's notebook that stops on the kit's own refusal (``DataError: the file mixes
    ...``) says the refusal only (round 9a H9); Python's own errors (a fault in the kit)
    keep their name, for whoever reports it.

    >>> plain_reason("DataError: the file mixes a workshop's answers")
    "the file mixes a workshop's answers"
    >>> plain_reason("KeyError: 'hope'")
    "KeyError: 'hope'"
    """
    import builtins
    import re

    head, sep, rest = reason.partition(": ")
    if sep and re.fullmatch(r"[A-Z]\w*Error", head) and not hasattr(builtins, head):
        return rest
    return reason


def summarise(run, what: str, stream=None) -> int:
    """Print what was made, what was unchanged and what failed (with why); return the status."""
    stream = stream or sys.stdout
    made, skipped, failed = len(run.made), len(run.skipped), run.failed
    parts = [f"made {count(made, what)}"]
    if skipped:
        parts.append(f"{skipped} unchanged (use --force to remake them)")
    if failed:
        parts.append(f"{len(failed)} failed")
    print(", ".join(parts) + ".", file=stream)
    for o in failed:
        print(f"  failed: {o.key}: {plain_reason(o.reason)}", file=sys.stderr)
    if getattr(run, "stale", None):
        print(f"moved {count(len(run.stale), 'report')} of people no longer in the data to "
              f"{Path(run.out) / 'stale'} (no longer on the index page).", file=stream)
    for key in getattr(run, "emptied", None) or ():
        print(f"moved the earlier report of {key} to {Path(run.out) / 'stale'}: nothing of "
              "theirs is left to report (no longer on the index page).", file=stream)
    if getattr(run, "renamed", None):
        print(f"moved {count(len(run.renamed), 'earlier report file')} whose name changed to "
              f"{Path(run.out) / 'stale'}.", file=stream)
    for note in run.notes:
        print(f"workbook: --pdf: {note}", file=sys.stderr)
    if run.index is not None:
        print(f"Open {Path(run.index).resolve()}", file=stream)
    return 1 if failed or run.notes else 0
