"""Checked against what people then do: whether readiness predicts going on to talk.

The outcome is whether a person held one or more conversations (``conversations_held >= 1``,
read as :func:`workbook.cohort.outcome.outcome_rows` reads it: the ``post`` answers, or each
person's latest row of a workspace export). The readiness that predicts it is the one measured
*before* the outcome:

- with ``pre`` and ``post`` answers, each person's ``pre`` scores against their ``post``
  conversations (people who answered only once are not counted);
- with ``post`` answers only, the ``post`` scores against the ``post`` conversations: both
  at the same time, so this shows whether the two go together, not a prediction;
- with neither (a workspace export, one row per session), each person's first answered
  session against the conversations held by their latest (counted to the export day); a
  file of one undated row a person is read as at the same time.

Who is read: those who said how many conversations they held with every ingredient scored
(so with a verdict): the counts and the verdict's row; how many more said so is given
(:attr:`Validity.unscored_note`). With ``pre`` and ``post`` answers, each ingredient's row
holds instead, on each side (held one or more, held none), the people the cohort's split by
whether people went on to talk (``outcome_change.csv``) compares on it (answered it both
times), and others with that score only where they are none or at least ``min_group`` on that
side: set beside that table, a row with a few people more or fewer would give back their
scores (round 12a P8). Without both timepoints every row is of the same people.

For each ingredient score and for the verdict (``ready``
against any other): the area under the ROC curve (AUC) with a DeLong 95% CI; the sensitivity and
specificity at today's cut-off (a score at or above the ingredient's "a little" line; the
verdict ``ready``) with Wilson 95% intervals; the odds ratio of a logistic model
(``statsmodels``, one score at a time, per 10 points; for the verdict, ready against not)
with a Wald 95% CI; and the cut-off that would have separated best (the Youden index, a
score at or above it) with a 95% percentile interval from resamples of the people, drawn
within each outcome class with a fixed seed. That cut-off is always provisional. Where
today's line falls outside its interval, :meth:`Validity.line_guidance` says what that can
and cannot mean (the best line weighs a person missed and a person picked out as equal;
today's line is meant to be generous), for the summary and the report alike.

Small groups (:mod:`workbook.cohort.suppression`): nothing is shown unless at least ``min_group``
people held a conversation and ``min_group`` held none; the verdict's figures also need
``min_group`` people ready and ``min_group`` not; the curves and the best cut-off (order
statistics, as the cohort's quartiles) need twice ``min_group`` on each side. Set beside the
cohort's tables, nothing may give back whom they hide (round 9a H4): the people those tables
leave out at the time read are left out here too (:attr:`Validity.n_left_out`), and nothing
is shown where the cohort's outcome split hides the side of those who held one or more or of
those who held none, or where those its tables describe at that time less those read here
(no answer about conversations, an ingredient without a score) are 1 to ``min_group - 1``.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> result = validity(load_sample())
>>> result.reading, result.n > 0, list(result.table["predictor"])[-1]
('pre', True, 'verdict')
"""

from __future__ import annotations

import functools
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.cohort.outcome import (
    HELD_NONE,
    HELD_SOME,
    TALKED,
    change_by_talk,
    check_mix,
    outcome_rows,
    row_dates,
    unread_count_note,
)
from workbook.cohort.rows import check_pairs, unanswered
from workbook.cohort.stats import CONFIDENCE, is_label
from workbook.cohort.suppression import MIN_GROUP, ORDER_STATS_FACTOR, hidden_groups
from workbook.core import schema
from workbook.core.exceptions import DataError, InstrumentError
from workbook.core.instrument import resolve
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.responses.group_labels import ALL

__all__ = ["validity", "Validity", "auc_delong", "wilson", "youden", "odds_ratio",
           "VERDICT_ROW", "RESAMPLES", "SEED", "NoOutcomeError"]

HELD = schema.CONVERSATIONS_HELD
#: The predictor name of the verdict's row (the ingredients' rows are named by their ids).
VERDICT_ROW = "verdict"
#: Resamples of the best cut-off's interval, and the seed they are drawn with.
RESAMPLES = 2000
SEED = 20261207
#: Odds ratios are given per this many points of a score.
PER_POINTS = 10
#: How the readiness was read against the outcome (``Validity.reading``).
PRE, SAME_TIME, FIRST = "pre", "same_time", "first"


def words(instrument=None) -> dict:
    """The texts of ``[words.validity]``: the instrument's, the kit's for any it lacks."""
    kit = _table(str(DEFAULT_PATH))
    source = getattr(resolve(instrument), "source", None) if instrument is not None else None
    return {**kit, **(_table(str(source)) if source else {})}


@functools.cache
def _table(source: str) -> dict:
    path = Path(source)
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(f"instrument file {path} cannot be read: {exc}") from None
    table = raw.get("words", {}).get("validity", {})
    return {k: v for k, v in table.items() if isinstance(v, str)} if isinstance(table, dict) \
        else {}


#: The words of this check (``[words.validity]`` of the instrument), the kit's own here; a
#: result carries those of the instrument it was read with (:attr:`Validity.words`).
KIT_WORDS = words()
#: How the readiness was read against the outcome (``Validity.reading``), the kit's words.
READING_WORDS = {key: KIT_WORDS[f"reading_{key}"] for key in (PRE, SAME_TIME, FIRST)}
#: The cohort report's section: its heading, what it read, and how to read it (the kit's).
HEADING = KIT_WORDS["heading"]
SECTION_NOTE = KIT_WORDS["section_note"]
HOW_TO_READ = KIT_WORDS["how_to_read"]
#: What a best line whose interval leaves out today's line can and cannot mean: said for the
#: rows where today's line is below the interval (``{names}``: "Time, Energy and Ambition"),
#: then for those where it is above, then the caveat every such row shares.
LINE_BELOW = KIT_WORDS["line_below"]
LINE_ABOVE = KIT_WORDS["line_above"]
LINE_OUTSIDE = KIT_WORDS["line_outside"]
#: Status of every best cut-off.
PROVISIONAL = "provisional"
METHODS = KIT_WORDS["methods"]

