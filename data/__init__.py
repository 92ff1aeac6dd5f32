"""The bundled synthetic sample and sample survey exports.

Not code: this file lets the folder ship inside the package as ``workbook.data`` (see
``pyproject.toml``). Only the files named there are packaged; anything else dropped into
``data/`` stays out of the package (and out of git).
"""
