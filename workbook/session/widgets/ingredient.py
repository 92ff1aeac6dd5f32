"""One ingredient's session page: explanation, statements, reflections, tool, live score."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
import pandas as pd

from workbook.core import advice, schema
from workbook.core.exceptions import StoreError, WorkbookError
from workbook.core.pacing import pacing_plan
from workbook.core.scoring import score
from workbook.session.sharing import COACH_NOTE, SHARE, reflection_entry, ticked
from workbook.session.store import ITEMS, REFLECTIONS, TOOL
from workbook.session.store.picture import answered, as_of, picture
from workbook.session.store.records import check_id, look_alike, new_session_key, session_key
from workbook.session.widgets.base import (
    TYPED,
    WIDE,
    Screen,
    coach_note_box,
    esc,
    heading,
    paragraph,
    share_box,
    typed_id,
)
from workbook.session.widgets.named import ClientNameError
from workbook.session.widgets.scale import AnswerScale
from workbook.session.widgets.session import app_text, session_strip
from workbook.session.widgets.tools import (
    MAX_STEP_MINUTES,
    STEP_MINUTES,
    Tool,
    field_note,
    parse_hours,
    quoted,
    shown_text,
    whole_minutes,
)


def closing_words(plan, ingredient_id: str, instrument=None, *, hours=None,
                  minutes=None) -> dict:
    """The words that close an ingredient page, from the client's one plan.

    Parameters
    ----------
    plan : Plan
        The client's plan with this page's answers in it (:func:`page_plan`).
    ingredient_id : str
    instrument : Instrument, optional
        Default: the plan's.
    hours, minutes : optional
        The time page's hours a week and minutes per step as the boxes hold them (for the
        "what fits in your week" words).

    Returns
    -------
    dict
        ``score`` (the score line; with 0 hours a week time is "no hours now", never
        "plenty"), ``guidance`` (the level's words, or the plan's note in their place),
        ``hedge`` (when an answer pattern is flagged: the verdict is a starting point),
        ``pace`` (the energy page: the pace its level allows, or, when the plan is quiet,
        why there is none: never a pace the verdict withholds) and ``capacity`` (the time
        page: what fits in a week, as the plan says it). Empty text where nothing is said.

    Examples
    --------
    >>> from workbook.core.advice import plan_for
    >>> from workbook.core.instrument import load_instrument
    >>> inst = load_instrument()
    >>> row = {i.id: (2 if i.reverse else 4) for i in inst.items}
    >>> closing_words(plan_for({**row, "hours_per_week": 0}), "time")["score"]
    'Time: 75 out of 100 from your answers, and no hours now (0 a week).'
    """
    from workbook.core.instrument import resolve
    from workbook.core.session_texts import Texts

    inst = resolve(instrument if instrument is not None else plan.instrument)
    texts = Texts(inst)
    say = texts.get
    ing, spec = inst.ingredient(ingredient_id), texts.tool(ingredient_id)
    value = plan.scores.get(ing.id)
    level = None if value is None or pd.isna(value) else ing.level(float(value))
    out = {"score": "", "guidance": "", "hedge": plan.hedge_text if plan.hedged else "",
           "pace": "", "capacity": ""}
    if level is None:
        answered = plan.scores.get(schema.answered_column(ing.id), 0)
        out["score"] = say("not_scored", needed=ing.min_answered, total=len(ing.items),
                           name=inst.ingredient_in_text(ing.id), answered=int(answered or 0))
    elif ing.id in plan.said_level:
        out["score"] = advice.plan_texts(inst)["NO_HOURS_SCORE"].format(
            name=ing.name, score=f"{float(value):.0f}")
    else:
        out["score"] = say("score_text", name=ing.name, score=f"{float(value):.0f}",
                           level=say("levels", level))
    out["guidance"] = plan.notes.get(ing.id) or (ing.guidance.get(level, "") if level else "")
    if spec.get("pace") and level:
        out["pace"] = advice.pace_text(plan) if plan.quiet else spec["pace"].get(level, "")
        if plan.pace_later and out["pace"]:  # tend first: the pace is for later
            said = out["pace"]
            lead = advice.plan_texts(inst)["PACE_LATER_LEAD"][plan.under_way]
            out["pace"] = f"{lead}, {_after_lead(said)}"
    if spec.get("kind") == "capacity" and hours is None:
        if plan.pace is None and not plan.quiet and plan.no_pace == "no_hours":
            out["capacity"] = advice.pace_text(plan)  # the report's and profile's sentence
    elif spec.get("kind") == "capacity":
        if plan.quiet or plan.pace is not None:
            out["capacity"] = advice.pace_text(plan)
        else:  # not every page is answered yet: what the hours alone would allow
            fits = pacing_plan(hours, schema.PLENTY, minutes or None, instrument=inst)
            note = spec.get("pace_note", "") if fits.cap_per_week > 0 else ""
            out["capacity"] = " ".join(x for x in (fits.summary(), note) if x)
    return out


def _after_lead(said: str) -> str:
    """A pace sentence after the lead ("Once you start, half pace: ..."), as name_in_text.

    The kit's own sentence starts in lower case there; a sentence an instrument file words
    otherwise (a German noun, a name) is kept as written.

    Examples
    --------
    >>> _after_lead("Full pace: as many conversations as your hours allow.")[:10]
    'full pace:'
    >>> _after_lead("Volles Tempo: so viele Gespräche, wie die Stunden erlauben.")[:13]
    'Volles Tempo:'
    """
    from workbook.core.instrument_file import default_raw

    kit = {text for ing in default_raw().get("ingredients", [])
           for text in (ing.get("tool", {}).get("pace") or {}).values()}
    return f"{said[:1].lower()}{said[1:]}" if said in kit else said


class SessionDateError(StoreError):
    """A page's session date refused: a notebook shows its one line, not a traceback."""

    def _render_traceback_(self):  # IPython (and so papermill) shows this instead
        return [str(self)]


