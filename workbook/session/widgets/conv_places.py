"""The Conversations page's places: a short ranked list of organisations, and the list by place.

Good practice starts from places: a few organisations the client is drawn to, first things
first, each with how they are drawn to it and whether they know anyone there; people come
after. :class:`PlacesPart` is the part of :class:`~workbook.session.widgets.conversations
.ConversationsPage` that keeps them (add, rank, change, take off the list) and draws the
list of people by place. Every change is an op of :mod:`workbook.core.conversations.model`, saved
by the page at once, as a person's are.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbook.core.conversations import model
from workbook.session.store.records import merge_text
from workbook.session.widgets.base import COLUMN, WHOLE, WIDE, esc, heading, paragraph
from workbook.session.widgets.tools import field_note

__all__ = ["PlacesPart", "by_place_html"]


def by_place_html(book, say, *, label) -> str:
    """The list by place: places ranked, each with its people and their step; then no place.

    ``say`` is the page's :meth:`Words.get`; ``label(person)`` says one person and their
    step.

    Examples
    --------
    >>> from workbook.core.conversations.words import Words
    >>> book = model.Book()
    >>> model.apply(book, model.add_place_op(book, "Parks", knows=True, place_id="k"))
    >>> model.apply(book, model.add_op("Jo", org="Parks", book=book, person_id="j"))
    >>> html = by_place_html(book, Words().get, label=lambda p: p.name)
    >>> "<b>Parks</b>" in html and "<li>Jo</li>" in html
    True
    """
    parts = []
    for place in model.ranked_places(book):
        people = model.people_at(book, place.id)
        inner = "".join(f"<li>{esc(label(p))}</li>" for p in people) or (
            f"<li class='wb-conv-nobody'>{esc(say('place_people_none'))}</li>")
        parts.append(f"<li class='wb-conv-place'><b>{esc(place.name)}</b> "
                     f"<span class='wb-conv-knows'>({esc(say(f'knows_line_{place.knows}'))})"
                     f"</span><ul>{inner}</ul></li>")
    loose = model.people_at(book, "")
    tail = ""
    if loose:
        tail = (f"<p class='wb-conv-no-place'><b>{esc(say('no_place'))}</b></p><ul>"
                + "".join(f"<li>{esc(label(p))}</li>" for p in loose) + "</ul>")
    if not parts and not loose:
        return f"<p>{esc(say('places_empty'))}</p>"
    return (f"<ol class='wb-conv-by-place-list'>{''.join(parts)}</ol>" if parts else "") + tail


def _same_field(key: str, value, filled) -> bool:
    """Whether a place's box still holds what it was filled with (a name's spaces aside)."""
    if key == "knows":
        return value == filled
    if key == "name":
        return str(value or "").strip() == str(filled).strip()
    return str(value or "") == str(filled)


class PlacesPart:
    """The places of a :class:`ConversationsPage` (mixed into it; uses its ``_save``).

    Attributes
    ----------
    place_name, place_drawn, place_knows, place_add : widgets
        The form that lists a place (classes ``wb-conv-place-name``, ``wb-conv-place-add``).
    places_list : Select
        The places ranked (class ``wb-conv-places``); choosing one opens its box below
        (``place_card``: move up or down, change, take off the list).
    view : ToggleButtons
        The list of people by next step (``"step"``) or by place (``"place"``); by place,
        ``by_place`` shows the places ranked with their people.
    """

    # -- building --------------------------------------------------------------------------
    def _build_places(self) -> widgets.VBox:
        say = self.words.get
        self.place_name = widgets.Text(description=say("place_name_label"), layout=WIDE,
                                       style=COLUMN, **WHOLE)
        self.place_name.add_class("wb-conv-place-name")
        self.place_note = widgets.HTML("")
        self.place_drawn = widgets.Textarea(description=say("place_drawn_label"), layout=WIDE,
                                            style=COLUMN, **WHOLE)
        self.place_drawn.add_class("wb-conv-place-drawn")
        self.place_knows = self._knows_box()
        self.place_knows.add_class("wb-conv-place-knows")
        self.place_add = self._button(say("place_add_button"), "wb-conv-place-add")
        self.places_list = widgets.Select(options=[], rows=5, description=say("places_label"),
                                          style=COLUMN, layout=widgets.Layout(width="95%"))
        self.places_list.add_class("wb-conv-places")
        self.places_note = widgets.HTML("")
        self.place_up = self._button(say("place_up"), "wb-conv-place-up")
        self.place_down = self._button(say("place_down"), "wb-conv-place-down")
        self.place_remove = self._button(say("place_remove"), "wb-conv-place-remove")
        self.edit_place_name = widgets.Text(description=say("place_name_label"), layout=WIDE,
                                            style=COLUMN, **WHOLE)
        self.edit_place_name.add_class("wb-conv-edit-place-name")
        # the client's words about a place: sent key by key, saved once typing pauses, as
        # a card's texts and "Why them" are (round 10a K5); the name keeps "Save the place"
        self.edit_place_drawn = widgets.Textarea(description=say("place_drawn_label"),
                                                 layout=WIDE, style=COLUMN,
                                                 continuous_update=True)
        self.edit_place_knows = self._knows_box()
        self.place_save = self._button(say("place_save"), "wb-conv-place-save")
        self.place_card_note = widgets.HTML("")
        # What the browser shows of the ranking (as the card's step buttons, round 8 G14):
        # ``_places_drawn`` counts the orders drawn, the browser copies it into
        # ``_places_seen`` once it shows that order. A "Move up" or "Move down" that arrives
        # before (the second click of a double-click) moves nothing (round 10a K7). Without
        # a browser (a script) nothing is seen and every click is meant.
        self._places_drawn = widgets.IntText(value=0)
        self._places_seen = widgets.IntText(value=-1)
        self._places_link = widgets.jsdlink((self._places_drawn, "value"),
                                            (self._places_seen, "value"))
        self._places_order = None
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        self.place_card = widgets.VBox(
            [widgets.HBox([self.place_up, self.place_down, self.place_remove], layout=row),
             self.place_card_note, self.edit_place_name, self.edit_place_drawn,
             self.edit_place_knows, self.place_save],
            layout=widgets.Layout(display="none", margin="0 0 0.6em"))
        self.place_card.add_class("wb-conv-place-card")
        self.view = widgets.ToggleButtons(
            options=[(say("view_step"), "step"), (say("view_place"), "place")], value="step",
            description=say("view_label"), style={"description_width": "initial",
                                                  "button_width": "auto"})
        self.view.add_class("wb-conv-view")
        self.by_place = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.by_place.add_class("wb-conv-by-place")
        box = widgets.VBox([heading(say("place_heading")), paragraph(say("place_intro")),
                            self.place_name, self.place_note, self.place_drawn,
                            self.place_knows, self.place_add, self.places_note,
                            self.places_list, self.place_card])
        box.add_class("wb-conv-places-box")
        return box

    def _knows_box(self) -> widgets.Dropdown:
        say = self.words.get
        return widgets.Dropdown(description=say("place_knows_label"), value="unknown",
                                style=COLUMN,
                                options=[(say(f"knows_{k}"), k) for k in model.KNOWS])

    def _attach_places(self) -> None:
        g = self.guarded
        self.place_add.on_click(g(lambda _b: self.add_place(
            self.place_name.value, drawn=self.place_drawn.value,
            knows=self.place_knows.value)))
        self.place_up.on_click(g(lambda _b: self._move_shown("up")))
        self.place_down.on_click(g(lambda _b: self._move_shown("down")))
        self.place_remove.on_click(g(lambda _b: self.remove_place()))
        self.place_save.on_click(g(lambda _b: self.edit_place(
            name=self.edit_place_name.value, drawn=self.edit_place_drawn.value,
            knows=self.edit_place_knows.value)))
        self.edit_place_drawn.observe(g(self._place_typed), "value")
        self.places_list.observe(g(self._place_chosen), "value")
        self.view.observe(g(lambda c: self.show_by(c["new"])), "value")

    # -- drawing ---------------------------------------------------------------------------
    def _draw_places(self) -> None:
        say = self.words.get
        places = model.ranked_places(self.book)
        if self.place_selected not in self.book.places:
            self.place_selected = None
        with self._hold():
            self.places_list.options = [(self._place_label(n, p), p.id)
                                        for n, p in enumerate(places, start=1)]
            self.places_list.value = self.place_selected
        order = tuple(p.id for p in places)
        if order != self._places_order:  # another order: the browser is to show it first
            self._places_order = order
            self._places_drawn.value += 1
        self.places_list.rows = max(2, min(len(places), 6))
        self.places_list.layout.display = None if places else "none"
        self.places_note.value = "" if places else f"<p>{esc(say('places_empty'))}</p>"
        # the place boxes (adding, changing details) offer the places, first choice first
        self.org.options = self.edit_org.options = tuple(p.name for p in places)
        # under its place's name a person is named without it; with no place, as typed
        self.by_place.value = by_place_html(
            self.book, say, label=lambda p: self._label(p, place_too=not p.place))
        self.by_place.layout.display = None if self.view.value == "place" else "none"
        if hasattr(self, "list_heading"):
            key = "list_heading_place" if self.view.value == "place" else "list_heading"
            self.list_heading.value = f"<h3>{esc(say(key))}</h3>"
        self._draw_place_card()

    def _place_label(self, n: int, place) -> str:
        people = len(model.people_at(self.book, place.id))
        count = (self.words.get("place_people_none") if people == 0
                 else self.words.get("place_people_one") if people == 1
                 else self.words.get("place_people", count=self.words.number(people)))
        return f"{n}. {place.name} ({self.words.get(f'knows_line_{place.knows}')}; {count})"

    def _draw_place_card(self) -> None:
        place = self.book.places.get(self.place_selected) if self.place_selected else None
        self.place_card.layout.display = None if place is not None else "none"
        if place is None:
            self._place_card_for = None
            return
        # the same place drawn again (its "what draws you" saved itself, a move, the list
        # drawn again): a name or a choice changed in its box and not yet saved stays shown,
        # and "Save the place" sends it (round 14b U6); another place's box is the record's
        filled = self.__dict__.setdefault("_place_filled", {})
        was = filled.get(place.id) if self.__dict__.get("_place_card_for") == place.id else None
        shown = {"name": self.edit_place_name.value, "knows": self.edit_place_knows.value}
        kept = {k: v for k, v in shown.items()
                if was is not None and not _same_field(k, v, was[k])}
        with self._hold():
            self.edit_place_name.value = kept.get("name", place.name)
            self.edit_place_drawn.value = place.drawn
            self.edit_place_knows.value = kept.get("knows", place.knows)
        # what the form was filled with: a save sends only what was changed in it (G7)
        filled[place.id] = {"name": place.name, "drawn": place.drawn, "knows": place.knows}
        self._place_card_for = place.id
        self.place_up.disabled = place.rank == 1
        self.place_down.disabled = place.rank == len(self.book.places)

    def _ordered(self, people: list) -> list:
        """``people`` as the list shows them: by next step, or by place when chosen."""
        if self.view.value != "place":
            return people
        order = {pid: n for n, pid in enumerate(self.book.places)}
        return sorted(people, key=lambda p: order.get(p.place, len(order)))

    # -- plain functions -------------------------------------------------------------------
    def add_place(self, name, *, drawn="", knows="unknown"):
        """List a place (the last); its id, or None when refused (said beside the box)."""
        self.place_note.value = ""
        if not str(name or "").strip():
            self.place_note.value = field_note(self.words.get("place_missing"))
            return None
        try:
            op = self._save(lambda book: model.add_place_op(
                book, name, drawn=drawn, knows=knows, today=self.today, now=self.today))
        except model.ConversationError as exc:
            self.place_note.value = field_note(self._plain(exc))
            return None
        if op is None:
            return None
        with self._hold():
            self.place_name.value, self.place_drawn.value = "", ""
            self.place_knows.value = "unknown"
        self._draw()
        return op["id"]

    def _plain(self, exc) -> str:
        """A refusal in the page's words: a name on the list already in plain words (D6)."""
        if isinstance(exc, model.PlaceTakenError):
            return self.words.get("place_taken", name=exc.name)
        return str(exc)

    def choose_place(self, place_id) -> None:
        """Open one place's box (move it, change it, take it off)."""
        self.places_list.value = place_id

    def _move_shown(self, to: str) -> bool:
        """Move up or down, as the browser shows the ranking (round 10a K7).

        A click aimed at the order before the last move (the second of a double-click)
        moves nothing.
        """
        seen = self._places_seen.value
        if seen >= 0 and seen != self._places_drawn.value:
            return False
        return self.rank_place(to)

    def rank_place(self, to, place_id=None) -> bool:
        """Move a place to position ``to`` (1 first), or ``"up"``/``"down"`` one."""
        self.typed_now()  # words typed in the place's box are saved first, not redrawn over
        pid = place_id or self.place_selected
        self.place_card_note.value = ""
        try:
            op = self._save(lambda book: model.rank_op(book, pid, to))
        except model.ConversationError as exc:
            self.place_card_note.value = field_note(str(exc))
            return False
        if op is not None:
            self._draw()
        return op is not None

    def edit_place(self, place_id=None, **fields) -> bool:
        """Change a place's name, how the client is drawn to it, or whether they know anyone.

        Only the fields changed since the place's box was filled are sent: a page drawn
        before another window's change writes over nothing that window saved; "what draws
        you" changed in both keeps both, the other window's first, then "———" (round 8 G7,
        as "Change details" does for a person). A form saved unchanged saves nothing.
        """
        pid = place_id or self.place_selected
        self.place_card_note.value = ""
        filled = self.__dict__.get("_place_filled", {}).get(pid)
        if filled is not None:
            fields = {k: v for k, v in fields.items()
                      if k not in filled or not _same_field(k, v, filled[k])}
            if not fields:
                return True

        def make(book):
            sent, place = dict(fields), book.places.get(pid)
            if "drawn" in sent and filled is not None and place is not None:
                sent["drawn"] = merge_text(filled["drawn"], str(sent["drawn"] or ""),
                                           place.drawn)
            return model.edit_place_op(book, pid, **sent)

        try:
            op = self._save(make)
        except model.ConversationError as exc:
            self.place_card_note.value = field_note(self._plain(exc))
            return False
        if op is not None:
            self._draw()
        return op is not None

    def remove_place(self, place_id=None) -> bool:
        """Take a place off the list; its people stay, with no place."""
        self.typed_now()  # words typed in the place's box are saved first
        pid = place_id or self.place_selected
        op = self._save(lambda book: model.remove_place_op(book, pid, today=self.today))
        if op is not None:
            self.place_selected = None
            self._draw()
        return op is not None

    def show_by(self, how: str) -> None:
        """Show the list of people by next step (``"step"``) or by place (``"place"``)."""
        if not self._still_open():  # a session ended elsewhere: no list (G9)
            return
        if self.view.value != how:
            self.view.value = how  # comes back here through the observer
            return
        self.typed_now()  # words typed on the page are saved first, not drawn over
        # drawn from the record: another tab of this client may have saved since (a person
        # or a place changed there), as a card or a place chosen again (11b N2, 13b S1)
        self.book = self.reading(self.tracker.read)
        self._draw()

    def _place_typed(self, change) -> None:
        """Save a place's "what draws you" once typing pauses, for the place it was typed for."""
        if self._quiet:
            return
        pid, text = self.place_selected, change["new"]
        if pid is None:
            return
        self.after_typing(("place_drawn", pid), self.guarded(
            lambda: self.edit_place(pid, drawn=text)))

    def _place_chosen(self, change) -> None:
        if self._quiet or not self._still_open():  # a session ended elsewhere (G9)
            return
        self.typed_now()  # words typed in the last place's box are saved for it first
        self.place_selected = change["new"]
        self.place_card_note.value = ""
        # drawn from the record: another tab of this client may have saved since (round 13b
        # S1, as a card chosen again, 11b N2); the places only, the card is left as it is
        was, self.book = self.book, self.reading(self.tracker.read)
        self._draw_places()
        gone = was.places.get(change["new"])
        if gone is not None and change["new"] not in self.book.places:  # taken off there
            self.places_note.value = "<p>{}</p>".format(
                esc(self.words.get("place_gone_elsewhere", name=gone.name)))
