"""Round 13b S3, in Chromium: a second tab left untouched kept showing the client's page.

Tab A and tab B on Ann Lee; B on the Conversations page with Zed Orr's card open. A pressed
End session: B went on showing Zed's card until it was clicked. Now B's kernel checks every
``SessionApp.open_check`` seconds that its session is still open, and B shows only that the
session is no longer open, with nothing clicked in it. Waits are for states (the guard is a
hang guard: a check comes every 2 s).
"""

from playwright.sync_api import expect

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S
from .test_conversations_browser import ready_answers
from .test_session_app import APP

CLIENT = "Ann Lee"


def test_tab_b_left_untouched_closes_when_tab_a_ends_the_session(voila, session_root, page):
    _, workspace = session_root
    ClientStore(workspace).save(CLIENT, ready_answers())
    Tracker(ClientStore(workspace), CLIENT).change(model.add_op("Zed Orr", org="Tin Works"))
    server, _ = voila(CLIENT)
    address = server.base_url + APP + "?client=Ann%20Lee"
    page.goto(address)  # tab A
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    other = page.context.new_page()  # tab B: Zed's card
    other.set_default_timeout(HANG_GUARD_S * 1000)
    other.goto(address)
    other.get_by_text(f"Working with {CLIENT}").first.wait_for()
    other.get_by_role("button", name="Conversations", exact=True).click()
    other.get_by_role("listbox", name="Open a card").select_option(
        label="Zed Orr (Tin Works): listed")
    other.locator(".wb-conv-card").get_by_role("heading", name="Zed Orr").wait_for()

    page.get_by_role("button", name="End session").first.click()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for(state="hidden")
    # nothing is done in B: it closes by itself
    expect(other.get_by_text("This session is no longer open").first).to_be_visible(
        timeout=HANG_GUARD_S * 1000)
    shown = other.locator("body").inner_text()
    assert "Zed Orr" not in shown and "Tin Works" not in shown
    assert f"Working with {CLIENT}" not in shown
    assert ClientStore(workspace).current() is None
