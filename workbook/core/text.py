r"""Plain English shared by the command line and the reports, and text made safe to print.

Counts with the right plural; a file's text with its control characters escaped.

Examples
--------
>>> from workbook.core.text import count, printable
>>> count(1, "problem"), count(2, "row"), count(3, "person", "people")
('1 problem', '2 rows', '3 people')
>>> print(printable("a\x1b]0;title\x07 b\u202ec\r"))
a\x1b]0;title\x07 b\u202ec\r
"""

from __future__ import annotations

import unicodedata


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


def normal_id(client_id) -> str:
    """A client id in its normal form (not checked): no format characters, NFC, trimmed.

    Format characters (Unicode category Cf: the zero-width space and joiners, the byte-order
    mark, the soft hyphen, direction marks and overrides such as U+202E) are dropped, then
    the text is put in Unicode's composed form (NFC) and the spaces around it are dropped.
    This is how the survey reader cleans a participant id
    (:func:`workbook.responses.reshape.clean_id`), so a client exported by
    ``export-clients`` is read back as the same one participant, and ``ann`` and ``ann``
    with a zero-width space, which look alike everywhere, are one client.

    Examples
    --------
    >>> normal_id(" Zoe\u0308 ") == "Zo\u00eb", normal_id("\ufeffann\u200b")
    (True, 'ann')
    """
    text = "".join(ch for ch in str(client_id) if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", text).strip()
