"""The cohort report's sections: group figures only, never an id, a name or written text.

Every number comes from :mod:`workbook.cohort.analysis` and
:mod:`workbook.cohort.reliability`; groups smaller than ``min_group`` show their size and
nothing else. No section reads the
``participant_id``, ``north_star``, ``notes`` or ``motivators`` columns except to count.

Examples
--------
>>> from workbook.reports.cohort_view import cohort_view
>>> view = cohort_view()
>>> "SPR-001" in view.overview().html
False
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

from workbook.cohort.across_versions import compare_across_versions
from workbook.cohort.groups import check_grouping, moved_note, same_group_both_times
from workbook.cohort.outcome import (
    TALKED,
    change_by_talk,
    conversations,
    hide_as_summary,
    latest_by_file_order,
    latest_in_file,
    read_counts,
    versions_note,
)
from workbook.cohort.plots import bottleneck_chart, distribution_chart, prepost_chart, verdict_chart
from workbook.cohort.prepost import rci_not_counted
from workbook.cohort.reliability_tables import reliability_tables
from workbook.cohort.rows import (
    check_pairs,
    hours_gated,
    unanswered,
    unanswered_note,
    without_carried,
)
from workbook.cohort.stats import timepoint_order
from workbook.cohort.summary import summarize
from workbook.cohort.suppression import MIN_GROUP, ORDER_STATS_FACTOR
from workbook.cohort.verdicts import bottlenecks, verdicts
from workbook.cohort.words import cohort_words
from workbook.core import schema
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import Instrument, fill, resolve, words_table
from workbook.core.palette import level_words
from workbook.core.scoring import score
from workbook.reports import wording
from workbook.reports.html import escape as e
from workbook.reports.page import Section, figure_html
from workbook.responses.group_labels import ALL, group_spellings


def _num(x, nd: int = 0) -> str:
    return "&ndash;" if x is None or pd.isna(x) else f"{float(x):.{nd}f}".replace("-", "&minus;")


def _int(x) -> str:
    return "&ndash;" if x is None or pd.isna(x) else str(int(x))


def _pct(x) -> str:
    return "&ndash;" if x is None or pd.isna(x) else f"{100 * float(x):.0f}%"


def _p(x) -> str:
    if x is None or pd.isna(x):
        return "&ndash;"
    return "&lt; 0.001" if x < 0.001 else f"{x:.3f}"


def _cell(text: str) -> str:
    """A text for a table cell: ``&``, ``<`` and ``>`` escaped, quotes kept as written."""
    return html.escape(text, quote=False)


def _head(text: str) -> str:
    """A column heading of the instrument, escaped: its ``<sub>`` and arrow kept as markup."""
    return (e(text).replace("&lt;sub&gt;", "<sub>").replace("&lt;/sub&gt;", "</sub>")
            .replace("\u2192", "&rarr;"))


def _counted(said: dict, n: int, what: str) -> str:
    """``n`` with its noun, as ``[words.cohort_report]`` writes it (``what_one`` for 1)."""
    return fill(said[f"{what}_one" if n == 1 else f"{what}_many"], count=n)


def _table(head, rows, num_from: int = 1) -> str:
    cls = lambda j: " class='num'" if j >= num_from else ""  # noqa: E731
    th = "".join(f"<th{cls(j)}>{h}</th>" for j, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(j)}>{c}</td>" for j, c in enumerate(r)) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


@dataclass
class CohortReport:
    """A cohort's scores and the report sections drawn from them.

    Attributes
    ----------
    data : DataFrame
        Answers (items and timepoints; used for reliability only).
    scores : DataFrame
        :func:`workbook.score` of ``data``.
    instrument : Instrument
    by : str or None
        Column to compare groups by.
    min_group : int
    """

    data: pd.DataFrame
    scores: pd.DataFrame
    instrument: Instrument
    by: str | None = None
    min_group: int = MIN_GROUP
    #: :func:`workbook.cohort.groups.moved_note`: people whose group changes between their
    #: answers.
    moved: str = ""
    #: :func:`workbook.responses.io.left_out_sentence`: rows ``--skip-invalid`` left out or
    #: kept with their hours emptied (counts only).
    left_out: str = ""
    #: :func:`workbook.cohort.rows.unanswered_note`: rows that answer nothing, read only for the
    #: outcome (from ``everyone``, the data with those rows; None when there are none).
    unanswered: str = ""
    everyone: pd.DataFrame | None = None
    #: :func:`workbook.responses.group_labels.group_spellings`' note: groups written more
    #: than one way.
    spelled: str = ""

    @property
    def timepoints(self) -> list:
        """Timepoint labels, ``pre`` and ``post`` first (``[None]`` when there are none)."""
        column = self.scores.get(schema.TIMEPOINT)
        if column is None or column.isna().all():
            return [None]
        return timepoint_order(column.dropna().astype(str))

    @property
    def paired(self) -> bool:
        """True when both ``pre`` and ``post`` responses exist."""
        return {schema.BEFORE, schema.AFTER} <= set(self.timepoints)

    def _by_time(self):
        return schema.TIMEPOINT if self.timepoints != [None] else None

    def _name(self, ing_id: str) -> str:
        return e(self.instrument.ingredient(ing_id).name)

    @property
    def _said(self) -> dict:
        """The report's words (``[words.report]``) of the instrument, the kit's if it lacks one."""
        return wording.words(self.instrument)

    @property
    def _own(self) -> dict:
        """The cohort report's own words (``[words.cohort_report]``) of the instrument."""
        return words_table(self.instrument, "cohort_report")

    def _when(self, tp) -> str:
        return _timepoint_name(tp, self.instrument)

    def _range(self, low, high, nd: int = 0) -> str:
        return fill(self._own["range"], low=_num(low, nd), high=_num(high, nd))

    @property
    def too_small(self) -> bool:
        """True when fewer than ``min_group`` people answered at all: no figure is shown."""
        return self.scores[schema.PARTICIPANT_ID].nunique() < self.min_group

    # -- sections ------------------------------------------------------------------------
    def header(self) -> Section:
        """Title, what the data hold, and when the report was made."""
        s, own = self.scores, self._own
        n_people = s[schema.PARTICIPANT_ID].nunique()
        bits = [e(fill(own["from_people"], responses=_counted(own, len(s), "responses"),
                       people=_counted(own, n_people, "people")))]
        if self.timepoints != [None]:
            bits.append(e(fill(own["timepoints"],
                               timepoints=own["timepoints_join"].join(self.timepoints))))
        # the groups the report splits by (none without --by): what its sections show (E16)
        if self.by and self.by in s.columns and s[self.by].notna().any():
            groups = s[self.by].dropna().astype(str).unique()
            bits.append(e(_counted(own, len(groups), "groups")))
        if schema.DATE in self.data.columns and self.data[schema.DATE].notna().any():
            dates = self.data[schema.DATE].dropna().astype(str)
            bits.append(e(fill(own["answered"], first=dates.min(), last=dates.max())))
        bits.append(e(wording.text(self.instrument, "report_made",
                                   date=dt.date.today().isoformat())))
        html = (
            f'<header><p class="eyebrow">{e(own["eyebrow"])}</p>'
            f'<h1>{e(self._said["cohort_title"])}</h1>'
            f'<p class="meta">{" &middot; ".join(bits)}</p></header>'
            f'<p class="lede">{e(self._said["cohort_intro"])}</p>'
        )
        if self.left_out:  # the file's rows that are not in these figures, and why
            html += f'<p class="note">{e(self.left_out)}.</p>'
        if self.unanswered:  # rows that are not responses, read for the outcome only
            html += f'<p class="note">{e(self.unanswered)}.</p>'
        if self.too_small:
            few = self._said["too_few"].format(people=_counted(own, n_people, "people"),
                                               k=self.min_group)
            html += f'<div class="card"><p>{e(few)}</p></div>'
        return Section(html, "header")

    def overview(self) -> Section | None:
        """Per ingredient and timepoint: n, mean with 95% CI, median, share at each level."""
        if self.too_small:
            return None
        table = summarize(self.scores, by=self._by_time(), min_group=self.min_group,
                          instrument=self.instrument)
        parts = [f"<h2>{e(self._said['overview'])}</h2><p>{e(self._said['overview_note'])}</p>"]
        mix = verdicts(self.scores, by=self._by_time(), min_group=self.min_group)
        note = left_out_note(table, mix, self._said["not_shown_these"],
                             instrument=self.instrument)
        if note:
            parts.append(f'<p class="note">{e(note)}</p>')
        for tp in self.timepoints:
            rows = table if tp is None else table[table[schema.TIMEPOINT] == tp]
            if tp is not None:
                parts.append(f"<h3>{e(self._when(tp))}</h3>")
            parts.append(_table(
                [_head(self._own[f"column_{k}"]) for k in ("ingredient", "n", "mean", "ci",
                                                          "median")]
                + [e(_capital(self.instrument.level_name(lv))) for lv in schema.LEVELS],
                [[self._name(r.ingredient), _int(r.n), _num(r["mean"]),
                  self._range(r.ci_low, r.ci_high), _num(r["median"]),
                  _pct(r.share_not_yet), _pct(r.share_a_little), _pct(r.share_plenty)]
                 for _, r in rows.iterrows()]))
        return Section("".join(parts), "overview")

    def verdict_mix(self) -> Section | None:
        """How many got each verdict, per timepoint, as a table and a chart."""
        if self.too_small:
            return None
        table = verdicts(self.scores, by=self._by_time(), min_group=self.min_group)
        labels = [self._when(t) for t in self.timepoints]
        head = [_head(self._own["column_verdict"]), *[e(x) for x in labels]]
        rows = []
        for v in schema.VERDICTS:
            cells = []
            for tp in self.timepoints:
                r = table[table["verdict"] == v]
                r = r if tp is None else r[r[schema.TIMEPOINT] == tp]
                r = r.iloc[0]
                cells.append("&ndash;" if pd.isna(r["count"]) else
                             f"{int(r['count'])} ({_pct(r['share'])})")
            rows.append([e(self.instrument.verdict_name(v)), *cells])
        fig = verdict_chart(self.scores, by=self._by_time(), min_group=self.min_group,
                            table=table, instrument=self.instrument)
        note = verdict_mix_note(self.instrument)
        html = (f"<h2>{e(self._said['verdict_mix'])}</h2><p>{e(note)}</p>"
                + figure_html(fig, alt=self._own["verdict_mix_alt"])
                + _table(head, rows))
        return Section(html, "verdict_mix")

    def distributions(self) -> Section | None:
        """Each ingredient's scores as box plots over the level bands, per timepoint."""
        if self.too_small:
            return None
        if len(self.scores) < self.min_group:
            return None
        fig = distribution_chart(self.scores, by=self._by_time(), min_group=self.min_group,
                                 instrument=self.instrument)
        alt = self._own["distributions_alt"]
        html = (f"<h2>{e(self._said['distributions'])}</h2>"
                + figure_html(fig, alt=alt, caption=fill(
                    self._said["distributions_note"],
                    count=ORDER_STATS_FACTOR * self.min_group)))  # the box's rule (T5)
        return Section(html, "distributions")

    def bottlenecks(self) -> Section | None:
        """How often each ingredient is the weakest, per timepoint."""
        if self.too_small:
            return None
        table = bottlenecks(self.scores, by=self._by_time(), min_group=self.min_group,
                            instrument=self.instrument)
        labels = [self._when(t) for t in self.timepoints]
        rows = []
        for ing in self.instrument.ingredients:
            cells = []
            for tp in self.timepoints:
                r = table[table["ingredient"] == ing.id]
                r = (r if tp is None else r[r[schema.TIMEPOINT] == tp]).iloc[0]
                cells.append("&ndash;" if pd.isna(r["count"]) else
                             f"{int(r['count'])} ({_pct(r['share'])})")
            rows.append([e(ing.name), *cells])
        fig = bottleneck_chart(self.scores, by=self._by_time(), min_group=self.min_group,
                               instrument=self.instrument, table=table)
        note = level_words(self._said["bottlenecks_note"], self.instrument)
        html = (f"<h2>{e(self._said['bottlenecks'])}</h2><p>{e(note)}</p>"
                + figure_html(fig, alt=self._own["bottlenecks_alt"])
                + _table([_head(self._own["column_weakest"]), *[e(x) for x in labels]], rows))
        return Section(html, "bottlenecks")

    def before_after(self) -> Section | None:
        """Paired change from ``pre`` to ``post``: mean change, CI, effect size, tests, RCI."""
        if self.too_small:
            return None
        if not self.paired:
            return None
        # A table that cannot be made fails the report (its message may name someone): it is
        # never printed in the report, which promises no ids.
        alpha = self._reliability()
        # Timepoints answered on different instrument versions: the shared statements only,
        # said in a note (issue 22); none shared enough: the note alone.
        table, versions, compared = compare_across_versions(
            self.data, self.scores, min_group=self.min_group, alpha=alpha,
            instrument=self.instrument)
        versions = f'<p class="note">{e(versions)}.</p>' if versions else ""
        if table is None:
            return Section(f"<h2>{e(self._said['before_after'])}</h2>{versions}", "before_after")
        rows = [[self._name(r.ingredient), _int(r.n_pairs),
                 f"{_num(r.mean_before)} &rarr; {_num(r.mean_after)}",
                 f"{_num(r.mean_change, 1)}<br><span class='note'>"
                 f"{self._range(r.ci_low, r.ci_high, 1)}</span>", _num(r.cohen_dz, 2),
                 f"{_p(r.p_t)}<br><span class='note'>{_p(r.p_wilcoxon)}</span>",
                 " / ".join(_num(r.get(c)) for c in ("improved", "no_reliable_change",
                                                       "declined"))]
                for _, r in table.iterrows()]
        people = _counted(self._own, self._people_at_both(), "people")
        # Up / same / down add up to the pairs, or show a dash and say why here.
        why = [e(fill(self._own["rci_not_counted"], name=self.instrument.ingredient(ing).name,
                      reason=reason))
               for ing, reason in rci_not_counted(table, alpha).items()]
        why = f'<p class="note">{" ".join(why)}</p>' if why else ""
        html = (
            f"<h2>{e(self._said['before_after'])}</h2>"
            f"<p>{e(self._said['before_after_note'].format(people=people))}</p>" + versions
            + figure_html(prepost_chart(compared, min_group=self.min_group,
                                        instrument=self.instrument, table=table),
                          alt=self._own["before_after_alt"])
            + _table([_head(self._own[f"column_{k}"]) for k in (
                "ingredient", "pairs", "before_after", "change", "dz", "p", "up_same_down")],
                rows)
            + f'<p class="note">{e(self._said["before_after_how"])}</p>' + why
        )
        return Section(html, "before_after")

    def outcome(self) -> Section | None:
        """Who went on to talk to someone: conversations held, per group, and before/after.

        Only with a ``conversations_held`` column (see :mod:`workbook.cohort.outcome`); small groups
        and splits show their size only.
        """
        everyone = self.data if self.everyone is None else self.everyone
        if self.too_small or schema.CONVERSATIONS_HELD not in everyone.columns:
            return None
        table = conversations(everyone, self.by, self.min_group)
        if table is None:
            return None
        if self.by:  # a group the summary hides shows no outcome either (attacks5 C1)
            by = [self.by] if self.timepoints[-1] is None else [schema.TIMEPOINT, self.by]
            table = hide_as_summary(table, summarize(self.scores, by=by,
                                                     min_group=self.min_group,
                                                     instrument=self.instrument),
                                    self.by, self.min_group,
                                    [schema.AFTER] if schema.AFTER in self.timepoints else None)
        hidden = f'<span class="suppressed">{e(self._said["group_hidden"])}</span>'
        too_small = self._said["group_too_small"].format(k=self.min_group)
        small = f'<span class="suppressed">{e(too_small)}'
        small += "</span>"
        # People: those the tables at that time describe, as the groups table counts them
        # (everyone read, less those left out for answering only once).
        people = self._shown_people(schema.AFTER)[0] if self.paired else None
        rows = []
        for _, r in table.iterrows():
            key = ALL if not self.by else str(r[self.by])
            size = int(r["n_responses"]) if people is None else people.get(key, 0)
            label = wording.outcome_splits(self.instrument)["all"] if key == ALL else key
            if pd.isna(r["n"]):
                why = small if size < self.min_group else hidden
                rows.append([e(label), _int(size), why, "", "", ""])
                continue
            rows.append([e(label), _int(size), _int(r["n"]),
                         f"{_int(r['n_held_some'])} ({_pct(r['share_held_some'])})",
                         _num(r["median_held"], 1 if r["median_held"] % 1 else 0),
                         _int(r["total_held"])])
        # After a workshop the answers after it are read; a coach's clients (no pre/post)
        # each by their latest session (outcome.outcome_rows): the note says which.
        said = self._said["outcome_note"] if schema.AFTER in self.timepoints \
            else self._said["outcome_note_latest"]
        said = said.format(k=self.min_group)
        if latest_by_file_order(everyone):  # no date to go by: say how latest was chosen
            said += f" {latest_in_file(everyone, note=True)}"
        read, only = read_counts(everyone, self.instrument)
        if only:  # rows read here that are no response: as the overview says (round 10b L8)
            said += " " + fill(cohort_words(self.instrument)["cli_outcome_read"],
                               people=read, count=only) + "."
        parts = [f"<h2>{e(self._said['outcome'])}</h2>"
                 f"<p>{e(said)}</p>",
                 _table([e(self.by) if self.by else "",
                         *(_head(self._own[f"column_{k}"]) for k in (
                             "people", "answered", "held_some", "median", "total_held"))],
                        rows)]
        change = change_by_talk(self.data, self.scores, self.min_group,
                                instrument=self.instrument)  # fails the report, as above
        if change is not None:
            parts.append(self._outcome_change(change))
        return Section("".join(parts), "outcome")

    def _outcome_change(self, change: pd.DataFrame) -> str:
        """The before/after table split by whether people went on to talk."""
        ids = self.instrument.ingredient_ids
        rows = []
        for split, part in change.groupby(TALKED, sort=False):
            part = part.set_index("ingredient")
            first = part.iloc[0]
            name = e(wording.outcome_splits(self.instrument).get(split, split))
            if pd.isna(first["share_ready_before"]):
                # A side's size hidden with the whole's figures (outcome.change_by_talk).
                why = self._said["group_too_small"] if not pd.isna(first["n_both"]) and \
                    first["n_both"] < self.min_group else self._said["group_hidden"]
                rows.append([name, _int(first["n_both"]),
                             f'<span class="suppressed">{e(why.format(k=self.min_group))}'
                             "</span>", *[""] * len(ids)])
                continue
            rows.append([name, _int(first["n_both"]),
                         f"{_pct(first['share_ready_before'])} &rarr; "
                         f"{_pct(first['share_ready_after'])}",
                         *[_num(part.loc[i, "mean_change"], 1) for i in ids]])
        everyone = change[change[TALKED] == "all"]["n_both"]
        people = _counted(self._own, int(everyone.iloc[0]) if len(everyone) else 0, "people")
        ready = self.instrument.verdict_name(schema.READY)
        note = self._said["outcome_change_note"].format(people=people, ready=ready)
        versions = versions_note(change, self.instrument)  # across versions (issue 22)
        versions = f'<p class="note">{e(versions)}.</p>' if versions else ""
        return (f"<h3>{e(self._said['outcome_change'])}</h3><p>{e(note)}</p>{versions}"
                + _table(["", _head(self._own["column_people"]),
                          _head(fill(self._own["column_ready_before_after"], ready=ready)),
                          *[self._name(i) for i in ids]], rows))

    def validity(self) -> Section | None:
        """How well the cut-offs predict who went on to talk (:mod:`workbook.cohort.validity`).

        Only with a ``conversations_held`` column; with too few people on either side of
        the outcome the section says so and shows nothing else.
        """
        from workbook.cohort import validity as check
        from workbook.cohort.validity_plots import roc_alt, roc_chart

        everyone = self.data if self.everyone is None else self.everyone
        if self.too_small or schema.CONVERSATIONS_HELD not in everyone.columns:
            return None
        result = check.validity(everyone, self.min_group, instrument=self.instrument)
        said = check.words(self.instrument)
        head = f"<h2>{e(said['heading'])}</h2>"
        if result.withheld:
            return Section(f'{head}<p class="note">{e(result.withheld)}</p>', "validity")
        ready = self.instrument.verdict_name(schema.READY)
        # Two tables, so each fits a laptop's width: how well each score tells the two apart,
        # then today's line against the best line.
        rows, lines = [], []
        for r in result.table.itertuples(index=False):
            name = (e(said["verdict_row"].format(ready=ready)) if r.predictor == check.VERDICT_ROW
                    else self._name(r.predictor))
            line = e(ready) if pd.isna(r.current_cutoff) else _num(r.current_cutoff)
            if pd.isna(r.auc):
                rows.append([name, _int(r.n), f'<span class="suppressed">{e(r.note)}</span>',
                             ""])
                lines.append([name, line, "&ndash;", "&ndash;", "&ndash;"])
                continue
            between = self._own["range"]
            rows.append([name, _int(r.n), _ci(r.auc, r.auc_low, r.auc_high, 2, between),
                         _ci(r.odds_ratio, r.odds_ratio_low, r.odds_ratio_high, 2, between)])
            lines.append([name, line,
                          _ci(r.sensitivity, r.sensitivity_low, r.sensitivity_high, _pct,
                              between),
                          _ci(r.specificity, r.specificity_low, r.specificity_high, _pct,
                              between),
                          _ci(r.best_cutoff, r.best_cutoff_low, r.best_cutoff_high, None,
                              between)])
        guidance = result.line_guidance(lambda i: self.instrument.ingredient(i).name)
        note = said["section_note"].format(reading=result.reading_words, n=result.n,
                                           some=result.n_held_some, none=result.n_held_none)
        note = f"{note} {result.unscored_note}".strip()
        notes = "".join(f'<p class="note">{e(r.note)}</p>' for r in
                        result.table.itertuples(index=False) if r.note and not pd.isna(r.auc))
        html = (head + f"<p>{e(note)}</p>"
                + figure_html(roc_chart(result, self.instrument),
                              alt=roc_alt(result, self.instrument))
                + _table(["", *(_cell(said[f"column_{k}"]) for k in ("people", "auc", "odds"))],
                         rows)
                + _table(["", *(_cell(said[f"column_{k}"]) for k in
                                ("line", "talked", "held_none", "best"))], lines)
                + (f"<p>{e(guidance)}</p>" if guidance else "")
                + f'<p class="note">{e(result.how_to_read)}</p>'
                + notes + f'<p class="note">{e(result.methods)}</p>')
        return Section(html, "validity")

    def groups(self) -> Section | None:
        """Mean score per group (``by``) at the latest timepoint; small groups suppressed.

        The latest timepoint that shows a group, else the latest (round 14c W8).
        """
        if self.too_small:
            return None
        if not self.by:
            return None
        latest = self.timepoints[-1]
        by = [self.by] if latest is None else [schema.TIMEPOINT, self.by]
        table = summarize(self.scores, by=by, min_group=self.min_group,
                          instrument=self.instrument)
        people = verdicts(self.scores, by=by, min_group=self.min_group)
        if latest is not None:
            # the latest timepoint whose groups are shown (a followup few answered hides
            # every group: round 14c W8); the latest when none is
            when = table[schema.TIMEPOINT].astype("string")
            shown = set(when[(table[self.by].astype(str) != ALL).to_numpy()
                             & table["mean"].notna().to_numpy()])
            latest = next((t for t in reversed(self.timepoints) if t in shown), latest)
            table = table[table[schema.TIMEPOINT].astype("string") == latest]
            people = people[people[schema.TIMEPOINT].astype("string") == latest]
        # n: the people whose answers the row's means describe (those left out for answering
        # only once are not counted), for a hidden group too: one definition throughout.
        shown_people = dict(zip(people[self.by].astype(str), people["n"]))
        head = [e(self.by), _head(self._own["column_n"]),
                *[self._name(i) for i in self.instrument.ingredient_ids]]
        rows = []
        for label, part in table.groupby(self.by, sort=False):
            n = int(shown_people.get(str(label), 0))
            if part["mean"].isna().all():
                why = self._said["group_too_small" if n < self.min_group else "group_hidden"]
                cells = [f'<span class="suppressed">{e(why.format(k=self.min_group))}'
                         "</span>"] + [""] * (len(head) - 3)
            else:
                cells = [_num(part.set_index("ingredient").loc[i, "mean"])
                         for i in self.instrument.ingredient_ids]
            name = wording.outcome_splits(self.instrument)["all"] if str(label) == ALL else label
            rows.append([e(name), n, *cells])
        heading = self._said["groups"].format(by=self.by)
        if latest:
            heading = fill(self._own["heading_when"], heading=heading, when=self._when(latest))
        note = left_out_note(table, people, self._said["not_shown_groups"], groups=True,
                             instrument=self.instrument)
        note = f'<p class="note">{e(self._said["groups_n"])} {e(note)}</p>' if note else ""
        if self.moved:  # a person's group is one for all their answers: say how
            note += f'<p class="note">{e(self.moved)}.</p>'
        if self.spelled:  # groups written more than one way, read as one
            note += f'<p class="note">{e(self.spelled)}.</p>'
        html = (f"<h2>{e(heading)}</h2>"
                f"<p>{e(self._said['groups_note'].format(k=self.min_group))}</p>{note}"
                + _table(head, rows, num_from=1))
        return Section(html, "groups")

    def reliability(self) -> Section | None:
        """Appendix: Cronbach's alpha with its Feldt 95% CI, per ingredient."""
        if self.too_small:
            return None
        first = schema.BEFORE if schema.BEFORE in self.timepoints else None
        table = self._reliability()
        rows = [[self._name(r.ingredient), _int(r.n), _num(r.alpha, 2),
                 self._range(r.ci_low, r.ci_high, 2), e(r.flag)]
                for _, r in table.iterrows()]
        heading = self._said["reliability"]
        if first:
            heading = fill(self._own["heading_when"], heading=heading, when=self._when(first))
        from workbook.core.versions import (
            alpha_note,  # responses on another version: not in it (B14)
        )

        at = self.data if not first else self.data[
            (self.data[schema.TIMEPOINT].astype("string") == first).to_numpy(bool)]
        versions = alpha_note(at, self.instrument)
        html = (f"<h2>{e(heading)}</h2>"
                f"<p>{e(self._said['reliability_note'])}</p>"
                + (f'<p class="note">{e(versions)}.</p>' if versions else "")
                + _table([*(_head(self._own[f"column_{k}"]) for k in (
                    "ingredient", "complete", "alpha", "ci")), ""], rows))
        return Section(html, "reliability")

    def _reliability(self) -> pd.DataFrame:
        """Alpha of the whole at ``pre`` (every response without one), as the CSV has it."""
        return reliability_tables(self.data, self.scores, min_group=self.min_group,
                                  instrument=self.instrument)["reliability"]

    def _shown_people(self, at) -> tuple:
        """People the tables at timepoint ``at`` describe, and those left out, per group.

        Two dicts keyed by group label (:data:`ALL` for the whole): everyone who answered then,
        less those left out for answering only once (:func:`workbook.cohort.rows.mark_left_out`);
        and how many those are. The verdict mix counts them so; every table follows it.
        """
        by = [schema.TIMEPOINT] if at is not None else []
        by += [self.by] if self.by else []
        table = verdicts(self.scores, by=by or None, min_group=self.min_group)
        if at is not None:
            table = table[(table[schema.TIMEPOINT].astype("string") == at).to_numpy(bool)]
        keys = (table[self.by].astype(str) if self.by
                else pd.Series(ALL, index=table.index, dtype=object))
        first = ~keys.duplicated().to_numpy()
        keys, table = keys[first], table[first]
        return (dict(zip(keys, table["n"].astype(int))),
                dict(zip(keys, table["n_not_shown"].astype(int))))

    def _people_at_both(self) -> int:
        """How many participants answered at ``pre`` and at ``post``.

        Some of them may have skipped an ingredient: the table shows each ingredient's pairs.
        """
        tp = self.scores[schema.TIMEPOINT].astype("string")
        ids = self.scores[schema.PARTICIPANT_ID].astype("string")
        at = {t: set(ids[(tp == t).fillna(False).to_numpy(dtype=bool)].dropna())
              for t in (schema.BEFORE, schema.AFTER)}
        return len(at[schema.BEFORE] & at[schema.AFTER])



