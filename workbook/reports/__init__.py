"""Reports that leave the room: a personal report per participant and one for the cohort.

Templates are papermill notebooks in ``notebooks/reports/``; each report becomes one
standalone HTML file (no code, images embedded, nothing loaded from outside), optionally
printed to PDF with a system Chromium. ``workbook report`` is a thin wrapper over
:func:`participant_reports` and :func:`cohort_report`.

Examples
--------
>>> import tempfile
>>> from workbook.reports import participant_reports
>>> run = participant_reports(out=tempfile.mkdtemp(), participant_ids=["SPR-002"], jobs=1)
>>> [o.status for o in run.outcomes], run.index.name
(['made'], 'index.html')
"""

from workbook.reports.batch import (
    ReportRun,
    cohort_report,
    file_names,
    participant_reports,
    read_manifest,
)
from workbook.reports.participant import ParticipantReport, participant_report
from workbook.reports.pdf import find_chromium, print_pdf
from workbook.reports.runner import Outcome

__all__ = [
    "Outcome",
    "ParticipantReport",
    "ReportRun",
    "cohort_report",
    "file_names",
    "find_chromium",
    "participant_report",
    "participant_reports",
    "print_pdf",
    "read_manifest",
]
