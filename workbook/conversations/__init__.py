"""The conversations tracker: whom to talk to, notes sent, follow-ups, what was learned.

:mod:`~workbook.conversations.model` is pure (people, steps, working-day due dates, planned
against done); :mod:`~workbook.conversations.store` keeps a client's list beside their
answers with the same guarantees; :mod:`~workbook.conversations.words` holds the cadence and
the words of the instrument file's ``[conversations]`` table.
"""

from .model import (
    DUE_KINDS,
    PRIORITIES,
    STEP_WORDS,
    STEPS,
    Book,
    Cadence,
    ConversationError,
    Due,
    Person,
    Place,
    add_op,
    add_place_op,
    advance_op,
    due,
    edit_op,
    followed_op,
    let_go_op,
    move_op,
    person_due,
    ranked,
    remove_op,
    share_op,
    step_op,
    suggest_op,
    weekly,
    working_days_after,
)


def __getattr__(name):
    """The store's names, imported on use (it needs pandas; the model alone does not)."""
    if name in ("JOURNAL", "SNAPSHOT", "Tracker"):
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DUE_KINDS", "JOURNAL", "PRIORITIES", "SNAPSHOT", "STEPS", "STEP_WORDS", "Book",
    "Cadence", "ConversationError", "Due", "Person", "Place", "Tracker", "add_op",
    "add_place_op", "advance_op", "due", "edit_op", "followed_op", "let_go_op", "move_op",
    "person_due", "ranked", "remove_op", "share_op",
    "step_op", "suggest_op", "weekly", "working_days_after",
]
