"""Trust the record, reading's second round (issue 20, the tester's findings 23, 25, 26, 31, 32).

Participant ids with invisible characters, ``--keep`` with ``--skip-invalid``, a post dated
before its pre, impossible dates, and what reading says of a file that is not UTF-8 text.
Figures worked by hand.
"""

import pytest

from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli, write

# --- 26: ids that differ only by an invisible character -------------------------------------

def _ids(tmp_path, post_ids):
    rows = [["AUT-001", "pre", *answers(3)], ["AUT-002", "pre", *answers(3)],
            ["AUT-003", "pre", *answers(3)]]
    rows += [[pid, "post", *answers(4)] for pid in post_ids]
    return write(tmp_path, ["participant_id", "timepoint", *IDS], rows)


def test_invisible_characters_and_no_break_spaces_leave_ids_with_a_note(tmp_path):
    # rows 5-7: a zero-width space, a trailing no-break space, a word joiner and a BOM around
    path = _ids(tmp_path, ["AUT-001\u200b", "AUT-002\u00a0", "\ufeffAUT-003\u2060"])
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["participant_id"]) == ["AUT-001", "AUT-002", "AUT-003"] * 2
    assert ("participant ids read without the invisible characters or spaces around them: "
            "'AUT-001\\u200b' -> 'AUT-001' (row 5), 'AUT-002\\xa0' -> 'AUT-002' (row 6), "
            "'\\ufeffAUT-003\\u2060' -> 'AUT-003' (row 7)") in data.attrs["matches"].notes
    scored = load_responses(path)
    assert scored["participant_id"].nunique() == 3


def test_cohort_pairs_people_whose_post_id_has_an_invisible_character(tmp_path):
    path = _ids(tmp_path, ["AUT-001\u200b", "AUT-002\u00a0", "AUT-003"])
    proc = cli("cohort", path, "--out", tmp_path / "c", "--min-group", "1")
    assert proc.returncode == 0, proc.stderr
    assert "6 response(s) from 3 participant(s)" in proc.stdout
    assert "0 before only, 0 after only" in proc.stdout


def test_an_id_repeated_with_an_invisible_character_is_a_repeat(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)], ["a\u200b", "pre", *answers(4)]])
    _, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (3, "participant_id")]
    assert "appears more than once at timepoint 'pre' (rows 2, 3)" in problems[0].message


def test_an_id_of_only_invisible_characters_is_empty(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)], ["\u200b\u00a0", "pre", *answers(4)]])
    _, problems = read_responses(path)
    assert [str(p) for p in problems] == ["row 3, column participant_id: participant_id is empty"]


def test_ids_differing_only_in_case_or_dash_are_named_in_a_note(tmp_path):
    path = _ids(tmp_path, ["aut-001", "AUT\u2013002", "AUT-003"])
    data, problems = read_responses(path)
    assert problems == []
    assert data["participant_id"].nunique() == 5  # still people of their own
    assert ("participant ids that differ only in capitals, punctuation or width, counted as "
            "different people: 'AUT-001' and 'aut-001'; 'AUT-002' and 'AUT–002'. If one "
            "person wrote their id two ways, write it one way") in data.attrs["matches"].notes


def test_long_form_ids_are_cleaned_too(tmp_path):
    path = write(tmp_path, ["participant_id", "timepoint", "item_id", "response"],
                 [["a", "pre", IDS[0], "3"], ["a\u200b", "pre", IDS[1], "4"]])
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["participant_id"]) == ["a"]
    assert list(data[[IDS[0], IDS[1]]].iloc[0]) == ["3", "4"]


# --- 31: --keep with --skip-invalid keeps a valid row over one with a problem -----------------

HEAD = ["participant_id", "timepoint", "date", *IDS, "hours_per_week"]


def _repeat(tmp_path, later=("9", "4")):
    """'a' answers pre on 2026-03-04 (row 2) and again on 2026-03-05 (row 4, hope_1 = later)."""
    rows = [["a", "pre", "2026-03-04", *answers(3), "5"],
            ["b", "pre", "2026-03-04", *answers(3), "5"],
            ["a", "pre", "2026-03-05", later[0], *answers(4)[1:], later[1]]]
    return write(tmp_path, HEAD, rows)


def test_keep_last_with_skip_invalid_keeps_the_valid_row_of_a_repeat(tmp_path):
    data = load_responses(_repeat(tmp_path), keep="last", skip_invalid=True)
    assert list(data.index) == [2, 3]
    assert data.loc[2, IDS[0]] == 3.0
    assert data.attrs["left_out"] == [(4, "a", "pre", 2)]
    assert data.attrs["skipped_rows"] == []
    assert ("--keep last: left out 1 repeated response: row 4 ('a', pre; kept row 2, as row 4 "
            "has a problem and --skip-invalid leaves it out)") in data.attrs["matches"].notes


