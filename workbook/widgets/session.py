"""Whose session it is: the strip at the top of every page, and the words when none is open.

A session is opened for one client (on the start page, in the session app, or with
``workbook coach CLIENT``) and stays open until it is ended. A page opened while no session
is open shows no client's answers and saves nothing.
"""

from __future__ import annotations

import ipywidgets as widgets

from .base import esc

#: What a page says when it is opened with no session open.
NO_SESSION = ("No client is open, so nothing on this page is saved. Open a client on the "
              "start page first.")
#: Said by a page of a session that was ended elsewhere (another tab, another app).
SESSION_ENDED = ("This session is no longer open (it was ended, or another client was "
                 "opened, on another page), so nothing more is saved here. Open the client "
                 "again on the start page to go on.")
#: The strip at the top of a page while a session is open.
WORKING_WITH = "Working with {client}"
#: The strip when no session is open.
NO_CLIENT = "No client is open"


def strip_html(client) -> str:
    """The strip's text as HTML: whose session this is, or that none is open.

    Examples
    --------
    >>> strip_html("Ann <B>")
    '<p><b>Working with Ann &lt;B&gt;</b></p>'
    >>> strip_html(None)
    '<p><b>No client is open</b></p>'
    """
    text = NO_CLIENT if client is None else WORKING_WITH.format(client=client)
    return f"<p><b>{esc(text)}</b></p>"


def session_strip(client) -> widgets.HTML:
    """A header strip naming the client of the session (class ``wb-session-strip``)."""
    strip = widgets.HTML(strip_html(client), layout=widgets.Layout(
        padding="0.2em 0.9em", margin="0 0 1em 0", border_left="4px solid #2F6F8F"))
    strip.add_class("wb-session-strip")
    return strip
