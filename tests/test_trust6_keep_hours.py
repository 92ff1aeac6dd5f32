"""attacks4 B20: --keep with --skip-invalid keeps a repeat's row without a problem over one
whose hours a week cannot be read (the README's rule); a row whose only problem is its hours
is still kept over one with another problem, its hours left empty."""
from workbook.responses.io import load_responses

from .reading_helpers import IDS, answers, cli, write

HEAD = ["participant_id", "timepoint", "date", *IDS, "hours_per_week"]


def _file(tmp_path, first=("3", "5"), later=("4", "about 2")):
    """'a' answers pre on 2026-03-04 (row 2) and again on 2026-03-05 (row 4)."""
    rows = [["a", "pre", "2026-03-04", first[0], *answers(3)[1:], first[1]],
            ["b", "pre", "2026-03-04", *answers(3), "5"],
            ["a", "pre", "2026-03-05", later[0], *answers(4)[1:], later[1]]]
    return write(tmp_path, HEAD, rows)


def test_keep_last_prefers_the_row_without_a_problem_to_one_with_unreadable_hours(tmp_path):
    data = load_responses(_file(tmp_path), keep="last", skip_invalid=True)
    assert list(data.index) == [2, 3]
    assert data.loc[2, IDS[0]] == 3.0
    assert data.loc[2, "hours_per_week"] == 5.0
    assert data.attrs["left_out"] == [(4, "a", "pre", 2)]
    assert data.attrs["hours_blanked"] == []
    assert ("--keep last: left out 1 repeated response: row 4 ('a', pre; kept row 2, as row "
            "4's hours a week cannot be read)") in data.attrs["matches"].notes


def test_keep_first_prefers_the_later_row_when_the_first_has_unreadable_hours(tmp_path):
    data = load_responses(_file(tmp_path, first=("3", "many"), later=("4", "6")),
                          keep="first", skip_invalid=True)
    assert list(data.index) == [3, 4]
    assert data.loc[4, "hours_per_week"] == 6.0
    assert data.attrs["left_out"] == [(2, "a", "pre", 4)]


def test_a_row_whose_only_problem_is_its_hours_wins_over_one_with_another_problem(tmp_path):
    # row 2: hope_1 = 9 (not on the scale); row 4: hours unreadable -> row 4, hours empty
    data = load_responses(_file(tmp_path, first=("9", "5"), later=("4", "many")),
                          keep="first", skip_invalid=True)
    assert list(data.index) == [3, 4]
    assert data.attrs["left_out"] == [(2, "a", "pre", 4)]
    assert data.attrs["hours_blanked"] == [4]


def test_both_rows_with_unreadable_hours_keep_by_keep(tmp_path):
    data = load_responses(_file(tmp_path, first=("3", "many"), later=("4", "lots")),
                          keep="last", skip_invalid=True)
    assert list(data.index) == [3, 4]
    assert data.attrs["hours_blanked"] == [4]


def test_score_keeps_the_hours_as_given(tmp_path):
    out = tmp_path / "s.csv"
    proc = cli("score", _file(tmp_path), "--keep", "last", "--skip-invalid", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "hours left empty" not in proc.stderr
    assert "kept row 2, as row 4's hours a week cannot be read" in proc.stderr
