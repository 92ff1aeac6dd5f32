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
>>> connection("her article on archives", joins=("at",), through="through {found}",
...            yours=("her",))
'through your article on archives'
"""

from __future__ import annotations

import dataclasses

from workbook.core.instrument import fill

__all__ = ["STARTER_FIELDS", "STARTER_KEYS", "Facts", "connection", "first_line",
           "first_name", "referrer_in"]

#: The values every starter is filled with (declared in ``instrument_file.TEXT_FIELDS``).
STARTER_FIELDS = ("first_name", "referrer", "found", "org", "minutes", "learned")
#: The instrument's starter texts, by what they are for.
STARTER_KEYS = {"referral": "note_referral", "cold": "note_cold", "nudge": "nudge_starter",
                "nudge_referral": "nudge_referral",
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


#: Small words that may sit inside a name ("Ana de Souza"), kept when a capital follows.
_NAME_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le",
                   "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el", "y"}


def _word(word: str) -> str:
    """A word without the punctuation around it, folded for comparing."""
    return word.strip(",;:.!?()\"'\u201c\u201d\u2018\u2019").casefold()


def _capital(word: str) -> bool:
    core = word.strip(",;:.!?()\"'\u201c\u201d\u2018\u2019")
    return bool(core) and core[0].isupper()


def _name_from(words: list) -> str:
    """The name that ``words`` begin with: words with a capital (and particles inside)."""
    name = []
    for i, word in enumerate(words[:6]):
        if _capital(word) or (name and _word(word) in _NAME_PARTICLES
                              and i + 1 < len(words) and _capital(words[i + 1])):
            name.append(word.strip(",;:.!?()\"'\u201c\u201d\u2018\u2019"))
            if word[-1:] in ",;:.!?)":
                break
        else:
            break
    return " ".join(name)


def _name_before(words: list) -> str:
    """The name that ``words`` end with (capitalised words, particles inside)."""
    name = []
    for i in range(len(words) - 1, max(-1, len(words) - 7), -1):
        word = words[i]
        if word[-1:] in ",;:.!?(" and name:
            break
        if _capital(word) or (name and _word(word) in _NAME_PARTICLES and i > 0
                              and _capital(words[i - 1])):
            name.insert(0, word.strip(",;:.!?()\"'\u201c\u201d\u2018\u2019"))
        else:
            break
    return " ".join(name)


def _find(words: list, phrase: str) -> int:
    """Where the words of ``phrase`` first stand in ``words`` (compared folded), else -1."""
    want = [_word(w) for w in phrase.split()]
    if not want:
        return -1
    folded = [_word(w) for w in words]
    for at in range(len(words) - len(want) + 1):
        if folded[at:at + len(want)] == want:
            return at
    return -1


def referrer_in(found: str, markers, after_name=(), *, joins=()) -> str:
    """Who suggested the person, in "How you found them", else "".

    A name after one of ``markers`` ("suggested by", "introduced by") anywhere in the text:
    the capitalised words that follow it ("referred by Ana Silva at the fair" gives "Ana
    Silva"); when the text begins with the marker, whatever follows it up to a joining word
    (``joins``) also counts ("suggested by my manager"). Or a name just before one of
    ``after_name`` ("Dana introduced us"). Markers are compared without regard to case.

    Examples
    --------
    >>> referrer_in("Referred by Jo Kim", ("suggested by", "referred by"))
    'Jo Kim'
    >>> referrer_in("her talk", ("suggested by",)), referrer_in("suggested by", ("suggested by",))
    ('', '')
    >>> referrer_in("my old colleague Dana introduced us at a meetup", (), ("introduced us",))
    'Dana'
    """
    words = " ".join(str(found or "").split()).split(" ")
    if words == [""]:
        return ""
    joins = {j.casefold() for j in joins}
    for marker in markers:
        at = _find(words, marker)
        if at < 0 or at + len(marker.split()) >= len(words):
            continue
        rest = words[at + len(marker.split()):]
        name = _name_from(rest)
        if name:
            return name
        if at == 0:  # "suggested by my manager": the whole of it, up to a joining word
            said = []
            for word in rest:
                if said and _word(word) in joins:
                    break
                said.append(word)
                if word[-1:] in ",;:.!?":
                    break
            said = " ".join(said).strip(",;:.!? ")
            return said[:1].upper() + said[1:]  # it opens the note's first sentence
    for phrase in after_name:
        at = _find(words, phrase)
        if at > 0:
            name = _name_before(words[:at])
            if name:
                return name
    return ""


def connection(found: str, *, joins, through: str, yours=(), you=(), clause=(),
               rewrite: str = "") -> str:
    """Where the client came across someone's work, as a phrase that follows "your work".

    Said to the person: a possessive of theirs (``yours``: "her article") becomes "your",
    and one standing alone (``you``: "a podcast with him") becomes "you". Kept so when it
    begins with a joining word ("at the book fair", "in a podcast"); otherwise put in the
    instrument's ``through`` frame ("through your article"). Text that reads as a sentence
    of its own (any word of ``clause``: "we met at a meetup") cannot follow "your work":
    it is shown in the ``rewrite`` hint for the client to say in their words.

    Examples
    --------
    >>> connection("her article on archives", joins=("at",), through="through {found}",
    ...            yours=("her",), you=("her",))
    'through your article on archives'
    """
    text = " ".join(str(found or "").split()).rstrip(".").strip()
    if not text:
        return ""
    words = text.split(" ")
    folded = [_word(w) for w in words]
    if rewrite and {c.casefold() for c in clause} & set(folded):
        return fill(rewrite, found=text)
    joins = {j.casefold() for j in joins}
    yours, you = {w.casefold() for w in yours}, {w.casefold() for w in you}
    said = []
    for i, word in enumerate(words):
        core, tail = folded[i], word[len(word.rstrip(",;:!?)")):]
        following = folded[i + 1] if i + 1 < len(words) and not tail else None
        if core in yours and following and following not in joins:
            said.append("your" + tail)
        elif core in you or core in yours:
            said.append(("you" if core in you else "yours") + tail)
        else:
            said.append(word)
    text = " ".join(said)
    if folded[0] in joins:
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
