import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core.exceptions import WorkbookError
from workbook.core.pacing import DEFAULT_STEP_MINUTES, pacing_plan


def test_default_loop_takes_two_hours():
    assert sum(DEFAULT_STEP_MINUTES.values()) == 120


@pytest.mark.parametrize(
    ("hours", "energy", "per_week", "whole", "every"),
    [
        (6, "plenty", 3.0, 3, None),  # 360 min / 120
        (6, "a_little", 1.5, 1, None),  # half pace
        (6, "not_yet", 0.0, 0, None),  # rest first
        (1, "plenty", 0.5, 0, 2),  # one every two weeks
        (1, "a_little", 0.25, 0, 4),
        (0, "plenty", 0.0, 0, None),
        (80, "plenty", 40.0, 40, None),
    ],
)
def test_conversations_per_week(hours, energy, per_week, whole, every):
    plan = pacing_plan(hours, energy)
    assert plan.per_week == pytest.approx(per_week)
    assert plan.conversations_per_week == whole
    assert plan.weeks_per_conversation == every


def test_edited_step_minutes():
    plan = pacing_plan(2, "plenty", {"talk": 20, "research": 10})  # 10+20+10+20+30 = 90
    assert plan.minutes_per_conversation == 90
    assert plan.per_week == pytest.approx(1.33)


def test_summaries_read_well():
    assert pacing_plan(10, "not_yet").summary().startswith("Rest comes first")
    assert "about 3 conversations a week" in pacing_plan(6, "plenty").summary()
    assert "one conversation every 2 weeks" in pacing_plan(1, "plenty").summary()
    assert "no hours" in pacing_plan(0, "plenty").summary()
    # The step table is one conversation's steps, whatever the pace.
    steps = pacing_plan(6, "plenty").steps()
    # The kit's minutes, from its instrument file: the talk's 30 is the one conversation length.
    assert [m for _, m in steps] == [30, 20, 10, 30, 30]
    assert pacing_plan(1, "a_little").steps() == steps


@pytest.mark.parametrize(
    ("hours", "energy", "chosen", "cap", "per_week", "schedule"),
    [
        (6, "plenty", 1, 3.0, 1.0, "1 conversation a week"),  # chose less than the cap
        (6, "plenty", 0.25, 3.0, 0.25, "one conversation every 4 weeks"),
        (6, "a_little", 2, 1.5, 1.5, "1 conversation a week"),  # 2 > 1.5: held to the cap
        (1, "plenty", 4, 0.5, 0.5, "one conversation every 2 weeks"),
        (6, "not_yet", 1, 0.0, 0.0, ""),  # no energy: no conversations, whatever is chosen
        (0, "plenty", 1, 0.0, 0.0, ""),
        (2.5, "plenty", None, 1.25, 1.25, "1 conversation a week"),
        (0.5, "plenty", None, 0.25, 0.25, "one conversation every 4 weeks"),
        (0.7, "plenty", None, 0.35, 0.35, "one conversation every 3 weeks"),  # 1/0.35 = 2.9
    ],
)
def test_chosen_pace_within_the_cap(hours, energy, chosen, cap, per_week, schedule):
    plan = pacing_plan(hours, energy, chosen_per_week=chosen)
    assert plan.cap_per_week == pytest.approx(cap)
    assert plan.per_week == pytest.approx(per_week)
    assert plan.schedule() == schedule


def test_chosen_pace_is_said():
    text = pacing_plan(6, "plenty", chosen_per_week=0.5).summary()
    assert text.startswith("You chose one conversation every 2 weeks")
    assert "would allow up to 3 conversations a week" in text
    assert "would allow" not in pacing_plan(1, "plenty", chosen_per_week=4).summary()
    # 0.75 a week allowed, 0.5 chosen: both read "every 2 weeks", so no "up to" is claimed
    assert "would allow" not in pacing_plan(3, "a_little", chosen_per_week=0.5).summary()
    assert "at half pace" in pacing_plan(6, "a_little").summary()


@pytest.mark.parametrize("chosen", [0, -1, "lots", True, float("nan"), 101])
def test_bad_chosen_pace(chosen):
    with pytest.raises(WorkbookError, match="chosen pace"):
        pacing_plan(3, "plenty", chosen_per_week=chosen)


