"""Start page: a prompt is for the name in the box, one Enter per name (round 7, E8)."""

from workbook.session.store import ClientStore
from workbook.session.widgets.start import StartPage


def enter(page):
    page.chooser._handle_custom_msg({"event": "submit"}, [])  # what the browser sends


def test_a_changed_name_clears_the_prompt_and_one_enter_asks_about_it(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.create("Bo Chen")
    page = StartPage(store, app=True)
    page.chooser.value = "bo chen"
    enter(page)
    assert page.new_button.description == "Start new client \u201cbo chen\u201d"
    # the name replaced, Enter pressed: the browser sends "submit" before the new value
    enter(page)
    assert page.new_button.description == "Start new client \u201cbo chen\u201d"  # unchanged
    page.chooser.value = "Zed Other"
    assert page.new_button.description == "Start new client \u201cZed Other\u201d"
    assert "bo chen" not in page.question_text.value
    assert page.client is None and store.clients() == ["Bo Chen"]  # asked, not made


def test_the_name_changed_without_enter_clears_the_prompt(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.create("Bo Chen")
    page = StartPage(store, app=True)
    page.chooser.value = "bo chen"
    enter(page)
    page.chooser.value = "Zed Other"  # the box left: its value sent, no Enter
    assert page.question.layout.display == "none" and page.question_text.value == ""
    page.new_button.click()  # a click on a prompt no longer shown does nothing
    assert page.client is None and store.clients() == ["Bo Chen"]


def test_enter_again_on_the_name_asked_about_keeps_the_prompt(tmp_path):
    store = ClientStore(tmp_path / "ws")
    page = StartPage(store, app=True)
    page.chooser.value = "Zoe New"
    enter(page)
    enter(page)
    assert page.new_button.description == "Start new client \u201cZoe New\u201d"
    page.new_button.click()
    assert page.client == "Zoe New"
    page.end_session()
    page.chooser.value = "Kim"  # left, not Enter: asked once Open or Enter is pressed
    assert page.client is None and page.question_text.value == ""


def test_two_spaces_are_shown_as_typed(tmp_path):
    store = ClientStore(tmp_path / "ws")
    store.create("Bo Chen")
    page = StartPage(store, app=True)
    page.chooser.value = "Bo  Chen"
    enter(page)
    # the second space does not collapse in HTML: "Bo  Chen" beside the saved "Bo Chen"
    assert page.question_text.value == (
        "<p>There is no saved client called \u201cBo &nbsp;Chen\u201d, but there is "
        "\u201cBo Chen\u201d. Open \u201cBo Chen\u201d, or start a new client "
        "\u201cBo &nbsp;Chen\u201d?</p>")
