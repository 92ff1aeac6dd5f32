"""Planned against held, week by week, as a small SVG (no matplotlib), with its alt text.

The conversations page draws it from :func:`workbook.core.conversations.model.weekly` rows (the
personal report says the same in words, from ``model.planned_since``): a bar per week for
the conversations held, and a stepped line at the pace the plan has room for. Like the
report's profile chart (:mod:`workbook.core.profile_chart`) it is text, so it is drawn in well
under a millisecond and goes into a page as an ``<img>`` with a ``data:`` URI; every label
is escaped. Its words are the instrument's (``[conversations]``: ``chart_planned``,
``chart_held``, ``chart_week``, ``chart_alt``).

Examples
--------
>>> import datetime as dt
>>> rows = [(dt.date(2026, 11, 16), None, 0), (dt.date(2026, 11, 23), 1.0, 2)]
>>> svg = weekly_svg(rows)
>>> svg.startswith("<svg ") and svg.count('class="held"') == 1
True
>>> weekly_alt(rows).split(": ", 1)[1]
'week of 16 Nov: held 0; week of 23 Nov: planned 1, held 2.'
"""

from __future__ import annotations

import math

from workbook.core.markup import svg_text as _text
from workbook.core.palette import PALETTE

#: Drawing sizes, in SVG user units (about a CSS pixel).
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, FONT = 520, 200, 34, 12, 14, 58, 12


def _words(instrument):
    from workbook.core.conversations.words import Words

    return Words(instrument)


def _number(value) -> str:
    """A count as a reader says it: ``1``, ``0.5``."""
    return f"{value:g}"


def _day(monday, instrument=None) -> str:
    """The Monday under a week's bar (``23 Nov``), in the instrument's ``[words.dates]``."""
    from workbook.core.date_words import say_date

    return say_date(monday, instrument, form="week")


def weekly_svg(rows, instrument=None) -> str:
    """The weekly rows as a bar chart of held with a line for planned, as SVG text.

    Parameters
    ----------
    rows : list of (date, float or None, int)
        ``(monday, planned, held)`` as :func:`~workbook.core.conversations.model.weekly` gives
        them; planned None is a week with no plan (before the list began, or no pace).
        With no week planned the legend names the bars only.
    instrument : Instrument or path, optional
        Where the legend's words come from (the kit's own by default).

    Returns
    -------
    str
        A standalone ``<svg>`` document.
    """
    words = _words(instrument)
    rows = list(rows)
    top = max([1.0] + [float(h) for _, _, h in rows]
              + [float(p) for _, p, _ in rows if p is not None])
    top = float(math.ceil(top))
    base, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    slot = (right - LEFT) / max(len(rows), 1)

    def y(value: float) -> float:
        return base - (base - TOP) * value / top

    ink = PALETTE["black"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Arial, Helvetica, '
        f'sans-serif" font-size="{FONT}" fill="{ink}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    step = 1 if top <= 6 else math.ceil(top / 5)
    for tick in range(0, int(top) + 1, step):
        parts.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{right}" y2="{y(tick):.1f}" '
                     f'stroke="#e6ded3" stroke-width="0.8"/>'
                     f'<text x="{LEFT - 6}" y="{y(tick):.1f}" dy="0.35em" '
                     f'text-anchor="end">{tick}</text>')
    for n, (monday, planned, held) in enumerate(rows):
        x0 = LEFT + n * slot
        if held:
            parts.append(f'<rect class="held" x="{x0 + slot * 0.2:.1f}" y="{y(held):.1f}" '
                         f'width="{slot * 0.6:.1f}" height="{base - y(held):.1f}" '
                         f'fill="{PALETTE["blue"]}"/>'
                         f'<text x="{x0 + slot / 2:.1f}" y="{y(held) - 4:.1f}" '
                         f'text-anchor="middle">{held}</text>')
        if planned is not None:
            parts.append(f'<line class="planned" x1="{x0 + slot * 0.08:.1f}" '
                         f'y1="{y(planned):.1f}" x2="{x0 + slot * 0.92:.1f}" '
                         f'y2="{y(planned):.1f}" stroke="{PALETTE["orange"]}" '
                         f'stroke-width="3" stroke-dasharray="6 3"/>')
        parts.append(f'<text x="{x0 + slot / 2:.1f}" y="{base + 16}" '
                     f'text-anchor="middle">{_text(_day(monday, words.instrument))}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{right}" y2="{base}" stroke="{ink}" '
                 'stroke-width="0.8"/>')
    legend = base + 40
    parts.append(
        f'<rect x="{LEFT}" y="{legend - 7}" width="18" height="14" fill="{PALETTE["blue"]}"/>'
        f'<text x="{LEFT + 24}" y="{legend}" dy="0.35em">'
        f'{_text(words.get("chart_held"))}</text>')
    if any(p is not None for _, p, _ in rows):  # no line drawn, none in the legend
        parts.append(
            f'<line x1="{LEFT + 120}" y1="{legend}" x2="{LEFT + 144}" y2="{legend}" '
            f'stroke="{PALETTE["orange"]}" stroke-width="3" stroke-dasharray="6 3"/>'
            f'<text x="{LEFT + 150}" y="{legend}" dy="0.35em">'
            f'{_text(words.get("chart_planned"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def weekly_alt(rows, instrument=None) -> str:
    """The chart's alternative text: every week's numbers, in words.

    With no week planned the text speaks of the bars only (``chart_alt_held``).

    Examples
    --------
    >>> import datetime as dt
    >>> weekly_alt([(dt.date(2026, 11, 23), None, 1)])
    'Bars show the conversations held each week: week of 23 Nov: held 1.'
    """
    words = _words(instrument)
    weeks = []
    for monday, planned, held in rows:
        counts = ([f"{words.get('chart_planned')} {_number(planned)}"]
                  if planned is not None else [])
        counts.append(f"{words.get('chart_held')} {held}")
        weeks.append(f"{words.get('chart_week')} {_day(monday, words.instrument)}: "
                     f"{', '.join(counts)}")
    # no week planned (a client tending first): the words speak of no line
    alt = "chart_alt" if any(p is not None for _, p, _ in rows) else "chart_alt_held"
    return f"{words.get(alt).rstrip('.')}: {'; '.join(weeks)}."
