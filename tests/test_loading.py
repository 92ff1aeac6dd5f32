"""Reading and validating response files: every bad input names its place."""

import pandas as pd
import pytest

from workbook import load_responses, read_responses, validate
from workbook.core.exceptions import DataError, InvalidDataError
from workbook.core.instrument import load_instrument

INST = load_instrument()
HEADER = ",".join(["participant_id", "timepoint", *INST.item_ids])


def line(pid, tp="pre", value="3", **cells):
    values = [cells.get(i, value) for i in INST.item_ids]
    return ",".join([pid, tp, *values])


def problems_of(path):
    return read_responses(path)[1]


def test_good_file_loads_as_numbers(write_csv):
    path = write_csv("\n".join([HEADER, line("a"), line("b", value="Agree")]) + "\n")
    data = load_responses(path)
    assert list(data.index) == [2, 3]
    assert data.loc[3, "hope_1"] == 4.0
    assert data["hope_1"].dtype == float


def test_bom_semicolons_and_tabs(write_csv):
    text = "\n".join([HEADER, line("a")]) + "\n"
    assert load_responses(write_csv("\ufeff" + text, "bom.csv")).loc[2, "participant_id"] == "a"
    semi = load_responses(write_csv(text.replace(",", ";"), "semi.csv"))
    assert semi.loc[2, "time_6"] == 3.0
    tab = load_responses(write_csv(text.replace(",", "\t"), "tab.tsv"))
    assert tab.loc[2, "time_6"] == 3.0


def test_ids_stay_text(write_csv):
    data = load_responses(write_csv("\n".join([HEADER, line("007")]) + "\n"))
    assert data.loc[2, "participant_id"] == "007"


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("6", "6 is outside the scale 1-5"),
        ("0", "0 is outside the scale 1-5"),
        ("3.5", "3.5 is not a whole number"),
        ("lots", "'lots' is not an answer on the scale"),
        ("Agreee", "'Agreee' is not an answer on the scale"),
    ],
)
def test_bad_answers_are_listed_with_row_and_column(write_csv, cell, message):
    path = write_csv("\n".join([HEADER, line("a"), line("b", energy_7=cell)]) + "\n")
    (problem,) = problems_of(path)
    assert (problem.row, problem.column, str(problem.value)) == (3, "energy_7", cell)
    assert message in problem.message
    with pytest.raises(InvalidDataError) as err:
        load_responses(path)
    assert "row 3, column energy_7" in str(err.value)


def test_every_problem_is_listed_not_just_the_first(write_csv):
    path = write_csv(
        "\n".join([HEADER, line("a", hope_1="9", time_2="x"), line("b"), line("c", ambition_7="0")])
        + "\n"
    )
    got = [(p.row, p.column) for p in problems_of(path)]
    assert got == [(2, "hope_1"), (2, "time_2"), (4, "ambition_7")]


def test_missing_participant_id_column(write_csv):
    path = write_csv("\n".join([HEADER.replace("participant_id", "who"), line("a")]) + "\n")
    (problem,) = problems_of(path)
    assert problem.row == 1 and problem.column == "participant_id"
    with pytest.raises(InvalidDataError, match="no participant_id column"):
        load_responses(path, skip_invalid=True)  # a whole-file problem cannot be skipped


def test_empty_participant_id_value(write_csv):
    path = write_csv("\n".join([HEADER, line(""), line("b")]) + "\n")
    (problem,) = problems_of(path)
    assert (problem.row, problem.column, problem.message) == (
        2, "participant_id", "participant_id is empty"
    )


def test_duplicate_participant_and_timepoint(write_csv):
    path = write_csv("\n".join([HEADER, line("a"), line("b"), line("a"), line("a", "post")]) + "\n")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(2, "participant_id"), (4, "participant_id")]
    assert "rows 2, 4" in problems[0].message


def test_skip_invalid_drops_exactly_the_listed_rows(write_csv):
    path = write_csv(
        "\n".join([HEADER, line("a"), line("b", hope_6="7"), line("c"), line("d", time_1="?")])
        + "\n"
    )
    data = load_responses(path, skip_invalid=True)
    assert list(data["participant_id"]) == ["a", "c"]
    assert data.attrs["skipped_rows"] == [3, 5]


def test_skip_invalid_keeps_the_answers_of_a_row_whose_only_problem_is_its_hours(
        write_csv, caplog):
    # Rows 2-3: only the hours unreadable; row 4: out of range; row 5: also a bad answer.
    header = HEADER + ",hours_per_week"
    path = write_csv("\n".join([header, line("a", value="4") + ",2-3",
                                line("b") + ",about 2 hours", line("c") + ",200",
                                line("d", hope_6="7") + ",x", line("e") + ",5"]) + "\n")
    data = load_responses(path, skip_invalid=True)
    assert list(data["participant_id"]) == ["a", "b", "c", "e"]
    assert data.attrs["skipped_rows"] == [5] and data.attrs["hours_blanked"] == [2, 3, 4]
    assert data["hours_per_week"].isna().tolist() == [True, True, True, False]
    assert data.loc[2, list(INST.item_ids)].tolist() == [4.0] * 25  # every answer kept
    lines = [r.getMessage() for r in caplog.records if "hours a week" in r.getMessage()]
    assert lines == [f"workbook: warning: {path}: hours a week is not a number from 0 to 80 on "
                     "3 rows (rows 2, 3, 4): those hours are left empty, the answers kept"]
    with pytest.raises(InvalidDataError):  # without --skip-invalid they are problems
        load_responses(path)


