"""What both reports' pages are made of: a section of HTML, and a figure embedded in it.

The personal report (:mod:`workbook.reports.participant`) and the cohort report
(:mod:`workbook.reports.cohort_view`) both return :class:`Section` objects, which the
template notebooks display as they are.

Examples
--------
>>> section = Section("<p>Hello</p>", "greeting")
>>> section, section._repr_html_()
(<report section: greeting>, '<p>Hello</p>')
"""

from __future__ import annotations

import base64
import io

from workbook.reports.html import escape as e


class Section:
    """A piece of a report: HTML that Jupyter and nbconvert display as it is."""

    def __init__(self, html: str, name: str):
        self.html, self.name = html, name

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<report section: {self.name}>"


def figure_html(fig, *, alt: str, caption: str = "") -> str:
    """A matplotlib figure as an ``<img>`` with an embedded PNG, alt text and caption."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=144, bbox_inches="tight", facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{e(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{e(alt)}">{cap}</figure>'
