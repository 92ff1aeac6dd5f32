"""A copy's README and its statements read without --instrument (newuser22, steps 1 and 3).

The README `workbook init` writes named `validate, score, cohort and report` for
--instrument, not followups, validity or export-clients. `workbook cohort` run inside the
copy on a file holding the copy's new statement energy_9, without --instrument, was refused
with "did you mean energy_3?", a statement 2.0 retired. It now says the column is a
statement of ./instrument.toml and to give it; a retired statement is never suggested.
"""

from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.workfolder import init_folder

from .energy_9_copy import ENERGY_1, ENERGY_9, RETIRED_1
from .reading_helpers import IDS, answers, cli, write


def test_the_copys_readme_names_every_command_that_takes_the_instrument(tmp_path):
    init_folder(tmp_path / "kit")
    text = (tmp_path / "kit" / "README.md").read_text(encoding="utf-8")
    assert ("`score`, `cohort`, `report`, `validity`, `followups` and `export-clients`. "
            "`workbook coach`\n  finds it by itself") in text


def _data(tmp_path):
    # the new user's file: energy_1 (2.1) and, beside it, the copy's energy_9 (column N)
    at = IDS.index("energy_1") + 1
    header = ["participant_id", "timepoint", *IDS[:at], "energy_9", *IDS[at:]]
    rows = [[p, "pre", *a[:at], "", *a[at:]] for p, a in (("a", answers(3)),
                                                          ("b", answers(4)))]
    return write(tmp_path, header, rows)


def test_a_statement_of_the_copy_in_this_folder_is_named_with_the_file(tmp_path):
    kit = tmp_path / "kit"
    kit.mkdir()
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(ENERGY_1, ENERGY_9)
    (kit / "instrument.toml").write_text(text.replace('version = "2.1"', 'version = "2.2"')
                                         + RETIRED_1, encoding="utf-8")
    data = _data(tmp_path)
    proc = cli("cohort", data, "--out", tmp_path / "out", cwd=kit)
    assert proc.returncode == 1
    assert "column N ('energy_9') matches no item of the instrument in use (version 2.1); " \
        "energy_9 is a statement of ./instrument.toml (version 2.2): give --instrument " \
        "./instrument.toml" in proc.stderr
    assert "did you mean" not in proc.stderr
    # with it: read, no problem
    proc = cli("validate", data, "--instrument", kit / "instrument.toml", cwd=kit)
    assert proc.returncode == 0, proc.stderr


def test_a_retired_statement_is_never_suggested(tmp_path):
    # energy_9 is one edit from energy_3 (retired in 2.1) and from no current statement the
    # file lacks: before, "did you mean energy_3?" (refused)
    data = _data(tmp_path)
    proc = cli("validate", data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "did you mean" not in proc.stdout + proc.stderr
    assert "columns matching no item or known column (kept as they are): 'energy_9'" in \
        proc.stdout + proc.stderr


def test_a_file_of_an_earlier_version_is_still_told_its_retired_statement(tmp_path):
    from workbook.responses.io import read_responses

    ids_2_0 = [f"{ing}_{k}" for ing in ("hope", "time", "energy", "self_esteem", "ambition")
               for k in range(1, 6)]
    header = ["participant_id", *("slef_esteem_2" if i == "self_esteem_2" else i
                                  for i in ids_2_0)]
    path = write(tmp_path, header, [["a", *["3"] * 25]])
    problems = read_responses(path)[1]
    assert [(p.column, p.message.split("did you mean ")[1][:14]) for p in problems] == [
        ("slef_esteem_2", "self_esteem_2?")]
