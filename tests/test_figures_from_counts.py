"""The cohort figures drawn from statistics, and the reading checks' one-pass look (issue 23).

The box plots of :func:`workbook.cohort.plots.distribution_chart` are drawn with ``Axes.bxp``
from each group's counts of distinct scores (``_box_stats``): the same numbers
``matplotlib.cbook.boxplot_stats`` gives from the values, checked here by hand and against
matplotlib, and the same artists ``Axes.boxplot`` draws. Item means (``_mean``) are the same
to the last bit as pandas' ``mean``. Reading looks at each text column joined once before it
goes cell by cell (``raw._may_break``, ``raw.header_again``): a line break or a repeated
header in any cell is still found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import cbook
from matplotlib.figure import Figure

from workbook.cohort.plots import _box_stats, _mean, distribution_chart
from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.scoring import score
from workbook.responses import raw
from workbook.responses.datasets import simulate


def _counts(x):
    distinct, counts = np.unique(np.asarray(x, dtype=float), return_counts=True)
    return distinct, counts


def test_box_statistics_by_hand():
    # sorted: 0, 50, 50, 50, 62.5, 100 (n = 6)
    stats = _box_stats(*_counts([50, 100, 0, 50, 62.5, 50]), 1.5)
    assert stats["q1"] == 50.0  # position 1.25: 50 + 0.25 * (50 - 50)
    assert stats["med"] == 50.0  # position 2.5: 50 + 0.5 * (50 - 50)
    assert stats["q3"] == 59.375  # position 3.75: 50 + 0.75 * (62.5 - 50)
    assert stats["iqr"] == 9.375
    # fences 50 - 1.5 * 9.375 = 35.9375 and 59.375 + 14.0625 = 73.4375
    assert stats["whislo"] == 50.0 and stats["whishi"] == 62.5
    assert stats["fliers"].tolist() == [0.0, 100.0]
    assert stats["cilo"] == pytest.approx(50 - 1.57 * 9.375 / 6 ** 0.5)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 9, 100, 2001, 30_000])
@pytest.mark.parametrize("seed", [1, 2])
def test_box_statistics_are_matplotlibs(n, seed):
    rng = np.random.default_rng(seed)
    # scores on a grid, as an ingredient's are, with a few far ones (fliers)
    x = np.round(rng.normal(60, 12, n).clip(0, 100) / 6.25) * 6.25
    x[: max(1, n // 500)] = 0.0
    ours = _box_stats(*_counts(x), 1.5)
    theirs = cbook.boxplot_stats(x, whis=1.5)[0]
    assert set(ours) == set(theirs)
    for key in ("q1", "med", "q3", "iqr", "whislo", "whishi", "cilo", "cihi"):
        assert ours[key] == theirs[key], key  # the same number, not a near one
    assert ours["fliers"].tolist() == sorted(theirs["fliers"].tolist())
    assert ours["mean"] == pytest.approx(theirs["mean"])


def test_box_statistics_of_nothing():
    stats = _box_stats(np.zeros(0), np.zeros(0, dtype=np.intp), 1.5)
    assert np.isnan(stats["med"]) and len(stats["fliers"]) == 0


@pytest.mark.parametrize("n", [0, 1, 5, 127, 128, 129, 10_000, 70_001])
def test_item_mean_is_pandas_mean_to_the_last_bit(n):
    rng = np.random.default_rng(n)
    values = rng.integers(1, 6, n).astype(float) / 3.0  # thirds: sums that round
    values[rng.random(n) < 0.03] = np.nan
    mean, count = _mean(values)
    frame = pd.DataFrame({"a": values, "b": values[::-1].copy()})
    expected = frame.mean()["a"]  # as the item means were made before (a table's mean)
    assert count == int(np.count_nonzero(~np.isnan(values)))
    assert (np.isnan(mean) and np.isnan(expected)) or mean == expected


def _artists(ax):
    """What a box plot draws on ``ax``: each line's and patch's coordinates, in order."""
    lines = [np.asarray(line.get_xydata()).tolist() for line in ax.get_lines()]
    patches = [p.get_path().vertices.tolist() for p in ax.patches]
    return lines, patches


def test_boxes_from_counts_are_what_boxplot_draws():
    # 2,500 people answering twice: more than 2,000 scores a box, so the boxes come from
    # their counts; nobody answered only once, so no response is left out
    data = simulate(2_500, seed=4, attrition=0.0)
    scores = score(data)
    fig = distribution_chart(scores, by=schema.TIMEPOINT)
    for ax, ingredient in zip(fig.axes, resolve(None).ingredient_ids):
        values = [scores.loc[(scores[schema.TIMEPOINT] == t).to_numpy(), ingredient]
                  .dropna().to_numpy(dtype=float) for t in (schema.BEFORE, schema.AFTER)]
        assert min(map(len, values)) > 2000
        reference = Figure().subplots()
        reference.boxplot(values, positions=[1, 0], orientation="horizontal", widths=0.55,
                          showfliers=False, patch_artist=True,
                          medianprops={"color": "black"},
                          boxprops={"facecolor": "white", "edgecolor": "black"})
        lines, patches = _artists(ax)
        want_lines, want_patches = _artists(reference)
        assert len(want_lines) == 10 and len(want_patches) == 2  # 2 boxes: whiskers, caps...
        # the figure's own lines come after its level bands' (none are Line2D): the boxes'
        assert lines[-len(want_lines):] == want_lines
        assert patches[-len(want_patches):] == want_patches


def test_a_line_break_in_any_text_cell_is_looked_at():
    assert not raw._may_break(pd.Series(["a", None, "b, c"], dtype="str"))
    assert raw._may_break(pd.Series(["a", None, "b\nc"], dtype="str"))
    assert raw._may_break(pd.Series(["a", "b\r"], dtype="str"))
    assert raw._may_break(pd.Series([1, "x"], dtype=object))  # not all text: cell by cell


def test_a_repeated_header_is_found_with_spaces_and_in_numbers():
    frame = pd.DataFrame({"participant_id": ["a", " participant_id ", "b"],
                          "hope_1": ["3", "hope_1", "4"], "notes": [None, None, "x"]})
    assert raw.header_again(frame, list(frame.columns)).tolist() == [False, True, False]
    plain = frame.assign(participant_id=["a", "c", "b"])
    assert raw.header_again(plain, list(frame.columns)).tolist() == [False] * 3
    numbers = pd.DataFrame({"7": [1, 7, 2], "hope_1": ["3", "hope_1", "4"]})
    assert raw.header_again(numbers, ["7", "hope_1"]).tolist() == [False, True, False]
