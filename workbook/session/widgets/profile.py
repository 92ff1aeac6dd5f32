"""The readiness profile: five scores on one chart, the verdict, next steps, pace, history."""

from __future__ import annotations

import base64
import datetime as dt

import ipywidgets as widgets
import pandas as pd

from workbook.core import advice, schema
from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import fill, words_table
from workbook.core.markup import svg_figure_html
from workbook.core.pacing import schedule_words
from workbook.core.plan_html import pace_html, start_html
from workbook.core.profile_chart import profile_alt, profile_svg
from workbook.core.scoring import score_on
from workbook.core.versions import SHARED_LINE, compared_on
from workbook.session.plots import history_chart
from workbook.session.store import ITEMS, TOOL, answers_row, score_history
from workbook.session.store.picture import answered, carried, picture
from workbook.session.widgets.base import Screen, esc, figure_png, heading
from workbook.session.widgets.named import named_client
from workbook.session.widgets.session import app_text, strip_html
from workbook.session.widgets.tools import parse_hours, quoted

#: Above the profile when some ingredients come from an earlier session than the latest
#: (the kit's own ``[words.report] carried``: the personal report says the instrument's).
CARRIED = words_table(None, "report")["carried"]
#: The pace a client may choose, below what hours and energy allow (conversations a week).
PACE_CHOICES = (2, 1, 0.5, 0.25)
CHOOSE_PACE = app_text(None, "pace_choose")
#: The choice "as many as fit" (the plan's own pace) in the dropdown: not None, which a
#: dropdown shows as an empty box.
AS_MANY_VALUE = 0.0
#: The coach's box: closed at first, named for the coach, opened with a click (the screen is
#: shared with the client).
FOR_COACH = app_text(None, "for_coach")
#: The look-again date of a quiet client.
LOOK_AGAIN_LABEL = app_text(None, "look_again_label")
#: What a quiet client still owes others (thanks, a talk booked), said on the profile too.
OWED_ON_PROFILE = app_text(None, "owed_on_profile")


def _texts(instrument):
    """The session words of an instrument (or of the kit's own)."""
    from workbook.core.instrument import resolve
    from workbook.core.session_texts import Texts

    return Texts(resolve(instrument))


def look_again_hint(plan, book=None) -> str:
    """The words over a quiet client's look-again date: the verdict's, and what is owed.

    A picture not complete yet is not called "not now"; when the plan finds something owed
    in ``book`` (thanks, a talk booked), the profile says so instead of "nothing here asks
    anything of you".
    """
    texts = _texts(plan.instrument)
    hint = app_text(texts, "look_again_wait" if plan.verdict == schema.INCOMPLETE
                    else "look_again_hint")
    if book is not None and plan.due(book):
        hint = hint.split(";")[0] + ". " + app_text(texts, "owed_on_profile")
    return hint
LOOK_AGAIN_PAST = app_text(None, "look_again_past")
HISTORY_ALT = app_text(None, "history_alt")


def profile_texts(plan, instrument=None, book=None) -> dict:
    """Every client-facing text of the profile's advice, as plain text, from the plan alone.

    Keys: ``verdict_name``, ``verdict_text``, ``notes`` (one line per ingredient note),
    ``start`` (where to start, heading, intro and steps), ``pace`` (the pace sentence, or why
    there is none), ``pace_choices`` (the labels of the pace dropdown; empty when hidden),
    ``chart_labels`` (each ingredient's label on the chart, "75 plenty" or "100 no hours
    now"), ``look_again`` (the look-again control's words, when it shows), ``review`` (the
    short review after a few talks, :func:`review_words`, when due). The coach's box
    is not here: it is for the coach (:attr:`workbook.core.advice.Plan.coach_notes`).
    """
    from workbook.core.instrument import resolve

    inst = resolve(instrument if instrument is not None else plan.instrument)
    start = plan.start
    lines = [start.heading, start.intro] + [x for heading, steps in start.steps
                                            for x in ((heading,) if heading else ()) + steps]
    labels = {}
    for ing in inst.ingredients:
        value = plan.scores.get(ing.id)
        if value is None or pd.isna(value):
            labels[ing.id] = app_text(_texts(inst), "not_scored_label")
        elif ing.id in plan.said_level:  # drawn as words alone, no bar and no score
            labels[ing.id] = plan.said_level[ing.id]
        else:
            labels[ing.id] = f"{float(value):.0f} {inst.level_name(ing.level(float(value)))}"
    return {
        "verdict_name": plan.verdict_name,
        "verdict_text": plan.verdict_text,
        "notes": [f"{inst.ingredient(i).name}: {text}" for i, text in plan.notes.items()],
        "start": "\n".join(x for x in lines if x),
        "pace": pace_words(plan, inst),
        "pace_choices": [label for label, _ in pace_options(plan)],
        "chart_labels": labels,
        "look_again": ([app_text(_texts(inst), "look_again_label"), look_again_hint(plan, book)]
                       if plan.quiet else []),
        "review": review_words(plan, _texts(inst)),
    }


