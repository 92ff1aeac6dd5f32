"""The reports' own words: headings and framing sentences, from the instrument file.

They are the instrument's ``[words.report]`` table: a coach's own instrument file may reword
any of them, and whatever it leaves out is taken from the kit's own file
(``workbook/instrument.toml``), as the session words are. :func:`words` gives the table of the
instrument in use (:func:`workbook.core.instrument.words_table`, which reads every ``[words.X]``
table); the module's upper-case names are the KIT's words, bound at import, for the callers
that have no instrument. The cohort report's own words are ``[words.cohort_report]``, the
index page's ``[words.index]``.

Examples
--------
>>> words()["participant_title"]
'Your readiness profile'
>>> text(None, "scored_with", name="Five", version="2.1")
'Scored with Five, version 2.1.'
"""

from __future__ import annotations

from workbook.core.instrument import fill, words_table
from workbook.core.palette import VERDICT_NAMES as _VERDICT_NAMES


def words(instrument=None) -> dict:
    """The report's words of ``instrument`` (default: the kit's), the kit's where it has none."""
    return words_table(instrument, "report")


def text(instrument, key: str, **values) -> str:
    """One text of ``[words.report]``, its ``{placeholders}`` filled in."""
    return fill(words(instrument)[key], **values)


def change_words(instrument=None) -> dict:
    """A change in plain words (see :func:`workbook.reports.participant.change_words`)."""
    said = words(instrument)
    return {2: said["change_clear_rise"], 1: said["change_rise"], 0: said["change_same"],
            -1: said["change_drop"], -2: said["change_clear_drop"]}


def outcome_splits(instrument=None) -> dict:
    """The names of the outcome table's rows (the CSVs keep the codes)."""
    said = words(instrument)
    return {code: said[f"outcome_{code}"]
            for code in ("all", "held_some", "held_none", "not_answered")}


#: Verdict names for tables and legends: the instrument's one vocabulary (``[words]``),
#: declared with the figures, which use them too. The personal report and the screens take
#: them from the instrument in use (:meth:`workbook.core.instrument.Instrument.verdict_name`).
VERDICT_NAMES = _VERDICT_NAMES

_KIT = words()
PARTICIPANT_TITLE = _KIT["participant_title"]
COHORT_TITLE = _KIT["cohort_title"]
INDEX_TITLE = _KIT["index_title"]
INTRO = _KIT["intro"]
PROFILE = _KIT["profile"]
PROFILE_NOTE = _KIT["profile_note"]
VERDICT = _KIT["verdict"]
PACING = _KIT["pacing"]
PACE_STEPS = _KIT["pace_steps"]
PACE_TOTAL = _KIT["pace_total"]
#: Above the profile when some ingredients come from an earlier session than the latest.
CARRIED = _KIT["carried"]
MOTIVATION = _KIT["motivation"]
MOTIVATORS_NONE = _KIT["motivators_none"]
NORTH_STAR_NONE = _KIT["north_star_none"]
CHANGE = _KIT["change"]
CHANGE_INTRO = _KIT["change_intro"]
#: Under the change table. The size a change needs to be called clear is the coach's to know
#: (the coach's guide, the cohort report): nothing addressed to the coach is in this report.
CHANGE_CLEAR = _KIT["change_clear"]
#: An ingredient whose first and latest answers were given on two instrument versions that
#: share half its statements or more: its change is taken over those only (the cohort's rule,
#: :func:`workbook.core.versions.compared_on`); the note under the table names them.
CHANGE_SHARED = _KIT["change_shared"]
CHANGE_SHARED_NOTE = _KIT["change_shared_note"]
#: A carried ingredient in the change table: not answered again, so no change to report.
NOT_AGAIN = _KIT["not_again"]
CHANGE_NO_RCI = _KIT["change_no_rci"]
CHANGE_WORDS = change_words()
#: Under the change table, once conversations have been held and a session came after the
#: first of them (:meth:`workbook.reports.participant.ParticipantReport.since_talks`).
SINCE_TALKS = _KIT["since_talks"]
SINCE_TALKS_INTRO = _KIT["since_talks_intro"]
#: The same when the first answers are the last before the conversations began.
SINCE_TALKS_SAME = _KIT["since_talks_same"]
REFLECTIONS = _KIT["reflections"]

# The conversations section's words are the instrument's [conversations] report_* texts.

COHORT_INTRO = _KIT["cohort_intro"]
OVERVIEW = _KIT["overview"]
OVERVIEW_NOTE = _KIT["overview_note"]
VERDICT_MIX = _KIT["verdict_mix"]
VERDICT_MIX_NOTE = fill(_KIT["verdict_mix_note"], **VERDICT_NAMES)
DISTRIBUTIONS = _KIT["distributions"]
DISTRIBUTIONS_NOTE = _KIT["distributions_note"]
BOTTLENECKS = _KIT["bottlenecks"]
BOTTLENECKS_NOTE = _KIT["bottlenecks_note"]
BEFORE_AFTER = _KIT["before_after"]
BEFORE_AFTER_NOTE = _KIT["before_after_note"]
BEFORE_AFTER_HOW = _KIT["before_after_how"]
GROUPS = _KIT["groups"]
GROUPS_NOTE = _KIT["groups_note"]
GROUP_TOO_SMALL = _KIT["group_too_small"]
GROUP_HIDDEN = _KIT["group_hidden"]
#: Said where a table leaves out people who answered once; {left} counts them per time
#: ("2 answers after (post)"), {ingredient} is NOT_SHOWN_INGREDIENT when an ingredient's
#: figures leave out more than the people left out altogether.
NOT_SHOWN = _KIT["not_shown"]
NOT_SHOWN_INGREDIENT = _KIT["not_shown_ingredient"]
NOT_SHOWN_THESE, NOT_SHOWN_GROUPS = _KIT["not_shown_these"], _KIT["not_shown_groups"]
NOT_SHOWN_WHOLE = _KIT["not_shown_whole"]
#: Before NOT_SHOWN under the groups table, whose n is the people its means describe.
GROUPS_N = _KIT["groups_n"]
OUTCOME = _KIT["outcome"]
OUTCOME_NOTE = _KIT["outcome_note"]
#: The outcome of a coach's clients (no pre/post: each person's latest session is read).
OUTCOME_NOTE_LATEST = _KIT["outcome_note_latest"]
OUTCOME_CHANGE = _KIT["outcome_change"]
OUTCOME_CHANGE_NOTE = _KIT["outcome_change_note"]
OUTCOME_SPLITS = outcome_splits()
RELIABILITY = _KIT["reliability"]
RELIABILITY_NOTE = _KIT["reliability_note"]

FOOTER_PARTICIPANT = _KIT["footer_participant"]
SCORED_WITH = _KIT["scored_with"]
#: The footer when the report's answers were given on another version than the one scoring
#: them (as the export's instrument_version says): scored as asked (attacks3 A27).
ANSWERED_ON = _KIT["answered_on"]
FOOTER_COHORT = _KIT["footer_cohort"]
#: The whole cohort is smaller than the smallest group shown: the report holds no figures.
TOO_FEW = _KIT["too_few"]
