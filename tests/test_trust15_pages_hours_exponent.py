"""Issue 20, round 9b J1 (second half): ``1e1`` in Hours a week was taken as 10 hours.

Round 7 (E17) refused a count written with an exponent; the hours box now does the same:
the last good answer is kept and the line beside the box says so.
"""

from workbook.session.widgets import IngredientSession


def test_an_exponent_in_the_hours_box_is_refused(store):
    page = IngredientSession("time", "Ann Lee", store)
    box = page.tool.fields["hours_per_week"]
    box.value = "4"
    page.typed_now()
    box.value = "1e1"
    page.typed_now()
    assert store.load("Ann Lee")["time"]["tool"]["hours_per_week"] == 4.0
    assert page.tool.hours == 4.0
    assert "kept" in page.tool.notes["hours_per_week"].value
