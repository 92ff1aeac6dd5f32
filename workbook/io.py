"""Reading response files: CSV or Excel, wide or long, numbers or answer labels.

:func:`read_responses` reads a file into the canonical wide table, values as found, with the
spreadsheet row of each response as the index (named ``row``), plus the problems found on the
way. :func:`load_responses` also validates and returns answers as numbers, ready to score.

Examples
--------
>>> from workbook.datasets import sample_path
>>> from workbook.io import load_responses
>>> data = load_responses(sample_path())
>>> int(data.index[0])     # the first response sits on spreadsheet row 2
2
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .exceptions import DataError, InvalidDataError
from .exports import read_export
from .instrument import resolve
from .log import logger
from .validation import FIRST_DATA_ROW, Problem, coerce, validate

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_DELIMITERS = (",", ";", "\t")
#: Columns always read as text (an id like 007 must stay 007).
TEXT_COLUMNS = (*schema.ID_COLUMNS, schema.MOTIVATORS, schema.NORTH_STAR, schema.NOTES)


def read_table(path) -> pd.DataFrame:
    """Read a CSV or Excel file as text cells, index = spreadsheet row numbers.

    CSV may be comma-, semicolon- or tab-separated, UTF-8 with or without a byte-order mark.
    Only empty cells count as missing. Raises :class:`DataError` for an unreadable file.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path} does not exist")
    if path.is_dir():
        raise DataError(f"{path} is a folder; give a CSV or Excel file")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        table = _read_excel(path)
    elif suffix in CSV_SUFFIXES:
        table = _read_csv(path)
    elif suffix == ".xls":
        raise DataError(f"{path}: old .xls files are not supported; save it as .xlsx or CSV")
    else:
        raise DataError(f"{path}: unknown file type {suffix or '(none)'}; use .csv or .xlsx")
    table.columns = [str(c).strip() for c in table.columns]
    table.index = pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(table), name="row")
    return table


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            head = fh.read(64 * 1024)
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except OSError as exc:
        raise DataError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not head.strip():
        raise DataError(f"{path} is empty")
    delimiter = _sniff_delimiter(head)
    try:
        table = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
            skip_blank_lines=True,
        )
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{path} is not a well-formed CSV file: {_parser_message(exc)}") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{path} is empty") from None
    if len(table.columns) == 1:
        check_single_column(path, table.columns[0])
    return table


def check_single_column(path, only) -> None:
    """Refuse a header of one column that seems to use another separator."""
    only = str(only)
    for other in ("|", ":", " "):
        if other in only:
            raise DataError(
                f"{path}: the header row has a single column, {only[:60]!r}; the columns seem "
                f"to be separated by {other!r}. Save the file as CSV with commas."
            )


def not_utf8(path) -> DataError:
    """The error for a CSV file that is not UTF-8."""
    return DataError(f"{path} is not UTF-8 text; in your spreadsheet, save it as 'CSV UTF-8'")


