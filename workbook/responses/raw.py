"""Step 1 of reading: the raw table of a CSV or xlsx file, cells as found.

:func:`read_head` reads the header and the two rows under it (enough to recognise the layout);
:func:`read_body` then reads every response, index = the spreadsheet row of each (the header
is row 1; a blank line is a row too, so numbers match what a spreadsheet shows). Wholly empty
rows are left out. What cannot be read as it stands is a problem, never silently dropped: a
repeated column name, a row with fewer or more cells than the header, a formula cell with no
saved value. Merged cells are read as their value in every cell they cover, and said so.

CSV: comma, semicolon or tab separated, UTF-8 with or without a byte-order mark. xlsx: the
first sheet, or the one named; other sheets holding data are named in a note.

This module knows nothing of items or layouts; the later steps
(:mod:`workbook.responses.exports`, :mod:`workbook.responses.mapping`,
:mod:`workbook.responses.reshape`, ...) decide what the columns mean.
"""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbook.core.background import in_thread
from workbook.core.exceptions import DataError
from workbook.core.problems import FIRST_DATA_ROW, Problem, column_letter

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_DELIMITERS = (",", ";", "\t")
_BOM = b"\xef\xbb\xbf"
#: A name no file uses: the column that catches a cell beyond the header's last.
_EXTRA = "\x00extra"
_CHUNK = 1 << 22
_NONE = np.zeros(0, dtype=np.intp)


@dataclass
class RawHead:
    """The top of a file: what :func:`read_body` and the layout step need.

    Attributes
    ----------
    path : Path
    kind : {"csv", "xlsx"}
    header : list of str
        Column names as in the file (spaces around them removed).
    columns : list of str
        The same names made unique (a repeat gets ``.1``, ``.2``), one per column.
    rows : list of list
        Up to two rows under the header, as text (a Qualtrics export's extra header rows).
    delimiter : str
        CSV only.
    problems : list of Problem
        Repeated column names (row 1).
    notes : list of str
        What the reader did that a coach should know (other sheets, merged cells).
    """

    path: Path
    kind: str
    header: list
    columns: list
    rows: list
    delimiter: str = ","
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    cells: pd.DataFrame | None = None  # xlsx: every row under the header, values as found
    late: list = field(default_factory=list)  # xlsx: (row, column position, problem text)


