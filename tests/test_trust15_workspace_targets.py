"""Round 11a M6: --out and --ics never write over the workspace's own files.

`export-clients --out WS/.current-client` ended the session open in the app, and
`--out WS/.instrument.json` erased the record of the workspace's instrument: a slip of
`--out` must be refused there as it is for a client's record files.
"""

import datetime as dt

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore

NAMES = [".current-client", ".instrument.json", ".lock", ".Current-Client"]


@pytest.fixture
def workspace(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {"hope": {"items": {"hope_1": 4}}}, session=dt.date(2026, 11, 20))
    store.set_current("ann")
    return tmp_path / "ws"


@pytest.mark.parametrize("name", NAMES)
def test_export_clients_refuses_the_workspaces_own_files(workspace, name, capsys):
    target = workspace / name
    before = target.read_bytes() if target.is_file() else None
    assert main(["export-clients", "--workspace", str(workspace), "--out", str(target)]) != 0
    err = capsys.readouterr().err
    assert name in err and "workspace" in err and "Traceback" not in err
    assert (target.read_bytes() if target.is_file() else None) == before
    assert ClientStore(workspace).current() == "ann"  # the open session is still open


def test_followups_ics_refuses_the_workspaces_own_files(workspace, capsys):
    target = workspace / ".instrument.json"
    before = target.read_bytes() if target.is_file() else None
    assert main(["followups", "--workspace", str(workspace), "--ics", str(target)]) != 0
    assert (target.read_bytes() if target.is_file() else None) == before


def test_an_export_beside_the_clients_is_still_written(workspace):
    assert main(["export-clients", "--workspace", str(workspace),
                 "--out", str(workspace / "export.csv")]) == 0
    assert (workspace / "export.csv").read_text().startswith("participant_id")


def test_the_refused_names_are_the_stores_own():
    from workbook.core.files import WORKSPACE_NAMES
    from workbook.session.sample_workspace import SAMPLE_MARK
    from workbook.session.store.core import WORKSPACE_FILES
    # and the demo workspace's mark (round 12a P5), which the demo writes, not the store
    assert tuple(WORKSPACE_NAMES) == (*WORKSPACE_FILES, SAMPLE_MARK)
