"""Reading response files: the whole path, one step after another.

Each step is a module with one job, and none imports a later one:

1. :mod:`workbook.responses.raw`: the raw table of a CSV or xlsx file (encoding, separator, sheet),
   with spreadsheet row numbers;
2. :mod:`workbook.responses.exports`: the layout (the kit's own table, long form, Qualtrics, Google
   Forms, Microsoft Forms), from the header;
3. :mod:`workbook.responses.mapping`: which column holds which item or known column;
4. :mod:`workbook.responses.reshape`: the canonical wide table;
5. :mod:`workbook.core.validation`: every problem, by row and column (and ``--keep``);
6. :mod:`workbook.responses.coercion`: answers as numbers, dates year first.

:func:`read_responses` runs steps 1-5 and returns the table with values as found plus the
problems; :func:`load_responses` also refuses a file with problems (or leaves their rows out)
and runs step 6, ready to score.

Examples
--------
>>> from workbook.responses.datasets import sample_path
>>> from workbook.responses.io import load_responses
>>> data = load_responses(sample_path())
>>> int(data.index[0])     # the first response sits on spreadsheet row 2
2
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.dates import AMBIGUOUS, OK, check_order, parse_dates
from workbook.core.distinct import distinct
from workbook.core.exceptions import DataError, InvalidDataError
from workbook.core.instrument import resolve
from workbook.core.log import logger
from workbook.core.problems import FIRST_DATA_ROW, Problem, sort_problems
from workbook.core.text import printable
from workbook.core.validation import (
    KEEP,
    check_finished,
    check_status,
    check_timepoints,
    checked,
    settle_repeats,
)
from workbook.core.versions import not_in_file, version_notes
from workbook.responses import raw
from workbook.responses.coercion import SPELLED, coerce, spell_timepoints
from workbook.responses.exports import detect_layout
from workbook.responses.mapping import match_columns
from workbook.responses.reshape import reshape


def read_responses(
    path, instrument=None, *, mapping=None, keep=None, dates=None, sheet=None
) -> tuple[pd.DataFrame, list]:
    """Read a response file as the canonical wide table, values as found, and list its problems.

    Parameters
    ----------
    path : str or Path
        The kit's own table (CSV with comma, semicolon or tab, or xlsx; wide or long form), or
        a survey export: Qualtrics CSV, Google Forms CSV, Microsoft Forms xlsx
        (see :mod:`workbook.responses.exports`).
    instrument : Instrument or path, optional
    mapping : dict or path, optional
        A mapping file (columns ``column,item_id``) or dict naming what columns hold; columns
        are otherwise matched by item id, canonical name or item text
        (see :mod:`workbook.responses.mapping`).
    keep : {None, "first", "last"}
        Keep one row per participant and timepoint, the first or last by ``date`` where
        each of its rows has one, else by file order; every row left out is listed in
        ``data.attrs["left_out"]`` and in a note. Without it a repeat is a problem, and so is
        a repeat whose choice hangs on a date that cannot be read
        (:func:`workbook.core.validation.settle_repeats`).
    dates : {None, "dmy", "mdy"}
        How to read a ``date`` whose day and month could be either (04/03/2026).
    sheet : str, optional
        The sheet of an xlsx file to read (default: the first).

    Returns
    -------
    data : DataFrame
        Wide table, index = spreadsheet row (named ``row``; for a Qualtrics export the first
        response is row 4). ``data.attrs["matches"]`` holds the :class:`~workbook.responses.mapping.
        MatchReport` (what matched what), ``data.attrs["export"]`` the layout's name.
    problems : list of Problem
        Everything :func:`workbook.validate` finds, plus problems of long-form rows, columns
        matching one item twice, unfinished Qualtrics responses and unexpected timepoints.

    Raises
    ------
    DataError
        When the file cannot be read at all (or is a legacy Qualtrics export).

    Examples
    --------
    >>> from workbook.responses.sample_exports import sample_exports_dir
    >>> data, problems = read_responses(sample_exports_dir() / "microsoft_forms_export.xlsx")
    >>> data.attrs["export"], problems
    ('microsoft_forms', [])
    """
    table, problems, _ = _read(path, instrument, mapping=mapping, keep=keep, dates=dates,
                               sheet=sheet)
    if schema.COHORT in table.columns:  # as ``cohort --by cohort`` will read its groups
        from workbook.responses.group_labels import group_spellings

        note = group_spellings(table, schema.COHORT)[1]
        if note:
            table.attrs["matches"].notes.append(printable(note))
    return table, problems


def _read(path, instrument=None, *, mapping=None, keep=None, dates=None, sheet=None,
          skip_invalid=False):
    """:func:`read_responses`, and the columns validation read as numbers and dates.

    With ``skip_invalid`` (and ``keep``), a repeat keeps a row without a problem over one
    with a problem, which ``--skip-invalid`` would leave out.
    """
    inst = resolve(instrument)
    dates = check_order(dates)
    if keep is not None and str(keep).strip().lower() not in KEEP:
        raise DataError(f"unknown keep {keep!r}: use 'first' or 'last'")
    head = raw.read_head(path, sheet=sheet)                                  # step 1
    layout = detect_layout(head.columns, head.rows, str(path))               # step 2
    report, problems = match_columns(                                        # step 3
        head.columns, inst, mapping=mapping, texts=dict(zip(head.columns, layout.texts)),
        metadata=layout.format.metadata, known=layout.format.columns, source=str(path),
        layout=layout.name,
        first_row=layout.first_row,
    )
    problems = _later_statements(problems, head.columns, inst)
    report.repeated = frozenset(c for c, h in zip(head.columns, head.header) if c != h)
    items = set(inst.item_ids)
    text_columns = [c for c in head.columns if report.matched.get(c) not in items]
    # The check for short rows scans the file in a thread while the next steps go on.
    body, body_problems, short_rows = raw.start_body(head, layout.first_row, text_columns)
    shaped = reshape(body, report, layout, inst)                             # step 4
    table = shaped.table
    report.notes[:0] = head.notes
    report.notes.extend(shaped.notes)
    settled = settle_repeats(table, keep, dates=dates)                       # step 5
    if skip_invalid and settled.left_out and shaped.cell_rows is None:
        # --skip-invalid would leave out a kept row with a problem: keep a valid one instead.
        short = short_rows()
        short_rows = lambda: short  # noqa: E731 - the scan has run once
        avoid, hours = _problem_rows(table, inst, dates, shaped, body_problems + short)
        if (avoid | hours) & {kept for *_, kept in settled.left_out}:
            settled = settle_repeats(table, keep, dates=dates, avoid=avoid, hours=hours)
    table, left_out = settled.data, settled.left_out
    if keep is not None:
        report.notes.append(_kept_note(str(keep).strip().lower(), settled))
    cell_rows = shaped.cell_rows
    if cell_rows is not None:
        cell_rows = cell_rows.loc[table.index]
    shape = "long" if shaped.cell_rows is not None else "wide"
    report.missing_items = not_in_file(inst, table.columns)  # a 2.0 column is not missing
    if shape == "long":
        report.long_items = tuple(i for i in inst.item_ids if i in table.columns)
    table, notes = _date_timepoints(table, dates)
    report.notes.extend(notes)
    report.notes.extend(held_before_only_notes(table))
    timepoint_problems, notes = check_timepoints(table)
    report.notes.extend(notes)
    report.notes.extend(version_notes(table, inst))  # a later version's rows (attacks3 A13e)
    found, known = checked(table, inst, dates=dates, cell_rows=cell_rows,
                           undecided=settled.undecided, ids=_read_ids(table, shaped.ids))
    if not any(i in table.columns for i in inst.item_ids) and shape == "wide":
        found = [p for p in found if not (p.row == 1 and p.column is None)]
        found.insert(0, _no_items(report, inst))
    unfinished = []
    if shaped.finished is not None:
        kept = shaped.finished.index.isin(table.index)
        progress = None if shaped.progress is None else shaped.progress[kept]
        unfinished = check_finished(shaped.finished[kept], progress,
                                    np.asarray(shaped.finished.index[kept]))
    if shaped.status is not None:  # previews, test runs and spam (round 14c W3)
        kept = shaped.status.index.isin(table.index)
        unfinished += check_status(shaped.status[kept], np.asarray(shaped.status.index[kept]))
    body_problems = body_problems + short_rows()
    if left_out:  # a row --keep left out is listed as such, not for what is wrong with it
        gone = {row for row, *_ in left_out}
        body_problems = [p for p in body_problems if p.row not in gone]
    problems = (head.problems + problems + body_problems + shaped.problems + unfinished
                + timepoint_problems + found)
    report.notes.extend(_label_notes(problems, inst))
    # A note may quote a header or a cell: no control character reaches a terminal.
    report.notes[:] = [printable(note) for note in report.notes]
    table = spell_timepoints(table)
    known[SPELLED] = True  # coerce need not spell the timepoints again
    table.attrs.update(
        layout=shape, export=report.layout, matches=report, first_row=report.first_row,
        left_out=left_out,
    )
    return table, sort_problems(problems), known


def _read_ids(table: pd.DataFrame, ids) -> tuple | None:
    """The ids' codes and texts as reshaping read them, while the table still holds them.

    Only while the table's id column is the very array they were read from, row for row
    (no row left out by ``--keep``, no id rewritten since); else None, and validation reads
    the ids itself.
    """
    if ids is None or schema.PARTICIPANT_ID not in table.columns:
        return None
    array, codes, texts = ids
    if table[schema.PARTICIPANT_ID].array is not array or len(codes) != len(table):
        return None
    return codes, texts


#: A timepoint written as a date with the day and month first (01/11/2026, 1.11.2026).
#: A timepoint written as a date other than ``2026-11-01``: day or month first, or year first
#: with one-digit months or days or another separator (``2026-12-2``, ``2026/12/02``: round
#: 14c W1, which the ``date`` column reads as dates too); with a time of day, read as its day.
_DATE_LIKE = re.compile(r"^\s*(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
                        r"|\d{4}([/.\-])\d{1,2}\1\d{1,2})"
                        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")


#: Columns that are statements of the kit's own, later version, which the instrument file
#: given does not have (attacks4 B9): {ids}, {kit} (its version), {version} (the file's).
LATER_STATEMENTS = ("columns {ids} are statements of instrument version {kit} (the kit's own), "
                    "which this instrument file (version {version}) does not have, so their "
                    "answers would be left out: give an instrument file of version {kit}, or "
                    "leave out --instrument to use the kit's own")


def _later_statements(problems: list, columns, inst) -> list:
    """One problem for the columns that are statements the kit knows at a later version.

    In place of "matches no item ... did you mean hope_2?" (a 2.1 export read with a coach's
    2.0 file), or of nothing where no name was near: never left out without a word.
    """
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import is_version, retired, version_key

    if not is_version(inst.version):
        return problems
    kit = load_instrument()
    if not is_version(kit.version) or version_key(kit.version) <= version_key(inst.version):
        return problems
    mine = set(inst.item_ids) | {r.id for r in inst.retired_items} | set(retired(inst))
    theirs = (set(kit.item_ids) | {r.id for r in kit.retired_items}) - mine
    later = [str(c) for c in columns if str(c) in theirs]
    if not later:
        return problems
    shown = ", ".join(later[:8]) + (f" and {len(later) - 8} more" if len(later) > 8 else "")
    said = Problem(1, None, "", LATER_STATEMENTS.format(ids=shown, kit=kit.version,
                                                        version=inst.version))
    return [said, *(p for p in problems if not (p.row == 1 and p.column in later))]


def _date_timepoints(table: pd.DataFrame, dates) -> tuple[pd.DataFrame, list]:
    """Timepoints written as dates (``01/11/2026``) read as year-first dates, and notes.

    An export re-saved by a spreadsheet may write the session dates a workspace export
    gives as timepoints day or month first. With ``--dates`` (or when every such date can
    be read only one way) they are written ``2026-11-01``, so each person's latest answers
    go by them as by ISO timepoints; when any could be either and ``--dates`` is not given,
    none is changed and a note names ``--dates``.
    """
    if schema.TIMEPOINT not in table.columns:
        return table, []
    labels = [v for v in distinct(table[schema.TIMEPOINT])[1].tolist()  # first seen first
              if isinstance(v, str) and _DATE_LIKE.match(v)]
    if not labels:
        return table, []
    parsed, status = parse_dates(pd.Series(labels, dtype=object), dates)
    unsure = sorted(lab for lab, state in zip(labels, status) if state == AMBIGUOUS)
    if unsure:
        shown = ", ".join(repr(lab) for lab in unsure[:8]) + (" ..." if len(unsure) > 8 else "")
        return table, [f"timepoints that look like dates but could be day first or month first "
                       f"({shown}) are read as labels, not dates: say which with --dates dmy or "
                       "--dates mdy"]
    rename = {lab: when.strftime("%Y-%m-%d") for lab, when, state in zip(labels, parsed, status)
              if state == OK and not pd.isna(when) and when.strftime("%Y-%m-%d") != lab}
    if not rename:
        return table, []
    table = table.copy()
    table[schema.TIMEPOINT] = table[schema.TIMEPOINT].replace(rename)
    how = f" (--dates {dates})" if dates else ""
    return table, [f"timepoints written as dates, read as year-first dates{how}: "
                   + ", ".join(f"{k!r} -> {v!r}" for k, v in sorted(rename.items()))]


def _who_when(rows: pd.DataFrame) -> list:
    """``(participant_id, timepoint)`` of each row, as stripped text ("" for none)."""
    def texts(column):
        if column not in rows.columns:
            return [""] * len(rows)
        return rows[column].astype("string").str.strip().fillna("").tolist()

    return list(zip(texts(schema.PARTICIPANT_ID), texts(schema.TIMEPOINT)))


def answered_at(data: pd.DataFrame, timepoint: str) -> set:
    """The participant ids with a row at ``timepoint``, rows ``--skip-invalid`` left out included.

    A person whose ``post`` row had a bad answer still answered ``post``: their dated
    follow-up is a later timepoint, not a workspace export's session (round 14c W6).
    ``data.attrs["skipped_people"]`` lists those rows (:func:`load_responses`).
    """
    out = set()
    if schema.PARTICIPANT_ID in data.columns and schema.TIMEPOINT in data.columns:
        at = data[schema.TIMEPOINT].astype("string").eq(timepoint).fillna(False)
        who = data[schema.PARTICIPANT_ID].astype("string")
        out = set(who[at.to_numpy(dtype=bool)].dropna())
    return out | {who for who, when in data.attrs.get("skipped_people", ()) if when == timepoint}


def held_before_only_notes(table: pd.DataFrame) -> list:
    """A note when ``conversations_held`` is filled on ``pre`` rows only (attacks3 A22).

    The outcome reads each person's latest answers (their ``post`` row), so counts written
    on the ``pre`` rows of a file that has ``post`` rows are read nowhere.
    """
    if schema.CONVERSATIONS_HELD not in table.columns or schema.TIMEPOINT not in table.columns:
        return []
    from workbook.core.validation import MISSING_LABELS

    held = table[schema.CONVERSATIONS_HELD].astype("string").str.strip().str.casefold()
    filled = (held.notna() & ~held.isin(list(MISSING_LABELS))).to_numpy(dtype=bool)
    when = table[schema.TIMEPOINT].astype("string").str.strip().str.casefold()
    before = when.eq(schema.BEFORE).fillna(False).to_numpy(dtype=bool)
    after = when.eq(schema.AFTER).fillna(False).to_numpy(dtype=bool)
    n = int((filled & before).sum())
    if not n or not after.any() or (filled & after).any():
        return []
    return [f"{schema.CONVERSATIONS_HELD} is filled on {n} {schema.BEFORE} "
            f"row{'' if n == 1 else 's'} and on no {schema.AFTER} row; the outcome reads each "
            "person's latest answers, so none of them is counted: write each count on that "
            f"person's {schema.AFTER} row"]


def _problem_rows(table, inst, dates, shaped, found) -> tuple:
    """Rows ``--skip-invalid`` would leave out, and rows whose only problem is their hours.

    Before ``--keep`` settles the repeats: every problem of a row but its repeat. A row whose
    only problem is its hours a week costs only the hours (``--skip-invalid`` keeps it).
    """
    problems = (found + shaped.problems + check_timepoints(table)[0]
                + checked(table, inst, dates=dates, repeats=False)[0])
    if shaped.finished is not None:
        problems += check_finished(shaped.finished, shaped.progress,
                                   np.asarray(shaped.finished.index))
    if shaped.status is not None:
        problems += check_status(shaped.status, np.asarray(shaped.status.index))
    avoid = {p.row for p in problems if p.row is not None and p.column != schema.HOURS}
    hours = {p.row for p in problems if p.row is not None and p.column == schema.HOURS}
    return avoid, hours - avoid


def _kept_note(keep: str, settled) -> str:
    """What ``--keep`` did, in one line: every row left out, or that there was none.

    A repeat settled by file order because some of its rows have no date says so; one that
    could not be settled is named (its problems say why).
    """
    left_out, by_order = settled.left_out, settled.by_order
    undecided = ""
    if settled.undecided:
        undecided = "; could not choose for " + ", ".join(
            f"{pid!r}{' (' + tp + ')' if tp else ''}" for pid, tp in settled.undecided
        ) + ", whose dates decide it (see the problems)"
    if not left_out:
        if undecided:
            return f"--keep {keep}: no row was left out{undecided}"
        return (f"--keep {keep}: no participant answers twice at a timepoint, "
                "so no row was left out")

    def undated(row, pid, tp) -> str:
        if row in settled.passed_over:
            return f", as row {row} has a problem and --skip-invalid leaves it out"
        if row in settled.hours_passed:
            return f", as row {row}'s hours a week cannot be read"
        if (pid, tp) in settled.all_avoided and pid:  # (an empty id is a problem anyway)
            return (f", which has a problem too, so --skip-invalid leaves {pid!r} no "
                    f"{tp or 'response'}{' response' if tp else ''}")
        rows = by_order.get((pid, tp))
        if not rows and (pid, tp) in settled.tied:
            rows, day = settled.tied[(pid, tp)]
            listed = ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
            return f"; by file order, as rows {listed} have the same date, {day}"
        if not rows:
            return ""
        listed = ", ".join(map(str, rows))
        return (f"; by file order, as row{'s' if len(rows) > 1 else ''} {listed} "
                f"{'have' if len(rows) > 1 else 'has'} no date")

    listed = "; ".join(
        f"row {row} ({pid!r}{', ' + tp if tp else ''}; kept row {kept}{undated(row, pid, tp)})"
        for row, pid, tp, kept in left_out
    )
    n = len(left_out)
    return (f"--keep {keep}: left out {n} repeated response{'s' if n != 1 else ''}: {listed}"
            f"{undecided}")


def hours_blanked_line(rows, limit: int = 20) -> str:
    r"""The warning for hours left empty by ``--skip-invalid`` (their responses kept).

    >>> print(hours_blanked_line([3, 7]).replace(": ", ":\n"))
    hours a week is not a number from 0 to 80 on 2 rows (rows 3, 7):
    those hours are left empty, the answers kept
    """
    n, (lo, hi) = len(rows), schema.HOURS_RANGE
    listed = ", ".join(str(r) for r in rows[:limit])
    more = f", ... ({n - limit} more)" if n > limit else ""
    return (f"hours a week is not a number from {lo:g} to {hi:g} on {n} "
            f"row{'s' if n != 1 else ''} (row{'s' if n != 1 else ''} {listed}{more}): "
            "those hours are left empty, the answers kept")


def plan_blanked_line(cells, limit: int = 20) -> str:
    r"""The warning for step minutes or chosen paces left empty by ``--skip-invalid``.

    >>> print(plan_blanked_line([(3, "minutes_talk"), (7, "chosen_per_week")]).replace(
    ...     ": ", ":\n").replace(" (row", "\n(row"))
    step minutes or chosen pace not as the time page takes them in 2 cells
    (row 3 minutes_talk, row 7 chosen_per_week):
    those cells are left empty (the usual minutes apply), the answers kept
    """
    n = len(cells)
    listed = ", ".join(f"row {r} {c}" for r, c in cells[:limit])
    more = f", ... ({n - limit} more)" if n > limit else ""
    return (f"step minutes or chosen pace not as the time page takes them in {n} "
            f"cell{'s' if n != 1 else ''} ({listed}{more}): those cells are left empty "
            "(the usual minutes apply), the answers kept")


def skipped_line(data: pd.DataFrame) -> str | None:
    r"""What ``--skip-invalid`` did, in one line (None when it left nothing out or empty).

    Rows left out, and rows kept whose only problem was their hours a week: together they
    are the rows ``validate`` names.

    >>> data = pd.DataFrame()
    >>> data.attrs.update(skipped_rows=[2, 9, 12], hours_blanked=[7])
    >>> print(skipped_line(data))
    skipped 3 rows with problems (rows 2, 9, 12); 1 row kept with its hours left empty (row 7)
    """
    skipped = data.attrs.get("skipped_rows") or []
    blanked = data.attrs.get("hours_blanked") or []
    parts = []
    if skipped:
        parts.append(f"skipped {rows_said(skipped)} with problems ({rows_said(skipped, True)})")
    if blanked:
        parts.append(f"{rows_said(blanked)} kept with {'its' if len(blanked) == 1 else 'their'}"
                     f" hours left empty ({rows_said(blanked, True)})")
    plan = data.attrs.get("plan_blanked") or []
    if plan:
        parts.append(f"{len(plan)} step minutes or chosen pace cell{'s' if len(plan) != 1 else ''}"
                     " left empty (the usual minutes apply)")
    return "; ".join(parts) or None


def left_out_sentence(data: pd.DataFrame) -> str | None:
    r"""What ``--skip-invalid`` did, for a report that leaves the room (None when nothing).

    Counts only: no row numbers and no ids.

    >>> data = pd.DataFrame()
    >>> data.attrs.update(skipped_rows=[2, 9, 12], hours_blanked=[7], source="d/skip.csv")
    >>> print(left_out_sentence(data).replace("; ", ";\n"))
    3 rows of skip.csv had problems and were left out (--skip-invalid);
    1 row was kept with its hours left empty
    """
    skipped = data.attrs.get("skipped_rows") or []
    blanked = data.attrs.get("hours_blanked") or []
    source = data.attrs.get("source")
    of = f" of {Path(source).name}" if source else ""
    parts = []
    if skipped:
        parts.append(f"{rows_said(skipped)}{of} had problems and "
                     f"{'was' if len(skipped) == 1 else 'were'} left out (--skip-invalid)")
    if blanked:
        parts.append(f"{rows_said(blanked)}{'' if skipped else of} "
                     f"{'was' if len(blanked) == 1 else 'were'} kept with "
                     f"{'its' if len(blanked) == 1 else 'their'} hours left empty")
    return "; ".join(parts) or None


def rows_said(rows, listed: bool = False, limit: int = 20) -> str:
    """``3 rows`` or, listed, ``rows 2, 9, 12`` (at most ``limit``, then how many more)."""
    n = len(rows)
    word = "row" if n == 1 else "rows"
    if not listed:
        return f"{n} {word}"
    more = f", ... ({n - limit} more)" if n > limit else ""
    return f"{word} {', '.join(str(r) for r in rows[:limit])}{more}"


def _no_items(report, inst) -> Problem:
    unmatched = ", ".join(repr(c) for c in report.unmatched[:8]) or "none"
    more = f" and {len(report.unmatched) - 8} more" if len(report.unmatched) > 8 else ""
    return Problem(
        1, None, "",
        "no column matches an item of the instrument by item id "
        f"(such as {', '.join(inst.item_ids[:2])}), item text or mapping file; columns that "
        f"match nothing: {unmatched}{more}. Name them in a mapping file (--map FILE, columns "
        "'column,item_id')",
    )


def missing_items_line(missing) -> str:
    """The warning for items a file does not have."""
    n = len(missing)
    return (f"{n} item{'s' if n != 1 else ''} not in the file, counted as unanswered for "
            f"everyone: {', '.join(missing)}")


#: Labels named in the note on labels from another scale before "and N more".
_LABELS_LISTED = 12


def _label_notes(problems, inst) -> list:
    """A note when answers use labels from another answer scale (mixed label sets)."""
    items = set(inst.item_ids)
    odd = pd.Series(
        [str(p.value) for p in problems
         if p.column in items and "not an answer on the scale" in p.message],
        dtype=object,
    )
    # A single odd answer, once or twice, is a typo (listed as a problem); several different
    # ones, or one that keeps coming back, suggest another answer scale: worth a note.
    if odd.nunique() < 2 and len(odd) < 3:
        return []
    counts = odd.value_counts(sort=True)
    listed = ", ".join(f"{v!r} ({n})" for v, n in counts.head(_LABELS_LISTED).items())
    more = len(counts) - _LABELS_LISTED
    labels = ", ".join(repr(lab) for lab in inst.labels)
    return [
        f"answers use labels this instrument's scale does not have: {listed}"
        f"{f' and {more} more (see the problems)' if more > 0 else ''}; its labels are {labels} "
        f"({inst.scale_min}-{inst.scale_max}). The export may mix answer scales: recode those "
        "answers, or check the survey used this scale"
    ]


def load_responses(
    path, instrument=None, *, mapping=None, skip_invalid: bool = False, keep=None, dates=None,
    sheet=None,
) -> pd.DataFrame:
    """Read, validate and convert a response file, ready for :func:`workbook.score`.

    Parameters
    ----------
    path : str or Path
        The kit's own table (CSV or xlsx, wide or long; answers as numbers or labels) or a
        survey export (Qualtrics CSV, Google Forms CSV, Microsoft Forms xlsx).
    instrument : Instrument or path, optional
    mapping : dict or path, optional
        A mapping file (``column,item_id``) or dict; see :func:`read_responses`.
    skip_invalid : bool, default False
        Leave out the rows that have problems instead of refusing the file. The skipped
        spreadsheet rows are listed in ``data.attrs["skipped_rows"]``. A row whose only
        problem is its hours a week keeps its answers: the hours are left empty (a warning
        names the rows; ``data.attrs["hours_blanked"]`` lists them). :func:`skipped_line`
        says both in one line. With ``keep``, a repeat keeps a row without a problem over
        one with a problem (the note on ``--keep`` says so), so a typo in a later answer
        does not cost the person's valid one.
    keep, dates, sheet
        As for :func:`read_responses`.

    Returns
    -------
    DataFrame
        Wide table with answers as floats; index = spreadsheet row (named ``row``).
        ``attrs``: ``skipped_rows`` (and ``skipped_people``: their participant id and
        timepoint), ``hours_blanked``, ``source``, ``matches`` (a
        MatchReport), ``export``.

    Raises
    ------
    InvalidDataError
        When the file has problems and ``skip_invalid`` is False (``.problems`` lists them),
        or when a problem concerns the whole file (a header row).
    DataError
        When the file cannot be read at all.

    Examples
    --------
    >>> from workbook.responses.datasets import sample_path
    >>> len(load_responses(sample_path())) > 100
    True
    >>> from workbook.responses.sample_exports import sample_exports_dir
    >>> int(load_responses(sample_exports_dir() / "qualtrics_export.csv").index[0])
    4
    """
    inst = resolve(instrument)
    table, problems, known = _read(path, inst, mapping=mapping, keep=keep, dates=dates,
                                   sheet=sheet, skip_invalid=skip_invalid)
    first_row = table.attrs.get("first_row", FIRST_DATA_ROW)
    report = table.attrs.get("matches")
    skipped, hours_blanked, plan_blanked, left_out = [], [], [], []
    if problems:
        whole_file = [p for p in problems if p.row is None or p.row < first_row]
        if whole_file or not skip_invalid:
            error = InvalidDataError(whole_file or problems, source=str(path))
            error.first_row = first_row  # rows above it are header rows
            raise error
        # An unreadable hours cell costs the hours, not the response's answers.
        # So does an export's step minutes or chosen pace: that cell is left empty.
        blankable = {schema.HOURS, *schema.PLAN_COLUMNS}
        skipped = sorted({p.row for p in problems if p.column not in blankable})
        hours_blanked = sorted({p.row for p in problems if p.column == schema.HOURS}
                               - set(skipped))
        plan_blanked = sorted({(p.row, p.column) for p in problems
                               if p.column in schema.PLAN_COLUMNS and p.row not in skipped})
        if table.attrs.get("layout") != "long":
            left_out = _who_when(table.loc[[r for r in skipped if r in table.index]])
            kept = ~table.index.isin(skipped)
            table = table.drop(index=[r for r in skipped if r in table.index])
            known = {col: values if col == SPELLED else values[kept]
                     for col, values in known.items()}
        if len(table) == 0:
            raise InvalidDataError(problems, source=str(path), nothing_left=True)
        # In the long form a row is one answer: the listed answers were already left out
        # (unknown item, repeated answer, no id) or are blanked by coerce (not on the scale).
        logger.info("skipped %d row(s) with problems in %s", len(skipped), path)
    for note in report.notes if report is not None else ():
        logger.warning("workbook: note: %s: %s", path, note)
    missing = report.missing_items if report is not None else ()
    if missing and len(missing) < len(inst.item_ids):
        logger.warning("workbook: warning: %s: %s", path, missing_items_line(missing))
    data = coerce(table, inst, dates=dates, known=known)
    if hours_blanked:
        data.loc[hours_blanked, schema.HOURS] = np.nan
        logger.warning("workbook: warning: %s: %s", path, hours_blanked_line(hours_blanked))
    for row, column in plan_blanked:
        data.loc[row, column] = np.nan
    if plan_blanked:
        logger.warning("workbook: warning: %s: %s", path, plan_blanked_line(plan_blanked))
    data.attrs["skipped_rows"] = skipped
    data.attrs["skipped_people"] = left_out
    data.attrs["hours_blanked"] = hours_blanked
    data.attrs["plan_blanked"] = plan_blanked
    data.attrs["source"] = str(path)
    return data