@given(st.floats(0, 80), st.floats(0.01, 50), st.sampled_from(["not_yet", "a_little", "plenty"]))
def test_chosen_pace_never_exceeds_the_cap(hours, chosen, energy):
    plan = pacing_plan(hours, energy, chosen_per_week=chosen)
    assert plan.per_week <= plan.cap_per_week
    assert plan.per_week == min(chosen, plan.cap_per_week)


@pytest.mark.parametrize("hours", [-1, 81, "lots", None, float("nan")])
def test_bad_hours(hours):
    with pytest.raises(WorkbookError, match="hours a week"):
        pacing_plan(hours, "plenty")


def test_bad_energy_and_minutes():
    with pytest.raises(WorkbookError, match="energy level must be one of"):
        pacing_plan(3, "lots")
    with pytest.raises(WorkbookError, match="minutes for step 'talk'"):
        pacing_plan(3, "plenty", {"talk": 0})


@given(st.floats(0, 80), st.floats(0, 80), st.sampled_from(["not_yet", "a_little", "plenty"]))
def test_more_hours_never_fewer_conversations(a, b, energy):
    lo, hi = sorted((a, b))
    assert pacing_plan(hi, energy).per_week >= pacing_plan(lo, energy).per_week
    assert (pacing_plan(hi, energy).conversations_per_week
            >= pacing_plan(lo, energy).conversations_per_week)


@given(st.floats(0, 80))
def test_more_energy_never_fewer_conversations(hours):
    paces = [pacing_plan(hours, e).per_week for e in ("not_yet", "a_little", "plenty")]
    assert paces == sorted(paces)


def test_step_minutes_are_declared_once_in_the_instrument(tmp_path):
    """One length: the kit's minutes are its instrument file's; a coach's file may set others."""
    from workbook.core.exceptions import WorkbookError
    from workbook.core.instrument import load_instrument
    from workbook.core.instrument_file import DEFAULT_PATH
    from workbook.core.pacing import instrument_step_minutes

    assert "talk = 30" in DEFAULT_PATH.read_text()
    assert DEFAULT_STEP_MINUTES == {"research": 30, "write": 20, "arrange": 10, "talk": 30,
                                    "follow_up": 30}
    own = tmp_path / "own.toml"
    own.write_text(DEFAULT_PATH.read_text().replace("talk = 30,", "talk = 25,"))
    assert instrument_step_minutes(load_instrument(own))["talk"] == 25
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_PATH.read_text().replace("talk = 30,", "talk = 0,"))
    with pytest.raises(WorkbookError, match=r"bad.toml: ingredient 'time': tool.step_minutes.talk"):
        instrument_step_minutes(load_instrument(bad))


def test_the_summary_names_the_talk_inside_the_loop():
    """'Each takes about 120 minutes' beside 'ask for 30 minutes' read as two lengths of one
    conversation: the summary says which part of the loop is the conversation itself."""
    assert "(each takes about 120 minutes from start to finish, 30 of them the conversation " \
        "itself)" in pacing_plan(6, "plenty").summary()
    assert "45 of them the conversation itself" in pacing_plan(6, "plenty",
                                                                {"talk": 45}).summary()


def test_a_chosen_pace_above_what_now_fits_is_said_as_chosen_and_held():
    """Coach try-out finding 20: the client chose 2 a week, then energy fell to 'a little'.

    3 hours at half pace over 120 minutes leaves 0.75 a week, said 'one conversation every
    2 weeks'; the plan is held to that, and the words keep the client's own choice.
    """
    plan = pacing_plan(3, "a_little", chosen_per_week=2)
    assert plan.per_week == 0.75 and plan.chosen_per_week == 0.75
    assert plan.asked_per_week == 2
    assert plan.summary().startswith(
        "You chose 2 conversations a week; your hours and energy now allow up to one "
        "conversation every 2 weeks, so the plan is that")
    assert "You chose one conversation every 2 weeks" not in plan.summary()
    slower = pacing_plan(3, "a_little", chosen_per_week=0.5)
    assert slower.asked_per_week is None
    assert slower.summary().startswith("You chose one conversation every 2 weeks (")
