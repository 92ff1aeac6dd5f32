"""The screen and the report read one plan and one session rule, so they say the same.

A client answers all five pages on one date and redoes two on a later one (the case where the
screen said "Ready" and the report "Not enough answers yet"). The profile screen, the
personal report from the workspace and ``export-clients`` must show the same picture, the same
verdict, the same place to start and the same pace.
"""

import base64
import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from workbook.core import advice
from workbook.core.instrument import load_instrument
from workbook.core.plan_html import pace_html
from workbook.reports.participant import participant_report
from workbook.session.clients_table import responses
from workbook.session.store import ClientStore
from workbook.session.widgets import ReadinessProfile
from workbook.session.widgets.ingredient import closing_words
from workbook.session.widgets.profile import AS_MANY_VALUE, profile_texts

INST = load_instrument()
DAY1, DAY2 = "2026-11-02", "2026-11-16"


def section(ingredient, keyed, **tool):
    """A saved section whose items give the keyed value (4 -> 75, 2 -> 25)."""
    ing = INST.ingredient(ingredient)
    answers = {i.id: 6 - keyed if i.reverse else keyed for i in ing.items}
    return {"items": answers, "tool": tool}


@pytest.fixture
def workspace(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": section("hope", 4), "time": section("time", 4, hours_per_week=6),
                       "energy": section("energy", 4), "self_esteem": section("self_esteem", 4),
                       "ambition": section("ambition", 4)}, session=DAY1)
    # Later she redoes hope (now 25: tend first) and time (3 hours).
    store.save("ann", {"hope": section("hope", 2), "time": section("time", 4, hours_per_week=3)},
               session=DAY2)
    return store


def text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def report_html(report) -> str:
    return "".join(s.html for s in (report.header(), report.profile(), report.verdict(),
                                    report.next_steps(), report.pacing()) if s is not None)


def test_screen_and_report_say_the_same(workspace):
    screen = ReadinessProfile("ann", workspace)
    report = participant_report(workspace=workspace.root, participant_id="ann")
    assert screen.errors == []
    # One picture: hope and time from DAY2, the rest carried from DAY1, on both.
    assert screen.carried == report.carried == {"energy": DAY1, "self_esteem": DAY1,
                                                "ambition": DAY1}
    for ing in INST.ingredient_ids:
        assert screen.scores[ing] == report.latest[ing]
    assert screen.scores["hope"] == 25.0 and screen.scores["energy"] == 75.0
    # One plan: the same verdict, start and pace, in the same words.
    assert screen.plan.verdict == report.plan.verdict == "build_first"
    assert screen.plan.start == report.plan.start
    assert screen.plan.pace == report.plan.pace
    assert screen.plan.pace.per_week == 1.5  # 3 h x 60 / 120, energy plenty
    page = text(report_html(report))
    for shown in (screen.verdict.value, screen.steps.value, screen.pace.value):
        assert text(shown) in page
    assert "Tend first" in page and "Carried from an earlier session" in page
    assert "Energy from 2026-11-02" in text(screen.carried_note.value)
    # the history claims no change where nothing was asked again
    assert "Energy: not enough answers on at least two dates" in screen.changed.value
    change = text(report.change().html)
    assert "Energy 75 75 – not answered again since 2026-11-02" in change
    assert "Hope 75 25 −50 a clear drop" in change
    # export-clients writes each date's picture by the same rule.
    table = responses(workspace, INST).set_index("date")
    assert table.loc[DAY2, "energy_1"] == 4 and table.loc[DAY2, "hope_1"] == 2
    assert table.loc[DAY2, "hours_per_week"] == 3


