"""Round 6 in the browser (docs/attacks/round6.md): two tabs, the pace words, look-alike names.

D1: a second tab of a client saved over a text it never showed (the first tab's reflection).
"""

import pytest

from workbook.instrument import load_instrument
from workbook.store import ClientStore
from workbook.store.records import TEXT_SEPARATOR, merge_section
from workbook.widgets.app import SessionApp
from workbook.widgets.ingredient import IngredientSession

INST = load_instrument()
HOPE = INST.ingredient_ids[0]
DAY = "2026-12-07"


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def test_a_text_changed_on_two_pages_keeps_both():
    base = {"reflections": ["tab one wrote this later"], "coach_note": "old note"}
    mine = {"reflections": ["tab one wrote this later plus a word"], "coach_note": "mine"}
    theirs = {"reflections": ["A: the long answer"], "coach_note": "old note"}
    got = merge_section(base, mine, theirs)
    assert got == {"reflections": ["A: the long answer" + TEXT_SEPARATOR
                                   + "tab one wrote this later plus a word"],
                   "coach_note": "mine"}
    # the other page cleared it: this page's text is taken
    assert merge_section(base, mine, {"reflections": [""]})["reflections"] == [
        "tab one wrote this later plus a word"]
    # a tool's text the same way
    got = merge_section({"tool": {"kind_person": "Ana"}}, {"tool": {"kind_person": "Ana R"}},
                        {"tool": {"kind_person": "Bo"}})
    assert got == {"tool": {"kind_person": "Bo" + TEXT_SEPARATOR + "Ana R"}}


def test_two_stale_pages_typing_one_reflection_lose_neither_text(store):
    store.save("u1", {HOPE: {"reflections": ["old"]}}, session=DAY)
    tab1 = IngredientSession(HOPE, "u1", store, session=DAY)
    tab2 = IngredientSession(HOPE, "u1", store, session=DAY)
    tab1.set_reflection(0, "A: the long answer")
    tab2.set_reflection(0, "old plus a word")
    want = "A: the long answer" + TEXT_SEPARATOR + "old plus a word"
    assert store.load("u1")[HOPE]["reflections"][0] == want
    assert tab2.reflections[0].value == want  # the page shows what was saved


def test_a_page_shown_again_shows_what_another_tab_saved(store):
    store.save("Ann", {HOPE: {"reflections": ["old"], "items": {"hope_1": 4}}}, session=DAY)
    store.set_current("Ann")
    tab1 = SessionApp(store, client_id="Ann", session=DAY)
    tab2 = SessionApp(store, client_id="Ann", session=DAY)
    tab2.show(HOPE)
    tab2.show("profile")
    tab1.show(HOPE)
    page1 = tab1.screen(HOPE)
    page1.set_reflection(0, "A: the long answer")
    page1.items["hope_1"].value = 2
    tab2.show(HOPE)  # tab 2 comes back to Hope
    page2 = tab2.screen(HOPE)
    assert page2.reflections[0].value == "A: the long answer"
    assert page2.items["hope_1"].value == 2
    page2.set_reflection(0, "A: the long answer plus a word")
    assert store.load("Ann")[HOPE]["reflections"][0] == "A: the long answer plus a word"
