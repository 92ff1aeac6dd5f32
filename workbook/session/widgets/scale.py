"""The answer scale: one statement and its labelled choices in a row, a radio group.

An anywidget: the state and the keyboard model live here in Python (traits), the small ES
module below only draws them and reports keys and clicks. Its front end ships inside the
``anywidget`` package, so a page with a scale loads nothing from the internet.

Accessibility (the WAI-ARIA radio group pattern, with a roving tab stop):

- the row is ``role="radiogroup"``, named by the statement (``aria-labelledby``);
- each choice is ``role="radio"`` named by its label, with ``aria-checked``;
- the group is one Tab stop (the chosen answer, else the first); the arrow keys move between
  choices, Home and End go to the ends, and Space (or Enter, or a click) chooses.
"""

from __future__ import annotations

import anywidget
import traitlets

from workbook.core.exceptions import WorkbookError

#: Keys that move the tab stop: key -> step, or the end it goes to.
MOVES = {"ArrowRight": 1, "ArrowDown": 1, "ArrowLeft": -1, "ArrowUp": -1,
         "Home": "first", "End": "last"}
#: Keys that choose the answer under the tab stop.
CHOOSE = (" ", "Spacebar", "Enter")

_ESM = r"""
function render({ model, el }) {
  const uid = "wb-scale-" + Math.random().toString(36).slice(2);
  const head = document.createElement("p");
  head.className = "wb-scale-statement";
  const number = document.createElement("span");
  number.className = "wb-scale-number";
  number.setAttribute("aria-hidden", "true");
  const text = document.createElement("span");
  text.id = uid + "-label";
  head.append(number, text);
  const group = document.createElement("div");
  group.className = "wb-scale-choices";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", text.id);
  el.classList.add("wb-scale");
  el.append(head, group);
  let choices = [];

  function build() {
    group.replaceChildren();
    choices = model.get("labels").map((label, i) => {
      const choice = document.createElement("div");
      choice.className = "wb-scale-choice";
      choice.setAttribute("role", "radio");
      choice.dataset.label = label;
      const mark = document.createElement("span");
      mark.className = "wb-scale-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "\u2713";
      const name = document.createElement("span");
      name.textContent = label;
      choice.append(mark, name);
      choice.addEventListener("click", () => { choice.focus(); model.send({ choose: i }); });
      group.append(choice);
      return choice;
    });
  }

  function draw() {
    const inside = group.contains(document.activeElement);
    number.textContent = model.get("number");
    text.textContent = model.get("statement");
    const values = model.get("values"), value = model.get("value"), active = model.get("active");
    choices.forEach((choice, i) => {
      const checked = value !== null && values[i] === value;
      choice.setAttribute("aria-checked", checked ? "true" : "false");
      choice.tabIndex = i === active ? 0 : -1;
    });
    if (inside && choices[active] && document.activeElement !== choices[active]) {
      choices[active].focus();
    }
  }

  group.addEventListener("keydown", (event) => {
    const keys = %KEYS%;
    if (event.altKey || event.ctrlKey || event.metaKey || !keys.includes(event.key)) return;
    event.preventDefault();
    model.send({ key: event.key });
  });
  const relabel = () => { build(); draw(); };
  model.on("change:labels", relabel);
  ["value", "values", "active", "statement", "number"].forEach(
    (name) => model.on("change:" + name, draw));
  relabel();
  return () => {
    model.off("change:labels", relabel);
    ["value", "values", "active", "statement", "number"].forEach(
      (name) => model.off("change:" + name, draw));
  };
}
export default { render };
"""

