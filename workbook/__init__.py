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
import importlib.machinery
import sys

from workbook.core.exceptions import (
    DataError,
    InstrumentError,
    InvalidDataError,
    StoreError,
    WorkbookError,
)

__version__ = "0.1.0"

#: Public name -> the module that defines it (or the module and the name there).
_LAZY = {
    # reading, checking, scoring (the core and the reading)
    "Instrument": "core.instrument",
    "load_instrument": "core.instrument",
    "load_responses": "responses.io",
    "read_responses": "responses.io",
    "PacingPlan": "core.pacing",
    "pacing_plan": "core.pacing",
    "score": "core.scoring",
    "Problem": "core.problems",
    "validate": "core.validation",
    "sample_path": "responses.datasets",
    # a coaching session (the notebooks and the app use these)
    "ClientStore": "session.store",
    "Tracker": "session.tracker",
    "chosen_instrument": ("session.instrument_record", "chosen"),
    "requested_client": "session.widgets.app",
    "StartPage": "session.widgets",
    "IngredientSession": "session.widgets",
    "ReadinessProfile": "session.widgets",
    "ConversationsPage": "session.widgets",
    "SessionApp": "session.widgets",
}

#: Public module paths the README shows -> where the code lives (docs/architecture.md).
#: ``from workbook.store import ClientStore`` keeps working: the first import of such a
#: name loads the real module and files it under both names (one module object, so a
#: change made through one name is seen through the other).
PUBLIC_PATHS = {
    "workbook.store": "workbook.session.store",
    "workbook.conversations": "workbook.session.conversations",
    "workbook.conversations.model": "workbook.core.conversations.model",
    "workbook.conversations.words": "workbook.core.conversations.words",
    "workbook.conversations.store": "workbook.session.tracker",
}


class _PublicPaths:
    """Finds the README's public module paths (:data:`PUBLIC_PATHS`) in their new homes."""

    @staticmethod
    def home(fullname):
        """Where ``fullname`` lives (``workbook.store.core`` -> ``workbook.session.store.core``)."""
        if fullname in PUBLIC_PATHS:
            return PUBLIC_PATHS[fullname]
        head, _, tail = fullname.rpartition(".")
        while head:
            if head in PUBLIC_PATHS:
                return f"{PUBLIC_PATHS[head]}.{tail}"
            head, _, rest = head.rpartition(".")
            tail = f"{rest}.{tail}"
        return None

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("workbook.") or self.home(fullname) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return importlib.import_module(self.home(spec.name))

    def exec_module(self, module):
        """The real module ran when it was imported."""


if not any(isinstance(f, _PublicPaths) for f in sys.meta_path):
    sys.meta_path.insert(0, _PublicPaths())  # before the path finder, which would load a copy

__all__ = [
    "ClientStore",
    "ConversationsPage",
    "DataError",
    "IngredientSession",
    "Instrument",
    "InstrumentError",
    "InvalidDataError",
    "PacingPlan",
    "Problem",
    "ReadinessProfile",
    "SessionApp",
    "StartPage",
    "StoreError",
    "Tracker",
    "WorkbookError",
    "chosen_instrument",
    "load_instrument",
    "load_responses",
    "pacing_plan",
    "read_responses",
    "requested_client",
    "sample_path",
    "score",
    "validate",
]


def __getattr__(name):
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'workbook' has no attribute {name!r}")
    module, attribute = where if isinstance(where, tuple) else (where, name)
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