def test_the_chosen_pace_reaches_the_report(workspace):
    screen = ReadinessProfile("ann", workspace)
    labels = [label for label, _ in screen.pace_choice.options]
    # 1.5 a week reads "1 conversation a week": choosing 1 would be no choice, so it is left out
    assert labels == ["As many as fit (1 conversation a week)",
                      "one conversation every 2 weeks", "one conversation every 4 weeks"]
    screen.pace_choice.value = 0.25
    assert screen.errors == []
    assert screen.plan.pace.per_week == 0.25
    assert workspace.load("ann")[advice.PACE_SECTION] == {"tool": {advice.CHOSEN: 0.25}}
    # saved into the latest session: choosing a pace is not a new date of answers
    assert workspace.sessions("ann") == [DAY1, DAY2]
    assert len(responses(workspace, INST)) == 2
    report = participant_report(workspace=workspace.root, participant_id="ann")
    assert report.plan.pace == screen.plan.pace
    assert "You chose one conversation every 4 weeks" in text(report.pacing().html)
    screen.pace_choice.value = AS_MANY_VALUE  # back to "as many as fit"
    assert screen.plan.pace.per_week == 1.5 and screen.plan.pace.chosen_per_week is None


def test_no_hours_is_not_now_on_screen_and_in_the_report(workspace):
    workspace.save("ann", {"time": section("time", 5, hours_per_week=0)}, session=DAY2)
    screen = ReadinessProfile("ann", workspace)
    report = participant_report(workspace=workspace.root, participant_id="ann")
    assert screen.plan.verdict == report.plan.verdict == "not_now"
    assert screen.plan.focus == ("time",) and screen.plan.pace is None
    assert screen.pace_choice.layout.display == "none"  # nothing to choose while resting
    assert advice.plan_texts()["NO_HOURS_NOTE"] in text(report.profile().html)
    assert "No new conversation is planned" in text(screen.steps.value)


# -- issue 19: every surface of the profile, the report and the ingredient pages agrees ---------
def keyed(hours=None, **levels):
    """A row whose ingredients are answered to the keyed value (5 -> 100, 4 -> 75, 2 -> 25)."""
    row = {}
    for ing in INST.ingredients:
        value = levels.get(ing.id, 5)
        if value is None:
            continue
        for item in ing.items:
            row[item.id] = 6 - value if item.reverse else value
    if hours is not None:
        row["hours_per_week"] = hours
    return row


def client(store, name, hours, **levels):
    """Save a client's five pages (keyed values, hours on the time page) on DAY1."""
    answers = {ing.id: section(ing.id, levels.get(ing.id, 5)) for ing in INST.ingredients
               if levels.get(ing.id, 5) is not None}
    if "time" in answers and hours is not None:
        answers["time"]["tool"] = {"hours_per_week": hours}
    store.save(name, answers, session=DAY1)
    return store


def every_text(plan) -> str:
    """Everything the profile, the ingredient pages and their closing words say to the client."""
    said = profile_texts(plan)
    parts = [said["verdict_name"], said["verdict_text"], said["start"], said["pace"],
             *said["notes"], *said["chart_labels"].values(), *said["pace_choices"],
             *said["look_again"]]
    for ing in INST.ingredient_ids:
        parts += closing_words(plan, ing, hours=plan.pace.hours_per_week if plan.pace else None
                               ).values()
    return " ".join(parts)


def test_rest_only_when_energy_is_the_reason():
    # Energy full, time closed: "this waits", no word of rest or care, and the energy page
    # promises no pace (it said "Full pace: as many conversations as your hours allow").
    plan = advice.plan_for(keyed(hours=6, time=2))
    words = every_text(plan)
    assert plan.rest_reason == "time"
    assert "rest" not in words.lower().replace("interest", "") and "care" not in words.lower()
    assert "It simply waits until some time frees up" in plan.verdict_text
    # 6 hours would fit a conversation: the pull is named, not "some time for it" (finding 12)
    quiet = advice.plan_texts()["NO_PACE_QUIET"]
    assert closing_words(plan, "energy")["pace"] == quiet["hours_no_room"]
    assert "Full pace" not in words
    # Energy alone: rest. Both: both.
    plan = advice.plan_for(keyed(hours=6, energy=2))
    assert "a season for rest, for care" in plan.verdict_text
    assert advice.pace_text(plan).startswith("No pace for now: rest comes first.")
    plan = advice.plan_for(keyed(hours=6, energy=2, time=2))
    assert "rest and care, with little time to spare" in plan.verdict_text
    assert advice.pace_text(plan).startswith("No pace for now: rest comes first, and time is")


