"""Round 9b J1: a step's minutes box emptied showed empty, with no word, while the plan
went on using the old number; ``1e2`` there was read by the browser as 100.

The box was an ipywidgets ``FloatText``: its page sends nothing for an empty box and reads
``1e2`` itself, so the kernel never saw either. The box is now a text box, as Hours a week
is (round 9b J1, first half): every key reaches the kernel as typed, an empty box or a
number written with an exponent is refused beside the box with "The last good answer is
kept", and the plan keeps that last good answer, as it says.
"""

from workbook.core import schema
from workbook.session.widgets import IngredientSession

KEPT = "The last good answer is kept"


def time_page(store):
    page = IngredientSession("time", "ann", store, session="2026-12-07")
    page.tool.fields[schema.HOURS].value = "6"
    page.typed_now()
    return page


def sent_by_the_page(box, text):
    """What the browser sends when the box holds ``text`` (a state message, as typed)."""
    box.set_state({"value": text})


def test_the_box_sends_every_key_as_text(store):
    box = time_page(store).tool.minutes["arrange"]
    assert box._view_name == "TextView"  # an empty box is sent too (a FloatText's is not)


def test_an_emptied_minutes_box_says_the_last_good_answer_is_kept(store):
    page = time_page(store)
    box, note = page.tool.minutes["arrange"], page.tool.notes[("step_minutes", "arrange")]
    sent_by_the_page(box, "100")
    page.typed_now()
    assert store.load("ann")["time"]["tool"]["step_minutes"]["arrange"] == 100
    minutes = page.tool.shown_minutes()
    assert minutes["arrange"] == 100
    sent_by_the_page(box, "")
    page.typed_now()
    assert KEPT in note.value  # said beside the box
    assert page.tool.shown_minutes() == minutes  # the plan keeps 100, as the note says
    assert store.load("ann")["time"]["tool"]["step_minutes"]["arrange"] == 100
    sent_by_the_page(box, "40")
    page.typed_now()
    assert note.value == ""
    assert store.load("ann")["time"]["tool"]["step_minutes"]["arrange"] == 40


def test_an_exponent_in_a_minutes_box_is_refused(store):
    page = time_page(store)
    box, note = page.tool.minutes["talk"], page.tool.notes[("step_minutes", "talk")]
    sent_by_the_page(box, "50")
    page.typed_now()
    sent_by_the_page(box, "1e2")
    page.typed_now()
    assert KEPT in note.value
    assert page.tool.shown_minutes()["talk"] == 50
    assert store.load("ann")["time"]["tool"]["step_minutes"]["talk"] == 50