COLUMNS = ["predictor", "readiness_at", "n", "n_held_some", "n_held_none", "auc", "auc_low",
           "auc_high", "current_cutoff", "sensitivity", "sensitivity_low", "sensitivity_high",
           "specificity", "specificity_low", "specificity_high", "odds_ratio", "odds_ratio_low",
           "odds_ratio_high", "odds_ratio_per", "best_cutoff", "best_cutoff_low",
           "best_cutoff_high", "best_cutoff_status", "note"]


class NoOutcomeError(DataError):
    """The data have no ``conversations_held`` column: nothing to check readiness against."""


@dataclass
class Validity:
    """What :func:`validity` found.

    Attributes
    ----------
    reading : str
        ``pre``, ``same_time`` or ``first`` (see the module's docstring); words in
        :data:`READING_WORDS`.
    n, n_held_some, n_held_none : int
        People with every ingredient scored and an answer about conversations (every row
        is of these people), and how many of them held one or more, or none.
    withheld : str
        Why nothing is shown ("" when the table is there).
    table : DataFrame or None
        One row per ingredient, then the verdict (:data:`COLUMNS`).
    roc : DataFrame or None
        The curves' points: ``predictor``, ``cutoff`` (a score at or above it),
        ``sensitivity``, ``false_positive_rate``; only for predictors shown in full.
    """

    reading: str
    n: int = 0
    n_held_some: int = 0
    n_held_none: int = 0
    withheld: str = ""
    table: pd.DataFrame | None = None
    roc: pd.DataFrame | None = None
    min_group: int = MIN_GROUP
    resamples: int = RESAMPLES
    seed: int = SEED
    cutoffs: dict = field(default_factory=dict)
    #: The instrument's name of the verdict ``ready`` (its ``[words.verdicts]``).
    ready: str = "Ready"
    #: People who said how many conversations they held, not counted as an ingredient of
    #: theirs has no score (too few statements answered).
    n_unscored: int = 0
    #: People who said how many conversations they held, not counted as the cohort's tables
    #: leave them out at the time read (they answered it only once: round 9a H4).
    n_left_out: int = 0
    #: People who said how many conversations they held and answered no statement in any
    #: row (an export's client with a conversations list and no session): no readiness to
    #: read, so not counted (round 14c W9).
    n_no_answers: int = 0
    #: The instrument the scores were read with ("Scored with ..., version 2.1.").
    scored_with: str = ""
    #: The texts of ``[words.validity]`` it is said in (:func:`words`).
    words: dict = field(default_factory=lambda: dict(KIT_WORDS))
    #: Read from a file of sessions or weeks (no ``pre``/``post``): people are left out by
    #: the timepoint of the row read (round 13c T1).
    by_day: bool = False
    #: How many of the people counted (``n``) were read at each timepoint.
    read_at: dict = field(default_factory=dict)
    #: Each ingredient's row is of the people the cohort's before-and-after split compares
    #: on it (a file with both timepoints, round 12a P8); ``n`` and the verdict's row are of
    #: those with every ingredient scored.
    by_pairs: bool = False

    #: Where the counts read were not all at ``post`` while the readiness is (a file with
    #: ``post`` and ``followup``): which timepoints they were read at ("followup for 40
    #: people, post for 0"), said in :attr:`reading_words` (round 13c T20).
    counts_from: str = ""
    after: str = schema.AFTER

    @property
    def reading_words(self) -> str:
        """What was read against what, in words."""
        if self.reading == SAME_TIME and self.counts_from:
            return self.words["reading_later"].format(after=self.after, note=self.counts_from)
        if self.reading == PRE and self.counts_from:  # round 14c W12
            return self.words["reading_pre_later"].format(note=self.counts_from)
        return self.words[f"reading_{self.reading}"]

    @property
    def methods(self) -> str:
        """How each figure was computed, in a paragraph."""
        return self.words["methods"].format(resamples=self.resamples, seed=self.seed,
                                            ready=self.ready)

    @property
    def unscored_note(self) -> str:
        """The sentences saying how many were not counted, and why, or ""."""
        said = []
        if self.n_unscored:
            key = "unscored_one" if self.n_unscored == 1 else "unscored_many"
            if self.by_pairs:
                key = "unscored_paired_one" if self.n_unscored == 1 else "unscored_paired_many"
            said.append(self.words[key].format(n=self.n_unscored))
        if self.n_left_out:  # counted in the ingredients' rows where by pairs (round 13c T2)
            key = "left_out_paired" if self.by_pairs else \
                "left_out_day" if self.by_day else "left_out"
            said.append(self.words[key].format(n=self.n_left_out, min_group=self.min_group))
        if self.n_no_answers:
            key = "no_answers_one" if self.n_no_answers == 1 else "no_answers_many"
            said.append(self.words[key].format(n=self.n_no_answers))
        return " ".join(said)

    @property
    def how_to_read(self) -> str:
        """How to read the figures, in a paragraph for a workshop lead."""
        return self.words["how_to_read"].format(n=self.n, ready=self.ready)

    def outside(self) -> tuple[list, list]:
        """The ingredients whose today's line is below, and above, the best line's interval."""
        below, above = [], []
        if self.table is None:
            return below, above
        for r in self.table.itertuples(index=False):
            if r.predictor == VERDICT_ROW or pd.isna(r.best_cutoff_low):
                continue
            if r.current_cutoff < r.best_cutoff_low:
                below.append(r.predictor)
            elif r.current_cutoff > r.best_cutoff_high:
                above.append(r.predictor)
        return below, above

    def line_guidance(self, name=lambda i: i) -> str:
        """What a best line whose interval leaves out today's line means, or "" for none.

        ``name``: an ingredient id -> the name people read.
        """
        below, above = self.outside()
        said = [words.format(names=_listed([name(i) for i in ids], self.words["names_and"]))
                for words, ids in ((self.words["line_below"], below),
                                   (self.words["line_above"], above)) if ids]
        if said:
            said.append(self.words["line_outside"].format(n=self.n))
        return " ".join(said)


def _listed(names: list, joined: str) -> str:
    """"Time", "Time and Energy", "Time, Energy and Ambition" (``joined``: the last "and")."""
    return names[0] if len(names) == 1 else joined.format(names=", ".join(names[:-1]),
                                                          name=names[-1])


