"""Commands reading a workspace use the instrument it was started with (newuser22, step 3).

A workspace started by `workbook coach` from a copy remembers the copy's instrument
(`.instrument.json`). `export-clients` without --instrument read it with the kit's own: the
client's answer to the copy's new statement energy_9 was dropped and the row labelled 2.1,
exit 0; `followups` spoke the kit's words. Now, without --instrument, they use the
remembered file when it is still there (saying so in one line), and refuse, naming the file
and version, when it is gone and the kit's own would leave answers out.
"""

import json

import pandas as pd

from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.instrument_record import RECORD_FILE, remember
from workbook.session.store import ClientStore

from .energy_9_copy import ENERGY_1, ENERGY_9, RETIRED_1
from .reading_helpers import cli


def _copy(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace(ENERGY_1, ENERGY_9).replace('version = "2.1"', 'version = "2.2"')
    text = text.replace('not_now = "Not now"', 'not_now = "Later"', 1)
    text = text.replace('ready = "Ready"', 'ready = "Ready to talk"', 1)
    path = tmp_path / "my-kit" / "instrument.toml"
    path.parent.mkdir()
    path.write_text(text + RETIRED_1, encoding="utf-8")
    return path


def _workspace(tmp_path, copy):
    inst = load_instrument(copy)
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in inst.ingredients}
    answers["time"]["tool"] = {"hours_per_week": 4}
    ws = tmp_path / "ws"
    ClientStore(ws).save("Ann", answers, session="2026-11-01")
    assert remember(ws, inst) is None
    assert json.loads((ws / RECORD_FILE).read_text())["version"] == "2.2"
    return ws


def test_export_uses_the_remembered_instrument(tmp_path):
    copy = _copy(tmp_path)
    ws = _workspace(tmp_path, copy)
    out = tmp_path / "out.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out)
    assert proc.returncode == 0, proc.stderr
    # before: no energy_9 column, instrument_version 2.1
    row = pd.read_csv(out, dtype={"instrument_version": str}).iloc[0]
    assert row["energy_9"] == 4 and row["instrument_version"] == "2.2"
    assert "energy_1" not in row.index
    assert (f"workbook: note: using the instrument this workspace was started with, "
            f"{copy} (version 2.2); give --instrument to use another") in proc.stderr


def test_export_refuses_when_the_remembered_file_is_gone(tmp_path):
    copy = _copy(tmp_path)
    ws = _workspace(tmp_path, copy)
    copy.unlink()
    out = tmp_path / "out.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out)
    assert proc.returncode == 1
    assert not out.exists()
    assert "Traceback" not in proc.stderr
    assert (f"this workspace was started with the instrument {copy} (version 2.2, as "
            f"{ws / RECORD_FILE} says), which is no longer there, and the kit's own (version "
            "2.1) does not have statements its clients answered, so they would be left out: "
            "client 'Ann': energy_9. Give that file (or one of its version) with "
            "--instrument") in proc.stderr


def test_a_given_instrument_is_used_without_a_word(tmp_path):
    copy = _copy(tmp_path)
    ws = _workspace(tmp_path, copy)
    moved = copy.rename(tmp_path / "moved.toml")  # gone from where it was: --instrument
    out = tmp_path / "out.csv"                    # names it where it is now
    proc = cli("export-clients", "--workspace", ws, "--out", out, "--instrument", moved)
    assert proc.returncode == 0, proc.stderr
    assert "using the instrument this workspace" not in proc.stderr
    # the kit's own named lacks energy_9, which Ann answered: refused (round 12a P11)
    proc = cli("export-clients", "--workspace", ws, "--out", tmp_path / "kit.csv",
               "--instrument", DEFAULT_PATH)
    assert proc.returncode == 1 and "client 'Ann': energy_9" in proc.stderr


def test_followups_use_the_remembered_words(tmp_path):
    copy = _copy(tmp_path)
    ws = _workspace(tmp_path, copy)
    proc = cli("followups", "--workspace", ws, "--days", "14")
    assert proc.returncode == 0, proc.stderr
    assert (f"workbook: note: using the instrument this workspace was started with, "
            f"{copy} (version 2.2); give --instrument to use another") in proc.stderr


def test_personal_reports_of_a_workspace_use_the_remembered_instrument(tmp_path):
    copy = _copy(tmp_path)
    ws = _workspace(tmp_path, copy)
    out = tmp_path / "reports"
    proc = cli("report", "participants", "--workspace", ws, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "using the instrument this workspace was started with" in proc.stderr
    page = (out / "participants" / "Ann.html").read_text(encoding="utf-8")
    # every answer 4: ready, in the copy's words; its version in the footer
    assert "Ready to talk" in page and "version 2.2" in page
