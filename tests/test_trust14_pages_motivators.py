"""Two pages on one client: a motivator tick saves only that tick (round 8 G15).

"What I want from work" is a list of ticks. A stale page (a second tab that read the list
before the other tab ticked) used to write its whole list, wiping the other tab's tick.
Each tick now adds its item and each untick removes its item, as the sharing boxes do.
"""

from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.store.records import merge_section
from workbook.session.widgets import IngredientSession

INST = load_instrument()
AMBITION = "ambition"
DAY = "2026-11-26"


def _saved(store):
    return store.load("kim")[AMBITION]["tool"][schema.MOTIVATORS]


def test_a_stale_tab_adds_its_tick_and_keeps_the_other(tmp_path):
    store = ClientStore(tmp_path / "ws")
    a = IngredientSession(AMBITION, "kim", store, session=DAY)
    b = IngredientSession(AMBITION, "kim", store, session=DAY)  # both read: nothing ticked
    a.tool.motivators["money"].value = True
    assert _saved(store) == ["money"]
    b.tool.motivators["meaning"].value = True  # b never showed money
    assert sorted(_saved(store)) == ["meaning", "money"]
    # b's page now shows what a saved too
    assert b.tool.motivators["money"].value is True


def test_each_stale_tab_in_turn_keeps_all_ticks(tmp_path):
    # the re-check of G15: three ticks from two tabs each stale in turn
    store = ClientStore(tmp_path / "ws")
    a = IngredientSession(AMBITION, "kim", store, session=DAY)
    b = IngredientSession(AMBITION, "kim", store, session=DAY)
    b.tool.motivators["meaning"].value = True
    b.tool.motivators["camaraderie"].value = True
    a.tool.motivators["money"].value = True  # a is stale: it never showed b's two
    assert sorted(_saved(store)) == ["camaraderie", "meaning", "money"]
    b.tool.motivators["freedom"].value = True  # b is stale now: it never showed money
    assert sorted(_saved(store)) == ["camaraderie", "freedom", "meaning", "money"]


def test_an_untick_removes_only_that_item(tmp_path):
    store = ClientStore(tmp_path / "ws")
    a = IngredientSession(AMBITION, "kim", store, session=DAY)
    a.tool.motivators["money"].value = True
    b = IngredientSession(AMBITION, "kim", store, session=DAY)  # reads money
    a.tool.motivators["meaning"].value = True
    b.tool.motivators["money"].value = False  # b unticks money; never showed meaning
    assert _saved(store) == ["meaning"]


def test_merge_section_merges_a_tool_list_per_item():
    base = {"tool": {"motivators": ["money"], "north_star": ""}}
    mine = {"tool": {"motivators": ["money", "freedom"], "north_star": ""}}
    theirs = {"tool": {"motivators": ["meaning"], "north_star": "x"}}
    # money was unticked on disk by the other page: it stays unticked; freedom is added
    assert merge_section(base, mine, theirs) == {
        "tool": {"motivators": ["freedom", "meaning"], "north_star": "x"}}
