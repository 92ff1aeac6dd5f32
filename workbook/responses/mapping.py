"""Step 3 of reading: matching a file's columns to the instrument's items and known columns.

A column matches, in this order of precedence:

1. a mapping file row naming it (``--map FILE``: a table ``column,item_id``);
2. an item id or a canonical column name (``hope_1``, ``participant_id``; case, spacing and
   punctuation ignored, so ``Participant ID`` works);
3. an item's text (or an earlier wording of it, ``previous`` in the instrument file), ignoring
   case, spacing and punctuation, as the header itself, as the question text a survey tool
   writes under it, as the ``[Row]`` of a grid question (Google Forms) or as the part after the
   last `` - `` (a Qualtrics matrix row).

Examples
--------
>>> from workbook.responses.mapping import match_columns
>>> report, problems = match_columns(
...     ["Participant ID", "I can imagine my working life getting better.", "Favourite colour"])
>>> list(report.matched.values())
['participant_id', 'hope_8']
>>> report.unmatched
('Favourite colour',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from workbook.core import schema
from workbook.core.exceptions import DataError
from workbook.core.instrument import resolve
from workbook.core.problems import Problem, column_letter
from workbook.core.text import printable
from workbook.core.versions import not_in_file
from workbook.responses.exports import normalise_text
from workbook.responses.raw import read_table

#: Columns of the canonical table a file's column may stand for, besides the items.
TARGET_COLUMNS = (*schema.ID_COLUMNS, *schema.EXTRA_COLUMNS, *schema.OUTCOME_COLUMNS,
                  *schema.TRACKER_COUNTS, *schema.PLACE_COUNTS)
#: The column naming the instrument version a row was answered on (``export-clients`` and
#: ``workbook score`` write it): matched by name, never listed as matching nothing.
VERSION_COLUMN = "instrument_version"
#: Matched columns that are no statement (not counted as items matched).
_NOT_ITEMS = (*TARGET_COLUMNS, VERSION_COLUMN, schema.CARRIED, *schema.PLAN_COLUMNS)
#: Header of a mapping file: the file's column, and the item id or canonical column it holds.
MAP_COLUMN, MAP_TARGET = "column", schema.ITEM_ID

BY_MAPPING = "mapping file"
BY_ID = "item id"
BY_NAME = "column name"
BY_TEXT = "item text"

_BRACKET = re.compile(r"\[([^\[\]]+)\]\s*$")


@dataclass(frozen=True)
class ColumnMatch:
    """How one column of a file was matched: ``target`` is None when it was not."""

    column: str
    target: str | None
    how: str = ""
    text: str = ""


@dataclass
class MatchReport:
    """What the columns of a file were matched to, and what could not be matched."""

    source: str
    layout: str
    first_row: int
    matches: tuple
    metadata: tuple = ()
    missing_items: tuple = ()
    notes: list = field(default_factory=list)
    #: In the long form (one row per answer): the items named in its item_id column.
    long_items: tuple | None = None
    #: Names given to a repeated column to tell it apart (``hope_1.1``), no file's own: the
    #: repeat is a problem naming the columns, not a column matching nothing (attacks5 C13).
    repeated: frozenset = frozenset()

    @property
    def matched(self) -> dict:
        """Column -> item id or canonical column, for every matched column."""
        return {m.column: m.target for m in self.matches if m.target}

    @property
    def unmatched(self) -> tuple:
        """Columns matching nothing, other than the survey tool's own metadata."""
        skip = set(self.metadata) | set(self.repeated)
        if self.long_items is not None:  # the long form's own columns
            skip |= {schema.ITEM_ID, schema.RESPONSE}
        return tuple(m.column for m in self.matches if not m.target and m.column not in skip)

    def lines(self) -> list:
        """The report in words, one line each, for ``workbook validate`` and the notebook."""
        layout = self.layout.replace("_", " ")
        items = [m for m in self.matches if m.target]
        if self.long_items is not None:
            out = [f"layout: {layout}, long form: one row per answer (first answer on row "
                   f"{self.first_row})"]
            n_items = len(self.long_items)
            out.append(f"items answered (named in the {schema.ITEM_ID} column): {n_items} of "
                       f"{n_items + len(self.missing_items)}")
        else:
            out = [f"layout: {layout} (first response on row {self.first_row})"]
            # an item two columns match is one item (a problem names both columns)
            first = {m.target: m for m in reversed(items) if m.target not in _NOT_ITEMS}
            n_items = len(first)
            hows = pd.Series([m.how for m in items if first.get(m.target) is m])
            ways = ", ".join(f"{n} by {how}" for how, n in hows.value_counts().items())
            total = n_items + len(self.missing_items)
            out.append(f"items matched: {n_items} of {total}" + (f" ({ways})" if ways else ""))
        for m in items:
            if m.target in _NOT_ITEMS or m.column != m.target:
                out.append(f"  {m.column!r} -> {m.target} (by {m.how})")
        if self.missing_items:
            out.append(
                "items not in the file (counted as unanswered): " + ", ".join(self.missing_items)
            )
        if self.metadata:
            out.append(
                f"{self.layout.replace('_', ' ')} metadata, not used: " + ", ".join(self.metadata)
            )
        if self.unmatched:
            out.append(
                "columns matching no item or known column (kept as they are): "
                + ", ".join(repr(c) for c in self.unmatched)
            )
        out.extend(self.notes)
        return [printable(line) for line in out]  # headers and values may hold control chars


