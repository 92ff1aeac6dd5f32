"""The one plan: everything the kit advises a person, worked out once, as data.

The profile screen, the personal report and ``workbook score --out`` all read what this
module works out, so they cannot disagree. A plan holds:

- the verdict and the ingredient(s) behind it (from :func:`workbook.score`, where hours a
  week of 0 already close the time gate whatever the time statements say);
- where to start, which follows the verdict and nothing else: for ``not_now``, rest and the
  gating ingredients' own gentle steps, with no conversation planned; for ``build_first``,
  the steps of the ingredients to tend; for ``ready``, an encouragement and the first
  conversation (no "lowest score" frame: a little is enough); for ``incomplete``, the pages
  still to answer;
- the pace (:mod:`workbook.core.pacing`): energy sets the most a person should take on, the person
  may choose less; none while the verdict is ``not_now`` or ``incomplete``;
- flags for the coach to talk through, never verdicts: a score *near the line* (closer to
  the "a little" threshold, the one that decides the verdict, than the ingredient's standard
  error of measurement) and *answer
  patterns* (one answer throughout, all middle answers, reverse-keyed statements answered
  against the others).

Examples
--------
>>> from workbook.core.advice import plan_for
>>> from workbook.core.instrument import load_instrument
>>> row = {item.id: 2 if item.reverse else 4      # reverse-keyed: disagreeing counts as 4
...        for item in load_instrument().items}
>>> plan = plan_for({**row, "hours_per_week": 6})
>>> plan.verdict, plan.start.kind, plan.pace.schedule()
('ready', 'begin', '3 conversations a week')
>>> plan_for({**row, "hours_per_week": 0}).verdict     # no hours: not now, whatever else
'not_now'
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import fill, resolve
from workbook.core.lists import join_names
from workbook.core.numbers import plain_number
from workbook.core.pacing import instrument_step_minutes, pacing_plan, plan_words, said_per_week

#: Answer-pattern codes (the ``patterns`` column) and what each tells the coach.
ONE_ANSWER, ALL_MIDDLE, CONTRADICTS = "one_answer", "all_middle", "contradicts"
NO_HOURS_ROOM, HOURS_NO_ROOM = "no_hours_room", "hours_no_room"
#: The ingredients whose being all "not yet" raises the care flag (those present).
CARE_INGREDIENTS = ("hope", "energy", "self_esteem")
#: A pattern needs at least this share of all statements answered.
PATTERN_MIN_SHARE = 0.5
#: Reverse-keyed answers contradict the others when their means, keyed, differ by at least
#: this share of the scale's range (2 points on a 1-5 scale).
CONTRADICTION_SHARE = 0.5

#: Where the profile keeps a quiet client's "look again" date (section ``profile``, in its
#: ``tool``, as ``YYYY-MM-DD``), and the key a row of answers carries it under for
#: :func:`plan_for`.
PROFILE_SECTION, LOOK_AGAIN = "profile", "look_again"
#: The key a row of answers carries the date of the client's latest session under, for
#: :func:`plan_for`: a short review is suggested after a number of talks until a session is
#: dated after the talk that reached it (:attr:`Plan.review`).
LATEST_SESSION = "latest_session"
#: Why a quiet plan is quiet: energy (words of rest and care), time (this waits), or both.
REST_ENERGY, REST_TIME, REST_BOTH = "energy", "time", "both"
#: Answer patterns that hedge the verdict (said as a starting point to talk through).
HEDGING = ("one_answer", "all_middle", "contradicts")
#: Follow-up kinds a quiet client still sees: thanks owed for a talk held, a talk booked.
OWED_KINDS = ("thank", "day", "talk")  # "day": a talk agreed, no day set yet (D10)
#: Follow-up kinds that wait while a client tends an ingredient first (``build_first``): new
#: outreach ("write to someone else") and nudges. Thanks owed, a talk booked and answering
#: someone who replied stay.
TEND_WAITS = ("another", "nudge", "let_go")  # letting go follows a nudge; "tell" stays
#: The kind of start each verdict leads to.
START_KIND = {schema.INCOMPLETE: "answer", schema.NOT_NOW: "rest",
              schema.BUILD_FIRST: "tend", schema.READY: "begin"}
#: The lines a score is checked against: only the one whose crossing changes the verdict
#: (not yet / a little). The plenty line changes a sentence of guidance, never the advice,
#: and flagging it too would flag nearly everyone.
NEAR_LINES = (schema.A_LITTLE,)


def plan_texts(instrument=None) -> dict:
    """The plan's words of an instrument (its ``[words.plan]`` over the kit's), as tables.

    Each key names a piece of the plan, built from the table's texts the way the plan uses
    them (every plan takes them from its own instrument; ``None``: the kit's):

    - ``PATTERN_TEXTS``: each answer pattern's words for the coach ({names}, {hours});
      ``CARE_TEXT``: for the coach when hope, energy and self-esteem are all at "not yet";
    - ``HEDGE_TEXT``, ``HEDGE_END``: said to the client before the verdict when an answer
      pattern is flagged (:data:`HEDGING`);
    - ``START``: where to start, by verdict (the kind of start, heading, intro);
      ``START_STARTED``: once a conversation has been held (kind -> heading, intro);
      ``BEGIN_HEDGED``: the intro of "begin" when the verdict is hedged;
    - ``FIRST_CONVERSATION``, ``NEXT_CONVERSATION``: the first and the next conversation
      ({minutes}: the one conversation length);
    - ``NO_HOURS_NOTE``: in place of the time guidance when the hours a week are 0;
      ``HOURS_PULL_NOTE``: in its place when the time statements say there is little room
      yet the hours would fit a conversation (pattern ``hours_no_room``);
      ``NO_HOURS_LEVEL``: in place of the time level when the hours are 0;
      ``NO_HOURS_SCORE``: the time page's score line then;
    - ``VERDICT_MORE``: said after the instrument's verdict words, by verdict and what the
      plan knows; ``INCOMPLETE_WAIT``, ``INCOMPLETE_REST``: added to "where to start" for an
      incomplete picture whose time or energy already says wait;
    - ``PACE_LATER``, ``PACE_LATER_LEAD``: the pace of a ``build_first`` plan is for later
      ("once you start", or "go on"); ``NO_PACE_QUIET``: why a quiet plan has no pace, by
      its reason (:attr:`Plan.rest_reason`); ``NO_PACE``: why there is no pace, by reason;
    - ``NEAR_LINE_TEXT``: near the line, for the coach.

    Examples
    --------
    >>> plan_texts()["NO_HOURS_LEVEL"] == plan_words()["no_hours_level"]
    True
    """
    w = plan_words(instrument)
    more = {(schema.NOT_NOW, r): w[f"verdict_more_rest_{r}"]
            for r in (REST_ENERGY, REST_TIME, REST_BOTH)}
    more.update({(schema.READY, k): w[f"verdict_more_{k}"]
                 for k in ("first", "next", "no_pace", "no_pace_next")})
    quiet = {k: w[f"no_pace_quiet_{k}"] for k in (REST_ENERGY, REST_TIME, HOURS_NO_ROOM, REST_BOTH)}
    return {
        "PATTERN_TEXTS": {c: w[f"pattern_{c}"] for c in PATTERN_CODES},
        "CARE_TEXT": w["care"],
        "HEDGE_TEXT": {c: w[f"hedge_{c}"] for c in HEDGING},
        "HEDGE_END": w["hedge_end"],
        "START": {v: (k, w[f"start_{k}_heading"], w[f"start_{k}_intro"])
                  for v, k in START_KIND.items()},
        "START_STARTED": {k: (w[f"started_{k}_heading"], w[f"started_{k}_intro"])
                          for k in ("tend", "begin")},
        "BEGIN_HEDGED": w["begin_hedged"],
        "FIRST_CONVERSATION": tuple(w["first_conversation"]),
        "NEXT_CONVERSATION": tuple(w["next_conversation"]),
        "NO_HOURS_NOTE": w["no_hours_note"],
        "HOURS_PULL_NOTE": w["hours_pull_note"],
        "NO_HOURS_LEVEL": w["no_hours_level"],
        "NO_HOURS_SCORE": w["no_hours_score"],
        "VERDICT_MORE": more,
        "INCOMPLETE_WAIT": w["incomplete_wait"],
        "INCOMPLETE_REST": w["incomplete_rest"],
        "PACE_LATER": {False: w["pace_later_start"], True: w["pace_later_go_on"]},
        "PACE_LATER_LEAD": {False: w["pace_lead_start"], True: w["pace_lead_go_on"]},
        "NO_PACE_QUIET": quiet,
        "NO_PACE": {"rest": quiet[REST_ENERGY], "incomplete": w["no_pace_incomplete"],
                    "no_hours": w["no_pace_no_hours"], "no_energy": w["no_pace_no_energy"]},
        "NEAR_LINE_TEXT": w["near_line"],
    }


#: Answer-pattern codes, in the order of :func:`_pattern_masks`' rows.
PATTERN_CODES = (ONE_ANSWER, ALL_MIDDLE, CONTRADICTS, NO_HOURS_ROOM, HOURS_NO_ROOM)


#: Where the session pages keep the pace inputs: the minutes per step (a dict, in the hours
#: exercise's ``tool``) and the pace the client chose (section ``pace``, in its ``tool``).
STEP_MINUTES, PACE_SECTION, CHOSEN = "step_minutes", "pace", "chosen_per_week"
#: Minutes a step may take, as the session page accepts them.
MINUTES_RANGE = (1, 600)


def session_inputs(answers) -> tuple:
    """The client's own minutes per step and chosen pace, from their saved answers.

    Minutes that are not whole numbers from 1 to 600 are left out (the default applies);
    a chosen pace that is not a positive number is ignored.

    Examples
    --------
    >>> session_inputs({"time": {"tool": {"step_minutes": {"talk": 30, "write": "x"}}},
    ...                 "pace": {"tool": {"chosen_per_week": 0.5}}})
    ({'talk': 30}, 0.5)
    """
    minutes, chosen = {}, None
    if not isinstance(answers, dict):
        return minutes, chosen
    lo, hi = MINUTES_RANGE
    for section in answers.values():
        tool = section.get("tool") if isinstance(section, dict) else None
        saved = tool.get(STEP_MINUTES) if isinstance(tool, dict) else None
        if isinstance(saved, dict):
            for step, value in saved.items():
                if (isinstance(value, int | float) and not isinstance(value, bool)
                        and float(value).is_integer() and lo <= value <= hi):
                    minutes[str(step)] = int(value)
    section = answers.get(PACE_SECTION)
    tool = section.get("tool") if isinstance(section, dict) else None
    value = tool.get(CHOSEN) if isinstance(tool, dict) else None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 100:
        chosen = float(value)
    return minutes, chosen


def row_inputs(row) -> tuple:
    """The client's own minutes per step and chosen pace from a table row (an export's).

    The :data:`~workbook.core.schema.PLAN_COLUMNS` ``export-clients`` writes; what is not
    there, empty, or not as :func:`session_inputs` takes it is left out (the usual minutes
    apply; no chosen pace).

    Examples
    --------
    >>> row_inputs({"minutes_talk": "50", "minutes_write": "", "chosen_per_week": 0.5})
    ({'talk': 50}, 0.5)
    """
    def number(column):
        value = row.get(column) if hasattr(row, "get") else None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        return None if math.isnan(value) else value

    minutes, (lo, hi) = {}, MINUTES_RANGE
    for step, column in schema.STEP_MINUTE_COLUMNS.items():
        value = number(column)
        if value is not None and value.is_integer() and lo <= value <= hi:
            minutes[step] = int(value)
    chosen = number(schema.CHOSEN_PER_WEEK)
    return minutes, (chosen if chosen is not None and 0 < chosen <= 100 else None)


@dataclass(frozen=True)
class Start:
    """Where to start: ``kind`` (answer, rest, tend, begin), a heading, an intro, steps.

    ``steps`` is a tuple of ``(heading, steps)``: an ingredient's name and its own next
    steps, or (for ``begin``) an empty heading and the first conversation's steps.
    """

    kind: str
    heading: str
    intro: str
    steps: tuple = ()


@dataclass(frozen=True)
class NearLine:
    """A score closer to a threshold than the ingredient's SEM."""

    ingredient: str
    score: float
    level: str  # the level whose lower threshold is near (a_little or plenty)
    threshold: float
    sem: float
    text: str


