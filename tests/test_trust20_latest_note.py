"""Round 14c W2: where some people's earlier row has a timepoint that is not a date, the
outcome note said "latest = the last row in the file, as some rows have no date", though each
person's latest dated row is read (a row with a day is later than one without), even where it
is their first row in the file. The note now says file order only where it decided."""

import csv
import random

from workbook import load_responses
from workbook.cli import main
from workbook.cohort.outcome import latest_by_file_order, outcome_rows
from workbook.core.instrument import resolve

ITEMS = list(resolve(None).item_ids)


def _write(path, earlier):
    rows = []
    for i in range(40):
        pid = f"P{i:02d}"
        r = random.Random(pid)
        # the latest, written first (held 5), then an earlier row (held 0)
        for tp, held in (("2027-02-01", 5), (earlier[i % len(earlier)], 0)):
            row = {"participant_id": pid, "timepoint": tp, "conversations_held": held}
            row.update({it: r.randint(1, 5) for it in ITEMS})
            rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "timepoint", *ITEMS,
                                          "conversations_held"])
        w.writeheader()
        w.writerows(rows)
    return path


def test_a_dated_latest_row_is_not_said_to_be_chosen_by_file_order(tmp_path, capsys):
    path = _write(tmp_path / "g7.csv", ["2027-01-05", "2026-12-20", "intake", "2026-12-02"])
    data = load_responses(path)
    read = data[outcome_rows(data)]
    assert sorted(read["conversations_held"].astype(float)) == [5.0] * 40  # the dated rows
    assert not latest_by_file_order(data)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert "last row in the file" not in said
    assert "so far (each person's latest answers): held" in said
    assert " all: 40 of 40 (100%), median 5, total 200" in said


def test_file_order_is_still_named_where_it_decided(tmp_path):
    data = load_responses(_write(tmp_path / "g7b.csv", ["intake"]))
    data = data.assign(timepoint=data["timepoint"].replace({"2027-02-01": "week2"}))
    assert latest_by_file_order(data)
