"""The session rule: a client's current picture, and where each part of it came from.

A client's current picture is their latest session, with each ingredient not answered in it
carried from the most recent earlier session that has it, labelled with that date. The
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
"""

from __future__ import annotations


def pictures(history: dict):
    """Each session date with the picture as it stood after it: ``(date, answers)``, oldest first.

    ``history`` is ``{date: answers}`` as :meth:`ClientStore.history` returns it.
    """
    state = {}
    for day in sorted(history):
        answers = history[day]
        if isinstance(answers, dict):
            state.update(answers)
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
        if not isinstance(session, dict):
            continue
        for name, section in session.items():
            answers[name], sources[name] = section, day
    return answers, sources


def carried(sources: dict) -> dict:
    """The sections carried from an earlier session than the latest: ``{section: date}``."""
    if not sources:
        return {}
    latest = max(sources.values())
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