@dataclass(frozen=True)
class Pattern:
    """An answer pattern worth a word with the client."""

    code: str
    ingredients: tuple
    text: str


@dataclass(frozen=True)
class Plan:
    """Everything the kit advises one person (see the module docstring).

    Besides the verdict, start and pace, a plan knows the client's whole state:

    - ``quiet``: no new outreach, nudges, pace or chart (``not_now``, and ``incomplete`` when
      a ``not_now`` gate is already closed or the hours a week are 0);
    - ``rest_reason``: when quiet, ``"energy"``, ``"time"`` or ``"both"`` (words of rest and
      care only when energy is in it); None otherwise;
    - ``hedged``: an answer pattern (:data:`HEDGING`) is flagged, so the verdict is said as
      a starting point to talk through;
    - ``held`` (conversations held so far, from the conversations list) and ``started``;
    - ``look_again``: the date a quiet client chose to look again (or None);
    - ``review``: the day of the talk after which a short review is suggested (answer the
      ingredients again on a new session date, look again at the north star): the talk that
      brought the talks held to the instrument's ``review_after_talks`` (or a multiple of it),
      while no session is dated after it; None when quiet, before that many talks, or once
      such a session exists (:func:`review_day`);
    - ``look_ahead_days``: how far "coming up" looks, for every surface;
    - ``conversation_minutes``: the one length of a conversation (the talk step's minutes);
    - ``coach_notes``: every sentence for the coach (also :attr:`flags`); never shown to the
      client; ``care`` is True when hope, energy and self-esteem are all at not yet;
    - ``hedge_text``: said to the client before the verdict when ``hedged`` (already at the
      start of ``verdict_text``);
    - ``said_level``: ingredient -> words said in place of its level (time with 0 hours:
      "no hours now"), wherever a level is shown;
    - ``pace_later``: the pace is for later (``build_first``: "Once you start");
    - ``planned_per_week``: what the chart plans a week (the pace as its words say it), None
      when nothing is planned now (quiet, tend first, no pace).
    """

    scores: pd.Series = field(repr=False)
    verdict: str
    verdict_name: str
    verdict_text: str
    focus: tuple
    start: Start
    pace: object  # PacingPlan or None
    no_pace: str  # why there is no pace ("" when there is one)
    notes: dict  # ingredient -> a sentence said in place of its level guidance
    near_line: tuple
    patterns: tuple
    instrument_version: str
    quiet: bool = False
    rest_reason: str | None = None
    hedged: bool = False
    held: int = 0
    #: Notes sent so far (from the conversations list; 0 without one).
    notes_sent: int = 0
    look_again: dt.date | None = None
    review: dt.date | None = None
    look_ahead_days: int = 7
    conversation_minutes: int = 30
    coach_notes: tuple = ()
    today: dt.date | None = field(default=None, repr=False)
    instrument: object = field(default=None, repr=False, compare=False)
    hedge_text: str = ""
    care: bool = False
    said_level: dict = field(default_factory=dict)
    pace_later: bool = False
    planned_per_week: float | None = None

    @property
    def flags(self) -> list:
        """Every sentence for the coach (near the line, answer patterns, care): a list.

        A property, not a method; the same sentences as :attr:`coach_notes`.
        """
        return list(self.coach_notes)

    @property
    def started(self) -> bool:
        """True once a conversation has been held ("your next", not "your first")."""
        return self.held > 0

    @property
    def under_way(self) -> bool:
        """True once a note has been sent or a conversation held ("go on", not "start")."""
        return self.held > 0 or self.notes_sent > 0

    def due(self, book, *, today=None, days=None, cadence=None) -> list:
        """What is due from the conversations list, as the plan allows.

        Not quiet: every open follow-up up to ``today + days`` (overdue ones included).
        Quiet: only what is owed to other people, thanks for a talk held and a talk already
        booked (:data:`OWED_KINDS`), whatever the date: nothing new, no nudges.
        Tending an ingredient first (``build_first``): as not quiet, but new outreach and
        nudges (:data:`TEND_WAITS`) wait.

        Parameters
        ----------
        book : Book or None
        today : date, optional
            Default: the plan's ``today`` (or the date today).
        days : int, optional
            Default: :attr:`look_ahead_days`.
        cadence : Cadence, optional
            Default: the instrument's.

        Returns
        -------
        list of workbook.core.conversations.model.Due
        """
        from workbook.core.conversations import model

        if book is None:
            return []
        if cadence is None:
            from workbook.core.conversations.words import cadence as instrument_cadence

            cadence = instrument_cadence(self.instrument)
        if self.quiet:
            return [d for d in model.due(book, cadence) if d.kind in OWED_KINDS]
        today = today or self.today or dt.date.today()
        days = self.look_ahead_days if days is None else days
        out = model.due(book, cadence, until=today + dt.timedelta(days=days))
        if self.verdict == schema.BUILD_FIRST:
            out = [d for d in out if d.kind not in TEND_WAITS]
        return out

    def owed_line(self, book=None) -> str:
        """The kind line shown with what a quiet client still owes others ("" otherwise).

        With ``book``, "" also when nothing is owed in it.
        """
        if not self.quiet:
            return ""
        if book is not None and not self.due(book):
            return ""
        from workbook.core.conversations.words import Words

        return Words(self.instrument).get("owed_line")