def test_empty_file(write_csv):
    with pytest.raises(DataError, match="is empty"):
        load_responses(write_csv(""))
    with pytest.raises(DataError, match="is empty"):
        load_responses(write_csv("\n\n  \n"))


def test_header_only_file(write_csv):
    path = write_csv(HEADER + "\n")
    (problem,) = problems_of(path)
    assert "no responses" in problem.message
    with pytest.raises(InvalidDataError, match="no responses"):
        load_responses(path)


def test_wrong_delimiter(write_csv):
    text = "\n".join([HEADER, line("a")]).replace(",", "|")
    with pytest.raises(DataError, match=r"separated by '\|'"):
        load_responses(write_csv(text))


def test_no_item_columns(write_csv):
    path = write_csv("participant_id,q1,q2\na,1,2\n")
    (problem,) = problems_of(path)
    assert "no column matches an item" in problem.message


def test_hours_and_motivators_are_checked(write_csv):
    header = HEADER + ",hours_per_week,motivators"
    path = write_csv(
        "\n".join(
            [header, line("a") + ",3,money;meaning", line("b") + ",90,", line("c") + ",x,fame"]
        ) + "\n"
    )
    got = [(p.row, p.column) for p in problems_of(path)]
    assert got == [(3, "hours_per_week"), (4, "hours_per_week"), (4, "motivators")]


def test_not_utf8(write_csv):
    path = write_csv("\n".join([HEADER, line("Zoë")]) + "\n", encoding="latin-1")
    with pytest.raises(DataError, match="not UTF-8"):
        load_responses(path)