def test_no_hours_is_never_plenty_or_room_and_asks_for_no_slot():
    plan = advice.plan_for(keyed(hours=0))  # every statement at 100
    words = every_text(plan)
    time = closing_words(plan, "time", hours=0.0)
    assert time["score"] == "Time: 100 out of 100 from your answers, and no hours now (0 a week)."
    # not "You have room in your weeks"
    assert time["guidance"] == advice.plan_texts()["NO_HOURS_NOTE"]
    assert profile_texts(plan)["chart_labels"]["time"] == "no hours now"  # no bar at 100
    assert "room" not in words and "plenty" not in " ".join(
        [time["score"], time["guidance"], profile_texts(plan)["chart_labels"]["time"]])
    assert "slot" not in plan.start.intro + " ".join(s for _, st in plan.start.steps for s in st)


def test_no_hours_in_the_report_badge(workspace):
    workspace.save("ann", {"time": section("time", 5, hours_per_week=0)}, session=DAY2)
    report = participant_report(workspace=workspace.root, participant_id="ann")
    row = [r for r in BeautifulSoup(report.profile().html, "html.parser").find_all("tr")
           if r.td and r.td.get_text() == "Time"][0]
    assert text(str(row)).startswith("Time \u2013 no hours now")  # no "100" beside it
    svg = base64.b64decode(re.search(r'base64,([^"]+)"', report.profile().html)[1]).decode()
    # finding 10: the time bar is not drawn at 100 in the plenty colour: the words alone
    assert ">no hours now</text>" in svg and ">100 no hours now" not in svg
    assert ">75 plenty</text>" in svg  # energy: plenty
    bars = re.findall(r'<rect [^>]*height="[\d.]+" fill="[^"]+" stroke=', svg)
    assert len(bars) == len(re.findall(r'font-size="12">\d+ ', svg))  # a bar per score said
    assert "plenty" not in text(str(row))
    alt = re.search(r'alt="([^"]+)"', report.profile().html)[1]
    assert "Time no hours now" in alt and "Time 100" not in alt


def test_time_statements_low_with_hours_flag_for_the_coach_and_promise_nothing():
    plan = advice.plan_for(keyed(hours=10, time=2))
    assert plan.verdict == "not_now" and plan.quiet
    assert [p.code for p in plan.patterns] == ["hours_no_room"]
    assert plan.coach_notes == (
        "The time statements say there is little room, yet the hours a week are 10. Worth a "
        "question: which is closer to a usual week? The verdict follows the statements, so "
        "for now this waits.",)
    time = closing_words(plan, "time", hours=10.0)
    assert "room for about" not in time["capacity"]
    # finding 12: the client's own 10 hours are not denied ("until your weeks have some
    # time", "not much room in your weeks"): the pull is named, to talk through
    assert time["capacity"] == ("No pace for now: this waits until your weeks feel less full. "
                                "When you come back, the pace will be worked out from your "
                                "hours and energy then.")
    assert time["guidance"] == (
        "Your answers on time say your weeks are full, though you gave 10 hours a week. Both "
        "can be true; which is nearer a usual week is worth a word together, and until then "
        "this can wait.")
    said = every_text(plan) + " " + " ".join(time.values())
    assert "some time for it" not in said and "not much room" not in said
    assert profile_texts(plan)["notes"] == [f"Time: {time['guidance']}"]
    # 1.5 hours is less than one conversation a week (120 minutes): no flag.
    assert advice.plan_for(keyed(hours=1.5, time=2)).patterns == ()


def test_care_flag_for_the_coach_only():
    plan = advice.plan_for(keyed(hours=6, hope=2, energy=2, self_esteem=2))
    assert plan.care and plan.coach_notes[-1] == advice.plan_texts()["CARE_TEXT"]
    assert advice.plan_texts()["CARE_TEXT"] not in every_text(plan)
    assert not advice.plan_for(keyed(hours=6, hope=2, energy=2)).care


def test_incomplete_with_a_closed_gate_says_it_waits():
    plan = advice.plan_for(keyed(hours=6, energy=2, ambition=None))
    assert plan.quiet and plan.pace is None
    # not "will show once"
    assert advice.pace_text(plan) == advice.plan_texts()["NO_PACE_QUIET"]["energy"]
    assert profile_texts(plan)["pace_choices"] == []


