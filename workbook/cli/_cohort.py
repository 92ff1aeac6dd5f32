"""The work of ``workbook cohort`` (its parser is in :mod:`workbook.cli.cohort`).

A light wrapper over :func:`workbook.cohort.analysis.analyse` and
:func:`workbook.cohort.plots.cohort_figures`: it reads the file (any supported export), writes
every table as CSV (formula-like cells neutralised) and every figure as PNG into ``--out``, and
prints a short overview.
"""

from __future__ import annotations

import io
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.cli.common import files_read, reading_kwargs, refuse
from workbook.cli.two_cores import in_two
from workbook.cohort.analysis import analyse
from workbook.cohort.groups import MAX_GROUPS, keep_rows, largest_groups
from workbook.cohort.output_set import manifest_name, refuse_reads, set_note, write_set
from workbook.cohort.prepost import RCI_CATEGORIES, rci_not_counted
from workbook.cohort.stats import group_sizes
from workbook.cohort.suppression import MIN_GROUP
from workbook.cohort.words import cohort_words
from workbook.core import schema
from workbook.core.exceptions import InvalidDataError, WorkbookError
from workbook.core.files import csv_text, refuse_record_target
from workbook.core.instrument import load_instrument, resolve
from workbook.core.text import printable
from workbook.responses.group_labels import ALL, MISSING_GROUP
from workbook.responses.io import load_responses, skipped_line

#: Tables written, in order, and their file names (``prepost`` only with both timepoints;
#: ``outcome`` and ``outcome_change`` only with a ``conversations_held`` column).
TABLES = ("summary", "verdicts", "bottlenecks", "prepost", "reliability", "reliability_items",
          "outcome", "outcome_change")
#: Figures written (``prepost`` only with both timepoints).
FIGURES = ("distributions", "verdicts", "bottlenecks", "items", "prepost")
#: Every file a cohort run may write into --out (attacks5 C14, C24).
NAMES = (*(f"{t}.csv" for t in TABLES), "instrument.txt", *(f"{f}.png" for f in FIGURES))


def _figure_modules():
    """Import what the statistics and figures need (scipy, matplotlib: about 1.5 s)."""
    from scipy import stats  # noqa: F401

    from workbook.cohort.plots import cohort_figures

    return cohort_figures


def cmd_cohort(args) -> int:
    """Run the cohort analysis and write its tables and figures."""
    from workbook.core.background import in_thread

    if args.min_group < 1:
        raise WorkbookError(f"--min-group must be 1 or more, not {args.min_group}")
    # never in a client's folder (attacks2 N10), never a file it reads (attacks4 B16)
    refuse_record_target(args.out, reads=files_read(args))
    # nor a file it reads that sits in --out under one of its names (attacks5 C24)
    refuse_reads(args.out, [*NAMES, manifest_name("cohort")], files_read(args))
    # The imports run in a thread while the file is read (reading lets go of the interpreter
    # for most of its time); both are done before anything else.
    imported = in_thread(_figure_modules)
    try:
        instrument = load_instrument(args.instrument)
        try:
            data = load_responses(args.data, instrument, mapping=args.mapping,
                                  skip_invalid=args.skip_invalid, **reading_kwargs(args))
        except InvalidDataError as exc:
            return refuse(exc, args.data, "analysed", "analyse")
    finally:
        cohort_figures = imported()
    said = skipped_line(data)  # rows left out, and rows kept with their hours left empty
    if said:
        print(said, file=sys.stderr)
    tables = analyse(data, args.by, args.min_group, instrument=instrument)
    out = Path(args.out)
    files = {f"{name}.csv": csv_text(tables[name]) for name in TABLES if name in tables}
    # The instrument version the folder was made with, and any note on versions (issue 22).
    about = [tables.scored_with, f"{tables.versions}." if tables.versions else "",
             f"{tables.alpha_note}." if getattr(tables, "alpha_note", "") else ""]
    files["instrument.txt"] = "\n".join(filter(None, about)) + "\n"
    drawn = data if tables.answered is None else tables.answered  # row for row with scores

    def draw(only=None):
        return _pictures(cohort_figures, drawn, tables, args, instrument, only)

    pictures, said = in_two(draw, len(drawn), FIGURES)
    files.update(pictures)
    for warning in said:
        if "missing from font" not in str(warning.message):
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
    if any("missing from font" in str(w.message) for w in said):
        print(f"workbook: warning: {cohort_words(instrument)['font_missing']}", file=sys.stderr)
    # Written as one set: a stopped run leaves the earlier set whole, and the earlier run's
    # files this one does not make are taken away (attacks5 C14).
    written, removed, moved, replaced = write_set(out, files, command="cohort", names=NAMES)
    note = set_note(removed, moved, out, replaced)
    if note:
        print(f"workbook: {note}", file=sys.stderr)
    print(overview(data, tables, args.min_group, instrument=instrument))
    wrote = cohort_words(instrument)["cli_wrote"].format(count=len(written), path=out.resolve())
    print("\n" + wrote + ", ".join(p.name for p in written))
    return 0


