"""Round 11b N3: End session in tab A dropped what tab B (same client) typed just before it.

Tab B typed a card's "What you learned" (or a Hope reflection) and, within the ~1 s pause
before the typing save, tab A pressed End session. When B's timer fired, the page found the
session ended and saved nothing: the words were lost, and B said only "nothing more is saved
here". Now a text typed while the session was open is saved for its client when its pause
ends, even if the session was ended meanwhile; only what is typed after the end is refused
(and B then shows only that the session is no longer open, as the README says).

The pause's timer is driven by hand (``typed_now`` is what it calls), or left to fire on a
short pause; the kernel's loop is played by :func:`run_alone`.
"""

import asyncio

from workbook.session.tracker import Tracker
from workbook.session.widgets import SessionApp
from workbook.session.widgets.session import app_text

from .loop_helpers import run_alone

CLIENT = "ann"  # the conftest's store: ann answered every statement on 2026-11-20
DAY = "2026-12-07"


def two_tabs(store, key):
    """Tab A and tab B on ann, B on page ``key``; the timer never fires by itself."""
    store.set_current(CLIENT)
    first = SessionApp(store, client_id=CLIENT, session=DAY)
    second = SessionApp(store, client_id=CLIENT, session=DAY)
    second.show(key)
    page = second.screen(key)
    page.typing_pause = 3600
    return first, second, page


def learned_on_disk(store):
    return {p.name: p.learned for p in Tracker(store, CLIENT).read().people.values()}


def test_what_you_learned_typed_in_b_before_a_ends_the_session_is_saved(store):
    async def session():
        first, second, page = two_tabs(store, "conversations")
        mia = page.add_person("Mia Fox", org="Tin Works")
        page.choose(mia)
        for n in range(1, 15):  # " B_BEFORE_END" typed key by key, no pause yet
            page.learned.value = "B_BEFORE_END"[:n]
        first.end_session()  # tab A, within B's pause
        page.typed_now()  # B's pause ends (what its timer does)
        return page

    page = run_alone(session())
    assert store.current() is None  # the session stays ended
    assert learned_on_disk(store) == {"Mia Fox": "B_BEFORE_END"}
    # and B now shows only that the session is no longer open
    assert page.errors == [app_text(page.texts, "session_ended")]
    assert page.children == (page.page_style, page.messages)


def test_a_reflection_typed_in_b_before_a_ends_the_session_is_saved(store):
    async def session():
        first, second, page = two_tabs(store, "hope")
        page.reflections[0].value = "HOPE_B"
        page.reflections[0].value = "HOPE_B_BEFORE_END"
        first.end_session()
        page.typed_now()
        return page

    page = run_alone(session())
    assert store.current() is None
    assert store.load(CLIENT, session=DAY)["hope"]["reflections"][0] == "HOPE_B_BEFORE_END"
    assert page.errors == [app_text(page.texts, "session_ended")]
    assert page.children == (page.page_style, page.messages)


def test_the_timer_itself_saves_it_when_a_ended_the_session_and_opened_another_client(store):
    async def session():
        first, second, page = two_tabs(store, "hope")
        page.typing_pause = 0.05
        page.reflections[0].value = "HOPE_B_TIMER"
        first.end_session()
        first.open_client("Bo Chen")  # the next client, in tab A
        while page.__dict__.get("_pending"):  # waits for a state, not a time
            await asyncio.sleep(0.01)
        return page

    page = run_alone(session())
    assert store.current() == "Bo Chen"  # the next client's session is untouched
    assert store.load(CLIENT, session=DAY)["hope"]["reflections"][0] == "HOPE_B_TIMER"
    assert store.load("Bo Chen") == {}  # nothing of ann's went to Bo
    assert page.errors == [app_text(page.texts, "session_ended")]


def test_text_typed_after_the_end_is_still_refused(store):
    async def session():
        first, second, page = two_tabs(store, "hope")
        first.end_session()
        page.reflections[0].value = "TYPED_AFTER_END"  # B learns of the end now
        page.typed_now()
        return page

    page = run_alone(session())
    assert store.load(CLIENT, session=DAY).get("hope", {}).get("reflections", [""])[0] == ""
    assert page.errors == [app_text(page.texts, "session_ended")]
    assert page.children == (page.page_style, page.messages)


def test_keys_before_and_after_the_end_save_the_text_as_it_stood_at_the_end(store):
    async def session():
        first, second, page = two_tabs(store, "conversations")
        mia = page.add_person("Mia Fox", org="Tin Works")
        page.choose(mia)
        page.learned.value = "SAID_BEFORE"
        first.end_session()
        page.learned.value = "SAID_BEFORE and after"  # one more key, after the end
        page.typed_now()
        return page

    page = run_alone(session())
    assert learned_on_disk(store) == {"Mia Fox": "SAID_BEFORE"}
    assert page.errors == [app_text(page.texts, "session_ended")]


def test_b_moving_to_another_page_within_the_pause_saves_it_too(store):
    async def session():
        first, second, page = two_tabs(store, "hope")
        page.reflections[0].value = "HOPE_B_THEN_NEXT"
        first.end_session()
        second.show("time")  # B moves on within the pause: the session is found ended
        return second

    second = run_alone(session())
    assert store.load(CLIENT, session=DAY)["hope"]["reflections"][0] == "HOPE_B_THEN_NEXT"
    assert second.client is None and second.current == "start"