def plan_for(answers, instrument=None, *, step_minutes=None, chosen_per_week=None, sem=None,
             scores=None, book=None, today=None) -> Plan:
    """Work out one person's plan.

    Parameters
    ----------
    answers : dict or Series
        One canonical row: item answers (numbers or labels; missing = unanswered) and
        optionally ``hours_per_week``.
    instrument : Instrument or path, optional
    step_minutes : dict, optional
        The person's own minutes per step of a conversation.
    chosen_per_week : float, optional
        The pace the person chose (conversations a week); held to what energy allows.
    sem : dict, optional
        Ingredient -> standard error of measurement in points (default: the instrument's).
    scores : Series, optional
        The row's :func:`workbook.score` result, when the caller already has it.
    book : workbook.core.conversations.model.Book, optional
        The client's conversations list: how far they have got (``held``).
    today : date, optional
        The day the plan speaks of (default: today).

    The row may also carry :data:`LOOK_AGAIN` (``YYYY-MM-DD`` or a date): a quiet client's
    date to look again (:func:`session_look_again` reads it from saved answers), and
    :data:`LATEST_SESSION` (the date of the client's latest session): with ``book``, whether
    a short review is due (:attr:`Plan.review`).

    Returns
    -------
    Plan
    """
    inst = resolve(instrument)
    row = dict(answers)
    # with the retired statements a session answered on an earlier version holds (scored
    # as asked: workbook.core.scoring)
    ids = (*inst.item_ids, *(r.id for r in inst.retired_items if _given(row.get(r.id))))
    frame = pd.DataFrame([{k: row.get(k) for k in (*ids, schema.HOURS)}])
    for item_id in ids:
        frame[item_id] = [inst.to_value(v) if _given(v) else np.nan for v in frame[item_id]]
        frame[item_id] = frame[item_id].astype(float)
    if scores is None:
        from workbook.core.scoring import score

        scores = score(frame, inst).iloc[0]
    verdict = str(scores[schema.VERDICT])
    focus = tuple(x for x in str(scores.get(schema.FOCUS) or "").split(schema.LIST_SEPARATOR)
                  if x in inst.ingredient_ids)
    names = [inst.ingredient_in_text(i) for i in focus]
    hours = _hours(row.get(schema.HOURS))
    today = today or dt.date.today()
    closed = _closed(verdict, focus, scores, inst, hours)
    quiet = bool(closed) and verdict in (schema.NOT_NOW, schema.INCOMPLETE)
    reason = _rest_reason(closed, inst) if quiet else None
    held = _held(book, today)
    sent = int(book.counts(on=today)["notes_sent"]) if book is not None else 0
    notes, said_level, t = {}, {}, plan_texts(inst)
    if hours == 0 and inst.hours_ingredient:
        notes[inst.hours_ingredient] = t["NO_HOURS_NOTE"]
        said_level[inst.hours_ingredient] = t["NO_HOURS_LEVEL"]
    minutes = {**instrument_step_minutes(inst), **(step_minutes or {})}
    pace, no_pace = _pace(verdict, scores, inst, hours, minutes, chosen_per_week)
    if quiet:
        no_pace = "rest"
    near_line = _near_line(scores, inst, sem)
    frame[schema.HOURS] = [np.nan if hours is None else hours]
    patterns = _patterns(frame, pd.DataFrame([scores]), inst)
    if inst.hours_ingredient and any(p.code == HOURS_NO_ROOM for p in patterns):
        said = fill(plan_words(inst)["hours_one" if hours == 1 else "hours_many"],
                    hours=f"{hours:g}")
        notes[inst.hours_ingredient] = fill(t["HOURS_PULL_NOTE"], hours=said)
    hedged = [p.code for p in patterns if p.code in HEDGING]
    hedge = ""
    if hedged:
        hedge = (" ".join(dict.fromkeys(t["HEDGE_TEXT"][c] for c in hedged)) + " "
                 + t["HEDGE_END"])
    care = _care(scores, inst)
    length = _conversation_minutes(pace, minutes)
    verdict_text = " ".join(x for x in (
        hedge, fill(inst.verdicts[verdict], names=join_names(names, inst)),
        _verdict_more(verdict, reason, pace, held, t["VERDICT_MORE"])) if x)
    pace_later = pace is not None and verdict == schema.BUILD_FIRST
    planned = None
    if pace is not None and not pace_later and not quiet:
        planned = said_per_week(pace.per_week) or None
    return Plan(
        scores=scores,
        verdict=verdict,
        verdict_name=inst.verdict_name(verdict),
        verdict_text=verdict_text,
        focus=focus,
        start=_start(verdict, focus, inst, closed, reason=reason, started=held > 0,
                     hedged=bool(hedged), minutes=length),
        pace=pace,
        no_pace=no_pace,
        notes=notes,
        near_line=near_line,
        patterns=patterns,
        instrument_version=inst.version,
        quiet=quiet,
        rest_reason=reason,
        hedged=bool(hedged),
        held=held,
        notes_sent=sent,
        look_again=look_again_date(row.get(LOOK_AGAIN)),
        review=None if quiet else review_day(book, review_after_talks(inst),
                                             look_again_date(row.get(LATEST_SESSION)), today),
        look_ahead_days=_look_ahead(inst),
        conversation_minutes=length,
        coach_notes=(tuple(f.text for f in near_line) + tuple(p.text for p in patterns)
                     + ((t["CARE_TEXT"],) if care else ())),
        today=today,
        instrument=inst,
        hedge_text=hedge,
        care=care,
        said_level=said_level,
        pace_later=pace_later,
        planned_per_week=planned,
    )


