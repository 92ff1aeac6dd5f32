"""attacks4 B16: a command's --out is never a file the same command reads.

`workbook score DATA --out DATA` replaced the survey file with the scores, exit 0. Now any
command's output that is one of its inputs (the same file, however it is written) is refused
in one line naming both, exit 1, and nothing is written.
"""

import shutil
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core.exceptions import WorkbookError
from workbook.core.files import refuse_record_target
from workbook.responses.datasets import sample_path

INSTRUMENT = Path(__file__).resolve().parents[1] / "workbook" / "instrument.toml"


def _run(argv, capsys):
    code = main(argv)
    return code, capsys.readouterr().err


def test_score_refuses_to_write_over_the_file_it_reads(tmp_path, monkeypatch, capsys):
    data = tmp_path / "survey.csv"
    shutil.copyfile(sample_path(), data)
    before = data.read_bytes()
    monkeypatch.chdir(tmp_path)
    for out in ("survey.csv", "./survey.csv", str(data)):
        code, err = _run(["score", "survey.csv", "--out", out], capsys)
        assert code == 1  # before: 0, and survey.csv held the scores
        assert "is the file being read (DATA survey.csv)" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.csv"]


def test_score_refuses_a_link_to_the_file_it_reads(tmp_path, capsys):
    data = tmp_path / "survey.csv"
    shutil.copyfile(sample_path(), data)
    (tmp_path / "link.csv").symlink_to(data)
    before = data.read_bytes()
    code, err = _run(["score", str(data), "--out", str(tmp_path / "link.csv")], capsys)
    assert code == 1 and "is the file being read" in err
    assert data.read_bytes() == before


def test_score_refuses_to_write_over_its_instrument(tmp_path, capsys):
    inst = tmp_path / "mine.toml"
    shutil.copyfile(INSTRUMENT, inst)
    before = inst.read_bytes()
    code, err = _run(["score", str(sample_path()), "--instrument", str(inst),
                      "--out", str(inst)], capsys)
    assert code == 1 and f"is the file being read (--instrument {inst})" in err
    assert inst.read_bytes() == before


def test_export_clients_refuses_to_write_over_its_instrument(tmp_path, capsys):
    inst = tmp_path / "mine.toml"
    shutil.copyfile(INSTRUMENT, inst)
    before = inst.read_bytes()
    (tmp_path / "ws").mkdir()
    code, err = _run(["export-clients", "--workspace", str(tmp_path / "ws"),
                      "--instrument", str(inst), "--out", str(inst)], capsys)
    assert code == 1 and f"is the file being read (--instrument {inst})" in err
    assert inst.read_bytes() == before


def test_another_file_is_written_as_before(tmp_path, capsys):
    data = tmp_path / "survey.csv"
    shutil.copyfile(sample_path(), data)
    code, _ = _run(["score", str(data), "--out", str(tmp_path / "scores.csv")], capsys)
    assert code == 0 and (tmp_path / "scores.csv").is_file()


def test_the_shared_check_compares_files_not_names(tmp_path):
    data = tmp_path / "a.csv"
    data.write_text("x\n")
    with pytest.raises(WorkbookError, match="is the file being read"):
        refuse_record_target(tmp_path / "." / "a.csv", reads={"DATA": str(data)})
    # an output not yet made: the same path once resolved
    with pytest.raises(WorkbookError, match="is the file being read"):
        refuse_record_target(tmp_path / "new.csv",
                             reads={"DATA": tmp_path / "x" / ".." / "new.csv"})
    assert refuse_record_target(tmp_path / "b.csv", reads={"DATA": str(data),
                                                           "--mapping": None}).name == "b.csv"
