"""Browser fixtures: Debian's Chromium driven by Playwright, servers on loopback only.

Playwright never downloads a browser here: it launches the system Chromium by path. Without
Chromium these tests are skipped locally, with a message saying how to install it; in CI
(``CI=true``) a missing browser is a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Waits in these tests guard against a hang; they are not a speed check, so they are long
#: enough for a loaded 2-core machine (benchmarks measure speed).
HANG_GUARD_S = 600

INSTALL_HINT = (
    "Chromium is needed for the browser tests: install it with "
    "`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), then run again."
)


def chromium_path():
    """The system Chromium, or None. ``WORKBOOK_CHROMIUM`` names another one (or none)."""
    chosen = os.environ.get("WORKBOOK_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() else None
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium",
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _missing(message):
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    path = chromium_path()
    if path is None:
        _missing(INSTALL_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_S * 1000)
    yield page
    context.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, proc, timeout=HANG_GUARD_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError as exc:  # the server answers: it is up
            if exc.code < 500:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server did not answer at {url} within {timeout} s")


class Server:
    """A notebook server started for one test, stopped afterwards."""

    def __init__(self, cmd, env, base_url, log_path):
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.base_url = base_url
        try:
            wait_for_http(base_url, self.proc)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


@pytest.fixture
def session_root(tmp_path):
    """A copy of the session notebooks (servers may write next to them) and a workspace."""
    root = tmp_path / "notebooks"
    root.mkdir()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    workspace = tmp_path / "workspace"
    return root, workspace


@pytest.fixture
def voila(session_root, tmp_path):
    from workbook.session.coach import coach

    root, workspace = session_root
    servers = []

    def start(client_id):
        port = free_port()
        cmd, url, env = coach(client_id, workspace=workspace, port=port, run=False)
        cmd = [c if not c.startswith("--Voila.root_dir=") else f"--Voila.root_dir={root}"
               for c in cmd]
        env.update(_isolated_jupyter_env(tmp_path))
        server = Server(cmd, env, f"http://127.0.0.1:{port}/", tmp_path / "voila.log")
        servers.append(server)
        return server, workspace

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def lab(session_root, tmp_path):
    from workbook.session.coach import server_command

    root, workspace = session_root
    port = free_port()
    cmd, _ = server_command(port=port, lab=True, root=root)
    cmd += ["--IdentityProvider.token=", "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True"]
    if "--ServerApp.allow_root=True" not in cmd:  # given already when running as root
        cmd.append("--ServerApp.allow_root=True")
    env = dict(os.environ, WORKBOOK_HOME=str(workspace), **_isolated_jupyter_env(tmp_path))
    # Every cell in the page: no virtual scrolling of cells in the test server.
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    server = Server(cmd, env, f"http://127.0.0.1:{port}/lab", tmp_path / "lab.log")
    yield server, workspace
    server.stop()


def _isolated_jupyter_env(tmp_path):
    """Jupyter's own folders in the test's temporary folder, nothing from the user's home."""
    base = tmp_path / "jupyter"
    env = {
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "lab-workspaces"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "MPLBACKEND": "Agg",
    }
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    assert sys.executable  # the servers run from this very environment
    return env
