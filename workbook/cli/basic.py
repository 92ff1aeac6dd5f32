"""``workbook items``, ``validate``, ``score`` and ``demo``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.cli.common import (
    ProgressBar,
    files_read,
    print_problems,
    reading_kwargs,
    reading_options,
    refuse,
    write_csv_kept,
)
from workbook.core import schema
from workbook.core.exceptions import InvalidDataError
from workbook.core.text import count

if TYPE_CHECKING:
    import pandas as pd

# The package's heavy modules (pandas, reading, scoring) are imported inside the commands that
# use them, so `workbook --help` and `workbook items` start quickly.
DEFAULT_DEMO_OUT = "workbook-demo"


def add_parser(sub) -> None:
    """Register the basic sub-commands."""
    p = sub.add_parser(
        "items", help="print the instrument's items as CSV",
        description="Print every statement of the instrument as CSV (one row per item: its "
        "id, ingredient, text and whether it is reverse-keyed), to check a survey's columns "
        "or build one.",
    )
    _instrument_option(p)
    p.set_defaults(func=cmd_items)

    p = sub.add_parser(
        "validate", help="check a response file and list every problem",
        description="Read a response file (canonical, long, Qualtrics, Google Forms or "
        "Microsoft Forms) and list every problem by row, column and value; exit 0 when there "
        "are none, 1 otherwise. Nothing is written.",
    )
    p.add_argument("data", metavar="DATA", help="response file (CSV or xlsx)")
    _instrument_option(p)
    _map_option(p)
    reading_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "score", help="score every response: ingredient scores, levels, verdict",
        description="Score every response of a file: each ingredient's score (0-100) and "
        "level, the verdict and the weakest ingredient, one row per response, as CSV. A file "
        "with problems is refused (see `workbook validate`) unless --skip-invalid is given. "
        "--out keeps every number as computed; printed, they show one decimal. pace_per_week "
        "is the plan's pace, the most conversations a week hours and energy allow, in "
        "hundredths rounded down as each person's plan counts it (2.5 hours at half pace: "
        "0.62).",
    )
    p.add_argument("data", metavar="DATA", help="response file (CSV or xlsx)")
    p.add_argument("--out", metavar="FILE",
                   help="write the scores to this CSV, every number as computed (default: "
                   "print, one decimal)")
    _instrument_option(p)
    _map_option(p)
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="leave out the rows that have problems instead of refusing the file (a row whose "
        "only problem is its hours is kept, its hours left empty)",
    )
    reading_options(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "demo", help="run the main job on the bundled synthetic sample",
        description="Score the bundled synthetic sample, print a short summary, and write "
        "the scores, a personal report per participant, a cohort report, an example coach's "
        "workspace and its follow-ups into one folder (--out). No real person's data.",
    )
    p.add_argument(
        "--out", metavar="DIR", default=DEFAULT_DEMO_OUT,
        help=f"folder for the results (default: ./{DEFAULT_DEMO_OUT})",
    )
    p.set_defaults(func=cmd_demo)


def _instrument_option(parser) -> None:
    parser.add_argument(
        "--instrument", metavar="FILE", help="an instrument file (default: the kit's own)"
    )


def _map_option(parser) -> None:
    parser.add_argument(
        "--map", metavar="FILE", dest="mapping",
        help="mapping file: columns 'column,item_id' naming what a survey export's columns hold",
    )


def cmd_items(args) -> int:
    """Print the item table as CSV."""
    from workbook.core.files import csv_rows_text
    from workbook.core.instrument import ITEM_COLUMNS, load_instrument

    rows = load_instrument(args.instrument).item_rows()
    sys.stdout.write(csv_rows_text(ITEM_COLUMNS, rows))
    return 0


def cmd_validate(args) -> int:
    """List every problem of a response file; exit 1 if there are any."""
    from workbook.core.instrument import load_instrument
    from workbook.responses.io import read_responses

    data, problems = read_responses(
        args.data, load_instrument(args.instrument), mapping=args.mapping, **reading_kwargs(args)
    )
    for line in data.attrs["matches"].lines():
        print(line)
    if problems:
        print(f"{args.data}: {_problems_summary(problems)}")
        print_problems(problems, limit=None, stream=sys.stdout)
        return 1
    print(f"{args.data}: no problems in {len(data)} response(s)")
    return 0


def _problems_summary(problems) -> str:
    """``2 problems on 2 rows``, ``1 problem with the file``, or both kinds together."""
    rows = {p.row for p in problems if p.row is not None}
    where = []
    if rows:
        where.append(f"on {count(len(rows), 'row')}")
    if any(p.row is None for p in problems):
        where.append("with the file")
    return f"{count(len(problems), 'problem')} {' and '.join(where)}"


def cmd_score(args) -> int:
    """Score a response file; write CSV to --out or standard output."""
    from workbook.core.files import refuse_record_target
    from workbook.core.instrument import load_instrument
    from workbook.responses.io import load_responses, skipped_line

    if args.out:  # never over a client's record (attacks2 N10) nor the file read (B16)
        refuse_record_target(args.out, reads=files_read(args))
    instrument = load_instrument(args.instrument)
    try:
        data = load_responses(
            args.data, instrument, mapping=args.mapping, skip_invalid=args.skip_invalid,
            **reading_kwargs(args),
        )
    except InvalidDataError as exc:
        return refuse(exc, args.data, "scored", "score")
    said = skipped_line(data)  # rows left out, and rows kept with their hours left empty
    if said:
        print(said, file=sys.stderr)
    scores = score_table(data, instrument)
    if args.out:  # a file there the kit did not write is kept first (round 12a P10)
        write_csv_kept(scores, args.out)
        print(f"wrote {len(scores)} scored response(s) to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(scores_text(scores, terminal=sys.stdout.isatty()))
    return 0


def scores_text(scores: pd.DataFrame, *, terminal: bool = False) -> str:
    """``workbook score``'s CSV as printed: one decimal; on a terminal, text made printable.

    The ids and labels come from the file: on a terminal each control character is written
    as its escape (:func:`workbook.core.text.printable`), so a cell cannot clear the screen or set
    the title; piped or redirected, the data goes out as it is.
    """
    import pandas as pd

    from workbook.core.files import csv_text
    from workbook.core.text import printable

    if terminal:
        scores = scores.copy()
        for column in scores.columns:
            if not pd.api.types.is_numeric_dtype(scores[column].dtype):
                scores[column] = scores[column].map(
                    lambda v: printable(v) if isinstance(v, str) else v)
        scores.columns = [printable(c) for c in scores.columns]
    return csv_text(scores, float_format="%.1f")


#: The column of ``workbook score`` that records the instrument version that scored each row.
VERSION_COLUMN = "instrument_version"


def score_table(data: pd.DataFrame, instrument) -> pd.DataFrame:
    """Scores in the command's column order, at full precision (round only to show them)."""
    import pandas as pd

    from workbook.core.advice import table_flags
    from workbook.core.scoring import score

    scores = score(data, instrument)
    ids = list(instrument.ingredient_ids)
    first = [schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT]
    levels = [schema.level_column(i) for i in ids]
    answered = [schema.answered_column(i) for i in ids]
    verdict = [schema.VERDICT, schema.WEAKEST, schema.FOCUS]
    # The plan's columns (workbook.core.advice, as the profile and the report read it): the most
    # conversations a week hours and energy allow, near-the-line and answer-pattern flags,
    # and which instrument version scored the row.
    plan = table_flags(data, scores, instrument)
    table = pd.concat([scores[first + ids + levels + verdict + answered], plan], axis=1)
    from workbook.core.versions import row_versions

    table[VERSION_COLUMN] = row_versions(data, instrument)  # each row's own (scored as asked)
    return table


