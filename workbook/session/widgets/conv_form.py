"""The Conversations page's forms: adding a person, and changing a person's details.

Both hold the same fields: name, place (one of the client's places, a new one, or none),
how they were found, why this person, and how soon. The add form sits above the list;
"Change details" is a part of a person's card (:mod:`~workbook.session.widgets.conv_card`),
hidden until asked for, its boxes filled with what the card shows. :class:`FormPart` is the
part of :class:`~workbook.session.widgets.conversations.ConversationsPage` that builds them
and saves what they send: one op of :mod:`workbook.core.conversations.model`, saved by the
page at once. An empty name is refused beside its box, and nothing is saved.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbook.core.conversations import model
from workbook.session.widgets.base import COLUMN, WHOLE, WIDE, heading
from workbook.session.widgets.conv_card import has_name
from workbook.session.widgets.tools import field_note

__all__ = ["FormPart", "OnList"]


class OnList(model.ConversationError):
    """The person added is on the list already: the same name at the same place (E4).

    ``person`` is the one listed. Names and places are compared as
    :func:`~workbook.core.conversations.model.place_key` compares them (spaces, case and
    width set aside), as the suggestions are: the same name at two places is two people.
    """

    def __init__(self, message: str, person):
        super().__init__(message)
        self.person = person


def _on_list(book, op):
    """The person on ``book`` with the name and place of an add ``op``, or None."""
    fields = op["fields"]
    key = (model.place_key(fields["name"]), model.place_key(fields["org"]))
    return next((p for p in book.people.values()
                 if (model.place_key(p.name), model.place_key(p.org)) == key), None)


def _add_new(book, name, **fields):
    """The op adding ``name``; :class:`OnList` when they are on ``book`` already (E4)."""
    op = model.add_op(name, book=book, **fields)
    listed = _on_list(book, op)
    if listed is not None:
        raise OnList(f"name: {listed.name} ({listed.org or '-'}) is on the list already",
                     listed)
    return op


def _same(key: str, value, filled) -> bool:
    """Whether a "Change details" box still holds what the form was filled with."""
    if filled is None:
        return False
    if key == "priority":
        return value == filled
    if key == "why":
        return str(value or "") == filled
    return str(value or "").strip() == str(filled).strip()


class FormPart:
    """The forms of a :class:`ConversationsPage` (mixed into it; uses its ``_save``).

    Attributes
    ----------
    name, org, found, why, priority, add_button : widgets
        The add form (classes ``wb-conv-name``, ``wb-conv-org``, ``wb-conv-found``,
        ``wb-conv-add``); ``name_note`` says why a name was refused.
    details_toggle : ToggleButton
        Shows the card's "Change details" part (``details_box``: ``edit_name``, ``edit_org``,
        ``edit_found``, ``edit_why``, ``edit_priority``, ``details_save``).
    """

    # -- building --------------------------------------------------------------------------
    def _build_form(self) -> widgets.VBox:
        """The add form: a person's fields and "Add"."""
        say = self.words.get
        # Boxes read by a button send their text when left (Tab), not on every key: a click
        # is sent at once while key updates wait behind one another, so with every key sent
        # a quick Tab and Enter could add the person before the last keys arrived (ipywidgets
        # throttles sync messages only, issue 1382); one message per box keeps the order.
        self.name = widgets.Text(description=say("name_label"), layout=WIDE, style=COLUMN,
                                 placeholder=say("name_placeholder"), **WHOLE)
        self.name.add_class("wb-conv-name")
        self.name_note = widgets.HTML("")
        # one of the client's places, a new one (listed as it is added), or none
        self.org = widgets.Combobox(description=say("org_label"), layout=WIDE, style=COLUMN,
                                    placeholder=say("org_placeholder"), ensure_option=False,
                                    **WHOLE)
        self.org.add_class("wb-conv-org")
        self.found = widgets.Text(description=say("found_label"), layout=WIDE, style=COLUMN,
                                  placeholder=say("found_placeholder"), **WHOLE)
        self.found.add_class("wb-conv-found")
        self.why = widgets.Textarea(description=say("why_label"), layout=WIDE, style=COLUMN,
                                    **WHOLE)
        self.priority = widgets.Dropdown(
            description=say("priority_label"), value=2, style=COLUMN,
            options=[(say(f"priority_{n}"), n) for n in model.PRIORITIES])
        self.add_button = self._button(say("add_button"), "wb-conv-add", "primary")
        add_box = widgets.VBox([heading(say("add_heading")), self.name, self.name_note,
                                self.org, self.found, self.why, self.priority,
                                self.add_button])
        return add_box

    def _build_details(self) -> widgets.VBox:
        """The card's "Change details" part: the add form's fields, filled, and Save."""
        say = self.words.get
        self.details_toggle = widgets.ToggleButton(
            description=say("details_button"), tooltip=say("details_button"),
            layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.details_toggle.add_class("wb-conv-details")
        self.edit_name = widgets.Text(description=say("name_label"), layout=WIDE,
                                      style=COLUMN, **WHOLE)
        self.edit_name.add_class("wb-conv-edit-name")
        self.edit_name_note = widgets.HTML("")
        # another of the client's places (the person moves there), a new one, or none
        self.edit_org = widgets.Combobox(description=say("org_label"), layout=WIDE,
                                         style=COLUMN, placeholder=say("org_placeholder"),
                                         ensure_option=False, **WHOLE)
        self.edit_found = widgets.Text(description=say("found_label"), layout=WIDE,
                                       style=COLUMN, **WHOLE)
        # sent key by key and saved once typing pauses, as the card's texts (round 10a K5)
        self.edit_why = widgets.Textarea(description=say("why_label"), layout=WIDE,
                                         style=COLUMN, continuous_update=True)
        self.edit_priority = widgets.Dropdown(
            description=say("priority_label"), value=2, style=COLUMN,
            options=[(say(f"priority_{n}"), n) for n in model.PRIORITIES])
        self.details_save = self._button(say("details_save"), "wb-conv-details-save")
        box = widgets.VBox([self.edit_name, self.edit_name_note, self.edit_org,
                            self.edit_found, self.edit_why, self.edit_priority,
                            self.details_save],
                           layout=widgets.Layout(display="none", margin="0 0 0.6em"))
        box.add_class("wb-conv-details-box")
        return box

    def _attach_form(self) -> None:
        g = self.guarded
        self.add_button.on_click(g(lambda _b: self.add_person(
            self.name.value, org=self.org.value, found=self.found.value, why=self.why.value,
            priority=self.priority.value)))
        self.details_toggle.observe(g(lambda c: self._show_details(c["new"])), "value")
        self.edit_why.observe(self._typed_why, "value")
        self.details_save.on_click(g(lambda _b: self.change_details(
            self.edit_name.value, org=self.edit_org.value, found=self.edit_found.value,
            why=self.edit_why.value, priority=self.edit_priority.value)))

    # -- plain functions (what a click does) ------------------------------------------------
    def add_person(self, name, *, org="", found="", why="", priority=2, place=None):
        """Add a person (listed today) and open their card; their id, or None if refused.

        Their place is ``place`` (the id of one of the client's places), else the place named
        ``org`` (listed as it is added when new); neither, no place. An empty name is
        refused beside the name box, and nothing is saved; so is the name of someone on the
        list at the same place (their card is opened instead, round 7 E4).
        """
        self.name_note.value = ""
        if not str(name or "").strip():
            self.name_note.value = field_note(self.words.get("name_missing"))
            return None
        if not has_name(name):  # "," or "-" names nobody (round 10a K8)
            self.name_note.value = field_note(self.words.get("name_no_letter"))
            return None
        try:
            op = self._save(lambda book: _add_new(
                book, name, org=str(org or "").strip(), found=found, why=why,
                priority=priority, today=self.today, now=self.today, place=place))
        except OnList as exc:  # the same name at the same place: their card instead (E4)
            self.selected = exc.person.id
            self._draw()
            self.name_note.value = field_note(self.words.get("add_on_list"))
            return None
        except model.OnListError as exc:  # another tab added them an instant before (round 8)
            self.book = self.reading(self.tracker.read)
            self.selected = exc.person.id if exc.person.id in self.book.people else None
            self._draw()
            # or one of that name moved from there, who a second one would be (round 11 M4)
            self.name_note.value = field_note(self.words.get(
                exc.key if exc.key == "moved_on_list" else "add_on_list", **exc.fill))
            return None
        except model.ConversationError as exc:
            self.name_note.value = field_note(str(exc))
            return None
        if op is None:
            return None
        with self._hold():
            for box in (self.name, self.org, self.found, self.why):
                box.value = ""
            self.priority.value = 2  # "How soon" starts again at its default
        self.selected = op["id"]
        self._draw()
        return op["id"]

    def change_details(self, name, *, org="", found="", why="", priority=2,
                       person_id=None) -> bool:
        """Change a person's name, place, how found, why and how soon; True when saved.

        An empty name is refused beside the box, and nothing is saved. When the form was
        filled for this person (:meth:`_fill_details`), only the fields changed in it are
        sent: a page drawn before another window's change writes over nothing that page
        saved (round 7 E12); a form saved unchanged saves nothing.
        """
        pid = self._person_id(person_id)
        self.edit_name_note.value = ""
        if not str(name or "").strip():
            self.edit_name_note.value = field_note(self.words.get("name_missing"))
            return False
        if not has_name(name):
            self.edit_name_note.value = field_note(self.words.get("name_no_letter"))
            return False
        sent = {"name": name, "org": str(org or "").strip(), "found": str(found or "").strip(),
                "why": why, "priority": priority}
        filled = self._filled.get(pid)
        if filled is not None:  # only what was changed in the form (round 7 E12)
            sent = {k: v for k, v in sent.items() if not _same(k, v, filled.get(k))}
        try:
            op = self._save(lambda book: model.edit_op(book, pid, today=self.today, **sent),
                            base={k: v for k, v in self._shown_texts.get(pid, {}).items()
                                  if k == "why"}) if sent else {}
        except model.ConversationError as exc:
            self.edit_name_note.value = field_note(str(exc))
            return False
        if op is None:
            return False
        self._filled.pop(pid, None)
        with self._hold():
            self.details_toggle.value = False
        self.details_box.layout.display = "none"
        self._draw()
        return True

    # -- events ----------------------------------------------------------------------------
    def _fill_details(self, person) -> None:
        """Put the person's details in the "Change details" boxes (shown or not)."""
        with self._hold():
            self.edit_name.value, self.edit_org.value = person.name, person.org
            self.edit_found.value, self.edit_why.value = person.found, person.why
            self.edit_priority.value = person.priority
        self._shown_texts.setdefault(person.id, {})["why"] = person.why
        self._filled[person.id] = {"name": person.name, "org": person.org,
                                   "found": person.found, "why": person.why,
                                   "priority": person.priority}

    def _typed_why(self, change) -> None:
        """Save "Why them" of "Change details" once typing pauses (round 10a K5).

        For the person the form was filled for; the form's Save sends the other fields.
        """
        if self._quiet:
            return
        pid, text = self.selected, change["new"]
        if pid not in self._filled or pid not in self.book.people:
            return

        def save():
            if not self.edit("why", text, person_id=pid):
                return
            # what was kept: the other tab's text first, then this one's (round 13b S7); the
            # box shows it, so the next words add only themselves (a box that moved on since
            # keeps its text, and the next save merges over this page's own)
            person = self.book.people.get(pid)
            kept = person.why if person is not None else text
            if kept != text and pid == self.selected and self.edit_why.value == text:
                with self._hold():
                    self.edit_why.value = kept
            else:
                kept = text
            self._shown_texts.setdefault(pid, {})["why"] = kept
            if pid in self._filled:  # saved: no longer a change of the form
                self._filled[pid]["why"] = kept

        self.after_typing(("why", pid), self.guarded(save))

    def _show_details(self, shown: bool) -> None:
        if self._quiet or not self._still_open():  # a session ended elsewhere (G9)
            return
        self.edit_name_note.value = ""
        person = self.book.people.get(self.selected)
        if shown and person is not None:
            self._fill_details(person)
        self.details_box.layout.display = None if shown and person is not None else "none"
        if shown and person is not None:
            self.edit_name.focus()
