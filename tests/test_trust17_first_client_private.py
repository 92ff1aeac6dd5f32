"""A workspace folder the coach made (0755) is made private when the first client is saved.

Round 12a P1: a papermill page saving the first client into a folder made with ``mkdir``
left the folder 0755, so the client's readable folder name was listable by other users of
the machine until a later command made it private.
"""

import os
import stat

from workbook import ClientStore, IngredientSession


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_first_client_saved_by_a_page_makes_the_folder_private(tmp_path):
    workspace = tmp_path / "ws4"
    workspace.mkdir()
    os.chmod(workspace, 0o755)
    page = IngredientSession("hope", "Ann", ClientStore(workspace), session="2026-11-02")
    page.fill({"hope_1": 4})
    (folder,) = [p for p in workspace.iterdir() if p.name.startswith("Ann-")]
    assert mode(folder) == 0o700
    assert mode(workspace) == 0o700


def test_a_client_made_in_a_premade_folder_makes_it_private(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    os.chmod(workspace, 0o750)
    store = ClientStore(workspace)
    assert mode(workspace) == 0o750  # opening a folder that holds no client keeps its mode
    store.create("Zoë K")
    assert mode(workspace) == 0o700


def test_a_workspace_the_owner_made_narrower_is_not_loosened(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    os.chmod(workspace, 0o700)
    ClientStore(workspace).create("Ann")
    assert mode(workspace) == 0o700
