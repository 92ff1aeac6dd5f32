"""One person's profile chart, drawn as a small SVG image (no matplotlib), and its alt text.

The chart shows what :func:`workbook.session.plots.profile_chart` shows: one bar per ingredient
over its three level bands, the score and level beside each bar, ``not scored yet`` where too
few items were answered, a 0-100 axis and a legend of the levels. Drawing it as text costs
well under a millisecond, against about a quarter of a second for the matplotlib PNG, which
was half of a report's time. The personal report (:mod:`workbook.reports.participant`) and
the profile screen (:mod:`workbook.session.widgets.profile`) both show it, with the same alt
text (:func:`profile_alt`), as an ``<img>`` with a ``data:`` URI
(:func:`workbook.core.markup.svg_figure_html`), so the page's Content-Security-Policy still
allows only ``data:`` images, and a browser never runs or loads anything from an SVG shown as
an image.

Examples
--------
>>> svg = profile_svg({"hope": 55, "time": 30, "energy": 72, "self_esteem": None,
...                    "ambition": 61})
>>> svg.startswith("<svg ") and svg.count("<rect") > 15 and "not scored yet" in svg
True
"""

from __future__ import annotations

import math

from workbook.core import schema
from workbook.core.instrument import fill, resolve, words_table
from workbook.core.markup import svg_text
from workbook.core.palette import LEVEL_COLOURS, PALETTE

__all__ = ["not_scored", "profile_alt", "profile_svg"]

#: Drawing sizes, in SVG user units (about a CSS pixel).
WIDTH, ROW, TOP, AXIS, LEGEND, FONT = 720, 44, 12, 46, 34, 13
#: Longest ingredient name drawn (the table below the chart has the whole name).
NAME_LIMIT = 34


