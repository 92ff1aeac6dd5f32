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


# -- attack 30: a row that answers nothing is not a response --------------------------------
def _export_like(tmp_path):
    """Three clients' sessions (held 1, 0, 2) and one client with a conversations list only
    (held 0, every statement and the hours empty), as export-clients writes them."""
    data = _sample()
    rows = data[data["timepoint"] == "pre"].head(3).copy()
    rows["participant_id"] = ["c1", "c2", "c3"]
    rows["timepoint"] = rows["date"] = "2026-12-01"
    rows["cohort"] = ""
    rows["conversations_held"] = ["1", "0", "2"]
    empty = rows.iloc[[0]].copy()
    empty.loc[:, :] = ""
    empty["participant_id"] = "listonly"
    empty["timepoint"] = empty["date"] = "2026-12-07"
    empty["conversations_held"] = "0"
    path = tmp_path / "clients.csv"
    pd.concat([rows, empty]).to_csv(path, index=False)
    return path


def test_a_row_that_answers_nothing_counts_only_toward_the_outcome(tmp_path):
    from workbook import load_responses
    from workbook.cohort.analysis import analyse

    data = load_responses(_export_like(tmp_path))
    tables = analyse(data, None, 1)
    assert len(tables["scores"]) == 3  # c1, c2, c3: listonly answered nothing
    assert tables["verdicts"]["count"].sum() == 3
    assert "listonly" not in set(tables["scores"]["participant_id"])
    whole = tables["outcome"].iloc[0]
    # The conversations: four people answered how many they held (1, 0, 2, 0).
    assert (whole["n"], whole["n_held_some"], whole["total_held"]) == (4, 2, 3)
    assert tables.unanswered.startswith("1 row answers no statement and gives no hours")


def test_the_cli_and_the_report_say_the_row_is_not_a_response(tmp_path, capsys):
    from workbook.cli import main

    path = _export_like(tmp_path)
    assert main(["cohort", str(path), "--out", str(tmp_path / "o"), "--min-group", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 response(s) from 3 participant(s)")
    assert "Not counted: 1 row answers no statement" in out
    assert "Not enough answers yet 1" not in out
    report = cohort_view(path, min_group=1)
    assert len(report.scores) == 3
    header = unescape(report.header().html)
    assert "3 responses from 3 people" in header
    assert "1 row answers no statement and gives no hours" in header
    outcome = unescape(report.outcome().html)
    # four people, all four saying how many they held: two held some, 3 in all
    assert ("<td class='num'>4</td><td class='num'>4</td><td class='num'>2 (50%)</td>"
            "<td class='num'>0.5</td><td class='num'>3</td>") in outcome


def test_nothing_to_score_is_not_called_hidden(tmp_path, capsys):
    from workbook.cli import main

    path = _export_like(tmp_path)
    data = pd.read_csv(path, dtype=str, keep_default_na=False).tail(1)
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "o"), "--min-group", "1"]) == 0
    out = capsys.readouterr().out
    assert "No responses to score" in out
    assert "singled out" not in out.split("went on to talk")[0]


# -- attacks2 N3: groups differing only in capitals, spaces or width are one -------------------
def test_groups_written_two_ways_are_one_group_with_a_note(tmp_path, capsys):
    from workbook import load_responses
    from workbook.cli import main
    from workbook.cohort.analysis import analyse

    data = _sample()
    spring = data.index[data["cohort"] == "2026-spring"]
    people = data.loc[spring, "participant_id"].nunique()
    # every other row 'Spring ' (a space after), the rest 'spring', one 'ＳＰＲＩＮＧ' (width)
    data.loc[spring[::2], "cohort"] = "Spring "
    data.loc[spring[1::2], "cohort"] = "spring"
    data.loc[spring[1], "cohort"] = "\uff33\uff30\uff32\uff29\uff2e\uff27"
    path = tmp_path / "g_case.csv"
    data.to_csv(path, index=False)

    tables = analyse(load_responses(path), "cohort", 5)
    mix = tables["verdicts"]
    groups = set(mix["cohort"].astype(str))
    assert groups == {"all", "2026-autumn", "2026-summer", "Spring"}
    # the same counts as the file with one spelling (2026-spring) gives
    one = analyse(load_responses(SAMPLE), "cohort", 5)["verdicts"]
    one = one[one["cohort"] == "2026-spring"].reset_index(drop=True)
    two = mix[mix["cohort"] == "Spring"].reset_index(drop=True)
    assert two[["timepoint", "n", "verdict", "count"]].equals(
        one[["timepoint", "n", "verdict", "count"]])
    assert one["n"].iloc[0] > 0
    assert tables.spelled == (
        "groups of cohort written more than one way (capitals, spaces or width), read as one, "
        "spelled as first seen: 'Spring ' -> 'Spring', 'ＳＰＲＩＮＧ' -> 'Spring', "
        "'spring' -> 'Spring'")
    assert tables.moved == ""  # no one changes group between their answers

    assert main(["cohort", str(path), "--out", str(tmp_path / "o"), "--by", "cohort"]) == 0
    out = capsys.readouterr().out
    assert "Groups: groups of cohort written more than one way" in out
    assert "verdicts pre / spring" not in out and "verdicts pre / Spring " not in out
    report = cohort_view(path, by="cohort")
    assert set(report.scores["cohort"]) == {"2026-autumn", "2026-summer", "Spring"}
    assert report.scores.loc[report.scores["cohort"] == "Spring",
                             "participant_id"].nunique() == people
    assert "read as one, spelled as first seen" in unescape(report.groups().html)


def test_a_full_width_all_is_refused_as_the_kits_name_for_the_whole(tmp_path, capsys):
    from workbook.cli import main

    data = _sample()
    data["cohort"] = data["cohort"].replace({"2026-spring": "\uff21\uff4c\uff4c"})
    path = tmp_path / "g_all.csv"
    data.to_csv(path, index=False)
    assert main(["cohort", str(path), "--out", str(tmp_path / "o"), "--by", "cohort"]) == 1
    err = capsys.readouterr().err
    assert "a group called 'Ａｌｌ' (read as 'all'), the name the kit gives the whole" in err
    assert not (tmp_path / "o").exists()
