import os
import socket

import nbformat
import pytest

from workbook.core.exceptions import WorkbookError
from workbook.core.resources import SESSION_NOTEBOOKS, voila_templates_root
from workbook.session.coach import check_port, coach
from workbook.session.store import ClientStore


def test_coach_prepares_the_server_for_a_client(tmp_path):
    cmd, url, env = coach("Zoë K", workspace=tmp_path / "ws", port=18_866, run=False)
    assert url == "http://127.0.0.1:18866/voila/render/session.ipynb?client=Zo%C3%AB%20K"
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=18866" in cmd
    assert cmd[1:3] == ["-m", "workbook.session.voila_server"]  # the page's shutdown request passes
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
    import workbook.session.coach
    from workbook.cli import main

    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(workbook.session.coach, "serve", lambda cmd, env: None)
    main(["coach", "--lab", "--workspace", str(tmp_path / "ws"), "--port", "18888"])
    out = capsys.readouterr().out
    assert "Running as root" in out and "127.0.0.1 only" in out
    assert "/lab/tree/00-start-here.ipynb?token=" in out


def test_notebooks_without_the_session_app_are_refused_for_voila(tmp_path):
    copy = tmp_path / "nb"
    copy.mkdir()
    for name in SESSION_NOTEBOOKS:
        nbformat.write(nbformat.v4.new_notebook(), copy / name)
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


# -- stopping the server: one line, no shutdown noise (issue 20) -----------------------------
FAKE_SERVER = """
import signal, sys, time
def stop(*_):
    sys.stderr.write("Traceback (most recent call last):\\n"
                     "zmq.error.ZMQError: Socket operation on non-socket\\n")
    sys.stderr.flush()
    open(sys.argv[1], "w").write("stopped")
    sys.exit(1)
signal.signal(signal.SIGTERM, stop)
print("serving", flush=True)
open(sys.argv[1] + ".ready", "w").close()
while True:
    time.sleep(0.05)
"""
DRIVER = """
import os, signal, sys
from workbook.session.coach import serve
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal's foreground
sys.exit(serve([sys.executable, "-c", sys.argv[1], sys.argv[2]], dict(os.environ)))
"""


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_stopping_the_server_says_one_line_and_stops_it(tmp_path, how):
    import signal
    import subprocess
    import sys
    import time

    marker = tmp_path / "server-stopped"
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, FAKE_SERVER, str(marker)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60  # a hang guard, not a speed check
    while not (tmp_path / "server-stopped.ready").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    driver.send_signal(getattr(signal, how))  # Ctrl+C in the terminal, or kill
    out, err = driver.communicate(timeout=60)
    assert driver.returncode == 0
    # the server's output is passed on while it runs; then one line, no traceback
    assert err == "serving\nworkbook: the coach server has stopped.\n"
    assert marker.read_text() == "stopped"  # the server was asked to stop, and did


@pytest.mark.parametrize("broken", ["{not json", "{}", '{"cells": 3, "nbformat": 4}'])
@pytest.mark.parametrize("name", ["session.ipynb", "03-energy.ipynb"])
def test_a_broken_notebook_in_notebooks_is_refused_at_start(tmp_path, name, broken):
    """Found at start, naming the file, not when a client's page fails to open (issue 20)."""
    from workbook.session.workfolder import init_folder

    init_folder(tmp_path / "kit")
    copy = tmp_path / "kit" / "notebooks"
    (copy / name).write_text(broken)
    with pytest.raises(WorkbookError, match=rf"^--notebooks {copy}: {name} is not a notebook "
                       r"the kit can serve \(.+\); undo the last edit, or make a fresh copy "
                       r"with `workbook init DIR --force`$"):
        coach(workspace=tmp_path / "ws", port=18_866, run=False, notebooks=copy)


def test_lab_opens_a_working_copy_never_the_kits_own_notebooks(tmp_path, capsys, monkeypatch):
    """JupyterLab saves where a notebook is: the kit's own folder must not be it (issue 20)."""
    import workbook.session.coach
    from workbook.cli import main
    from workbook.core.resources import APP_NOTEBOOK, notebooks_dir

    ws = tmp_path / "ws"
    cmd, _, _ = coach(workspace=ws, port=18_888, lab=True, run=False)
    copy = ws / "notebooks"
    assert f"--ServerApp.root_dir={copy.resolve()}" in cmd
    assert f"--ServerApp.root_dir={notebooks_dir()}" not in cmd
    assert sorted(p.name for p in copy.iterdir()) == sorted([*SESSION_NOTEBOOKS, APP_NOTEBOOK])
    assert (copy / "01-hope.ipynb").read_bytes() == (notebooks_dir() / "01-hope.ipynb").read_bytes()
    (copy / "01-hope.ipynb").write_text("my edit")  # a coach's saved edit is kept
    (copy / "02-time.ipynb").unlink()  # a page deleted comes back from the kit
    coach(workspace=ws, port=18_888, lab=True, run=False)
    assert (copy / "01-hope.ipynb").read_text() == "my edit"
    assert (copy / "02-time.ipynb").read_bytes() == (notebooks_dir() / "02-time.ipynb").read_bytes()
    assert ClientStore(ws).clients() == []  # the copy is not a client
    monkeypatch.setattr(workbook.session.coach, "serve", lambda cmd, env: 0)
    assert main(["coach", "--lab", "--workspace", str(ws), "--port", "18888"]) == 0
    assert f"Notebooks: your working copy in {copy}" in capsys.readouterr().out