_CSS = """
.wb-scale { margin: .3rem 0 1.4rem; width: 100%; box-sizing: border-box; }
.wb-scale-statement { margin: 0 0 .5rem; color: var(--ink, #2a2623); font-size: 1.02rem;
  line-height: 1.5; }
.wb-scale-number { font-weight: 600; color: var(--accent, #a4532a); margin-right: .4rem; }
.wb-scale-choices { display: flex; flex-wrap: wrap; gap: .45rem; }
.wb-scale-choice { flex: 1 1 7rem; min-height: 3.1rem; display: flex; align-items: center;
  justify-content: center; gap: .3rem; padding: .4rem .55rem; text-align: center;
  font: .92rem/1.25 var(--body-font, sans-serif); color: var(--ink, #2a2623);
  background: var(--card, #fff); border: 1.5px solid var(--line, #e6ded3); border-radius: 9px;
  cursor: pointer; user-select: none; transition: background .12s, border-color .12s; }
.wb-scale-choice:hover { border-color: var(--accent, #a4532a);
  background: var(--accent-soft, #f4e6dc); }
.wb-scale-choice:focus { outline: none; }
.wb-scale-choice:focus-visible { outline: 3px solid var(--ink, #2a2623); outline-offset: 2px; }
.wb-scale-mark { display: none; font-weight: 700; }
.wb-scale-choice[aria-checked="true"] { background: var(--accent, #a4532a); color: #fff;
  border-color: var(--accent, #a4532a); font-weight: 600;
  box-shadow: 0 1px 3px rgba(42, 38, 35, .25); }
.wb-scale-choice[aria-checked="true"] .wb-scale-mark { display: inline; }
"""


class ScaleError(WorkbookError):
    """An answer that is not one of the scale's choices."""


class AnswerScale(anywidget.AnyWidget):
    """One statement with its answers as a row of labelled choices (a radio group).

    Parameters
    ----------
    labels : list of str
        The choices, in scale order (they name the radios).
    values : list of int, optional
        The scale value of each choice (1, 2, ... by default).
    value : int or None, optional
        The chosen value; None when nothing is chosen.
    statement : str, optional
        The statement (it names the group for a screen reader).
    number : str, optional
        A number shown before the statement, such as ``"1."`` (not read out).

    Attributes
    ----------
    active : int
        Index of the choice that holds the group's one Tab stop: the chosen one, else the
        first; the arrow keys move it.

    Examples
    --------
    >>> scale = AnswerScale(["No", "Maybe", "Yes"], statement="I am ready.")
    >>> scale.value, scale.active
    (None, 0)
    >>> scale.press("ArrowRight"); scale.press(" "); scale.value
    2
    >>> scale.value = 3; scale.active
    2
    """

    _esm = _ESM.replace("%KEYS%", repr([*MOVES, *CHOOSE]))
    _css = _CSS

    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    values = traitlets.List(traitlets.Int()).tag(sync=True)
    statement = traitlets.Unicode("").tag(sync=True)
    number = traitlets.Unicode("").tag(sync=True)
    active = traitlets.Int(0).tag(sync=True)

    def __init__(self, labels, values=None, value=None, *, statement: str = "",
                 number: str = "", **kwargs):
        labels = [str(label) for label in labels]
        values = list(range(1, len(labels) + 1)) if values is None else [int(v) for v in values]
        if not labels or len(values) != len(labels):
            raise ScaleError(f"a scale needs one value per label; got {len(labels)} labels "
                             f"and {len(values)} values")
        super().__init__(labels=labels, values=values, statement=str(statement),
                         number=str(number), **kwargs)
        self.value = value
        self.on_msg(self._message)

    @traitlets.validate("value")
    def _valid(self, proposal):
        value = proposal["value"]
        if value is None:
            return None
        if not isinstance(value, bool):
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = None
            if number is not None and number.is_integer() and int(number) in self.values:
                return int(number)
        raise ScaleError(f"{value!r} is not one of this scale's answers "
                         f"({', '.join(map(str, self.values))})")

    @traitlets.observe("value")
    def _follow(self, change):
        if change["new"] is not None:  # the tab stop goes to the chosen answer
            self.active = self.values.index(change["new"])

    # -- the keyboard model (the front end sends each key here) -------------------------
    def press(self, key: str) -> None:
        """Act on one key: the arrows, Home and End move the tab stop; Space chooses.

        Moving wraps around at the ends, as in a radio group; any other key does nothing.
        """
        last = len(self.labels) - 1
        step = MOVES.get(key)
        if step == "first":
            self.active = 0
        elif step == "last":
            self.active = last
        elif step is not None:
            self.active = (self.active + step) % (last + 1)
        elif key in CHOOSE:
            self.choose(self.active)

    def choose(self, index: int) -> None:
        """Choose the answer at ``index`` (what a click does)."""
        if not 0 <= int(index) < len(self.values):
            raise ScaleError(f"there is no answer number {index} on this scale")
        self.active = int(index)
        self.value = self.values[int(index)]

    def _message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if "key" in content:
            self.press(str(content["key"]))
        elif "choose" in content:
            self.choose(content["choose"])
