"""Round 13a R17: the workspace's instrument file moved on to a new version (2.1 -> 2.2) after
sessions were answered: export-clients and the report stamped them 2.2 while .instrument.json
records 2.1, and nothing said the versions differ. Now every command reading the workspace
says so in one line, naming both versions."""

import json
import re

from workbook.cli import main
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.instrument_record import RECORD_FILE, remember
from workbook.session.store import ClientStore


def make(tmp_path):
    copy = tmp_path / "instrument.toml"
    copy.write_text(DEFAULT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    ws = tmp_path / "ws"
    store = ClientStore(ws)
    store.save("V1", {"hope": {"items": {"hope_1": 4, "hope_6": 4, "hope_7": 2, "hope_8": 4,
                                         "hope_9": 2}}}, session="2026-11-02")
    remember(ws, copy)
    started = json.loads((ws / RECORD_FILE).read_text())["version"]
    text = copy.read_text(encoding="utf-8")
    moved = re.sub(r'(?m)^version = "[^"]*"', 'version = "9.9"', text, count=1)
    assert moved != text
    copy.write_text(moved, encoding="utf-8")
    return ws, started


def test_export_and_followups_say_the_version_moved(tmp_path, capsys):
    ws, started = make(tmp_path)
    assert main(["export-clients", "--workspace", str(ws), "--out", str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "9.9" in line and started in line]
    assert len(said) == 1, err
    assert RECORD_FILE in said[0]
    assert main(["followups", "--workspace", str(ws)]) == 0
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "9.9" in line and started in line]) == 1


def test_nothing_more_is_said_when_the_version_is_the_same(tmp_path, capsys):
    ws, started = make(tmp_path)
    record = json.loads((ws / RECORD_FILE).read_text())
    record["version"] = "9.9"
    (ws / RECORD_FILE).write_text(json.dumps(record))
    assert main(["export-clients", "--workspace", str(ws), "--out", str(tmp_path / "x.csv")]) == 0
    assert started not in capsys.readouterr().err.replace("9.9", "")
