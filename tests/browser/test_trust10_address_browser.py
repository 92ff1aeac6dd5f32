"""Issue 20, round 6 D5 (rest), in Chromium: Open puts ``?client=`` in the address.

A reload in the middle of a session reopens the client whose session is open (the address
names them), Back and Forward move between the app's pages instead of leaving the app, and
once the session is ended the address names no one and a reload shows nobody's name.
Waits are for states (the hang guard of conftest), never timed.
"""

import re

from playwright.sync_api import expect

from .conftest import HANG_GUARD_S

APP = "voila/render/session.ipynb"
CLIENT = "Zoë Ortiz"
GUARD = HANG_GUARD_S * 1000


def client_in_address(page, client):
    page.wait_for_function(
        "c => new URL(window.location.href).searchParams.get('client') === c", arg=client)


def shown(page, key):
    """Wait until the app's own strip marks the page ``key`` as the one shown."""
    button = page.locator(f".wb-progress-{key} button, button.wb-progress-{key}").first
    expect(button).to_have_class(re.compile(r"mod-info"), timeout=GUARD)


def test_open_puts_the_client_in_the_address_so_reload_and_back_stay_in_the_session(
        voila, page):
    server, workspace = voila(None)
    page.goto(server.base_url + APP)
    box = page.get_by_role("textbox", name="Client")
    box.fill(CLIENT)
    page.get_by_role("button", name="Open", exact=True).click()
    page.get_by_role("button", name=f"Start new client \u201c{CLIENT}\u201d",
                     exact=True).click()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    client_in_address(page, CLIENT)
    shown(page, "hope")
    page.get_by_role("button", name="Next", exact=True).click()
    shown(page, "time")

    # Back and Forward move between the app's pages; the app stays in the tab
    page.go_back()
    shown(page, "hope")
    page.go_forward()
    shown(page, "time")
    page.go_back()
    shown(page, "hope")
    page.go_back()  # the address the app was opened at: its start page, the session open
    box.wait_for()
    assert page.url.startswith(server.base_url + APP)
    page.go_forward()
    shown(page, "hope")
    client_in_address(page, CLIENT)

    # a reload reopens the client the address names, whose session is open
    page.reload()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    client_in_address(page, CLIENT)

    # ended: the address names no one, and a reload shows no one's name
    page.get_by_role("button", name="End session").first.click()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for(state="hidden")
    client_in_address(page, None)
    page.reload()
    box.wait_for()
    client_in_address(page, None)
    assert page.get_by_text(CLIENT).count() == 0
    assert page.get_by_text("Ortiz").count() == 0
