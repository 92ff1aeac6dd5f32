"""One participant's report: their rows only, and the sections the template displays.

:func:`participant_report` loads a response file (or one client of a coach's workspace),
keeps the rows of one participant and drops the rest before returning, so nothing of anyone
else reaches the notebook's namespace. Each section method returns a :class:`Section` (HTML
whose every piece of participant text went through :func:`html.escape`) or ``None`` when
there is nothing to show.

Examples
--------
>>> from workbook.reports.participant import participant_report
>>> report = participant_report(participant_id="SPR-002")
>>> report.participant_id, len(report.rows)
('SPR-002', 2)
>>> "SPR-002" in report.header().html
True
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field

import pandas as pd

from workbook.core import advice, schema, timepoints
from workbook.core.exceptions import ReportError
from workbook.core.instrument import Instrument, fill, resolve
from workbook.core.markup import svg_figure_html
from workbook.core.palette import level_words
from workbook.core.plan_html import pace_html, start_html
from workbook.core.profile_chart import profile_alt, profile_svg
from workbook.core.scoring import score
from workbook.reports import wording
from workbook.reports.html import escape as e
from workbook.reports.page import Section


def level_badge(level, instrument=None, *, said: str = "") -> str:
    """A small coloured label for a level (``not yet``, ``a little``, ``plenty``).

    ``said``: words the plan says in place of the level (time with 0 hours: "no hours now",
    :attr:`workbook.core.advice.Plan.said_level`), shown in the colour of "not yet".
    """
    if said:
        return f'<span class="level {e(schema.NOT_YET)}">{e(said)}</span>'
    if level is None or pd.isna(level):
        return f'<span class="level none">{e(wording.words(instrument)["not_scored"])}</span>'
    return f'<span class="level {e(level)}">{e(resolve(instrument).level_name(level))}</span>'


@dataclass
class ParticipantReport:
    """Everything one participant's report shows, and nothing about anyone else.

    Attributes
    ----------
    participant_id : str
    rows : DataFrame
        This participant's responses, oldest first (from a workspace: the picture after each
        session, by the session rule of :mod:`workbook.session.store.picture`).
    scores : DataFrame
        :func:`workbook.score` of ``rows``.
    instrument : Instrument
    reliable_change : dict or None
        Ingredient -> the smallest change in points that counts as clear.
    shared : list of Shared
        What the client chose to put in their report
        (:func:`workbook.session.sharing.shared_answers`); nothing else they wrote appears.
    carried : dict
        Ingredient -> the earlier session date its answers come from (workspace only).
    step_minutes : dict
        The client's own minutes per step of a conversation (a workspace, or an export's
        ``minutes_*`` columns).
    chosen_per_week : float or None
        The pace the client chose (a workspace, or an export's ``chosen_per_week``).
    from_workspace : bool
        True when the answers come from a coach's workspace: exercise answers then appear only
        when the client chose to share them.
    conversations : Book or None
        The client's conversations list, only when they chose to put it in their report
        (workspace only; :func:`workbook.reports.inputs.shared_conversations`).
    today : date, optional
        The day the report speaks of (what is overdue, planned so far); default today.
    progress : Book or None
        How far the client's conversations have got (step dates only, no names:
        :func:`workbook.reports.inputs.progress_only`), for the plan's "first" or "next"
        conversation; shown nowhere (workspace only).
    look_again : date or None
        The day a client whose plan is quiet chose to look again (workspace only).
    """

    participant_id: str
    rows: pd.DataFrame
    scores: pd.DataFrame
    instrument: Instrument
    reliable_change: dict | None = None
    shared: list = field(default_factory=list)
    carried: dict = field(default_factory=dict)
    step_minutes: dict = field(default_factory=dict)
    chosen_per_week: float | None = None
    from_workspace: bool = False
    conversations: object = None
    today: dt.date | None = None
    progress: object = None
    look_again: dt.date | None = None

    @property
    def latest(self) -> pd.Series:
        """Scores of the latest response."""
        return self.scores.iloc[-1]

    @property
    def latest_row(self) -> pd.Series:
        """The latest response itself."""
        return self.rows.iloc[-1]

    @property
    def clear_change(self) -> float | None:
        """Points a change must reach to be called clear: one figure for every ingredient.

        The largest of the ingredients' reliable-change points (the group's, or, without a
        group, ``1.96 * sqrt(2) * sem`` from the instrument), rounded up to a whole point, so
        that the same move is never called clear for one ingredient and not for another.
        """
        points = dict(self.reliable_change or {})
        if not points:
            points = {ing.id: 1.96 * math.sqrt(2) * ing.sem for ing in self.instrument.ingredients
                      if ing.sem}
        values = [float(v) for v in points.values() if v and pd.notna(v)]
        return float(math.ceil(max(values))) if values else None

    @functools.cached_property
    def plan(self) -> advice.Plan:
        """The one plan (:func:`workbook.core.advice.plan_for`) of the latest answers."""
        book = self.progress if self.progress is not None else self.conversations
        row = {**self.latest_row.to_dict(), advice.LOOK_AGAIN: self.look_again}
        return advice.plan_for(row, self.instrument, scores=self.latest,
                               step_minutes=self.step_minutes,
                               chosen_per_week=self.chosen_per_week, book=book,
                               today=self.today)

    @functools.cached_property
    def words(self) -> dict:
        """The report's own words: the instrument's ``[words.report]`` (:mod:`.wording`)."""
        return wording.words(self.instrument)

    def said(self, key: str, **values) -> str:
        """One of the report's own words, its ``{placeholders}`` filled in."""
        return fill(self.words[key], **values)

    @property
    def title(self) -> str:
        """Page title."""
        return f"{self.said('participant_title')}: {self.participant_id}"

    def _value(self, column):
        value = self.latest_row.get(column) if column in self.rows.columns else None
        return None if value is None or pd.isna(value) or str(value).strip() == "" else value

    # -- sections ------------------------------------------------------------------------
    def header(self) -> Section:
        """Title, who and when, and a short explanation of the five ingredients."""
        when = self._value(schema.DATE)
        said = self.said
        bits = [e(said("answers_of", when=when)) if when else e(said("latest_answers"))]
        cohort = self._value(schema.COHORT)
        if cohort:
            bits.append(e(said("group", cohort=cohort)))
        bits.append(e(said("report_made", date=dt.date.today().isoformat())))
        carried = ""
        if self.carried:
            parts = [said("carried_part", name=self.instrument.ingredient(i).name, day=day)
                     for i, day in sorted(self.carried.items(), key=lambda x: x[1])
                     if i in self.instrument.ingredient_ids]
            joined = self.words["carried_join"].join(parts)
            carried = f'<p class="meta">{e(said("carried", parts=joined))}</p>'
        html = (
            f'<header><p class="eyebrow">{e(said("participant_title"))}</p>'
            f"<h1>{e(self.participant_id)}</h1>"
            f'<p class="meta">{" &middot; ".join(bits)}</p>{carried}</header>'
            f'<p class="lede">{e(said("intro"))}</p>'
        )
        return Section(html, "header")

    def profile(self) -> Section:
        """The profile chart with level bands, and each score with its level and guidance."""
        inst, latest, plan = self.instrument, self.latest, self.plan
        alt = profile_alt(latest, inst, plan.said_level)
        rows = []
        for ing in inst.ingredients:
            level = latest[schema.level_column(ing.id)]
            guidance = plan.notes.get(ing.id) or (
                ing.guidance.get(level, "") if isinstance(level, str)
                else self.said("too_few_answers")
            )
            said = plan.said_level.get(ing.id, "")
            # Words said in place of the level (0 hours: "no hours now") replace the score
            # too: "100" beside "no hours now" reads as plenty, as the chart's bar did.
            points = "\u2013" if said else _points(latest[ing.id])
            rows.append(
                f"<tr><td>{e(ing.name)}</td><td class='num'>{points}</td>"
                f"<td>{level_badge(level, inst, said=said)}</td><td>{e(guidance)}</td></tr>"
            )
        # An answer pattern hedges the verdict: said here too, before the scores.
        note = f'<p class="note">{e(plan.hedge_text)}</p>' if plan.hedged else ""
        html = (
            f"<h2>{e(self.said('profile'))}</h2>{note}"
            + svg_figure_html(profile_svg(latest, inst, labels=plan.said_level), alt=alt,
                              caption=level_words(self.said("profile_note"), inst))
            + f"<table><thead><tr><th>{e(self.said('column_ingredient'))}</th>"
            f"<th class='num'>{e(self.said('column_score'))}</th>"
            f"<th>{e(self.said('column_level'))}</th>"
            f"<th>{e(self.said('column_meaning'))}</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>"
        )
        return Section(html, "profile")

    def verdict(self) -> Section:
        """The verdict, by its one name, in the instrument's plain words."""
        plan = self.plan
        html = (
            f"<h2>{e(self.said('verdict'))}</h2>"
            f'<div class="card verdict {e(plan.verdict)}"><h3>{e(plan.verdict_name)}'
            f"</h3><p>{e(plan.verdict_text)}</p></div>"
        )
        return Section(html, "verdict")

    def next_steps(self) -> Section | None:
        """Where to start, as the plan says: it follows the verdict and nothing else."""
        return Section(start_html(self.plan.start), "next_steps")

    def pacing(self) -> Section:
        """The pace: how often a conversation fits, and what one conversation takes.

        Followed by the client's conversations (:meth:`conversations_section`) when they chose
        to put them in their report.
        """
        shared = self.conversations_section()
        return Section(f"<h2>{e(self.said('pacing'))}</h2>" + pace_html(self.plan)
                       + (shared.html if shared else ""), "pacing")

    def conversations_section(self) -> Section | None:
        """Conversations held, listed and planned, and the next follow-ups, when shared.

        None unless the client ticked "Put my conversations in my report". Contacts' names
        (and where they work) appear only when the client ticked that too; otherwise each is
        "one of your contacts".
        """
        if self.conversations is None or not self.conversations.share_report:
            return None
        from workbook.reports.conversations import conversations_html

        return Section(conversations_html(self.conversations, self.plan, self.instrument,
                                          today=self.today or dt.date.today()),
                       "conversations")

    def motivation(self) -> Section | None:
        """What the participant wants from work, and their north star, as they wrote them.

        From a survey file these are the participant's own answers to the survey. From a
        coach's workspace they are exercise answers, private unless the client chose to
        share them: then they appear with the other shared answers (:meth:`notes`).
        """
        if self.from_workspace:
            return None
        inst = self.instrument
        motivators = self._value(schema.MOTIVATORS)
        chosen = [inst.motivator_label(m) for m in
                  str(motivators or "").split(schema.MOTIVATOR_SEPARATOR) if m.strip()]
        chips = (
            '<ul class="chips">' + "".join(f"<li>{e(m)}</li>" for m in chosen) + "</ul>"
            if chosen else f"<p>{e(self.said('motivators_none'))}</p>"
        )
        star = self._value(schema.NORTH_STAR)
        star_html = (
            f"<h3>{e(self.said('north_star'))}</h3><blockquote>{e(star)}</blockquote>" if star
            else f"<p>{e(self.said('north_star_none'))}</p>"
        )
        html = (f"<h2>{e(self.said('motivation'))}</h2><h3>{e(self.said('wants'))}</h3>"
                f"{chips}{star_html}")
        return Section(html, "motivation")

    def change(self) -> Section | None:
        """How each score moved from the first to the latest answers, when there are several.

        Each change is put in plain words ("a clear rise", "about the same"), with a note on
        what "clear" means; the size in points is the coach's (the coach's guide, the cohort
        report), never in this report.
        """
        if len(self.scores) < 2:
            return None
        labels = [_when(self.rows.iloc[i], self.words) for i in (0, -1)]
        intro = self.said("change_intro", first=labels[0], last=labels[-1])
        if self.clear_change:
            explain = self.said("change_clear")
        else:
            explain = self.said("change_no_rci")
        since = self.since_talks()
        html = (
            f"<h2>{e(self.said('change'))}</h2><p>{e(intro)}</p>"
            + self._change_table(0, self.said("column_first"))
            + f'<p class="note">{e(explain)}</p>' + (since.html if since else "")
        )
        return Section(html, "change")

    def since_talks(self) -> Section | None:
        """How the scores moved since the client's conversations began (workspace only).

        Compares the answers of the last session dated on or before the day of the first
        conversation held with the latest, when a session is dated after that day; shown
        within :meth:`change`. When those first answers are the report's first, one sentence
        says the change table already shows it. Only the session dates are said, never the
        day of a conversation.
        """
        book = self.progress if self.progress is not None else self.conversations
        talks = advice.talk_days(book, self.today)
        if not talks or schema.DATE not in self.rows.columns:
            return None
        first = talks[0].isoformat()
        days = [str(d)[:10] if pd.notna(d) else "" for d in self.rows[schema.DATE]]
        before = [n for n, day in enumerate(days) if day and day <= first]
        if not before or not days[-1] > first:
            return None
        n = before[-1]
        if n == 0:
            return Section(f"<h3>{e(self.said('since_talks'))}</h3>"
                           f"<p>{e(self.said('since_talks_same'))}</p>", "since_talks")
        intro = self.said("since_talks_intro", before=_when(self.rows.iloc[n], self.words),
                          last=_when(self.rows.iloc[-1], self.words))
        return Section(f"<h3>{e(self.said('since_talks'))}</h3><p>{e(intro)}</p>"
                       + self._change_table(n, self.said("column_before")), "since_talks")

    def _change_table(self, start: int, label: str) -> str:
        """The change table from the scores of row ``start`` to the latest, as HTML.

        An ingredient carried from a session on or before that row's date (not answered
        again since) shows no change.
        """
        from workbook.core.scoring import score_on
        from workbook.core.versions import answer_versions, compared_on

        first, last = self.scores.iloc[start], self.scores.iloc[-1]
        since = str(self.rows.iloc[start].get(schema.DATE) or "")[:10] if start else ""
        clear = self.clear_change
        # per pair, as the cohort's before/after (cohort.compare_across_versions): the row's
        # instrument_version cell, and a row that fits several versions taken as its pair says
        versions = answer_versions(self.rows.reset_index(drop=True), self.instrument)
        rows, shared = [], []
        moved = wording.change_words(self.instrument)
        # 0 hours a week: time has no score, as "Where you stand" says (round 12a P2)
        gated = self.instrument.hours_ingredient
        no_hours = [_no_hours(self.rows.iloc[n]) for n in (start, -1)]
        for ing in self.instrument.ingredients:
            a, b = first[ing.id], last[ing.id]
            delta = b - a if pd.notna(a) and pd.notna(b) else None
            said = ""
            if ing.id == gated and any(no_hours):
                a, b = (None if gone else v for gone, v in zip(no_hours, (a, b)))
                said = advice.plan_texts(self.instrument)["NO_HOURS_LEVEL"] if no_hours[1] \
                    else ""
                rows.append(
                    f"<tr><td>{e(ing.name)}</td><td class='num'>{_points(a)}</td>"
                    f"<td class='num'>{_points(b)}</td><td class='num'>{_signed(None)}</td>"
                    f"<td>{e(said)}</td></tr>"
                )
                continue
            carried = self.carried.get(ing.id)
            was, now = versions[ing.id].iloc[start], versions[ing.id].iloc[-1]
            ids = compared_on(self.instrument, ing.id, was, now) if was and now and \
                was != now else ()
            if ids:
                # answered on two versions (2.1, then 2.2): the statements both asked only,
                # as the cohort's before/after (versions.comparison_plan)
                a, b = score_on(self.rows.iloc[[start, -1]], self.instrument, ing.id, ids)
                delta = b - a if pd.notna(a) and pd.notna(b) else None
                said = self.said("change_shared", count=len(ids), total=len(ing.items))
                if delta is not None and clear:
                    said = self.said("change_joined", shared=said,
                                     change=moved[change_words(delta, clear)])
                # in words, never the statements' ids ({ids} is still filled for a copy of
                # the instrument file made before the note dropped them)
                shared.append(self.said("change_shared_note", name=ing.name, count=len(ids),
                                        total=len(ing.items), first_version=was,
                                        last_version=now, ids=", ".join(ids)))
            elif was and now and was != now:
                # too few statements shared (2.0, then 2.1): no change to speak of
                delta = None
                said = fill(self.instrument.version_words["change_words"], first_version=was,
                            last_version=now)
            elif carried is not None and (not start or str(carried) <= since):
                # not measured again: no change to speak of
                delta, said = None, self.said("not_again", date=carried)
            elif delta is not None and clear:
                said = moved[change_words(delta, clear)]
            rows.append(
                f"<tr><td>{e(ing.name)}</td><td class='num'>{_points(a)}</td>"
                f"<td class='num'>{_points(b)}</td><td class='num'>{_signed(delta)}</td>"
                f"<td>{e(said)}</td></tr>"
            )
        return (
            f"<table><thead><tr><th>{e(self.said('column_ingredient'))}</th>"
            f"<th class='num'>{e(label)}</th>"
            f"<th class='num'>{e(self.said('column_latest'))}</th>"
            f"<th class='num'>{e(self.said('column_change'))}</th>"
            f"<th>{e(self.said('column_words'))}</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
        ) + "".join(f'<p class="note">{e(line)}</p>' for line in shared)

    def notes(self) -> Section | None:
        """What the client chose to share, with the labels they saw, when there is any.

        Nothing unticked, and never the coach's note or the facilitator's ``notes`` column.
        """
        if not self.shared:
            return None
        items = "".join(
            f"<li><strong>{e(entry.label)}</strong> <span class='note'>({e(entry.ingredient)})"
            f"</span><br>{e(entry.text)}</li>"
            for entry in self.shared
        )
        return Section(f"<h2>{e(self.said('reflections'))}</h2><ul>{items}</ul>", "notes")

    def footer(self) -> str:
        """The line at the bottom of the page."""
        from workbook.core.versions import row_versions

        return footer_line(self.participant_id, row_versions(self.rows, self.instrument),
                           self.instrument)