def _pictures(cohort_figures, drawn, tables, args, instrument, only=None) -> tuple:
    """``({name.png: PNG bytes}, [warnings])``: the figures named in ``only`` (all: None)."""
    files = {}
    with warnings.catch_warnings(record=True) as said:
        # matplotlib's "Glyph N missing from font" names the kit's source line: said once,
        # in words, below (control characters never reach a figure: palette.plain).
        warnings.filterwarnings("always", message=r"Glyph \d+ .*missing from font")
        for name, fig in cohort_figures(drawn, tables["scores"], args.by, args.min_group,
                                        instrument=instrument, tables=tables,
                                        only=only).items():
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=110)
            files[f"{name}.png"] = buffer.getvalue()
    return files, list(said)


def _any_answered(scores: pd.DataFrame, keys: list, labels: tuple, inst) -> bool:
    """Whether a response of the group ``labels`` (by ``keys``) answers any statement."""
    rows = np.ones(len(scores), dtype=bool)
    for key, label in zip(keys, labels, strict=True):
        rows &= (scores[key].astype("string") == str(label)).fillna(False).to_numpy(dtype=bool)
    answered = [f"{ing.id}_answered" for ing in inst.ingredients
                if f"{ing.id}_answered" in scores.columns]
    if not answered:
        return True  # cannot tell: the reason stays the hiding rule's
    return bool((scores.loc[rows, answered].fillna(0).to_numpy() > 0).any())


