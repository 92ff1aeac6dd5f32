"""Instrument versions, statement by statement: which ids a version used, and which it shares.

An item's id changes when its content changes. The instrument file keeps a short history: a
new statement names the id it ``replaces`` and the version it came in (``since``), and
``[history]`` lists ids whose content changed in a version though the id was kept (2.0 did
that to four statements). From it, this module says which statement an id held at a version,
and which statements two versions share: a before/after comparison across versions uses only
those (:mod:`workbook.cohort.analysis`).

Examples
--------
>>> from workbook.core.instrument import load_instrument
>>> inst = load_instrument()
>>> shared = shared_items(inst, "2.0", "2.1")
>>> shared["hope"], shared["self_esteem"]
(('hope_1',), ('self_esteem_1', 'self_esteem_3', 'self_esteem_5'))
>>> infer_version(inst, ["hope_1", "hope_2", "hope_3"])
'2.0'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.core.exceptions import DataError

#: The column that records the instrument version of each row (``workbook score``,
#: ``export-clients``); a file read back with it is compared by it.
VERSION_COLUMN = "instrument_version"

_NUMBER = re.compile(r"^\d+(\.\d+)*$")

#: The profile's "How things have moved" after an ingredient's line whose two dates were
#: answered on two versions sharing half its statements or more (the instrument's
#: ``[versions] shared_line`` where it has one): {count}, {total}, {ids}, {first_version},
#: {last_version}. The client may be looking at this screen: no statement ids in the kit's.
SHARED_LINE = ("over the {count} of its {total} statements asked both times (instrument "
               "{first_version}, then {last_version})")


def version_key(text) -> tuple:
    """A version as numbers to compare: ``"2.1"`` -> ``(2, 1)``; ``"v2.0"`` reads as 2.0.

    Trailing zeros do not count (``"2"`` and ``"2.0"`` are one version).

    Raises
    ------
    DataError
        For text that is not whole numbers joined by dots.

    Examples
    --------
    >>> version_key("2.1") > version_key("2.0") > version_key("1.9")
    True
    """
    plain = str(text).strip().lstrip("vV").strip()
    if not _NUMBER.match(plain):
        raise DataError(f"{str(text)!r} is not an instrument version: write whole numbers "
                        "joined by dots, such as 2.1")
    numbers = [int(x) for x in plain.split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def is_version(text) -> bool:
    """True when ``text`` reads as a version (see :func:`version_key`)."""
    try:
        version_key(text)
    except DataError:
        return False
    return True


def known_versions(instrument) -> tuple:
    """Every version the instrument names (its own, ``since``, ``[history]``), oldest first."""
    names = {instrument.version, *instrument.history}
    names |= {item.since for item in _statements(instrument) if item.since}
    return tuple(sorted((v for v in names if is_version(v)), key=version_key))


def _statements(instrument) -> tuple:
    """The current items, then the ``[[retired]]`` statements as items.

    A retired one keeps its own ``replaces`` and ``since`` when it had replaced an earlier
    one (a chain).
    """
    return (*instrument.items, *(r.as_item() for r in instrument.retired_items))


def retired(instrument) -> dict:
    """Each replaced id -> the statement that replaced it.

    A current item, or a retired one that was itself replaced later (hope_4 -> hope_8 ->
    hope_10).
    """
    return {item.replaces: item for item in _statements(instrument) if item.replaces}


def _in_use(item_id: str, version, instrument, gone: dict) -> bool:
    key = version_key(version)
    came = next((item.since for item in _statements(instrument)
                 if item.id == item_id and item.since), "")
    if came and key < version_key(came):
        return False  # before the statement came in
    if item_id in gone:  # replaced: in use before its replacement came
        return key < version_key(gone[item_id].since)
    return item_id in set(instrument.item_ids)


def statement(instrument, item_id: str, version):
    """Which statement ``item_id`` held at ``version``: ``(id, since)`` or None when unused.

    ``since`` is the version the statement's content dates from ("" for the oldest), so two
    answers to the same id are to the same statement only when the pairs are equal.

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> statement(inst, "hope_1", "1.0"), statement(inst, "hope_1", "2.1")
    (('hope_1', ''), ('hope_1', '2.0'))
    >>> statement(inst, "hope_2", "2.1") is None
    True
    """
    gone = retired(instrument)
    if not _in_use(item_id, version, instrument, gone):
        return None
    key = version_key(version)
    dates = [v for v, ids in instrument.history.items()
             if item_id in ids and version_key(v) <= key]
    for item in _statements(instrument):
        if item.id == item_id and item.since:
            dates.append(item.since)
    return item_id, max(dates, key=version_key) if dates else ""


def items_at(instrument, version) -> dict:
    """The ids in use at ``version``, by ingredient, in the instrument's order.

    A replaced id stands where its replacement stands now.
    """
    gone = retired(instrument)
    out = {}
    for ing in instrument.ingredients:
        ids = []
        for item in ing.items:
            chain = [item.id]  # back through what it replaced (retired ones too)
            while _replaced_id(instrument, chain[-1]) and \
                    _replaced_id(instrument, chain[-1]) not in chain:
                chain.append(_replaced_id(instrument, chain[-1]))
            ids.extend(i for i in chain if _in_use(i, version, instrument, gone))
        out[ing.id] = tuple(ids)
    return out


def _replaced_id(instrument, item_id: str) -> str:
    for item in _statements(instrument):
        if item.id == item_id:
            return item.replaces
    return ""


def shared_items(instrument, *versions) -> dict:
    """Ingredient -> the ids holding the same statement at every one of ``versions``.

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> shared_items(inst, "1.0", "2.0")["hope"]
    ('hope_2', 'hope_3', 'hope_4', 'hope_5')
    """
    if not versions:
        return {ing.id: ing.item_ids for ing in instrument.ingredients}
    first = items_at(instrument, versions[0])
    return {
        ing: tuple(i for i in ids
                   if all(statement(instrument, i, v) == statement(instrument, i, versions[0])
                          for v in versions[1:]))
        for ing, ids in first.items()
    }


def infer_version(instrument, ids) -> str | None:
    """The latest version the file names at which every id of ``ids`` was in use.

    Ids that are no statement of any version are ignored; None when no version used them
    all (a file that mixes a statement with the one that replaced it).
    """
    gone = retired(instrument)
    known = set(instrument.item_ids) | set(gone)
    ids = [i for i in ids if i in known]
    for version in reversed(known_versions(instrument)):
        if all(_in_use(i, version, instrument, gone) for i in ids):
            return version
    if not any(i in gone for i in ids):  # a version that is no number ("my-kit"): its own
        return instrument.version
    return None


def statements_at(instrument, version) -> dict:
    """Ingredient -> the statements (:class:`~workbook.core.instrument.Item`) in use at ``version``.

    A current item, or a ``[[retired]]`` statement kept whole (its own words and keying); a
    replaced id the file keeps no entry for is left out (its keying is not known).

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> hope = statements_at(load_instrument(), "2.0")["hope"]
    >>> [(i.id, i.reverse) for i in hope]
    [('hope_1', False), ('hope_2', False), ('hope_3', True), ('hope_4', False), ('hope_5', False)]
    """
    kept = {r.id: r.as_item() for r in instrument.retired_items}
    current = {item.id: item for item in instrument.items}
    return {ing: tuple(current.get(i) or kept[i] for i in ids if i in current or i in kept)
            for ing, ids in items_at(instrument, version).items()}


def earlier_versions(instrument) -> list:
    """``(version, view)`` for each earlier version whose retired statements the file keeps.

    Newest first; ``view`` is the instrument with that version's statements (to score answers
    given on it). Empty when the file keeps no ``[[retired]]`` statement.
    """
    import dataclasses

    if not instrument.retired_items:
        return []
    out = []
    for version in reversed(known_versions(instrument)):
        if version_key(version) >= version_key(instrument.version) \
                if is_version(instrument.version) else version == instrument.version:
            continue
        at = statements_at(instrument, version)
        if not any(i.id in {r.id for r in instrument.retired_items}
                   for items in at.values() for i in items):
            continue
        view = dataclasses.replace(instrument, ingredients=tuple(
            dataclasses.replace(ing, items=at[ing.id]) for ing in instrument.ingredients))
        out.append((version, view))
    return out


def _owned(table, instrument) -> tuple:
    """``(columns, given)``: each ingredient's columns, and each column's answered cells.

    ``columns``: ingredient -> the columns of ``table`` holding its statements (current ids,
    the ids they replaced, ``[[retired]]`` ones); ``given``: column -> answered (bool).
    """
    columns = _columns(table, instrument)
    given = {c: table[c].notna().to_numpy(dtype=bool) for cs in columns.values() for c in cs}
    return columns, given


def _columns(table, instrument) -> dict:
    """Each ingredient's columns of ``table`` (as :func:`_owned`), no cell read."""
    kept = {r.id: r.ingredient for r in instrument.retired_items}
    owner = {}
    for ing in instrument.ingredients:
        for item in ing.items:
            owner[item.id] = ing.id
            if item.replaces:
                owner.setdefault(item.replaces, ing.id)
    for old in instrument.retired_items:
        if old.replaces:
            owner.setdefault(old.replaces, old.ingredient)
    for rid, ing in kept.items():
        owner.setdefault(rid, ing)
    return {ing: [c for c in table.columns if owner.get(c) == ing]
            for ing in instrument.ingredient_ids}


