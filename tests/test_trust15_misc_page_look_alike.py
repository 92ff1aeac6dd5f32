"""Round 10b L2: the profile and Conversations pages read a look-alike name as a new client.

Through papermill (or JupyterLab), ``06-readiness-profile`` and ``07-conversations`` with
``client_id="RD"`` (or the full-width ``ｒｄ``) beside the saved client ``rd`` said "Nothing
is saved for RD yet" and "No one on the list yet", while ``01-hope`` refuses the same name
(round 7 E1). They now go through the same door: the name is refused in one line, naming
both, and nothing is made; the saved client, a new name and no name still open as before.
"""

import datetime as dt

import papermill
import pytest

from workbook.core.conversations import model
from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore
from workbook.session.tracker import Tracker
from workbook.session.widgets import ConversationsPage, ReadinessProfile, StartPage

from .test_past_session import NOTEBOOKS

LOOK_ALIKES = ["RD", "\uff52\uff44", "Rd"]
DAY = dt.date(2026, 12, 7)


@pytest.fixture
def store(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.save("rd", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    Tracker(store, "rd").change(model.add_op("Ana Ruiz", org="City Library",
                                             person_id="ana", today=DAY))
    return store


def _refusal(store, name):
    with pytest.raises(WorkbookError) as start:
        StartPage(store).open_client(name)
    return f"client_id: {start.value}"


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_the_profile_refuses_a_look_alike_in_the_start_pages_words(store, name):
    words = _refusal(store, name)
    with pytest.raises(WorkbookError) as caught:
        ReadinessProfile(name, store)
    assert str(caught.value) == words
    assert words == (f"client_id: \u201c{name}\u201d differs from the saved client \u201crd\u201d"
                     " only by capitals or letter width; open \u201crd\u201d, or confirm a"
                     " new client")
    assert caught.value._render_traceback_() == [words]  # one line in a notebook
    assert store.clients() == ["rd"] and store.current() is None


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_the_conversations_page_refuses_a_look_alike(store, name):
    words = _refusal(store, name)
    with pytest.raises(WorkbookError) as caught:
        ConversationsPage(store, name, today=DAY)
    assert str(caught.value) == words
    assert caught.value._render_traceback_() == [words]
    assert store.clients() == ["rd"] and store.current() is None


def test_the_saved_client_a_new_name_and_no_name_read_as_before(store):
    assert ReadinessProfile(" rd ", store).client == "rd"
    page = ConversationsPage(store, "rd", today=DAY)
    assert page.client == "rd" and list(page.book.people) == ["ana"]
    new = ReadinessProfile("Bo Chen", store)
    assert new.client == "Bo Chen" and "Nothing is saved for Bo Chen yet" in new.verdict_text
    assert ConversationsPage(store, "Bo Chen", today=DAY).client == "Bo Chen"
    assert ReadinessProfile(None, store).client is None  # no session open
    assert store.clients() == ["rd"]  # reading pages make nothing


@pytest.mark.parametrize("notebook", ["06-readiness-profile.ipynb", "07-conversations.ipynb"])
def test_a_papermill_run_with_a_look_alike_fails_in_one_line(store, tmp_path, notebook):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(NOTEBOOKS / notebook), str(tmp_path / "out.ipynb"), kernel_name="python3",
            parameters={"client_id": "\uff52\uff44", "workspace": str(store.root)},
            cwd=str(tmp_path), progress_bar=False)
    assert caught.value.ename == "ClientNameError"
    assert caught.value.traceback == [_refusal(store, "\uff52\uff44")]
    assert ClientStore(store.root).clients() == ["rd"]


def test_a_look_alike_confirmed_as_a_new_client_at_the_start_page_reads(store):
    assert StartPage(store).open_client("RD", look_alike_ok=True) == "RD"
    assert store.clients() == ["RD", "rd"]
    assert ReadinessProfile("RD", store).client == "RD"
    page = ConversationsPage(store, "RD", today=DAY)
    assert page.client == "RD" and page.book.people == {}  # not rd's list
    assert ReadinessProfile("rd", store).client == "rd"
