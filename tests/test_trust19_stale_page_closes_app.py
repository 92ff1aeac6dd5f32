"""A stale tab that acts before the app's open-check runs closed only the page, not the app.

Tab A and tab B on Ann. A pressed End session (or opened the next client); before B's
check every ``SessionApp.open_check`` seconds came round (round 13b S3), the coach clicked in
B: a card on the Conversations page, an answer on Hope, a pace on the Profile. The page
closed itself (only "This session is no longer open" on it), but the app around it kept
"Working with Ann", End session, the progress strip and Back / Next, as if her session were
still open. Now a page that finds its session closed tells the app, which closes as the
check does: the start page, naming nobody, with only that the session is no longer open.

The kernel is played by hand: a loop running (:func:`run_alone`), the pages told they run in
a kernel, the app's own check put off (an hour), so only the click can close the app. The
test waits for a state, not a time.
"""

import asyncio

import pytest

from workbook.session.widgets import SessionApp, base
from workbook.session.widgets.session import app_text

from .loop_helpers import run_alone

CLIENT = "ann"  # the conftest's store: ann answered every statement on 2026-11-20
DAY = "2026-12-07"


@pytest.fixture(autouse=True)
def in_a_kernel(monkeypatch):
    """Pages wait on timers as in a kernel, whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: True)


def tab(store, key):
    app = SessionApp(store, session=DAY)
    app.open_check = 3600  # the app's own check never comes round in the test
    app.open_client(CLIENT)
    app.show(key)
    return app


async def _settled(app):
    """Let the loop run until the app has closed (a state), 5 s at most."""
    for _ in range(250):
        if app.client is None:
            return
        await asyncio.sleep(0.02)


def closed_whole(app):
    assert (app.client, app.current) == (None, "start")
    assert app.header.layout.display == "none"  # "Working with ann" and End session gone
    assert app.progress_strip.layout.display == "none"
    assert app.nav.layout.display == "none"
    assert CLIENT not in app.strip.value
    assert app_text(app.texts, "session_ended") in app.start.errors


def test_a_card_chosen_in_the_stale_tab_closes_the_whole_app(store):
    store.set_current(CLIENT)

    async def acted():
        first = tab(store, "hope")
        second = tab(store, "conversations")
        page = second.screen("conversations")
        zed = page.add_person("Zed Orr")
        page.choose(None)
        first.end_session()
        page.choose(zed)  # the click comes before the check
        await _settled(second)
        return second

    closed_whole(run_alone(acted()))


def test_an_answer_clicked_in_the_stale_tab_closes_the_whole_app(store):
    store.set_current(CLIENT)

    async def acted():
        first = tab(store, "hope")
        second = tab(store, "hope")
        first.end_session()
        first.open_client("cat")  # and the next client opened in A
        hope = second.screen("hope")
        item = next(iter(hope.items))
        hope.items[item].value = 1 if hope.items[item].value != 1 else 2
        await _settled(second)
        return first, second

    first, second = run_alone(acted())
    closed_whole(second)
    assert (first.client, store.current()) == ("cat", "cat")  # A's next client stays open


def test_a_pace_chosen_in_the_stale_tab_closes_the_whole_app(store):
    store.set_current(CLIENT)

    async def acted():
        first = tab(store, "hope")
        second = tab(store, "profile")
        profile = second.screen("profile")
        first.end_session()
        choices = [value for _label, value in profile.pace_choice.options]
        profile.pace_choice.value = next(v for v in choices if v != profile.pace_choice.value)
        await _settled(second)
        return second

    closed_whole(run_alone(acted()))


def test_without_a_loop_the_click_closes_the_app_at_once(store, monkeypatch):
    monkeypatch.setattr(base, "_in_kernel", lambda: False)  # a script: no timer, no loop
    store.set_current(CLIENT)
    first, second = tab(store, "hope"), tab(store, "conversations")
    page = second.screen("conversations")
    zed = page.add_person("Zed Orr")
    page.choose(None)
    first.end_session()
    page.choose(zed)
    closed_whole(second)
    assert store.current() is None  # nothing else was ended or opened


def test_a_script_with_a_loop_left_running_closes_the_app_at_once(store, monkeypatch):
    # After the browser tests, Playwright leaves a loop in the main thread: a script's click
    # must not be handed to that loop (it never runs it), the app closes at once.
    monkeypatch.setattr(base, "_in_kernel", lambda: False)
    store.set_current(CLIENT)
    first, second = tab(store, "hope"), tab(store, "conversations")
    page = second.screen("conversations")
    zed = page.add_person("Zed Orr")
    page.choose(None)
    first.end_session()

    left = asyncio.new_event_loop()  # set as running and never run, as Playwright leaves it
    asyncio.events._set_running_loop(left)
    try:
        page.choose(zed)
    finally:
        asyncio.events._set_running_loop(None)
        left.close()
    closed_whole(second)
