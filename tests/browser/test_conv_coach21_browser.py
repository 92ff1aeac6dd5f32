"""After the last "Mark done", the keyboard focus stays on the card (coach21 #3).

A person already at "thanks sent" is opened in Chromium; "Mark done: told what came of it"
is pressed with Enter, and the focus must land on "Undo the last step", not the page body.
Every check waits for its state.
"""

import datetime as dt

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

from .test_conversations_browser import APP, CLIENT, ready_answers, wait_for_people
from .test_session_app import tab_to, wait_focused


def test_focus_after_the_last_mark_done_is_on_the_card(voila, session_root, page):
    _, workspace = session_root
    store = ClientStore(workspace)
    store.save(CLIENT, ready_answers())
    today = dt.date.today()
    tracker = Tracker(store, CLIENT)
    book = tracker.change(model.add_op("Mira Kovac", org="Open Kitchen", today=today,
                                       person_id="mira"))
    tracker.change(model.step_op(book, "mira", "thanked", today, today=today))
    server, _ = voila(CLIENT)
    page.goto(f"{server.base_url}{APP}?client={CLIENT}")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    strip_button = page.get_by_role("button", name="Conversations", exact=True)
    tab_to(page, strip_button)
    page.keyboard.press("Enter")
    page.locator(".wb-conversations").wait_for()
    wait_focused(page, strip_button)
    page.get_by_role("listbox", name="Open a card").select_option(
        label="Mira Kovac (Open Kitchen): thanks sent")
    page.locator(".wb-conv-card").get_by_role("heading", name="Mira Kovac").wait_for()
    last = page.get_by_role("button", name="Mark done: told what came of it", exact=True)
    tab_to(page, last)
    page.keyboard.press("Enter")
    wait_for_people(workspace, lambda p: p["mira"].stage == "told")
    page.get_by_role("button", name="Every step is done. Well done.", exact=True).wait_for()
    wait_focused(page, page.get_by_role("button", name="Undo the last step", exact=True))
    assert page.evaluate("() => document.activeElement.textContent.trim()") == (
        "Undo the last step")
