"""The core: what every job shares, and nothing of any job.

The instrument (``instrument.py``; beneath it ``instrument_file.py``: the kit's file, safe
reading, placeholders; its checks ``instrument_checks.py``; ``versions.py``), the response
schema (``schema.py``, ``validation.py``, ``problems.py``, ``timepoints.py``, ``dates.py``),
scoring (``scoring.py``), pacing and the plan (``pacing.py``, ``advice.py``), the
conversations model (``conversations/``, its cadence in ``conversations/cadence.py``), the
words (``session_texts.py``, ``date_words.py``, ``lists.py``), files and errors
(``files.py``, ``exceptions.py``), colours (``palette.py``, ``theme.py``). Nothing here
imports ``responses``, ``cohort``, ``session``, ``reports`` or ``cli``, and no module of it
imports another in a circle (``tests/test_architecture.py``).
"""
