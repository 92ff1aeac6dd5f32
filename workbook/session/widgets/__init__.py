"""The coaching screens: one widget (a ``VBox``) per notebook page.

:class:`SessionApp` composes them into one widget (one notebook, one kernel) for Voilà.
Each screen is built from the instrument, restores saved answers before it listens for
changes, saves every committed change to a :class:`workbook.session.store.ClientStore`, and shows
errors in its own message area. Everything a button does is also a plain method, so the
notebooks run top to bottom under papermill with nobody clicking.
"""

from workbook.session.widgets.app import Page, SessionApp
from workbook.session.widgets.conversations import ConversationsPage
from workbook.session.widgets.ingredient import IngredientSession
from workbook.session.widgets.profile import ReadinessProfile
from workbook.session.widgets.start import StartPage
from workbook.session.widgets.texts import Texts
from workbook.session.widgets.tools import parse_hours

__all__ = ["ConversationsPage", "IngredientSession", "Page", "ReadinessProfile", "SessionApp",
           "StartPage", "Texts", "parse_hours"]
