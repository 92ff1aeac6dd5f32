"""Round 13c T5: the cohort report's note under "How scores spread" names the size below
which a group shows a diamond: twice --min-group, not "ten" whatever it is."""

import pytest

from workbook.reports.cohort_view import cohort_view


@pytest.mark.parametrize("min_group, size", [(3, 6), (5, 10), (8, 16)])
def test_the_note_says_twice_min_group(min_group, size):
    section = cohort_view(min_group=min_group).distributions()
    assert f"A group of fewer than {size} people (twice the smallest group shown) shows its " \
           "mean as a diamond instead" in section.html
    assert "fewer than ten" not in section.html
