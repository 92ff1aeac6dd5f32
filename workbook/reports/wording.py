"""The reports' own words: headings and framing sentences, kept in one place.

Everything that depends on the instrument (verdict texts, guidance, next steps, ingredient
names) comes from the instrument file; this module only holds the words around it.
"""

from __future__ import annotations

from ..palette import VERDICT_NAMES as _VERDICT_NAMES

PARTICIPANT_TITLE = "Your readiness profile"
COHORT_TITLE = "Cohort report"
INDEX_TITLE = "Readiness Workbook reports"

#: Verdict names for tables and legends: the instrument's one vocabulary (``[words]``),
#: declared with the figures, which use them too. The personal report and the screens take
#: them from the instrument in use (:meth:`workbook.instrument.Instrument.verdict_name`).
VERDICT_NAMES = _VERDICT_NAMES

INTRO = (
    "Informational interviewing means talking with people in a field to learn how it works "
    "and where you might fit. It goes well when you have a little of five ingredients: hope, "
    "time, energy, self-esteem and ambition. A little of each is enough; nobody needs to be "
    "brimming. This page shows where you stood when you last answered."
)

PROFILE = "Where you stand"
PROFILE_NOTE = (
    "Each score runs from 0 to 100. The shaded bands show the levels: not yet, a little, "
    "and plenty. A little is all it takes."
)
VERDICT = "What this means"
PACING = "Your pace"
PACE_STEPS = "One conversation, step by step"
PACE_TOTAL = "In all, for one conversation"
#: Above the profile when some ingredients come from an earlier session than the latest.
CARRIED = "Carried from an earlier session, not answered again since: {parts}."
MOTIVATION = "What pulls you forward"
MOTIVATORS_NONE = "You have not picked what you want from work yet; any mix is fine."
NORTH_STAR_NONE = "No north star written yet. One loose sentence is plenty, and it can change."
CHANGE = "How your scores moved"
CHANGE_INTRO = (
    "You answered more than once. The table compares your first answers ({first}) with your "
    "latest ({last})."
)
#: Under the change table. The size a change needs to be called clear is the coach's to know
#: (the coach's guide, the cohort report): nothing addressed to the coach is in this report.
CHANGE_CLEAR = (
    "A change called clear is larger than answering the same statements twice usually gives "
    "by chance; a smaller move is called a rise or a drop that is not yet clear."
)
#: An ingredient whose first and latest answers were given on two instrument versions that
#: share half its statements or more: its change is taken over those only (the cohort's rule,
#: :func:`workbook.versions.compared_on`); the note under the table names them.
CHANGE_SHARED = "over the {count} of its {total} statements asked both times"
CHANGE_SHARED_NOTE = (
    "{name}: your answers were given on two versions of the questionnaire ({first_version}, "
    "then {last_version}), so its change is taken over the statements asked both times only "
    "({ids})."
)
#: A carried ingredient in the change table: not answered again, so no change to report.
NOT_AGAIN = "not answered again since {date}"
CHANGE_NO_RCI = (
    "Whether a change is larger than the everyday ups and downs of answering cannot be judged "
    "from these answers alone, so only the size of each change is shown."
)
#: A change in plain words (see :func:`workbook.reports.participant.change_words`).
CHANGE_WORDS = {
    2: "a clear rise",
    1: "a rise, not yet clear",
    0: "about the same",
    -1: "a drop, not yet clear",
    -2: "a clear drop",
}
#: Under the change table, once conversations have been held and a session came after the
#: first of them (:meth:`workbook.reports.participant.ParticipantReport.since_talks`).
SINCE_TALKS = "Since your conversations began"
SINCE_TALKS_INTRO = (
    "This table compares your answers of {before}, the last before your conversations began, "
    "with your latest ({last})."
)
#: The same when the first answers are the last before the conversations began.
SINCE_TALKS_SAME = (
    "Your conversations began after your first answers, so the table above shows how your "
    "scores moved since then."
)
REFLECTIONS = "In your own words"

# The conversations section's words are the instrument's [conversations] report_* texts.

