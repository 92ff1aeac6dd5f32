"""Round 13b S3: a second tab of a client, left untouched, kept showing the whole page.

Tab A and tab B on Ann; B on the Conversations page with Zed's card (or on the Profile). A
pressed End session: B went on showing Zed, the places, what was learned (the profile:
"Ready", the hours) for as long as nobody touched it, and after A opened the next client
too. It changed only when clicked. README: "a page of that client still open in another tab
shows only that the session is no longer open". Now the app checks, every
``SessionApp.open_check`` seconds in a kernel (one small file read), that its session is
still open; when it is not, it shows the start page with only that the session is no longer
open, as a click there would.

The kernel is played by hand: a loop running (:func:`run_alone`), the pages told they run in
a kernel, a short check set on the app. The test waits for a state, not for a time.
"""

import asyncio

import pytest

from workbook.session.widgets import SessionApp, base
from workbook.session.widgets.session import app_text

from .loop_helpers import run_alone

CLIENT = "ann"  # the conftest's store: ann answered every statement on 2026-11-20
DAY = "2026-12-07"
NAMES = ("Zed Orr", "Tin Works", "LEARNED_ZED")


@pytest.fixture(autouse=True)
def in_a_kernel(monkeypatch):
    """Pages wait on timers as in a kernel, whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: True)


def texts(widget) -> str:
    """Every text the widget and its children hold (what the browser could show)."""
    out = []
    for name in ("value", "description", "options", "placeholder"):
        value = getattr(widget, name, None)
        out.append(value if isinstance(value, str) else repr(value) if value else "")
    for child in getattr(widget, "children", ()) or ():
        out.append(texts(child))
    return " ".join(out)


def tab_b_on_zed(store, key="conversations"):
    """Tab B on ann's page ``key`` after Zed was listed and what was learned typed."""
    second = SessionApp(store, client_id=CLIENT, session=DAY)
    second.open_check = 0.02
    second.show("conversations")
    page = second.screen("conversations")
    page.typing_pause = 0
    zed = page.add_person("Zed Orr", org="Tin Works")
    page.learned.value = "LEARNED_ZED"
    assert all(name in texts(second) for name in NAMES)
    second.show(key)
    return second, zed


async def _closed(app):
    """Wait until the app shows that its session is no longer open (a state)."""
    for _ in range(1000):  # 20 s at most: a hang is a failure, not a wait forever
        if app.client is None:
            return
        await asyncio.sleep(0.02)


def test_end_session_in_tab_a_closes_the_untouched_tab_b(store):
    store.set_current(CLIENT)

    async def ended():
        first = SessionApp(store, client_id=CLIENT, session=DAY)
        second, _zed = tab_b_on_zed(store)
        assert "LEARNED_ZED" in texts(second)
        first.end_session()
        await _closed(second)  # nothing is clicked in B
        return second

    second = run_alone(ended())
    assert (second.client, second.current) == (None, "start")
    shown = texts(second)
    assert not any(name in shown for name in NAMES)
    assert app_text(second.texts, "session_ended") in second.start.errors


def test_the_next_client_opened_in_tab_a_closes_tab_b_on_the_profile(store):
    store.set_current(CLIENT)

    async def next_client():
        first = SessionApp(store, client_id=CLIENT, session=DAY)
        second, _zed = tab_b_on_zed(store, key="profile")
        assert "Ready" in texts(second)
        first.end_session()
        first.open_client("cat")
        await _closed(second)
        return first, second

    first, second = run_alone(next_client())
    assert first.client == "cat" and store.current() == "cat"
    assert (second.client, second.current) == (None, "start")
    assert not any(name in texts(second) for name in (*NAMES, "Ready"))
    assert app_text(second.texts, "session_ended") in second.start.errors


def test_a_tab_whose_session_stays_open_is_left_as_it_is(store):
    store.set_current(CLIENT)

    async def kept():
        second, zed = tab_b_on_zed(store)
        for _ in range(10):  # several checks go by (each 0.02 s)
            await asyncio.sleep(0.02)
        return second, zed

    second, zed = run_alone(kept())
    assert (second.client, second.current) == (CLIENT, "conversations")
    assert second.screen("conversations").selected == zed


def test_no_check_without_a_kernel(store, monkeypatch):
    monkeypatch.setattr(base, "_in_kernel", lambda: False)
    store.set_current(CLIENT)

    async def opened():
        return SessionApp(store, client_id=CLIENT, session=DAY)

    app = run_alone(opened())
    assert app.__dict__.get("_watching") is None  # a script's app sets no timer
