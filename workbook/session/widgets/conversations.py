"""The conversations page: whom to talk to, each one's steps, what is due, planned and held.

One page per client, after the profile. The list is kept by
:class:`workbook.session.tracker.Tracker` beside the client's answers; every change is one op of
:mod:`workbook.core.conversations.model`, saved at once, so two pages of the same client open at
the same time lose nothing.

Everything it says comes from the client's one plan
(:func:`workbook.session.widgets.profile.client_plan` with the list and the page's day). A *quiet*
plan (``not_now``, or an incomplete picture whose time or energy already says wait) makes it
a "for later" list: no note starter, no question guide, no follow-ups on the cards, no chart,
and of what is due only what is already promised to someone (thanks owed for a talk held, a
talk booked; ``Plan.due``), under "Already promised" with the plan's kind line
(``Plan.owed_line``). "Coming up" looks the plan's ``look_ahead_days`` ahead, as ``workbook
followups`` and the report do; dates in the instrument's ``[words.dates]``
(:func:`~workbook.core.date_words.say_day`). The weekly chart plans the pace only for a
``ready`` client: a client tending an ingredient first has a pace "once you start", so their
chart shows what was held, with no planned line.

The page is put together from four parts, each a class mixed into :class:`ConversationsPage`
and a module of its own beside this one:

- :mod:`~workbook.session.widgets.conv_places` (``PlacesPart``): the page starts from places,
  a short ranked list of organisations, and shows the list of people by place;
- :mod:`~workbook.session.widgets.conv_form` (``FormPart``): adding a person, and a card's
  "Change details";
- :mod:`~workbook.session.widgets.conv_list` (``ListPart``): the people, what is due
  ("Coming up", or "Already promised"), the weekly chart;
- :mod:`~workbook.session.widgets.conv_card` (``CardPart``): one person's card: their steps,
  the starter of their step (:mod:`workbook.core.conversations.starters`), letting go.

This module puts their widgets in one column, reads the plan and the list again
(:meth:`ConversationsPage.refresh`), redraws what a change can alter (``_draw``) and saves
every change (``_save``: one op, made from the list as it is on disk at that moment).

A click costs about the same with 1,000 people as with 5: the list is one ``Select`` (its
options replaced in one go) and only the card of the person chosen is redrawn
(``benchmarks/bench_conversations.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt

import ipywidgets as widgets

from workbook.core import schema
from workbook.core.conversations import model
from workbook.core.conversations.words import Words
from workbook.session.store import TOOL
from workbook.session.tracker import Tracker
from workbook.session.widgets.base import Screen, esc, heading
from workbook.session.widgets.conv_card import CardPart, ChangedElsewhere
from workbook.session.widgets.conv_form import FormPart, OnList
from workbook.session.widgets.conv_list import ListPart, planned_per_week
from workbook.session.widgets.conv_places import PlacesPart
from workbook.session.widgets.named import named_client
from workbook.session.widgets.profile import client_plan
from workbook.session.widgets.session import app_text, session_strip

__all__ = ["ConversationsPage"]

#: The page's own touches to the kit's stylesheet: the list reads at the page's type size.
_CSS = ("<style>.wb-conversations select { font-family: var(--body-font); font-size: 1rem; "
        "line-height: 1.6; }"
        ".wb-conversations .wb-overdue .wb-when { color: var(--error, #B00020); "
        "font-weight: 600; }"
        ".wb-conversations .wb-conv-info { color: var(--soft, #5b5348); "
        "margin: .2rem 0 .6rem; }"
        ".wb-conversations .wb-conv-details-box { border-left: 3px solid var(--line, #e6ded3); "
        "padding-left: .6em; }"
        ".wb-conversations .wb-conv-starter { white-space: pre-wrap; "
        "border-left: 3px solid var(--line, #e6ded3); padding: .2em .8em; margin: .3em 0; }"
        "</style>")


def _first_day(history) -> dt.date | None:
    """The day of a client's first session (None when there is none, or it is no date)."""
    for day in history or ():
        try:
            return dt.date.fromisoformat(str(day))
        except ValueError:
            continue
    return None


