"""The pacing plan: how many conversations a week fit, given hours and energy.

Informational interviewing is a loop: find a person, write to them, arrange a time, talk,
follow up. Each step takes some minutes (defaults in :data:`DEFAULT_STEP_MINUTES`, all
editable). The hours a client can give, divided by the minutes one loop takes, give the
conversations that fit; energy then scales that down: full pace at ``plenty``, half at
``a_little``, none at ``not_yet`` (rest first). That is the most a client should take on;
the client may choose a slower pace, never a faster one. More hours never give fewer
conversations.

Examples
--------
>>> from workbook.core.pacing import pacing_plan
>>> plan = pacing_plan(hours_per_week=3, energy="plenty")
>>> plan.minutes_per_conversation, plan.per_week
(120, 1.5)
>>> plan.conversations_per_week
1
>>> pacing_plan(hours_per_week=3, energy="a_little").per_week
0.75
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from workbook.core import schema
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import fill, words_table
from workbook.core.instrument_file import DEFAULT_PATH, default_raw


def _kit_step_minutes() -> dict:
    """The minutes per step declared in the kit's own instrument file (its capacity tool)."""
    for ing in default_raw().get("ingredients", []):
        tool = ing.get("tool") or {}
        if tool.get("kind") == "capacity" and isinstance(tool.get(STEP_MINUTES_KEY), dict):
            return {str(k): v for k, v in tool[STEP_MINUTES_KEY].items()}
    raise WorkbookError(f"{DEFAULT_PATH}: the capacity tool declares no step_minutes")


#: Where an instrument declares the minutes per step: its capacity tool's ``step_minutes``.
STEP_MINUTES_KEY = "step_minutes"
#: The steps of one conversation, in order, with default minutes each (editable), as the
#: kit's instrument file declares them (``[ingredients.tool] step_minutes`` of time): research
#: (find a person and read a little about their work), write (a short note), arrange (agree
#: a time), talk (the conversation itself: its minutes are the one length of a conversation
#: everywhere the kit names one), follow_up (thanks, notes to yourself, anything promised).
DEFAULT_STEP_MINUTES = _kit_step_minutes()


def instrument_step_minutes(instrument=None) -> dict:
    """The minutes per step an instrument declares, over the kit's own.

    A coach's file may set ``step_minutes`` in its capacity tool (the time page); steps it
    leaves out keep the kit's minutes. Values that are not whole minutes from 1 to 600 are
    refused with a message naming the file.

    Examples
    --------
    >>> instrument_step_minutes()["talk"] == DEFAULT_STEP_MINUTES["talk"]
    True
    """
    from workbook.core.instrument import resolve
    from workbook.core.session_texts import Texts

    inst = resolve(instrument)
    minutes = dict(DEFAULT_STEP_MINUTES)
    if inst.hours_ingredient is None:
        return minutes
    own = Texts(inst).tool(inst.hours_ingredient).get(STEP_MINUTES_KEY)
    if own is None:
        return minutes
    where = f"{inst.source or 'the instrument'}: ingredient {inst.hours_ingredient!r}: tool"
    if not isinstance(own, dict):
        raise WorkbookError(f"{where}.{STEP_MINUTES_KEY} must be a table of minutes per step")
    for step, value in own.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 600:
            raise WorkbookError(f"{where}.{STEP_MINUTES_KEY}.{step} must be a whole number "
                                f"of minutes from 1 to 600, not {value!r}")
        minutes[str(step)] = value
    return minutes


def plan_words(instrument=None) -> dict:
    """The plan's words: the instrument's ``[words.plan]`` over the kit's own (not to change).

    Read as every ``[words.X]`` table is (:func:`workbook.core.instrument.words_table`).

    Examples
    --------
    >>> plan_words()["schedule_every_weeks"]
    'one conversation every {weeks} weeks'
    """
    return words_table(instrument, "plan")


_KIT_WORDS = plan_words()
#: Human names of the steps (the kit's words; a plan uses its instrument's).
STEP_NAMES = {step: _KIT_WORDS[f"step_{step}_name"]
              for step in ("research", "write", "arrange", "talk", "follow_up")}

