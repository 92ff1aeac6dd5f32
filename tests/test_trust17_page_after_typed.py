"""Issue 20, round 12b Q6: hours (or a step's minutes) typed, the Profile opened at once.

The typed value is held for its typing pause before it is saved; the Profile (or the
Conversations page) was drawn from the record at once, so it showed the verdict of the hours
before the ones just typed, and stayed so. Now moving to another page saves what was typed
first and draws the page from it; in a kernel, as End session does, it waits for the keys
still on their way (the "6" of "66" is never the value drawn).

The kernel is played by hand: a loop running (as in a kernel), the app's pause set on it, and
the page told it runs in a kernel (whatever tests ran before in this process left behind).
"""

import asyncio

import pytest

from workbook.session.widgets import SessionApp, base

from .loop_helpers import run_alone


@pytest.fixture(autouse=True)
def in_a_kernel(monkeypatch):
    """Pages wait on timers as in a kernel, whichever tests ran before (an in-process kernel)."""
    monkeypatch.setattr(base, "_in_kernel", lambda: True)


async def _moved(app):
    """Wait until the move asked for has been made (a state, not a time)."""
    while app.__dict__.get("_moving") is not None:
        await asyncio.sleep(0.01)


def shown(app):
    """Every text of the profile as shown."""
    return " ".join(w.value for w in app.screen("profile").children
                    if isinstance(getattr(w, "value", None), str))


def verdict(app):
    """The verdict line of the profile as shown."""
    return app.screen("profile").verdict.value


def test_hours_typed_then_profile_at_once_draws_the_new_hours(store):
    app = SessionApp(store, client_id="ann")
    app.show("profile")
    assert "Ready" in verdict(app)  # 6 hours a week, ready
    app.show("time")
    page = app.screen("time")
    page.typing_pause = 3600  # the typing save never fires by itself here
    app.end_pause = 0.05

    async def typed():
        page.tool.fields["hours_per_week"].value = "0"
        app.show("profile")  # clicked at once
        await _moved(app)

    run_alone(typed())
    assert app.current == "profile"
    assert "Ready" not in verdict(app)
    assert "Not now" in verdict(app)  # 0 hours a week: not now, as the record says
    assert store.load("ann")["time"]["tool"]["hours_per_week"] == 0.0


def test_the_last_key_coming_after_the_click_is_the_one_drawn(store):
    async def session():
        app = SessionApp(store, client_id="ann")
        app.end_pause = 0.05
        app.show("time")
        page = app.screen("time")
        page.typing_pause = 3600
        box = page.tool.minutes["talk"]
        box.value = 6  # the first key has come
        app.show("profile")  # the click comes before the second key
        box.value = 66  # the second key
        while app.__dict__.get("_moving") is not None:  # waits for a state, not a time
            await asyncio.sleep(0.01)
        return app

    app = run_alone(session())
    assert app.current == "profile"
    assert store.load("ann")["time"]["tool"]["step_minutes"]["talk"] == 66
    # 30 + 20 + 10 + 66 + 30 minutes a conversation, drawn from the 66 typed last
    said = "about 156 minutes from start to finish, 66 of them the conversation itself"
    assert said in shown(app)


def test_hours_typed_then_conversations_at_once_draws_the_new_hours(store):
    app = SessionApp(store, client_id="ann")
    app.show("conversations")
    page = app.screen("conversations")
    assert page.plan.verdict == "ready"  # 6 hours a week
    app.show("time")
    time_page = app.screen("time")
    time_page.typing_pause = 3600
    app.end_pause = 0.05

    async def typed():
        time_page.tool.fields["hours_per_week"].value = "0"
        app.show("conversations")  # clicked at once
        await _moved(app)

    run_alone(typed())
    assert app.current == "conversations"
    assert page.plan.verdict == "not_now"  # drawn from the 0 hours just typed
