"""Safe file writing: atomic replacement, safe names, spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.core.exceptions import WorkbookError

if TYPE_CHECKING:  # pandas is imported where a table is written, not to load this module
    import pandas as pd

#: Leading characters a spreadsheet would run as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def atomic_write(path, data, *, encoding: str = "utf-8") -> Path:
    """Write text or bytes to ``path`` atomically (temporary file in the same folder, then rename).

    A reader sees the old file or the new one, never half of one.
    """
    path = Path(path)
    if path.is_symlink():  # never renamed over: a link to a device, or to a file elsewhere
        raise WorkbookError(f"cannot write to {path}: it is a symbolic link; name a file of "
                            "its own (the kit never replaces a link)")
    if path.is_dir():
        raise WorkbookError(f"cannot write to {path}: it is a folder; name a file")
    if path.exists() and not path.is_file():  # a device, a FIFO, a socket: never replaced
        raise WorkbookError(f"cannot write to {path}: it is not a regular file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        why = why_unwritable(path.parent, exc)
        raise WorkbookError(f"cannot write to {path.parent}: {why}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode(encoding) if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WorkbookError(f"cannot write to {path}: {exc.strerror or exc}") from None
        raise
    return path


#: The files a client's folder in a workspace keeps its record in (store and conversations).
RECORD_NAMES = ("journal.jsonl", "answers.json", "client.json", "conversations.jsonl",
                "conversations.json")
#: The workspace's own files (its lock, the open session, its instrument, the mark of the
#: demo's workspace, :data:`workbook.session.sample_workspace.SAMPLE_MARK`): never an output.
WORKSPACE_NAMES = (".lock", ".current-client", ".instrument.json", ".sample-workspace")
#: The file that marks a client's folder.
CLIENT_MARK = "client.json"


def refuse_record_target(path, option: str = "--out", reads=None) -> Path:
    """Refuse an output a user named that could replace a client's record; return the path.

    ``reads`` maps the name of each file the command reads (``DATA``, ``--instrument``) to
    its path (None when not given): an output that is one of them is refused, so a slip
    never replaces the file being read (attacks4 B16; :func:`refuse_input_target`).

    Refused, before anything is written: a file named as one of the record files
    (:data:`RECORD_NAMES`, in any capitals) or of the workspace's own files
    (:data:`WORKSPACE_NAMES`), and a file or folder that is a client's folder
    of a workspace or inside one (that folder, or one up to three levels above it, holds
    ``client.json``).

    Examples
    --------
    >>> try:
    ...     refuse_record_target("ws/c1/journal.jsonl")
    ... except WorkbookError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    --out ws/c1/journal.jsonl: journal.jsonl is the name of a client's record file...
    """
    path = Path(path).expanduser()
    names = {name.casefold() for name in RECORD_NAMES}
    if path.name.casefold() in names:
        raise WorkbookError(
            f"{option} {path}: {path.name} is the name of a client's record file in a "
            "workspace, and writing it would replace that record; name the file otherwise, "
            "in a folder outside the workspace's client folders")
    if path.name.casefold() in {name.casefold() for name in WORKSPACE_NAMES}:
        raise WorkbookError(  # round 11a M6: an export over it ended the open session
            f"{option} {path}: {path.name} is the name of one of a workspace's own files "
            "(its lock, the session open in the app, the instrument it was started with, "
            "the mark of the demo's workspace), "
            "and writing it would replace that file; name the file otherwise")
    try:
        full = path.resolve()
    except (OSError, RuntimeError):  # a loop of links: nothing to compare, nothing refused
        return path
    for folder in (full, *full.parents[:3]):
        try:
            marked = (folder / CLIENT_MARK).is_file()
        except OSError:
            marked = False
        if marked:
            where = "is" if folder == full else "is inside"
            raise WorkbookError(
                f"{option} {path} {where} the client's folder {folder} (it holds "
                f"{CLIENT_MARK}), where that client's record is kept; nothing is written "
                "there: choose a place outside the workspace's client folders")
    refuse_input_target(path, reads or {}, option)
    return path


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same file when both exist, else the same path."""
    try:
        if one.exists() and other.exists():
            return os.path.samefile(one, other)
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):  # a loop of links: nothing to compare
        return False


def refuse_input_target(path, reads: dict, option: str = "--out") -> None:
    """Refuse an output that is a file the command reads (attacks4 B16), before any writing.

    Examples
    --------
    >>> try:
    ...     refuse_input_target("survey.csv", {"DATA": "./survey.csv"})
    ... except WorkbookError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    --out survey.csv is the file being read (DATA ./survey.csv); name another file: ...
    """
    out = Path(path).expanduser()
    for name, read in reads.items():
        if not isinstance(read, (str, os.PathLike)):  # not given, or not a file's name
            continue
        if same_file(out, Path(read).expanduser()):
            raise WorkbookError(f"{option} {path} is the file being read ({name} {read}); "
                                "name another file: nothing was written")


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem-2.suffix`` (``-3``...) when that name is taken.

    Files set aside (``stale/``) are never written over: a second one of a name gets a number.
    """
    target = Path(folder) / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = Path(folder) / f"{stem}-{n}{suffix}"
    return target


def why_unwritable(folder: Path, exc: OSError) -> str:
    """Why a folder cannot be made, in plain words (a file in the way says which)."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                return f"{part} is a file, not a folder"
            break
    return exc.strerror or str(exc)


