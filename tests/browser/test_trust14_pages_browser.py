"""Round 8 in Chromium: hours typed and never left survive a reload (G6); a motivator ticked
in a stale tab keeps the other tab's tick (G15).

Waits are for states (the store, the page), never a fixed time.
"""

from playwright.sync_api import expect

from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S
from .test_session_app import APP, wait_for_store

CLIENT = "Ann Lee"
WAIT = HANG_GUARD_S * 1000


def _open(page, server, key):
    page.goto(server.base_url + APP + "?client=Ann%20Lee")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    page.locator(f".wb-progress-{key}").click()
    page.locator(f".wb-session-{key}").wait_for()


def test_hours_typed_and_not_left_survive_a_reload(voila, page):
    server, workspace = voila(CLIENT)
    _open(page, server, "time")
    box = page.locator(".wb-field-hours_per_week input")
    box.click()
    page.keyboard.type("3")
    wait_for_store(workspace, lambda a: (a.get("time") or {}).get("tool", {})
                   .get("hours_per_week") == 3.0, client=CLIENT)
    assert box.evaluate("e => e === document.activeElement")  # never left
    page.reload()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    page.locator(".wb-progress-time").click()
    expect(page.locator(".wb-field-hours_per_week input")).to_have_value("3", timeout=WAIT)


def test_a_tick_in_a_stale_tab_keeps_the_other_tabs_tick(voila, page):
    server, workspace = voila(CLIENT)
    other = page.context.new_page()
    other.set_default_timeout(WAIT)
    _open(page, server, "ambition")
    _open(other, server, "ambition")  # both read: nothing ticked
    page.locator(".wb-motivator-money input").check()
    wait_for_store(workspace, lambda a: (a.get("ambition") or {}).get("tool", {})
                   .get("motivators") == ["money"], client=CLIENT)
    other.locator(".wb-motivator-meaning input").check()  # stale: never showed money
    wait_for_store(workspace, lambda a: "meaning" in a["ambition"]["tool"]["motivators"],
                   client=CLIENT)
    saved = ClientStore(workspace).load(CLIENT)["ambition"]["tool"]["motivators"]
    assert sorted(saved) == ["meaning", "money"]
    expect(other.locator(".wb-motivator-money input")).to_be_checked(timeout=WAIT)
