"""One spelling for each timepoint, before anything compares them.

A file may write one timepoint several ways (``post``, ``Post``, `` POST ``): they are one
timepoint, so every duplicate check, ``--keep`` and every output sees one spelling.

- ``pre`` and ``post`` written another way (case, spaces, dots or dashes: ``Pre``,
  ``P.O.S.T``) are ``pre`` and ``post``;
- any other label is told apart from the others by its text without the spaces around it
  and without case: ``Followup`` and `` followup`` are one timepoint, spelled as the file
  first writes it (spaces around it removed);
- look-alikes of ``pre``/``post`` (``before``, ``t1``: :data:`LOOKALIKES`) are left as they
  are: validation refuses them, since guessing would pair the wrong rows.

A leaf module, used by the reshaping and checking steps of reading.

Examples
--------
>>> canonical(["Post", "pre", "Followup", " followup ", "post", "Before"])
['post', 'pre', 'Followup', 'Followup', 'post', 'Before']
>>> spellings(["Post", "pre", "Followup", " followup "])
{'Post': 'post', ' followup ': 'Followup'}
"""

from __future__ import annotations

from . import schema

__all__ = ["LOOKALIKES", "PAIRED", "canonical", "key", "notes", "spellings"]

#: The two timepoints the before/after comparison pairs.
PAIRED = (schema.BEFORE, schema.AFTER)

#: Timepoint labels that look like ``pre``/``post`` said another way: refused, not guessed.
LOOKALIKES = frozenset(
    {"before", "after", "baseline", "pretest", "posttest", "prior", "start", "end", "t0", "t1",
     "t2", "preworkshop", "postworkshop", "beforeworkshop", "afterworkshop", "1", "2"}
)


def key(value) -> str:
    """A label as compared with ``pre``/``post`` and the look-alikes (``" P.O.S.T "`` -> post).

    Letters and digits only, case folded.
    """
    return "".join(ch for ch in str(value).casefold() if ch.isalnum())


def canonical(values) -> list:
    """The one spelling of each label in ``values`` (distinct labels, first seen first).

    Missing values (None, NaN) and empty labels stay as they are.
    """
    first = {}
    out = []
    for value in values:
        if not isinstance(value, str) and (value is None or value != value):
            out.append(value)
            continue
        text = str(value).strip()
        paired = key(text)
        if not text or paired in LOOKALIKES:
            out.append(value)
        elif paired in PAIRED:
            out.append(paired)
        else:
            out.append(first.setdefault(text.casefold(), text))
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
    other = {k: v for k, v in rename.items() if v not in PAIRED}
    out = []
    if paired:
        out.append("timepoints read as pre/post: "
                   + ", ".join(f"{k!r} -> {v}" for k, v in sorted(paired.items())))
    if other:
        out.append("timepoints written more than one way, read as the spelling first seen: "
                   + ", ".join(f"{k!r} -> {v!r}" for k, v in sorted(other.items())))
    return out
