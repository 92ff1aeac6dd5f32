"""The profile's own controls, seen in Chromium (issue 19): the coach's box starts closed and
opens with a click, a quiet client can set a day to look again, and "The pace I choose"
shows the plan's pace instead of an empty box."""

import datetime as dt

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

from .test_voila import CLIENT, snap, wait_for_store

INST = load_instrument()


def test_profile_controls_say_something(voila, page, tmp_path):
    server, workspace = voila(CLIENT)
    store = ClientStore(workspace)
    # Every statement at the top, 0 hours a week: not now for time alone, and a flag for the
    # coach (the statements show room, the hours none).
    for ing in INST.ingredients:
        items = {i.id: 1 if i.reverse else 5 for i in ing.items}
        tool = {"hours_per_week": 0} if ing.id == "time" else {}
        store.save(CLIENT, {ing.id: {"items": items, "tool": tool}})
    page.goto(server.base_url + "voila/render/06-readiness-profile.ipynb")
    page.wait_for_selector(".wb-verdict")
    verdict = page.inner_text(".wb-verdict")
    assert "It simply waits until some time frees up" in verdict and "rest" not in verdict

    box = page.wait_for_selector("details.wb-coach-box")
    assert box.get_attribute("open") is None  # closed on the shared screen
    assert not page.is_visible("details.wb-coach-box li")
    assert "For the coach" in page.inner_text("details.wb-coach-box summary")
    page.click("details.wb-coach-box summary")
    page.wait_for_selector("details.wb-coach-box[open] li", state="visible")
    assert "hours a week are 0" in page.inner_text("details.wb-coach-box li")

    # The look-again day: offered to this quiet client, and kept with their answers.
    day = page.wait_for_selector(".wb-look-again input[type=date]")
    later = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    day.fill(later)
    day.press("Enter")
    day.evaluate("e => e.dispatchEvent(new Event('change', {bubbles: true}))")
    wait_for_store(workspace, lambda a: a.get("profile", {}).get("tool", {}).get("look_again")
                   == later)
    snap(page, tmp_path / "profile-quiet.png")

    # Six hours a week now: ready. The pace box shows the plan's pace, not an empty box.
    store.save(CLIENT, {"time": {"items": {i.id: 1 if i.reverse else 5
                                           for i in INST.ingredient("time").items},
                                 "tool": {"hours_per_week": 6}}})
    page.click(".wb-refresh button, button.wb-refresh")
    # (an option's text has no-break spaces; its value attribute is the label as written)
    page.wait_for_function(
        "() => { const s = document.querySelector('.wb-pace-choice select');"
        " return s && s.selectedIndex >= 0 && s.value.startsWith('As many as fit'); }")
    shown = page.eval_on_selector(".wb-pace-choice select", "s => s.value")
    assert shown == "As many as fit (3 conversations a week)"
    # Not quiet any more: the look-again box hides (its own message, which may come after the
    # pace box's; a time-out here fails the test).
    page.wait_for_selector(".wb-look-again input[type=date]", state="hidden", timeout=15_000)
    assert not page.is_visible(".wb-look-again input[type=date]")
    snap(page, tmp_path / "profile-ready.png")
