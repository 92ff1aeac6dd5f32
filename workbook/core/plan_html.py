"""A client's plan as HTML: where to start, and the pace.

The personal report (:mod:`workbook.reports.participant`) and the profile screen
(:mod:`workbook.session.widgets.profile`) show these two parts of
:class:`workbook.core.advice.Plan` in the same words and the same markup, so both take them
from here. Every piece of text is escaped; the headings of the pace table are the
instrument's ``[words.report]`` texts.

Examples
--------
>>> from workbook.core.advice import plan_for
>>> from workbook.core.instrument import resolve
>>> row = {i.id: 4 if not i.reverse else 2 for i in resolve(None).items}
>>> plan = plan_for({**row, "hours_per_week": 6})
>>> start_html(plan.start).startswith("<h2>")
True
>>> "<table>" in pace_html(plan)
True
"""

from __future__ import annotations

from workbook.core import advice
from workbook.core.instrument import fill, words_table
from workbook.core.markup import escape as e

__all__ = ["pace_html", "start_html"]


def start_html(start: advice.Start) -> str:
    """Where to start, as HTML: heading, intro and the steps (the report and screen share it)."""
    parts = [f"<h2>{e(start.heading)}</h2><p>{e(start.intro)}</p>"]
    for heading, steps in start.steps:
        items = "".join(f"<li>{e(step)}</li>" for step in steps)
        tag = "ol" if start.kind == "begin" else "ul"
        title = f"<h3>{e(heading)}</h3>" if heading else ""
        parts.append(f'<div class="card {e(start.kind)}">{title}<{tag} class="steps">{items}'
                     f"</{tag}></div>")
    return "".join(parts)


def pace_html(plan: advice.Plan) -> str:
    """The pace as HTML: the plan's pace sentence and one conversation's steps.

    The sentence is :func:`workbook.core.advice.pace_text`; the talk's minutes in the steps are
    the one conversation length.
    """
    pace = plan.pace
    if pace is None:
        return f"<p>{e(advice.pace_text(plan))}</p>"
    html = f'<p class="lede">{e(advice.pace_text(plan))}</p>'
    if pace.resting:
        return html
    words = words_table(plan.instrument, "report")

    def minutes(value) -> str:
        return e(fill(words["pace_min"], minutes=f"{value:g}"))

    steps = "".join(f"<tr><td>{e(name)}</td><td class='num'>{minutes(m)}</td></tr>"
                    for name, m in pace.steps())
    total = (f"<tr><td><strong>{e(words['pace_total'])}</strong></td>"
             f"<td class='num'><strong>{minutes(pace.minutes_per_conversation)}</strong></td>"
             "</tr>")
    return html + (
        f"<table><thead><tr><th>{e(words['pace_steps'])}</th>"
        f"<th class='num'>{e(words['pace_minutes'])}</th></tr>"
        f"</thead><tbody>{steps}{total}</tbody></table>"
    )
