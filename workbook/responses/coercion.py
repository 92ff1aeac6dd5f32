"""Step 6 of reading, the last: a checked table's values as the kit computes with them.

Answer labels ("Agree") and numbers become floats on the instrument's scale ("not answered"
markers and anything off the scale become NaN: :func:`workbook.validate` lists the latter),
hours become numbers, timepoints are spelled ``pre``/``post``, and dates are written year
first (``2026-03-04``), read in the order ``dates`` gives for an ambiguous one.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"participant_id": ["a"], "hope_1": ["strongly agree"],
...                       "date": ["25/03/2026"]})
>>> out = coerce(table)
>>> float(out["hope_1"].iloc[0]), out["date"].iloc[0]
(5.0, '2026-03-25')
"""

from __future__ import annotations

import pandas as pd

from workbook.core import schema
from workbook.core.dates import iso_dates
from workbook.core.instrument import resolve
from workbook.core.validation import (
    answer_values,
    conversation_counts,
    item_columns,
    timepoint_spellings,
    to_number,
)

#: A key of ``coerce(known=...)``: the timepoints are spelled ``pre``/``post`` already.
SPELLED = "\x00timepoints spelled"


def coerce(data: pd.DataFrame, instrument=None, *, dates=None, known=None) -> pd.DataFrame:
    """Return a copy of ``data`` with answers as floats, hours as numbers, dates year first.

    Conversations held become whole numbers (``Int64``, missing where not answered).

    Call :func:`workbook.validate` first if you need to know what is not on the scale.

    Parameters
    ----------
    known : dict, optional
        Columns already converted, as :func:`workbook.core.validation.checked` returns them (arrays
        aligned with ``data``'s rows); they are used as they are. With the key
        :data:`SPELLED`, the timepoints are taken as spelled already.
    """
    inst = resolve(instrument)
    known = known or {}
    out = data.copy(deep=False)  # copy-on-write: the columns replaced below are new arrays

    def put(col, values, dtype=None):
        # A Series over the array: setting a bare array would copy it once more.
        out[col] = pd.Series(values, index=out.index, dtype=dtype, copy=False)

    dtypes = out.dtypes  # once: each out[col] makes a Series
    for col in item_columns(out, inst):
        if not pd.api.types.is_float_dtype(dtypes[col]):
            put(col, known[col] if col in known else answer_values(out[col], inst)[0])
    if schema.HOURS in known:
        put(schema.HOURS, known[schema.HOURS])
    elif schema.HOURS in out.columns:
        out[schema.HOURS] = to_number(out[schema.HOURS])
    if schema.CONVERSATIONS_HELD in out.columns:  # whole numbers, NA where not answered
        held = known.get(schema.CONVERSATIONS_HELD)
        if held is None:
            held = conversation_counts(out[schema.CONVERSATIONS_HELD])[0]
        put(schema.CONVERSATIONS_HELD, held, "Int64")
    if SPELLED not in known:
        out = spell_timepoints(out)
    if schema.DATE in out.columns and not pd.api.types.is_datetime64_any_dtype(
        out[schema.DATE].dtype
    ):
        if schema.DATE in known:
            iso = pd.Series(known[schema.DATE], index=out.index, dtype=object)
        else:
            iso = iso_dates(out[schema.DATE], dates)
        read = iso.notna()
        # what is not a date stays as it was
        out[schema.DATE] = iso if read.all() else iso.where(read, out[schema.DATE])
    return out


def spell_timepoints(data: pd.DataFrame) -> pd.DataFrame:
    """``Pre``, `` POST `` and the like written ``pre``/``post`` (a copy when any changes)."""
    if schema.TIMEPOINT not in data.columns:
        return data
    rename = timepoint_spellings(data[schema.TIMEPOINT])
    if not rename:
        return data
    data = data.copy()
    data[schema.TIMEPOINT] = data[schema.TIMEPOINT].replace(rename)
    return data