def _verdict_more(verdict, reason, pace, held, more) -> str:
    """What the plan says after the instrument's verdict words (``more``: ``VERDICT_MORE``)."""
    if verdict == schema.NOT_NOW:
        return more.get((verdict, reason), "")
    if verdict == schema.READY:
        key = ("first" if pace is not None else "no_pace") if not held else (
            "next" if pace is not None else "no_pace_next")
        return more[(verdict, key)]
    return ""


def _care(scores, inst) -> bool:
    """True when every one of :data:`CARE_INGREDIENTS` the instrument has is at not yet."""
    present = [i for i in CARE_INGREDIENTS if i in inst.ingredient_ids]
    return bool(present) and all(
        scores.get(schema.level_column(i)) == schema.NOT_YET for i in present)


def pace_text(plan) -> str:
    """The plan's pace in a sentence or two: the one wording every surface shows.

    No pace: why (rest, this waits, or what is missing). A ``build_first`` pace is for
    later, said "Once you start" (or "Once you go on" once a note has been sent or a
    conversation held: :attr:`Plan.under_way`).
    """
    t = plan_texts(plan.instrument)
    if plan.pace is None:
        if plan.quiet:
            pulled = any(p.code == HOURS_NO_ROOM for p in plan.patterns)
            return t["NO_PACE_QUIET"][HOURS_NO_ROOM if pulled and plan.rest_reason == REST_TIME
                                      else plan.rest_reason]
        return t["NO_PACE"][plan.no_pace]
    summary = plan.pace.summary()
    if plan.pace_later:
        return fill(t["PACE_LATER"][plan.under_way], summary=summary)
    return summary


