"""The coaching screens: one widget (a ``VBox``) per notebook page.

:class:`SessionApp` composes them into one widget (one notebook, one kernel) for Voilà.
Each screen is built from the instrument, restores saved answers before it listens for
changes, saves every committed change to a :class:`workbook.store.ClientStore`, and shows
errors in its own message area. Everything a button does is also a plain method, so the
notebooks run top to bottom under papermill with nobody clicking.
"""

from .app import Page, SessionApp
from .conversations import ConversationsPage
from .ingredient import IngredientSession
from .profile import ReadinessProfile
from .start import StartPage
from .texts import Texts
from .tools import parse_hours

__all__ = ["ConversationsPage", "IngredientSession", "Page", "ReadinessProfile", "SessionApp",
           "StartPage", "Texts", "parse_hours"]
