"""The response schema, declared once: column names, levels, verdicts and value ranges.

Everything that names a column of the canonical table, a level or a verdict imports it from
here. Item ids and ingredient ids come from the instrument (:mod:`workbook.core.instrument`).
"""

from __future__ import annotations

# Canonical wide table: one row per participant per timepoint.
PARTICIPANT_ID = "participant_id"
COHORT = "cohort"
TIMEPOINT = "timepoint"
DATE = "date"
HOURS = "hours_per_week"
MOTIVATORS = "motivators"
NORTH_STAR = "north_star"
NOTES = "notes"

#: Columns of the wide table other than the items, in their canonical order.
ID_COLUMNS = (PARTICIPANT_ID, COHORT, TIMEPOINT, DATE)
EXTRA_COLUMNS = (HOURS, MOTIVATORS, NORTH_STAR, NOTES)

#: Conversations a participant held after the workshop: a whole number, optional, read at
#: ``post`` (the cohort's outcome, :mod:`workbook.cohort.outcome`).
CONVERSATIONS_HELD = "conversations_held"
#: Optional survey columns about what people did afterwards (after the extras when written).
OUTCOME_COLUMNS = (CONVERSATIONS_HELD,)
#: Counts ``workbook export-clients`` adds from each client's conversations list (with
#: ``conversations_held``), declared so that reading an export knows them as the kit's own.
PEOPLE_LISTED = "people_listed"
NOTES_SENT = "notes_sent"
#: Places on the client's ranked list, and those with at least one person listed at them.
PLACES_LISTED = "places_listed"
PLACES_WITH_CONTACT = "places_with_contact"
TRACKER_COUNTS = (PEOPLE_LISTED, NOTES_SENT)
#: The place counts, after ``conversations_held`` in an export (issue 21).
PLACE_COUNTS = (PLACES_LISTED, PLACES_WITH_CONTACT)
#: ``export-clients``: each row's ingredients carried from an earlier session (not answered
#: that day), with the date their answers come from (``time 2026-11-02; energy 2026-11-02``),
#: so a report read from the export shows no change that was never measured (round 12a P9).
CARRIED = "carried"
#: ``export-clients``: the client's own minutes per step of a conversation (step -> column;
#: empty where the usual minutes apply) and the pace they chose, so `score` and a report read
#: from the export give the pace the client was told (round 13b S2).
STEP_MINUTE_COLUMNS = {step: f"minutes_{step}"
                       for step in ("research", "write", "arrange", "talk", "follow_up")}
CHOSEN_PER_WEEK = "chosen_per_week"
PLAN_COLUMNS = (*STEP_MINUTE_COLUMNS.values(), CHOSEN_PER_WEEK)
#: What the time page takes: whole minutes per step, and a chosen pace above 0 and at most
#: this many conversations a week; any other value in an export's cell is a problem.
STEP_MINUTES_RANGE = (1, 600)
CHOSEN_PER_WEEK_MAX = 100
#: Conversations held: the accepted range (more than this is taken for a typing slip).
CONVERSATIONS_RANGE = (0, 500)

# Long form: one row per answer.
ITEM_ID = "item_id"
RESPONSE = "response"

#: Timepoint labels that enable a paired before/after analysis (any other label is allowed).
BEFORE = "pre"
AFTER = "post"

#: Levels, from least to most.
NOT_YET = "not_yet"
A_LITTLE = "a_little"
PLENTY = "plenty"
LEVELS = (NOT_YET, A_LITTLE, PLENTY)

#: Verdicts, in the order they are decided.
INCOMPLETE = "incomplete"
NOT_NOW = "not_now"
BUILD_FIRST = "build_first"
READY = "ready"
VERDICTS = (INCOMPLETE, NOT_NOW, BUILD_FIRST, READY)

#: An ingredient's gate: which verdict a ``not_yet`` level leads to.
GATES = (NOT_NOW, BUILD_FIRST)

#: What a client may want from work (the ambition notebook's choices).
MOTIVATOR_CHOICES = ("money", "status", "meaning", "camaraderie", "freedom", "power", "other")
MOTIVATOR_SEPARATOR = ";"

#: Groups smaller than this show their count but no statistics (``--min-group``).
MIN_GROUP = 5

#: What ``--keep`` may say: keep the first or the last of repeated responses.
KEEP_CHOICES = ("first", "last")
#: Orders that settle an ambiguous day and month (``--dates``).
DATE_ORDERS = ("dmy", "mdy")

#: Hours a week a client can give: the accepted range.
HOURS_RANGE = (0.0, 80.0)
#: The fewest hours a week that count as hours (36 seconds): fewer, above 0, are taken as 0
#: everywhere (no hours now, the hours gate closed), so no screen says "no hours" beside a
#: verdict that counted some; from here on every plan has a pace (round 13b S5).
LEAST_HOURS = 0.01


def counted_hours(hours):
    """Hours a week as every rule reads them: above 0 and below :data:`LEAST_HOURS` are 0.

    Works on a number or a numpy array (NaN stays NaN).

    >>> counted_hours(0.0001), counted_hours(0.01), counted_hours(2.5)
    (0.0, 0.01, 2.5)
    """
    import numpy as np

    if isinstance(hours, np.ndarray):
        return np.where((hours > 0) & (hours < LEAST_HOURS), 0.0, hours)
    return 0.0 if 0 < hours < LEAST_HOURS else hours

#: Ingredients within this many POMP points of the lowest are listed as weakest too.
WEAKEST_MARGIN = 5.0

#: Score output columns besides the per-ingredient ones.
VERDICT = "verdict"
WEAKEST = "weakest"
FOCUS = "focus"  # the ingredients behind the verdict, ;-separated
LIST_SEPARATOR = ";"


def level_column(ingredient: str) -> str:
    """Name of the column holding an ingredient's level (``hope`` -> ``hope_level``)."""
    return f"{ingredient}_level"


def answered_column(ingredient: str) -> str:
    """Name of the column holding how many of an ingredient's items were answered."""
    return f"{ingredient}_answered"
