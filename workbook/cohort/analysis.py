"""Every cohort table at once: :func:`analyse`, as ``workbook cohort`` writes them.

One vocabulary throughout: ``scores`` (or ``data`` for answers), ``by`` (a column or list of
columns to group by), ``min_group`` (groups smaller than this keep their count but show no
statistics, default 5), ``before``/``after`` (the timepoint labels to pair).

Grouped by a column other than ``timepoint``, every table holds the whole cohort first (group
``all``) and then each group; groups are hidden as :mod:`workbook.cohort.suppression` says, so
that no group smaller than ``min_group`` can be read or derived from the whole and the others.

The before/after table describes the people who answered at both ``pre`` and ``post``; the
tables at one timepoint describe everyone who answered then. When 1 to ``min_group - 1``
people of a group answered only once (or answered an ingredient only once), they are a small
group of their own: every table and figure at that timepoint leaves them out of that group
and counts them in ``n_not_shown`` (:func:`workbook.cohort.rows.mark_left_out`), so no two
outputs set side by side give their answers away. A person's group is the one of their
``pre`` answer (:func:`workbook.cohort.groups.same_group_both_times`); item means are not
shown where a few part-answered people would be given away
(:func:`workbook.cohort.reliability_tables.mark_partial`). A hidden group shows its number of
responses (``n_responses``, ``n_both``) and no count per ingredient.

Each table has a module of its own; this one puts them together and names the cohort's
entry points (the README's):

- :mod:`workbook.cohort.summary`: :func:`summarize`;
- :mod:`workbook.cohort.verdicts`: :func:`verdicts`, :func:`bottlenecks`;
- :mod:`workbook.cohort.prepost`: :func:`compare_timepoints`, :func:`reliable_change`, and
  :mod:`workbook.cohort.across_versions` for pairs answered on two instrument versions;
- :mod:`workbook.cohort.reliability_tables`: ``reliability`` and ``reliability_items``;
- :mod:`workbook.cohort.outcome`: ``outcome`` and ``outcome_change``;
- shared by all: :mod:`workbook.cohort.rows` (responses, pairs, who is left out) and
  :mod:`workbook.cohort.groups` (which columns may group, a person's group).

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> from workbook import score
>>> table = summarize(score(load_sample()), by="timepoint")
>>> table[["timepoint", "ingredient", "n"]].head(2).values.tolist()
[['pre', 'hope', 123], ['pre', 'time', 122]]
"""

from __future__ import annotations

import queue

import pandas as pd

from workbook.cohort.across_versions import compare_across_versions, pairs_compared
from workbook.cohort.groups import (
    check_grouping,
    moved_note,
    same_group_both_times,
)
from workbook.cohort.outcome import check_mix, hide_as_summary, later_count_note, outcome_tables
from workbook.cohort.prepost import compare_timepoints, reliable_change
from workbook.cohort.reliability import item_total, reliability
from workbook.cohort.reliability_tables import (
    at_one_timepoint,
    protect_reliability,
    reliability_inputs,
)
from workbook.cohort.rows import (
    hours_gated,
    id_codes,
    mark_left_out,
    unanswered,
    unanswered_note,
    without_carried,
)
from workbook.cohort.stats import as_list, grouping_columns
from workbook.cohort.summary import summarize
from workbook.cohort.suppression import MIN_GROUP, hidden_in, protect, split_columns
from workbook.cohort.verdicts import bottlenecks, verdicts
from workbook.core import schema
from workbook.core.background import in_thread
from workbook.core.instrument import resolve
from workbook.core.scoring import score
from workbook.core.versions import alpha_note
from workbook.responses.group_labels import group_spellings

__all__ = [
    # the README's entry points
    "analyse", "Tables", "summarize", "verdicts", "bottlenecks", "compare_timepoints",
    "reliable_change",
]


