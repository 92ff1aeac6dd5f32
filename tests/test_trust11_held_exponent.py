"""Round 7 E17: a ``conversations_held`` cell written ``1e1`` was read as 10, without a word.

A count is a whole number written as one: exponent notation (a typo, or an odd export) is a
problem naming the row and the column, as ``two``, ``-1`` and ``1,000`` are.
"""

import pandas as pd

from workbook.core.validation import conversation_counts
from workbook.responses.io import load_responses, read_responses

from .reading_helpers import answers, cli, write
from .test_trust8r_minor import HEAD

MESSAGE = ("conversations held must be a whole number from 0 to 500, written without an "
           "exponent; leave the cell empty (or write NA) where it was not answered")


def test_a_count_in_exponent_notation_is_a_problem(tmp_path):
    rows = [["a", "A", "post", *answers(3), "3.0"],
            ["b", "A", "post", *answers(3), "1e1"],
            ["c", "A", "post", *answers(3), " 2 "],
            ["d", "A", "post", *answers(3), "2E+0"]]
    path = write(tmp_path, HEAD, rows)
    _, problems = read_responses(path)
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (3, "conversations_held", "1e1", MESSAGE), (5, "conversations_held", "2E+0", MESSAGE)]
    data = load_responses(path, skip_invalid=True)
    assert data["participant_id"].tolist() == ["a", "c"]
    assert data["conversations_held"].tolist() == [3, 2]  # total 5, never 15


def test_validate_names_the_row_and_column(tmp_path):
    path = write(tmp_path, HEAD, [["a", "A", "post", *answers(3), "1e1"]])
    proc = cli("validate", path)
    assert proc.returncode != 0
    said = proc.stdout + proc.stderr
    assert "row 2" in said and "conversations_held" in said and "exponent" in said, said


def test_the_reader_itself_refuses_exponents():
    numbers, invalid = conversation_counts(pd.Series(["1e1", "1.5e1", "3", "3.0", "NA"]))
    assert invalid.tolist() == [True, True, False, False, False]
    assert numbers[2:4].tolist() == [3.0, 3.0]
