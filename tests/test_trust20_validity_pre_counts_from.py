"""Round 14c W12: with pre, validity (and the report's section) said the counts were of
"conversations held after it (post)" when 10 of the 30 came from followup; the cohort overview
said so. The pre reading now names the timepoints its counts come from, as --same-time does."""

import csv
import random

from workbook import load_responses
from workbook.cohort.validity import KIT_WORDS, validity
from workbook.core.instrument import resolve

ITEMS = list(resolve(None).item_ids)


def _write(path, followup):
    rows = []
    for i in range(30):
        pid = f"P{i:02d}"
        r = random.Random(pid)
        times = [("pre", ""), ("post", i % 2)] + ([("followup", 3)] if i < followup else [])
        for tp, held in times:
            row = {"participant_id": pid, "timepoint": tp, "conversations_held": held}
            row.update({it: r.randint(1, 5) for it in ITEMS})
            rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "timepoint", *ITEMS,
                                          "conversations_held"])
        w.writeheader()
        w.writerows(rows)
    return path


def test_the_pre_reading_names_where_its_counts_come_from(tmp_path):
    result = validity(load_responses(_write(tmp_path / "g27.csv", 10)))
    said = result.reading_words
    assert "followup 10, post 20" in said, said
    assert "after it (post)" not in said
    assert (result.n_held_some, result.n_held_none) == (10 + 10, 10)


def test_all_from_post_reads_as_before(tmp_path):
    result = validity(load_responses(_write(tmp_path / "g27b.csv", 0)))
    assert result.reading_words == KIT_WORDS["reading_pre"]
