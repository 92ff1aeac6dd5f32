"""Step 2 of reading: recognise the layout of a file from its header.

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

The header comes from :mod:`workbook.responses.raw` (step 1); what the columns hold is decided next,
by :mod:`workbook.responses.mapping` (step 3).

Examples
--------
>>> detect_layout(["ID", "Start time", "Completion time", "Email", "Name", "Q1"]).name
'microsoft_forms'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.core import schema
from workbook.core.exceptions import DataError

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
_PUNCT = re.compile(r"[\W_]+")


def normalise_text(text) -> str:
    """Lower-case a text and drop its spacing and punctuation (``"Hope_1 "`` -> ``"hope1"``)."""
    return _PUNCT.sub("", str(text).casefold())


_QUALTRICS_MARKERS = {normalise_text(c) for c in ("ResponseId", "StartDate", "EndDate",
                                                  "RecordedDate", "Finished", "Progress")}
_IMPORT_ID = re.compile(r"""^\s*\{\s*["']importid["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """What the header of a file says about it."""

    name: str
    first_row: int
    columns: tuple
    texts: tuple = ()

    @property
    def long(self) -> bool:
        """True for the long form (``participant_id, item_id, response``, one answer a row)."""
        return schema.ITEM_ID in self.columns and schema.RESPONSE in self.columns


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
