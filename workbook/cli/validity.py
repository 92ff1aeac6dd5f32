"""``workbook validity``: whether readiness predicts going on to talk to someone.

A light wrapper over :func:`workbook.validity.validity` and
:func:`workbook.validity_plots.roc_chart`: it reads the file as ``workbook cohort`` does
(any supported export, the same checks), writes ``validity.csv``, ``validity_roc.csv`` and
the figure (``validity_roc.png`` and ``.svg``) and ``instrument.txt`` (the instrument's name
and version) into ``--out`` (files 0600) and prints a plain
summary. pandas, scipy, statsmodels and matplotlib are imported when the command runs.
"""

from __future__ import annotations

import sys

from .. import schema
from .basic import reading_options

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

    from ..exceptions import InvalidDataError, WorkbookError
    from ..files import atomic_write, refuse_record_target, write_csv
    from ..instrument import load_instrument
    from ..io import load_responses, skipped_line
    from ..validity import validity
    from ..validity_plots import roc_chart
    from .basic import files_read, reading_kwargs, refuse

    if args.min_group < 1:
        raise WorkbookError(f"--min-group must be 1 or more, not {args.min_group}")
    refuse_record_target(args.out, reads=files_read(args))
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
        print(f"workbook: {result.withheld} Nothing was written.", file=sys.stderr)
        return 1
    out = Path(args.out)
    if not out.exists():
        try:
            out.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise WorkbookError(f"cannot write to {out}: {exc.strerror or exc}") from None
    written = [write_csv(result.table, out / "validity.csv"),
               write_csv(result.roc, out / "validity_roc.csv")]
    # The instrument version the folder was made with, as a cohort folder says it.
    written.append(atomic_write(out / "instrument.txt", result.scored_with + "\n"))
    fig = roc_chart(result, instrument)
    for kind in ("png", "svg"):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=kind, dpi=110, metadata=_metadata(kind))
        written.append(atomic_write(out / f"validity_roc.{kind}", buffer.getvalue()))
    print(summary(result, instrument))
    print(f"\nWrote {len(written)} files to {out.resolve()}: "
          + ", ".join(p.name for p in written))
    return 0


def _metadata(kind: str) -> dict:
    """No date in the figure files, so the same data give the same bytes."""
    return {"Date": None} if kind == "svg" else {}


def _point(x) -> str:
    """A score as the summary shows it: at most one decimal (58.3, 40)."""
    return f"{round(float(x), 1):g}"


def summary(result, instrument=None) -> str:
    """The plain summary ``workbook validity`` prints, for a workshop lead."""
    from ..instrument import resolve
    from ..validity import READING_WORDS, VERDICT_ROW

    inst = resolve(instrument)
    lines = ["Does readiness predict going on to talk to someone?",
             f"Read: {READING_WORDS[result.reading]}.",
             f"{result.n} people said how many conversations they held: "
             f"{result.n_held_some} held one or more, {result.n_held_none} held none.",
             *([result.unscored_note] if result.unscored_note else []),
             "",
             "How well each score tells the two apart (AUC: 0.5 is a coin toss, 1 is "
             "perfect), with 95% intervals:"]
    table = result.table
    width = max(len(inst.ingredient(i).name) for i in inst.ingredient_ids) + 2
    for row in table.itertuples(index=False):
        if row.predictor == VERDICT_ROW:
            continue
        name = inst.ingredient(row.predictor).name
        if row.auc != row.auc:
            lines.append(f"  {name:<{width}}{row.note} (n={row.n})")
            continue
        best = ("best line -" if row.best_cutoff != row.best_cutoff else
                f"best line {_point(row.best_cutoff)} [{_point(row.best_cutoff_low)}, "
                f"{_point(row.best_cutoff_high)}], today {_point(row.current_cutoff)} "
                "(provisional)")
        odds = ("odds -" if row.odds_ratio != row.odds_ratio else
                f"odds x{row.odds_ratio:.2f} per 10 points [{row.odds_ratio_low:.2f}, "
                f"{row.odds_ratio_high:.2f}]")
        lines.append(f"  {name:<{width}}AUC {row.auc:.2f} [{row.auc_low:.2f}, "
                     f"{row.auc_high:.2f}]   {odds}   n={row.n}")
        lines.append(f"  {'':<{width}}{best}")
        if row.note:  # why an odds ratio or a best line is not given
            lines.append(f"  {'':<{width}}({row.note})")
    verdict = table[table["predictor"] == VERDICT_ROW].iloc[0]
    ready = inst.verdict_name(schema.READY)
    if verdict["auc"] != verdict["auc"]:
        lines.append(f"\nThe verdict \u201c{ready}\u201d: {verdict['note']}.")
    else:
        lines += [
            f"\nThe verdict \u201c{ready}\u201d at today's cut-offs (n={verdict['n']}):",
            f"  of those who talked, {verdict['sensitivity']:.0%} had been "
            f"\u201c{ready}\u201d (sensitivity, [{verdict['sensitivity_low']:.0%}, "
            f"{verdict['sensitivity_high']:.0%}]);",
            f"  of those who held none, {verdict['specificity']:.0%} had not (specificity, "
            f"[{verdict['specificity_low']:.0%}, {verdict['specificity_high']:.0%}]);",
            f"  AUC {verdict['auc']:.2f} [{verdict['auc_low']:.2f}, {verdict['auc_high']:.2f}]"
            + ("" if verdict["odds_ratio"] != verdict["odds_ratio"] else
               f", odds x{verdict['odds_ratio']:.2f} for \u201c{ready}\u201d "
               f"[{verdict['odds_ratio_low']:.2f}, {verdict['odds_ratio_high']:.2f}]")
            + (f" ({verdict['note']})" if verdict["note"] else "") + "."]
    guidance = result.line_guidance(lambda i: inst.ingredient(i).name)
    lines += ["",
              f"The best lines are provisional: what would have separated these {result.n} "
              "people best, counting a person missed who went on to talk and a person picked "
              "out who did not as equally bad; not a rule. Where today's line is inside the "
              "interval, these figures give no reason to move it. A cut-off changes only with "
              "a coach's judgement and enough people.",
              *([guidance] if guidance else []),
              result.scored_with,
              result.methods]
    return "\n".join(lines)