def _ci(x, low, high, nd, between: str) -> str:
    """A figure with its interval, as the validity section shows it ("0.71 (0.60 to 0.82)").

    ``nd``: decimals; None for a score, shown with at most one (58.3, 40); or a function
    that shows a value (a share: :func:`_pct`, which shows no value as a dash). ``between``:
    ``[words.cohort_report]``'s ``range``.
    """
    if callable(nd):
        show = nd
    else:
        if x is None or pd.isna(x):
            return "&ndash;"
        show = (lambda v: f"{round(float(v), 1):g}") if nd is None else (  # noqa: E731
            lambda v: _num(v, nd))
    return f"{show(x)} ({fill(between, low=show(low), high=show(high))})"


def _timepoint_name(tp, instrument=None) -> str:
    """A timepoint as the tables name it: ``pre`` and ``post`` in the instrument's words."""
    said = words_table(instrument, "cohort_report")
    names = {schema.BEFORE: said["time_before"], schema.AFTER: said["time_after"],
             None: said["time_all"]}
    return names.get(tp, str(tp))


def left_out_note(summary: pd.DataFrame, people, what: str, *, groups: bool = False,
                  instrument=None) -> str:
    """The sentence saying how many answers a table leaves out, per time; ``""`` for none.

    Parameters
    ----------
    summary : DataFrame
        :func:`workbook.cohort.summary.summarize` rows (``n_not_shown`` per ingredient).
    people : DataFrame or dict
        :func:`workbook.cohort.verdicts.verdicts` with the same grouping (``n_not_shown``:
        people left out of every figure), or ``{group: left out}`` for a summary at one time.
    what : str
        What they are left out of (``these figures``).
    groups : bool
        Count the groups' rows (summed over the groups) instead of the whole's.
    instrument : Instrument, optional
        Whose ``[words.report]`` say it (default: the kit's).

    Counts are answers: at each time, the people left out altogether, or "up to" the most
    left out of one ingredient when an ingredient's figures leave out more.
    """
    keys = [c for c in summary.columns[: list(summary.columns).index("ingredient")]
            if c != schema.TIMEPOINT]

    def whole_rows(frame):
        if not keys:
            return pd.Series(True, index=frame.index)
        return (frame[keys].astype("string") == ALL).all(axis=1)

    def label(frame):
        return (frame[keys].astype("string").fillna("").agg(" / ".join, axis=1) if keys
                else pd.Series(ALL, index=frame.index))

    times = (list(dict.fromkeys(summary[schema.TIMEPOINT].astype("string")))
             if schema.TIMEPOINT in summary.columns else [None])
    own = words_table(instrument, "cohort_report")
    pieces, ingredient = [], False
    for tp in times:
        rows = summary if tp is None else summary[
            (summary[schema.TIMEPOINT].astype("string") == tp).to_numpy(bool)]
        rows = rows[(whole_rows(rows) != groups).to_numpy(bool)]
        if isinstance(people, dict):
            out = {k: v for k, v in people.items() if (k != ALL) == groups}
        else:
            mix = people if tp is None else people[
                (people[schema.TIMEPOINT].astype("string") == tp).to_numpy(bool)]
            mix = mix[(whole_rows(mix) != groups).to_numpy(bool)]
            mix = mix[~label(mix).duplicated().to_numpy()]
            out = dict(zip(label(mix), mix["n_not_shown"].astype(int)))
        left = sum(out.values())
        # A hidden group's ingredient counts are blank: its people-level count stands in.
        each = rows["n_not_shown"].astype(float).fillna(label(rows).map(out).astype(float))
        most = int(each.groupby(rows["ingredient"].to_numpy()).sum().max()) if len(rows) else 0
        if max(left, most) == 0:
            continue
        said = _counted(own, max(left, most), "answers")
        if most > left:
            said, ingredient = fill(own["left_out_up_to"], answers=said), True
        pieces.append(fill(own["left_out_when"], answers=said,
                           when=_timepoint_name(tp, instrument)) if tp is not None else said)
    if not pieces:
        return ""
    said = wording.words(instrument)
    return said["not_shown"].format(
        what=what, left=own["left_out_and"].join(pieces),
        ingredient=said["not_shown_ingredient"] if ingredient else "")