#: Share of full pace that each energy level allows.
ENERGY_PACE = {schema.PLENTY: 1.0, schema.A_LITTLE: 0.5, schema.NOT_YET: 0.0}


@dataclass(frozen=True)
class PacingPlan:
    """A pace for informational interviewing: how many conversations, how often.

    Energy sets the most a client should take on (``cap_per_week``); the client may choose
    less (``chosen_per_week``), never more. The schedule reads "N a week" or "one every N
    weeks"; :meth:`steps` lists what one conversation takes, not a week's worth.

    Attributes
    ----------
    hours_per_week : float
        Hours the client can give.
    energy : str
        Energy level (``not_yet``, ``a_little``, ``plenty``).
    step_minutes : dict
        Minutes per step of one conversation.
    minutes_per_conversation : int
        Sum of the step minutes.
    pace : float
        Share of full pace the energy level allows.
    cap_per_week : float
        The most conversations a week that hours and energy allow (hundredths, rounded down).
    chosen_per_week : float or None
        What the client chose, if anything (already limited to the cap).
    per_week : float
        The plan: the chosen pace, or the cap when nothing was chosen (0.5 = one every two
        weeks).
    conversations_per_week : int
        Whole conversations a week (``per_week`` rounded down).
    weeks_per_conversation : int or None
        When fewer than one a week: one conversation every this many weeks.
    """

    hours_per_week: float
    energy: str
    step_minutes: dict = field(repr=False)
    minutes_per_conversation: int
    pace: float
    per_week: float
    conversations_per_week: int
    weeks_per_conversation: int | None
    cap_per_week: float = 0.0
    chosen_per_week: float | None = None
    #: The pace the client chose when it is above what hours and energy now allow (the plan
    #: is then held to the cap, and says so rather than "You chose" the cap); else None.
    asked_per_week: float | None = None
    #: The plan's words (:func:`plan_words` of the instrument in use).
    words: dict = field(default_factory=plan_words, repr=False, compare=False)

    @property
    def resting(self) -> bool:
        """True when the plan is to rest first (no energy to spare, or no time)."""
        return self.per_week == 0

    def schedule(self) -> str:
        """``"2 conversations a week"``, ``"one conversation every 3 weeks"`` or ``""``."""
        return schedule_words(self.per_week, words=self.words)

    def summary(self) -> str:
        """One or two plain sentences describing the pace."""
        w = self.words
        if self.pace == 0:
            return w["summary_rest"]
        if self.cap_per_week == 0:
            return w["summary_no_hours"]
        # The loop's minutes, and the talk's share of them: the one conversation length.
        talk = self.step_minutes.get("talk")
        each = {"minutes": f"{self.minutes_per_conversation:g}"}
        end = "_no_talk" if talk is None else ""
        if talk is not None:
            each["talk"] = f"{talk:g}"
        if self.asked_per_week is not None:
            return fill(w["summary_asked" + end], **each, schedule=self.schedule(),
                        asked=schedule_words(self.asked_per_week, words=w))
        if self.chosen_per_week is not None:
            text = fill(w["summary_chosen" + end], schedule=self.schedule(), **each)
            most = schedule_words(self.cap_per_week, words=w)
            if most != self.schedule():
                text += " " + fill(w["summary_chosen_most"], most=most)
            return text
        pace = {1.0: w["pace_full"], 0.5: w["pace_half"]}.get(self.pace) or fill(
            w["pace_share"], share=f"{self.pace:.0%}")
        return fill(w["summary_room" + end], hours=_hours(self.hours_per_week, w), pace=pace,
                    schedule=self.schedule(), **each)

    def steps(self) -> list:
        """What one conversation takes: ``(step name, minutes)`` for each step, in order."""
        return [(self.words.get(f"step_{step}_name") or step.replace("_", " "), minutes)
                for step, minutes in self.step_minutes.items()]


