"""Round 14c W6: `--skip-invalid` leaving out a person's `post` row kept their dated follow-up.

A workshop file (30 people pre and post, 10 of them at a dated follow-up) was accepted, but
with one bad answer on P00's `post` row `--skip-invalid` left that row out, and P00's dated
row no longer belonged to someone who answered `post`: the whole file was refused as "a
workspace export?". P00 did answer `post` (the row is there, with a problem): their dated row
is still a later timepoint, as the README says.
"""

from workbook.cohort.analysis import analyse
from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import cli, write

IDS = resolve(None).item_ids
HEAD = ["participant_id", "timepoint", *IDS, "hours_per_week", "conversations_held"]


def _file(tmp_path):
    rows = []
    for i in range(30):
        post = [3] * len(IDS)
        if i == 0:
            post[0] = "x"
        rows += [[f"P{i:02d}", "pre", *[2] * len(IDS), 4, ""],
                 [f"P{i:02d}", "post", *post, 4, 1]]
        if i < 10:
            rows.append([f"P{i:02d}", "2026-12-01", *[4] * len(IDS), 4, 2])
    return write(tmp_path, HEAD, rows)


def test_a_dated_followup_stays_a_later_timepoint_when_the_post_row_is_skipped(tmp_path):
    data = load_responses(_file(tmp_path), skip_invalid=True)
    assert data.attrs["skipped_rows"] == [3]
    outcome = analyse(data)["outcome"]
    whole = outcome.iloc[0]
    # 29 people read at post or later: 9 at the follow-up (2 each), 20 at post (1 each),
    # and P00 by their follow-up row (2): 30 people, 10 x 2 + 20 x 1 = 40
    assert int(whole["n"]) == 30
    assert int(whole["total_held"]) == 40


def test_cohort_with_skip_invalid_reads_the_file(tmp_path):
    proc = cli("cohort", _file(tmp_path), "--out", tmp_path / "out", "--skip-invalid")
    assert proc.returncode == 0, proc.stderr
    assert "workspace export" not in proc.stderr
    assert (tmp_path / "out" / "summary.csv").exists()
