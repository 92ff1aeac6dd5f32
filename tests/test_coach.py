import os
import socket

import pytest

from workbook.coach import check_port, coach
from workbook.exceptions import WorkbookError
from workbook.store import ClientStore


def test_coach_prepares_the_server_for_a_client(tmp_path):
    cmd, url, env = coach("Zoë K", workspace=tmp_path / "ws", port=18_866, run=False)
    assert url == "http://127.0.0.1:18866/voila/render/00-start-here.ipynb"
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=18866" in cmd
    assert env["WORKBOOK_HOME"] == str(tmp_path / "ws")
    assert ClientStore(tmp_path / "ws").current() == "Zoë K"  # the exact id
    _, lab_url, _ = coach(workspace=tmp_path / "ws", port=18_888, lab=True, run=False)
    assert lab_url == "http://127.0.0.1:18888/lab/tree/00-start-here.ipynb"


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
