"""Starters the client edits: the first note, a nudge, thanks, and what came of the advice.

The kit never sends anything; each starter is a draft for the client to rewrite in their
own voice. The words are the instrument's ``[conversations]`` texts (``note_referral``,
``note_cold``, ``nudge_starter``, ``thanks_starter``, ``told_starter``); every one of them
is filled with the same values (:data:`STARTER_FIELDS`), so a coach may use any of them in
any starter. A value not known is left as a short bracketed hint (``hint_*``) for the client
to fill in.

The first note follows the practice: the connection comes first (who suggested them, or
where the client came across their work), it is short, it is about the other person's work,
it asks for advice, and it ends with one easy yes-or-no question about a short talk of the
plan's one conversation length. Who suggested someone is known from the list itself (a
person added from another's suggestion, :attr:`Person.suggested_by`) or from "How you found
them" when it begins with one of the instrument's ``referral_markers`` ("suggested by Mira
Kovac").

Examples
--------
>>> first_name("Ana Ruiz"), first_name("Dr. Ana Ruiz", titles=("dr",))
('Ana', 'Ana')
>>> referrer_in("suggested by Mira Kovac.", ("suggested by",))
'Mira Kovac'
>>> connection("at the book fair", joins=("at",), through="through {found}")
'at the book fair'
>>> connection("her article on archives", joins=("at",), through="through {found}")
'through her article on archives'
"""

from __future__ import annotations

import dataclasses

from ..instrument import fill

__all__ = ["STARTER_FIELDS", "STARTER_KEYS", "Facts", "connection", "first_line",
           "first_name", "referrer_in"]

#: The values every starter is filled with (declared in ``instrument.TEXT_FIELDS``).
STARTER_FIELDS = ("first_name", "referrer", "found", "org", "minutes", "learned")
#: The instrument's starter texts, by what they are for.
STARTER_KEYS = {"referral": "note_referral", "cold": "note_cold", "nudge": "nudge_starter",
                "thanks": "thanks_starter", "told": "told_starter"}


@dataclasses.dataclass(frozen=True)
class Facts:
    """What a starter knows about the person written to ("" where not known).

    Attributes
    ----------
    first_name : str
        How to greet them (:func:`first_name`).
    referrer : str
        Who suggested them; makes the first note a referral.
    found : str
        Where the client came across their work, as a phrase that follows "your work"
        (:func:`connection`); used by a cold note.
    org : str
        Their place.
    learned : str
        One thing learned from the talk (:func:`first_line` of "What you learned").
    """

    first_name: str = ""
    referrer: str = ""
    found: str = ""
    org: str = ""
    learned: str = ""


def first_name(name: str, *, titles=(), place: str = "") -> str:
    """The name to greet someone by: the first word of ``name``, after any title.

    "" when there is no name, when the name is only the place (a place listed before a
    name was known), or only titles. A first word that is an initial ("A. Ruiz") keeps the
    whole name, so the greeting is never a lone letter.

    Examples
    --------
    >>> first_name("  Ines   Duarte "), first_name("City Library", place="city library")
    ('Ines', '')
    >>> first_name("A. Ruiz"), first_name("Prof", titles=("prof",))
    ('A. Ruiz', '')
    """
    name = " ".join(str(name or "").split())
    if not name or (place and name.casefold() == " ".join(place.split()).casefold()):
        return ""
    words = name.split(" ")
    titles = {t.casefold().rstrip(".") for t in titles}
    while words and words[0].casefold().rstrip(".") in titles:
        words.pop(0)
    if not words:
        return ""
    if len(words[0].rstrip(".")) <= 1:
        return " ".join(words)
    return words[0]


def referrer_in(found: str, markers) -> str:
    """The name in "How you found them" when it begins with a referral marker, else "".

    Markers are compared without regard to case ("Suggested by" is "suggested by"); the
    name is what follows, without a closing full stop.

    Examples
    --------
    >>> referrer_in("Referred by Jo Kim", ("suggested by", "referred by"))
    'Jo Kim'
    >>> referrer_in("her talk", ("suggested by",)), referrer_in("suggested by", ("suggested by",))
    ('', '')
    """
    text = " ".join(str(found or "").split())
    for marker in markers:
        marker = " ".join(marker.split())
        if marker and text.casefold().startswith(marker.casefold() + " "):
            return text[len(marker):].strip().rstrip(".").strip()
    return ""


def connection(found: str, *, joins, through: str) -> str:
    """Where the client came across someone's work, as a phrase that follows "your work".

    Kept as typed when it begins with a joining word ("at the book fair", "in a podcast");
    otherwise put in the instrument's ``through`` frame ("through her article").
    """
    text = " ".join(str(found or "").split()).rstrip(".")
    if not text:
        return ""
    first = text.split(" ")[0].casefold()
    if first in {j.casefold() for j in joins}:
        return text
    return fill(through, found=text)


def first_line(text: str) -> str:
    r"""The first line of ``text`` that shows something, without a closing full stop.

    Examples
    --------
    >>> first_line("\n  Archives hire through volunteering.\nMore later")
    'Archives hire through volunteering'
    """
    for line in str(text or "").splitlines():
        line = " ".join(line.split()).rstrip(".").strip()
        if line:
            return line
    return ""


def values(facts: Facts, *, minutes, hints) -> dict:
    """The values a starter is filled with: the facts, or ``hints[field]`` where blank."""
    out = {}
    for field in STARTER_FIELDS:
        if field == "minutes":
            out[field] = f"{minutes:g}"
            continue
        value = getattr(facts, field)
        out[field] = value if value else hints.get(field, "")
    return out
