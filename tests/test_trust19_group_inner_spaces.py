"""Round 13c T17: group labels differing by a run of spaces inside ("Team  B" for "Team B")
are one group, as those differing by a no-break space are; a merged group is spelled with
ordinary spaces, so two groups never show under one visible name."""

import pandas as pd

from workbook.cohort.analysis import analyse
from workbook.responses.datasets import load_sample
from workbook.responses.group_labels import group_spellings


def test_a_doubled_inner_space_is_one_group():
    frame = pd.DataFrame({"cohort": ["Team B", "Team  B", "Team\u00a0A", "Team A",
                                     "Team\u2009C", " team   c "]})
    spelled, note = group_spellings(frame, "cohort")
    assert spelled["cohort"].tolist() == ["Team B", "Team B", "Team A", "Team A", "Team C",
                                          "Team C"]
    assert "'Team  B' -> 'Team B'" in note


def test_the_tables_hold_one_row_per_visible_name():
    data = load_sample()
    cohorts = list(dict.fromkeys(data["cohort"]))
    people = list(dict.fromkeys(data.loc[data["cohort"] == cohorts[1], "participant_id"]))[:3]
    name = cohorts[1]
    assert " " not in name.strip()  # the sample's names are one word: make one two
    data["cohort"] = data["cohort"].replace({name: f"Team {name}"})
    data.loc[data["participant_id"].isin(people), "cohort"] = f"Team  {name}"
    summary = analyse(data, by="cohort")["summary"]
    groups = summary["cohort"].unique().tolist()
    assert f"Team  {name}" not in groups
    shown = summary[(summary["cohort"] == f"Team {name}") & (summary["timepoint"] == "pre")
                    & (summary["ingredient"] == "hope")]
    whole = data[(data["cohort"].str.split().str.join(" ") == f"Team {name}")
                 & (data["timepoint"] == "pre")]
    assert shown["n_responses"].tolist() == [len(whole)]
