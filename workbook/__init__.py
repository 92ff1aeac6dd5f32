"""Readiness Workbook: coaching notebooks and analysis for informational interviewing.

The public API is short on purpose::

    import workbook
    data = workbook.load_responses("answers.csv")   # read, check, answers as numbers
    problems = workbook.validate(data)               # every problem: row, column, value
    scores = workbook.score(data)                    # POMP scores, levels, verdict, weakest
    plan = workbook.pacing_plan(3, "a_little")       # conversations a week that fit

Names are imported when first used (PEP 562), so ``import workbook`` and the command line's
``--help`` do not pay for pandas and scipy until a command needs them.
"""

import importlib

from .exceptions import DataError, InstrumentError, InvalidDataError, StoreError, WorkbookError

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_LAZY = {
    "Instrument": "instrument",
    "load_instrument": "instrument",
    "load_responses": "io",
    "read_responses": "io",
    "PacingPlan": "pacing",
    "pacing_plan": "pacing",
    "score": "scoring",
    "Problem": "problems",
    "validate": "validation",
}

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


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbook' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
