"""``python -m workbook`` runs the command line."""

from workbook.cli import entry

entry()
