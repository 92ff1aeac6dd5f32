"""Issue 20: a group written on some rows only (N7); timepoints differing by punctuation (N12)."""

import pandas as pd

from workbook.cohort.analysis import analyse
from workbook.cohort.groups import same_group_both_times
from workbook.core import timepoints
from workbook.responses.datasets import load_sample

# Hand counts (cut -d, -f2,3 data/sample_cohort.csv | sort | uniq -c): rows per cohort, timepoint.
SAMPLE_ROWS = {
    ("pre", "2026-autumn"): 48, ("pre", "2026-spring"): 34, ("pre", "2026-summer"): 42,
    ("post", "2026-autumn"): 44, ("post", "2026-spring"): 30, ("post", "2026-summer"): 33,
}


def _rows_per_group(data):
    verdicts = analyse(data, "cohort")["verdicts"]
    one = verdicts.drop_duplicates(["timepoint", "cohort"])
    one = one[one["cohort"] != "all"]
    return {(t, c): int(n + h) for t, c, n, h in
            zip(one["timepoint"], one["cohort"], one["n"], one["n_not_shown"])}


def _blanked(at, only_paired=False):
    data = load_sample().copy()
    data["cohort"] = data["cohort"].astype(object)
    rows = data["timepoint"] == at
    if only_paired:  # people who answered at both timepoints
        both = set(data.loc[data["timepoint"] == "pre", "participant_id"]) & \
            set(data.loc[data["timepoint"] == "post", "participant_id"])
        rows &= data["participant_id"].isin(both)
    data.loc[rows, "cohort"] = None
    return data


def test_sample_group_counts_by_hand():
    assert _rows_per_group(load_sample()) == SAMPLE_ROWS


def test_group_written_on_post_rows_only_counts_as_the_sample():
    # Every one of the 107 people with a post row also has a pre row: their pre row is in
    # their post group; the 17 who answered at pre only have a group nowhere.
    assert _rows_per_group(_blanked("pre", only_paired=True)) == SAMPLE_ROWS
    assert _rows_per_group(_blanked("pre")) == {
        ("pre", "(missing)"): 17,
        ("pre", "2026-autumn"): 44, ("pre", "2026-spring"): 30, ("pre", "2026-summer"): 33,
        ("post", "2026-autumn"): 44, ("post", "2026-spring"): 30, ("post", "2026-summer"): 33,
    }


def test_group_written_on_pre_rows_only_counts_as_the_sample():
    assert _rows_per_group(_blanked("post")) == SAMPLE_ROWS


def test_person_group_is_first_non_empty_in_timepoint_order():
    frame = pd.DataFrame({"participant_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4"],
                          "timepoint": ["post", "pre", "pre", "post", "pre", "post", "pre"],
                          "cohort": ["b", None, "a", "c", None, None, None]})
    out = same_group_both_times(frame, "cohort")["cohort"].tolist()
    # p1: only post has one -> both rows b; p2: moved, counted at pre (a);
    # p3, p4: no group anywhere -> stays missing.
    assert out[:4] == ["b", "b", "a", "a"]
    assert all(v is None or v != v for v in out[4:])


def test_labels_differing_by_punctuation_or_inner_spaces_are_one_timepoint():
    labels = ["followup", "Follow-up", "follow up", "FOLLOWUP", "follow_up", "Followup ",
              "follow.up", "ｆｏｌｌｏｗ－ｕｐ"]
    assert timepoints.canonical(labels) == ["followup"] * len(labels)
    rename = timepoints.spellings(labels)
    assert rename == {"Follow-up": "followup", "follow up": "followup", "FOLLOWUP": "followup",
                      "follow_up": "followup", "Followup ": "followup", "follow.up": "followup",
                      "ｆｏｌｌｏｗ－ｕｐ": "followup"}
    assert timepoints.notes(rename) == [
        "timepoints written more than one way, read as the spelling first seen: "
        "'FOLLOWUP' -> 'followup', 'Follow-up' -> 'followup', 'Followup ' -> 'followup', "
        "'follow up' -> 'followup', 'follow.up' -> 'followup', 'follow_up' -> 'followup', "
        "'ｆｏｌｌｏｗ－ｕｐ' -> 'followup'"]


def test_pre_post_rules_and_lookalikes_unchanged():
    got = timepoints.canonical(["Post", "P.O.S.T", "pre", "post2", "post-2", "p0st", "Before",
                                "week 2", "week2", "week-3"])
    assert got == ["post", "post", "pre", "post2", "post2", "p0st", "Before",
                   "week 2", "week 2", "week-3"]
