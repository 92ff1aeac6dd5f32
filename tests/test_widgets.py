"""Coaching screens driven headless: set .value, check score, level, guidance and the store."""

import json

import ipywidgets as widgets
import pandas as pd
import pytest

from workbook.core import advice, schema
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import load_instrument
from workbook.core.pacing import DEFAULT_STEP_MINUTES
from workbook.session.store import JOURNAL_FILE, STATE_FILE, ClientStore
from workbook.session.widgets import (
    IngredientSession,
    ReadinessProfile,
    StartPage,
    Texts,
    parse_hours,
)

INST = load_instrument()
HOPE, TIME, ENERGY, SELF_ESTEEM, AMBITION = INST.ingredient_ids
DAY1, DAY2 = "2026-11-26", "2026-12-03"
TEXTS = Texts(INST)


def items(ingredient, values):
    return dict(zip(INST.ingredient(ingredient).item_ids, values, strict=True))


# Hand-computed: reverse-keyed answers x count as 6 - x; POMP = 100 * (mean - 1) / 4.
HOPE_75 = items(HOPE, [4, 4, 2, 4, 2])  # hope_7, hope_9 reversed: 4,4,4,4,4 -> 75
TIME_75 = items(TIME, [4, 2, 4, 4, 2])  # time_2, time_5 reversed -> all 4 -> 75
ENERGY_50 = items(ENERGY, [3, 3, 3, 3, 3])  # all 3 -> 50, a little
SELF_ESTEEM_60 = items(SELF_ESTEEM, [5, 5, 5, 5, 5])  # 5,5,1,5,1 -> mean 3.4 -> 60
AMBITION_25 = items(AMBITION, [2, 4, 4, 2, 2])  # ambition_6, _3 reversed -> all 2 -> 25


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def page(store, ingredient, client="ann", session=DAY1):
    return IngredientSession(ingredient, client, store, session=session)


def test_setting_item_values_updates_score_level_guidance_and_store(store):
    hope = page(store, HOPE)
    ing = INST.ingredient(HOPE)
    assert hope.result()["score"] is None
    assert "at least 3 of the 5" in hope.score_text.value
    for item_id, value in list(HOPE_75.items())[:2]:
        hope.items[item_id].value = value
    assert hope.result() == {"score": None, "level": None, "answered": 2, "guidance": ""}
    for item_id, value in list(HOPE_75.items())[2:]:
        hope.items[item_id].value = value
    assert hope.result()["score"] == 75.0
    assert "Hope: 75 out of 100, which is plenty." in hope.score_text.value
    assert hope.guidance.value == f"<p>{ing.guidance[schema.PLENTY]}</p>"
    hope.items[ing.item_ids[0]].value = 1  # 1,4,4,4,4 -> mean 3.4 -> 60
    assert hope.result()["score"] == 60.0 and hope.result()["level"] == schema.A_LITTLE
    assert hope.guidance.value == f"<p>{ing.guidance[schema.A_LITTLE]}</p>"
    # The score card takes its level's colour (one class at a time).
    assert [c for c in hope.score_text._dom_classes if c.startswith("wb-level-")] == [
        "wb-level-a_little"]
    assert hope.status.value.startswith("Saved at ")
    saved = json.loads((store.folder("ann") / STATE_FILE).read_text())
    assert saved["sessions"][DAY1][HOPE]["items"] == {**HOPE_75, ing.item_ids[0]: 1}
    # one save per committed change: five answers, then the change
    assert len((store.folder("ann") / JOURNAL_FILE).read_text().splitlines()) == 6


def test_a_new_page_shows_the_saved_values_and_opening_it_does_not_write(store):
    hope = page(store, HOPE)
    hope.fill({**HOPE_75, "reflections": ["a good manager", ""], "kind_person": "Ms Rivera"})
    journal = store.folder("ann") / JOURNAL_FILE
    before = journal.read_text()
    again = page(store, HOPE)
    assert {i: b.value for i, b in again.items.items()} == HOPE_75
    assert [a.value for a in again.reflections] == ["a good manager", ""]
    assert again.tool.fields["kind_person"].value == "Ms Rivera"
    assert again.result()["score"] == 75.0
    assert journal.read_text() == before  # restoring never saves


