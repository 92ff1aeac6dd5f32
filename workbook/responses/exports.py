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
from collections.abc import Callable
from dataclasses import dataclass, field

from workbook.core import schema
from workbook.core.exceptions import DataError

CANONICAL = "canonical"
QUALTRICS = "qualtrics"
GOOGLE_FORMS = "google_forms"
MICROSOFT_FORMS = "microsoft_forms"

QUALTRICS_FINISHED = "Finished"
QUALTRICS_PROGRESS = "Progress"
#: Qualtrics' response type: a preview, a test run or spam is not a participant's (14c W3).
QUALTRICS_STATUS = "Status"
_PUNCT = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ExportFormat:
    """One survey tool's export: how its header looks and which columns are its own.

    Attributes
    ----------
    name : str
        The layout's name (``data.attrs["export"]``; shown in the match report).
    recognise : callable
        ``recognise(keys)`` -> bool, given the header's names with case, spacing and
        punctuation dropped (:func:`normalise_text`: ``"Start time"`` -> ``"starttime"``).
    metadata : tuple of str
        The tool's own columns: never matched to items and left out of the table (some hold
        personal data such as e-mail or IP addresses).
    list_separator : str, optional
        How the tool joins the choices of a multi-select answer.
    columns : dict
        The tool's name for one of the kit's columns -> the kit's name (``"Respondent"`` ->
        ``"participant_id"``). A mapping file still wins over these.
    """

    name: str
    recognise: Callable[[list[str]], bool]
    metadata: tuple = ()
    list_separator: str | None = None
    columns: dict = field(default_factory=dict)


#: The formats told apart by their header alone, tried in this order (a new format is one
#: more record here). Qualtrics (three header rows) and the kit's own table come after them.
FORMATS = [
    ExportFormat(
        GOOGLE_FORMS,
        recognise=lambda keys: bool(keys) and keys[0] == "timestamp",
        metadata=("Timestamp", "Email Address", "Email address", "Score"),
        list_separator=",",
    ),
    ExportFormat(
        MICROSOFT_FORMS,
        recognise=lambda keys: tuple(keys[:3]) == ("id", "starttime", "completiontime"),
        metadata=("ID", "Start time", "Completion time", "Email", "Name",
                  "Last modified time", "Total points", "Quiz feedback"),
        list_separator=";",
    ),
]
#: Qualtrics' own columns (its three header rows are recognised in :func:`detect_layout`).
QUALTRICS_FORMAT = ExportFormat(
    QUALTRICS,
    recognise=lambda keys: len(_QUALTRICS_MARKERS.intersection(keys)) >= 2,
    metadata=(
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
        "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
        "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage",
    ),
)
CANONICAL_FORMAT = ExportFormat(CANONICAL, recognise=lambda keys: True)


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (the kit's own table for a name it does not know)."""
    for known in (*FORMATS, QUALTRICS_FORMAT):
        if known.name == name:
            return known
    return CANONICAL_FORMAT


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
    def format(self) -> ExportFormat:
        """The export format this layout is (its own columns, separator, names)."""
        return export_format(self.name)

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
    for known in FORMATS:
        if known.recognise(keys):
            return Layout(known.name, 2, columns)
    second = [normalise_text(v) for v in rows[0]] if rows else []
    legacy = "responseid" in second or "responseset" in keys or "responseset" in second
    if QUALTRICS_FORMAT.recognise(keys) or legacy:
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
