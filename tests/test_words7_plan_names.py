"""The plan joins ingredient names with the instrument's words (issue 22).

:func:`workbook.reports.wording.join_names` took the kit's ``list_and`` and ``list_comma``
whatever the instrument: the plan's sentences now take those of the instrument in use
(``[words.report]``, the one place a list's words are kept).
"""

from __future__ import annotations

from workbook.core.advice import plan_for
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH

LOW = ("hope", "self_esteem", "ambition")


def _row(inst):
    """Hope, self-esteem and ambition at 0, time and energy high: tend those three first."""
    return {**{i.id: ((5 if i.reverse else 1) if i.ingredient in LOW else (2 if i.reverse else 4))
               for i in inst.items}, "hours_per_week": 3}


def test_the_plan_lists_names_in_the_coachs_words(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in (('list_and = " and "', 'list_and = " as well as "'),
                     ('list_comma = ", "', 'list_comma = " / "')):
        assert text.count(old) == 1
        text = text.replace(old, new)
    own = tmp_path / "own.toml"
    own.write_text(text, encoding="utf-8")
    inst = load_instrument(own)
    said = plan_for(_row(inst), inst).verdict_text
    assert "and hope / self-esteem as well as ambition could use some tending first" in said
    kit = load_instrument()
    assert "and hope, self-esteem and ambition could use some tending first" in \
        plan_for(_row(kit), kit).verdict_text
