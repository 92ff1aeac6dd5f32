"""A text typed and not left is saved once typing pauses (issue 20, round 7 E3).

The reflections and the coach's note send every key (``continuous_update``); the page saves
once typing pauses (one journal line per pause, not per key). The pause's timer is driven by
hand here: a long pause, keys typed, then the held save called as the timer would.
"""

import asyncio

from workbook.core.instrument import load_instrument
from workbook.session.store import JOURNAL_FILE, ClientStore
from workbook.session.widgets import IngredientSession

from .loop_helpers import run_alone

INST = load_instrument()
HOPE = INST.ingredient_ids[0]
DAY1 = "2026-11-26"


def journal_lines(store, client):
    return (store.folder(client) / JOURNAL_FILE).read_text().splitlines()




def test_reflections_send_every_key():
    page = IngredientSession(HOPE, "ann", ClientStore("/nonexistent-unused"), session=DAY1)
    assert all(area.continuous_update for area in page.reflections)
    assert page.coach_note.continuous_update


def test_typed_text_is_saved_once_when_typing_pauses(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession(HOPE, "ann", store, session=DAY1)
        page.typing_pause = 3600  # the timer never fires by itself here
        page.items[INST.ingredient(HOPE).item_ids[0]].value = 4  # a click saves at once
        before = len(journal_lines(store, "ann"))
        for n in range(1, 9):  # "W10 text" typed key by key, no blur
            page.reflections[1].value = "W10 text"[:n]
        assert len(journal_lines(store, "ann")) == before  # nothing per key
        assert store.load("ann")[HOPE]["reflections"] == ["", ""]
        page.typed_now()  # what the timer does once typing pauses
        page.typed_now()  # nothing held any more: no second line
        return before

    before = run_alone(typing())
    assert len(journal_lines(store, "ann")) == before + 1
    assert store.load("ann")[HOPE]["reflections"] == ["", "W10 text"]


def test_the_pause_timer_saves_by_itself(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession(HOPE, "ann", store, session=DAY1)
        page.typing_pause = 0.01
        page.reflections[0].value = "a good"
        page.reflections[0].value = "a good manager"
        page.coach_note.value = "ask about the choir"
        while page.__dict__.get("_pending"):  # waits for a state, not a time
            await asyncio.sleep(0.01)

    run_alone(typing())
    saved = store.load("ann")[HOPE]
    assert saved["reflections"] == ["a good manager", ""]
    assert saved["coach_note"] == "ask about the choir"
    assert len(journal_lines(store, "ann")) == 1


def test_a_click_saves_the_typed_text_too_and_no_second_save_follows(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession(HOPE, "ann", store, session=DAY1)
        page.typing_pause = 3600
        page.reflections[0].value = "typed"
        page.items[INST.ingredient(HOPE).item_ids[0]].value = 2  # saves all, text too
        assert not page.__dict__.get("_pending")

    run_alone(typing())
    assert store.load("ann")[HOPE]["reflections"] == ["typed", ""]
    assert len(journal_lines(store, "ann")) == 1


def test_without_an_event_loop_a_text_is_saved_at_once(tmp_path):
    store = ClientStore(tmp_path / "ws")
    page = IngredientSession(HOPE, "ann", store, session=DAY1)
    page.reflections[0].value = "plain script"
    assert store.load("ann")[HOPE]["reflections"] == ["plain script", ""]


# -- the Conversations card's "What you learned" -------------------------------------------

def conv_store(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {ing.id: {"items": {i.id: 4 for i in ing.items}}
                       for ing in INST.ingredients}, session="2026-11-20")
    return store


def learned_on_disk(store, pid):
    from workbook.session.conversations import Tracker
    return Tracker(store, "ann").read().people[pid].learned


def conv_lines(store):
    from workbook.session.conversations import JOURNAL
    return (store.folder("ann") / JOURNAL).read_text().splitlines()


def test_what_you_learned_is_saved_once_when_typing_pauses(tmp_path):
    import datetime as dt

    from workbook.session.widgets import ConversationsPage

    store = conv_store(tmp_path)

    async def typing():
        page = ConversationsPage(store, "ann", today=dt.date(2026, 11, 27))
        page.typing_pause = 3600
        ana = page.add_person("Ana", org="Parks")
        assert page.learned.continuous_update
        before = len(conv_lines(store))
        for n in range(1, 18):
            page.learned.value = "LEARNED-SOMETHING"[:n]
        assert len(conv_lines(store)) == before and learned_on_disk(store, ana) == ""
        page.typed_now()
        return ana, before

    ana, before = run_alone(typing())
    assert learned_on_disk(store, ana) == "LEARNED-SOMETHING"
    assert len(conv_lines(store)) == before + 1


def test_what_you_learned_is_saved_for_the_person_it_was_typed_for(tmp_path):
    import datetime as dt

    from workbook.session.widgets import ConversationsPage

    store = conv_store(tmp_path)

    async def typing():
        page = ConversationsPage(store, "ann", today=dt.date(2026, 11, 27))
        page.typing_pause = 3600
        ana = page.add_person("Ana", org="Parks")
        bo = page.add_person("Bo", org="Library")
        page.choose(ana)
        page.learned.value = "for Ana"
        page.choose(bo)  # another card before the pause ends
        assert page.learned.value == ""
        page.typed_now()
        return ana, bo

    ana, bo = run_alone(typing())
    assert learned_on_disk(store, ana) == "for Ana"
    assert learned_on_disk(store, bo) == ""
