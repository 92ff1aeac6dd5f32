"""The Conversations page's view of the whole list: the people, what is due, the weekly chart.

The people are one ``Select`` (class ``wb-conv-list``, its options replaced in one go), by
next step or by place (:class:`~workbook.session.widgets.conv_places.PlacesPart`); choosing
one opens their card (:mod:`~workbook.session.widgets.conv_card`). What is due is the
plan's (:meth:`workbook.core.advice.Plan.due`): "Coming up" over the plan's
``look_ahead_days``, or, for a quiet client, only what is already promised to someone,
under "Already promised" with the plan's kind line. The weekly chart (talks held against
the pace planned, :func:`workbook.core.conversations.chart.weekly_svg`) shows for a client
who is not quiet, with a planned line only at a pace the plan has (:func:`planned_per_week`).
:class:`ListPart` is the part of
:class:`~workbook.session.widgets.conversations.ConversationsPage` that draws them.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbook.core import schema
from workbook.core.conversations import model
from workbook.core.conversations.chart import weekly_alt, weekly_svg
from workbook.core.markup import svg_figure_html
from workbook.core.pacing import said_per_week
from workbook.session.widgets.base import COLUMN, esc, heading

__all__ = ["DUE_SHOWN", "ListPart", "per_week", "planned_per_week"]

#: Most follow-ups listed under "Coming up" (the rest are counted).
DUE_SHOWN = 25


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


class ListPart:
    """The list of a :class:`ConversationsPage`: people, what is due, the chart (mixed in).

    Attributes
    ----------
    chooser : Select
        The ranked list (class ``wb-conv-list``); choosing a person opens their card.
    due_box : HTML
        What is due (class ``wb-conv-due``), under ``due_heading``; ``owed_note`` holds a
        quiet plan's kind line.
    chart : HTML
        The weekly chart (class ``wb-conv-chart``), under ``chart_heading``.
    """

    # -- building --------------------------------------------------------------------------
    def _build_list(self) -> None:
        """The list's widgets (the page puts them in its column)."""
        say = self.words.get
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
                                      style=COLUMN, layout=widgets.Layout(width="95%"))
        self.chooser.add_class("wb-conv-list")
        self.list_note = widgets.HTML("")
        self.list_heading = heading(say("list_heading"))  # its own words "by place"

    def _attach_list(self) -> None:
        g = self.guarded
        self.chooser.observe(g(self._chosen), "value")

    # -- drawing ---------------------------------------------------------------------------
    def _draw_list(self) -> None:
        """The people on the list; the person chosen stays chosen while on it."""
        people = self._ordered(model.ranked(self.book))
        if self.selected not in self.book.people:
            self.selected = None
        with self._hold():
            self.chooser.options = [(self._label(p), p.id) for p in people]
            self.chooser.value = self.selected
        self.chooser.rows = max(2, min(len(people), 8))
        self.chooser.layout.display = None if people else "none"
        self.list_note.value = "" if people else f"<p>{esc(self.words.get('list_empty'))}</p>"

    def _label(self, person, *, place_too: bool = True) -> str:
        where = model.place_name(self.book, person) if place_too else ""
        place = f" ({where})" if where else ""
        step = self.words.get("let_go_step") if person.closed else self.words.step(person.stage)
        return f"{person.name}{place}: {step}"

    def _due(self) -> list:
        """What is due, as the plan allows (:meth:`workbook.core.advice.Plan.due`)."""
        if self.client is None or self.plan is None:
            return []
        return model.overdue_first(self.plan.due(self.book, today=self.today,
                                                 cadence=self.words.cadence), self.today)

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
            elif item.overdue(today):  # never a talk agreed with no day set (F3)
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

    # -- plain functions (what a click does) ------------------------------------------------
    def choose(self, person_id) -> None:
        """Open one person's card."""
        self.chooser.value = person_id

    # -- events ----------------------------------------------------------------------------
    def _chosen(self, change) -> None:
        if self._quiet or not self._still_open():  # a session ended elsewhere: no card (G9)
            return
        self.typed_now()  # a text typed on the last card is saved for its person first (G4)
        self.selected = change["new"]
        # drawn from the record: another tab of this client may have saved since (11b N2)
        # (the list and the card only: a place's form being filled in is left as it is)
        self.book = self.reading(self.tracker.read)
        self._draw_list()
        self._draw_card()
