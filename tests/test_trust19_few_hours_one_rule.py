"""Round 13b S5: hours a week of 0.0001 were saved, and the time page and report said "There
are no hours to give at the moment" beside a "Tend first" verdict ("You have the room to
start"). One rule now: hours above 0 and below 0.01 a week (36 seconds) are taken as 0
everywhere (no hours now, verdict "Not now"); from 0.01 on every plan has a pace."""

import pandas as pd
import pytest

from workbook.core import advice, schema
from workbook.core.instrument import load_instrument
from workbook.core.pacing import pacing_plan
from workbook.core.scoring import score

INST = load_instrument()


def row(hours):
    """Every statement at 3 (50: a little), self-esteem at 1 (not yet: tend first)."""
    answers = {}
    for ing in INST.ingredients:
        keyed = 1 if ing.id == "self_esteem" else 3
        answers.update({i.id: float(6 - keyed if i.reverse else keyed) for i in ing.items})
    return {**answers, schema.HOURS: hours}


@pytest.mark.parametrize("hours", [0.0001, 0.009])
def test_hours_below_the_least_are_no_hours_throughout(hours):
    table = pd.DataFrame([row(0.0), row(hours), row(0.01)])
    scores = score(table, INST)
    none, few, least = scores[schema.VERDICT].tolist()
    assert none == schema.NOT_NOW
    assert few == none  # as 0 hours: not "tend first" beside "no hours"
    assert least == schema.BUILD_FIRST
    pace = advice.table_flags(table, scores, INST)[advice.PACE].tolist()
    assert pace == [0.0, 0.0, 0.01]
    assert pacing_plan(hours, "plenty").per_week == 0
    assert pacing_plan(0.0, "plenty").summary() == pacing_plan(hours, "plenty").summary()


def test_from_the_least_hours_every_plan_has_a_pace():
    # the slowest: half pace, every step at its most minutes (600): one in 10,000 weeks
    plan = pacing_plan(0.01, "a_little", step_minutes=dict.fromkeys(
        ("research", "write", "arrange", "talk", "follow_up"), 600))
    assert plan.per_week > 0


def test_the_plan_says_no_hours_and_not_now_for_few_hours():
    for hours in (0.0, 0.0001):
        frame = pd.DataFrame([row(hours)])
        plan = advice.plan_for(frame.iloc[0].to_dict(), INST, scores=score(frame, INST).iloc[0])
        assert plan.verdict == schema.NOT_NOW
