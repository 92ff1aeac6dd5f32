"""remove-session names the client as saved, escaped once (round 9a H5)."""

from __future__ import annotations

import pytest

from workbook.cli import main
from workbook.session.store import ClientStore

A = {"hope": {"items": {"hope_1": 5}}}


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ClientStore(tmp_path / "w")
    for client in ("cl1", "cl2", "cl3"):
        store.save(client, A, session="2026-09-01")
    return store


@pytest.mark.parametrize("typed, saved", [("cl2\u200b", "cl2"), (" cl1 ", "cl1")])
def test_the_removed_sessions_client_is_named_as_saved(ws, capsys, typed, saved):
    assert main(["remove-session", "--workspace", "w", "--client", typed,
                 "--session", "2026-09-01"]) == 0
    assert capsys.readouterr().err == (f"removed session 2026-09-01 of client '{saved}' "
                                       "(hope)\n")
    assert ws.sessions(saved) == []


def test_a_client_named_in_other_capitals_is_offered(ws, capsys):
    assert main(["remove-session", "--workspace", "w", "--client", "CL3",
                 "--session", "2026-09-01"]) == 1
    assert "there is no client 'CL3' in w (there is 'cl3'); nothing was removed" \
        in capsys.readouterr().err
    assert ws.sessions("cl3") == ["2026-09-01"]
