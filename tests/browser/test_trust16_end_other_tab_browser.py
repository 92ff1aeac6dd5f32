"""Round 11b N3, in Chromium: End session in tab A dropped what tab B had just typed.

Tab B types a Hope reflection; before its typing pause ends, tab A (same client) presses
End session. The words were never saved and B said only "nothing more is saved here". Now
they are saved (typed while the session was open), B then shows that the session is no
longer open, and the session stays ended. Waits are for states, never a fixed time (on a
machine so slow that B's pause ends before A's click, B saves it the usual way: the test
then passes without exercising the end; it never fails for that).
"""

from playwright.sync_api import expect

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S
from .test_session_app import APP

INST = load_instrument()
HOPE = INST.ingredients[0]
CLIENT = "Ann Lee"
TEXT = "HOPE_B_BEFORE_END"


def test_text_typed_in_b_just_before_a_ends_the_session_is_saved(voila, page):
    server, workspace = voila(CLIENT)
    address = server.base_url + APP + "?client=Ann%20Lee"
    page.goto(address)  # tab A
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    other = page.context.new_page()  # tab B
    other.goto(address)
    other.get_by_text(f"Working with {CLIENT}").first.wait_for()
    box = other.locator(f".wb-reflection-{HOPE.id}-1 textarea")
    box.fill(TEXT)  # one message to B's kernel, held there for the typing pause
    # B's kernel has the text once it has answered a later click of the same tab (its
    # messages are taken in order): the coach's note opens
    other.locator(f".wb-session-{HOPE.id} .wb-coach-note-toggle").first.click()
    other.locator(f".wb-session-{HOPE.id} .wb-coach-note-text textarea").wait_for()
    page.get_by_role("button", name="End session").first.click()  # within B's pause
    page.get_by_text(f"Working with {CLIENT}").first.wait_for(state="hidden")
    expect(other.get_by_text("This session is no longer open").first).to_be_visible(
        timeout=HANG_GUARD_S * 1000)
    # B's page says so only after its held text was taken: the store is final now
    store = ClientStore(workspace)
    assert (store.load(CLIENT).get(HOPE.id) or {}).get("reflections", [""])[0] == TEXT
    assert store.current() is None
