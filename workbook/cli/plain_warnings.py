r"""Warnings on the command line: one plain line each, said once.

A warning the kit gives (a :class:`~workbook.session.store.StoreWarning`: a record repaired, a cut
last line set aside) or one a library gives while a command runs is shown by Python with the
source file and line of code that raised it, which means nothing to a coach. The command
installs :func:`plain_warnings` instead: each warning is one line on standard error,
``workbook: warning: <message>``, its control characters escaped, and a message said once
already in this command is not said again (a read-only workspace is rebuilt on every read).

Examples
--------
>>> import io, warnings
>>> err = io.StringIO()
>>> show = plain_warnings(err)
>>> show("a.jsonl was changed\x1b[2J", UserWarning, "/kit/store.py", 12)
>>> show("a.jsonl was changed\x1b[2J", UserWarning, "/kit/store.py", 99)
>>> print(err.getvalue(), end="")
workbook: warning: a.jsonl was changed\x1b[2J
"""

from __future__ import annotations

import sys

from workbook.core.text import printable

__all__ = ["plain_warnings"]


def plain_warnings(stream=None):
    """A ``warnings.showwarning`` that writes each distinct message once, as one plain line.

    Parameters
    ----------
    stream : file, optional
        Where to write (standard error, looked up at each warning, by default).
    """
    said = set()

    def show(message, category, filename, lineno, file=None, line=None):
        text = " ".join(str(message).split())
        if not text or text in said:
            return
        said.add(text)
        out = stream or file or sys.stderr
        try:
            out.write(f"workbook: warning: {printable(text)}\n")
        except (OSError, ValueError):  # a closed or broken stream: nothing to tell
            pass

    return show
