"""The core: what every job shares, and nothing of any job.

The instrument (``instrument.py`` and its checks, ``versions.py``), the response schema
(``schema.py``, ``validation.py``, ``problems.py``, ``timepoints.py``, ``dates.py``),
scoring (``scoring.py``), pacing and the plan (``pacing.py``, ``advice.py``), the
conversations model (``conversations/``), the words (``session_texts.py``,
``date_words.py``), files and errors (``files.py``, ``exceptions.py``), colours
(``palette.py``, ``theme.py``). Nothing here imports ``responses``, ``cohort``,
``session``, ``reports`` or ``cli`` (``tests/test_architecture.py``).
"""