def safe_name(text, *, max_length: int = 80) -> str:
    """Make an id safe to use as a file or folder name.

    Letters, digits, ``-`` and ``_`` are kept (accents folded to ASCII); everything else,
    slashes and dots included, becomes ``_``. The result is never empty and never ``.``-led.

    Examples
    --------
    >>> safe_name("../../etc/passwd")
    'etc_passwd'
    >>> safe_name("Zoë Smith")
    'Zoe_Smith'
    """
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", folded).strip("_-")
    name = name[:max_length].strip("_-")
    return name or "unnamed"


def neutralise_formulas(data: pd.DataFrame) -> pd.DataFrame:
    r"""Copy of ``data`` whose text cells cannot run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a
    leading apostrophe, which spreadsheets show as plain text; so does every line inside a
    cell that starts with one of ``= + - @`` or a tab after a line break (a reader that splits
    the cell at its line breaks then meets no formula either). Column names are guarded the
    same way. Numbers are left alone.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"x": ["=1+1", "a\r=HYPERLINK(1)", "ok", 3]})
    >>> neutralise_formulas(table)["x"].tolist()
    ["'=1+1", "a\r'=HYPERLINK(1)", 'ok', 3]
    """
    import pandas as pd

    out = data.copy()
    out.columns = [_guard(c) if isinstance(c, str) else c for c in out.columns]
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        text = series.astype("string")
        risky = (text.str.startswith(FORMULA_PREFIXES)
                 | text.str.contains(_LINE_START_RISK, regex=True)
                 | text.str.contains(_GUARDED_LOOK, regex=True))
        risky = risky.fillna(False).to_numpy(dtype=bool)
        if risky.any():
            series = series.astype(object).copy()
            series[risky] = [_guard(v) for v in text[risky]]
        out[col] = series
    return out


#: A line break inside a cell followed by a character a spreadsheet would run as a formula.
_LINE_START_RISK = r"[\r\n][=+\-@\t]"
#: A text that already looks guarded (``'+1``): it gets one more apostrophe.
_GUARDED_LOOK = r"^'+[=+\-@\t\r]"


def _guard(text: str) -> str:
    """``text`` with an apostrophe before a formula-like start and formula-like line starts."""
    text = re.sub(r"(?<=[\r\n])(?=[=+\-@\t])", "'", text)
    # a text already guarded-looking (``'+1``) gets one more, so reading drops exactly one
    # (:func:`workbook.responses.reshape.unguarded_id`) and ``+1`` and ``'+1`` stay two
    return "'" + text if text.lstrip("'").startswith(FORMULA_PREFIXES) else text


def csv_text(data: pd.DataFrame, *, index: bool = False, guard: bool = True,
             float_format: str | None = None) -> str:
    r"""A table as CSV text: ``\n`` between rows, every field that needs it quoted.

    Fields holding the delimiter, a quote or a line feed are quoted as usual; when any text
    cell (or column name) holds a carriage return, every field is quoted, because Python's
    CSV writer leaves a lone ``\r`` bare and a reader would split the row there. With
    ``guard`` (the default) formula-like text is neutralised first (:func:`neutralise_formulas`).
    Numbers keep full precision unless ``float_format`` (for the terminal) says otherwise.

    Examples
    --------
    >>> import csv, io
    >>> import pandas as pd
    >>> text = csv_text(pd.DataFrame({"note": ["a\r=HYPERLINK(1)", "b"], "n": [1, 2]}))
    >>> list(csv.reader(io.StringIO(text, newline="")))
    [['note', 'n'], ["a\r'=HYPERLINK(1)", '1'], ['b', '2']]
    """
    table = neutralise_formulas(data) if guard else data
    quoting = csv.QUOTE_ALL if _has_carriage_return(table) else csv.QUOTE_MINIMAL
    return table.to_csv(index=index, lineterminator="\n", quoting=quoting,
                        float_format=float_format)


def _has_carriage_return(data: pd.DataFrame) -> bool:
    import pandas as pd

    names = [*map(str, data.columns), *map(str, data.index.names)]
    if any("\r" in name for name in names):
        return True
    frames = [data]
    if not isinstance(data.index, pd.RangeIndex):
        frames.append(data.index.to_frame(index=False))
    for frame in frames:
        for col in range(frame.shape[1]):
            series = frame.iloc[:, col]
            if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(
                    series.dtype):
                continue
            if series.astype("string").str.contains("\r", regex=False).fillna(False).any():
                return True
    return False


def csv_rows_text(header, rows, *, guard: bool = True) -> str:
    r"""Rows of plain values as CSV text, quoted and guarded as :func:`csv_text` does.

    For small tables made without pandas (``workbook items``), so a quick command stays quick.

    Examples
    --------
    >>> print(csv_rows_text(["id", "text"], [("a", "=1+1"), ("b", "x, y")]), end="")
    id,text
    a,'=1+1
    b,"x, y"
    """
    def cell(value):
        return _guard(value) if guard and isinstance(value, str) else value

    table = [[cell(v) for v in header], *[[cell(v) for v in row] for row in rows]]
    risky = any(isinstance(v, str) and "\r" in v for row in table for v in row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if risky else csv.QUOTE_MINIMAL)
    writer.writerows(table)
    return buffer.getvalue()


def write_csv(data: pd.DataFrame, path, *, index: bool = False, guard: bool = True) -> Path:
    """Write a table as UTF-8 CSV, atomically (mode 0600), as :func:`csv_text` gives it."""
    return atomic_write(path, csv_text(data, index=index, guard=guard))
