"""Round 12b Q6 in Chromium: hours typed and the Profile opened at once.

The profile was drawn from the hours before the ones just typed ("Ready" for a client who
had just typed 0) and stayed so while the record had the new hours. Now the move saves what
was typed first and the profile is drawn from it. Waits are for states, never a fixed time.
"""

from workbook.session.store import ClientStore

from .test_conversations_browser import APP, ready_answers
from .test_voila import CLIENT, wait_for_store


def test_hours_typed_and_profile_at_once_shows_the_new_verdict(voila, session_root, page):
    _, workspace = session_root
    ClientStore(workspace).save(CLIENT, ready_answers())
    server, _ = voila(CLIENT)
    page.goto(f"{server.base_url}{APP}?client={CLIENT}")
    page.get_by_text(f"Working with {CLIENT}").first.wait_for()
    page.get_by_role("button", name="Profile", exact=True).click()
    page.locator(".wb-verdict-name").get_by_text("Ready").wait_for()
    page.locator(".wb-progress-time").click()
    box = page.locator(".wb-field-hours_per_week input")
    box.click(click_count=3)
    box.type("0")
    page.locator(".wb-progress-profile").click()  # at once
    wait_for_store(workspace, lambda a: a["time"]["tool"]["hours_per_week"] == 0)
    page.locator(".wb-verdict-name").get_by_text("Not now").wait_for()
    assert "Ready" not in page.locator(".wb-verdict-name").inner_text()