def overview(data: pd.DataFrame, tables: dict, min_group: int = MIN_GROUP, *,
             instrument=None) -> str:
    """A few lines: responses, mean per ingredient and verdict mix by group, change, flags.

    ``min_group``: as the tables were made with; a sentence says why some answers are left
    out when the summary leaves any out (``n_not_shown``). Ingredients, verdicts and levels
    are named in ``instrument``'s words (the tables keep the codes).
    """
    inst = resolve(instrument)
    w = cohort_words(inst)
    hidden = w["hidden"]

    def name(ingredient) -> str:
        try:
            return inst.ingredient(str(ingredient)).name
        except WorkbookError:
            return str(ingredient)

    scores = tables["scores"]
    people = scores[schema.PARTICIPANT_ID].nunique()
    report = data.attrs.get("matches")
    kind = f" ({report.layout.replace('_', ' ')})" if report is not None else ""
    lines = [w["cli_responses"].format(responses=len(scores), people=people, layout=kind)]
    if getattr(tables, "spelled", ""):  # groups written more than one way, read as one
        lines.append(w["cli_groups"].format(note=tables.spelled))
    if getattr(tables, "unanswered", ""):  # rows read only for the outcome
        lines.append(w["cli_not_counted"].format(note=tables.unanswered))
    if getattr(tables, "moved", ""):  # people whose group changes between their answers
        lines.append(w["cli_groups"].format(note=tables.moved))
    if getattr(tables, "versions", ""):  # timepoints answered on different versions
        lines.append(w["cli_versions"].format(note=tables.versions))
    summary = tables["summary"]
    keys = list(summary.columns[: list(summary.columns).index("ingredient")])
    keep, left_out = largest_groups(scores, keys)
    if scores.empty:  # nothing to score: no table is hidden, there is nothing in it
        lines.append(w["cli_no_responses"])
    summary = keep_rows(summary, keys, keep)
    shown = _people(tables["verdicts"], keys)
    for labels, group in summary.groupby(keys, sort=False) if keys else \
            [((), summary)] if len(scores) else []:
        labels = labels if isinstance(labels, tuple) else (labels,)
        label = " / ".join(map(printable, labels))
        lines.append("\n" + w["cli_mean_heading"].format(group=label or w["all_groups"]))
        if group["mean"].isna().all():
            count = shown[tuple(map(str, labels))]
            # no score because no one answered a statement, in a group large enough to say
            # so: that is the reason given, not privacy (attacks5 C22 e)
            blank = count >= min_group and not _any_answered(scores, keys, labels, inst)
            lines.append("  " + (w["cli_no_answers"].format(count=count) if blank else
                                 w["cli_responses_hidden"].format(count=count, hidden=hidden)))
            continue
        lines.append("  " + ", ".join(
            f"{name(r.ingredient)} {'-' if pd.isna(r.mean) else f'{r.mean:.0f}'} "
            f"({'-' if pd.isna(r.n) else r.n})"
            for r in group.itertuples()))
    mix = keep_rows(tables["verdicts"], keys, keep).iloc[: None if len(scores) else 0]
    keys = list(mix.columns[: list(mix.columns).index("n")])
    for labels, group in mix.groupby(keys, sort=False) if keys else \
            [((), mix)] if len(scores) else []:
        label = " / ".join(map(printable, labels if isinstance(labels, tuple) else (labels,)))
        if group["count"].isna().all():
            lines.append(w["cli_verdicts"].format(group=label or w["all_groups"], mix=hidden))
            continue
        lines.append(w["cli_verdicts"].format(group=label or w["all_groups"], mix=", ".join(
            f"{inst.verdict_name(r.verdict)} {'-' if pd.isna(r.count) else r.count}"
            for r in group.itertuples())))
    if left_out:
        lines.append(w["cli_more_groups"].format(count=left_out, largest=MAX_GROUPS))
    if "prepost" in tables:
        prepost = keep_rows(tables["prepost"], keys, keep)
        keys = list(prepost.columns[: list(prepost.columns).index("ingredient")])
        lines.append("\n" + w["cli_prepost_heading"])
        not_counted = rci_not_counted(tables["prepost"], tables["reliability"])
        for labels, group in prepost.groupby(keys, sort=False) if keys else [((), prepost)]:
            label = " / ".join(map(printable, labels if isinstance(labels, tuple) else (labels,)))
            if group["mean_change"].isna().all() and group["n_pairs"].isna().all():
                both = int(group["n_both"].max())
                labels = labels if isinstance(labels, tuple) else (labels,)
                blank = both >= min_group and not _any_answered(
                    tables["scores"], keys, labels if keys else (), inst)
                lines.append(" " + w["cli_pairs_no_answers" if blank else "cli_pairs_hidden"]
                             .format(group=label or w["all_groups"], count=both, hidden=hidden))
                continue
            if label:
                lines.append(f" {label}:")
            for r in group.itertuples():
                why = getattr(r, "not_compared", "")
                if isinstance(why, str) and why:  # across versions (attacks3 A17)
                    lines.append("  " + w["cli_not_compared"].format(
                        ingredient=name(r.ingredient), why=why))
                    continue
                if pd.isna(r.mean_change):
                    pairs = w["cli_too_few_pairs"] if pd.isna(r.n_pairs) else \
                        w["cli_pairs"].format(count=r.n_pairs)
                    lines.append("  " + w["cli_to_show"].format(
                        ingredient=name(r.ingredient), pairs=pairs))
                    continue
                counts = "/".join(str(getattr(r, c)) for c in RCI_CATEGORIES)
                if pd.isna(r.improved):  # the counts add up to the pairs, or are not given
                    why = not_counted.get(r.ingredient, w["cli_rci_not_counted_why"])
                    counts = w["cli_rci_not_counted"].format(why=why)
                dz = "-" if pd.isna(r.cohen_dz) else f"{r.cohen_dz:.2f}"
                p = "-" if pd.isna(r.p_t) else f"{r.p_t:.3g}"
                lines.append("  " + w["cli_change"].format(
                    ingredient=name(r.ingredient), change=f"{r.mean_change:+.1f}",
                    low=f"{r.ci_low:+.1f}", high=f"{r.ci_high:+.1f}", dz=dz, p=p, counts=counts))
        once = prepost.head(1)  # the whole comes first
        whole = w["cli_all_together"] if keys else ""
        lines.append(w["cli_left_out_pairs"].format(
            whole=whole, before=int(once['n_before_only'].sum()),
            after=int(once['n_after_only'].sum())))
    if "outcome" in tables:
        lines.extend(_outcome_lines(tables, data, inst))
    elif getattr(tables, "outcome_note", ""):  # counts that are not read (round 13c T23)
        lines.append("\n" + tables.outcome_note + ".")
    lines.extend(_left_out_lines(tables, inst))
    reliability, items = _whole(tables["reliability"]), _whole(tables["reliability_items"])
    flags = [f"{name(r.ingredient)}: {r.flag} ({r.alpha:.2f})" for r in reliability.itertuples()
             if r.flag]
    flags += [f"{r.item_id}: {r.flag}" for r in items.itertuples() if r.flag]
    alphas = ", ".join(f"{name(r.ingredient)} {'-' if pd.isna(r.alpha) else f'{r.alpha:.2f}'}"
                       for r in reliability.itertuples())
    lines.append("\n" + w["cli_reliability"].format(alphas=alphas))
    if getattr(tables, "alpha_note", ""):  # several versions: what alpha is over (B14)
        lines.append("  " + tables.alpha_note + ".")
    lines.extend("  " + w["cli_check"].format(flag=f) for f in flags)
    return "\n".join(lines)