# --- the statistics --------------------------------------------------------------------

def _z() -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + CONFIDENCE / 2))


def auc_delong(x, y) -> tuple[float, float, float]:
    """Area under the ROC curve of ``x`` for ``y`` (1/0), with DeLong's 95% CI.

    The AUC is the chance that someone with ``y == 1`` has the higher ``x`` (a tie counts
    half); its variance is DeLong's (1988), from each person's placement among the other
    class. The interval is the normal one, kept within 0 and 1.

    Examples
    --------
    >>> auc, low, high = auc_delong([1, 2, 3, 4, 5, 6], [0, 0, 1, 0, 1, 1])
    >>> round(auc, 3)
    0.889
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=bool)
    x1, x0 = np.sort(x[y]), np.sort(x[~y])
    m, n = len(x1), len(x0)
    below = np.searchsorted(x0, x1, "left")
    ties = np.searchsorted(x0, x1, "right") - below
    v10 = (below + ties / 2) / n  # each y=1 person's placement among the y=0
    above = m - np.searchsorted(x1, x0, "right")
    ties0 = np.searchsorted(x1, x0, "right") - np.searchsorted(x1, x0, "left")
    v01 = (above + ties0 / 2) / m
    auc = float(v10.mean())
    var = (v10.var(ddof=1) / m if m > 1 else 0.0) + (v01.var(ddof=1) / n if n > 1 else 0.0)
    half = _z() * np.sqrt(var)
    return auc, max(0.0, float(auc - half)), min(1.0, float(auc + half))


def wilson(k: int, n: int) -> tuple[float, float, float]:
    """A share ``k / n`` with its Wilson 95% interval.

    Examples
    --------
    >>> [round(v, 3) for v in wilson(8, 10)]
    [0.8, 0.49, 0.943]
    """
    if n == 0:
        return np.nan, np.nan, np.nan
    z = _z()
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return p, max(0.0, float(centre - half)), min(1.0, float(centre + half))


def odds_ratio(x, y, per: float = 1.0, said: dict | None = None
               ) -> tuple[float, float, float, str]:
    """Odds ratio of ``y`` (1/0) per ``per`` of ``x`` from a logistic model, with its 95% CI.

    Fitted with ``statsmodels`` (``Logit``, a constant and ``x / per``); the interval is
    Wald's. Returns ``(odds ratio, low, high, note)``; where no finite estimate exists (the
    two classes do not overlap, one value of ``x`` only, the fit does not settle) the numbers
    are NaN and ``note`` says why, in ``said`` (the texts of :func:`words`; the kit's by
    default).

    Examples
    --------
    >>> ratio, low, high, note = odds_ratio([1, 1, 1, 0, 0, 1, 0, 0], [1, 1, 0, 0, 1, 0, 0, 0])
    >>> round(ratio, 3), note
    (3.0, '')
    """
    said = said or KIT_WORDS
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    x1, x0 = x[y == 1], x[y == 0]
    if np.ptp(x) == 0:
        return np.nan, np.nan, np.nan, said["odds_same"]
    if x0.max() <= x1.min() or x1.max() <= x0.min():
        return np.nan, np.nan, np.nan, said["odds_apart"]
    import statsmodels.api as sm

    design = sm.add_constant(x / per, has_constant="add")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fit = sm.Logit(y, design).fit(disp=0, maxiter=100)
    except Exception:  # separation, a singular design, no convergence: say so, no number
        return np.nan, np.nan, np.nan, said["odds_unsettled"]
    if not fit.mle_retvals.get("converged", True):
        return np.nan, np.nan, np.nan, said["odds_unsettled"]
    low, high = fit.conf_int(alpha=1 - CONFIDENCE)[1]
    return float(np.exp(fit.params[1])), float(np.exp(low)), float(np.exp(high)), ""


def _counts(x, y):
    """The distinct values of ``x`` (ascending) and how many of each class hold each."""
    values, where = np.unique(x, return_inverse=True)
    c1 = np.bincount(where[y], minlength=len(values))
    c0 = np.bincount(where[~y], minlength=len(values))
    return values, c1, c0


def _best(values, c1, c0, current) -> np.ndarray:
    """Index of the Youden cut-off for each row of counts ``c1``, ``c0`` (shape (B, V)).

    ``J * n1 * n0 = s1 * n0 - s0 * n1`` in whole numbers (``s``: people at or above a
    value), so ties are exact; among ties, the value nearest ``current``, then the lower.
    """
    s1 = np.cumsum(c1[:, ::-1], axis=1)[:, ::-1]
    s0 = np.cumsum(c0[:, ::-1], axis=1)[:, ::-1]
    n1, n0 = s1[:, :1], s0[:, :1]
    j = s1 * n0 - s0 * n1
    near = np.lexsort((values, np.abs(values - current)))  # best first
    rank = np.empty(len(values), dtype=np.int64)
    rank[near] = np.arange(len(values))
    key = j * len(values) + (len(values) - 1 - rank)
    return np.argmax(key, axis=1)


def youden(x, y, current: float, *, resamples: int = RESAMPLES, seed: int = SEED
           ) -> tuple[float, float, float, float]:
    """The cut-off that separates best (a score at or above it) and a 95% resampled interval.

    The Youden index J = sensitivity + specificity - 1 over every value of ``x``; on a tie
    the value nearest ``current`` (today's cut-off), then the lower; and ``current`` itself
    when it separates as well as the best value (:func:`_pick`). The interval: the 2.5th
    and 97.5th percentiles (taken on the values, outward) of the best cut-off in
    ``resamples`` resamples of the people, each class resampled within itself (its size
    kept), with a fixed ``seed``.

    Returns ``(cut-off, low, high, J)``.

    Examples
    --------
    >>> youden([10, 20, 30, 40, 50, 60], [0, 0, 0, 1, 1, 1], 45)[0]
    40.0
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=bool)
    values, c1, c0 = _counts(x, y)
    cut = _pick(values, c1[None], c0[None], current)[0]
    s1, s0 = c1[values >= cut].sum(), c0[values >= cut].sum()
    j = s1 / c1.sum() - s0 / c0.sum()
    rng = np.random.default_rng(seed)
    b1 = rng.multinomial(int(c1.sum()), c1 / c1.sum(), size=resamples)
    b0 = rng.multinomial(int(c0.sum()), c0 / c0.sum(), size=resamples)
    picks = _pick(values, b1, b0, current)
    tail = (1 - CONFIDENCE) / 2
    low = float(np.quantile(picks, tail, method="lower"))
    high = float(np.quantile(picks, 1 - tail, method="higher"))
    return float(cut), low, high, float(j)


