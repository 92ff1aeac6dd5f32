"""The conversations page's words and cadence, from the instrument file.

The ``[conversations]`` table is optional in a coach's own instrument file: whatever it
leaves out is taken from the kit's own file (``workbook/instrument.toml``), like the session
words. The instrument is checked when it is loaded, so a bad cadence never reaches a page.

Examples
--------
>>> from workbook.instrument import load_instrument
>>> words = Words(load_instrument())
>>> words.cadence.nudge_after
5
>>> words.get("heading")
'Conversations'
"""

from __future__ import annotations

from ..exceptions import InstrumentError
from ..instrument import DEFAULT_PATH, fill
from ..session_texts import _merge, _raw
from .model import Book, Cadence


class Words:
    """The words and the cadence of the conversations page for one instrument."""

    def __init__(self, instrument=None):
        from ..instrument import resolve

        instrument = resolve(instrument)
        own = _raw(instrument.source) if instrument.source else {}
        default = _raw(str(DEFAULT_PATH))
        table = _merge(default.get("conversations", {}), own.get("conversations", {}))
        self.table = table
        self.cadence = Cadence.from_table(table.get("cadence"), instrument.source)
        self.questions = tuple(q.strip() for q in table.get("questions", ()))
        self.instrument = instrument

    def get(self, key: str, **values) -> str:
        """A text of the page, its ``{placeholders}`` filled in."""
        value = self.table.get(key)
        if not isinstance(value, str):
            raise InstrumentError(f"the instrument has no conversations text {key!r}")
        return fill(value, **values)

    def starter(self, *, name="", org="", north_star="", motivators=(), minutes=None) -> str:
        """The outreach-note starter, filled with the client's own words where there are any.

        A blank is left as a short bracketed hint for the client to fill in. ``minutes`` is
        the one length of a conversation (``plan.conversation_minutes``); by default the
        instrument's talk step.
        """
        from ..pacing import instrument_step_minutes

        labels = [self.instrument.motivator_label(m) for m in motivators or ()]
        if minutes is None:
            minutes = instrument_step_minutes(self.instrument)["talk"]
        return self.get(
            "note_starter",
            minutes=f"{minutes:g}",
            name=name.strip() or "[their name]",
            org=org.strip() or "[where they work]",
            north_star=(north_star or "").strip().rstrip(".")
            or "[a line on where you are heading]",
            motivators=", ".join(labels).lower() if labels else "[what you want from work]",
        )


def cadence(instrument=None) -> Cadence:
    """The follow-up cadence of an instrument (the kit's own when None)."""
    return Words(instrument).cadence


__all__ = ["Book", "Words", "cadence"]