def read_mapping(path, instrument=None) -> dict:
    """Read a mapping file: a table with columns ``column`` and ``item_id``.

    Each row names a column of the response file and what it holds: an item id, or one of
    ``participant_id, cohort, timepoint, date, hours_per_week, motivators, north_star, notes``.

    Returns
    -------
    dict
        Column name -> target.

    Raises
    ------
    DataError
        Listing every bad row: an unknown item, a column named twice, a target given twice.

    Examples
    --------
    >>> from workbook.responses.sample_exports import sample_exports_dir
    >>> m = read_mapping(sample_exports_dir() / "google_forms_mapping.csv")
    >>> m["Your participant code"]
    'participant_id'
    """
    inst = resolve(instrument)
    table = read_table(path)
    table.columns = [normalise_text(c) for c in table.columns]
    want = {normalise_text(MAP_COLUMN): MAP_COLUMN, normalise_text(MAP_TARGET): MAP_TARGET}
    if not set(want) <= set(table.columns):
        raise DataError(
            f"mapping file {path} needs two columns, {MAP_COLUMN!r} and {MAP_TARGET!r} "
            f"(header row 1); it has {', '.join(map(repr, table.columns))}"
        )
    table = table.rename(columns=want)
    allowed = set(inst.item_ids) | set(TARGET_COLUMNS) | {r.id for r in inst.retired_items}
    mapping, seen, errors = {}, {}, []
    for row, column, target in zip(table.index, table[MAP_COLUMN], table[MAP_TARGET]):
        if pd.isna(column) or not str(column).strip():
            if not pd.isna(target):
                errors.append(f"row {row}, column {MAP_COLUMN}: empty")
            continue
        column = str(column).strip()
        target = "" if pd.isna(target) else str(target).strip()
        if target not in allowed:
            errors.append(
                f"row {row}, column {MAP_TARGET}, value {target!r}: not an item of "
                f"the instrument nor a known column; use an item id (see `workbook items`) "
                f"or one of {', '.join(TARGET_COLUMNS)}"
            )
        elif column in mapping:
            errors.append(f"row {row}, column {MAP_COLUMN}, value {column!r}: named twice")
        elif target in seen:
            errors.append(
                f"row {row}, column {MAP_TARGET}, value {target!r}: already given to "
                f"{seen[target]!r}; one column per item"
            )
        else:
            mapping[column] = target
            seen[target] = column
    if errors:
        raise DataError(f"mapping file {path} has {len(errors)} problem(s): " + "; ".join(errors))
    return mapping


def _candidates(column: str, text: str) -> list:
    out = []
    for value in (column, text):
        if not value:
            continue
        out.append(value)
        bracket = _BRACKET.search(value)
        if bracket:
            out.append(bracket.group(1))
        if " - " in value:
            out.append(value.rsplit(" - ", 1)[1])
    return out


