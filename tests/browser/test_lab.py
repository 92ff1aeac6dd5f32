"""JupyterLab as a coach uses it: open the hope notebook, run all cells, answer, see it saved."""

import time

from workbook.session.store import ClientStore

from .conftest import HANG_GUARD_S

CLIENT = "lab-client"


def test_run_all_in_jupyterlab_renders_widgets_and_saves(lab, page, tmp_path):
    server, workspace = lab
    ClientStore(workspace).set_current(CLIENT)  # the notebook opens the current client
    page.goto(server.base_url + "/tree/01-hope.ipynb")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    # Wait until the kernel says it is idle, then Run > Run All Cells.
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=HANG_GUARD_S * 1000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    try:
        page.wait_for_selector(".wb-item-hope_1 [role=radio]", timeout=HANG_GUARD_S * 1000)
    finally:
        page.screenshot(path=str(tmp_path / "lab-after-run-all.png"))
    assert page.locator(".wb-item-hope_9 [role=radiogroup]").count() == 1
    page.locator(".wb-item-hope_8").get_by_role("radio", name="Agree", exact=True).click()

    deadline = time.monotonic() + 30
    saved = {}
    while time.monotonic() < deadline:
        saved = ClientStore(workspace).load(CLIENT).get("hope", {}).get("items", {})
        if saved.get("hope_8") == 4:
            break
        time.sleep(0.3)
    assert saved == {"hope_8": 4}
    page.screenshot(path=str(tmp_path / "lab-hope.png"), full_page=True)
