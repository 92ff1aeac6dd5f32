"""The one exception family of the kit.

Every error the kit raises on purpose is a :class:`WorkbookError`. Its message is written for
a coach: it names the file, row, column or field, and says what to do. The command line prints
the message alone (no traceback) and exits with status 1.
"""

from __future__ import annotations


class WorkbookError(Exception):
    """Base class of every error the kit raises on purpose."""


class InstrumentError(WorkbookError):
    """An instrument file is missing, unreadable or malformed."""


class ConversationError(WorkbookError):
    """A change to the tracker was refused; the message names the field."""


class DataError(WorkbookError):
    """A response file cannot be read at all (empty, wrong format, missing id column...)."""


class InvalidDataError(DataError):
    """A response table has problems; ``problems`` lists every one.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, each naming its row, column and value.
    source : str, optional
        The file the table came from, for the message.
    nothing_left : bool, optional
        True when leaving out the rows with problems would leave no response at all.
    """

    def __init__(self, problems, source=None, *, nothing_left=False):
        self.problems = list(problems)
        self.source = source
        self.nothing_left = nothing_left
        where = f" in {source}" if source else ""
        rows = sorted({p.row for p in self.problems if p.row is not None})
        first = self.problems[0] if self.problems else None
        if nothing_left:
            super().__init__(
                f"every response{where} has a problem ({len(rows)} row(s)), so nothing is left "
                f"once they are left out; first: {first}. Run `workbook validate` to list them all."
            )
            return
        n = len(self.problems)
        msg = f"{n} problem{'' if n == 1 else 's'}{where}"
        header = [p for p in self.problems if p.row is None or p.row < 2]
        body = [r for r in rows if r >= 2]
        if body:
            msg += f" on {len(body)} row{'' if len(body) == 1 else 's'}"
        if first is not None:
            msg += f"; first: {first}"
        if header:
            msg += (". A problem in the header concerns the whole file, so --skip-invalid cannot "
                    "leave it out; `workbook validate` shows how each column was matched.")
        else:
            msg += (". Run `workbook validate` to list them all, "
                    "or pass --skip-invalid to leave those rows out.")
        super().__init__(msg)


class StoreError(WorkbookError):
    """A client's saved answers cannot be read or written."""


class ReportError(WorkbookError):
    """A report could not be produced."""
