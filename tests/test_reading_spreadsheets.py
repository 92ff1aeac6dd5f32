"""Spreadsheet files as people make them: each oddity read correctly or a problem in its place."""

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import load_responses, read_responses
from workbook.core.exceptions import DataError
from workbook.core.instrument import load_instrument
from workbook.core.problems import column_letter

INST = load_instrument()
IDS = list(INST.item_ids)
HEADER = ["participant_id", "timepoint", *IDS]


def line(pid, value="3", **cells):
    return ",".join([pid, "pre", *[cells.get(i, value) for i in IDS]])


def csv_file(tmp_path, lines, name="data.csv", ending="\n"):
    path = tmp_path / name
    path.write_bytes((ending.join(lines) + ending).encode("utf-8"))
    return path


def where(problems):
    return [(p.row, p.column) for p in problems]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_blank_lines_count_as_rows_so_numbers_match_the_spreadsheet(tmp_path, ending):
    lines = [",".join(HEADER), line("a"), "", "", line("b", hope_1="9"), line("c")]
    path = csv_file(tmp_path, lines, ending=ending)
    assert where(read_responses(path)[1]) == [(5, "hope_1")]
    assert list(load_responses(path, skip_invalid=True).index) == [2, 6]


def test_a_short_row_is_a_problem_on_its_row(tmp_path):
    short = ",".join(line("b").split(",")[:-3])
    path = csv_file(tmp_path, [",".join(HEADER), line("a"), short, line("c"),
                               line("d", ambition_7="")])  # an empty last cell is not short
    problems = read_responses(path)[1]
    assert where(problems) == [(3, None)]
    assert "this row has 24 cells, the header 27" in problems[0].message
    assert list(load_responses(path, skip_invalid=True).index) == [2, 4, 5]


def test_a_short_row_with_quoted_separators_and_line_breaks(tmp_path):
    header = ",".join([*HEADER, "notes"])
    lines = [header, line("a") + ',"one, two\nthree"', ",".join(line("b").split(",")[:-2]),
             line("c") + ',"say ""hi"", then go"']
    problems = read_responses(csv_file(tmp_path, lines))[1]
    assert where(problems) == [(3, None)]


def test_a_long_row_is_a_problem_on_its_row(tmp_path):
    path = csv_file(tmp_path, [",".join(HEADER), line("a"), line("b") + ",5", line("c")])
    problems = read_responses(path)[1]
    assert where(problems) == [(3, None)]
    assert "more cells than the header" in problems[0].message
    path = csv_file(tmp_path, [",".join(HEADER), line("a"), line("b") + ",5,6"], "two.csv")
    with pytest.raises(DataError, match="row 3 has 29 cells, the header 27"):
        read_responses(path)


@pytest.mark.parametrize("row", [2, 3, 6])
def test_a_200_kb_cell_is_read_wherever_it_is(tmp_path, row):
    lines = [",".join([*HEADER, "notes"])]
    for n in range(2, 7):
        lines.append(line(f"p{n}") + "," + ("x" * 200_000 if n == row else "ok"))
    data = load_responses(csv_file(tmp_path, lines))
    assert len(data) == 5 and len(data.loc[row, "notes"]) == 200_000


def test_an_unclosed_quote_names_the_row_it_opens_on(tmp_path):
    lines = [",".join([*HEADER, "notes"]), line("a") + ",ok", line("b") + ',"never closed',
             line("c") + ",ok", line("d") + ",ok"]
    with pytest.raises(DataError, match=r"row 3 opens a quote"):
        read_responses(csv_file(tmp_path, lines))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_not_utf8(tmp_path, encoding):
    path = tmp_path / "data.csv"
    path.write_bytes(("\n".join([",".join(HEADER), line("a")]) + "\n").encode(encoding))
    with pytest.raises(DataError, match="not UTF-8 text"):
        read_responses(path)


def test_a_zero_byte_in_one_utf8_cell_names_its_cell(tmp_path):
    # One NUL in one cell is no UTF-16 file: the cell is a problem, the rest is read.
    lines = [",".join([*HEADER, "notes"]), line("a") + ",ok", line("b") + ",he\x00llo",
             line("c\x00") + ",ok", line("d") + ",ok"]
    path = csv_file(tmp_path, lines)
    data, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(3, "notes"), (4, "participant_id")]
    assert str(problems[0]).startswith("row 3, column notes, value he\\x00llo: this cell holds "
                                       "a zero byte (NUL, \\x00)")
    loaded = load_responses(path, skip_invalid=True)
    assert list(loaded.index) == [2, 5] and loaded.attrs["skipped_rows"] == [3, 4]


def test_a_zero_byte_in_a_column_name_names_the_column(tmp_path):
    header = [*HEADER, "no\x00tes"]
    path = csv_file(tmp_path, [",".join(header), line("a") + ",ok"])
    problems = read_responses(path)[1]
    assert [(p.row, p.column) for p in problems] == [(1, "no\x00tes")]
    assert f"the name of column {column_letter(len(HEADER))} holds a zero byte" \
        in problems[0].message


def test_true_and_1_in_a_csv_item_column(tmp_path):
    path = csv_file(tmp_path, [",".join(HEADER), line("a", hope_1="TRUE"), line("b", hope_1="1")])
    problems = read_responses(path)[1]
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "hope_1", "TRUE")]