def footer_line(participant_id, versions, instrument) -> str:
    """A personal report's footer: whose it is, and the version(s) its answers were given on.

    ``versions``: each row's :func:`workbook.core.versions.row_versions` (``"2.0;2.1"`` for a row on
    two). Answers on another version than the instrument's are said to be scored as asked.

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> footer_line("Ann", ["2.0", "2.0;2.1"], load_instrument()).split(". ")[-1]
    'Answered on Five ingredients for informational interviewing, versions 2.0 and 2.1; \
scored as asked, with version 2.1.'
    """
    from workbook.core.versions import sort_key

    inst = instrument
    words = wording.words(inst)
    answered = sorted({v for row in versions for v in str(row).split(";") if v}, key=sort_key)
    if not answered or answered == [inst.version]:
        said = fill(words["scored_with"], name=inst.name, version=inst.version)
    else:  # answered on another version (2.0), scored as asked (as the export says)
        shown = (fill(words["answered_version"], version=answered[0]) if len(answered) == 1
                 else fill(words["answered_versions"], last=answered[-1],
                           versions=words["list_comma"].join(answered[:-1])))
        said = fill(words["answered_on"], name=inst.name, versions=shown, version=inst.version)
    return fill(words["footer_participant"], who=participant_id) + " " + said


def change_words(delta: float, threshold: float) -> int:
    """+2 clear rise, +1 a rise not yet clear, 0 about the same, -1, -2 likewise down.

    Clear: at least ``threshold``; not yet clear: at least half of it.

    Examples
    --------
    >>> [change_words(d, 20) for d in (25, 20, 15, 10, 9, -12, -20)]
    [2, 2, 1, 1, 0, -1, -2]
    """
    size = abs(delta)
    step = 2 if size >= threshold else 1 if size >= threshold / 2 else 0
    return step if delta >= 0 else -step


