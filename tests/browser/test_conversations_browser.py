"""The conversations page in Chromium, with the keyboard only: add a person, move them along.

A ready client's session is opened as ``workbook coach CLIENT`` opens it; the coach reaches
the Conversations page from the progress strip, adds a person and marks two steps done with
Tab, Enter and Space, and the tracker in the client's folder holds each step as it happens.
Controls are found by their accessible role and name.
"""

import datetime as dt
import time

from playwright.sync_api import expect

from workbook.core.instrument import load_instrument
from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore

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


def wait_for_people(workspace, check, timeout=HANG_GUARD_S, client=CLIENT):
    deadline = time.monotonic() + timeout
    people = {}
    while time.monotonic() < deadline:
        people = Tracker(ClientStore(workspace), client).read().people
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
    # one of the client's places, or a new one typed: a box with suggestions (a combobox)
    tab_to(page, page.get_by_role("combobox", name="Where they work", exact=True))
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
    listed = page.get_by_role("listbox", name="Open a card").inner_text()
    listed = listed.replace("\xa0", " ")  # ipywidgets' spaces
    assert "Ana <Ruiz> (City Library): note sent" in listed
    page.screenshot(path=str(tmp_path / "conversations-2-sent.png"))


def tall_screenshot(page, path):
    """A screenshot of the whole page (Voila scrolls inside an element: grow the window)."""
    page.wait_for_timeout(300)
    size = page.viewport_size
    tall = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')]"
                         ".map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(tall, 900), 10000)})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def three_people(workspace, client):
    """Three people listed nine days ago; the first wrote eight days ago (follow-ups overdue)."""
    today = dt.date.today()
    tracker = Tracker(ClientStore(workspace), client)
    ids = []
    for name, org, priority in (("Ana Ruiz", "City Library", 1), ("Parks Dept", "", 2),
                                ("Lu Park", "Museum", 3)):
        op = model.add_op(name, org=org, priority=priority,
                          today=today - dt.timedelta(days=9))
        tracker.change(op)
        ids.append(op["id"])
    book = tracker.read()
    tracker.change(model.step_op(book, ids[0], "sent", today - dt.timedelta(days=8),
                                 today=today))
    return ids


def open_conversations(page, server, client):
    page.goto(f"{server.base_url}{APP}?client={client}")
    page.get_by_text(f"Working with {client}").first.wait_for()
    page.get_by_role("button", name="Conversations", exact=True).click()
    page.locator(".wb-conversations").wait_for()


def test_change_details_and_a_day_ahead_refused_in_a_ready_clients_card(voila, session_root,
                                                                       page, tmp_path):
    _, workspace = session_root
    ClientStore(workspace).save(CLIENT, ready_answers())
    ids = three_people(workspace, CLIENT)
    server, _ = voila(CLIENT)
    open_conversations(page, server, CLIENT)
    listbox = page.get_by_role("listbox", name="Open a card")
    listbox.select_option(label="Parks Dept: listed")
    card = page.locator(".wb-conv-card")
    card.get_by_role("heading", name="Parks Dept").wait_for()
    card.get_by_text("A note to start from").wait_for()

    card.get_by_role("button", name="Change details", exact=True).click()
    name = card.locator(".wb-conv-edit-name input")
    name.wait_for()
    assert name.input_value() == "Parks Dept"  # filled with what is saved
    tall_screenshot(page, tmp_path / "conversations-3-details.png")
    name.fill("Jo Kim")
    card.get_by_role("combobox", name="Where they work", exact=True).fill("Parks Dept")
    card.get_by_role("button", name="Save the details", exact=True).click()
    wait_for_people(workspace, lambda p: p[ids[1]].name == "Jo Kim", client=CLIENT)
    card.get_by_role("heading", name="Jo Kim").wait_for()
    page.get_by_role("option", name="Jo Kim (Parks Dept): listed").wait_for()
    name.wait_for(state="hidden")  # the part closes once saved

    ahead = dt.date.today() + dt.timedelta(days=3)
    card.locator(".wb-conv-earlier-date input").fill(ahead.isoformat())  # typed, not picked
    card.get_by_role("button", name="Record it", exact=True).click()
    refusal = card.locator(".wb-field-note")
    refusal.wait_for()
    assert f"on {model.say_day(ahead)}: that day is still to come" in refusal.inner_text()
    # the day stays as typed (not quietly moved to today), for the coach to correct
    assert card.locator(".wb-conv-earlier-date input").input_value() == ahead.isoformat()
    assert Tracker(ClientStore(workspace), CLIENT).read().people[ids[1]].stage == "noted"
    tall_screenshot(page, tmp_path / "conversations-3-card.png")


def test_a_not_now_clients_card_is_quiet(voila, session_root, page, tmp_path):
    _, workspace = session_root
    later = "later-client"
    answers = ready_answers()
    answers["time"]["tool"] = {"hours_per_week": 0}  # no hours: not now
    ClientStore(workspace).save(later, answers)
    ids = three_people(workspace, later)
    tracker = Tracker(ClientStore(workspace), later)  # Lu Park's talk was held: thanks owed
    tracker.change(model.step_op(tracker.read(), ids[2], "held",
                                 dt.date.today() - dt.timedelta(days=1), today=dt.date.today()))
    server, _ = voila(later)
    open_conversations(page, server, later)
    page.get_by_role("heading", name="For later").wait_for()
    page.get_by_role("listbox", name="Open a card").select_option(
        label="Ana Ruiz (City Library): note sent")
    card = page.locator(".wb-conv-card")
    card.get_by_role("heading", name="Ana Ruiz").wait_for()
    advance = card.get_by_role("button", name="Mark done: reply came", exact=True)
    advance.wait_for()
    assert "mod-primary" not in advance.get_attribute("class")
    # widget messages arrive in any order: wait for each state, never check at once
    for hidden in ("A note to start from", "Questions worth asking", "Follow-ups"):
        expect(card.get_by_text(hidden, exact=True)).to_be_hidden()
    expect(page.get_by_role("heading", name="Coming up in the next seven days")).to_be_hidden()
    # what is owed to someone stays, with the plan's kind line; nothing new is asked
    page.get_by_role("heading", name="Already promised, whatever the date",
                     exact=True).wait_for()
    due = page.locator(".wb-conv-due")
    expect(due).to_contain_text("Lu Park")
    assert "send thanks" in due.inner_text()
    assert "nudge" not in due.inner_text() and "someone else" not in due.inner_text()
    page.get_by_text("keeping those promises is enough", exact=False).wait_for()
    tall_screenshot(page, tmp_path / "conversations-4-later.png")
