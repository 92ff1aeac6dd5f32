"""The words of the cohort overview, its figures and the printed summary (``[words.cohort]``).

Read from the instrument in use; a text its file leaves out is the kit's own
(``workbook/instrument.toml``).
"""

from __future__ import annotations

from .instrument import DEFAULT_PATH, resolve
from .session_texts import _raw


def cohort_words(instrument=None) -> dict:
    """Every text of ``[words.cohort]``: the instrument's own over the kit's.

    Examples
    --------
    >>> cohort_words()["score_axis"]
    'score (0-100)'
    """
    inst = resolve(instrument)
    kit = _raw(str(DEFAULT_PATH)).get("words", {}).get("cohort", {})
    own = _raw(inst.source).get("words", {}).get("cohort", {}) if inst.source else {}
    return {**kit, **(own if isinstance(own, dict) else {})}
