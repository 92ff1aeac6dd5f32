"""A number typed and not left is saved once typing pauses (round 8 G6).

The hours a week box (and each minutes-per-step box, and the tools' text boxes) send every
key; the page takes the value once typing pauses, as the reflections (round 7 E3). The
pause's timer is driven by hand: a long pause, keys typed, then what the timer does.
"""


from workbook.core import schema
from workbook.session.store import JOURNAL_FILE, ClientStore
from workbook.session.widgets import IngredientSession, SessionApp

from .loop_helpers import run_alone

DAY = "2026-11-26"


def _lines(store, client):
    return (store.folder(client) / JOURNAL_FILE).read_text().splitlines()




def test_the_number_boxes_send_every_key():
    page = IngredientSession("time", "ann", ClientStore("/nonexistent-unused"), session=DAY)
    assert page.tool.fields[schema.HOURS].continuous_update
    assert all(box.continuous_update for box in page.tool.minutes.values())
    other = IngredientSession("ambition", "ann", ClientStore("/nonexistent-unused"),
                              session=DAY)
    assert other.tool.fields[schema.NORTH_STAR].continuous_update


def test_hours_typed_are_saved_once_typing_pauses(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession("time", "ann", store, session=DAY)
        page.typing_pause = 3600  # the timer never fires by itself here
        page.items["time_1"].value = 4  # a click: saved at once
        before = len(_lines(store, "ann"))
        box = page.tool.fields[schema.HOURS]
        for typed in ("1", "1.", "1.5"):  # typed key by key, never left
            box.value = typed
        assert len(_lines(store, "ann")) == before  # nothing per key
        page.typed_now()  # what the timer does once typing pauses
        page.typed_now()  # nothing held: no second line
        return before, page.tool.hours

    before, hours = run_alone(typing())
    assert hours == 1.5
    assert len(_lines(store, "ann")) == before + 1
    assert store.load("ann")["time"]["tool"][schema.HOURS] == 1.5


def test_a_bad_number_is_refused_beside_the_box_once_typing_pauses(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession("time", "ann", store, session=DAY)
        page.typing_pause = 3600
        page.tool.fields[schema.HOURS].value = "3"
        page.typed_now()
        page.tool.fields[schema.HOURS].value = "-"  # on the way to "-5": nothing said yet
        note_while_typing = page.tool.notes[schema.HOURS].value
        page.tool.fields[schema.HOURS].value = "-5"
        page.typed_now()
        return note_while_typing, page.tool.notes[schema.HOURS].value

    while_typing, after = run_alone(typing())
    assert while_typing == ""
    assert "from 0 to 80" in after
    assert store.load("ann")["time"]["tool"][schema.HOURS] == 3.0  # the last good answer


def test_minutes_and_tool_text_typed_are_saved(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        page = IngredientSession("time", "ann", store, session=DAY)
        page.typing_pause = 3600
        page.tool.minutes["research"].value = 4
        page.tool.minutes["research"].value = 45
        page.typed_now()
        star = IngredientSession("ambition", "ann", store, session=DAY)
        star.typing_pause = 3600
        star.tool.fields[schema.NORTH_STAR].value = "work that"
        star.tool.fields[schema.NORTH_STAR].value = "work that matters"
        star.typed_now()

    run_alone(typing())
    saved = store.load("ann")
    assert saved["time"]["tool"]["step_minutes"]["research"] == 45
    assert saved["ambition"]["tool"][schema.NORTH_STAR] == "work that matters"


def test_hours_typed_then_end_session_at_once_are_saved(tmp_path):
    store = ClientStore(tmp_path / "ws")

    async def typing():
        app = SessionApp(store, "ann", session=DAY)
        app.show("time")
        page = app.screen("time")
        page.typing_pause = 3600  # the timer has not fired when End session is pressed
        page.tool.fields[schema.HOURS].value = "7"
        app.end_session()

    run_alone(typing())
    assert store.load("ann")["time"]["tool"][schema.HOURS] == 7.0
