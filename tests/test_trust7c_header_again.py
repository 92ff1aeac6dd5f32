"""attacks4 B4: two exports joined with `cat` (the second header line in the middle) gave a
problem per column ("'hope_1' is not an answer on the scale", ...) and a note that the
export "may mix answer scales". It is one problem now: the row repeats the header."""

from workbook.responses.io import load_responses, read_responses

from .reading_helpers import IDS, answers, cli, write

HEAD = ["participant_id", "timepoint", *IDS, "hours_per_week"]


def _joined(tmp_path):
    rows = [["a", "pre", *answers(3), "4"], ["b", "pre", *answers(4), "5"],
            HEAD,  # row 4: the second file's header
            ["c", "pre", *answers(2), "3"]]
    return write(tmp_path, HEAD, rows)


def test_a_repeated_header_row_is_one_problem_naming_it(tmp_path):
    _, problems = read_responses(_joined(tmp_path))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (4, None, "this row repeats the header row (two files joined into one?): delete it; "
                  "it is not read as answers")]


def test_skip_invalid_leaves_it_out_without_a_scale_note(tmp_path):
    data = load_responses(_joined(tmp_path), skip_invalid=True)
    assert list(data["participant_id"]) == ["a", "b", "c"]
    assert data.attrs["skipped_rows"] == [4]
    assert not any("scale" in note for note in data.attrs["matches"].notes)
    assert data.loc[5, IDS[0]] == 2


def test_validate_says_it_once(tmp_path):
    proc = cli("validate", _joined(tmp_path))
    assert proc.returncode != 0
    assert "1 problem on 1 row" in proc.stdout + proc.stderr
    assert "not an answer on the scale" not in proc.stdout + proc.stderr
    assert "mix answer scales" not in proc.stdout + proc.stderr


def test_the_same_in_an_xlsx(tmp_path):
    openpyxl = __import__("pytest").importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["a", "pre", *[3] * len(IDS), 4])
    sheet.append(HEAD)  # row 3
    sheet.append(["c", "pre", *[2] * len(IDS), 3])
    path = tmp_path / "joined.xlsx"
    book.save(path)
    _, problems = read_responses(path)
    assert [(p.row, p.column) for p in problems] == [(3, None)]
    assert problems[0].message.startswith("this row repeats the header row")