class AnswersError(StoreError):
    """A page's ``answers`` refused (round 8 F11, F12): one line naming the parameter.

    A notebook (and papermill) shows its one line, not a traceback; nothing is saved.
    """

    def _render_traceback_(self):  # IPython (and so papermill) shows this instead
        return [str(self)]


def open_named(store, client_id, texts=None):
    """The client a page opens: ``client_id`` through the start page's door, else the session's.

    A page named with a client (a notebook's ``client_id``, as papermill and JupyterLab give
    it) works on them: a saved client, or a new one made; it does not change which session
    is open (only the start page, ``workbook coach`` and ``00-start-here`` open one), so a
    papermill run for another client never closes the session open in the app (round 9b
    J4). But a new name that differs from a
    saved client's only in how it looks (``ＤＥＭＯ-01``, ``demo-01``, a Cyrillic ``Е`` beside
    ``DEMO-01``: :func:`~workbook.session.store.records.look_alike`) is refused, as the start
    page, ``workbook coach`` and :meth:`ClientStore.save` refuse it, and nothing is made. With
    no name, the client of the open session (None when none is open).

    Raises
    ------
    ClientNameError
        Naming ``client_id`` and the saved client it looks like, in the instrument's words
        (``[session.app] look_alike``, those of the start page).
    """
    client_id = typed_id(client_id)
    if client_id is None:
        return store.resolve_client(None)
    client = check_id(client_id)
    saved = store.clients()
    other = None if client in saved else look_alike(client, saved)
    if other is not None:
        raise ClientNameError("client_id: " + app_text(texts, "look_alike", client=client,
                                                        saved=other))
    return store.create(client, new_look_alike=True)  # (checked just above)


def _disable(widget) -> None:
    """Grey out every control inside ``widget`` (a page whose session was ended elsewhere)."""
    if isinstance(widget, widgets.Widget) and widget.has_trait("disabled"):
        widget.disabled = True
    for child in getattr(widget, "children", ()) or ():
        _disable(child)


def _closed(page) -> None:
    """A page whose session was ended on another page: only its message stays (D11).

    The client's answers and texts leave the page too, not only the view (round 9 J2).
    """
    _disable(page)
    for child in page.children:
        if child is not page.messages and hasattr(child, "layout"):
            child.layout.display = "none"
    page.children = [page.messages]


def checked_session(session):
    """The page's ``session`` (``session_date`` in the notebooks) as given, once it is right.

    Raises
    ------
    SessionDateError
        Naming ``session_date``: not a date, after today, or before 2000-01-01.

    >>> checked_session("2026-02-30")
    Traceback (most recent call last):
    ...
    workbook.session.widgets.ingredient.SessionDateError: session_date: a session is named by its \
date, as YYYY-MM-DD (such as 2026-11-26), not '2026-02-30'
    """
    try:
        new_session_key(session)
    except StoreError as exc:
        raise SessionDateError(f"session_date: {exc}") from None
    return session


