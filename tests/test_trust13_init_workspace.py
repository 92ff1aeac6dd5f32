"""`workbook init` refuses a workspace's root as it refuses a client's folder (round 7, E2)."""

import subprocess
import sys

import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore
from workbook.session.workfolder import init_folder


@pytest.fixture
def workspace(tmp_path):
    store = ClientStore(tmp_path / "ws1")
    store.save("DEMO-01", {"hope": {"items": {"hope_1": 4}}}, session="2026-11-26")
    return store


def listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_init_force_refuses_a_workspace_root(workspace):
    before = listing(workspace.root)
    with pytest.raises(WorkbookError) as caught:
        init_folder(workspace.root, force=True)
    message = str(caught.value)
    assert str(workspace.root) in message and "workspace" in message
    assert "nothing is written" in message
    assert listing(workspace.root) == before  # nothing written


def test_init_force_still_refuses_a_client_folder(workspace):
    folder = workspace.folder("DEMO-01")
    before = listing(folder)
    with pytest.raises(WorkbookError):
        init_folder(folder, force=True)
    assert listing(folder) == before


def test_the_command_says_it_in_one_line_and_fails(workspace):
    done = subprocess.run([sys.executable, "-m", "workbook", "init", str(workspace.root),
                           "--force"], capture_output=True, text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "workspace" in done.stderr and not (workspace.root / "README.md").exists()


def test_a_folder_beside_a_workspace_is_still_written(workspace, tmp_path):
    kit = tmp_path / "kit"
    init_folder(kit)
    assert (kit / "instrument.toml").is_file()
