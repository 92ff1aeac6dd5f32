"""A client folder of an earlier version is named by the read-only commands, never invisible.

Attack finding 16: a workspace restored from an old backup (a client folder named after the
id, no client.json) showed "0 clients in the workspace" in ``followups``, "holds no clients'
answers yet" in ``report`` and "wrote 0 session(s)" in ``export-clients``; only opening the
workspace read-write (``workbook coach``) moved the folder and showed the client. Each
read-only command now names the folder and says how to have it moved.
"""

import shutil

import pandas as pd
import pytest

from workbook.cli import main
from workbook.session.store import ClientStore

WHY = ("a folder of an earlier version of the kit, holding the answers of 'OLD', not read: "
       "open the workspace with `workbook coach` once to move it")


@pytest.fixture
def ws(tmp_path):
    """A workspace holding one client, and one earlier version's folder ``OLD``."""
    source = ClientStore(tmp_path / "source")
    source.save("OLD", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    root = tmp_path / "ws"
    ClientStore(root).save("C1", {"pace": {"tool": {"chosen_per_week": 2}}},
                           session="2026-11-27")
    (root / "OLD").mkdir()
    shutil.copy(source.folder("OLD") / "journal.jsonl", root / "OLD" / "journal.jsonl")
    return root


def test_export_names_an_earlier_versions_folder(ws, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"left out {ws / 'OLD'}: {WHY}" in err
    assert "wrote 1 session(s) of 1 client(s)" in err and "1 folder(s) left out" in err
    # as it says: opened read-write once, the folder is moved and the client is exported
    ClientStore(ws)
    assert main(["export-clients", "--workspace", str(ws), "--out", str(out)]) == 0
    assert pd.read_csv(out)["participant_id"].tolist() == ["C1", "OLD"]


def test_followups_names_an_earlier_versions_folder(ws, capsys):
    assert main(["followups", "--workspace", str(ws)]) == 0
    out = capsys.readouterr()
    assert f"left out {ws / 'OLD'}: {WHY}" in out.out + out.err


def test_an_earlier_versions_folder_whose_client_has_a_folder_is_named_as_that(ws, capsys):
    ClientStore(ws).save("OLD", {"pace": {"tool": {"chosen_per_week": 3}}},
                         session="2026-12-01")  # the folder could not be moved: OLD-... exists
    (ws / "OLD").mkdir()
    source = next(p for p in ws.iterdir() if p.name.startswith("OLD-"))
    shutil.copy(source / "journal.jsonl", ws / "OLD" / "journal.jsonl")
    assert main(["export-clients", "--workspace", str(ws), "--out", str(ws.parent / "x.csv")]) == 0
    assert (f"left out {ws / 'OLD'}: a folder of an earlier version of the kit, holding the "
            f"answers of 'OLD', not read: 'OLD' has the folder {source.name} already; move "
            "what you need there by hand") in capsys.readouterr().err


def test_a_folder_with_a_journal_of_no_one_it_was_made_for_is_named(ws, capsys):
    (ws / "misc").mkdir()
    shutil.copy(ws / "OLD" / "journal.jsonl", ws / "misc" / "journal.jsonl")  # names 'OLD'
    assert main(["export-clients", "--workspace", str(ws), "--out", str(ws.parent / "x.csv")]) == 0
    assert (f"left out {ws / 'misc'}: it holds journal.jsonl but no client.json, and its "
            "records name no client this folder was made for: not read") \
        in capsys.readouterr().err


def test_a_report_of_a_workspace_holding_only_an_old_folder_says_it_was_left_out(
        tmp_path, capsys, caplog):
    source = ClientStore(tmp_path / "source")
    source.save("OLD", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    (tmp_path / "m2" / "OLD").mkdir(parents=True)
    shutil.copy(source.folder("OLD") / "journal.jsonl", tmp_path / "m2" / "OLD")
    out = tmp_path / "rep"
    assert main(["report", "participants", "--workspace", str(tmp_path / "m2"),
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"left out {tmp_path / 'm2' / 'OLD'}: {WHY}" in caplog.text  # the warning
    assert (f"the workspace {tmp_path / 'm2'} holds no clients' answers yet (1 folder(s) left "
            "out, each named above)") in err
    assert not out.exists()