def match_columns(
    columns,
    instrument=None,
    *,
    mapping=None,
    texts=None,
    metadata=(),
    known=None,
    source: str = "",
    layout: str = "canonical",
    first_row: int = 2,
) -> tuple[MatchReport, list]:
    """Match a file's columns to item ids and canonical columns.

    Parameters
    ----------
    columns : list of str
        The header, in file order.
    instrument : Instrument or path, optional
    mapping : dict or path, optional
        Column -> target, or a mapping file (see :func:`read_mapping`).
    texts : dict, optional
        Column -> question text shown under it (Qualtrics' second header row).
    metadata : sequence of str
        The survey tool's own columns (never matched, listed apart).
    known : dict, optional
        The tool's own names for the kit's columns (:attr:`ExportFormat.columns
        <workbook.responses.exports.ExportFormat>`), matched "by name"; a mapping file wins.
    source, layout, first_row
        For the report.

    Returns
    -------
    report : MatchReport
    problems : list of Problem
        Two columns matching one target (header row 1).
    """
    inst = resolve(instrument)
    if mapping is not None and not isinstance(mapping, dict):
        mapping = read_mapping(mapping, inst)
    mapping = dict(mapping or {})
    texts = texts or {}
    names = {normalise_text(c): c for c in TARGET_COLUMNS}
    # A statement an earlier version asked and this one retired (hope_2 of 2.0) is read as
    # itself, and scored as it was asked (workbook.core.scoring; its words and keying are kept in
    # the instrument's [[retired]]); never taken for the statement that replaced it.
    ids = {normalise_text(r.id): r.id for r in inst.retired_items}
    ids.update({normalise_text(i): i for i in inst.item_ids})
    # Earlier wordings (a survey built with an older instrument) match too; current ones win.
    by_text = {normalise_text(r.text): r.id for r in inst.retired_items}
    by_text.update({normalise_text(old): item.id for item in inst.items for old in item.previous})
    by_text.update({normalise_text(item.text): item.id for item in inst.items})
    metadata_set = set(metadata)
    known = {normalise_text(k): v for k, v in (known or {}).items()}
    matches = []
    for column in columns:
        text = str(texts.get(column) or "")
        if column in mapping:
            matches.append(ColumnMatch(column, mapping[column], BY_MAPPING, text))
            continue
        if column in metadata_set:
            matches.append(ColumnMatch(column, None, "", text))
            continue
        found = None
        if normalise_text(column) in known:
            found = (known[normalise_text(column)], BY_NAME)
        for candidate in () if found else _candidates(column, text):
            key = normalise_text(candidate)
            if key in ids:
                found = (ids[key], BY_ID)
            elif key in names:
                found = (names[key], BY_NAME)
            elif key in by_text:
                found = (by_text[key], BY_TEXT)
            if found:
                break
        if not found and normalise_text(column) == normalise_text(VERSION_COLUMN):
            found = (VERSION_COLUMN, BY_NAME)  # the version the row was answered on
        elif not found and normalise_text(column) == normalise_text(schema.CARRIED):
            found = (schema.CARRIED, BY_NAME)  # an export's carried ingredients (round 12a P9)
        elif not found and column in schema.PLAN_COLUMNS:  # an export's minutes (13b S2)
            found = (column, BY_NAME)
        matches.append(ColumnMatch(column, *(found or (None, "")), text=text))
    notes = [
        f"the mapping file names column {c!r}, which this file does not have"
        for c in mapping
        if c not in set(columns)
    ]
    # A mapping file decides: a column it maps wins over others matched to the same target.
    mapped_targets = {m.target: m.column for m in matches if m.how == BY_MAPPING}
    notes.extend(
        f"column {m.column!r} matches {m.target} (by {m.how}), but the mapping file gives "
        f"{m.target} to {mapped_targets[m.target]!r}, so {m.column!r} is not used"
        for m in matches if m.target in mapped_targets and m.how != BY_MAPPING
    )
    matches = [
        ColumnMatch(m.column, None, "", m.text)
        if m.target in mapped_targets and m.how != BY_MAPPING
        else m
        for m in matches
    ]
    problems = []
    targets = pd.Series([m.target for m in matches], dtype=object)
    for target, group in targets[targets.notna()].groupby(targets[targets.notna()], sort=False):
        if len(group) > 1:
            cols = [matches[i] for i in group.index]
            listed = " and ".join(f"{m.column!r} (by {m.how})" for m in cols)
            problems.append(
                Problem(
                    1,
                    ", ".join(m.column for m in cols),
                    "",
                    f"columns {listed} all match {target}; keep one, or say which holds "
                    f"{target} in a mapping file (--map FILE, columns 'column,item_id')",
                )
            )
    found_targets = set(targets.dropna())
    problems.extend(_text_disagrees(matches, by_text))
    # A column named as a statement an earlier instrument version used and this one replaced
    # (hope_2 of 2.0) is no typo: kept as it is, not scored, and said (issue 22).
    earlier = _earlier_statements(columns, matches, inst)
    if earlier:
        notes.append(earlier_note(earlier, inst))
    asked = [m.column for m in matches if m.target in {r.id for r in inst.retired_items}]
    if asked:
        notes.append(asked_note(asked, [m.target for m in matches
                                        if m.column in set(asked)], inst))
    # a column that is a statement of the instrument file in the current folder (a copy
    # made by `workbook init`, not the one in use) is said so, never taken for a typo
    other = _copy_statements(columns, matches, inst, metadata_set)
    problems.extend(other.values())
    # a retired statement is suggested only to a file that holds an earlier version's
    # statements (a 2.0 export with a typo), never to one of this version's (energy_9 is not
    # energy_3 of 2.0)
    current = ids if asked or earlier else \
        {k: i for k, i in ids.items() if i in set(inst.item_ids)}
    problems.extend(_near_misses(columns, matches, {**names, **current}, found_targets,
                                 metadata_set | set(earlier) | set(other),
                                 exact=set(ids)))
    if schema.PARTICIPANT_ID not in found_targets:
        notes.append(
            f"no column holds {schema.PARTICIPANT_ID}: name the column that does in a mapping "
            f"file (--map FILE, a row '<column>,{schema.PARTICIPANT_ID}')"
        )
    report = MatchReport(
        source=str(source),
        layout=layout,
        first_row=first_row,
        matches=tuple(matches),
        metadata=tuple(c for c in columns if c in metadata_set and c not in mapping),
        missing_items=not_in_file(inst, found_targets),
        notes=notes,
    )
    return report, problems


