"""Reading gives exactly what it gave before it was made fast (issue 12).

Each case reads a file with :func:`workbook.read_responses` and :func:`workbook.load_responses`
and reduces what comes out to a fingerprint: the index, columns, dtypes and the repr of every
cell, the attrs that matter (the match report, the layout, left-out and skipped rows, notes)
and the text of every problem. ``tests/reading_fingerprints.json`` holds the fingerprints the
reading path gave before it was vectorised (commit 6df95ce); the cases are the bundled sample,
every sample export, a 100,000-row simulated canonical file and Qualtrics export, and a messy
file holding every kind of problem the checks know, read with ``--skip-invalid``, ``--keep``
and ``--dates``.

Regenerate (only when a change of output is intended): ``python tests/test_reading_same.py``.
The values (tables; the row, column and value of each problem) and the words (messages, notes)
are compared in two tests, so a change of wording alone fails only the second.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbook.core.exceptions import InvalidDataError
from workbook.core.instrument import load_instrument
from workbook.responses.datasets import sample_path, simulate
from workbook.responses.io import load_responses, read_responses
from workbook.responses.sample_exports import qualtrics_csv, sample_exports_dir

pytestmark = pytest.mark.slow  # about 20 s: two 100,000-row files

FIXTURE = Path(__file__).with_name("reading_fingerprints.json")
INST = load_instrument()


def _digest(lines) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def _cell(value) -> str:
    """A cell as text that tells 3, 3.0, '3', NaN, None and pd.NA apart."""
    if value is None or value is pd.NA or value is pd.NaT:
        return repr(value)
    if isinstance(value, float | np.floating) and np.isnan(value):
        return f"{type(value).__name__}:nan"
    return f"{type(value).__name__}:{value!r}"


def frame_fingerprint(frame: pd.DataFrame) -> dict:
    """Index, columns, dtypes, every cell and the attrs that matter, as a few strings."""
    out = {
        "shape": list(frame.shape),
        "index": [frame.index.name, str(frame.index.dtype),
                  _digest(map(_cell, frame.index.tolist()))],
        "columns": [str(c) for c in frame.columns],
        "dtypes": [str(t) for t in frame.dtypes],
        "cells": {str(c): _digest(map(_cell, frame[c].tolist())) for c in frame.columns},
    }
    attrs = {}
    for key, value in frame.attrs.items():
        if key == "source":
            value = Path(value).name
        elif key == "matches":
            value = {
                "layout": value.layout, "first_row": value.first_row,
                "matches": _digest([*map(repr, value.matches), *value.metadata,
                                    *value.missing_items]),
                WORDS: {"notes": [_local(n)[:300] for n in value.notes],
                        "lines": _digest(map(_local, value.lines()))},
            }
        attrs[key] = value if isinstance(value, str | int | dict) else repr(value)
    out["attrs"] = attrs
    return out


_HERE = ""
#: The key of what is said in words (messages, notes): compared apart from the values.
WORDS = "words"


def _local(text: str) -> str:
    return text.replace(_HERE, "<dir>") if _HERE else text


def _problems(problems) -> dict:
    return {"where": _digest(f"{p.row!r} {p.column!r} {_cell(p.value)}" for p in problems),
            WORDS: _digest(_local(str(p)) for p in problems)}


def case_fingerprint(path, **options) -> dict:
    """What reading ``path`` gives: the table as read, its problems, and the loaded table."""
    global _HERE
    _HERE = str(Path(path).parent)
    reading = {k: v for k, v in options.items() if k != "skip_invalid"}
    table, problems = read_responses(path, **reading)
    out = {"read": frame_fingerprint(table), "problems": _problems(problems),
           "n_problems": len(problems)}
    try:
        out["load"] = frame_fingerprint(load_responses(path, **options))
    except InvalidDataError as exc:
        out["load"] = {WORDS: _local(str(exc)), "problems": _problems(exc.problems)}
    return out


def messy_text(n_participants: int = 1500, seed: int = 7) -> str:
    """A canonical CSV holding every kind of problem and odd-but-fine value the checks know."""
    rng = np.random.default_rng(seed)
    data = simulate(n_participants, seed=seed)
    data["date"] = data["date"].astype(object)
    text = data.astype(object).where(data.notna(), "").astype(str)
    for col in INST.item_ids:  # whole numbers as the CSV holds them
        text[col] = [v[:-2] if v.endswith(".0") else v for v in text[col]]
    n = len(text)

    def put(col, values, share):
        where = rng.random(n) < share
        text.loc[where, col] = rng.choice(np.array(values, dtype=object), size=int(where.sum()))

    odd_answers = ["Agree", "strongly agree ", " DISAGREE", "7", "0", "2.5", "3,0", "abc",
                   "TRUE", "NA", "n/a", " ", "-", "skipped", "1e400", "inf", "-0", "03",
                   " 4 ", "4.0", "\u00a0"]
    for col in INST.item_ids[:6]:
        put(col, odd_answers, 0.01)
    put("hours_per_week", ["6,5", " 12 ", "80", "-1", "many", "", "7.25", "0"], 0.05)
    put("date", ["04/03/2026", "25/03/2026", "2026/03/04", "2026-02-30", "next week",
                 "2026-03-04 10:15", "03/25/2026", "2026-03-04T10:15:00Z", ""], 0.05)
    put("timepoint", ["Pre", " POST ", "before", "t1", "", "followup"], 0.01)
    put("participant_id", ["", "  ", "P00001", " P00002 ", "P00003"], 0.005)
    if "motivators" in text:
        put("motivators", ["money;meaning", "fame", "Money ; People", ";;", "money;fame"], 0.02)
    return text.to_csv(index=False, lineterminator="\n")


def cases(folder: Path) -> dict:
    """Every case by name: (path, options)."""
    out = {"sample": (sample_path(), {})}
    samples = sample_exports_dir()
    for path in sorted(samples.iterdir()):
        if "mapping" in path.name:
            continue
        options = {}
        if path.name.startswith("google"):
            options["mapping"] = samples / "google_forms_mapping.csv"
        out[path.name] = (path, options)
        out[path.name + " no mapping"] = (path, {"skip_invalid": True})
    big = simulate(50_000, seed=1, attrition=0.0)
    canonical = folder / "canonical_100k.csv"
    big.to_csv(canonical, index=False)
    out["canonical 100k"] = (canonical, {})
    qualtrics = folder / "qualtrics_100k.csv"
    qualtrics.write_text(qualtrics_csv(big), encoding="utf-8")
    out["qualtrics 100k"] = (qualtrics, {})
    messy = folder / "messy.csv"
    messy.write_text(messy_text(), encoding="utf-8")
    out["messy"] = (messy, {})
    out["messy skip"] = (messy, {"skip_invalid": True})
    out["messy keep last dmy"] = (messy, {"skip_invalid": True, "keep": "last", "dates": "dmy"})
    out["messy keep first mdy"] = (messy, {"skip_invalid": True, "keep": "first",
                                           "dates": "mdy"})
    long = folder / "long.csv"
    small = simulate(300, seed=3)
    small.index = small.index.rename("order")
    melted = small.melt(id_vars=["participant_id", "timepoint", "date"],
                        value_vars=list(INST.item_ids), var_name="item_id", value_name="response")
    melted = melted.sample(frac=1.0, random_state=3)  # answers in no particular order
    melted.to_csv(long, index=False)
    out["long"] = (long, {})
    return out


def _fingerprints(folder: Path) -> dict:
    return {name: case_fingerprint(path, **options)
            for name, (path, options) in cases(folder).items()}


@pytest.fixture(scope="module")
def now(tmp_path_factory):
    return _fingerprints(tmp_path_factory.mktemp("same"))


@pytest.fixture(scope="module")
def before():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_cases_are_the_recorded_ones(now, before):
    assert sorted(now) == sorted(before)


_RECORDED = (sorted(json.loads(FIXTURE.read_text(encoding="utf-8"))) if FIXTURE.exists()
             else ["(no fixture)"])


def _without_words(tree):
    if isinstance(tree, dict):
        return {k: _without_words(v) for k, v in tree.items() if k != WORDS}
    return tree


@pytest.mark.parametrize("name", _RECORDED)
def test_reading_gives_what_it_gave_before(now, before, name):
    # The tables, and which row, column and value each problem names.
    assert _without_words(now[name]) == _without_words(json.loads(json.dumps(before[name])))


@pytest.mark.parametrize("name", _RECORDED)
def test_reading_says_what_it_said_before(now, before, name):
    # The words: messages, notes, the refusal. A change of wording on purpose fails here
    # (only): regenerate the fixture, after the test above passes.
    assert now[name] == json.loads(json.dumps(before[name]))


def test_the_messy_file_has_every_kind_of_problem(now):
    # Not a trivially clean case: thousands of problems, some rows skipped, some left out.
    assert now["messy"]["n_problems"] > 150
    assert WORDS in now["messy"]["load"]
    assert now["messy skip"]["load"]["shape"][0] > 2000


if __name__ == "__main__":  # regenerate the fixture
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = json.loads(json.dumps(_fingerprints(Path(tmp))))
    FIXTURE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(result)} cases)", file=sys.stderr)
