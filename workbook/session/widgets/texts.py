"""The words of the coaching screens: see :mod:`workbook.core.session_texts` (widget-free)."""

from workbook.core.session_texts import TOOL_KINDS, Texts

__all__ = ["TOOL_KINDS", "Texts"]
