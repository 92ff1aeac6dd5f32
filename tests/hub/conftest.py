"""A JupyterHub for the test: deploy/jupyterhub/jupyterhub_config.py on loopback ports, with
two throwaway local accounts made (and removed) by the test.

It runs only where it can: as root (accounts are made, and the hub starts each coach's
server as that coach), with configurable-http-proxy (npm) and JupyterHub installed. Elsewhere
it is skipped with the reason. Chromium is found as in the browser tests (a missing one is a
skip locally, a failure in CI).
"""

import importlib.util
import os
import secrets
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import HANG_GUARD_S, INSTALL_HINT, _missing, chromium_path, free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
BIN = Path(sys.prefix) / "bin"


def _is_root():
    return sys.platform.startswith("linux") and os.geteuid() == 0


@pytest.fixture(scope="module")
def can_run():
    """Skip (or fail in CI) with the reason when the hub cannot run here."""
    if not _is_root():
        pytest.skip("the JupyterHub test needs root on Linux: it makes two local accounts "
                    "(useradd) and the hub starts each coach's server as that account")
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "gpasswd", "chpasswd", "pgrep",
                 "pkill"):
        if shutil.which(tool) is None:
            pytest.skip(f"the JupyterHub test needs {tool} (the passwd and procps packages)")
    if shutil.which("configurable-http-proxy") is None:
        pytest.skip("the JupyterHub test needs JupyterHub's proxy: "
                    "`npm install -g configurable-http-proxy` (Node.js 20 or newer and npm)")
    if importlib.util.find_spec("jupyterhub") is None or not (BIN / "jupyterhub").exists():
        pytest.skip("the JupyterHub test needs JupyterHub in this environment: "
                    "pip install -e '.[test]'")


def _run(*cmd, stdin=None):
    subprocess.run(cmd, input=stdin, text=True, check=True, capture_output=True)


class Coach:
    def __init__(self, name, password):
        self.name = name
        self.password = password
        self.home = Path("/home") / name
        self.workspace = self.home / "readiness-workbook"

    @property
    def uid(self):
        import pwd

        return pwd.getpwnam(self.name).pw_uid


@pytest.fixture(scope="module")
def chromium(can_run):
    """The system Chromium's path, found as the browser tests find it."""
    path = chromium_path()
    if path is None:
        _missing(INSTALL_HINT)
    return path


@pytest.fixture(scope="module")
def coaches(can_run):
    """Two throwaway local accounts in a throwaway group, removed afterwards with their homes."""
    tag = secrets.token_hex(3)
    group = f"wbhub{tag}"
    made = []
    _run("groupadd", group)
    try:
        for letter in "ab":
            coach = Coach(f"wbhub{tag}{letter}", f"Pw-{secrets.token_urlsafe(12)}")
            # as README "Add a coach": the group is an extra one, so it can be taken away
            _run("useradd", "--create-home", "--groups", group, "--shell", "/bin/sh", coach.name)
            made.append(coach)
            _run("chpasswd", stdin=f"{coach.name}:{coach.password}\n")
            coach.home.chmod(0o700)  # deploy/jupyterhub/README.md, "Add a coach"
        yield group, made
    finally:
        for coach in made:
            subprocess.run(["pkill", "-KILL", "-u", coach.name], capture_output=True)
            subprocess.run(["userdel", "--remove", coach.name], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)


@pytest.fixture(scope="module")
def kit_reachable(can_run):
    """Let the throwaway accounts run this environment's Python and read the kit.

    Each coach's server runs ``BIN/workbook`` as that coach. The folders on the way to the
    interpreter, the environment and the checkout get the "others may pass" bit (``o+x``,
    not read) for the test, and get their own mode back afterwards. Files the kit needs must
    already be readable by others (a checkout made with the usual umask is).
    """
    paths = [Path(os.path.realpath(sys.executable)), Path(sys.prefix), ROOT]
    changed = {}
    for path in paths:
        for folder in [*reversed(path.parents), path if path.is_dir() else path.parent]:
            mode = folder.stat().st_mode
            if folder not in changed and not mode & stat.S_IXOTH:
                changed[folder] = stat.S_IMODE(mode)
                folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
    kit = (ROOT / "workbook" / "session" / "coach.py", ROOT / "notebooks" / "session.ipynb")
    unreadable = [p for p in kit if not p.stat().st_mode & stat.S_IROTH]
    try:
        if unreadable:
            pytest.skip(f"the coaches' servers cannot read the kit: {unreadable[0]} is not "
                        "readable by others (a checkout made with umask 077?)")
        yield
    finally:
        for folder, mode in changed.items():
            folder.chmod(mode)


class Hub:
    """JupyterHub started for the test from deploy/jupyterhub/jupyterhub_config.py."""

    def __init__(self, tmp, group):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = tmp / "jupyterhub_config.py"
        config.write_text(
            "c = get_config()  # noqa\n"
            f"load_subconfig({str(DEPLOY_CONFIG)!r})  # noqa\n"
            "# only what a test on loopback needs differs from the practice's config\n"
            f"c.JupyterHub.bind_url = {self.url!r}\n"
            "c.JupyterHub.ssl_cert = ''\n"
            "c.JupyterHub.ssl_key = ''\n"
            "c.JupyterHub.tornado_settings = {}\n"
            f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{free_port()}'\n"
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'\n"
            f"c.JupyterHub.db_url = 'sqlite:///{tmp}/jupyterhub.sqlite'\n"
            f"c.JupyterHub.cookie_secret_file = '{tmp}/jupyterhub_cookie_secret'\n"
            f"c.ConfigurableHTTPProxy.pid_file = '{tmp}/jupyterhub-proxy.pid'\n"
            f"c.PAMAuthenticator.allowed_groups = {{{group!r}}}\n"
        )
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "WORKBOOK", "PYTHONPATH"))}
        env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
        self.log_path = tmp / "hub.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=tmp,
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._wait_up()

    def _wait_up(self):
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + HANG_GUARD_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.proc.returncode}:\n{self.text()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {HANG_GUARD_S} s:\n{self.text()}")

    def text(self):
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        """Stop the hub as its service manager does (SIGTERM): it stops every coach's server."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(HANG_GUARD_S)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait(30)
        if not self.log.closed:
            self.log.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so a failure can show the hub's log."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="module")
def hub(coaches, kit_reachable, tmp_path_factory):
    group, _ = coaches
    started = Hub(tmp_path_factory.mktemp("hub"), group)
    yield started
    started.stop()
