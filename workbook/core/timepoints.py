"""One spelling for each timepoint, before anything compares them.

A file may write one timepoint several ways (``post``, ``Post``, `` POST ``): they are one
timepoint, so every duplicate check, ``--keep`` and every output sees one spelling.

- every label is first read in Unicode's compatibility form (NFKC), so the full-width
  ``ＰＯＳＴ`` of an East Asian keyboard is ``POST``;
- ``pre`` and ``post`` written another way (case, spaces, dots or dashes: ``Pre``,
  ``P.O.S.T``, ``Ｐｒｅ``) are ``pre`` and ``post``;
- any other label is told apart from the others by its text without case and without
  spaces, hyphens, underscores and dots (:func:`same_label`): ``Followup``, `` followup``,
  ``Follow-up``, ``follow up`` and ``follow_up`` are one timepoint, spelled as the file first
  writes it (spaces around it removed);
- look-alikes of ``pre``/``post`` are left as they are, and validation refuses them, since
  guessing would pair the wrong rows: the words of :data:`LOOKALIKES` (``before``, ``t1``),
  and (:func:`near`) any label one character from ``pre`` or ``post`` (one changed, added,
  dropped or two swapped) once accents are dropped and letters of other alphabets that look
  like Latin ones are read as those: ``p0st`` (a zero), ``pοst`` (a Greek omicron), ``рге``
  (Cyrillic), ``ᴘᴏꜱᴛ`` (Latin small capitals, which NFKC leaves as they are), ``pöst``,
  ``psot``, ``pots``, ``prre``. Such a label is a typo far more often
  than a timepoint of its own, and left alone it would quietly unpair its people.
  ``pre``/``post`` with digits before or after (``pre2``, ``post1``) and anything further
  away (``followup``, ``postwork``) are labels of their own.

A leaf module, used by the reshaping and checking steps of reading.

Examples
--------
>>> canonical(["Post", "pre", "Followup", " followup ", "post", "Before", "ＰＯＳＴ", "p0st"])
['post', 'pre', 'Followup', 'Followup', 'post', 'Before', 'post', 'p0st']
>>> near("pοst"), near("psot"), near("post2"), near("post")
('post', 'post', None, None)
>>> spellings(["Post", "pre", "Followup", " followup "])
{'Post': 'post', ' followup ': 'Followup'}
"""

from __future__ import annotations

import re
import unicodedata

from workbook.core import schema

__all__ = ["LOOKALIKES", "PAIRED", "canonical", "in_order", "key", "near", "notes",
           "odd_characters", "rank", "same_label", "spellings"]

#: The two timepoints the before/after comparison pairs.
PAIRED = (schema.BEFORE, schema.AFTER)

#: Timepoint labels that look like ``pre``/``post`` said another way: refused, not guessed.
LOOKALIKES = frozenset(
    {"before", "after", "baseline", "pretest", "posttest", "prior", "start", "end", "t0", "t1",
     "t2", "preworkshop", "postworkshop", "beforeworkshop", "afterworkshop", "1", "2"}
)


#: Letters of other alphabets (and the digit zero) that look like the Latin letters of
#: ``pre`` and ``post``, as :func:`key` gives them (case folded).
_SAME_LOOK = str.maketrans({
    "0": "o",
    "ο": "o", "ρ": "p", "ε": "e", "τ": "t",                          # Greek
    "о": "o", "р": "p", "е": "e", "ѕ": "s", "т": "t", "г": "r",      # Cyrillic
    "ᴘ": "p", "ʀ": "r", "ᴇ": "e", "ᴏ": "o", "ꜱ": "s", "ᴛ": "t",      # Latin small capitals
})


def key(value) -> str:
    """A label as compared with ``pre``/``post`` and the look-alikes (``" P.O.S.T "`` -> post).

    In Unicode's compatibility form (NFKC: full-width ``ＰＯＳＴ`` is ``POST``), letters and
    digits only, case folded.
    """
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


#: Characters a label is told apart without (besides case): :func:`same_label`.
_NOT_TOLD_APART = str.maketrans("", "", "-_.")


