"""The whole session in the one-page app, walked with the keyboard only, in Chromium.

Open a client, answer a statement on every ingredient page, move with Next, see the profile
change, end the session, and check that nothing of that client is left on the page. The
answer scale is found by its accessible role and name (the statement names the radio group,
each label names a radio), not by CSS classes.
"""

import re
import subprocess
import time
import urllib.request

from playwright.sync_api import expect

from workbook.core.instrument import load_instrument
from workbook.session.coach import POOL_SIZE
from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S

INST = load_instrument()
CLIENT = "walk-client"
APP = "voila/render/session.ipynb"
ANSWER = "Agree"  # the fourth label: three steps right of the first


def focused_inside(locator) -> bool:
    return locator.evaluate("e => e.contains(document.activeElement)")  # e itself included


def tab_to(page, locator, limit=120):
    """Press Tab until the keyboard focus is on (or inside) ``locator``."""
    locator.wait_for(state="visible")
    for _ in range(limit):
        if focused_inside(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def wait_focused(page, locator):
    """Wait until the app has moved the keyboard focus onto ``locator``.

    After a move the app puts the focus on the page's button in the progress strip; tabbing
    on before that happens would be undone by it.
    """
    locator.wait_for(state="visible")
    page.wait_for_function("e => e.contains(document.activeElement)",
                           arg=locator.element_handle())


def wait_for_store(workspace, check, client=CLIENT, timeout=HANG_GUARD_S):
    deadline = time.monotonic() + timeout
    answers = {}
    while time.monotonic() < deadline:
        if ClientStore(workspace).folder(client).exists():
            answers = ClientStore(workspace).load(client)
            if check(answers):
                return answers
        time.sleep(0.3)
    raise AssertionError(f"the store never held the expected answers; it holds {answers}")


def kernels(server) -> int:
    """Kernels the Voila server is running now."""
    out = subprocess.run(["pgrep", "-P", str(server.proc.pid), "-f", "ipykernel"],
                         capture_output=True, text=True).stdout
    return len(out.split())


def settles_at(server, count, within=HANG_GUARD_S) -> bool:
    """True once the server runs exactly ``count`` kernels (a hang guard, not a speed check)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if kernels(server) == count:
            return True
        time.sleep(1)
    return kernels(server) == count


def server_log(server) -> str:
    server.log.flush()
    with open(server.log.name, encoding="utf-8", errors="replace") as log:
        return log.read()


def test_whole_session_with_the_keyboard_only(voila, page, tmp_path):
    server, workspace = voila(None)
    leaving = []
    page.on("request", lambda r: leaving.append(r.url) if not re.match(
        r"^(https?|wss?)://127\.0\.0\.1[:/]|^(data|blob):", r.url) else None)
    page.goto(server.base_url + APP)

    # The start page: no client, no saved clients listed.
    client_box = page.get_by_role("textbox", name="Client")
    tab_to(page, client_box)
    assert client_box.input_value() == ""
    page.keyboard.type(CLIENT)
    tab_to(page, page.get_by_role("button", name="Open", exact=True))
    page.keyboard.press("Enter")
    # A new name is asked about first; the confirm button has the focus: Enter confirms.
    confirm = page.get_by_role("button", name=f"Start new client \u201c{CLIENT}\u201d",
                               exact=True)
    wait_focused(page, confirm)
    assert ClientStore(workspace).clients() == []  # nothing made before it is confirmed
    page.keyboard.press("Enter")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    wait_focused(page, page.get_by_role("button", name="Hope", exact=True))

    # The profile before any answer: nothing saved yet.
    tab_to(page, page.get_by_role("button", name="Profile", exact=True))
    page.keyboard.press("Enter")
    verdict = page.locator(".wb-verdict")
    verdict.wait_for()
    wait_focused(page, page.get_by_role("button", name="Profile", exact=True))
    before = verdict.inner_text()
    assert CLIENT in before  # "Nothing is saved for walk-client yet..."
    tab_to(page, page.get_by_role("button", name="Hope", exact=True))
    page.keyboard.press("Enter")

    for n, ing in enumerate(INST.ingredients):
        wait_focused(page, page.get_by_role("button", name=ing.name, exact=True))
        item = ing.items[0]
        group = page.get_by_role("radiogroup", name=item.text)
        tab_to(page, group)
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        expect(group.get_by_role("radio", name=ANSWER, exact=True)).to_have_attribute(
            "aria-checked", "true", timeout=HANG_GUARD_S * 1000)
        wait_for_store(workspace, lambda a, i=ing, t=item: a.get(i.id, {}).get("items", {})
                       .get(t.id) == 4)
        page.get_by_role("button", name=f"\u2713 {ing.name}", exact=True).wait_for()
        page.screenshot(path=str(tmp_path / f"app-{n + 1}-{ing.id}.png"))
        tab_to(page, page.get_by_role("button", name="Next", exact=True))
        page.keyboard.press("Enter")

    # Next after the last ingredient is the profile, drawn afresh (no Refresh button).
    page.wait_for_function(
        "before => { const v = document.querySelector('.wb-verdict');"
        " return v && v.innerText !== before; }", arg=before)
    after = verdict.inner_text()
    assert INST.verdicts["incomplete"].split("{")[0].strip() in after
    assert page.get_by_role("button", name="Refresh").count() == 0
    page.screenshot(path=str(tmp_path / "app-6-profile.png"))

    # End the session: the start page, with no trace of the client.
    tab_to(page, page.get_by_role("button", name="End session").first)
    page.keyboard.press("Enter")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for(state="hidden")
    client_box.wait_for()
    assert client_box.input_value() == ""
    assert page.get_by_text(CLIENT).count() == 0
    page.screenshot(path=str(tmp_path / "app-7-ended.png"))

    # Opening the app again starts with no client; the old page's kernel is ended.
    page.reload()
    client_box.wait_for()
    assert page.get_by_text(CLIENT).count() == 0
    assert settles_at(server, 1 + POOL_SIZE)  # the reloaded page's, and one kept ready
    page.goto("about:blank")
    assert settles_at(server, POOL_SIZE)  # leaving the page ended its kernel
    log = server_log(server)
    assert "argument missing" not in log  # the page's shutdown request was accepted...
    assert "Culling 'idle' kernel" not in log  # ...and ended each kernel, not the culler
    assert leaving == []  # nothing was fetched from outside this machine
    assert ClientStore(workspace).current() is None
    saved = ClientStore(workspace).load(CLIENT)
    assert {i.id: saved[i.id]["items"] for i in INST.ingredients} == {
        i.id: {i.items[0].id: 4} for i in INST.ingredients}


def test_address_names_the_client_and_the_page_loads_nothing_from_outside(voila, page):
    server, _ = voila("Zoë K")
    address = server.base_url + APP + "?client=Zo%C3%AB%20K"
    html = urllib.request.urlopen(address, timeout=HANG_GUARD_S).read().decode()
    fetched = re.findall(r"""(?:src|href)\s*=\s*["']?(https?://[^"' >]+)""", html)
    fetched += re.findall(r"""import\(\s*["'](https?://[^"']+)""", html)
    assert [u for u in fetched if not u.startswith("http://127.0.0.1")] == []
    assert "cdn" not in html.lower()
    page.goto(address)
    page.get_by_text("Working with Zoë K").first.wait_for()
    assert page.get_by_role("radiogroup", name=INST.ingredients[0].items[0].text).count() == 1


def test_a_preheated_kernel_opens_the_client_asked_for_and_no_other(voila, page):
    # coach names a client: their session is open in the workspace while kernels are heated.
    server, workspace = voila("first-client")
    store = ClientStore(workspace)
    assert store.current() == "first-client"
    assert settles_at(server, POOL_SIZE)  # a kernel is ready before anyone asks

    def shows_only(client):
        page.get_by_text(f"Working with {client}").first.wait_for()
        for other in {"first-client", "second-client"} - {client}:
            assert page.get_by_text(other).count() == 0

    page.goto(server.base_url + APP + "?client=first-client")
    shows_only("first-client")
    # An address naming a client whose session is not open opens nobody.
    page.goto(server.base_url + APP + "?client=second-client")
    page.get_by_role("textbox", name="Client").wait_for()
    assert page.get_by_text("first-client").count() == 0
    assert page.get_by_text("second-client").count() == 0
    # The coach opens the second client (as `workbook coach second-client` does): the kernel
    # heated during the first client's session opens the second, and only her.
    store.set_current("second-client")
    assert settles_at(server, 1 + POOL_SIZE)
    page.goto(server.base_url + APP + "?client=second-client")
    shows_only("second-client")
    # Ended: the same address, reloaded, gives the start page with nobody open.
    page.get_by_role("button", name="End session").first.click()
    page.get_by_text("Working with second-client").first.wait_for(state="hidden")
    assert store.current() is None
    page.reload()
    page.get_by_role("textbox", name="Client").wait_for()
    assert page.get_by_text("second-client").count() == 0
    assert server_log(server).count("Using pre-heated kernel") >= 4
