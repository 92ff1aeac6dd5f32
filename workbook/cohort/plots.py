"""Cohort figures: distributions, verdict and bottleneck mixes, before/after, item heatmap.

Each function takes the same arguments as the :mod:`workbook.cohort.analysis` function
whose numbers it draws (``scores``, ``by``, ``min_group``, ``before``, ``after``), returns a
matplotlib ``Figure`` and never calls ``show``. Grouped by a column other than
``timepoint``, the whole (``all``) is drawn first; groups the tables hide (smaller than
``min_group``, or hidden so that none can be derived: :mod:`workbook.cohort.suppression`) are
left out of the figures too (their counts are in the tables). Colours are colour-blind
safe (Okabe-Ito, cividis). Figures cost the same at any size: box plots are drawn from each
group's counts of distinct scores, item means made group by group from the answers' arrays.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook import score
>>> from workbook.cohort.plots import verdict_chart
>>> fig = verdict_chart(score(load_sample()), by="timepoint")
>>> len(fig.axes)
1
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import cbook
from matplotlib.figure import Figure

from workbook.cohort.groups import MAX_GROUPS, keep_rows, largest_groups, same_group_both_times
from workbook.cohort.prepost import compare_timepoints
from workbook.cohort.reliability_tables import mark_partial
from workbook.cohort.rows import OUT_GROUP, OUT_WHOLE, mark_left_out, pair_rows
from workbook.cohort.stats import as_list, group_positions, grouping_columns
from workbook.cohort.summary import summarize
from workbook.cohort.suppression import (
    ALL,
    MIN_GROUP,
    ORDER_STATS_FACTOR,
    check_no_all,
    count_people,
    hidden_in,
    protect,
    split_columns,
)
from workbook.cohort.verdicts import bottlenecks, verdicts
from workbook.cohort.words import cohort_words
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.palette import PALETTE, level_bands, plain, verdict_colours
from workbook.core.text import count
from workbook.responses.coercion import coerce


def _group_colours() -> list:
    pal = PALETTE
    return [pal[c] for c in ("blue", "orange", "green", "purple", "vermillion", "sky")]


#: Lines drawn at most in the before/after figure (an even spread of the pairs).
MAX_LINES = 150
def _note_left_out(fig, left_out: int, max_groups: int, words: dict) -> None:
    if left_out:
        fig.supxlabel(words["figure_left_out"].format(
            groups=count(left_out, words["more_group"], words["more_groups"]), largest=max_groups),
            fontsize=8)


def _label(labels) -> str:
    """Group labels as a figure draws them (plain text, see :func:`.palette.plain`)."""
    return plain(" / ".join(map(str, labels)) or "all")


def _group_names(table: pd.DataFrame, by: list) -> list:
    by = [*split_columns(by)[0], *split_columns(by)[1]]
    if not by:
        return ["all"] * len(table)
    return [_label(row) for row in table[by].itertuples(index=False)]


def _out_column(labels, apart, inner) -> str:
    """The column marking whom a row of ``groups_with_whole`` leaves out (the whole's or not)."""
    whole = not inner or all(str(v) == ALL for v in labels[len(apart):])
    return OUT_WHOLE if whole else OUT_GROUP


def _tidy(ax) -> None:
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


class _Drawn:
    """One ingredient's scores as a distribution figure draws them, group by group.

    ``parts``: per group, its row positions in ``scores`` and the column of ``scores``
    marking the rows it leaves out. Each group's count of every distinct score is made in
    one pass over its rows (``counts``, over ``distinct``, which ascends; ``n``: the scores
    drawn); the scores themselves, in row order, only when asked for (:meth:`values`).
    """

    def __init__(self, scores: pd.DataFrame, column: str, parts: list):
        self.scores = scores[column].to_numpy(dtype=float, na_value=np.nan)
        codes, found = pd.factorize(self.scores)  # a missing score: -1
        order = np.argsort(found, kind="stable")
        self.distinct = found[order]
        rank = np.full(len(found) + 1, -1, dtype=np.intp)  # code -1 takes the last: -1
        rank[order] = np.arange(len(found))
        ranked = rank[codes]
        out = {c: scores[c].to_numpy(dtype=bool) for c in dict.fromkeys(c for _, c in parts)}
        self.rows, self.counts = [], []
        for at, column_out in parts:
            kept = at[~out[column_out][at]]
            codes = ranked[kept]
            self.rows.append(kept)
            self.counts.append(np.bincount(codes[codes >= 0], minlength=len(found)))
        self.n = [int(c.sum()) for c in self.counts]

    def values(self, i: int) -> np.ndarray:
        """Group ``i``'s scores drawn, in row order."""
        x = self.scores[self.rows[i]]
        return x[~np.isnan(x)]


def _box_stats(distinct: np.ndarray, counts: np.ndarray, whis: float) -> dict:
    """:func:`matplotlib.cbook.boxplot_stats` of ``distinct`` (ascending), each ``counts`` times.

    The quartiles, whiskers and notches are the same numbers, as they depend on the sorted
    scores only; so are the fliers, in ascending order (the values' order when drawn); the
    mean, which a box plot does not draw here, is summed in that order.

    >>> from matplotlib import cbook
    >>> x = np.array([50.0, 0.0, 62.5, 50.0, 100.0, 56.25, 50.0, 62.5])
    >>> distinct, counts = np.unique(x, return_counts=True)
    >>> ours, theirs = _box_stats(distinct, counts, 1.5), cbook.boxplot_stats(x)[0]
    >>> all(np.array_equal(np.sort(theirs[k], axis=None), np.ravel(ours[k])) for k in theirs)
    True
    """
    n = int(counts.sum())
    if not n:
        return cbook.boxplot_stats([np.empty(0)], whis=whis)[0]
    x = np.repeat(distinct, counts)  # the scores, sorted
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    iqr = q3 - q1
    loval, hival = q1 - whis * iqr, q3 + whis * iqr
    held = distinct[counts > 0]
    high, low = held[held <= hival], held[held >= loval]
    whishi = q3 if len(high) == 0 or np.max(high) < q3 else np.max(high)
    whislo = q1 if len(low) == 0 or np.min(low) > q1 else np.min(low)
    return {"mean": np.mean(x), "iqr": iqr, "cilo": med - 1.57 * iqr / np.sqrt(n),
            "cihi": med + 1.57 * iqr / np.sqrt(n), "whishi": whishi, "whislo": whislo,
            "fliers": np.concatenate([x[x < whislo], x[x > whishi]]), "q1": q1, "med": med,
            "q3": q3}


def _boxes(ax, drawn: _Drawn, keep: list, *, showfliers: bool, boxprops: dict,
           **kwargs) -> None:
    """``ax.boxplot`` of the groups ``keep`` of ``drawn``, from their counts where it can.

    ``Axes.boxplot`` computes :func:`matplotlib.cbook.boxplot_stats` from every value and
    draws them with ``Axes.bxp``. When no flier nor mean is drawn, the same statistics are
    made from each group's counts of distinct scores (:func:`_box_stats`) and drawn with
    ``Axes.bxp`` as ``Axes.boxplot`` would, so the figure costs the same at any size; else
    (groups of at most 2,000 scores) ``Axes.boxplot`` draws them from the scores.
    """
    rc = plt.rcParams
    whis = rc["boxplot.whiskers"]
    if showfliers or rc["boxplot.showmeans"] or rc["boxplot.bootstrap"] is not None \
            or np.iterable(whis) or not np.isreal(whis):
        ax.boxplot([drawn.values(i) for i in keep], showfliers=showfliers, boxprops=boxprops,
                   **kwargs)
        return
    stats = [_box_stats(drawn.distinct, drawn.counts[i], whis) for i in keep]
    # the arguments Axes.boxplot gives Axes.bxp (its patch artist's box has solid lines)
    ax.bxp(stats, showfliers=False, boxprops={**boxprops, "linestyle": "solid"},
           shownotches=rc["boxplot.notch"], showmeans=False, showcaps=rc["boxplot.showcaps"],
           showbox=rc["boxplot.showbox"], meanline=rc["boxplot.meanline"], **kwargs)


def _bare_wholes(drawn: _Drawn, parts: list, boxes: list, apart: list, inner: list,
                 min_group: int, codes) -> list:
    """The wholes among ``boxes`` (indexes of ``parts``) to draw without whiskers or points.

    A box's whisker ends and single points are scores of its own people. The whole's, set
    beside the boxes of its groups, would give back a score of someone drawn in no box (a
    group shown by its mean, hidden, or left out of the figure) whenever no group's box holds
    it (round 14c W7). So a whole holding 1 to twice ``min_group`` - 1 people (``codes``:
    their participant codes, else each row a person) that no box of its groups draws shows
    its quartiles and median only; as many or more are as many as a box of its own holds.
    """
    if not inner:
        return []
    out = []
    for w in boxes:
        labels = tuple(map(str, parts[w][0]))
        if _out_column(labels, apart, inner) != OUT_WHOLE:
            continue
        outer = labels[:len(apart)]
        inside = [drawn.rows[g] for g in boxes if g != w
                  and tuple(map(str, parts[g][0]))[:len(apart)] == outer]
        rest = drawn.rows[w]
        if inside:
            rest = rest[~np.isin(rest, np.concatenate(inside))]
        rest = rest[~np.isnan(drawn.scores[rest])]
        people = count_people(codes[rest]) if codes is not None else len(rest)
        if 0 < people < ORDER_STATS_FACTOR * min_group:
            out.append(w)
    return out


def _bare_boxes(ax, drawn: _Drawn, keep: list, *, boxprops: dict, **kwargs) -> None:
    """The boxes of the groups ``keep`` of ``drawn``: quartiles and median, no whisker nor point."""
    stats = []
    for i in keep:
        one = _box_stats(drawn.distinct, drawn.counts[i], 1.5)
        one.update(whislo=one["q1"], whishi=one["q3"], fliers=np.empty(0))
        stats.append(one)
    ax.bxp(stats, showfliers=False, showcaps=False, showmeans=False,
           boxprops={**boxprops, "linestyle": "solid"}, **kwargs)


def distribution_chart(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                       instrument=None, table: pd.DataFrame | None = None,
                       max_groups: int = MAX_GROUPS, before: str = schema.BEFORE,
                       after: str = schema.AFTER, marked: pd.DataFrame | None = None) -> Figure:
    """Each ingredient's score distribution (box plots per group) over its level bands.

    A group is drawn for an ingredient where :func:`.cohort.summarize` shows it (``table``:
    that table, already computed from these arguments), from the same responses (those it
    leaves out are left out here: :func:`.cohort.mark_left_out`); at most the ``max_groups``
    largest (:func:`largest_groups`), the rest named as left out. ``marked``:
    :func:`.cohort.mark_left_out` of ``scores`` with these arguments and every ingredient,
    when already computed.

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> fig = distribution_chart(score(load_sample()), by="timepoint")
    >>> len(fig.axes)
    5
    """
    inst = resolve(instrument)
    if table is None:
        table = summarize(scores, by, min_group, instrument=inst, before=before, after=after)
    apart, inner = split_columns(by)
    if marked is None:
        marked = mark_left_out(scores, [*apart, *inner], min_group, before=before,
                               after=after, ingredients=inst.ingredient_ids)
    keys = [*apart, *inner]
    # Only the columns drawn from, so that taking each group's rows copies little.
    scores = marked[[*keys, *inst.ingredient_ids,
                     *[c for c in marked.columns if str(c).startswith(OUT_WHOLE[:5])]]]
    shown = {(tuple(str(v) for v in r[:-1]), r[-1]) for r in
             table.loc[table["mean"].notna(), [*keys, "ingredient"]].itertuples(index=False)}
    boxed = {(tuple(str(v) for v in r[:-1]), r[-1]) for r in
             table.loc[table["median"].notna(), [*keys, "ingredient"]].itertuples(index=False)}
    who = schema.PARTICIPANT_ID
    codes = pd.factorize(marked[who])[0] if who in marked else None
    keep, left_out = largest_groups(scores, by, max_groups)
    visible = {labels for labels, _ in shown
               if keep is None or labels[len(apart):] in keep or set(labels[len(apart):]) == {ALL}}
    # Each group's rows as positions (the whole's first), as groups_with_whole yields them.
    parts = [(labels, at) for labels, at in _positions_with_whole(scores, by)
             if tuple(map(str, labels)) in visible]
    row = 0.45 if len(parts) <= 8 else 0.3
    fig, axes = plt.subplots(len(inst.ingredients), 1, sharex=True, squeeze=False,
                             figsize=(7.5, 1.0 + (row * max(len(parts), 1) + 0.5)
                                      * len(inst.ingredients)), layout="constrained")
    for ax, ing in zip(axes[:, 0], inst.ingredients):
        level_bands(ax, ing)
        drawn = _Drawn(scores, ing.id, [(at, f"{_out_column(lb, apart, inner)}:{ing.id}")
                                        for lb, at in parts])
        ypos = np.arange(len(parts))[::-1]
        keep = [i for i, (lb, _) in enumerate(parts) if (tuple(map(str, lb)), ing.id) in shown]
        # Groups too small for quartiles (their median is blank in the table) show the mean.
        few = [i for i in keep if (tuple(map(str, parts[i][0])), ing.id) not in boxed]
        keep = [i for i in keep if i not in few]
        for i in few:
            values = drawn.values(i)
            ax.plot([float(np.mean(values))] if len(values) else [], [ypos[i]] if len(
                values) else [], marker="D", color=PALETTE["black"], linestyle="none")
        look = {"patch_artist": True, "medianprops": {"color": PALETTE["black"]},
                "boxprops": {"facecolor": "white", "edgecolor": PALETTE["black"]}}
        bare = _bare_wholes(drawn, parts, keep, apart, inner, min_group, codes)
        if bare:
            _bare_boxes(ax, drawn, bare, positions=ypos[bare], orientation="horizontal",
                        widths=0.55, **look)
        keep = [i for i in keep if i not in bare]
        if keep:
            _boxes(ax, drawn, keep, positions=ypos[keep], orientation="horizontal",
                   widths=0.55, showfliers=max(drawn.n[i] for i in keep) <= 2000, **look)
        ax.set_yticks(ypos, [f"{_label(lb)} (n={n})" for (lb, _), n in zip(parts, drawn.n)])
        ax.set_ylim(-0.6, len(parts) - 0.4)
        ax.set_title(plain(ing.name), loc="left", fontsize=10)
        _tidy(ax)
    axes[-1, 0].set_xlim(0, 100)
    shading = " / ".join(plain(inst.level_name(lv), 24) for lv in schema.LEVELS)
    axes[-1, 0].set_xlabel(cohort_words(inst)["distribution_axis"].format(shading=shading))
    _note_left_out(fig, left_out, max_groups, cohort_words(inst))
    plt.close(fig)
    return fig


def verdict_chart(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                  table: pd.DataFrame | None = None, max_groups: int = MAX_GROUPS,
                  before: str = schema.BEFORE, after: str = schema.AFTER,
                  instrument=None) -> Figure:
    """The verdict mix of each group as stacked bars of shares (see :func:`.cohort.verdicts`).

    ``table``: the :func:`.cohort.verdicts` table already computed from these arguments. At
    most the ``max_groups`` largest groups are drawn (:func:`largest_groups`). The legend
    names the verdicts in the instrument's words (``[words.verdicts]``).
    """
    inst = resolve(instrument)
    if table is None:
        table = verdicts(scores, by, min_group, before=before, after=after)
    keep, left_out = largest_groups(scores, by, max_groups)
    table = keep_rows(table, by, keep).dropna(subset=["share"])
    by = as_list(by)
    table = table.assign(_group=_group_names(table, by))
    names = list(dict.fromkeys(table["_group"]))
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.5 * max(len(names), 1)), layout="constrained")
    left = np.zeros(len(names))
    ypos = np.arange(len(names))[::-1]
    for verdict in schema.VERDICTS:
        share = (table[table["verdict"] == verdict].set_index("_group")["share"]
                 .reindex(names).fillna(0).to_numpy(dtype=float))
        ax.barh(ypos, share * 100, left=left, color=verdict_colours()[verdict], height=0.6,
                label=plain(inst.verdict_name(verdict)), edgecolor="white")
        left += share * 100
    n = table.drop_duplicates("_group").set_index("_group")["n"].reindex(names)
    ax.set_yticks(ypos, [f"{g} (n={k})" for g, k in zip(names, n)])
    ax.set_xlim(0, 100)
    ax.set_xlabel(cohort_words(inst)["verdict_axis"])
    fig.legend(ncol=4, loc="outside lower center", frameon=False, fontsize=9)
    _tidy(ax)
    _note_left_out(fig, left_out, max_groups, cohort_words(inst))
    plt.close(fig)
    return fig


