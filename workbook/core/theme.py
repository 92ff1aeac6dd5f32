"""The kit's one look: colours, type and spacing shared by the reports and the session pages.

Declared once here; :mod:`workbook.reports.style` and :mod:`workbook.session.widgets.style` build
their stylesheets from it, so a report and a session page are visibly siblings. Everything
is inline CSS with system fonts: no font, icon or file is fetched from anywhere.
"""

from __future__ import annotations

from workbook.core.palette import PALETTE

#: Body text: the system's own sans-serif faces (nothing downloaded).
BODY_FONT = '"Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", Arial, sans-serif'
#: Headings: a bookish serif, again from the system.
HEADING_FONT = 'Georgia, "Iowan Old Style", "Palatino Linotype", "DejaVu Serif", serif'

#: The warm palette, as CSS custom properties (name -> colour). The level colours are the
#: Okabe-Ito ones the figures use, dark enough to carry white text.
COLOURS = {
    "ink": "#2a2623", "soft": "#5e5650", "paper": "#fbf8f3", "card": "#ffffff",
    "line": "#e6ded3", "accent": "#a4532a", "accent-soft": "#f4e6dc",
    "not_yet": PALETTE["vermillion"], "a_little": PALETTE["blue"], "plenty": PALETTE["green"],
    "error": "#B00020",
}


def variables(selector: str = ":root") -> str:
    """The palette and fonts as CSS custom properties on ``selector``.

    Examples
    --------
    >>> print(variables(".x").splitlines()[1])
      --ink: #2a2623; --soft: #5e5650; --paper: #fbf8f3; --card: #ffffff; --line: #e6ded3;
    """
    names = list(COLOURS)
    lines = ["  " + " ".join(f"--{n}: {COLOURS[n]};" for n in names[i:i + 5])
             for i in range(0, len(names), 5)]
    return "\n".join([f"{selector} {{", *lines,
                      f"  --body-font: {BODY_FONT};", f"  --heading-font: {HEADING_FONT};",
                      "}"]) + "\n"


def headings(scope: str = "") -> str:
    """Heading rules (serif, calm sizes, an accent rule under h2), under ``scope`` if given."""
    at = f"{scope} " if scope else ""
    return f"""
{at}h1, {at}h2, {at}h3 {{
  font-family: var(--heading-font); font-weight: normal; line-height: 1.25; color: var(--ink);
}}
{at}h1 {{ font-size: 2.1rem; margin: 0 0 .3rem; }}
{at}h2 {{ font-size: 1.45rem; margin: 2.4rem 0 .6rem; padding-bottom: .3rem;
     border-bottom: 2px solid var(--accent-soft); }}
{at}h3 {{ font-size: 1.12rem; margin: 1.4rem 0 .4rem; }}
"""