def _fits(table, instrument) -> tuple:
    """Per known version, row x ingredient: True where every answered id was in use then.

    Returns ``(versions, fits, answered)``: the known versions oldest first, a list of boolean
    frames (one per version), and row x ingredient "answers any statement" (current ids, the
    ids they replaced, and ``[[retired]]`` ones).
    """
    import numpy as np
    import pandas as pd

    def any_of(cs):  # row by row: any of these columns answered (numpy, not a frame per call)
        return np.logical_or.reduce([given[c] for c in cs])

    gone = retired(instrument)
    columns, given = _owned(table, instrument)
    answered = pd.DataFrame({ing: (any_of(cs) if cs else np.zeros(len(table), dtype=bool))
                             for ing, cs in columns.items()}, index=table.index)
    versions = list(known_versions(instrument))
    fits = []
    for version in versions:
        frame = {}
        for ing, cs in columns.items():
            off = [c for c in cs if not _in_use(c, version, instrument, gone)]
            frame[ing] = ~any_of(off) if off else np.ones(len(table), dtype=bool)
        fits.append(pd.DataFrame(frame, index=table.index))
    return versions, fits, answered


def _before(instrument, table, ing) -> str:
    """``"before 2.2"``: the earliest ``since`` of an item whose replaced id ``table`` answers."""
    sinces = [item.since for item in _statements(instrument) if item.ingredient == ing
              and item.replaces and item.since and item.replaces in table.columns]
    return f"before {min(sinces, key=sort_key)}" if sinces else instrument.version


def ingredient_versions(table, instrument):
    """Per row and ingredient, the version its answers were given on ("" when it cannot tell).

    The latest version the instrument knows at which every statement the row answers for
    the ingredient was asked: a row answering an id the instrument says was replaced
    (``replaces``, whether or not a ``[[retired]]`` entry keeps its words) was answered
    before its replacement's ``since`` ("before 2.2" when the file knows no version before
    it). "" where the answers fit every version (only statements every version shares, or
    none); this instrument's version for a row mixing a statement and its replacement (as
    :mod:`workbook.core.scoring` scores it).

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_2": [4, None, None], "hope_6": [None, 4, None],
    ...                      "hope_1": [4, 4, 4]})
    >>> ingredient_versions(rows, load_instrument())["hope"].tolist()
    ['2.0', '2.1', '']
    """
    return _ingredient_versions(table, instrument)


