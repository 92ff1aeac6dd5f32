"""The one plan (workbook.core.advice): every branch against hand-worked values.

Keyed answers on the 1-5 scale give POMP scores: keyed 2 -> 25 (not yet), 3 -> 50 (a little),
4 -> 75 (plenty), 5 -> 100. A reverse-keyed item answered x counts as 6 - x.
"""

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core import advice, pacing
from workbook.core.instrument import load_instrument
from workbook.core.scoring import score
from workbook.responses.datasets import load_sample
from workbook.session.conversations import model

INST = load_instrument()
INGREDIENTS = ("hope", "time", "energy", "self_esteem", "ambition")


def person(hours=None, **keyed):
    """A canonical row where each ingredient's items are answered to give the keyed value."""
    row = {}
    for ing in INST.ingredients:
        value = keyed.get(ing.id, 5)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value] * len(ing.items)
        for item, v in zip(ing.items, values):
            row[item.id] = 6 - v if item.reverse else v
    if hours is not None:
        row["hours_per_week"] = hours
    return row


def test_ready_begins_with_a_conversation_and_no_deficit_frame():
    plan = advice.plan_for(person(hours=6))
    assert (plan.verdict, plan.verdict_name, plan.focus) == ("ready", "Ready", ())
    assert plan.start.kind == "begin"
    assert plan.start.steps == (("", tuple(s.replace("{minutes}", "30")
                                           for s in advice.plan_texts()["FIRST_CONVERSATION"])),)
    assert "lowest" not in plan.start.intro and "weak" not in plan.start.intro
    assert plan.pace.per_week == 3.0  # 6 h x 60 / 120 min, energy plenty: full pace
    assert plan.pace.schedule() == "3 conversations a week"
    assert plan.near_line == () and plan.patterns == () and plan.flags == []


def test_not_now_rests_and_offers_only_the_gating_ingredients_steps():
    # Energy 25 (not yet) and self-esteem 25 too: the verdict is about energy alone, and so
    # are the steps (the demo offered self-esteem steps to 9 of 61 such people).
    plan = advice.plan_for(person(hours=6, energy=2, self_esteem=2))
    assert (plan.verdict, plan.focus) == ("not_now", ("energy",))
    assert plan.start.kind == "rest"
    assert plan.start.steps == (("Energy", INST.ingredient("energy").next_steps),)
    assert "No new conversation is planned" in plan.start.intro
    assert "energy" in plan.start.intro
    assert plan.pace is None and plan.no_pace == "rest"


def test_no_hours_close_the_time_gate_whatever_the_statements_say():
    plan = advice.plan_for(person(hours=0))  # every statement at 100
    assert (plan.verdict, plan.focus) == ("not_now", ("time",))
    assert plan.scores["time_level"] == "plenty"  # the level stays as answered...
    assert plan.notes == {"time": advice.plan_texts()["NO_HOURS_NOTE"]}  # ...and is explained
    assert plan.pace is None
    assert advice.plan_for(person(hours="0")).verdict == "not_now"
    assert advice.plan_for(person(hours=0.5)).verdict == "ready"


def test_not_now_for_time_has_no_pace_even_with_hours():
    plan = advice.plan_for(person(hours=6, time=2))
    assert (plan.verdict, plan.focus, plan.pace, plan.no_pace) == (
        "not_now", ("time",), None, "rest")


def test_build_first_tends_the_gating_ingredient():
    plan = advice.plan_for(person(hours=3, hope=2))
    assert (plan.verdict, plan.verdict_name, plan.focus) == ("build_first", "Tend first",
                                                             ("hope",))
    assert plan.start.kind == "tend"
    assert plan.start.steps == (("Hope", INST.ingredient("hope").next_steps),)
    assert plan.pace.per_week == 1.5  # 180 / 120, for when the first conversation comes


def test_incomplete_with_energy_already_short_says_it_waits():
    plan = advice.plan_for(person(hours=3, energy=2, ambition=None))
    assert plan.verdict == "incomplete" and plan.start.kind == "answer"
    assert plan.start.intro.endswith(
        "Your answers on energy already say this waits: no conversation is planned for now. "
        "Rest and care come first.")
    assert "ambition" in plan.start.intro