def _no_hours(row) -> bool:
    """Whether a row's hours a week are 0 (the hours gate, as the plan reads them).

    Fewer than :data:`~workbook.core.schema.LEAST_HOURS` are 0.
    """
    hours = pd.to_numeric(pd.Series([row.get(schema.HOURS)]), errors="coerce").iloc[0]
    return bool(pd.notna(hours) and schema.counted_hours(float(hours)) == 0)


def _points(value, *, plain: bool = False) -> str:
    """A score as a whole number; a dash when unscored (HTML, or plain text to be escaped)."""
    if value is None or pd.isna(value):
        return "\u2013" if plain else "&ndash;"
    return f"{float(value):.0f}"


def _signed(value) -> str:
    if value is None or pd.isna(value):
        return "&ndash;"
    return f"{float(value):+.0f}".replace("-", "&minus;")


def _when(row, words=None) -> str:
    """When a row's answers were given (``words``: the report's, :func:`.wording.words`)."""
    words = words or wording.words()
    tp = row.get(schema.TIMEPOINT)
    date = row.get(schema.DATE)
    label = {schema.BEFORE: words["when_before"], schema.AFTER: words["when_after"]}.get(tp, tp)
    bits = [str(x) for x in (label, date) if x is not None and not pd.isna(x) and str(x)]
    return words["list_comma"].join(dict.fromkeys(bits)) or words["when_unknown"]