def review_words(plan, texts) -> list:
    """The profile's short review after a few talks: ``[heading, text]``, or ``[]``.

    Said while :attr:`workbook.core.advice.Plan.review` is set (the instrument's
    ``review_after_talks`` talks held, no session dated after the last of them, not quiet);
    the words are the instrument's ``[session.profile] review_heading`` and ``review_text``.
    """
    if plan is None or plan.review is None:
        return []
    return [texts.get("profile", "review_heading"), texts.get("profile", "review_text")]


def pace_words(plan, instrument=None) -> str:
    """The pace said on the profile: the plan's sentence, or what is missing for one.

    The same sentence as the report and the time page (:func:`workbook.core.advice.pace_text`):
    hours missing is said as such, never as "the energy page" when energy is scored.
    """
    return advice.pace_text(plan)


def pace_options(plan) -> list:
    """The pace dropdown's ``(label, value)`` options: the plan's pace first, then slower ones.

    The first is "As many as fit (the plan's pace)" with value :data:`AS_MANY_VALUE`; only
    paces that read slower than the most hours and energy allow follow ("every 2 weeks"
    twice would be no choice). Empty when there is no pace to choose (quiet, or none yet).
    """
    cap = plan.pace.cap_per_week if plan.pace is not None else 0
    if cap <= 0:
        return []
    def words(x):
        return schedule_words(x, plan.instrument)

    most = words(cap)
    as_many = app_text(_texts(plan.instrument), "pace_as_many", schedule=most)
    return [(as_many, AS_MANY_VALUE)] + [
        (words(x), x) for x in PACE_CHOICES if x < cap and words(x) != most]


def client_plan(sessions: dict, instrument, *, book=None, today=None) -> tuple:
    """A client's one plan from their sessions, as the profile shows it.

    Returns ``(plan, latest, sources)``: the plan (:func:`workbook.core.advice.plan_for`), the
    current picture and where each of its sections came from (the session rule of
    :mod:`workbook.session.store.picture`). Hours that cannot be read give no pace until corrected
    (the profile names them). ``book`` (the client's conversations list) tells the plan how
    far the client has got; ``today`` the day it speaks of. The look-again date saved on the
    profile reaches the plan too. The conversations page, ``workbook followups`` and the
    report read the plan here (or from ``plan_for`` with the same inputs).
    """
    latest, sources = picture(sessions)
    session = max(sessions) if sessions else None  # the latest session's date
    return (picture_plan(latest, instrument, book=book, today=today, session=session),
            latest, sources)


def picture_plan(latest: dict, instrument, *, book=None, today=None, session=None):
    """The plan of a current picture (saved answers by section), as :func:`client_plan` makes it.

    An ingredient page uses it with its own answers in place of the saved ones, so its
    closing words follow the same plan as the profile. ``session``: the date of the client's
    latest session (``YYYY-MM-DD``), which tells the plan whether a short review after a few
    talks is still to come (:attr:`workbook.core.advice.Plan.review`).
    """
    row = answers_row(latest, instrument)
    try:
        parse_hours(row[schema.HOURS])
    except WorkbookError:
        row[schema.HOURS] = None
    minutes, chosen = advice.session_inputs(latest)
    row[advice.LOOK_AGAIN] = advice.session_look_again(latest)
    row[advice.LATEST_SESSION] = session
    return advice.plan_for(row, instrument, step_minutes=minutes, chosen_per_week=chosen,
                           book=book, today=today)