def _ingredient_versions(table, instrument, fitted=None):
    """:func:`ingredient_versions`; ``fitted``: ``_fits(table, instrument)`` when made."""
    import numpy as np
    import pandas as pd

    out = pd.DataFrame("", index=table.index, columns=list(instrument.ingredient_ids))
    if not is_version(instrument.version):
        return out
    versions, fits, answered = fitted or _fits(table, instrument)
    for ing in instrument.ingredient_ids:
        said = pd.Series("", index=table.index, dtype=object)
        every = answered[ing].to_numpy(dtype=bool).copy()
        for version, fit in zip(versions, fits):
            ok = fit[ing].to_numpy(dtype=bool)
            every &= ok
            said[ok & answered[ing].to_numpy(dtype=bool)] = version  # the latest that fits
        none = answered[ing].to_numpy(dtype=bool) & (said == "").to_numpy()
        if none.any():  # fits no version: mixed with its replacement, or before them all
            own = [c for c in instrument.ingredient(ing).item_ids if c in table.columns]
            current = table[own].notna().any(axis=1).to_numpy() if own else \
                np.zeros(len(table), dtype=bool)
            said[none & current] = instrument.version
            said[none & ~current] = _before(instrument, table, ing)
        said[every] = ""
        out[ing] = said
    return out


def _several(table, instrument, fitted=None):
    """Row x ingredient: True where the answers fit several versions but not every one.

    Such a row answered only statements those versions share (energy_2 and energy_6 fit
    2.1 and 2.2 alike), so its answers alone cannot tell which it was answered on.
    ``fitted``: ``_fits(table, instrument)`` when already made.
    """
    import numpy as np
    import pandas as pd

    out = pd.DataFrame(False, index=table.index, columns=list(instrument.ingredient_ids))
    if not is_version(instrument.version) or not len(table):
        return out
    versions, fits, answered = fitted or _fits(table, instrument)
    for ing in instrument.ingredient_ids:
        count = np.sum([fit[ing].to_numpy(dtype=bool) for fit in fits], axis=0)
        out[ing] = answered[ing].to_numpy(dtype=bool) & (count > 1) & (count < len(versions))
    return out


def _fitting(table, instrument, row: int, ing: str) -> list:
    """The versions row ``row`` (a position) of ``table`` fits for ``ing``, oldest first."""
    versions, fits, _ = _fits(table.iloc[[row]], instrument)
    return [v for v, fit in zip(versions, fits) if bool(fit[ing].iloc[0])]


def answer_versions(table, instrument, pairs: bool = True):
    """Per row and ingredient, the version its answers were given on, for a before/after.

    :func:`ingredient_versions` (what the answers themselves say), except where the row's
    ``instrument_version`` cell names versions: of those, the one whose statements hold every
    answer the row gives the ingredient (so a statement that kept its id across a change of
    content is told apart by the cell); where several fit, the answers' own when it is one
    of them, else "" (cannot tell); where none fits, the answers' own (a row is scored as
    asked). A row ``2.0;2.1`` (hope answered again on 2.1, the rest carried from 2.0) is
    thus on 2.1 for hope and on 2.0 for the rest.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_1": [4, 4], "hope_2": [4, None], "hope_6": [None, 4],
    ...                      "energy_1": [3, 3], "energy_3": [3, 3],
    ...                      "instrument_version": ["2.0", "2.0;2.1"]})
    >>> answer_versions(rows, load_instrument())[["hope", "energy"]].values.tolist()
    [['2.0', '2.0'], ['2.1', '2.0']]

    A row with no version written whose answers fit several versions (it answered only
    statements they share) cannot be told by its answers: with ``pairs``, when another row
    of the same person is on a told version, it is taken as the version it fits that is
    farthest from that one (so the pair is compared on the statements every version it may
    have been answered on shares: the comparison holds whichever it was); otherwise, and
    without ``pairs``, "" (cannot tell). A row whose cell names several versions its answers
    fit (``2.0;2.1``, answering only statements both share) is taken the same way, among
    the versions its cell names.
    """
    import numpy as np

    # the versions each row fits, worked out once for both
    fitted = _fits(table, instrument) if is_version(instrument.version) and len(table) \
        else None
    out = _ingredient_versions(table, instrument, fitted)
    several = _several(table, instrument, fitted)
    if VERSION_COLUMN in table.columns:
        cells = table[VERSION_COLUMN].astype("string").str.strip().fillna("")
        several[(cells != "").to_numpy(dtype=bool)] = False  # the cell says (below)
    if several.to_numpy().any():
        out = _resolve(table, instrument, out, several, pairs)
    if VERSION_COLUMN not in table.columns or not is_version(instrument.version) \
            or not len(table):
        return out
    gone = retired(instrument)
    columns, given = _owned(table, instrument)
    cells = table[VERSION_COLUMN].astype("string").str.strip().fillna("").to_numpy(dtype=object)
    untold = []  # (position, ingredient, the named versions it fits): several fit
    for cell in {str(c) for c in cells if c}:
        names = []
        for text in cell.split(";"):
            if is_version(text.strip()):
                key = version_key(text.strip())
                names.append(_version_name(instrument, key, text.strip()))
        if not names:
            continue  # not a version: timepoint_versions refuses it, naming the row
        at = np.flatnonzero(cells == cell)
        keys = {version_key(n) for n in names}
        for ing, cs in columns.items():
            fit = np.ones((len(at), len(names)), dtype=bool)
            for j, name in enumerate(names):
                for c in cs:
                    if not _in_use(c, name, instrument, gone):
                        fit[:, j] &= ~given[c][at]
            guess = out[ing].to_numpy(dtype=object)[at]
            chosen = guess.copy()
            count = fit.sum(axis=1)
            asked = np.zeros(len(at), dtype=bool)  # a row that answers none: no version
            for c in cs:
                asked |= given[c][at]
            for k in range(len(at)):
                if not asked[k]:
                    continue
                if count[k] == 1:
                    chosen[k] = names[int(np.argmax(fit[k]))]
                elif count[k] > 1:
                    own = guess[k]
                    chosen[k] = own if own and is_version(own) and version_key(own) in keys \
                        else ""
                    if not chosen[k]:  # taken as a row with no cell is (below), among these
                        untold.append((int(at[k]), ing, sorted(
                            (names[j] for j in np.flatnonzero(fit[k])), key=version_key)))
            values = out[ing].to_numpy(dtype=object).copy()
            values[at] = chosen
            out[ing] = values
    if untold and pairs:
        out = _resolve_named(table, out, untold)
    return out


