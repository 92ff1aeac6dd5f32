"""Plain English shared by the command line and the reports: counts with the right plural.

Examples
--------
>>> from workbook.text import count
>>> count(1, "problem"), count(2, "row"), count(3, "person", "people")
('1 problem', '2 rows', '3 people')
"""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural (``plural``, default ``noun + "s"``) unless n is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