def select_participant(table: pd.DataFrame, participant_id, *, source: str = "the data"):
    """Rows of one participant, oldest first; raise :class:`ReportError` if there are none.

    The facilitator's ``notes`` column is left out: it is not the participant's to read.
    """
    if schema.PARTICIPANT_ID not in table.columns:
        raise ReportError(f"{source} has no {schema.PARTICIPANT_ID} column")
    mask = table[schema.PARTICIPANT_ID].astype("string") == str(participant_id)
    rows = table[mask.fillna(False).to_numpy(dtype=bool)]
    if rows.empty:
        raise ReportError(
            f"participant {str(participant_id)!r} is not in {source}; ids are matched exactly, "
            "as text (check spaces and leading zeros)"
        )
    rows, _ = reading_order(rows)
    return rows.drop(columns=schema.NOTES, errors="ignore")


def reading_order(rows: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """One participant's rows, oldest first, and whether that order is only the file's.

    By ``date`` when every row has one, or by the timepoint when each is a day
    (``2026-11-02``, as in an export); else by the timepoints whose order the kit knows
    (:func:`workbook.core.timepoints.rank`: ``pre``, ``post``, a follow-up), as the cohort's
    before/after pairs them (attacks5 C16: a file sorted A-Z puts ``post`` before ``pre``).
    With no date and a timepoint of another name, those rows keep the file's order after the
    known ones, and the second value is True so that the coach can be told.

    Examples
    --------
    >>> rows = pd.DataFrame({"timepoint": ["post", "pre"], "date": [None, "2026-03-04"]})
    >>> [list(r["timepoint"]) for r in [reading_order(rows)[0]]], reading_order(rows)[1]
    ([['pre', 'post']], False)
    >>> reading_order(pd.DataFrame({"timepoint": ["s2", "s1"]}))[1]
    True
    >>> reading_order(pd.DataFrame({"timepoint": ["week 6", "pre"]}))[1]
    False
    >>> list(reading_order(pd.DataFrame({"timepoint": ["2026-12-01", "2026-11-02"]}))[0].index)
    [1, 0]
    """
    if len(rows) < 2:
        return rows, False
    if schema.DATE in rows.columns and rows[schema.DATE].notna().all():
        return rows.sort_values(schema.DATE, kind="stable"), False
    if schema.TIMEPOINT not in rows.columns:
        return rows, True
    days = rows[schema.TIMEPOINT].astype("string").str.strip()
    if days.notna().all() and days.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all():  # days (an export)
        return rows.iloc[days.to_numpy(dtype=object).argsort(kind="stable")], False
    ranks = [timepoints.rank(v) for v in rows[schema.TIMEPOINT]]
    unknown = len(timepoints.KNOWN_ORDER)
    key = [unknown if r is None else r for r in ranks]
    ordered = rows.iloc[sorted(range(len(rows)), key=key.__getitem__)]
    later = [r for r in ranks if r != 0]  # a pre row comes first whatever the others are
    return ordered, len(later) > 1 and None in later


def carried_in_file(rows: pd.DataFrame, instrument, participant_id=None) -> dict:
    """The latest row's carried ingredients, from a file's ``carried`` column (round 12a P9).

    ``export-clients`` writes each row's ingredients carried from an earlier session with
    their dates (``time 2026-11-02; energy 2026-11-02``); a report read from the export takes
    them as carried, as the report from the workspace does, so no change is shown that was
    never measured. A file without the column carries nothing. A part that is no ingredient
    and date is named in a warning and left out.

    >>> from workbook.core.instrument import load_instrument
    >>> rows = pd.DataFrame({"date": ["2026-11-02", "2026-11-25"],
    ...                      "carried": ["", "time 2026-11-02; energy 2026-11-02"]})
    >>> carried_in_file(rows, load_instrument())
    {'time': '2026-11-02', 'energy': '2026-11-02'}
    """
    if schema.CARRIED not in rows.columns or rows.empty:
        return {}
    cell = rows[schema.CARRIED].iloc[-1]
    if cell is None or pd.isna(cell):
        return {}
    found, odd = {}, []
    for part in str(cell).split(";"):
        bits = part.split()
        if not bits:
            continue
        day = bits[-1] if len(bits) == 2 else ""
        try:
            good = bits[0] in instrument.ingredient_ids and \
                dt.date.fromisoformat(day).isoformat() == day
        except ValueError:
            good = False
        if good:
            found[bits[0]] = day
        else:
            odd.append(part.strip())
    if odd:
        from workbook.core.log import logger
        from workbook.reports.inputs import CARRIED_ODD

        logger.warning(CARRIED_ODD, repr(str(participant_id)), "; ".join(odd), schema.CARRIED)
    return found


def participant_report(
    data=None,
    participant_id=None,
    *,
    workspace=None,
    instrument=None,
    mapping=None,
    reliable_change=None,
) -> ParticipantReport:
    """Load one participant's answers and score them, leaving everyone else out.

    Parameters
    ----------
    data : str or Path, optional
        A response file (CSV or xlsx). Default: the bundled sample, unless ``workspace``.
        :data:`workbook.reports.inputs.HANDED_OVER`: the rows ``workbook report`` handed to
        this process (:func:`workbook.reports.inputs.hand_over`), already read and checked.
    participant_id : str, optional
        Whose report; default: the first participant of the file.
    workspace : str or Path, optional
        A coach's workspace folder instead of ``data``; only this client's folder is read.
    instrument : Instrument or path, optional
    mapping : str or Path, optional
        A column mapping for a survey export (passed to :func:`workbook.load_responses`).
    reliable_change : dict, optional
        Ingredient -> smallest reliable change in points. Default: estimated from ``data``
        when it holds enough people before and after, else none.

    Returns
    -------
    ParticipantReport

    Raises
    ------
    ReportError
        If the participant is not in the data.
    """
    from workbook.reports.inputs import (
        HANDED_OVER,
        client_rows,
        load_table,
        reliable_change_points,
        take_handed_over,
    )

    inst = resolve(instrument)
    context = {}
    if workspace is not None:
        if participant_id is None:
            raise ReportError("give a participant_id (a client of the workspace)")
        rows, context = client_rows(workspace, participant_id, inst)
        context["from_workspace"] = True
        source = f"workspace {workspace}"
    elif isinstance(data, str) and data == HANDED_OVER:  # a batch's child: its rows alone
        if participant_id is None:
            raise ReportError("give the participant_id of the rows handed over")
        rows = select_participant(take_handed_over(), participant_id, source="the rows given")
    else:
        table = load_table(data, inst, mapping=mapping)
        source = str(data) if data is not None else "the bundled sample"
        if participant_id is None:
            participant_id = str(table[schema.PARTICIPANT_ID].dropna().iloc[0])
        if reliable_change is None:
            reliable_change = reliable_change_points(table, inst)
        rows = select_participant(table, participant_id, source=source)
        if reading_order(rows)[1]:
            from workbook.core.log import logger
            from workbook.reports.inputs import FILE_ORDER

            logger.warning(FILE_ORDER, 1, repr(str(participant_id)))
        del table  # nobody else's answers go further than this line
    rows = rows.copy()
    rows.attrs.clear()
    if workspace is None:  # an export read back: its carried ingredients stay carried (P9)
        context["carried"] = carried_in_file(rows, inst, participant_id)
        # an export's own minutes per step and chosen pace, as the page had them (13b S2)
        context["step_minutes"], context["chosen_per_week"] = advice.row_inputs(
            rows.iloc[-1])
    return ParticipantReport(
        participant_id=str(participant_id),
        rows=rows,
        scores=score(rows, inst),
        instrument=inst,
        reliable_change=reliable_change or None,
        **context,
    )
