"""One participant's report: their rows only, and the sections the template displays.

:func:`participant_report` loads a response file (or one client of a coach's workspace),
keeps the rows of one participant and drops the rest before returning, so nothing of anyone
else reaches the notebook's namespace. Each section method returns a :class:`Section` (HTML
whose every piece of participant text went through :func:`html.escape`) or ``None`` when
there is nothing to show.

Examples
--------
>>> from workbook.reports.participant import participant_report
>>> report = participant_report(participant_id="SPR-002")
>>> report.participant_id, len(report.rows)
('SPR-002', 2)
>>> "SPR-002" in report.header().html
True
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from .. import schema
from ..exceptions import ReportError
from ..instrument import Instrument, fill, resolve
from ..pacing import pacing_plan
from ..palette import LEVEL_NAMES
from ..scoring import score
from . import wording
from .chart import profile_svg, svg_figure_html
from .html import escape as e

#: The ingredient whose level sets the pace of the plan.
PACE_INGREDIENT = "energy"


class Section:
    """A piece of a report: HTML that Jupyter and nbconvert display as it is."""

    def __init__(self, html: str, name: str):
        self.html, self.name = html, name

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<report section: {self.name}>"


def figure_html(fig, *, alt: str, caption: str = "") -> str:
    """A matplotlib figure as an ``<img>`` with an embedded PNG, alt text and caption."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=144, bbox_inches="tight", facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{e(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{e(alt)}">{cap}</figure>'


def level_badge(level) -> str:
    """A small coloured label for a level (``not yet``, ``a little``, ``plenty``)."""
    if level is None or pd.isna(level):
        return '<span class="level none">not scored</span>'
    return f'<span class="level {e(level)}">{e(LEVEL_NAMES.get(level, level))}</span>'


def verdict_text(verdict: str, focus, instrument: Instrument) -> str:
    """The instrument's text for a verdict, ``{names}`` filled with the ingredients at stake."""
    ids = [x for x in str(focus or "").split(schema.LIST_SEPARATOR) if x]
    names = [instrument.ingredient(i).name.lower() for i in ids if i in instrument.ingredient_ids]
    return fill(instrument.verdicts[verdict], names=wording.join_names(names))


