"""``workbook validity``: whether readiness predicts going on to talk to someone.

A light wrapper over :func:`workbook.cohort.validity.validity` and
:func:`workbook.cohort.validity_plots.roc_chart`: it reads the file as ``workbook cohort`` does
(any supported export, the same checks), writes ``validity.csv``, ``validity_roc.csv`` and
the figure (``validity_roc.png`` and ``.svg``) and ``instrument.txt`` (the instrument's name
and version) into ``--out`` (files 0600) and prints a plain
summary. pandas, scipy, statsmodels and matplotlib are imported when the command runs.
"""

from __future__ import annotations

import sys

from workbook.cli.common import reading_options
from workbook.core import schema

MIN_GROUP = schema.MIN_GROUP


def add_parser(sub) -> None:
    """Register ``workbook validity``."""
    p = sub.add_parser(
        "validity",
        help="check readiness against what people then do: does it predict holding a "
        "conversation?",
        description="For a file with a conversations_held column (a workshop's after-survey, "
        "or `workbook export-clients`), ask whether readiness predicts going on to talk to "
        "anyone (one or more conversations held): per ingredient and for the verdict, the "
        "area under the ROC curve, the sensitivity and specificity at today's cut-offs, "
        "odds ratios, and the cut-off that would have separated best (provisional). Writes "
        "CSV tables and the ROC figure into --out. Nothing is shown unless at least "
        "--min-group people held a conversation and as many held none.",
    )
    p.add_argument("data", metavar="DATA",
                   help="responses with conversations_held: the kit's table, a workspace "
                   "export, or a Qualtrics, Google Forms or Microsoft Forms export")
    p.add_argument("--out", metavar="DIR", required=True, help="folder for tables and figure")
    p.add_argument("--map", metavar="FILE", dest="mapping",
                   help="mapping file: columns 'column,item_id' naming what columns hold")
    p.add_argument("--min-group", metavar="K", type=int, default=MIN_GROUP,
                   help="at least K people on each side of the outcome (default "
                   f"{MIN_GROUP})")
    p.add_argument("--skip-invalid", action="store_true",
                   help="leave out the rows that have problems instead of refusing the file")
    p.add_argument("--same-time", action="store_true",
                   help="with pre and post answers, read the post readiness against the "
                   "post conversations: whether the two go together, not a prediction "
                   "(default: the pre readiness)")
    p.add_argument("--instrument", metavar="FILE",
                   help="an instrument file (default: the kit's own)")
    reading_options(p)
    p.set_defaults(func=cmd_validity)


def cmd_validity(args) -> int:
    """Check readiness against conversations held; write the tables and the figure."""
    import io
    from pathlib import Path

    from workbook.cli.common import files_read, reading_kwargs, refuse
    from workbook.cohort.outcome import later_count_note
    from workbook.cohort.output_set import (
        manifest_name,
        refuse_reads,
        set_aside_set,
        set_note,
        write_set,
    )
    from workbook.cohort.validity import validity
    from workbook.cohort.validity_plots import roc_chart
    from workbook.core.exceptions import InvalidDataError, WorkbookError
    from workbook.core.files import csv_text, refuse_record_target
    from workbook.core.instrument import load_instrument
    from workbook.responses.io import load_responses, skipped_line

    if args.min_group < 1:
        raise WorkbookError(f"--min-group must be 1 or more, not {args.min_group}")
    refuse_record_target(args.out, reads=files_read(args))
    # nor a file it reads that sits in --out under one of its names (attacks5 C24)
    refuse_reads(args.out, [*NAMES, manifest_name("validity")], files_read(args))
    instrument = load_instrument(args.instrument)
    try:
        data = load_responses(args.data, instrument, mapping=args.mapping,
                              skip_invalid=args.skip_invalid, **reading_kwargs(args))
    except InvalidDataError as exc:
        return refuse(exc, args.data, "checked", "check")
    said = skipped_line(data)
    if said:
        print(said, file=sys.stderr)
    result = validity(data, args.min_group, instrument=instrument, source=str(args.data),
                      same_time=args.same_time)
    if result.withheld:
        print(result.words["summary_withheld"].format(withheld=result.withheld),
              file=sys.stderr)
        # an earlier run's files would read as this run's results: moved to stale/
        moved = set_aside_set(args.out, command="validity", names=NAMES)
        if moved:
            print("workbook:", set_note((), (), Path(args.out), withheld=moved),
                  file=sys.stderr)
        return 1
    out = Path(args.out)
    files = {"validity.csv": csv_text(result.table), "validity_roc.csv": csv_text(result.roc),
             # The instrument version the folder was made with, as a cohort folder says it.
             "instrument.txt": result.scored_with + "\n"}
    fig = roc_chart(result, instrument)
    for kind in ("png", "svg"):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=kind, dpi=110, metadata=_metadata(kind))
        files[f"validity_roc.{kind}"] = buffer.getvalue()
    # with a record of what it wrote: a user's file under one of its names, or one edited
    # since, is moved to stale/ and named, never written over (round 8a, F7)
    written, removed, moved, replaced = write_set(out, files, command="validity", names=NAMES)
    note = set_note(removed, moved, out, replaced)
    if note:
        print("workbook:", note, file=sys.stderr)
    print(summary(result, instrument))
    note = later_count_note(data)  # counts read from a later timepoint (attacks5 C19)
    if note:
        print(note + ".")
    print("\n" + result.words["summary_wrote"].format(
        count=len(written), folder=out.resolve(), files=", ".join(p.name for p in written)))
    return 0


