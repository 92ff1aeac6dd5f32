"""The cohort analysis: a workshop's responses in, tables and figures out.

``analysis`` (:func:`~workbook.cohort.analysis.analyse`: every table at once, and the
README's entry points), then a module per table: ``summary``, ``verdicts`` (the verdict
mix and the bottlenecks), ``prepost`` (before/after and reliable change) with
``across_versions`` (pairs answered on two instrument versions), ``reliability_tables``
(over ``reliability``'s alpha and item-total table), ``outcome`` (who went on to talk).
Shared by them: ``rows`` (responses, pairs, the people each table leaves out), ``groups``
(which columns may group, a person's group, the groups a figure draws), ``stats``,
``suppression`` (the one hiding rule for small groups). ``plots`` and ``words`` (figures and
their words), ``validity`` (the cut-offs against what people then did), ``output_set`` (the
files a run writes). Reads ``workbook.core`` and ``workbook.responses`` only.
"""