@dataclass
class ParticipantReport:
    """Everything one participant's report shows, and nothing about anyone else.

    Attributes
    ----------
    participant_id : str
    rows : DataFrame
        This participant's responses, oldest first.
    scores : DataFrame
        :func:`workbook.score` of ``rows``.
    instrument : Instrument
    reliable_change : dict or None
        Ingredient -> the smallest change in points that counts as reliable.
    reflections : list of (str, str)
        (prompt or ingredient, text) pairs from a coach's workspace.
    """

    participant_id: str
    rows: pd.DataFrame
    scores: pd.DataFrame
    instrument: Instrument
    reliable_change: dict | None = None
    reflections: list = field(default_factory=list)

    @property
    def latest(self) -> pd.Series:
        """Scores of the latest response."""
        return self.scores.iloc[-1]

    @property
    def latest_row(self) -> pd.Series:
        """The latest response itself."""
        return self.rows.iloc[-1]

    @property
    def title(self) -> str:
        """Page title."""
        return f"{wording.PARTICIPANT_TITLE}: {self.participant_id}"

    def _value(self, column):
        value = self.latest_row.get(column) if column in self.rows.columns else None
        return None if value is None or pd.isna(value) or str(value).strip() == "" else value

    # -- sections ------------------------------------------------------------------------
    def header(self) -> Section:
        """Title, who and when, and a short explanation of the five ingredients."""
        when = self._value(schema.DATE)
        bits = [f"Answers of {e(when)}" if when else "Latest answers"]
        cohort = self._value(schema.COHORT)
        if cohort:
            bits.append(f"group {e(cohort)}")
        bits.append(f"report made {dt.date.today().isoformat()}")
        html = (
            f'<header><p class="eyebrow">{e(wording.PARTICIPANT_TITLE)}</p>'
            f"<h1>{e(self.participant_id)}</h1>"
            f'<p class="meta">{" &middot; ".join(bits)}</p></header>'
            f'<p class="lede">{e(wording.INTRO)}</p>'
        )
        return Section(html, "header")

    def profile(self) -> Section:
        """The profile chart with level bands, and each score with its level and guidance."""
        inst, latest = self.instrument, self.latest
        alt = "Bar chart of your scores: " + "; ".join(
            f"{ing.name} {_points(latest[ing.id], plain=True)}" for ing in inst.ingredients
        )
        rows = []
        for ing in inst.ingredients:
            level = latest[schema.level_column(ing.id)]
            guidance = ing.guidance.get(level, "") if isinstance(level, str) else (
                "Too few answers to score this one yet."
            )
            rows.append(
                f"<tr><td>{e(ing.name)}</td><td class='num'>{_points(latest[ing.id])}</td>"
                f"<td>{level_badge(level)}</td><td>{e(guidance)}</td></tr>"
            )
        html = (
            f"<h2>{e(wording.PROFILE)}</h2>"
            + svg_figure_html(profile_svg(latest, inst), alt=alt, caption=wording.PROFILE_NOTE)
            + "<table><thead><tr><th>Ingredient</th><th class='num'>Score</th><th>Level</th>"
            "<th>What it means</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
        return Section(html, "profile")

    def verdict(self) -> Section:
        """The verdict, in the instrument's plain words."""
        verdict = str(self.latest[schema.VERDICT])
        text = verdict_text(verdict, self.latest.get(schema.FOCUS), self.instrument)
        html = (
            f"<h2>{e(wording.VERDICT)}</h2>"
            f'<div class="card verdict {e(verdict)}"><h3>{e(wording.VERDICT_TITLES[verdict])}'
            f"</h3><p>{e(text)}</p></div>"
        )
        return Section(html, "verdict")

    def next_steps(self) -> Section | None:
        """The weakest ingredient(s), with the instrument's concrete next steps."""
        weakest = [x for x in str(self.latest.get(schema.WEAKEST) or "").split(
            schema.LIST_SEPARATOR) if x in self.instrument.ingredient_ids]
        if not weakest:
            return None
        parts = [f"<h2>{e(wording.NEXT_STEPS)}</h2><p>{e(wording.NEXT_STEPS_INTRO)}</p>"]
        for ing_id in weakest:
            ing = self.instrument.ingredient(ing_id)
            steps = "".join(f"<li>{e(s)}</li>" for s in ing.next_steps)
            parts.append(
                f'<div class="card"><h3>{e(ing.name)} <span class="note">'
                f"{_points(self.latest[ing.id])} / 100</span></h3><p>{e(ing.summary)}</p>"
                + (f'<ul class="steps">{steps}</ul>' if steps else "")
                + "</div>"
            )
        return Section("".join(parts), "next_steps")

    def pacing(self) -> Section:
        """The pacing plan: conversations a week that fit, and the week's steps."""
        head = f"<h2>{e(wording.PACING)}</h2>"
        hours = self._value(schema.HOURS)
        level = None
        if PACE_INGREDIENT in self.instrument.ingredient_ids:
            level = self.latest[schema.level_column(PACE_INGREDIENT)]
        if hours is None:
            return Section(head + f"<p>{e(wording.PACING_NO_HOURS)}</p>", "pacing")
        if not isinstance(level, str):
            return Section(head + f"<p>{e(wording.PACING_NO_ENERGY)}</p>", "pacing")
        plan = pacing_plan(float(hours), level)
        html = head + f'<p class="lede">{e(plan.summary())}</p>'
        if not plan.resting:
            steps = "".join(
                f"<tr><td>{e(name)}</td><td class='num'>{n}</td><td class='num'>{m:g} min</td></tr>"
                for name, n, m in plan.weekly_steps()
            )
            html += (
                "<table><thead><tr><th>This week</th><th class='num'>How many</th>"
                f"<th class='num'>Time</th></tr></thead><tbody>{steps}</tbody></table>"
            )
        return Section(html, "pacing")

    def motivation(self) -> Section:
        """What the participant wants from work, and their north star, as they wrote them."""
        motivators = self._value(schema.MOTIVATORS)
        chosen = [m.strip() for m in str(motivators or "").split(schema.MOTIVATOR_SEPARATOR)
                  if m.strip()]
        chips = (
            '<ul class="chips">' + "".join(f"<li>{e(m)}</li>" for m in chosen) + "</ul>"
            if chosen else f"<p>{e(wording.MOTIVATORS_NONE)}</p>"
        )
        star = self._value(schema.NORTH_STAR)
        star_html = (
            f"<h3>Your north star</h3><blockquote>{e(star)}</blockquote>" if star
            else f"<p>{e(wording.NORTH_STAR_NONE)}</p>"
        )
        html = f"<h2>{e(wording.MOTIVATION)}</h2><h3>What you want from work</h3>{chips}{star_html}"
        return Section(html, "motivation")

    def change(self) -> Section | None:
        """How each score moved from the first to the latest answers, when there are several."""
        if len(self.scores) < 2:
            return None
        first, last = self.scores.iloc[0], self.scores.iloc[-1]
        rc = self.reliable_change or {}
        rows = []
        for ing in self.instrument.ingredients:
            a, b = first[ing.id], last[ing.id]
            delta = b - a if pd.notna(a) and pd.notna(b) else None
            judged = ""
            if delta is not None and rc.get(ing.id):
                judged = wording.RELIABLE[reliable_direction(delta, rc[ing.id])]
            rows.append(
                f"<tr><td>{e(ing.name)}</td><td class='num'>{_points(a)}</td>"
                f"<td class='num'>{_points(b)}</td><td class='num'>{_signed(delta)}</td>"
                f"<td>{e(judged)}</td></tr>"
            )
        labels = [_when(self.rows.iloc[i]) for i in (0, -1)]
        intro = wording.CHANGE_INTRO.format(first=labels[0], last=labels[-1])
        cutoffs = [float(v) for v in rc.values() if v and pd.notna(v)]
        if cutoffs:
            # Each ingredient has its own cutoff; quote their range, not one number that a
            # change marked reliable could fall short of.
            low, high = round(min(cutoffs)), round(max(cutoffs))
            points = f"{low}" if low == high else f"{low} to {high}"
            explain = wording.CHANGE_RELIABLE.format(points=points)
        else:
            explain = wording.CHANGE_NO_RCI
        html = (
            f"<h2>{e(wording.CHANGE)}</h2><p>{e(intro)}</p>"
            "<table><thead><tr><th>Ingredient</th><th class='num'>First</th>"
            "<th class='num'>Latest</th><th class='num'>Change</th><th>Reliable?</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p class="note">{e(explain)}</p>'
        )
        return Section(html, "change")

    def notes(self) -> Section | None:
        """The participant's reflections, as written, when there are any.

        The ``notes`` column is the facilitator's, not the participant's: it is never shown.
        """
        if not self.reflections:
            return None
        items = "".join(
            f"<li><strong>{e(label)}</strong><br>{e(text)}</li>"
            for label, text in self.reflections
        )
        return Section(f"<h2>{e(wording.REFLECTIONS)}</h2><ul>{items}</ul>", "notes")

    def footer(self) -> str:
        """The line at the bottom of the page."""
        return wording.FOOTER_PARTICIPANT.format(who=self.participant_id)


def reliable_direction(delta: float, threshold: float) -> int:
    """+1 reliably up, -1 reliably down, 0 within the wobble (``|delta| < threshold``)."""
    if delta >= threshold:
        return 1
    if delta <= -threshold:
        return -1
    return 0


def _points(value, *, plain: bool = False) -> str:
    """A score as a whole number; a dash when unscored (HTML, or plain text to be escaped)."""
    if value is None or pd.isna(value):
        return "\u2013" if plain else "&ndash;"
    return f"{float(value):.0f}"


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return "&ndash;"
    return f"{float(value):+.0f}".replace("-", "&minus;")


def _when(row) -> str:
    tp = row.get(schema.TIMEPOINT)
    date = row.get(schema.DATE)
    label = {schema.BEFORE: "before the workshop", schema.AFTER: "after the workshop"}.get(tp, tp)
    bits = [str(x) for x in (label, date) if x is not None and not pd.isna(x) and str(x)]
    return ", ".join(dict.fromkeys(bits)) or "earlier"


def select_participant(table: pd.DataFrame, participant_id, *, source: str = "the data"):
    """Rows of one participant, oldest first; raise :class:`ReportError` if there are none.

    The facilitator's ``notes`` column is left out: it is not the participant's to read.
    """
    if schema.PARTICIPANT_ID not in table.columns:
        raise ReportError(f"{source} has no {schema.PARTICIPANT_ID} column")
    mask = table[schema.PARTICIPANT_ID].astype("string") == str(participant_id)
    rows = table[mask.fillna(False).to_numpy(dtype=bool)]
    if rows.empty:
        raise ReportError(
            f"participant {str(participant_id)!r} is not in {source}; ids are matched exactly, "
            "as text (check spaces and leading zeros)"
        )
    if schema.DATE in rows.columns and rows[schema.DATE].notna().all():
        rows = rows.sort_values(schema.DATE, kind="stable")
    return rows.drop(columns=schema.NOTES, errors="ignore")


def participant_report(
    data=None,
    participant_id=None,
    *,
    workspace=None,
    instrument=None,
    mapping=None,
    reliable_change=None,
) -> ParticipantReport:
    """Load one participant's answers and score them, leaving everyone else out.

    Parameters
    ----------
    data : str or Path, optional
        A response file (CSV or xlsx). Default: the bundled sample, unless ``workspace``.
        :data:`workbook.reports.inputs.HANDED_OVER`: the rows ``workbook report`` handed to
        this process (:func:`workbook.reports.inputs.hand_over`), already read and checked.
    participant_id : str, optional
        Whose report; default: the first participant of the file.
    workspace : str or Path, optional
        A coach's workspace folder instead of ``data``; only this client's folder is read.
    instrument : Instrument or path, optional
    mapping : str or Path, optional
        A column mapping for a survey export (passed to :func:`workbook.load_responses`).
    reliable_change : dict, optional
        Ingredient -> smallest reliable change in points. Default: estimated from ``data``
        when it holds enough people before and after, else none.

    Returns
    -------
    ParticipantReport

    Raises
    ------
    ReportError
        If the participant is not in the data.
    """
    from .inputs import (
        HANDED_OVER,
        client_rows,
        load_table,
        reliable_change_points,
        take_handed_over,
    )

    inst = resolve(instrument)
    reflections = []
    if workspace is not None:
        if participant_id is None:
            raise ReportError("give a participant_id (a client of the workspace)")
        rows, reflections = client_rows(workspace, participant_id, inst)
        source = f"workspace {workspace}"
    elif isinstance(data, str) and data == HANDED_OVER:  # a batch's child: its rows alone
        if participant_id is None:
            raise ReportError("give the participant_id of the rows handed over")
        rows = select_participant(take_handed_over(), participant_id, source="the rows given")
    else:
        table = load_table(data, inst, mapping=mapping)
        source = str(data) if data is not None else "the bundled sample"
        if participant_id is None:
            participant_id = str(table[schema.PARTICIPANT_ID].dropna().iloc[0])
        if reliable_change is None:
            reliable_change = reliable_change_points(table, inst)
        rows = select_participant(table, participant_id, source=source)
        del table  # nobody else's answers go further than this line
    rows = rows.copy()
    rows.attrs.clear()
    return ParticipantReport(
        participant_id=str(participant_id),
        rows=rows,
        scores=score(rows, inst),
        instrument=inst,
        reliable_change=reliable_change or None,
        reflections=reflections,
    )
