"""Issue 20, round 6 D5 (rest): the app's address names the open client and its pages.

The kit's Voilà template puts what ``SessionApp.address`` holds into the browser's address
(``?client=``, one history entry a page) and sends Back / Forward through ``went``; here the
kernel's side, headless. The browser's side: tests/browser/test_trust10_address_browser.py.
"""

import html
import json

import pytest

from workbook.session.store import ClientStore
from workbook.session.widgets import SessionApp

DAY = "2026-12-07"


@pytest.fixture
def app(tmp_path):
    return SessionApp(ClientStore(tmp_path / "ws"), session=DAY)


def address(app):
    got = json.loads(html.unescape(app.address.value))
    return got["client"], got["page"]


def went(client, page, asked):
    """What the page sends when the browser goes back or forward to an entry."""
    return json.dumps({"state": {"client": client, "page": page}, "asked": asked})


def test_the_address_names_no_one_until_a_client_is_opened(app):
    assert address(app) == (None, "start")
    assert app.address.layout.display == "none" and app.went.layout.display == "none"


def test_open_puts_the_client_in_the_address_and_each_page_too(app):
    app.open_client("Zoë Ortiz")
    assert address(app) == ("Zoë Ortiz", "hope")
    app.next()
    assert address(app) == ("Zoë Ortiz", "time")
    app.end_session()
    assert address(app) == (None, "start")
    assert "Zo" not in app.address.value  # nothing of the client is left on the page


def test_back_and_forward_in_the_browser_show_the_page_of_that_entry(app):
    app.open_client("Zoë Ortiz")
    app.show("energy")
    app.went.value = went("Zoë Ortiz", "time", 1)
    assert app.current == "time" and address(app) == ("Zoë Ortiz", "time")
    assert app.went.value == ""  # ready for the next entry, even the same one again
    app.went.value = went("Zoë Ortiz", "time", 2)
    assert app.current == "time"
    # the address the app was opened at (no entry of the app): the start page, still open
    app.went.value = json.dumps({"state": None, "asked": 3})
    assert app.current == "start" and app.client == "Zoë Ortiz"
    assert address(app) == ("Zoë Ortiz", "start")


def test_an_entry_of_another_client_opens_no_one(app):
    app.open_client("Zoë Ortiz")
    app.went.value = went("Ann Lee", "energy", 1)
    assert app.current == "start" and app.client == "Zoë Ortiz"
    app.end_session()
    app.went.value = went("Zoë Ortiz", "energy", 2)
    assert app.current == "start" and app.client is None  # an ended session stays ended
    app.went.value = "not json"
    assert app.current == "start" and app.messages.value == ""


def test_each_return_is_answered_by_its_number_so_the_page_replaces_that_entry(app):
    app.open_client("Zoë Ortiz")
    assert json.loads(html.unescape(app.address.value))["returned"] == 0
    app.went.value = went("Zoë Ortiz", "hope", 7)  # the page shown: written again all the same
    assert json.loads(html.unescape(app.address.value))["returned"] == 7
