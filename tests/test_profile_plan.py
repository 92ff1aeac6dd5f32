"""The screen and the report read one plan and one session rule, so they say the same.

A client answers all five pages on one date and redoes two on a later one (the case where the
screen said "Ready" and the report "Not enough answers yet"). The profile screen, the
personal report from the workspace and ``export-clients`` must show the same picture, the same
verdict, the same place to start and the same pace.
"""

import re

import pytest
from bs4 import BeautifulSoup

from workbook import advice
from workbook.instrument import load_instrument
from workbook.reports.participant import participant_report
from workbook.store import ClientStore
from workbook.store.table import responses
from workbook.widgets import ReadinessProfile

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
    screen.pace_choice.value = None  # back to "as many as fit"
    assert screen.plan.pace.per_week == 1.5 and screen.plan.pace.chosen_per_week is None


def test_no_hours_is_not_now_on_screen_and_in_the_report(workspace):
    workspace.save("ann", {"time": section("time", 5, hours_per_week=0)}, session=DAY2)
    screen = ReadinessProfile("ann", workspace)
    report = participant_report(workspace=workspace.root, participant_id="ann")
    assert screen.plan.verdict == report.plan.verdict == "not_now"
    assert screen.plan.focus == ("time",) and screen.plan.pace is None
    assert screen.pace_choice.layout.display == "none"  # nothing to choose while resting
    assert advice.NO_HOURS_NOTE in text(report.profile().html)
    assert "No conversation is planned" in text(screen.steps.value)