def _pick(values, c1, c0, current) -> np.ndarray:
    """The Youden cut-off of each row of counts; today's line (``current``) where it ties.

    Today's line separates the people as a value at or above it does; when no value
    separates them better (the same J: no one scored between them, or everyone the same),
    the best line is today's, in the estimate and in every resample (attacks4 B11).
    """
    best = _best(values, c1, c0, current)
    rows = np.arange(len(best))
    s1 = np.cumsum(c1[:, ::-1], axis=1)[:, ::-1]
    s0 = np.cumsum(c0[:, ::-1], axis=1)[:, ::-1]
    n1, n0 = s1[:, 0], s0[:, 0]
    j_best = s1[rows, best] * n0 - s0[rows, best] * n1
    above = values >= current
    j_today = c1[:, above].sum(axis=1) * n0 - c0[:, above].sum(axis=1) * n1
    return np.where(j_today >= j_best, float(current), values[best])


def roc_points(x, y) -> pd.DataFrame:
    """The ROC curve's points: for each cut-off (a value at or above it), both rates.

    The first point (a cut-off above every value: no ``cutoff``) is (0, 0); the last, the
    lowest value, (1, 1).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=bool)
    values, c1, c0 = _counts(x, y)
    s1 = np.cumsum(c1[::-1])[::-1] / c1.sum()
    s0 = np.cumsum(c0[::-1])[::-1] / c0.sum()
    return pd.DataFrame({"cutoff": np.r_[np.nan, values[::-1]],
                         "sensitivity": np.r_[0.0, s1[::-1]],
                         "false_positive_rate": np.r_[0.0, s0[::-1]]})


# --- who is read, and when -------------------------------------------------------------

def _pairs(data: pd.DataFrame, inst, before: str, after: str, same_time: bool = False):
    """(rows whose readiness is read, each one's conversations held, the reading) .

    The predictor rows are a sub-table of ``data``; ``held`` is aligned with them (NaN where
    the person did not say or has no outcome row).
    """
    ids = data[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None)
    answered = ~unanswered(data, inst)
    out_rows = np.flatnonzero(outcome_rows(data, before=before, after=after))
    held_at = dict(zip(ids[out_rows],
                       pd.to_numeric(data[HELD].iloc[out_rows], errors="coerce")
                       .to_numpy(dtype=float, na_value=np.nan)))
    timepoint = data[schema.TIMEPOINT] if schema.TIMEPOINT in data.columns else None
    has_before = timepoint is not None and is_label(timepoint, before).any()
    has_after = timepoint is not None and is_label(timepoint, after).any()
    if has_before and has_after and not same_time:
        rows, reading = np.flatnonzero(is_label(timepoint, before) & answered), PRE
    elif has_after:
        rows, reading = np.flatnonzero(is_label(timepoint, after) & answered), SAME_TIME
    else:
        when = row_dates(data)
        order = pd.DataFrame({"who": ids, "pos": np.arange(len(data)),
                              "when": when.to_numpy()})[answered]
        order = order.sort_values(["when", "pos"], na_position="last", kind="stable")
        rows = np.sort(order.drop_duplicates("who", keep="first")["pos"].to_numpy())
        # Sessions (dated, or more than one row a person) are read first against latest; one
        # undated row a person is a survey asking both at once.
        dated = when.notna().any() or pd.Series(ids).duplicated().any()
        reading = FIRST if dated else SAME_TIME
    held = np.array([held_at.get(w, np.nan) for w in ids[rows]], dtype=float)
    return data.take(rows), held, reading


# --- the table -------------------------------------------------------------------------

def validity(data: pd.DataFrame, min_group: int = MIN_GROUP, *, before: str = schema.BEFORE,
             after: str = schema.AFTER, instrument=None, resamples: int = RESAMPLES,
             seed: int = SEED, source: str | None = None, same_time: bool = False
             ) -> Validity:
    """Does readiness predict going on to talk to anyone? See the module's docstring.

    Parameters
    ----------
    data : DataFrame
        Answers with ``conversations_held``, as :func:`workbook.load_responses` gives them
        (rows that answer nothing are read for their conversations only).
    min_group : int, default 5
    before, after : str
    instrument : Instrument or path, optional
    resamples, seed : int
        Of the best cut-off's interval.
    source : str, optional
        The file the data came from, for the message when the column is missing.
    same_time : bool, default False
        With ``before`` and ``after`` answers, read the ``after`` readiness (as with
        ``after`` answers only: whether the two go together, not a prediction).

    Returns
    -------
    Validity
        With ``withheld`` saying why, and no table, when there are too few people or no
        answers to read.

    Raises
    ------
    NoOutcomeError
        Without a ``conversations_held`` column (naming ``source``).
    DataError
        For a table that cannot be paired (:func:`workbook.cohort.rows.check_pairs`).
    """
    from workbook.core.scoring import score

    inst = resolve(instrument)
    said = words(inst)
    if HELD not in data.columns:
        where = said["no_outcome_file"].format(where=source) if source else \
            said["no_outcome_data"]
        raise NoOutcomeError(said["no_outcome"].format(where=where, held=repr(HELD)))
    check_pairs(data, before, after)
    # a workshop's pre/post joined with a workspace export: refused, as cohort refuses it,
    # before "only pre answers" could be said of the workshop's part (round 9a H9)
    check_mix(data, before=before, after=after)
    timepoint = data[schema.TIMEPOINT] if schema.TIMEPOINT in data.columns else None
    if timepoint is not None and is_label(timepoint, before).any() and \
            not is_label(timepoint, after).any():
        unread = unread_count_note(data, before=before, after=after)  # round 13c T23
        return Validity(PRE, withheld=said["nothing_to_check"].format(reason=unread) if unread
                        else said["nothing_yet"].format(held=HELD, after=repr(after),
                                                        before=repr(before)),
                        min_group=min_group, words=said)
    rows, held, reading = _pairs(data, inst, before, after, same_time)
    if same_time and reading == FIRST:  # sessions by date: no post to read (round 13c T13)
        raise DataError(said["same_time_none"].format(after=repr(after)))
    scores = score(rows, inst)
    # One set of people for every row: those with every ingredient scored (so with a verdict
    # too); rows of different people would give away, one set against another, whether the
    # few with an ingredient unscored talked.
    scored = scores[list(inst.ingredient_ids)].notna().all(axis=1).to_numpy(dtype=bool)
    # Those the cohort's tables leave out at this time are left out here too: the figures
    # set side by side would give them away (round 9a H4).
    described = _described(data, inst, reading, min_group, before, after, rows)
    ids = rows[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None) \
        if schema.PARTICIPANT_ID in rows.columns else np.full(len(rows), None, dtype=object)
    complete = scored
    if described is not None:
        scored = scored & ~np.isin(ids, list(described[1]))
    known = np.isfinite(held) & scored
    talked = known & (held >= 1)
    # With the cohort's before-and-after split (outcome_change.csv), each ingredient's row
    # holds, on each side (held one or more, held none), everyone that split compares on it,
    # and others with the score only where they are none or at least min_group: set beside
    # that table, a row with 1 to min_group - 1 people more or fewer on a side would give
    # back their scores (round 12a P8).
    paired = _paired(data, inst, before, after, min_group) if reading in (PRE, SAME_TIME) \
        else None
    reads = {}
    for ing in inst.ingredient_ids:
        if paired is None:
            reads[ing] = known
            continue
        left = described[4][ing] if described is not None else set()
        base = (np.isfinite(held) & scores[ing].notna().to_numpy(dtype=bool)
                & ~np.isin(ids, list(left)))
        extra = base & ~np.isin(ids, list(paired[0][ing]))
        for side in (held >= 1, held == 0):
            if 0 < (extra & side).sum() < min_group:
                base &= ~(extra & side)
        reads[ing] = base
    result = Validity(reading, n=int(known.sum()), n_held_some=int(talked.sum()),
                      n_held_none=int((known & ~talked).sum()), min_group=min_group,
                      resamples=resamples, seed=seed, ready=inst.verdict_name(schema.READY),
                      n_unscored=int((np.isfinite(held) & ~complete).sum()),
                      n_left_out=int((np.isfinite(held) & complete & ~scored).sum()),
                      n_no_answers=_no_answers(data, inst, before, after),
                      scored_with=said["scored_with"].format(name=inst.name,
                                                             version=inst.version),
                      words=said, by_pairs=paired is not None,
                      by_day=described is not None and described[6] is not None)
    result.cutoffs = {i: inst.ingredient(i).thresholds["a_little"] for i in inst.ingredient_ids}
    result.after = after
    if reading in (PRE, SAME_TIME) and timepoint is not None:  # from followup (T20, W12)
        result.counts_from = _counts_from(data, rows, known, before, after, said)
    if schema.TIMEPOINT in rows.columns:
        result.read_at = rows[schema.TIMEPOINT].astype("string").str.strip()[known] \
            .value_counts(sort=False).to_dict()
    if not known.any():
        from workbook.responses.io import (
            held_before_only_notes,  # counts on pre rows only: the reading note's words
        )

        on_pre = held_before_only_notes(data)
        result.withheld = said["nothing_to_check"].format(reason=on_pre[0]) if on_pre else \
            said["nobody_said"].format(held=HELD)
        return result
    if min(result.n_held_some, result.n_held_none) < min_group:
        result.withheld = said["too_few"].format(min_group=min_group)
        return result
    away = _gives_away(data, inst, {ing: ids[m] for ing, m in reads.items()},
                       dict(zip(ids, held)), min_group, before, after, described, paired)
    if away:  # named: what is short, and where (round 12a P4)
        result.withheld = said["too_few_hidden"].format(
            min_group=min_group, names=_listed([inst.ingredient(i).name for i in away],
                                               said["names_and"]))
        return result
    y = np.isfinite(held) & (held >= 1)
    table, curves = [], []
    for ing in inst.ingredient_ids:
        x = scores[ing].to_numpy(dtype=float, na_value=np.nan)
        row, curve = _continuous(ing, x, y, reads[ing], result.cutoffs[ing], min_group,
                                 resamples=resamples, seed=seed, said=said)
        table.append(row)
        if curve is not None:
            curves.append(curve)
    verdict = scores[schema.VERDICT].astype("string").to_numpy(dtype=object, na_value=None)
    ready = np.array([np.nan if v in (None, schema.INCOMPLETE) else float(v == schema.READY)
                      for v in verdict], dtype=float)
    use, away = _verdict_read(known, ids, held, described, paired, min_group)
    row, curve = _binary(ready, y, use, min_group, result.ready, said, away)
    table.append(row)
    if curve is not None:
        curves.append(curve)
    frame = pd.DataFrame(table).reindex(columns=COLUMNS)
    frame["readiness_at"] = reading
    for col in ("n", "n_held_some", "n_held_none"):
        frame[col] = frame[col].astype("Int64")
    result.table = frame
    result.roc = (pd.concat(curves, ignore_index=True) if curves else
                  pd.DataFrame(columns=["predictor", "cutoff", "sensitivity",
                                        "false_positive_rate"]))
    return result


def hidden_sides(change: pd.DataFrame | None) -> set:
    """The sides of the cohort's talk split (``outcome_change.csv``) it shows no figures of.

    ``change``: :func:`workbook.cohort.outcome.change_by_talk`'s table. A side is hidden
    where its rows have no ``mean_before`` (too small, or the next smallest where the whole
    minus the others would single a small side out, or every side of a small whole).
    """
    if change is None or change.empty:
        return set()
    sides = change[change[TALKED].astype("string") != ALL]
    blank = sides["mean_before"].isna().to_numpy(dtype=bool)
    if "not_compared" in sides.columns:
        # an ingredient no pair is compared on (two versions sharing too few of its
        # statements) has no mean anywhere: its side is hidden where the side's size hides
        # its share ready (round 14c W10: a whole cohort was read as a hidden group)
        why = sides["not_compared"].astype("string").fillna("").str.strip() != ""
        none = (sides["n_pairs"].isna() & why).to_numpy(dtype=bool)
        ready = sides["share_ready_before"].isna().to_numpy(dtype=bool)
        blank = np.where(none, ready, blank)
    return set(sides[TALKED].astype(str).to_numpy()[blank])


def _no_answers(data, inst, before: str, after: str) -> int:
    """How many people said how many conversations they held and answered no statement.

    Their count is read as the outcome reads it (:func:`outcome_rows`), and no row of theirs
    answers a statement (an export's client with a conversations list and no session): the
    cohort's outcome counts them, these figures cannot (round 14c W9). A row without an id
    is a person of its own.
    """
    ids = data[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None) \
        if schema.PARTICIPANT_ID in data.columns else np.full(len(data), None, dtype=object)
    at = outcome_rows(data, before=before, after=after)
    said = np.isfinite(pd.to_numeric(data[HELD], errors="coerce")
                       .to_numpy(dtype=float, na_value=np.nan)) & at
    answered = set(ids[~unanswered(data, inst)]) - {None}
    who = ids[said]
    return len({w for w in who if w is not None} - answered) + int(sum(w is None for w in who))


def _counts_from(data, rows, known, before: str, after: str, said: dict) -> str:
    """The timepoints the counts of those read were taken from, when not all ``after``.

    "followup 40, post 0" (``said``: the words; the outcome's rows, :func:`outcome_rows`);
    "" when every count read is at ``after`` (round 13c T20).
    """
    at = outcome_rows(data, before=before, after=after)
    ids = data[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None)
    when = dict(zip(ids[at], data[schema.TIMEPOINT].astype("string").str.strip()
                    .to_numpy(dtype=object, na_value=None)[at]))
    read = rows[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object,
                                                                  na_value=None)[known]
    per = pd.Series([when.get(w) for w in read], dtype=object).value_counts(sort=False)
    later = {t: int(n) for t, n in per.items() if t is not None and not
             bool(is_label(pd.Series([t], dtype="string"), after).any())}
    if not later:
        return ""
    posted = int(len(read) - sum(later.values()))
    return ", ".join(said["counts_at"].format(name=t, n=n)
                     for t, n in [*later.items(), (after, posted)])


def _described(data, inst, reading: str, min_group: int, before: str, after: str, read):
    """Whom the cohort's tables describe at the time read here, and what they are made from.

    Returns ``(per ingredient the set of ids its figures at that time describe (those
    :func:`workbook.cohort.rows.mark_left_out` leaves out not among them), the ids left out
    of every figure there, the answered rows, their scores)``; ``None`` when the rows read
    (``read``) are at no one timepoint (a workspace export's first sessions on several days;
    on one day, that day's).
    """
    from workbook.cohort.rows import OUT_WHOLE, mark_left_out, out_column
    from workbook.core.scoring import score

    if schema.TIMEPOINT not in data.columns:
        return None
    timepoint = data[schema.TIMEPOINT]
    if not (is_label(timepoint, before).any() or is_label(timepoint, after).any()):
        # sessions or weeks (a workspace export, week1/week2): each person's row read is at
        # a timepoint of its own (round 13c T1)
        return _by_day(data, inst, min_group, before, after, read)
    at = after if reading == SAME_TIME else before
    answered = data[~unanswered(data, inst)]
    scores = score(answered, inst)
    ings = list(inst.ingredient_ids)
    marked = mark_left_out(scores[[schema.PARTICIPANT_ID, schema.TIMEPOINT, *ings]],
                           [schema.TIMEPOINT], min_group, before=before, after=after,
                           ingredients=ings)
    ids = scores[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object,
                                                                   na_value=None)
    then = is_label(scores[schema.TIMEPOINT], at)
    described, out = {}, then & marked[OUT_WHOLE].to_numpy(dtype=bool)
    left_of = {}
    for ing in ings:
        left = marked[out_column("whole", ing)].to_numpy(dtype=bool)
        described[ing] = set(ids[then & scores[ing].notna().to_numpy(dtype=bool) & ~left])
        left_of[ing] = set(ids[then & left])
    whole = set(ids[out])
    for ing in ings:
        out |= then & np.isin(ids, list(left_of[ing]))
    # the verdicts at that time (verdicts.csv): everyone there but those left out of every
    # table, with a verdict (round 13c T4)
    complete = _complete(scores)
    verdicts = set(ids[then & complete & ~out])  # every ingredient's left out (W13)
    return (described, set(ids[out]), answered, scores, {i: left_of[i] | whole for i in ings},
            verdicts, None)


def _complete(scores) -> np.ndarray:
    """Rows with a verdict (every ingredient scored: not "incomplete")."""
    verdict = scores[schema.VERDICT].astype("string")
    return (verdict.notna() & (verdict != schema.INCOMPLETE)).to_numpy(dtype=bool,
                                                                         na_value=False)


def _by_day(data, inst, min_group: int, before: str, after: str, read):
    """:func:`_described` for a file whose rows read are at several timepoints (round 13c T1).

    A workspace export (each person's first session, on its own day) or a workshop's file
    without ``pre`` (week1, week2, week3). The cohort's tables describe each timepoint on its
    own: a timepoint (or an ingredient there) they hide as too small is left out here, and
    what they describe at the timepoints read, less what is read here, is checked as at one
    timepoint. The sets hold a person's id for the row read here and ``(id, timepoint)`` for
    their other rows; the last item maps each id read to its timepoint. ``None`` when a row
    read has no timepoint.
    """
    from workbook.cohort.summary import summarize
    from workbook.core.scoring import score

    if read[schema.TIMEPOINT].isna().any():
        return None
    answered = data[~unanswered(data, inst)]
    scores = score(answered, inst)
    ings = list(inst.ingredient_ids)
    table = summarize(scores, by=[schema.TIMEPOINT], min_group=min_group, instrument=inst,
                      before=before, after=after)
    label = table[schema.TIMEPOINT].astype("string").str.strip().to_numpy(dtype=object)
    hidden = {(t, i) for t, i, m in zip(label, table["ingredient"], table["mean"])
              if pd.isna(m)}
    small = {t for t, n in zip(label, table["n_responses"]) if n < min_group}

    def texts(frame):
        return frame[schema.TIMEPOINT].astype("string").str.strip().to_numpy(
            dtype=object, na_value=None)

    read_ids = read[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object,
                                                                      na_value=None)
    day_of = dict(zip(read_ids, texts(read)))
    ids = scores[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object, na_value=None)
    days = texts(scores)

    def key(w, t):
        return w if day_of.get(w) == t else (w, t)

    left_of = {ing: {w for w, t in day_of.items() if (t, ing) in hidden} for ing in ings}
    # and those whose first session is at a timepoint where they are 1 to min_group - 1
    # beside others' later sessions: that timepoint's figures less the others' would be
    # theirs (the others' figures are those of the timepoints read less these)
    first = pd.Series(list(day_of.values()), dtype=object).value_counts()
    few = {t for t, n in first.items() if n < min_group}
    out = {w for w, t in day_of.items() if t in small or t in few}
    out |= set().union(*left_of.values())
    described = {}
    for ing in ings:
        has = scores[ing].notna().to_numpy(dtype=bool)
        described[ing] = {key(w, t): t for w, t, h in zip(ids, days, has)
                          if h and (t, ing) not in hidden}
    complete = _complete(scores)
    verdicts = {key(w, t): t for w, t, c in zip(ids, days, complete) if c and t not in small}
    return described, out, answered, scores, {i: left_of[i] | out for i in ings}, verdicts, \
        day_of


def _paired(data, inst, before: str, after: str, min_group: int):
    """Per ingredient, the ids of the pairs the cohort's before-and-after split compares.

    Those who answered at ``before`` and ``after`` with the ingredient scored at both, on the
    scores :func:`workbook.cohort.outcome.change_by_talk` compares (a pair across instrument
    versions on the statements both share, or none); ``None`` without both timepoints.
    """
    from workbook.cohort.across_versions import compare_across_versions
    from workbook.cohort.rows import pair_rows
    from workbook.core.scoring import score

    if schema.TIMEPOINT not in data.columns or schema.PARTICIPANT_ID not in data.columns:
        return None
    timepoint = data[schema.TIMEPOINT]
    if not (is_label(timepoint, before).any() and is_label(timepoint, after).any()):
        return None
    answered = data[~unanswered(data, inst)].reset_index(drop=True)
    scores = score(answered, inst).reset_index(drop=True)
    times = scores[schema.TIMEPOINT]
    if not (is_label(times, before).any() and is_label(times, after).any()):
        return None  # no one answered both times: the cohort's tables have no such split
    _, _, compared = compare_across_versions(answered, scores, before, after,
                                             min_group=min_group, instrument=inst)
    ings = list(inst.ingredient_ids)
    pre, post, _ = pair_rows(compared, before, after, ings)
    who = np.array([None if pd.isna(i) else str(i) for i in pre.index], dtype=object)
    return {ing: set(who[pre[ing].notna().to_numpy(dtype=bool)
                         & post[ing].notna().to_numpy(dtype=bool)]) - {None} for ing in ings}, \
        set(who) - {None}


def _gives_away(data, inst, read: dict, held: dict, min_group: int, before: str,
                after: str, described, paired) -> list:
    """The ingredients whose figures here would single anyone out beside the cohort's tables.

    The whole check is then withheld, naming them (round 12a P4); [] for none.

    ``read``: per ingredient the ids its row here describes (none of those the cohort's
    tables leave out at that time); ``held``: id -> conversations held (NaN: did not say);
    ``described``: :func:`_described`; ``paired``: :func:`_paired`. Withheld (round 9a H4,
    round 12a P8):

    - where the people an ingredient's figures describe in the cohort's tables at the time
      read here, less those its row here reads, are 1 to ``min_group - 1`` (no answer about
      conversations, an ingredient without a score): the whole's figures minus these would
      give those few people's scores. The rule of the cohort's outcome split
      (:func:`workbook.cohort.suppression.hidden_groups`), these few as its third side;
    - where, on one side of the cohort's outcome split (held one or more, held none), the
      people it compares on an ingredient less those its row here reads are 1 to
      ``min_group - 1``: that side's ``mean_before`` there minus the curve here would give
      their scores (none, as each row reads those pairs; kept as the rule);
    - where the cohort's outcome split (:func:`workbook.cohort.outcome.change_by_talk`)
      hides the side of those who held one or more, or of those who held none (it hides a
      small "did not say" side and the next smallest with it): the curves here are those
      sides' scores.
    """
    away = set()
    if paired is not None:
        for ing, whom in paired[0].items():
            here = set(read[ing])
            for talked in (True, False):
                side = {w for w in whom if np.isfinite(held.get(w, np.nan))
                        and (held[w] >= 1) == talked}
                if 0 < len(side - here) < min_group:
                    away.add(ing)
    if described is not None:
        shown, answered, scores, day_of = described[0], described[2], described[3], \
            described[6]
        for ing, whom in shown.items():
            if _left_over(whom, read[ing], held, day_of, min_group):
                away.add(ing)
        timepoint = data[schema.TIMEPOINT]
        if is_label(timepoint, before).any() and is_label(timepoint, after).any():
            change = change_by_talk(answered, scores, min_group, before=before, after=after,
                                    instrument=inst)
            for ing in inst.ingredient_ids:
                part = None if change is None else change[change["ingredient"] == ing]
                if hidden_sides(part) & {HELD_SOME, HELD_NONE}:
                    away.add(ing)
    return [i for i in inst.ingredient_ids if i in away]


def _left_over(whom, here, held: dict, day_of, min_group: int) -> bool:
    """Whether the cohort's figures of ``whom`` less the figures here would single anyone out.

    ``whom``: ids (or, by day, :func:`_by_day`'s keys -> their timepoint, of which those at
    a timepoint something is read at here count); ``here``: the ids read. The rule of the
    cohort's outcome split, those left over (people) as its third side.
    """
    here = set(here)
    if day_of is not None:
        on = {day_of[w] for w in here}
        whom = {k for k, t in whom.items() if t in on}
        # each timepoint's figures less those read there, and those read there alone,
        # are sums the two commands give: none or at least min_group people each
        for t in on:
            at = {w for w in here if day_of[w] == t}
            rest = {k[0] if isinstance(k, tuple) else k for k, u in
                    ((k, k[1] if isinstance(k, tuple) else day_of.get(k)) for k in whom)
                    if u == t and k not in here}
            if 0 < len(at) < min_group or 0 < len(rest) < min_group:
                return True
    left = {k[0] if isinstance(k, tuple) else k for k in set(whom) - here}
    some = sum(1 for w in here if held.get(w, np.nan) >= 1)
    return any(hidden_groups([some, len(here) - some, len(left)], min_group)[:2])


def _verdict_read(known, ids, held, described, paired, min_group: int):
    """Whom the verdict's row reads, and whether it must be withheld (round 13c T4).

    ``known``: those with every ingredient scored and a count. Set beside the cohort's
    verdicts at that time (verdicts.csv) and the share "ready" on each side of its split by
    whether people went on to talk (outcome_change.csv): on a side, 1 to ``min_group - 1``
    read here who are not among the split's pairs are left out; 1 to ``min_group - 1`` of the
    split's pairs not read here, or of those the verdicts describe, withhold the row.
    """
    use = known.copy()
    by_id = dict(zip(ids, held))
    if paired is not None:
        pairs = paired[1]
        sides = [(np.isfinite(held) & (held >= 1)), (np.isfinite(held) & (held == 0))]
        for side in sides:
            extra = use & side & ~np.isin(ids, list(pairs))
            if 0 < extra.sum() < min_group:
                use &= ~extra
        here = set(ids[use])
        for talked in (True, False):
            side = {w for w in pairs if np.isfinite(by_id.get(w, np.nan))
                    and (by_id[w] >= 1) == talked}
            if 0 < len(side - here) < min_group:
                return use, True
    if described is not None and _left_over(described[5], ids[use], by_id, described[6],
                                            min_group):
        return use, True
    return use, False


def _sizes(name, x, y, known):
    use = known & np.isfinite(x)
    return use, {"predictor": name, "n": int(use.sum()), "n_held_some": int((y & use).sum()),
                 "n_held_none": int((~y & use).sum())}


def _rates(hit, y) -> dict:
    sens = wilson(int((hit & y).sum()), int(y.sum()))
    spec = wilson(int((~hit & ~y).sum()), int((~y).sum()))
    return dict(zip(("sensitivity", "sensitivity_low", "sensitivity_high", "specificity",
                     "specificity_low", "specificity_high"), (*sens, *spec)))


def _continuous(name, x, y, known, current, min_group, *, resamples, seed, said):
    use, row = _sizes(name, x, y, known)
    row.update(current_cutoff=current, odds_ratio_per=said["per_points"].format(points=PER_POINTS))
    if min(row["n_held_some"], row["n_held_none"]) < min_group:
        row["note"] = said["fewer_score"].format(min_group=min_group)
        return {**row, "n_held_some": pd.NA, "n_held_none": pd.NA}, None
    x, y = x[use], y[use]
    row.update(zip(("auc", "auc_low", "auc_high"), auc_delong(x, y)))
    row.update(_rates(x >= current, y))
    ratio, low, high, note = odds_ratio(x, y, per=PER_POINTS, said=said)
    row.update(odds_ratio=ratio, odds_ratio_low=low, odds_ratio_high=high)
    notes = [note] if note else []
    curve = None
    if min(row["n_held_some"], row["n_held_none"]) >= ORDER_STATS_FACTOR * min_group:
        best, low, high, _ = youden(x, y, current, resamples=resamples, seed=seed)
        if len(np.unique(x)) > 1:
            row.update(best_cutoff=best, best_cutoff_low=low, best_cutoff_high=high,
                       best_cutoff_status=PROVISIONAL)
        # else everyone has the same score: no line separates anyone, so none is best
        # (attacks4 B11; the note says everyone has the same value)
        curve = roc_points(x, y).assign(predictor=name)
    else:
        notes.append(said["best_needs"].format(n=ORDER_STATS_FACTOR * min_group))
    row["note"] = "; ".join(notes)
    return row, curve


def _binary(ready, y, known, min_group, name, said, away=False):
    use, row = _sizes(VERDICT_ROW, ready, y, known)
    row["odds_ratio_per"] = said["per_verdict"]
    hit = ready[use] == 1
    sides = (int(hit.sum()), int((~hit).sum()))
    if away:  # beside the cohort's tables it would give a few people's verdicts (T4)
        row["note"] = said["verdict_away"].format(n=min_group - 1, ready=name)
        return {**row, "n_held_some": pd.NA, "n_held_none": pd.NA}, None
    if min(row["n_held_some"], row["n_held_none"]) < min_group or min(sides) < min_group:
        row["note"] = said["fewer_verdict"].format(min_group=min_group, ready=name)
        return {**row, "n_held_some": pd.NA, "n_held_none": pd.NA}, None
    yy = y[use]
    row.update(zip(("auc", "auc_low", "auc_high"), auc_delong(hit.astype(float), yy)))
    row.update(_rates(hit, yy))
    ratio, low, high, note = odds_ratio(hit.astype(float), yy, said=said)
    if note and min((hit & yy).sum(), (hit & ~yy).sum(), (~hit & yy).sum(),
                    (~hit & ~yy).sum()) == 0:
        note = said["odds_empty_cell"]
    row.update(odds_ratio=ratio, odds_ratio_low=low, odds_ratio_high=high, note=note)
    point = pd.DataFrame({"predictor": [VERDICT_ROW], "cutoff": [np.nan],
                          "sensitivity": [row["sensitivity"]],
                          "false_positive_rate": [1 - row["specificity"]]})
    return row, point