def test_incomplete_asks_for_the_missing_pages():
    plan = advice.plan_for(person(hours=3, time=None, ambition=None))
    assert (plan.verdict, plan.focus) == ("incomplete", ("time", "ambition"))
    assert plan.start.kind == "answer" and plan.start.steps == ()
    assert "time and ambition" in plan.start.intro
    assert plan.pace is None and plan.no_pace == "incomplete"


def test_chosen_pace_below_the_cap():
    # Energy 50 (a little): half pace, 6 h -> 360 x 0.5 / 120 = 1.5 a week at most.
    assert advice.plan_for(person(hours=6, energy=3)).pace.per_week == 1.5
    plan = advice.plan_for(person(hours=6, energy=3), chosen_per_week=0.5)
    assert (plan.pace.cap_per_week, plan.pace.per_week) == (1.5, 0.5)
    assert plan.pace.schedule() == "one conversation every 2 weeks"
    assert advice.plan_for(person(hours=6, energy=3), chosen_per_week=4).pace.per_week == 1.5


def test_own_minutes_per_step():
    plan = advice.plan_for(person(hours=3), step_minutes={"research": 10, "talk": 30})
    assert plan.pace.minutes_per_conversation == 100  # 10 + 20 + 10 + 30 + 30
    assert plan.pace.per_week == 1.8  # 180 / 100


def test_near_the_line():
    # Hope keyed 3,3,3,3,2: mean 2.8 -> 45, within 8 points of the a-little line at 40.
    plan = advice.plan_for(person(hours=3, hope=[3, 3, 3, 3, 2]))
    assert plan.scores["hope"] == pytest.approx(45.0)
    assert [(f.ingredient, f.level, f.threshold) for f in plan.near_line] == [
        ("hope", "a_little", 40.0)]
    assert plan.near_line[0].text.startswith("Hope is 45, within 8 points of the a little line")
    # A smaller error of measurement (from the coach's own data): not near any more.
    assert advice.plan_for(person(hours=3, hope=[3, 3, 3, 3, 2]), sem={"hope": 4}).near_line == ()
    # 75 is within 8 of the plenty line at 70, but that line never changes the advice: no
    # flag; 35 is within 8 of the a-little line (keyed 2,2,2,3,3: mean 2.4 -> 35).
    assert advice.plan_for(person(hours=3, hope=4)).near_line == ()
    assert [f.level for f in advice.plan_for(person(hours=3, hope=[2, 2, 2, 3, 3])).near_line
            ] == ["a_little"]


def test_answer_patterns():
    every_middle = {i.id: 3 for i in INST.items}
    plan = advice.plan_for(every_middle)
    assert plan.verdict == "ready"  # 50 everywhere reads ready: the flag says why to look
    assert [p.code for p in plan.patterns] == ["all_middle"]

    # Every "Strongly disagree": two reversed items of five land on exactly 40.
    plan = advice.plan_for({i.id: 1 for i in INST.items})
    assert plan.scores["time"] == pytest.approx(40.0)
    assert [p.code for p in plan.patterns] == ["one_answer"]  # contradiction implied, not doubled

    # Hope: forward items 5, the reversed item also 5 (keyed 1): they pull apart by 4 points.
    row = person(hours=3)
    row["hope_7"] = 5
    plan = advice.plan_for(row)
    assert [(p.code, p.ingredients) for p in plan.patterns] == [("contradicts", ("hope",))]
    assert "For hope, the statements worded the other way round" in plan.patterns[0].text

    # Time statements at 100 and 0 hours a week: worth a question, beside the verdict.
    plan = advice.plan_for(person(hours=0))
    assert [p.code for p in plan.patterns] == ["no_hours_room"]
    assert advice.plan_for(person(hours=0, time=2)).patterns == ()  # no room said: no gap

    # Fewer than half of all statements answered: no pattern is claimed.
    few = {i.id: 3 for i in INST.items[:12]}
    assert advice.plan_for(few).patterns == ()


