"""The coaching session as a client sees it: Voilà in a real (headless) Chromium."""

import time

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S

CLIENT = "browser-test"
INST = load_instrument()


def wait_for_store(workspace, check, timeout=HANG_GUARD_S):
    """Poll the client's saved answers until ``check(answers)`` holds."""
    deadline = time.monotonic() + timeout
    answers = {}
    while time.monotonic() < deadline:
        answers = ClientStore(workspace).load(CLIENT)
        if check(answers):
            return answers
        time.sleep(0.3)
    raise AssertionError(f"the store never held the expected answers; it holds {answers}")


def snap(page, path):
    """Screenshot of the whole page: Voila scrolls inside the page, so grow the window first."""
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('body, body *'))"
        ".map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1200, "height": max(900, min(height + 40, 6000))})
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1200, "height": 900})


def chosen(page, item_id):
    """The label chosen for an item, as the page shows it (None when nothing is chosen)."""
    radio = page.locator(f".wb-item-{item_id} [role=radio][aria-checked=true]")
    return radio.get_attribute("data-label") if radio.count() else None


def test_hope_page_saves_answers_and_shows_them_after_reload(voila, page, tmp_path):
    server, workspace = voila(CLIENT)
    url = server.base_url + "voila/render/01-hope.ipynb"
    page.goto(url)
    page.wait_for_selector(".wb-item-hope_1 [role=radio]")

    # Mouse: pick "Agree" for the first statement (a radio group named by the statement).
    first = INST.ingredient("hope").items[0].text
    page.get_by_role("radiogroup", name=first).get_by_role("radio", name="Agree",
                                                            exact=True).click()
    # Keyboard: Tab to the next statement's group, arrow keys to move, Space to choose.
    page.keyboard.press("Tab")
    for _ in range(4):  # nothing chosen yet: the tab stop is the first label; four steps on
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    # A reflection, typed, then committed by leaving the box.
    reflection = page.locator(".wb-reflection-hope-1 textarea")
    reflection.click()
    page.keyboard.type("The week my manager listened.")
    page.keyboard.press("Tab")

    saved = wait_for_store(
        workspace,
        lambda a: a.get("hope", {}).get("items") == {"hope_1": 4, "hope_6": 5, "hope_7": 2}
        and a["hope"].get("reflections", [""])[0] == "The week my manager listened.",
    )
    assert saved["hope"]["items"]["hope_6"] == 5
    page.wait_for_function(
        "() => document.querySelector('.wb-status') && "
        "/saved/i.test(document.querySelector('.wb-status').textContent)"
    )
    snap(page, tmp_path / "voila-hope.png")

    # A new page load (new kernel) shows every saved answer again.
    page.reload()
    page.wait_for_selector(".wb-item-hope_1 [aria-checked=true]")
    assert chosen(page, "hope_1") == "Agree"
    assert chosen(page, "hope_6") == INST.labels[4]
    assert chosen(page, "hope_7") == INST.labels[1]
    assert chosen(page, "hope_8") is None
    assert page.input_value(".wb-reflection-hope-1 textarea") == "The week my manager listened."
    # The live score: keyed 4, 5, 4 (hope_7 is reverse-keyed) -> mean 4.33 -> 83 of 100.
    assert "83" in page.inner_text(".wb-score")
    snap(page, tmp_path / "voila-hope-reloaded.png")

    # The page links lead on, within the app: the profile names what is still missing.
    page.get_by_role("link", name="Profile").click()
    page.wait_for_url("**/voila/render/06-readiness-profile.ipynb")
    verdict = page.wait_for_selector(".wb-verdict").inner_text()
    assert INST.verdicts["incomplete"].split("{names}")[0].strip() in verdict


def test_profile_page_shows_the_verdict(voila, page, tmp_path):
    server, workspace = voila(CLIENT)
    # Everything answered in the middle, time low: the verdict is "not now", naming time.
    answers = {}
    for ing in INST.ingredients:
        items = {}
        for item in ing.items:
            keyed = 1 if ing.id == "time" else 4
            items[item.id] = 6 - keyed if item.reverse else keyed
        answers[ing.id] = {"items": items}
    for section, value in answers.items():
        ClientStore(workspace).save(CLIENT, {section: value})
    page.goto(server.base_url + "voila/render/06-readiness-profile.ipynb")
    page.wait_for_selector(".wb-verdict")
    text = page.inner_text(".wb-verdict")
    expected = INST.verdicts["not_now"].split("{names}")[0].strip()
    assert expected in text
    assert "time" in text.lower()
    chart = page.wait_for_selector(".wb-profile-chart img")  # the report's SVG, with alt text
    page.wait_for_function("e => e.complete && e.naturalWidth > 0", arg=chart)
    assert chart.get_attribute("alt").startswith("Bar chart of your scores: Hope 75; Time 0")
    snap(page, tmp_path / "voila-profile.png")
