"""Round 9b J1 in Chromium: a step's minutes box emptied, or given ``1e2``, says so.

The box was a FloatText: its page sent nothing for an empty box and read ``1e2`` itself, so
the box stayed empty with no word while the plan kept the old minutes. It is a text box now:
both reach the kernel and are refused beside the box ("The last good answer is kept").
"""

from .test_voila import CLIENT, wait_for_store

KEPT = "The last good answer is kept"


def test_an_emptied_minutes_box_says_the_last_good_answer_is_kept(voila, page):
    server, workspace = voila(CLIENT)
    page.goto(server.base_url + "voila/render/02-time.ipynb")
    box = page.wait_for_selector(".wb-minutes-arrange input")
    box.fill("40")
    box.press("Tab")
    wait_for_store(workspace, lambda a: (a.get("time", {}).get("tool", {})
                                         .get("step_minutes", {}).get("arrange") == 40))
    box.click(click_count=3)
    box.press("Delete")  # the box emptied, as the attacker did
    note = page.wait_for_selector(".wb-note-minutes-arrange .wb-field-note")
    assert KEPT in note.inner_text()
    box.click(click_count=3)
    box.type("1e2")
    page.wait_for_function(  # the note stays while 1e2 is refused
        "() => document.querySelector('.wb-minutes-arrange input').value === '1e2'")
    box.press("Tab")
    note = page.wait_for_selector(".wb-note-minutes-arrange .wb-field-note")
    assert KEPT in note.inner_text()
    box.click(click_count=3)
    box.type("35")
    box.press("Tab")
    saved = wait_for_store(workspace, lambda a: a["time"]["tool"]["step_minutes"]["arrange"]
                           != 40)
    assert saved["time"]["tool"]["step_minutes"]["arrange"] == 35  # never 100
    page.wait_for_selector(".wb-note-minutes-arrange .wb-field-note", state="detached")
