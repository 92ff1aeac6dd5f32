"""The conversations page: whom to talk to, each one's steps, what is due, planned and held.

One page per client, after the profile. The list is kept by
:class:`workbook.conversations.Tracker` beside the client's answers; every change is one op of
:mod:`workbook.conversations.model`, saved at once, so two pages of the same client open at
the same time lose nothing.

Everything it says comes from the client's one plan
(:func:`workbook.widgets.profile.client_plan` with the list and the page's day). A *quiet*
plan (``not_now``, or an incomplete picture whose time or energy already says wait) makes it
a "for later" list: no note starter, no question guide, no follow-ups on the cards, no chart,
and of what is due only what is already promised to someone (thanks owed for a talk held, a
talk booked; ``Plan.due``), under "Already promised" with the plan's kind line
(``Plan.owed_line``). "Coming up" looks the plan's ``look_ahead_days`` ahead, as ``workbook
followups`` and the report do; dates in the instrument's ``[words.dates]``
(:func:`~workbook.date_words.say_day`). The weekly chart plans the pace only for a
``ready`` client: a client tending an ingredient first has a pace "once you start", so their
chart shows what was held, with no planned line.

The page starts from places (:class:`~workbook.widgets.conv_places.PlacesPart`: a short
ranked list, the list of people by place); each card offers the starter of its step
(:mod:`workbook.conversations.starters`: the first note, a nudge while one is open, thanks
once the talk is held, what came of their advice once thanks are sent), and letting go
where the model allows it, with the instrument's line that silence says nothing about the
client.

A click costs about the same with 1,000 people as with 5: the list is one ``Select`` (its
options replaced in one go) and only the card of the person chosen is redrawn
(``benchmarks/bench_conversations.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt

import ipywidgets as widgets

from .. import advice, schema
from ..conversations import model
from ..conversations.chart import weekly_alt, weekly_svg
from ..conversations.store import Tracker
from ..conversations.words import Words
from ..pacing import said_per_week
from ..reports.chart import svg_figure_html
from ..store import TOOL
from .base import WIDE, Screen, esc, heading, paragraph, typed_id
from .conv_places import PlacesPart
from .profile import client_plan
from .session import app_text, session_strip
from .tools import field_note

#: Most follow-ups listed under "Coming up" (the rest are counted).
DUE_SHOWN = 25
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
_LABEL = {"description_width": "initial"}
#: Labels of the boxes stacked in a column share one width, so the boxes line up.
#: A text box sends its text when it is left or Enter is pressed (see ``_build``).
_WHOLE = {"continuous_update": False}
_COLUMN = {"description_width": "12.5em"}


#: A day this far from today (in years), either way, is asked about (round 6, D6).
ODD_YEARS = 1
#: A step this long before the client's first session is asked about too.
ODD_BEFORE_FIRST = dt.timedelta(days=28)


def _as_day(value) -> dt.date | None:
    """A date (a date, a datetime's day, an ISO day), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _years_after(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years (29 February to 28 February when needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def info_note(text: str) -> str:
    """HTML for a note beside a box that only informs (the quiet style, not the error colour).

    Examples
    --------
    >>> info_note("Already <there>.")
    '<p class="wb-conv-info" role="status">Already &lt;there&gt;.</p>'
    """
    return f'<p class="wb-conv-info" role="status">{esc(text)}</p>'


def split_suggestion(line: str) -> tuple:
    """A suggested name as typed, split into the person and where they work.

    Two forms only: ``"Name at Place"`` and ``"Name, Place"``, cut at whichever comes first
    (so the place may itself hold " at " or a comma). Anything else is all name.

    Examples
    --------
    >>> split_suggestion("Omar Haddad at City Archives")
    ('Omar Haddad', 'City Archives')
    >>> split_suggestion("Jo Kim, Parks Dept")
    ('Jo Kim', 'Parks Dept')
    >>> split_suggestion("Lu Park, archivist at the Museum")
    ('Lu Park', 'archivist at the Museum')
    >>> split_suggestion("Kim Ode"), split_suggestion(", Parks")
    (('Kim Ode', ''), (', Parks', ''))
    """
    line = line.strip()
    cuts = [(at, sep) for sep in (" at ", ", ") if (at := line.find(sep)) > 0]
    if not cuts:
        return line, ""
    at, sep = min(cuts)
    name, org = line[:at].strip(), line[at + len(sep):].strip()
    return (name, org) if name and org else (line, "")


def planned_per_week(plan) -> float | None:
    """The pace the weekly chart plans: the plan's own ``planned_per_week``.

    A quiet client has none; a client tending an ingredient first has a pace only "once you
    start", so their chart shows what was held, with no planned line.
    """
    planned = getattr(plan, "planned_per_week", None)
    return float(planned) if planned else None


def per_week(plan) -> float | None:
    """The pace of a plan as its words say it (conversations a week), or None if it has none.

    ``pacing.said_per_week``: 1.5 a week reads "1 conversation a week", so 1 is planned, as
    in the personal report.
    """
    pace = getattr(plan, "pace", None)
    said = said_per_week(pace.per_week) if pace is not None else 0
    return float(said) if said > 0 else None


_OVERDUE = " class='wb-overdue'"


def _first_day(history) -> dt.date | None:
    """The day of a client's first session (None when there is none, or it is no date)."""
    for day in history or ():
        try:
            return dt.date.fromisoformat(str(day))
        except ValueError:
            continue
    return None


class ConversationsPage(PlacesPart, Screen):
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
    chooser : Select
        The ranked list (class ``wb-conv-list``); choosing a person opens their card.
    details_toggle : ToggleButton
        Shows the card's "Change details" part (``details_box``: ``edit_name``, ``edit_org``,
        ``edit_found``, ``edit_why``, ``edit_priority``, ``details_save``).
    outreach_box : VBox
        The note starter and the question guide (hidden on a "for later" card).

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from workbook.store import ClientStore
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
        self.client = store.resolve_client(typed_id(client_id))
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
        # Boxes read by a button send their text when left (Tab), not on every key: a click
        # is sent at once while key updates wait behind one another, so with every key sent
        # a quick Tab and Enter could add the person before the last keys arrived (ipywidgets
        # throttles sync messages only, issue 1382); one message per box keeps the order.
        self.name = widgets.Text(description=say("name_label"), layout=WIDE, style=_COLUMN,
                                 placeholder=say("name_placeholder"), **_WHOLE)
        self.name.add_class("wb-conv-name")
        self.name_note = widgets.HTML("")
        # one of the client's places, a new one (listed as it is added), or none
        self.org = widgets.Combobox(description=say("org_label"), layout=WIDE, style=_COLUMN,
                                    placeholder=say("org_placeholder"), ensure_option=False,
                                    **_WHOLE)
        self.org.add_class("wb-conv-org")
        self.found = widgets.Text(description=say("found_label"), layout=WIDE, style=_COLUMN,
                                  placeholder=say("found_placeholder"), **_WHOLE)
        self.found.add_class("wb-conv-found")
        self.why = widgets.Textarea(description=say("why_label"), layout=WIDE, style=_COLUMN,
                                    **_WHOLE)
        self.priority = widgets.Dropdown(
            description=say("priority_label"), value=2, style=_COLUMN,
            options=[(say(f"priority_{n}"), n) for n in model.PRIORITIES])
        self.add_button = self._button(say("add_button"), "wb-conv-add", "primary")
        add_box = widgets.VBox([heading(say("add_heading")), self.name, self.name_note,
                                self.org, self.found, self.why, self.priority,
                                self.add_button])
        self.due_heading = heading(say("due_heading",
                                       days=self.words.number(model.COMING_UP_DAYS)))
        self.owed_note = widgets.HTML("")
        self.owed_note.add_class("wb-conv-owed")
        self.due_box = widgets.HTML("")
        self.due_box.add_class("wb-conv-due")
        self.chart_heading = heading(say("chart_heading"))
        self.chart = widgets.HTML("", layout=widgets.Layout(max_width="560px"))
        self.chart.add_class("wb-conv-chart")
        self.chooser = widgets.Select(options=[], rows=8, description=say("list_label"),
                                      style=_COLUMN, layout=widgets.Layout(width="95%"))
        self.chooser.add_class("wb-conv-list")
        self.list_note = widgets.HTML("")
        self.card = self._build_card()
        places_box = self._build_places()
        self.share_report = widgets.Checkbox(description=say("share_report"), indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.share_names = widgets.Checkbox(description=say("share_names"), indent=False,
                                            layout=widgets.Layout(width="auto"))
        self.list_heading = heading(say("list_heading"))  # its own words "by place"
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

    def _build_card(self) -> widgets.VBox:
        say, row = self.words.get, widgets.Layout(flex_flow="row wrap", align_items="center")
        self.card_head, self.card_steps = widgets.HTML(""), widgets.HTML("")
        self.card_flags = widgets.HTML("")
        self.details_box = self._build_details()
        self.advance_button = self._button("", "wb-conv-advance", "primary")
        self.undo_button = self._button(say("undo_button"), "wb-conv-undo")
        self.earlier_step = widgets.Dropdown(
            description=say("earlier_step"), style=_LABEL,
            options=self._earlier_options(nudge=False))
        # No ``max``: ipywidgets 8.1's DatePicker does not pass it to the page's date box
        # (only DatetimePicker does), and the kernel would quietly move a later day typed
        # to today; a day ahead is kept as typed and refused in words by "Record it".
        self.earlier_date = widgets.DatePicker(description=say("earlier_date"), style=_LABEL)
        self.earlier_date.add_class("wb-conv-earlier-date")
        self.earlier_button = self._button(say("earlier_button"), "wb-conv-earlier")
        self.earlier_note = widgets.HTML("")
        # a day that looks mistyped (years back, long before the first session) is asked
        # about first; this button records it as typed (round 6, D6)
        self.earlier_yes = self._button(say("earlier_yes"), "wb-conv-earlier-yes")
        self.earlier_yes.layout.display = "none"
        self._asking = None  # (person id, step, day) asked about by the note
        # wide enough for the label's column and a whole date box
        self.meeting = widgets.DatePicker(description=say("meeting_label"), style=_COLUMN,
                                          layout=widgets.Layout(width="26em"))
        self.meeting_note = widgets.HTML("")  # a day years away, or long gone: said (D6)
        # its own layout: it is hidden on some cards, and WIDE is shared by every text box
        self.note = widgets.Textarea(description=say("note_heading"), rows=11,
                                     layout=widgets.Layout(width=WIDE.width),
                                     style=_COLUMN, continuous_update=False)
        self.note.add_class("wb-conv-note")
        questions = "".join(f"<li>{esc(q)}</li>" for q in self.words.questions)
        self.learned = widgets.Textarea(description=say("learned_label"), layout=WIDE,
                                        style=_COLUMN, continuous_update=False)
        self.suggested = widgets.Textarea(description=say("suggested_label"), layout=WIDE,
                                          style=_COLUMN, continuous_update=False,
                                          placeholder=say("suggested_placeholder"))
        self.suggest_button = self._button(say("suggest_button"), "wb-conv-suggest")
        self.suggest_note = widgets.HTML("")
        self.followups = widgets.HTML("")
        self.nudge_button = self._button(say("followed_nudge"), "wb-conv-nudge")
        self.another_button = self._button(say("followed_another"), "wb-conv-another")
        # shown only for a person whose follow-ups include them (_draw_followups)
        self.nudge_button.layout.display = self.another_button.layout.display = "none"
        self.remove_button = self._button(say("remove_button"), "wb-conv-remove")
        self.confirm_text = widgets.HTML("")
        self.remove_yes = self._button(say("remove_yes"), "wb-conv-remove-yes", "danger")
        self.remove_no = self._button(say("remove_no"), "wb-conv-remove-no")
        # someone with a step stays on the list: letting them go is offered instead
        self.remove_let_go = self._button(say("let_go_button"), "wb-conv-remove-let-go")
        self.confirm = widgets.HBox([self.confirm_text, self.remove_yes, self.remove_let_go,
                                     self.remove_no],
                                    layout=widgets.Layout(flex_flow="row wrap",
                                                          display="none"))
        # the nudge starter, while a nudge is open; letting go kindly, once the model says so
        self.nudge_text = self._starter_box("wb-conv-nudge-starter")
        self.nudge_box = widgets.VBox([heading(say("nudge_heading"), 4),
                                       paragraph(say("nudge_hint")), self.nudge_text])
        self.let_go_button = self._button(say("let_go_button"), "wb-conv-let-go")
        self.let_go_box = widgets.VBox([paragraph(say("let_go_words"), "wb-conv-silence"),
                                        self.let_go_button])
        self.follow_box = widgets.VBox([
            heading(say("followups_heading"), 4), self.followups,
            widgets.HBox([self.nudge_button, self.another_button], layout=row),
            self.nudge_box, self.let_go_box])
        # a person let go: said, with the line on silence, and a way to take it back
        self.closed_text = widgets.HTML("")
        self.let_go_undo = self._button(say("let_go_undo"), "wb-conv-let-go-undo")
        self.closed_box = widgets.VBox([self.closed_text,
                                        paragraph(say("let_go_words"), "wb-conv-silence"),
                                        self.let_go_undo])
        # what a "for later" card leaves out: the note starter and the question guide
        # before the note is sent: a note to start from; after: the client's own note, if any
        self.starter_words = widgets.VBox([heading(say("starter_heading"), 4),
                                           paragraph(say("starter_hint"))])
        # the question guide, until the talk is held
        self.questions_box = widgets.VBox([heading(say("questions_heading"), 4),
                                           widgets.HTML(f"<ol>{questions}</ol>")])
        self.outreach_box = widgets.VBox([self.starter_words, self.note, self.questions_box])
        # a talk held, thanks not sent: the thank-you framing (quiet lists too: it is owed)
        self.thanks_text = self._starter_box("wb-conv-thanks-starter")
        self.thanks_box = widgets.VBox([paragraph(say("thanks_hint"), "wb-conv-thanks"),
                                        heading(say("thanks_heading"), 4), self.thanks_text])
        # thanks sent: some weeks on, what came of their advice (not on a quiet list)
        self.told_text = self._starter_box("wb-conv-told-starter")
        self.told_box = widgets.VBox([heading(say("told_heading"), 4),
                                      paragraph(say("told_hint")), self.told_text])
        card = widgets.VBox([
            self.card_head, self.details_toggle, self.details_box, self.card_steps,
            self.card_flags,
            widgets.HBox([self.advance_button, self.undo_button], layout=row),
            heading(say("earlier_heading"), 4),
            widgets.HBox([self.earlier_step, self.earlier_date, self.earlier_button],
                         layout=row), self.earlier_note, self.earlier_yes, self.meeting,
            self.meeting_note, self.closed_box,
            self.follow_box, self.outreach_box, self.thanks_box, self.told_box,
            heading(say("learned_heading"), 4), self.learned, self.suggested,
            self.suggest_button, self.suggest_note, self.remove_button, self.confirm,
        ], layout=widgets.Layout(display="none", border="1px solid #e6ded3",
                                 padding="0.2em 1.1em 1em", margin="0.8em 0"))
        card.add_class("wb-conv-card")
        return card

    @staticmethod
    def _starter_box(css: str) -> widgets.HTML:
        box = widgets.HTML("")
        box.add_class(css)
        return box

    def _build_details(self) -> widgets.VBox:
        """The card's "Change details" part: the add form's fields, filled, and Save."""
        say = self.words.get
        self.details_toggle = widgets.ToggleButton(
            description=say("details_button"), tooltip=say("details_button"),
            layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.details_toggle.add_class("wb-conv-details")
        self.edit_name = widgets.Text(description=say("name_label"), layout=WIDE,
                                      style=_COLUMN, **_WHOLE)
        self.edit_name.add_class("wb-conv-edit-name")
        self.edit_name_note = widgets.HTML("")
        # another of the client's places (the person moves there), a new one, or none
        self.edit_org = widgets.Combobox(description=say("org_label"), layout=WIDE,
                                         style=_COLUMN, placeholder=say("org_placeholder"),
                                         ensure_option=False, **_WHOLE)
        self.edit_found = widgets.Text(description=say("found_label"), layout=WIDE,
                                       style=_COLUMN, **_WHOLE)
        self.edit_why = widgets.Textarea(description=say("why_label"), layout=WIDE,
                                         style=_COLUMN, **_WHOLE)
        self.edit_priority = widgets.Dropdown(
            description=say("priority_label"), value=2, style=_COLUMN,
            options=[(say(f"priority_{n}"), n) for n in model.PRIORITIES])
        self.details_save = self._button(say("details_save"), "wb-conv-details-save")
        box = widgets.VBox([self.edit_name, self.edit_name_note, self.edit_org,
                            self.edit_found, self.edit_why, self.edit_priority,
                            self.details_save],
                           layout=widgets.Layout(display="none", margin="0 0 0.6em"))
        box.add_class("wb-conv-details-box")
        return box

    def _attach(self) -> None:
        """Wire every control, once, after the saved list is shown."""
        g = self.guarded
        self.add_button.on_click(g(lambda _b: self.add_person(
            self.name.value, org=self.org.value, found=self.found.value, why=self.why.value,
            priority=self.priority.value)))
        self.advance_button.on_click(g(lambda _b: self.advance()))
        self.undo_button.on_click(g(lambda _b: self.undo()))
        self.details_toggle.observe(g(lambda c: self._show_details(c["new"])), "value")
        self.details_save.on_click(g(lambda _b: self.change_details(
            self.edit_name.value, org=self.edit_org.value, found=self.edit_found.value,
            why=self.edit_why.value, priority=self.edit_priority.value)))
        self.earlier_button.on_click(g(lambda _b: self.record_step(
            self.earlier_step.value, self.earlier_date.value)))
        self.earlier_yes.on_click(g(lambda _b: self._record_asked()))
        self.suggest_button.on_click(g(lambda _b: self.suggest()))
        self.nudge_button.on_click(g(lambda _b: self.followed("nudge")))
        self.another_button.on_click(g(lambda _b: self.followed("another")))
        self.remove_button.on_click(g(lambda _b: self._ask_remove(True)))
        self.remove_no.on_click(g(lambda _b: self._ask_remove(False)))
        self.remove_yes.on_click(g(lambda _b: self.remove()))
        self.remove_let_go.on_click(g(lambda _b: self.let_go()))
        self.let_go_button.on_click(g(lambda _b: self.let_go()))
        self.let_go_undo.on_click(g(lambda _b: self.let_go(undo=True)))
        self._attach_places()
        self.chooser.observe(g(self._chosen), "value")
        for field in ("note", "learned", "suggested", "meeting"):
            getattr(self, field).observe(g(lambda c, f=field: self._edited(f, c["new"])),
                                         "value")
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
        with self._hold():
            self.share_report.value = self.book.share_report
            self.share_names.value = self.book.share_names
        self.share_names.disabled = not self.book.share_report
        self._draw()

    def _draw(self) -> None:
        """Redraw what a change can alter: the list, the card, what is due, the chart."""
        people = self._ordered(model.ranked(self.book))
        if self.selected not in self.book.people:
            self.selected = None
        with self._hold():
            self.chooser.options = [(self._label(p), p.id) for p in people]
            self.chooser.value = self.selected
        self.chooser.rows = max(2, min(len(people), 8))
        self.chooser.layout.display = None if people else "none"
        self.list_note.value = "" if people else f"<p>{esc(self.words.get('list_empty'))}</p>"
        self._draw_places()
        self._draw_intro()
        self._draw_due()
        self._draw_chart()
        self._draw_card()

    def _earlier_options(self, *, nudge: bool) -> list:
        """The steps "On an earlier day" records; with ``nudge``, a nudge after the note sent."""
        out = []
        for step in model.STEPS[1:]:
            out.append((self.words.step(step), step))
            if step == "sent" and nudge:
                out.append((self.words.step("nudge"), "nudge"))
        return out

    def _label(self, person, *, place_too: bool = True) -> str:
        where = model.place_name(self.book, person) if place_too else ""
        place = f" ({where})" if where else ""
        step = self.words.get("let_go_step") if person.closed else self.words.step(person.stage)
        return f"{person.name}{place}: {step}"

    def _due(self) -> list:
        """What is due, as the plan allows (:meth:`workbook.advice.Plan.due`)."""
        if self.client is None or self.plan is None:
            return []
        return self.plan.due(self.book, today=self.today, cadence=self.words.cadence)

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

    def _draw_due(self) -> None:
        """What is due, as the plan allows.

        "Coming up" over the plan's look-ahead; for a quiet client, what is already promised
        (thanks owed, a talk booked), with the plan's kind line.
        """
        say, today = self.words.get, self.today
        items = self._due()
        days = getattr(self.plan, "look_ahead_days", model.COMING_UP_DAYS)
        shown = self.client is not None and (not self.later or bool(items))
        for box in (self.due_heading, self.owed_note, self.due_box):
            box.layout.display = None if shown else "none"
        self.owed_note.value = ""
        if not shown:
            self.due_box.value = ""
            return
        if self.later:
            self.due_heading.value = f"<h3>{esc(say('owed_heading'))}</h3>"
            self.owed_note.value = f"<p>{esc(self.plan.owed_line(self.book))}</p>"
        else:
            self.due_heading.value = (
                f"<h3>{esc(say('due_heading', days=self.words.number(days)))}</h3>")
        if not items:
            self.due_box.value = (
                f"<p>{esc(say('due_none', days=self.words.number(days)))}</p>")
            return
        lines = []
        for item in items[:DUE_SHOWN]:
            said = item.words(self.words.table)  # the instrument's due_<kind>
            if item.kind == "talk" and item.date < today:  # a talk's day is past, not overdue
                when, css = self._day(item.date), ""
                said = f"{said}: {say('talk_past')}"
            elif item.date < today:
                when = say("due_overdue", date=self._day(item.date))
                css = " class='wb-overdue'"
            else:
                when = say("due_today") if item.date == today else self._day(item.date)
                css = ""
            where = f", {esc(item.place)}" if item.place else ""  # the place, beside
            lines.append(f"<li{css}><b>{esc(item.name)}</b>{where} <span class='wb-when'>"
                         f"({esc(when)})</span>: "
                         f"{esc(said)}</li>")
        more = len(items) - DUE_SHOWN
        said_more = say("due_more", count=self.words.number(max(more, 0)),
                        days=self.words.number(days))
        tail = f"<p>{esc(said_more)}</p>" if more > 0 else ""
        self.due_box.value = f"<ul>{''.join(lines)}</ul>{tail}"

    def _day(self, day: dt.date) -> str:
        """A date as the flags and messages say it (the year only when not the page's)."""
        from ..date_words import say_day  # the instrument's [words.dates]

        return say_day(day, self.instrument, this_year=self.today.year)

    def _draw_chart(self) -> None:
        shown = not self.later and self.client is not None
        self.chart_heading.layout.display = None if shown else "none"
        self.chart.layout.display = None if shown else "none"
        tending = getattr(self.plan, "verdict", None) == schema.BUILD_FIRST
        held_only = tending and self.pace is None  # no line: the heading says held only
        self.chart_heading.value = (
            f"<h3>{esc(self.words.get('chart_heading_held' if held_only else 'chart_heading'))}"
            "</h3>")
        if not shown:
            self.chart.value = ""
        elif self.pace is None and not tending:
            self.chart.value = f"<p>{esc(self.words.get('chart_none'))}</p>"
        else:
            rows = model.weekly(self.book, self.pace, today=self.today,
                                since=self._first_session)
            self.chart.value = svg_figure_html(weekly_svg(rows, self.instrument),
                                               alt=weekly_alt(rows, self.instrument))

    def _draw_card(self) -> None:
        person = self.book.people.get(self.selected) if self.selected else None
        self.card.layout.display = None if person is not None else "none"
        self.confirm.layout.display = "none"
        if self.selected != self._shown:  # another card: the last one's notes do not apply
            self._shown = self.selected
            self._clear_card_notes()
        if person is None:
            return
        say = self.words.get
        head = [f"<h3>{esc(person.name)}</h3>"]
        facts = [(say("org_label"), person.org), (say("card_found"), person.found),
                 (say("card_why"), person.why),
                 (say("card_priority"), say(f"priority_{person.priority}"))]
        head += [f"<p><b>{esc(k)}:</b> {esc(v)}</p>" for k, v in facts if v]
        self.card_head.value = "".join(head)
        steps = []
        for step in model.STEPS:
            day = person.date(step)
            mark = "\u2713" if day else "\u25cb"
            when = self._day(day) if day else say("step_not_yet")
            steps.append(f"<li>{mark} {esc(self.words.step(step))}: {esc(when)}</li>")
            # (a list kept for later speaks of no nudge: tests/one_voice_rules.md)
            nudged = person.followed.get("nudge") if step == "sent" and not self.later else None
            if nudged:  # a nudge is no step of its own, but its day is worth seeing
                steps.append(f"<li>\u2713 {esc(self.words.step('nudge'))}: "
                             f"{esc(self._day(dt.date.fromisoformat(nudged)))}</li>")
        self.card_steps.value = f"<ul class='wb-conv-steps'>{''.join(steps)}</ul>"
        flags = person.flags()
        # Closed at first, as the profile's: the screen is shared with the client.
        self.card_flags.value = "" if not flags else (
            f"<details class='wb-coach-box'><summary><b>{esc(say('flags_heading'))}</b>"
            "</summary><ul>" + "".join(f"<li>{esc(f)}</li>" for f in flags)
            + "</ul></details>")
        nxt = person.next_step
        self.advance_button.description = (
            say("advance_button", step=self.words.step(nxt)) if nxt else say("all_done"))
        self.advance_button.tooltip = self.advance_button.description
        self.advance_button.disabled = nxt is None
        # someone let go has no next step (not "every step is done"): the card says they
        # were let go, and "Take it back" opens them again
        self.advance_button.layout.display = "none" if person.closed else None
        # a "for later" list is quiet: its one button is a plain one
        self.advance_button.button_style = "" if self.later else "primary"
        self.undo_button.disabled = person.stage == "noted"
        # a nudge is offered while one is open: a note out, no answer, the list not for later
        open_note = "sent" in person.steps and not any(k in person.steps for k in model.ANSWERED)
        nudge = open_note and not self.later and not person.closed
        with self._hold():
            options = self._earlier_options(nudge=nudge)
            if list(self.earlier_step.options) != options:
                self.earlier_step.options = options
            self.earlier_step.value = nxt or person.stage
        facts = self.words.facts(person, self.book,
                                 place=model.place_name(self.book, person))
        minutes = getattr(self.plan, "conversation_minutes", None)
        self._draw_outreach(person)
        self._draw_followups(person, facts, minutes)
        self._starter = self.words.starter("note", facts, minutes=minutes)
        self.thanks_text.value = self._starter_html("thanks", facts, minutes)
        self.told_text.value = self._starter_html("told", facts, minutes)
        self.closed_box.layout.display = None if person.closed else "none"
        self.closed_text.value = "" if not person.closed else "<p><b>{}</b></p>".format(
            esc(say("let_go_done", date=self._day(dt.date.fromisoformat(person.let_go)))))
        with self._hold():
            self.note.value = person.note or self._starter
            self.learned.value = person.learned
            self.suggested.value = person.suggested
            self.meeting.value = dt.date.fromisoformat(person.meeting) if person.meeting else None
        self._shown_texts[person.id] = {
            **self._shown_texts.get(person.id, {}),
            "note": person.note, "learned": person.learned, "suggested": person.suggested}

    def _draw_outreach(self, person) -> None:
        """What the card offers for writing: by how far this person has got.

        Before the note is sent, a note to start from; once sent, the client's own note (if
        one was written) and the questions; once the talk is held, the thank-you framing
        until thanks are sent, and nothing of outreach. A quiet list shows no outreach.
        """
        steps = person.steps
        held = "held" in steps or "thanked" in steps
        unsent = not any(s in steps for s in model.STEPS[model.STEPS.index("sent"):])
        closed = person.closed
        self.outreach_box.layout.display = "none" if self.later or held or closed else None
        self.starter_words.layout.display = None if unsent else "none"
        self.note.layout.display = None if unsent or person.note else "none"
        self.questions_box.layout.display = None if not held else "none"
        thanks = held and "thanked" not in steps and "told" not in steps
        self.thanks_box.layout.display = None if thanks else "none"
        told = "thanked" in steps and "told" not in steps and not self.later
        self.told_box.layout.display = None if told else "none"

    def _starter_html(self, kind: str, facts, minutes) -> str:
        text = self.words.starter(kind, facts, minutes=minutes)
        return f"<div class='wb-conv-starter'>{esc(text)}</div>"

    def _draw_followups(self, person, facts=None, minutes=None) -> None:
        self.follow_box.layout.display = "none" if self.later or person.closed else None
        open_ = model.person_due(person, self.words.cadence, self.book)
        # as the plan allows, as "Coming up" does: tend first, nudges and new outreach wait
        if getattr(self.plan, "verdict", None) == schema.BUILD_FIRST:
            open_ = [d for d in open_ if d.kind not in advice.TEND_WAITS]
        today = self.today

        def when(d):  # as "Coming up" says it: a day gone by is overdue (a talk's is not)
            if d.date < today and d.kind != "talk":
                return self.words.get("due_overdue", date=self._day(d.date))
            return self._day(d.date)

        self.followups.value = (
            "<ul>" + "".join(
                f"<li{_OVERDUE if d.date < today and d.kind != 'talk' else ''}>"
                f"<span class='wb-when'>{esc(when(d))}</span>: "
                f"{esc(d.words(self.words.table))}</li>" for d in open_)
            + "</ul>" if open_ else f"<p>{esc(self.words.get('followups_none'))}</p>")
        kinds = {d.kind for d in open_}
        due_now = {d.kind for d in open_ if d.date <= today}
        self.nudge_button.layout.display = None if "nudge" in kinds else "none"
        self.another_button.layout.display = None if "another" in kinds else "none"
        # the nudge starter and letting go kindly from their day on, not before: a client
        # who has just written is not handed a nudge or a farewell on the same day
        self.nudge_box.layout.display = None if "nudge" in due_now else "none"
        self.nudge_text.value = (self._starter_html("nudge", facts, minutes)
                                 if "nudge" in due_now and facts is not None else "")
        self.let_go_box.layout.display = None if "let_go" in due_now else "none"

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
        if self.session_open is not None and not self.session_open():
            if app_text(self.texts, "session_ended") not in self.errors:
                self.show_message(app_text(self.texts, "session_ended"))
            return False
        return True

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
        except model.ConversationError:
            gone = [p for pid, p in was.people.items() if pid not in self.book.people]
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
    def add_person(self, name, *, org="", found="", why="", priority=2, place=None):
        """Add a person (listed today) and open their card; their id, or None if refused.

        Their place is ``place`` (the id of one of the client's places), else the place named
        ``org`` (listed as it is added when new); neither, no place. An empty name is
        refused beside the name box, and nothing is saved.
        """
        self.name_note.value = ""
        if not str(name or "").strip():
            self.name_note.value = field_note(self.words.get("name_missing"))
            return None
        try:
            op = self._save(lambda book: model.add_op(
                name, org=str(org or "").strip(), found=found, why=why, priority=priority,
                today=self.today, now=self.today, book=book, place=place))
        except model.ConversationError as exc:
            self.name_note.value = field_note(str(exc))
            return None
        if op is None:
            return None
        with self._hold():
            for box in (self.name, self.org, self.found, self.why):
                box.value = ""
            self.priority.value = 2  # "How soon" starts again at its default
        self.selected = op["id"]
        self._draw()
        return op["id"]

    def choose(self, person_id) -> None:
        """Open one person's card."""
        self.chooser.value = person_id

    def advance(self, person_id=None) -> None:
        """Mark the person's next step done today (the card's one big button)."""
        pid = self._person_id(person_id)
        if self._save(lambda book: model.advance_op(book, pid, today=self.today)):
            self._draw()
            if self.advance_button.disabled:  # the last step: the button is done with, so
                self.undo_button.focus()  # keyboard focus goes on to the card's next control

    def record_step(self, step, when, person_id=None, *, sure: bool = False) -> bool:
        """Mark ``step`` done on an earlier day; a refusal is shown beside the date box.

        A day that looks mistyped (more than a year back, or weeks before the client's first
        session: it would move the person's listing back with it) is asked about first
        (:meth:`odd_day`), and recorded only with ``sure`` ("Yes, record that day").
        """
        pid = self._person_id(person_id)
        self.earlier_note.value = ""
        self.earlier_yes.layout.display = "none"
        self._asking = None
        if when is None:
            self.earlier_note.value = field_note(self.words.get("earlier_missing"))
            return False
        odd = None if sure else self.odd_day(when, self.words.get(
            "odd_step", step=self.words.step(step).capitalize(), date=self._day_of(when)))
        if odd:
            self._asking = (pid, step, when)
            self.earlier_note.value = field_note(odd + " " + self.words.get("earlier_ask"))
            self.earlier_yes.layout.display = None
            self.earlier_yes.focus()
            return False
        try:
            op = self._save(
                lambda book: model.followed_op(book, pid, "nudge", when, today=self.today)
                if step == "nudge" else model.step_op(book, pid, step, when, today=self.today))
        except model.ConversationError as exc:
            self.earlier_note.value = field_note(str(exc))
            return False
        if op is not None:
            if op.get("op") == "followed":
                self._last_followed[pid] = op["kind"]
            self._draw()
        return op is not None

    def _record_asked(self) -> None:
        if self._asking is not None:
            pid, step, when = self._asking
            self.record_step(step, when, pid, sure=True)

    def _day_of(self, when) -> str:
        day = _as_day(when)
        return self._day(day) if day is not None else str(when)

    def odd_day(self, day, when: str) -> str | None:
        """Why ``day`` looks mistyped, or None; ``when`` says what and the day (a step's).

        More than :data:`ODD_YEARS` years away from today, either way, or more than
        :data:`ODD_BEFORE_FIRST` before the client's first session: most likely a wrong
        year (1999 for 2026), worth a question before it moves the list's days (D6).
        """
        day, say = _as_day(day), self.words.get
        if day is None:
            return None  # not a day: the model says so
        if day > _years_after(self.today, ODD_YEARS):
            return say("odd_ahead", when=when)
        first = self._first_session
        if first is not None and day < first - ODD_BEFORE_FIRST:
            return say("odd_before_first", when=when, first=self._day(first))
        if day < _years_after(self.today, -ODD_YEARS):
            return say("odd_long_ago", when=when)
        return None

    def undo(self, person_id=None) -> None:
        """Take back the person's last change (a follow-up before the note under it, D4)."""
        pid = self._person_id(person_id)
        person = self.book.people.get(pid)
        if person is None or person.stage == "noted":
            return
        # the step is read from the list as it is on disk, not as this page last drew it
        last = self._last_followed.pop(pid, None)
        if self._save(lambda book: model.undo_op(book, pid, last)):
            self._draw()

    def edit(self, field: str, value, person_id=None) -> None:
        """Change one field of a person (note, learned, suggested, meeting, name, ...)."""
        pid = self._person_id(person_id)
        # a text is merged over what another page (a second tab) saved since this one
        # showed it, never written over it (round 6, D1)
        base = {k: v for k, v in self._shown_texts.get(pid, {}).items() if k == field}
        if self._save(lambda book: model.edit_op(book, pid, today=self.today, **{field: value}),
                      base=base):
            self._draw()
            if field == "meeting":  # kept as typed (the record is the coach's), but said (D6)
                odd = self.odd_day(value, self.words.get(
                    "odd_meeting", label=self.words.get("meeting_label"),
                    date=self._day_of(value))) if value else None
                self.meeting_note.value = field_note(
                    f"{odd} {self.words.get('meeting_check')}") if odd else ""

    def suggest(self, person_id=None) -> list:
        """Add each name in the person's "suggested" box (one a line) to the list.

        A line "Name at Place" or "Name, Place" gives the place too (:func:`split_suggestion`).
        A name already added from this person's talk is not added twice. Returns the new ids.
        """
        pid = self._person_id(person_id)
        person = self.book.people.get(pid)
        lines = [n.strip() for n in (person.suggested if person else "").splitlines()]
        # the same name at two places is two people (model.fresh_suggestions)
        people = [split_suggestion(n) for n in dict.fromkeys(lines) if n]
        fresh = model.fresh_suggestions(self.book, pid, people) if person else []
        # a name alone that is on the list already is that person, not a second one (D6)
        listed = {model.place_key(p.name): p for p in self.book.people.values() if p.id != pid}
        known = [listed[model.place_key(n)] for n, o in fresh
                 if not o and model.place_key(n) in listed]
        fresh = [(n, o) for n, o in fresh if o or model.place_key(n) not in listed]
        self.suggest_note.value = "" if fresh else info_note(
            self.words.get("suggest_added" if people else "suggest_none"))
        if known:
            said = ", ".join(f"{p.name} ({model.place_name(self.book, p) or '-'})"
                             for p in known)
            self.suggest_note.value = info_note(self.words.get("suggest_on_list", names=said))
        new = []
        for name, org in fresh:
            op = self._save(lambda book, n=name, o=org: model.suggest_op(
                book, pid, n, org=o, today=self.today))
            if op is None:
                break
            new.append(op["id"])
        if new:
            self._draw()
        return new

    def change_details(self, name, *, org="", found="", why="", priority=2,
                       person_id=None) -> bool:
        """Change a person's name, place, how found, why and how soon; True when saved.

        An empty name is refused beside the box, and nothing is saved.
        """
        pid = self._person_id(person_id)
        self.edit_name_note.value = ""
        if not str(name or "").strip():
            self.edit_name_note.value = field_note(self.words.get("name_missing"))
            return False
        try:
            op = self._save(lambda book: model.edit_op(
                book, pid, today=self.today, name=name, org=str(org or "").strip(),
                found=str(found or "").strip(), why=why, priority=priority),
                base={k: v for k, v in self._shown_texts.get(pid, {}).items() if k == "why"})
        except model.ConversationError as exc:
            self.edit_name_note.value = field_note(str(exc))
            return False
        if op is None:
            return False
        with self._hold():
            self.details_toggle.value = False
        self.details_box.layout.display = "none"
        self._draw()
        return True

    def followed(self, kind: str, person_id=None) -> None:
        """Mark a follow-up (``"nudge"`` or ``"another"``) done today."""
        pid = self._person_id(person_id)
        if self._save(lambda book: model.followed_op(book, pid, kind, today=self.today)):
            self._last_followed[pid] = kind
            self._draw()

    def remove(self, person_id=None) -> bool:
        """Take a person off the list (the card asks first); True when taken off.

        Someone with a step recorded stays (:func:`model.remove_op`): the card says why and
        offers to let them go instead, when the model allows it.
        """
        pid = self._person_id(person_id)
        try:
            op = self._save(lambda book: model.remove_op(book, pid))
        except model.KeptError as exc:
            self._offer_let_go(exc)
            return False
        if op:
            self.selected = None if pid == self.selected else self.selected
            self._draw()
        return bool(op)

    def let_go(self, person_id=None, *, undo: bool = False) -> bool:
        """Let a person go kindly after a silence (today), or take it back; True when saved."""
        pid = self._person_id(person_id)
        try:
            op = self._save(lambda book: model.let_go_op(book, pid, today=self.today,
                                                         undo=undo))
        except model.ConversationError as exc:
            self.confirm_text.value = field_note(str(exc))
            self.confirm.layout.display = None
            return False
        if op:
            self._draw()
        return bool(op)

    def set_share(self, report: bool, names: bool) -> None:
        """Record what the client chose to put in their report."""
        with self._hold():
            self.share_report.value, self.share_names.value = bool(report), bool(names)
        self._shared()

    # -- events ----------------------------------------------------------------------------
    def _chosen(self, change) -> None:
        if self._quiet:
            return
        self.selected = change["new"]
        self._draw_card()

    def _clear_card_notes(self) -> None:
        """Empty the notes beside the card's boxes and close its "Change details" part."""
        for note in (self.earlier_note, self.suggest_note, self.edit_name_note,
                     self.meeting_note):
            note.value = ""
        self.earlier_yes.layout.display = "none"
        self._asking = None
        with self._hold():
            self.details_toggle.value = False
        self.details_box.layout.display = "none"

    def _fill_details(self, person) -> None:
        """Put the person's details in the "Change details" boxes (shown or not)."""
        with self._hold():
            self.edit_name.value, self.edit_org.value = person.name, person.org
            self.edit_found.value, self.edit_why.value = person.found, person.why
            self.edit_priority.value = person.priority
        self._shown_texts.setdefault(person.id, {})["why"] = person.why

    def _show_details(self, shown: bool) -> None:
        if self._quiet:
            return
        self.edit_name_note.value = ""
        person = self.book.people.get(self.selected)
        if shown and person is not None:
            self._fill_details(person)
        self.details_box.layout.display = None if shown and person is not None else "none"
        if shown and person is not None:
            self.edit_name.focus()

    def _edited(self, field: str, value) -> None:
        if self._quiet or self.selected not in self.book.people:
            return
        person = self.book.people[self.selected]
        if field == "note" and not person.note and value == self._starter:
            return  # the starter as offered is not the client's note yet
        if field == "meeting":
            value = value.isoformat() if value else ""
        self.edit(field, value)

    def _shared(self) -> None:
        if self._quiet:
            return
        report = self.share_report.value
        names = self.share_names.value and report
        if self._save(lambda _book: model.share_op(report=report, names=names)):
            with self._hold():
                self.share_names.value = self.book.share_names
            self.share_names.disabled = not report

    def _ask_remove(self, asking: bool) -> None:
        person = self.book.people.get(self.selected)
        if person is None:
            return
        try:  # someone with a step stays: say so at once, and offer to let them go
            model.remove_op(self.book, person.id)
        except model.KeptError as exc:
            if asking:
                self._offer_let_go(exc)
                self.remove_no.focus()
                return
        text = self.words.get("remove_confirm", name=person.name)
        self.confirm_text.value = f"<p>{esc(text)}</p>"
        self.remove_yes.layout.display = None
        self.remove_let_go.layout.display = "none"
        self.confirm.layout.display = None if asking else "none"
        (self.remove_no if asking else self.remove_button).focus()

    def _offer_let_go(self, exc) -> None:
        """Say why a person stays on the list, and offer "let go" when the model allows it."""
        person = self.book.people.get(self.selected)
        key = getattr(exc, "key", "")
        text = self.words.get(key) if key in self.words.table else str(exc)
        self.confirm_text.value = f"<p>{esc(text)}</p>"
        self.remove_yes.layout.display = "none"
        can_let_go = person is not None and not person.closed
        if can_let_go:
            try:
                model.let_go_op(self.book, person.id, today=self.today)
            except model.ConversationError:
                can_let_go = False
        self.remove_let_go.layout.display = None if can_let_go else "none"
        self.confirm.layout.display = None
