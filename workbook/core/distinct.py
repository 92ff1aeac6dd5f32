"""Work on each distinct value of a column once, not on every row.

A response file has few distinct values per column (a few answers, timepoints, hours and
dates; at most a few rows per participant id), so reading does its text work (strip, parse,
check) on the distinct values and spreads the result over the rows with one array lookup.
A leaf module, shared by the steps of reading.

Examples
--------
>>> import pandas as pd
>>> codes, uniques = distinct(pd.Series([" a", None, "b", " a"]))
>>> codes.tolist(), uniques.tolist()
([0, -1, 1, 0], [' a', 'b'])
>>> spread(codes, uniques.str.strip().to_numpy(dtype=object), None).tolist()
['a', None, 'b', 'a']
>>> codes, texts = stripped(pd.Series([" a", None, "b", "a "]))
>>> codes.tolist(), list(texts)
([0, -1, 1, 0], ['a', 'b'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def distinct(column) -> tuple[np.ndarray, pd.Series]:
    """The code of each row's value (-1 where missing) and the distinct values, first seen first.

    Values are told apart as a ``dict`` tells its keys apart (``1``, ``1.0`` and ``True`` are
    one value), as ``pd.unique``, ``Series.isin`` and ``Series.map`` do; the distinct values
    keep the column's dtype.
    """
    array = pd.Series(column).array
    found = _by_object(array)
    if found is not None:
        return found
    codes, uniques = pd.factorize(array, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), pd.Series(uniques)


#: Rows looked at to tell whether a text column has few distinct cells.
_SAMPLE = 10_000


def _by_object(array):
    """:func:`distinct` of a long column of few distinct texts, 3-7x faster; else None.

    pandas' CSV reader hands out one object for the same text in a stretch of rows, so the
    column's object references (as integers, which hash fast) take a few thousand distinct
    values where the texts take a few; the texts behind those few are then factorised as
    usual, which merges equal texts held in different objects. The codes and the distinct
    values are those of ``pd.factorize``, in the same order (first seen first). The
    references are only compared, never followed; the column keeps its objects alive.

    Examples
    --------
    >>> texts = np.array(["pre", "post", None, "pre"] * 10_000, dtype=object)
    >>> texts[5] = "".join(["po", "st"])  # the same text in an object of its own
    >>> column = pd.Series(texts, dtype="str")
    >>> codes, uniques = _by_object(column.array)
    >>> expected = pd.factorize(column.array, use_na_sentinel=True)
    >>> bool((codes == expected[0]).all()), uniques.tolist() == list(expected[1])
    (True, True)
    >>> _by_object(pd.Series([f"id{i}" for i in range(40_000)]).array) is None
    True
    """
    if not isinstance(array, pd.arrays.StringArray | pd.arrays.NumpyExtensionArray) \
            or len(array) < 4 * _SAMPLE:
        return None
    objects = np.asarray(array)  # the column's own array of objects, not a copy
    if objects.dtype != object or not objects.flags.c_contiguous:
        return None
    try:
        refs = np.frombuffer(objects, dtype=np.intp)
    except (TypeError, ValueError, BufferError):  # pragma: no cover - numpy refused
        return None
    if len(pd.unique(refs[:_SAMPLE])) > _SAMPLE // 20:  # many distinct cells (ids)
        return None
    by_ref, seen = pd.factorize(refs)
    firsts = np.full(len(seen), len(refs), dtype=np.intp)  # the first row of each reference
    np.minimum.at(firsts, by_ref, np.arange(len(refs)))
    codes, uniques = pd.factorize(array.take(firsts), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp)[by_ref], pd.Series(uniques)


def text_distinct(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of ``column.astype("string")``, the cells as text.

    The distinct texts come as an object array of ``str``. Only a column of text or whole
    numbers is factorised before it is written as text (there, equal values are equal texts);
    any other (``1`` beside ``1.0``, ``True``, ``-0.0``) is written as text row by row first.
    """
    dtype = column.dtype
    api = pd.api.types
    if api.is_object_dtype(dtype) or not (api.is_string_dtype(dtype)
                                          or api.is_integer_dtype(dtype)):
        column = column.astype("string")
    codes, uniques = distinct(column)
    if not api.is_string_dtype(uniques.dtype) or api.is_object_dtype(uniques.dtype):
        uniques = uniques.astype("string")
    return codes, uniques.to_numpy(dtype=object)


def stripped(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of each cell's text with the spaces around it removed (-1 where missing).

    The same as factorising ``column.astype("string").str.strip()``: ``" a"`` and ``"a"``
    share a code. Returns the codes and the distinct stripped texts (an object array of
    ``str``).
    """
    codes, texts = text_distinct(column)
    trimmed = [text.strip() for text in texts]  # faster than .str.strip() by 4x
    if trimmed == texts.tolist():
        return codes, texts  # nothing to strip: the distinct texts stay distinct
    again, merged = pd.factorize(np.array(trimmed, dtype=object), use_na_sentinel=True)
    return spread(codes, np.asarray(again, dtype=np.intp), -1), np.asarray(merged, dtype=object)


def spread(codes: np.ndarray, per_value, missing) -> np.ndarray:
    """``per_value[code]`` for each row; ``missing`` where the code is -1."""
    per_value = np.asarray(per_value)
    if per_value.dtype == object or missing is None:
        kind = object
    else:
        kind = np.result_type(per_value, np.asarray(missing))
    out = np.empty(len(per_value) + 1, dtype=kind)
    out[:-1] = per_value
    out[-1] = missing
    return out[codes]  # code -1 takes the last entry, ``missing``