def test_every_item_widget_has_a_css_class_and_a_label(store):
    for ingredient in INST.ingredient_ids:
        screen = page(store, ingredient)
        for item_id, box in screen.items.items():
            assert f"wb-item-{item_id}" in box._dom_classes
            item = next(i for i in INST.ingredient(ingredient).items if i.id == item_id)
            assert box.statement == item.text  # names the radio group
            assert box.labels == list(INST.labels) and box.values == [1, 2, 3, 4, 5]
        for area in screen.reflections:
            # sent key by key, saved once typing pauses (round 7, E3)
            assert area.description and area.continuous_update
        for box in screen.tool.fields.values():
            # sent key by key too, taken once typing pauses (round 8, G6)
            assert box.description and box.continuous_update
    assert not any(isinstance(c, widgets.Output) and c.outputs for c in screen.children)


def test_hours_bad_input_is_shown_and_not_saved(store):
    time_page = page(store, TIME)
    hours = time_page.tool.fields[schema.HOURS]
    hours.value = "3"
    assert store.load("ann")[TIME]["tool"][schema.HOURS] == 3.0
    # 3 h = 180 min; one conversation = 30+20+10+40+20 = 120 min -> 1.5 -> "about 1 a week"
    assert "about 1 conversation a week" in time_page.tool.extra.value
    note = time_page.tool.notes[schema.HOURS]
    for bad in ("abc", "100", "-1"):
        hours.value = bad
        # Said beside the box (the note sits right under it), not at the foot of the page.
        assert "number from 0 to 80" in note.value and 'class="wb-field-note"' in note.value
        assert time_page.errors == [] and time_page.messages.value == ""
        assert store.load("ann")[TIME]["tool"][schema.HOURS] == 3.0
    hours.value = "2,5"
    assert store.load("ann")[TIME]["tool"][schema.HOURS] == 2.5
    assert note.value == ""  # fixed: the message goes
    time_page.tool.minutes["talk"].value = 10  # 90 min a conversation: 150 / 90 -> 1.66
    assert store.load("ann")[TIME]["tool"]["step_minutes"] == {**DEFAULT_STEP_MINUTES,
                                                               "talk": 10}
    assert parse_hours("") is None and parse_hours(80) == 80.0
    with pytest.raises(Exception, match="0 to 80"):
        parse_hours(True)


def test_the_hours_note_sits_right_under_the_hours_box(store):
    tool = page(store, TIME).tool
    row = next(c for c in tool.box.children
               if isinstance(c, widgets.VBox) and tool.fields[schema.HOURS] in c.children)
    assert list(row.children) == [tool.fields[schema.HOURS], tool.notes[schema.HOURS]]
    kids = list(tool.box.children)
    talk = tool.minutes["talk"]
    assert kids[kids.index(talk) + 1] is tool.notes[("step_minutes", "talk")]


def test_minutes_of_zero_are_refused_beside_the_box_not_made_one(store):
    time_page = page(store, TIME)
    time_page.tool.fields[schema.HOURS].value = "3"
    talk, note = time_page.tool.minutes["talk"], time_page.tool.notes[("step_minutes", "talk")]
    talk.value = 50
    assert store.load("ann")[TIME]["tool"]["step_minutes"]["talk"] == 50
    saves = len((store.folder("ann") / JOURNAL_FILE).read_text().splitlines())
    for bad in (0, -5, 601):
        talk.value = bad
        assert talk.value == str(bad)  # left as typed, for correction: never quietly made 1
        assert "whole number from 1 to 600" in note.value
        assert time_page.errors == []
    # Nothing was saved, and the plan still reads the last good 50 minutes:
    # 3 h = 180 min; 30 + 20 + 10 + 50 + 20 = 130 min a conversation -> 1.38 -> about 1.
    assert len((store.folder("ann") / JOURNAL_FILE).read_text().splitlines()) == saves
    assert store.load("ann")[TIME]["tool"]["step_minutes"]["talk"] == 50
    assert time_page.tool.shown_minutes()["talk"] == 50
    assert "about 1 conversation a week" in time_page.tool.extra.value
    talk.value = 40
    assert note.value == ""  # fixed: the message goes, and the good value is saved
    assert store.load("ann")[TIME]["tool"]["step_minutes"]["talk"] == 40
    # the plain-function way (papermill's answers): refused naming answers (round 8, F12)
    with pytest.raises(WorkbookError, match="^answers: step_minutes research must be whole"):
        time_page.fill({"step_minutes": {"research": 0}})
    assert store.load("ann")[TIME]["tool"]["step_minutes"]["research"] == 30