def same_label(text: str) -> str:
    """A label other than ``pre``/``post`` as compared with the others (``Follow-up`` -> followup).

    In Unicode's compatibility form (NFKC), case folded, without spaces, hyphens, underscores
    and dots.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_NOT_TOLD_APART)
    return "".join(folded.split())


#: Timepoints whose order the kit knows, as :func:`same_label` gives them: ``pre`` before
#: ``post`` before a follow-up (``followup``, ``Follow-up``, ``follow up``).
KNOWN_ORDER = {schema.BEFORE: 0, schema.AFTER: 1, "followup": 2}


def rank(value) -> int | None:
    """Where a timepoint comes among those the kit knows the order of, else None.

    Examples
    --------
    >>> [rank(v) for v in ["post", " Pre", "Follow-up", "follow up", "week 6", None]]
    [1, 0, 2, 2, None, None]
    """
    if not isinstance(value, str):
        return None
    return KNOWN_ORDER.get(same_label(value.strip()))


#: A timepoint written as a date, as reading leaves it (``2026-11-02``).
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def in_order(labels) -> list:
    """Distinct timepoint labels in reading order (round 13c T3).

    ``pre``, then ``post``, then the rest as they first appear, except that labels written
    as dates (``2026-11-23``) come in date order among themselves: they take the places the
    dates hold in the file, earliest first, so a file listing a later session before an
    earlier one (a workspace export, written client by client) reads in time order, and one
    already in date order is read as before.

    Examples
    --------
    >>> in_order(["post", "week 6", "pre", "post"])
    ['pre', 'post', 'week 6']
    >>> in_order(["2026-11-02", "2026-11-23", "followup", "2026-11-10"])
    ['2026-11-02', '2026-11-10', 'followup', '2026-11-23']
    """
    import pandas as pd  # a leaf module otherwise; pd.unique keeps first-seen order, in C

    seen = [t for t in pd.unique(pd.Series(labels, dtype=object)) if t is not None and t == t]
    first = [t for t in PAIRED if t in seen]
    rest = [t for t in seen if t not in first]
    days = iter(sorted(t for t in rest if isinstance(t, str) and _ISO_DAY.match(t)))
    return first + [next(days) if isinstance(t, str) and _ISO_DAY.match(t) else t
                    for t in rest]


def near(value) -> str | None:
    """``pre`` or ``post`` when ``value`` looks like it without being it, else None.

    Within one character of it (one changed, added or dropped, or two neighbours swapped)
    once accents are dropped and look-alike letters of other alphabets are read as Latin
    ones; ``pre``/``post`` with digits before or after them (``post2``) are labels of their
    own.
    """
    label = key(value)
    if label in PAIRED or label in LOOKALIKES or label.strip("0123456789") in PAIRED:
        return None
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", label)
                    if not unicodedata.combining(ch)).translate(_SAME_LOOK)
    for target in PAIRED:
        if _one_apart(plain, target):
            return target
    return None


def odd_characters(value) -> list:
    """The characters of a label that are neither plain Latin letters nor digits, named.

    >>> odd_characters("pοst")
    ["'ο' (GREEK SMALL LETTER OMICRON)"]
    """
    return [f"{ch!r} ({unicodedata.name(ch, f'U+{ord(ch):04X}')})"
            for ch in dict.fromkeys(key(value)) if not (ch.isascii() and ch.isalnum())]


def _one_apart(a: str, b: str) -> bool:
    """True when ``a`` is ``b`` or one edit from it (change, insertion, deletion or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        swapped = a[start:start + 2] == b[start:start + 2][::-1]
        return a[start + 1:] == b[start + 1:] or (swapped and a[start + 2:] == b[start + 2:])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]


#: A date with the time 00:00 (a spreadsheet's date cell read as text): read as the date.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?$")
#: A date with a time of day (a spreadsheet's date-time cell, a form's completion time):
#: its day (round 13c T19), as the README promises for an xlsx date cell.
_DAY_AND_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


#: A label written as a date (``2026-12-2``, ``05/01/2027``): told apart by its text, as
#: without its dashes or dots ``2026-1-22`` would be ``2026-12-2`` (round 14c W1); reading
#: writes such dates ``2026-12-02`` afterwards.
_DATE_TEXT = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def canonical(values) -> list:
    """The one spelling of each label in ``values`` (distinct labels, first seen first).

    Missing values (None, NaN) and empty labels stay as they are. A date at midnight
    (``2026-10-01 00:00:00``, as an xlsx date cell is read) is its date, ``2026-10-01``; so
    is a date with a time of day (``2026-10-01 09:30``, ``2026-10-01T09:30:00``): its day.
    Other labels written as dates are told apart by their text (spaces around removed).
    """
    first = {}
    out = []
    for value in values:
        if not isinstance(value, str) and (value is None or value != value):
            out.append(value)
            continue
        text = str(value).strip()
        day = _DAY_AND_TIME.match(text)
        if day:
            text = day.group(1)
        paired = key(text)
        if not text or paired in LOOKALIKES or near(text):
            out.append(value)
        elif paired in PAIRED:
            out.append(paired)
        elif _DATE_TEXT.match(text):
            out.append(first.setdefault(("date", text), text))
        else:
            out.append(first.setdefault(same_label(text), text))
    return out


def spellings(values) -> dict:
    """Each label not written in its timepoint's one spelling -> that spelling.

    ``values`` are distinct labels, first seen first.
    """
    values = list(values)
    return {v: c for v, c in zip(values, canonical(values)) if isinstance(v, str) and v != c}


def notes(rename: dict) -> list:
    """What :func:`spellings` changed, in at most two notes."""
    paired = {k: v for k, v in rename.items() if v in PAIRED}
    dates = {k: v for k, v in rename.items() if v not in PAIRED and _MIDNIGHT.match(k.strip())}
    timed = {k: v for k, v in rename.items()
             if v not in PAIRED and k not in dates and _DAY_AND_TIME.match(k.strip())}
    other = {k: v for k, v in rename.items() if v not in PAIRED and k not in dates
             and k not in timed}
    out = []
    if dates:
        out.append("timepoints holding a date and the time 00:00 (a spreadsheet's date cell), "
                   "read as the date: "
                   + ", ".join(f"{k!r} -> {v!r}" for k, v in sorted(dates.items())))
    if timed:
        out.append("timepoints holding a date and a time of day, read as that day (one day is "
                   "one timepoint, whatever the time): "
                   + ", ".join(f"{k!r} -> {v!r}" for k, v in sorted(timed.items())))
    if paired:
        out.append("timepoints read as pre/post: "
                   + ", ".join(f"{k!r} -> {v}" for k, v in sorted(paired.items())))
    if other:
        out.append("timepoints written more than one way, read as the spelling first seen: "
                   + ", ".join(f"{k!r} -> {v!r}" for k, v in sorted(other.items())))
    return out
