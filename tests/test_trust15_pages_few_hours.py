"""Issue 20, round 9b J5: a few minutes a week (0.01 or 0.04 hours) said two things.

The verdict was "Ready ... the pace below says how often another conversation fits" and the
pace below "There are no hours to give at the moment"; the time page said "plenty" beside
"no hours"; the pace box held one blank option. The rule now: any hours above 0 give a pace,
however slow (said from its exact value), and only 0 hours are "no hours", as the verdict,
the time page and the export say.
"""

import pytest

from workbook.core.instrument import resolve
from workbook.core.pacing import pacing_plan, plan_words
from workbook.session.widgets import IngredientSession, ReadinessProfile

INST = resolve(None)


def answers(hours):
    given = {ing.id: {"items": {item.id: 4 for item in ing.items}} for ing in INST.ingredients}
    given["time"]["tool"] = {"hours_per_week": hours}
    return given


@pytest.mark.parametrize("hours", [0.01, 0.04])
def test_a_few_minutes_a_week_give_a_slow_pace_beside_ready(store, hours):
    store.save("Ann Lee", answers(hours))
    profile = ReadinessProfile("Ann Lee", store)
    no_hours = plan_words()["summary_no_hours"]
    assert profile.plan.verdict == "ready"
    assert no_hours not in profile.pace.value
    labels = [label for label, _ in profile.pace_choice.options]
    assert labels and all(labels)  # no blank option
    time_page = IngredientSession("time", "Ann Lee", store)
    assert no_hours not in time_page.tool.extra.value


def test_the_pace_is_said_from_the_exact_minutes():
    # 0.04 hours = 2.4 minutes a week; 120 minutes a conversation (the kit's steps,
    # 30 + 20 + 10 + 30 + 30): one every 50 weeks; 0.01 hours: one every 200 weeks
    assert pacing_plan(0.04, "plenty").schedule() == "one conversation every 50 weeks"
    assert pacing_plan(0.01, "plenty").schedule() == "one conversation every 200 weeks"
    assert pacing_plan(0, "plenty").summary() == plan_words()["summary_no_hours"]