class Pace(float):
    """A pace rounded down to hundredths (as stored and exported) that keeps its exact value.

    The words ("one conversation every N weeks") are worked out from ``exact``, so a pace of
    exactly 1/8 a week reads "every 8 weeks" though it is stored as 0.12 (round 6, D9).

    Examples
    --------
    >>> pace = Pace(0.12, Fraction(1, 8))
    >>> float(pace), pace.exact, said_per_week(pace), said_per_week(0.12)
    (0.12, Fraction(1, 8), 0.125, 0.1111111111111111)
    """

    exact: Fraction

    def __new__(cls, shown: float, exact: Fraction):
        """``shown`` as stored (hundredths), ``exact`` the pace it was rounded from."""
        obj = super().__new__(cls, shown)
        obj.exact = exact
        return obj

    def __reduce__(self):
        return (Pace, (float(self), self.exact))

    def __repr__(self) -> str:
        return float.__repr__(self)


#: The least pace stored (conversations a week): a pace that rounds down to 0 hundredths
#: while the hours are above 0 is stored as this, and said from its exact value.
MIN_PACE = 0.01
#: The slowest pace said (one conversation in 10,000 weeks): fewer hours give none.
SLOWEST_PACE = Fraction(1, 10000)


def _exact(number) -> Fraction:
    """A number as the decimal it was typed as (0.1 hours is 1/10, not the float's binary)."""
    return Fraction(repr(float(number)))


def said_per_week(per_week: float) -> float:
    """The pace as its words say it: whole conversations a week, or one every N weeks.

    What is planned week by week (the conversations page, the report) uses it, so planned
    adds up to what the client reads.

    Examples
    --------
    >>> said_per_week(2.5), said_per_week(1.5), said_per_week(0.3), said_per_week(0)
    (2, 1, 0.25, 0)
    """
    if per_week <= 0:
        return 0
    if per_week >= 1:
        return math.floor(per_week)
    exact = getattr(per_week, "exact", None)
    if exact is not None and exact > 0:  # from the exact fraction, not its hundredths
        return 1 / math.ceil(1 / exact)
    return 1 / math.ceil(1 / per_week - 1e-9)


def schedule_words(per_week: float, instrument=None, *, words=None) -> str:
    """A pace in words: ``2.5`` -> ``"2 conversations a week"``, ``0.3`` -> every 4 weeks.

    The profile's pace choices are named with it too. The words are the instrument's
    (``words``: its :func:`plan_words`, when already at hand).
    """
    w = words if words is not None else plan_words(instrument)
    said = said_per_week(per_week)
    if said <= 0:
        return ""
    if said >= 1:
        return fill(w["schedule_one_a_week" if said == 1 else "schedule_a_week"], count=said)
    weeks = round(1 / said)
    return w["schedule_weekly"] if weeks == 1 else fill(w["schedule_every_weeks"], weeks=weeks)


def _hours(hours: float, words: dict) -> str:
    return fill(words["hours_one" if hours == 1 else "hours_many"], hours=f"{hours:g}")


