"""The session pages' stylesheet: the reports' look (:mod:`workbook.core.theme`) for widgets.

:data:`CSS` is injected once per page by :class:`PageStyle`, an anywidget that draws
nothing: anywidget puts a class's CSS into the page's head once, however many screens show
it. The rules are scoped to the screens (``.wb-screen``) and the session app around them
(``.wb-app``: its strip, progress marks and Back / Next); only under Voilà (``data-voila`` on
the body) do they also colour the page around them, so JupyterLab keeps its own look.
"""

from __future__ import annotations

import anywidget

from workbook.core.theme import headings, variables

_SCREEN = ".wb-screen"
_APP = ".wb-app"
_VOILA = "body[data-voila]"
_BUTTON = f"{_SCREEN} .jupyter-button, {_APP} .jupyter-button"

CSS = variables(f"{_VOILA}, {_APP}, {_SCREEN}") + f"""
{_VOILA} {{ background: var(--paper); color: var(--ink); }}
{_VOILA} .jp-Cell, {_VOILA} .jp-OutputArea-output {{ background: transparent; }}
{_VOILA} .jp-Cell {{ max-width: 52rem; margin: 0 auto; }}
{_VOILA} .jp-RenderedHTMLCommon, {_VOILA} .jp-RenderedMarkdown {{
  font-family: var(--body-font); color: var(--soft); font-size: .95rem; }}
{_VOILA} .jp-RenderedHTMLCommon a {{ color: var(--accent); }}
{_SCREEN} {{ color: var(--ink); font-family: var(--body-font); font-size: 16px;
  line-height: 1.6; }}
{_SCREEN} .widget-html, {_SCREEN} .widget-html-content {{
  font-family: var(--body-font); font-size: inherit; line-height: 1.6; color: var(--ink);
  height: auto; }}
{headings(_SCREEN)}
{_SCREEN} h4 {{ font-family: var(--heading-font); font-weight: normal; font-size: 1.05rem;
  margin: 1.2rem 0 .3rem; color: var(--accent); }}
{_SCREEN} p {{ margin: .4rem 0 .8rem; }}
{_SCREEN} .widget-label, {_SCREEN} .widget-label-basic {{ color: var(--soft);
  font-family: var(--body-font); font-size: .95rem; }}
{_SCREEN} textarea, {_SCREEN} input[type="text"], {_SCREEN} input[type="number"] {{
  font-family: var(--body-font); font-size: 1rem; line-height: 1.5; color: var(--ink);
  background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: .45rem .65rem; }}
{_SCREEN} textarea {{ min-height: 4.2rem; }}
{_SCREEN} textarea:focus, {_SCREEN} input:focus {{ border-color: var(--accent);
  outline: 2px solid var(--accent-soft); }}
{_SCREEN} .wb-share {{ background: var(--accent-soft); border-radius: 6px; }}
{_SCREEN} .wb-share .widget-label-basic {{ color: var(--ink); }}
{_SCREEN} .wb-field-note, {_SCREEN} .wb-error {{ color: var(--error); font-weight: 600;
  margin: .2rem 0 .6rem; }}
{_SCREEN} .wb-status {{ color: var(--soft); font-size: .9rem; }}
{_SCREEN} .wb-score {{ background: var(--card); border: 1px solid var(--line);
  border-left: 6px solid var(--accent); border-radius: 10px; padding: .3rem 1.1rem; }}
{_SCREEN} .wb-score.wb-level-not_yet {{ border-left-color: var(--not_yet); }}
{_SCREEN} .wb-score.wb-level-a_little {{ border-left-color: var(--a_little); }}
{_SCREEN} .wb-score.wb-level-plenty {{ border-left-color: var(--plenty); }}
{_APP} {{ color: var(--ink); font-family: var(--body-font); }}
{_BUTTON} {{ font-family: var(--body-font); font-size: .95rem; color: var(--ink);
  background: var(--card); border: 1.5px solid var(--line); border-radius: 8px;
  height: auto; min-height: 2.3rem; padding: .3rem 1rem; box-shadow: none; }}
{_SCREEN} .jupyter-button:hover:enabled, {_APP} .jupyter-button:hover:enabled {{
  border-color: var(--accent); background: var(--accent-soft); box-shadow: none; }}
{_SCREEN} .jupyter-button:focus, {_APP} .jupyter-button:focus {{ outline: none; }}
{_SCREEN} .jupyter-button:focus-visible, {_APP} .jupyter-button:focus-visible {{
  outline: 3px solid var(--ink); outline-offset: 2px; }}
{_SCREEN} .jupyter-button.mod-info, {_APP} .jupyter-button.mod-info {{
  background: var(--accent-soft); border-color: var(--accent); color: var(--ink);
  font-weight: 600; }}
{_SCREEN} .jupyter-button.mod-primary, {_APP} .jupyter-button.mod-primary {{
  background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }}
{_SCREEN} .jupyter-button.mod-primary:hover:enabled,
{_APP} .jupyter-button.mod-primary:hover:enabled {{ background: var(--ink);
  border-color: var(--ink); }}
{_SCREEN} .jupyter-button:disabled, {_APP} .jupyter-button:disabled {{ opacity: .45; }}
{_SCREEN} .wb-show-saved {{ width: auto; align-self: flex-start; }}
{_SCREEN} .wb-client {{ width: 26rem; max-width: 100%; }}
"""


class PageStyle(anywidget.AnyWidget):
    """Carries :data:`CSS` into the page; draws nothing (each screen holds one).

    Examples
    --------
    >>> PageStyle()._css == CSS
    True
    """

    _esm = "function render({ el }) { el.hidden = true; }\nexport default { render };\n"
    _css = CSS
