"""attacks5 C19 and C11: which answers the outcome (conversations held) reads.

C19: counts written on a third timepoint (``followup``, post left empty) were dropped
without a word: no outcome, and validity said no one said. Now each person's count is read
from their latest answers that hold it, and the overview says so.
C11: a workshop's pre/post rows joined with a workspace export (rows dated by session) counted
only the workshop, silently, and each session date became a timepoint of one. Refused now.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbook.cohort.analysis import analyse
from workbook.cohort.outcome import conversations, outcome_rows
from workbook.cohort.validity import validity
from workbook.core.exceptions import DataError
from workbook.core.instrument import load_instrument

from .reading_helpers import cli

INST = load_instrument()
IDS = list(INST.item_ids)
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"


def _twelve(followup=True):
    """p00-p11: pre and post (answers 3, then 4); counts 0, 1, 2, 0, 1, 2, ... on followup
    (post left empty) or on post."""
    rows = []
    for p in range(12):
        held = p % 3
        rows.append({"participant_id": f"p{p:02d}", "timepoint": "pre",
                     **dict.fromkeys(IDS, 3), "conversations_held": None})
        rows.append({"participant_id": f"p{p:02d}", "timepoint": "post",
                     **dict.fromkeys(IDS, 4), "conversations_held": None if followup else held})
        if followup:
            rows.append({"participant_id": f"p{p:02d}", "timepoint": "followup",
                         **dict.fromkeys(IDS, 4), "conversations_held": held})
    return pd.DataFrame(rows)


def test_counts_on_a_followup_are_read():
    data = _twelve()
    rows = outcome_rows(data)
    assert (data.loc[rows, "timepoint"] == "followup").all() and rows.sum() == 12
    table = conversations(data)
    # counts 0,1,2 four times each: 8 of 12 held one or more, total 4 * 3 = 12
    assert (int(table["n"].iloc[0]), int(table["n_held_some"].iloc[0]),
            int(table["total_held"].iloc[0])) == (12, 8, 12)


def test_the_cohort_reads_and_says_it():
    tables = analyse(_twelve())
    outcome = tables["outcome"]  # before the fix: no outcome table at all
    assert int(outcome["n"].iloc[0]) == 12 and int(outcome["n_held_some"].iloc[0]) == 8
    assert "followup for 12 people" in tables.outcome_note
    change = tables["outcome_change"]
    assert set(change["went_on_to_talk"]) >= {"all", "held_some"}


def test_counts_on_post_are_read_as_before():
    data = _twelve(followup=False)
    rows = outcome_rows(data)
    assert (data.loc[rows, "timepoint"] == "post").all() and rows.sum() == 12
    assert analyse(data).outcome_note == ""


def test_a_later_count_wins_over_posts_per_person():
    data = _twelve(followup=False)
    later = pd.DataFrame([{"participant_id": "p00", "timepoint": "followup",
                           **dict.fromkeys(IDS, 4), "conversations_held": 5}])
    data = pd.concat([data, later], ignore_index=True)
    table = conversations(data)
    # p00: 0 at post, 5 at followup -> 5; total 12 - 0 + 5 = 17; held some 8 + 1 = 9
    assert (int(table["n"].iloc[0]), int(table["n_held_some"].iloc[0]),
            int(table["total_held"].iloc[0])) == (12, 9, 17)


def test_validity_reads_the_followup_counts():
    result = validity(_twelve(), 3)
    assert not result.withheld
    # 12 people said how many they held (before the fix: no one)
    assert result.table["n"].max() == 12


def test_the_testers_followup_file(tmp_path):
    x = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    f = x[x["timepoint"] == "post"].copy()
    f["timepoint"] = "followup"
    x.loc[x["timepoint"] == "post", "conversations_held"] = ""
    path = tmp_path / "fu.csv"
    pd.concat([x, f]).to_csv(path, index=False)
    proc = cli("cohort", path, "--out", tmp_path / "cfu")
    assert proc.returncode == 0, proc.stderr
    assert "followup for 98 people" in proc.stdout
    assert " all: 55 of 98 (56%), median 1, total 140" in proc.stdout  # as the sample's post
    proc = cli("validity", path, "--out", tmp_path / "vfu")
    assert proc.returncode == 0, proc.stderr  # before: "Nothing to check: no one ... said"


def _mix():
    rows = _twelve(followup=False).to_dict("records")
    for k in range(4):  # a workspace export: sessions dated, counts on the latest
        for day, held in (("2026-10-01", 0), ("2026-11-01", k)):
            rows.append({"participant_id": f"k{k}", "timepoint": day, "date": day,
                         **dict.fromkeys(IDS, 3), "conversations_held": held})
    return pd.DataFrame(rows)


def test_a_workshop_joined_with_an_export_is_refused():
    with pytest.raises(DataError, match=r"pre/post answers \(12 people\) with rows dated by "
                                        r"session \(4 people, e\.g\. '2026-10-01'"):
        analyse(_mix())
    with pytest.raises(DataError, match="analyse each file on its own"):
        validity(_mix(), 3)


def test_the_cli_refuses_the_mix(tmp_path):
    path = tmp_path / "mix.csv"
    _mix().to_csv(path, index=False)
    out = tmp_path / "cmix"
    proc = cli("cohort", path, "--out", out)
    assert proc.returncode != 0  # before: 0, the four clients left out without a word
    assert "rows dated by session" in proc.stderr
    assert not out.exists()
    proc = cli("validity", path, "--out", tmp_path / "vmix", "--min-group", "3")
    assert proc.returncode != 0 and "rows dated by session" in proc.stderr


def test_an_export_alone_is_still_read_by_latest_session():
    data = _mix()
    export = data[data["participant_id"].str.startswith("k")].reset_index(drop=True)
    rows = outcome_rows(export)
    assert export.loc[rows, "timepoint"].tolist() == ["2026-11-01"] * 4
    assert np.array_equal(export.loc[rows, "conversations_held"].to_numpy(), [0, 1, 2, 3])
