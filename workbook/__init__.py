"""Readiness Workbook: coaching notebooks and analysis for informational interviewing.

The public API is short on purpose::

    import workbook
    data = workbook.load_responses("answers.csv")   # read, check, answers as numbers
    problems = workbook.validate(data)               # every problem: row, column, value
    scores = workbook.score(data)                    # POMP scores, levels, verdict, weakest
    plan = workbook.pacing_plan(3, "a_little")       # conversations a week that fit
"""

from .exceptions import DataError, InstrumentError, InvalidDataError, StoreError, WorkbookError
from .instrument import Instrument, load_instrument
from .io import load_responses, read_responses
from .pacing import PacingPlan, pacing_plan
from .scoring import score
from .validation import Problem, validate

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Instrument",
    "InstrumentError",
    "InvalidDataError",
    "PacingPlan",
    "Problem",
    "StoreError",
    "WorkbookError",
    "load_instrument",
    "load_responses",
    "pacing_plan",
    "read_responses",
    "score",
    "validate",
]
