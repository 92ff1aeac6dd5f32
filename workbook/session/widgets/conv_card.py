"""The Conversations page's card: one person, their steps, and what to write to them.

Choosing a person on the list opens their card; only that card is redrawn. It says who they
are and their steps with the day each was done, with one big button for the next step and
"On an earlier day" for a step done before. It offers the starter of its step
(:mod:`workbook.core.conversations.starters`: the first note, a nudge while one is open,
thanks once the talk is held, what came of their advice once thanks are sent), the question
guide until the talk is held, what the client learned and whom they were told to see next
(added to the list with one click, :func:`split_suggestion`), and letting go where the model
allows it, with the instrument's line that silence says nothing about the client. A card of
a "for later" list leaves out the note starter, the question guide and the follow-ups. Its
"Change details" part is a form (:mod:`~workbook.session.widgets.conv_form`).
:class:`CardPart` is the part of
:class:`~workbook.session.widgets.conversations.ConversationsPage` that builds, draws and
saves it.
"""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets as widgets

from workbook.core import advice, schema
from workbook.core.conversations import model
from workbook.session.widgets.base import COLUMN, WIDE, esc, heading, paragraph
from workbook.session.widgets.tools import field_note

__all__ = ["CardPart", "ChangedElsewhere", "has_name", "info_note", "split_suggestion"]

_LABEL = {"description_width": "initial"}

#: A day this far from today (in years), either way, is asked about (round 6, D6).
ODD_YEARS = 1
#: A step this long before the client's first session is asked about too.
ODD_BEFORE_FIRST = dt.timedelta(days=28)


def _as_day(value) -> dt.date | None:
    """A date (a date, a datetime's day, an ISO day), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _years_after(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years (29 February to 28 February when needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def info_note(text: str) -> str:
    """HTML for a note beside a box that only informs (the quiet style, not the error colour).

    Examples
    --------
    >>> info_note("Already <there>.")
    '<p class="wb-conv-info" role="status">Already &lt;there&gt;.</p>'
    """
    return f'<p class="wb-conv-info" role="status">{esc(text)}</p>'


def split_suggestion(line: str) -> tuple:
    """A suggested name as typed, split into the person and where they work.

    Two forms only: ``"Name at Place"`` and ``"Name, Place"``, cut at whichever comes first
    (so the place may itself hold " at " or a comma). Anything else is all name.

    Examples
    --------
    >>> split_suggestion("Omar Haddad at City Archives")
    ('Omar Haddad', 'City Archives')
    >>> split_suggestion("Jo Kim, Parks Dept")
    ('Jo Kim', 'Parks Dept')
    >>> split_suggestion("Lu Park, archivist at the Museum")
    ('Lu Park', 'archivist at the Museum')
    >>> split_suggestion("Kim Ode"), split_suggestion("Mo Li at")
    (('Kim Ode', ''), ('Mo Li', ''))

    A line with no name before " at " or the comma has no name (:func:`has_name`):

    >>> split_suggestion(", Parks"), split_suggestion("at Tin Works"), split_suggestion(",")
    (('', 'Parks'), ('', 'Tin Works'), ('', ''))
    """
    line = line.strip()
    lead = re.match(r"(?i)(at\s+|at$|,)", line)
    if lead:  # "at Tin Works", ", Tin Works": a place with no name before it (K8)
        return "", line[lead.end():].strip(" ,")
    line = re.sub(r"(?i)(\s+at|\s*,)$", "", line).strip()  # "Mo Li at": the name alone
    cuts = [(at, sep) for sep in (" at ", ", ") if (at := line.find(sep)) > 0]
    if not cuts:
        return line, ""
    at, sep = min(cuts)
    name, org = line[:at].strip(), line[at + len(sep):].strip()
    return (name, org) if name and org else (line, "")


def has_name(name) -> bool:
    """Whether ``name`` holds a letter or a digit (",", "-" or "?" name nobody, K8).

    >>> has_name("Jo"), has_name(" , "), has_name("3000-X")
    (True, False, True)
    """
    return any(ch.isalnum() for ch in str(name or ""))


_OVERDUE = " class='wb-overdue'"


def _steps_of(person) -> tuple:
    """A person's steps and follow-ups with their days: what a card shows of them."""
    return (tuple(sorted(person.steps.items())), tuple(sorted(person.followed.items())))


#: The steps a count takes a step from (README: "a later step includes the earlier ones").
_COUNTED = {"sent": model.COUNTS_SENT, "held": model.COUNTS_HELD}


def _counted_with(person, step):
    """``(day, later step)`` a step not recorded is counted with, or None.

    The export and the report count a note sent for a reply, an agreed time, a conversation
    or thanks, and a conversation held for thanks, from the earliest of those days: the card
    says so rather than "not yet" (round 12b Q1).
    """
    dated = [(person.date(later), model.STEPS.index(later), later)
             for later in _COUNTED.get(step, ()) if later != step and person.date(later)]
    if not dated:
        return None
    day, _order, later = min(dated)
    return day, later


