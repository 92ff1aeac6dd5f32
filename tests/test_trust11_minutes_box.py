"""Round 7 E18: "2.5" typed into a step's minutes box saved 25 minutes, without a word.

The box was an ``IntText``: its page drops a typed decimal point (``2.5`` -> ``25``) and its
model cuts a decimal to a whole number (``2.5`` -> ``2``). The box now lets a decimal reach
the tool, which refuses it beside the box (the minutes are whole), keeping the last good
number; nothing is saved.
"""

import ipywidgets as widgets

from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.core.pacing import DEFAULT_STEP_MINUTES
from workbook.session.store import JOURNAL_FILE, ClientStore
from workbook.session.widgets import IngredientSession

TIME = load_instrument().ingredient_ids[1]


def test_a_decimal_is_refused_in_words_never_read_as_ten_times(tmp_path):
    store = ClientStore(tmp_path / "ws")
    time_page = IngredientSession(TIME, "Bo Chen", store, session="2026-12-01")
    time_page.tool.fields[schema.HOURS].value = "3"
    box = time_page.tool.minutes["research"]
    note = time_page.tool.notes[("step_minutes", "research")]
    # the page's view keeps a typed decimal point (an IntText's drops it: 2.5 -> 25)
    assert not isinstance(box, widgets.IntText) and box._view_name == "TextView"  # J1
    saves = len((store.folder("Bo Chen") / JOURNAL_FILE).read_text().splitlines())
    box.value = 2.5
    assert box.value == "2.5"  # left as typed, for correction
    assert "give a whole number from 1 to 600" in note.value
    assert time_page.tool.shown_minutes()["research"] == DEFAULT_STEP_MINUTES["research"]
    assert len((store.folder("Bo Chen") / JOURNAL_FILE).read_text().splitlines()) == saves
    box.value = 25
    assert note.value == ""
    assert store.load("Bo Chen")[TIME]["tool"]["step_minutes"]["research"] == 25
    time_page.tool.set("step_minutes", {"research": 30})  # the plain-function way
    assert box.value == "30"
    assert store.load("Bo Chen")[TIME]["tool"]["step_minutes"]["research"] == 30
