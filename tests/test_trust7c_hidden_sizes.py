"""attacks4 B8 and B12: one size for a group shown "by size only", in every table and in the
overview; a group of list-only rows is in the overview's outcome too.

Counted by hand: A 12 people before and after; B 8 before, 6 after (2 before only); C 3 and
3; D 7 before, 9 after (2 after only). With --by cohort, the 2 of B who answered only before
are left out of B's figures at pre (n_not_shown 2: 8 - 2 = 6 shown), and the 2 of D who
answered only after out of D's at post and of the outcome (9 - 2 = 7).
"""

import pandas as pd

from workbook.cohort.analysis import analyse

from .reading_helpers import IDS, cli

SPEC = {"A": (12, 12), "B": (8, 6), "C": (3, 3), "D": (7, 9)}


def _data(x_rows=0):
    rows = []
    for group, (before, after) in SPEC.items():
        for p in range(max(before, after)):
            for tp, has in (("pre", p < before), ("post", p < after)):
                if has:
                    value = 2 + (p % 3) + (tp == "post")
                    rows.append({"participant_id": f"{group}{p:02d}", "cohort": group,
                                 "timepoint": tp, **dict.fromkeys(IDS, value),
                                 "hours_per_week": 4,
                                 "conversations_held": (p % 3) if tp == "post" else None})
    for p in range(x_rows):  # list-only rows: no answers, conversations held at post
        rows.append({"participant_id": f"X{p}", "cohort": "X", "timepoint": "post",
                     "conversations_held": 1})
    return pd.DataFrame(rows)


def test_a_hidden_group_counts_its_left_out_answers_in_every_csv():
    tables = analyse(_data(), by="cohort", min_group=8)
    summary = tables["summary"].set_index(["timepoint", "cohort", "ingredient"])
    # before the fix: n_not_shown empty for hidden B at pre (n_responses 8: 8 or 6?)
    assert summary.loc[("pre", "B", "hope"), "n_responses"] == 8
    assert summary.loc[("pre", "B", "hope"), "n_not_shown"] == 2
    assert pd.isna(summary.loc[("pre", "B", "hope"), "n"])  # its figures stay hidden
    mix = tables["verdicts"]
    b = mix[(mix["timepoint"] == "pre") & (mix["cohort"] == "B")].iloc[0]
    assert (b["n"], b["n_not_shown"]) == (6, 2)  # the same 6 = 8 - 2
    outcome = tables["outcome"].set_index("cohort")
    assert (outcome.loc["D", "n_responses"], outcome.loc["D", "n_not_shown"]) == (9, 2)
    assert pd.isna(outcome.loc["D", "n"])
    reliability = tables["reliability"].set_index(["cohort", "ingredient"])
    hidden = reliability[reliability["alpha"].isna()]
    assert hidden["n_not_shown"].notna().all()


def test_the_overview_gives_a_hidden_group_the_size_the_csvs_give(tmp_path):
    path = tmp_path / "groups.csv"
    _data(x_rows=3).to_csv(path, index=False)
    out = tmp_path / "out"
    proc = cli("cohort", path, "--out", out, "--by", "cohort", "--min-group", "8")
    assert proc.returncode == 0, proc.stderr
    outcome = pd.read_csv(out / "outcome.csv").set_index("cohort")
    d = outcome.loc["D"]
    assert d["n_responses"] - d["n_not_shown"] == 7
    # counted in people where rows that are not responses are read (round 13c T21)
    assert " D: 7 people, not shown" in proc.stdout
    # B12: the list-only group X is in outcome.csv and now in the overview too, with the
    # same size (its 3 people answered only after: all 3 left out, as D's 2)
    x = outcome.loc["X"]
    assert (x["n_responses"], x["n_not_shown"]) == (3, 3)
    assert " X: 0 people, not shown" in proc.stdout
