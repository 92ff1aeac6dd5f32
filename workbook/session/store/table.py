"""The store's answers as rows of the kit's canonical response table, and scores over time.

The table of every client, with their conversations counted, is
:func:`workbook.session.clients_table.responses` (it reads the tracker too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.advice import MINUTES_RANGE, STEP_MINUTES
from workbook.core.instrument import resolve
from workbook.core.log import logger
from workbook.core.numbers import plain_number
from workbook.session.sharing import ticked
from workbook.session.store.records import ITEMS, SECTION_KEYS, TOOL

#: Canonical columns filled from exercise answers: exported only when shared.
PRIVATE_COLUMNS = (schema.MOTIVATORS, schema.NORTH_STAR)
#: Sections the pages save that are no ingredient (the profile's look-again, the pace).
OTHER_SECTIONS = ("profile", "pace")


def _owners(inst) -> dict:
    """Each statement's ingredient: the current items, and the retired ones kept."""
    owners = {item.id: item.ingredient for item in inst.items}
    owners.update({r.id: r.ingredient for r in inst.retired_items})
    owners.update({i.replaces: i.ingredient for i in inst.items if i.replaces
                   and i.replaces not in owners})
    return owners


def odd_sections(history: dict, instrument=None, *, unknown: bool = True) -> list:
    """What of a client's sessions is read into no ingredient (round 11a M12), in words.

    A section that is no ingredient of the instrument (``hopee``: a hand-edit slip) and a
    statement saved in another ingredient's section are not read (:func:`answers_row`);
    each is named here, session by session. ``unknown=False`` leaves out the statements the
    instrument has no statement of (``followups`` names those for the whole workspace in one
    line, :func:`workbook.session.instrument_record.lacking_line`).
    """
    inst = resolve(instrument)
    owners, known = _owners(inst), {*inst.ingredient_ids, *OTHER_SECTIONS}
    said = []
    for day in sorted(history):
        for name, section in (history[day] or {}).items():
            items = section.get(ITEMS) if isinstance(section, dict) else None
            items = items if isinstance(items, dict) else {}
            ids = [i for i in items if owners.get(i, name) != name]
            if name not in known:
                said.append(f"session {day} holds a section {str(name)[:40]!r}, which is no "
                            "ingredient of the instrument: it was not read"
                            + (f" (its statements {_few(ids)} were not read into their "
                               "ingredient)" if ids else ""))
                continue
            if ids:
                said.append(f"session {day}'s {name} holds {_few(ids)}, statements of "
                            "another ingredient: they were not read")
            slips = [str(key) for key in (section if isinstance(section, dict) else ())
                     if key not in SECTION_KEYS and name not in OTHER_SECTIONS]
            if slips:  # a misspelt key in a section (round 13a R9)
                said.append(f"session {day}'s {name} holds {_few(slips)}, which is no part of "
                            f"a section the kit reads ({', '.join(SECTION_KEYS)}): not read")
            lacking = [i for i in items if i not in owners] if unknown else []  # (9a H2)
            if lacking:
                said.append(f"session {day}'s {name} holds {_few(lacking)}, which the "
                            "instrument has no statement of: not read")
            bad = _bad_minutes(section)
            if bad:
                lo, hi = MINUTES_RANGE
                said.append(f"session {day}'s {name} holds minutes per step that are not "
                            f"whole minutes from {lo} to {hi} ({_few(bad)}): left out, the "
                            "usual minutes for those steps apply")
    return said


def _bad_minutes(section) -> list:
    """A section's saved minutes per step that the plan leaves out, as ``step=value``."""
    tool = section.get(TOOL) if isinstance(section, dict) else None
    saved = tool.get(STEP_MINUTES) if isinstance(tool, dict) else None
    lo, hi = MINUTES_RANGE
    return [f"{str(step)[:30]}={value!r}"[:60] for step, value in (
        saved.items() if isinstance(saved, dict) else ())
        if not (isinstance(value, int | float) and not isinstance(value, bool)
                and float(value).is_integer() and lo <= value <= hi)]


def _few(ids) -> str:
    shown = ", ".join(str(i)[:40] for i in ids[:10])
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def warn_odd(history: dict, instrument=None, client=None, *, unknown: bool = True) -> None:
    """Log :func:`odd_sections` as one warning (naming ``client`` when given)."""
    said = odd_sections(history, instrument, unknown=unknown)
    if said:
        whose = f"client {client!r}: " if client is not None else ""
        logger.warning("workbook: warning: %s%s (a hand edit of journal.jsonl? correct its "
                       "line to have it read)", whose, "; ".join(said))