def test_unknown_file_type_and_missing_file(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(DataError, match="unknown file type .json"):
        load_responses(tmp_path / "x.json")
    with pytest.raises(DataError, match="does not exist"):
        load_responses(tmp_path / "nope.csv")


def test_xlsx_with_labels(tmp_path):
    rows = []
    for pid in ("001", "002"):
        row = {"participant_id": pid, "timepoint": "pre"}
        row.update({i: "Agree" for i in INST.item_ids})
        rows.append(row)
    rows[1]["hope_1"] = 5
    path = tmp_path / "answers.xlsx"
    pd.DataFrame(rows).to_excel(path, index=False)
    data = load_responses(path)
    assert list(data["participant_id"]) == ["001", "002"]
    assert data.loc[2, "hope_1"] == 4.0 and data.loc[3, "hope_1"] == 5.0


def test_long_form(write_csv):
    lines = ["participant_id,timepoint,item_id,response,cohort"]
    for item in INST.item_ids:
        lines.append(f"a,pre,{item},4,c1")
    lines.append("a,post,hope_1,Strongly agree,c1")
    path = write_csv("\n".join(lines) + "\n")
    data = load_responses(path)
    assert len(data) == 2
    pre = data[data["timepoint"] == "pre"].iloc[0]
    assert pre["hope_9"] == 4.0 and pre["cohort"] == "c1"
    post = data[data["timepoint"] == "post"].iloc[0]
    assert post["hope_1"] == 5.0 and pd.isna(post["hope_6"])


def test_long_form_problems_point_at_long_rows(write_csv):
    lines = ["participant_id,timepoint,item_id,response",
             "a,pre,hope_1,4", "a,pre,hope_99,4", "a,pre,hope_6,8", "a,pre,hope_1,3"]
    problems = problems_of(write_csv("\n".join(lines) + "\n"))
    got = {(p.row, p.column) for p in problems}
    assert got == {(2, "item_id"), (3, "item_id"), (4, "hope_6"), (5, "item_id")}


def test_validate_on_a_plain_dataframe_numbers_rows_as_csv():
    data = pd.DataFrame({"participant_id": ["a", "b"], "hope_1": [3, 9]})
    (problem,) = validate(data)
    assert problem.row == 3


def test_decimal_comma_hours_in_a_semicolon_file(write_csv):
    header = ";".join(["participant_id", *INST.item_ids, "hours_per_week"])
    rows = [";".join(["a", *["3"] * 25, "6,5"]), ";".join(["b", *["3"] * 25, "2"])]
    data = load_responses(write_csv("\n".join([header, *rows]) + "\n"))
    assert data["hours_per_week"].tolist() == [6.5, 2.0]


def _dated(write_csv, dates):
    header = ",".join(["participant_id", "date", *INST.item_ids])
    rows = [",".join([f"p{n}", date, *["3"] * 25]) for n, date in enumerate(dates)]
    return write_csv("\n".join([header, *rows]) + "\n")


def test_unambiguous_dates_are_read_and_written_year_first(write_csv):
    path = _dated(write_csv, ["2026-03-04", "25/03/2026", "03/25/2026", "04/04/2026", "",
                              "2026-03-04 10:15:00", "2026-03-04T10:15:00Z", "2026/3/4",
                              "25.03.2026"])
    data, problems = read_responses(path)
    assert problems == []
    got = load_responses(path)["date"].tolist()
    assert pd.isna(got.pop(4))
    assert got == ["2026-03-04", "2026-03-25", "2026-03-25", "2026-04-04",
                   "2026-03-04 10:15:00", "2026-03-04 10:15:00", "2026-03-04", "2026-03-25"]


def test_ambiguous_and_false_dates_are_problems_that_say_what_to_do(write_csv):
    path = _dated(write_csv, ["2026-03-04", "04/03/2026", "2026-02-30", "",
                              '"2026-10-28 Jane Doe, phone 0123"', "3/4/26"])
    problems = read_responses(path)[1]
    assert [(p.row, p.column, p.value) for p in problems] == [
        (3, "date", "04/03/2026"), (4, "date", "2026-02-30"),
        (6, "date", "2026-10-28 Jane Doe, phone 0123"), (7, "date", "3/4/26")]
    assert "--dates dmy or --dates mdy" in problems[0].message
    assert all("optional" in p.message for p in problems)
    assert "February has 28 days" in problems[1].message  # no such day (finding 23)
    assert "YYYY-MM-DD" in problems[2].message


def test_an_ambiguous_date_column_is_said_once_with_its_rows(write_csv):
    path = _dated(write_csv, ["04/03/2026", "05/03/2026", "2026-03-04", "04/03/2026",
                              "25/03/2026", "06/07/2026"])
    problems = read_responses(path)[1]
    assert [(p.row, p.value) for p in problems] == [
        (2, "04/03/2026"), (3, "05/03/2026"), (5, "04/03/2026"), (7, "06/07/2026")]
    assert problems[0].message == (
        "this date and the dates on rows 3, 5, 7 could be day first or month first (4 March or "
        "April 3); say which with --dates dmy or --dates mdy, or write them year first "
        "(2026-03-04); the date column is optional: you may also leave it out")
    assert [p.message for p in problems[1:]] == [
        "could be day first or month first too (5 March or May 3): see row 2",
        "could be day first or month first too (4 March or April 3): see row 2",
        "could be day first or month first too (6 July or June 7): see row 2"]
    # each row is still a problem of its own: --skip-invalid leaves out all four
    assert load_responses(path, skip_invalid=True).attrs["skipped_rows"] == [2, 3, 5, 7]


def test_dates_option_settles_the_ambiguous_ones(write_csv):
    path = _dated(write_csv, ["04/03/2026", "25/03/2026", "2026-01-02"])
    assert load_responses(path, dates="dmy")["date"].tolist() == [
        "2026-03-04", "2026-03-25", "2026-01-02"]
    mdy = read_responses(path, dates="mdy")[1]
    assert [(p.row, p.value) for p in mdy] == [(3, "25/03/2026")]  # no 25th month
    assert load_responses(path, dates="mdy", skip_invalid=True)["date"].tolist() == [
        "2026-04-03", "2026-01-02"]
    with pytest.raises(DataError, match="unknown date order 'ymd'"):
        load_responses(path, dates="ymd")


def test_a_wholly_empty_date_column_is_fine(write_csv):
    path = _dated(write_csv, ["", "", ""])
    assert read_responses(path)[1] == []
    assert len(load_responses(path)) == 3


def test_skip_invalid_that_leaves_nothing_says_so(write_csv):
    path = write_csv("\n".join([HEADER, line("a", hope_1="9"), line("b", time_1="x")]) + "\n")
    with pytest.raises(InvalidDataError, match="every response .* has a problem") as err:
        load_responses(path, skip_invalid=True)
    assert err.value.nothing_left


def test_one_typo_is_a_problem_not_a_mixed_scale_note(write_csv):
    path = write_csv("\n".join([HEADER, line("a", hope_6="Agre"), line("b")]) + "\n")
    data, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(2, "hope_6")]
    assert not [n for n in data.attrs["matches"].notes if "labels" in n]


def test_true_beside_a_valid_1_in_a_dataframe():
    data = pd.DataFrame({"participant_id": ["a", "b", "c"], "hope_1": [True, 1, "Agree"]},
                        dtype=object)
    assert [(p.row, p.value) for p in validate(data)] == [(2, True)]


def test_a_date_beyond_what_pandas_holds_is_not_a_date(write_csv):
    # Year 2263 is past pandas' last date (2262-04-11): reading it raised OutOfBoundsDatetime
    # (found by the xlsx fuzz test); it is now a problem of the date cell like any non-date.
    text = "\n".join([HEADER + ",date", line("a") + ",2263-01-01 00:00:00",
                      line("b") + ",2026-03-04"]) + "\n"
    data, problems = read_responses(write_csv(text))
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "date", "2263-01-01 00:00:00")]
    assert problems[0].message.startswith("not a date")