def test_energy_pace_and_ambition_motivators(store):
    energy = page(store, ENERGY)
    energy.fill({**ENERGY_50, "drains": "commute", "restores": "walks"})
    assert energy.result()["score"] == 50.0
    pace = TEXTS.tool(ENERGY)["pace"]
    assert energy.tool.pace.value == f"<p>{pace[schema.A_LITTLE]}</p>"
    ambition = page(store, AMBITION)
    ambition.tool.motivators["meaning"].value = True
    ambition.tool.motivators["money"].value = True
    ambition.tool.fields[schema.NORTH_STAR].value = "something outdoors"
    tool = store.load("ann")[AMBITION]["tool"]
    assert tool[schema.MOTIVATORS] == ["money", "meaning"]  # in the schema's order
    assert tool[schema.NORTH_STAR] == "something outdoors"
    assert "wb-motivator-money" in ambition.tool.motivators["money"]._dom_classes
    with pytest.raises(Exception, match="unknown motivator"):
        ambition.fill({schema.MOTIVATORS: ["bogus"]})


def test_two_pages_of_one_client_open_at_once_lose_nothing(store):
    hope, time_page = page(store, HOPE), page(store, TIME)
    hope.items[INST.ingredient(HOPE).item_ids[0]].value = 5
    time_page.items[INST.ingredient(TIME).item_ids[0]].value = 2
    hope.items[INST.ingredient(HOPE).item_ids[1]].value = 3
    answers = store.load("ann")
    assert answers[HOPE]["items"] == {"hope_1": 5, "hope_6": 3}
    assert answers[TIME]["items"] == {"time_1": 2}


def test_a_failing_save_is_shown_not_raised(store, monkeypatch):
    hope = page(store, HOPE)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save", broken)
    hope.items[INST.ingredient(HOPE).item_ids[0]].value = 4  # no exception escapes
    assert hope.errors == [TEXTS.get("save_failed", error="disk full")]
    assert "disk full" in hope.messages.value


def test_a_damaged_save_file_is_reported_on_the_page(store):
    page(store, HOPE).fill(HOPE_75)
    (store.folder("ann") / STATE_FILE).write_text('{"sessions": {"2026-11')
    again = page(store, HOPE)
    assert "set aside" in again.errors[0] and "corrupt-" in again.errors[0]
    assert again.result()["score"] == 75.0  # rebuilt from the journal


def test_unsafe_client_id_and_start_page(store):
    start = StartPage(store)
    assert start.client is None and start.status.value == TEXTS.get("start", "no_client")
    assert start.open_client(" ../Ann B./x ") == "../Ann B./x"  # as typed, spaces dropped
    assert store.current() == "../Ann B./x" and store.folder("../Ann B./x").is_dir()
    assert store.folder("../Ann B./x").parent == store.root
    start.chooser.value = "bob"
    start.open_button.click()  # a new name: asked first, nothing made yet
    assert start.client == "../Ann B./x" and not store.folder("bob").exists()
    start.new_button.click()
    assert start.client == "bob" and store.current() == "bob"
    assert start.saved.options == ()  # saved clients are listed only when the coach asks
    start.show_saved.value = True
    assert start.saved.options == ("../Ann B./x", "bob")
    start.show_saved.value = False
    start.chooser.value = ""
    start.open_button.click()  # an empty name is a message, not an exception
    assert start.errors == [TEXTS.get("start", "no_client")]
    # a page given no client works with the one opened on the start page
    assert IngredientSession(HOPE, None, store).client == "bob"
    assert StartPage(store, client_id="carol").client == "carol"


