"""Survey exports as they come: recognise the layout of a file and read it.

Layouts recognised from the header:

- ``canonical``: the kit's own table (one header row), wide or long;
- ``qualtrics``: a Qualtrics CSV export, three header rows (column ids, question text, an
  ``ImportId`` row), metadata such as ``ResponseId``, ``StartDate``, ``Finished``, ``Progress``;
  the first response is on row 4;
- ``google_forms``: a Google Forms CSV, ``Timestamp`` first, question text as headers (grid
  questions as ``Question [Row]``), answers as labels, checkbox answers joined by ``", "``;
- ``microsoft_forms``: a Microsoft Forms xlsx, ``ID, Start time, Completion time, Email, Name``,
  then the questions; multi-select answers joined by ``";"``.

A legacy Qualtrics export (two header rows, no ``ImportId`` row) is refused with a message that
says how to export it again.

Examples
--------
>>> from workbook.exports import read_export
>>> from workbook.sample_exports import sample_exports_dir
>>> table, report, problems = read_export(sample_exports_dir() / "qualtrics_export.csv")
>>> report.layout, report.first_row, int(table.index[0]), problems
('qualtrics', 4, 4, [])
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .exceptions import DataError
from .instrument import resolve
from .mapping import MatchReport, match_columns, normalise_text
from .validation import Problem

CANONICAL = "canonical"
QUALTRICS = "qualtrics"
GOOGLE_FORMS = "google_forms"
MICROSOFT_FORMS = "microsoft_forms"

#: The survey tools' own columns (never matched to items; left out of the table, since some
#: hold personal data such as e-mail or IP addresses).
METADATA = {
    QUALTRICS: (
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
        "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
        "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage",
    ),
    GOOGLE_FORMS: ("Timestamp", "Email Address", "Email address", "Score"),
    MICROSOFT_FORMS: (
        "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
        "Total points", "Quiz feedback",
    ),
    CANONICAL: (),
}
#: How each tool joins the choices of a multi-select answer.
LIST_SEPARATORS = {GOOGLE_FORMS: ",", MICROSOFT_FORMS: ";"}
QUALTRICS_FINISHED = "Finished"
QUALTRICS_PROGRESS = "Progress"
_MICROSOFT_HEAD = ("id", "starttime", "completiontime")
_QUALTRICS_MARKERS = {normalise_text(c) for c in ("ResponseId", "StartDate", "EndDate",
                                                  "RecordedDate", "Finished", "Progress")}
_IMPORT_ID = re.compile(r"""^\s*\{\s*["']importid["']""", re.IGNORECASE)
_FINISHED_NO = {"0", "false", "no", "0.0"}
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Layout:
    """What the header of a file says about it."""

    name: str
    first_row: int
    columns: tuple
    texts: tuple = ()


def detect_layout(columns, rows=(), source: str = "") -> Layout:
    """Recognise a file's layout from its header and the (up to) two rows under it.

    Raises
    ------
    DataError
        For a legacy Qualtrics export (two header rows).

    Examples
    --------
    >>> detect_layout(["Timestamp", "Your participant code"]).name
    'google_forms'
    """
    columns = tuple(columns)
    keys = [normalise_text(c) for c in columns]
    rows = [list(r) + [""] * (len(columns) - len(r)) for r in rows]
    if keys and keys[0] == "timestamp":
        return Layout(GOOGLE_FORMS, 2, columns)
    if tuple(keys[:3]) == _MICROSOFT_HEAD:
        return Layout(MICROSOFT_FORMS, 2, columns)
    second = [normalise_text(v) for v in rows[0]] if rows else []
    legacy = "responseid" in second or "responseset" in keys or "responseset" in second
    if len(_QUALTRICS_MARKERS.intersection(keys)) >= 2 or legacy:
        has_import = len(rows) > 1 and any(_IMPORT_ID.match(str(v)) for v in rows[1])
        if has_import:
            return Layout(QUALTRICS, 4, columns, tuple(rows[0]))
        if legacy:
            raise DataError(
                f"{source}: row 2 holds question text, not answers: this looks like a legacy "
                "Qualtrics export (two header rows, no ImportId row 3). Export it again from "
                "Qualtrics as CSV with 'Use legacy exports format' unticked (three header rows), "
                "or delete row 2 so the first response is on row 2."
            )
        return Layout(QUALTRICS, 2, columns)
    return Layout(CANONICAL, 2, columns)


def read_export(path, instrument=None, *, mapping=None) -> tuple[pd.DataFrame, MatchReport, list]:
    """Read any supported file, with columns renamed to item ids and canonical names.

    Parameters
    ----------
    path : str or Path
    instrument : Instrument or path, optional
    mapping : dict or path, optional
        Column -> item id (or canonical column), or a mapping file.

    Returns
    -------
    table : DataFrame
        Values as found (item answers as numbers where the file holds numbers), index = the
        spreadsheet row of each response (named ``row``). The survey tool's metadata columns
        are left out.
    report : MatchReport
        What matched what, and what did not.
    problems : list of Problem
        Columns matching one item twice, unfinished Qualtrics responses.
    """
    inst = resolve(instrument)
    path = Path(path)
    _check_path(path)
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        raw = _read_excel(path)
        rows = raw.head(2).astype(object).where(raw.head(2).notna(), "").to_numpy().tolist()
        layout = detect_layout(raw.columns, rows, str(path))
    else:
        delimiter, header, rows = _peek_csv(path)
        layout = detect_layout(header, rows, str(path))
    columns = _dedupe(layout.columns)
    report, problems = match_columns(
        columns, inst, mapping=mapping, texts=dict(zip(columns, layout.texts)),
        metadata=METADATA[layout.name], source=str(path), layout=layout.name,
        first_row=layout.first_row,
    )
    matched = report.matched
    items = set(inst.item_ids)
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        table = raw.iloc[layout.first_row - 2:].copy()
        table.columns = columns
        for col in columns:
            if matched.get(col) not in items:
                table[col] = table[col].map(_excel_text, na_action="ignore")
    else:
        text_dtypes = {c: str for c in columns if matched.get(c) not in items}
        table = _read_csv_body(path, delimiter, columns, layout.first_row, text_dtypes)
    table.index = pd.RangeIndex(layout.first_row, layout.first_row + len(table), name="row")
    if layout.name == QUALTRICS:
        problems += _unfinished(table)
    # Columns that clash (two for one item) keep their names: the problem lists them.
    counts = pd.Series(list(matched.values()), dtype=object).value_counts()
    rename = {c: t for c, t in matched.items() if counts[t] == 1}
    shadowed = [c for c in columns if c in set(rename.values()) and c not in rename]
    for col in shadowed:
        report.notes.append(f"column {col!r} is left out: {col} is read from another column")
    table = table.drop(columns=[*report.metadata, *shadowed]).rename(columns=rename)
    separator = LIST_SEPARATORS.get(layout.name)
    if separator and schema.MOTIVATORS in table.columns:
        table[schema.MOTIVATORS] = _rejoin(table[schema.MOTIVATORS], separator)
    table.attrs["layout"] = layout.name
    return table, report, problems


def _check_path(path: Path) -> None:
    if not path.exists():
        raise DataError(f"{path} does not exist")
    if path.is_dir():
        raise DataError(f"{path} is a folder; give a CSV or Excel file")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(f"{path}: old .xls files are not supported; save it as .xlsx or CSV")
    if suffix not in _CSV_SUFFIXES | _EXCEL_SUFFIXES:
        raise DataError(f"{path}: unknown file type {suffix or '(none)'}; use .csv or .xlsx")


def _dedupe(columns) -> list:
    """Strip header names and number repeats as pandas does (``X``, ``X.1``)."""
    seen, out = {}, []
    for col in columns:
        name = str(col).strip()
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _peek_csv(path: Path):
    from .io import _sniff_delimiter, check_single_column, not_utf8

    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            head = fh.read(64 * 1024)
            if not head.strip():
                raise DataError(f"{path} is empty")
            delimiter = _sniff_delimiter(head)
            fh.seek(0)
            if fh.read(1) != "\ufeff":
                fh.seek(0)
            reader = csv.reader(fh, delimiter=delimiter)
            header = next(reader, [])
            rows = [r for _, r in zip(range(2), reader)]
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except csv.Error as exc:
        raise DataError(f"{path} is not a well-formed CSV file: {exc}") from None
    except OSError as exc:
        raise DataError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not any(str(h).strip() for h in header):
        raise DataError(f"{path} has no header row")
    if len(header) == 1:
        check_single_column(path, header[0])
    return delimiter, header, rows


def _read_csv_body(path, delimiter, columns, first_row, text_dtypes) -> pd.DataFrame:
    from .io import _parser_message, not_utf8

    try:
        return pd.read_csv(
            path, sep=delimiter, header=None, names=columns, skiprows=first_row - 1,
            index_col=False, dtype=text_dtypes, keep_default_na=False, na_values=[""],
            encoding="utf-8-sig", skip_blank_lines=True, dtype_backend="numpy_nullable",
        )
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{path} is not a well-formed CSV file: {_parser_message(exc)}") from None
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=columns)


def _read_excel(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_excel(path, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"{path} cannot be read as an Excel workbook: {exc}") from None
    if len(table.columns) == 0:
        raise DataError(f"{path} is empty")
    return table


def _excel_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unfinished(table: pd.DataFrame) -> list:
    """One problem per Qualtrics response whose ``Finished`` is 0/False."""
    if QUALTRICS_FINISHED not in table.columns:
        return []
    finished = table[QUALTRICS_FINISHED]
    no = [v for v in finished.dropna().unique() if str(v).strip().lower() in _FINISHED_NO]
    bad = finished.isin(no).to_numpy(dtype=bool, na_value=False)
    progress = table.get(QUALTRICS_PROGRESS)
    problems = []
    for pos in np.flatnonzero(bad):
        done = "" if progress is None else f" (Progress {progress.iloc[pos]}%)"
        problems.append(
            Problem(
                int(table.index[pos]), QUALTRICS_FINISHED, table[QUALTRICS_FINISHED].iloc[pos],
                f"this response was not finished{done}; remove it from the export, or pass "
                "--skip-invalid to leave it out",
            )
        )
    return problems


def _rejoin(column: pd.Series, separator: str) -> pd.Series:
    """Multi-select answers joined by the tool's separator, rejoined by ``;``, lower case."""
    def fix(value):
        parts = [p.strip().lower() for p in str(value).split(separator)]
        return schema.MOTIVATOR_SEPARATOR.join(p for p in parts if p)

    uniques = column.dropna().unique()
    return column.map({u: fix(u) for u in uniques})