def answers_row(answers: dict, instrument=None) -> dict:
    """One session's answers as a row of the canonical response table (items and extras).

    Item answers come from each section's ``items``; a tool field whose id is a canonical
    column fills that column: ``hours_per_week`` and ``notes`` (the facilitator's column)
    always, the client's ``motivators`` and ``north_star`` only when they ticked them for
    sharing (the section's ``share`` list, :mod:`workbook.session.sharing`). Reflections and the
    coach's note are never exported.

    Examples
    --------
    >>> row = answers_row({"time": {"items": {"time_1": 4}, "tool": {"hours_per_week": 2.5}}})
    >>> row["time_1"], row["hours_per_week"], row["hope_1"]
    (4, 2.5, None)
    >>> star = {"ambition": {"tool": {"north_star": "teach"}}}
    >>> answers_row(star)["north_star"], answers_row({"ambition": {**star["ambition"],
    ...                                              "share": ["north_star"]}})["north_star"]
    (None, 'teach')
    """
    inst = resolve(instrument)
    row = dict.fromkeys(inst.item_ids)
    row.update(dict.fromkeys(schema.EXTRA_COLUMNS))
    kept = retired_ids(inst)  # a session answered on an earlier version keeps its statements
    # a statement is read from its own ingredient's section only: a section that is no
    # ingredient ("hopee") is not mixed into one (round 11a M12; named by odd_sections)
    owners, known = _owners(inst), {*inst.ingredient_ids, *OTHER_SECTIONS}
    for name, section in answers.items():
        if not isinstance(section, dict) or name not in known:
            continue
        for item_id, value in (section.get(ITEMS) or {}).items():
            if (item_id in row or item_id in kept) and item_id not in schema.EXTRA_COLUMNS \
                    and owners.get(item_id, name) == name:
                row[item_id] = value
        shared = ticked(section)
        for name, value in (section.get(TOOL) or {}).items():
            if name in PRIVATE_COLUMNS and name not in shared:
                continue  # an exercise answer leaves the room only when the client ticked it
            if name in schema.EXTRA_COLUMNS and value not in (None, "", []):
                if isinstance(value, list | tuple) and name == schema.MOTIVATORS:
                    value = schema.MOTIVATOR_SEPARATOR.join(map(str, value))
                row[name] = value
    return row


def retired_ids(inst) -> tuple:
    """The ids of the statements the instrument keeps as retired (``[[retired]]``).

    Then each id an item ``replaces`` that has no such entry (a coach's own 2.2): its answers
    are kept, and say the version they were given on, though not scored (keying unknown).
    """
    kept = tuple(r.id for r in inst.retired_items)
    return kept + tuple(dict.fromkeys(i.replaces for i in inst.items
                                      if i.replaces and i.replaces not in kept))


def statement_columns(table: pd.DataFrame, inst) -> list:
    """The current items, then the retired statements ``table`` holds (scored as asked)."""
    return [*inst.item_ids, *(i for i in retired_ids(inst) if i in table.columns)]


def blank_unusable(table: pd.DataFrame, instrument=None, *, use: str = "export") -> None:
    """Blank saved answers off the scale and hours that are not hours, in place; say which.

    A session page keeps such a value for the coach to correct; an export or a report
    cannot use it (the kit's own ``validate`` would refuse the export). Each is left empty,
    with one logged warning naming the client, the session and the value.

    Parameters
    ----------
    table : DataFrame
        Rows of the canonical response table (``participant_id``, ``date``, the items,
        ``hours_per_week``), values as saved.
    instrument : Instrument or path, optional
    use : str
        What the rows are for, as the warning says it ("export", "report").
    """
    inst = resolve(instrument)
    _blank_bad_answers(table, inst, use)
    if schema.HOURS in table.columns:
        _blank_bad_hours(table, use)


def _blank_bad_answers(table: pd.DataFrame, inst, use: str = "export") -> None:
    """Blank saved item answers that are not on the scale, and say which (never silently).

    A session page keeps such a value for the coach to correct (``True``, ``"abc"``, ``7``);
    an export cannot hold it as an answer.
    """
    bad, text = [], []
    for item_id in statement_columns(table, inst):
        values = table[item_id].astype(object).tolist()
        for pos, value in enumerate(values):
            if value is None or (isinstance(value, float) and np.isnan(value)):
                continue
            number = inst.to_value(value)
            if number is None:
                who = table[schema.PARTICIPANT_ID].iloc[pos]
                bad.append(f"{who!r} {table[schema.DATE].iloc[pos]} {item_id}={value!r}")
                values[pos] = None
            elif isinstance(value, str):  # a label ("Agree"), "4": as a file reads them
                values[pos] = number
                who = table[schema.PARTICIPANT_ID].iloc[pos]
                text.append(f"{who!r} {table[schema.DATE].iloc[pos]} {item_id}={value!r}")
        table[item_id] = pd.Series(values, index=table.index, dtype=object)
    if text:  # a page saves numbers: text was written by hand (round 9a H2)
        shown = "; ".join(text[:10]) + (f" and {len(text) - 10} more" if len(text) > 10 else "")
        logger.warning("workbook: warning: %d saved answer(s) are text, not numbers: each is "
                       "read as the answer it names in the %s (check them on the session "
                       "page): %s", len(text), use, shown)
    if bad:
        shown = "; ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        logger.warning("workbook: warning: %d saved answer(s) are not on the scale and are left "
                       "empty in the %s (correct them on the session page): %s",
                       len(bad), use, shown)


