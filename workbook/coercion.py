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

from . import schema
from .dates import iso_dates
from .instrument import resolve
from .validation import answer_values, item_columns, timepoint_spellings, to_number


def coerce(data: pd.DataFrame, instrument=None, *, dates=None) -> pd.DataFrame:
    """Return a copy of ``data`` with answers as floats, hours as numbers, dates year first.

    Call :func:`workbook.validate` first if you need to know what is not on the scale.
    """
    inst = resolve(instrument)
    out = data.copy(deep=False)  # copy-on-write: the columns replaced below are new arrays
    for col in item_columns(out, inst):
        if not pd.api.types.is_float_dtype(out[col].dtype):
            # A Series over the new array: setting a bare array would copy it once more.
            out[col] = pd.Series(answer_values(out[col], inst)[0], index=out.index, copy=False)
    if schema.HOURS in out.columns:
        out[schema.HOURS] = to_number(out[schema.HOURS])
    out = spell_timepoints(out)
    if schema.DATE in out.columns and not pd.api.types.is_datetime64_any_dtype(
        out[schema.DATE].dtype
    ):
        iso = iso_dates(out[schema.DATE], dates)
        out[schema.DATE] = iso.where(iso.notna(), out[schema.DATE])  # what is not a date stays
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
