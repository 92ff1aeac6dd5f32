"""The cohort analysis: a workshop's responses in, tables and figures out.

``analysis`` (summary, before/after, groups), ``outcome`` (who went on to talk),
``reliability``, ``stats``, ``suppression`` (the one hiding rule for small groups),
``plots`` and ``words`` (figures and their words), ``validity`` (the cut-offs against what
people then did), ``output_set`` (the files a run writes). Reads ``workbook.core`` and
``workbook.responses`` only.
"""