def _score(scores, key):
    try:
        value = scores[key]
    except (KeyError, IndexError, TypeError):
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def profile_svg(scores, instrument=None, *, labels=None) -> str:
    """One person's scores as horizontal bars over the level bands, as SVG text.

    Parameters
    ----------
    scores : mapping or Series
        Ingredient id -> POMP score (0-100; NaN, None or missing = not scored). A row of
        :func:`workbook.score` works as it is.
    instrument : Instrument or path, optional
    labels : dict, optional
        Ingredient id -> words said in place of its level (the plan's ``said_level``: time
        with 0 hours a week is "no hours now", never "plenty"): drawn as those words alone,
        with no bar (a bar at 100 in the plenty colour would say "plenty").

    Returns
    -------
    str
        A standalone ``<svg>`` document; every piece of text in it is escaped.
    """
    labels = labels or {}
    inst = resolve(instrument)
    ings = list(inst.ingredients)
    longest = max((len(str(i.name)) for i in ings), default=4)
    left = min(max(60, 14 + 7.8 * min(longest, NAME_LIMIT)), WIDTH * 0.4)
    right = WIDTH - 16
    height = TOP + ROW * len(ings) + AXIS + LEGEND

    def x(value: float) -> float:
        return left + (right - left) * max(0.0, min(100.0, value)) / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, Helvetica, '
        f'sans-serif" font-size="{FONT}" fill="{PALETTE["black"]}">',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for n, ing in enumerate(ings):
        y = TOP + n * ROW
        mid = y + ROW / 2
        edges = [0, ing.thresholds["a_little"], ing.thresholds["plenty"], 100]
        for level, lo, hi in zip(schema.LEVELS, edges[:-1], edges[1:]):
            parts.append(
                f'<rect x="{x(lo):.1f}" y="{y + ROW * 0.07:.1f}" width="{x(hi) - x(lo):.1f}" '
                f'height="{ROW * 0.86:.1f}" fill="{LEVEL_COLOURS[level]}" fill-opacity="0.13"/>'
            )
        parts.append(f'<text x="{left - 8:.1f}" y="{mid:.1f}" dy="0.35em" '
                     f'text-anchor="end">{svg_text(ing.name, NAME_LIMIT)}</text>')
        value = _score(scores, ing.id)
        if value is None or ing.id in labels:  # a word in place of the level: no bar
            said = not_scored(inst) if value is None else labels[ing.id]
            parts.append(f'<text x="{x(2):.1f}" y="{mid:.1f}" dy="0.35em" font-size="12" '
                         f'font-style="italic">{svg_text(said, 60)}</text>')
            continue
        level = ing.level(value)
        parts.append(
            f'<rect x="{x(0):.1f}" y="{mid - ROW * 0.25:.1f}" width="{x(value) - x(0):.1f}" '
            f'height="{ROW * 0.5:.1f}" fill="{LEVEL_COLOURS[level]}" '
            f'stroke="{PALETTE["black"]}" stroke-width="0.8"/>'
        )
        inside = value > 82
        label = f"{value:.0f} {labels.get(ing.id) or inst.level_name(level)}"
        place = (f'x="{x(value - 1.5):.1f}" text-anchor="end" fill="#ffffff"' if inside
                 else f'x="{x(value + 1.5):.1f}" text-anchor="start"')
        parts.append(f'<text {place} y="{mid:.1f}" dy="0.35em" font-size="12">'
                     f"{svg_text(label)}</text>")
    base = TOP + ROW * len(ings)
    parts.append(f'<line x1="{left:.1f}" y1="{base}" x2="{right}" y2="{base}" '
                 f'stroke="{PALETTE["black"]}" stroke-width="0.8"/>')
    for tick in range(0, 101, 20):
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{base}" x2="{x(tick):.1f}" y2="{base + 5}" '
            f'stroke="{PALETTE["black"]}" stroke-width="0.8"/>'
            f'<text x="{x(tick):.1f}" y="{base + 19}" font-size="12" '
            f'text-anchor="middle">{tick}</text>'
        )
    axis = words_table(inst, "report")["chart_axis"]
    parts.append(f'<text x="{(left + right) / 2:.1f}" y="{base + 38}" '
                 f'text-anchor="middle">{svg_text(axis)}</text>')
    legend_y = base + AXIS + LEGEND / 2 - 4
    start = WIDTH / 2 - 3 * 110 / 2
    for k, level in enumerate(schema.LEVELS):
        lx = start + k * 110
        parts.append(
            f'<rect x="{lx:.1f}" y="{legend_y - 7:.1f}" width="22" height="14" '
            f'fill="{LEVEL_COLOURS[level]}" fill-opacity="0.5"/>'
            f'<text x="{lx + 28:.1f}" y="{legend_y:.1f}" dy="0.35em" font-size="12">'
            f"{svg_text(inst.level_name(level))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def not_scored(instrument) -> str:
    """What the chart says of an ingredient with too few answers (``[session.app]``)."""
    from workbook.core.session_texts import Texts

    return Texts(instrument).get("app", "not_scored_label")


def profile_alt(latest, instrument, labels=None) -> str:
    """The profile chart's alternative text: each ingredient's score (the screen's too).

    ``labels`` (the plan's ``said_level``): words said in place of a score, as the chart does.
    A score the chart does not draw is said as a dash.

    Examples
    --------
    >>> alt = profile_alt({"hope": 55.4, "time": None, "energy": 72}, resolve(None),
    ...                   {"energy": "no energy now"})
    >>> alt.split("; ")[:3], alt.endswith("Ambition \u2013")
    (['Bar chart of your scores: Hope 55', 'Time \u2013', 'Energy no energy now'], True)
    """
    labels = labels or {}
    words = words_table(instrument, "report")

    def said(value) -> str:
        return "\u2013" if value is None else f"{value:.0f}"

    return fill(words["profile_alt"], scores=words["profile_alt_join"].join(
        f"{ing.name} {labels.get(ing.id) or said(_score(latest, ing.id))}"
        for ing in instrument.ingredients))
