"""The Conversations page in Chromium, round 8 (issue 20): a double-click (G14), a text
typed on one card with another card chosen at once (G4).

A double-click on "Mark done: reply came", and Enter pressed twice on "Mark done: time
agreed", used to record two steps each: the second click or Enter arrives before the button
is redrawn, aimed at the step already recorded. Waits are for states (the store, the page),
never a fixed time: a text typed after the burst is saved after it (the kernel takes the
browser's messages in order), so once it is on disk the burst has been answered whole.
"""

import datetime as dt

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

from .test_conversations_browser import APP, ready_answers, wait_for_people

CLIENT = "burst-client"


def open_card(voila, page, workspace, others=()):
    store = ClientStore(workspace)
    store.save(CLIENT, ready_answers())
    today = dt.date.today()
    tracker = Tracker(store, CLIENT)
    for name in others:
        tracker.change(model.add_op(name, org="Harbour Trust", today=today,
                                    person_id=name.split()[0].lower()))
    book = tracker.change(model.add_op("Lena Ortiz", org="City Library", today=today,
                                       person_id="lena"))
    tracker.change(model.step_op(book, "lena", "sent", today, today=today))
    server, _ = voila(CLIENT)
    page.goto(f"{server.base_url}{APP}?client={CLIENT}")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    page.get_by_role("button", name="Conversations", exact=True).click()
    page.locator(".wb-conversations").wait_for()
    page.get_by_role("listbox", name="Open a card").select_option(
        label="Lena Ortiz (City Library): note sent")
    page.locator(".wb-conv-card").get_by_role("heading", name="Lena Ortiz").wait_for()
    return server


def settled(page, workspace, text):
    """Type ``text`` in "What you learned" and wait for it on disk: what came before is done."""
    box = page.get_by_role("textbox", name="What you learned", exact=True)
    box.fill(text)
    return wait_for_people(workspace, lambda p: p["lena"].learned == text, client=CLIENT)


def test_a_double_click_and_a_double_enter_record_one_step_each(voila, session_root, page):
    _, workspace = session_root
    open_card(voila, page, workspace)
    page.get_by_role("button", name="Mark done: reply came", exact=True).dblclick()
    people = settled(page, workspace, "after the double-click")
    assert set(people["lena"].steps) == {"noted", "sent", "reply"}
    agreed = page.get_by_role("button", name="Mark done: time agreed", exact=True)
    agreed.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    people = settled(page, workspace, "after the double Enter")
    assert set(people["lena"].steps) == {"noted", "sent", "reply", "arranged"}



def test_what_you_learned_typed_then_another_card_chosen_stays_with_its_card(
        voila, session_root, page):
    """G4: typed on Lena's card, Noor's chosen at once (the box never left): Lena's text."""
    _, workspace = session_root
    open_card(voila, page, workspace, others=["Noor Ali"])
    text = "LENA: archives moving to digital"
    box = page.get_by_role("textbox", name="What you learned", exact=True)
    box.click()
    listbox = page.get_by_role("listbox", name="Open a card")
    noor = [o.replace("\xa0", " ").strip()
            for o in listbox.locator("option").all_inner_texts()].index(
        "Noor Ali (Harbour Trust): listed")
    # In one go, as a fast typist with a card chosen by assistive technology: the first key
    # is sent, the rest wait in the browser until the kernel answers it, and the card
    # chosen is sent at once, so it reaches the kernel before the rest of the text.
    page.evaluate("""([text, noor]) => {
        const box = document.activeElement;
        box.value = text.slice(0, 1);
        box.dispatchEvent(new Event('input', {bubbles: true}));
        box.value = text;
        box.dispatchEvent(new Event('input', {bubbles: true}));
        const list = document.querySelector('.wb-conv-list select');
        list.selectedIndex = noor;
        list.dispatchEvent(new Event('change', {bubbles: true}));
    }""", [text, noor])
    page.locator(".wb-conv-card").get_by_role("heading", name="Noor Ali").wait_for()
    people = wait_for_people(workspace, lambda p: text in (p["lena"].learned, p["noor"].learned),
                             client=CLIENT)
    assert (people["lena"].learned, people["noor"].learned) == (text, "")
    settled_noor = "NOOR: typed on her own card"
    box.fill(settled_noor)
    people = wait_for_people(workspace, lambda p: p["noor"].learned == settled_noor,
                             client=CLIENT)
    assert people["lena"].learned == text


def test_after_end_session_in_one_tab_the_other_shows_no_more_cards(voila, session_root,
                                                                    page):
    """G9: End session in tab A; in tab B choosing Noor's card or "By place" shows none."""
    _, workspace = session_root
    server = open_card(voila, page, workspace, others=["Noor Ali"])
    other = page.context.new_page()
    other.goto(f"{server.base_url}{APP}?client={CLIENT}")
    other.get_by_text(f"Working with {CLIENT}").first.wait_for()
    other.get_by_role("button", name="End session").first.click()
    other.get_by_text(f"Working with {CLIENT}").first.wait_for(state="detached")
    try:
        page.get_by_role("listbox", name="Open a card").select_option(
            label="Noor Ali (Harbour Trust): listed", timeout=5000)
    except PlaywrightTimeoutError:
        pass  # the tab closed itself first (round 13b S3: within seconds, nothing clicked)
    page.get_by_text("This session is no longer open").first.wait_for()
    assert page.get_by_text("This session is no longer open").count() == 1
    shown = page.locator("body").inner_text()
    assert "Noor Ali" not in shown
    assert "Harbour Trust" not in shown
    assert page.locator(".wb-conv-card").count() == 0
    assert page.get_by_role("listbox", name="Open a card").count() == 0
