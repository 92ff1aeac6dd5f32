"""A pace sentence after "Once you start" is said as the instrument writes it (issue 22).

When the plan is to tend first, the energy page says the pace for later: the lead, a comma
and the pace sentence. The sentence's first letter was lower-cased whatever its words: right
for the kit's English ("Once you start, full pace: ..."), wrong for a coach's German noun
("Once you start, volles Tempo: ..."). Now only the kit's own sentence is lower-cased.
"""

from __future__ import annotations

from workbook.core.advice import plan_for
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.widgets.ingredient import closing_words

KIT = DEFAULT_PATH.read_text(encoding="utf-8")
FULL = 'plenty = "Full pace: as many conversations as your hours allow."\n'


def _tend_hope_first(inst):
    """Hope at not yet, every other ingredient at plenty, 3 hours: tend first, pace later."""
    row = {i.id: (2 if i.reverse else 4) for i in inst.items}
    row.update({i.id: (4 if i.reverse else 2) for i in inst.ingredient("hope").items})
    return plan_for({**row, "hours_per_week": 3}, inst)


def test_the_kits_pace_for_later_reads_on_in_lower_case():
    kit = load_instrument()
    plan = _tend_hope_first(kit)
    assert plan.pace_later
    assert closing_words(plan, "energy", kit)["pace"] == (
        "Once you start, full pace: as many conversations as your hours allow.")


def test_a_coachs_pace_sentence_is_kept_as_written(tmp_path):
    # Before: "Once you start, volles Tempo: so viele ..." (the noun lower-cased).
    assert KIT.count(FULL) == 1
    path = tmp_path / "own.toml"
    path.write_text(KIT.replace(FULL, 'plenty = "Volles Tempo: so viele Gespräche, wie '
                                      'deine Stunden erlauben."\n'), encoding="utf-8")
    inst = load_instrument(path)
    plan = _tend_hope_first(inst)
    assert closing_words(plan, "energy", inst)["pace"] == (
        "Once you start, Volles Tempo: so viele Gespräche, wie deine Stunden erlauben.")
