"""Safe file writing: atomic replacement, safe names, spreadsheet-safe cells."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from .exceptions import WorkbookError

#: Leading characters a spreadsheet would run as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def atomic_write(path, data, *, encoding: str = "utf-8") -> Path:
    """Write text or bytes to ``path`` atomically (temporary file in the same folder, then rename).

    A reader sees the old file or the new one, never half of one.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkbookError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode(encoding) if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WorkbookError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path


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
    """Copy of ``data`` whose text cells cannot run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a
    leading apostrophe, which spreadsheets show as plain text. Numbers are left alone.
    """
    out = data.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        text = series.astype("string")
        risky = text.str.startswith(FORMULA_PREFIXES).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            series = series.astype(object).copy()
            series[risky] = "'" + text[risky]
        out[col] = series
    return out


def write_csv(data: pd.DataFrame, path, *, index: bool = False) -> Path:
    """Write a table as UTF-8 CSV, atomically, with formula-like cells neutralised."""
    text = neutralise_formulas(data).to_csv(index=index, lineterminator="\n")
    return atomic_write(path, text)