def test_keep_first_with_skip_invalid_passes_over_an_earlier_row_with_a_problem(tmp_path):
    rows = [["a", "pre", "2026-03-04", "9", *answers(3)[1:], "5"],
            ["a", "pre", "2026-03-05", *answers(4), "5"],
            ["a", "pre", "2026-03-06", *answers(5), "5"]]
    data = load_responses(write(tmp_path, HEAD, rows), keep="first", skip_invalid=True)
    assert list(data.index) == [3]  # the first of the rows without a problem
    assert data.attrs["left_out"] == [(2, "a", "pre", 3), (4, "a", "pre", 3)]
    assert data.attrs["skipped_rows"] == []


def test_a_repeat_whose_rows_all_have_problems_says_the_person_has_none_left(tmp_path):
    rows = [["a", "pre", "2026-03-04", "0", *answers(3)[1:], "5"],
            ["b", "pre", "2026-03-04", *answers(3), "5"],
            ["a", "pre", "2026-03-05", "9", *answers(4)[1:], "5"]]
    data = load_responses(write(tmp_path, HEAD, rows), keep="last", skip_invalid=True)
    assert list(data.index) == [3]
    assert data.attrs["skipped_rows"] == [4]
    assert ("--keep last: left out 1 repeated response: row 2 ('a', pre; kept row 4, which has "
            "a problem too, so --skip-invalid leaves 'a' no pre response)") in \
        data.attrs["matches"].notes


def test_a_row_whose_only_problem_is_its_hours_gives_way_to_one_without_a_problem(tmp_path):
    # attacks4 B20: the README's rule (a row without a problem is kept); a row whose only
    # problem is its hours still wins over one with another problem (test_trust6_keep_hours)
    data = load_responses(_repeat(tmp_path, later=("4", "many")), keep="last",
                          skip_invalid=True)
    assert list(data.index) == [2, 3]
    assert data.attrs["left_out"] == [(4, "a", "pre", 2)]
    assert data.attrs["hours_blanked"] == []


def test_keep_without_skip_invalid_still_keeps_the_last_and_names_its_problem(tmp_path):
    data, problems = read_responses(_repeat(tmp_path), keep="last")
    assert list(data.index) == [3, 4]
    assert [(p.row, p.column) for p in problems] == [(4, IDS[0])]


def test_score_keep_last_skip_invalid_writes_the_valid_pre(tmp_path):
    proc = cli("score", _repeat(tmp_path), "--keep", "last", "--skip-invalid",
               "--out", tmp_path / "s.csv")
    assert proc.returncode == 0, proc.stderr
    assert "wrote 2 scored response(s)" in proc.stderr + proc.stdout
    assert "kept row 2, as row 4 has a problem" in proc.stderr


# --- 23: a date of the right shape for a day that does not exist -----------------------------

@pytest.mark.parametrize("dates", [None, "dmy", "mdy"])
def test_an_impossible_date_says_why(tmp_path, dates):
    path = write(tmp_path, ["participant_id", "timepoint", "date", *IDS],
                 [["a", "pre", "2026-02-29", *answers()], ["b", "pre", "31/04/2026", *answers()],
                  ["c", "pre", "2026-03-04T25:00", *answers()],
                  ["d", "pre", "2026-03-04 Jane", *answers()]])
    _, problems = read_responses(path, dates=dates)
    said = {p.row: p.message for p in problems}
    optional = "; the date column is optional: you may also leave it out"
    assert said[2] == "not a date: there is no 29 February in 2026" + optional
    assert said[3] == {
        None: "not a date: April has 30 days",
        "dmy": "not a date read day first (--dates dmy): April has 30 days",
        "mdy": "not a date read month first (--dates mdy): there is no month 31"}[dates] + optional
    assert said[4] == "not a date: 25 is not an hour (0-23)" + optional
    # Text after a year-first date: never told to write it year first "read day first".
    assert said[5].startswith("not a date: write it year first, as YYYY-MM-DD")


def test_why_not_on_its_own():
    from workbook.core.dates import why_not

    assert why_not("2024-02-29") is None  # a leap year
    assert why_not("2026-02-30") == "February has 28 days"
    assert why_not("2026-13-01") == "there is no month 13"
    assert why_not("00/03/2026") is None  # 0 and 3: could be either, said elsewhere
    assert why_not("32/13/2026") == "neither 32 nor 13 is a month"
    assert why_not("2026-03-04 10:61") == "61 is not a minute (0-59)"
    assert why_not("2026-03-04") is None


# --- 32: a post dated before its pre ---------------------------------------------------------

def _dated_pairs(tmp_path, pre_date, post_date, post_label="post"):
    rows = [["a", "pre", pre_date, *answers(3)], ["b", "pre", "2026-03-04", *answers(3)],
            ["a", post_label, post_date, *answers(4)], ["b", "post", "2026-04-01", *answers(4)]]
    return write(tmp_path, ["participant_id", "timepoint", "date", *IDS], rows)


