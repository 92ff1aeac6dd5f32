"""The session rule: a client's current picture, and where each part of it came from.

A client's current picture is their latest session, with each ingredient not answered in it
carried from the most recent earlier session that has it, labelled with that date. An
ingredient is answered on a day when that day's section holds a statement answer: a section
holding only a text (a reflection, an exercise text, the north star) keeps the earlier
statement answers, with their date, and adds its texts (round 9b J3, J7). The
profile screen, the personal report, ``workbook export-clients`` and the history all use
this rule, so a client who redid two pages on a later date reads the same everywhere.

Examples
--------
>>> history = {"2026-11-02": {"hope": {"items": {"hope_1": 2}}, "time": {"items": {}}},
...            "2026-11-16": {"hope": {"items": {"hope_1": 4}}}}
>>> answers, sources = picture(history)
>>> answers["hope"]["items"]["hope_1"], sources
(4, {'hope': '2026-11-16', 'time': '2026-11-02'})
>>> carried(sources)
{'time': '2026-11-02'}
>>> [day for day, _ in pictures(history)]
['2026-11-02', '2026-11-16']

A text alone on a later day keeps the statements, and their date:

>>> history["2026-11-30"] = {"hope": {"items": {}, "reflections": ["a walk"]}}
>>> answers, sources = picture(history)
>>> answers["hope"], sources["hope"]
({'items': {'hope_1': 4}, 'reflections': ['a walk']}, '2026-11-16')
"""

from __future__ import annotations

ITEMS = "items"
TOOL = "tool"


def answered(section) -> bool:
    """Whether a section holds a statement answer (not only texts or a tool's values).

    >>> answered({"items": {"hope_1": 4}}), answered({"items": {"hope_1": None}, "tool": {}})
    (True, False)
    """
    items = section.get(ITEMS) if isinstance(section, dict) else None
    return isinstance(items, dict) and any(v is not None for v in items.values())


def _with_tool(section, earlier):
    """``section`` with the tool values it does not give taken from ``earlier`` (R6).

    A page saves every field of its tool (an emptied one as None); a save of some fields
    alone (the Python API, a hand edit: only the minutes per step) keeps the others, such
    as the hours a week, as they stood (round 13a R6).

    >>> _with_tool({"tool": {"step_minutes": {"talk": 45}}}, {"tool": {"hours_per_week": 4}})
    {'tool': {'hours_per_week': 4, 'step_minutes': {'talk': 45}}}
    >>> _with_tool({"tool": {"hours_per_week": None}}, {"tool": {"hours_per_week": 4}})
    {'tool': {'hours_per_week': None}}
    """
    before = earlier.get(TOOL) if isinstance(earlier, dict) else None
    if not isinstance(section, dict) or not isinstance(before, dict) or not before:
        return section
    tool = section.get(TOOL, {})
    if not isinstance(tool, dict) or all(key in tool for key in before):
        return section
    return {**section, TOOL: {**before, **tool}}


def _lay(answers: dict, sources: dict, session: dict, day: str) -> None:
    """Lay one session's sections over the picture so far (the session rule)."""
    for name, section in session.items():
        earlier = answers.get(name)
        section = _with_tool(section, earlier)
        if not answered(section) and answered(earlier) and isinstance(section, dict):
            # texts only that day: the statements stay as answered, with their date
            answers[name] = {**section, ITEMS: earlier[ITEMS]}
            continue
        answers[name], sources[name] = section, day


def pictures(history: dict):
    """Each session date with the picture as it stood after it: ``(date, answers)``, oldest first.

    ``history`` is ``{date: answers}`` as :meth:`ClientStore.history` returns it.
    """
    state, sources = {}, {}
    for day in sorted(history):
        answers = history[day]
        if isinstance(answers, dict):
            _lay(state, sources, answers, day)
        yield day, dict(state)


def picture(history: dict) -> tuple:
    """The current picture and the session date each section comes from.

    Returns
    -------
    answers : dict
        Section (ingredient id) -> its answers from the latest session that has it.
    sources : dict
        Section -> the date of the session it comes from.
    """
    answers, sources = {}, {}
    for day in sorted(history):
        session = history[day]
        if isinstance(session, dict):
            _lay(answers, sources, session, day)
    return answers, sources


def carried(sources: dict, latest=None) -> dict:
    """The sections carried from an earlier session than the latest: ``{section: date}``.

    ``latest`` is the latest session's date (by default the latest of ``sources``): give it
    when that session may hold only texts, whose sections' statements are all carried.

    >>> carried({"hope": "2026-11-02", "time": "2026-11-02"}, latest="2026-12-07")
    {'hope': '2026-11-02', 'time': '2026-11-02'}
    """
    if not sources:
        return {}
    latest = max(sources.values()) if latest is None else str(latest)
    return {name: day for name, day in sources.items() if day != latest}


def as_of(history: dict, day: str) -> dict:
    """The sessions saved on or before ``day`` (``YYYY-MM-DD``): all a session then can carry.

    A page or a save for a past session takes nothing from a later one.

    >>> list(as_of({"2026-11-01": {}, "2026-11-20": {}, "2026-12-01": {}}, "2026-11-20"))
    ['2026-11-01', '2026-11-20']
    """
    return {d: answers for d, answers in history.items() if d <= day}


def section_as_of(history: dict, day: str, name: str):
    """Section ``name`` as it stood on ``day``: the session's own, else an earlier one's.

    The most recent earlier session that has it (the session rule); None when none has it.

    >>> section_as_of({"2026-11-01": {"hope": 1}, "2026-12-01": {"hope": 5}}, "2026-11-20", "hope")
    1
    """
    answers, _ = picture(as_of(history, day))
    return answers.get(name)