def _resolve_named(table, out, untold: list):
    """:func:`answer_versions` for rows whose cell names several versions their answers fit.

    As for a row with no cell (:func:`_resolve`), among the versions the cell names: when
    another row of the same person is on a told version, the one farthest from it, so the
    pair is compared on what those versions share; else "" (cannot tell).
    """
    import numpy as np

    from workbook.core import schema

    if schema.PARTICIPANT_ID not in table.columns:
        return out
    out = out.copy()
    people = table[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object)
    told = {ing: out[ing].to_numpy(dtype=object).copy() for ing in {i for _, i, _ in untold}}
    for n, ing, fit in untold:
        others = [told[ing][m] for m in np.flatnonzero(people == people[n])
                  if m != n and told[ing][m] and is_version(told[ing][m])]
        if not others or not fit:
            continue
        key = max(version_key(v) for v in others)
        older = [v for v in fit if version_key(v) < key]
        newer = [v for v in fit if version_key(v) > key]
        values = out[ing].to_numpy(dtype=object).copy()
        values[n] = older[0] if older else newer[-1] if newer else fit[0]
        out[ing] = values
    return out


def _resolve(table, instrument, out, several, pairs: bool):
    """:func:`answer_versions` for the rows whose answers fit several versions."""
    import numpy as np

    from workbook.core import schema

    out = out.copy()
    people = table[schema.PARTICIPANT_ID].astype("string").to_numpy(dtype=object) \
        if pairs and schema.PARTICIPANT_ID in table.columns else None
    for ing in instrument.ingredient_ids:
        flags = several[ing].to_numpy(dtype=bool)
        values = out[ing].to_numpy(dtype=object).copy()
        for n in np.flatnonzero(flags):
            chosen = ""
            if people is not None:
                others = [values[m] for m in np.flatnonzero(people == people[n])
                          if m != n and not flags[m] and values[m] and is_version(values[m])]
                fit = _fitting(table, instrument, int(n), ing)
                if others and fit:
                    told = max(version_key(v) for v in others)
                    older = [v for v in fit if version_key(v) < told]
                    newer = [v for v in fit if version_key(v) > told]
                    chosen = older[0] if older else newer[-1] if newer else fit[0]
            values[n] = chosen
        out[ing] = values
    return out


def across(first, last) -> bool:
    """True when a pair's two answers were given on two different versions (both known)."""
    if not first or not last:
        return False
    if is_version(first) and is_version(last):
        return version_key(first) != version_key(last)
    return str(first).strip() != str(last).strip()


def not_in_file(instrument, columns) -> tuple:
    """The current items ``columns`` lack, leaving out each whose retired statement it has.

    A file answered on 2.0 holds hope_2, not hope_6: hope_6 is not missing (the rows are
    scored on 2.0's statements), so it is not named as "counted as unanswered".
    """
    have = set(columns)
    kept = {r.id for r in instrument.retired_items}
    return tuple(i.id for i in instrument.items
                 if i.id not in have and not (i.replaces in kept and i.replaces in have))


def row_versions(table, instrument) -> list:
    """Each row's instrument version: its own ``instrument_version`` cell, else inferred.

    A row whose ``instrument_version`` cell holds a version keeps it as written. Otherwise:
    the latest version the instrument knows at which every statement the row answers was
    asked (a row answering a replaced id was answered before its replacement came); a row
    whose ingredients fit no one version (an ingredient carried from an earlier session)
    gets each ingredient's (:func:`ingredient_versions`), oldest first, joined by ``;``
    (``"2.0;2.1"``); a row answering nothing, or only statements every version shares, is on
    this instrument's version.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_2": [4, None, 4], "hope_6": [None, 4, None],
    ...                      "time_6": [None, None, 4], "time_1": [3, 3, 3]})
    >>> row_versions(rows, load_instrument())
    ['2.0', '2.1', '2.0;2.1']
    """
    import numpy as np

    own = None
    if VERSION_COLUMN in table.columns:
        own = table[VERSION_COLUMN].astype("string").str.strip().fillna("").tolist()
    inferred = [instrument.version] * len(table)
    if is_version(instrument.version) and len(table):
        versions, fits, _ = _fits(table, instrument)
        ok = np.column_stack([fit.all(axis=1).to_numpy(dtype=bool) for fit in fits])
        plain = ok.all(axis=1)
        if instrument.version in versions:
            plain |= ok[:, versions.index(instrument.version)]
        latest = len(versions) - 1 - np.argmax(ok[:, ::-1], axis=1)  # the latest that fits
        one = ~plain & ok.any(axis=1)
        for n in np.flatnonzero(one):
            inferred[n] = versions[latest[n]]
        rest = np.flatnonzero(~plain & ~ok.any(axis=1))
        if len(rest):
            per = ingredient_versions(table.iloc[rest], instrument)
            for n, values in zip(rest, per.itertuples(index=False)):
                names = sorted({v for v in values if v}, key=sort_key)
                inferred[n] = ";".join(names) or instrument.version
    if own is None:
        return inferred
    return [mine or guess for mine, guess in zip(own, inferred)]


