"""Round 13c T10: `cohort` and `validity` given one --out each moved the other's instrument.txt
to stale/ "(the kit did not write them, or they were edited since)", piling up copies, and a
validity run that showed nothing moved the cohort's own instrument.txt away. A run now knows
the other command's files by that command's record: it refuses to write over one (nothing
written) and never sets one aside."""

import pytest

from workbook.cohort.output_set import set_aside_set, write_set
from workbook.core.exceptions import WorkbookError

COHORT = ("summary.csv", "instrument.txt")
VALIDITY = ("validity.csv", "instrument.txt")


def test_validity_refuses_to_write_over_the_cohorts_instrument_txt(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"summary.csv": "a\n", "instrument.txt": "cohort words\n"},
              command="cohort", names=COHORT)
    with pytest.raises(WorkbookError, match=(
            "instrument.txt there was written by `workbook cohort`, and `workbook validity` "
            "writes a file of that name too")):
        write_set(out, {"validity.csv": "v\n", "instrument.txt": "validity words\n"},
                  command="validity", names=VALIDITY)
    assert (out / "instrument.txt").read_text() == "cohort words\n"
    assert not (out / "validity.csv").exists() and not (out / "stale").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".workbook-cohort.json", "instrument.txt", "summary.csv"]


def test_a_validity_run_showing_nothing_leaves_the_cohorts_file(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"summary.csv": "a\n", "instrument.txt": "cohort words\n"},
              command="cohort", names=COHORT)
    assert set_aside_set(out, command="validity", names=VALIDITY) == []
    assert (out / "instrument.txt").read_text() == "cohort words\n"


def test_a_file_edited_since_is_still_set_aside_and_a_rerun_still_replaces_its_own(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"summary.csv": "a\n", "instrument.txt": "cohort words\n"},
              command="cohort", names=COHORT)
    (out / "instrument.txt").write_text("edited by hand\n")  # no record vouches for it now
    _, _, _, replaced = write_set(out, {"validity.csv": "v\n", "instrument.txt": "v words\n"},
                                  command="validity", names=VALIDITY)
    assert replaced == [("instrument.txt", "instrument.txt")]
    assert (out / "stale" / "instrument.txt").read_text() == "edited by hand\n"
    write_set(out, {"validity.csv": "v2\n", "instrument.txt": "v words 2\n"},
              command="validity", names=VALIDITY)
    assert (out / "instrument.txt").read_text() == "v words 2\n"