def test_table_flags_agree_with_each_plan_on_the_sample():
    data = load_sample()
    scores = score(data)
    flags = advice.table_flags(data, scores)
    for i in range(len(data)):
        row = data.iloc[i].to_dict()
        plan = advice.plan_for(row, scores=scores.iloc[i])
        expect_near = ";".join(dict.fromkeys(f.ingredient for f in plan.near_line))
        assert flags[advice.NEAR_LINE].iloc[i] == expect_near
        assert flags[advice.PATTERNS].iloc[i] == ";".join(p.code for p in plan.patterns)
        pace = flags[advice.PACE].iloc[i]
        if plan.pace is not None:
            assert pace == plan.pace.cap_per_week
        elif plan.verdict == "not_now":
            assert pace == 0
        elif plan.no_pace in ("incomplete", "no_hours", "no_energy"):
            assert math.isnan(pace)
    assert (flags[advice.PATTERNS] != "").sum() >= 1  # the sample has some patterns to flag


@given(st.floats(0.1, 80), st.floats(0.1, 80), st.sampled_from([3, 4, 5]))
def test_more_hours_never_fewer_conversations(a, b, energy):
    lo, hi = sorted((a, b))
    slow = advice.plan_for(person(hours=lo, energy=energy)).pace
    fast = advice.plan_for(person(hours=hi, energy=energy)).pace
    assert fast.per_week >= slow.per_week


def test_plan_reads_labels_and_text_numbers():
    row = {k: {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree",
               4: "Agree", 5: "Strongly agree"}[v] for k, v in person().items()}
    assert advice.plan_for({**row, "hours_per_week": " 6 "}).pace.per_week == 3.0
    assert advice.plan_for(pd.Series({**person(), "hours_per_week": float("nan")})).no_pace == (
        "no_hours")


# -- the plan knows the client's whole state (issue 19) -------------------------------------
TODAY = dt.date(2026, 12, 2)  # a Wednesday


def book_under_way():
    """A list with thanks owed (held Mon 30 Nov), a talk booked for Wed 9 Dec, a note sent
    on Mon 23 Nov with no reply (another due Thu 26 Nov, nudge Wed 2 Dec: seven working days)
    and one listed."""
    book = model.Book()
    for pid in ("held", "booked", "sent", "listed"):
        # each at a place of their own, so "someone else at the same place" is asked for
        model.apply(book, model.add_op(pid.title(), org=f"{pid.title()} Library",
                                       today=dt.date(2026, 11, 20), person_id=pid))
    for pid, steps in {"held": ("sent", "reply", "arranged", "held"),
                       "booked": ("sent", "reply", "arranged"), "sent": ("sent",)}.items():
        for step in steps:
            day = dt.date(2026, 11, 30) if step == "held" else dt.date(2026, 11, 23)
            model.apply(book, model.step_op(book, pid, step, day, today=TODAY))
    model.apply(book, model.edit_op(book, "booked", meeting=dt.date(2026, 12, 9)))
    return book


def test_quiet_plan_keeps_only_what_is_owed_to_others():
    book = book_under_way()
    quiet = advice.plan_for(person(hours=6, energy=2), book=book, today=TODAY)
    assert (quiet.verdict, quiet.quiet, quiet.rest_reason) == ("not_now", True, "energy")
    # Thanks due 1 working day after Mon 30 Nov: Tue 1 Dec; the talk on Wed 9 Dec (beyond
    # the 7 days of "coming up", and still shown: it is a promise made).
    assert [(d.person_id, d.kind, d.date) for d in quiet.due(book)] == [
        ("held", "thank", dt.date(2026, 12, 1)), ("booked", "talk", dt.date(2026, 12, 9))]
    assert quiet.owed_line(book).startswith("Nothing new is asked of you for now.")
    assert quiet.owed_line(model.Book()) == ""
    ready = advice.plan_for(person(hours=6), book=book, today=TODAY)
    assert not ready.quiet and ready.rest_reason is None and ready.owed_line() == ""
    # Not quiet: everything up to 9 Dec (7 days), overdue included, oldest first.
    # another Thu 26 Nov, thanks Tue 1 Dec, the nudge Wed 2 Dec (today), the talk Wed 9 Dec.
    assert [(d.person_id, d.kind) for d in ready.due(book)] == [
        ("sent", "another"), ("held", "thank"), ("sent", "nudge"), ("booked", "talk")]
    assert [d.kind for d in ready.due(book, days=6)] == ["another", "thank", "nudge"]
    assert ready.due(None) == []


