"""Round 13c T22: prepost.png draws a line per person (their exact before and after scores)
only where a box would be drawn: twice --min-group pairs or more."""

import matplotlib.colors as mcolors

from workbook.cohort.plots import prepost_chart
from workbook.core.palette import PALETTE
from workbook.core.scoring import score
from workbook.responses.datasets import load_sample


def _pairs(people):
    """The sample's first ``people`` who scored every ingredient before and after."""
    scores = score(load_sample())
    scores = scores[scores["timepoint"].isin(["pre", "post"])]
    ings = ["hope", "time", "energy", "self_esteem", "ambition"]
    full = scores[scores[ings].notna().all(axis=1)]
    twice = full.groupby("participant_id").size()
    ids = list(twice[twice == 2].index)[:people]
    return scores[scores["participant_id"].isin(ids)]


def _grey_lines(fig):
    grey = mcolors.to_rgba(PALETTE["grey"])
    return [sum(mcolors.to_rgba(line.get_color())[:3] == grey[:3] for line in ax.lines)
            for ax in fig.axes]


def test_six_pairs_draw_no_line_per_person():
    scores = _pairs(6)
    assert scores["participant_id"].nunique() == 6
    fig = prepost_chart(scores)
    assert _grey_lines(fig) == [0, 0, 0, 0, 0]
    # the mean change is still drawn: one blue line per ingredient
    blue = mcolors.to_rgba(PALETTE["blue"])[:3]
    assert all(any(mcolors.to_rgba(line.get_color())[:3] == blue for line in ax.lines)
               for ax in fig.axes)


def test_the_rule_is_twice_min_group():
    scores = _pairs(6)
    assert _grey_lines(prepost_chart(scores, min_group=3)) == [6] * 5  # 6 >= 2 x 3
    assert _grey_lines(prepost_chart(_pairs(10))) == [10] * 5  # 10 >= 2 x 5
    assert _grey_lines(prepost_chart(_pairs(9))) == [0] * 5