def test_profile_for_a_client_who_answered_all_five(store):
    for ingredient, answers in [(HOPE, HOPE_75), (TIME, {**TIME_75, schema.HOURS: 3}),
                                (ENERGY, ENERGY_50), (SELF_ESTEEM, SELF_ESTEEM_60),
                                (AMBITION, AMBITION_25)]:
        page(store, ingredient).fill(answers)
    profile = ReadinessProfile("ann", store)
    assert profile.errors == []
    assert [profile.scores[i] for i in INST.ingredient_ids] == [75.0, 75.0, 50.0, 60.0, 25.0]
    assert profile.scores[schema.VERDICT] == schema.BUILD_FIRST
    # These answers ignore the statements worded the other way round: the verdict is hedged.
    assert profile.plan.hedged
    assert profile.verdict_text == profile.plan.hedge_text + " " + INST.verdicts[
        schema.BUILD_FIRST].format(names="ambition")
    assert profile.verdict_text.startswith("Some of your answers pull against each other")
    assert profile.plan.focus == (AMBITION,)
    for step in INST.ingredient(AMBITION).next_steps:
        assert step in profile.steps.value
    # energy a_little -> half pace: 3 h * 60 * 0.5 / 120 min = 0.75 -> one every 2 weeks
    assert profile.plan.pace.per_week == 0.75 and profile.plan.pace.weeks_per_conversation == 2
    assert "one conversation every 2 weeks" in profile.pace.value
    assert 'src="data:image/svg+xml;base64,' in profile.chart.value
    assert 'alt="Bar chart of your scores: Hope 75; Time 75; Energy 50' in profile.chart.value
    assert profile.history_figure is None and profile.changes.empty

    # a later session: ambition revisited, everything else carried forward
    page(store, AMBITION, session=DAY2).fill(items(AMBITION, [4, 2, 2, 4, 4]))  # -> 75
    profile.refresh_button.click()
    assert profile.scores[AMBITION] == 75.0 and profile.scores[schema.VERDICT] == schema.READY
    assert profile.verdict_text == " ".join((
        profile.plan.hedge_text, INST.verdicts[schema.READY], advice.plan_texts()["VERDICT_MORE"][
            (schema.READY, "first")]))
    assert profile.history.index.tolist() == [DAY1, DAY2]
    change = profile.changes.set_index("ingredient")
    assert change.loc[AMBITION, ["first", "last", "change"]].tolist() == [25.0, 75.0, 50.0]
    assert HOPE not in change.index  # not answered again: no change is claimed
    assert "Hope: not enough answers on at least two dates" in profile.changed.value
    assert "Ambition: 25 on 2026-11-26, 75 on 2026-12-03 (+50)" in profile.changed.value
    assert 'src="data:image/png;base64,' in profile.history_image.value
    assert 'alt="Line chart of the scores by session date. ' in profile.history_image.value
    lines = profile.history_figure.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines][-1] == [25.0, 75.0]


def test_profile_of_a_client_with_nothing_saved(store):
    profile = ReadinessProfile("nobody", store)
    assert profile.errors == []
    assert profile.verdict_text == TEXTS.get("profile", "empty", client="nobody")
    assert profile.plan.pace is None
    assert profile.plan.verdict == schema.INCOMPLETE


def test_a_file_damaged_between_saves_is_reported_when_saving(store):
    hope = page(store, HOPE)
    hope.fill(HOPE_75)
    (store.folder("ann") / STATE_FILE).write_bytes(b"\x00\x00")
    hope.items[INST.ingredient(HOPE).item_ids[0]].value = 5
    assert any("set aside" in e for e in hope.errors)
    assert store.load("ann")[HOPE]["items"] == {**HOPE_75, "hope_1": 5}


def test_own_instrument_without_session_words_uses_the_kits(tmp_path, store):
    text = open(INST.source, encoding="utf-8").read()
    start = text.index("\n[session]")
    cut = text[:start] + text[text.index("\n# ---", start):]
    assert "\n[session" not in cut
    own = tmp_path / "own.toml"
    own.write_text(cut.replace("Hope", "Hopefulness"), encoding="utf-8")
    screen = IngredientSession(HOPE, "ann", store, session=DAY1, instrument=own)
    heads = [c.value for c in screen.children if isinstance(c, widgets.HTML)
             and c.value.startswith("<h2>")]
    assert heads[0] == "<h2>Hopefulness</h2>"
    assert screen.texts.get("answer_label") == TEXTS.get("answer_label")
    assert screen.tool.spec == TEXTS.tool(HOPE)


