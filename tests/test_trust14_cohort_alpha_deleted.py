"""Alpha if an item is deleted, from the block's sums and column variances (issue 23).

``item_total`` took a copy of the block less each item for every item (``np.delete``); with
whole-number answers the same floats come from the row sums and the column variances worked
out once. These check the figures by hand and bit for bit against the copy.
"""

import numpy as np
import pytest

from workbook.cohort.reliability import _alphas_if_deleted, cronbach_alpha

BLOCK = np.array([[1, 2, 3], [2, 2, 4], [3, 5, 5], [4, 4, 4]], dtype=float)


def test_by_hand():
    # Less the first item: variances 2.25 and 2/3, sums 5, 6, 10, 8 (variance 14.75/3):
    # 2 * (1 - (8.75/3) / (14.75/3)) = 12 / 14.75.
    alpha = _alphas_if_deleted(BLOCK, BLOCK.sum(axis=1))
    assert alpha(0) == pytest.approx(12 / 14.75, rel=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_the_same_floats_as_the_copy(seed):
    rng = np.random.default_rng(seed)
    for n, k in ((2, 3), (3, 5), (57, 4), (1000, 5), (20011, 6), (250_000, 5)):
        block = rng.integers(1, 6, size=(n, k)).astype(float)
        block[:, 1] = 6 - block[:, 1]  # a reverse-keyed item
        alpha = _alphas_if_deleted(block, block.sum(axis=1))
        for j in range(k):
            old = cronbach_alpha(np.delete(block, j, axis=1))
            new = alpha(j)
            assert (np.isnan(old) and np.isnan(new)) or old == new, (n, k, j, old, new)


def test_undefined_and_other_answers_take_the_copy():
    constant = np.ones((10, 3))  # no variance: alpha is not defined
    assert np.isnan(_alphas_if_deleted(constant, constant.sum(axis=1))(0))
    two = BLOCK[:, :2]  # one item left: not defined
    assert np.isnan(_alphas_if_deleted(two, two.sum(axis=1))(1))
    halves = BLOCK + 0.5 * (BLOCK > 3)  # not whole numbers: the copy, as before
    alpha = _alphas_if_deleted(halves, halves.sum(axis=1))
    for j in range(3):
        assert alpha(j) == cronbach_alpha(np.delete(halves, j, axis=1))
