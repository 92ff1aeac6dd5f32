"""Start `workbook coach` from an installed wheel, answer one statement in Chromium, stop it.

It opens the address `workbook coach CLIENT` prints (the session app, one notebook), answers
the first hope statement by its radio group's name, and checks that the page fetched nothing
from outside 127.0.0.1 (the kit's Voila template carries no CDN links).

Usage: python .ci/smoke_coach.py WORKBOOK_EXECUTABLE WORKSPACE
Run with an environment that has Playwright (the test venv); the server runs from the wheel's.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLIENT = "smoke-client"


def free_port():
    """A free port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what, limit=180):
    """Poll ``check`` until it holds; a generous limit only so a broken server cannot hang CI."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise SystemExit(f"smoke test: {what} did not happen")


def first_hope_statement():
    """The first hope statement, which names its radio group (the checkout's instrument)."""
    from workbook.core.instrument import load_instrument

    return load_instrument().ingredient("hope").items[0].text


def answered(workspace):
    """True once the client's saved answers hold the statement answered in the browser."""
    from workbook.session.store import ClientStore  # the checkout's reader, on the wheel's files

    if not Path(workspace).exists():
        return False
    answers = ClientStore(workspace).load(CLIENT)
    return answers.get("hope", {}).get("items", {}).get("hope_1") == 4


def main(workbook, workspace):
    """Start the server, answer hope_1 with "Agree", check it is saved, stop the server."""
    port = free_port()
    jupyter = tempfile.mkdtemp(prefix="smoke-jupyter-")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=jupyter, JUPYTER_DATA_DIR=jupyter,
               JUPYTER_RUNTIME_DIR=jupyter, MPLBACKEND="Agg")
    env.pop("PYTHONPATH", None)
    log = open(Path(jupyter) / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [workbook, "coach", CLIENT, "--workspace", workspace, "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    address = base + "voila/render/session.ipynb?client=" + CLIENT

    def up():
        if server.poll() is not None:
            raise SystemExit(f"smoke test: workbook coach exited: {server.returncode}\n"
                             + (Path(jupyter) / "server.log").read_text())
        try:
            urllib.request.urlopen(base, timeout=5)
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
        return True

    try:
        wait_until(up, "the server answering")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page()
            page.set_default_timeout(120_000)
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
                ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else None)
            page.goto(address)
            group = page.get_by_role("radiogroup", name=first_hope_statement())
            group.get_by_role("radio", name="Agree", exact=True).click()
            wait_until(lambda: answered(workspace), "saving the answer")
            browser.close()
        if outside:
            raise SystemExit(f"smoke test: the page fetched from outside: {outside}")
        print(f"   answered hope_1 in the session app; saved in {workspace}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise SystemExit("smoke test: the server did not stop on SIGTERM") from None
        log.close()
    print("   server stopped")


if __name__ == "__main__":
    main(*sys.argv[1:3])
