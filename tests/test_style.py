"""One look: the session pages' stylesheet is built from the reports' palette, type and headings."""

import re

from workbook.core import theme
from workbook.reports.style import CSS as REPORT_CSS
from workbook.session.store import ClientStore
from workbook.session.widgets import IngredientSession
from workbook.session.widgets.style import CSS as PAGE_CSS
from workbook.session.widgets.style import PageStyle


def custom_properties(css):
    """Every ``--name: value;`` declared, as a dict (the palette and the fonts)."""
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", css))


def rule(css, selector):
    """The declarations of the rule whose selector list starts with ``selector``."""
    match = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", css)
    assert match, f"no rule for {selector}"
    return match.group(1)


def test_pages_and_reports_declare_the_same_palette_and_fonts():
    page, report = custom_properties(PAGE_CSS), custom_properties(REPORT_CSS)
    assert page == report
    # Hand-checked values: the warm paper and accent, the Okabe-Ito level colours.
    assert page["--paper"] == "#fbf8f3" and page["--accent"] == "#a4532a"
    assert (page["--not_yet"], page["--a_little"], page["--plenty"]) == (
        "#D55E00", "#0072B2", "#009E73")
    assert page["--body-font"].startswith('"Segoe UI"')
    assert page["--heading-font"].startswith("Georgia")
    # The headings are the reports' own rules, scoped to the screens.
    assert theme.headings(".wb-screen") in PAGE_CSS and theme.headings() in REPORT_CSS


def test_text_boxes_use_the_body_font_not_monospace():
    assert "var(--body-font)" in rule(PAGE_CSS, ".wb-screen textarea")
    assert "monospace" not in PAGE_CSS


def test_nothing_is_fetched_from_outside():
    for css in (PAGE_CSS, REPORT_CSS):
        assert "url(" not in css and "@import" not in css and "http" not in css


def test_the_page_outside_the_screens_is_styled_only_under_voila():
    # In JupyterLab the rules reach only the screens and the session app; the body is touched
    # under Voila alone.
    for block in re.findall(r"([^{}]+)\{", PAGE_CSS):
        for selector in block.split(","):
            selector = selector.strip()
            assert selector.startswith((".wb-screen", ".wb-app", "body[data-voila]")), selector


def test_each_page_carries_the_shared_stylesheet_once(tmp_path):
    page = IngredientSession("hope", "ann", ClientStore(tmp_path))
    carriers = [c for c in page.children if isinstance(c, PageStyle)]
    assert carriers == [page.page_style] and page.page_style._css == PAGE_CSS
    page.children = list(page.children)[1:]  # however a screen resets its children
    assert [c for c in page.children if isinstance(c, PageStyle)] == [page.page_style]
    # anywidget puts a class's CSS into the page's head once, keyed by the class's id, so
    # several screens on one page still give one stylesheet.
    second = IngredientSession("time", "ann", ClientStore(tmp_path))
    assert second.page_style._anywidget_id == page.page_style._anywidget_id


def contrast(one, two):
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_are_readable_on_their_backgrounds():
    c = theme.COLOURS
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0  # the formula, on a known pair
    pairs = [  # (text, background) as the stylesheet draws them
        (c["ink"], c["paper"]), (c["soft"], c["paper"]), (c["accent"], c["paper"]),
        ("#ffffff", c["accent"]),  # the chosen answer
        (c["ink"], c["accent-soft"]),  # the page shown, the report tick
        (c["error"], c["paper"]),  # a note beside a field
    ]
    for text, background in pairs:
        assert contrast(text, background) >= 4.5, (text, background)
    # The accent on its own tint falls short (4.46): the current page is drawn in ink instead.
    assert contrast(c["accent"], c["accent-soft"]) < 4.5
    assert "color: var(--ink)" in rule(PAGE_CSS, ".wb-screen .jupyter-button.mod-info")