def _closed(verdict, focus, scores, inst, hours) -> tuple:
    """The ``not_now`` gates already closed.

    For ``not_now`` its focus; for an incomplete picture, the gates scored not yet and the
    hours ingredient when the hours are 0.
    """
    if verdict == schema.NOT_NOW:
        return focus
    if verdict != schema.INCOMPLETE:
        return ()
    closed = list(_waiting(scores, inst))
    if hours == 0 and inst.hours_ingredient and inst.hours_ingredient not in closed:
        closed.append(inst.hours_ingredient)
    return tuple(i for i in inst.ingredient_ids if i in closed)


def _rest_reason(closed, inst) -> str | None:
    """Why a quiet plan is quiet.

    ``time`` when only the hours ingredient is closed, ``energy`` when only others are,
    ``both`` when both are.
    """
    time = inst.hours_ingredient in closed
    other = any(i != inst.hours_ingredient for i in closed)
    if time and other:
        return REST_BOTH
    if time:
        return REST_TIME
    return REST_ENERGY if other else None


def _held(book, today) -> int:
    """Conversations held by ``today`` in the conversations list (0 without one)."""
    if book is None:
        return 0
    return int(book.counts(on=today)["conversations_held"])


def _look_ahead(inst) -> int:
    """The one look-ahead in days.

    The instrument's ``[conversations] look_ahead_days``, or
    :data:`workbook.core.conversations.model.COMING_UP_DAYS`.
    """
    from workbook.core.conversations.model import COMING_UP_DAYS
    from workbook.core.conversations.words import Words

    value = Words(inst).table.get("look_ahead_days")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 366:
        return value
    return COMING_UP_DAYS


