"""attacks4 B11: a best line that ties today's line in the Youden index is today's line.

The tester's 24 people: hope of the 12 who talked 25, 50, 50, 75 x5, 100 x4; of the 12 who
held none 0 x3, 25 x7, 50 x2. By hand, at today's 40: sensitivity 11/12 (all but the 25),
specificity 10/12 (all but the two 50s), J = 0.75; at 50 the same people either side (no
one scored 26-49), so the same J; no cut-off does better (at 75: 9/12 + 12/12 - 1 = 0.75,
another tie; at 25: 12/12 + 3/12 - 1 = 0.25). Today's line is the best line.
Everyone with the same score (65): no cut-off separates anyone (J = 0 at every one), so
nothing is better than today's line either.
"""

from workbook.cohort.validity import youden

TALKED = [25, 50, 50] + [75] * 5 + [100] * 4
NONE = [0] * 3 + [25] * 7 + [50] * 2


def test_a_tie_with_todays_line_is_todays_line():
    x, y = TALKED + NONE, [1] * 12 + [0] * 12
    best, low, high, j = youden(x, y, 40)
    # before: best 50, interval [50, 75]: "today's line is below the best line's interval"
    assert best == 40 and low <= 40 <= high
    assert j == 11 / 12 - 2 / 12


def test_everyone_the_same_has_todays_line_as_best():
    x, y = [65] * 24, [1] * 12 + [0] * 12
    # before: best 65 [65, 65], today's 40 said to be below it
    assert youden(x, y, 40)[:3] == (40, 40, 40)
