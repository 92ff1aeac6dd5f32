"""What leaves the room: the reflections and exercises a client chose to put in their report.

Reflections and exercise answers are private by default. On each ingredient page the coach
and client tick the ones that go into the client's report; the ticks are saved in that
ingredient's section, beside the answers::

    {"hope": {"items": {...}, "reflections": ["...", "..."], "tool": {"kind_person": "..."},
              "share": ["reflection-2", "kind_person"], "coach_note": "..."}}

``share`` lists the entries ticked: ``reflection-N`` for the N-th reflection prompt (1 is the
first), a tool field's id (``kind_person``, ``why_them``, ``offers``, ``drains``,
``restores``, ``north_star``) and ``motivators``. ``coach_note`` is the coach's own note: it
is never shared, and nothing here reads it.

Only what a page offers can be shared (:func:`share_entries`): a tick for a prompt or field
the instrument no longer has shares nothing. Hours a week and minutes per step are not
offered: they feed the pace, which the report shows anyway.

Examples
--------
>>> answers = {"hope": {"reflections": ["Never really", "My old manager"],
...                     "tool": {"kind_person": "Ms Rivera"},
...                     "share": ["reflection-2"], "coach_note": "ask about the move"}}
>>> [entry] = shared_answers(answers)
>>> entry.ingredient, entry.text
('Hope', 'My old manager')
>>> from workbook.core.instrument import load_instrument
>>> entry.label == load_instrument().ingredient("hope").prompts[1]  # the prompt as shown
True
"""

from __future__ import annotations

from typing import NamedTuple

from workbook.core import schema
from workbook.core.instrument import resolve
from workbook.core.session_texts import Texts, shown_text

#: Key of a section's list of entries ticked for the report.
SHARE = "share"
#: Key of a section's coach's note: never in any report, export or cohort.
COACH_NOTE = "coach_note"
#: Section keys this module adds, and the type each must have (the store checks them).
SECTION_TYPES = {SHARE: list, COACH_NOTE: str}


class Shared(NamedTuple):
    """One answer the client chose to share.

    Attributes
    ----------
    ingredient : str
        The ingredient's name, as the page heading showed it ("Self-esteem").
    label : str
        What the client answered: the reflection prompt, or the exercise field's label.
    text : str
        The answer (motivators: their labels, joined by ", ").
    """

    ingredient: str
    label: str
    text: str


def reflection_entry(number: int) -> str:
    """The share entry of the ``number``-th reflection prompt (1 is the first).

    Examples
    --------
    >>> reflection_entry(1)
    'reflection-1'
    """
    return f"reflection-{number}"


def share_entries(ingredient, tool: dict) -> list:
    """What an ingredient page offers to share, in page order: ``(entry, label)`` pairs.

    Parameters
    ----------
    ingredient : Ingredient
    tool : dict
        The ingredient's tool table (:meth:`workbook.core.session_texts.Texts.tool`).

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> tool = Texts(inst).tool("ambition")
    >>> [entry for entry, _ in share_entries(inst.ingredient("ambition"), tool)]
    ['reflection-1', 'reflection-2', 'motivators', 'north_star']
    >>> [entry for entry, _ in share_entries(inst.ingredient("time"), Texts(inst).tool("time"))]
    ['reflection-1', 'reflection-2']
    """
    entries = [(reflection_entry(n), prompt)
               for n, prompt in enumerate(ingredient.prompts, start=1)]
    if tool.get("kind") == "motivators":
        entries.append((schema.MOTIVATORS, tool.get("motivators_label") or ingredient.name))
    entries += [(field["id"], field["label"]) for field in tool.get("fields", [])
                if field["id"] != schema.HOURS]
    return entries


def ticked(section) -> list:
    """The entries ticked in one section (text only; anything else in the list is ignored).

    Examples
    --------
    >>> ticked({"share": ["reflection-1", 5, None, "offers"]}), ticked({"share": "offers"})
    (['reflection-1', 'offers'], [])
    """
    chosen = section.get(SHARE) if isinstance(section, dict) else None
    return [e for e in chosen if isinstance(e, str)] if isinstance(chosen, list) else []


def shared_answers(answers, instrument=None) -> list:
    """The answers a client chose to share, in ingredient order, then page order.

    Parameters
    ----------
    answers : dict
        One client's answers: sections by ingredient id, as the store returns them.
    instrument : Instrument or path, optional

    Returns
    -------
    list of Shared
        Only ticked entries whose text is not blank. Motivators are given by the labels the
        client saw ("Good colleagues"), not by their codes. The coach's note is never here.

    Examples
    --------
    >>> answers = {"ambition": {"tool": {"motivators": ["camaraderie", "power"],
    ...                                  "north_star": "  "},
    ...                         "share": ["motivators", "north_star"]},
    ...            "energy": {"tool": {"drains": "long calls", "restores": "walks"},
    ...                       "share": ["restores"]}}
    >>> for entry in shared_answers(answers):
    ...     print(entry.ingredient, "|", entry.label, "|", entry.text)
    Energy | What restores me | walks
    Ambition | What I want from work | Good colleagues, Influence
    """
    inst = resolve(instrument)
    texts = Texts(inst)
    if not isinstance(answers, dict):
        return []
    out = []
    for ing in inst.ingredients:
        section = answers.get(ing.id)
        chosen = set(ticked(section))
        if not chosen:
            continue
        tool = texts.tool(ing.id)
        for entry, label in share_entries(ing, tool):
            if entry in chosen:
                text = _entry_text(section, entry, tool).strip()
                if text:
                    out.append(Shared(ing.name, label, text))
    return out


def _entry_text(section: dict, entry: str, tool: dict) -> str:
    """The text of one entry of a section, as the page showed it."""
    saved_tool = section.get("tool") if isinstance(section.get("tool"), dict) else {}
    if entry == schema.MOTIVATORS:
        chosen = saved_tool.get(schema.MOTIVATORS) or []
        chosen = [chosen] if isinstance(chosen, str) else chosen
        if not isinstance(chosen, list):
            return ""
        labels = tool.get("motivators", {})
        return ", ".join(str(labels.get(c, c)) for c in chosen
                         if isinstance(c, str) and c.strip())
    if entry.startswith("reflection-"):
        texts = section.get("reflections")
        n = int(entry.removeprefix("reflection-")) - 1
        return shown_text(texts[n]) if isinstance(texts, list) and n < len(texts) else ""
    return shown_text(saved_tool.get(entry))
