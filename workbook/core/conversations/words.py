"""The conversations page's words and cadence, from the instrument file.

The ``[conversations]`` table is optional in a coach's own instrument file: whatever it
leaves out is taken from the kit's own file (``workbook/instrument.toml``), like the session
words. The instrument is checked when it is loaded, so a bad cadence never reaches a page.

Examples
--------
>>> from workbook.core.instrument import load_instrument
>>> words = Words(load_instrument())
>>> words.cadence.thank_within
1
>>> words.get("heading")
'Conversations'
"""

from __future__ import annotations

from workbook.core.conversations.cadence import Cadence
from workbook.core.conversations.model import Book
from workbook.core.conversations.starters import (
    STARTER_FIELDS,
    STARTER_KEYS,
    Facts,
    connection,
    first_line,
    first_name,
    referrer_in,
)
from workbook.core.conversations.starters import (
    values as starter_values,
)
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import fill
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.session_texts import merged_tables, raw_file


class Words:
    """The words and the cadence of the conversations page for one instrument."""

    def __init__(self, instrument=None):
        from workbook.core.instrument import resolve

        instrument = resolve(instrument)
        own = raw_file(instrument.source) if instrument.source else {}
        default = raw_file(str(DEFAULT_PATH))
        table = merged_tables(default.get("conversations", {}), own.get("conversations", {}))
        self.table = table
        self.cadence = Cadence.from_table(table.get("cadence"), instrument.source)
        self.questions = tuple(q.strip() for q in table.get("questions", ()))
        self.instrument = instrument

    def get(self, key: str, **values) -> str:
        """A text of the page, its ``{placeholders}`` filled in."""
        return fill(self.text(key), **values)

    def text(self, key: str) -> str:
        """A text of the page as the instrument writes it (placeholders not filled)."""
        value = self.table.get(key)
        if not isinstance(value, str):
            raise InstrumentError(f"the instrument has no conversations text {key!r}")
        return value

    def step(self, step: str) -> str:
        """A step (:data:`~.model.STEPS`) in a few words: the instrument's ``step_<step>``.

        Examples
        --------
        >>> Words().step("told")
        'told what came of it'
        """
        return self.get(f"step_{step}")

    def starter(self, kind: str, facts: Facts | None = None, *, minutes=None) -> str:
        """A starter the client edits, filled with what is known of the person.

        ``kind`` is ``"note"`` (the first note: a referral when someone suggested them, a
        cold note otherwise), ``"nudge"``, ``"thanks"`` or ``"told"`` (what came of their
        advice). ``minutes`` is the one length of a conversation
        (``plan.conversation_minutes``); by default the instrument's talk step. A blank is
        left as a short bracketed hint (the instrument's ``hint_*`` texts).
        """
        from workbook.core.pacing import instrument_step_minutes

        facts = facts or Facts()
        if kind == "note":
            kind = "referral" if facts.referrer else "cold"
        elif kind == "nudge" and facts.referrer:  # the connection still comes first
            kind = "nudge_referral"
        if kind not in STARTER_KEYS:
            raise InstrumentError(f"no starter {kind!r} (known: note, "
                                  f"{', '.join(sorted(STARTER_KEYS))})")
        if minutes is None:
            minutes = instrument_step_minutes(self.instrument)["talk"]
        hints = {field: self.get(f"hint_{field}") for field in STARTER_FIELDS
                 if field != "minutes"}
        return self.get(STARTER_KEYS[kind], **starter_values(facts, minutes=minutes, hints=hints))

    def facts(self, person, book=None, *, place: str = "") -> Facts:
        """What a starter knows of ``person`` (a :class:`~.model.Person`).

        The referrer is the person whose suggestion this was (``suggested_by``, when still
        on ``book``), else a name after one of the instrument's ``referral_markers`` in "How
        you found them"; without one, "How you found them" says where the client came
        across their work. ``place`` is the name of their place (their ``org`` when "").
        """
        by = getattr(person, "suggested_by", "") or ""
        people = getattr(book, "people", {}) or {}
        referrer = people[by].name if by in people else ""
        found = person.found or ""
        joins = self.words_list("found_joins")
        referrer = referrer or referrer_in(found, self.words_list("referral_markers"),
                                           self.words_list("referral_after_name"), joins=joins)
        where = "" if referrer else connection(
            found, joins=joins, through=self.text("found_through"),
            yours=self.words_list("found_yours"), you=self.words_list("found_you"),
            clause=self.words_list("found_clause_words"), rewrite=self.text("found_rewrite"))
        org = place or person.org or ""
        return Facts(first_name=first_name(person.name, titles=self.words_list("name_titles"),
                                           place=org),
                     referrer=referrer, found=where, org=org,
                     learned=first_line(person.learned))

    def number(self, n: int) -> str:
        """A whole number as the page says it: in words up to the instrument's list, else digits.

        Examples
        --------
        >>> Words().number(7), Words().number(40)
        ('seven', '40')
        """
        said = self.words_list("number_words")
        return said[n] if 0 <= n < len(said) else str(n)

    def words_list(self, key: str) -> tuple:
        """A list of words of the ``[conversations]`` table (empty when left out)."""
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InstrumentError(f"{self.instrument.source or 'the instrument'}: "
                                  f"conversations.{key} must be a list of texts")
        return tuple(v.strip() for v in value if v.strip())


def cadence(instrument=None) -> Cadence:
    """The follow-up cadence of an instrument (the kit's own when None)."""
    return Words(instrument).cadence


__all__ = ["Book", "Facts", "Words", "cadence"]