def _left_out_lines(tables: dict, inst=None) -> list:
    """What the whole's figures and the groups' leave out (people who answered only once)."""
    from workbook.reports import wording
    from workbook.reports.cohort_view import left_out_note

    said = wording.words(inst)
    summary, mix = tables["summary"], tables["verdicts"]
    grouped = list(summary.columns).index("ingredient") > int(schema.TIMEPOINT in summary)
    notes = [left_out_note(summary, mix, said["not_shown_whole" if grouped
                                              else "not_shown_these"], instrument=inst)]
    if grouped:
        notes.append(left_out_note(summary, mix, said["not_shown_groups"], groups=True,
                                   instrument=inst))
    notes = [note for note in notes if note]
    return ["\n" + "\n".join(notes)] if notes else []


def _outcome_lines(tables: dict, data: pd.DataFrame, inst=None) -> list:
    """Who went on to talk to someone, per group, and ready before -> after by whether they did."""
    from workbook.cohort.outcome import TALKED, latest_by_file_order, latest_in_file

    def show(x, fmt="{:g}"):
        return "-" if pd.isna(x) else fmt.format(x)

    table = tables["outcome"]
    keys = list(table.columns[: list(table.columns).index("n_responses")])
    keep, _ = largest_groups(tables["scores"], keys)
    if keep is not None:  # a group of list-only rows (no answers) is the outcome's too (B12)
        scored = {tuple(map(str, k)) for k in group_sizes(tables["scores"], keys)}
        keep = keep | {k for k in (tuple(map(str, r)) for r in table[keys].astype("string")
                                   .fillna(MISSING_GROUP).itertuples(index=False))
                       if k not in scored and k != (ALL,) * len(keys)}
    scores = tables["scores"]
    after = schema.TIMEPOINT in scores.columns and \
        (scores[schema.TIMEPOINT].astype("string") == schema.AFTER).any()
    w = cohort_words(inst)
    hidden = w["hidden"]
    when = w["cli_when_after"] if after else w["cli_when_so_far"]
    if not after and latest_by_file_order(data):
        when = w["cli_when_so_far_order"].format(order=latest_in_file(data))
    lines = ["\n" + w["cli_outcome_heading"].format(when=when)]
    if getattr(tables, "outcome_note", ""):  # counts read from a later timepoint (C19)
        lines.append(" " + tables.outcome_note + ".")
    from workbook.cohort.outcome import read_counts

    people, only = read_counts(data, inst)
    if only:  # rows read here that are no response: n_responses says people (round 10b L8)
        lines.append(" " + w["cli_outcome_read"].format(people=people, count=only))
    for r in keep_rows(table, keys, keep).itertuples(index=False):
        label = " / ".join(printable(getattr(r, k)) for k in keys) or ALL
        if pd.isna(r.n):
            # the size outcome.csv gives it: its responses less those not shown (B8)
            size = int(r.n_responses) - (0 if pd.isna(r.n_not_shown) else int(r.n_not_shown))
            # rows that are no response are read here: the size is in people (T21)
            key = "cli_outcome_hidden_people" if only else "cli_outcome_hidden"
            lines.append(" " + w[key].format(group=label, count=size, hidden=hidden))
            continue
        lines.append(" " + w["cli_outcome_row"].format(
            group=label, held=show(r.n_held_some), count=r.n,
            share=show(r.share_held_some, '{:.0%}'), median=show(r.median_held),
            total=show(r.total_held)))
    change = tables.get("outcome_change")
    if change is not None:
        ready = resolve(inst).verdict_in_text(schema.READY)  # a coach's name as written
        lines.append(w["cli_outcome_change_heading"].format(ready=ready))
        from workbook.reports.wording import (
            outcome_splits,  # the report's words; the CSVs keep codes
        )

        splits = outcome_splits(inst)

        for code, part in change.groupby(TALKED, sort=False):
            split = splits.get(code, code)
            r = part.iloc[0]
            if pd.isna(r.n_both):  # the split's sizes are hidden with the whole's figures
                lines.append(f" {split}: {hidden}")
                continue
            people = w["cli_person" if r.n_both == 1 else "cli_people"].format(count=r.n_both)
            if pd.isna(r.share_ready_before):
                lines.append(f" {split}: {people}, {hidden}")
                continue
            lines.append(f" {split}: {people}, {ready} "
                         f"{r.share_ready_before:.0%} -> {r.share_ready_after:.0%}")
        from workbook.cohort.outcome import versions_note  # across versions: the shared statements

        note = versions_note(change, inst)
        if note:
            lines.append(f" {note}.")
    return lines


def _people(mix: pd.DataFrame, keys) -> dict:
    """Labels (as text) -> the responses a group's figures describe, from the verdict mix.

    Everyone who answered, less those left out for answering only once: every count the
    overview prints for a group is this one (as in the cohort report).
    """
    rows = mix.drop_duplicates(keys) if keys else mix.head(1)
    labels = rows[keys].astype("string").fillna(MISSING_GROUP).itertuples(index=False) \
        if keys else [()]
    return {tuple(map(str, k)): int(n) for k, n in zip(labels, rows["n"])}


def _whole(table: pd.DataFrame) -> pd.DataFrame:
    """The whole cohort's rows of a table split by groups (all of it when not split)."""
    keys = list(table.columns[: list(table.columns).index("ingredient")])
    if not keys:
        return table
    return table[(table[keys].astype("string") == ALL).all(axis=1).to_numpy(dtype=bool)]