class Tables(dict):
    """The tables :func:`analyse` gives (a dict), with what the figures draw from.

    ``marked``: the scores with their group columns as codes and :func:`mark_left_out`'s
    columns for every ingredient, as the tables were made from them (None when not made).
    """

    marked: pd.DataFrame | None = None
    #: :func:`moved_note` of the data: people whose group changes between their answers.
    moved: str = ""
    #: The scores the before/after compares (a pair across versions on the statements both
    #: share: :func:`compare_across_versions`); the prepost figure draws these.
    compared: pd.DataFrame | None = None
    #: :func:`workbook.cohort.outcome.later_count_note`: counts read from a later timepoint.
    outcome_note: str = ""
    #: :func:`group_spellings`' note: groups written more than one way, read as one.
    spelled: str = ""
    #: :func:`unanswered_note`: rows that answer nothing, read only for the outcome.
    unanswered: str = ""
    #: The rows the tables (and figures) are made from: the data less :func:`unanswered`
    #: rows, row for row with ``scores`` (None when not made).
    answered: pd.DataFrame | None = None
    #: :func:`compare_across_versions`' note: the timepoints were answered on different
    #: instrument versions, and which statements the before/after compares ("" for one).
    versions: str = ""
    #: The instrument's name and version, as the outputs record it.
    scored_with: str = ""
    #: :func:`workbook.core.versions.alpha_note`: the responses reliability leaves out, as they
    #: were answered on another version than the one alpha is over ("" for one version).
    alpha_note: str = ""