class IngredientSession(Screen):
    """The page for one ingredient, saved as you go.

    Saved answers are put back into the widgets before any observer is attached, so opening
    the page never writes. After that every committed change (a click, a finished edit) is
    saved at once, and only this ingredient's section is written: another page of the same
    client, open at the same time, loses nothing.

    Parameters
    ----------
    ingredient : str
        Ingredient id, such as ``"hope"``.
    client_id : str or None
        The client; None means the client of the open session (opened on the start page and
        not yet ended). With no session open the page shows no answers and saves nothing.
    store : ClientStore
    session : str or date, optional
        The session date answers are saved under (today by default). The page starts
        from this ingredient's answers as they stood on that date (the session's own, else
        carried from the latest earlier session), never from a later session's. A date
        that is not one, is after today or before 2000-01-01 raises
        :class:`SessionDateError` (one line in a notebook, no traceback).
    instrument : Instrument or path, optional

    Attributes
    ----------
    items : dict
        Item id -> its :class:`~workbook.session.widgets.scale.AnswerScale` (CSS class
        ``wb-item-<item id>``): the statement and the scale's labels in a row, a radio group
        (a click or Space chooses; Tab reaches the group, the arrow keys move in it).
    notes : dict
        Item id -> an HTML line under its scale, showing a saved answer that is not one
        of the choices (class ``wb-note-<item id>``), empty otherwise.
    bad_saved : dict
        Item id -> a saved answer that is not on the scale. It is shown, not counted, and
        kept as saved until an answer is chosen for that statement.
    reflections : list of Textarea
    share : dict
        Entry -> its "put this in my report" tick (class ``wb-share-<ingredient>-<entry>``),
        for each reflection (``reflection-1``, ...) and each exercise the tool offers. All
        unticked unless saved ticked: what is not ticked stays private.
    coach_note : Textarea
        The coach's own note (class ``wb-coach-note-text``); saved under its own key, never
        in any report or export.
    tool : Tool
    score_text, guidance : HTML
        The live score with its level, and that level's guidance.

    Examples
    --------
    >>> import tempfile
    >>> from workbook.session.store import ClientStore
    >>> page = IngredientSession("hope", "ann", ClientStore(tempfile.mkdtemp()))
    >>> page.fill({"hope_1": 5, "hope_6": 5, "hope_8": 5})
    >>> page.result()["score"], page.result()["level"]
    (100.0, 'plenty')
    """

    def __init__(self, ingredient, client_id, store, *, session=None, instrument=None):
        super().__init__(instrument)
        self.ingredient = self.instrument.ingredient(ingredient)
        self.store, self.session = store, checked_session(session)
        # a named client through the start page's door: a look-alike is refused (E1)
        self.client = open_named(store, client_id, self.texts)
        self._quiet = False
        own = False  # whether the section read is this session's own (not carried)
        try:  # no session open: no client's answers are shown, and nothing is saved
            latest, sources = picture(self._history()) if self.client is not None else ({}, {})
            saved = latest.get(self.ingredient.id) or {}
            own = sources.get(self.ingredient.id) == session_key(self.session)
        except WorkbookError as exc:
            self.show_error(exc)
            saved = {}
        # Answers to statements an earlier version asked (hope_2 of 2.0): the page shows this
        # version's statements. The session that holds them keeps them (its own page saves
        # them back as they are); a later session's page never carries them into its own
        # section (its base holds them and its answers do not, so the merge leaves them out),
        # so no section mixes two versions' statements (tests/test_scored_as_asked.py).
        self._old = self._retired_in(saved) if own else {}
        self._build(saved)
        self._base = self._as_read(saved)  # what this page read: a save merges over it
        self._note_carried(saved, own)
        self.strip = session_strip(self.client, self.texts)  # whose answers these are
        self.children = (self.strip, *self.children)
        if self.client is None:
            self.show_message(app_text(self.texts, "no_session"))
        self.refresh_score()
        self._attach()

    # -- building --------------------------------------------------------------------------
    def _build(self, saved: dict) -> None:
        ing, say = self.ingredient, self.texts.get
        answers = saved.get(ITEMS) or {}
        self.items, self.notes, self.bad_saved = {}, {}, {}
        item_boxes = []
        for n, item in enumerate(ing.items, start=1):
            raw = answers.get(item.id)
            value = self.instrument.to_value(raw)
            note = widgets.HTML("")
            note.add_class(f"wb-note-{item.id}")
            if raw is not None and value is None:
                self.bad_saved[item.id] = raw
                note.value = field_note(app_text(
                    self.texts, "bad_answer", value=quoted(raw), low=self.instrument.scale_min,
                    high=self.instrument.scale_max))
            self.notes[item.id] = note
            # A row of labelled choices, a radio group named by its statement (see scale.py).
            scale = AnswerScale(self.instrument.labels, self.instrument.scale_values, value,
                                statement=item.text, number=f"{n}.")
            scale.add_class(f"wb-item-{item.id}")
            self.items[item.id] = scale
            item_boxes.append(widgets.VBox([scale, note]))
        texts = list(saved.get(REFLECTIONS) or [])
        shared = ticked(saved)
        self.reflections, self.share = [], {}
        self.reflections_heading = heading(say("reflections_heading"))
        self.share_hint = paragraph(say("share_hint"), "wb-share-hint")
        prompt_boxes = [self.share_hint] if ing.prompts else []
        #: Each prompt with its answer box and tick, one box (hidden while quiet, when later).
        self.prompt_boxes = []
        for n, prompt in enumerate(ing.prompts):
            area = widgets.Textarea(
                value=shown_text(texts[n]) if n < len(texts) else "",
                description=say("reflection_label"), placeholder=say("reflection_placeholder"),
                **TYPED, layout=WIDE, style={"description_width": "initial"})
            area.add_class(f"wb-reflection-{ing.id}-{n + 1}")
            self.reflections.append(area)
            entry = reflection_entry(n + 1)
            self.share[entry] = share_box(say("share_label"), entry in shared,
                                          f"wb-share-{ing.id}-{entry}")
            box = widgets.VBox([paragraph(prompt), area, self.share[entry]])
            box.add_class(f"wb-prompt-{ing.id}-{n + 1}")
            self.prompt_boxes.append(box)
            prompt_boxes.append(box)
        self.tool = Tool(self, ing, self.texts.tool(ing.id), saved.get(TOOL) or {},
                         shared=shared, share_label=say("share_label"))
        self.share.update(self.tool.share)
        note = saved.get(COACH_NOTE)
        note_box, self.coach_note = coach_note_box(
            say("coach_note_label"), say("coach_note_placeholder"),
            shown_text(note) if note is not None else "")
        # marked closed while closed, as the profile's coach box (the screen is shared)
        note_box.add_class("wb-coach-closed")

        def _opened(change, box=note_box):
            (box.remove_class if change["new"] else box.add_class)("wb-coach-closed")

        note_box.children[0].observe(_opened, names="value")
        self.score_text = widgets.HTML("")
        self.score_text.add_class("wb-score")
        self.guidance = widgets.HTML("")
        self.guidance.add_class("wb-guidance")
        self.children = [
            heading(ing.name, 2), widgets.HTML(f"<p><i>{esc(ing.summary)}</i></p>"),
            paragraph(ing.explanation),
            heading(say("items_heading")), paragraph(say("items_hint")), *item_boxes,
            self.reflections_heading, *prompt_boxes,
            self.tool.box,
            heading(say("score_heading")), self.score_text, self.guidance,
            note_box, self.status, self.messages,
        ]
        self.add_class(f"wb-session-{ing.id}")

    def _attach(self) -> None:
        """Wire observers, once, after the saved answers are in place."""
        on_change = self.guarded(self._changed, "save_failed")
        for item_id, box in self.items.items():  # before the save: an answer replaces a bad one
            box.observe(lambda change, i=item_id: self._answered(i, change["new"]), "value")
        for box in [*self.items.values(),
                    *(b for e, b in self.share.items() if e not in self.tool.share)]:
            box.observe(lambda _change: on_change(), "value")
        # a text is sent key by key and saved once typing pauses (round 7, E3)
        self.coach_note.continuous_update = True
        for area in [*self.reflections, self.coach_note]:
            area.observe(lambda _change: None if self._quiet else self.after_typing(
                "text", on_change), "value")
        # the tool's boxes send every key too: taken once typing pauses (round 8 G6)
        self.tool.observe(on_change, typed=lambda key, func: func() if self._quiet
                          else self.after_typing(key, func))

    def _answered(self, item_id: str, value) -> None:
        if value is not None:
            self.bad_saved.pop(item_id, None)
            self.notes[item_id].value = ""

    def _changed(self) -> None:
        if self._quiet:
            return
        self.refresh_score()
        self.save()

    # -- plain functions (what a click does) ------------------------------------------------
    def answers(self) -> dict:
        """Return this ingredient's answers as saved: items, reflections, tool, ticks, note.

        ``share`` lists the ticked entries in page order; a saved tick this page does not
        offer is dropped (nobody could untick it). ``coach_note`` is the coach's note.
        """
        items = {}
        for item_id, box in self.items.items():
            if box.value is not None:
                items[item_id] = int(box.value)
            elif item_id in self.bad_saved:  # kept as saved until it is answered
                items[item_id] = self.bad_saved[item_id]
        items.update(self._old)  # an earlier version's answers, kept by their own session
        return {
            ITEMS: items,
            REFLECTIONS: [area.value for area in self.reflections],
            TOOL: self.tool.values(),
            SHARE: [entry for entry, box in self.share.items() if box.value],
            COACH_NOTE: self.coach_note.value,
        }

    def save(self) -> dict:
        """Save this ingredient's answers now; returns the whole session as saved.

        With no session open nothing is saved (``{}``) and the page says so.
        """
        if self.client is None:
            no_session = app_text(self.texts, "no_session")
            if no_session not in self.errors:
                self.show_message(no_session)
            return {}
        if not self.still_open():
            return {}
        self.drop_typing("text")  # this save takes the typed text too
        ing, mine = self.ingredient.id, self.answers()
        base = self._base
        carried = self.__dict__.get("_carried_items")
        if carried is not None and mine[ITEMS] == carried:
            # Statements answered on an earlier day and not touched here: a text typed today
            # is saved alone, not the earlier answers again as today's (round 9b J7). The
            # merge would take the earlier section's answers as what is on disk: the page
            # says it holds none of them; unless another page answered them today since.
            today = (self._history().get(session_key(self.session)) or {}).get(ing)
            mine = {**mine, ITEMS: {}}
            base = {**base, ITEMS: {} if answered(today) else dict(carried)}
        else:
            self.__dict__["_carried_items"] = None  # answered here: today's own from now
        # Field by field over what is on disk: another page of this client (a second tab,
        # a notebook beside the app) may have saved this section since this page read it.
        saved = self.reading(self.store.save, self.client, {ing: mine},
                             session=self.session, base={ing: base})
        if not self.__dict__.get("_recorded"):
            # the workspace's first instrument is recorded, as `workbook coach` does: a page
            # run on its own (papermill -p instrument) leaves the commands reading the
            # workspace the file its statements are answered on (round 12a P11); the app
            # says another one at its start
            from workbook.session.instrument_record import remember

            remember(self.store.root, self.instrument)
            self.__dict__["_recorded"] = True
        merged = saved.get(ing, mine)
        saved, merged = self._own_ticks_kept(saved, merged, mine, base)
        if carried is not None and mine[ITEMS] == {} and not answered(merged):
            # the page goes on showing the earlier answers, as read
            merged, mine = {**merged, ITEMS: dict(carried)}, {**mine, ITEMS: dict(carried)}
        if merged != mine:  # show what the other page saved, without saving it again
            self._show_saved(merged)
            self.refresh_score()
        self._base = self._as_read(merged)
        self.mark_saved()
        return saved

    def _own_ticks_kept(self, saved: dict, merged: dict, mine: dict, base: dict):
        """``(saved, merged)`` with the ticks this page just made kept after the merge.

        A tick made on this page right after typing in its box is saved with the typed text;
        that text joined with another tab's (both kept, "———" between) is shared only if both
        copies ticked it, the rule for two laptops' texts (round 13a R23), and the tick was
        dropped. The tick is this page's own change, made on the text it now shows: it is
        saved over the merged section, the rest as merged (round 14b U3).
        """
        own = set(mine[SHARE]) - set(base.get(SHARE) or [])
        now = ticked(merged)
        dropped = [e for e in mine[SHARE] if e in own and e not in now]
        if not dropped or not isinstance(merged, dict):
            return saved, merged
        keep = set(now) | set(dropped)
        again = {**merged, SHARE: [e for e in self.share if e in keep]
                 + [e for e in now if e not in self.share]}
        saved = self.reading(self.store.save, self.client, {self.ingredient.id: again},
                             session=self.session, base={self.ingredient.id: merged})
        return saved, saved.get(self.ingredient.id, again)

    def still_open(self) -> bool:
        """Whether the page's session is still open; when it is not, the page is closed.

        Ended on another page: nothing more is taken here (round 6, D11), and only the line
        saying so stays on the page.
        """
        if self.session_open is None or self.session_open():
            return True
        ended = app_text(self.texts, "session_ended")
        if ended not in self.errors:
            self.show_message(ended)
        _closed(self)
        self._tell_closed()  # the app around the page closes too
        return False

    def reload(self) -> None:
        """Show this section as saved now, when the page is shown again (round 6, D1).

        Another page of this client (a second tab) may have saved it since this page read
        it; the page shows that, so the coach never types over a text the page never showed.
        A page holding a change not saved yet keeps it (its next save merges as usual).
        """
        if self.client is None:
            return
        self.typed_now()  # a number or text typed just before: taken (and saved) first
        if self.answers() != self._base:
            return
        try:
            latest, sources = picture(self._history())
        except WorkbookError as exc:
            self.show_error(exc)
            return
        saved = latest.get(self.ingredient.id) or {}
        self._show_saved(saved)
        self._base = self._as_read(saved)
        self._note_carried(saved, sources.get(self.ingredient.id) == session_key(self.session))
        self.refresh_score()

    def _note_carried(self, section: dict, own: bool) -> None:
        """Remember the statement answers shown when they come from an earlier day.

        Saved again only once a statement is answered here (:meth:`save`).
        """
        carried = None if own or not answered(section) else dict(self.answers()[ITEMS])
        self.__dict__["_carried_items"] = carried

    def _as_read(self, section: dict) -> dict:
        """The section as this page holds it after showing ``section`` (a save's base).

        Its ``share`` is the saved list itself, so a saved tick this page does not offer
        counts as unticked by the page, and is dropped, on the next save.
        """
        mine = self.answers()
        read = {**mine[ITEMS], **self._retired_in(section)}
        return {**mine, ITEMS: read, SHARE: ticked(section)}

    def _retired_in(self, section: dict) -> dict:
        """The answers ``section`` holds to statements an earlier instrument version asked."""
        answers = section.get(ITEMS) if isinstance(section.get(ITEMS), dict) else {}
        old = {r.id for r in self.instrument.retired_items}
        return {i: v for i, v in answers.items() if i in old}

    def _show_saved(self, section: dict) -> None:
        """Show a section as saved (answers another page saved too), without a save."""
        inst = self.instrument
        answers = section.get(ITEMS) if isinstance(section.get(ITEMS), dict) else {}
        texts = section.get(REFLECTIONS) if isinstance(section.get(REFLECTIONS), list) else []
        shared, note = ticked(section), section.get(COACH_NOTE)
        with self._hold():
            for item_id, box in self.items.items():
                raw = answers.get(item_id)
                value = inst.to_value(raw)
                box.value = value
                if raw is not None and value is None:  # shown, not counted, kept as saved
                    self.bad_saved[item_id] = raw
                    self.notes[item_id].value = field_note(app_text(
                        self.texts, "bad_answer", value=quoted(raw), low=inst.scale_min,
                        high=inst.scale_max))
                elif value is None:
                    self.bad_saved.pop(item_id, None)
                    self.notes[item_id].value = ""
            for n, area in enumerate(self.reflections):
                area.value = shown_text(texts[n]) if n < len(texts) else ""
            for entry, box in self.share.items():
                box.value = entry in shared
            self.coach_note.value = shown_text(note) if note is not None else ""
            held = self.tool.values()
            for name, value in (section.get(TOOL) or {}).items():
                if held.get(name) == value:
                    continue
                if name == STEP_MINUTES and isinstance(value, dict):
                    value = {k: v for k, v in value.items() if k in self.tool.minutes}
                elif name == schema.HOURS and isinstance(value, int | float) \
                        and not isinstance(value, bool):
                    value = f"{value:g}"
                try:
                    self.tool.set(name, value)
                except (WorkbookError, ValueError, TypeError):  # kept on disk as it is
                    continue

    def set_answer(self, item_id: str, value) -> None:
        """Answer one statement with a scale value or label (None clears it)."""
        if item_id not in self.items:
            raise WorkbookError(f"{item_id!r} is not a {self.ingredient.name} statement; "
                                f"they are {', '.join(self.items)}")
        number = None if value is None else self.instrument.to_value(value)
        if value is not None and number is None:
            raise WorkbookError(f"{value!r} is not an answer on the scale "
                                f"{self.instrument.scale_min}-{self.instrument.scale_max}")
        self.items[item_id].value = number

    def set_reflection(self, index: int, text: str) -> None:
        """Write the answer to one reflection prompt (0 is the first)."""
        self.reflections[index].value = str(text or "")

    def set_shared(self, entries) -> None:
        """Tick exactly these entries for the client's report (:mod:`workbook.session.sharing`)."""
        chosen = [entries] if isinstance(entries, str) else list(entries or [])
        unknown = [e for e in chosen if e not in self.share]
        if unknown:
            raise WorkbookError(f"the {self.ingredient.name} page has nothing called "
                                f"{', '.join(map(repr, unknown))} to put in a report; "
                                f"it offers {', '.join(self.share)}")
        for entry, box in self.share.items():
            box.value = entry in chosen

    def fill(self, answers: dict) -> None:
        """Give several answers at once, then save once (used by papermill runs and tests).

        ``answers`` maps item ids to scale values or labels, tool field ids (such as
        ``hours_per_week``, ``motivators``, ``step_minutes``) to their values,
        ``"reflections"`` to a list of texts, ``"share"`` to the entries ticked for the
        report and ``"coach_note"`` to the coach's note.

        Raises
        ------
        AnswersError
            Naming ``answers``, before anything is saved: not a mapping (a list, a text),
            an answer not on the scale, a key the page does not have, hours a week that are
            not a number from 0 to 80, minutes per step that are not whole minutes from 1 to
            600 (round 8 F11, F12).
        """
        if answers is None or (isinstance(answers, Mapping) and not answers):
            return
        if not isinstance(answers, Mapping):
            raise AnswersError(
                "answers: give a mapping of statement ids (and the page's fields, such as "
                f"hours_per_week) to answers, such as {{hope_1: 4}}, not a "
                f"{type(answers).__name__} ({shown_text(answers)[:60]})")
        try:
            self._check_numbers(answers)
            with self._hold():
                for key, value in answers.items():
                    if key in self.items:
                        self.set_answer(key, value)
                    elif key == REFLECTIONS:
                        for n, text in enumerate(value):
                            self.set_reflection(n, text)
                    elif key == SHARE:
                        self.set_shared(value)
                    elif key == COACH_NOTE:
                        self.coach_note.value = "" if value is None else str(value)
                    else:
                        self.tool.set(key, value)
        except WorkbookError as exc:
            if isinstance(exc, AnswersError):
                raise
            raise AnswersError(f"answers: {exc}") from None
        given = any(key in self.items and value is not None for key, value in answers.items())
        if given and self.__dict__.get("_carried_items") is not None:
            # Statements given for this session are answered on its day, even when they are
            # the answers carried from an earlier one (round 12a P6): the section as shown is
            # saved as this session's own, over what this session itself holds on disk.
            self.__dict__["_carried_items"] = None
            today = (self._history().get(session_key(self.session)) or {}).get(
                self.ingredient.id)
            own = today.get(ITEMS) if isinstance(today, dict) else None
            self._base = {**self._base, ITEMS: dict(own) if isinstance(own, dict) else {}}
        self._changed()

    def _check_numbers(self, answers) -> None:
        """Refuse hours a week and minutes per step the page would not take (F12)."""
        if schema.HOURS in answers and schema.HOURS in self.tool.fields:
            value = answers[schema.HOURS]
            lo, hi = schema.HOURS_RANGE
            try:
                parse_hours(value)
            except WorkbookError:
                raise AnswersError(
                    f"answers: hours_per_week must be a number from {lo:g} to {hi:g} "
                    f"(or empty), not {quoted(value)}") from None
        if STEP_MINUTES in answers and self.tool.minutes:
            value = answers[STEP_MINUTES]
            if not isinstance(value, Mapping):
                raise AnswersError(f"answers: {STEP_MINUTES} must map steps "
                                   f"({', '.join(self.tool.minutes)}) to minutes, not "
                                   f"{quoted(value)}")
            for step, minutes in value.items():
                if step in self.tool.minutes and whole_minutes(minutes) is None:
                    raise AnswersError(
                        f"answers: {STEP_MINUTES} {step} must be whole minutes from 1 to "
                        f"{MAX_STEP_MINUTES}, not {quoted(minutes)}")

    @contextlib.contextmanager
    def _hold(self):
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def result(self) -> dict:
        """Return the live score: ``score`` (0-100 or None), ``level``, ``answered``, guidance."""
        ing = self.ingredient
        row = {item_id: np.nan for item_id in self.instrument.item_ids}
        row.update({i: float(b.value) for i, b in self.items.items() if b.value is not None})
        # this session's answers to an earlier version's statements: scored as asked, as the
        # profile and the report score them (never mixed with this version's: workbook.core.scoring)
        row.update({i: float(v) for i, v in ((i, self.instrument.to_value(v))
                                             for i, v in self._old.items()) if v is not None})
        scored = score(pd.DataFrame([row], dtype=float), self.instrument).iloc[0]
        value = scored[ing.id]
        level = ing.level(value)
        return {"score": None if pd.isna(value) else round(float(value), 1), "level": level,
                "answered": int(scored[schema.answered_column(ing.id)]),
                "guidance": ing.guidance[level] if level else ""}

    def page_plan(self):
        """The client's one plan with this page's answers in it (as the profile will show it).

        The saved picture of the other pages (the session rule), with this ingredient's
        section as the page holds it now.
        """
        from workbook.session.widgets.profile import picture_plan

        sessions = {}
        if self.client is not None:
            try:
                sessions = self._history()
            except WorkbookError:  # unreadable: the page's own answers still give words
                sessions = {}
        latest, _ = picture(sessions)
        latest = {**latest, self.ingredient.id: self.answers()}
        return picture_plan(latest, self.instrument, book=self._book(), today=self._day())

    def _history(self) -> dict:
        """The client's sessions on or before this page's session date (today by default).

        The session rule: a page for a past date starts from each section as it stood then,
        never from a later session's answers (which its save would otherwise copy back).
        """
        return as_of(self.reading(self.store.history, self.client), session_key(self.session))

    def _day(self):
        """The day the page speaks of: its session's date (None, today, without one)."""
        try:
            return dt.date.fromisoformat(str(self.session)[:10]) if self.session else None
        except ValueError:
            return None

    def _book(self):
        """The client's conversations list (how far they have got), or None without one.

        The plan says "once you go on" (not "start") and "your next" by it, as the profile.
        """
        from workbook.session.tracker import Tracker

        if self.client is None:
            return None
        tracker = Tracker(self.store, self.client)
        try:
            return self.reading(tracker.read) if tracker.exists() else None
        except WorkbookError:  # the list cannot be read: the page's words go without it
            return None

    def refresh_score(self) -> dict:
        """Recompute the live score and show it with its closing words (from the plan)."""
        res = self.result()
        self.plan = self.page_plan()
        words = closing_words(self.plan, self.ingredient.id, self.instrument,
                              hours=self.tool.hours, minutes=self.tool.shown_minutes())
        if res["score"] is None:
            self.score_text.value = paragraph(words["score"]).value
        else:
            self.score_text.value = f"<p><b>{esc(words['score'])}</b></p>"
        self.guidance.value = "".join(f"<p>{esc(words[k])}</p>" for k in ("guidance", "hedge")
                                      if words[k])
        for level in schema.LEVELS:  # the level's colour, as in the reports
            self.score_text.remove_class(f"wb-level-{level}")
        if res["level"]:
            shown = schema.NOT_YET if self.ingredient.id in self.plan.said_level else res["level"]
            self.score_text.add_class(f"wb-level-{shown}")
        self.tool.show(words)
        self._show_prompts()
        self.words = words
        return res

    def _show_prompts(self) -> None:
        """The reflection prompts the plan allows: a quiet plan asks for no step and no room.

        The instrument names them (an ingredient's ``prompts_later``); one the client has
        already answered (or ticked for the report) stays shown, with its tick. With no prompt
        left, the heading and hint go too.
        """
        later = set(self.ingredient.prompts_later) if self.plan.quiet else set()
        # one the client already answered or ticked for the report stays, to read and untick
        later = {n for n in later if not self.reflections[n - 1].value.strip()
                 and not self.share[reflection_entry(n)].value}
        for n, box in enumerate(self.prompt_boxes, start=1):
            box.layout.display = "none" if n in later else None
        left = len(self.prompt_boxes) > len(later)
        for box in (self.reflections_heading, self.share_hint):
            box.layout.display = None if left else "none"
