"""Start page: Enter after a refused name acts on the name now in the box (round 8 G5).

The browser sends "submit" before the new value. After a refused name the page used to
refuse the old name again; refusals piled up as "Something went wrong" lines and stayed
beside a later question.
"""

from workbook.session.store import ClientStore
from workbook.session.widgets import StartPage


def _enter(page, typed):
    """The name typed over the old one and Enter pressed: "submit", then the value."""
    page.chooser._handle_custom_msg({"event": "submit"}, [])
    page.chooser.value = typed


def test_enter_after_a_refused_name_opens_the_new_one(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.set_current("Ola Key")
    store.end_session()
    page = StartPage(store, app=True)
    _enter(page, "\u200b\u200b")
    assert page.client is None
    assert len(page.errors) == 1
    assert page.errors[0].startswith("Check the name: the client name")
    assert "Something went wrong" not in page.messages.value
    _enter(page, "Ola Key")  # at the first Enter, not the second
    assert page.client == "Ola Key"
    assert page.errors == [] and page.messages.value == ""


def test_a_refusal_replaces_the_last_and_goes_once_a_name_is_accepted(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.set_current("Kim Ray")
    store.end_session()
    page = StartPage(store, app=True)
    _enter(page, "\u200b\u200b")
    _enter(page, "Kim Ray\x00")
    assert len(page.errors) == 1 and "control character" in page.errors[0]
    _enter(page, "\u200b")
    assert len(page.errors) == 1 and "no visible letter" in page.errors[0]
    _enter(page, "ｋｉｍ　ｒａｙ")  # a look-alike: the question, and no refusal beside it
    assert page.question.layout.display is None
    assert "Kim Ray" in page.saved_button.description
    assert page.errors == [] and page.messages.value == ""


def test_open_pressed_on_a_refused_name_says_it_once(tmp_path):
    page = StartPage(ClientStore(tmp_path / "ws"), app=True)
    page.chooser.value = "\u200b"
    page.open_button.click()
    page.open_button.click()
    assert len(page.errors) == 1 and page.errors[0].endswith("Nothing was opened.")
