"""A number written with an underscore is refused, like one with an exponent (round 12b Q2).

Python's own ``float`` and ``int`` read "1_0" as 10 and "0_4" as 4 (digit grouping), so hours
a week "1_5" (a slip for 1.5) were read as 15 hours while "1e1" was refused. A number a person
types or a file gives is read without that: an answer "0_4" in a response file is a problem
naming its row and column, not the answer 4.
"""

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.core.numbers import plain_number
from workbook.responses.datasets import sample_path


@pytest.mark.parametrize("text", ["1_0", "1_5", " 0_4 ", "1_0.5", "1.0_5", "+1_0"])
def test_a_number_with_an_underscore_is_not_read(text):
    with pytest.raises(ValueError, match="underscore"):
        plain_number(text)


def test_plain_numbers_are_read_as_python_reads_them():
    # hand-checked: what float() gives for each
    assert [plain_number(t) for t in ["10", " 1.5 ", "-0", "+2", "80"]] == [
        10.0, 1.5, 0.0, 2.0, 80.0]
    assert plain_number(4) == 4.0


def test_an_answer_with_an_underscore_is_no_answer_on_the_scale():
    inst = load_instrument()
    assert inst.to_value("0_4") is None
    assert inst.to_value("4") == 4


def _file_with(tmp_path, column, value):
    data = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    data = data.head(3)
    data.loc[1, column] = value
    path = tmp_path / "responses.csv"
    data.to_csv(path, index=False)
    return path


def test_validate_names_the_row_and_column_of_an_answer_with_an_underscore(tmp_path, capsys):
    path = _file_with(tmp_path, "hope_1", "0_4")
    status = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert status == 1
    text = captured.out + captured.err
    assert "Traceback" not in text
    # the file's row 3 (header is row 1), column hope_1
    assert "3" in text and "hope_1" in text
    assert "'0_4' is not an answer on the scale: a number is written without an underscore" \
        in text


def test_validate_refuses_hours_with_an_underscore(tmp_path, capsys):
    path = _file_with(tmp_path, "hours_per_week", "1_5")
    status = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert status == 1
    text = captured.out + captured.err
    assert "hours_per_week" in text
    assert "hours a week must be a number from 0 to 80" in text


def test_hours_typed_on_the_page_with_an_underscore_are_refused():
    from workbook.core.exceptions import WorkbookError
    from workbook.session.widgets.tools import parse_hours, whole_minutes

    assert whole_minutes("3_0") is None
    with pytest.raises(WorkbookError):
        parse_hours("1_5")


def test_saved_hours_with_an_underscore_give_no_pace_as_no_hours_do():
    from workbook.core import advice

    row = {item.id: (1 if item.reverse else 5) for item in load_instrument().items}
    # hand-worked: 6 h x 60 / 120 min, energy plenty -> 3 a week
    assert advice.plan_for({**row, "hours_per_week": "6"}).pace.per_week == 3.0
    plan = advice.plan_for({**row, "hours_per_week": "0_6"})  # not read as 6
    assert (plan.pace, plan.no_pace) == (None, "no_hours")
