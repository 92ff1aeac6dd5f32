"""Reading any survey export into the canonical response table, one step per module.

In the order data flows (``io.py`` runs them): ``raw`` (bytes -> a text table: encodings,
Excel, the cell-level checks), ``exports`` (which platform made it), ``mapping`` (columns ->
item ids), ``reshape`` (long/wide, one row per person and timepoint), ``coercion``
(answers -> numbers), then ``workbook.core.validation``. ``datasets`` and
``sample_exports`` make the bundled sample.
"""