def _text_disagrees(matches, by_text: dict) -> list:
    """A column whose name is one statement's id and whose question text is another's.

    A survey tool's export tag (row 1) and the question text under it (row 2) then say two
    different things about one column; reading it by the tag alone would score one
    statement's answers as another's, without a word (round 13c T14). One problem each,
    naming both.
    """
    out = []
    for m in matches:
        if m.how != BY_ID or not m.text:
            continue
        said = {by_text[k] for k in map(normalise_text, _candidates("", m.text)) if k in by_text}
        if said and m.target not in said:
            other = sorted(said)[0]
            out.append(Problem(
                2, m.column, m.text,
                f"column {m.column!r} is {m.target} by its name (row 1), but the question text "
                f"under it (row 2) is {other}'s statement: the export says two things about one "
                f"column; correct the name or the text, or say which statement it holds in a "
                f"mapping file (--map FILE, a row '{m.column},<item_id>')"))
    return out


#: A column this close to an item id or known column (edits, after case, spacing and
#: punctuation are ignored; two letters swapped count as one edit) but not one is taken for a
#: typo. Names of fewer than :data:`LONG_NAME` letters allow one edit only, so that common
#: columns such as ``Age`` or ``Name`` are not taken for ``date``.
NEAR = 2
LONG_NAME = 7


def _earlier_statements(columns, matches, inst) -> list:
    """Columns unmatched and named as an id an earlier instrument version used (retired)."""
    from workbook.core.versions import retired

    old = {normalise_text(i) for i in retired(inst)}
    return [c for c, m in zip(columns, matches) if not m.target and normalise_text(c) in old]


