"""Colours and readable names shared by every figure and report: declared once.

The palette is Okabe-Ito (safe for colour-blind readers).
"""

from __future__ import annotations

import unicodedata

from workbook.core import schema

#: Okabe-Ito colour-blind-safe palette.
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
#: Colour of each level: warm for not yet, blue for a little, green for plenty.
LEVEL_COLOURS = {
    schema.NOT_YET: PALETTE["vermillion"],
    schema.A_LITTLE: PALETTE["sky"],
    schema.PLENTY: PALETTE["green"],
}
def _words() -> tuple:
    """Level and verdict names from the kit's instrument: its one vocabulary (``[words]``)."""
    from workbook.core.instrument import resolve

    inst = resolve(None)
    return ({lv: inst.level_name(lv) for lv in schema.LEVELS},
            {v: inst.verdict_name(v) for v in schema.VERDICTS})


#: Readable level names and verdict names, for legends and tables: the instrument's words
#: (reports and screens ask the instrument in use; figures of a coach's own instrument keep
#: these).
LEVEL_NAMES, VERDICT_NAMES = _words()


def level_words(text: str, instrument) -> str:
    """A note naming levels (``... a little or plenty``) in the instrument's level names.

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> level_words("still a little or plenty", load_instrument())
    'still a little or plenty'
    """
    import re

    for level in reversed(schema.LEVELS):  # plenty first: its name is in no other
        name = instrument.level_name(level)
        if name != LEVEL_NAMES[level]:
            text = re.sub(rf"\b{re.escape(LEVEL_NAMES[level])}\b", name.replace("\\", "\\\\"),
                          text)
    return text


def level_bands(ax, ingredient, *, orientation: str = "horizontal", alpha: float = 0.12) -> None:
    """Shade the level bands of one ingredient on an axis whose score axis runs 0-100."""
    edges = [0, ingredient.thresholds["a_little"], ingredient.thresholds["plenty"], 100]
    span = ax.axvspan if orientation == "horizontal" else ax.axhspan
    for level, lo, hi in zip(schema.LEVELS, edges[:-1], edges[1:]):
        span(lo, hi, color=LEVEL_COLOURS[level], alpha=alpha, lw=0, zorder=0)


def verdict_colours() -> dict:
    """Colour of each verdict, in the order verdicts are decided."""
    return dict(
        zip(schema.VERDICTS, (PALETTE["grey"], PALETTE["orange"], PALETTE["sky"], PALETTE["green"]))
    )


def plain(text, limit: int | None = 60) -> str:
    r"""User text as a figure must draw it: literally, never as mathtext, at most ``limit`` long.

    ``$`` is escaped (matplotlib reads ``$...$`` as mathtext, and a cohort called ``$\cmd$``
    would stop the figure), characters no font can take (lone surrogates) and control
    characters (ESC, BEL, CR, bidi overrides: no glyph, and matplotlib's warning about them
    quotes them raw) become ``?``, and text longer than ``limit`` characters is cut with an
    ellipsis.

    Examples
    --------
    >>> plain(r"$\cmd$")
    '\\$\\cmd\\$'
    >>> plain("x" * 70, limit=10)
    'xxxxxxxxx…'
    >>> plain("A\x1b[2J")
    'A?[2J'
    """
    out = str(text).encode("utf-8", "replace").decode("utf-8")
    if not out.isprintable():  # other spaces drawn as spaces; controls, format chars as ?
        out = "".join(ch if ch.isprintable() or ch == "\n" else
                      " " if unicodedata.category(ch) == "Zs" else "?" for ch in out)
    if limit is not None and len(out) > limit:
        out = out[: limit - 1] + "…"
    return out.replace("$", r"\$")
