"""What a problem of a response file is: its row, its column, the value and what is wrong.

A leaf module: every step of reading (:mod:`workbook.reading`) reports through it.

Examples
--------
>>> str(Problem(3, "hope_1", 7, "7 is outside the scale 1-5"))
'row 3, column hope_1, value 7: 7 is outside the scale 1-5'
>>> column_letter(0), column_letter(25), column_letter(26)
('A', 'Z', 'AA')
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.text import printable

#: First data row as a spreadsheet shows it (row 1 is the header).
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Problem:
    """One problem of a response table.

    Attributes
    ----------
    row : int or None
        Row as a spreadsheet shows it (header = 1); None for a problem of the whole file.
    column : str or None
        The column at fault, if any.
    value : object
        The offending value as read ("" when there is none).
    message : str
        What is wrong, in words a coach can act on.
    """

    row: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.value is not None and str(self.value) != "":
            where.append(f"value {show(self.value)}")
        # A header or a value quoted in the message may hold control characters too.
        return printable((", ".join(where) + ": " if where else "") + self.message)


def show(value) -> str:
    r"""A value as a message shows it: at most 40 characters, control characters escaped.

    >>> show("a\x1b[2Jb"), show("x" * 50)
    ('a\\x1b[2Jb', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...')
    """
    return printable(_cut(str(value)))


def quoted(value) -> str:
    r"""A value in quotes as a message shows it (``'abc'``; ``'a'`` for a control character)."""
    return repr(_cut(str(value)))  # repr writes every unprintable character as its escape


def _cut(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def column_letter(position: int) -> str:
    """The spreadsheet letter of a column, from its 0-based position (0 -> A, 26 -> AA)."""
    letters = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sort_problems(problems: list) -> list:
    """Problems ordered by row (whole-file problems first), then column."""
    return sorted(problems, key=lambda p: (p.row if p.row is not None else 0, str(p.column)))
