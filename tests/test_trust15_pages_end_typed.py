"""Issue 20, round 9b J6: "66" typed in a step's minutes box, End session at once: 6 saved.

The browser sends a box's keys one message at a time: the second "6" waits until the kernel
has answered the first, so the click on End session (another widget, not held back) can come
before it. End session saved what had come ("6") and closed the page; the last key, coming
after, was dropped. Now, in a kernel, End session waits for the keys on their way when a page
holds a value typed the moment before, and saves the box as the browser holds it last.

The kernel is played by hand: a loop running (as in a kernel), the app's pause set on it.
"""

import asyncio
import json

from workbook.session.store import JOURNAL_FILE
from workbook.session.widgets import SessionApp

from .loop_helpers import run_alone


def saved_minutes(store, client):
    """Every value of the step ``research`` in the client's journal, in order."""
    said = []
    for line in (store.folder(client) / JOURNAL_FILE).read_text().splitlines():
        record = json.loads(line)
        tool = (((record.get("answers") or {}).get("time") or {}).get("tool")) or {}
        minutes = tool.get("step_minutes") or {}
        if "research" in minutes:
            said.append(minutes["research"])
    return said


def test_the_last_key_coming_after_end_session_is_the_one_saved(store):
    async def session():
        app = SessionApp(store, client_id="Ann Lee")
        app.end_pause = 0.05
        app.show("time")
        page = app.screen("time")
        page.typing_pause = 3600  # the typing save never fires by itself here
        box = page.tool.minutes["research"]
        box.value = 6  # the first key has come
        app.end_session()  # the click comes before the second key
        box.value = 66  # the second key, sent once the first was answered
        while app.__dict__.get("_ending") is not None:  # waits for a state, not a time
            await asyncio.sleep(0.01)
        return app

    app = run_alone(session())
    assert app.client is None and store.current() is None  # the session is ended
    assert saved_minutes(store, "Ann Lee") == [66]  # never the half-typed 6


def test_end_session_with_nothing_typed_ends_at_once(store):
    async def session():
        app = SessionApp(store, client_id="Ann Lee")
        app.end_pause = 3600
        app.show("time")
        app.end_session()
        return app

    app = run_alone(session())
    assert app.client is None and store.current() is None


def test_a_stale_tab_ending_leaves_the_next_clients_session_open(store):
    first, second = SessionApp(store, client_id="Ann Lee"), SessionApp(store, client_id="Ann Lee")
    first.end_session()
    first.open_client("Bo Chen")
    second.end_session()  # End session pressed in the stale tab of Ann
    assert store.current() == "Bo Chen" and second.client is None
