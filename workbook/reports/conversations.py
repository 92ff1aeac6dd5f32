"""The personal report's conversations section: held, listed and planned, and what is next.

Shown only when the client chose to put their conversations in their report; contacts'
names and where they work only when they chose that too. Every piece of the client's text
goes through :func:`html.escape`.

Examples
--------
>>> import datetime as dt
>>> from workbook.core.conversations import model
>>> book = model.Book(share_report=True)
>>> day = dt.date(2026, 11, 23)
>>> model.apply(book, model.add_op("<b>Ana</b>", org="Library", today=day, person_id="p1"))
>>> model.apply(book, model.step_op(book, "p1", "sent", day, today=day))
>>> html = conversations_html(book, None, today=dt.date(2026, 11, 25))
>>> "one of your contacts" in html, "Ana" in html, "Library" in html
(True, False, False)
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from workbook.core.conversations.model import overdue_first, planned_since
from workbook.core.date_words import say_date, say_day
from workbook.reports.html import escape as e

#: Follow-ups listed at most, besides what is already promised to someone.
MAX_NEXT = 5
#: What is owed to other people (thanks for a talk held, a talk booked): always listed.
OWED = ("thank", "talk")


def chose_less(pace) -> bool:
    """Whether the client chose a slower pace than the most that fits (round 8 G11).

    Examples
    --------
    >>> from workbook.core.pacing import pacing_plan
    >>> chose_less(pacing_plan(4, "a_little")), chose_less(pacing_plan(4, "a_little", None, 0.25))
    (False, True)
    """
    from workbook.core.pacing import schedule_words

    if getattr(pace, "chosen_per_week", None) is None:
        return False
    return schedule_words(pace.cap_per_week, words=pace.words) != pace.schedule()


def conversations_html(book, plan, instrument=None, *, today: dt.date) -> str:
    """The section as HTML (see the module docstring).

    Parameters
    ----------
    book : Book
        The client's list (shown only because ``book.share_report`` is set).
    plan : Plan or None
        The client's plan (:func:`workbook.core.advice.plan_for`). What is due is the plan's
        (:meth:`~workbook.core.advice.Plan.due`): its look-ahead, said in the heading, overdue
        ones included; for a quiet plan only what is already promised to someone (thanks
        owed, a talk booked), with the plan's kind line. Planned against held only for a
        ``ready`` plan (tending first, the pace is "once you start").
    instrument : Instrument or path, optional
        Its cadence sets the follow-up dates; its ``[conversations]`` words head the list.
    today : date
    """
    from workbook.core.conversations.model import COMING_UP_DAYS, due
    from workbook.core.conversations.words import Words

    words = Words(instrument)
    counts = book.counts(on=today)
    held = counts["conversations_held"]
    def said(n, thing):  # a number with the instrument's word for one or many
        return f"{n} {words.get(f'report_{thing}_one' if n == 1 else f'report_{thing}_many')}"

    parts = [f"<h2>{e(words.get('report_heading'))}</h2>",
             "<p>" + e(words.get("report_counts",
                                 listed=said(counts["people_listed"], "person"),
                                 sent=said(counts["notes_sent"], "note"),
                                 held=said(held, "conversation"))) + "</p>"]
    quiet = bool(getattr(plan, "quiet", False))
    pace, per_week = getattr(plan, "pace", None), getattr(plan, "planned_per_week", None)
    if pace is not None and per_week:  # the plan's planned pace: none quiet or tending first
        planned, start = planned_since(book, per_week, today)
        if planned is not None:  # the client's own slower pace is theirs, not the most
            key = "report_planned_chosen" if chose_less(pace) else "report_planned"
            parts.append("<p>" + e(words.get(
                key, schedule=pace.schedule(),
                start=say_date(start, words.instrument, form="long"),
                held=said(held, "conversation"))) + "</p>")
    if plan is None:
        days = COMING_UP_DAYS
        everything = due(book, words.cadence, until=today + dt.timedelta(days=days))
    else:
        days = plan.look_ahead_days
        everything = plan.due(book, today=today, days=days, cadence=words.cadence)
    if quiet:
        if not everything:
            parts.append(f"<h3>{e(words.get('report_next'))}</h3>"
                         f"<p>{e(words.get('report_later'))}</p>")
            return "".join(parts)
        parts.append(f"<h3>{e(words.get('owed_heading'))}</h3>"
                     f"<p>{e(plan.owed_line(book))}</p>")
    else:
        until = say_day(today + dt.timedelta(days=days), words.instrument,
                        this_year=today.year)
        parts.append(f"<h3>{e(words.get('due_heading', days=days))} "
                     f"({e(words.get('due_until'))} {e(until)}), "
                     f"{e(words.get('due_overdue_too'))}</h3>")
        if not everything:
            parts.append(f"<p>{e(words.get('due_none', days=days))}</p>")
            return "".join(parts)
    # the first few, and every promise already made (thanks owed, a talk booked) after them
    everything = overdue_first(everything, today)  # overdue first (L10)
    coming = [d for n, d in enumerate(everything) if n < MAX_NEXT or d.kind in OWED]
    rows = []
    for item in coming:
        if book.share_names:
            who = f"{item.name} ({item.org})" if item.org else item.name
        else:
            who, item = words.get("report_contact"), dataclasses.replace(item, name="", place="")
        what = item.words(words.table)
        when = say_day(item.date, words.instrument, this_year=today.year)
        if item.kind == "talk" and item.date < today:  # a talk's day is past, not overdue
            what = f"{what}: {words.get('talk_past')}"
        elif item.overdue(today):  # as the page and followups say it (round 8 G11)
            when = words.get("due_overdue", date=when)
            when = when[:1].upper() + when[1:]
        rows.append(f"<tr><td>{e(when)}</td>"
                    f"<td>{e(what[:1].upper() + what[1:])}</td><td>{e(who)}</td></tr>")
    head = "".join(f"<th>{e(words.get(c))}</th>"
                   for c in ("report_when", "report_what", "report_with"))
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if len(everything) > len(coming):
        more = words.get("report_more", count=len(everything) - len(coming))
        parts.append(f"<p>{e(more)}</p>")
    return "".join(parts)
