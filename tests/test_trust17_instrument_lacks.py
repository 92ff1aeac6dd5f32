"""A statement only the coach's own copy has, answered through the pages (round 12a P11).

A client answered energy_9 of the coach's 2.2 copy through the papermill pages run with
``-p instrument``; no ``.instrument.json`` was written, so ``export-clients`` and
``report participants --workspace`` read the workspace with the kit's own (2.1): energy_9
was left out, Energy scored on 4 statements and the rows stamped 2.1, exit 0. Now a page
records the instrument it saved with (as ``workbook coach`` does), and the export and the
reports refuse an instrument (the kit's own, a file named) that lacks statements the
clients answered, naming the client, the statements and ``--instrument FILE``.
"""

import json

import pandas as pd

from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.instrument_record import RECORD_FILE
from workbook.session.store import ClientStore
from workbook.session.widgets.ingredient import IngredientSession

from .energy_9_copy import ENERGY_1, ENERGY_9, RETIRED_1
from .reading_helpers import cli

ENERGY = {"energy_2": 2, "energy_6": 4, "energy_7": 4, "energy_8": 2, "energy_9": 1}


def _copy(tmp_path):
    """The coach's 2.2 copy: energy_9 replaces energy_1 (kept under [[retired]])."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace(ENERGY_1, ENERGY_9).replace('version = "2.1"', 'version = "2.2"')
    path = tmp_path / "k6" / "instrument.toml"
    path.parent.mkdir()
    path.write_text(text + RETIRED_1, encoding="utf-8")
    assert load_instrument(path).version == "2.2"
    return path


def _saved_without_a_record(tmp_path):
    """V1's answers to the copy's statements, saved with no record of the instrument."""
    ws = tmp_path / "ws34"
    ClientStore(ws).save("V1", {"energy": {"items": dict(ENERGY)}}, session="2026-11-02")
    assert not (ws / RECORD_FILE).exists()
    return ws


def test_a_page_run_with_an_instrument_records_it(tmp_path):
    copy = _copy(tmp_path)
    ws = tmp_path / "ws34"
    page = IngredientSession("energy", "V1", ClientStore(ws), session="2026-11-02",
                             instrument=str(copy))
    page.fill(dict(ENERGY))
    # as `workbook coach` records it: the file and its version
    assert json.loads((ws / RECORD_FILE).read_text(encoding="utf-8")) == {
        "name": load_instrument(copy).name, "version": "2.2", "path": str(copy.resolve())}
    assert (ws / RECORD_FILE).stat().st_mode & 0o777 == 0o600
    out = tmp_path / "e34.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out)
    assert proc.returncode == 0, proc.stderr
    row = pd.read_csv(out, dtype={"instrument_version": str}).iloc[0]
    assert row["energy_9"] == 1 and row["instrument_version"] == "2.2"
    assert f"{copy.resolve()} (version 2.2)" in proc.stderr
    assert "not read" not in proc.stderr  # energy_9 was read: never said to be left out


def test_the_export_refuses_the_kits_own_when_it_lacks_an_answered_statement(tmp_path):
    ws = _saved_without_a_record(tmp_path)
    out = tmp_path / "e34.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out)
    assert proc.returncode == 1
    assert not out.exists()
    err = proc.stderr
    assert ("workbook: error: the kit's own instrument (version 2.1) does not have "
            "statements the clients answered, so they would be left out: client 'V1': "
            "energy_9. Give the instrument file they were answered on with --instrument "
            "FILE (a statement written into journal.jsonl by hand: correct its line); "
            "nothing was written") in err.splitlines()


def test_the_export_refuses_a_named_file_that_lacks_an_answered_statement(tmp_path):
    ws = _saved_without_a_record(tmp_path)
    out = tmp_path / "e34.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out, "--instrument", DEFAULT_PATH)
    assert proc.returncode == 1
    assert not out.exists()
    # the kit's file, named: said as the kit's own
    assert ("the kit's own instrument (version 2.1) does not have statements the "
            "clients answered, so they would be left out: client 'V1': energy_9.") in proc.stderr


def test_the_export_refuses_a_copy_that_lacks_an_answered_statement(tmp_path):
    copy = _copy(tmp_path)
    ws = tmp_path / "ws"
    ClientStore(ws).save("V1", {"energy": {"items": {"energy_1": 4, "energy_2": 2}}},
                         session="2026-11-02")
    out = tmp_path / "e.csv"
    # energy_1 is a statement the copy retired: read, not refused
    proc = cli("export-clients", "--workspace", ws, "--out", out, "--instrument", copy)
    assert proc.returncode == 0, proc.stderr
    ClientStore(ws).save("V1", {"energy": {"items": {"energy_12": 4}}}, session="2026-11-09")
    out.unlink()
    proc = cli("export-clients", "--workspace", ws, "--out", out, "--instrument", copy)
    assert proc.returncode == 1 and not out.exists()
    assert (f"the instrument {copy} (version 2.2) does not have statements the clients "
            "answered, so they would be left out: client 'V1': energy_12.") in proc.stderr


def test_the_export_with_the_copy_keeps_the_statement(tmp_path):
    copy = _copy(tmp_path)
    ws = _saved_without_a_record(tmp_path)
    out = tmp_path / "e34.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out, "--instrument", copy)
    assert proc.returncode == 0, proc.stderr
    row = pd.read_csv(out, dtype={"instrument_version": str}).iloc[0]
    assert row["energy_9"] == 1 and row["instrument_version"] == "2.2"
    # the check against the kit's own statements (attacks4 B9) reads the workspace with the
    # kit's own: that reading does not say energy_9 is not read
    assert "energy_9" not in proc.stderr


def test_personal_reports_refuse_too(tmp_path):
    ws = _saved_without_a_record(tmp_path)
    out = tmp_path / "rp34"
    proc = cli("report", "participants", "--workspace", ws, "--out", out)
    assert proc.returncode == 1
    assert not out.exists()
    assert "client 'V1': energy_9" in proc.stderr and "--instrument FILE" in proc.stderr
