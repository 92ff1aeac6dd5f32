"""Helpers for the session 11 validity tests (round 13c): small files, and an attacker who sets
``workbook validity``'s CSVs beside ``workbook cohort``'s.

The attacker knows only the two folders. From validity.csv and validity_roc.csv they rebuild,
for each ingredient and side (held one or more / held none), how many people the row holds and
the sum of their scores (the curve's steps times the side's size); for the verdict's row, how
many are "ready" on each side. They set these against every figure of the cohort's tables that
could describe the same people: each timepoint's ``n x mean`` in summary.csv and any set of
timepoints added up, each timepoint's "ready" count in verdicts.csv, and each side of
outcome_change.csv (``n_pairs x mean_before`` or ``mean_after``, ``n_both x share_ready_*``).
A difference of 1 to ``min_group - 1`` people gives back those few people's scores (or how
many of them were ready): :func:`leaks` lists every such difference.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.instrument import resolve

INST = resolve(None)
ING = list(INST.ingredient_ids)


def answers(level: int, blank=()) -> dict:
    """Every statement answered at ``level`` (reverse ones mirrored), but the ingredients in
    ``blank``, which keep one statement answered only (too few for a score)."""
    row, kept = {}, set()
    for item in INST.items:
        if item.ingredient in blank:
            if item.ingredient in kept:
                continue
            kept.add(item.ingredient)
        row[item.id] = 6 - level if item.reverse else level
    return row


def write(path: Path, rows: list) -> Path:
    cols = ["participant_id", "timepoint", *INST.item_ids, "hours_per_week",
            schema.CONVERSATIONS_HELD]
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=cols)
        out.writeheader()
        for r in rows:
            out.writerow({"hours_per_week": 3, **r})
    return path


def _validity_sides(folder: Path) -> dict:
    """(predictor, side) -> (people, sum of scores); for the verdict (people, ready)."""
    table = pd.read_csv(folder / "validity.csv").set_index("predictor")
    roc = pd.read_csv(folder / "validity_roc.csv")
    out = {}
    for ing in ING:
        if ing not in table.index or pd.isna(table.loc[ing, "auc"]):
            continue
        n1, n0 = int(table.loc[ing, "n_held_some"]), int(table.loc[ing, "n_held_none"])
        curve = roc[roc["predictor"] == ing].dropna(subset=["cutoff"])
        for side, rate, n in (("held_some", "sensitivity", n1),
                              ("held_none", "false_positive_rate", n0)):
            if curve.empty:  # no curve: the row's shares at the line give no sum
                out[ing, side] = (n, None)
                continue
            counts = np.diff(np.r_[0, np.round(curve[rate].to_numpy() * n)])
            out[ing, side] = (int(counts.sum()), float((counts * curve["cutoff"]).sum()))
    if "verdict" in table.index and not pd.isna(table.loc["verdict", "auc"]):
        v = table.loc["verdict"]
        n1, n0 = int(v["n_held_some"]), int(v["n_held_none"])
        out["verdict", "held_some"] = (n1, round(v["sensitivity"] * n1))
        out["verdict", "held_none"] = (n0, round((1 - v["specificity"]) * n0))
    return out


def _sets(cells, every: bool):
    """Every set of the cells (``every``), or each cell alone and all of them together."""
    if every:
        return [c for k in range(1, len(cells) + 1) for c in itertools.combinations(cells, k)]
    return [(c,) for c in cells] + ([tuple(cells)] if len(cells) > 1 else [])


def leaks(cohort: Path, validity: Path, min_group: int = 5, every: bool = True) -> list:
    """Every figure of the cohort's folder that differs from validity's by 1 to min_group - 1
    people: what the two set side by side give back (their scores' sum, or how many of them
    were ready).

    ``every``: set validity beside every set of timepoints added up. With sessions by date
    (many timepoints), two sets of at least ``min_group`` people (later sessions on a day
    read, first sessions on a day left out) can differ by 1 to ``min_group - 1`` by chance:
    there ``every=False`` sets it beside each timepoint and all of them together.
    """
    mine = _validity_sides(Path(validity))
    found = []

    def differ(what, n_theirs, total_theirs, n_mine, total_mine):
        gap = n_theirs - n_mine
        if 0 < abs(gap) < min_group and total_mine is not None:
            found.append((what, gap, None if total_mine is None or total_theirs is None
                          else round(total_theirs - total_mine, 6)))

    summary = pd.read_csv(Path(cohort) / "summary.csv", dtype={"timepoint": str})
    for ing in ING:
        if (ing, "held_some") not in mine:
            continue
        n_mine = sum(mine[ing, s][0] for s in ("held_some", "held_none"))
        sums = [mine[ing, s][1] for s in ("held_some", "held_none")]
        total_mine = None if None in sums else sum(sums)
        cells = summary[(summary["ingredient"] == ing) & summary["mean"].notna()]
        cells = [(r.timepoint, int(r.n), r.n * r.mean) for r in cells.itertuples()]
        for chosen in _sets(cells, every):
            differ((ing, tuple(c[0] for c in chosen)), sum(c[1] for c in chosen),
                   sum(c[2] for c in chosen), n_mine, total_mine)
    verdicts = Path(cohort) / "verdicts.csv"
    if ("verdict", "held_some") in mine and verdicts.exists():
        table = pd.read_csv(verdicts, dtype={"timepoint": str})
        n_mine = sum(mine["verdict", s][0] for s in ("held_some", "held_none"))
        ready_mine = sum(mine["verdict", s][1] for s in ("held_some", "held_none"))
        cells = []
        for t, rows in table.groupby("timepoint", sort=False):
            count = dict(zip(rows["verdict"], rows["count"]))
            if pd.isna(count.get("ready")) or pd.isna(rows["n"].iloc[0]):
                continue  # hidden
            complete = int(rows["n"].iloc[0]) - int(count.get("incomplete", 0) or 0)
            cells.append((t, complete, int(count["ready"])))
        for chosen in _sets(cells, every):
            differ(("verdict", tuple(c[0] for c in chosen)), sum(c[1] for c in chosen),
                   sum(c[2] for c in chosen), n_mine, ready_mine)
    change = Path(cohort) / "outcome_change.csv"
    if change.exists():
        split = pd.read_csv(change)
        for r in split.itertuples():
            if r.went_on_to_talk not in ("held_some", "held_none"):
                continue
            side = r.went_on_to_talk
            if (r.ingredient, side) in mine and not pd.isna(r.mean_before):
                n, total = mine[r.ingredient, side]
                mean = r.mean_before if "same_time" not in _reading(validity) else r.mean_after
                differ((r.ingredient, side), int(r.n_pairs), r.n_pairs * mean, n, total)
            if ("verdict", side) in mine and not pd.isna(r.share_ready_before) \
                    and r.ingredient == ING[0]:
                n, ready = mine["verdict", side]
                share = r.share_ready_before if "same_time" not in _reading(validity) \
                    else r.share_ready_after
                differ(("verdict", side), int(r.n_both), round(share * r.n_both), n, ready)
    return found


def _reading(folder: Path) -> set:
    return set(pd.read_csv(Path(folder) / "validity.csv")["readiness_at"].astype(str))