def analyse(data: pd.DataFrame, by=None, min_group: int = MIN_GROUP, *,
            before: str = schema.BEFORE, after: str = schema.AFTER, instrument=None) -> dict:
    """Every cohort table at once, as ``workbook cohort`` writes them.

    Scores ``data``, then groups by ``timepoint`` (when the table has one) and ``by`` (a
    column that identifies people is refused: :func:`check_grouping`; a person's group is
    the one of their ``before`` response: :func:`same_group_both_times`); with
    ``by``, each table holds the whole (``all``) first. Reliability uses the ``before``
    responses when there are any (the same people answering twice are not independent), else
    every response. Every table is protected as :mod:`workbook.cohort.suppression` says.

    Returns
    -------
    Tables
        A dict of DataFrame: ``scores``, ``summary``, ``verdicts``, ``bottlenecks``,
        ``reliability``, ``reliability_items``, and ``prepost`` when both ``before`` and
        ``after`` occur; with a ``conversations_held`` column, the outcome tables ``outcome``
        and (with both timepoints) ``outcome_change`` (:mod:`workbook.cohort.outcome`); its
        ``marked`` is what :func:`.cohort_plots.cohort_figures` draws from.

    Examples
    --------
    >>> from workbook.responses.datasets import load_sample
    >>> sorted(analyse(load_sample()))  # doctest: +NORMALIZE_WHITESPACE
    ['bottlenecks', 'outcome', 'outcome_change', 'prepost', 'reliability', 'reliability_items',
     'scores', 'summary', 'verdicts']
    """
    inst = resolve(instrument)
    data, spelled = group_spellings(data, by)
    coded = None  # the ids' codes, made once for the checks and notes on groups
    if split_columns(by)[1] and schema.PARTICIPANT_ID in data.columns:
        coded = id_codes(data[schema.PARTICIPANT_ID])
    changes = {}  # who changes group, counted once for the check and the note
    check_grouping(data, by, instrument=inst, coded_ids=coded, changes=changes)
    check_mix(data, before=before, after=after)  # a workshop joined with an export (C11)
    moved = moved_note(data, by, before=before, after=after, coded_ids=coded, changes=changes)
    data = same_group_both_times(data, by, before=before, after=after, coded_ids=coded)
    everyone, empty = data, unanswered(data, inst)
    if empty.any():  # not responses: read for the outcome only
        data = data[~empty]
    scores = score(data, inst)
    # an export's carried ingredients are copies of an earlier session, not answers (T11)
    data, scores = without_carried(data, scores, inst)
    scores = hours_gated(data, scores, inst)  # 0 hours: time not yet, as the verdict (P14)
    for col in as_list(by):
        if col not in scores.columns:
            scores[col] = data[col].to_numpy()
    grouping = as_list(by)
    timepoints = set()
    if schema.TIMEPOINT in scores.columns and scores[schema.TIMEPOINT].notna().any():
        timepoints = set(scores[schema.TIMEPOINT].dropna().astype(str).unique())
        grouping = [schema.TIMEPOINT, *[c for c in grouping if c != schema.TIMEPOINT]]
    paired_by = [c for c in as_list(by) if c != schema.TIMEPOINT]
    # The group columns and ids as categoricals, once: every table reads their codes.
    work = grouping_columns(scores, [*grouping, schema.PARTICIPANT_ID])
    pairs = None  # the pairs the before/after compares, made once (T8)
    if {before, after} <= timepoints:
        pairs = pairs_compared(data, work, before, after, instrument=inst)
    marked = mark_left_out(work, grouping, min_group, before=before, after=after,
                           ingredients=inst.ingredient_ids,
                           compared=None if pairs is None else pairs[1])  # once for every table

    ready = queue.Queue(maxsize=1)  # the reliability inputs, once made (or what failed)

    def reliability_raw():
        """Both reliability tables unprotected (the items' to come)."""
        try:
            inputs = reliability_inputs(data, work, paired_by, min_group, before=before,
                                         after=after, inst=inst, marked=marked)
        except BaseException as exc:
            ready.put(exc)
            raise
        ready.put(inputs)
        # two threads, sharing the parts both tables take (reliability_tables.Parts)
        items = in_thread(at_one_timepoint, item_total, *inputs, True)
        return at_one_timepoint(reliability, *inputs, raw=True), items

    # The reliability tables are mostly numpy work, which lets go of the interpreter: the
    # second core makes them while the summary and the verdict tables are made here (their
    # inputs are only read; the same tables as made in line).
    made = in_thread(reliability_raw)
    tables = Tables({
        "scores": scores,
        "summary": summarize(work, grouping, min_group, instrument=inst, before=before,
                             after=after, marked=marked),
        "verdicts": verdicts(work, grouping, min_group, before=before, after=after,
                             marked=marked),
        "bottlenecks": bottlenecks(work, grouping, min_group, instrument=inst, before=before,
                                   after=after, marked=marked),
    })
    tables.marked = marked
    tables.moved = moved
    tables.unanswered = unanswered_note(int(empty.sum()))
    tables.spelled = spelled
    tables.answered = data
    # A group the summary hides at reliability's timepoint is hidden there too (attacks5 C1).
    at = [before] if before in timepoints else None

    def protected(table):
        return protect_reliability(table, inputs[2], min_group, summary=tables["summary"],
                                   timepoints=at)

    inputs = ready.get()
    if isinstance(inputs, BaseException):
        made()  # raises it
    tables.alpha_note = alpha_note(inputs[0], inst)  # while the reliability table is made
    raw, items = made()
    tables["reliability"] = protected(raw)
    tables.scored_with = f"Scored with {inst.name}, version {inst.version}."
    prepost = None  # made while the item-total table is still being made
    if {before, after} <= timepoints:
        prepost, tables.versions, tables.compared = compare_across_versions(
            data, work, before, after, by=paired_by or None, min_group=min_group,
            alpha=tables["reliability"], instrument=inst, made=pairs,
        )
    tables["reliability_items"] = protected(items())
    if prepost is not None:  # a group the summary hides, before or after, is hidden (C1)
        counts = ("ingredient", "n_both", "n_before_only", "n_after_only", "not_compared")
        tables["prepost"] = protect(
            prepost, by=paired_by, n="n_pairs", split="ingredient", min_group=min_group,
            stats=[c for c in prepost.columns if c not in (*paired_by, *counts)],
            also=hidden_in(tables["summary"], prepost, by=paired_by,
                           timepoints=[before, after]))
    if schema.CONVERSATIONS_HELD in data.columns:
        tables.update(outcome_tables(everyone, scores, by, min_group, before=before,
                                     after=after, instrument=inst, answered=data))
        # counts read from a timepoint after ``after`` (followup) are said (C19)
        tables.outcome_note = later_count_note(everyone, before=before, after=after)
        # a group the summary hides (any ingredient) shows no outcome either (C1)
        if "outcome" in tables:
            tables["outcome"] = hide_as_summary(
                tables["outcome"], tables["summary"], paired_by, min_group,
                [after] if after in timepoints else None)
    return tables
