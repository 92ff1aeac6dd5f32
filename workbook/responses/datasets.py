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


# -- a small demo workspace (issue 14) ------------------------------------------------------
#: The sample workspace's clients: id, the ingredients answered low, hours a week.
SAMPLE_CLIENTS = (
    ("DEMO-01", (), 4.0),
    ("DEMO-02", (), 2.5),
    ("DEMO-03", ("hope",), 2.0),
    ("DEMO-04", ("energy",), 0.5),
)
#: Written in a folder made by :func:`sample_workspace`, so a second run may replace it.
#: It holds a fingerprint of each sample client's records as written (JSON).
SAMPLE_MARK = ".sample-workspace"
#: Each client's records (the truth of a client's folder; the rest are snapshots) and what a
#: change to each is called.
_RECORDS = (("journal.jsonl", "its answers"), ("conversations.jsonl", "its conversations list"))
_MADE_BY = "made by workbook.responses.datasets.sample_workspace"


def _fingerprints(store) -> dict:
    """``{client: {record: sha256 or None}}`` of the sample clients' records as they are."""
    import hashlib

    out = {}
    for client, _, _ in SAMPLE_CLIENTS:
        folder = store.folder(client)
        out[client] = {
            name: (hashlib.sha256((folder / name).read_bytes()).hexdigest()
                   if (folder / name).is_file() else None)
            for name, _ in _RECORDS
        }
    return out


