r"""Plain English shared by the command line and the reports, and text made safe to print.

Counts with the right plural; a file's text with its control characters escaped.

Examples
--------
>>> from workbook.text import count, printable
>>> count(1, "problem"), count(2, "row"), count(3, "person", "people")
('1 problem', '2 rows', '3 people')
>>> print(printable("a\x1b]0;title\x07 b\u202ec\r"))
a\x1b]0;title\x07 b\u202ec\r
"""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural (``plural``, default ``noun + "s"``) unless n is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def printable(text) -> str:
    r"""``text`` safe to print in a terminal: each unprintable character as its escape.

    Control characters (C0, DEL, C1), bidi overrides, zero-width and other format characters,
    line and paragraph separators and spaces other than the plain one are written as Python's
    ``repr`` writes them (``\x1b``, ``\r``, ``\u202e``), so a cell of a survey file cannot
    clear the screen, set the terminal's title or reorder a line; the rest stays as it is.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
