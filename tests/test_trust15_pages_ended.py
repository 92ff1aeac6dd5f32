"""Issue 20, round 9b J2: a profile in a second tab kept the ended client's whole profile.

Tab A and tab B on Ann; B on the profile. In A: End session, then open Bo. In B: choose
another pace. Nothing was saved (good), but Ann's title, verdict, chart, pace and the
dropdown stayed on the page above the "no longer open" line. Now every page of the app
shows only that the session is no longer open, with nothing of Ann's left in its widgets.
"""

import ipywidgets as widgets

from workbook.core.instrument import resolve
from workbook.session.widgets import SessionApp
from workbook.session.widgets.session import app_text


def answers():
    """Every statement of every ingredient at 4, five hours a week, a private reflection."""
    inst = resolve(None)
    given = {ing.id: {"items": {item.id: 4 for item in ing.items}}
             for ing in inst.ingredients}
    given["hope"]["reflections"] = ["ANN-PRIVATE-HOPE"]
    given["time"]["tool"] = {"hours_per_week": 5}
    return given


def everything_said(widget) -> str:
    """Every text a widget and what it holds could put on the screen."""
    said = []
    for name in ("value", "description", "placeholder", "tooltip", "options", "_options_labels"):
        if widget.has_trait(name):
            said.append(str(getattr(widget, name)))
    for child in getattr(widget, "children", ()) or ():
        said.append(everything_said(child))
    return " ".join(said)


def two_tabs(store, key):
    store.create("Ann Lee")
    store.save("Ann Lee", answers())
    store.set_current("Ann Lee")
    first, second = SessionApp(store, client_id="Ann Lee"), SessionApp(store, client_id="Ann Lee")
    second.show(key)
    page = second.screen(key)
    assert "Ann Lee" in everything_said(page) or "ANN-PRIVATE" in everything_said(page)
    first.end_session()
    first.open_client("Bo Chen")
    return second, page


def test_a_pace_chosen_in_a_stale_profile_takes_the_profile_away(store):
    second, page = two_tabs(store, "profile")
    before = store.load("Ann Lee")
    options = [v for _, v in page.pace_choice.options]
    page.pace_choice.value = options[-1]  # the client picks another pace in tab B
    assert store.load("Ann Lee") == before  # nothing saved
    said = everything_said(page)
    assert "Ann Lee" not in said and "Ready" not in said and "pace" not in said.lower()
    assert page.children == (page.page_style, page.messages)
    assert page.errors == [app_text(page.texts, "session_ended")]


def test_a_day_to_look_again_in_a_stale_profile_takes_the_profile_away(store):
    import datetime as dt
    second, page = two_tabs(store, "profile")
    page.look_again.value = dt.date.today() + dt.timedelta(days=9)
    assert "Ann Lee" not in everything_said(page)
    assert page.children == (page.page_style, page.messages)


def test_an_answer_in_a_stale_ingredient_page_takes_its_texts_away(store):
    second, page = two_tabs(store, "hope")
    page.items["hope_1"].value = 1
    assert "ANN-PRIVATE-HOPE" not in everything_said(page)
    assert page.children == (page.page_style, page.messages)


def test_the_start_page_of_a_stale_tab_names_nobody(store):
    second, _page = two_tabs(store, "hope")
    second.show("start")
    assert second.client is None
    assert "Ann Lee" not in everything_said(second)
    assert any("no longer open" in text for text in second.start.errors)


def test_widgets_walk_reads_text(store):
    # the walk sees what a page shows (else the tests above assert nothing)
    box = widgets.VBox([widgets.HTML("Ann Lee")])
    assert "Ann Lee" in everything_said(box)
