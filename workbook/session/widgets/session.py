"""Whose session it is: the strip at the top of every page, and the words when none is open.

A session is opened for one client (on the start page, in the session app, or with
``workbook coach CLIENT``) and stays open until it is ended. A page opened while no session
is open shows no client's answers and saves nothing.

The words are the instrument's (``[session.app]``); the constants here are the kit's own
file's, for code that has no instrument at hand.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbook.session.widgets.base import esc


def _kit_texts():
    from workbook.core.instrument import load_instrument
    from workbook.core.session_texts import Texts

    return Texts(load_instrument())


def app_text(texts, key: str, **fill) -> str:
    """A text of the instrument's ``[session.app]`` table (the kit's own when ``texts`` is None).

    Examples
    --------
    >>> app_text(None, "working_with", client="Ann")
    'Working with Ann'
    """
    return (texts or _kit_texts()).get("app", key, **fill)


#: What a page says when it is opened with no session open (the kit's words).
NO_SESSION = app_text(None, "no_session")
#: Said by a page of a session that was ended elsewhere (another tab, another app).
SESSION_ENDED = app_text(None, "session_ended")


def strip_html(client, texts=None) -> str:
    """The strip's text as HTML: whose session this is, or that none is open.

    Examples
    --------
    >>> strip_html("Ann <B>")
    '<p><b>Working with Ann &lt;B&gt;</b></p>'
    >>> strip_html(None)
    '<p><b>No client is open</b></p>'
    """
    text = (app_text(texts, "no_client") if client is None
            else app_text(texts, "working_with", client=client))
    return f"<p><b>{esc(text)}</b></p>"


def session_strip(client, texts=None) -> widgets.HTML:
    """A header strip naming the client of the session (class ``wb-session-strip``)."""
    strip = widgets.HTML(strip_html(client, texts), layout=widgets.Layout(
        padding="0.2em 0.9em", margin="0 0 1em 0", border_left="4px solid #2F6F8F"))
    strip.add_class("wb-session-strip")
    return strip
