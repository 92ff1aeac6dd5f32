"""Round 10b L8: ``outcome.csv``'s ``n_responses`` beside "21 responses from 14 people".

On a workspace export with clients who have a conversations list and no session yet, the
overview counts the responses (rows that answer something) and says the list-only rows "are
not counted as responses; only their conversations are read, in the outcome". The outcome
reads one row a person (each client's latest, a list-only row included), so its
``n_responses`` (and the report's "People") was a third number, 17, with nothing saying why.
The count is the true one (``n``, those who said how many they held, counts the list-only
clients too); the overview now says what it counts, beside the outcome's lines.
"""

import pandas as pd

from workbook.cli import main
from workbook.cohort.outcome import conversations, read_counts
from workbook.core.instrument import load_instrument

ITEMS = load_instrument().item_ids


def export(tmp_path):
    """6 clients, 8 sessions (2 clients twice), and 2 clients with a list only."""
    rows = []
    sessions = [("c1", "2026-10-01", 1), ("c1", "2026-11-01", 2), ("c2", "2026-10-02", 0),
                ("c3", "2026-10-03", None), ("c4", "2026-10-04", 1), ("c4", "2026-11-04", 1),
                ("c5", "2026-10-05", 0), ("c6", "2026-10-06", 3)]
    for who, day, held in sessions:
        rows.append({"participant_id": who, "timepoint": day, "date": day,
                     **{item: 3 for item in ITEMS}, "conversations_held": held})
    for who in ("lo1", "lo2"):  # a conversations list, no session: no answer
        rows.append({"participant_id": who, "timepoint": "2026-12-07", "date": "2026-12-07",
                     "conversations_held": 0})
    path = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_the_outcome_reads_one_row_a_person_list_only_rows_included(tmp_path):
    data = pd.read_csv(export(tmp_path))
    table = conversations(data, min_group=2)
    # 6 clients' latest sessions and 2 list-only rows; c3 did not say: 7 answered;
    # held some: c1 (2), c4 (1), c6 (3)
    assert table[["n_responses", "n_not_shown", "n", "n_held_some", "total_held"]] \
        .iloc[0].tolist() == [8, 0, 7, 3, 6]
    assert read_counts(data) == (8, 2)


def test_the_overview_says_what_the_outcomes_count_is(tmp_path, capsys):
    path = export(tmp_path)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out"), "--min-group",
                 "2"]) == 0
    said = capsys.readouterr().out
    assert "8 response(s) from 6 participant(s)" in said
    assert (" 8 people are read here, one row each (outcome.csv's n_responses), 2 of them "
            "by a row that answers no statement (not a response)\n") in said
    lines = said.splitlines()
    heading = next(n for n, line in enumerate(lines) if "went on to talk" in line)
    assert lines[heading + 1].strip().startswith("8 people are read here")
    outcome = pd.read_csv(tmp_path / "out" / "outcome.csv")
    assert outcome["n_responses"].tolist() == [8]
