"""One person's figures. Every function returns a matplotlib ``Figure`` and never calls ``show``.

Colours come from the Okabe-Ito palette (safe for colour-blind readers); the level bands
(``not_yet``, ``a_little``, ``plenty``) are drawn as light shading behind the data.

Examples
--------
>>> from workbook.session.plots import profile_chart
>>> fig = profile_chart({"hope": 55, "time": 30, "energy": 72, "self_esteem": 48, "ambition": 61})
>>> len(fig.axes)
1
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from workbook.core import schema  # noqa: E402
from workbook.core.instrument import resolve, words_table  # noqa: E402
from workbook.core.palette import (  # noqa: E402, F401  (re-exported: the figures' shared vocabulary)
    LEVEL_COLOURS,
    LEVEL_NAMES,
    PALETTE,
    VERDICT_NAMES,
    level_bands,
    plain,
    verdict_colours,
)


def _score_axis(instrument) -> str:
    """The score axis's words (``[words.cohort] score_axis``, the cohort figures' too).

    Examples
    --------
    >>> _score_axis(resolve(None))
    'score (0-100)'
    """
    return words_table(instrument, "cohort")["score_axis"]


def profile_chart(scores, instrument=None, *, title: str | None = None) -> Figure:
    """One person's five scores as horizontal bars over the level bands.

    Parameters
    ----------
    scores : mapping or Series
        Ingredient id -> POMP score (0-100; NaN or missing = not scored). A row of
        :func:`workbook.score` works as it is.
    instrument : Instrument or path, optional
    title : str, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> from workbook import score
    >>> fig = profile_chart(score(load_sample()).iloc[0])
    >>> tuple(float(x) for x in fig.axes[0].get_xlim())
    (0.0, 100.0)
    """
    from workbook.core.session_texts import Texts

    inst = resolve(instrument)
    ings = list(inst.ingredients)
    not_scored = Texts(inst).get("app", "not_scored_label")
    fig, ax = plt.subplots(figsize=(7.5, 0.65 * len(ings) + 1.4), layout="constrained")
    ypos = np.arange(len(ings))[::-1]
    for y, ing in zip(ypos, ings):
        edges = [0, ing.thresholds["a_little"], ing.thresholds["plenty"], 100]
        for level, lo, hi in zip(schema.LEVELS, edges[:-1], edges[1:]):
            ax.barh(y, hi - lo, left=lo, height=0.86, color=LEVEL_COLOURS[level], alpha=0.13,
                    lw=0, zorder=0)
        value = _get(scores, ing.id)
        if value is None:
            ax.text(2, y, plain(not_scored), va="center", fontsize=9,
                    color=PALETTE["black"], style="italic")
            continue
        level = ing.level(value)
        ax.barh(y, value, height=0.5, color=LEVEL_COLOURS[level], zorder=2,
                edgecolor=PALETTE["black"], linewidth=0.6)
        label = f"{value:.0f}  {plain(inst.level_name(level))}"
        inside = value > 82
        ax.text(value - 1.5 if inside else value + 1.5, y, label, va="center",
                ha="right" if inside else "left", fontsize=9, zorder=3,
                color="white" if inside else PALETTE["black"])
    ax.set_yticks(ypos, [plain(ing.name) for ing in ings])
    ax.set_xlim(0, 100)
    ax.set_xlabel(_score_axis(inst))
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=LEVEL_COLOURS[lv], alpha=0.5) for lv in schema.LEVELS
    ]
    ax.legend(handles, [plain(inst.level_name(lv)) for lv in schema.LEVELS], loc="upper center",
              bbox_to_anchor=(0.5, -0.17 if len(ings) > 3 else -0.35), ncol=3, frameon=False,
              fontsize=9)
    if title:
        ax.set_title(plain(title, None), loc="left")
    plt.close(fig)
    return fig


def _get(scores, key):
    try:
        value = scores[key]
    except (KeyError, IndexError, TypeError):
        return None
    if value is None or pd.isna(value):
        return None
    return float(value)


def history_chart(history, instrument=None, *, title: str | None = None) -> Figure:
    """One person's scores over their sessions: a line per ingredient over the level bands.

    Parameters
    ----------
    history : DataFrame
        One row per session, in date order, indexed by date; one POMP score column per
        ingredient (NaN = not scored then). :func:`workbook.session.store.score_history` gives one.
    instrument : Instrument or path, optional
    title : str, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"hope": [40.0, 65.0], "time": [20.0, 25.0]},
    ...                  index=["2026-11-26", "2026-12-10"])
    >>> fig = history_chart(h)
    >>> tuple(map(float, fig.axes[0].get_ylim())), len(fig.axes[0].get_lines())
    ((0.0, 100.0), 2)
    """
    inst = resolve(instrument)
    fig, ax = plt.subplots(figsize=(7.5, 3.6), layout="constrained")
    shared = {tuple(sorted(ing.thresholds.items())) for ing in inst.ingredients}
    if len(shared) == 1:  # one set of bands fits every ingredient
        level_bands(ax, inst.ingredients[0], orientation="vertical")
    colours = [PALETTE[c] for c in ("blue", "orange", "green", "purple", "vermillion", "sky",
                                    "yellow", "black")]
    x = np.arange(len(history))
    for k, ing in enumerate(inst.ingredients):
        if ing.id not in history.columns:
            continue
        values = pd.to_numeric(history[ing.id], errors="coerce").to_numpy(dtype=float)
        if np.isnan(values).all():
            continue
        # A marker shape and size each, so lines that coincide stay visible.
        ax.plot(x, values, marker="osD^v"[k % 5], markersize=max(11 - 1.5 * k, 4),
                color=colours[k % len(colours)], label=plain(ing.name), alpha=0.9,
                linestyle=("-", "--", ":", "-.")[k % 4], zorder=2 + k)
    ax.set_xticks(x, [plain(i, 24) for i in history.index])
    ax.set_xlim(-0.5, max(len(history) - 0.5, 0.5))
    ax.set_ylim(0, 100)
    ax.set_ylabel(_score_axis(inst))
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    if ax.get_lines():
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    if title:
        ax.set_title(plain(title, None), loc="left")
    plt.close(fig)
    return fig