def check_sample_workspace(folder) -> None:
    """Refuse to replace ``folder`` when a sample workspace there was changed since written.

    A new or empty folder, or one :func:`sample_workspace` wrote whose sample clients'
    records are as it wrote them, passes. A folder holding anything else, a sample client
    with answers saved or a conversations list changed since (``workbook coach DEMO-01``),
    or a sample workspace of an earlier version (which kept no fingerprint, so saves made
    since cannot be told apart) is refused, naming what changed: replacing would lose them.

    Raises
    ------
    WorkbookError
    """
    import json

    from workbook.core.exceptions import WorkbookError
    from workbook.session.store import ClientStore

    folder = Path(folder).expanduser()
    if not (folder.is_dir() and any(folder.iterdir())):
        return
    mark = folder / SAMPLE_MARK
    if not mark.is_file():
        raise WorkbookError(f"{folder} is not empty; a sample workspace is written only "
                            "into a new or empty folder (or one it wrote before)")
    how = ("running the demo again would replace the sample clients' folders and lose them; "
           "nothing was written. Move that folder away (or give another --out) to run the "
           "demo again")
    try:
        written = json.loads(mark.read_text(encoding="utf-8"))["records"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise WorkbookError(f"{folder} is a sample workspace of an earlier version of the demo, "
                            "which kept no record of what it wrote, so answers saved since "
                            f"cannot be told apart: {how}") from None
    if written is None:  # the demo stopped while writing it: nothing of anyone else's
        return
    now = _fingerprints(ClientStore(folder, read_only=True))
    # a record deleted since holds nothing to lose; one changed or new does
    changed = [f"{client}: {what}" for client, records in now.items()
               for name, what in _RECORDS
               if records[name] is not None
               and records[name] != (written.get(client) or {}).get(name)]
    if changed:
        raise WorkbookError(f"{folder} holds changes made since the demo wrote it "
                            f"({'; '.join(changed)}): {how}")


def _session_answers(inst, low: tuple, hours: float, shift: int) -> dict:
    """One session's sections: 4 of 5 agreed (2 on reversed items), 2 where ``low``."""
    lo, hi = inst.scale_min, inst.scale_max
    answers = {}
    for ing in inst.ingredients:
        keyed = lo + 1 if ing.id in low else hi - 1 - (shift if ing.id == "hope" else 0)
        items = {item.id: int(lo + hi - keyed if item.reverse else keyed) for item in ing.items}
        answers[ing.id] = {"items": items}
    answers.setdefault("time", {})["tool"] = {schema.HOURS: hours}
    return answers


def _histories(today) -> dict:
    """Each client's conversations: ``[(step or op, person, working days ago, extra)]``."""
    return {
        "DEMO-01": [
            ("add", "a1", 15, {"name": "Mira Okafor", "org": "Riverside Library",
                               "found": "the library's staff page", "priority": 1,
                               "why": "runs the community programmes I keep reading about"}),
            ("sent", "a1", 12, None), ("reply", "a1", 10, None), ("arranged", "a1", 9, None),
            ("held", "a1", 6, None), ("thanked", "a1", 5, None),
            ("suggest", "a1", 5, {"name": "Tom Reyes", "org": "City Parks", "id": "a5"}),
            ("add", "a2", 9, {"name": "Jonas Berg", "org": "Northside Housing Co-op",
                              "found": "a friend's colleague", "priority": 1,
                              "why": "moved from retail into housing support"}),
            ("sent", "a2", 4, None),
            ("add", "a3", 8, {"name": "Priya Nair", "org": "Green Lane School",
                              "found": "the school's newsletter", "priority": 2}),
            ("sent", "a3", 7, None), ("reply", "a3", 3, None), ("arranged", "a3", 2, None),
            ("meeting", "a3", -2, None),
            ("add", "a4", 3, {"name": "Lea Novak", "org": "Harbour Trust",
                              "found": "a talk at the library", "priority": 2}),
            ("drafted", "a4", 1, None),
            ("sent", "a5", 1, None),
            ("share", None, 0, {"report": True, "names": False}),
        ],
        "DEMO-02": [
            ("add", "b1", 12, {"name": "Sam Lee", "org": "Eastgate Clinic",
                               "found": "a former colleague", "priority": 1}),
            ("sent", "b1", 10, None), ("reply", "b1", 8, None), ("arranged", "b1", 7, None),
            ("held", "b1", 1, None),
            ("add", "b2", 6, {"name": "Ines Duarte", "org": "Open Kitchen",
                              "found": "their open day", "priority": 2}),
            ("sent", "b2", 6, None), ("followed", "b2", 2, {"kind": "another"}),
            ("add", "b3", 2, {"name": "Kofi Mensah", "org": "Open Kitchen",
                              "found": "Open Kitchen's website", "priority": 2}),
            ("share", None, 0, {"report": True, "names": True}),
        ],
        "DEMO-03": [
            ("add", "c1", 5, {"name": "Ruth Adler", "org": "Makers' Hall",
                              "found": "a neighbour", "priority": 3}),
            ("drafted", "c1", 2, None),
        ],
        "DEMO-04": [
            ("add", "d1", 20, {"name": "Omar Haddad", "org": "Seaside Museum",
                               "found": "a museum volunteer", "priority": 2}),
            ("sent", "d1", 18, None),
        ],
    }


def sample_workspace(folder, *, today=None):
    """Write a small demo workspace: four clients with sessions and conversations.

    Clients ``DEMO-01`` and ``DEMO-02`` come out ready, ``DEMO-03`` needs hope tended first
    and ``DEMO-04`` is not now (short of energy). Their conversation histories are dated in
    working days before ``today`` (an arranged talk may lie ahead), so some follow-ups are
    overdue, some due today or this week. ``DEMO-01`` puts their conversations in their
    report without names, ``DEMO-02`` with names. The same ``today`` gives the same
    workspace. Every name in it is invented.

    Parameters
    ----------
    folder : str or Path
        An empty or new folder, or one this function wrote before whose sample clients'
        records are as it wrote them (it is then replaced; :func:`check_sample_workspace`).
    today : date, optional

    Returns
    -------
    Path
        The workspace folder.

    Raises
    ------
    WorkbookError
        If ``folder`` holds anything else, or answers saved or a conversations list changed
        since in a sample client's folder (nothing is replaced).

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from workbook.session.store import ClientStore
    >>> ws = sample_workspace(tempfile.mkdtemp(), today=dt.date(2026, 11, 27))
    >>> ClientStore(ws).clients()
    ['DEMO-01', 'DEMO-02', 'DEMO-03', 'DEMO-04']
    """
    import datetime as dt
    import shutil

    from workbook.core.conversations import model
    from workbook.session.store import ClientStore
    from workbook.session.tracker import Tracker

    folder = Path(folder).expanduser()
    today = today or dt.date.today()
    check_sample_workspace(folder)
    if folder.is_dir() and any(folder.iterdir()):
        store = ClientStore(folder)
        for client, _, _ in SAMPLE_CLIENTS:
            if store.folder(client).is_dir() and not store.folder(client).is_symlink():
                shutil.rmtree(store.folder(client))
    store = ClientStore(folder)
    _write_mark(folder, None)  # ours from now on; no fingerprint until every record is written
    inst = resolve(None)
    first, second = model.working_days_before(today, 25), model.working_days_before(today, 10)
    for n, (client, low, hours) in enumerate(SAMPLE_CLIENTS):
        store.save(client, _session_answers(inst, low, hours, 1), session=first)
        if n == 0:  # chose a slower pace than the most their hours allow
            store.save(client, {"pace": {"tool": {"chosen_per_week": 1}}}, session=first)
        if n % 2 == 0:
            store.save(client, _session_answers(inst, low, hours, 0), session=second)
    for client, history in _histories(today).items():
        tracker = Tracker(store, client)
        book = tracker.read()
        for what, who, ago, extra in history:
            day = model.working_days_before(today, ago) if ago >= 0 else \
                model.working_days_after(today, -ago)
            extra = extra or {}
            if what == "add":
                fields = {k: v for k, v in extra.items()}
                op = model.add_op(fields.pop("name"), today=day, person_id=who, **fields)
            elif what == "suggest":
                op = model.suggest_op(book, who, extra["name"], org=extra["org"], today=day,
                                      person_id_new=extra["id"])
            elif what == "meeting":
                op = model.edit_op(book, who, meeting=day)
            elif what == "followed":
                op = model.followed_op(book, who, extra["kind"], today=day)
            elif what == "share":
                op = model.share_op(**extra)
            else:
                op = model.step_op(book, who, what, day, today=today)
            book = tracker.change(op)
    _write_mark(folder, _fingerprints(store))
    return folder


def _write_mark(folder: Path, records) -> None:
    import json

    from workbook.core.files import atomic_write

    atomic_write(folder / SAMPLE_MARK,
                 json.dumps({"made_by": _MADE_BY, "records": records}, indent=1) + "\n")
    (folder / SAMPLE_MARK).chmod(0o600)
