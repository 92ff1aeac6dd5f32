"""Round 12a P3: a long-form response (one participant, one timepoint) whose rows give a carried
column two values (hours_per_week 4 and 0, conversations_held 2 and 9, a cohort on one row) was
read from its first row without a word. Each disagreeing row is a problem now."""

from workbook.core.instrument import resolve
from workbook.responses.io import read_responses

from .reading_helpers import write

IDS = resolve(None).item_ids
HEAD = ["participant_id", "timepoint", "item_id", "response", "cohort", "hours_per_week",
        "conversations_held"]


def _rows(third=("", "", "")):
    rows = []
    for k, item in enumerate(IDS[:4]):
        carried = ("spring", "4", "2") if k == 0 else third if k == 2 else ("", "", "")
        rows.append(["a", "post", item, "3", *carried])
    return rows


def test_rows_giving_a_carried_column_two_values_are_problems_naming_both(tmp_path):
    _, problems = read_responses(write(tmp_path, HEAD, _rows(third=("zzz", "0", "9"))))
    said = sorted((p.row, p.column, p.value) for p in problems)
    assert said == [(4, "cohort", "zzz"), (4, "conversations_held", "9"),
                    (4, "hours_per_week", "0")]
    held = next(p for p in problems if p.column == "conversations_held")
    assert held.message == (
        "this response's rows (one participant, one timepoint) give conversations_held two "
        "values: '2' on row 2, '9' here; write it once, or the same on each row")


def test_the_same_value_again_or_empty_cells_are_no_problem(tmp_path):
    data, problems = read_responses(write(tmp_path, HEAD, _rows(third=("spring", "4", "2"))))
    assert problems == []
    assert data.iloc[0]["cohort"] == "spring"
