"""The workspace's instrument gone, the kit's own lacking an answered statement (round 12a P13).

``followups`` refused (exit 1, no follow-ups listed) where the README says it "goes on with
the kit's own and one warning line": follow-ups (dates of notes and talks) depend on no
statement. Now it goes on, and its one warning line names the file, both versions and the
statements the kit's own does not read. ``export-clients`` and ``report --workspace``, which
write versions and scores, still refuse.
"""

import json

from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.instrument_record import RECORD_FILE, remember
from workbook.session.store import ClientStore

from .energy_9_copy import ENERGY_1, ENERGY_9, RETIRED_1
from .reading_helpers import cli
from .test_followups import make_workspace


def _gone(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace(ENERGY_1, ENERGY_9).replace('version = "2.1"', 'version = "2.2"')
    copy = tmp_path / "k8" / "instrument.toml"
    copy.parent.mkdir()
    copy.write_text(text + RETIRED_1, encoding="utf-8")
    ws = tmp_path / "ws36"
    make_workspace(ws)  # ann's note to Ana was sent 2026-11-20, among others
    ClientStore(ws).save("V1", {"energy": {"items": {"energy_2": 2, "energy_9": 1}}},
                         session="2026-11-02")
    assert remember(ws, load_instrument(copy)) is None
    assert json.loads((ws / RECORD_FILE).read_text())["version"] == "2.2"
    copy.rename(copy.with_name("instrument.toml.moved"))
    return copy, ws


def test_followups_go_on_with_one_warning_line(tmp_path):
    copy, ws = _gone(tmp_path)
    proc = cli("followups", "--workspace", ws, "--days", "366")
    assert proc.returncode == 0, proc.stderr
    assert "Ana" in proc.stdout  # the follow-ups are listed
    warned = [line for line in proc.stderr.splitlines() if line.startswith("workbook: warning")]
    assert warned == [
        f"workbook: warning: this workspace was started with the instrument {copy} (version "
        f"2.2, as {ws / RECORD_FILE} says), which is no longer there: using the kit's own "
        "(version 2.1) instead, whose words and scoring may differ and which does not have "
        "statements its clients answered (not read here: client 'V1': energy_9); give "
        "--instrument to use another"]


def test_export_and_reports_still_refuse(tmp_path):
    copy, ws = _gone(tmp_path)
    out = tmp_path / "e.csv"
    proc = cli("export-clients", "--workspace", ws, "--out", out)
    assert proc.returncode == 1 and not out.exists()
    assert f"{copy} (version 2.2" in proc.stderr and "client 'V1': energy_9" in proc.stderr
    proc = cli("report", "participants", "--workspace", ws, "--out", tmp_path / "rp")
    assert proc.returncode == 1 and not (tmp_path / "rp").exists()