def _blank_bad_hours(table: pd.DataFrame, use: str = "export") -> None:
    """Blank saved hours a week that are not a number in :data:`schema.HOURS_RANGE`; say which.

    A stored ``-3``, ``200``, ``inf`` or ``True`` would be written as a number the kit's own
    ``validate`` then refuses; like an answer off the scale, it is left empty with a warning
    naming the client and the session.
    """
    lo, hi = schema.HOURS_RANGE
    bad, values = [], table[schema.HOURS].astype(object).tolist()
    for pos, value in enumerate(values):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        if _hours(value) is None or not lo <= _hours(value) <= hi:
            who = table[schema.PARTICIPANT_ID].iloc[pos]
            bad.append(f"{who!r} {table[schema.DATE].iloc[pos]} {schema.HOURS}={value!r}")
            values[pos] = None
    table[schema.HOURS] = pd.Series(values, index=table.index, dtype=object)
    if bad:
        shown = "; ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        logger.warning("workbook: warning: %d saved hours a week are not a number from %g to %g "
                       "and are left empty in the %s (correct them on the time page): %s",
                       len(bad), lo, hi, use, shown)


def _hours(value):
    """A saved hours value as a finite float, or None (``True``, ``"abc"``, ``inf``).

    Examples
    --------
    >>> _hours(2.5), _hours("3"), _hours(True), _hours(float("inf")), _hours("two"), _hours("1_0")
    (2.5, 3.0, None, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = plain_number(value)  # "1_0" is a slip, not 10 (round 12b Q2)
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def score_history(history: dict, instrument=None) -> pd.DataFrame:
    """Scores as they stood after each session: one row per session date, oldest first.

    Each date's answers are laid over the ones before it (an ingredient not revisited keeps
    its earlier answers: the session rule of :mod:`workbook.session.store.picture`), then
    scored with :func:`workbook.score`, hours a week included (0 hours close the time gate). A saved
    answer that is not on the scale (``"x"``, 7) is not counted.

    Parameters
    ----------
    history : dict
        ``{date: answers}``, as :meth:`ClientStore.history` returns it.
    instrument : Instrument or path, optional

    Returns
    -------
    DataFrame
        Indexed by date; the columns of :func:`workbook.score`.

    Examples
    --------
    >>> h = {"2026-11-26": {"hope": {"items": {"hope_1": 5, "hope_6": 5, "hope_8": 5}}},
    ...      "2026-12-10": {"time": {"items": {"time_1": 1}}}}
    >>> score_history(h)["hope"].tolist()
    [100.0, 100.0]
    >>> score_history({"2026-11-26": {"hope": {"items": {"hope_1": "x", "hope_6": 5,
    ...                                                  "hope_8": 5, "hope_9": 1}}}})["hope"]
    date
    2026-11-26    100.0
    Name: hope, dtype: float64
    """
    from workbook.core.scoring import score

    inst = resolve(instrument)
    from workbook.session.store.picture import pictures  # the session rule, texts alone too

    warn_odd(history, inst)
    rows = []
    for _day, state in pictures(history):
        row = answers_row(state, inst)
        values = {i: inst.to_value(row[i]) if row.get(i) is not None else None
                  for i in [*inst.item_ids, *retired_ids(inst)]}
        values[schema.HOURS] = pd.to_numeric(row[schema.HOURS], errors="coerce")
        rows.append(values)
    dates = pd.Index(sorted(history), name=schema.DATE)
    if not rows:  # score an empty row and keep no rows: the columns without the data
        return score(pd.DataFrame([answers_row({}, inst)], columns=list(inst.item_ids),
                                  dtype=float), inst).iloc[:0].set_axis(dates)
    table = pd.DataFrame(rows, columns=[*inst.item_ids, *retired_ids(inst), schema.HOURS],
                         dtype=float)
    table.index = dates
    scores = score(table, inst)
    # each ingredient's version on each date ("" when it cannot tell): a change between two
    # versions' statements is not a change (the profile says so: versions.ingredient_versions)
    from workbook.core.versions import ingredient_versions

    scores.attrs["versions"] = ingredient_versions(table, inst)
    # the answers by date: a change across versions is taken over the statements both asked
    # (versions.compared_on, versions.score_on), as the cohort's and the report's
    scores.attrs["answers"] = table
    return scores
