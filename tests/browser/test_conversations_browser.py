"""The conversations page in Chromium, with the keyboard only: add a person, move them along.

A ready client's session is opened as ``workbook coach CLIENT`` opens it; the coach reaches
the Conversations page from the progress strip, adds a person and marks two steps done with
Tab, Enter and Space, and the tracker in the client's folder holds each step as it happens.
Controls are found by their accessible role and name.
"""

import datetime as dt
import time

from workbook.conversations import Tracker
from workbook.instrument import load_instrument
from workbook.store import ClientStore

from .conftest import HANG_GUARD_S
from .test_session_app import tab_to, wait_focused

INST = load_instrument()
CLIENT = "talk-client"
APP = "voila/render/session.ipynb"


def ready_answers():
    """Every statement 'Agree' and 6 hours a week: ready, at half pace (1.5 a week)."""
    out = {ing.id: {"items": {i.id: 4 for i in ing.items}} for ing in INST.ingredients}
    out["time"]["tool"] = {"hours_per_week": 6}
    return out


def wait_for_people(workspace, check, timeout=HANG_GUARD_S):
    deadline = time.monotonic() + timeout
    people = {}
    while time.monotonic() < deadline:
        people = Tracker(ClientStore(workspace), CLIENT).read().people
        if check(people):
            return people
        time.sleep(0.3)
    raise AssertionError(f"the tracker never held the expected list; it holds {people}")


def test_add_and_advance_a_person_with_the_keyboard_only(voila, session_root, page,
                                                          tmp_path):
    _, workspace = session_root
    ClientStore(workspace).save(CLIENT, ready_answers())
    server, _ = voila(CLIENT)
    page.goto(f"{server.base_url}{APP}?client={CLIENT}")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    # Every ingredient is answered, so the strip's buttons carry the tick.
    page.get_by_role("button", name=f"\u2713 {INST.ingredients[0].name}", exact=True).wait_for()

    strip_button = page.get_by_role("button", name="Conversations", exact=True)
    tab_to(page, strip_button)
    page.keyboard.press("Enter")
    page.locator(".wb-conversations").wait_for()
    wait_focused(page, strip_button)
    page.screenshot(path=str(tmp_path / "conversations-1-empty.png"))

    tab_to(page, page.get_by_role("textbox", name="Name", exact=True))
    page.keyboard.type("Ana <Ruiz>")
    tab_to(page, page.get_by_role("textbox", name="Where they work", exact=True))
    page.keyboard.type("City Library")
    tab_to(page, page.get_by_role("button", name="Add to the list", exact=True))
    page.keyboard.press("Enter")
    people = wait_for_people(workspace, lambda p: len(p) == 1)
    (person,) = people.values()
    assert (person.name, person.org) == ("Ana <Ruiz>", "City Library")

    drafted = page.get_by_role("button", name="Mark done: note drafted", exact=True)
    tab_to(page, drafted)
    page.keyboard.press("Space")
    wait_for_people(workspace, lambda p: p[person.id].stage == "drafted")
    sent = page.get_by_role("button", name="Mark done: note sent", exact=True)
    sent.wait_for()
    assert sent.evaluate("e => e === document.activeElement")  # the same button, still focused
    page.keyboard.press("Enter")
    people = wait_for_people(workspace, lambda p: p[person.id].stage == "sent")
    assert people[person.id].date("sent") == dt.date.today()
    page.get_by_role("button", name="Mark done: reply came", exact=True).wait_for()

    card = page.locator(".wb-conv-card")
    assert "Ana <Ruiz>" in card.inner_text()  # shown as text, not read as markup
    assert page.locator(".wb-conv-card h3 b").count() == 0
    listed = page.get_by_role("listbox").inner_text().replace("\xa0", " ")  # ipywidgets' spaces
    assert "Ana <Ruiz> (City Library): note sent" in listed
    page.screenshot(path=str(tmp_path / "conversations-2-sent.png"))