def _parser_message(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[-1]
    # pandas counts lines from 1 = header; say it as a spreadsheet row.
    return text.replace("Error tokenizing data. C error: ", "")


def _sniff_delimiter(head: str) -> str:
    first = head.splitlines()[0] if head.splitlines() else ""
    counts = {}
    for d in _DELIMITERS:
        try:
            counts[d] = len(next(csv.reader([first], delimiter=d))) - 1
        except (csv.Error, StopIteration):
            counts[d] = 0
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_excel(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_excel(path, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"{path} cannot be read as an Excel workbook: {exc}") from None
    if table.empty and len(table.columns) == 0:
        raise DataError(f"{path} is empty")
    # Excel gives numbers as numbers; text cells keep their text; ids become text.
    for col in table.columns:
        if str(col).strip() in TEXT_COLUMNS:
            table[col] = table[col].map(_excel_text, na_action="ignore")
    return table


def _excel_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_long(table: pd.DataFrame) -> bool:
    """True when a table is in the long form (``participant_id, item_id, response``)."""
    return schema.ITEM_ID in table.columns and schema.RESPONSE in table.columns


def long_to_wide(table: pd.DataFrame, instrument=None) -> tuple[pd.DataFrame, list]:
    """Turn a long table into the wide one, listing problems of the long rows.

    Each wide row's index is the spreadsheet row of its first long row.
    """
    inst = resolve(instrument)
    problems = []
    rows = np.asarray(table.index)
    needed = (schema.PARTICIPANT_ID, schema.ITEM_ID, schema.RESPONSE)
    missing = [c for c in needed if c not in table]
    if missing:
        return table, [Problem(1, c, "", f"the long form needs a {c} column") for c in missing]
    long = table.copy()
    if schema.TIMEPOINT not in long.columns:
        long[schema.TIMEPOINT] = np.nan
    long[schema.ITEM_ID] = long[schema.ITEM_ID].astype("string").str.strip()
    known = long[schema.ITEM_ID].isin(inst.item_ids).to_numpy(dtype=bool, na_value=False)
    for pos in np.flatnonzero(~known):
        problems.append(
            Problem(int(rows[pos]), schema.ITEM_ID, long[schema.ITEM_ID].iloc[pos],
                    "not an item of the instrument (see `workbook items`)")
        )
    no_id = long[schema.PARTICIPANT_ID].isna().to_numpy()
    for pos in np.flatnonzero(no_id):
        problems.append(
            Problem(int(rows[pos]), schema.PARTICIPANT_ID, "", "participant_id is empty")
        )
    keys = [schema.PARTICIPANT_ID, schema.TIMEPOINT, schema.ITEM_ID]
    dup = long.duplicated(keys, keep=False).to_numpy() & known & ~no_id
    for pos in np.flatnonzero(dup):
        problems.append(
            Problem(int(rows[pos]), schema.ITEM_ID, long[schema.ITEM_ID].iloc[pos],
                    "this participant answers this item more than once at this timepoint")
        )
    usable = long[known & ~no_id & ~dup].copy()
    usable["_row"] = rows[known & ~no_id & ~dup]
    # Answers are checked on their long rows, so their row numbers point at the right line.
    for item_id, group in usable.groupby(schema.ITEM_ID, sort=False):
        check = pd.DataFrame(
            {schema.PARTICIPANT_ID: group[schema.PARTICIPANT_ID].to_numpy(),
             item_id: group[schema.RESPONSE].to_numpy()},
            index=pd.Index(group["_row"].to_numpy(), name="row"),
        )
        problems.extend(p for p in validate(check, inst) if p.column == item_id)
    group_keys = [schema.PARTICIPANT_ID, schema.TIMEPOINT]
    wide = usable.pivot_table(
        index=group_keys, columns=schema.ITEM_ID, values=schema.RESPONSE,
        aggfunc="first", dropna=False, sort=False,
    )
    first_row = usable.groupby(group_keys, sort=False, dropna=False)["_row"].min()
    wide = wide.reindex(first_row.index)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index()
    wide.index = pd.Index(first_row.to_numpy(), name="row")
    extra = [c for c in long.columns if c not in (*keys, schema.RESPONSE, "_row")]
    if extra:
        firsts = usable.groupby(group_keys, sort=False, dropna=False)[extra].first()
        firsts = firsts.reindex(first_row.index).reset_index(drop=True)
        firsts.index = wide.index
        wide = pd.concat([wide, firsts], axis=1)
    if wide[schema.TIMEPOINT].isna().all():
        wide = wide.drop(columns=schema.TIMEPOINT)
    return wide.sort_index(), problems


def read_responses(path, instrument=None, *, mapping=None) -> tuple[pd.DataFrame, list]:
    """Read a response file as the canonical wide table, values as found, and list its problems.

    Parameters
    ----------
    path : str or Path
        The kit's own table (CSV with comma, semicolon or tab, or xlsx; wide or long form), or
        a survey export: Qualtrics CSV, Google Forms CSV, Microsoft Forms xlsx
        (see :mod:`workbook.exports`).
    instrument : Instrument or path, optional
    mapping : dict or path, optional
        A mapping file (columns ``column,item_id``) or dict naming what columns hold; columns
        are otherwise matched by item id, canonical name or item text
        (see :mod:`workbook.mapping`).

    Returns
    -------
    data : DataFrame
        Wide table, index = spreadsheet row (named ``row``; for a Qualtrics export the first
        response is row 4). ``data.attrs["matches"]`` holds the :class:`~workbook.mapping.
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
    >>> from workbook.sample_exports import sample_exports_dir
    >>> data, problems = read_responses(sample_exports_dir() / "microsoft_forms_export.xlsx")
    >>> data.attrs["export"], problems
    ('microsoft_forms', [])
    """
    inst = resolve(instrument)
    table, report, problems = read_export(path, inst, mapping=mapping)
    if len(table.columns) == 0:
        raise DataError(f"{path} has no header row")
    shape = "wide"
    if is_long(table):
        table, long_problems = long_to_wide(table, inst)
        problems = problems + long_problems
        shape = "long"
    report.missing_items = tuple(i for i in inst.item_ids if i not in table.columns)
    table, timepoint_problems, notes = check_timepoints(table)
    report.notes.extend(notes)
    found = validate(table, inst)
    if not any(i in table.columns for i in inst.item_ids) and shape == "wide":
        found = [p for p in found if not (p.row == 1 and p.column is None)]
        found.insert(0, _no_items(report, inst))
    problems = problems + timepoint_problems + found
    report.notes.extend(_label_notes(problems, inst))
    table.attrs.update(
        layout=shape, export=report.layout, matches=report, first_row=report.first_row
    )
    problems.sort(key=lambda p: (p.row if p.row is not None else 0, str(p.column)))
    return table, problems


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


#: Timepoint labels that look like ``pre``/``post`` said another way: refused, not guessed.
TIMEPOINT_LOOKALIKES = frozenset(
    {"before", "after", "baseline", "pretest", "posttest", "prior", "start", "end", "t0", "t1",
     "t2", "preworkshop", "postworkshop", "beforeworkshop", "afterworkshop", "1", "2"}
)


def check_timepoints(data: pd.DataFrame) -> tuple[pd.DataFrame, list, list]:
    """Check the ``timepoint`` column: the before/after analysis pairs ``pre`` with ``post``.

    ``Pre``, `` POST `` and the like are read as ``pre``/``post`` (and said so in a note);
    look-alikes such as ``before``, ``after`` or ``t1`` are problems, since guessing would pair
    the wrong rows; an empty timepoint is a problem when other rows have one. Other labels
    (``followup``, ``week6``) are allowed: they are summarised, not paired.

    Returns
    -------
    data : DataFrame
        With ``pre``/``post`` spelled canonically.
    problems : list of Problem
    notes : list of str
    """
    if schema.TIMEPOINT not in data.columns:
        return data, [], []
    column = data[schema.TIMEPOINT]
    values = [v for v in column.dropna().unique() if str(v).strip()]
    if not values:
        return data, [], []
    rename, notes, problems, bad = {}, [], [], []
    for value in values:
        key = "".join(ch for ch in str(value).casefold() if ch.isalnum())
        if key in (schema.BEFORE, schema.AFTER):
            if value != key:
                rename[value] = key
        elif key in TIMEPOINT_LOOKALIKES:
            bad.append(value)
    given = column.isin(values).to_numpy(dtype=bool, na_value=False)
    if rename:
        data = data.copy()
        data[schema.TIMEPOINT] = column.replace(rename)
        notes.append(
            "timepoints read as pre/post: "
            + ", ".join(f"{k!r} -> {v}" for k, v in sorted(rename.items()))
        )
    rows = np.asarray(data.index)
    if bad:
        for pos in np.flatnonzero(column.isin(bad).to_numpy(dtype=bool, na_value=False)):
            problems.append(Problem(
                int(rows[pos]), schema.TIMEPOINT, column.iloc[pos],
                f"unexpected timepoint: the before/after comparison pairs {schema.BEFORE!r} with "
                f"{schema.AFTER!r}; write one of those here (or a label of your own, such as "
                "'followup', that is summarised but not paired)",
            ))
    seen = ", ".join(repr(v) for v in sorted({rename.get(v, v) for v in values}))
    for pos in np.flatnonzero(~given):
        problems.append(Problem(
            int(rows[pos]), schema.TIMEPOINT, "",
            f"timepoint is empty while other rows have one ({seen}); fill it in",
        ))
    return data, problems, notes


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
    counts = odd.value_counts()
    listed = ", ".join(f"{v!r} ({n})" for v, n in counts.head(6).items())
    labels = ", ".join(repr(lab) for lab in inst.labels)
    return [
        f"answers use labels this instrument's scale does not have: {listed}"
        f"{' ...' if len(counts) > 6 else ''}; its labels are {labels} "
        f"({inst.scale_min}-{inst.scale_max}). The export may mix answer scales: recode those "
        "answers, or check the survey used this scale"
    ]


def load_responses(
    path, instrument=None, *, mapping=None, skip_invalid: bool = False
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
        spreadsheet rows are listed in ``data.attrs["skipped_rows"]``.

    Returns
    -------
    DataFrame
        Wide table with answers as floats; index = spreadsheet row (named ``row``).
        ``attrs``: ``skipped_rows``, ``source``, ``matches`` (a MatchReport), ``export``.

    Raises
    ------
    InvalidDataError
        When the file has problems and ``skip_invalid`` is False (``.problems`` lists them),
        or when a problem concerns the whole file (a header row).
    DataError
        When the file cannot be read at all.

    Examples
    --------
    >>> from workbook.datasets import sample_path
    >>> len(load_responses(sample_path())) > 100
    True
    >>> from workbook.sample_exports import sample_exports_dir
    >>> int(load_responses(sample_exports_dir() / "qualtrics_export.csv").index[0])
    4
    """
    inst = resolve(instrument)
    table, problems = read_responses(path, inst, mapping=mapping)
    first_row = table.attrs.get("first_row", FIRST_DATA_ROW)
    report = table.attrs.get("matches")
    skipped = []
    if problems:
        whole_file = [p for p in problems if p.row is None or p.row < first_row]
        if whole_file or not skip_invalid:
            error = InvalidDataError(whole_file or problems, source=str(path))
            error.first_row = first_row  # rows above it are header rows
            raise error
        skipped = sorted({p.row for p in problems})
        if table.attrs.get("layout") != "long":
            table = table.drop(index=skipped)
        if len(table) == 0:
            raise InvalidDataError(problems, source=str(path), nothing_left=True)
        # In the long form a row is one answer: the listed answers were already left out
        # (unknown item, repeated answer, no id) or are blanked by coerce (not on the scale).
        logger.info("skipped %d row(s) with problems in %s", len(skipped), path)
    for note in report.notes if report is not None else ():
        logger.warning("%s: %s", path, note)
    data = coerce(table, inst)
    data.attrs["skipped_rows"] = skipped
    data.attrs["source"] = str(path)
    return data
