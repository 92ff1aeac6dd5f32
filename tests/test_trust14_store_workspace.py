"""Issue 20, round 8a F4 and F5: what the store takes for a workspace.

F4: a read-only command (or ``ClientStore(folder)``) pointed at any folder made it 0700,
one holding no client too (a home folder, /srv/shared, /tmp; /proc as root), locking every
other user out; and the notice said "the workspace folder were made private". Now only a
workspace (a client's folder in it, or the kit's own ``.lock``, ``.current-client`` or
``.instrument.json``) or a folder the kit makes is made private.

F5: ``ClientStore(<a client's folder>)`` was accepted and a save made another client's
folder inside that client's; it is refused as every command refuses it.
Nothing here changes a mode outside ``tmp_path``.
"""

import os
import stat
import warnings

import pytest

from workbook.cli import main
from workbook.core.exceptions import StoreError
from workbook.session.store import ClientStore, StoreWarning


def _mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def _said(func, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = func(*args, **kwargs)
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


@pytest.fixture
def home(tmp_path):
    """A folder that is no workspace: 0755, a Documents folder, a file, a name-shaped folder."""
    home = tmp_path / "home1"
    (home / "Documents").mkdir(parents=True)
    (home / "notes.txt").write_text("mine\n")
    (home / "build-0123456789").mkdir()  # the shape of a client folder's name, no record
    for path in (home, home / "Documents", home / "build-0123456789"):
        os.chmod(path, 0o755)
    os.chmod(home / "notes.txt", 0o644)
    return home


@pytest.mark.parametrize("read_only", [True, False])
def test_a_folder_holding_no_client_keeps_its_mode(home, read_only):
    store, said = _said(ClientStore, home, read_only=read_only)
    assert store.clients() == []
    assert said == []
    # before the fix: 0o700 (read only and not)
    assert _mode(home) == 0o755
    assert _mode(home / "Documents") == 0o755 and _mode(home / "build-0123456789") == 0o755
    assert _mode(home / "notes.txt") == 0o644


def test_opening_a_folder_holding_no_client_to_work_in_leaves_no_lock_file(home):
    for read_only in (False, True, False):
        ClientStore(home, read_only=read_only)
    # before: the first open left home1/.lock, so every later one took home1 for a workspace
    assert sorted(p.name for p in home.iterdir()) == ["Documents", "build-0123456789",
                                                      "notes.txt"]
    assert _mode(home) == 0o755


def test_a_folder_holding_an_earlier_versions_client_folder_is_a_workspace(home):
    (home / "Ann").mkdir()
    (home / "Ann" / "journal.jsonl").write_text("")
    _, said = _said(ClientStore, home, read_only=True)
    assert _mode(home) == 0o700
    assert len(said) == 1 and "the workspace folder was made private" in said[0]


@pytest.mark.parametrize("command", [["followups"], ["export-clients", "--out", "OUT"]])
def test_a_read_only_command_on_a_folder_without_clients_says_so_and_changes_nothing(
        home, tmp_path, capsys, command):
    argv = [str(tmp_path / "x.csv") if arg == "OUT" else arg for arg in command]
    assert main([*argv, "--workspace", str(home)]) == 0
    out, err = capsys.readouterr()
    assert _mode(home) == 0o755  # before: 0o700
    assert "private" not in err
    if command[0] == "followups":
        assert "of 0 clients in the workspace" in out
    else:
        assert "0 session(s) of 0 client(s)" in out + err


def test_a_workspace_put_back_with_wider_permissions_is_still_made_private(tmp_path):
    root = tmp_path / "ws"
    ClientStore(root).save("c1", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-02")
    os.chmod(root, 0o755)
    _, said = _said(ClientStore, root, read_only=True)
    assert _mode(root) == 0o700
    # before: "the workspace folder were made private"
    assert len(said) == 1 and said[0].endswith(
        ": the workspace folder was made private (folders 0700, files 0600)")


@pytest.mark.parametrize("name", [".lock", ".instrument.json", ".current-client"])
def test_a_folder_holding_the_kits_own_file_is_a_workspace(home, name):
    (home / name).write_text("{}\n")
    _, said = _said(ClientStore, home, read_only=True)
    assert _mode(home) == 0o700
    assert len(said) == 1 and "the workspace folder was made private" in said[0]
    assert _mode(home / "Documents") == 0o755  # what is not the kit's is left alone
    assert _mode(home / "build-0123456789") == 0o755


def test_the_store_names_the_instrument_record_as_it_is_written():
    from workbook.session.instrument_record import RECORD_FILE
    from workbook.session.store.core import WORKSPACE_FILES

    assert RECORD_FILE in WORKSPACE_FILES


def test_a_new_workspace_the_kit_makes_is_private(tmp_path):
    ClientStore(tmp_path / "new" / "ws")
    assert _mode(tmp_path / "new" / "ws") == 0o700


@pytest.mark.parametrize("read_only", [True, False])
def test_a_clients_folder_is_refused_as_a_workspace(tmp_path, read_only):
    root = tmp_path / "w5"
    store = ClientStore(root)
    store.save("cl0", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-02")
    folder = store.folder("cl0")
    before = sorted(p.name for p in folder.iterdir())
    # before the fix: accepted, clients() [] and a save made w5/cl0-.../zz-.../
    with pytest.raises(StoreError) as caught:
        ClientStore(folder, read_only=read_only)
    assert str(caught.value) == (f"{folder} is the folder of client 'cl0' (it holds "
                                 f"client.json); the workspace is its parent, {root}")
    assert sorted(p.name for p in folder.iterdir()) == before