def cohort_view(data=None, *, workspace=None, by=None, min_group: int = MIN_GROUP,
                instrument=None, mapping=None, skip_invalid: bool = False,
                reading=None) -> CohortReport:
    """Load and score a cohort for its report.

    Parameters
    ----------
    data : str or Path, optional
        Response file; default the bundled sample (unless ``workspace``).
    workspace : str or Path, optional
        A coach's workspace instead of ``data``.
    by : str, optional
        Column to compare groups by.
    min_group : int
        Groups smaller than this show their size but no statistics.
    instrument : Instrument or path, optional
    mapping : str or Path, optional
    skip_invalid : bool
    reading : dict, optional
        ``keep``, ``dates`` and ``sheet``, as for :func:`workbook.load_responses`.

    Returns
    -------
    CohortReport
    """
    from workbook.reports.inputs import load_table, workspace_table
    from workbook.responses.io import left_out_sentence

    inst = resolve(instrument)
    if workspace is not None:
        table = workspace_table(workspace, inst)
    else:
        table = load_table(data, inst, mapping=mapping, skip_invalid=skip_invalid,
                           **(reading or {}))
    if by is not None and by not in table.columns:
        raise WorkbookError(f"cannot group by {by!r}: the data have no such column")
    # one spelling per group, before any count; said without rows (counts only, C20 c)
    table, spelled = group_spellings(table, by, rows=False)
    if by is not None:
        check_grouping(table, by, instrument=inst)
    check_pairs(table)  # before any section: a table that cannot be paired fails the report
    left_out = left_out_sentence(table) or ""
    # counts only: a cohort report never points at a row of the file (attacks5 C20 c)
    moved = moved_note(table, by, rows=False) if by is not None else ""
    table = same_group_both_times(table, by)
    everyone, empty = table, unanswered(table, inst)
    if empty.any():  # not responses: read for the outcome only
        table = table[~empty]
    # an export's carried ingredients are no answers of that day (T11), as in `cohort`
    table, scores = without_carried(table, score(table, inst), inst)
    scores = hours_gated(table, scores, inst)  # 0 hours: time not yet (P14)
    if by is not None and by not in scores.columns:
        scores[by] = table[by].to_numpy()
    keep = [c for c in table.columns if c not in (schema.NORTH_STAR, schema.NOTES)]
    return CohortReport(data=table[keep], scores=scores, instrument=inst, by=by,
                        min_group=int(min_group), moved=moved,
                        left_out=left_out, unanswered=unanswered_note(int(empty.sum())),
                        spelled=spelled,
                        everyone=everyone[keep] if empty.any() else None)


def _capital(text: str) -> str:
    """A name as a table heading: its first letter a capital (``a little`` -> ``A little``)."""
    return text[:1].upper() + text[1:]


def verdict_mix_note(instrument) -> str:
    """The verdict mix's note with the instrument's verdict names (``[words.verdicts]``).

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> verdict_mix_note(load_instrument()) == wording.VERDICT_MIX_NOTE
    True
    """
    return wording.text(instrument, "verdict_mix_note",
                        **{v: instrument.verdict_name(v) for v in schema.VERDICTS})