# -- saved values a page cannot hold: shown for correction, never lost silently --------------
BAD = {
    HOPE: {"items": {"hope_1": "x", "hope_6": 7, "hope_7": 3.5, "hope_8": True, "hope_9": 4},
           "reflections": [5, None, {"a": 1}], "tool": {"kind_person": ["Ms", "Rivera"]}},
    TIME: {"items": {"time_1": "x"},
           "tool": {schema.HOURS: "abc", "step_minutes": {"talk": "abc", "research": -5}}},
    AMBITION: {"tool": {schema.MOTIVATORS: "money", schema.NORTH_STAR: 5}},
    ENERGY: {"tool": {"drains": None}},
}


@pytest.fixture
def bad_store(store):
    store.save("ann", BAD, session=DAY1)
    return store


def test_a_page_with_bad_saved_values_opens_and_shows_them(bad_store):
    hope = page(bad_store, HOPE)
    assert hope.errors == []
    assert set(hope.bad_saved) == {"hope_1", "hope_6", "hope_7", "hope_8"}
    assert [b.value for b in hope.items.values()] == [None, None, None, None, 4]
    assert 'Saved as "x", which is not one of the choices (1 to 5)' in (
        hope.notes["hope_1"].value)
    assert "Saved as 7," in hope.notes["hope_6"].value
    assert "Saved as 3.5," in hope.notes["hope_7"].value
    assert "Saved as true," in hope.notes["hope_8"].value
    assert hope.notes["hope_9"].value == ""
    assert any(hope.notes["hope_1"] in box.children for box in hope.children
               if isinstance(box, widgets.VBox))  # on the page, under its statement
    assert [a.value for a in hope.reflections] == ["5", ""]
    assert hope.tool.fields["kind_person"].value == '["Ms", "Rivera"]'
    assert hope.result()["answered"] == 1  # the bad ones are not counted

    time_page = page(bad_store, TIME)
    assert time_page.errors == []
    hours = time_page.tool.fields[schema.HOURS]
    assert hours.value == "abc"  # visible in its box, for correction
    assert "number from 0 to 80" in time_page.tool.notes[schema.HOURS].value
    assert time_page.tool.minutes["talk"].value == str(DEFAULT_STEP_MINUTES["talk"])
    assert 'Saved as "abc"' in time_page.tool.notes[("step_minutes", "talk")].value
    assert "Saved as -5" in time_page.tool.notes[("step_minutes", "research")].value

    ambition = page(bad_store, AMBITION)
    assert ambition.errors == [] and ambition.tool.motivators["money"].value is True
    assert ambition.tool.fields[schema.NORTH_STAR].value == "5"
    assert page(bad_store, ENERGY).errors == []


def test_a_bad_saved_value_with_markup_is_shown_escaped(store):
    store.save("ann", {HOPE: {"items": {"hope_1": "<img src=x onerror=alert(1)>"}},
                       TIME: {"tool": {schema.HOURS: "<b>9</b>"}}}, session=DAY1)
    note = page(store, HOPE).notes["hope_1"].value
    assert "<img" not in note and "&lt;img src=x onerror=alert(1)&gt;" in note
    time_page = page(store, TIME)
    assert time_page.tool.fields[schema.HOURS].value == "<b>9</b>"  # a text box: shown as is
    assert "<b>" not in time_page.tool.notes[schema.HOURS].value.replace(
        '<p class="wb-field-note" style="color:#B00020">', "")


def test_bad_saved_values_are_kept_until_corrected(bad_store):
    time_page = page(bad_store, TIME)
    time_page.items["time_2"].value = 3  # another answer: the bad ones stay as saved
    saved = bad_store.load("ann")[TIME]
    assert saved["items"] == {"time_1": "x", "time_2": 3}
    assert saved["tool"][schema.HOURS] == "abc"
    assert saved["tool"]["step_minutes"]["talk"] == "abc"
    time_page.items["time_1"].value = 4
    time_page.tool.fields[schema.HOURS].value = "100"  # still bad: said beside the box
    assert "number from 0 to 80" in time_page.tool.notes[schema.HOURS].value
    time_page.tool.fields[schema.HOURS].value = "2"
    time_page.tool.minutes["talk"].value = 35
    saved = bad_store.load("ann")[TIME]
    assert saved["items"] == {"time_1": 4, "time_2": 3}
    assert saved["tool"][schema.HOURS] == 2.0 and saved["tool"]["step_minutes"]["talk"] == 35
    assert time_page.notes["time_1"].value == "" and time_page.tool.notes[schema.HOURS].value == ""
    assert time_page.tool.notes[("step_minutes", "talk")].value == ""
    assert "time_1" not in time_page.bad_saved


