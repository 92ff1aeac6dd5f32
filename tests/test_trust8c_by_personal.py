"""attacks5 C10: `--by` refuses a column whose values say who someone is, whatever its name.

The tester's file: the sample plus `team` (three e-mail addresses, ~41 people each) and
`mentor` (three participant ids of the same file). Both were accepted and printed as group
names in the CSVs and the cohort report, whose footer promises no names or ids.
"""

from pathlib import Path

import pandas as pd
import pytest

from workbook.cohort.groups import check_grouping
from workbook.core.exceptions import DataError

from .reading_helpers import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"


def _men(tmp_path) -> Path:
    x = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    ids = sorted(x["participant_id"].unique())
    x["mentor"] = x["participant_id"].map(
        {i: ["SPR-001", "SUM-002", "AUT-003"][k % 3] for k, i in enumerate(ids)})
    x["team"] = x["participant_id"].map(
        {i: ["ann@x.org", "bob@y.org", "cy@z.org"][k % 3] for k, i in enumerate(ids)})
    x["desk"] = x["participant_id"].map(
        {i: ["+44 20 7946 0018", "+44 20 7946 0019", "020 7946 0020"][k % 3]
         for k, i in enumerate(ids)})
    x["wave"] = x["participant_id"].map(
        {i: ["2026-10-01", "2026-11-01", "2026-12-01"][k % 3] for k, i in enumerate(ids)})
    path = tmp_path / "men2.csv"
    x.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("command", [("cohort",), ("report", "cohort")])
def test_a_column_of_email_addresses_is_refused(tmp_path, command):
    out = tmp_path / "out"
    proc = cli(*command, _men(tmp_path), "--out", out, "--by", "team")
    assert proc.returncode != 0  # before the fix: 0, and ann@x.org was a group name
    assert "'team'" in proc.stderr and "e-mail addresses" in proc.stderr
    assert "@" not in proc.stderr.replace("e-mail", "")  # the addresses are not repeated
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("command", [("cohort",), ("report", "cohort")])
def test_a_column_of_participant_ids_is_refused(tmp_path, command):
    out = tmp_path / "out"
    proc = cli(*command, _men(tmp_path), "--out", out, "--by", "mentor")
    assert proc.returncode != 0
    assert "'mentor'" in proc.stderr and "participant ids" in proc.stderr
    assert "SPR-001" not in proc.stderr


def test_a_column_of_phone_numbers_is_refused(tmp_path):
    data = pd.read_csv(_men(tmp_path), dtype=str, keep_default_na=False)
    with pytest.raises(DataError, match="'desk'.*phone numbers"):
        check_grouping(data, "desk")


def test_dates_and_ordinary_groups_are_still_groups(tmp_path):
    data = pd.read_csv(_men(tmp_path), dtype=str, keep_default_na=False)
    check_grouping(data, "wave")  # a date is not a phone number
    check_grouping(data, "cohort")


def test_one_group_per_person_is_still_refused(tmp_path):
    data = pd.read_csv(_men(tmp_path), dtype=str, keep_default_na=False)
    data["code"] = "g" + data["participant_id"].str.lower()  # unique per person
    with pytest.raises(DataError, match="'code': it identifies people"):
        check_grouping(data, "code")
