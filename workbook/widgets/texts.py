"""The words of the coaching screens: see :mod:`workbook.session_texts` (widget-free)."""

from ..session_texts import TOOL_KINDS, Texts

__all__ = ["TOOL_KINDS", "Texts"]