#: Every file a validity run writes into --out (attacks5 C24).
NAMES = ("validity.csv", "validity_roc.csv", "instrument.txt", "validity_roc.png",
         "validity_roc.svg")


def _metadata(kind: str) -> dict:
    """No date in the figure files, so the same data give the same bytes."""
    return {"Date": None} if kind == "svg" else {}


def _point(x) -> str:
    """A score as the summary shows it: at most one decimal (58.3, 40)."""
    return f"{round(float(x), 1):g}"


def summary(result, instrument=None) -> str:
    """The plain summary ``workbook validity`` prints, for a workshop lead."""
    from workbook.cohort.validity import VERDICT_ROW
    from workbook.core.instrument import resolve

    inst = resolve(instrument)
    said = result.words
    lines = [said["summary_title"],
             said["summary_read"].format(reading=result.reading_words),
             said["summary_counts"].format(n=result.n, some=result.n_held_some,
                                           none=result.n_held_none),
             *([result.unscored_note] if result.unscored_note else []),
             "",
             said["summary_scores"]]
    table = result.table
    width = max(len(inst.ingredient(i).name) for i in inst.ingredient_ids) + 2
    for row in table.itertuples(index=False):
        if row.predictor == VERDICT_ROW:
            continue
        name = inst.ingredient(row.predictor).name
        if row.auc != row.auc:
            lines.append(f"  {name:<{width}}"
                         + said["summary_not_shown"].format(note=row.note, n=row.n))
            continue
        best = (said["summary_best_none"] if row.best_cutoff != row.best_cutoff else
                said["summary_best"].format(best=_point(row.best_cutoff),
                                            low=_point(row.best_cutoff_low),
                                            high=_point(row.best_cutoff_high),
                                            today=_point(row.current_cutoff)))
        odds = (said["summary_odds_none"] if row.odds_ratio != row.odds_ratio else
                said["summary_odds"].format(ratio=f"{row.odds_ratio:.2f}",
                                            low=f"{row.odds_ratio_low:.2f}",
                                            high=f"{row.odds_ratio_high:.2f}"))
        lines.append(f"  {name:<{width}}" + said["summary_row"].format(
            auc=f"{row.auc:.2f}", low=f"{row.auc_low:.2f}", high=f"{row.auc_high:.2f}",
            ratio=odds, n=row.n))
        lines.append(f"  {'':<{width}}{best}")
        if row.note:  # why an odds ratio or a best line is not given
            lines.append(f"  {'':<{width}}({row.note})")
        if row.sensitivity == row.sensitivity:  # the shares at the current cut-off
            lines.append(f"  {'':<{width}}" + said["summary_line"].format(
                talked=f"{row.sensitivity:.0%}", others=f"{row.specificity:.0%}"))
    verdict = table[table["predictor"] == VERDICT_ROW].iloc[0]
    ready = inst.verdict_name(schema.READY)
    if verdict["auc"] != verdict["auc"]:
        lines.append("\n" + said["summary_verdict_not_shown"].format(ready=ready,
                                                                     note=verdict["note"]))
    else:
        lines += [
            "\n" + said["summary_verdict"].format(ready=ready, n=verdict["n"]),
            "  " + said["summary_verdict_talked"].format(
                share=f"{verdict['sensitivity']:.0%}", ready=ready,
                low=f"{verdict['sensitivity_low']:.0%}", high=f"{verdict['sensitivity_high']:.0%}"),
            "  " + said["summary_verdict_none"].format(
                share=f"{verdict['specificity']:.0%}",
                low=f"{verdict['specificity_low']:.0%}", high=f"{verdict['specificity_high']:.0%}"),
            "  " + said["summary_verdict_auc"].format(
                auc=f"{verdict['auc']:.2f}", low=f"{verdict['auc_low']:.2f}",
                high=f"{verdict['auc_high']:.2f}")
            + ("" if verdict["odds_ratio"] != verdict["odds_ratio"] else
               said["summary_verdict_odds"].format(
                   ratio=f"{verdict['odds_ratio']:.2f}", ready=ready,
                   low=f"{verdict['odds_ratio_low']:.2f}",
                   high=f"{verdict['odds_ratio_high']:.2f}"))
            + (said["summary_verdict_note"].format(note=verdict["note"]) if verdict["note"]
               else "") + "."]
    guidance = result.line_guidance(lambda i: inst.ingredient(i).name)
    lines += ["",
              said["summary_provisional"].format(n=result.n),
              *([guidance] if guidance else []),
              result.scored_with,
              result.methods]
    return "\n".join(lines)