def _conversation_minutes(pace, minutes) -> int:
    """The one length of a conversation: the talk step's minutes of the plan in force."""
    value = pace.step_minutes["talk"] if pace is not None else minutes["talk"]
    try:
        return int(round(float(value)))
    except (TypeError, ValueError):
        return int(minutes["talk"])


def talk_days(book, today=None) -> list:
    """The day of each conversation held, oldest first (by ``today`` when given).

    As :meth:`workbook.core.conversations.model.Book.counts` counts them: a person's talk is held
    from the earliest of its "held" and "thanks sent" days (thanks alone stand for a talk).

    Examples
    --------
    >>> from workbook.core.conversations.model import Book, Person
    >>> book = Book({"a": Person("a", "Ana", steps={"held": "2026-11-20"}),
    ...              "b": Person("b", "Ben", steps={"thanked": "2026-11-03"}),
    ...              "c": Person("c", "Cy", steps={"sent": "2026-11-02"})})
    >>> [d.isoformat() for d in talk_days(book)]
    ['2026-11-03', '2026-11-20']
    """
    from workbook.core.conversations.model import COUNTS_HELD

    if book is None:
        return []
    days = []
    for person in book.people.values():
        held = [person.date(step) for step in COUNTS_HELD if step in person.steps]
        if held and (today is None or min(held) <= today):
            days.append(min(held))
    return sorted(days)


def review_after_talks(instrument=None) -> int:
    """After how many talks held a short review is suggested (0: never).

    The instrument's ``[conversations.cadence] review_after_talks``.
    """
    from workbook.core.conversations.words import cadence

    return int(cadence(instrument).review_after_talks or 0)


def review_day(book, every: int, latest, today) -> dt.date | None:
    """The day of the talk after which a short review is suggested, or None.

    Each time the talks held reach a multiple of ``every`` (3, 6, ...), the talk that got
    there asks for a short review, until a session is dated after its day (``latest``, the
    date of the client's latest session). None without a list, without ``latest``, with
    fewer talks, or once that session exists.

    Examples
    --------
    >>> from workbook.core.conversations.model import Book, Person
    >>> book = Book({p: Person(p, p, steps={"held": f"2026-11-{d}"})
    ...              for p, d in (("a", 10), ("b", 17), ("c", 24))})
    >>> day = dt.date(2026, 12, 1)
    >>> review_day(book, 3, dt.date(2026, 11, 2), day)   # the third talk, on 24 Nov
    datetime.date(2026, 11, 24)
    >>> review_day(book, 3, dt.date(2026, 11, 25), day) is None  # a session after it
    True
    >>> review_day(book, 4, dt.date(2026, 11, 2), day) is None   # not four talks yet
    True
    """
    if not every or book is None or latest is None:
        return None
    days = talk_days(book, today)
    reached = len(days) // every
    if not reached:
        return None
    day = days[reached * every - 1]
    return day if latest <= day else None


