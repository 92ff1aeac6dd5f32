"""The conversations as a coaching session uses them: the pure model and the tracker.

This is the public face ``workbook.conversations`` (the README's
``from workbook.conversations import Tracker, due, model``): the model, its words and figures
live in :mod:`workbook.core.conversations` (pure: people, steps, working-day due dates,
planned against done); :mod:`workbook.session.tracker` keeps a client's list beside their
answers with the store's guarantees.
"""

from workbook.core.conversations import chart, model, starters, words  # noqa: E402
from workbook.core.conversations.cadence import Cadence
from workbook.core.conversations.model import (
    DUE_KINDS,
    PRIORITIES,
    STEP_WORDS,
    STEPS,
    Book,
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
from workbook.core.exceptions import ConversationError
from workbook.session.tracker import JOURNAL, SNAPSHOT, Tracker  # noqa: E402

__all__ = [
    "DUE_KINDS", "JOURNAL", "PRIORITIES", "SNAPSHOT", "STEPS", "STEP_WORDS", "Book",
    "Cadence", "ConversationError", "Due", "Person", "Place", "Tracker", "add_op",
    "add_place_op", "advance_op", "due", "edit_op", "followed_op", "let_go_op", "move_op",
    "person_due", "ranked", "remove_op", "share_op",
    "step_op", "suggest_op", "weekly", "working_days_after", "chart", "model", "starters", "words",
]
