"""When the follow-ups of a conversation fall due: the ``[conversations.cadence]`` settings.

Read by the instrument when it loads (a wrong setting is refused there) and used by the
conversations model (:mod:`workbook.core.conversations.model`) to date what is due.

Examples
--------
>>> Cadence.from_table({"nudge_after": 5}).nudge_after, Cadence().tell_after
(5, 20)
"""

from __future__ import annotations

import dataclasses

from workbook.core.exceptions import ConversationError

__all__ = ["Cadence"]


@dataclasses.dataclass(frozen=True)
class Cadence:
    """When follow-ups fall due, in working days (weekends skipped).

    Attributes
    ----------
    another_after : int
        No reply this many working days after the note was sent: write to another person
        at the same place (only for a person with a place).
    nudge_after : int
        No reply this many working days after sending: a short, friendly nudge to the first.
    let_go_after : int
        Still no reply this many working days after the nudge was sent: let them go kindly.
    arrange_within : int
        A reply came: agree a time within this many working days.
    thank_within : int
        Thanks sent within this many working days of the conversation.
    tell_after : int
        This many working days after the thanks were sent: tell them what came of their
        advice.
    review_after_talks : int
        Not days: the number of conversations held after which the client is asked to look
        again at the five ingredients (:func:`workbook.core.conversations.model.talks_held`).
    """

    another_after: int = 3
    nudge_after: int = 7
    let_go_after: int = 7
    arrange_within: int = 2
    thank_within: int = 1
    tell_after: int = 20
    review_after_talks: int = 3

    #: The range of each setting: working days, except the number of talks.
    LIMITS = {"another_after": (0, 60), "nudge_after": (1, 60), "let_go_after": (1, 60),
              "arrange_within": (0, 60), "thank_within": (0, 60), "tell_after": (1, 130),
              "review_after_talks": (1, 50)}

    @classmethod
    def from_table(cls, table, source: str = "the instrument") -> Cadence:
        """Read a ``[conversations.cadence]`` table; keys left out keep the defaults.

        Every value is a whole number in its range (:attr:`LIMITS`); a wrong one is refused
        with a message naming the file, the key, what it must be and what it is.
        """
        if table is None:
            return cls()
        if not isinstance(table, dict):
            raise ConversationError(f"{source}: conversations.cadence must be a table")
        names = {f.name for f in dataclasses.fields(cls)}
        values = {}
        for key, value in table.items():
            if key not in names:
                raise ConversationError(
                    f"{source}: conversations.cadence.{key} is not a cadence setting "
                    f"(known: {', '.join(sorted(names))})")
            low, high = cls.LIMITS[key]
            if isinstance(value, bool) or not isinstance(value, int) \
                    or not low <= value <= high:
                what = ("number of conversations held" if key == "review_after_talks"
                        else "number of working days")
                raise ConversationError(
                    f"{source}: conversations.cadence.{key} must be a whole {what} "
                    f"from {low} to {high}, not {value!r}")
            values[key] = value
        return cls(**values)
