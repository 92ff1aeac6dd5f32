"""Round 14b U3: two tabs; a "Put this in my report" tick made right after typing was dropped.

Tab A and tab B of one client on Hope (or Ambition's north star). A typed " A1" at the end of
the text (saved). B typed " B1" in the same box and at once ticked "Put this in my report":
the tick's save took B's text, which was merged with A's (both kept, "———" between), and the
merge's rule for two copies' texts ("shared only if ticked on both", round 13a R23) dropped
the tick: the record's ``share`` stayed ``[]`` and B's box showed unticked. The tick is this
page's own change, made on the text it now shows: it is kept after the merge (the rule stays
for two laptops' records, tests/test_trust18_joined_share.py).
"""

import pytest

from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.store.records import TEXT_SEPARATOR
from workbook.session.widgets import IngredientSession, base

from .loop_helpers import run_alone

INST = load_instrument()
HOPE, AMBITION = INST.ingredient_ids[0], INST.ingredient_ids[-1]
DAY = "2026-12-02"


@pytest.fixture(autouse=True)
def in_a_kernel(monkeypatch):
    """Typed text waits for its pause, as in a kernel, whichever tests ran before."""
    monkeypatch.setattr(base, "_in_kernel", lambda: True)


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def two_tabs(store, ingredient):
    first = IngredientSession(ingredient, "ann", store, session=DAY)
    second = IngredientSession(ingredient, "ann", store, session=DAY)
    for page in (first, second):
        page.typing_pause = 3600  # the timer never fires by itself: typed_now() plays it
    return first, second


def test_a_reflection_ticked_right_after_typing_stays_ticked_after_the_merge(store):
    IngredientSession(HOPE, "ann", store, session=DAY).set_reflection(0, "P")

    async def race():
        first, second = two_tabs(store, HOPE)
        first.reflections[0].value = "P A1"
        first.typed_now()  # A's pause: saved
        second.reflections[0].value = "P B1"
        second.share["reflection-1"].value = True  # at once: this save takes the text too
        return second

    second = run_alone(race())
    saved = store.load("ann")[HOPE]
    assert saved["reflections"][0] == "P A1" + TEXT_SEPARATOR + "P B1"
    assert saved["share"] == ["reflection-1"]
    assert second.share["reflection-1"].value is True
    assert second.reflections[0].value == "P A1" + TEXT_SEPARATOR + "P B1"


def test_the_north_star_ticked_right_after_typing_stays_ticked(store):
    star = schema.NORTH_STAR

    async def race():
        first, second = two_tabs(store, AMBITION)
        first.tool.fields[star].value = "Q A1"
        first.typed_now()
        second.tool.fields[star].value = "Q B1"
        second.share[star].value = True
        return second

    second = run_alone(race())
    saved = store.load("ann")[AMBITION]
    assert saved["tool"][star] == "Q A1" + TEXT_SEPARATOR + "Q B1"
    assert saved["share"] == [star]
    assert second.share[star].value is True


def test_an_untick_made_right_after_typing_stays_unticked(store):
    page = IngredientSession(HOPE, "ann", store, session=DAY)
    page.set_reflection(0, "P")
    page.share["reflection-1"].value = True

    async def race():
        first, second = two_tabs(store, HOPE)
        first.reflections[0].value = "P A1"
        first.typed_now()
        second.reflections[0].value = "P B1"
        second.share["reflection-1"].value = False
        return second

    second = run_alone(race())
    assert store.load("ann")[HOPE]["share"] == []
    assert second.share["reflection-1"].value is False