def look_again_date(value) -> dt.date | None:
    """A look-again date from a saved value (``YYYY-MM-DD`` or a date), None if not one.

    Examples
    --------
    >>> look_again_date("2027-03-01"), look_again_date("soon"), look_again_date(None)
    (datetime.date(2027, 3, 1), None, None)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def session_look_again(answers) -> dt.date | None:
    """The look-again date saved on the profile (section ``profile``, ``tool``), or None.

    Examples
    --------
    >>> session_look_again({"profile": {"tool": {"look_again": "2027-03-01"}}})
    datetime.date(2027, 3, 1)
    """
    if not isinstance(answers, dict):
        return None
    section = answers.get(PROFILE_SECTION)
    tool = section.get("tool") if isinstance(section, dict) else None
    return look_again_date(tool.get(LOOK_AGAIN)) if isinstance(tool, dict) else None


def _given(value) -> bool:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return str(value).strip() != ""


def _hours(value) -> float | None:
    if not _given(value):
        return None
    try:
        hours = plain_number(str(value).strip().replace(",", "."))  # not "1_0" (12b Q2)
    except ValueError:
        return None
    lo, hi = schema.HOURS_RANGE
    return schema.counted_hours(hours) if lo <= hours <= hi else None  # 13b S5


def _start(verdict: str, focus: tuple, inst, waiting=(), *, reason=None, started=False,
           hedged=False, minutes=None) -> Start:
    """Where to start, from the verdict and how far the client has got.

    ``waiting``: for an incomplete picture, the gates already closed (it then says this
    waits); ``started``: a conversation has been held ("next", not "first"); ``hedged``: the
    verdict is a starting point to talk through; ``minutes``: the one conversation length.
    """
    t = plan_texts(inst)
    kind, heading, intro = t["START"][verdict]
    if started and kind in t["START_STARTED"]:
        heading, intro = t["START_STARTED"][kind]
    if kind == "begin" and hedged:
        intro = t["BEGIN_HEDGED"]
    names = join_names([inst.ingredient_in_text(i) for i in focus], inst)
    if kind == "answer" and waiting:
        intro += " " + fill(t["INCOMPLETE_WAIT"],
            names=join_names([inst.ingredient_in_text(i) for i in waiting], inst))
        if reason in (REST_ENERGY, REST_BOTH):
            intro += " " + t["INCOMPLETE_REST"]
    if minutes is None:
        minutes = instrument_step_minutes(inst)["talk"]
    if kind == "begin":
        said = t["NEXT_CONVERSATION"] if started else t["FIRST_CONVERSATION"]
        steps = (("", tuple(step.replace("{minutes}", f"{minutes:g}") for step in said)),)
    elif kind in ("rest", "tend"):
        steps = tuple((inst.ingredient(i).name, inst.ingredient(i).next_steps) for i in focus
                      if inst.ingredient(i).next_steps)
    else:
        steps = ()
    return Start(kind, heading, intro.replace("{names}", names), steps)


def _waiting(scores, inst) -> tuple:
    """Ingredients gated ``not_now`` that are already ``not_yet`` (for an incomplete picture)."""
    return tuple(ing.id for ing in inst.ingredients if ing.gate == schema.NOT_NOW
                 and scores.get(schema.level_column(ing.id)) == schema.NOT_YET)


def _pace(verdict, scores, inst, hours, step_minutes, chosen):
    """The pacing plan and, when there is none, why (a key of ``plan_texts()["NO_PACE"]``)."""
    if verdict == schema.NOT_NOW:
        return None, "rest"
    if verdict == schema.INCOMPLETE:
        return None, "incomplete"
    if hours is None:
        return None, "no_hours"
    energy = inst.pace_ingredient
    level = scores.get(schema.level_column(energy)) if energy else schema.PLENTY
    if not isinstance(level, str):
        return None, "no_energy"
    try:
        return pacing_plan(hours, level, step_minutes, chosen, instrument=inst), ""
    except WorkbookError:  # the person's minutes or choice are bad: fall back to defaults
        return pacing_plan(hours, level, instrument_step_minutes(inst), instrument=inst), ""


def _near_line(scores, inst, sem) -> tuple:
    found = []
    for ing in inst.ingredients:
        error = (sem or {}).get(ing.id, ing.sem)
        value = scores.get(ing.id)
        if error is None or value is None or pd.isna(value):
            continue
        for level in NEAR_LINES:
            threshold = ing.thresholds[level]
            if abs(float(value) - threshold) < error:
                found.append(NearLine(ing.id, float(value), level, threshold, float(error),
                                      fill(plan_texts(inst)["NEAR_LINE_TEXT"], name=ing.name,
                                           score=f"{float(value):.0f}", sem=f"{float(error):g}",
                                           level=inst.level_name(level),
                                           threshold=f"{threshold:g}")))
    return tuple(found)


def _patterns(frame: pd.DataFrame, scores: pd.DataFrame, inst) -> tuple:
    """One person's answer patterns (``frame`` and ``scores`` hold their one row)."""
    masks, pulling = _pattern_masks(frame, scores, inst)
    found = []
    for code, holds in zip(PATTERN_CODES, masks[:, 0]):
        if not holds:
            continue
        ingredients, text = (), plan_texts(inst)["PATTERN_TEXTS"][code]
        if code == HOURS_NO_ROOM:
            ingredients = (inst.hours_ingredient,)
            text = fill(text, hours=f"{float(frame[schema.HOURS].iloc[0]):g}")
        if code == CONTRADICTS:
            ingredients = tuple(i for i, hit in zip(inst.ingredient_ids, pulling[:, 0]) if hit)
            text = fill(text,
                names=join_names([inst.ingredient_in_text(i) for i in ingredients],
                                 inst))
        found.append(Pattern(code, ingredients, text))
    return tuple(found)


#: The columns :func:`table_flags` adds.
NEAR_LINE, PATTERNS, PACE = "near_line", "patterns", "pace_per_week"


def table_flags(data: pd.DataFrame, scores: pd.DataFrame, instrument=None, *,
                sem=None) -> pd.DataFrame:
    """The plan's flags and pace for every row of a table, as columns (codes, not prose).

    Parameters
    ----------
    data : DataFrame
        The response table, item answers as numbers (as :func:`workbook.load_responses`
        returns them).
    scores : DataFrame
        :func:`workbook.score` of ``data`` (same index).
    instrument : Instrument or path, optional
    sem : dict, optional
        Ingredient -> standard error of measurement (default: the instrument's).

    Returns
    -------
    DataFrame
        ``near_line`` (ingredients near a threshold, ``;``-separated), ``patterns``
        (answer-pattern codes) and ``pace_per_week`` (the most conversations a week hours
        and energy allow, with the row's own minutes per step (an export's ``minutes_*``
        columns) or else the usual ones; 0 for ``not_now``, empty when
        it cannot be worked out or for ``incomplete``).

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.scoring import score
    >>> from workbook.core.instrument import load_instrument
    >>> data = pd.DataFrame([dict.fromkeys(load_instrument().item_ids, 3.0)])
    >>> data["hours_per_week"] = 4.0
    >>> flags = table_flags(data, score(data)).iloc[0]   # all "Neither": 50, energy a little
    >>> flags["near_line"], flags["patterns"], float(flags["pace_per_week"])   # 4 h half pace
    ('', 'all_middle', 1.0)
    """
    inst = resolve(instrument)
    n = len(data)
    index = scores.index
    near = np.zeros((len(inst.ingredients), n), dtype=bool)
    for j, ing in enumerate(inst.ingredients):
        error = (sem or {}).get(ing.id, ing.sem)
        if error is None or ing.id not in scores.columns:
            continue
        values = scores[ing.id].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            for level in NEAR_LINES:
                near[j] |= np.abs(values - ing.thresholds[level]) < error
    near_col = _join_flags(near, inst.ingredient_ids)
    patterns = _pattern_codes(data, scores, inst)
    pace = _pace_column(data, scores, inst)
    return pd.DataFrame({NEAR_LINE: near_col, PATTERNS: patterns, PACE: pace}, index=index)


