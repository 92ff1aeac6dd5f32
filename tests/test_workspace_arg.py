"""``--workspace`` given a client's folder or a file is refused, in every command that takes it.

Attack finding 17: such a path read as an empty workspace ("0 clients in the workspace", an
empty export written, exit 0). Each command now says what the path is and which folder is the
workspace, writes nothing, and exits 1.
"""

import json

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ClientStore(tmp_path / "w0")
    store.save("C1", {"pace": {"tool": {"chosen_per_week": 1}}}, session="2026-11-26")
    (tmp_path / "notes.txt").write_text("not a workspace")
    return store


def _commands(path, out):
    return {
        "export-clients": ["export-clients", "--workspace", path, "--out", str(out / "x.csv")],
        "followups": ["followups", "--workspace", path],
        "report participants": ["report", "participants", "--workspace", path,
                                "--out", str(out / "rep")],
        "report cohort": ["report", "cohort", "--workspace", path, "--out", str(out / "coh")],
        "coach": ["coach", "--workspace", path],
    }


@pytest.mark.parametrize("command", ["export-clients", "followups", "report participants",
                                     "report cohort", "coach"])
def test_a_clients_folder_given_as_the_workspace_is_named_as_one(ws, tmp_path, capsys, command,
                                                                  monkeypatch):
    import workbook.session.coach

    monkeypatch.setattr(workbook.session.coach, "serve",
                        lambda *a, **k: pytest.fail("server started"))
    out = tmp_path / "out"
    out.mkdir()
    argv = _commands("w0/C1-ab861dc170", out)[command]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert ("w0/C1-ab861dc170 is the folder of client 'C1' (it holds client.json); "
            "the workspace is its parent, w0") in err
    assert "Traceback" not in err
    assert list(out.iterdir()) == []  # no empty export, no report folder
    # nothing was made inside the client's folder either
    assert sorted(p.name for p in ws.folder("C1").iterdir()) == [
        ".lock", "answers.json", "client.json", "journal.jsonl"]


@pytest.mark.parametrize("command", ["export-clients", "followups", "report participants",
                                     "report cohort", "coach"])
def test_a_file_given_as_the_workspace_is_named_as_a_file(ws, tmp_path, capsys, command):
    out = tmp_path / "out"
    out.mkdir()
    assert main(_commands("notes.txt", out)[command]) == 1
    err = capsys.readouterr().err
    assert "notes.txt is a file, not a folder" in err
    assert "there is no workspace folder" not in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_clients_folder_with_a_damaged_client_json_is_still_named_a_clients_folder(
        ws, tmp_path, capsys):
    (ws.folder("C1") / "client.json").write_text("{not json")
    assert main(["followups", "--workspace", "w0/C1-ab861dc170"]) == 1
    assert ("w0/C1-ab861dc170 is a client's folder (it holds client.json); the workspace is "
            "its parent, w0") in capsys.readouterr().err


def test_an_earlier_versions_client_folder_given_as_the_workspace_is_named(tmp_path, capsys,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "backup" / "OLD"
    old.mkdir(parents=True)
    line = {"client_id": "OLD", "session": "2026-11-26", "answers": {}}
    (old / "journal.jsonl").write_text(json.dumps(line) + "\n")
    assert main(["export-clients", "--workspace", "backup/OLD", "--out", "x.csv"]) == 1
    assert ("backup/OLD is a client's folder (it holds journal.jsonl); the workspace is its "
            "parent, backup") in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_the_workspace_itself_and_a_new_coach_workspace_are_accepted(ws, tmp_path):
    from workbook.session.store.workspace_arg import check_workspace

    assert check_workspace("w0") == ws.root.relative_to(tmp_path)
    assert check_workspace("new-ws", must_exist=False).name == "new-ws"
    assert not (tmp_path / "new-ws").exists()  # checking never makes it
