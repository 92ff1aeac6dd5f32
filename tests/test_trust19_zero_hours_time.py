"""Round 12a P14: people with 0 hours a week are counted at Time "not yet" in the cohort
summary's level shares (the verdict mix says "Not now" for them; their own pages say "no
hours now", never "plenty"), in `cohort` and in the cohort report alike."""

import pandas as pd

from workbook.cohort.analysis import analyse
from workbook.core.instrument import load_instrument
from workbook.reports.cohort_view import cohort_view

INST = load_instrument()


def _zero(tmp_path=None):
    """8 people at `pre`, every statement at its top (Time 100), 0 hours a week; 2 more with
    4 hours, the same answers."""
    answers = {i.id: (1 if i.reverse else 5) for i in INST.items}
    rows = [{"participant_id": f"Z{n}", "timepoint": "pre", **answers,
             "hours_per_week": 0 if n < 8 else 4} for n in range(10)]
    return pd.DataFrame(rows)


def test_zero_hours_are_time_not_yet_in_the_summary():
    tables = analyse(_zero(), instrument=INST)
    time = tables["summary"].set_index("ingredient").loc["time"]
    assert time["n"] == 10 and time["mean"] == 100.0  # the statements' score as it is
    assert (time["share_not_yet"], time["share_a_little"], time["share_plenty"]) == \
        (0.8, 0.0, 0.2)
    assert tables["summary"].set_index("ingredient").loc["hope", "share_plenty"] == 1.0
    verdicts = tables["verdicts"]
    assert int(verdicts.loc[verdicts["verdict"] == "not_now", "count"].sum()) == 8


def test_the_cohort_report_counts_them_so_too(tmp_path):
    path = tmp_path / "zero.csv"
    _zero().to_csv(path, index=False)
    html = cohort_view(path).overview().html
    # Time: 80% not yet, 0% a little, 20% plenty (before: 0% 0% 100%)
    assert "80%" in html and "100%" not in html.split("Time", 1)[1].split("</tr>", 1)[0]
