"""Issue 20, session 6 (attacks3 A5 gap): a file with no date column is not told that "some
rows have no date"."""
from html import unescape

from workbook.cli import main
from workbook.reports.cohort_view import cohort_view

from .test_cohort_trust import _sessions


def test_latest_by_file_order_in_a_file_without_a_date_column(tmp_path, capsys):
    data = _sessions(["s1", "s2"]).drop(columns="date")
    path = tmp_path / "sessions.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert ("went on to talk to someone so far (each person's latest answers: latest = the "
            "last row in the file, as the file has no date column)") in out
    assert "some rows have no date" not in out
    html = unescape(cohort_view(path).outcome().html)
    assert ("Each person's latest answers are their last row in the file, as the file has no "
            "date column.") in html
    assert "some rows have no date" not in html