def version_notes(table, instrument) -> list:
    """A note when rows' ``instrument_version`` names a version later than the instrument's.

    Rows are scored by the statements they hold (as asked); a later version's statements
    this instrument does not know are not scored, so the note names the rows and says to
    give that version's instrument file. Cells that are no version are left to the
    before/after, which refuses them naming the row.
    """
    notes = _untold_note(table, instrument)
    if VERSION_COLUMN not in table.columns or not is_version(instrument.version):
        return notes
    own = version_key(instrument.version)
    cells = table[VERSION_COLUMN].astype("string").str.strip()
    later = {}
    for row, cell in cells[cells.notna() & (cells != "")].items():
        for text in str(cell).split(";"):
            if is_version(text) and version_key(text) > own:
                later.setdefault(text.strip(), []).append(row)
    for version, rows in later.items():
        shown = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more"
                                                  if len(rows) > 10 else "")
        which = f"rows {shown} say they were" if len(rows) > 1 else f"row {shown} says it was"
        notes.append(f"column {VERSION_COLUMN}: {which} answered on "
                     f"instrument {version}, later than this one ({instrument.version}); "
                     "statements this instrument does not know are not scored: give that "
                     "version's instrument file with --instrument")
    return notes


#: The note on rows whose answers fit several versions and say none (newuser22):
#: {rows}, {versions} ("2.1 and 2.2"), {version} (the one written in the scores).
UNTOLD_NOTE = ("{rows} answer only statements versions {versions} share, and no "
               "instrument_version cell says which they were answered on: the scores say "
               "{version}, and a before/after compares their pairs on the statements those "
               "versions share; write each row's version in a column instrument_version to "
               "say it")


def _untold_note(table, instrument) -> list:
    """:data:`UNTOLD_NOTE` for rows with no version written whose answers fit several."""
    import numpy as np

    if not is_version(instrument.version) or not len(table):
        return []
    versions, fits, answered = _fits(table, instrument)
    ok = np.column_stack([fit.all(axis=1).to_numpy(dtype=bool) for fit in fits])
    count = ok.sum(axis=1)
    several = (count > 1) & (count < len(versions)) & answered.any(axis=1).to_numpy()
    if VERSION_COLUMN in table.columns:
        cells = table[VERSION_COLUMN].astype("string").str.strip().fillna("")
        several &= (cells == "").to_numpy(dtype=bool)
    groups = {}
    for n in np.flatnonzero(several):
        names = tuple(v for v, fit in zip(versions, ok[n]) if fit)
        groups.setdefault(names, []).append(table.index[n])
    notes = []
    for names, rows in groups.items():
        shown = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more"
                                                  if len(rows) > 10 else "")
        said = f"rows {shown}" if len(rows) > 1 else f"row {shown}"
        notes.append(UNTOLD_NOTE.format(rows=said, versions=", ".join(names[:-1]) + " and "
                                        + names[-1], version=row_versions(
                                            table.loc[[rows[0]]], instrument)[0]))
    return notes


def unasked_answers(table, instrument, given=None) -> list:
    """Rows whose ``instrument_version`` cell names versions lacking statements they answer.

    A version written in a row's cell is that row's version (round 8a, F6): a row that
    answers, for an ingredient, statements no version its cell names holds would otherwise be
    scored on another version's statements, or have answers left out, without a word.
    ``given``: column -> answered cells (bool, row for row), as validation reads them;
    else a cell is answered when it is not empty.

    Returns ``[(position, cell, names, columns), ...]``: the row's position in ``table``, its
    cell as written, the versions it names (the instrument's spelling) and the answered
    columns they lack (for each such ingredient, those of the named version lacking fewest),
    in ``table``'s column order. Empty without the column, or for an instrument whose version
    is no number. Cells that are no version are not read here (validation names
    them, and :func:`timepoint_versions` refuses them).

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_1": [4, 4, 4], "hope_2": [None, 3, None],
    ...                      "hope_6": [4, None, 2], "instrument_version": ["2.0", "2.0", ""]})
    >>> unasked_answers(rows, load_instrument())
    [(0, '2.0', ['2.0'], ['hope_6'])]
    """
    import numpy as np

    if VERSION_COLUMN not in table.columns or not is_version(instrument.version) \
            or not len(table):
        return []
    gone = retired(instrument)
    columns = _columns(table, instrument)  # no cell read yet
    seen = _owned(table, instrument)[1] if given is None or \
        any(c not in given for cs in columns.values() for c in cs) else \
        {c: np.asarray(given[c], dtype=bool) for cs in columns.values() for c in cs}
    order = {c: n for n, c in enumerate(table.columns)}
    cells = table[VERSION_COLUMN].astype("string").str.strip().fillna("").to_numpy(dtype=object)
    found = {}
    for cell in dict.fromkeys(str(c) for c in cells if c):
        names = [_version_name(instrument, version_key(t.strip()), t.strip())
                 for t in cell.split(";") if is_version(t.strip())]
        if not names:
            continue
        at = np.flatnonzero(cells == cell)
        for cs in columns.values():
            if not cs:
                continue
            lacking = []  # per named version: the columns it lacks, answered row by row
            for name in names:
                off = [c for c in cs if not _in_use(c, name, instrument, gone)]
                block = np.column_stack([seen[c][at] for c in off]) if off else \
                    np.zeros((len(at), 0), dtype=bool)
                lacking.append((off, block))
            counts = np.column_stack([block.sum(axis=1) for _, block in lacking])
            for k in np.flatnonzero((counts > 0).all(axis=1)):
                j = int(np.argmin(counts[k]))
                off, block = lacking[j]
                cols = [c for n, c in enumerate(off) if block[k, n]]
                row = int(at[k])
                kept = found.setdefault(row, (cell, names, []))
                kept[2].extend(cols)
    return [(row, cell, names, sorted(dict.fromkeys(cols), key=order.get))
            for row, (cell, names, cols) in sorted(found.items())]


