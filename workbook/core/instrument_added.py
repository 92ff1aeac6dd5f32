"""The keys the kit added to a table of words after the table first came out.

A coach's copy of the instrument file (``workbook init``) made before such a key was added
lacks it: the copy still loads, the kit's own words are used for the key, and one warning
names the file, the table and the keys (add them to the copy to change their words). Any
other key of the kit's tables that a copy lacks was deleted by hand: it is refused at load,
naming the table and key (issue 22, attacks5 C21).

A key added to a ``[words.X]`` or ``[session...]`` table of ``workbook/instrument.toml``
goes here with the date (and commit) it came in; ``tests/test_words7c_added_keys.py`` fails
for a key of the kit's file that is neither in its frozen list of keys
(``tests/data/words_keys_baseline.json``) nor here. A whole new table needs no entry: a copy
that leaves a table out has the kit's own.

Examples
--------
>>> is_added("words.report", "lang"), is_added("words.report", "heading")
(True, False)
"""

from __future__ import annotations

#: "table.key" -> when the kit added it (date and commit), for people reading the list.
ADDED = {
    "session.coach_note_label": "2026-11-28 (abb498a)",
    "session.coach_note_placeholder": "2026-11-28 (abb498a)",
    "session.share_hint": "2026-11-28 (abb498a)",
    "session.share_label": "2026-11-28 (abb498a)",
    "session.profile.review_heading": "2026-12-07 (070a23c)",
    "session.profile.review_text": "2026-12-07 (070a23c)",
    "session.app.kit_file": "2026-12-07 (abdb200)",
    "words.report.lang": "2026-12-07 (0feae77)",
    "words.cohort.outcome_versions": "2026-12-07 (issue 22: outcome across versions)",
    "words.cohort.outcome_versions_used": "2026-12-07 (issue 22: outcome across versions)",
    "words.cohort.outcome_versions_none": "2026-12-07 (issue 22: outcome across versions)",
    "words.cohort.prepost_shared": "2026-12-07 (issue 22: outcome across versions)",
    "words.validity.summary_line": "2026-12-07 (issue 22: validity read by a workshop lead)",
    "words.cohort.cli_no_answers": "2026-12-07 (issue 20: attacks5 C22 e)",
    "words.cohort.cli_pairs_no_answers": "2026-12-07 (issue 20: attacks5 C22 e)",
    "session.app.name_refused": "2026-12-07 (issue 20: round 8 G5)",
    "words.cohort.cli_outcome_read": "2026-12-07 (issue 20: round 10b L8)",
    "words.cohort.cli_outcome_hidden_people": "2026-12-07 (issue 20: round 13c T21)",
    "words.validity.too_few_hidden": "2026-12-07 (issue 20: round 9a H4)",
    "words.validity.left_out": "2026-12-07 (issue 20: round 9a H4)",
    "words.validity.unscored_paired_one": "2026-12-07 (issue 20: round 12a P8)",
    "words.validity.unscored_paired_many": "2026-12-07 (issue 20: round 12a P8)",
    "words.validity.verdict_away": "2026-12-07 (issue 20: round 13c T4)",
    "words.validity.left_out_paired": "2026-12-07 (issue 20: round 13c T2)",
    "words.validity.left_out_day": "2026-12-07 (issue 20: round 13c T1)",
    "words.validity.no_answers_one": "2026-12-07 (issue 20: round 14c W9)",
    "words.validity.no_answers_many": "2026-12-07 (issue 20: round 14c W9)",
    "words.validity.reading_later": "2026-12-07 (issue 20: round 13c T20)",
    "words.validity.reading_pre_later": "2026-12-07 (issue 20: round 14c W12)",
    "words.validity.same_time_none": "2026-12-07 (issue 20: round 13c T13)",
    "words.validity.counts_at": "2026-12-07 (issue 20: round 13c T20)",
}


def is_added(table: str, key: str) -> bool:
    """Whether ``key`` of ``table`` (``"words.report"``) came after the table's first release."""
    return f"{table}.{key}" in ADDED