def cmd_demo(args) -> int:
    """Score the bundled sample, print a short summary, and make every report."""
    from workbook.core.files import refuse_record_target, write_csv
    from workbook.core.instrument import load_instrument
    from workbook.responses.datasets import sample_path
    from workbook.responses.io import load_responses
    from workbook.session.sample_workspace import check_sample_workspace

    out = refuse_record_target(Path(args.out))  # never in a client's folder (attacks2 N10)
    # answers saved since into the sample clients' folders are never replaced: refused first
    check_sample_workspace(out / "workspace")
    path = sample_path()
    instrument = load_instrument()
    data = load_responses(path, instrument)
    scores = score_table(data, instrument)
    target = write_csv(scores, out / "scores.csv")
    print(f"Scored {len(scores)} responses from the bundled synthetic sample ({path.name}).")
    print(summary_text(data, instrument))
    print(f"\nScores written to {target.resolve()}")
    from workbook.reports import cohort_report, participant_reports

    reports = out / "reports"
    bar = ProgressBar()
    try:
        people = participant_reports(path, reports, instrument=instrument, progress=bar)
    finally:
        bar.close()
    group = cohort_report(path, reports, by="cohort", instrument=instrument)
    failed = people.failed + group.failed
    for o in failed:
        print(f"  failed: {o.key}: {o.reason}", file=sys.stderr)
    print(f"Made a cohort report and {len(people.outcomes) - len(people.failed)} personal "
          f"reports. Open this page in a browser to read them all:\n{group.index.resolve()}")
    demo_followups(out, instrument)
    return 1 if failed else 0


