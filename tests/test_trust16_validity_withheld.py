"""A validity run whose results are withheld does not leave an earlier run's files in place
(left in session 9: the next session's "validity withheld run leaving an earlier run's files").

Before: `workbook validity` with too few people printed "... Nothing was written." and left
the earlier run's validity.csv, validity_roc.csv and figures in --out, where they read as this
run's results. Now they are moved to stale/ (numbered, never over a file there), as cohort and
validity set aside files no run of theirs vouches for (round 8a F7), and the run says so.
"""

from __future__ import annotations

import json

from workbook.cli import main

SAMPLE = "data/sample_cohort.csv"
NAMES = ["instrument.txt", "validity.csv", "validity_roc.csv", "validity_roc.png",
         "validity_roc.svg"]


def _files(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_a_withheld_run_moves_the_earlier_results_to_stale(tmp_path, capsys):
    out = tmp_path / "v"
    assert main(["validity", SAMPLE, "--out", str(out)]) == 0
    assert _files(out) == [".workbook-validity.json", *NAMES]
    earlier = {name: (out / name).read_bytes() for name in NAMES}
    capsys.readouterr()
    assert main(["validity", SAMPLE, "--out", str(out), "--min-group", "200"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "Nothing was written." in err
    assert (f"moved validity.csv, validity_roc.csv, instrument.txt, validity_roc.png, "
            f"validity_roc.svg to {out / 'stale'}") in err
    assert _files(out) == []  # no result and no record of one left beside this run
    assert {n: (out / "stale" / n).read_bytes() for n in NAMES} == earlier
    assert (out / "stale").stat().st_mode & 0o777 == 0o700
    # the next full run writes its set afresh, and moves nothing
    assert main(["validity", SAMPLE, "--out", str(out)]) == 0
    assert "moved" not in capsys.readouterr().err
    assert _files(out) == [".workbook-validity.json", *NAMES]
    assert sorted(json.loads((out / ".workbook-validity.json").read_text())["files"]) == NAMES
    assert _files(out / "stale") == NAMES


def test_never_over_a_file_stale_holds(tmp_path, capsys):
    out = tmp_path / "v"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "validity.csv").write_text("kept\n")
    (out / "validity.csv").write_text("mine\n")  # a user's own, under the name
    assert main(["validity", SAMPLE, "--out", str(out), "--min-group", "200"]) == 1
    assert "moved validity.csv (as validity-2.csv)" in " ".join(capsys.readouterr().err.split())
    assert (out / "stale" / "validity.csv").read_text() == "kept\n"
    assert (out / "stale" / "validity-2.csv").read_text() == "mine\n"
    assert not (out / "validity.csv").exists()


def test_a_withheld_run_into_a_new_folder_makes_nothing(tmp_path, capsys):
    out = tmp_path / "new"
    assert main(["validity", SAMPLE, "--out", str(out), "--min-group", "200"]) == 1
    assert not out.exists()
    assert "moved" not in capsys.readouterr().err