def mixed_answers(table, instrument, given=None) -> list:
    """Rows with no version written answering, for an ingredient, statements no version held.

    Such a row (hope_4 of 2.0 beside hope_6, hope_7, hope_9 of 2.1) is scored on this
    instrument's statements, its earlier ones left out (:mod:`workbook.core.scoring`): never
    without a word (round 8a, F6). ``given`` as for :func:`unasked_answers`.

    Returns ``[(position, columns left out, columns kept), ...]`` in ``table``'s column
    order; rows whose ``instrument_version`` cell is written are :func:`unasked_answers`'.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_1": [4, 4], "hope_4": [3, 3], "hope_6": [4, None]})
    >>> mixed_answers(rows, load_instrument())
    [(0, ['hope_4'], ['hope_1', 'hope_6'])]
    """
    import numpy as np

    if not is_version(instrument.version) or not len(table):
        return []
    gone = retired(instrument)
    columns = _columns(table, instrument)  # no cell read yet
    old = [c for cs in columns.values() for c in cs
           if not _in_use(c, instrument.version, instrument, gone)]
    if not old:  # only this version's statements: every row fits it (at no cost)
        return []
    seen = _owned(table, instrument)[1] if given is None or \
        any(c not in given for cs in columns.values() for c in cs) else \
        {c: np.asarray(given[c], dtype=bool) for cs in columns.values() for c in cs}
    untold = np.ones(len(table), dtype=bool)
    if VERSION_COLUMN in table.columns:
        cells = table[VERSION_COLUMN].astype("string").str.strip().fillna("")
        untold = (cells == "").to_numpy(dtype=bool)
    order = {c: n for n, c in enumerate(table.columns)}
    versions = known_versions(instrument)
    found = {}
    for cs in columns.values():
        if not cs:
            continue
        asked = np.logical_or.reduce([seen[c] for c in cs]) & untold
        fits = np.zeros(len(table), dtype=bool)
        for version in versions:
            off = [c for c in cs if not _in_use(c, version, instrument, gone)]
            fits |= ~np.logical_or.reduce([seen[c] for c in off]) if off else True
        own = [c for c in cs if _in_use(c, instrument.version, instrument, gone)]
        for n in np.flatnonzero(asked & ~fits):
            out, kept = found.setdefault(int(n), ([], []))
            out.extend(c for c in cs if seen[c][n] and c not in own)
            kept.extend(c for c in cs if seen[c][n] and c in own)
    return [(n, sorted(out, key=order.get), sorted(kept, key=order.get))
            for n, (out, kept) in sorted(found.items())]


def sort_key(version: str) -> tuple:
    """A sort key for any version text: numbers in order, then other texts."""
    return (0, version_key(version)) if is_version(version) else (1, str(version).strip())


def _version_name(instrument, key: tuple, written: str) -> str:
    """The instrument's own spelling of a version (``2`` read as ``2.0``), else as written."""
    for name in known_versions(instrument):
        if version_key(name) == key:
            return name
    return written


def timepoint_versions(data, instrument, timepoints) -> dict:
    """Timepoint -> the versions its rows were answered on, oldest first.

    From the ``instrument_version`` column where a row has one; else from the statements the
    timepoint's rows answer (:func:`infer_version`). Rows of other timepoints are not read.

    Raises
    ------
    DataError
        For a version cell that is not a version (naming its row and column), or a row
        without one that answers a statement and the one that replaced it.
    """
    import numpy as np

    from workbook.core import schema

    gone = retired(instrument)
    known = [c for c in data.columns if c in set(instrument.item_ids) | set(gone)]
    answered = {c: data[c].notna().to_numpy(dtype=bool) for c in known}  # once, not copied
    if schema.TIMEPOINT in data.columns:
        times = data[schema.TIMEPOINT].astype("string")
    else:
        times = None
    written = None
    if VERSION_COLUMN in data.columns:
        written = data[VERSION_COLUMN].astype("string").str.strip()
        has = (written.notna() & (written != "")).to_numpy(dtype=bool, na_value=False)
    else:
        has = np.zeros(len(data), dtype=bool)
    out = {}
    for point in timepoints:
        at = np.ones(len(data), dtype=bool) if times is None else \
            (times == point).to_numpy(dtype=bool, na_value=False)
        found = {}
        if written is not None:
            for row, cell in written[at & has].items():
                # a row whose ingredients were answered on two versions names both ("2.0;2.1")
                for text in str(cell).split(";") if ";" in str(cell) else [cell]:
                    text = text.strip()
                    if not is_version(text) and text != str(instrument.version).strip():
                        raise DataError(f"row {row}, column {VERSION_COLUMN}: {cell!r} is not "
                                        "an instrument version; write whole numbers joined by "
                                        "dots, such as 2.1, or leave the cell empty")
                    key = sort_key(text)
                    found.setdefault(key, _version_name(instrument, key[1], str(text)))
        # rows whose column says a version but which answer a retired statement are scored
        # on the version that asked it (workbook.core.scoring): that version is theirs too, so a
        # before/after never sets its answers against another version's as one
        said = at & has
        old = [c for c in known if c in gone and (answered[c] & said).any()]
        written_here = [v for v in found.values() if is_version(v)]
        if old and not any(all(_in_use(i, v, instrument, gone) for i in old)
                           for v in written_here):
            version = infer_version(instrument, old)
            if version is not None:
                found.setdefault(sort_key(version), version)
        rest = at & ~has
        ids = [c for c in known if (answered[c] & rest).any()]
        if ids:
            version = infer_version(instrument, ids)
            both = sorted(i for i in ids if i in gone and gone[i].id in answered
                          and (answered[i] & answered[gone[i].id] & rest).any())
            if version is None and both:  # one row answers a statement and its replacement
                pairs = ", ".join(f"{i} and {gone[i].id}" for i in both)
                raise DataError(
                    f"the rows at {point} answer statements of two instrument versions "
                    f"({pairs}: a statement and the one that replaced it, in one row); give "
                    f"each row its version in a column {VERSION_COLUMN}")
            if version is None:  # rows or ingredients on different versions: each one's
                # (the before/after then decides per pair: cohort.compare_across_versions)
                per = ingredient_versions(data[rest], instrument)
                for name in {v for col in per.columns for v in per[col] if v}:
                    found.setdefault(sort_key(name), name)
            else:
                found.setdefault(sort_key(version), version)
        out[point] = tuple(found[k] for k in sorted(found))
    return out


