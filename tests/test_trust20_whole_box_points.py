"""Round 14c W7: in distributions.png with ``--by``, the whole cohort's box drew every
outlier (and its whisker ends) as scores; one that no shown group's box holds belonged to a
group drawn as a mean diamond (6 to 9 people), and its exact score could be read off. The
whole now draws its quartiles and median only when 1 to twice ``--min-group`` - 1 of its
people are drawn in no box."""

import random

import numpy as np
import pandas as pd
import pytest
from matplotlib.lines import Line2D

from workbook import score
from workbook.cohort.plots import distribution_chart
from workbook.cohort.summary import summarize
from workbook.core.instrument import resolve

INST = resolve(None)


def _row(pid, group, timepoint, hope=None):
    r = random.Random(f"{pid}{timepoint}")
    base = r.randint(2, 4)
    row = {"participant_id": pid, "cohort": group, "timepoint": timepoint}
    for item in INST.item_ids:
        row[item] = max(1, min(5, base + r.choice([-1, 0, 0, 1])))
    if hope is not None:
        row.update(zip([i.id for i in INST.ingredient("hope").items], hope))
    return row


def _data(extreme):
    rows = []
    for group, n in (("A", 20), ("B", 6), ("C", 20)):
        for k in range(n):
            pid = f"{group}{k:02d}"
            rows.append(_row(pid, group, "pre", extreme if pid == "B00" else None))
            rows.append(_row(pid, group, "post"))
    return pd.DataFrame(rows)


def _xs(ax):
    """Every x a line of the axes draws (whiskers, caps, points, medians, diamonds)."""
    return {round(float(x), 6) for line in ax.get_lines() if isinstance(line, Line2D)
            for x in np.atleast_1d(line.get_xdata()) if np.isfinite(float(x))}


# B00's Hope: every statement at its most hopeful (a point beyond the whiskers), and one
# statement less (a score the whole's whisker may reach).
@pytest.mark.parametrize("extreme", [(5, 5, 1, 5, 1), (5, 5, 1, 4, 1), (4, 4, 2, 4, 2)])
def test_no_score_only_the_diamond_group_holds_is_drawn(extreme):
    scores = score(_data(extreme))
    table = summarize(scores, ["timepoint", "cohort"], 5)
    fig = distribution_chart(scores, ["timepoint", "cohort"], 5, table=table)
    pre = scores[scores["timepoint"] == "pre"]
    assert len(fig.axes) == len(INST.ingredients)
    for ax, ing in zip(fig.axes, INST.ingredients):
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert "pre / B (n=6)" in labels and "pre / all (n=46)" in labels
        held = {g: set(np.round(pre.loc[pre["cohort"] == g, ing.id].dropna(), 6))
                for g in "ABC"}
        # What the tables publish of the whole (median, quartiles); the rows at post are
        # drawn on the same axes.
        whole = table[(table["timepoint"] == "pre") & (table["cohort"] == "all")
                      & (table["ingredient"] == ing.id)].iloc[0]
        published = {round(float(whole[c]), 6) for c in ("median", "q1", "q3")
                     if c in whole and pd.notna(whole[c])}
        later = set(np.round(scores.loc[scores["timepoint"] == "post", ing.id].dropna(), 6))
        only_b = held["B"] - held["A"] - held["C"] - published - later
        assert not only_b & _xs(ax), (ing.id, sorted(only_b & _xs(ax)))


def test_the_hope_point_of_95_was_the_case_seen():
    scores = score(_data((5, 5, 1, 4, 1)))
    pre = scores[scores["timepoint"] == "pre"].set_index("participant_id")
    assert pre.loc["B00", "hope"] == 95.0
    assert pre.loc[pre["cohort"] != "B", "hope"].max() < 95.0


def test_with_every_group_boxed_the_whole_keeps_its_points():
    data = _data((5, 5, 1, 4, 1))
    data.loc[data["cohort"] == "B", "cohort"] = "A"  # A of 26: every person in a box
    scores = score(data)
    fig = distribution_chart(scores, ["timepoint", "cohort"], 5)
    hope = fig.axes[[i.id for i in INST.ingredients].index("hope")]
    assert 95.0 in _xs(hope)  # B00's point, now a member of a group drawn as a box
