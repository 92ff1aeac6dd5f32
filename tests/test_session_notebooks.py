"""The coaching notebooks, run top to bottom by papermill with a scratch workspace."""

import json
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from workbook.core import schema
from workbook.core.instrument import load_instrument
from workbook.session.store import STATE_FILE, ClientStore

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SESSION_NOTEBOOKS = ["01-hope", "02-time", "03-energy", "04-self-esteem", "05-ambition"]
ALL = ["00-start-here", *SESSION_NOTEBOOKS, "06-readiness-profile", "07-conversations"]
INST = load_instrument()
CLIENT = "Test client/1"  # its folder: Test_client_1-<hash>
DAY = "2026-11-26"


def items(ingredient, values):
    return dict(zip(INST.ingredient(ingredient).item_ids, values, strict=True))


HOPE, TIME, ENERGY, SELF_ESTEEM, AMBITION = INST.ingredient_ids
ANSWERS = {  # hand-computed scores: 75, 75, 50, 60, 25
    "01-hope": {**items(HOPE, [4, 4, 2, 4, 2]), "kind_person": "a librarian I met"},
    "02-time": {**items(TIME, [4, 2, 4, 4, 2]), schema.HOURS: "3"},
    "03-energy": {**items(ENERGY, [3, 3, 3, 3, 3]), "drains": "night shifts"},
    "04-self-esteem": {**items(SELF_ESTEEM, [5, 5, 5, 5, 5]), "offers": "patience"},
    "05-ambition": {**items(AMBITION, [2, 4, 4, 2, 2]), schema.MOTIVATORS: ["meaning"],
                    schema.NORTH_STAR: "work with books", "reflections": ["more calm"]},
}


def run(name, tmp_path, **parameters):
    out = tmp_path / f"{name}.out.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out), parameters=parameters,
                        kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    return nbformat.read(out, as_version=4)


def widget_text(nb) -> str:
    """Everything the executed notebook's widgets hold, as one string of JSON."""
    return json.dumps(nb.metadata.get("widgets", {}))


@pytest.mark.parametrize("name", ALL)
def test_committed_notebook_is_clean(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert nb.metadata.kernelspec == {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and code[0] is tagged[0]
    assert "client_id = " in tagged[0].source and "workspace = " in tagged[0].source
    assert "print(" not in "".join(c.source for c in code)
    assert "input(" not in "".join(c.source for c in code)


@pytest.mark.notebook
@pytest.mark.slow
def test_a_whole_session_through_papermill(tmp_path):
    workspace = tmp_path / "new" / "workspace"  # does not exist yet: it is created
    nb = run("00-start-here", tmp_path, client_id=CLIENT, workspace=str(workspace))
    store = ClientStore(workspace)
    assert store.clients() == [CLIENT] and store.current() == CLIENT  # the id as typed
    assert CLIENT in widget_text(nb)

    for name in SESSION_NOTEBOOKS:
        run(name, tmp_path, workspace=str(workspace), session_date=DAY, answers=ANSWERS[name])
    # every notebook ran with client_id None: the client opened on the start page
    state = json.loads((store.folder(CLIENT) / STATE_FILE).read_text())
    session = state["sessions"][DAY]
    assert set(session) == set(INST.ingredient_ids)
    assert session[HOPE]["items"] == items(HOPE, [4, 4, 2, 4, 2])
    assert session[HOPE]["tool"]["kind_person"] == "a librarian I met"
    assert session[TIME]["tool"][schema.HOURS] == 3.0
    assert session[AMBITION]["tool"][schema.MOTIVATORS] == ["meaning"]
    assert session[AMBITION]["reflections"][0] == "more calm"

    nb = run("06-readiness-profile", tmp_path, client_id=CLIENT, workspace=str(workspace))
    shown = widget_text(nb)
    verdict = INST.verdicts[schema.BUILD_FIRST].format(names="ambition")
    assert json.dumps(verdict)[1:-1] in shown
    assert "one conversation every 2 weeks" in shown  # 3 h at half pace: 0.75 a week
    for step in INST.ingredient(AMBITION).next_steps:
        assert json.dumps(step)[1:-1] in shown


@pytest.mark.notebook
@pytest.mark.slow
def test_answers_survive_a_new_kernel(tmp_path):
    """A second run (a fresh kernel) shows the saved answers and adds to them."""
    first = {k: v for k, v in ANSWERS["01-hope"].items() if k != "kind_person"}
    run("01-hope", tmp_path, client_id=CLIENT, workspace=str(tmp_path), session_date=DAY,
        answers=first)
    run("01-hope", tmp_path, client_id=CLIENT, workspace=str(tmp_path), session_date=DAY,
        answers={"kind_person": "my aunt's friend"})
    hope = ClientStore(tmp_path).load(CLIENT)[HOPE]
    assert hope["items"] == items(HOPE, [4, 4, 2, 4, 2])  # restored, then saved again
    assert hope["tool"]["kind_person"] == "my aunt's friend"


@pytest.mark.notebook
def test_bad_hours_in_a_notebook_are_refused_not_saved(tmp_path):
    # refused in one line naming the parameter, so a run never looks fine (round 8, F12)
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run("02-time", tmp_path, client_id=CLIENT, workspace=str(tmp_path),
            session_date=DAY, answers={schema.HOURS: "lots"})
    assert caught.value.traceback == [
        'answers: hours_per_week must be a number from 0 to 80 (or empty), not "lots"']
    assert DAY not in ClientStore(tmp_path).history(CLIENT)
