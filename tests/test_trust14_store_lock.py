"""Issue 20, round 8a F10: the workspace's own files in a bad state.

The workspace's ``.lock`` turned into a folder blocked every client's save with words about
"this client", and ``followups``, ``export-clients`` and ``report --workspace`` said nothing
(as they do for a client's ``.lock``). A garbage ``.instrument.json`` was ignored by them
without a word. Now the save names the whole workspace, and each reading command says both
in one line.
"""

import os
import warnings

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore, StoreWarning

BLOCKED = ("no session page or notebook can open or save any client of the workspace (it is "
           "the workspace's own lock, so every client is blocked; commands that only read, "
           "such as export-clients and followups, still read the records)")


@pytest.fixture
def ws(tmp_path):
    root = tmp_path / "w22"
    store = ClientStore(root)
    for client in ("cl0", "cl3"):
        store.save(client, {"hope": {"items": {"hope_1": 3}}}, session="2026-11-02")
    return root


def _argv(command, root, tmp_path):
    return {"followups": ["followups"],
            "export-clients": ["export-clients", "--out", str(tmp_path / "e.csv")],
            "report": ["report", "participants", "--out", str(tmp_path / "rep"), "--jobs", "1"],
            }[command] + ["--workspace", str(root)]


def _lock_folder(root):
    if os.path.lexists(root / ".lock"):
        os.remove(root / ".lock")
    os.mkdir(root / ".lock")


def test_a_save_under_a_workspace_lock_that_is_a_folder_says_every_client_is_blocked(ws):
    _lock_folder(ws)
    for client in ("cl0", "cl3"):
        with pytest.raises(StoreError) as caught:
            ClientStore(ws).save(client, {"hope": {"items": {"hope_1": 4}}},
                                 session="2026-11-03")
        # before: "... so no session page or notebook can open or save this client ..."
        assert str(caught.value) == (
            f"{ws / '.lock'} is a folder, where the store keeps the small file that stops two "
            f"saves writing at once, so {BLOCKED}: move that folder out of {ws} (the kit "
            "never makes it) and try again")
    assert ClientStore(ws, read_only=True).history("cl0") == {
        "2026-11-02": {"hope": {"items": {"hope_1": 3}}}}


@pytest.mark.parametrize("command", ["followups", "export-clients", "report"])
def test_a_reading_command_says_the_workspace_lock_is_a_folder(ws, tmp_path, capfd, command):
    _lock_folder(ws)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(_argv(command, ws, tmp_path)) == 0
    err = capfd.readouterr().err
    # before: no word of it
    said = [line for line in err.splitlines() if f"{ws / '.lock'} is a folder" in line]
    assert said == [f"workbook: warning: {ws / '.lock'} is a folder, where the store keeps the "
                    "small file that stops two saves writing at once, the clients' records "
                    f"were read, but {BLOCKED}: move that folder out of {ws} (the kit never "
                    "makes it) and try again"], err


@pytest.mark.parametrize("command", ["followups", "export-clients", "report"])
def test_a_reading_command_names_a_garbage_instrument_note(ws, tmp_path, capfd, command):
    (ws / ".instrument.json").write_text("{garbage\n")
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(_argv(command, ws, tmp_path)) == 0
    err = capfd.readouterr().err
    # before: no word of it (the kit's own instrument used silently)
    said = [line for line in err.splitlines() if ".instrument.json" in line]
    assert len(said) == 1, err
    assert said[0].startswith(f"workbook: warning: {ws / '.instrument.json'} cannot be read "
                              "(it is not JSON: ")
    assert said[0].endswith("so commands reading the workspace use the kit's own instrument "
                            "unless given --instrument: remove it, and the next `workbook "
                            "coach` records the instrument again")


@pytest.mark.parametrize("text", ["[1, 2]\n", '{"path": 3}\n', None])
def test_an_instrument_note_of_another_shape_is_named_too(ws, text):
    if text is None:
        (ws / ".instrument.json").mkdir()
    else:
        (ws / ".instrument.json").write_text(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ClientStore(ws, read_only=True)
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    why = "it is a folder" if text is None else \
        "it does not hold the instrument's name, version and file"
    assert len(said) == 1 and f".instrument.json cannot be read ({why});" in said[0]


def test_a_readable_instrument_note_is_not_named(ws):
    (ws / ".instrument.json").write_text('{"name": "x", "version": "2.1", "path": ""}\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ClientStore(ws, read_only=True)
    assert [w for w in caught if issubclass(w.category, StoreWarning)] == []
