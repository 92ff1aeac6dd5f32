"""Two pages of one client open at once (two tabs, a notebook beside the session app).

Issue 20, attack 24: each page saved its whole section as it knew it, so a statement
answered in one tab was wiped by the next save in the other. A page now saves with ``base``
(the section as it last read it) and the store merges field by field under the lock.
"""

import pytest

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.widgets.ingredient import IngredientSession

INST = load_instrument()
HOPE, TIME = INST.ingredient_ids[0], INST.ingredient_ids[1]
DAY1, DAY2 = "2026-11-26", "2026-12-03"


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


# -- the store ---------------------------------------------------------------------------
def test_two_stale_pages_saving_items_lose_nothing(store):
    loaded = {}  # both pages opened on a new client
    a = store.save("u1", {HOPE: {"items": {"hope_1": 4}}}, session=DAY1, base={HOPE: loaded})
    b = store.save("u1", {HOPE: {"items": {"hope_8": 2}}}, session=DAY1, base={HOPE: loaded})
    # page A answers statement 3; it still holds hope_1 only (as its last save left it)
    c = store.save("u1", {HOPE: {"items": {"hope_1": 4, "hope_7": 5}}}, session=DAY1,
                   base={HOPE: a[HOPE]})
    assert b[HOPE]["items"] == {"hope_1": 4, "hope_8": 2}
    assert c[HOPE]["items"] == {"hope_1": 4, "hope_8": 2, "hope_7": 5}
    assert store.load("u1")[HOPE]["items"] == {"hope_1": 4, "hope_8": 2, "hope_7": 5}
    # the journal records the merged section: a store that replays it agrees
    assert ClientStore(store.root).load("u1")[HOPE]["items"] == c[HOPE]["items"]


def test_a_changed_or_cleared_field_is_the_pages_and_every_other_field_is_kept(store):
    first = {"items": {"hope_1": 4, "hope_6": 3}, "reflections": ["one", ""],
             "tool": {"kind_person": "Ana", "step_minutes": {"research": 30, "write": 20}},
             "share": ["reflection-1"], "coach_note": ""}
    store.save("u1", {HOPE: first}, session=DAY1)
    # page B (opened on `first`) writes reflection 2, ticks the tool, sets a step, a note
    b = {**first, "reflections": ["one", "two"], "share": ["reflection-1", "kind_person"],
         "tool": {"kind_person": "Ana", "step_minutes": {"research": 30, "write": 45}},
         "coach_note": "from B"}
    store.save("u1", {HOPE: b}, session=DAY1, base={HOPE: first})
    # page A (still on `first`) clears statement 1, changes reflection 1, unticks it and
    # changes research minutes
    a = {**first, "items": {"hope_6": 3}, "reflections": ["ONE", ""], "share": [],
         "tool": {"kind_person": "Ana", "step_minutes": {"research": 60, "write": 20}}}
    got = store.save("u1", {HOPE: a}, session=DAY1, base={HOPE: first})[HOPE]
    assert got == {"items": {"hope_6": 3}, "reflections": ["ONE", "two"],
                   "tool": {"kind_person": "Ana",
                            "step_minutes": {"research": 60, "write": 45}},
                   "share": ["kind_person"], "coach_note": "from B"}


def test_a_new_session_starts_from_the_latest_saved_section(store):
    store.save("u1", {HOPE: {"items": {"hope_1": 2, "hope_6": 2}}}, session=DAY1)
    seen = store.load("u1")[HOPE]  # both pages show the earlier session's answers
    store.save("u1", {HOPE: {"items": {"hope_1": 5, "hope_6": 2}}}, session=DAY2,
               base={HOPE: seen})
    got = store.save("u1", {HOPE: {"items": {"hope_1": 2, "hope_6": 4}}}, session=DAY2,
                     base={HOPE: seen})
    assert got[HOPE]["items"] == {"hope_1": 5, "hope_6": 4}
    assert store.history("u1")[DAY1][HOPE]["items"] == {"hope_1": 2, "hope_6": 2}


def test_without_base_a_section_is_replaced_as_before(store):
    store.save("u1", {HOPE: {"items": {"hope_1": 4}}}, session=DAY1)
    got = store.save("u1", {HOPE: {"items": {"hope_6": 1}}}, session=DAY1)
    assert got[HOPE] == {"items": {"hope_6": 1}}


# -- the pages -----------------------------------------------------------------------------
def page(store, ingredient=HOPE):
    return IngredientSession(ingredient, "u1", store, session=DAY1)


def test_two_ingredient_pages_of_one_client_lose_nothing(store):
    tab_a, tab_b = page(store), page(store)
    tab_a.items["hope_1"].value = 4
    tab_b.items["hope_8"].value = 2
    tab_a.items["hope_7"].value = 5
    assert store.load("u1")[HOPE]["items"] == {"hope_1": 4, "hope_8": 2, "hope_7": 5}
    # tab A now shows what tab B saved (without saving again for it)
    assert tab_a.items["hope_8"].value == 2
    lines = (store.folder("u1") / "journal.jsonl").read_text().splitlines()
    assert len(lines) == 3


def test_text_typed_in_one_tab_survives_a_save_in_the_other(store):
    tab_a, tab_b = page(store), page(store)
    tab_b.set_reflection(0, "a friend in the field")
    tab_b.coach_note.value = "ask about Tuesdays"
    tab_a.items["hope_6"].value = 3
    saved = store.load("u1")[HOPE]
    assert saved["reflections"][0] == "a friend in the field"
    assert saved["coach_note"] == "ask about Tuesdays"
    assert saved["items"] == {"hope_6": 3}
    assert tab_a.reflections[0].value == "a friend in the field"
    # tab B answers a statement: tab A's answer stays
    tab_b.items["hope_9"].value = 1
    assert store.load("u1")[HOPE]["items"] == {"hope_6": 3, "hope_9": 1}
    assert tab_b.items["hope_6"].value == 3


def test_a_page_changing_back_what_another_changed_wins(store):
    tab_a, tab_b = page(store), page(store)
    tab_a.items["hope_1"].value = 4
    tab_b.items["hope_1"].value = 2  # tab B, later, chose another answer to statement 1
    assert store.load("u1")[HOPE]["items"] == {"hope_1": 2}
    tab_a.items["hope_6"].value = 5  # tab A's next save keeps B's newer answer
    assert store.load("u1")[HOPE]["items"] == {"hope_1": 2, "hope_6": 5}
    assert tab_a.items["hope_1"].value == 2


def test_the_time_page_hours_and_minutes_in_two_tabs(store):
    tab_a, tab_b = page(store, TIME), page(store, TIME)
    tab_a.tool.set("hours_per_week", "3")
    tab_b.tool.set("step_minutes", {"research": 50})
    tab_a.items["time_1"].value = 4
    tool = store.load("u1")[TIME]["tool"]
    assert tool["hours_per_week"] == 3.0
    assert tool["step_minutes"]["research"] == 50
    assert tab_a.tool.minutes["research"].value == "50"  # a text box (round 9b J1)