def book(path, rows, setup=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Answers"
    for row in rows:
        ws.append(row)
    if setup:
        setup(wb, ws)
    wb.save(path)
    return path


def rows(n=3, cohort=True):
    head = [*HEADER, "cohort"] if cohort else list(HEADER)
    return [head] + [[f"p{k}", "pre", *[3] * 25, *(["c1"] if cohort else [])]
                     for k in range(n)]


def test_true_and_1_in_an_xlsx_item_column(tmp_path):
    table = rows(cohort=False)
    table[1][2], table[2][2] = True, 1
    problems = read_responses(book(tmp_path / "t.xlsx", table))[1]
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "hope_1", "TRUE")]
    data = load_responses(tmp_path / "t.xlsx", skip_invalid=True)
    assert data.loc[3, "hope_1"] == 1.0


def test_other_sheets_with_data_are_named_and_can_be_read(tmp_path):
    later = [[*HEADER], ["z", "post", *[5] * 25]]

    def add(wb, ws):
        other = wb.create_sheet("Later")
        for row in later:
            other.append(row)
        wb.create_sheet("Empty")

    path = book(tmp_path / "s.xlsx", rows(), add)
    data, problems = read_responses(path)
    assert problems == [] and len(data) == 3
    notes = data.attrs["matches"].notes
    assert any("other sheets with data that were not read: 'Later'" in n and "--sheet" in n
               for n in notes)
    assert not any("'Empty'" in n for n in notes)
    other = load_responses(path, sheet="Later")
    assert list(other["participant_id"]) == ["z"] and other.loc[2, "hope_1"] == 5.0
    with pytest.raises(DataError, match="has no sheet 'Nope'; its sheets are 'Answers'"):
        read_responses(path, sheet="Nope")


def test_merged_cells_are_read_in_every_cell_they_cover(tmp_path):
    table = rows(4)
    for row in table[2:]:
        row[-1] = None

    path = book(tmp_path / "m.xlsx", table, lambda wb, ws: ws.merge_cells("AB2:AB5"))
    data, problems = read_responses(path)
    assert problems == []
    assert list(data["cohort"]) == ["c1"] * 4
    assert any("merged cells" in n and "AB2:AB5" in n for n in data.attrs["matches"].notes)


def test_a_formula_without_a_saved_value_is_a_problem(tmp_path):
    table = rows(2, cohort=False)
    table[2][3] = "=1+2"  # openpyxl saves the formula without computing it
    problems = read_responses(book(tmp_path / "f.xlsx", table))[1]
    assert where(problems) == [(3, "hope_6")]
    assert "cell D3 holds a formula with no saved value" in problems[0].message


def test_a_repeated_column_name_in_xlsx(tmp_path):
    table = rows(2, cohort=False)
    table[0].append("hope_1")
    for row in table[1:]:
        row.append(4)
    problems = read_responses(book(tmp_path / "d.xlsx", table))[1]
    assert where(problems) == [(1, "hope_1")]
    assert "columns C and AB are both named 'hope_1'" in problems[0].message


def test_xlsx_blank_rows_keep_their_row_numbers(tmp_path):
    table = rows(3, cohort=False)
    table[2][2] = 9
    table.insert(2, [None] * len(table[0]))
    problems = read_responses(book(tmp_path / "b.xlsx", table))[1]
    assert where(problems) == [(4, "hope_1")]
    assert list(load_responses(tmp_path / "b.xlsx", skip_invalid=True).index) == [2, 5]


def test_csv_has_no_sheets(tmp_path):
    path = csv_file(tmp_path, [",".join(HEADER), line("a")])
    with pytest.raises(DataError, match="CSV file, which has no sheets"):
        read_responses(path, sheet="Answers")


def test_ids_in_xlsx_stay_text(tmp_path):
    table = rows(2, cohort=False)
    table[1][0], table[2][0] = 7, "007"
    data = load_responses(book(tmp_path / "ids.xlsx", table))
    assert list(data["participant_id"]) == ["7", "007"]
    assert pd.api.types.is_float_dtype(data["hope_1"].dtype)


_PIECES = ["a", "", '"x,y"', '"multi\nline"', '"q ""in"" q"', "b c", "1", '"\r"', '",,,"', '""']


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.sampled_from(_PIECES), max_size=5), min_size=1, max_size=8),
       ending=st.sampled_from(["\n", "\r\n"]), last=st.booleans(), bom=st.booleans(),
       chunk=st.sampled_from([1, 2, 3, 7, 64]))
def test_cells_per_row_are_counted_as_the_csv_module_reads_them(
        tmp_path, monkeypatch, rows, ending, last, bom, chunk):
    """The byte scan behind the short-row check, read in chunks of any size."""
    import csv
    import io

    from workbook.responses import raw

    text = ending.join(",".join(r) for r in rows) + (ending if last else "")
    path = tmp_path / "rows.csv"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    monkeypatch.setattr(raw, "_CHUNK", chunk)
    fields, blank = raw._fields_per_record(path, ",")
    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert list(fields) == [max(len(r), 1) for r in expected]
    assert list(blank) == [not r for r in expected]
