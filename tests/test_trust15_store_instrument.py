"""A damaged .instrument.json says one true line (round 9a H6)."""

from __future__ import annotations

import json

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ClientStore(tmp_path / "w").save("cl0", {"hope": {"items": {"hope_1": 4}}},
                                     session="2026-09-01")
    return tmp_path / "w"


def _lines(capsys):
    return [line for line in capsys.readouterr().err.splitlines() if "instrument" in line]


def test_a_note_naming_no_file_is_one_line(ws, capsys):
    (ws / ".instrument.json").write_text('{"path": 5}')
    assert main(["followups", "--workspace", "w"]) == 0
    lines = _lines(capsys)
    assert len(lines) == 1 and "w/.instrument.json cannot be read (it does not hold the " \
        "instrument's name, version and file)" in lines[0]


@pytest.mark.parametrize("where", ["/tmp", "/dev/null"])
def test_a_path_that_is_there_but_not_a_file_is_not_called_gone(ws, capsys, where):
    (ws / ".instrument.json").write_text(json.dumps({"path": where, "version": "2.1"}))
    assert main(["followups", "--workspace", "w"]) == 0
    lines = _lines(capsys)
    assert len(lines) == 1 and "no longer there" not in lines[0]
    assert f"the instrument {where} (version 2.1, as w/.instrument.json says), which is not " \
        "an instrument file (a folder or a device is there)" in lines[0]
