"""Round 9a H4: `validity` set beside `cohort` must not give back whom cohort hides.

`workbook cohort` hides the one person who did not say how many conversations they held
(and "Held one or more" with them, the next smallest side); `validity_roc.csv` gave the
talkers' whole score distribution, so the hidden person's before scores (and, with
`--same-time`, their after scores) came back exactly. With a hidden pair, summary.csv's
counts below the line minus validity.csv's told how many of the two were below it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.cli import main
from workbook.cohort.analysis import analyse
from workbook.cohort.outcome import HELD_NONE, HELD_SOME, NOT_ANSWERED
from workbook.cohort.validity import hidden_sides, validity
from workbook.core import schema
from workbook.core.instrument import resolve


def _answers(rng) -> dict:
    return {item.id: int(rng.integers(1, 6)) for item in resolve(None).items}


def workshop(held: list, seed: int = 5, post_only: dict | None = None) -> pd.DataFrame:
    """One person per entry of ``held`` (None: did not say), pre and post answered at random.

    ``post_only``: people who answered only after, id -> conversations held.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for k, count in enumerate(held):
        pid = f"Q{k:02d}"
        rows.append({"participant_id": pid, "timepoint": "pre", **_answers(rng),
                     "hours_per_week": 4})
        rows.append({"participant_id": pid, "timepoint": "post", **_answers(rng),
                     "hours_per_week": 4, schema.CONVERSATIONS_HELD: count})
    for pid, count in (post_only or {}).items():
        rows.append({"participant_id": pid, "timepoint": "post", **_answers(rng),
                     "hours_per_week": 4, schema.CONVERSATIONS_HELD: count})
    frame = pd.DataFrame(rows)
    frame[schema.CONVERSATIONS_HELD] = frame[schema.CONVERSATIONS_HELD].astype("Int64")
    return frame


def test_the_one_who_did_not_say_is_hidden_by_cohort_and_validity_shows_no_curves(tmp_path):
    data = workshop([2] * 10 + [0] * 10 + [None])  # the tester's c5: Q20 did not say
    # cohort hides Q20 and one side with them (the leak needs the other side and the whole)
    hidden = hidden_sides(analyse(data)["outcome_change"])
    assert NOT_ANSWERED in hidden and hidden & {HELD_SOME, HELD_NONE}
    for same_time in (False, True):
        result = validity(data, same_time=same_time)
        assert result.table is None and result.roc is None
        assert "no one can be singled out" in result.withheld
        assert (result.n, result.n_held_some, result.n_held_none) == (20, 10, 10)
    # from the command line: nothing written, so no validity_roc.csv to subtract
    path = tmp_path / "c5.csv"
    data.to_csv(path, index=False)
    for extra in ([], ["--same-time"]):
        out = tmp_path / f"out{len(extra)}"
        assert main(["validity", str(path), "--out", str(out), *extra]) == 1
        assert not (out / "validity_roc.csv").exists() and not (out / "validity.csv").exists()
    # had Q20 said 0, no one is hidden: the check is shown, of all 21
    said = validity(workshop([2] * 10 + [0] * 11))
    assert said.table is not None and (said.n, said.n_held_some, said.n_held_none) == \
        (21, 10, 11)
    assert not hidden_sides(analyse(workshop([2] * 10 + [0] * 11))["outcome_change"])


def test_a_hidden_pair_is_not_counted_below_the_line_by_validity():
    data = workshop([2] * 6 + [0] * 5 + [None] * 2)  # the tester's c4
    hidden = hidden_sides(analyse(data)["outcome_change"])
    assert NOT_ANSWERED in hidden and HELD_NONE in hidden
    result = validity(data)
    # 6 and 5 are enough for the table (min_group 5), but the two would be given away
    assert (result.n_held_some, result.n_held_none) == (6, 5)
    assert result.table is None and "no one can be singled out" in result.withheld
    # five who did not say are a group of their own: shown again
    shown = validity(workshop([2] * 6 + [0] * 5 + [None] * 5))
    assert shown.table is not None and shown.n == 11


def test_someone_cohort_leaves_out_at_a_time_is_left_out_of_validity_too():
    # 10 and 10 answered both times; P1 answered only after: cohort's post figures leave
    # them out (one person), so --same-time leaves them out too and says so
    data = workshop([2] * 10 + [0] * 10, post_only={"P1": 3})
    summary = analyse(data)["summary"]
    post = summary[(summary["timepoint"] == "post") & (summary["ingredient"] == "hope")]
    assert int(post["n"].iloc[0]) == 20 and int(post["n_not_shown"].iloc[0]) == 1
    result = validity(data, same_time=True)
    assert (result.n, result.n_held_some, result.n_held_none, result.n_left_out) == \
        (20, 10, 10, 1)
    assert result.table is not None and "1 more who said" in result.unscored_note
    # the default reads pre: P1 has no pre answers and is not read at all
    assert validity(data).n_left_out == 0 and validity(data).n == 20


def test_an_export_whose_first_sessions_share_a_day_is_read_against_that_days_figures():
    # 21 clients, first session 2026-09-01, a later one 2026-10-01 with the counts; one
    # gave none: cohort's 2026-09-01 figures (21) less validity's (20) would be them
    data = workshop([2] * 10 + [0] * 10 + [None])
    data["timepoint"] = data["timepoint"].map({"pre": "2026-09-01", "post": "2026-10-01"})
    result = validity(data)
    assert result.reading == "first" and result.n == 20
    assert result.table is None and "no one can be singled out" in result.withheld
    full = workshop([2] * 10 + [0] * 11)
    full["timepoint"] = full["timepoint"].map({"pre": "2026-09-01", "post": "2026-10-01"})
    assert validity(full).table is not None and validity(full).n == 21