class ChangedElsewhere(model.ConversationError):
    """What a button showed is no longer so: another window changed it (round 7 E14).

    The page records nothing, says so (``[conversations]`` ``changed_elsewhere``) and
    redraws (:meth:`ConversationsPage._save`).
    """


class CardPart:
    """The card of a :class:`ConversationsPage` (mixed into it; uses its ``_save``).

    Attributes
    ----------
    card : VBox
        One person's card (class ``wb-conv-card``), hidden while nobody is chosen.
    outreach_box : VBox
        The note starter and the question guide (hidden on a "for later" card).
    """

    # -- building --------------------------------------------------------------------------
    def _build_card(self) -> widgets.VBox:
        say, row = self.words.get, widgets.Layout(flex_flow="row wrap", align_items="center")
        self.card_head, self.card_steps = widgets.HTML(""), widgets.HTML("")
        self.card_flags = widgets.HTML("")
        self.details_box = self._build_details()
        self.advance_button = self._button("", "wb-conv-advance", "primary")
        self.undo_button = self._button(say("undo_button"), "wb-conv-undo")
        self.earlier_step = widgets.Dropdown(
            description=say("earlier_step"), style=_LABEL,
            options=self._earlier_options(nudge=False))
        # No ``max``: ipywidgets 8.1's DatePicker does not pass it to the page's date box
        # (only DatetimePicker does), and the kernel would quietly move a later day typed
        # to today; a day ahead is kept as typed and refused in words by "Record it".
        self.earlier_date = widgets.DatePicker(description=say("earlier_date"), style=_LABEL)
        self.earlier_date.add_class("wb-conv-earlier-date")
        self.earlier_button = self._button(say("earlier_button"), "wb-conv-earlier")
        self.earlier_note = widgets.HTML("")
        # a day that looks mistyped (years back, long before the first session) is asked
        # about first; this button records it as typed (round 6, D6)
        self.earlier_yes = self._button(say("earlier_yes"), "wb-conv-earlier-yes")
        self.earlier_yes.layout.display = "none"
        self._asking = None  # (person id, step, day) asked about by the note
        # wide enough for the label's column and a whole date box
        self.meeting = widgets.DatePicker(description=say("meeting_label"), style=COLUMN,
                                          layout=widgets.Layout(width="26em"))
        self.meeting_note = widgets.HTML("")  # a day years away, or long gone: said (D6)
        # its own layout: it is hidden on some cards, and WIDE is shared by every text box
        # the card's texts are sent key by key and saved once typing pauses (round 7 E3;
        # the note and who they suggested too: round 10a K5)
        self.note = widgets.Textarea(description=say("note_heading"), rows=11,
                                     layout=widgets.Layout(width=WIDE.width),
                                     style=COLUMN, continuous_update=True)
        self.note.add_class("wb-conv-note")
        questions = "".join(f"<li>{esc(q)}</li>" for q in self.words.questions)
        self.learned = widgets.Textarea(description=say("learned_label"), layout=WIDE,
                                        style=COLUMN, continuous_update=True)
        self.suggested = widgets.Textarea(description=say("suggested_label"), layout=WIDE,
                                          style=COLUMN, continuous_update=True,
                                          placeholder=say("suggested_placeholder"))
        self.suggest_button = self._button(say("suggest_button"), "wb-conv-suggest")
        self.suggest_note = widgets.HTML("")
        self.followups = widgets.HTML("")
        self.nudge_button = self._button(say("followed_nudge"), "wb-conv-nudge")
        self.another_button = self._button(say("followed_another"), "wb-conv-another")
        # shown only for a person whose follow-ups include them (_draw_followups)
        self.nudge_button.layout.display = self.another_button.layout.display = "none"
        self.remove_button = self._button(say("remove_button"), "wb-conv-remove")
        self.confirm_text = widgets.HTML("")
        self.remove_yes = self._button(say("remove_yes"), "wb-conv-remove-yes", "danger")
        self.remove_no = self._button(say("remove_no"), "wb-conv-remove-no")
        # someone with a step stays on the list: letting them go is offered instead
        self.remove_let_go = self._button(say("let_go_button"), "wb-conv-remove-let-go")
        self.confirm = widgets.HBox([self.confirm_text, self.remove_yes, self.remove_let_go,
                                     self.remove_no],
                                    layout=widgets.Layout(flex_flow="row wrap",
                                                          display="none"))
        # the nudge starter, while a nudge is open; letting go kindly, once the model says so
        self.nudge_text = self._starter_box("wb-conv-nudge-starter")
        self.nudge_box = widgets.VBox([heading(say("nudge_heading"), 4),
                                       paragraph(say("nudge_hint")), self.nudge_text])
        self.let_go_button = self._button(say("let_go_button"), "wb-conv-let-go")
        self.let_go_box = widgets.VBox([paragraph(say("let_go_words"), "wb-conv-silence"),
                                        self.let_go_button])
        self.follow_box = widgets.VBox([
            heading(say("followups_heading"), 4), self.followups,
            widgets.HBox([self.nudge_button, self.another_button], layout=row),
            self.nudge_box, self.let_go_box])
        # a person let go: said, with the line on silence, and a way to take it back
        self.closed_text = widgets.HTML("")
        self.let_go_undo = self._button(say("let_go_undo"), "wb-conv-let-go-undo")
        self.closed_box = widgets.VBox([self.closed_text,
                                        paragraph(say("let_go_words"), "wb-conv-silence"),
                                        self.let_go_undo])
        # what a "for later" card leaves out: the note starter and the question guide
        # before the note is sent: a note to start from; after: the client's own note, if any
        self.starter_words = widgets.VBox([heading(say("starter_heading"), 4),
                                           paragraph(say("starter_hint"))])
        # the question guide, until the talk is held
        self.questions_box = widgets.VBox([heading(say("questions_heading"), 4),
                                           widgets.HTML(f"<ol>{questions}</ol>")])
        self.outreach_box = widgets.VBox([self.starter_words, self.note, self.questions_box])
        # a talk held, thanks not sent: the thank-you framing (quiet lists too: it is owed)
        self.thanks_text = self._starter_box("wb-conv-thanks-starter")
        self.thanks_box = widgets.VBox([paragraph(say("thanks_hint"), "wb-conv-thanks"),
                                        heading(say("thanks_heading"), 4), self.thanks_text])
        # thanks sent: some weeks on, what came of their advice (not on a quiet list)
        self.told_text = self._starter_box("wb-conv-told-starter")
        self.told_box = widgets.VBox([heading(say("told_heading"), 4),
                                      paragraph(say("told_hint")), self.told_text])
        card = widgets.VBox([
            self.card_head, self.details_toggle, self.details_box, self.card_steps,
            self.card_flags,
            widgets.HBox([self.advance_button, self.undo_button], layout=row),
            heading(say("earlier_heading"), 4),
            widgets.HBox([self.earlier_step, self.earlier_date, self.earlier_button],
                         layout=row), self.earlier_note, self.earlier_yes, self.meeting,
            self.meeting_note, self.closed_box,
            self.follow_box, self.outreach_box, self.thanks_box, self.told_box,
            heading(say("learned_heading"), 4), self.learned, self.suggested,
            self.suggest_button, self.suggest_note, self.remove_button, self.confirm,
        ], layout=widgets.Layout(display="none", border="1px solid #e6ded3",
                                 padding="0.2em 1.1em 1em", margin="0.8em 0"))
        card.add_class("wb-conv-card")
        # What the browser shows of the card (round 8 G14, G4): ``_card_drawn`` counts the
        # cards drawn (another person, or a step recorded or taken back); the browser copies
        # it into ``_card_seen`` once it has the card (a link run in the page) and sends it
        # back. A click or a text that arrives before that was aimed at the card as it read
        # before: the second click of a double-click records nothing, a text typed on the
        # card before is saved for its person. Without a browser (a script) nothing is seen.
        self._card_drawn = widgets.IntText(value=0)
        self._card_seen = widgets.IntText(value=-1)
        self._card_link = widgets.jsdlink((self._card_drawn, "value"),
                                          (self._card_seen, "value"))
        self._card_key = None  # what the count was last moved for
        self._card_people = {0: None}  # count -> the person whose card it was
        return card

    @staticmethod
    def _starter_box(css: str) -> widgets.HTML:
        box = widgets.HTML("")
        box.add_class(css)
        return box

    def _earlier_options(self, *, nudge: bool) -> list:
        """The steps "On an earlier day" records; with ``nudge``, a nudge after the note sent."""
        out = []
        for step in model.STEPS[1:]:
            out.append((self.words.step(step), step))
            if step == "sent" and nudge:
                out.append((self.words.step("nudge"), "nudge"))
        return out

    def _attach_card(self) -> None:
        g = self.guarded

        def step(act):  # a step button: a click aimed at the card as it read before is not
            return g(lambda _b: None if self._card_stale() else self._typed_then(act))  # (G14)

        self.advance_button.on_click(step(self.advance))
        self.undo_button.on_click(step(self.undo))
        self.earlier_button.on_click(step(lambda: self.record_step(
            self.earlier_step.value, self.earlier_date.value)))
        self.earlier_yes.on_click(step(self._record_asked))
        self.suggest_button.on_click(g(lambda _b: self.suggest(typed=True)))
        self.nudge_button.on_click(step(lambda: self.followed("nudge")))
        self.another_button.on_click(step(lambda: self.followed("another")))
        self.remove_button.on_click(g(lambda _b: self._ask_remove(True)))
        self.remove_no.on_click(g(lambda _b: self._ask_remove(False)))
        self.remove_yes.on_click(step(self.remove))
        self.remove_let_go.on_click(step(self.let_go))
        self.let_go_button.on_click(step(self.let_go))
        self.let_go_undo.on_click(step(lambda: self.let_go(undo=True)))
        self.meeting.observe(g(lambda c: self._edited("meeting", c["new"])), "value")
        for field in ("note", "learned", "suggested"):
            getattr(self, field).observe(lambda c, f=field: self._typed(f, c), "value")

    def _typed_then(self, act):
        """Save the texts held for the pause, then do ``act`` (a step after a typed note)."""
        self.typed_now()
        return act()

    def _typed(self, field: str, change) -> None:
        """Save a text of the card once typing pauses, for the person it was typed for.

        "What you learned", the note and who they suggested (round 7 E3, round 10a K5).
        A text the browser sends before it has the card now chosen (the card changed while
        the box still held keys to send) was typed on the card it showed: it is saved for
        that person, and the box shows this card's text again (round 8 G4).
        """
        if self._quiet:
            return
        pid, text = self.selected, change["new"]
        if self._card_stale():
            pid = self._card_people.get(self._card_seen.value)
            shown = self.book.people.get(self.selected)
            with self._hold():
                getattr(self, field).value = (
                    "" if shown is None else getattr(shown, field)
                    or (self._starter if field == "note" else ""))
        person = self.book.people.get(pid)
        if person is None:
            return
        if field == "note" and not person.note and text == self._starter:
            self.drop_typing((field, pid))
            return  # the starter as offered is not the client's note yet
        self.after_typing((field, pid), self.guarded(
            lambda: self.edit(field, text, person_id=pid)))

    def _card_stale(self) -> bool:
        """Whether the browser has not yet shown the card as last drawn (G14).

        False without a browser (nothing seen yet): a script's clicks are all meant.
        """
        seen = self._card_seen.value
        return seen >= 0 and seen != self._card_drawn.value

    def _card_shown(self, person) -> None:
        """Count a card drawn for another person or other steps (what the browser echoes)."""
        key = None if person is None else (person.id, _steps_of(person), person.let_go)
        if key == self._card_key:
            return
        self._card_key = key
        count = self._card_drawn.value + 1
        self._card_people[count] = None if person is None else person.id
        self._card_people.pop(count - 64, None)  # a late text is never that late
        self._card_drawn.value = count

    # -- drawing ---------------------------------------------------------------------------
    def _draw_card(self) -> None:
        person = self.book.people.get(self.selected) if self.selected else None
        self._card_shown(person)
        self.card.layout.display = None if person is not None else "none"
        self.confirm.layout.display = "none"
        if self.selected != self._shown:  # another card: the last one's notes do not apply
            self._shown = self.selected
            self._clear_card_notes()
        if person is None:
            return
        say = self.words.get
        head = [f"<h3>{esc(person.name)}</h3>"]
        facts = [(say("org_label"), person.org), (say("card_found"), person.found),
                 (say("card_why"), person.why),
                 (say("card_priority"), say(f"priority_{person.priority}"))]
        head += [f"<p><b>{esc(k)}:</b> {esc(v)}</p>" for k, v in facts if v]
        self.card_head.value = "".join(head)
        steps = []
        for step in model.STEPS:
            day = person.date(step)
            mark = "\u2713" if day else "\u25cb"
            when = self._day(day) if day else say("step_not_yet")
            with_ = None if day else _counted_with(person, step)
            if with_ is not None:  # counted with a later step, as the counts do (round 12b Q1)
                mark = "\u2713"
                when = say("step_counted", step=self.words.step(with_[1]),
                           date=self._day(with_[0]))
            steps.append(f"<li>{mark} {esc(self.words.step(step))}: {esc(when)}</li>")
            # (a list kept for later speaks of no nudge: tests/one_voice_rules.md)
            nudged = person.followed.get("nudge") if step == "sent" and not self.later else None
            if nudged:  # a nudge is no step of its own, but its day is worth seeing
                steps.append(f"<li>\u2713 {esc(self.words.step('nudge'))}: "
                             f"{esc(self._day(dt.date.fromisoformat(nudged)))}</li>")
        self.card_steps.value = f"<ul class='wb-conv-steps'>{''.join(steps)}</ul>"
        flags = person.flags()
        # Closed at first, as the profile's: the screen is shared with the client.
        self.card_flags.value = "" if not flags else (
            f"<details class='wb-coach-box'><summary><b>{esc(say('flags_heading'))}</b>"
            "</summary><ul>" + "".join(f"<li>{esc(f)}</li>" for f in flags)
            + "</ul></details>")
        nxt = person.next_step
        self._drawn_next = (person.id, nxt)  # the step the button names (E14)
        self._drawn_steps = (person.id, _steps_of(person))  # what Undo takes back (G2)
        self.advance_button.description = (
            say("advance_button", step=self.words.step(nxt)) if nxt else say("all_done"))
        self.advance_button.tooltip = self.advance_button.description
        self.advance_button.disabled = nxt is None
        # someone let go has no next step (not "every step is done"): the card says they
        # were let go, and "Take it back" opens them again
        self.advance_button.layout.display = "none" if person.closed else None
        # a "for later" list is quiet: its one button is a plain one
        self.advance_button.button_style = "" if self.later else "primary"
        self.undo_button.disabled = person.stage == "noted"
        # a nudge is offered while one is open: a note out, no answer, the list not for later
        open_note = "sent" in person.steps and not any(k in person.steps for k in model.ANSWERED)
        nudge = open_note and not self.later and not person.closed
        with self._hold():
            options = self._earlier_options(nudge=nudge)
            if list(self.earlier_step.options) != options:
                self.earlier_step.options = options
            self.earlier_step.value = nxt or person.stage
        facts = self.words.facts(person, self.book,
                                 place=model.place_name(self.book, person))
        minutes = getattr(self.plan, "conversation_minutes", None)
        self._draw_outreach(person)
        self._draw_followups(person, facts, minutes)
        self._starter = self.words.starter("note", facts, minutes=minutes)
        self.thanks_text.value = self._starter_html("thanks", facts, minutes)
        self.told_text.value = self._starter_html("told", facts, minutes)
        self.closed_box.layout.display = None if person.closed else "none"
        self.closed_text.value = "" if not person.closed else "<p><b>{}</b></p>".format(
            esc(say("let_go_done", date=self._day(dt.date.fromisoformat(person.let_go)))))
        with self._hold():
            self.note.value = person.note or self._starter
            self.learned.value = person.learned
            self.suggested.value = person.suggested
            self.meeting.value = dt.date.fromisoformat(person.meeting) if person.meeting else None
        self._shown_texts[person.id] = {
            **self._shown_texts.get(person.id, {}),
            "note": person.note, "learned": person.learned, "suggested": person.suggested}

    def _draw_outreach(self, person) -> None:
        """What the card offers for writing: by how far this person has got.

        Before the note is sent, a note to start from; once sent, the client's own note (if
        one was written) and the questions; once the talk is held, the thank-you framing
        until thanks are sent, and nothing of outreach. A quiet list shows no outreach.
        """
        steps = person.steps
        held = "held" in steps or "thanked" in steps
        unsent = not any(s in steps for s in model.STEPS[model.STEPS.index("sent"):])
        closed = person.closed
        self.outreach_box.layout.display = "none" if self.later or held or closed else None
        self.starter_words.layout.display = None if unsent else "none"
        self.note.layout.display = None if unsent or person.note else "none"
        self.questions_box.layout.display = None if not held else "none"
        thanks = held and "thanked" not in steps and "told" not in steps
        self.thanks_box.layout.display = None if thanks else "none"
        told = "thanked" in steps and "told" not in steps and not self.later
        self.told_box.layout.display = None if told else "none"

    def _starter_html(self, kind: str, facts, minutes) -> str:
        text = self.words.starter(kind, facts, minutes=minutes)
        return f"<div class='wb-conv-starter'>{esc(text)}</div>"

    def _draw_followups(self, person, facts=None, minutes=None) -> None:
        self.follow_box.layout.display = "none" if self.later or person.closed else None
        open_ = model.person_due(person, self.words.cadence, self.book)
        # as the plan allows, as "Coming up" does: tend first, nudges and new outreach wait
        if getattr(self.plan, "verdict", None) == schema.BUILD_FIRST:
            open_ = [d for d in open_ if d.kind not in advice.TEND_WAITS]
        today = self.today

        def when(d):  # as "Coming up" says it: a day gone by is overdue (not a talk's, nor
            if d.overdue(today):  # a talk agreed with no day set, round 8 F3)
                return self.words.get("due_overdue", date=self._day(d.date))
            return self._day(d.date)

        self.followups.value = (
            "<ul>" + "".join(
                f"<li{_OVERDUE if d.overdue(today) else ''}>"
                f"<span class='wb-when'>{esc(when(d))}</span>: "
                f"{esc(d.words(self.words.table))}</li>" for d in open_)
            + "</ul>" if open_ else f"<p>{esc(self.words.get('followups_none'))}</p>")
        kinds = {d.kind for d in open_}
        due_now = {d.kind for d in open_ if d.date <= today}
        self.nudge_button.layout.display = None if "nudge" in kinds else "none"
        self.another_button.layout.display = None if "another" in kinds else "none"
        # the nudge starter and letting go kindly from their day on, not before: a client
        # who has just written is not handed a nudge or a farewell on the same day
        self.nudge_box.layout.display = None if "nudge" in due_now else "none"
        self.nudge_text.value = (self._starter_html("nudge", facts, minutes)
                                 if "nudge" in due_now and facts is not None else "")
        self.let_go_box.layout.display = None if "let_go" in due_now else "none"

    # -- plain functions (what a click does) ------------------------------------------------
    def advance(self, person_id=None) -> None:
        """Mark the person's next step done today (the card's one big button).

        The step is the one the button names: when another window recorded (or took back)
        a step of theirs since the card was drawn, nothing is recorded, the page says so
        and draws the card again (round 7 E14).
        """
        pid = self._person_id(person_id)
        drawn_for, drawn = self._drawn_next

        def make(book):
            # the button names a step: if the person moved on (or back) in another window
            # since it was drawn, that step is not the next one any more (round 7 E14)
            person = book.people.get(pid)
            if drawn_for == pid and person is not None and person.next_step != drawn:
                raise ChangedElsewhere(f"{person.name}: the next step is no longer "
                                       f"{drawn!r}; nothing was recorded")
            return model.advance_op(book, pid, today=self.today)

        if self._save(make):
            self._draw()
            if self.advance_button.disabled:  # the last step: the button is done with, so
                self.undo_button.focus()  # keyboard focus goes on to the card's next control

    def record_step(self, step, when, person_id=None, *, sure: bool = False) -> bool:
        """Mark ``step`` done on an earlier day; a refusal is shown beside the date box.

        A day that looks mistyped (more than a year back, or weeks before the client's first
        session: it would move the person's listing back with it) is asked about first
        (:meth:`odd_day`), and recorded only with ``sure`` ("Yes, record that day").
        """
        pid = self._person_id(person_id)
        self.earlier_note.value = ""
        self.earlier_yes.layout.display = "none"
        self._asking = None
        if when is None:
            self.earlier_note.value = field_note(self.words.get("earlier_missing"))
            return False
        day = _as_day(when)
        # a day still to come is refused at once, in the model's words (round 8 G12)
        ask = None if sure or (day is not None and day > self.today) else self._ask_day(
            pid, step, when)
        if ask:
            self._asking = (pid, step, when)
            self.earlier_note.value = field_note(ask)
            self.earlier_yes.layout.display = None
            self.earlier_yes.focus()
            return False
        check = self._as_drawn(pid)

        def make(book):
            # another window recorded or took back a step of theirs since this card was
            # drawn: nothing is recorded, the page says so (round 8 G10, as E14)
            check(book)
            if step == "nudge":
                return model.followed_op(book, pid, "nudge", when, today=self.today)
            return model.step_op(book, pid, step, when, today=self.today, confirmed=sure)

        try:
            op = self._save(make)
        except model.ConversationError as exc:
            self.earlier_note.value = field_note(str(exc))
            return False
        if op is not None:
            if op.get("op") == "followed":
                self._last_followed[pid] = op["kind"]
            self._draw()
        return op is not None

    def _record_asked(self) -> None:
        if self._asking is not None:
            pid, step, when = self._asking
            self.record_step(step, when, pid, sure=True)

    def _ask_day(self, pid, step, when) -> str | None:
        """What to ask before recording ``step`` on ``when``, or None (D6, round 8 G10).

        A day that looks mistyped (:meth:`odd_day`), or one that puts the step out of
        order: after a step it leads to (a note drafted after it was sent), or before one
        that leads to it (a reply before the note was sent).
        """
        said = self.words.get("odd_step", step=self.words.step(step).capitalize(),
                              date=self._day_of(when))
        odd = self.odd_day(when, said)
        if odd:
            return f"{odd} {self.words.get('earlier_ask')}"
        person, day = self.book.people.get(pid), _as_day(when)
        if person is None or day is None or step not in model.STEPS:
            return None
        at = model.STEPS.index(step)
        later = [s for s in model.STEPS[at + 1:] if s in person.steps and person.date(s) < day]
        earlier = [s for s in model.STEPS[1:at] if s in person.steps and person.date(s) > day]
        if not later and not earlier:
            return None
        other = later[0] if later else earlier[-1]
        key = "odd_after_next" if later else "odd_before_last"
        text = self.words.get(key, when=said, step=self.words.step(other),
                              date=self._day(person.date(other)))
        return f"{text} {self.words.get('odd_order_ask')}"

    def _day_of(self, when) -> str:
        day = _as_day(when)
        return self._day(day) if day is not None else str(when)

    def odd_day(self, day, when: str) -> str | None:
        """Why ``day`` looks mistyped, or None; ``when`` says what and the day (a step's).

        More than :data:`ODD_YEARS` years away from today, either way, or more than
        :data:`ODD_BEFORE_FIRST` before the client's first session: most likely a wrong
        year (1999 for 2026), worth a question before it moves the list's days (D6).
        """
        day, say = _as_day(day), self.words.get
        if day is None:
            return None  # not a day: the model says so
        if day > _years_after(self.today, ODD_YEARS):
            return say("odd_ahead", when=when)
        first = self._first_session
        if first is not None and day < first - ODD_BEFORE_FIRST:
            return say("odd_before_first", when=when, first=self._day(first))
        if day < _years_after(self.today, -ODD_YEARS):
            return say("odd_long_ago", when=when)
        return None

    def _as_drawn(self, pid: str, nothing: str = "nothing was recorded"):
        """A check that the person's steps on disk are those this card drew (E14, G2, K4).

        Taken when a button is pressed; called with the list as it is on disk when the
        change is made: raises :class:`ChangedElsewhere` when another window recorded or
        took back a step or a follow-up of theirs since, so nothing is recorded.
        """
        drawn_for, drawn = self._drawn_steps

        def check(book) -> None:
            person = book.people.get(pid)
            if drawn_for == pid and person is not None and _steps_of(person) != drawn:
                raise ChangedElsewhere(f"{person.name}: the steps changed in another "
                                       f"window; {nothing}")

        return check

    def undo(self, person_id=None) -> None:
        """Take back the person's last change (a follow-up before the note under it, D4)."""
        pid = self._person_id(person_id)
        person = self.book.people.get(pid)
        if person is None or person.stage == "noted":
            return
        # the step is read from the list as it is on disk, not as this page last drew it
        last = self._last_followed.pop(pid, None)
        check = self._as_drawn(pid, "nothing was taken back")

        def make(book):
            # the card showed a last step: if another window recorded or took back a step of
            # theirs since, Undo would take back one this window never showed (round 8 G2)
            check(book)
            return model.undo_op(book, pid, last)

        if self._save(make):
            self._draw()

    def edit(self, field: str, value, person_id=None) -> bool:
        """Change one field of a person (note, learned, suggested, meeting, name, ...).

        True when saved (the page's list then holds the text as kept: merged, maybe).
        """
        pid = self._person_id(person_id)
        # a text is merged over what another page (a second tab) saved since this one
        # showed it, never written over it (round 6, D1)
        base = {k: v for k, v in self._shown_texts.get(pid, {}).items() if k == field}
        check = self._as_drawn(pid)

        def make(book):
            try:
                # a talk day years back is kept as typed and said beside the box (D6)
                return model.edit_op(book, pid, today=self.today,
                                     confirmed=field == "meeting", **{field: value})
            except model.OnListError:
                raise
            except model.ConversationError as refused:
                # a talk day refused for a step taken back in another window since the card
                # was drawn: not the card's words, but "changed elsewhere", redrawn (K6)
                if field == "meeting":
                    try:
                        check(book)
                    except ChangedElsewhere as changed:
                        raise changed from None
                raise refused

        try:
            saved = self._save(make, base=base)
        except model.ConversationError as exc:
            if field != "meeting" or isinstance(exc, model.OnListError):
                raise
            # a talk day before a time is agreed, or years ahead (G13): said beside the box,
            # which goes back to the day on record
            person = self.book.people.get(pid)
            with self._hold():
                self.meeting.value = (dt.date.fromisoformat(person.meeting)
                                      if person is not None and person.meeting else None)
            self.meeting_note.value = field_note(str(exc))
            return False
        if saved:
            self._draw()
            if field == "meeting":  # kept as typed (the record is the coach's), but said (D6)
                said = self.words.get("odd_meeting", label=self.words.get("meeting_label"),
                                      date=self._day_of(value)) if value else ""
                odd = self.odd_day(value, said) if value else None
                self.meeting_note.value = field_note(
                    f"{odd} {self.words.get('meeting_check')}") if odd else ""
                # a talk set for a day before the time was agreed (round 8 G10)
                person, day = self.book.people.get(pid), _as_day(value) if value else None
                agreed = person.date("arranged") if person is not None else None
                if not odd and day is not None and agreed is not None and day < agreed:
                    self.meeting_note.value = field_note(
                        self.words.get("odd_meeting_before", when=said,
                                       date=self._day(agreed))
                        + " " + self.words.get("meeting_check_day"))
        return bool(saved)

    def suggest(self, person_id=None, *, typed: bool = False) -> list:
        """Add each name in the person's "suggested" box (one a line) to the list.

        A line "Name at Place" or "Name, Place" gives the place too (:func:`split_suggestion`).
        A name already added from this person's talk is not added twice. Returns the new ids.
        With ``typed`` (the button), what the box holds is saved first.
        """
        pid = self._person_id(person_id)
        if typed:  # the box's text, still held for the pause, is what the button adds (K5)
            self.typed_now(("suggested", pid))
        person = self.book.people.get(pid)
        lines = [n.strip() for n in (person.suggested if person else "").splitlines()]
        # the same name at two places is two people; the same name at the same place, or a
        # name alone on the list already, is that person, not a second one (D6, round 8 G3)
        people = [split_suggestion(n) for n in dict.fromkeys(lines) if n]
        # a line with no name in it ("at Tin Works", ",") is said, not added (K8)
        nameless = [n for n, (name, _org) in zip(dict.fromkeys(n for n in lines if n), people)
                    if not has_name(name)]
        people = [(name, org) for name, org in people if has_name(name)]
        fresh, known = model.sort_suggestions(self.book, pid, people) if person else ([], [])
        said = [] if fresh else [self.words.get("suggest_added" if people else "suggest_none")]
        if known:
            names = ", ".join(f"{p.name} ({model.place_name(self.book, p) or '-'})"
                              for p in known)
            said = [self.words.get("suggest_on_list", names=names)]
        new = []
        for name, org in fresh:
            op = self._save(lambda book, n=name, o=org: model.suggest_op(
                book, pid, n, org=o, today=self.today))
            if op is None:
                break
            new.append(op["id"])
        if new:
            self._draw()
            added = [self.book.people[i] for i in new if i in self.book.people]
            names = ", ".join(f"{p.name} ({model.place_name(self.book, p)})"
                              if model.place_name(self.book, p) else p.name for p in added)
            said.insert(0, self.words.get("suggest_new", names=names))  # who was added (G3)
        if nameless:
            said = [s for s in said if people] + [
                self.words.get("suggest_no_name", lines=", ".join(nameless))]
        self.suggest_note.value = info_note(" ".join(said)) if said else ""
        return new

    def followed(self, kind: str, person_id=None) -> None:
        """Mark a follow-up (``"nudge"`` or ``"another"``) done today.

        As a step button: when another window recorded or took back a step or a follow-up
        of theirs since the card was drawn, nothing is recorded, the page says so and draws
        the card again (round 10a K4, as E14).
        """
        pid = self._person_id(person_id)
        check = self._as_drawn(pid)

        def make(book):
            check(book)
            return model.followed_op(book, pid, kind, today=self.today)

        if self._save(make):
            self._last_followed[pid] = kind
            self._draw()

    def remove(self, person_id=None) -> bool:
        """Take a person off the list (the card asks first); True when taken off.

        Someone with a step recorded stays (:func:`model.remove_op`): the card says why and
        offers to let them go instead, when the model allows it.
        """
        pid = self._person_id(person_id)
        try:
            op = self._save(lambda book: model.remove_op(book, pid))
        except model.KeptError as exc:
            self._offer_let_go(exc)
            return False
        if op:
            self.selected = None if pid == self.selected else self.selected
            self._draw()
        return bool(op)

    def let_go(self, person_id=None, *, undo: bool = False) -> bool:
        """Let a person go kindly after a silence (today), or take it back; True when saved."""
        pid = self._person_id(person_id)
        try:
            op = self._save(lambda book: model.let_go_op(book, pid, today=self.today,
                                                         undo=undo))
        except model.ConversationError as exc:
            self.confirm_text.value = field_note(str(exc))
            self.confirm.layout.display = None
            return False
        if op:
            self._draw()
        return bool(op)

    # -- events ----------------------------------------------------------------------------
    def _clear_card_notes(self) -> None:
        """Empty the notes beside the card's boxes and close its "Change details" part."""
        for note in (self.earlier_note, self.suggest_note, self.edit_name_note,
                     self.meeting_note):
            note.value = ""
        self.earlier_yes.layout.display = "none"
        self._asking = None
        with self._hold():
            self.details_toggle.value = False
        self.details_box.layout.display = "none"

    def _edited(self, field: str, value) -> None:
        if self._quiet or self.selected not in self.book.people:
            return
        person = self.book.people[self.selected]
        if field == "note" and not person.note and value == self._starter:
            return  # the starter as offered is not the client's note yet
        if field == "meeting":
            value = value.isoformat() if value else ""
        self.edit(field, value)

    def _ask_remove(self, asking: bool) -> None:
        person = self.book.people.get(self.selected)
        if person is None:
            return
        try:  # someone with a step stays: say so at once, and offer to let them go
            model.remove_op(self.book, person.id)
        except model.KeptError as exc:
            if asking:
                self._offer_let_go(exc)
                self.remove_no.focus()
                return
        text = self.words.get("remove_confirm", name=person.name)
        self.confirm_text.value = f"<p>{esc(text)}</p>"
        self.remove_yes.layout.display = None
        self.remove_let_go.layout.display = "none"
        self.confirm.layout.display = None if asking else "none"
        (self.remove_no if asking else self.remove_button).focus()

    def _offer_let_go(self, exc) -> None:
        """Say why a person stays on the list, and offer "let go" when the model allows it."""
        person = self.book.people.get(self.selected)
        key = getattr(exc, "key", "")
        text = self.words.get(key) if key in self.words.table else str(exc)
        self.confirm_text.value = f"<p>{esc(text)}</p>"
        self.remove_yes.layout.display = "none"
        can_let_go = person is not None and not person.closed
        if can_let_go:
            try:
                model.let_go_op(self.book, person.id, today=self.today)
            except model.ConversationError:
                can_let_go = False
        self.remove_let_go.layout.display = None if can_let_go else "none"
        self.confirm.layout.display = None
