"""The figure of :mod:`workbook.cohort.validity`: ROC curves with today's cut-offs marked.

One curve per ingredient shown in full (each side of the outcome at least twice
``min_group``), a dot where today's "a little" line sits on it, and the verdict's one point
(ready against not) as a black diamond. The diagonal is a coin toss. Colours are the kit's
Okabe-Ito palette; the function returns a ``Figure`` and never calls ``show``.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook.cohort.validity import validity
>>> fig = roc_chart(validity(load_sample()))
>>> len(fig.axes)
1
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from workbook.cohort.validity import VERDICT_ROW, Validity, words
from workbook.core.instrument import resolve
from workbook.core.palette import PALETTE, plain

#: A colour per ingredient, in the instrument's order (colour-blind safe).
CURVE_COLOURS = ("blue", "orange", "green", "purple", "vermillion", "sky", "yellow")


def roc_chart(result: Validity, instrument=None) -> Figure:
    """ROC curves of :func:`workbook.cohort.validity.validity`'s result, today's cut-offs marked.

    ``instrument``: whose ingredient and verdict names label the figure (the kit's own by
    default).
    """
    inst = resolve(instrument)
    said = words(inst)
    fig, ax = plt.subplots(figsize=(6.4, 6.0), layout="constrained")
    ax.plot([0, 1], [0, 1], color=PALETTE["grey"], lw=1, ls="--", label=said["figure_coin"])
    table = result.table.set_index("predictor") if result.table is not None else None
    roc = result.roc
    for k, ing in enumerate(inst.ingredient_ids):
        if roc is None or table is None or ing not in set(roc["predictor"]):
            continue
        colour = PALETTE[CURVE_COLOURS[k % len(CURVE_COLOURS)]]
        points = roc[roc["predictor"] == ing]
        row = table.loc[ing]
        name = plain(inst.ingredient(ing).name)
        ax.plot(points["false_positive_rate"], points["sensitivity"], color=colour, lw=1.8,
                label=said["figure_curve"].format(name=name, auc=f"{row['auc']:.2f}"))
        ax.plot([1 - row["specificity"]], [row["sensitivity"]], "o", color=colour, ms=7,
                mec="white", mew=1.2, zorder=5)
    if table is not None and VERDICT_ROW in table.index and \
            table.loc[VERDICT_ROW, "sensitivity"] == table.loc[VERDICT_ROW, "sensitivity"]:
        row = table.loc[VERDICT_ROW]
        ready = plain(inst.verdict_name("ready"))
        ax.plot([1 - row["specificity"]], [row["sensitivity"]], "D", color=PALETTE["black"],
                ms=8, zorder=6,
                label=said["figure_verdict"].format(ready=ready, auc=f"{row['auc']:.2f}"))
    ax.plot([], [], "o", color=PALETTE["grey"], label=said["figure_today"])
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel(said["figure_x"])
    ax.set_ylabel(said["figure_y"])
    ax.set_title(said["figure_title"], fontsize=11)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    plt.close(fig)
    return fig


def roc_alt(result: Validity, instrument=None) -> str:
    """The figure's alt text: what it shows, in a sentence per curve.

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook.cohort.validity import validity
    >>> roc_alt(validity(load_sample())).startswith("ROC curves")
    True
    """
    inst = resolve(instrument)
    said = words(inst)
    parts = [said["alt_intro"]]
    table = result.table
    if table is None:
        return " ".join(parts)
    for row in table.itertuples(index=False):
        if row.auc != row.auc:  # not shown
            continue
        name = said["verdict_row"].format(ready=inst.verdict_name("ready")) \
            if row.predictor == VERDICT_ROW else inst.ingredient(row.predictor).name
        parts.append(said["alt_row"].format(name=name, auc=f"{row.auc:.2f}",
                                            talked=f"{row.sensitivity:.0%}",
                                            others=f"{1 - row.specificity:.0%}"))
    return " ".join(parts)