def bottleneck_chart(scores: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                     instrument=None, table: pd.DataFrame | None = None,
                     max_groups: int = MAX_GROUPS, before: str = schema.BEFORE,
                     after: str = schema.AFTER) -> Figure:
    """How often each ingredient is the weakest, per group (see :func:`.cohort.bottlenecks`).

    ``table``: the :func:`.cohort.bottlenecks` table already computed from these arguments.
    At most the ``max_groups`` largest groups are drawn (:func:`largest_groups`).
    """
    inst = resolve(instrument)
    if table is None:
        table = bottlenecks(scores, by, min_group, instrument=inst, before=before,
                            after=after)
    keep, left_out = largest_groups(scores, by, max_groups)
    table = keep_rows(table, by, keep).dropna(subset=["share"])
    by = as_list(by)
    table = table.assign(_group=_group_names(table, by))
    names = list(dict.fromkeys(table["_group"]))
    fig, ax = plt.subplots(figsize=(7.5, 3.6), layout="constrained")
    width = 0.8 / max(len(names), 1)
    x = np.arange(len(inst.ingredients))
    for k, name in enumerate(names):
        share = (table[table["_group"] == name].set_index("ingredient")["share"]
                 .reindex(list(inst.ingredient_ids)).to_numpy(dtype=float))
        ax.bar(x + (k - (len(names) - 1) / 2) * width, share * 100, width=width,
               color=_group_colours()[k % 6], hatch=("", "//", "..")[k // 6 % 3],
               edgecolor="white", label=name)
    ax.set_xticks(x, [plain(ing.name, 24) for ing in inst.ingredients])
    ax.set_ylabel(cohort_words(inst)["bottleneck_axis"])
    if len(names) > 1:
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    _tidy(ax)
    _note_left_out(fig, left_out, max_groups, cohort_words(inst))
    plt.close(fig)
    return fig


def prepost_chart(scores: pd.DataFrame, before: str = schema.BEFORE, after: str = schema.AFTER,
                  *, min_group: int = MIN_GROUP, max_lines: int = MAX_LINES,
                  instrument=None, table: pd.DataFrame | None = None) -> Figure:
    """Before and after, paired: a thin line per participant, the mean change with its 95% CI.

    The lines are drawn only for twice ``min_group`` pairs or more (as the box of
    :func:`distribution_chart`: fewer lines would give single people's scores); at most
    ``max_lines`` participants are drawn, an even spread of the pairs in the table's
    order (no randomness); the mean and CI use every pair. ``table``: the
    :func:`.cohort.compare_timepoints` table already computed from these scores (split by
    groups or not): its whole's rows are drawn; where it counts pairs compared over the
    statements two instrument versions share (``n_shared_only``, from
    :func:`.cohort.compare_across_versions`), the ingredient's title says how many and over
    how many statements.
    """
    inst = resolve(instrument)
    if table is None:
        summary = compare_timepoints(scores, before, after, min_group=min_group,
                                     instrument=inst)
    else:
        keys = list(table.columns[: list(table.columns).index("ingredient")])
        whole = np.ones(len(table), dtype=bool)
        for col in keys:
            whole &= (table[col].astype("string") == ALL).fillna(False).to_numpy(dtype=bool)
        summary = table[whole]
    summary = summary.set_index("ingredient")
    pre, post, _ = pair_rows(scores, before, after,
                             [c for c in inst.ingredient_ids if c in scores.columns])
    fig, axes = plt.subplots(1, len(inst.ingredients), sharey=True, squeeze=False,
                             figsize=(1.7 * len(inst.ingredients) + 1.5, 4.2),
                             layout="constrained")
    for ax, ing in zip(axes[0], inst.ingredients):
        level_bands(ax, ing, orientation="vertical")
        x = pre[ing.id].to_numpy(dtype=float, na_value=np.nan)
        y = post[ing.id].to_numpy(dtype=float, na_value=np.nan)
        both = np.flatnonzero(~np.isnan(x) & ~np.isnan(y))
        row = summary.loc[ing.id]
        if pd.isna(row["n_pairs"]) and len(both) >= min_group:
            # not compared (instrument versions that share too few of its statements): its
            # scores are over different statements, so no line joins them
            ax.set_title(cohort_words(inst)["prepost_not_compared"].format(
                ingredient=plain(ing.name, 24)),
                         fontsize=9)
        elif len(both) >= min_group:
            if len(both) >= ORDER_STATS_FACTOR * min_group:
                # a line per person only where a box would be drawn: below it, each line
                # is one person's before and after score (round 13c T22)
                shown = both[np.unique(np.linspace(0, len(both) - 1,
                                                   min(max_lines, len(both))).astype(int))]
                ax.plot([0, 1], np.vstack([x[shown], y[shown]]), color=PALETTE["grey"],
                        lw=0.6, alpha=0.45, zorder=1)
            means = [row["mean_before"], row["mean_after"]]
            ax.plot([0, 1], means, color=PALETTE["blue"], lw=2.5, marker="o", zorder=3)
            # one pair has no interval: its ends are missing (pd.NA in a nullable column),
            # which matplotlib cannot compare, so they go in as NaN and draw no bar
            low, high = (np.nan if pd.isna(row[k]) else float(row[k])
                         for k in ("ci_low", "ci_high"))
            change = float(row["mean_change"])
            ax.errorbar(1, float(row["mean_after"]), yerr=[[change - low], [high - change]],
                        color=PALETTE["blue"], capsize=4, zorder=3)
            title = f"{plain(ing.name, 24)}\n{row['mean_change']:+.1f} (n={int(row['n_pairs'])})"
            shared = row.get("n_shared_only", pd.NA)
            if pd.notna(shared) and shared > 0:
                # pairs across instrument versions: over the statements both share (issue 22)
                title += "\n" + cohort_words(inst)["prepost_shared"].format(count=int(shared))
            ax.set_title(title, fontsize=9)
        else:
            ax.set_title(cohort_words(inst)["prepost_too_few"].format(
                ingredient=plain(ing.name, 24), min_group=min_group),
                         fontsize=9)
        ax.set_xticks([0, 1], [plain(before, 16), plain(after, 16)])
        ax.set_xlim(-0.3, 1.3)
        _tidy(ax)
    axes[0, 0].set_ylim(0, 100)
    axes[0, 0].set_ylabel(cohort_words(inst)["score_axis"])
    fig.supxlabel(cohort_words(inst)["prepost_error_bar"], fontsize=8)
    plt.close(fig)
    return fig


def item_heatmap(data: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
                 instrument=None, max_groups: int = MAX_GROUPS, before: str = schema.BEFORE,
                 after: str = schema.AFTER, scores: pd.DataFrame | None = None,
                 marked: pd.DataFrame | None = None,
                 summary: pd.DataFrame | None = None) -> Figure:
    """Mean keyed answer of every item (rows) per group (columns), as a cividis heatmap.

    At most the ``max_groups`` largest groups are drawn (:func:`largest_groups`).
    ``marked``, ``summary``: as for :func:`item_means`.
    """
    inst = resolve(instrument)
    table = item_means(data, by, min_group, instrument=inst, before=before, after=after,
                       scores=scores, marked=marked, summary=summary)
    keep, left_out = largest_groups(data if marked is None else marked, by, max_groups)
    table = keep_rows(table, by, keep)
    table = table[table[list(inst.item_ids)].notna().any(axis=1)]
    keys = [*split_columns(by)[0], *split_columns(by)[1]]
    columns = [row.to_numpy(dtype=float) for _, row in table[list(inst.item_ids)].iterrows()]
    names = [f"{plain(' / '.join(map(str, r[:-1])) or 'all', 30)}\n(n={r[-1]})"
             for r in table[[*keys, "n"]].itertuples(index=False)]
    matrix = np.column_stack(columns) if columns else np.full((len(inst.items), 0), np.nan)
    column = 1.3 if len(names) <= 6 else 0.6
    fig, ax = plt.subplots(figsize=(2.2 + column * max(len(names), 1),
                                    0.3 * len(inst.items) + 1.5), layout="constrained")
    if not columns:
        ax.text(0.5, 0.5, cohort_words(inst)["items_no_group"].format(min_group=min_group),
                ha="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        plt.close(fig)
        return fig
    image = ax.imshow(matrix, aspect="auto", cmap="cividis", vmin=inst.scale_min,
                      vmax=inst.scale_max)
    for (i, j), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            mid = (inst.scale_min + inst.scale_max) / 2
            ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=7,
                    color="black" if value > mid else "white")
    labels = [plain(f"{item.id}{' (R)' if item.reverse else ''}") for item in inst.items]
    ax.set_yticks(np.arange(len(inst.items)), labels, fontsize=8)
    long = max((len(line) for name in names for line in name.split("\n")), default=0) > 14
    ax.set_xticks(np.arange(len(names)), names, fontsize=8, rotation=35 if long else 0,
                  ha="right" if long else "center", rotation_mode="anchor")
    fig.colorbar(image, ax=ax, label=cohort_words(inst)["items_colour_bar"])
    if np.isnan(matrix).any():
        ax.set_xlabel(cohort_words(inst)["items_blank"], fontsize=8)
    _note_left_out(fig, left_out, max_groups, cohort_words(inst))
    plt.close(fig)
    return fig


def _positions_with_whole(frame: pd.DataFrame, by):
    """Yield ``(labels, row positions)`` as :func:`.suppression.groups_with_whole` yields rows."""
    apart, inner = split_columns(by)
    if inner:
        check_no_all(frame, inner)
    for outer, rows in group_positions(frame, apart):
        if inner:
            yield (*outer, *(ALL,) * len(inner)), rows
        for labels, part in group_positions(frame[inner].take(rows), inner):
            yield (*outer, *labels), rows[part]


def _keyed(data: pd.DataFrame, instrument) -> dict:
    """:func:`.reliability.keyed_answers` of the instrument's items, as arrays (item -> array).

    The same numbers, without making a table of them: a column of floats is taken as it is
    (its NaN are the missing answers), a reverse-keyed one flipped into a new array.
    """
    inst = resolve(instrument)
    lo, hi = inst.scale_min, inst.scale_max
    other = [i for i in inst.item_ids
             if i in data.columns and data[i].dtype != np.dtype(np.float64)]
    numbers = coerce(data[other], inst) if other else data
    out = {}
    for item in inst.items:
        if item.id in other:
            x = numbers[item.id].to_numpy(dtype=float, na_value=np.nan)
        elif item.id in data.columns:
            x = data[item.id].to_numpy()
        else:
            x = np.full(len(data), np.nan)
        out[item.id] = lo + hi - x if item.reverse else x
    return out


def _mean(values: np.ndarray) -> tuple[float, int]:
    """The mean of the values that are not NaN, and their number, as ``Series.mean`` gives it.

    The same sum (pandas fills the missing with 0 and sums the contiguous values, as numpy
    does here), so the same number to the last bit; NaN when there is none.

    >>> _mean(np.array([1.0, np.nan, 4.0])), _mean(np.array([np.nan]))
    ((2.5, 2), (nan, 0))
    """
    missing = np.isnan(values)
    count = len(values) - int(missing.sum())
    if not count:
        return np.nan, 0
    return float(np.where(missing, 0.0, values).sum() / np.float64(count)), count


def item_means(data: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
               instrument=None, before: str = schema.BEFORE, after: str = schema.AFTER,
               scores: pd.DataFrame | None = None,
               marked: pd.DataFrame | None = None,
               summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean keyed answer of every item per group, protected as the cohort tables are.

    The responses the summary leaves out of an ingredient at a timepoint
    (:func:`.cohort.mark_left_out`) are left out of its items' means too, and a group whose
    item means would give a part-answered person away shows none for that ingredient
    (:func:`.cohort.mark_partial`). ``scores``:
    :func:`workbook.score` of ``data``, row for row (computed when not given). ``marked``:
    :func:`.cohort.mark_left_out` of those scores (row for row, with the ``by`` columns and
    every ingredient), when already made; ``data`` then gives only the answers.
    ``summary``: the cohort summary table; a group it hides is hidden here too.

    Returns
    -------
    DataFrame
        One row per group (the whole first when split): the ``by`` columns, ``n`` (responses
        shown), one column per item. A group the tables would hide shows no means; nor does
        an item answered by fewer than ``min_group`` of a group.
    """
    from workbook.core.scoring import score

    inst = resolve(instrument)
    apart, inner = split_columns(by)
    keys = [*apart, *inner]
    data = data.reset_index(drop=True)
    keyed = _keyed(data, inst)
    if marked is None:
        scores = (score(data, inst) if scores is None else scores).reset_index(drop=True)
        # Who and which group each row is, as codes (the answers are in ``keyed``).
        who = [c for c in dict.fromkeys([*keys, schema.PARTICIPANT_ID, schema.TIMEPOINT])
               if c in data.columns]
        frame = grouping_columns(data[who], [*keys, schema.PARTICIPANT_ID])
        columns = {i: f"\0{i}" for i in inst.ingredient_ids}
        marked = mark_left_out(
            frame.assign(**{c: scores[i].to_numpy() for i, c in columns.items()}), keys,
            min_group, before=before, after=after, ingredients=list(columns.values()))
    else:
        columns = {i: i for i in inst.ingredient_ids}
        marked = marked.reset_index(drop=True)
    marked = mark_partial(data, marked, keys, min_group, instrument=inst, scores=columns,
                          keyed=pd.DataFrame(keyed, copy=False))
    flags = {c: marked[c].to_numpy(dtype=bool) for c in marked.columns
             if str(c).startswith(("_out:", "_partial:"))}
    rows = []
    for labels, at in _positions_with_whole(marked, by):
        column = _out_column(labels, apart, inner)
        means = {}
        for ing in inst.ingredients:
            shown = at[~flags[f"{column}:{columns[ing.id]}"][at]]
            partial = flags[column.replace("_out:", "_partial:") + f":{ing.id}"][at].any()
            for item in ing.item_ids:
                mean, count = _mean(keyed[item][shown])
                means[item] = mean if count >= min_group and not partial else np.nan
        n = int((~flags[column][at]).sum())
        rows.append({**dict(zip(keys, labels)), "n": n, **means})
    table = pd.DataFrame(rows, columns=[*keys, "n", *inst.item_ids])
    # A group the summary hides (any ingredient, at that timepoint) shows no item means
    # either (attacks5 C1): one rule for every table and figure.
    also = None if summary is None or not inner else \
        hidden_in(summary, table, by=inner, on=apart)
    return protect(table, by=inner, n="n", stats=list(inst.item_ids), split=apart,
                   min_group=min_group, also=also)


__all__ = ["bottleneck_chart", "cohort_figures", "distribution_chart", "item_heatmap",
           "item_means", "largest_groups", "prepost_chart", "verdict_chart"]


def cohort_figures(data: pd.DataFrame, scores: pd.DataFrame, by=None,
                   min_group: int = MIN_GROUP, *, before: str = schema.BEFORE,
                   after: str = schema.AFTER, instrument=None, tables: dict | None = None,
                   only=None) -> dict:
    """Every cohort figure, as ``workbook cohort`` saves them: name -> Figure.

    Grouped by ``timepoint`` (when there is one) and ``by``; ``prepost`` only when both
    ``before`` and ``after`` occur. ``tables``: what :func:`.cohort.analyse` gave for the
    same arguments, drawn as they are (computed here otherwise); when it is the
    :class:`.cohort.Tables` :func:`.cohort.analyse` returns, the figures are drawn from its
    marked scores (``tables.marked``: the same scores, their groups and marks made once) and
    ``data`` gives the item answers only. ``only``: the names of the figures to draw (each
    drawn as it is among all of them); every figure when None.
    """
    inst = resolve(instrument)
    marked = getattr(tables, "marked", None)
    if marked is None:
        data = same_group_both_times(data, by, before=before, after=after)
        scores = same_group_both_times(scores, by, before=before, after=after)
    else:  # the analysis' own scores, already in their groups, with their marks
        scores = marked
    grouping = as_list(by)
    timepoints = set()
    if schema.TIMEPOINT in scores.columns and scores[schema.TIMEPOINT].notna().any():
        timepoints = set(scores[schema.TIMEPOINT].dropna().astype(str).unique())
        grouping = [schema.TIMEPOINT, *[c for c in grouping if c != schema.TIMEPOINT]]
    # The group columns and ids as categoricals, once: every figure reads their codes.
    scores = grouping_columns(scores, [*grouping, schema.PARTICIPANT_ID])
    summary = (tables or {}).get("summary")
    makers = {
        "distributions": lambda: distribution_chart(
            scores, grouping, min_group, instrument=inst, table=summary, before=before,
            after=after, marked=marked),
        "verdicts": lambda: verdict_chart(
            scores, grouping, min_group, table=(tables or {}).get("verdicts"), before=before,
            after=after, instrument=inst),
        "bottlenecks": lambda: bottleneck_chart(
            scores, grouping, min_group, instrument=inst,
            table=(tables or {}).get("bottlenecks"), before=before, after=after),
        "items": lambda: item_heatmap(
            data, grouping, min_group, instrument=inst, before=before, after=after,
            scores=scores, marked=marked, summary=summary),
    }
    if {before, after} <= timepoints:
        # the scores the before/after compared (per pair, across versions on the statements
        # both share), so the figure agrees with prepost.csv
        compared = getattr(tables, "compared", None)
        makers["prepost"] = lambda: prepost_chart(
            scores if compared is None else compared, before, after, min_group=min_group,
            instrument=inst, table=(tables or {}).get("prepost"))
    figures = {name: make() for name, make in makers.items()
               if only is None or name in only}
    return figures
