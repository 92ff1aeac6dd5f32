"""attacks5 C24 and C14: a cohort or validity folder never replaces a file read, and one
run's files are one set.

C24: the survey file, the --map file or the --instrument file sitting in --out under a name
the command writes (summary.csv, validity.csv, outcome.csv, instrument.txt) was replaced
(exit 0). Now refused before anything is written, naming both.
C14: a reused folder kept the earlier run's prepost.csv/png and outcome tables beside the new
tables. Now the earlier run's files this run does not make are removed when the kit wrote
them (its manifest says so), moved to stale/ otherwise.
"""

import shutil
from pathlib import Path

import pandas as pd

from .reading_helpers import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_cohort.csv"
SAMPLES = ROOT / "data" / "samples"


def test_cohort_refuses_the_data_file_under_an_output_name(tmp_path):
    out = tmp_path / "od"
    out.mkdir()
    data = out / "summary.csv"
    shutil.copy(SAMPLE, data)
    before = data.read_bytes()
    proc = cli("cohort", data, "--out", out)
    assert proc.returncode != 0  # before the fix: 0, and the responses were gone
    assert "summary.csv" in proc.stderr and "nothing was written" in proc.stderr
    assert data.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv"]


def test_cohort_refuses_the_mapping_file_under_an_output_name(tmp_path):
    out = tmp_path / "om"
    out.mkdir()
    shutil.copy(SAMPLES / "google_forms_export.csv", out / "responses.csv")
    mapping = out / "outcome.csv"
    shutil.copy(SAMPLES / "google_forms_mapping.csv", mapping)
    before = mapping.read_bytes()
    proc = cli("cohort", out / "responses.csv", "--map", mapping, "--out", out)
    assert proc.returncode != 0
    assert "outcome.csv" in proc.stderr
    assert "--map " in proc.stderr and "--mapping" not in proc.stderr  # the option as typed
    assert mapping.read_bytes() == before


def test_cohort_refuses_the_instrument_file_named_instrument_txt(tmp_path):
    out = tmp_path / "od3"
    out.mkdir()
    inst = out / "instrument.txt"
    shutil.copy(ROOT / "workbook" / "instrument.toml", inst)
    before = inst.read_bytes()
    proc = cli("cohort", SAMPLE, "--instrument", inst, "--out", out)
    assert proc.returncode != 0  # before: the instrument was overwritten midway, exit 1
    assert "instrument.txt" in proc.stderr and "--instrument" in proc.stderr
    assert inst.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["instrument.txt"]


def test_validity_refuses_the_data_file_under_an_output_name(tmp_path):
    out = tmp_path / "ov"
    out.mkdir()
    data = out / "validity.csv"
    shutil.copy(SAMPLE, data)
    before = data.read_bytes()
    proc = cli("validity", data, "--out", out)
    assert proc.returncode != 0
    assert "validity.csv" in proc.stderr
    assert data.read_bytes() == before


def test_a_hard_link_to_the_data_under_an_output_name_is_refused(tmp_path):
    data = tmp_path / "survey.csv"
    shutil.copy(SAMPLE, data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "verdicts.csv").hardlink_to(data)
    proc = cli("cohort", data, "--out", out)
    assert proc.returncode != 0
    assert data.read_bytes() == SAMPLE.read_bytes()


def _pre_only(tmp_path) -> Path:
    x = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    path = tmp_path / "preonly.csv"
    x[x["timepoint"] == "pre"].drop(columns=["conversations_held"]).to_csv(path, index=False)
    return path


def test_a_reused_folder_holds_only_this_runs_files(tmp_path):
    out = tmp_path / "cS"
    assert cli("cohort", SAMPLE, "--out", out).returncode == 0
    assert (out / "prepost.csv").exists() and (out / "outcome.csv").exists()
    (out / "notes.txt").write_text("mine")  # not the kit's: never touched
    proc = cli("cohort", _pre_only(tmp_path), "--out", out)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    # before the fix: prepost.csv, prepost.png, outcome.csv, outcome_change.csv were still there
    assert names == sorted(["summary.csv", "verdicts.csv", "bottlenecks.csv", "reliability.csv",
                            "reliability_items.csv", "instrument.txt", "distributions.png",
                            "verdicts.png", "bottlenecks.png", "items.png", "notes.txt"])
    assert (out / "notes.txt").read_text() == "mine"
    assert "prepost.csv" in proc.stderr


def test_an_earlier_file_no_run_vouches_for_is_moved_to_stale_not_deleted(tmp_path):
    out = tmp_path / "old"
    out.mkdir()
    (out / "prepost.csv").write_text("made by hand\n")
    proc = cli("cohort", _pre_only(tmp_path), "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert not (out / "prepost.csv").exists()
    assert (out / "stale" / "prepost.csv").read_text() == "made by hand\n"
    assert "stale" in proc.stderr


def test_an_edited_earlier_file_is_moved_to_stale_not_deleted(tmp_path):
    out = tmp_path / "cS"
    assert cli("cohort", SAMPLE, "--out", out).returncode == 0
    (out / "outcome.csv").write_text("edited\n")
    assert cli("cohort", _pre_only(tmp_path), "--out", out).returncode == 0
    assert (out / "stale" / "outcome.csv").read_text() == "edited\n"
    assert not (out / "prepost.csv").exists()  # as the kit wrote it: removed
