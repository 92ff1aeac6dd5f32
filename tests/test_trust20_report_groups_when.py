"""Round 14c W8: the cohort report's only groups table was of the last timepoint whatever its
size: a followup answered by 4 people hid every group ("Everyone 4 fewer than 5: not shown")
while post had two groups of 20. It is now of the latest timepoint whose groups are shown."""

import csv
import random

from workbook.core.instrument import resolve
from workbook.reports.cohort_view import cohort_view

ITEMS = list(resolve(None).item_ids)


def _write(path, followup):
    rows = []
    for group in "AB":
        for i in range(20):
            pid = f"{group}{i:02d}"
            r = random.Random(pid)
            for tp in ("pre", "post", *(("followup",) if i < followup else ())):
                row = {"participant_id": pid, "cohort": group, "timepoint": tp}
                row.update({it: r.randint(1, 5) for it in ITEMS})
                rows.append(row)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_id", "cohort", "timepoint", *ITEMS])
        w.writeheader()
        w.writerows(rows)
    return str(path)


def _rows(html):
    return [r.split("</td>")[0].split(">")[-1] for r in html.split("<tr>")[2:]]


def test_a_small_followup_leaves_the_groups_of_post(tmp_path):
    html = cohort_view(_write(tmp_path / "g21.csv", followup=2), by="cohort").groups().html
    heading = html.split("</h2>")[0]
    assert "post" in heading and "followup" not in heading, heading
    assert _rows(html) == ["Everyone", "A", "B"]
    assert "not shown" not in html and "suppressed" not in html


def test_a_followup_whose_groups_show_is_the_one_shown(tmp_path):
    html = cohort_view(_write(tmp_path / "g21b.csv", followup=10), by="cohort").groups().html
    heading = html.split("</h2>")[0]
    assert "followup" in heading, heading
    assert "suppressed" not in html
