"""The bundled synthetic sample, and the seeded simulator that makes it.

Every person in the sample is invented. :func:`simulate` draws a cohort from a few profiles
(ready, short of time or energy, needing hope, self-esteem or ambition first), answers the
instrument with noise and some skipped questions, and repeats it after a workshop with modest
change. Asked to, it also says how many conversations each person held after the workshop
(``conversations_held``, at ``post``), from a random stream of its own so that every other
column stays as it was. ``data/make_sample.py`` calls it to write ``data/sample_cohort.csv``.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> data = load_sample()
>>> sorted(data["timepoint"].unique())
['post', 'pre']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.resources import data_dir

#: Seed of the bundled sample.
SAMPLE_SEED = 20261126
#: The sample's conversations held come from their own stream, ``[SAMPLE_SEED, this]``.
CONVERSATIONS_STREAM = 14
#: Workshops of the bundled sample: (cohort, size, pre date, post date).
SAMPLE_COHORTS = (
    ("2026-spring", 34, "2026-03-04", "2026-04-15"),
    ("2026-summer", 42, "2026-06-10", "2026-07-22"),
    ("2026-autumn", 48, "2026-09-16", "2026-10-28"),
)

_NORTH_STARS = np.array(
    [
        "Work where I can see the people I help",
        "A team that laughs together and still gets things done",
        "Being paid fairly for what I already know how to do",
        "Something outdoors, at least some of the week",
        "Not sure yet; more say over how my days go",
        "Teaching, in some form, without a classroom",
        "A job I can explain to my kids with pride",
        "Building things that last",
        "Less commuting, more making",
        "Running my own small practice one day",
        "A place where asking questions is welcome",
        "Work that uses both my languages",
        "",
        "",
    ],
    dtype=object,
)
_NOTES = np.array(
    ["", "", "", "", "", "", "", "joined late", "asked about next workshop", "career break"],
    dtype=object,
)
# Profiles: probability, and which ingredients start low.
_PROFILES = (
    (0.40, ()),
    (0.10, ("time",)),
    (0.08, ("energy",)),
    (0.14, ("self_esteem",)),
    (0.12, ("hope",)),
    (0.10, ("ambition",)),
    (0.06, ("time", "energy")),
)


def sample_path() -> Path:
    """Path of the bundled sample CSV (``data/sample_cohort.csv``, shipped in the package)."""
    return data_dir() / "sample_cohort.csv"


def load_sample(*, raw: bool = False) -> pd.DataFrame:
    """Load the bundled synthetic sample cohort.

    Parameters
    ----------
    raw : bool, default False
        Return the values as stored in the CSV (text) instead of answers as numbers.

    Returns
    -------
    DataFrame
        Canonical wide table; index = spreadsheet row of each response.

    Notes
    -----
    When the package is installed without the repository's ``data/`` folder, the same table
    is made again from its seed.

    Examples
    --------
    >>> load_sample().shape[0] > 200
    True
    """
    from workbook.responses.io import load_responses, read_responses

    path = sample_path()
    if not path.exists():
        data = make_sample()
        data.index = pd.RangeIndex(2, 2 + len(data), name="row")
        return data
    if raw:
        return read_responses(path)[0]
    return load_responses(path)


def make_sample() -> pd.DataFrame:
    """Make the bundled sample from its seed (three workshops, before and after)."""
    rng = np.random.default_rng(SAMPLE_SEED)
    talks = np.random.default_rng([SAMPLE_SEED, CONVERSATIONS_STREAM])
    parts = []
    for cohort, size, pre, post in SAMPLE_COHORTS:
        code = cohort.split("-")[1][:3].upper()
        parts.append(
            simulate(size, rng=rng, cohort=cohort, id_prefix=f"{code}-", dates=(pre, post),
                     conversations=talks)
        )
    return pd.concat(parts, ignore_index=True)


def simulate(
    n_participants: int,
    *,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
    cohort: str = "synthetic",
    id_prefix: str = "P",
    dates=("2026-01-12", "2026-02-23"),
    attrition: float = 0.15,
    skip_rate: float = 0.03,
    instrument=None,
    conversations=None,
) -> pd.DataFrame:
    """Simulate a cohort answering the instrument before and after a workshop.

    Parameters
    ----------
    n_participants : int
        People in the cohort.
    seed, rng
        Give one, for repeatable output.
    cohort, id_prefix, dates
        Cohort label, prefix of the participant ids, (pre, post) dates.
    attrition : float
        Share of people with no ``post`` response.
    skip_rate : float
        Share of answers left blank at random (a few people also skip most of one ingredient).
    instrument : Instrument or path, optional
    conversations : int or Generator, optional
        A seed or generator of its own for a ``conversations_held`` column (last): at
        ``post``, more for people ready by then, many 0s, about 8% not answered; empty at
        ``pre``. Its draws leave every other column as it would be without it.

    Returns
    -------
    DataFrame
        Canonical wide table, answers as whole numbers (NaN where skipped), ``pre`` rows first.

    Examples
    --------
    >>> simulate(10, seed=1).shape[0] <= 20
    True
    """
    inst = resolve(instrument)
    rng = rng if rng is not None else np.random.default_rng(seed)
    n = n_participants
    ids = inst.ingredient_ids
    k = len(ids)
    # Latent POMP per person and ingredient.
    latent = rng.normal(62, 13, size=(n, k))
    probs = np.array([p for p, _ in _PROFILES])
    profile = rng.choice(len(_PROFILES), size=n, p=probs / probs.sum())
    for index, (_, low) in enumerate(_PROFILES):
        for ing_id in low:
            if ing_id in ids:
                rows = profile == index
                latent[rows, ids.index(ing_id)] = rng.normal(24, 8, size=rows.sum())
    # After the workshop: hope, self-esteem and ambition move most; time and energy little.
    gain = np.where(
        np.isin(np.array(ids), ["hope", "self_esteem", "ambition"]), 9.0, 2.0
    )
    latent_post = latent + rng.normal(gain, 8.0, size=(n, k))

    keep_post = rng.random(n) >= attrition
    frames = []
    for label, lat, mask, date in (
        (schema.BEFORE, latent, np.ones(n, dtype=bool), dates[0]),
        (schema.AFTER, latent_post, keep_post, dates[1]),
    ):
        frames.append(
            _answers(inst, rng, lat[mask], np.flatnonzero(mask), label, date, cohort, id_prefix,
                     skip_rate)
        )
    table = pd.concat(frames, ignore_index=True)
    if conversations is not None:
        post = table[table[schema.TIMEPOINT] == schema.AFTER]
        held = _conversations_held(np.random.default_rng(conversations), post, inst)
        table[schema.CONVERSATIONS_HELD] = pd.array(
            [pd.NA] * n + held.tolist(), dtype="Int64")
    return table


#: The sample's seeded relation between readiness and conversations held (data/README.md):
#: the log-odds of holding at least one conversation after the workshop are
#: ``TALK_INTERCEPT + sum(TALK_SLOPES[i] * (score_i - 50) / 10)``, with ``score_i`` the
#: person's ``post`` score of ingredient ``i`` as the kit scores their answers (an ingredient
#: not scored counts as 50). Odds ratios per 10 points: exp(slope), 1.28 to 1.49.
TALK_INTERCEPT = -1.6
TALK_SLOPES = {"hope": 0.3, "time": 0.4, "energy": 0.4, "self_esteem": 0.3,
               "ambition": 0.25}
#: Someone who talked held ``1 + Poisson(TALK_MORE)`` conversations; ``TALK_SKIPPED`` of the
#: post rows leave the question unanswered.
TALK_MORE = 1.5
TALK_SKIPPED = 0.08


def talk_probability(scores: pd.DataFrame) -> np.ndarray:
    """The chance of holding at least one conversation, by the sample's stated relation.

    ``scores`` has a column per ingredient (POMP 0-100; missing counts as 50); ingredients
    without a slope in :data:`TALK_SLOPES` do not count.

    Examples
    --------
    >>> round(float(talk_probability(pd.DataFrame({"time": [60.0]}))[0]), 4)  # -1.6 + 0.4
    0.2315
    """
    logit = np.full(len(scores), TALK_INTERCEPT)
    for ing, slope in TALK_SLOPES.items():
        if ing in scores.columns:
            values = pd.to_numeric(scores[ing], errors="coerce").to_numpy(dtype=float)
            logit = logit + slope * (np.nan_to_num(values, nan=50.0) - 50.0) / 10.0
    return 1.0 / (1.0 + np.exp(-logit))


def _conversations_held(rng, post: pd.DataFrame, inst) -> pd.array:
    """Conversations held after the workshop by the people of these ``post`` rows (NA: skipped).

    Drawn from ``rng`` alone, in three steps of one draw per row each (talked or not, how
    many, skipped or not), by :func:`talk_probability` of the rows' scores.
    """
    from workbook.core.scoring import score  # scoring reads the instrument; imported on use

    n = len(post)
    chance = talk_probability(score(post, inst))
    talked = rng.random(n) < chance
    count = 1 + rng.poisson(TALK_MORE, size=n)
    held = pd.array(np.where(talked, count, 0), dtype="Int64")
    held[rng.random(n) < TALK_SKIPPED] = pd.NA
    return held


def _answers(inst, rng, latent, people, timepoint, date, cohort, id_prefix, skip_rate):
    n = len(people)
    lo, hi = inst.scale_min, inst.scale_max
    width = len(str(len(people) and people.max() + 1))
    table = {
        schema.PARTICIPANT_ID: [f"{id_prefix}{p + 1:0{max(3, width)}d}" for p in people],
        schema.COHORT: np.full(n, cohort, dtype=object),
        schema.TIMEPOINT: np.full(n, timepoint, dtype=object),
        schema.DATE: np.full(n, date, dtype=object),
    }
    for j, ing in enumerate(inst.ingredients):
        mean = lo + (hi - lo) * np.clip(latent[:, j], 0, 100) / 100
        noise = rng.normal(0, 0.65, size=(n, len(ing.items)))
        keyed = np.clip(np.rint(mean[:, None] + noise), lo, hi)
        reverse = np.array([item.reverse for item in ing.items])
        raw = np.where(reverse, lo + hi - keyed, keyed)
        raw[rng.random(raw.shape) < skip_rate] = np.nan
        # About 1% skip most of this ingredient: it cannot be scored.
        skipper = rng.random(n) < 0.01
        raw[skipper, 1:] = np.nan
        for m, item in enumerate(ing.items):
            table[item.id] = pd.array(raw[:, m], dtype="Int64")
    time_j = inst.ingredient_ids.index("time") if "time" in inst.ingredient_ids else 0
    hours = np.clip(rng.normal(latent[:, time_j] / 14, 1.2), 0, 12)
    table[schema.HOURS] = np.round(hours * 2) / 2
    choices = np.array(schema.MOTIVATOR_CHOICES[:-1], dtype=object)
    picks = rng.random((n, len(choices))) < 0.3
    table[schema.MOTIVATORS] = [
        schema.MOTIVATOR_SEPARATOR.join(choices[row]) if row.any() else "" for row in picks
    ]
    table[schema.NORTH_STAR] = rng.choice(_NORTH_STARS, size=n)
    table[schema.NOTES] = rng.choice(_NOTES, size=n)
    return pd.DataFrame(table)
