"""Group labels as the kit reads them: one spelling per group, no group for an empty label.

The words the kit gives groups (:data:`ALL` for the whole, :data:`MISSING_GROUP` for rows with
no group: :data:`RESERVED_GROUPS`), and :func:`group_spellings`, which reading
(:func:`workbook.load_responses`, a ``cohort`` column) and the cohort's tables both apply to a
grouping column.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from workbook.core import schema
from workbook.core.text import printable
from workbook.core.validation import MISSING_LABELS, row_numbers
from workbook.responses.reshape import unguarded_id

#: The group value of the whole (every group together) in a split table.
ALL = "all"
#: Label of a missing value in a grouping column.
MISSING_GROUP = "(missing)"
#: The names the kit gives the whole cohort (``all`` in the tables, ``Everyone`` where people
#: read) and rows with no group (``(missing)``): no group in the data may be called so.
RESERVED_GROUPS = {ALL: "the whole cohort", "Everyone": "the whole cohort",
                   MISSING_GROUP: "the rows with no group"}


#: The kit's own group names as :func:`group_spellings` compares labels.
_RESERVED = frozenset(name.casefold() for name in RESERVED_GROUPS)


def group_spellings(data: pd.DataFrame, by, *, rows: bool = True) -> tuple[pd.DataFrame, str]:
    """One spelling for each group of ``by``: the data so written, and a note ("" for none).

    Group labels that differ only in capitals, spaces (at either end, or a run of spaces or a
    no-break space inside) or width (compared in Unicode's compatibility form, NFKC, case
    folded: ``Spring ``, ``spring``, ``ｓｐｒｉｎｇ``, ``Team  B`` and ``Team B``) are one
    group, spelled as the file first writes it (spaces around it removed, each run inside
    one ordinary space), as timepoints are (:mod:`workbook.core.timepoints`). ``timepoint``
    is left to reading.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cohort": ["Spring ", "spring", "Fall", "Fall"]})
    >>> spelled, note = group_spellings(frame, "cohort")
    >>> spelled["cohort"].tolist(), note
    (['Spring', 'Spring', 'Fall', 'Fall'], "groups of cohort written more than one way (capitals, \
spaces or width), read as one, spelled as first seen: 'Spring ' -> 'Spring', 'spring' -> 'Spring'")
    """
    said = []
    out = data
    for col in [by] if isinstance(by, str) else list(by or ()):
        if col not in data.columns or col == schema.TIMEPOINT:
            continue
        out, none = _no_group_labels(out, col, rows=rows)
        if none:
            said.append(none)
        out, guarded = _unguarded_labels(out, col)
        if guarded:
            said.append(guarded)
        first, rename = {}, {}
        for value in pd.unique(out[col].dropna()):
            if not isinstance(value, str) or not value.strip():
                continue
            # runs of spaces inside as one ordinary space (T17: "Team  B" is "Team B"),
            # as names and timepoints read them
            text = " ".join(value.split())
            plain = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
            if plain in _RESERVED:  # left as written: check_no_all refuses it by that name
                continue
            one = first.setdefault(plain, text)
            if one != value:
                rename[value] = one
        if not rename:
            continue
        if out is data:
            out = data.copy()
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)
        hit = out[col].isin(list(rename)).to_numpy(dtype=bool)
        out.loc[hit, col] = out.loc[hit, col].map(rename)  # every other value as it was
        shown = [f"'{printable(k)}' -> '{printable(v)}'" for k, v in list(rename.items())[:12]]
        more = f" and {len(rename) - 12} more" if len(rename) > 12 else ""
        said.append(f"groups of {printable(col)} written more than one way (capitals, spaces or "
                    f"width), read as one, spelled as first seen: {', '.join(shown)}{more}")
    return out, "; ".join(said)


def _unguarded_labels(data: pd.DataFrame, col) -> tuple[pd.DataFrame, str]:
    """``data`` with ``col``'s labels read without the kit's formula guard, and a note.

    ``export-clients --cohort +Spring`` writes ``'+Spring`` so that a spreadsheet does not
    run it; the group is ``+Spring`` (as an id so guarded is read back as the id).
    """
    rename = {v: unguarded_id(v) for v in pd.unique(data[col].dropna())
              if isinstance(v, str) and unguarded_id(v) != v}
    taken = set(pd.unique(data[col].dropna()))
    rename = {k: v for k, v in rename.items() if v not in taken}  # never two groups as one
    if not rename:
        return data, ""
    out = data.copy()
    if isinstance(out[col].dtype, pd.CategoricalDtype):
        out[col] = out[col].astype(object)
    hit = out[col].isin(list(rename)).to_numpy(dtype=bool)
    out.loc[hit, col] = out.loc[hit, col].map(rename)
    shown = ", ".join(f"'{printable(k)}' -> '{printable(v)}'" for k, v in rename.items())
    return out, (f"groups of {printable(col)} read without the apostrophe put before them so "
                 f"that a spreadsheet does not run them as formulas: {shown}")


def _no_group_label(value) -> bool:
    """True for a text that names no group: empty, invisible only, or ``NA``-like."""
    if not isinstance(value, str):
        return False
    text = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cf", "Cc")).strip()
    return unicodedata.normalize("NFKC", text).casefold() in MISSING_LABELS


def _no_group_labels(data: pd.DataFrame, col, *,
                     rows: bool = True) -> tuple[pd.DataFrame, str]:
    """``data`` with ``col``'s labels that name no group made missing, and a note ("" none).

    ``rows=False``: the note names no row of the file (a cohort report's, C20 c).

    A label of only spaces or invisible characters (a zero-width space), or a "not answered"
    marker of the data dictionary (``NA``, ``N/A``, ``-``, ``skipped``), is no group: it is
    ``(missing)`` in the tables, as an empty cell is, never a group of its own.
    """
    found = [v for v in pd.unique(data[col].dropna()) if _no_group_label(v)]
    if not found:
        return data, ""
    out = data.copy()
    if isinstance(out[col].dtype, pd.CategoricalDtype):
        out[col] = out[col].astype(object)
    column = data[col]
    numbers = row_numbers(data)
    listed = []
    for value in found[:12]:
        at = numbers[(column == value).to_numpy(dtype=bool)]
        where = ", ".join(str(r) for r in at[:5]) + (" ..." if len(at) > 5 else "")
        listed.append(f"'{printable(value)}'" + (
            f" (row{'s' if len(at) > 1 else ''} {where})" if rows else ""))
    more = f" and {len(found) - 12} more" if len(found) > 12 else ""
    hit = column.isin(found).to_numpy(dtype=bool)
    out.loc[hit, col] = None
    return out, (f"groups of {printable(col)} that name no group (empty, invisible characters "
                 "only, or a \"not answered\" marker such as NA), read as missing, "
                 f"{MISSING_GROUP} in the tables: {', '.join(listed)}{more}")
