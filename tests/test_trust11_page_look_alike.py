"""Round 7 E1: a session page named with a look-alike of a saved client made a new client.

Through papermill (or JupyterLab), ``client_id="ＤＥＭＯ-01"`` (full width), ``"demo-01"`` or
``"DЕMO-01"`` (a Cyrillic Е) beside the saved ``DEMO-01`` made three new clients without a
word, while the start page, ``workbook coach`` and ``ClientStore.save`` refuse them. A page
now goes through the start page's door: a new name that looks like a saved client's is
refused in one line, naming both, and nothing is made.
"""

import papermill
import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore
from workbook.session.widgets import IngredientSession, StartPage
from workbook.session.widgets.named import ClientNameError

from .test_past_session import NOTEBOOKS

LOOK_ALIKES = ["\uff24\uff25\uff2d\uff2f-01", "demo-01", "D\u0415MO-01"]


@pytest.fixture
def store(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("DEMO-01", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    return store


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_page_refuses_a_look_alike_as_the_start_page_does(store, name):
    with pytest.raises(WorkbookError) as start:
        StartPage(store).open_client(name)
    with pytest.raises(ClientNameError) as caught:
        IngredientSession("hope", name, store, session="2026-12-05")
    words = f"client_id: {start.value}"
    assert str(caught.value) == words and "DEMO-01" in words
    assert caught.value._render_traceback_() == [words]  # one line in a notebook
    assert store.clients() == ["DEMO-01"]
    assert store.current() is None  # nobody opened


def test_the_saved_client_and_a_new_name_still_open(store):
    page = IngredientSession("hope", "DEMO-01", store, session="2026-12-05")
    assert page.client == "DEMO-01" and store.current() is None  # made, not opened (J4)
    page = IngredientSession("hope", "Bo Chen", store, session="2026-12-05")
    page.fill({"hope_1": 5})
    assert store.clients() == ["Bo Chen", "DEMO-01"] and store.current() is None


def test_a_papermill_run_with_a_look_alike_fails_in_one_line(store, tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(NOTEBOOKS / "01-hope.ipynb"), str(out), kernel_name="python3",
            parameters={"client_id": LOOK_ALIKES[0], "workspace": str(store.root),
                        "session_date": "2026-12-05", "answers": {"hope_1": 1}},
            cwd=str(tmp_path), progress_bar=False)
    assert caught.value.ename == "ClientNameError"
    assert len(caught.value.traceback) == 1 and "DEMO-01" in caught.value.traceback[0]
    assert ClientStore(store.root).clients() == ["DEMO-01"]