def test_where_to_start_knows_progress(workspace):
    from workbook.session.conversations import model

    book = model.Book()
    model.apply(book, model.add_op("Ana", today=dt.date(2026, 11, 20), person_id="p1"))
    model.apply(book, model.step_op(book, "p1", "held", dt.date(2026, 11, 30),
                                    today=dt.date(2026, 12, 1)))
    plan = advice.plan_for(keyed(hours=6), book=book, today=dt.date(2026, 12, 1))
    assert plan.started and plan.start.heading == "Your next conversation"
    words = every_text(plan)
    assert "first conversation" not in words.lower() and "Choose the next person" in words
    before = advice.plan_for(keyed(hours=6), book=model.Book())
    assert before.start.heading == "Your first conversation"


def test_tend_first_frames_the_pace_once_you_start():
    plan = advice.plan_for(keyed(hours=6, hope=2))
    assert advice.pace_text(plan).startswith("Once you start: 6 hours a week at full pace")
    assert closing_words(plan, "energy")["pace"] == (
        "Once you start, full pace: as many conversations as your hours allow.")
    assert closing_words(plan, "time", hours=6.0)["capacity"] == advice.pace_text(plan)
    assert plan.planned_per_week is None  # the chart plans nothing while tending
    assert advice.plan_for(keyed(hours=6)).planned_per_week == 3


def test_ready_with_no_hours_does_not_point_at_a_pace():
    plan = advice.plan_for(keyed())
    assert plan.verdict == "ready" and plan.no_pace == "no_hours"
    assert "the pace below says" not in plan.verdict_text
    assert "How often another fits will show once there is a rough number" in plan.verdict_text


def test_a_flagged_pattern_hedges_the_verdict_everywhere(workspace):
    middle = {i.id: 3 for i in INST.items}
    plan = advice.plan_for({**middle, "hours_per_week": 4})
    assert plan.hedged and plan.verdict_text.startswith(
        "Your answers were the same all the way through, so the scores say less than usual. "
        "Take what follows as a starting point to talk through with your coach")
    assert plan.start.intro == advice.plan_texts()["BEGIN_HEDGED"]
    assert closing_words(plan, "hope")["hedge"] == plan.hedge_text
    # the report says it before the scores and in the verdict
    workspace.save("bob", {ing.id: {"items": {i.id: 3 for i in ing.items}}
                           for ing in INST.ingredients}, session=DAY1)
    report = participant_report(workspace=workspace.root, participant_id="bob")
    assert plan.hedge_text in text(report.profile().html)
    assert plan.hedge_text in text(report.verdict().html)


def test_one_length_for_a_conversation(workspace):
    plan = advice.plan_for(keyed(hours=6))
    assert plan.conversation_minutes == 30
    steps = " ".join(plan.start.steps[0][1])
    assert "asking for 30 minutes of their advice" in steps
    assert "<td>Have the conversation</td><td class='num'>30 min</td>" in pace_html(plan)
    said = open(INST.source, encoding="utf-8").read()
    for other in ("twenty minutes", "talking for half an hour", "45-minute"):
        assert other not in said
    own = advice.plan_for(keyed(hours=6), step_minutes={"talk": 45})
    assert own.conversation_minutes == 45 and "asking for 45 minutes" in " ".join(
        own.start.steps[0][1])


def test_nothing_for_the_coach_in_the_report_and_the_box_starts_closed(workspace):
    # Time statements at 100, 0 hours a week: a flag for the coach (no_hours_room).
    workspace.save("ann", {"time": section("time", 5, hours_per_week=0)},
                   session="2026-12-01")
    report = participant_report(workspace=workspace.root, participant_id="ann")
    page = "".join(s.html for s in (report.header(), report.profile(), report.verdict(),
                                    report.next_steps(), report.pacing(), report.change())
                   if s is not None)
    assert "coach:" not in text(page).lower() and "For the coach" not in page
    assert "points" not in text(report.change().html)
    screen = ReadinessProfile("ann", workspace)
    assert [p.code for p in screen.plan.patterns] == ["no_hours_room"]
    box = screen.for_coach.value
    assert box.startswith("<details class='wb-coach-box'><summary><b>For the coach")
    assert "<details open" not in box and "click to open" in box