class ReadinessProfile(Screen):
    """A client's readiness profile, read from the store.

    Everything it advises comes from the one plan (:func:`workbook.core.advice.plan_for`) of the
    client's current picture (the session rule, :mod:`workbook.session.store.picture`), exactly as
    the personal report does; the HTML of "where to start" and of the pace is the report's.

    Parameters
    ----------
    client_id : str or None
        The client; None means the client of the open session. With no session open the
        profile shows nobody's answers and saves nothing.
    store : ClientStore
    instrument : Instrument or path, optional

    Attributes
    ----------
    scores : Series
        The client's current picture scored (a row of :func:`workbook.score`).
    plan : Plan
        The one plan (:class:`workbook.core.advice.Plan`).
    verdict_text : str
        What the verdict means, with the ingredients it concerns named.
    carried : dict
        Ingredient -> the earlier session date its answers come from.
    history : DataFrame
        Scores as they stood after each session (:func:`workbook.session.store.score_history`).
    changes : DataFrame
        Per ingredient scored on two dates or more: first and last score and the change.
    history_figure : Figure or None
        The history chart (matplotlib), drawn once there are two session dates.

    Examples
    --------
    >>> import tempfile
    >>> from workbook.session.store import ClientStore
    >>> profile = ReadinessProfile("ann", ClientStore(tempfile.mkdtemp()))
    >>> str(profile.scores["verdict"])
    'incomplete'
    """

    def __init__(self, client_id, store, *, instrument=None):
        super().__init__(instrument)
        self.store = store
        self.client = named_client(store, client_id, self.texts)  # a look-alike refused (L2)
        self.title = widgets.HTML("")
        self.carried_note = widgets.HTML("")
        self.carried_note.add_class("wb-carried")
        # Charts are HTML images with alternative text (an Image widget cannot carry one).
        self.chart = widgets.HTML("", layout=widgets.Layout(max_width="720px"))
        self.chart.add_class("wb-profile-chart")
        self.verdict = widgets.HTML("")
        self.verdict.add_class("wb-verdict")
        self.steps = widgets.HTML("")
        self.steps.add_class("wb-next-steps")
        # A short review after a few talks (the plan's ``review``): hidden until it is due.
        self.review = widgets.HTML("")
        self.review.add_class("wb-review")
        self.review.layout.display = "none"
        self.pace = widgets.HTML("")
        self.pace.add_class("wb-plan")
        self.pace_choice = widgets.Dropdown(description=self.say("pace_choose"),
                                            options=[("", AS_MANY_VALUE)],
                                            style={"description_width": "initial"},
                                            layout=widgets.Layout(width="auto"))
        self.pace_choice.add_class("wb-pace-choice")
        self.look_again_hint = widgets.HTML(f"<p>{esc(self.say('look_again_hint'))}</p>")
        # wide enough for the label and a whole date box (as the Conversations page's)
        self.look_again = widgets.DatePicker(description=self.say("look_again_label"),
                                             style={"description_width": "initial"},
                                             layout=widgets.Layout(width="30em"))
        self.look_again.add_class("wb-look-again")
        self.look_again_note = widgets.HTML("")
        self.look_again_box = widgets.VBox([self.look_again_hint, self.look_again,
                                            self.look_again_note])
        self.look_again_box.add_class("wb-look-again-box")
        self.look_again_box.layout.display = "none"
        self.for_coach = widgets.HTML("")
        self.for_coach.add_class("wb-for-coach")
        self.changed = widgets.HTML("")
        self.changed.add_class("wb-history")
        self.history_image = widgets.HTML("", layout=widgets.Layout(max_width="720px"))
        self.history_image.add_class("wb-history-chart")
        say = self.texts.get
        self.refresh_button = widgets.Button(description=say("profile", "refresh_button"),
                                             tooltip=say("profile", "refresh_button"))
        self.refresh_button.add_class("wb-refresh")
        self.children = [
            self.title, self.carried_note, heading(say("profile", "chart_heading")), self.chart,
            heading(say("profile", "verdict_heading")), self.verdict, self.steps, self.review,
            heading(say("profile", "plan_heading")), self.pace, self.pace_choice,
            self.look_again_box, self.for_coach,
            heading(say("profile", "history_heading")), self.changed, self.history_image,
            self.refresh_button, self.messages,
        ]
        self.scores, self.plan, self.verdict_text, self.carried = None, None, "", {}
        self.history, self.changes = pd.DataFrame(), pd.DataFrame()
        self.history_figure = None
        self._choosing = False
        self.guarded(self.refresh)()
        self.refresh_button.on_click(self.guarded(lambda _button: self.refresh()))
        self.pace_choice.observe(self.guarded(self._chosen), names="value")
        self.look_again.observe(self.guarded(self._look_again_set), names="value")

    def say(self, key: str, **fill) -> str:
        """A text of the instrument's ``[session.app]`` table, filled."""
        return app_text(self.texts, key, **fill)

    def refresh(self) -> None:
        """Read the store again and redraw everything (what the Refresh button does)."""
        if not self._still_open():
            return
        self.clear_messages()
        if self.client is None:  # no session open: nobody's answers shown, nothing saved
            self.title.value = strip_html(None, self.texts)
            self.pace_choice.layout.display = "none"
            self.look_again_box.layout.display = "none"
            self.show_message(self.say("no_session"))
            return
        say, inst = self.texts.get, self.instrument
        sessions = self.reading(self.store.history, self.client)
        self.history = score_history(sessions, inst)
        for ing_id in inst.ingredient_ids:  # a score counts on the dates it was answered only
            # (a statement answered that day: a text alone is not an answer, round 9b J7)
            asked = [isinstance(sessions.get(day), dict) and answered(sessions[day].get(ing_id))
                     for day in self.history.index]
            self.history.loc[[not x for x in asked], ing_id] = float("nan")
        book = self.book = self._book()
        self.plan, latest, sources = client_plan(sessions, inst, book=book, today=self.today)
        latest_day = max(sessions) if sessions else None  # it may hold texts only (J7)
        self.carried = {k: v for k, v in carried(sources, latest_day).items()
                        if k in inst.ingredient_ids}
        minutes, chosen = advice.session_inputs(latest)
        self.scores = self.plan.scores
        self.title.value = f"<h2>{esc(say('profile', 'title', client=self.client))}</h2>"
        self.carried_note.value = self._carried_html()
        self.chart.value = svg_figure_html(
            profile_svg(self.scores, inst, labels=self.plan.said_level),
            alt=profile_alt(self.scores, inst, self.plan.said_level))
        self._verdict(latest)
        self._plan(chosen)
        self._review_show()
        self._look_again_show()
        self.for_coach.value = self._coach_html()
        self._history()
        for problem in saved_problems(latest, inst):
            self.show_message(problem)

    def _carried_html(self) -> str:
        if not self.carried:
            return ""
        parts = [f"{self.instrument.ingredient(i).name} from {day}"
                 for i, day in sorted(self.carried.items(), key=lambda x: x[1])]
        return f"<p><i>{esc(CARRIED.format(parts='; '.join(parts)))}</i></p>"

    def _verdict(self, latest: dict) -> None:
        plan = self.plan
        if not latest:
            self.verdict_text = self.texts.get("profile", "empty", client=self.client)
            self.verdict.value = f"<p><b>{esc(self.verdict_text)}</b></p>"
            self.steps.value = ""
            return
        self.verdict_text = plan.verdict_text
        notes = "".join(f"<p>{esc(self.instrument.ingredient(i).name)}: {esc(text)}</p>"
                        for i, text in plan.notes.items())
        self.verdict.value = (f"<p class='wb-verdict-name'><b>{esc(plan.verdict_name)}</b></p>"
                              f"<p>{esc(plan.verdict_text)}</p>{notes}")
        self.steps.value = start_html(plan.start)

    #: The day the profile speaks of (None: today). Tests set it.
    today = None
    #: The client's conversations list as last read (None without one).
    book = None

    def _book(self):
        """The client's conversations list (how far they have got), or None without one."""
        from workbook.session.tracker import Tracker

        tracker = Tracker(self.store, self.client)
        if not tracker.exists():
            return None
        try:
            return self.reading(tracker.read)
        except WorkbookError as exc:  # the list cannot be read: the plan goes without it
            self.show_error(exc)
            return None

    def _plan(self, chosen) -> None:
        plan = self.plan
        if plan.pace is None and not plan.quiet and plan.no_pace in ("no_hours", "no_energy"):
            self.pace.value = f"<p>{esc(pace_words(plan, self.instrument))}</p>"
        else:
            self.pace.value = pace_html(plan)
        options = pace_options(plan)
        self._choosing = True  # setting the options is not the client choosing
        try:
            # The plan's own pace is shown (never an empty box), with slower ones to choose.
            self.pace_choice.options = options or [("", AS_MANY_VALUE)]
            values = [v for _, v in options]
            self.pace_choice.value = chosen if chosen in values[1:] else AS_MANY_VALUE
        finally:
            self._choosing = False
        self.pace_choice.layout.display = None if options else "none"

    def _review_show(self) -> None:
        """The short review after a few talks: shown while the plan says it is due."""
        said = review_words(self.plan, self.texts)
        self.review.value = (f"<h3>{esc(said[0])}</h3><p>{esc(said[1])}</p>" if said else "")
        self.review.layout.display = None if said else "none"

    def _look_again_show(self) -> None:
        """The look-again date: offered to a quiet client only, showing the saved day."""
        plan = self.plan
        self._choosing = True
        try:
            self.look_again.value = plan.look_again
        finally:
            self._choosing = False
        self.look_again_hint.value = f"<p>{esc(look_again_hint(plan, self.book))}</p>"
        self.look_again_box.layout.display = None if plan.quiet else "none"

    def _look_again_set(self, change) -> None:
        """The client chose a day to look again: save it into the latest session and redraw."""
        if self._choosing or not self._still_open():
            return
        day = change["new"]
        today = self.today or dt.date.today()
        if day is not None and day < today:
            self.look_again_note.value = f"<p>{esc(self.say('look_again_past'))}</p>"
            return
        self.look_again_note.value = ""
        self.set_look_again(day)

    def set_look_again(self, day) -> None:
        """Save the day to look again (a date, ``YYYY-MM-DD`` or None to clear) and redraw.

        Kept in the latest session, section ``profile``: choosing a day is not a new session
        of answers. ``workbook followups`` lists it for the coach.
        """
        value = advice.look_again_date(day)
        if day is not None and value is None:
            raise WorkbookError(f"the day to look again must be a date, not {day!r}")
        tool = {} if value is None else {advice.LOOK_AGAIN: value.isoformat()}
        self._save_in_latest(advice.PROFILE_SECTION, tool)

    def _chosen(self, change) -> None:
        """The client picked a pace: save it (the plan never goes above the cap) and redraw."""
        if self._choosing or not self._still_open():
            return
        value = change["new"]
        tool = {} if not value else {advice.CHOSEN: float(value)}
        self._save_in_latest(advice.PACE_SECTION, tool)

    def _still_open(self) -> bool:
        """Whether the page's session is still open; when it is not, the page is closed.

        Ended (or another client opened) on another page: the next thing done here (a pace
        chosen, a day to look again) saves nothing and takes the client's whole profile off
        the page; only the line saying the session is no longer open stays (round 9 J2).
        """
        if self.client is None or self.session_open is None or self.session_open():
            return True
        said = self.say("session_ended")
        if self.children != (self.page_style, self.messages):
            self._choosing = True  # emptying the boxes is not the client choosing
            try:
                self.pace_choice.options = []
                self.look_again.value = None
            finally:
                self._choosing = False
            for box in (self.title, self.carried_note, self.chart, self.verdict, self.steps,
                        self.review, self.pace, self.look_again_note, self.for_coach,
                        self.changed, self.history_image):
                box.value = ""
            self.scores, self.plan, self.verdict_text, self.carried = None, None, "", {}
            self.history, self.changes = pd.DataFrame(), pd.DataFrame()
            self.history_figure = None
            self.children = [self.messages]
        if said not in self.errors:
            self.clear_messages()
            self.show_message(said)
        self._tell_closed()  # the app around the page closes too
        return False

    def _save_in_latest(self, section: str, tool: dict) -> None:
        """Save a profile choice into the latest session and redraw.

        Choosing a pace or a day to look again is not a new session of answers.
        """
        sessions = self.reading(self.store.sessions, self.client)
        self.reading(self.store.save, self.client, {section: {"tool": tool}},
                     session=sessions[-1] if sessions else None)
        self.mark_saved()
        self.refresh()

    def _coach_html(self) -> str:
        flags = self.plan.flags if self.plan is not None else []
        if not flags:
            return ""
        items = "".join(f"<li>{esc(text)}</li>" for text in flags)
        # Closed at first: the screen is shared with the client; a click opens it.
        box = esc(self.say("for_coach"))
        return (f"<details class='wb-coach-box'><summary><b>{box}</b></summary>"
                f"<ul>{items}</ul></details>")

    def _history(self) -> None:
        say, rows = self.texts.get, []
        for ing in self.instrument.ingredients:
            series = self.history[ing.id].dropna() if ing.id in self.history else pd.Series()
            if len(series) >= 2:
                first, last = float(series.iloc[0]), float(series.iloc[-1])
                rows.append({"ingredient": ing.id, "first_date": series.index[0], "first": first,
                             "last_date": series.index[-1], "last": last,
                             "change": round(last - first, 1)})
        self.changes = pd.DataFrame(rows)
        if len(self.history) < 2:
            self.changed.value = f"<p>{esc(say('profile', 'history_none'))}</p>"
            self.history_figure, self.history_image.value = None, ""
            self.history_image.layout.display = "none"
            return
        lines = []
        versions = self.history.attrs.get("versions")
        for ing in self.instrument.ingredients:
            match = [r for r in rows if r["ingredient"] == ing.id]
            if not match:
                lines.append(say("profile", "history_unscored", name=ing.name))
                continue
            r = match[0]
            moved = other_statements(versions, ing.id, r["first_date"], r["last_date"])
            ids = compared_on(self.instrument, ing.id, *moved) if moved else ()
            answers = self.history.attrs.get("answers")
            if ids and answers is not None:  # two versions: the statements both asked only
                a, b = score_on(answers.loc[[r["first_date"], r["last_date"]]],
                                self.instrument, ing.id, ids)
                if pd.notna(a) and pd.notna(b):
                    r.update(first=float(a), last=float(b), change=round(float(b - a), 1))
                    line = say("profile", "history_line", name=ing.name,
                               first=f"{r['first']:.0f}", first_date=r["first_date"],
                               last=f"{r['last']:.0f}", last_date=r["last_date"],
                               change=f"{r['change']:+.0f}")
                    shared = fill(self.instrument.version_words.get("shared_line", SHARED_LINE),
                                  count=len(ids), total=len(ing.items), ids=", ".join(ids),
                                  first_version=moved[0], last_version=moved[1])
                    lines.append(f"{line}, {shared}")
                    continue
            if moved:  # scores over other statements (instrument 2.0, then 2.1): not compared
                lines.append(fill(self.instrument.version_words["history_line"], name=ing.name,
                                  first_date=r["first_date"], last_date=r["last_date"],
                                  first_version=moved[0], last_version=moved[1]))
                continue
            lines.append(say("profile", "history_line", name=ing.name, first=f"{r['first']:.0f}",
                             first_date=r["first_date"], last=f"{r['last']:.0f}",
                             last_date=r["last_date"], change=f"{r['change']:+.0f}"))
        self.changes = pd.DataFrame(rows)  # a change across versions: over shared statements
        self.changed.value = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"
        self.history_figure = history_chart(self.history, self.instrument)
        data = base64.b64encode(figure_png(self.history_figure)).decode("ascii")
        alt = self.say("history_alt") + "; ".join(lines)
        self.history_image.value = f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
        self.history_image.layout.display = None


