"""The session app: one client per session, pages built once, the profile always current."""

import subprocess
import sys

import pytest

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore
from workbook.session.widgets import IngredientSession, ReadinessProfile, SessionApp
from workbook.session.widgets.app import requested_client
from workbook.session.widgets.session import NO_SESSION

INST = load_instrument()
ORDER = ["start", "hope", "time", "energy", "self_esteem", "ambition", "profile",
         "conversations"]


@pytest.fixture
def store(tmp_path):
    return ClientStore(tmp_path / "ws")


def test_a_page_with_no_session_open_shows_no_answers_and_saves_nothing(store):
    store.save("ann", {"hope": {"items": {"hope_1": 5}, "reflections": ["private"]}})
    store.set_current("ann")
    store.end_session()  # ann's session is over; her answers stay on disk
    hope = IngredientSession("hope", None, store)
    assert hope.client is None
    assert hope.answers()["items"] == {} and hope.reflections[0].value == ""
    assert NO_SESSION in hope.errors and "No client is open" in hope.strip.value
    hope.fill({"hope_1": 2, "reflections": ["typed by the next person"]})
    assert hope.save() == {}
    assert store.clients() == ["ann"]  # no new client, nobody's folder written
    assert store.load("ann")["hope"] == {"items": {"hope_1": 5}, "reflections": ["private"]}
    profile = ReadinessProfile(None, store)
    assert profile.client is None and NO_SESSION in profile.errors
    assert "ann" not in profile.title.value


def test_a_page_names_the_client_of_the_open_session(store):
    store.set_current("bea")
    hope = IngredientSession("hope", None, store)
    assert hope.client == "bea" and "Working with bea" in hope.strip.value


def test_app_starts_with_no_client_even_if_a_session_was_left_open(store):
    store.set_current("ann")
    app = SessionApp(store)
    assert app.client is None and app.current == "start" and app.start.client is None
    assert app.header.layout.display == "none" and app.nav.layout.display == "none"
    assert app.start.saved.options == ()  # names of saved clients only on request
    app.next()
    assert app.current == "start"  # nothing to move to before a client is open


def test_open_move_next_back_and_progress(store):
    app = SessionApp(store)
    app.start.chooser.value = " Ann "
    app.start.open_button.click()
    app.start.new_button.click()  # a new client: confirmed
    assert app.client == "Ann" and app.current == "hope"
    assert "Working with Ann" in app.strip.value and app.header.layout.display is None
    assert app.answered() == [] and app.progress["hope"].description == "Hope"
    app.screen("hope").set_answer("hope_1", 4)
    assert store.load("Ann")["hope"]["items"] == {"hope_1": 4}
    assert app.answered() == ["hope"]  # marked as soon as it is saved
    assert app.progress["hope"].description == "\u2713 Hope"
    assert app.progress["hope"].tooltip == "Hope: has answers"
    assert app.progress["time"].tooltip == "Time: no answers yet"
    seen = []
    for _ in range(10):
        app.next_button.click()
        seen.append(app.current)
    assert seen == ORDER[2:] + ["conversations"] * 4  # stops at the last page
    assert app.next_button.disabled and not app.back_button.disabled
    app.back_button.click()
    assert app.current == "profile"
    app.progress["time"].click()  # the strip moves too
    assert app.current == "time" and app.progress["time"].button_style == "info"
    assert app.body.children == (app.screen("time"),)


def test_each_page_is_built_once_and_the_profile_is_current_when_shown(store):
    app = SessionApp(store, client_id="ann")
    hope = app.screen("hope")
    app.show("time")
    app.show("hope")
    assert app.screen("hope") is hope  # kept, not rebuilt
    app.show("profile")
    profile = app.screen("profile")
    assert profile.refresh_button.layout.display == "none"
    assert str(profile.scores["hope"]) == "nan"
    app.show("hope")
    hope.fill({"hope_1": 5, "hope_6": 5, "hope_8": 5})  # keyed 5, 5, 5 -> 100
    app.show("profile")
    assert app.screen("profile") is profile and profile.scores["hope"] == 100.0


def test_saved_answers_mark_progress_before_a_page_is_built(store):
    store.save("ann", {"energy": {"items": {"energy_1": 3}}})
    app = SessionApp(store, client_id="ann")
    assert app.answered() == ["energy"] and "energy" not in app._screens


