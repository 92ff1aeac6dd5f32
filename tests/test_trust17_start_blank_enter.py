"""Issue 20, round 12b Q5: start page, Enter in an empty or spaces-only box after a refusal.

Two zero-width spaces typed and Enter: "Check the name: ... has no visible letter or digit".
Then "   " and Enter, then "" and Enter: nothing happened and the old line stayed, naming a
name no longer in the box (README: the refusal is "said in one line, "Check the name: ...",
replaced by the next and gone once a name opens"). Enter on a blank box is now answered as
Open answers it (the instrument's ``[session.start]`` ``no_client``), in place of the old line.
"""

from workbook.core.instrument import default_raw
from workbook.session.store import ClientStore
from workbook.session.widgets import StartPage

NO_CLIENT = default_raw()["session"]["start"]["no_client"]


def _enter(page, typed):
    """The box typed over and Enter pressed: "submit", then the value (as the browser sends)."""
    page.chooser._handle_custom_msg({"event": "submit"}, [])
    page.chooser.value = typed


def _enter_again(page):
    """Enter pressed again, nothing typed: "submit" alone."""
    page.chooser._handle_custom_msg({"event": "submit"}, [])


def refused(tmp_path):
    page = StartPage(ClientStore(tmp_path / "ws"), app=True)
    _enter(page, "\u200b\u200b")
    assert len(page.errors) == 1 and page.errors[0].startswith("Check the name:")
    return page


def test_spaces_and_enter_replace_the_old_refusal(tmp_path):
    page = refused(tmp_path)
    _enter(page, "   ")
    assert "Check the name" not in page.messages.value
    assert "\u200b" not in page.messages.value
    assert NO_CLIENT in page.messages.value and page.messages.value.count(NO_CLIENT) == 1
    assert page.client is None and page.store.clients() == []


def test_an_emptied_box_and_enter_replace_the_old_refusal(tmp_path):
    page = refused(tmp_path)
    _enter(page, "")
    assert "Check the name" not in page.messages.value
    assert page.client is None and page.store.clients() == []


def test_enter_again_on_the_blank_box_says_it_once(tmp_path):
    page = refused(tmp_path)
    _enter(page, "   ")
    _enter_again(page)
    _enter(page, "")
    _enter_again(page)
    assert "Check the name" not in page.messages.value
    assert page.messages.value.count(NO_CLIENT) <= 1


def test_a_name_typed_after_a_blank_enter_still_opens_at_the_first_enter(tmp_path):
    page = refused(tmp_path)
    page.store.set_current("Ola Key")
    page.store.end_session()
    _enter(page, "   ")
    _enter(page, "Ola Key")
    assert page.client == "Ola Key"
    assert page.errors == [] and page.messages.value == ""
