"""Round 14c W19: ids typed as text `001` on some rows and stored as the number 1 on others.

A spreadsheet drops the leading zeros of an id stored as a number: `001` and `1` were two
people each, without a word (0 pairs). Ids that differ only in leading zeros are named in a
note now, as ids differing only in capitals or punctuation are (they stay different people).
"""

import pytest

from workbook.core.instrument import resolve
from workbook.responses.io import load_responses

from .reading_helpers import cli

IDS = resolve(None).item_ids
SAYS = "participant ids that differ only in leading zeros"


def _xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["participant_id", "timepoint", *IDS, "hours_per_week"])
    for i in range(1, 4):
        sheet.append([f"{i:03d}", "pre", *[3] * len(IDS), 4])
    for i in range(1, 4):
        sheet.append([i, "post", *[4] * len(IDS), 4])
    path = tmp_path / "lead0.xlsx"
    book.save(path)
    return path


def test_leading_zeros_are_named(tmp_path):
    data = load_responses(_xlsx(tmp_path))
    notes = [n for n in data.attrs["matches"].notes if SAYS in n]
    assert len(notes) == 1
    assert "'001' and '1'" in notes[0] and "'003' and '3'" in notes[0]
    proc = cli("validate", _xlsx(tmp_path))
    assert SAYS in proc.stdout + proc.stderr


def test_padded_ids_of_one_width_say_nothing(tmp_path):
    path = tmp_path / "ok.csv"
    rows = [f"{i:03d},pre," + ",".join(["3"] * len(IDS)) for i in (1, 10, 100)]
    path.write_text("participant_id,timepoint," + ",".join(IDS) + "\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    data = load_responses(path)
    assert not any(SAYS in n for n in data.attrs["matches"].notes)