COHORT_INTRO = (
    "Where the group stands on the five ingredients of informational interviewing (hope, "
    "time, energy, self-esteem and ambition) and, when people answered before and after, what "
    "changed. Group figures only: no names, ids or written answers appear here."
)
OVERVIEW = "Overview"
OVERVIEW_NOTE = (
    "Scores run from 0 to 100. The mean comes with its 95% confidence interval; the last three "
    "columns show the share of people at each level."
)
VERDICT_MIX = "Verdict mix"
VERDICT_MIX_NOTE = (
    f"{VERDICT_NAMES['ready']}: a little of every ingredient. {VERDICT_NAMES['build_first']}: "
    f"hope, self-esteem or ambition is not there yet. {VERDICT_NAMES['not_now']}: time or "
    "energy is short (or no hours a week to give), a season to rest and come back. "
    f"{VERDICT_NAMES['incomplete']}: an ingredient could not be scored."
)
DISTRIBUTIONS = "How scores spread"
DISTRIBUTIONS_NOTE = (
    "Each box holds the middle half of the scores, the line inside it the median, the "
    "whiskers the rest; the shaded bands are the levels. A group of fewer than ten people "
    "shows its mean as a diamond instead, so that no single score can be read off."
)
BOTTLENECKS = "Each person's lowest ingredient"
BOTTLENECKS_NOTE = (
    "Which ingredient scored lowest for each person, whatever its level: for many it is "
    "still a little or plenty, and a little is enough. It shows where time together might "
    "go, not what anyone lacks."
)
BEFORE_AFTER = "Before and after"
BEFORE_AFTER_NOTE = (
    "Change from before to after the workshop, for the {people} who answered both times."
)
BEFORE_AFTER_HOW = (
    "Change: mean of each person's after minus before, with its 95% confidence interval. "
    "dz: mean change divided by the spread of changes (about 0.2 small, 0.5 medium, 0.8 large). "
    "p: paired t-test and Wilcoxon signed-rank test. Up / same / down: people whose change is "
    "larger than measurement wobble (Reliable Change Index, Jacobson and Truax)."
)
GROUPS = "By {by}"
GROUPS_NOTE = (
    "Mean score per group, the whole cohort first. Groups with fewer than {k} people show "
    "their size only, so no one can be singled out; so does the next smallest group where the "
    "whole minus the others would give a small group away."
)
GROUP_TOO_SMALL = "fewer than {k}: not shown"
GROUP_HIDDEN = "not shown, so that a smaller group cannot be worked out"
#: Said where a table leaves out people who answered once; {left} counts them per time
#: ("2 answers after (post)"), {ingredient} is NOT_SHOWN_INGREDIENT when an ingredient's
#: figures leave out more than the people left out altogether.
NOT_SHOWN = (
    "Left out of {what}: {left}, of people who answered only once (before or after)"
    "{ingredient}, so that, set beside the figures for the people who answered both times, "
    "no one's answers can be singled out."
)
NOT_SHOWN_INGREDIENT = ", or answered an ingredient only once"
NOT_SHOWN_THESE, NOT_SHOWN_GROUPS = "these figures", "the groups' figures"
NOT_SHOWN_WHOLE = "the figures of all groups together"
#: Before NOT_SHOWN under the groups table, whose n is the people its means describe.
GROUPS_N = "The n column counts the people each row describes."
OUTCOME = "Who went on to talk to someone"
OUTCOME_NOTE = (
    "The conversations people held after the workshop, as they said afterwards (or as their "
    "coach's list of conversations shows): how many held at least one, and the median and "
    "total held. Groups with fewer than {k} answers show their size only, so no one can be "
    "singled out."
)
#: The outcome of a coach's clients (no pre/post: each person's latest session is read).
OUTCOME_NOTE_LATEST = (
    "The conversations people have held so far, as each person's latest answers show (or "
    "their coach's list of conversations): how many held at least one, and the median and "
    "total held. Groups with fewer than {k} answers show their size only, so no one can be "
    "singled out."
)
OUTCOME_CHANGE = "Before and after, by whether people went on to talk"
OUTCOME_CHANGE_NOTE = (
    "For the {people} who answered both times: the share whose verdict was {ready} before "
    "and after, and each ingredient's mean change in points, for those who held at least one "
    "conversation and those who held none. It shows who went on to talk, not why: being "
    "ready can open the door, and a first conversation can build readiness in turn."
)
OUTCOME_SPLITS = {
    "all": "Everyone",
    "held_some": "Held one or more",
    "held_none": "Held none yet",
    "not_answered": "Did not say",
}
RELIABILITY = "Appendix: how consistent the questions were"
RELIABILITY_NOTE = (
    "Cronbach's alpha per ingredient, with its 95% confidence interval (Feldt). Around 0.7 or "
    "more means the statements of an ingredient hang together well."
)

FOOTER_PARTICIPANT = (
    "Made with the Readiness Workbook. This report is for {who} alone; it holds no one "
    "else's answers."
)
SCORED_WITH = "Scored with {name}, version {version}."
#: The footer when the report's answers were given on another version than the one scoring
#: them (as the export's instrument_version says): scored as asked (attacks3 A27).
ANSWERED_ON = "Answered on {name}, {versions}; scored as asked, with version {version}."
FOOTER_COHORT = (
    "Made with the Readiness Workbook. This report holds group figures only: no names, "
    "ids or written answers."
)


def join_names(names) -> str:
    """``["time", "energy"]`` -> ``"time and energy"``; three or more get commas."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]

#: The whole cohort is smaller than the smallest group shown: the report holds no figures.
TOO_FEW = (
    "{people} answered, fewer than {k}, so this report shows no figures: with so few people, "
    "any number could point to one of them. The figures appear once {k} or more have answered."
)
