"""The cohort figures drawn on two cores (issue 23).

Drawing and saving the five figures is matplotlib's own Python work (about 1.7 s of one core
at any size, as they are drawn from the tables' statistics), and it comes after every table is
made, with the second core idle. For a large file, a forked copy of the process
(:func:`workbook.core.background.in_fork`) draws the item heatmap and the before/after chart
(about half of it) while this process draws the rest: the same code on the same tables, so the
same PNG bytes. A small file's figures are drawn here: a fork would cost more than it saves.
"""

from __future__ import annotations

import warnings

from workbook.core.background import in_fork

#: From this many rows the figures are drawn on two cores.
FORK_ROWS = 20_000
#: The figures the forked copy draws (about half the drawing: measured at 1M rows).
FORKED = frozenset({"items", "prepost"})


def in_two(draw, rows: int, figures) -> tuple:
    """``draw(only)`` for every figure (``figures``, in order), on two cores when ``rows`` is large.

    ``draw(only)`` gives ``({file name: PNG bytes}, [warnings.WarningMessage])`` for the
    figures named in ``only``. Returns the same for all of them, files in ``figures``' order.
    """
    if rows < FORK_ROWS:
        return draw(None)
    theirs = in_fork(lambda: _portable(draw(FORKED)))
    files, said = draw(frozenset(figures) - FORKED)
    their_files, their_said = theirs()
    files = {**files, **their_files}
    order = [f"{name}.png" for name in figures]
    ordered = {name: files[name] for name in order if name in files}
    return ordered, [*said, *(warnings.WarningMessage(*w) for w in their_said)]


def _portable(result) -> tuple:
    """The figures and their warnings as the pipe carries them (no source objects)."""
    files, said = result
    return files, [(w.message, w.category, w.filename, w.lineno) for w in said]