def asked_note(columns, targets, inst) -> str:
    """The note on columns of retired statements the instrument keeps: scored as asked.

    Each column is named with the statement that replaced it and when (``hope_2 (replaced
    by hope_6 in 2.1)``), then the versions that asked them.
    """
    from workbook.core.versions import earlier_versions, retired

    gone, views = retired(inst), earlier_versions(inst)
    asked = sorted({v for v, view in views for t in targets if t in view.item_ids},
                   key=lambda v: views.index(next(x for x in views if x[0] == v)))
    said = ", ".join((column if column == target else f"{column!r} = {target}")
                     + f" (replaced by {gone[target].id} in {gone[target].since})"
                     for column, target in zip(columns, targets))
    return (f"columns {said} hold statements of an earlier instrument version "
            f"({', '.join(asked) or 'before ' + inst.version}): a row that answers them is "
            "scored as it was asked, on that version's statements (their words and keying are "
            f"kept in the instrument), never as version {inst.version}'s; a before/after "
            "across versions compares only the statements both share")


def earlier_note(columns, inst) -> str:
    """The note on columns of statements an earlier instrument version used."""
    from workbook.core.versions import retired

    gone = {normalise_text(i): item for i, item in retired(inst).items()}
    said = ", ".join(f"{c} (replaced by {gone[normalise_text(c)].id} in "
                     f"{gone[normalise_text(c)].since})" for c in columns)
    return (f"columns {said} hold statements of an earlier instrument version: they are "
            f"kept as they are and not scored with version {inst.version}'s statements; a "
            "before/after across versions compares only the statements both share (to score "
            "them, give that version's instrument file with --instrument)")


#: The instrument file of a copy made by ``workbook init``, looked for in the current folder.
COPY_FILE = "instrument.toml"


def _copy_statements(columns, matches, inst, metadata: set) -> dict:
    """Column -> a problem, for each unmatched column that is a statement of ./instrument.toml.

    Only when the current folder holds an instrument file other than the one in use (a
    copy made by ``workbook init``, run from its folder without ``--instrument``).
    """
    from pathlib import Path

    from workbook.core.exceptions import WorkbookError
    from workbook.core.instrument import load_instrument

    here = Path.cwd() / COPY_FILE
    try:
        if not here.is_file() or (inst.source and Path(inst.source).resolve() == here.resolve()):
            return {}
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            copy = load_instrument(here)
    except (OSError, WorkbookError):
        return {}  # a copy that does not load is said when it is given
    theirs = {normalise_text(i): i for i in (*copy.item_ids,
                                             *(r.id for r in copy.retired_items))}
    out = {}
    for pos, (column, match) in enumerate(zip(columns, matches)):
        if match.target or column in metadata:
            continue
        if normalise_text(column) in theirs:
            out[column] = Problem(
                1, column, "",
                f"column {column_letter(pos)} ({column!r}) matches no item of the instrument "
                f"in use (version {inst.version}); {theirs[normalise_text(column)]} is a "
                f"statement of ./{COPY_FILE} (version {copy.version}): give --instrument "
                f"./{COPY_FILE}")
    return out


def _near_misses(columns, matches, keys: dict, found: set, metadata: set,
                 exact=frozenset()) -> list:
    """A problem for each unmatched column within reach of a target the file lacks.

    ``exact``: names that are no typo though not in ``keys`` (a retired statement's id,
    never suggested).
    """
    wanted = {k: t for k, t in keys.items() if t not in found}
    problems = []
    for pos, (column, match) in enumerate(zip(columns, matches)):
        if match.target or column in metadata:
            continue
        key = normalise_text(column)
        # an exact name left to another column by the mapping
        if len(key) < 4 or key in keys or key in exact:
            continue
        near = sorted(
            (d, t) for k, t in wanted.items()
            if (d := edit_distance(key, k, NEAR)) <= (NEAR if len(k) >= LONG_NAME else 1)
        )
        if near:
            target = near[0][1]
            problems.append(Problem(
                1, column, "",
                f"column {column_letter(pos)} ({column!r}) matches no item or known column; "
                f"did you mean {target}? Rename it, or name what it holds in a mapping file "
                "(--map FILE, columns 'column,item_id')",
            ))
    return problems


def edit_distance(a: str, b: str, limit: int = NEAR) -> int:
    """Edits from one text to another (insert, delete, replace, swap two neighbours).

    Counting stops at ``limit + 1``.

    Examples
    --------
    >>> edit_distance("hpoe2", "hope2"), edit_distance("hope", "hope"), edit_distance("ab", "xyzw")
    (1, 0, 3)
    >>> edit_distance("name", "date")
    2
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit and min(previous) > limit:  # a swap may skip one row
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)
