"""A number a person types or a file gives, read as Python reads it but for its underscores.

Python's ``float`` and ``int`` take "1_0" as 10 and "0_4" as 4 (digit grouping in code). Typed
in a box or written in a cell, an underscore is a slip ("1_5" for 1.5), not a grouping, so it
is refused like an exponent ("1e1") is, never read as another number (round 12b Q2).
"""

from __future__ import annotations

#: Why a number with an underscore is not read (the words a refusal adds).
UNDERSCORE = "a number is written without an underscore"


def plain_number(value) -> float:
    """``float(value)``, but a text holding an underscore is no number.

    Raises
    ------
    ValueError
        If ``value`` is not a number as ``float`` reads it, or holds an underscore.

    Examples
    --------
    >>> plain_number(" 1.5 "), plain_number(3)
    (1.5, 3.0)
    >>> plain_number("1_5")
    Traceback (most recent call last):
    ...
    ValueError: '1_5': a number is written without an underscore
    """
    if isinstance(value, str) and "_" in value:
        raise ValueError(f"{value!r}: {UNDERSCORE}")
    return float(value)


def has_underscore_number(value) -> bool:
    """Whether ``value`` is a text that would be a number but for its underscores.

    >>> has_underscore_number("0_4"), has_underscore_number("4"), has_underscore_number("a_b")
    (True, False, False)
    """
    if not isinstance(value, str) or "_" not in value:
        return False
    try:
        float(value.strip())
    except ValueError:
        return False
    return True
