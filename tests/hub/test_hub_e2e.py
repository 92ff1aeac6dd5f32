"""Two coaches on one JupyterHub (deploy/jupyterhub/): each signs in with Chromium, runs the
session app as on a laptop and saves an answer for a client; neither reaches the other's
server or clients by any address; each workspace holds only its own coach's clients, 0700
and 0600; a reload ends the page's kernel; stopping the hub leaves no process of theirs.

Skipped with the reason where it cannot run (see conftest.py).
"""

import re
import stat
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM_FLAGS, HANG_GUARD_S
from workbook.core.instrument import load_instrument
from workbook.session.coach import POOL_SIZE
from workbook.session.store import ClientStore

INST = load_instrument()
ANSWER = "Agree"  # saved as 4


def client_of(coach):
    return f"client-of-{coach.name[-1]}"


def processes(coach, pattern=None) -> list[str]:
    cmd = ["pgrep", "-u", coach.name]
    if pattern:
        cmd += ["-f", pattern]
    return subprocess.run(cmd, capture_output=True, text=True).stdout.split()


def settles(check, within=HANG_GUARD_S) -> bool:
    """True once ``check()`` holds (a hang guard, not a speed check)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(1)
    return check()


def sign_in(browser, hub, coach):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_S * 1000)
    leaving = []
    page.on("request", lambda r: leaving.append(r.url) if not re.match(
        r"^(https?|wss?)://127\.0\.0\.1[:/]|^(data|blob):", r.url) else None)
    page.goto(hub.url + "/hub/login")
    page.locator("#username_input").fill(coach.name)
    page.locator("#password_input").fill(coach.password)
    page.locator("#login_submit").click()
    # The hub starts the coach's server and sends the browser to it: the session app.
    page.get_by_role("textbox", name="Client").wait_for()
    return context, page, leaving


def open_new_client(page, client):
    page.get_by_role("textbox", name="Client").fill(client)
    page.get_by_role("button", name="Open", exact=True).click()
    page.get_by_role("button", name=f"Start new client \u201c{client}\u201d", exact=True).click()
    page.get_by_text(f"Working with {client}").first.wait_for()


def answer_first_statement(page):
    item = INST.ingredients[0].items[0]
    page.get_by_role("button", name=INST.ingredients[0].name, exact=True).click()
    group = page.get_by_role("radiogroup", name=item.text)
    group.get_by_role("radio", name=ANSWER, exact=True).click()
    expect(group.get_by_role("radio", name=ANSWER, exact=True)).to_have_attribute(
        "aria-checked", "true", timeout=HANG_GUARD_S * 1000)
    return item


def saved(coach, client, item):
    store = ClientStore(coach.workspace)
    if client not in store.clients():
        return False
    return store.load(client).get(INST.ingredients[0].id, {}).get("items", {}).get(item.id) == 4


def refused(response, page, own, other_client) -> bool:
    """A refusal: 403 (or 404), or a page of the coach's own server; never the other's client."""
    if other_client in page.content():
        return False
    status = response.status if response is not None else None
    return status in (403, 404) or page.url.startswith(own)


def test_two_coaches_each_see_only_their_own_clients(chromium, hub, coaches, tmp_path):
    # Playwright's sync API runs one instance per thread: the browser tests' own (a session
    # fixture) may be running in this thread when the whole suite runs, so this test drives
    # its Chromium from a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(two_coaches, chromium, hub, coaches, tmp_path).result()


def two_coaches(chromium, hub, coaches, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=CHROMIUM_FLAGS)
        try:
            signed_in_coaches(browser, hub, coaches, tmp_path)
        finally:
            browser.close()


def signed_in_coaches(browser, hub, coaches, tmp_path):
    group, (a, b) = coaches
    # The idle culler runs as the hub's service and may list the users and their servers.
    assert settles(lambda: re.search(r"200 GET /hub/api/users\S* \(jupyterhub-idle-culler-"
                                     r"service@", hub.text()) is not None)
    sessions = {}
    for coach in (a, b):
        context, page, leaving = sign_in(browser, hub, coach)
        assert page.url == f"{hub.url}/user/{coach.name}/"
        page.screenshot(path=str(tmp_path / f"hub-{coach.name[-1]}-start.png"))
        open_new_client(page, client_of(coach))
        item = answer_first_statement(page)
        assert settles(lambda c=coach, i=item: saved(c, client_of(c), i))
        page.screenshot(path=str(tmp_path / f"hub-{coach.name[-1]}-hope.png"))
        sessions[coach.name] = (context, page, leaving)

    # Coach A's signed-in browser, at every address of B's: refused, never B's client.
    _, page, _ = sessions[a.name]
    own = f"{hub.url}/user/{a.name}/"
    other = f"{hub.url}/user/{b.name}/"
    for address in (other, other + f"?client={client_of(b)}", other + "voila/render/session.ipynb",
                    other + "voila/tree", other + "voila/files/readiness-workbook/",
                    f"{hub.url}/hub/user/{b.name}/", f"{hub.url}/user-redirect/"
                    f"?client={client_of(b)}"):
        response = page.goto(address)
        assert refused(response, page, own, client_of(b)), (address, page.url)
    # B's server itself says 403 to A (JupyterHub's access rule: only B may use it).
    response = page.goto(other)
    assert response.status == 403
    # A's own app, asked for B's client by name: the start page, nobody opened.
    page.goto(own + f"?client={client_of(b)}")
    page.get_by_role("textbox", name="Client").wait_for()
    assert page.get_by_text(client_of(b)).count() == 0
    # The hub's API tells A nothing about B either.
    api = sessions[a.name][0].request.get(f"{hub.url}/hub/api/users/{b.name}")
    assert api.status in (403, 404)

    # Each workspace: its own coach's client only, folders 0700 and files 0600, theirs.
    for coach in (a, b):
        assert ClientStore(coach.workspace).clients() == [client_of(coach)]
        for path in [coach.workspace, *coach.workspace.rglob("*")]:
            info = path.lstat()
            assert info.st_uid == coach.uid, path
            want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            assert stat.S_IMODE(info.st_mode) == want, (path, oct(info.st_mode))

    # As on a laptop: a reload ends the page's kernel, one kernel is kept ready. The address
    # names B's open client, so the reloaded page reopens that session (round 6 D5).
    _, page, _ = sessions[b.name]
    assert f"client={client_of(b)}" in page.url
    page.reload()
    page.get_by_text(f"Working with {client_of(b)}").first.wait_for()
    assert settles(lambda: len(processes(b, "ipykernel")) == 1 + POOL_SIZE)
    page.goto("about:blank")
    assert settles(lambda: len(processes(b, "ipykernel")) == POOL_SIZE)
    log = hub.text()
    assert "argument missing" not in log  # the page's shutdown request was accepted
    assert "Using pre-heated kernel" in log  # pages open in the kernel kept ready

    # Coach B is removed as README "Remove a coach" says, while B's browser is still signed
    # in to the hub: out of the group, B's server stopped. That browser cannot start B's server
    # again: the hub checks the group before every start (a refusal, not the app).
    _, page, _ = sessions[b.name]
    subprocess.run(["gpasswd", "--delete", b.name, group], check=True, capture_output=True)
    subprocess.run(["pkill", "--signal", "TERM", "-u", b.name], capture_output=True)
    assert settles(lambda: f"User {b.name} server stopped" in hub.text())  # the hub noticed
    response = page.goto(f"{hub.url}/hub/spawn")
    assert response.status == 403 or page.url.startswith(f"{hub.url}/hub/login"), (
        response.status, page.url)
    assert client_of(b) not in page.content()
    # B's bookmark: no app, no client (the hub's sign-in or its "not running" page).
    page.goto(f"{hub.url}/user/{b.name}/")
    assert page.get_by_role("textbox", name="Client").count() == 0
    assert client_of(b) not in page.content()
    assert f"User {b.name} took" not in hub.text().split(f"User {b.name} server stopped")[-1]
    assert processes(b) == []
    # Coach A, still in the group, is not touched: A's app still opens.
    _, page, _ = sessions[a.name]
    page.goto(own)
    page.get_by_role("textbox", name="Client").wait_for()

    # Nothing was fetched from outside this machine, by either coach's page.
    for context, _, leaving in sessions.values():
        assert leaving == []
        context.close()

    # Stopping the hub stops both coaches' servers and every kernel: no process of theirs.
    hub.stop()
    for coach in (a, b):
        assert settles(lambda c=coach: processes(c) == [], within=60), processes(coach)


@pytest.fixture(autouse=True)
def _show_hub_log_on_failure(request, hub):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print(hub.text()[-6000:])
