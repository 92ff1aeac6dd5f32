"""Every word of the plan (workbook/core/advice.py, workbook/core/pacing.py) comes from the
instrument.

The words live in ``[words.plan]`` of the instrument file; a coach's file without the table
says the kit's words, a coach's file with it says its own (issue 22).
"""

import ast
import re
from pathlib import Path

from workbook.core import advice, pacing
from workbook.core.advice import pace_text, plan_for
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

MODULES = ("workbook/core/advice.py", "workbook/core/pacing.py")
#: Strings with letters and a space that stay in the modules on purpose, and why.
ALLOWED = {
    # an error message's stand-in for a file name (raised as WorkbookError, for the coach
    # editing the instrument file; errors are not the plan's words)
    "the instrument",
    "{x}: ingredient {x}: tool",  # the place named in the same error message
}


def _docstrings(tree) -> set:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _raised(tree) -> set:
    """The string parts of every ``raise`` statement (error messages, not plan words)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise):
            out.update(id(x) for x in ast.walk(node))
    return out


def _word_strings(relative: str) -> list:
    tree = ast.parse((DEFAULT_PATH.parents[1] / relative).read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _raised(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(p.value if isinstance(p, ast.Constant) else "{x}"
                           for p in node.values)
            for p in node.values:
                skip.add(id(p))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if len(re.findall(r"[A-Za-z]", text)) >= 3 and " " in text and text not in ALLOWED:
            found.append(text)
    return found


def test_modules_hold_no_words():
    for module in MODULES:
        assert _word_strings(module) == [], module


def test_kit_table_holds_the_words():
    words = pacing.plan_words()
    assert words["no_hours_note"] == advice.plan_texts()["NO_HOURS_NOTE"]
    assert words["schedule_every_weeks"] == "one conversation every {weeks} weeks"
    assert pacing.schedule_words(0.3) == "one conversation every 4 weeks"
    assert pacing.schedule_words(1) == "1 conversation a week"
    assert pacing.schedule_words(2.5) == "2 conversations a week"


def _custom(tmp_path) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in (
            ('schedule_every_weeks = "one conversation every {weeks} weeks"',
             'schedule_every_weeks = "a talk each {weeks} weeks"'),
            ('no_hours_note = "You have no hours a week to give to this just now, so it waits '
             'until an hour or two frees up."',
             'no_hours_note = "No hours this week: it can wait."')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "coach.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _row(inst, hours):
    return {**{item.id: 2 if item.reverse else 4 for item in inst.items},
            "hours_per_week": hours}


def test_custom_instrument_words_show_in_the_plan(tmp_path):
    inst = load_instrument(_custom(tmp_path))
    slow = plan_for(_row(inst, 1), inst)      # 1 hour, plenty: one every 2 weeks
    assert slow.pace.schedule() == "a talk each 2 weeks"
    assert "about a talk each 2 weeks" in pace_text(slow)
    none = plan_for(_row(inst, 0), inst)
    assert none.notes[inst.hours_ingredient] == "No hours this week: it can wait."
    # the kit's own instrument still says the kit's words
    kit = load_instrument()
    assert plan_for(_row(kit, 1), kit).pace.schedule() == "one conversation every 2 weeks"
    assert (plan_for(_row(kit, 0), kit).notes[kit.hours_ingredient]
            == advice.plan_texts()["NO_HOURS_NOTE"])


def test_coach_file_without_the_table_says_the_kits_words(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("[words.plan]")
    path = tmp_path / "old.toml"
    path.write_text(text[:start], encoding="utf-8")
    inst = load_instrument(path)
    assert plan_for(_row(inst, 1), inst).pace.schedule() == "one conversation every 2 weeks"
