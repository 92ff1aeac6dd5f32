"""The readiness profile: five scores on one chart, the verdict, next steps, pace, history."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import schema
from ..exceptions import WorkbookError
from ..instrument import fill as fill_text
from ..pacing import pacing_plan
from ..plots import history_chart, profile_chart
from ..store import ITEMS, TOOL, answers_row, score_history
from .base import Screen, esc, figure_png, heading, typed_id
from .tools import STEP_MINUTES, parse_hours, quoted, whole_minutes

#: Messages about saved answers the profile cannot count.
BAD_SAVED_ANSWER = ("{name}: the saved answer {value} to statement {n} is not one of the "
                    "choices, so it is not counted. Open the {name} page to correct it.")
BAD_SAVED_HOURS = ("{name}: the saved hours a week, {value}, is not a number from {low} to "
                   "{high}, so no pace can be worked out. Open the {name} page to correct it.")


def _join(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class ReadinessProfile(Screen):
    """A client's readiness profile, read from the store.

    Parameters
    ----------
    client_id : str or None
        The client; None means the one last opened on the start page (or the example client).
    store : ClientStore
    instrument : Instrument or path, optional

    Attributes
    ----------
    scores : Series
        The client's latest answers scored (a row of :func:`workbook.score`).
    verdict_text : str
        What the verdict means, with the ingredients it concerns named.
    weakest : list of str
        Ingredient ids, lowest first.
    plan : PacingPlan or None
        The weekly pace, once hours and an energy score are known.
    history : DataFrame
        Scores as they stood after each session (:func:`workbook.store.score_history`).
    changes : DataFrame
        Per ingredient scored on two dates or more: first and last score and the change.
    figure, history_figure : Figure or None

    Examples
    --------
    >>> import tempfile
    >>> from workbook.store import ClientStore
    >>> profile = ReadinessProfile("ann", ClientStore(tempfile.mkdtemp()))
    >>> str(profile.scores["verdict"])
    'incomplete'
    """

    def __init__(self, client_id, store, *, instrument=None):
        super().__init__(instrument)
        self.store = store
        self.client = store.resolve_client(typed_id(client_id))
        self.title = widgets.HTML("")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        self.chart.add_class("wb-profile-chart")
        self.verdict = widgets.HTML("")
        self.verdict.add_class("wb-verdict")
        self.steps = widgets.HTML("")
        self.steps.add_class("wb-next-steps")
        self.pace = widgets.HTML("")
        self.pace.add_class("wb-plan")
        self.changed = widgets.HTML("")
        self.changed.add_class("wb-history")
        self.history_image = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        self.history_image.add_class("wb-history-chart")
        say = self.texts.get
        self.refresh_button = widgets.Button(description=say("profile", "refresh_button"),
                                             tooltip=say("profile", "refresh_button"))
        self.refresh_button.add_class("wb-refresh")
        self.children = [
            self.title, heading(say("profile", "chart_heading")), self.chart,
            heading(say("profile", "verdict_heading")), self.verdict,
            heading(say("profile", "weakest_heading")), self.steps,
            heading(say("profile", "plan_heading")), self.pace,
            heading(say("profile", "history_heading")), self.changed, self.history_image,
            self.refresh_button, self.messages,
        ]
        self.scores, self.verdict_text, self.weakest, self.plan = None, "", [], None
        self.history, self.changes = pd.DataFrame(), pd.DataFrame()
        self.figure = self.history_figure = None
        self.guarded(self.refresh)()
        self.refresh_button.on_click(self.guarded(lambda _button: self.refresh()))

    def refresh(self) -> None:
        """Read the store again and redraw everything (what the Refresh button does)."""
        self.clear_messages()
        say, inst = self.texts.get, self.instrument
        sessions = self.reading(self.store.history, self.client)
        self.history = score_history(sessions, inst)
        latest = {}
        for answers in sessions.values():
            latest.update(answers)
        self.scores = score_history({"latest": latest}, inst).iloc[0]
        self.title.value = f"<h2>{esc(say('profile', 'title', client=self.client))}</h2>"
        self.figure = profile_chart(self.scores, inst)
        self.chart.value = figure_png(self.figure)
        self._verdict(latest)
        self._plan(latest)
        self._history()
        for problem in saved_problems(latest, inst):
            self.show_message(problem)

    def _names(self, ids, lower: bool = True) -> str:
        names = [self.instrument.ingredient(i).name for i in ids]
        return _join([n.lower() for n in names] if lower else names)

    def _verdict(self, latest: dict) -> None:
        say, row = self.texts.get, self.scores
        focus = [i for i in str(row[schema.FOCUS] or "").split(schema.LIST_SEPARATOR) if i]
        verdict = str(row[schema.VERDICT])
        if not latest:
            self.verdict_text = say("profile", "empty", client=self.client)
        else:
            names = self._names(focus) if focus else ""
            self.verdict_text = fill_text(self.instrument.verdicts[verdict], names=names)
        self.verdict.value = f"<p><b>{esc(self.verdict_text)}</b></p>"
        weakest = row[schema.WEAKEST]
        self.weakest = [] if pd.isna(weakest) else str(weakest).split(schema.LIST_SEPARATOR)
        if not self.weakest:
            self.steps.value = ""
            return
        intro = say("profile", "weakest_intro", names=self._names(self.weakest, lower=False))
        html = f"<p>{esc(intro)}</p>"
        for ing_id in self.weakest:
            ing = self.instrument.ingredient(ing_id)
            html += f"<p><b>{esc(ing.name)}</b></p><ul>"
            html += "".join(f"<li>{esc(step)}</li>" for step in ing.next_steps) + "</ul>"
        self.steps.value = html

    def _plan(self, latest: dict) -> None:
        try:
            hours = parse_hours(answers_row(latest, self.instrument)[schema.HOURS])
        except WorkbookError:  # said by saved_problems; no pace until it is corrected
            hours = None
        minutes = {}
        for section in latest.values():
            saved = (section.get(TOOL) or {}).get(STEP_MINUTES)
            if isinstance(saved, dict):
                minutes.update((s, m) for s, m in saved.items() if whole_minutes(m) is not None)
        energy = [i for i, spec in self.texts.tools.items() if spec.get("pace")]
        level = self.scores.get(schema.level_column(energy[0])) if energy else None
        self.plan = None
        if hours is None or level is None or pd.isna(level):
            self.pace.value = f"<p>{esc(self.texts.get('profile', 'plan_waiting'))}</p>"
            return
        try:
            self.plan = pacing_plan(hours, str(level), minutes)
        except WorkbookError as exc:
            self.show_error(exc)
            return
        rows = "".join(f"<tr><td>{esc(name)}</td><td style='text-align:right'>{n}</td>"
                       f"<td style='text-align:right'>{minutes:g} min</td></tr>"
                       for name, n, minutes in self.plan.weekly_steps())
        self.pace.value = (f"<p><b>{esc(self.plan.summary())}</b></p>"
                           f"<table class='wb-plan-steps'>{rows}</table>")

    def _history(self) -> None:
        say, rows = self.texts.get, []
        for ing in self.instrument.ingredients:
            series = self.history[ing.id].dropna() if ing.id in self.history else pd.Series()
            if len(series) >= 2:
                first, last = float(series.iloc[0]), float(series.iloc[-1])
                rows.append({"ingredient": ing.id, "first_date": series.index[0], "first": first,
                             "last_date": series.index[-1], "last": last,
                             "change": round(last - first, 1)})
        self.changes = pd.DataFrame(rows)
        if len(self.history) < 2:
            self.changed.value = f"<p>{esc(say('profile', 'history_none'))}</p>"
            self.history_figure, self.history_image.value = None, b""
            self.history_image.layout.display = "none"
            return
        lines = []
        for ing in self.instrument.ingredients:
            match = [r for r in rows if r["ingredient"] == ing.id]
            if not match:
                lines.append(say("profile", "history_unscored", name=ing.name))
                continue
            r = match[0]
            lines.append(say("profile", "history_line", name=ing.name, first=f"{r['first']:.0f}",
                             first_date=r["first_date"], last=f"{r['last']:.0f}",
                             last_date=r["last_date"], change=f"{r['change']:+.0f}"))
        self.changed.value = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"
        self.history_figure = history_chart(self.history, self.instrument)
        self.history_image.value = figure_png(self.history_figure)
        self.history_image.layout.display = None


def saved_problems(latest: dict, instrument) -> list:
    """Messages about saved answers the profile cannot count, each naming the page to fix.

    Examples
    --------
    >>> from workbook.instrument import load_instrument
    >>> saved_problems({"time": {"items": {"time_1": "x"}, "tool": {"hours_per_week": "abc"}}},
    ...                load_instrument())  # doctest: +NORMALIZE_WHITESPACE
    ['Time: the saved answer "x" to statement 1 is not one of the choices, so it is not
      counted. Open the Time page to correct it.',
     'Time: the saved hours a week, "abc", is not a number from 0 to 80, so no pace can be
      worked out. Open the Time page to correct it.']
    """
    problems = []
    for ing in instrument.ingredients:
        section = latest.get(ing.id) or {}
        items = section.get(ITEMS) or {}
        for n, item in enumerate(ing.items, start=1):
            raw = items.get(item.id)
            if raw is not None and instrument.to_value(raw) is None:
                problems.append(BAD_SAVED_ANSWER.format(name=ing.name, value=quoted(raw), n=n))
        hours = (section.get(TOOL) or {}).get(schema.HOURS)
        try:
            parse_hours(hours)
        except WorkbookError:
            lo, hi = schema.HOURS_RANGE
            problems.append(BAD_SAVED_HOURS.format(name=ing.name, value=quoted(hours),
                                                   low=f"{lo:g}", high=f"{hi:g}"))
    return problems
