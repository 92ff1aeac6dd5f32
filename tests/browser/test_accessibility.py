"""axe-core on every page of the session app: nothing of serious or critical impact.

The app is served as ``workbook coach`` serves it (the ``voila`` fixture); the scan runs on
the start page, each of the five ingredient pages (with an answer chosen, so the chosen
state is checked too), the profile, the conversations page with a person's card open, and the
start page again after the session is ended.
A screenshot of every page scanned is saved for review in a folder the test prints.

axe-core comes with the ``axe-playwright-python`` package (the test extras) and is injected
into the page from there: nothing is fetched from the internet.
"""

import pytest
from playwright.sync_api import expect

from workbook.core.instrument import load_instrument

from .conftest import HANG_GUARD_S

axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-playwright-python is missing: pip install -e '.[test]'")

INST = load_instrument()
CLIENT = "axe-client"
APP = "voila/render/session.ipynb"
#: Impacts that fail the test (axe-core's scale: minor, moderate, serious, critical).
FAILING = ("serious", "critical")


def blocking(results) -> list:
    """The violations of serious or critical impact, one line per element.

    Examples
    --------
    >>> blocking({"violations": [
    ...     {"id": "color-contrast", "impact": "serious", "help": "Contrast",
    ...      "nodes": [{"target": [".wb-a"], "html": "<b>x</b>"}]},
    ...     {"id": "region", "impact": "moderate", "help": "Landmarks",
    ...      "nodes": [{"target": ["p"], "html": "<p>"}]}]})
    ['color-contrast (serious, Contrast): .wb-a <b>x</b>']
    """
    lines = []
    for rule in results["violations"]:
        if rule.get("impact") not in FAILING:
            continue
        for node in rule["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"{rule['id']} ({rule['impact']}, {rule['help']}): {target} "
                         f"{node.get('html', '')[:200]}")
    return lines


def scan(page, name, shots, found):
    """Run axe-core on the page as it is now, keep a screenshot, collect what fails."""
    page.wait_for_timeout(300)  # let a page that has just been swapped in finish drawing
    size = page.viewport_size
    # Voila's page scrolls inside an element, so a "full page" shot is one screen: make the
    # window as tall as the tallest scrolling content for the shot.
    tall = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')]"
                         ".map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(tall, size["height"]),
                                                                  10000)})
    page.screenshot(path=str(shots / f"{len(list(shots.iterdir())) + 1:02d}-{name}.png"))
    page.set_viewport_size(size)
    results = axe_playwright.Axe().run(page).response
    found += [f"{name}: {line}" for line in blocking(results)]


def test_no_serious_or_critical_violation_on_any_page(voila, page, tmp_path):
    server, _workspace = voila(None)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    print(f"\nscreenshots of every page scanned: {shots}")
    found = []

    page.goto(server.base_url + APP)
    client_box = page.get_by_role("textbox", name="Client")
    client_box.wait_for()
    scan(page, "start", shots, found)

    client_box.fill(CLIENT)
    page.get_by_role("button", name="Open", exact=True).click()
    page.get_by_role("button", name=f"Start new client \u201c{CLIENT}\u201d", exact=True).click()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    for ing in INST.ingredients:
        for item in ing.items:  # every statement answered: the profile has scores to show
            group = page.get_by_role("radiogroup", name=item.text)
            group.get_by_role("radio", name="Agree", exact=True).click()
            expect(group.get_by_role("radio", name="Agree", exact=True)).to_have_attribute(
                "aria-checked", "true", timeout=HANG_GUARD_S * 1000)
        page.get_by_role("button", name=f"\u2713 {ing.name}", exact=True).wait_for()
        scan(page, ing.id, shots, found)
        page.get_by_role("button", name="Next", exact=True).click()

    page.locator(".wb-verdict").wait_for()
    scan(page, "profile", shots, found)

    page.get_by_role("button", name="Next", exact=True).click()  # the conversations page
    page.get_by_role("textbox", name="Name", exact=True).fill("Ana <Ruiz>")
    page.get_by_role("button", name="Add to the list", exact=True).click()
    page.get_by_role("button", name="Mark done: note drafted", exact=True).click()
    page.get_by_role("button", name="Mark done: note sent", exact=True).wait_for()
    scan(page, "conversations", shots, found)  # with a person's card open

    page.get_by_role("button", name="End session").first.click()
    client_box.wait_for()
    page.get_by_text(f"Working with {CLIENT}").first.wait_for(state="hidden")
    scan(page, "ended", shots, found)

    assert len(list(shots.iterdir())) == 2 + len(INST.ingredients) + 2
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)
