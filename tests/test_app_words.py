"""Every word the session app shows comes from the instrument (issue 22, "honoured everywhere").

The app and its pages are built in Python and walked widget by widget: every description,
value, option, tooltip, placeholder and HTML text a person sees (hidden widgets left out) must
be made of the instrument's texts, with their ``{placeholders}`` filled, or be the client's
own data. What is left once those are taken out may hold digits and punctuation, never a
letter: a word written as a Python constant fails here.
"""

from __future__ import annotations

import ast
import html
import re
import string
import tomllib

import ipywidgets as widgets
import pytest

from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.store import ClientStore
from workbook.session.widgets import SessionApp, StartPage

INST = load_instrument()
CLIENT = "Ann"
#: What the client typed: their own data, allowed anywhere.
OWN = ("my own words about hope", "Zed Quist", "Quist Works")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _pattern(text: str):
    """A regular expression for one instrument text: its placeholders match any short text."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(text):
        if literal.strip():
            # a literal set apart by spaces (" and " between two placeholders) is a word of
            # its own: it never matches inside another word ("Standing")
            parts.append((r"(?<!\w)" if literal[0].isspace() else "")
                         + r"\s+".join(map(re.escape, literal.split()))
                         + (r"(?!\w)" if literal[-1].isspace() else ""))
        else:
            parts.append(r"\s*" if literal else "")
        if name is not None:
            parts.append(r".{0,80}?")
    body = "".join(parts)
    if not re.search(r"\w", "".join(lit for lit, _, _, _ in string.Formatter().parse(text))):
        return None  # no word of its own (only placeholders): it would match anything
    start = r"(?<!\w)" if re.match(r"\w", text.strip()) else ""
    end = r"(?!\w)" if re.search(r"\w$", text.strip()) else ""
    return re.compile(start + body + end, re.S)


def instrument_texts(path=DEFAULT_PATH) -> set:
    """Every text of an instrument file (names, statements, session words, ...)."""
    return {t.strip() for t in _strings(tomllib.loads(path.read_text(encoding="utf-8")))
            if t.strip()}


def patterns(texts) -> list:
    """Patterns of texts, longest first (a short one never cuts a longer one apart).

    A sentence may be shown without its full stop (followed by a colon and a list).
    """
    texts = set(texts) | {x.rstrip(".") for x in texts}
    # longest by its own words first: a placeholder matches any text, so it does not count
    # ("{responses} from {people}" would otherwise cut "What you want from work" apart)
    def own_length(text):
        return len(re.sub(r"\{[^{}]*\}", "", text)), text

    return [p for p in map(_pattern, sorted(texts, key=own_length, reverse=True))
            if p is not None]


#: Modules whose words a page shows and that are not the instrument's yet: named here so that
#: they are known, and so that a word written anywhere else (the app, its pages, their
#: widgets) still fails. None now: the chart (workbook/core/conversations/chart.py) says its dates
#: with [words.dates] and its texts with [conversations]'s words.
NOT_YET_MOVED = ()


def _module_texts(relative: str) -> set:
    """Every string literal of a module as a text (an f-string's values are placeholders)."""
    source = (DEFAULT_PATH.parents[1] / relative).read_text(encoding="utf-8")
    texts = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            texts.add("".join(
                part.value.replace("{", "{{").replace("}", "}}")
                if isinstance(part, ast.Constant) else "{x}" for part in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:  # a template for str.format keeps its placeholders
                list(string.Formatter().parse(node.value))
                texts.add(node.value)
            except ValueError:
                texts.add(node.value.replace("{", "{{").replace("}", "}}"))
    texts = {" ".join(html.unescape(re.sub(r"<[^>]*>", " ", x)).split()) for x in texts}
    return {x for x in texts if len(re.findall(r"[A-Za-z]", x)) >= 3}


PATTERNS = patterns(instrument_texts() | {x for m in NOT_YET_MOVED for x in _module_texts(m)})


def _html_text(value: str) -> list:
    """The text of an HTML value and its alternative texts (alt, title, aria-label)."""
    said = re.findall(r'(?:alt|title|aria-label)="([^"]*)"', value)
    said += re.findall(r"(?:alt|title|aria-label)='([^']*)'", value)
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", value, flags=re.S)
    body = re.sub(r"<img\b[^>]*>", " ", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return [html.unescape(t) for t in [body, *said]]


def seen(widget):
    """Every string a person sees in a widget and what it holds (hidden ones left out)."""
    if getattr(getattr(widget, "layout", None), "display", None) == "none":
        return
    for attr in ("description", "tooltip", "placeholder", "statement"):
        value = getattr(widget, attr, None)
        if isinstance(value, str) and value.strip():
            yield value
    for attr in ("labels", "_options_labels"):
        for value in getattr(widget, attr, None) or ():
            if isinstance(value, str):
                yield value
    value = getattr(widget, "value", None)
    if isinstance(value, str) and value.strip():
        if isinstance(widget, widgets.HTML | widgets.HTMLMath):
            yield from _html_text(value)
        elif not hasattr(widget, "_options_labels"):  # a choice's value is a code, not shown
            yield value
    for child in getattr(widget, "children", ()) or ():
        yield from seen(child)


#: Dates as the pages write them (``Mon 7 Dec``): Python's English day and month names, not
#: the instrument's yet (the Conversations page's format; named here so they are known).
DATES = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|"
                   r"Aug|Sep|Oct|Nov|Dec)\b")


def left_over(text: str, patterns=PATTERNS, own=(CLIENT, *OWN)) -> str:
    """The letters of ``text`` no instrument text or client data accounts for."""
    text = DATES.sub(" ", " ".join(text.split()))
    for value in sorted(own, key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in patterns:
        if pattern.search(text):
            text = pattern.sub(" ", text)
    return re.sub(r"[\W\d_]+", " ", text).strip()


#: Every string the walk saw (to show that it saw the app's own words).
SEEN = set()


def foreign(*roots) -> list:
    """``(string, its leftover)`` for every seen string that is not the instrument's."""
    out = []
    for root in roots:
        for text in seen(root):
            SEEN.add(" ".join(text.split()))
            rest = left_over(text)
            if rest:
                out.append((text[:120], rest))
    return out


def _answers(ing, value=4):
    answers = {item.id: value for item in ing.items}
    if ing.tool_kind == "capacity":
        answers["hours_per_week"] = 3
    if ing.id == "hope":
        answers["reflections"] = [OWN[0]]
    return answers


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def test_every_word_of_the_app_is_the_instruments(store):
    app = SessionApp(store)
    found = foreign(app)  # the start page, no client
    app.start.request("Bea")  # a name not saved: the question and its buttons
    found += foreign(app)
    app.start.chooser.value = ""
    app.open_client(CLIENT)
    for page in app.pages:
        app.show(page.key)
        screen = app.screen(page.key)
        if page.ingredient:
            screen.fill(_answers(INST.ingredient(page.key)))
        found += foreign(app)
    conversations = app.screen("conversations")
    conversations.add_person(OWN[1], org=OWN[2])
    app.show("profile")
    found += foreign(app)
    app.show("conversations")
    found += foreign(app)
    app.end_session()  # "the session has ended"
    found += foreign(app)
    standalone = StartPage(store, CLIENT)  # a page outside the app says where answers go
    found += foreign(standalone)
    assert found == []
    # The walk saw the app's own words (and the client's), so it checked something.
    for word in ("Back", "Next", "End session", "Show saved clients", "Working with Ann",
                 "Start new client \u201cBea\u201d", "Profile", "The pace I choose",
                 "Hope: has answers", OWN[0]):
        assert word in SEEN, word
    assert len(SEEN) > 150


def test_the_check_finds_a_word_written_in_python(store):
    app = SessionApp(store)
    assert foreign(app) == []
    app.children = [*app.children, widgets.Button(description="Print")]
    assert foreign(app) == [("Print", "Print")]
    app.children = [*app.children[:-1], widgets.HTML("<p>Saved at 10:05. Thanks!</p>")]
    assert foreign(app) == [(" Saved at 10:05. Thanks! ", "Thanks")]


def test_the_app_speaks_an_own_instruments_words(tmp_path, store):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in [('back = "Back"', 'back = "Go back"'),
                     ('end_session = "End session"', 'end_session = "Finish"'),
                     ('show_saved = "Show saved clients"', 'show_saved = "List people"'),
                     ('working_with = "Working with {client}"', 'working_with = "With {client}"'),
                     ('profile = "Profile"', 'profile = "Your picture"')]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    own = tmp_path / "own.toml"
    own.write_text(text, encoding="utf-8")
    app = SessionApp(store, instrument=own)
    assert app.back_button.description == "Go back"
    assert app.start.show_saved.description == "List people"
    app.open_client(CLIENT)
    assert app.end_button.description == "Finish"
    assert "With Ann" in app.strip.value and "Working with" not in app.strip.value
    assert app.progress["profile"].description == "Your picture"