def test_rest_reason_names_energy_time_or_both():
    assert advice.plan_for(person(hours=6, time=2)).rest_reason == "time"
    assert advice.plan_for(person(hours=0)).rest_reason == "time"
    assert advice.plan_for(person(hours=6, energy=2)).rest_reason == "energy"
    assert advice.plan_for(person(hours=6, energy=2, time=2)).rest_reason == "both"
    assert advice.plan_for(person(hours=0, energy=2)).rest_reason == "both"
    assert advice.plan_for(person(hours=6, hope=2)).rest_reason is None


def test_incomplete_with_a_closed_gate_is_quiet():
    # Energy scored not yet, ambition unanswered: incomplete, and quiet (no nudges).
    plan = advice.plan_for(person(hours=6, energy=2, ambition=None))
    assert (plan.verdict, plan.quiet, plan.rest_reason) == ("incomplete", True, "energy")
    # 0 hours and a page missing: quiet for time.
    plan = advice.plan_for(person(hours=0, hope=None))
    assert (plan.verdict, plan.quiet, plan.rest_reason) == ("incomplete", True, "time")
    # Nothing closed yet: not quiet.
    plan = advice.plan_for(person(hours=6, ambition=None))
    assert (plan.verdict, plan.quiet) == ("incomplete", False)


def test_held_and_started_follow_the_list_and_today():
    book = book_under_way()
    assert advice.plan_for(person(hours=6), book=book, today=TODAY).held == 1
    assert advice.plan_for(person(hours=6), book=book, today=TODAY).started
    before = advice.plan_for(person(hours=6), book=book, today=dt.date(2026, 11, 29))
    assert (before.held, before.started) == (0, False)
    assert advice.plan_for(person(hours=6)).held == 0


def test_hedged_look_ahead_length_and_look_again():
    assert advice.plan_for({i.id: 3 for i in INST.items}).hedged  # all middle
    assert not advice.plan_for(person(hours=0)).hedged  # no_hours_room is not an answer pattern
    plan = advice.plan_for({**person(hours=6, energy=2), "look_again": "2027-03-01"})
    assert plan.look_again == dt.date(2027, 3, 1)
    assert advice.plan_for({**person(hours=6), "look_again": "soon"}).look_again is None
    assert plan.look_ahead_days == model.COMING_UP_DAYS
    assert advice.plan_for(person(hours=6)).conversation_minutes == (
        pacing.DEFAULT_STEP_MINUTES["talk"])
    assert advice.plan_for(person(hours=6), step_minutes={"talk": 45}).conversation_minutes == 45
    assert plan.flags == list(plan.coach_notes)


def test_client_plan_reads_the_look_again_date_and_the_list(tmp_path):
    from workbook.session.store import ClientStore
    from workbook.session.widgets.profile import client_plan

    store = ClientStore(tmp_path / "ws")
    answers = {ing: {"items": {k: v for k, v in person(energy=2).items()
                               if k.startswith(ing + "_")}} for ing in INGREDIENTS}
    answers["time"]["tool"] = {"hours_per_week": 6}
    store.save("ann", answers, session="2026-11-02")
    store.save("ann", {"profile": {"tool": {"look_again": "2027-01-15"}}}, session="2026-11-16")
    plan, latest, sources = client_plan(store.history("ann"), INST, book=book_under_way(),
                                        today=TODAY)
    assert (plan.verdict, plan.look_again, plan.held, plan.today) == (
        "not_now", dt.date(2027, 1, 15), 1, TODAY)
