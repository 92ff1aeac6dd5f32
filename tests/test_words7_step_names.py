"""The step names of one conversation have one source: ``[words.plan]`` (issue 22).

They were written twice, in ``[session.app.steps]`` (the app's minute boxes) and in
``[words.plan] step_<step>_name`` (the plan's pace, the report): a coach who changed one
saw the other's words too. The kit's file keeps the plan's; the app reads them. A file
written earlier with both tables loads without a word when they agree, and with one warning
saying where its words now go when they differ.
"""

from __future__ import annotations

import types
import warnings

import pytest

from workbook.core.advice import plan_for
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH, InstrumentWarning
from workbook.session.widgets.tools import Tool

OLD_STEPS = ('[session.app.steps]\nresearch = "Find someone and read about their work"\n'
             'write = "Write a short note asking to talk"\narrange = "Agree a time"\n'
             'talk = "{talk}"\nfollow_up = "Follow up: thank them, note what you learned"\n\n')


def _file(tmp_path, *, talk_plan=None, old_talk=None) -> str:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "[session.app.steps]" not in text  # one source
    if talk_plan is not None:
        old = 'step_talk_name = "Have the conversation"'
        assert text.count(old) == 1
        text = text.replace(old, f'step_talk_name = "{talk_plan}"')
    if old_talk is not None:  # an earlier version's file: the app's table too
        anchor = "\n[[ingredients]]\n"
        text = text.replace(anchor, "\n" + OLD_STEPS.replace("{talk}", old_talk)
                            + anchor.lstrip("\n"), 1)
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _app_name(inst, step):
    """The minute box's label of ``step``, as the capacity tool gives it."""
    return Tool.step_name(types.SimpleNamespace(screen=types.SimpleNamespace(instrument=inst)),
                          step)


def _plan_name(inst, step):
    row = {**{i.id: 2 if i.reverse else 4 for i in inst.items}, "hours_per_week": 3}
    return dict(zip(("research", "write", "arrange", "talk", "follow_up"),
                    (name for name, _ in plan_for(row, inst).pace.steps())))[step]


def test_one_word_changed_shows_in_the_app_and_the_plan(tmp_path):
    inst = load_instrument(_file(tmp_path, talk_plan="Talk it through"))
    assert _app_name(inst, "talk") == _plan_name(inst, "talk") == "Talk it through"
    kit = load_instrument()
    assert _app_name(kit, "talk") == _plan_name(kit, "talk") == "Have the conversation"
    assert _app_name(kit, "follow_up") == "Follow up: thank them, note what you learned"


def test_an_earlier_file_with_both_tables_loads_without_a_word(tmp_path):
    path = _file(tmp_path, old_talk="Have the conversation")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        inst = load_instrument(path)
    assert _app_name(inst, "talk") == "Have the conversation"


def test_an_earlier_files_own_step_words_are_said_where_to_go(tmp_path):
    path = _file(tmp_path, old_talk="Meet them")
    with pytest.warns(InstrumentWarning) as seen:
        inst = load_instrument(path)
    said = [str(w.message) for w in seen if issubclass(w.category, InstrumentWarning)]
    assert said == [f"{path}: [session.app.steps] is no longer read (written for an earlier "
                    "version?): the step names are [words.plan] step_talk_name, which say "
                    "'Have the conversation'; write your words there"]
    assert _app_name(inst, "talk") == "Have the conversation"
