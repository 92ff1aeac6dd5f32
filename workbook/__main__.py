"""``python -m workbook`` runs the command line."""

from .cli import entry

entry()