def test_end_session_closes_everything_and_the_start_page_forgets(store):
    app = SessionApp(store, client_id="ann")
    hope = app.screen("hope")
    hope.set_answer("hope_1", 2)
    app.end_button.click()
    assert app.client is None and app.current == "start" and app._screens == {}
    assert hope.comm is None  # the page's widgets are closed in the kernel
    assert store.current() is None  # pages opened next show no client
    assert "ann" not in app.start.chooser.value and app.start.saved.options == ()
    assert app.header.layout.display == "none"
    assert IngredientSession("hope", None, store).answers()["items"] == {}


def test_two_clients_back_to_back_never_mix(store):
    app = SessionApp(store)
    app.open_client("A")
    app.screen("hope").fill({"hope_1": 5, "reflections": ["A's own words"]})
    app.show("time")
    app.screen("time").set_answer("time_1", 1)
    app.end_session()
    app.open_client("B")
    hope_b = app.screen("hope")
    assert hope_b.answers()["items"] == {} and hope_b.reflections[0].value == ""
    assert app.answered() == []
    hope_b.fill({"hope_1": 2, "hope_6": 2, "hope_8": 2, "reflections": ["B's words"]})
    app.show("profile")
    assert app.screen("profile").client == "B"
    assert app.screen("profile").scores["hope"] == 25.0  # keyed 2, 2, 2 -> 25 (B's alone)
    a, b = store.load("A"), store.load("B")
    assert a["hope"]["items"] == {"hope_1": 5} and a["hope"]["reflections"][0] == "A's own words"
    assert a["time"]["items"] == {"time_1": 1}
    assert b["hope"]["items"] == {"hope_1": 2, "hope_6": 2, "hope_8": 2}
    assert b["hope"]["reflections"][0] == "B's words"
    assert "time" not in b
    assert sorted(store.clients()) == ["A", "B"]


def test_opening_another_client_without_ending_still_drops_the_first(store):
    app = SessionApp(store, client_id="A")
    app.screen("hope").set_answer("hope_1", 5)
    app.open_client("B")
    assert app.screen("hope").client == "B" and app.screen("hope").answers()["items"] == {}


def test_requested_client_outside_voila_is_only_the_parameter(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "client=ann")  # not Voila: ignored
    assert requested_client(None) is None and requested_client(" bo ") == "bo"


def test_requested_client_in_voila_reads_the_address_while_the_session_is_open(
        monkeypatch, store):
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # a kernel Voila started for a request
    monkeypatch.setenv("QUERY_STRING", "client=Zo%C3%AB%20K&x=1")
    assert requested_client(None, store) is None  # no session open for her
    store.set_current("Zoë K")  # as `workbook coach "Zoë K"` leaves it
    assert requested_client(None, store) == "Zoë K"
    store.set_current("bea")  # another client's session: an old address opens nobody
    assert requested_client(None, store) is None
    store.set_current("Zoë K")
    store.end_session()  # ended: reloading the same address gives the start page
    assert requested_client(None, store) is None
    monkeypatch.setenv("QUERY_STRING", "")
    assert requested_client(None, store) is None


def test_an_address_spelling_the_client_decomposed_opens_the_one_client(monkeypatch, store):
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "client=Zoe%CC%88%20K")  # e and a combining diaeresis
    store.set_current("Zo\u00eb K")
    assert requested_client(None, store) == "Zo\u00eb K"


