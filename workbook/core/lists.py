"""A list of names in running text, in the instrument's words.

``[words.report]`` says how names are joined (``list_comma``, ``list_and``): the verdict's
sentence, the plan and the reports all join ingredient names this one way.

Examples
--------
>>> join_names(["hope", "time", "energy"])
'hope, time and energy'
>>> join_names(["time"]), join_names([])
('time', '')
"""

from __future__ import annotations

from workbook.core.instrument import words_table

__all__ = ["join_names"]


def join_names(names, instrument=None) -> str:
    """``["time", "energy"]`` -> ``"time and energy"``; three or more get commas."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    said = words_table(instrument, "report")
    return said["list_comma"].join(names[:-1]) + said["list_and"] + names[-1]