def test_the_profile_opens_over_bad_saved_values_and_names_them(bad_store):
    profile = ReadinessProfile("ann", bad_store)
    assert not any("Something went wrong" in e for e in profile.errors)
    assert 'Hope: the saved answer "x" to statement 1 is not one of the choices' in (
        profile.errors[0])
    assert any('the saved hours a week, "abc", is not a number' in e for e in profile.errors)
    assert profile.plan.pace is None and "data:image/svg+xml" in profile.chart.value
    assert pd.isna(profile.scores[HOPE])  # one countable answer of five: not scored


def test_no_hours_says_no_pace_and_no_energy_note(store):
    note = TEXTS.tool(TIME)["pace_note"]
    time = page(store, TIME)
    time.fill({schema.HOURS: 3})
    assert note in time.tool.extra.value
    time.fill({schema.HOURS: 0})
    # 0 hours close the time gate: the plan is quiet, and the page says this waits.
    quiet = advice.plan_texts()["NO_PACE_QUIET"]
    assert time.tool.extra.value == f"<p><b>{quiet['time']}</b></p>"
    assert note not in time.tool.extra.value


def test_the_coach_note_is_folded_away_behind_a_button(store):
    def boxes(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from boxes(child)

    hope = page(store, HOPE)
    [box] = [w for w in boxes(hope) if "wb-coach-note" in getattr(w, "_dom_classes", ())]
    toggle, area = box.children
    assert isinstance(toggle, widgets.ToggleButton) and area is hope.coach_note
    assert area.layout.display == "none"  # the client beside the coach does not see it
    # hiding the note hides nothing else (a shared layout once hid every text box)
    assert all(r.layout.display != "none" for r in hope.reflections)
    toggle.value = True
    assert area.layout.display is None


@pytest.mark.parametrize("value", ["[3]", "[0]", '["1"]', "[true]"])
def test_prompts_later_must_name_prompts_the_ingredient_has(tmp_path, value):
    from workbook.core.exceptions import InstrumentError
    from workbook.core.instrument_file import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "prompts_later = [2]", f"prompts_later = {value}")
    path = tmp_path / "inst.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"ingredient 'energy': prompts_later: must list "
                                              r"prompt numbers, from 1 to 2"):
        load_instrument(path)


def test_a_quiet_client_is_asked_for_no_step_on_the_energy_page(tmp_path):
    inst = load_instrument()
    energy = inst.ingredient("energy")
    assert energy.prompts_later == (2,)
    store = ClientStore(tmp_path / "ws")
    low = {i.id: (4 if i.reverse else 2) for i in energy.items}  # energy not yet: not now
    store.save("c", {"energy": {"items": low}}, session="2026-12-07")
    page = IngredientSession("energy", "c", store, session="2026-12-07")
    assert page.plan.quiet
    assert [b.layout.display for b in page.prompt_boxes] == [None, "none"]
    page.fill({i.id: (2 if i.reverse else 4) for i in energy.items})
    assert not page.plan.quiet
    assert [b.layout.display for b in page.prompt_boxes] == [None, None]


def test_a_hidden_prompt_already_answered_stays_with_its_tick(tmp_path):
    # finding 19: ready, a time reflection written and ticked; then 0 hours (quiet)
    store = ClientStore(tmp_path / "ws")
    time = IngredientSession(TIME, "c", store, session="2026-12-01")
    time.fill({schema.HOURS: 6, "reflections": ["", "I could drop the choir for a term."],
               "share": ["reflection-2"]})
    time.fill({schema.HOURS: 0})
    assert time.plan.quiet
    # the first prompt (unanswered) waits; the second, answered and ticked, stays
    assert [b.layout.display for b in time.prompt_boxes] == ["none", None]
    assert time.share["reflection-2"].value is True
