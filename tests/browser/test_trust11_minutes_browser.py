"""Round 7 E18 in Chromium: "2.5" typed into a step's minutes box is refused beside the box.

Before, the box (an IntText) dropped the typed point: 25 minutes were saved, without a word.
"""

from .test_voila import CLIENT, wait_for_store


def test_a_decimal_in_a_minutes_box_is_refused_not_read_as_25(voila, page):
    server, workspace = voila(CLIENT)
    page.goto(server.base_url + "voila/render/02-time.ipynb")
    box = page.wait_for_selector(".wb-minutes-research input")
    box.fill("40")
    box.press("Tab")
    wait_for_store(workspace, lambda a: (a.get("time", {}).get("tool", {})
                                         .get("step_minutes", {}).get("research") == 40))
    box.click(click_count=3)
    box.type("2.5")  # key by key, as a coach types it (fill would skip the page's key handling)
    box.press("Tab")
    note = page.wait_for_selector(".wb-note-minutes-research .wb-field-note")
    assert "give a whole number from 1 to 600" in note.inner_text()
    box.click(click_count=3)
    box.type("30")  # a good number after it: saved, and the note goes
    box.press("Tab")
    saved = wait_for_store(workspace, lambda a: a["time"]["tool"]["step_minutes"]["research"]
                           != 40)
    assert saved["time"]["tool"]["step_minutes"]["research"] == 30  # never 25
    page.wait_for_selector(".wb-note-minutes-research .wb-field-note", state="detached")
