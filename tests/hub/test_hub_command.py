"""``workbook coach --hub``: the laptop's Voila command, at the address JupyterHub gives.

Fast checks without a hub (the end-to-end test is test_hub_e2e.py).
"""

import pytest

from workbook.core.exceptions import WorkbookError
from workbook.core.resources import notebooks_dir
from workbook.session.coach import coach
from workbook.session.hub import IDENTITY, hub_address
from workbook.session.store import ClientStore

HUB_ENV = {"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:51234/user/ann/",
           "JUPYTERHUB_SERVICE_PREFIX": "/user/ann/"}


@pytest.fixture
def under_hub(monkeypatch):
    for key, value in HUB_ENV.items():
        monkeypatch.setenv(key, value)


def test_hub_runs_the_laptops_voila_at_the_hubs_address(tmp_path, under_hub):
    hub_cmd, url, env = coach(workspace=tmp_path / "ws", hub=True, run=False)
    laptop_cmd, _, _ = coach(workspace=tmp_path / "ws", port=51234, run=False)
    assert url == "http://127.0.0.1:51234/user/ann/"  # the app is the server's own address
    # Every option of the laptop's server is kept (culling, preheating, the no-CDN template,
    # the shutdown-on-reload server) and only three are added.
    assert [c for c in laptop_cmd if c not in hub_cmd] == []
    assert [c for c in hub_cmd if c not in laptop_cmd] == [
        str(notebooks_dir() / "session.ipynb"), "--Voila.base_url=/user/ann/",
        f"--Voila.identity_provider_class={IDENTITY}"]
    assert hub_cmd[:3] == laptop_cmd[:3] and hub_cmd[1:3] == ["-m", "workbook.session.voila_server"]
    assert env["WORKBOOK_HOME"] == str(tmp_path / "ws")


def test_the_laptops_command_has_nothing_of_the_hub(tmp_path, under_hub):
    cmd, url, _ = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert url == "http://127.0.0.1:18866/voila/render/session.ipynb"
    assert not [c for c in cmd if "base_url" in c or "identity_provider" in c]


def test_hub_ends_a_session_left_open_as_the_laptop_does(tmp_path, under_hub):
    store = ClientStore(tmp_path / "ws")
    store.set_current("ann-client")
    coach(workspace=tmp_path / "ws", hub=True, run=False)
    assert store.current() is None


@pytest.mark.parametrize("env, missing", [
    ({}, "not set"),
    ({"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1/user/ann/",
      "JUPYTERHUB_SERVICE_PREFIX": "/user/ann/"}, "not an address"),
    ({"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:51234/user/ann/"}, "not set"),
])
def test_hub_address_outside_a_hub_is_refused_clearly(env, missing):
    with pytest.raises(WorkbookError, match="JUPYTERHUB_SERVICE_URL") as info:
        hub_address(env)
    assert missing in str(info.value) and "without --hub" in str(info.value)


def test_hub_address_adds_the_last_slash():
    assert hub_address({"JUPYTERHUB_SERVICE_URL": "http://10.0.0.5:8000/user/bo/",
                        "JUPYTERHUB_SERVICE_PREFIX": "/user/bo"}) == ("10.0.0.5", 8000, "/user/bo/")


def test_cli_hub_in_a_terminal_says_what_it_is_for(tmp_path, monkeypatch, capsys):
    from workbook.cli import main

    monkeypatch.delenv("JUPYTERHUB_SERVICE_URL", raising=False)
    status = main(["coach", "--hub", "--workspace", str(tmp_path / "ws")])
    err = capsys.readouterr().err
    assert status != 0
    assert "--hub" in err and "JUPYTERHUB_SERVICE_URL" in err and "Traceback" not in err


@pytest.mark.parametrize("extra, named", [(["--lab"], "--lab"), (["--port", "9000"], "--port")])
def test_cli_hub_refuses_what_the_hub_decides(tmp_path, under_hub, capsys, extra, named):
    from workbook.cli import main

    store = ClientStore(tmp_path / "ws")
    store.set_current("ann-client")
    status = main(["coach", "--hub", "--workspace", str(tmp_path / "ws"), *extra])
    err = capsys.readouterr().err
    assert status != 0 and f"leave out {named}" in err and "Traceback" not in err
    assert store.current() == "ann-client"  # refused before anything was ended...
    assert not (tmp_path / "ws" / "notebooks").exists()  # ...or made


def test_the_hubs_sign_in_is_served_under_the_coachs_prefix(under_hub):
    pytest.importorskip("jupyterhub", reason="JupyterHub is a test dependency: "
                        "pip install -e '.[test]'")
    from traitlets.config import Configurable

    from workbook.session.hub import HubIdentityProvider

    class App(Configurable):
        base_url = "/user/ann/"

    provider = HubIdentityProvider(parent=App(), token="")  # Voila passes a token: ignored
    assert [h[0] for h in provider.get_handlers()] == ["/user/ann/logout",
                                                       "/user/ann/oauth_callback"]