def demo_followups(out: Path, instrument) -> None:
    """Make the sample workspace in ``out/workspace`` and list its follow-ups (and a calendar)."""
    from workbook.cli.followups import followups, lines, write_ics
    from workbook.session.sample_workspace import sample_workspace

    workspace = sample_workspace(out / "workspace")
    found = followups(workspace, instrument=instrument)
    ics = write_ics(found, out / "followups.ics")
    print(f"\nA sample coaching workspace of four clients is in {workspace.resolve()}; "
          "their follow-ups (`workbook followups`):")
    print("\n".join(lines(found)))
    print(f"The same follow-ups as a calendar file: {ics.resolve()}")


def summary_text(data: pd.DataFrame, instrument) -> str:
    """A few lines: mean score per ingredient and the verdict mix, by timepoint.

    The figures are the cohort's own (:func:`workbook.cohort.analysis.analyse`): the people its
    tables leave out so that no one can be singled out are left out here too, so the lines
    say what ``summary.csv``, ``verdicts.csv`` and the cohort report say (round 13c T18).
    """
    import pandas as pd

    from workbook.cohort.analysis import analyse

    tables = analyse(data, instrument=instrument)
    summary, mix = tables["summary"], tables["verdicts"]
    has_time = schema.TIMEPOINT in summary.columns
    points = summary[schema.TIMEPOINT].unique() if has_time else [None]
    lines = []
    for timepoint in points:
        rows = summary[summary[schema.TIMEPOINT] == timepoint] if has_time else summary
        counts = mix[mix[schema.TIMEPOINT] == timepoint] if has_time else mix
        name = "(none)" if timepoint is None else timepoint
        lines.append(f"\n{name} ({int(rows['n_responses'].iloc[0])} responses)")
        left = 0
        for ing in instrument.ingredients:
            row = rows[rows["ingredient"] == ing.id]
            mean = row["mean"].iloc[0] if len(row) else float("nan")
            shown = "  -  " if pd.isna(mean) else f"{mean:5.1f}"
            n = int(row["n"].iloc[0]) if len(row) else 0
            left = max(left, int(row["n_not_shown"].iloc[0]) if len(row) else 0)
            lines.append(f"  {ing.name:<12} mean {shown} / 100  ({n} scored)")
        by_verdict = dict(zip(counts["verdict"], counts["count"]))
        lines.append(
            "  verdicts: " + ", ".join(
                f"{instrument.verdict_name(v)} "
                f"{'-' if pd.isna(by_verdict.get(v)) else int(by_verdict.get(v, 0))}"
                for v in schema.VERDICTS)
        )
        if left:
            lines.append("  (people who answered an ingredient only once are left out of "
                         "its mean and of the verdicts here, as in the cohort report)")
    return "\n".join(lines)