def other_statements(versions, ingredient: str, first, last):
    """The two versions when an ingredient's two dates were answered on other statements.

    ``(first_version, last_version)`` when they differ (the scores are not compared), else
    None.

    ``versions``: :func:`workbook.core.versions.ingredient_versions` by date (``score_history``'s
    ``attrs["versions"]``); a date whose version cannot be told (only shared statements
    answered) is taken as either.
    """
    if versions is None or ingredient not in versions.columns:
        return None
    a, b = versions.at[first, ingredient], versions.at[last, ingredient]
    return (a, b) if a and b and a != b else None


def saved_problems(latest: dict, instrument) -> list:
    """Messages about saved answers the profile cannot count, each naming the page to fix.

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> saved_problems({"time": {"items": {"time_1": "x"}, "tool": {"hours_per_week": "abc"}}},
    ...                load_instrument())  # doctest: +NORMALIZE_WHITESPACE
    ['Time: the saved answer "x" to statement 1 is not one of the choices, so it is not
      counted. Open the Time page to correct it.',
     'Time: the saved hours a week, "abc", is not a number from 0 to 80, so no pace can be
      worked out. Open the Time page to correct it.']
    """
    problems, texts = [], _texts(instrument)
    for ing in instrument.ingredients:
        section = latest.get(ing.id) or {}
        items = section.get(ITEMS) or {}
        for n, item in enumerate(ing.items, start=1):
            raw = items.get(item.id)
            if raw is not None and instrument.to_value(raw) is None:
                problems.append(app_text(texts, "bad_saved_answer", name=ing.name,
                                         value=quoted(raw), n=n))
        hours = (section.get(TOOL) or {}).get(schema.HOURS)
        try:
            parse_hours(hours)
        except WorkbookError:
            lo, hi = schema.HOURS_RANGE
            problems.append(app_text(texts, "bad_saved_hours", name=ing.name,
                                     value=quoted(hours), low=f"{lo:g}", high=f"{hi:g}"))
    return problems
