import os
import socket

import pytest

from workbook.coach import check_port, coach
from workbook.exceptions import WorkbookError
from workbook.resources import SESSION_NOTEBOOKS, voila_templates_root
from workbook.store import ClientStore


def test_coach_prepares_the_server_for_a_client(tmp_path):
    cmd, url, env = coach("Zoë K", workspace=tmp_path / "ws", port=18_866, run=False)
    assert url == "http://127.0.0.1:18866/voila/render/session.ipynb?client=Zo%C3%AB%20K"
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=18866" in cmd
    assert cmd[1:3] == ["-m", "workbook.voila_server"]  # the page's shutdown request passes
    assert "--template=workbook" in cmd  # no stylesheet from a CDN
    assert "--MappingKernelManager.cull_idle_timeout=45" in cmd  # 45 + 15 s: within a minute
    assert "--MappingKernelManager.cull_interval=15" in cmd
    assert "--MappingKernelManager.cull_connected=False" in cmd
    assert "--VoilaConfiguration.preheat_kernel=True" in cmd  # the session app only:
    denylist = next(c for c in cmd if c.startswith("--VoilaKernelManager.preheat_denylist="))
    assert denylist.endswith('["^(?!.*/session\\\\.ipynb$)"]')
    assert env["WORKBOOK_HOME"] == str(tmp_path / "ws")
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(voila_templates_root())
    assert "JUPYTER_TOKEN" not in env or env["JUPYTER_TOKEN"] == os.environ.get("JUPYTER_TOKEN")
    assert ClientStore(tmp_path / "ws").current() == "Zoë K"  # the exact id


def test_coach_without_a_client_ends_the_open_session(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.set_current("ann")
    _, url, _ = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert url == "http://127.0.0.1:18866/voila/render/session.ipynb"
    assert store.current() is None  # no page opens ann without the coach opening her


def test_lab_address_carries_its_token_and_root_is_allowed(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    cmd, url, env = coach(workspace=tmp_path / "ws", port=18_888, lab=True, run=False)
    token = env["JUPYTER_TOKEN"]
    assert len(token) >= 32 and token not in " ".join(cmd)  # not visible in the process list
    assert url == f"http://127.0.0.1:18888/lab/tree/00-start-here.ipynb?token={token}"
    assert "--ServerApp.allow_root=True" in cmd and "--ServerApp.ip=127.0.0.1" in cmd
    _, _, again = coach(workspace=tmp_path / "ws", port=18_888, lab=True, run=False)
    assert again["JUPYTER_TOKEN"] != token  # a new one each run
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    cmd, _, _ = coach(workspace=tmp_path / "ws", port=18_888, lab=True, run=False)
    assert "--ServerApp.allow_root=True" not in cmd


def test_cli_says_root_is_allowed_and_prints_the_tokenised_address(tmp_path, monkeypatch, capsys):
    import workbook.coach
    from workbook.cli import main

    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(workbook.coach, "serve", lambda cmd, env: None)
    main(["coach", "--lab", "--workspace", str(tmp_path / "ws"), "--port", "18888"])
    out = capsys.readouterr().out
    assert "Running as root" in out and "127.0.0.1 only" in out
    assert "/lab/tree/00-start-here.ipynb?token=" in out


def test_notebooks_without_the_session_app_are_refused_for_voila(tmp_path):
    copy = tmp_path / "nb"
    copy.mkdir()
    for name in SESSION_NOTEBOOKS:
        (copy / name).write_text("{}")
    with pytest.raises(WorkbookError, match="lacks session.ipynb"):
        coach(workspace=tmp_path / "ws", port=18_866, run=False, notebooks=copy)
    _, url, _ = coach(workspace=tmp_path / "ws", port=18_888, lab=True, run=False, notebooks=copy)
    assert "/lab/tree/" in url


def test_busy_and_impossible_ports_are_refused_clearly():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(WorkbookError, match=f"port {port} on 127.0.0.1 is in use"):
            check_port(port)
    with pytest.raises(WorkbookError, match="port must be 1-65535"):
        check_port(99_999)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may use any port")
def test_privileged_port_says_why():
    with pytest.raises(WorkbookError, match="needs administrator rights"):
        check_port(80)
