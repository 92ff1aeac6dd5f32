"""Round 6 in the browser (docs/attacks/round6.md): two tabs, the pace words, look-alike names.

D1: a second tab of a client saved over a text it never showed (the first tab's reflection).
"""

import pytest

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.store.records import TEXT_SEPARATOR, merge_section
from workbook.session.widgets.app import SessionApp
from workbook.session.widgets.ingredient import IngredientSession

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


# -- D9: the pace's words from the exact fraction, not its hundredths ----------------------
# The kit's minutes: 30 + 20 + 10 + 30 + 30 = 120 a conversation. Half pace ("a little"):
# 0.25 h = 7.5 min a week -> 120 / 7.5 = 16 weeks; 0.5 h = 15 min -> 8 weeks;
# 1 h = 30 min -> 4 weeks; 2.5 h = 75 min -> 120 / 75 = 1.6 -> every 2 weeks.
@pytest.mark.parametrize("hours, stored, weeks", [
    (0.25, 0.06, 16), (0.5, 0.12, 8), (1, 0.25, 4), (2.5, 0.62, 2)])
def test_the_pace_says_the_weeks_that_fit_exactly(hours, stored, weeks):
    from workbook.core.pacing import pacing_plan, said_per_week
    plan = pacing_plan(hours, "a_little")
    assert plan.minutes_per_conversation == 120
    assert float(plan.per_week) == stored  # the CSV's pace_per_week: hundredths, down
    assert plan.weeks_per_conversation == weeks
    assert plan.schedule() == f"one conversation every {weeks} weeks"
    assert said_per_week(plan.per_week) == 1 / weeks


def test_a_third_of_a_conversation_a_week_is_every_3_weeks():
    from workbook.core.pacing import pacing_plan
    # 60 minutes a week (1 h, full pace), 180 minutes a conversation: 1/3 a week
    plan = pacing_plan(1, "plenty", {"research": 100, "write": 20, "arrange": 10,
                                     "follow_up": 20})
    assert plan.minutes_per_conversation == 180 and float(plan.per_week) == 0.33
    assert plan.schedule() == "one conversation every 3 weeks"
    assert plan.weeks_per_conversation == 3


def test_every_surface_says_the_same_pace():
    from types import SimpleNamespace

    from workbook.core import advice
    from workbook.core.pacing import pacing_plan
    from workbook.session.widgets.conv_list import per_week
    from workbook.session.widgets.profile import pace_options
    pace = pacing_plan(0.5, "a_little")
    plan = SimpleNamespace(pace=pace, instrument=None)
    assert per_week(plan) == 0.125  # the conversations page plans one in 8 weeks
    assert "one conversation every 8 weeks" in pace_options(plan)[0][0]  # the profile
    assert "every 8 weeks" in pace.summary()  # the time page, the profile, the report
    row = {i.id: 3 for ing in INST.ingredients for i in ing.items}  # energy: "a little"
    row["hours_per_week"] = 0.5
    whole = advice.plan_for(row)
    assert whole.pace.pace == 0.5 and whole.pace.schedule() == "one conversation every 8 weeks"
    assert whole.planned_per_week == 0.125  # what the report plans week by week
    assert "every 8 weeks" in advice.pace_text(whole)  # the profile's and the report's words


# -- D2, D3: a name that only looks like a saved one is asked about -------------------------
@pytest.mark.parametrize("typed", [
    "Ann  Lee",  # two spaces inside
    "Ann\u00a0Lee",  # a no-break space
    "\u0410nn Lee",  # Cyrillic capital A
    "Ann L\u0435\u0435",  # Cyrillic e
    "\u0391nn Lee",  # Greek capital alpha
])
def test_a_look_alike_of_a_saved_name_offers_the_saved_client(store, typed):
    from workbook.session.widgets.start import StartPage
    store.create("Ann Lee")
    page = StartPage(store)
    assert page.request(typed) is None  # asked, not opened
    assert page.saved_button.layout.display is None
    assert "Ann Lee" in page.saved_button.description
    page.saved_button.click()
    assert page.client == "Ann Lee" and store.clients() == ["Ann Lee"]


def test_names_that_differ_in_letters_are_not_look_alikes():
    from workbook.session.store.records import look_alike
    assert look_alike("Ann Leo", ["Ann Lee"]) is None
    assert look_alike("Иван", ["Ivan"]) is None  # И is no Latin letter's look-alike
    assert look_alike("Ann Lee", ["Ann Lee"]) is None  # saved itself


# -- D11: End session in one tab closes the client's other tab ------------------------------
def test_a_tab_whose_session_was_ended_elsewhere_shows_it_ended(store):
    store.set_current("Kim Key")
    tab1 = SessionApp(store, client_id="Kim Key", session=DAY)
    tab2 = SessionApp(store, client_id="Kim Key", session=DAY)
    tab2.show(HOPE)
    hope = tab2.screen(HOPE)
    tab1.end_session()
    hope.items["hope_1"].value = 1  # tab 2 acts
    assert HOPE not in store.load("Kim Key")  # nothing saved
    assert hope.reflections[0].disabled  # greyed out, and only the message shown
    assert [c for c in hope.children if c.layout.display != "none"] == [hope.messages]
    assert any("no longer open" in text for text in hope.errors)
    tab2.show("profile")  # tab 2 moves on: it is closed as tab 1 is
    assert tab2.client is None and tab2.current == "start"
    assert any("no longer open" in text for text in tab2.start.errors)


# -- D5: Enter in the Client box opens ------------------------------------------------------
def test_enter_in_the_client_box_opens(store):
    from workbook.session.widgets.start import StartPage
    store.create("Kim Key")
    page = StartPage(store)
    page.chooser.value = "Kim Key"
    page.chooser._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    assert page.client == "Kim Key"
    page.end_session()
    page.chooser.value = "Zoe New"
    page.chooser._handle_custom_msg({"event": "submit"}, [])
    assert page.client is None and page.new_button.description  # a new name: asked first
    page.chooser.value = ""
    page.chooser._handle_custom_msg({"event": "submit"}, [])  # Enter sent before the value
    page.chooser.value = "Kim Key"
    assert page.client == "Kim Key"
