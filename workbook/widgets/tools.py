"""Each ingredient's own exercise ("tool"), built from its ``[ingredients.tool]`` table.

Kinds: ``notes`` (text boxes), ``capacity`` (hours a week and minutes per step, giving the
conversations a week that fit) and ``motivators`` (what the client wants from work). A field
whose id is ``hours_per_week`` is a number box; any other field is a text box. A ``pace``
table (energy) shows the pace each level allows.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import schema
from ..exceptions import WorkbookError
from ..pacing import DEFAULT_STEP_MINUTES, STEP_NAMES, pacing_plan
from .base import WIDE, esc, heading, paragraph

#: Key of the minutes per step in a tool's saved values.
STEP_MINUTES = "step_minutes"
#: Longest a step may be said to take, in minutes.
MAX_STEP_MINUTES = 600


def parse_hours(value, message: str = "") -> float | None:
    """Read hours a week from text or a number; ``None`` for an empty answer.

    Raises
    ------
    WorkbookError
        If it is not a number from 0 to 80 (``message`` is the text shown).

    Examples
    --------
    >>> parse_hours(" 2,5 "), parse_hours(""), parse_hours(0)
    (2.5, None, 0.0)
    """
    lo, hi = schema.HOURS_RANGE
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        hours = float(str(value).strip().replace(",", "."))
    except ValueError:
        hours = float("nan")
    if not lo <= hours <= hi or isinstance(value, bool):
        raise WorkbookError(message or f"hours a week must be a number from {lo:g} to {hi:g}")
    return hours


class Tool:
    """The widgets of one ingredient's tool and the values they hold.

    Parameters
    ----------
    screen : Screen
        The screen the tool belongs to (for its words and message area).
    ingredient : Ingredient
    spec : dict
        The ingredient's tool table.
    saved : dict
        Saved values to show at first.
    """

    def __init__(self, screen, ingredient, spec: dict, saved: dict):
        self.screen, self.ingredient, self.spec = screen, ingredient, spec
        lo, hi = schema.HOURS_RANGE
        self.hours_message = spec.get("hours_invalid", "").format(low=f"{lo:g}", high=f"{hi:g}")
        self.fields = {}
        self.hours = None
        self.minutes = {}
        self.motivators = {}
        self.extra = widgets.HTML("")
        self.pace = widgets.HTML("")
        children = [heading(spec.get("heading", ""), 4), paragraph(spec.get("intro", ""))]
        if spec.get("kind") == "motivators":
            chosen = set(saved.get(schema.MOTIVATORS) or [])
            labels = spec.get("motivators", {})
            for choice in schema.MOTIVATOR_CHOICES:
                box = widgets.Checkbox(value=choice in chosen, indent=False,
                                       description=labels.get(choice, choice))
                box.add_class(f"wb-motivator-{choice}")
                self.motivators[choice] = box
            children += [paragraph(spec.get("motivators_label", "")),
                         widgets.HBox(list(self.motivators.values()),
                                      layout=widgets.Layout(flex_flow="row wrap"))]
        for field in spec.get("fields", []):
            children.append(self._field(field, saved))
        if spec.get("kind") == "capacity":
            steps = {**DEFAULT_STEP_MINUTES, **(saved.get(STEP_MINUTES) or {})}
            for step, minutes in steps.items():
                box = widgets.BoundedIntText(
                    value=int(minutes), min=1, max=MAX_STEP_MINUTES,
                    description=STEP_NAMES.get(step, step.replace("_", " ")),
                    # Room for the longest step name, then a small box for the number.
                    style={"description_width": "24em"}, layout=widgets.Layout(width="31em"),
                    continuous_update=False)
                box.add_class(f"wb-minutes-{step}")
                self.minutes[step] = box
            children += [paragraph(spec.get("minutes_heading", "")), *self.minutes.values(),
                         heading(spec.get("capacity_heading", ""), 4), self.extra]
        if spec.get("pace"):
            children += [heading(spec.get("pace_heading", ""), 4), self.pace]
        self.box = widgets.VBox(children)
        self.box.add_class(f"wb-tool-{ingredient.id}")
        self.update(None)

    def _field(self, field: dict, saved: dict):
        value = saved.get(field["id"])
        if field["id"] == schema.HOURS:
            self.hours = parse_hours(value) if value is not None else None
            shown = "" if self.hours is None else f"{self.hours:g}"
            box = widgets.Text(value=shown, description=field["label"],
                               placeholder=field.get("placeholder", ""), continuous_update=False,
                               style={"description_width": "initial"})
        else:
            box = widgets.Textarea(value=str(value or ""), description=field["label"],
                                   placeholder=field.get("placeholder", ""), layout=WIDE,
                                   continuous_update=False,
                                   style={"description_width": "initial"})
        box.add_class(f"wb-field-{field['id']}")
        self.fields[field["id"]] = box
        return box

    # -- values ------------------------------------------------------------------------
    def values(self) -> dict:
        """Return the tool's answers, as saved."""
        out = {}
        for name, box in self.fields.items():
            out[name] = self.hours if name == schema.HOURS else box.value
        if self.minutes:
            out[STEP_MINUTES] = {step: box.value for step, box in self.minutes.items()}
        if self.motivators:
            out[schema.MOTIVATORS] = [c for c, box in self.motivators.items() if box.value]
        return out

    def set(self, name: str, value) -> None:
        """Set one answer as if typed or clicked (the plain-function way to use the tool)."""
        if name == STEP_MINUTES and self.minutes:
            for step, minutes in dict(value).items():
                if step not in self.minutes:
                    steps = ", ".join(self.minutes)
                    raise WorkbookError(f"there is no step {step!r}; steps: {steps}")
                self.minutes[step].value = int(minutes)
        elif name == schema.MOTIVATORS and self.motivators:
            chosen = [value] if isinstance(value, str) else list(value)
            unknown = [c for c in chosen if c not in self.motivators]
            if unknown:
                raise WorkbookError(f"unknown motivator(s) {', '.join(map(str, unknown))}; "
                                    f"choose from {', '.join(schema.MOTIVATOR_CHOICES)}")
            for choice, box in self.motivators.items():
                box.value = choice in chosen
        elif name in self.fields:
            self.fields[name].value = "" if value is None else str(value)
        else:
            raise WorkbookError(f"the {self.ingredient.name} page has no answer {name!r}")

    def observe(self, callback) -> None:
        """Call ``callback()`` after every committed change."""
        for name, box in self.fields.items():
            if name == schema.HOURS:
                box.observe(self._hours_changed(callback), "value")
            else:
                box.observe(lambda _change: callback(), "value")
        for box in [*self.minutes.values(), *self.motivators.values()]:
            box.observe(lambda _change: callback(), "value")

    def _hours_changed(self, callback):
        def changed(change):
            try:
                self.hours = parse_hours(change["new"], self.hours_message)
            except WorkbookError as exc:
                self.screen.show_message(str(exc))
                return
            callback()
        return changed

    # -- derived -------------------------------------------------------------------------
    def update(self, level) -> None:
        """Refresh what the tool derives: weekly capacity, the pace a level allows."""
        if self.minutes:
            if self.hours is None:
                self.extra.value = ""
            else:
                plan = pacing_plan(self.hours, schema.PLENTY, self.values()[STEP_MINUTES])
                self.extra.value = (f"<p><b>{esc(plan.summary())}</b></p>"
                                    f"<p>{esc(self.spec.get('pace_note', ''))}</p>")
        if self.spec.get("pace"):
            self.pace.value = f"<p>{esc(self.spec['pace'].get(level, ''))}</p>" if level else ""
