"""The words of the cohort overview, its figures and the printed summary (``[words.cohort]``).

Read from the instrument in use; a text its file leaves out is the kit's own
(``workbook/instrument.toml``).
"""

from __future__ import annotations

from workbook.core.instrument import words_table


def cohort_words(instrument=None) -> dict:
    """Every text of ``[words.cohort]``: the instrument's own over the kit's.

    Examples
    --------
    >>> cohort_words()["score_axis"]
    'score (0-100)'
    """
    return words_table(instrument, "cohort")
