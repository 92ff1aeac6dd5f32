"""The cohort's reading under a second black-box tester (issue 20, attacks 27 and 30, attacks2
N2, N3, and 25k): each test failed before its fix; counts are by hand."""

from html import unescape

import pandas as pd

from workbook.reports.cohort_view import cohort_view

SAMPLE = "data/sample_cohort.csv"


def _sample():
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


# -- attack 27: the cohort report says what --skip-invalid left out -----------------------------
def test_the_cohort_report_says_which_rows_skip_invalid_left_out(tmp_path):
    data = _sample()
    n = len(data)
    people = data["participant_id"].nunique()
    # Rows 2, 3, 4 of the file (index 0..2): an answer off the scale; row 5: hours not a number.
    data.loc[[0, 1, 2], "hope_1"] = "9"
    data.loc[3, "hours_per_week"] = "lots"
    path = tmp_path / "skip.csv"
    data.to_csv(path, index=False)
    left = set(data.loc[[0, 1, 2], "participant_id"])
    still = set(data.loc[3:, "participant_id"])
    gone = len(left - still)  # people with no row left

    report = cohort_view(path, skip_invalid=True)
    html = unescape(report.header().html)
    assert f"{n - 3} responses from {people - gone} people" in html
    assert ("3 rows of skip.csv had problems and were left out (--skip-invalid); "
            "1 row was kept with its hours left empty.") in html
    # counts only: no participant id of a row left out
    for pid in left:
        assert pid not in html


def test_a_clean_file_says_nothing_was_left_out(tmp_path):
    report = cohort_view(SAMPLE, skip_invalid=True)
    assert "left out (--skip-invalid)" not in unescape(report.header().html)
