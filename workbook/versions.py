"""Instrument versions, statement by statement: which ids a version used, and which it shares.

An item's id changes when its content changes. The instrument file keeps a short history: a
new statement names the id it ``replaces`` and the version it came in (``since``), and
``[history]`` lists ids whose content changed in a version though the id was kept (2.0 did
that to four statements). From it, this module says which statement an id held at a version,
and which statements two versions share: a before/after comparison across versions uses only
those (:mod:`workbook.cohort`).

Examples
--------
>>> from workbook.instrument import load_instrument
>>> inst = load_instrument()
>>> shared = shared_items(inst, "2.0", "2.1")
>>> shared["hope"], shared["self_esteem"]
(('hope_1',), ('self_esteem_1', 'self_esteem_3', 'self_esteem_5'))
>>> infer_version(inst, ["hope_1", "hope_2", "hope_3"])
'2.0'
"""

from __future__ import annotations

import re

from .exceptions import DataError

#: The column that records the instrument version of each row (``workbook score``,
#: ``export-clients``); a file read back with it is compared by it.
VERSION_COLUMN = "instrument_version"

_NUMBER = re.compile(r"^\d+(\.\d+)*$")


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
    names |= {item.since for item in instrument.items if item.since}
    return tuple(sorted((v for v in names if is_version(v)), key=version_key))


def retired(instrument) -> dict:
    """Each replaced id -> the item that replaced it."""
    return {item.replaces: item for item in instrument.items if item.replaces}


def _in_use(item_id: str, version, instrument, gone: dict) -> bool:
    key = version_key(version)
    if item_id in gone:  # replaced: in use before its replacement came
        return key < version_key(gone[item_id].since)
    for item in instrument.items:
        if item.id == item_id:
            return not item.since or key >= version_key(item.since)
    return False


def statement(instrument, item_id: str, version):
    """Which statement ``item_id`` held at ``version``: ``(id, since)`` or None when unused.

    ``since`` is the version the statement's content dates from ("" for the oldest), so two
    answers to the same id are to the same statement only when the pairs are equal.

    Examples
    --------
    >>> from workbook.instrument import load_instrument
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
    for item in instrument.items:
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
            chain = [item.id]
            while chain[-1] in {i.id for i in instrument.items} and _replaced_id(instrument,
                                                                                   chain[-1]):
                chain.append(_replaced_id(instrument, chain[-1]))
            ids.extend(i for i in chain if _in_use(i, version, instrument, gone))
        out[ing.id] = tuple(ids)
    return out


def _replaced_id(instrument, item_id: str) -> str:
    for item in instrument.items:
        if item.id == item_id:
            return item.replaces
    return ""


def shared_items(instrument, *versions) -> dict:
    """Ingredient -> the ids holding the same statement at every one of ``versions``.

    Examples
    --------
    >>> from workbook.instrument import load_instrument
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
    return None
