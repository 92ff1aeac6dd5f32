"""A papermill page's ``answers`` refused in one line naming it (round 8 F11, F12).

F11: ``answers`` given as a list or a text raised a raw AttributeError. F12: hours a week
that are not a number from 0 to 80 ("lots", -5, 1e9) were ignored without a word, the
earlier hours kept, the run reported fine.
"""

from pathlib import Path

import papermill
import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore
from workbook.session.widgets import IngredientSession
from workbook.session.widgets.ingredient import AnswersError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
DAY = "2026-11-26"


@pytest.mark.parametrize("answers, kind", [([1, 2], "list"), ("hope_1=5", "str")])
def test_answers_not_a_mapping_is_refused_naming_answers(tmp_path, answers, kind):
    store = ClientStore(tmp_path / "ws")
    page = IngredientSession("hope", "cl0", store, session=DAY)
    with pytest.raises(AnswersError) as caught:
        page.fill(answers)
    assert str(caught.value).startswith(
        "answers: give a mapping of statement ids (and the page's fields, such as "
        f"hours_per_week) to answers, such as {{hope_1: 4}}, not a {kind} (")
    assert isinstance(caught.value, WorkbookError)
    assert store.history("cl0") == {}  # nothing saved


@pytest.mark.parametrize("hours, said", [("lots", '"lots"'), (-5, "-5"), (1e9, "1000000000.0"),
                                         (True, "true")])
def test_bad_hours_are_refused_naming_hours_per_week(tmp_path, hours, said):
    store = ClientStore(tmp_path / "ws")
    IngredientSession("time", "cl2", store, session=DAY).fill({"hours_per_week": 3})
    page = IngredientSession("time", "cl2", store, session=DAY)
    with pytest.raises(AnswersError) as caught:
        page.fill({"time_1": 4, "hours_per_week": hours})
    assert str(caught.value) == ("answers: hours_per_week must be a number from 0 to 80 "
                                 f"(or empty), not {said}")
    saved = store.load("cl2")["time"]
    assert saved["tool"]["hours_per_week"] == 3.0 and "time_1" not in saved["items"]


def test_bad_minutes_are_refused_naming_the_step(tmp_path):
    page = IngredientSession("time", "cl2", ClientStore(tmp_path / "ws"), session=DAY)
    with pytest.raises(AnswersError, match=r"^answers: step_minutes research must be whole "
                                           r"minutes from 1 to 600, not 0$"):
        page.fill({"step_minutes": {"research": 0}})
    with pytest.raises(AnswersError, match=r"^answers: step_minutes must map steps "):
        page.fill({"step_minutes": 5})


def test_other_refusals_name_answers_too(tmp_path):
    page = IngredientSession("hope", "cl0", ClientStore(tmp_path / "ws"), session=DAY)
    with pytest.raises(AnswersError, match=r"^answers: 9 is not an answer on the scale 1-5$"):
        page.fill({"hope_1": 9})


def test_a_papermill_run_with_answers_as_a_list_fails_in_one_line(tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(NOTEBOOKS / "02-time.ipynb"), str(out), kernel_name="python3",
            parameters={"client_id": "cl0", "workspace": str(tmp_path / "ws"),
                        "session_date": DAY, "answers": [1, 2]},
            cwd=str(tmp_path), progress_bar=False)
    assert caught.value.ename == "AnswersError"
    assert len(caught.value.traceback) == 1
    assert caught.value.traceback[0].startswith("answers: give a mapping")


def test_a_papermill_run_with_bad_hours_fails_in_one_line_and_keeps_the_hours(tmp_path):
    store = ClientStore(tmp_path / "ws")
    IngredientSession("time", "cl2", store, session=DAY).fill({"hours_per_week": 3})
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(
            str(NOTEBOOKS / "02-time.ipynb"), str(tmp_path / "out.ipynb"),
            kernel_name="python3",
            parameters={"client_id": "cl2", "workspace": str(tmp_path / "ws"),
                        "session_date": DAY, "answers": {"hours_per_week": "lots"}},
            cwd=str(tmp_path), progress_bar=False)
    assert caught.value.ename == "AnswersError"
    assert caught.value.traceback == [
        'answers: hours_per_week must be a number from 0 to 80 (or empty), not "lots"']
    assert ClientStore(tmp_path / "ws").load("cl2")["time"]["tool"]["hours_per_week"] == 3.0
