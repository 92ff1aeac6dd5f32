"""Round 7 E15: the instrument file a workspace remembers is gone.

Before, ``followups`` and ``export-clients`` fell back to the kit's own without a word, and
the export stamped the very same sessions ``instrument_version`` 2.1 instead of 2.1.1. Now:
a command that writes versions (``export-clients``, ``report --workspace``) refuses when the
kit's own is another version than the one remembered (its rows would say the sessions were
answered on a version they were not), naming the file and both versions and how to go on;
``followups``, which writes no version, says in one line that the kit's own is used instead,
naming the file; so does every command when the kit's own is the same version.
"""

import json

import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.instrument_record import RECORD_FILE, remember
from workbook.session.store import ClientStore


def _copy(tmp_path, version):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    text = text.replace('version = "2.1"', f'version = "{version}"', 1)
    text = text.replace('not_now = "Not now"', 'not_now = "Later"', 1)
    path = tmp_path / "kit2" / "instrument.toml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert load_instrument(path).version == version
    return path


def _workspace(tmp_path, copy):
    inst = load_instrument(copy)
    answers = {ing.id: {"items": {i: 4 for i in ing.item_ids}} for ing in inst.ingredients}
    answers["time"]["tool"] = {"hours_per_week": 4}
    ws = tmp_path / "ws"
    ClientStore(ws).save("Ann", answers, session="2026-11-01")
    assert remember(ws, inst) is None
    assert json.loads((ws / RECORD_FILE).read_text())["version"] == inst.version
    copy.rename(copy.with_name("away.toml"))  # the coach moved it
    return ws


@pytest.fixture
def newer(tmp_path):
    copy = _copy(tmp_path, "2.1.1")
    return copy, _workspace(tmp_path, copy)


def test_export_refuses_to_stamp_another_version(newer, tmp_path, capsys):
    copy, ws = newer
    out = tmp_path / "a.csv"
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert (f"this workspace was started with the instrument {copy} (version 2.1.1, as "
            f"{ws / RECORD_FILE} says), which is no longer there, and the kit's own is "
            "version 2.1: what is written would say its sessions were answered on 2.1. "
            f"Give that file (or one of its version) with --instrument, or the kit's own "
            f"on purpose with --instrument {DEFAULT_PATH}") in err


def test_export_with_the_kit_given_on_purpose_writes_its_version(newer, tmp_path, capsys):
    _, ws = newer
    out = tmp_path / "a.csv"
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out),
                 "--instrument", str(DEFAULT_PATH)]) == 0
    assert "2.1" in out.read_text(encoding="utf-8")


def test_personal_reports_refuse_too(newer, tmp_path, capsys):
    copy, ws = newer
    out = tmp_path / "reports"
    assert main(["report", "participants", "--workspace", str(ws), "--out", str(out)]) == 1
    assert f"{copy} (version 2.1.1" in capsys.readouterr().err
    assert not out.exists()


def test_followups_say_the_kits_own_is_used_instead(newer, capsys):
    copy, ws = newer
    assert main(["followups", "--workspace", str(ws)]) == 0
    err = capsys.readouterr().err
    assert (f"workbook: warning: this workspace was started with the instrument {copy} "
            f"(version 2.1.1, as {ws / RECORD_FILE} says), which is no longer there: using "
            "the kit's own (version 2.1) instead, whose words and scoring may differ; give "
            "--instrument to use another") in err.splitlines()
    assert fu.verdict_phrase(None, "not_now") == "not now"


def test_the_same_version_is_used_with_a_warning(tmp_path, capsys):
    copy = _copy(tmp_path, "2.1")
    ws = _workspace(tmp_path, copy)
    out = tmp_path / "a.csv"
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (f"workbook: warning: this workspace was started with the instrument {copy} "
            f"(version 2.1, as {ws / RECORD_FILE} says), which is no longer there: using "
            "the kit's own (version 2.1) instead") in err
    assert out.exists()
