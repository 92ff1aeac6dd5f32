"""A canonical table in the layouts survey tools export: the sample exports in ``data/samples``.

``data/make_sample.py`` calls these on the bundled sample, so the exports hold the same people
and answers as ``data/sample_cohort.csv`` (with its ``conversations_held``) and score
identically; the benchmark calls :func:`qualtrics_csv` on a large simulated cohort. Every
function is vectorised.

Examples
--------
>>> from workbook.responses.datasets import load_sample
>>> text = qualtrics_csv(load_sample(raw=True).head(3))
>>> text.splitlines()[2][:24]
'"{""ImportId"":""startDa'
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.responses.datasets import sample_path

#: Question wording the sample exports use for the canonical columns (Google Forms).
GOOGLE_QUESTIONS = {
    schema.PARTICIPANT_ID: "Your participant code",
    schema.COHORT: "Which workshop are you in?",
    schema.TIMEPOINT: "Is this before (pre) or after (post) the workshop?",
    schema.HOURS: "How many hours a week could you give to informational interviewing?",
    schema.MOTIVATORS: "What do you want from work?",
    schema.NORTH_STAR: "Your north star, in your own words",
    schema.NOTES: "Anything else you would like us to know?",
    schema.CONVERSATIONS_HELD: "How many informational conversations have you held so far?",
}
#: Question wording for Microsoft Forms: the canonical names, as a person would type them.
MICROSOFT_QUESTIONS = {
    col: col.replace("_", " ").capitalize()
    for col in (schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT, schema.HOURS,
                schema.MOTIVATORS, schema.NORTH_STAR, schema.NOTES, schema.CONVERSATIONS_HELD)
}
_QUALTRICS_META = (
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
)


def sample_exports_dir() -> Path:
    """Folder of the sample survey exports (``data/samples``)."""
    return sample_path().parent / "samples"


def _times(data: pd.DataFrame, minutes: int = 0) -> pd.Series:
    """A made-up time of day for each response on its date (repeatable)."""
    day = pd.to_datetime(data[schema.DATE].astype("string"), errors="coerce")
    day = day.fillna(pd.Timestamp("2026-01-01"))
    offset = pd.to_timedelta(9 * 3600 + (np.arange(len(data)) * 137) % 28000 + minutes * 60, "s")
    return day.reset_index(drop=True) + offset


def _text(series: pd.Series) -> np.ndarray:
    return series.astype("string").fillna("").to_numpy(dtype=object)


def _answers(data: pd.DataFrame, item_id: str, labels=None) -> np.ndarray:
    values = pd.to_numeric(data[item_id], errors="coerce").to_numpy(dtype=float)
    if labels is None:
        return np.where(np.isnan(values), "", np.nan_to_num(values).astype(int).astype(str))
    lookup = np.array(["", *labels], dtype=object)
    return lookup[np.nan_to_num(values).astype(int)]


def qualtrics_csv(data: pd.DataFrame, instrument=None) -> str:
    """A canonical wide table as a Qualtrics CSV export (three header rows, numeric answers).

    Items become matrix questions ``Q1_1 ...`` whose question text is
    ``"<Ingredient> - <item text>"``; the canonical columns keep their names (export tags), and
    ``participant_id``, ``cohort``, ``timepoint`` come last, as embedded data does.
    """
    inst = resolve(instrument)
    n = len(data)
    start = _times(data)
    end = start + pd.to_timedelta(240 + np.arange(n) % 300, "s")
    stamp = "%Y-%m-%d %H:%M:%S"
    body = {
        "StartDate": start.dt.strftime(stamp).to_numpy(),
        "EndDate": end.dt.strftime(stamp).to_numpy(),
        "Status": np.full(n, "IP Address", dtype=object),
        "Progress": np.full(n, "100", dtype=object),
        "Duration (in seconds)": (240 + np.arange(n) % 300).astype(str),
        "Finished": np.full(n, "1", dtype=object),
        "RecordedDate": end.dt.strftime(stamp).to_numpy(),
        "ResponseId": np.char.add("R_sample", np.char.zfill(np.arange(1, n + 1).astype(str), 8)),
        "DistributionChannel": np.full(n, "anonymous", dtype=object),
        "UserLanguage": np.full(n, "EN-GB", dtype=object),
    }
    texts = [t for _, t, _ in _QUALTRICS_META]
    imports = [i for _, _, i in _QUALTRICS_META]
    for j, ing in enumerate(inst.ingredients, start=1):
        for m, item in enumerate(ing.items, start=1):
            body[f"Q{j}_{m}"] = _answers(data, item.id)
            texts.append(f"{ing.name} - {item.text}")
            imports.append(f'{{"ImportId":"QID{j}_{m}"}}')
    extras = [c for c in (*schema.EXTRA_COLUMNS, schema.CONVERSATIONS_HELD,
                          schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT)
              if c in data.columns]
    for col in extras:
        body[col] = _text(data[col])
        texts.append(GOOGLE_QUESTIONS.get(col, col))
        imports.append(f'{{"ImportId":"{col}"}}')
    table = pd.DataFrame(body)
    head = io.StringIO()
    writer = csv.writer(head, lineterminator="\n")
    writer.writerows([list(table.columns), texts, imports])
    return head.getvalue() + table.to_csv(index=False, header=False, lineterminator="\n")


def google_forms_table(data: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """A canonical wide table as a Google Forms CSV export (labels, grid questions).

    Each ingredient is a grid question ``"How much do you agree with each statement? (<name>)
    [<item text>]"``; motivators are checkbox answers joined by ``", "``. The canonical columns
    are questions worded as in :data:`GOOGLE_QUESTIONS`, so reading it needs the mapping file
    ``data/samples/google_forms_mapping.csv``.
    """
    inst = resolve(instrument)
    out = {"Timestamp": _times(data).dt.strftime("%Y/%m/%d %I:%M:%S %p GMT").to_numpy()}
    for col in (schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT):
        out[GOOGLE_QUESTIONS[col]] = _text(data[col])
    for ing in inst.ingredients:
        for item in ing.items:
            key = f"How much do you agree with each statement? ({ing.name}) [{item.text}]"
            out[key] = _answers(data, item.id, inst.labels)
    out[GOOGLE_QUESTIONS[schema.HOURS]] = _text(data[schema.HOURS])
    motivators = _text(data[schema.MOTIVATORS])
    out[GOOGLE_QUESTIONS[schema.MOTIVATORS]] = [
        ", ".join(p.capitalize() for p in v.split(schema.MOTIVATOR_SEPARATOR) if p)
        for v in motivators
    ]
    for col in (schema.NORTH_STAR, schema.NOTES):
        out[GOOGLE_QUESTIONS[col]] = _text(data[col])
    if schema.CONVERSATIONS_HELD in data.columns:  # the sample's own counts (empty at pre)
        out[GOOGLE_QUESTIONS[schema.CONVERSATIONS_HELD]] = _text(data[schema.CONVERSATIONS_HELD])
    return pd.DataFrame(out)


def microsoft_forms_table(data: pd.DataFrame, instrument=None) -> pd.DataFrame:
    """A canonical wide table as a Microsoft Forms xlsx export (labels, ``;``-joined choices).

    Columns ``ID, Start time, Completion time, Email, Name``, then one column per question;
    a Likert question gives one column per statement, headed by the statement's text.
    """
    inst = resolve(instrument)
    start = _times(data)
    out = {
        "ID": np.arange(1, len(data) + 1),
        "Start time": start.to_numpy(),
        "Completion time": (start + pd.Timedelta(minutes=6)).to_numpy(),
        "Email": np.full(len(data), "anonymous", dtype=object),
        "Name": np.full(len(data), "", dtype=object),
    }
    for col in (schema.PARTICIPANT_ID, schema.COHORT, schema.TIMEPOINT):
        out[MICROSOFT_QUESTIONS[col]] = _text(data[col])
    for item in inst.items:
        out[item.text] = _answers(data, item.id, inst.labels)
    out[MICROSOFT_QUESTIONS[schema.HOURS]] = pd.to_numeric(data[schema.HOURS]).to_numpy()
    out[MICROSOFT_QUESTIONS[schema.MOTIVATORS]] = [
        "".join(p.capitalize() + ";" for p in v.split(schema.MOTIVATOR_SEPARATOR) if p)
        for v in _text(data[schema.MOTIVATORS])
    ]
    for col in (schema.NORTH_STAR, schema.NOTES):
        out[MICROSOFT_QUESTIONS[col]] = _text(data[col])
    if schema.CONVERSATIONS_HELD in data.columns:  # whole numbers, empty where not answered
        out[MICROSOFT_QUESTIONS[schema.CONVERSATIONS_HELD]] = pd.to_numeric(
            data[schema.CONVERSATIONS_HELD]).astype("Int64").to_numpy(dtype=object,
                                                                       na_value=None)
    return pd.DataFrame(out).replace({"": None})


def google_forms_mapping() -> pd.DataFrame:
    """The mapping file of the Google Forms sample: question -> canonical column."""
    return pd.DataFrame(
        {"column": list(GOOGLE_QUESTIONS.values()), schema.ITEM_ID: list(GOOGLE_QUESTIONS)}
    )
