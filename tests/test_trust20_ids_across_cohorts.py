"""Round 14c W17: two workshops numbering their people from 001 (one id in two cohorts).

The repeat's advice (`--keep first`/`--keep last`) led a coach to drop a whole workshop. Rows
repeating an id in different cohorts are named as likely two people sharing an id now, with
the way out (ids made unique), and `--keep` is not offered for them.
"""

from workbook.core.instrument import resolve
from workbook.responses.io import read_responses

from .reading_helpers import write

IDS = resolve(None).item_ids


def test_a_repeat_across_cohorts_says_two_people_may_share_an_id(tmp_path):
    rows = [[f"{i:03d}", cohort, "pre", *[3] * len(IDS), 4]
            for cohort in ("spring", "summer") for i in (1, 2)]
    rows.append(["003", "spring", "pre", *[3] * len(IDS), 4])
    rows.append(["003", "spring", "pre", *[4] * len(IDS), 4])
    path = write(tmp_path, ["participant_id", "cohort", "timepoint", *IDS, "hours_per_week"],
                 rows)
    _, problems = read_responses(path)
    across = [p for p in problems if p.value == "001"]
    assert [p.row for p in across] == [2, 4]
    assert "in different cohorts ('spring', 'summer')" in across[0].message
    assert "make the ids unique" in across[0].message
    assert "--keep" not in across[0].message
    same = [p for p in problems if p.value == "003"]
    assert "--keep first" in same[0].message  # one cohort: a repeat as before