@dataclass
class Plan:
    """How a before/after is made when its timepoints were answered on different versions.

    ``versions``: timepoint -> versions; ``shared``: ingredient -> the ids compared (empty
    for one not compared); ``view``: the instrument with only those statements, to score
    both timepoints with (None when every timepoint is on one version: compare as usual);
    ``note``: what a person reads about it ("" when nothing differs).
    """

    versions: dict
    shared: dict
    view: object = None
    note: str = ""

    @property
    def compared(self) -> list:
        """The ingredients compared (half their statements or more shared)."""
        return [ing for ing, ids in self.shared.items() if ids]


def comparison_plan(data, instrument, before: str, after: str) -> Plan:
    """Which statements a before/after compares (see :class:`Plan`).

    When the two timepoints were answered on different versions, an ingredient is compared
    on the statements every one of those versions holds with the same content (and this
    instrument file holds, so their keying is known); one with fewer than half its
    statements shared is not compared.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> frame = pd.DataFrame({"timepoint": ["pre", "post"], "time_1": [3, 4],
    ...                       "instrument_version": ["2.0", "2.1"]})
    >>> plan = comparison_plan(frame, inst, "pre", "post")
    >>> plan.shared["time"], plan.shared["hope"]
    (('time_1', 'time_2', 'time_5'), ())
    """
    import dataclasses

    versions = timepoint_versions(data, instrument, (before, after))
    every = {sort_key(v): v for vs in versions.values() for v in vs}
    if len(every) <= 1:
        return Plan(versions, {ing.id: ing.item_ids for ing in instrument.ingredients})
    names = [every[k] for k in sorted(every)]
    common = shared_items(instrument, *names)
    current = set(instrument.item_ids)
    shared, ingredients, left = {}, [], []
    for ing in instrument.ingredients:
        ids = tuple(i for i in common[ing.id] if i in current)
        enough = 2 * len(ids) >= len(ing.items)
        shared[ing.id] = ids if enough else ()
        items = tuple(item for item in ing.items if item.id in ids) if enough else ing.items
        ingredients.append(dataclasses.replace(ing, items=items))
        if not enough:
            left.append(f"{ing.name} ({len(ids)} of {len(ing.items)})")
    view = dataclasses.replace(instrument, ingredients=tuple(ingredients))
    said = "; ".join(f"{point}: {', '.join(vs) or 'no statement answered'}"
                     for point, vs in versions.items())
    used = "; ".join(f"{instrument.ingredient(ing).name} on {', '.join(ids)}"
                     for ing, ids in shared.items() if ids)
    if not used:
        note = (f"The timepoints were answered on different instrument versions ({said}), and "
                "no ingredient has half its statements in both, so no before/after is made: "
                + ", ".join(left))
        return Plan(versions, shared, view, note)
    note = (f"The timepoints were answered on different instrument versions ({said}), so the "
            f"before/after compares only the statements both versions share: {used}")
    if left:
        note += (". Not compared, as fewer than half their statements are shared: "
                 + ", ".join(left))
    return Plan(versions, shared, view, note)


def compared_on(instrument, ingredient: str, first_version, last_version) -> tuple:
    """The ids a change between answers given on two versions is taken over.

    The rule of :func:`comparison_plan` for one ingredient: the current statements both
    versions hold with the same content, when they are half its statements or more; ``()``
    when fewer (not compared) or when a version cannot be read (``"before 2.2"``).

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> compared_on(inst, "time", "2.0", "2.1"), compared_on(inst, "hope", "2.0", "2.1")
    (('time_1', 'time_2', 'time_5'), ())
    """
    if not (is_version(first_version) and is_version(last_version)):
        return ()
    ing = instrument.ingredient(ingredient)
    current = set(ing.item_ids)
    ids = tuple(i for i in shared_items(instrument, first_version, last_version)[ingredient]
                if i in current)
    return ids if 2 * len(ids) >= len(ing.items) else ()


def answered_statements(table, instrument, per=None) -> dict:
    """Ingredient -> the statements (Items) ``table``'s answers are scored on, for reliability.

    The version most of the rows answered the ingredient on (:func:`answer_versions`: the
    version a row's ``instrument_version`` cell writes, else its answers'; rows answering
    only statements several versions share count for none): an earlier version's statements
    (:func:`statements_at`, its ``[[retired]]`` ones with their own keying) when that is
    the one, else this instrument's. Alpha and item-total figures are then over the
    statements the scores use (``k`` of them). ``per``: ``answer_versions(table, instrument,
    pairs=False)`` when already worked out (row for row with ``table``; a row's versions
    depend on that row and ``table``'s columns only, so a caller may work them out once and
    take the rows of each part).

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_2": [4, 3], "hope_3": [2, 2], "hope_1": [4, 4]})
    >>> [i.id for i in answered_statements(rows, load_instrument())["hope"]]
    ['hope_1', 'hope_2', 'hope_3', 'hope_4', 'hope_5']
    """
    current = {ing.id: tuple(ing.items) for ing in instrument.ingredients}
    if not is_version(instrument.version) or not len(table):
        return current
    out = {}
    if per is None:
        per = answer_versions(table, instrument, pairs=False)
    for ing, version in _alpha_versions(per, instrument).items():
        if version == instrument.version or not is_version(version):
            out[ing] = current[ing]
        else:
            out[ing] = statements_at(instrument, version)[ing]
    return out


