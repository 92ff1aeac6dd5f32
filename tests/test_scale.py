"""The answer scale (workbook.session.widgets.scale): its value, labels and keyboard model."""

import pytest

from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import load_instrument
from workbook.session.widgets.scale import AnswerScale

INST = load_instrument()
LABELS = list(INST.labels)


def scale(value=None):
    return AnswerScale(LABELS, INST.scale_values, value, statement="I can do this.", number="1.")


def test_holds_labels_values_statement_and_an_optional_value():
    s = scale()
    assert s.labels == ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                        "Strongly agree"]
    assert s.values == [1, 2, 3, 4, 5] and s.value is None
    assert s.statement == "I can do this." and s.number == "1."
    assert scale(4).value == 4 and scale(4).active == 3  # the tab stop is the chosen answer
    assert scale().active == 0  # nothing chosen: the first choice holds the tab stop


def test_values_on_the_scale_only():
    s = scale()
    s.value = 5.0  # a whole number given as a float is that answer
    assert s.value == 5 and isinstance(s.value, int)
    s.value = None
    assert s.value is None
    for bad in (0, 6, 2.5, "Agree", True):
        with pytest.raises(WorkbookError, match="not one of this scale's answers"):
            s.value = bad
    assert s.value is None
    with pytest.raises(WorkbookError, match="one value per label"):
        AnswerScale(["a", "b"], [1])
    with pytest.raises(WorkbookError, match="no answer number 5"):
        s.choose(5)


def test_arrows_move_the_tab_stop_and_only_space_or_enter_chooses():
    s = scale()
    changes = []
    s.observe(lambda c: changes.append(c["new"]), "value")
    s.press("ArrowRight")
    s.press("ArrowDown")
    assert s.active == 2 and s.value is None and changes == []  # moving chooses nothing
    s.press(" ")
    assert s.value == 3 and changes == [3]
    s.press("ArrowLeft")
    s.press("Enter")
    assert s.value == 2
    s.press("ArrowUp")
    s.press("ArrowUp")  # wraps from the first to the last
    assert s.active == 4 and s.value == 2
    s.press("ArrowRight")  # and from the last to the first
    assert s.active == 0
    s.press("End")
    assert s.active == 4
    s.press("Home")
    assert s.active == 0
    s.press("a")  # any other key does nothing
    s.press("Tab")
    assert s.active == 0 and s.value == 2 and changes == [3, 2]


def test_a_value_set_from_python_moves_the_tab_stop_and_clicks_choose():
    s = scale()
    s.value = 4
    assert s.active == 3
    s.choose(0)  # what a click does
    assert s.value == 1 and s.active == 0


def test_the_front_end_messages_drive_the_same_model():
    s = scale()
    s._message(s, {"key": "ArrowRight"}, [])
    s._message(s, {"key": " "}, [])
    assert s.value == 2
    s._message(s, {"choose": 4}, [])
    assert s.value == 5 and s.active == 4
    s._message(s, "nonsense", [])
    assert s.value == 5


def test_the_front_end_names_the_group_by_its_statement_and_each_radio_by_its_label():
    esm = AnswerScale._esm
    assert 'setAttribute("role", "radiogroup")' in esm
    assert 'setAttribute("aria-labelledby", text.id)' in esm
    assert 'setAttribute("role", "radio")' in esm
    assert 'setAttribute("aria-checked"' in esm
    assert "tabIndex = i === active ? 0 : -1" in esm  # one roving tab stop
    # Every key the model acts on is passed from the browser, and no other.
    assert "['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End', ' '" in esm
    assert "http" not in esm and "import " not in esm  # nothing fetched
