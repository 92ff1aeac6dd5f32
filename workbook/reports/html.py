"""Executed notebook -> one standalone, finished-looking HTML page.

The page is built by nbconvert's :class:`~nbconvert.HTMLExporter` with the kit's own small
template (below): no code, no prompts, no scripts, no fonts or styles from the internet.
Outputs are shown by type: HTML and PNG as they are (the kit's report sections escape every
piece of participant text before it becomes HTML), plain text escaped, and everything that
could run (JavaScript, widgets, SVG) or that a reader should not see (stdout, stderr) left
out. A Content-Security-Policy in the page forbids scripts and outside requests as well, so a
slip elsewhere still cannot run or phone home.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hello")])
>>> page = export_html(nb, title="A <title>")
>>> "<h1" in page and "A &lt;title&gt;" in page and "<script" not in page
True
"""

from __future__ import annotations

import functools
import html

from jinja2 import DictLoader

from workbook.reports.style import CSS

_TEMPLATE_NAME = "workbook_report.html.j2"

#: Allowed sources: nothing from outside; images only as data: URIs; the page's own CSS.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

_TEMPLATE = r"""
{%- extends 'base/display_priority.j2' -%}
{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.lang | e }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ resources.csp }}">
<meta name="generator" content="Readiness Workbook">
{%- for name, value in resources.get('meta', {}).items() %}
<meta name="{{ name | e }}" content="{{ value | e }}">
{%- endfor %}
<title>{{ resources.metadata.name | e }}</title>
<style>{{ resources.css }}</style>
</head>
<body>
<main class="report">
{%- endblock header -%}

{%- block markdowncell scoped -%}
<section class="text">{{ cell.source | markdown2html | strip_files_prefix }}</section>
{%- endblock markdowncell -%}

{%- block execute_result scoped -%}
{%- block data_priority scoped -%}{{ super() }}{%- endblock data_priority -%}
{%- endblock execute_result -%}

{%- block rawcell -%}{%- endblock rawcell -%}
{%- block stream -%}{%- endblock stream -%}
{%- block error -%}
<pre class="error">{{ output.ename | e }}: {{ output.evalue | e }}</pre>
{%- endblock error -%}

{%- block data_html scoped -%}
{{ output.data['text/html'] }}
{%- endblock data_html -%}
{%- block data_markdown scoped -%}
{{ output.data['text/markdown'] | markdown2html }}
{%- endblock data_markdown -%}
{%- block data_png scoped -%}
<figure><img src="data:image/png;base64,{{ output.data['image/png'] | e }}" alt=""></figure>
{%- endblock data_png -%}
{%- block data_jpg scoped -%}
<figure><img src="data:image/jpeg;base64,{{ output.data['image/jpeg'] | e }}" alt=""></figure>
{%- endblock data_jpg -%}
{%- block data_text scoped -%}
<pre>{{ output.data['text/plain'] | e }}</pre>
{%- endblock data_text -%}
{%- block data_svg -%}{%- endblock data_svg -%}
{%- block data_javascript -%}{%- endblock data_javascript -%}
{%- block data_widget_view -%}{%- endblock data_widget_view -%}
{%- block data_latex -%}{%- endblock data_latex -%}
{%- block data_other -%}{%- endblock data_other -%}

{%- block footer -%}
</main>
<footer class="report-footer">{{ resources.footer | e }}</footer>
</body>
</html>
{%- endblock footer -%}
"""

DEFAULT_FOOTER = "Made with the Readiness Workbook."


@functools.cache
def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        optimistic_validation=True,  # validate once after the preprocessors, not after each
    )
    # Markdown and HTML are already ours; nothing to sanitise, highlight or anchor.
    exporter.anchor_link_text = ""
    return exporter


def export_html(nb, *, title: str, meta: dict | None = None, footer: str = DEFAULT_FOOTER,
                lang: str = "en") -> str:
    """Render an executed notebook as a standalone HTML page.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook.
    title : str
        Text of the page's ``<title>`` (escaped here).
    meta : dict, optional
        Extra ``<meta name=... content=...>`` pairs (escaped here).
    footer : str
        One line at the bottom of the page (escaped here).
    lang : str
        The language of the page's words (``[words.report] lang`` of the instrument).

    Returns
    -------
    str
        The whole page.
    """
    resources = {
        "metadata": {"name": title},
        "csp": CONTENT_SECURITY_POLICY,
        "css": CSS,
        "meta": dict(meta or {}),
        "footer": footer,
        "lang": lang,
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


def warm_up() -> None:
    """Build the exporter and compile its template once (a worker calls this before forking)."""
    import nbformat

    v4 = nbformat.v4
    shown = v4.new_output("display_data", data={
        "text/html": "<p>a &middot; b &ndash; c &amp; d</p><figure><img src='data:,' alt=''>"
                     "</figure>", "text/plain": "warm"})
    cell = v4.new_code_cell("warm", outputs=[shown])
    # Entities in an output make BeautifulSoup (nbconvert runs every page through it) build
    # its entity tables here, once, rather than in every report's child process.
    export_html(v4.new_notebook(cells=[v4.new_markdown_cell("*warm*"), cell]), title="warm-up")


def escape(text) -> str:
    """Escape any value for HTML text or an attribute; ``None`` becomes empty text."""
    return "" if text is None else html.escape(str(text), quote=True)
