"""Round 13c T21: with --by, the whole cohort's outcome is hidden only by its own size, as
without --by (a small dated session hid "all" though the same data without --by shows it)."""

from pathlib import Path

import pandas as pd

from workbook.cli import main

# A workspace export: 23 clients with sessions (one session of a single client, 2026-11-10),
# 3 clients with a conversations list only (cohort "lists"; the others "main").
DATA = Path(__file__).with_name("data") / "trust19_export_lists.csv"


def _outcome(tmp_path, *by):
    out = tmp_path / ("by" if by else "whole")
    assert main(["cohort", str(DATA), "--out", str(out), *by]) == 0
    return pd.read_csv(out / "outcome.csv", dtype={"cohort": str}), out


def test_the_whole_shows_with_and_without_by(tmp_path, capsys):
    plain, _ = _outcome(tmp_path)
    split, _ = _outcome(tmp_path, "--by", "cohort")
    text = capsys.readouterr().out
    whole = split[split["cohort"] == "all"].iloc[0]
    alone = plain.iloc[0]
    # 12 of 26 held one or more, 14 conversations in all: the same figures both ways
    assert (whole["n"], whole["n_held_some"], whole["total_held"]) == (26, 12, 14)
    assert (alone["n"], alone["n_held_some"], alone["total_held"]) == (26, 12, 14)
    assert "all: 12 of 26 (46%), median 0, total 14" in text
    # the groups stay hidden: lists (3) is small, main (23) would give lists away
    assert split.loc[split["cohort"] != "all", "n_held_some"].isna().all()


def test_a_hidden_group_is_counted_in_people_where_rows_are_no_responses(tmp_path, capsys):
    _outcome(tmp_path, "--by", "cohort")
    text = capsys.readouterr().out
    assert "3 of them by a row that answers no statement (not a response)" in text
    assert " lists: 3 people, not shown" in text and " main: 23 people, not shown" in text
    assert "response(s), not shown" not in text
