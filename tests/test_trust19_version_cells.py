"""Round 12a P7: instrument_version cells `v2.1`, `02.1`, `2.01` and full-width `２.１` were taken
as 2.1 without a word while `2,1` and `2.1a` were problems. One rule now: a cell is written as
an instrument's version is (plain digits joined by dots, no leading zeros), else a problem."""

from workbook.core.instrument import resolve
from workbook.responses.io import read_responses

from .reading_helpers import answers, write

IDS = list(resolve(None).item_ids)
HEAD = ["participant_id", "timepoint", *IDS, "instrument_version"]


def test_version_cells_not_written_plainly_are_problems(tmp_path):
    cells = ["2.1", "v2.1", "02.1", "2.01", "２.１", "2.1a", "2.1.0", ""]
    rows = [[f"p{k}", "pre", *answers(3), cell] for k, cell in enumerate(cells)]
    _, problems = read_responses(write(tmp_path, HEAD, rows))
    said = {p.value: p.message for p in problems if p.column == "instrument_version"}
    assert sorted(said) == sorted(["v2.1", "02.1", "2.01", "２.１", "2.1a"])
    assert said["v2.1"] == (
        "'v2.1' is not written as an instrument version is (plain digits joined by dots, no "
        "letters, no leading zeros, such as 2.1): write the version that way, or leave the "
        "cell empty")
    assert said["2.1a"].startswith("'2.1a' is not an instrument version; write whole numbers")
