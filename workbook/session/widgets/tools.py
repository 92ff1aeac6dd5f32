"""Each ingredient's own exercise ("tool"), built from its ``[ingredients.tool]`` table.

Kinds: ``notes`` (text boxes), ``capacity`` (hours a week and minutes per step, giving the
conversations a week that fit) and ``motivators`` (what the client wants from work). A field
whose id is ``hours_per_week`` is a number box; any other field is a text box. A ``pace``
table (energy) shows the pace each level allows.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets
import traitlets

from workbook.core import schema
from workbook.core.exceptions import WorkbookError
from workbook.core.numbers import plain_number
from workbook.core.pacing import DEFAULT_STEP_MINUTES, STEP_NAMES, pacing_plan
from workbook.core.session_texts import shown_text
from workbook.session.widgets.base import WIDE, esc, heading, paragraph, share_box
from workbook.session.widgets.session import app_text

#: Key of the minutes per step in a tool's saved values.
STEP_MINUTES = "step_minutes"
#: Longest a step may be said to take, in minutes.
MAX_STEP_MINUTES = 600



def quoted(value) -> str:
    """A saved value written out for a message: text in quotes, anything else as JSON.

    Examples
    --------
    >>> quoted("x"), quoted(7), quoted(None)
    ('"x"', '7', 'null')
    """
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else (
        "null" if value is None else shown_text(value))


def field_note(text: str, *, alert: bool = False) -> str:
    """HTML for a note shown beside the field it concerns (``<``, ``>`` and ``&`` escaped).

    ``alert`` marks a note that appears while the client types (a screen reader says it).

    Examples
    --------
    >>> field_note('Saved as "<b>".')
    '<p class="wb-field-note" style="color:#B00020">Saved as "&lt;b&gt;".</p>'
    >>> field_note("Too many.", alert=True)
    '<p class="wb-field-note" role="alert" style="color:#B00020">Too many.</p>'
    """
    role = ' role="alert"' if alert else ""
    return (f'<p class="wb-field-note"{role} style="color:#B00020">'
            f"{html.escape(text, quote=False)}</p>")


class _MinutesText(traitlets.Unicode):
    """Text, or a number set from Python written as text (``30.0`` as ``30``)."""

    def validate(self, obj, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return super().validate(obj, value)


class MinutesBox(widgets.Text):
    """A step's minutes box: a text box that takes a number set from Python as its text.

    >>> MinutesBox(value=45).value, MinutesBox(value=2.5).value, MinutesBox(value=30.0).value
    ('45', '2.5', '30')
    """

    value = _MinutesText(help="The minutes as typed").tag(sync=True)


def typed_minutes(text):
    """Whole minutes typed in a step's box, or None (an emptied box too).

    As :func:`whole_minutes`, but a number written with an exponent (``1e2``) is refused,
    as in Hours a week (round 9b J1).

    >>> typed_minutes(" 45 "), typed_minutes("1e2"), typed_minutes(""), typed_minutes(30)
    (45, None, None, 30)
    """
    if isinstance(text, str) and "e" in text.lower():
        return None
    return whole_minutes(text)


def whole_minutes(value):
    """Whole minutes from 1 to :data:`MAX_STEP_MINUTES`, or None when ``value`` is not that."""
    if isinstance(value, bool):
        return None
    try:
        number = plain_number(str(value).strip())  # "3_0" is no 30 (round 12b Q2)
    except ValueError:
        return None
    if not number.is_integer() or not 1 <= number <= MAX_STEP_MINUTES:
        return None
    return int(number)


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
    >>> parse_hours("1e1")
    Traceback (most recent call last):
    ...
    workbook.core.exceptions.WorkbookError: hours a week must be a number from 0 to 80
    """
    lo, hi = schema.HOURS_RANGE
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    try:
        hours = plain_number(text.replace(",", "."))  # "1_5" is no 15 (round 12b Q2)
    except ValueError:
        hours = float("nan")
    if "e" in text.lower() and isinstance(value, str):
        hours = float("nan")  # an exponent (1e1): not read as 10, as counts (round 9b J1)
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
    shared : iterable of str, optional
        The entries ticked for the client's report (see :mod:`workbook.session.sharing`).
    share_label : str, optional
        The words beside each tick.

    Attributes
    ----------
    share : dict
        Entry (``motivators`` or a text field's id) -> its "put this in my report" tick.
    """

    def __init__(self, screen, ingredient, spec: dict, saved: dict, *, shared=(),
                 share_label: str = ""):
        self.screen, self.ingredient, self.spec = screen, ingredient, spec
        self.shared, self.share_label = set(shared), share_label
        self.share = {}
        lo, hi = schema.HOURS_RANGE
        self.hours_message = spec.get("hours_invalid", "").format(low=f"{lo:g}", high=f"{hi:g}")
        self.minutes_message = spec.get("minutes_invalid", "").format(
            low="1", high=f"{MAX_STEP_MINUTES}") or (
            f"minutes must be a whole number from 1 to {MAX_STEP_MINUTES}")
        self.fields, self.notes, self.bad_saved = {}, {}, {}
        self.hours = None
        self.minutes, self.good_minutes = {}, {}
        self.motivators = {}
        self.extra = widgets.HTML("")
        self.pace = widgets.HTML("")
        children = [heading(spec.get("heading", ""), 4), paragraph(spec.get("intro", ""))]
        if spec.get("kind") == "motivators":
            chosen = saved.get(schema.MOTIVATORS) or []
            chosen = [chosen] if isinstance(chosen, str) else chosen
            chosen = chosen if isinstance(chosen, list) else [chosen]
            labels = spec.get("motivators", {})
            for choice in schema.MOTIVATOR_CHOICES:
                box = widgets.Checkbox(value=choice in chosen, indent=False,
                                       description=labels.get(choice, choice))
                box.add_class(f"wb-motivator-{choice}")
                self.motivators[choice] = box
            unknown = [c for c in chosen if c not in self.motivators]
            note = widgets.HTML(field_note(self.say("bad_motivators", value=", ".join(
                map(quoted, unknown)))) if unknown else "")
            note.add_class(f"wb-note-{schema.MOTIVATORS}")
            if unknown:
                self.bad_saved[schema.MOTIVATORS] = unknown
            self.notes[schema.MOTIVATORS] = note
            children += [paragraph(spec.get("motivators_label", "")),
                         widgets.HBox(list(self.motivators.values()),
                                      layout=widgets.Layout(flex_flow="row wrap")), note,
                         self._share_box(schema.MOTIVATORS)]
        for field in spec.get("fields", []):
            children.append(self._field(field, saved))
        if spec.get("kind") == "capacity":
            minute_boxes = []
            saved_minutes = saved.get(STEP_MINUTES)
            steps = {**DEFAULT_STEP_MINUTES,
                     **(saved_minutes if isinstance(saved_minutes, dict) else {})}
            for step, minutes in steps.items():
                shown = whole_minutes(minutes)
                note = widgets.HTML("")
                note.add_class(f"wb-note-minutes-{step}")
                if shown is None:  # show the usual minutes, and say what was saved
                    shown = DEFAULT_STEP_MINUTES.get(step, 1)
                    self.bad_saved[(STEP_MINUTES, step)] = minutes
                    note.value = field_note(self.say(
                        "bad_minutes", value=quoted(minutes), high=MAX_STEP_MINUTES, shown=shown))
                self.notes[(STEP_MINUTES, step)] = note
                self.good_minutes[step] = shown
                # A text box, as Hours a week: every key reaches the kernel as typed, an
                # emptied box and 1e2 included (a FloatText's page sends nothing for an empty
                # box and reads 1e2 itself: round 9b J1). Not a bounded box: that would turn 0
                # into 1 without a word; not an IntText: its page drops a typed "." (round 7
                # E18). A bad number is refused beside its box, the last good one is kept.
                box = MinutesBox(
                    value=shown,
                    description=self.step_name(step),
                    # Room for the longest step name, then a small box for the number.
                    style={"description_width": "24em"}, layout=widgets.Layout(width="31em"),
                    continuous_update=True)  # taken once typing pauses (round 8 G6)
                box.add_class(f"wb-minutes-{step}")
                self.minutes[step] = box
                minute_boxes += [box, note]
            children += [paragraph(spec.get("minutes_heading", "")), *minute_boxes,
                         heading(spec.get("capacity_heading", ""), 4), self.extra]
        if spec.get("pace"):
            children += [heading(spec.get("pace_heading", ""), 4), self.pace]
        self.box = widgets.VBox(children)
        self.box.add_class(f"wb-tool-{ingredient.id}")
        self.update(None)

    def say(self, key: str, **fill) -> str:
        """A text of the instrument's ``[session.app]`` table (the words beside the tool)."""
        return app_text(getattr(self.screen, "texts", None), key, **fill)

    def step_name(self, step: str) -> str:
        """A step of one conversation in words (``[words.plan]``'s ``step_<step>_name``)."""
        from workbook.core.pacing import plan_words

        said = plan_words(getattr(self.screen, "instrument", None)).get(f"step_{step}_name")
        return said or STEP_NAMES.get(step, step.replace("_", " "))

    def _field(self, field: dict, saved: dict):
        value = saved.get(field["id"])
        if field["id"] == schema.HOURS:
            note = widgets.HTML("")
            note.add_class(f"wb-note-{schema.HOURS}")
            try:
                self.hours = parse_hours(value, self.hours_message)
                shown = "" if self.hours is None else f"{self.hours:g}"
            except WorkbookError as exc:  # show what was saved, with the message, to correct
                self.bad_saved[schema.HOURS] = value
                shown = shown_text(value)
                note.value = field_note(str(exc))
            self.notes[schema.HOURS] = note
            # every key is sent; the page takes the number once typing pauses (round 8 G6)
            box = widgets.Text(value=shown, description=field["label"],
                               placeholder=field.get("placeholder", ""), continuous_update=True,
                               style={"description_width": "initial"})
            box.add_class(f"wb-field-{field['id']}")
            self.fields[field["id"]] = box
            return widgets.VBox([box, note])
        box = widgets.Textarea(value=shown_text(value), description=field["label"],
                               placeholder=field.get("placeholder", ""), layout=WIDE,
                               continuous_update=True, style={"description_width": "initial"})
        box.add_class(f"wb-field-{field['id']}")
        self.fields[field["id"]] = box
        return widgets.VBox([box, self._share_box(field["id"])])

    def _share_box(self, entry: str) -> widgets.Checkbox:
        box = share_box(self.share_label, entry in self.shared,
                        f"wb-share-{self.ingredient.id}-{entry}")
        self.share[entry] = box
        return box

    # -- values ------------------------------------------------------------------------
    def values(self) -> dict:
        """Return the tool's answers, as saved."""
        out, bad = {}, self.bad_saved
        for name, box in self.fields.items():
            out[name] = box.value
            if name == schema.HOURS:  # a bad saved value is kept until it is corrected
                out[name] = self.hours if self.hours is not None else bad.get(name)
        if self.minutes:
            out[STEP_MINUTES] = {step: bad.get((STEP_MINUTES, step), self.good_minutes[step])
                                 for step in self.minutes}
        if self.motivators:
            out[schema.MOTIVATORS] = [c for c, box in self.motivators.items() if box.value]
            out[schema.MOTIVATORS] += bad.get(schema.MOTIVATORS, [])
        return out

    def shown_minutes(self) -> dict:
        """Minutes per step: the last good number each box held (what the plan uses)."""
        return dict(self.good_minutes)

    def set(self, name: str, value) -> None:
        """Set one answer as if typed or clicked (the plain-function way to use the tool)."""
        if name == STEP_MINUTES and self.minutes:
            for step, minutes in dict(value).items():
                if step not in self.minutes:
                    steps = ", ".join(self.minutes)
                    raise WorkbookError(f"there is no step {step!r}; steps: {steps}")
                self.minutes[step].value = float(minutes)  # 2.5: refused, not cut to 2
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

    def observe(self, callback, typed=None) -> None:
        """Call ``callback()`` after every committed change.

        The boxes send every key (a number or a text typed and not left is not lost, round 8
        G6): with ``typed`` (``typed(key, func)``: call ``func`` once typing pauses, as
        :meth:`~workbook.session.widgets.base.Screen.after_typing`) a typed value is taken,
        or refused beside its box, once typing pauses; without it at once. Text boxes share
        the key ``"text"`` (a save takes every text), number boxes have one each.
        """
        typed = typed or (lambda _key, func: func())
        for name, box in self.fields.items():
            if name == schema.HOURS:
                changed = self._hours_changed(callback)
                box.observe(lambda change, f=changed: typed(
                    ("number", schema.HOURS), lambda: f(change)), "value")
            else:
                box.observe(lambda _change: typed("text", callback), "value")
        for step, box in self.minutes.items():
            changed = self._minutes_changed(step, callback)
            box.observe(lambda change, f=changed, s=step: typed(
                ("number", s), lambda: f(change)), "value")
        for box in [*self.motivators.values(), *self.share.values()]:
            box.observe(lambda _change: callback(), "value")

    def _corrected(self, key) -> None:
        """A field was changed: its bad saved value is replaced, and its note goes."""
        self.bad_saved.pop(key, None)
        if key in self.notes:
            self.notes[key].value = ""

    def _hours_changed(self, callback):
        def changed(change):
            try:
                self.hours = parse_hours(change["new"], self.hours_message)
            except WorkbookError as exc:  # said beside the box, until a good value
                self.notes[schema.HOURS].value = field_note(str(exc), alert=True)
                return
            self._corrected(schema.HOURS)
            callback()
        return changed

    def _minutes_changed(self, step: str, callback):
        def changed(change):
            minutes = typed_minutes(change["new"])
            if minutes is None:  # 0 (or an emptied box) is refused, not made 1: said beside the box
                self.notes[(STEP_MINUTES, step)].value = field_note(self.minutes_message,
                                                                    alert=True)
                return
            self.good_minutes[step] = minutes
            self._corrected((STEP_MINUTES, step))
            callback()
        return changed

    # -- derived -------------------------------------------------------------------------
    def update(self, level) -> None:
        """Refresh what the tool derives: weekly capacity, the pace a level allows."""
        if self.minutes:
            if self.hours is None:
                self.extra.value = ""
            else:
                texts = getattr(self.screen, "texts", None)
                plan = pacing_plan(self.hours, schema.PLENTY, self.shown_minutes(),
                                   instrument=getattr(texts, "instrument", None))
                # With no hours there is no pace for energy to slow down: no note about it.
                note = self.spec.get("pace_note", "") if plan.cap_per_week > 0 else ""
                self.extra.value = f"<p><b>{esc(plan.summary())}</b></p>" + (
                    f"<p>{esc(note)}</p>" if note else "")
        if self.spec.get("pace"):
            self.pace.value = f"<p>{esc(self.spec['pace'].get(level, ''))}</p>" if level else ""

    def show(self, words: dict) -> None:
        """Show the page's closing words (:func:`.ingredient.closing_words`).

        The time page's "what fits in your week" and the energy page's pace come from the
        client's plan, so neither promises a pace the verdict withholds.
        """
        if self.minutes:
            text = words.get("capacity", "")
            self.extra.value = f"<p><b>{esc(text)}</b></p>" if text else ""
        if self.spec.get("pace"):
            text = words.get("pace", "")
            self.pace.value = f"<p>{esc(text)}</p>" if text else ""
