"""A reflection typed and never left is saved once typing pauses (issue 20, round 7 E3).

Type in Hope's second "Your thoughts" box, leave the focus in it, wait until the page says it
saved, reload: the text is back. Waits are for states (the page's status line, the store),
never a fixed time.
"""

from playwright.sync_api import expect

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S
from .test_session_app import APP, wait_for_store

INST = load_instrument()
HOPE = INST.ingredients[0]
CLIENT = "Ann Lee"
TEXT = "W10 text"


def test_a_reflection_typed_and_not_left_survives_a_reload(voila, page):
    server, workspace = voila(CLIENT)
    address = server.base_url + APP + "?client=Ann%20Lee"
    page.goto(address)
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    box = page.locator(f".wb-reflection-{HOPE.id}-2 textarea")
    box.click()
    page.keyboard.type(TEXT)
    status = page.locator(f".wb-session-{HOPE.id} .wb-status")
    expect(status).to_contain_text("Saved at", timeout=HANG_GUARD_S * 1000)
    assert box.evaluate("e => e === document.activeElement")  # never left
    wait_for_store(workspace, lambda a: (a.get(HOPE.id) or {}).get("reflections", [])[1:]
                   == [TEXT], client=CLIENT)
    page.reload()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    expect(page.locator(f".wb-reflection-{HOPE.id}-2 textarea")).to_have_value(
        TEXT, timeout=HANG_GUARD_S * 1000)
    saved = ClientStore(workspace).load(CLIENT)[HOPE.id]
    assert saved["reflections"] == ["", TEXT]