def check_path(path) -> Path:
    """The path, if it is a file the kit can read; :class:`DataError` otherwise."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path} does not exist")
    if path.is_dir():
        raise DataError(f"{path} is a folder; give a CSV or Excel file")
    if not path.is_file():  # a FIFO would wait for a writer, a device read without end
        raise DataError(f"{path} is not a regular file (a pipe or a device): give a CSV or "
                        "Excel file")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(f"{path}: old .xls files are not supported; save it as .xlsx or CSV")
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise DataError(f"{path}: unknown file type {suffix or '(none)'}; use .csv or .xlsx")
    return path


def read_head(path, *, sheet=None) -> RawHead:
    """Read a file's header and the two rows under it.

    Raises
    ------
    DataError
        When the file cannot be read at all: missing, empty, not UTF-8, no header row.
    """
    path = check_path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        head = _excel_head(path, sheet)
    else:
        if sheet is not None:
            raise DataError(f"{path} is a CSV file, which has no sheets; leave out --sheet")
        head = _csv_head(path)
    head.columns = unique_names(head.header)
    head.problems.extend(_repeated(head.header))
    return head


def unique_names(header) -> list:
    """Header names made unique as pandas does (``X``, ``X.1``, ``X.2``)."""
    seen, out = {}, []
    for col in header:
        name = str(col)
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _repeated(header) -> list:
    positions = {}
    for pos, name in enumerate(header):
        if name:
            positions.setdefault(name, []).append(pos)
    return [
        Problem(1, name, "",
                f"columns {' and '.join(column_letter(p) for p in where)} are both named "
                f"{name!r}, so only one of them would be read; rename or remove the other")
        for name, where in positions.items() if len(where) > 1
    ]


def not_utf8(path, hint: str = "") -> DataError:
    """The error for a CSV file that is not UTF-8, naming the line of its first odd byte.

    Without a ``hint``, the file is read to its first byte that is not UTF-8, and the error
    names its line and byte, and the letter it would be in Windows-1252 (the usual other
    encoding of a spreadsheet's CSV) when it is one.
    """
    if not hint:
        hint = _first_bad_byte(path)
    return DataError(
        f"{path} is not UTF-8 text{hint}; in your spreadsheet, save it as 'CSV UTF-8'"
    )


def _first_bad_byte(path) -> str:
    r"""`` (line 3, byte 41: 0xE9, 'é' in Windows-1252 or Latin-1)`` or ``""``.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     name = os.path.join(folder, "x.csv")
    ...     with open(name, "wb") as fh:
    ...         _ = fh.write(b"id,hope_1\nRen\xe9,3\n")
    ...     _first_bad_byte(name)
    " (line 2, byte 14: 0xE9, 'é' in Windows-1252 or Latin-1)"
    """
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line, offset = 1, 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                held = len(decoder.getstate()[0])  # the end of the chunk before, undecoded
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    data, start = exc.object, exc.start  # data: the held bytes and the chunk
                    bad = data[start]
                    line += data[:start].count(b"\n")
                    where = f" (line {line}, byte {offset - held + start + 1}"
                    try:
                        letter = bytes([bad]).decode("cp1252")
                    except UnicodeDecodeError:
                        letter = ""
                    if letter.isprintable() and letter.strip():
                        return where + f": 0x{bad:02X}, {letter!r} in Windows-1252 or Latin-1)"
                    return where + f": 0x{bad:02X})"
                line += chunk.count(b"\n")
                offset += len(chunk)
    except OSError:
        return ""
    return ""


def looks_utf16(start: bytes) -> bool:
    r"""True when a file's first bytes look like UTF-16 text.

    That is a byte-order mark, or a zero byte in every other byte for a quarter of the text or
    more (what UTF-16 makes of commas, digits and Latin letters). A stray zero byte in a UTF-8
    cell is not UTF-16: the reader names its cell (:func:`zero_byte_cells`).

    >>> looks_utf16("id,hope_1\na,3\n".encode("utf-16-le")), looks_utf16(b"id\na\x00b\n")
    (True, False)
    """
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    half = len(start) // 2
    if not half or b"\x00" not in start:
        return False
    even, odd = start[0::2].count(0), start[1::2].count(0)
    zeros, other = max(even, odd), min(even, odd)
    # Text has its zeros on one side; a program or an image has them on both.
    return zeros >= 2 and zeros * 4 >= half and other * 8 <= zeros


#: Bytes no text file holds (control characters other than tab, line feed, carriage return
#: and the form feed and escape a pasted cell may bring).
_BINARY = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b")


def looks_binary(start: bytes) -> bool:
    r"""True when a file's first bytes are not text: one in ten a control byte or more.

    A stray zero byte in a cell is not enough (the reader names its cell).

    >>> looks_binary(b"\x7fELF\x02\x01\x01\x00" * 8), looks_binary(b"id,n\na\x00b,1\n")
    (True, False)
    """
    if not start:
        return False
    odd = len(start) - len(start.translate(None, _BINARY))
    return odd * 10 >= len(start)


def _csv_head(path: Path) -> RawHead:
    try:
        with path.open("rb") as fh:
            start = fh.read(64 * 1024)
    except OSError as exc:
        raise DataError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if looks_utf16(start):
        raise not_utf8(path, " (it looks like UTF-16)")
    if looks_binary(start):
        raise DataError(f"{path} is not a text file (it holds bytes no CSV file has, such as "
                        "zero bytes): is it the survey export? Save or export the responses "
                        "as 'CSV UTF-8' or xlsx")
    try:
        text = start.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(start) - 4:  # not merely a character cut by the 64 KB read
            raise not_utf8(path) from None
        text = start[: exc.start].decode("utf-8-sig", errors="ignore")
    if not text.strip():
        raise DataError(f"{path} is empty")
    refuse_separator_line(path, text)
    delimiter = sniff_delimiter(text)
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a long cell is still a cell (the default stops at 128 KB)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            header = next(reader, [])
            rows = [r for _, r in zip(range(2), reader)]
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except csv.Error as exc:
        raise DataError(f"{path} is not a well-formed CSV file: {exc}") from None
    finally:
        csv.field_size_limit(old)
    header = [str(h).strip() for h in header]
    if not any(header):
        raise DataError(f"{path} has no header row")
    if len(header) == 1:
        check_single_column(path, header[0])
    problems = [Problem(1, name, "", f"the name of column {column_letter(pos)} holds "
                        f"{ZERO_BYTE}; rename the column")
                for pos, name in enumerate(header) if "\x00" in name]
    return RawHead(path, "csv", header, [], rows, delimiter, problems=problems)


#: Excel's first line naming the separator (``sep=;``), which some locales write and read.
_SEP_LINE = re.compile(r'^\s*"?sep=(.?)"?[,;\t]*\s*$', re.IGNORECASE)


def refuse_separator_line(path, text: str) -> None:
    r"""Refuse a first line ``sep=;`` (Excel's separator hint) as one problem (round 13c T15).

    Read as the header it made a header of one or two columns and one problem per row
    about quotes; the line is named instead, with what to do.

    Examples
    --------
    >>> refuse_separator_line("f.csv", "participant_id;hope_1\na;3\n")
    >>> try:
    ...     refuse_separator_line("f.csv", "sep=;\nparticipant_id;hope_1\n")
    ... except DataError as exc:
    ...     print(str(exc)[:60])
    f.csv: line 1 is 'sep=;', a spreadsheet's note of the separa
    """
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if _SEP_LINE.match(first):
        raise DataError(
            f"{path}: line 1 is {first.strip()!r}, a spreadsheet's note of the separator, not "
            "the header row: delete that line (the kit finds the separator itself) and read "
            "the file again")


def sniff_delimiter(head: str) -> str:
    """The separator of a CSV text: the one of ``,`` ``;`` tab splitting its first line most."""
    lines = head.splitlines()
    first = lines[0] if lines else ""
    counts = {}
    for d in _DELIMITERS:
        try:
            counts[d] = len(next(csv.reader([first], delimiter=d))) - 1
        except (csv.Error, StopIteration):
            counts[d] = 0
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def check_single_column(path, only) -> None:
    """Refuse a header of one column that seems to use another separator."""
    only = str(only)
    for other in ("|", ":", " "):
        if other in only:
            raise DataError(
                f"{path}: the header row has a single column, {only[:60]!r}; the columns seem "
                f"to be separated by {other!r}. Save the file as CSV with commas."
            )


def read_body(head: RawHead, first_row: int, text_columns=()) -> tuple[pd.DataFrame, list]:
    """Every response of a file, index = spreadsheet row (named ``row``).

    Parameters
    ----------
    head : RawHead
        From :func:`read_head`.
    first_row : int
        The spreadsheet row of the first response (4 for a Qualtrics export).
    text_columns : collection of str
        Columns (of ``head.columns``) read as text; the others as numbers where every cell
        is one (item answers), else as text.

    Returns
    -------
    table : DataFrame
        Columns ``head.columns``; wholly empty rows left out.
    problems : list of Problem
        Rows with fewer or more cells than the header, formula cells with no saved value.
    """
    table, problems, finish = start_body(head, first_row, text_columns)
    return table, problems + finish()


def start_body(head: RawHead, first_row: int, text_columns=()):
    """:func:`read_body`, leaving the check for short rows to run on in a thread.

    The check scans the file's bytes (numpy, which lets other threads run meanwhile), so the
    later steps can go on with the table; ``finish()`` waits for it and returns its problems.

    Returns
    -------
    table : DataFrame
    problems : list of Problem
        All but the rows with fewer cells than the header.
    finish : callable
        Returns the list of short rows (raising what the scan raised).
    """
    if head.kind == "xlsx":
        table, problems = _excel_body(head, first_row, set(text_columns))
        return table, problems, list
    return _csv_body(head, first_row, set(text_columns))


def _csv_body(head: RawHead, first_row: int, text: set):
    path, columns = head.path, head.columns
    dtypes = {c: str for c in columns if c in text}
    dtypes[_EXTRA] = str
    try:
        with warnings.catch_warnings():
            # A first row longer than the header: pandas warns, the extra column says it.
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            table = pd.read_csv(
                path, sep=head.delimiter, header=None, names=[*columns, _EXTRA],
                skiprows=first_row - 1, index_col=False, dtype=dtypes, keep_default_na=False,
                na_values=[""], encoding="utf-8-sig", skip_blank_lines=False,
                dtype_backend="numpy_nullable",
            )
    except UnicodeDecodeError:
        raise not_utf8(path) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{path} is not a well-formed CSV file: "
                        f"{_parser_message(exc, len(columns))}") from None
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=columns, index=pd.RangeIndex(0, name="row")), [], list
    table.index = pd.RangeIndex(first_row, first_row + len(table), name="row")
    marks = file_marks(path)
    # A cell holds a line break only where the file has more line ends than pandas made
    # records (the records skipped above the body included): else no cell needs a look.
    if not marks.no_break_in_cells(first_row - 1 + len(table)):
        swallowed = swallowed_rows(table, columns, head.delimiter)
        if swallowed:
            raise DataError(f"{path}: {swallowed}")
    problems = []
    extra = table.pop(_EXTRA)
    if extra.notna().any():
        for row in table.index[extra.notna().to_numpy()]:
            problems.append(_long_row(int(row), len(columns)))
    if marks.zero_byte:
        problems.extend(zero_byte_cells(table))
    blank = _blank_rows(table)
    # two files joined: say it once (attacks4 B4), each of a Qualtrics export's rows (M15)
    more = head.rows[:max(0, first_row - 2)]
    again = header_again(table, columns, more)
    refuse_header_reordered(path, table, columns, again, more)
    problems.extend(Problem(int(row), None, "", HEADER_AGAIN) for row in table.index[again])
    blank = blank | again
    last = table[columns[-1]].isna().to_numpy() & ~blank
    finish = list
    if last.any():
        finish = in_thread(_short_rows, head, first_row, len(table), last)
    if blank.any():
        table = table[~blank]
    return table, problems, finish


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def swallowed_rows(table: pd.DataFrame, columns, delimiter: str) -> str:
    r"""Words for a quoted cell that runs over the rows after it, or "" (attacks5 C2).

    A quote (``"``) typed at the start of a cell opens a quoted cell that ends only at the
    next quote in the file, so the lines between are read as that one cell and the
    responses on them are lost. A cell holding a line break is such a cell when a line of
    it after the first holds at least half the header's separators (whole rows, not a
    note written over two lines).

    Examples
    --------
    >>> table = pd.DataFrame({"id": ["a"], "t": ["pre,3\nb,post,4,5\nc"], "x": ["1"],
    ...                       "y": ["2"], "z": ["3"], "w": ["4"]},
    ...                      index=pd.Index([2], name="row"))
    >>> print(swallowed_rows(table, list(table.columns), ","))  # doctest: +NORMALIZE_WHITESPACE
    row 2, column t: a quote (") opens this cell and is never closed where the cell
    should end, so 3 lines of the file (lines 2 to 4) are read as one cell, with the
    responses on them; remove the stray quote (or close it) and read the file again
    >>> swallowed_rows(table.assign(t=["two\nlines, of, a note"]), list(table.columns), ",")
    ''
    """
    width = len(columns)
    need = max(3, (width - 1) // 2)
    breaks = np.zeros(len(table), dtype=np.int64)  # line breaks inside each row's cells
    found = None
    for col in columns:
        column = table[col]
        if pd.api.types.is_numeric_dtype(column.dtype) or not _may_break(column):
            continue
        text = column.astype("string")
        held = text.str.contains(_LINE_BREAK, regex=True).to_numpy(dtype=bool, na_value=False)
        if not held.any():
            continue
        for pos in np.flatnonzero(held):
            lines = _LINE_BREAK.split(str(text.iloc[pos]))
            breaks[pos] += len(lines) - 1
            if any(line.count(delimiter) >= need for line in lines[1:]):
                if found is None or pos < found[0]:
                    found = (pos, col, len(lines))
    if found is None:
        return ""
    pos, col, n_lines = found
    row = int(table.index[pos])
    line = row + int(breaks[:pos].sum())
    return (f"row {row}, column {col}: a quote (\") opens this cell and is never closed where "
            f"the cell should end, so {n_lines} lines of the file (lines {line} to "
            f"{line + n_lines - 1}) are read as one cell, with the responses on them; remove "
            "the stray quote (or close it) and read the file again")


def _joined_text(column: pd.Series) -> str | None:
    """The column's cells joined into one text (one pass in C), or None if one is not text.

    Missing cells are left out. A text looked for in it (a line break, a name) that is not
    found is in no cell; one found may span two cells, so a find asks for a closer look.
    """
    try:
        return "".join(column.dropna().to_numpy(dtype=object))
    except TypeError:  # a cell that is not text: look at each as its text
        return None


def _may_break(column: pd.Series) -> bool:
    r"""Whether a cell of ``column`` may hold a line break (False: none does, for certain).

    >>> _may_break(pd.Series(["a", None, "b c"], dtype="str"))
    False
    >>> _may_break(pd.Series(["a", "b\rc"], dtype="str")), _may_break(pd.Series([1, "x"]))
    (True, True)
    """
    joined = _joined_text(column)
    return joined is None or "\n" in joined or "\r" in joined


#: What a cell or a column name holding a NUL character has, in a problem's words.
ZERO_BYTE = (r"a zero byte (NUL, \x00), which is not text: the file may be damaged or was "
             "pasted from another program")


@dataclass
class FileMarks:
    r"""What one pass over a file's bytes tells before any cell is looked at.

    Attributes
    ----------
    zero_byte : bool
        The file holds a zero byte somewhere.
    line_ends : int
        Line ends as pandas' reader counts them: ``\r\n``, ``\r`` and ``\n`` one each,
        inside quoted cells too.
    ends_with_line_end : bool
        The last byte is a line end (else the last record has none).
    """

    zero_byte: bool = False
    line_ends: int = 0
    ends_with_line_end: bool = False

    def no_break_in_cells(self, records: int) -> bool:
        """True when no cell can hold a line break: one line end per record, no more.

        ``records``: the records pandas read, rows skipped above the body and blank ones
        included. A line break inside a quoted cell is a line end that ends no record, so
        the file then has more line ends than records; False asks for a look cell by cell.

        >>> FileMarks(line_ends=3, ends_with_line_end=True).no_break_in_cells(3)
        True
        >>> FileMarks(line_ends=4, ends_with_line_end=True).no_break_in_cells(3)
        False
        >>> FileMarks(line_ends=3, ends_with_line_end=False).no_break_in_cells(3)  # one inside
        False
        """
        return self.line_ends == records - (0 if self.ends_with_line_end else 1)


def file_marks(path: Path) -> FileMarks:
    r"""One pass over the file's bytes in chunks: zero bytes and line ends (numpy counts).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     name = Path(folder) / "x.csv"
    ...     _ = name.write_bytes(b'id,note\r\na,"two\nlines"\rb,\x00\r\n')
    ...     file_marks(name)
    FileMarks(zero_byte=True, line_ends=4, ends_with_line_end=True)
    """
    marks, last = FileMarks(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = np.frombuffer(chunk, dtype=np.uint8)
            marks.line_ends += int(np.count_nonzero(data == 10))
            if b"\r" in chunk or last == 13:
                cr = data == 13
                # "\r\n" is one line end: take off each "\n" right after a "\r"
                pairs = np.count_nonzero(cr[:-1] & (data[1:] == 10))
                pairs += int(last == 13 and data[0] == 10)  # a pair cut by the chunk
                marks.line_ends += int(np.count_nonzero(cr)) - int(pairs)
            marks.zero_byte = marks.zero_byte or b"\x00" in chunk
            last = int(data[-1])
    marks.ends_with_line_end = last in (10, 13)
    return marks


def zero_byte_cells(table: pd.DataFrame) -> list:
    r"""One problem per cell holding a zero byte, naming its row and column.

    >>> table = pd.DataFrame({"id": ["a", "b\x00"], "n": [1, 2]},
    ...                      index=pd.Index([2, 3], name="row"))
    >>> [(p.row, p.column) for p in zero_byte_cells(table)]
    [(3, 'id')]
    """
    problems = []
    for col in table.columns:
        column = table[col]
        if pd.api.types.is_numeric_dtype(column.dtype):
            continue
        held = column.astype("string").str.contains("\x00", regex=False)
        for pos in np.flatnonzero(held.to_numpy(dtype=bool, na_value=False)):
            problems.append(Problem(int(table.index[pos]), col, column.iloc[pos],
                                    f"this cell holds {ZERO_BYTE}; remove it"))
    return problems


#: A row whose every cell is its column's name: a second file's header, joined on (B4).
HEADER_AGAIN = ("this row repeats the header row (two files joined into one?): delete it; "
                "it is not read as answers")


def header_again(table: pd.DataFrame, columns, more=()) -> np.ndarray:
    """Rows that repeat the header: each cell empty or its column's name, two names or more.

    ``more``: the file's other header rows (a Qualtrics export's question texts and
    ImportIds, as :attr:`RawHead.rows` holds them): a row repeating one of them is a header
    again too, one problem each (two exports joined with cat: round 11a M15). A byte order
    mark at the start of a row (the second file's own) is not part of its first cell.

    Examples
    --------
    >>> frame = pd.DataFrame({"participant_id": ["a", "participant_id", "Who"],
    ...                       "hope_1": ["3", "hope_1", "Hope"], "notes": [None, None, None]})
    >>> header_again(frame, list(frame.columns)).tolist()
    [False, True, False]
    >>> header_again(frame, list(frame.columns), [["Who", "Hope"]]).tolist()
    [False, True, True]
    """
    columns = list(columns)
    if not len(table) or len(columns) < 2:
        return np.zeros(len(table), dtype=bool)
    out = _same_as(table, columns)
    for cells in more:
        cells = [str(c) for c in cells][:len(columns)]
        out |= _same_as(table, cells + [""] * (len(columns) - len(cells)))
    return out


def refuse_header_reordered(path, table: pd.DataFrame, columns, again=None, more=()) -> None:
    """Refuse a row that is the header again with its columns in another order (round 13c T6, T7).

    Such a row is a second file's header, joined on: the rows under it hold that file's
    answers in its own column order, so reading them under row 1's names would score one
    statement's answers as another's (or take participant ids as timepoints). Its cells are
    each empty or one of the file's column names, two names or more, and it is not the
    header in row 1's order (``again``: those rows, one problem each as before).
    ``more``: the file's other header rows (a Qualtrics export's question texts and
    ImportIds), each a header of its own the same way (round 14c W4).

    Examples
    --------
    >>> frame = pd.DataFrame({"participant_id": ["a", "timepoint", "participant_id"],
    ...                       "timepoint": ["pre", "participant_id", "timepoint"],
    ...                       "hope_1": ["3", "hope_1", "hope_1"]})
    >>> refuse_header_reordered("f.csv", frame.iloc[[0, 2]], list(frame.columns), [False, True])
    >>> try:
    ...     refuse_header_reordered("f.csv", frame, list(frame.columns))
    ... except DataError as exc:
    ...     print(str(exc)[:60])
    f.csv: row 1 is a header row again with its columns in anoth
    """
    if not len(table):
        return
    first = table.iloc[:, 0]
    if pd.api.types.is_numeric_dtype(first.dtype):
        return
    joined = _joined_text(first)
    cells = None
    for header in (columns, *more):
        names = {str(c).lstrip("\ufeff").strip().casefold() for c in header
                 if not _empty_cell(c)}
        if len(names) < 2:
            continue
        if joined is not None:
            folded = joined.casefold()
            if not any(name in folded for name in names):  # no first cell is a name (C passes)
                continue
        if cells is None:
            cells = first.astype("string").str.lstrip("\ufeff").str.strip().str.casefold()
        maybe = np.flatnonzero(cells.isin(names).to_numpy(dtype=bool, na_value=False))
        if again is not None and len(maybe):
            maybe = maybe[~np.asarray(again, dtype=bool)[maybe]]
        _refuse_named_row(path, table, maybe, names)


def _refuse_named_row(path, table: pd.DataFrame, maybe, names: set) -> None:
    """Refuse the first of the rows ``maybe`` whose cells are each empty or in ``names``."""
    for pos in maybe:
        values = [v for v in table.iloc[pos].tolist() if not _empty_cell(v)]
        folded = [str(v).lstrip("\ufeff").strip().casefold() for v in values]
        if len(folded) >= 2 and all(v in names for v in folded):
            row = table.index[pos]
            raise DataError(
                f"{path}: row {row} is a header row again with its columns in another order "
                "(two files joined into one, the second with its own column order?): the rows "
                "under it cannot be read under the first header's columns; read each file on "
                "its own, or put the second file's columns in the first one's order and delete "
                "its header row")


def _empty_cell(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _same_as(table: pd.DataFrame, expected) -> np.ndarray:
    """Rows whose cells are each empty or the ``expected`` text there, two of them or more."""
    out = np.zeros(len(table), dtype=bool)
    name = str(expected[0]).strip()
    if not name:
        return out
    joined = _joined_text(table.iloc[:, 0])
    if joined is not None and name not in joined:  # no first cell is the name (one C pass)
        return out
    first = table.iloc[:, 0].astype("string").str.lstrip("\ufeff").str.strip()
    maybe = np.flatnonzero((first == name).to_numpy(dtype=bool, na_value=False))
    if not len(maybe):
        return out
    part = table.iloc[maybe]
    same = np.ones(len(maybe), dtype=bool)
    names = np.zeros(len(maybe), dtype=np.int64)
    for j, col in enumerate(expected):
        cells = part.iloc[:, j].astype("string").str.strip()
        if j == 0:
            cells = cells.str.lstrip("\ufeff").str.strip()
        want = str(col).strip().casefold()
        equal = (cells.str.casefold() == want).to_numpy(dtype=bool, na_value=False) \
            if want else np.zeros(len(maybe), dtype=bool)
        empty = cells.isna().to_numpy() | (cells == "").to_numpy(dtype=bool, na_value=False)
        same &= equal | empty
        names += equal
    out[maybe] = same & (names >= 2)
    return out


def _blank_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows with no cell at all: only those empty in the first column need a closer look."""
    blank = np.array(table.iloc[:, 0].isna(), dtype=bool)
    maybe = np.flatnonzero(blank)
    if len(maybe) and table.shape[1] > 1:
        blank[maybe] = table.iloc[maybe, 1:].isna().all(axis=1).to_numpy()
    return blank


def _long_row(row: int, width: int) -> Problem:
    return Problem(row, None, "",
                   f"this row has more cells than the header's {width}; a cell holding "
                   f"the separator must be in quotes, or a column has no name in row 1")


def _parser_message(exc: Exception, width: int) -> str:
    text = str(exc).strip().splitlines()[-1].replace("Error tokenizing data. C error: ", "")
    quote = re.search(r"EOF inside string starting at row (\d+)", text)
    if quote:  # pandas counts the file's rows from 0, the header (and rows skipped) included
        row = int(quote.group(1)) + 1
        return (f"row {row} opens a quote (\") that is never closed, so the rest of the file "
                "would be one cell; close the quote or remove it")
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if fields:
        return (f"row {fields.group(2)} has {fields.group(3)} cells, the header {width}; a cell "
                "holding the separator must be in quotes")
    return text


def _short_rows(head: RawHead, first_row: int, n_rows: int, candidates) -> list:
    """Rows with fewer cells than the header (pandas would fill them with blanks).

    The file's bytes are scanned for separators outside quotes, record by record; when the
    scan and pandas disagree about the number of rows, nothing is claimed.
    """
    fields, blank = _fields_per_record(head.path, head.delimiter)
    body = fields[first_row - 1:]
    empty = blank[first_row - 1:]
    if len(body) != n_rows:
        return []
    width = len(head.columns)
    short = candidates & (body < width) & ~empty
    return [
        Problem(int(first_row + pos), None, "",
                f"this row has {int(body[pos])} cells, the header {width}: a cell is missing, "
                "so the answers after it may sit under the wrong columns; add the missing "
                "separator (an empty cell is two separators side by side)")
        for pos in np.flatnonzero(short)
    ]


def _fields_per_record(path: Path, delimiter: str) -> tuple[np.ndarray, np.ndarray]:
    """Cells per CSV record and whether the record is blank, from the file's bytes.

    A separator or line end counts when an even number of quotes comes before it (a doubled
    quote inside a quoted cell adds two, so the count stays right). Read in chunks, so memory
    stays small whatever the file's size.
    """
    sep, parity, pending, last = ord(delimiter), 0, 0, 0
    fields, lengths, carried = [], [], 0
    with path.open("rb") as fh:
        start = len(_BOM) if fh.read(len(_BOM)) == _BOM else 0
        fh.seek(start)
        sample = fh.read(1 << 16)
        newline = 10 if b"\n" in sample or b"\r" not in sample else 13  # old Macs: "\r" only
        fh.seek(start)
        while chunk := fh.read(_CHUNK):
            data = np.frombuffer(chunk, dtype=np.uint8)
            quotes = np.flatnonzero(data == 34) if b'"' in chunk else _NONE
            ends = np.flatnonzero(data == newline)
            if len(quotes) or parity:
                ends = ends[(np.searchsorted(quotes, ends) + parity) % 2 == 0]
            counts = _separators(data, sep, ends, quotes, parity)
            counts[0] += pending
            pending = int(counts[-1])
            fields.append(counts[:-1] + 1)
            starts = np.concatenate([[-1], ends[:-1]]) + 1
            size = ends - starts
            size[:1] += carried
            # "\r\n" endings leave one "\r" on an otherwise blank line.
            before = np.where(ends > 0, data[np.maximum(ends - 1, 0)], last)
            lengths.append(np.where((size == 1) & (before == 13), 0, size))
            carried = (len(data) - ends[-1] - 1) if len(ends) else carried + len(data)
            last = int(data[-1])
            parity = (parity + len(quotes)) % 2
    if carried:  # a last line without a line end
        fields.append(np.array([pending + 1]))
        lengths.append(np.array([carried]))
    if not fields:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    return np.concatenate(fields), np.concatenate(lengths) == 0


def _separators(data, sep: int, ends, quotes, parity: int) -> np.ndarray:
    r"""Separators outside quotes in each record of a chunk (the last one may go on).

    Each record's separators are summed with one ``reduceat`` (a record with its line end,
    then what is left after the last one); those between an opening quote and its closing
    one (or the chunk's end) are summed the same way and taken from their record.

    Examples
    --------
    >>> data = np.frombuffer(b'a,"b,c",d\nx,y\n"p,', dtype=np.uint8)
    >>> _separators(data, 44, np.flatnonzero(data == 10), np.flatnonzero(data == 34), 0)
    array([2, 1, 0])
    >>> data = np.frombuffer(b'q,r",s\nt,u', dtype=np.uint8)  # in a quoted cell at the start
    >>> _separators(data, 44, np.array([6]), np.flatnonzero(data == 34), 1)
    array([1, 1])
    """
    marks = (data == sep).view(np.uint8)
    starts = np.concatenate([[0], ends + 1])
    counts = np.zeros(len(starts), dtype=np.int64)
    inside = starts < len(data)  # after a line end that closes the chunk: nothing
    counts[inside] = np.add.reduceat(marks, starts[inside], dtype=np.int32)  # 3x int64's speed
    bounds = np.concatenate([[0], quotes]) if parity else quotes  # a cell going on from before
    if len(bounds):
        # Quote positions rise, so the spans are [open, close), [close, next open), ...; the
        # only empty one (a cell going on from before, closed at 0) sums marks[0], a quote: 0.
        quoted = np.add.reduceat(marks, bounds, dtype=np.int32)[0::2]
        counts -= np.bincount(np.searchsorted(ends, bounds[0::2]), weights=quoted,
                              minlength=len(counts)).astype(np.int64)
    return counts


def _excel_head(path: Path, sheet) -> RawHead:
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"{path} cannot be read as an Excel workbook: {exc}") from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            chosen = names[0]
        elif str(sheet) in names:
            chosen = str(sheet)
        else:
            raise DataError(f"{path} has no sheet {str(sheet)!r}; its sheets are "
                            + ", ".join(map(repr, names)))
        ws = book[chosen]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        xml = _sheet_xml(book, ws)
        others = [n for n in names if n != chosen and _has_data(book[n])]
    except DataError:
        raise
    except Exception as exc:
        raise DataError(f"{path} cannot be read as an Excel workbook: {exc}") from None
    finally:
        book.close()
    while rows and all(_empty(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        if len(names) > 1:  # attacks5 C22: the answers may be on another sheet
            also = [n for n in names if n != chosen and n in others]
            raise DataError(
                f"{path}: the sheet {chosen!r} is empty"
                + (f"; the workbook also has {', '.join(map(repr, also))}: pass --sheet "
                   f"{also[0] if ' ' not in also[0] else repr(also[0])}" if also else
                   f"; its other sheets are {', '.join(repr(n) for n in names if n != chosen)}"
                   ", also without data"))
        raise DataError(f"{path} is empty")
    title = _title_rows(rows)
    if title:
        raise DataError(f"{path}: {title}")
    if others and all(sum(not _empty(v) for v in r) <= 1 for r in rows):
        raise DataError(f"{path}: {_no_table(chosen, rows, others)}")  # round 8a F9
    width = max(len(r) for r in rows)
    header = [("" if _empty(v) else _excel_text(v)).strip() for v in rows[0]]
    header += [""] * (width - len(header))
    while header and not header[-1] and all(len(r) < len(header) or _empty(r[len(header) - 1])
                                            for r in rows):
        header.pop()
    width = len(header)
    if not any(header):
        raise DataError(f"{path} has no header row")
    grid = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    head = RawHead(path, "xlsx", header, [], [])
    if others:
        head.notes.append(
            f"read the sheet {chosen!r}; the workbook has other sheets with data that were not "
            f"read: {', '.join(map(repr, others))}. To read one, pass --sheet NAME"
        )
    _merged(xml, grid, head)
    head.late = _formulas_without_value(xml, width)
    cells = pd.DataFrame(grid[1:], columns=range(width), dtype=object)
    cells = cells.map(_excel_cell)
    cells.index = pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(cells), name="row")
    head.cells = cells
    head.rows = [["" if _empty(v) else _excel_text(v) for v in r] for r in grid[1:3]]
    return head


def _title_rows(rows) -> str:
    """Words for a title above the header (attacks5 C22), or "".

    A dressed-up export puts a title in row 1 and the column names a row or two lower: row 1
    holding one cell, and a row within the next five holding three or more where the rows
    under it do too, is such a title.

    >>> print(_title_rows([["Spring export"], [None], ["participant_id", "timepoint", "hope_1"],
    ...                    ["a", "pre", 3]]))  # doctest: +NORMALIZE_WHITESPACE
    row 1 holds only 'Spring export', and the column names seem to be on row 3: delete the
    rows above them, so that the column names are in row 1
    >>> _title_rows([["participant_id", "timepoint", "hope_1"], ["a", "pre", 3]])
    ''
    """
    filled = [sum(not _empty(v) for v in r) for r in rows[:8]]
    if not filled or filled[0] != 1 or len(rows) < 3:
        return ""
    for at in range(1, min(6, len(rows) - 1)):
        if filled[at] >= 3 and filled[at + 1] >= 2:
            first = next(_excel_text(v) for v in rows[0] if not _empty(v))
            return (f"row 1 holds only {first[:60]!r}, and the column names seem to "
                    f"be on row {at + 1}: delete the rows above them, so that the column names "
                    "are in row 1")
        if filled[at] > 1:
            return ""
    return ""


def _no_table(chosen: str, rows, others: list) -> str:
    """Words for a sheet of single cells (a title) read while another sheet has data.

    No row holds two cells, so it cannot be a table of responses: the words name the sheets
    with data and the ``--sheet`` that reads the first of them (round 8a, F9).

    >>> print(_no_table("Info", [["Survey export"]], ["Data", "Old data"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    the sheet 'Info' holds only 'Survey export', no table; the workbook also has 'Data',
    'Old data': pass --sheet Data
    """
    cells = [_excel_text(v) for r in rows for v in r if not _empty(v)]
    if len(cells) == 1:
        held = f"only {cells[0][:60]!r}, no table"
    else:
        held = ("no table, only single cells: " + ", ".join(repr(c[:60]) for c in cells[:3])
                + (f" and {len(cells) - 3} more" if len(cells) > 3 else ""))
    name = others[0] if " " not in others[0] else repr(others[0])
    return (f"the sheet {chosen!r} holds {held}; the workbook also has "
            f"{', '.join(map(repr, others))}: pass --sheet {name}")


def _has_data(ws) -> bool:
    for row in ws.iter_rows(max_row=50, values_only=True):
        if any(not _empty(v) for v in row):
            return True
    return False


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _sheet_xml(book, ws) -> str:
    try:
        return book._archive.read(ws._worksheet_path).decode("utf-8", errors="replace")
    except Exception:  # a layout this reader does not know: merged cells are then not filled
        return ""


_MERGE = re.compile(r'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_VALUE = re.compile(r"<v>[^<]")
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.DOTALL)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def _merged(xml: str, grid: list, head: RawHead) -> None:
    """Fill each merged range with its top-left value, as the spreadsheet shows it."""
    ranges = _MERGE.findall(xml)
    filled = []
    for c1, r1, c2, r2 in ranges:
        top, left = int(r1) - 1, _column_index(c1)
        bottom, right = int(r2) - 1, _column_index(c2)
        if top >= len(grid) or left >= len(grid[0]):
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, min(right, len(grid[0]) - 1) + 1):
                grid[r][c] = value
        filled.append(f"{c1}{r1}:{c2}{r2}")
    if filled:
        head.notes.append(
            "merged cells read as the value of their first cell in every cell they cover: "
            + ", ".join(filled)
        )


def _formulas_without_value(xml: str, width: int) -> list:
    if "<f" not in xml:
        return []
    out = []
    for letters, row, inner in _CELL.findall(xml):
        if inner and "<f" in inner and not _VALUE.search(inner):
            col = _column_index(letters)
            if col < width:
                out.append((int(row), col))
    return out


def _excel_cell(value):
    """An xlsx cell as the kit reads it: TRUE/FALSE as text (never the numbers 1/0)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str) and value == "":
        return None
    return value


def _excel_text(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel_body(head: RawHead, first_row: int, text: set) -> tuple[pd.DataFrame, list]:
    cells = head.cells.iloc[first_row - FIRST_DATA_ROW:].copy()
    cells.columns = head.columns
    for col in head.columns:
        if col in text:
            cells[col] = cells[col].map(_excel_text, na_action="ignore")
    blank = cells.isna().all(axis=1).to_numpy()
    # two sheets pasted together (attacks4 B4; a Qualtrics export's header rows: M15)
    more = head.rows[:max(0, first_row - 2)]
    again = header_again(cells, head.columns, more)
    refuse_header_reordered(head.path, cells, head.columns, again, more)
    late = [Problem(int(row), None, "", HEADER_AGAIN) for row in cells.index[again]]
    blank = blank | again
    problems = late + [
        Problem(row, head.columns[col], "",
                f"cell {column_letter(col)}{row} holds a formula with no saved value, so it "
                "would read as unanswered; open the file in a spreadsheet program and save it "
                "again (which computes it), or type the value in")
        for row, col in head.late if row >= first_row
    ]
    return cells[~blank], problems


def read_table(path) -> pd.DataFrame:
    """A whole file as text cells, index = spreadsheet row (for small files: a mapping file)."""
    head = read_head(path)
    table, problems = read_body(head, FIRST_DATA_ROW, head.columns)
    if problems:
        raise DataError(f"{path}: {problems[0]}")
    return table
