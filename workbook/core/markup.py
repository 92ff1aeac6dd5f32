r"""Text put into a page: escaped for HTML or for SVG, and an SVG drawing shown as an image.

The personal report, the profile screen and the conversations page all show the kit's SVG
charts (:mod:`workbook.core.profile_chart`, :mod:`workbook.core.conversations.chart`) the
same way: as an ``<img>`` with a ``data:`` URI, so a page's Content-Security-Policy still
allows only ``data:`` images and a browser never runs or loads anything from the drawing.

Examples
--------
>>> escape('<b> & "x"'), escape(None)
('&lt;b&gt; &amp; &quot;x&quot;', '')
>>> svg_text("Hope\x07 <and> a long name", 12)
'Hope? &lt;and&gt;…'
>>> svg_figure_html("<svg/>", alt="A <chart>").startswith('<figure><img src="data:image/svg+xml')
True
"""

from __future__ import annotations

import base64
import html
import re

__all__ = ["escape", "svg_figure_html", "svg_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text) -> str:
    """Escape any value for HTML text or an attribute; ``None`` becomes empty text."""
    return "" if text is None else html.escape(str(text), quote=True)


def svg_text(value, limit: int | None = None) -> str:
    """Text as SVG must hold it: escaped, XML-safe (no control characters, no lone halves)."""
    out = _NOT_XML.sub("?", str(value).encode("utf-8", "replace").decode("utf-8"))
    if limit is not None and len(out) > limit:
        out = out[: limit - 1] + "…"
    return escape(out)


def svg_figure_html(svg: str, *, alt: str, caption: str = "") -> str:
    """An SVG drawing as an ``<img>`` with a ``data:`` URI, alt text and caption."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">{cap}'
            "</figure>")