def pacing_plan(hours_per_week, energy, step_minutes=None, chosen_per_week=None, *,
                instrument=None) -> PacingPlan:
    """Work out how many conversations a week fit, and the pace the client chose within that.

    Parameters
    ----------
    hours_per_week : float
        Hours the client can give in a usual week, 0 to 80.
    energy : str
        The client's energy level: ``not_yet``, ``a_little`` or ``plenty``.
    step_minutes : dict, optional
        Minutes per step; missing steps take their defaults from
        :data:`DEFAULT_STEP_MINUTES`.
    chosen_per_week : float, optional
        The pace the client chose (conversations a week, e.g. 0.25 for one every four weeks).
        More than hours and energy allow is held to that cap; nothing chosen means the cap.
    instrument : Instrument or path, optional
        Whose words the plan says (:func:`plan_words`); default the kit's.

    Returns
    -------
    PacingPlan

    Raises
    ------
    WorkbookError
        If the hours are not a number from 0 to 80, the level is unknown, a step's minutes
        are not a positive number, or the chosen pace is not a positive number.

    Examples
    --------
    >>> pacing_plan(1, "plenty").weeks_per_conversation
    2
    >>> pacing_plan(10, "not_yet").summary().startswith("Rest comes first")
    True
    >>> plan = pacing_plan(6, "plenty", chosen_per_week=0.5)   # room for 3, chose fewer
    >>> plan.cap_per_week, plan.per_week, plan.schedule()
    (3.0, 0.5, 'one conversation every 2 weeks')
    >>> pacing_plan(1, "plenty", chosen_per_week=4).per_week   # never above the cap
    0.5
    >>> plan = pacing_plan(0.01, "plenty")   # a minute a week: a very slow pace
    >>> float(plan.cap_per_week), plan.schedule()
    (0.01, 'one conversation every 200 weeks')
    """
    lo, hi = schema.HOURS_RANGE
    try:
        hours = float(hours_per_week)
    except (TypeError, ValueError):
        raise WorkbookError(
            f"hours a week must be a number from {lo:g} to {hi:g}, not {hours_per_week!r}"
        ) from None
    if not lo <= hours <= hi:  # also rejects NaN
        raise WorkbookError(f"hours a week must be from {lo:g} to {hi:g}, not {hours_per_week!r}")
    hours = schema.counted_hours(hours)  # fewer than 36 seconds: no hours (round 13b S5)
    if energy not in ENERGY_PACE:
        raise WorkbookError(
            f"energy level must be one of {', '.join(schema.LEVELS)}, not {energy!r}"
        )
    steps = dict(DEFAULT_STEP_MINUTES)
    for step, minutes in (step_minutes or {}).items():
        try:
            value = float(minutes)
        except (TypeError, ValueError):
            value = float("nan")
        if not value > 0:
            raise WorkbookError(
                f"minutes for step {step!r} must be a positive number, not {minutes!r}"
            )
        steps[step] = value
    total = sum(steps.values())
    pace = ENERGY_PACE[energy]
    # Round down to hundredths: the pace is a plan, not a measurement.
    # Round down to hundredths: the pace is a plan, not a measurement. Its words come from
    # the exact value it keeps (0.5 hours at half pace for 120 minutes: 1/8 a week, stored
    # 0.12, said "every 8 weeks").
    cap = math.floor(hours * 60 * pace / total * 100 + 1e-9) / 100
    exact = (_exact(hours) * 60 * _exact(pace)
             / sum((_exact(v) for v in steps.values()), Fraction(0)))
    if cap == 0 and exact >= SLOWEST_PACE:
        # Any hours above 0 give a pace, however slow (0.01 hours: one conversation every
        # 200 weeks), stored as the least hundredth and said from its exact value; only 0
        # hours are "no hours", as the verdict and the time page say (round 9b J5).
        cap = MIN_PACE
    cap = Pace(cap, exact)
    chosen = _chosen(chosen_per_week)
    asked = None
    if chosen is not None and chosen > cap:
        asked = chosen if cap > 0 else None  # no pace at all: nothing to hold it to
        chosen = min(chosen, cap)
    per_week = cap if chosen is None else chosen
    whole = math.floor(per_week)
    weeks = round(1 / said_per_week(per_week)) if 0 < per_week < 1 else None
    return PacingPlan(
        hours_per_week=hours,
        energy=energy,
        step_minutes=steps,
        minutes_per_conversation=int(round(total)) if total == int(total) else total,
        pace=pace,
        per_week=per_week,
        conversations_per_week=whole,
        weeks_per_conversation=weeks,
        cap_per_week=cap,
        chosen_per_week=chosen,
        asked_per_week=asked,
        words=plan_words(instrument),
    )


def _chosen(value) -> float | None:
    """A chosen pace as a positive number of conversations a week, or None when not given."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not 0 < number <= 100 or isinstance(value, bool):
        raise WorkbookError(
            f"the chosen pace must be a positive number of conversations a week, not {value!r}"
        )
    return number