def test_a_post_dated_before_its_pre_is_a_problem_on_both_rows(tmp_path):
    path = _dated_pairs(tmp_path, "2026-10-28", "16/09/2026", post_label=" Post")
    _, problems = read_responses(path)
    message = ("participant 'a' is dated 16/09/2026 at post (row 4), before 2026-10-28 at pre "
               "(row 2): the before/after comparison pairs rows by timepoint, a personal report "
               "by date, so the two would disagree; correct the date or the timepoint")
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (2, "date", "2026-10-28", message), (4, "date", "16/09/2026", message)]
    data = load_responses(path, skip_invalid=True)
    assert list(data.index) == [3, 5] and data.attrs["skipped_rows"] == [2, 4]


@pytest.mark.parametrize("pre_date, post_date", [
    ("2026-03-04", "2026-03-04"),   # the same day
    ("2026-03-04", "2026-04-01"),   # in order
    ("", "2026-03-01"),             # no date to compare with
])
def test_a_post_on_or_after_its_pre_or_undated_is_fine(tmp_path, pre_date, post_date):
    _, problems = read_responses(_dated_pairs(tmp_path, pre_date, post_date))
    assert problems == []


def test_validate_on_a_table_compares_post_and_pre_dates(tmp_path):
    import pandas as pd

    from workbook.core.validation import validate

    table = pd.DataFrame({"participant_id": ["a", "a"], "timepoint": ["POST", "pre"],
                          "date": ["2026-03-01 09:00", "2026-03-01 10:00"], IDS[0]: [3, 4]})
    assert [(p.row, p.column) for p in validate(table)] == [(2, "date"), (3, "date")]


# --- 25: what reading says of a file that is not UTF-8 text, and of foreign labels ------------

def test_a_binary_file_is_not_a_text_file_not_utf16(tmp_path):
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 12)
    proc = cli("validate", path)
    assert proc.returncode != 0
    assert "bin.csv is not a text file (it holds bytes no CSV file has" in proc.stderr
    assert "UTF-16" not in proc.stderr


def test_a_utf16_file_is_still_said_to_be_utf16(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("participant_id,hope_1\na,3\nb,4\n".encode("utf-16-le"))
    proc = cli("validate", path)
    assert "is not UTF-8 text (it looks like UTF-16)" in proc.stderr


def test_a_latin1_file_names_the_line_and_byte_of_its_first_odd_byte(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"participant_id,hope_1\nann,3\nRen\xe9,4\n")
    proc = cli("validate", path)
    assert proc.returncode != 0
    # 'participant_id,hope_1\n' is 22 bytes, 'ann,3\n' 6, 'Ren' 3: the byte is the 32nd
    assert ("latin1.csv is not UTF-8 text (line 3, byte 32: 0xE9, 'é' in Windows-1252 or "
            "Latin-1); in your spreadsheet, save it as 'CSV UTF-8'") in proc.stderr


def test_an_odd_byte_past_the_first_64_kb_is_named_too(tmp_path):
    path = tmp_path / "late.csv"
    body = b"".join(b"p%05d,3\n" % i for i in range(10_000))  # 9 bytes a line: 90,000
    path.write_bytes(b"participant_id,hope_1\n" + body + b"Jos\xe9,4\n")
    proc = cli("validate", path)
    assert (f"is not UTF-8 text (line 10002, byte {22 + 90_000 + 4}: 0xE9, 'é' in "
            "Windows-1252 or Latin-1)") in proc.stderr


def _labels(tmp_path, labels):
    rows = [[f"p{i}", "pre", label, *answers()[1:]] for i, label in enumerate(labels)]
    return write(tmp_path, ["participant_id", "timepoint", *IDS], rows)


def test_the_foreign_labels_note_lists_every_label_up_to_twelve(tmp_path):
    labels = ["strongly-agree", "Neutral", "Agree.", "Ａｇｒｅｅ", "4 - Agree", "Agree (4)",
              "meh"]
    data, problems = read_responses(_labels(tmp_path, labels))
    assert len(problems) == 7
    note = [n for n in data.attrs["matches"].notes if n.startswith("answers use labels")]
    assert note[0].startswith(
        "answers use labels this instrument's scale does not have: 'strongly-agree' (1), "
        "'Neutral' (1), 'Agree.' (1), 'Ａｇｒｅｅ' (1), '4 - Agree' (1), 'Agree (4)' (1), "
        "'meh' (1); its labels are")


def test_the_foreign_labels_note_says_how_many_more(tmp_path):
    labels = [f"label {i:02d}" for i in range(15)]
    data, _ = read_responses(_labels(tmp_path, labels))
    note = [n for n in data.attrs["matches"].notes if n.startswith("answers use labels")][0]
    assert "'label 11' (1) and 3 more (see the problems); its labels are" in note
    assert "'label 12'" not in note


def test_dates_with_and_without_a_time_are_compared_alike(tmp_path):
    # The first date read has no time; a date with one must still be read, not left out.
    rows = [["b", "pre", "2026-03-01", *answers(3)], ["a", "pre", "2026-03-04 10:15", *answers(3)],
            ["a", "post", "2026-02-23", *answers(4)], ["b", "post", "2026-03-20", *answers(4)]]
    _, problems = read_responses(write(tmp_path, ["participant_id", "timepoint", "date", *IDS],
                                       rows))
    assert [(p.row, p.column) for p in problems] == [(3, "date"), (4, "date")]
