"""A name inside a sentence is said as the instrument writes it, never lower-cased (issue 22).

The plan (``advice.py``), the ingredient page's "not scored" line and the cohort overview's
outcome heading lower-cased an ingredient's or a verdict's name for running text: right for
the kit's English ("a little care for hope"), wrong for a coach's German noun ("Hoffnung")
or a renamed verdict ("share ready to talk before -> after" for "Ready to talk"). The kit's
own names keep their running-text form; any other name is said as written
(``instrument.name_in_text``).
"""

from __future__ import annotations

import pytest

from workbook.core.advice import plan_for
from workbook.core.instrument import load_instrument, name_in_text
from workbook.core.instrument_file import DEFAULT_PATH

KIT = DEFAULT_PATH.read_text(encoding="utf-8")


def _own(tmp_path, changes):
    text = KIT
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    return load_instrument(path)


GERMAN = [('name = "Hope"\n', 'name = "Hoffnung"\n'), ('name = "Time"\n', 'name = "Zeit"\n')]


def _hope_low(inst, hours=3):
    """A row with hope at not yet and every other ingredient at plenty: tend hope first."""
    row = {i.id: (2 if i.reverse else 4) for i in inst.items}
    row.update({i.id: (4 if i.reverse else 2) for i in inst.ingredient("hope").items})
    return {**row, "hours_per_week": hours}


def test_name_in_text():
    assert name_in_text("Hope", "Hope") == "hope"
    assert name_in_text("Hoffnung", "Hope") == "Hoffnung"
    assert name_in_text("Ready to talk", "Ready") == "Ready to talk"
    assert name_in_text("Ikigai", None) == "Ikigai"  # an ingredient the kit does not have


def test_the_kits_plan_says_the_names_in_lower_case():
    kit = load_instrument()
    plan = plan_for(_hope_low(kit), kit)
    assert plan.verdict_text.startswith("You have the room to start, and hope could use some "
                                        "tending first.")
    assert plan.start.intro.startswith("Before the first conversation, a little care for hope.")
    assert kit.ingredient_in_text("self_esteem") == "self-esteem"
    assert kit.verdict_in_text("ready") == "ready"


def test_a_coachs_names_are_said_as_written_in_the_plan(tmp_path):
    # Before: "and hoffnung could use some tending first", "a little care for hoffnung".
    inst = _own(tmp_path, GERMAN)
    plan = plan_for(_hope_low(inst), inst)
    assert plan.verdict_text.startswith("You have the room to start, and Hoffnung could use "
                                        "some tending first.")
    assert plan.start.intro.startswith("Before the first conversation, a little care for "
                                       "Hoffnung.")
    assert "hoffnung" not in plan.verdict_text + plan.start.intro


@pytest.mark.parametrize(("changes", "said"), [
    ([], "Answer at least 3 of the 5 statements and your time score will appear here "
         "(answered so far: 0)."),
    # Before: "... and your zeit score ..."
    (GERMAN, "Answer at least 3 of the 5 statements and your Zeit score will appear here "
             "(answered so far: 0)."),
])
def test_the_not_scored_line_names_the_ingredient_as_written(tmp_path, changes, said):
    from workbook.session.widgets.ingredient import closing_words

    inst = _own(tmp_path, changes) if changes else load_instrument()
    row = {i.id: (2 if i.reverse else 4) for i in inst.items if not i.id.startswith("time")}
    plan = plan_for({**row, "hours_per_week": 3}, inst)
    assert closing_words(plan, "time", inst)["score"] == said


def test_the_cohort_overview_names_a_renamed_verdict_as_written(tmp_path, capsys):
    # Before: "share ready to talk before -> after" for a verdict renamed "Ready to talk".
    from workbook.cli import main

    from .test_outcome import twelve

    data = tmp_path / "twelve.csv"
    twelve().to_csv(data, index=False)
    own = tmp_path / "own.toml"
    own.write_text(KIT.replace('ready = "Ready"\n', 'ready = "Ready to talk"\n', 1),
                   encoding="utf-8")
    assert main(["cohort", str(data), "--out", str(tmp_path / "a"), "--instrument",
                 str(own)]) == 0
    out = capsys.readouterr().out
    assert "\nshare Ready to talk before -> after, by whether people went on to talk " in out
    assert "ready to talk" not in out
    assert main(["cohort", str(data), "--out", str(tmp_path / "b")]) == 0
    assert "\nshare ready before -> after, by whether people went on to talk " in \
        capsys.readouterr().out