def _version_counts(values) -> list:
    """``[(version, count), ...]`` of the non-empty texts, most first, ties as first met.

    What ``value_counts()`` of them gives (a stable sort of the counts of the texts in order
    of first appearance), counted on codes instead of comparing every text with "".
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    kept = [j for j, text in enumerate(uniques) if text != ""]
    return [(uniques[j], int(counts[j])) for j in sorted(kept, key=lambda j: -counts[j])]


def _alpha_versions(per, instrument) -> dict:
    """Ingredient -> the version most rows of ``per`` (:func:`ingredient_versions`) are on."""
    out = {}
    for ing in instrument.ingredient_ids:
        counts = _version_counts(per[ing])
        version = counts[0][0] if counts else instrument.version
        if len(counts) > 1 and counts[0][1] == dict(counts).get(instrument.version, 0):
            version = instrument.version  # a tie: this instrument's
        out[ing] = version
    return out


#: What reliability leaves out when the responses were answered on several versions:
#: {used} (:data:`ALPHA_USED` joined by "; ").
ALPHA_NOTE = ("Reliability (alpha) is over the statements of one version per ingredient, the "
              "one most responses answered; the responses answered on another version are "
              "not in it: {used}")
#: One ingredient in :data:`ALPHA_NOTE`: {ingredient}, {version} used, {others}
#: ("10 on 2.0").
ALPHA_USED = "{ingredient} on {version} (left out: {others})"


def alpha_note(table, instrument) -> str:
    """What reliability is over, when ``table``'s rows answered on several versions ("" if one).

    Alpha is over one version's statements per ingredient (:func:`answered_statements`); a
    response answered on another version is not complete on them, so it is not counted.

    Examples
    --------
    >>> import pandas as pd
    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"hope_1": [4, 4, 4], "hope_2": [4, None, None],
    ...                      "hope_6": [None, 4, 3]})
    >>> alpha_note(rows, load_instrument())  # doctest: +ELLIPSIS
    'Reliability (alpha) is over ... not in it: Hope on 2.1 (left out: 1 on 2.0)'
    """
    if not is_version(instrument.version) or not len(table):
        return ""
    # counted as the before/after counts them: a version written in the row is its version,
    # and a row whose answers fit several versions is on none (answer_versions)
    per = answer_versions(table, instrument, pairs=False)
    used = []
    for ing, version in _alpha_versions(per, instrument).items():
        others = per[ing][(per[ing] != "") & (per[ing] != version)].value_counts()
        if len(others):
            said = ", ".join(f"{int(n)} on {v}" for v, n in sorted(
                others.items(), key=lambda kv: sort_key(str(kv[0]))))
            used.append(ALPHA_USED.format(ingredient=instrument.ingredient(ing).name,
                                          version=version, others=said))
    return ALPHA_NOTE.format(used="; ".join(used)) if used else ""


#: The refusal when a workspace holds answers to statements of a version later than the
#: instrument file given (attacks4 B9): {file}, {version} (the file's), {clients}
#: (:data:`NEWER_CLIENT` joined by "; "), {kit} (the kit's own version).
NEWER_REFUSED = ("{file} is instrument version {version}, and the workspace holds answers "
                 "to statements it does not have, so they would be left out: {clients}. "
                 "Give an instrument file of that version, or leave out --instrument to use "
                 "the kit's own (version {kit})")
#: One client in :data:`NEWER_REFUSED`: {client}, {sessions}, {versions}, {count}
#: statements, {ids}.
NEWER_CLIENT = ("client {client!r} ({sessions} session(s) answered on {versions}: {count} "
                "statement(s), {ids})")


def newer_answers(table, instrument, kit) -> dict:
    """Client -> (versions, ids, sessions): answers ``instrument`` lacks but ``kit`` knows.

    ``table``: the workspace read with the kit's own instrument ``kit`` (which knows the
    latest statements and every earlier one it keeps). An id neither knows is not named
    here. Empty when ``instrument`` holds every statement the workspace answers.
    """
    mine = set(instrument.item_ids) | {r.id for r in instrument.retired_items} \
        | set(retired(instrument))  # a replaced id the file names is one it reads
    theirs = [i for i in (*kit.item_ids, *(r.id for r in kit.retired_items))
              if i in table.columns and i not in mine]
    if not theirs or not len(table):
        return {}
    from workbook.core import schema

    answered = table[theirs].notna()
    rows = answered.any(axis=1).to_numpy(dtype=bool)
    if not rows.any():
        return {}
    versions = row_versions(table[rows], kit)
    out = {}
    for (at, row), said in zip(answered[rows].iterrows(), versions):
        client = str(table.loc[at, schema.PARTICIPANT_ID])
        names, ids, sessions = out.get(client, (set(), [], 0))
        names |= set(said.split(";"))
        ids += [i for i in theirs if row[i] and i not in ids]
        out[client] = (names, ids, sessions + 1)
    return {client: (", ".join(sorted(names, key=sort_key)), ids, sessions)
            for client, (names, ids, sessions) in out.items()}


def newer_refusal(found: dict, file, instrument, kit) -> str:
    """The words of the refusal for :func:`newer_answers`' ``found`` (at most 5 clients)."""
    shown = [NEWER_CLIENT.format(client=client, versions=versions, sessions=sessions,
                                 count=len(ids),
                                 ids=", ".join(ids[:6]) + (" ..." if len(ids) > 6 else ""))
             for client, (versions, ids, sessions) in list(found.items())[:5]]
    if len(found) > 5:
        shown.append(f"and {len(found) - 5} more client(s)")
    return NEWER_REFUSED.format(file=file, version=instrument.version,
                                clients="; ".join(shown), kit=kit.version)
