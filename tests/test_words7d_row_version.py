"""A row's version in a before/after (newuser22, step 3).

A copy at 2.2 replaces energy_1 with energy_9. A "before" row answered on 2.1 that skipped
energy_1 answers only statements 2.1 and 2.2 share: its answers fit both versions. It was
taken as 2.2 (the latest that fits) and its pair compared on every statement, the "after"
row's energy_9 included, though the pair may span two versions. Now a version written in
the row is its version, and a row that cannot be told is taken so that the pair is compared
on the statements every version it may have been answered on shares; reliability's note
counts the rows the same way.

Energy's keying at 2.1 and 2.2: energy_1 + / energy_9 +, energy_2 R, energy_6 +, energy_7 +,
energy_8 R. Shared answers before: 3, 3, 3, 3 -> mean 3 -> POMP 50. After: energy_2 2 -> 4,
energy_6 4, energy_7 4, energy_8 2 -> 4: mean 4 -> 75; with energy_9 = 1 the five give
(16 + 1) / 5 = 3.4 -> 60. energy_1 = 3 before keeps the mean 3 -> 50.
"""

import numpy as np
import pandas as pd
import pytest

from workbook.cohort.across_versions import compare_across_versions
from workbook.core import versions
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.scoring import score

from .energy_9_copy import ENERGY_1, ENERGY_9, RETIRED_1


@pytest.fixture
def copy22(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert text.count(ENERGY_1) == 1
    text = text.replace(ENERGY_1, ENERGY_9).replace('version = "2.1"', 'version = "2.2"')
    path = tmp_path / "instrument.toml"
    path.write_text(text + RETIRED_1, encoding="utf-8")
    return load_instrument(path)


def _rows():
    shared_pre = {"energy_2": 3, "energy_6": 3, "energy_7": 3, "energy_8": 3}
    shared_post = {"energy_2": 2, "energy_6": 4, "energy_7": 4, "energy_8": 2}
    rows = [
        {"participant_id": "P1", "timepoint": "pre", **shared_pre},  # cannot be told
        {"participant_id": "P1", "timepoint": "post", **shared_post, "energy_9": 1},
        {"participant_id": "P2", "timepoint": "pre", **shared_pre, "energy_1": 3},
        {"participant_id": "P2", "timepoint": "post", **shared_post, "energy_9": 1},
        {"participant_id": "P3", "timepoint": "pre", **shared_pre,
         "instrument_version": "2.1"},  # the file says it
        {"participant_id": "P3", "timepoint": "post", **shared_post, "energy_9": 1,
         "instrument_version": "2.2"},
        {"participant_id": "P4", "timepoint": "pre", **shared_pre},  # no other row
    ]
    frame = pd.DataFrame(rows)
    for col in ("energy_1", "energy_9", "energy_2", "energy_6", "energy_7", "energy_8"):
        frame[col] = frame[col].astype(float)
    frame["instrument_version"] = frame["instrument_version"].fillna("")
    return frame


def test_each_row_is_on_its_version(copy22):
    per = versions.answer_versions(_rows(), copy22)
    assert per["energy"].tolist() == ["2.1", "2.2", "2.1", "2.2", "2.1", "2.2", ""]


def test_reliability_counts_the_same_way(copy22):
    per = versions.answer_versions(_rows(), copy22, pairs=False)
    assert per["energy"].tolist() == ["", "2.2", "2.1", "2.2", "2.1", "2.2", ""]
    # 2.2: three rows, 2.1: two (P2 by its answer to energy_1, P3 by its cell); P1 and P4
    # answered only statements both versions share, so they are on neither
    assert versions.alpha_note(_rows(), copy22).endswith("Energy on 2.2 (left out: 2 on 2.1)")


def test_every_pair_is_compared_on_the_shared_statements(copy22):
    data = _rows()
    scores = score(data, copy22)
    assert scores["energy"].tolist() == [50.0, 60.0, 50.0, 60.0, 50.0, 60.0, 50.0]
    table, note, _ = compare_across_versions(data, scores, "pre", "post", min_group=1,
                                             instrument=copy22)
    energy = table[table["ingredient"] == "energy"].iloc[0]
    assert int(energy["n_pairs"]) == 3
    assert int(energy["n_shared_only"]) == 3
    assert energy["statements"] == "energy_2 energy_6 energy_7 energy_8"
    assert np.isclose(float(energy["mean_change"]), 25.0)


def test_rows_that_cannot_be_told_are_said_plainly(copy22):
    # P1's and P4's "before" rows (0 and 6) answer only energy_2, energy_6-8: 2.1 and 2.2
    # alike; P3's (4) says 2.1 in its cell, P2's (2) answers energy_1 (2.1)
    notes = versions.version_notes(_rows(), copy22)
    assert notes == [
        "rows 0, 6 answer only statements versions 2.1 and 2.2 share, and no "
        "instrument_version cell says which they were answered on: the scores say 2.2, and "
        "a before/after compares their pairs on the statements those versions share; write "
        "each row's version in a column instrument_version to say it"]