def test_a_coaching_page_imports_no_scipy():
    code = ("import sys, workbook.session.widgets; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_client_id_the_store_refuses_is_said_on_the_page(store):
    app = SessionApp(store, client_id="a\ud800b")  # a lone surrogate cannot be stored
    assert app.client is None and app.current == "start"
    assert "characters" in app.errors[0] and store.clients() == []


def test_the_app_has_one_end_session_button(store):
    app = SessionApp(store, client_id="ann")
    app.show("start")
    assert app.end_button.layout.display is None
    assert app.start.end_button.layout.display == "none"  # the strip's button is the one


def test_a_page_after_the_profile_has_its_slot(store):
    import ipywidgets as widgets

    from workbook.session.widgets import Page

    shown = []
    extra = Page("conversations", "Conversations",
                 build=lambda app: widgets.HTML(f"people for {app.client}"),
                 shown=lambda widget: shown.append(widget.value))
    app = SessionApp(store, client_id="ann", extra_pages=[extra])
    assert app.order()[-2:] == ["profile", "conversations"]
    app.show("profile")
    app.next()
    assert app.current == "conversations" and shown == ["people for ann"]
    assert app.next_button.disabled
    assert "conversations" not in app.answered()  # not an ingredient: never marked


def test_a_session_ended_in_another_tab_saves_nothing_more_there(store):
    first, second = SessionApp(store, client_id="ann"), SessionApp(store, client_id="ann")
    second.screen("hope").set_answer("hope_1", 4)
    assert store.load("ann")["hope"]["items"] == {"hope_1": 4}
    first.end_session()  # End session pressed in the first tab
    hope = second.screen("hope")
    hope.set_answer("hope_6", 5)
    assert store.load("ann")["hope"]["items"] == {"hope_1": 4}  # nothing more saved
    assert any("no longer open" in message for message in hope.errors)


def test_open_with_no_name_says_so_once(store):
    app = SessionApp(store)
    for _ in range(3):
        app.start.open_button.click()
    assert len(app.start.errors) == 1 and app.client is None


# -- one client, one name: asked before a new client is made (issue 20) ----------------------
def test_open_on_a_new_name_asks_before_making_a_client(store):
    app = SessionApp(store)
    app.start.chooser.value = "Anm"  # mistyped
    app.start.open_button.click()
    start = app.start
    assert app.client is None and store.clients() == [] and not store.folder("Anm").exists()
    assert start.question.layout.display is None
    assert start.question_text.value == ("<p>There is no saved client called \u201cAnm\u201d. "
                                         "Start a new client?</p>")
    assert start.new_button.description == "Start new client \u201cAnm\u201d"
    assert start.saved_button.layout.display == "none"
    start.chooser.value = "Ann"  # typed again: the question about "Anm" is gone
    assert start.question.layout.display == "none"
    start.open_button.click()
    start.new_button.click()
    assert app.client == "Ann" and store.clients() == ["Ann"] and app.current == "hope"
    assert start.question.layout.display == "none"
    assert start.new_button.description == start.question_text.value == ""  # no name left
    app.end_session()
    start.chooser.value = "Ann"  # saved: opened at once, nothing asked
    start.open_button.click()
    assert app.client == "Ann" and start.question.layout.display == "none"


def test_a_name_typed_two_ways_is_one_client(store):
    composed, decomposed = "Zo\u00eb", "Zoe\u0308"
    store.set_current(composed)
    app = SessionApp(store)
    app.start.chooser.value = f" {decomposed} "
    app.start.open_button.click()  # saved (in its normal form): opened at once
    assert app.client == composed and store.clients() == [composed]
    assert len([p for p in store.root.iterdir() if not p.name.startswith(".")]) == 1


def test_a_look_alike_of_a_saved_client_offers_the_saved_one(store):
    store.create("ann")
    app = SessionApp(store)
    start = app.start
    for typed in ("Ann", "\uff41\uff4e\uff4e", "ANN"):  # capitals, full width
        start.chooser.value = typed
        start.open_button.click()
        assert app.client is None and store.clients() == ["ann"]
        assert start.question_text.value == (
            f"<p>There is no saved client called \u201c{typed}\u201d, but there is "
            f"\u201cann\u201d. Open \u201cann\u201d, or start a new client "
            f"\u201c{typed}\u201d?</p>")
        assert start.saved_button.description == "Open \u201cann\u201d"
    start.saved_button.click()
    assert app.client == "ann" and store.clients() == ["ann"]
    app.end_session()
    start.chooser.value = "Ann"
    start.open_button.click()
    start.new_button.click()  # the coach says it is a different person
    assert app.client == "Ann" and store.clients() == ["Ann", "ann"]


def test_opening_a_look_alike_directly_is_refused_naming_the_saved_client(store):
    store.create("ann")
    app = SessionApp(store, client_id="Ann")  # said on the page, not raised
    assert app.client is None and store.clients() == ["ann"]
    assert len(app.errors) == 1 and ("\u201cAnn\u201d differs from the saved client "
                                     "\u201cann\u201d only by capitals") in app.errors[0]