class ConversationsPage(ListPart, CardPart, FormPart, PlacesPart, Screen):
    """One client's conversations: add people, move them along, see what is due.

    Parameters
    ----------
    store : ClientStore
    client_id : str or None
        The client; None means the client of the open session. With no session open the
        page shows nobody and saves nothing.
    instrument : Instrument or path, optional
    today : date, optional
        The day steps are marked on and due dates are counted from (today by default).

    Attributes
    ----------
    book : Book
        The list as last read or saved.
    plan : Plan or None
        The client's plan; ``later`` is True for a ``not_now`` verdict.
    pace : float or None
        Conversations a week the plan has room for (the chart's "planned").
    selected : str or None
        Id of the person whose card is shown.

    The widgets of each part are named in its class: :class:`.ListPart` (``chooser``, the
    ranked list), :class:`.CardPart` (``card``, ``outreach_box``), :class:`.FormPart` (the
    add form, ``details_toggle``), :class:`.PlacesPart` (``places_list``, ``view``).

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from workbook.session.store import ClientStore
    >>> store = ClientStore(tempfile.mkdtemp())
    >>> page = ConversationsPage(store, "ann", today=dt.date(2026, 11, 27))
    >>> pid = page.add_person("Sam Lee", org="Parks")
    >>> page.advance(); page.book.people[pid].stage
    'drafted'
    """

    def __init__(self, store, client_id=None, *, instrument=None, today=None):
        super().__init__(instrument)
        self.store = store
        self.words = Words(self.instrument)
        # a named client through the start page's door: a look-alike is refused (L2)
        self.client = named_client(store, client_id, self.texts)
        self.tracker = Tracker(store, self.client) if self.client is not None else None
        self._today = today
        self.book, self.plan, self.pace, self.later = model.Book(), None, None, False
        self._last_followed = {}  # person id -> the follow-up this page recorded last (D4)
        self.selected, self._quiet, self._starter, self._latest = None, False, "", {}
        self._first_session = None  # the plan's first week is this session's
        self.place_selected = None
        self._shown = None  # the person whose card was drawn last
        # the texts the card's boxes last showed, by person: a save merges over them (D1)
        self._shown_texts = {}
        self._shown_share = (False, False)  # the sharing boxes as last drawn (E13)
        self._filled = {}  # person id -> what "Change details" was filled with (E12)
        self._drawn_next = (None, None)  # (person id, the step their button names) (E14)
        self._drawn_steps = (None, None)  # (person id, the steps their card shows) (G2)
        self._build()
        self.guarded(self.refresh)()
        self._attach()

    @property
    def today(self) -> dt.date:
        """The day of the page (steps done now are dated with it)."""
        return self._today or dt.date.today()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        say = self.words.get
        self.strip = session_strip(self.client, self.texts)
        self.title, self.intro = widgets.HTML(_CSS + ""), widgets.HTML("")
        add_box = self._build_form()
        self._build_list()
        self.card = self._build_card()
        places_box = self._build_places()
        self.share_report = widgets.Checkbox(description=say("share_report"), indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.share_names = widgets.Checkbox(description=say("share_names"), indent=False,
                                            layout=widgets.Layout(width="auto"))
        self.children = [
            self.strip, self.title, self.intro, places_box, add_box, self.due_heading,
            self.owed_note, self.due_box,
            self.list_heading, self.view, self.by_place, self.list_note,
            self.chooser, self.card,
            self.chart_heading, self.chart, heading(say("share_heading")), self.share_report,
            self.share_names, self.status, self.messages,
        ]
        self.add_class("wb-conversations")

    def _button(self, text, css, style="") -> widgets.Button:
        button = widgets.Button(description=text, tooltip=text, button_style=style,
                                layout=widgets.Layout(width="auto", align_self="flex-start"))
        button.add_class(css)
        return button

    def _attach(self) -> None:
        """Wire every control, once, after the saved list is shown."""
        g = self.guarded
        self._attach_form()
        self._attach_card()
        self._attach_places()
        self._attach_list()
        for box in (self.share_report, self.share_names):
            box.observe(g(lambda _c: self._shared()), "value")

    @contextlib.contextmanager
    def _hold(self):
        """Set widget values without saving them."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    # -- reading and drawing ---------------------------------------------------------------
    def refresh(self) -> None:
        """Read the plan and the list again and redraw the page (done whenever it is shown)."""
        self.clear_messages()
        self.name_note.value = ""
        self._clear_card_notes()
        if self.client is None:
            self.show_message(app_text(self.texts, "no_session"))
        else:
            history = self.reading(self.store.history, self.client)
            self.book = self.reading(self.tracker.read)
            self.plan, self._latest, _ = client_plan(history, self.instrument, book=self.book,
                                                     today=self.today)
            self._first_session = _first_day(history)
        self.later = bool(getattr(self.plan, "quiet", False))
        self.pace = planned_per_week(self.plan)
        say = self.words.get
        self.title.value = _CSS + (
            f"<h2>{esc(say('later_heading' if self.later else 'heading'))}</h2>")
        self._show_share()
        self._draw()

    def _show_share(self) -> None:
        """Tick the sharing boxes as the list says (what a change is compared with, E13)."""
        with self._hold():
            self.share_report.value = self.book.share_report
            self.share_names.value = self.book.share_names
        self.share_names.disabled = not self.book.share_report
        self._shown_share = (self.book.share_report, self.book.share_names)

    def _draw(self) -> None:
        """Redraw what a change can alter: the list, the card, what is due, the chart."""
        self._draw_list()
        self._draw_places()
        self._draw_intro()
        self._draw_due()
        self._draw_chart()
        self._draw_card()

    def _draw_intro(self) -> None:
        """The page's first words.

        A quiet list that still owes something never says that nothing is due.
        """
        key = "intro"
        if self.later:
            key = "later_intro_owed" if self._due() else "later_intro"
            if getattr(self.plan, "verdict", None) == schema.INCOMPLETE:  # not "not now"
                key = key.replace("later_intro", "later_intro_wait")
        self.intro.value = f"<p>{esc(self.words.get(key))}</p>"

    def _day(self, day: dt.date) -> str:
        """A date as the flags and messages say it (the year only when not the page's)."""
        from workbook.core.date_words import say_day  # the instrument's [words.dates]

        return say_day(day, self.instrument, this_year=self.today.year)

    def _ambition(self, key):
        """The client's own north star or motivators, from whichever section holds them."""
        for section in self._latest.values():
            tool = section.get(TOOL) if isinstance(section, dict) else None
            if isinstance(tool, dict) and tool.get(key):
                value = tool[key]
                return [str(v) for v in value] if isinstance(value, list) else str(value)
        return None

    # -- saving ----------------------------------------------------------------------------
    def _can_save(self) -> bool:
        if self.client is None:
            if app_text(self.texts, "no_session") not in self.errors:
                self.show_message(app_text(self.texts, "no_session"))
            return False
        return self._still_open()

    def still_open(self) -> bool:
        """Whether the page's session is still open (:meth:`_still_open`: closed if not)."""
        return self._still_open()

    def _still_open(self) -> bool:
        """Whether the page's session is still open; when it is not, the page is closed.

        Ended (or another client opened) on another page: whatever is chosen here next (a
        card, a place, the list by place, a step) shows no more of the client's record; the
        page shows only that the session is no longer open (round 8 G9).
        """
        if self.client is None or self.session_open is None or self.session_open():
            return True
        said = app_text(self.texts, "session_ended")
        if self.children != (self.page_style, self.messages):
            self.selected = self.place_selected = None
            with self._hold():
                self.chooser.options = self.places_list.options = []
            for box in (self.card_head, self.card_steps, self.card_flags, self.by_place,
                        self.due_box, self.chart, self.list_note):
                box.value = ""
            self.children = [self.messages]
        if said not in self.errors:
            self.clear_messages()
            self.show_message(said)
        self._tell_closed()  # the app around the page closes too
        return False

    def _save(self, make, *, base=None):
        """Make an op from the list as it is on disk now, save it, redraw; the op or None.

        ``base``: the person's texts as this page showed them (an edit's texts are merged
        over what another page saved since, :meth:`Tracker.change`).
        """
        if not self._can_save():
            return None
        was, self.book = self.book, self.reading(self.tracker.read)
        try:
            op = make(self.book)
        except ChangedElsewhere:  # what the page showed is no longer so (E14): redrawn
            self._draw()
            self.show_message(self.words.get("changed_elsewhere"))
            return None
        except OnList:  # said beside the name box (the add form's refusal)
            raise
        except model.ConversationError:
            gone = [p for pid, p in was.people.items() if pid not in self.book.people]
            places = [p for pid, p in was.places.items() if pid not in self.book.places]
            if places and (not gone or self.place_selected in {p.id for p in places}):
                # a place taken off on another page meanwhile: said in words, redrawn (G8)
                place = next((p for p in places if p.id == self.place_selected), places[0])
                text = self.words.get("place_gone_elsewhere", name=place.name)
                self._draw()
                self.places_note.value = f"<p>{esc(text)}</p>"
                self.show_message(text)
                return None
            if not gone:
                raise
            # taken off the list on another page meanwhile: said here, the list redrawn (D8)
            person = next((p for p in gone if p.id == self.selected), gone[0])
            text = self.words.get("gone_elsewhere", name=person.name)
            self._draw()
            self.list_note.value = f"<p>{esc(text)}</p>"
            self.show_message(text)
            return None
        self.book = self.tracker.change(op, base=base)
        self.mark_saved()
        return op

    def _person_id(self, person_id):
        chosen = person_id or self.selected
        if chosen is None:
            raise model.ConversationError("choose a person on the list first")
        return chosen

    # -- plain functions (what a click does) ------------------------------------------------
    def set_share(self, report: bool, names: bool) -> None:
        """Record what the client chose to put in their report (both values, as given)."""
        with self._hold():
            self.share_report.value, self.share_names.value = bool(report), bool(names)
        self._shared(exact=True)

    # -- events ----------------------------------------------------------------------------
    def _shared(self, *, exact: bool = False) -> None:
        """Save the box the person changed, and only it (round 7 E13).

        Each box is compared with what the page last drew; the other one is taken from the
        list on disk, so a page drawn before another window's change never writes back the
        value it showed (a client's "no" to sharing, given elsewhere, stands). When the
        other window changed it, the page says so and shows what is kept. ``exact``: both
        boxes are saved as they are (:meth:`set_share`).
        """
        if self._quiet:
            return
        shown_report, shown_names = self._shown_share
        report, names = self.share_report.value, self.share_names.value
        moved = []

        def make(book):
            keep_report, keep_names = book.share_report, book.share_names
            new_report = report if exact or report != shown_report else keep_report
            new_names = names if exact or names != shown_names else keep_names
            if (keep_report, keep_names) != self._shown_share and (
                    new_report != report or new_names != names):
                moved.append(True)
            return model.share_op(report=new_report, names=new_names and new_report)

        if self._save(make):
            self._show_share()
            if moved:
                self.show_message(self.words.get("changed_elsewhere_kept"))