def _join_flags(mask: np.ndarray, names) -> np.ndarray:
    """Per row (column of ``mask``), the names whose row in ``mask`` is set, ``;``-joined."""
    out = np.full(mask.shape[1], "", dtype=object)
    for j, name in enumerate(names):
        hit = mask[j]
        if hit.any():
            out[hit] = [f"{x};{name}" if x else name for x in out[hit]]
    return out



def _pattern_codes(data: pd.DataFrame, scores: pd.DataFrame, inst) -> np.ndarray:
    """Per row, the answer-pattern codes that hold, ``;``-separated."""
    return _join_flags(_pattern_masks(data, scores, inst)[0], PATTERN_CODES)


def _pattern_masks(data: pd.DataFrame, scores: pd.DataFrame, inst) -> tuple:
    """Which patterns hold per row, and which ingredients' answers pull against each other.

    Returns ``(masks, contradicting)``: ``masks`` has one row per code of
    :data:`PATTERN_CODES`; ``contradicting`` one row per ingredient (set only where the row's
    ``contradicts`` pattern holds).
    """
    n, lo, hi = len(data), inst.scale_min, inst.scale_max
    # with the retired statements a row answered on an earlier version holds (as asked)
    items = [i for i in (*inst.items, *(r.as_item() for r in inst.retired_items))
             if i.id in data.columns]
    values = np.column_stack([
        pd.to_numeric(data[i.id], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        for i in items]) if items else np.full((n, 1), np.nan)
    given = ~np.isnan(values)
    count = given.sum(axis=1)
    enough = count >= PATTERN_MIN_SHARE * len(inst.items)
    low = np.where(given, values, np.inf).min(axis=1)
    high = np.where(given, values, -np.inf).max(axis=1)
    one = enough & (low == high)
    middle = (lo + hi) / 2
    all_middle = one & (low == middle)
    one &= ~all_middle
    pulling = np.zeros((len(inst.ingredients), n), dtype=bool)
    for j, ing in enumerate(inst.ingredients):
        fwd = [k for k, i in enumerate(items) if i.ingredient == ing.id and not i.reverse]
        rev = [k for k, i in enumerate(items) if i.ingredient == ing.id and i.reverse]
        if not fwd or not rev:
            continue
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a row with none answered: NaN
            f = np.nanmean(values[:, fwd], axis=1)
            r = lo + hi - np.nanmean(values[:, rev], axis=1)
        pulling[j] = np.abs(r - f) >= CONTRADICTION_SHARE * (hi - lo)
    pulling &= enough & ~one & ~all_middle
    contra = pulling.any(axis=0)
    room = np.zeros(n, dtype=bool)
    no_room = np.zeros(n, dtype=bool)
    gated = inst.hours_ingredient
    if gated and schema.HOURS in data.columns and schema.level_column(gated) in scores.columns:
        hours = schema.counted_hours(pd.to_numeric(data[schema.HOURS], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan))
        level = pd.Categorical(scores[schema.level_column(gated)], categories=list(schema.LEVELS))
        room = (hours == 0) & (level.codes >= 1)
        # The other way: statements at "not yet", yet hours enough for a conversation a week
        # at the instrument's minutes per step.
        enough = sum(instrument_step_minutes(inst).values()) / 60
        with np.errstate(invalid="ignore"):
            no_room = (level.codes == 0) & (hours >= enough)
    return np.vstack([one, all_middle, contra, room, no_room]), pulling


def _pace_column(data: pd.DataFrame, scores: pd.DataFrame, inst) -> np.ndarray:
    n = len(data)
    out = np.full(n, np.nan)
    if schema.HOURS not in data.columns:
        return out
    from workbook.core.pacing import ENERGY_PACE, MIN_PACE, SLOWEST_PACE

    hours = schema.counted_hours(pd.to_numeric(data[schema.HOURS], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan))
    energy = inst.pace_ingredient
    if energy:
        levels = pd.Categorical(scores[schema.level_column(energy)],
                                categories=list(schema.LEVELS))
        lookup = np.array([ENERGY_PACE[x] for x in schema.LEVELS] + [np.nan])
        share = lookup[levels.codes]  # code -1 (unscored) takes the last entry, NaN
    else:
        share = np.ones(n)
    usual = instrument_step_minutes(inst)
    total = np.full(n, float(sum(usual.values())))
    if any(c in data.columns for c in schema.STEP_MINUTE_COLUMNS.values()):
        for k, (_, row) in enumerate(data.iterrows()):  # an export's own minutes (13b S2)
            own = row_inputs(row)[0]
            total[k] = float(sum({**usual, **own}.values()))
    with np.errstate(invalid="ignore"):
        out = np.floor(hours * 60 * share / total * 100 + 1e-9) / 100
        # any hours above 0 give a pace, however slow (pacing.MIN_PACE, round 9b J5)
        out[(out == 0) & (hours * 60 * share / total >= float(SLOWEST_PACE))] = MIN_PACE
    verdict = scores[schema.VERDICT].astype(object).to_numpy()
    out[verdict == schema.NOT_NOW] = 0.0
    out[verdict == schema.INCOMPLETE] = np.nan
    return out