def test_the_pace_i_choose_shows_the_plans_pace(workspace):
    screen = ReadinessProfile("ann", workspace)
    assert screen.pace_choice.value == AS_MANY_VALUE
    assert screen.pace_choice.label == "As many as fit (1 conversation a week)"
    assert profile_texts(screen.plan)["pace"] == advice.pace_text(screen.plan)


def test_a_quiet_client_sets_a_look_again_date(workspace):
    workspace.save("ann", {"energy": section("energy", 2)}, session=DAY2)
    screen = ReadinessProfile("ann", workspace)
    screen.today = dt.date(2026, 11, 20)
    assert screen.plan.quiet and screen.look_again_box.layout.display is None
    screen.look_again.value = dt.date(2026, 11, 1)  # a day gone by: refused, nothing saved
    assert "today or a later day" in screen.look_again_note.value
    assert "profile" not in workspace.load("ann")
    screen.look_again.value = dt.date(2027, 2, 1)
    assert workspace.load("ann")["profile"] == {"tool": {"look_again": "2027-02-01"}}
    assert workspace.sessions("ann") == [DAY1, DAY2]  # not a new session of answers
    assert screen.plan.look_again == dt.date(2027, 2, 1)
    assert screen.look_again.value == dt.date(2027, 2, 1)
    # a client who is not quiet is not offered one
    assert ReadinessProfile("cy", client(workspace, "cy", 6)).look_again_box.layout.display \
        == "none"


def test_the_report_knows_progress_without_showing_the_list(workspace):
    """A client who has held a conversation and keeps the list out of their report: the report
    says 'Your next conversation' (it said 'Your first'), and carries no name from the list."""
    from workbook.session.conversations import Tracker, model

    client(workspace, "dee", 6)
    tracker = Tracker(workspace, "dee")
    book = tracker.change(model.add_op("Ana Ruiz", org="City Library",
                                       today=dt.date(2026, 11, 20), person_id="p1"))
    tracker.change(model.step_op(book, "p1", "held", dt.date(2026, 11, 30),
                                 today=dt.date(2026, 12, 1)))
    workspace.save("dee", {"profile": {"tool": {"look_again": "2027-01-04"}}}, session=DAY1)
    report = participant_report(workspace=workspace.root, participant_id="dee")
    assert report.conversations is None  # not shared: nothing of the list is shown
    assert report.plan.held == 1 and report.plan.start.heading == "Your next conversation"
    assert "Your next conversation" in text(report.next_steps().html)
    assert [p.name for p in report.progress.people.values()] == [""]
    assert "Ana" not in repr(report.progress) and "Library" not in repr(report.progress)
    assert report.plan.look_again == dt.date(2027, 1, 4)


def test_the_look_again_box_is_wide_enough_for_a_whole_date(tmp_path):
    # lead's L2: the date box showed '02/05/2', cut off; the label is 27 characters
    from workbook.session.store import ClientStore
    from workbook.session.widgets import ReadinessProfile

    page = ReadinessProfile("c", ClientStore(tmp_path / "ws"))
    assert page.look_again.layout.width == "30em"


def test_the_coach_note_on_an_ingredient_page_says_it_is_for_the_coach_and_starts_closed(
        tmp_path):
    from workbook.session.store import ClientStore
    from workbook.session.widgets import IngredientSession

    page = IngredientSession("hope", "c", ClientStore(tmp_path / "ws"), session="2026-12-01")
    toggle = [w for w in page.children if "wb-coach-note" in getattr(w, "_dom_classes", ())][0]
    button, area = toggle.children
    assert button.description.startswith("For the coach:") and "click to open" in \
        button.description
    assert button.value is False and area.layout.display == "none"
    assert "wb-coach-closed" in toggle._dom_classes  # left out of what the client reads
    button.value = True
    assert area.layout.display is None and "wb-coach-closed" not in toggle._dom_classes
