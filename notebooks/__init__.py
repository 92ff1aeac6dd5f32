"""The session notebooks and, in ``reports/``, the report templates.

Not code: this file lets the folder ship inside the package as ``workbook.notebooks`` (see
``pyproject.toml``), so an installed kit finds the notebooks with :mod:`importlib.resources`.
"""
