"""The start page: what the session is, the five ingredients, and which client it is for."""

from __future__ import annotations

import ipywidgets as widgets

from workbook.core.exceptions import WorkbookError
from workbook.session.store.records import check_id, look_alike
from workbook.session.widgets.base import Screen, esc, heading, paragraph, typed_id
from workbook.session.widgets.session import app_text, strip_html

#: The button that ends the session (the kit's words; a page says its instrument's).
END_SESSION = app_text(None, "end_session")


class StartPage(Screen):
    """Welcome, the ingredients at a glance, and the client the session is for.

    The names of saved clients are for the coach: they are listed only after the
    "Show saved clients" toggle is pressed, never by default. Open opens a saved client at
    once; for a name not saved it asks first (:meth:`request`), so a mistyped name never
    becomes a client by itself, and a name that differs from a saved one only by capitals or
    width (``Ann``, ``ann``, ``ａｎｎ``) offers the saved one.

    Parameters
    ----------
    store : ClientStore
    client_id : str, optional
        Open (and create, if new) this client at once.
    instrument : Instrument or path, optional
    app : bool
        Part of the session app (:class:`~workbook.session.widgets.app.SessionApp`): start with no
        client even if a session is open in the workspace, and leave out the words that
        point to the separate notebooks.

    Attributes
    ----------
    client : str or None
        The id of the client being worked with, as typed (surrounding spaces dropped).
    chooser : Text
        Type a name or code; ``open_button`` (or :meth:`open_client`) opens it.
    show_saved : ToggleButton
        Shows (and hides) ``saved``, the list of saved clients; picking one fills ``chooser``.
    question : VBox
        Shown when Open names no saved client: ``question_text``, ``new_button`` (start the
        new client, focused so Enter confirms) and ``saved_button`` (open the look-alike saved
        client, when there is one).
    end_button : Button
        Ends the session (:meth:`end_session`); shown while a client is open.

    Examples
    --------
    >>> import tempfile
    >>> from workbook.session.store import ClientStore
    >>> page = StartPage(ClientStore(tempfile.mkdtemp()))
    >>> page.request(" Ann B. ")  # not saved yet: asked first
    >>> page.question.layout.display is None, page.new_button.description
    (True, 'Start new client “Ann B.”')
    >>> page.new_button.click(); page.client
    'Ann B.'
    >>> page.saved.options  # hidden until the coach asks
    ()
    >>> page.end_session()
    >>> page.client is None
    True
    """

    def __init__(self, store, client_id=None, *, instrument=None, app: bool = False):
        super().__init__(instrument)
        self.store, self.app = store, app
        self.client = None if app else store.current()
        self._opened, self._ended = [], []
        say = self.texts.get
        app_say = self.app_text
        glance = "".join(f"<li><b>{esc(i.name)}</b>: {esc(i.summary)}</li>"
                         for i in self.instrument.ingredients)
        self.chooser = widgets.Text(
            value="", description=say("start", "client_label"),
            placeholder=say("start", "client_placeholder"), continuous_update=False,
            style={"description_width": "initial"})  # sent whole: no echo cuts typing short
        self.chooser.add_class("wb-client")
        self.open_button = widgets.Button(description=say("start", "open_button"),
                                          tooltip=say("start", "open_button"),
                                          button_style="primary")
        self.open_button.add_class("wb-open-client")
        self.end_button = widgets.Button(description=app_say("end_session"),
                                         tooltip=app_say("end_session"))
        self.end_button.add_class("wb-end-session")
        self.show_saved = widgets.ToggleButton(value=False, description=app_say("show_saved"),
                                               tooltip=app_say("show_saved"))
        self.show_saved.add_class("wb-show-saved")
        self.saved = widgets.Select(options=[], value=None, rows=6,
                                    description=app_say("saved_label"),
                                    style={"description_width": "initial"},
                                    layout=widgets.Layout(display="none", min_width="22em"))
        self.saved.add_class("wb-saved-clients")
        self.where = widgets.HTML("")
        self.where.layout.display = "none"
        self.question_text = widgets.HTML("")
        self.new_button = widgets.Button(button_style="primary",
                                         layout=widgets.Layout(width="auto"))
        self.new_button.add_class("wb-new-client")
        self.saved_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.saved_button.add_class("wb-open-saved")
        self.question = widgets.VBox(
            [self.question_text, widgets.HBox([self.new_button, self.saved_button])],
            layout=widgets.Layout(display="none"))
        self.question.add_class("wb-client-question")
        self._asked = None  # (the new name, the look-alike saved one or None)
        # the name last refused, as typed, and the line that said so (one at a time, G5)
        self._refused, self._refusal = None, None
        self.children = [
            heading(say("start", "title"), 2), paragraph(say("start", "intro")),
            heading(say("start", "ingredients_heading")), widgets.HTML(f"<ul>{glance}</ul>"),
            heading(say("start", "client_heading")),
            widgets.HBox([self.chooser, self.open_button, self.end_button]),
            self.question, self.status, self.messages, self.show_saved, self.saved, self.where,
            *([] if app else [paragraph(say("start", "next"))]),
        ]
        self._show()
        said = getattr(store, "notices", None) or [n for n in [getattr(store, "notice", None)]
                                                     if n]
        if said:  # every folder left out when the workspace was opened
            self.show_message("; ".join(said))
        if typed_id(client_id) is not None:
            self.guarded(self.open_client)(client_id)
        self.open_button.on_click(self.guarded(self._clicked))
        self.new_button.on_click(self.guarded(lambda _b: self._answered(new=True)))
        self.saved_button.on_click(self.guarded(lambda _b: self._answered(new=False)))
        self.end_button.on_click(self.guarded(lambda _button: self.end_session()))
        self.show_saved.observe(self.guarded(lambda _change: self._list_saved()), "value")
        self.saved.observe(self.guarded(self._picked), "value")
        self.chooser.observe(lambda _change: self._ask(None), "value")  # another name typed
        # Enter in the Client box opens, as Open does (round 6, D5): the box sends the value
        # (continuous_update=False), then a "submit" message (what the deprecated on_submit
        # listened to).
        # The browser may send "submit" before the value (keypress comes before change):
        # then the value that follows is opened.
        self._enter = False
        self.chooser.on_msg(self.guarded(self._submitted))
        self.chooser.observe(self.guarded(self._typed_after_enter), "value")

    def _submitted(self, _widget, content, _buffers) -> None:
        if not (isinstance(content, dict) and content.get("event") == "submit"):
            return
        asked = self._asked[0] if self._asked is not None else None
        typed = self.chooser.value
        try:
            name = check_id(typed_id(typed)) if typed.strip() else None
        except WorkbookError:  # a name refused: said by _clicked, unless refused already
            name = None if typed == self._refused else typed
        if name is not None and name != asked:
            self._clicked(None)
        else:  # empty, or the name asked about or refused already: the name that follows
            if not typed.strip():
                self._refuse(None)  # a blank box: the last refusal names nothing there (Q5)
            # (if another was typed) is the one Enter opens, at the first Enter (round 7,
            # E8; round 8, G5: the browser sends "submit" before the new value)
            self._enter = True

    def _typed_after_enter(self, _change) -> None:
        # the box emptied (or spaces) and Enter is answered too, as Open answers it, in place
        # of the last refusal, which named a name no longer there (round 12b Q5)
        if self._enter and (not self.chooser.value.strip() or self._asked is None):
            self._enter = False
            self._clicked(None)

    def app_text(self, key: str, **fill) -> str:
        """A text of the instrument's ``[session.app]`` table, filled."""
        return app_text(self.texts, key, **fill)

    # -- listeners (the session app) --------------------------------------------------------
    def on_open(self, callback) -> None:
        """Call ``callback(client_id)`` whenever a client is opened here."""
        self._opened.append(callback)

    def on_end(self, callback) -> None:
        """Call ``callback()`` whenever the session is ended here."""
        self._ended.append(callback)

    # -- plain functions (what a click does) ------------------------------------------------
    def _clicked(self, _button) -> None:
        self._enter = False
        self._refuse(None)
        if not self.chooser.value.strip():
            self.clear_messages()  # said once, however often Open is pressed
            self.show_message(self.texts.get("start", "no_client"))
            return
        typed = self.chooser.value
        try:
            self.request(typed)
        except WorkbookError as exc:  # a typing slip: one line, in place of the last (G5)
            self._refuse(typed, exc)

    def _refuse(self, typed, exc=None) -> None:
        """Say why the name ``typed`` is refused, in place of the last refusal (None: no more)."""
        if self._refusal in self.errors:
            self.errors.remove(self._refusal)
            self._show_errors()
        self._refused, self._refusal = typed, None
        if exc is not None:
            self._refusal = self.app_text("name_refused", error=str(exc))
            self.show_message(self._refusal)

    def request(self, client_id):
        """What Open does: open a saved client at once, ask before starting a new one.

        Returns the id opened, or None when a question is shown instead (answered with
        ``new_button`` or ``saved_button``).
        """
        self._ask(None)
        typed = typed_id(client_id)
        if typed is None:
            raise WorkbookError(self.texts.get("start", "no_client"))
        client = check_id(typed)  # the normal form: one name typed two ways is one client
        saved = self.store.clients()
        if client in saved:
            return self.open_client(client)
        self._ask((client, look_alike(client, saved)))
        return None

    def open_client(self, client_id, *, look_alike_ok: bool = False) -> str:
        """Open a client (creating their folder if new) and remember them; returns their id.

        The plain function behind Open (for papermill and the app): it does not ask. A new
        name that differs from a saved client's only by capitals or width is refused (naming
        the saved client) unless ``look_alike_ok`` is True.
        """
        client_id = typed_id(client_id)
        if client_id is None:
            raise WorkbookError(self.texts.get("start", "no_client"))
        if not look_alike_ok:
            saved = look_alike(client_id, self.store.clients())
            if saved is not None:
                raise WorkbookError(self.app_text("look_alike", client=check_id(client_id),
                                                    saved=saved))
        self.client = self.store.set_current(client_id)
        self._enter = False
        self.chooser.value = ""
        self.show_saved.value = False
        self._ask(None)
        self.clear_messages()
        self._show()
        for callback in self._opened:
            callback(self.client)
        return self.client

    def end_session(self) -> None:
        """End the session: no client is open afterwards, here or on any page opened next."""
        ended = self.client is not None
        self.store.end_session()
        self.client = None
        self._enter = False
        self.chooser.value = ""
        self.show_saved.value = False
        self._ask(None)
        self.clear_messages()
        self._show()
        if ended:  # said without the client's name: nothing of theirs stays on the page
            self.status.value = esc(self.app_text("ended"))
        for callback in self._ended:
            callback()

    def closed_elsewhere(self) -> None:
        """The session was ended (or another client opened) on another page: name nobody.

        Nothing is ended here (it is, already); the page only forgets the client it showed,
        so the start page of a stale tab does not say whom it was working with (round 9 J2).
        """
        self.client = None
        self._enter = False
        self.chooser.value = ""
        self.show_saved.value = False
        self._ask(None)
        self._show()

    def _list_saved(self) -> None:
        """Show the saved clients while the toggle is pressed; forget them when it is not."""
        shown = self.show_saved.value
        self.saved.options = self.store.clients() if shown else []
        self.saved.value = None
        self.saved.layout.display = None if shown else "none"
        kept = self.texts.get("start", "where_kept", folder=self.store.root)
        self.where.value = f"<p>{esc(kept)}</p>" if shown else ""
        self.where.layout.display = None if shown else "none"

    def _ask(self, asked) -> None:
        """Show the question about a name not saved (``(name, look-alike or None)``), or hide it."""
        self._asked = asked
        if asked is None:  # nothing of the name stays on the page, not even hidden
            self.question.layout.display = "none"
            self.question_text.value = ""
            for button in (self.new_button, self.saved_button):
                button.description = button.tooltip = ""
            return
        client, saved = asked
        words = (self.app_text("ask_new", client=client) if saved is None
                 else self.app_text("ask_look_alike", client=client, saved=saved))
        # each space as typed: "Bo  Chen" does not read as the saved "Bo Chen" (E8)
        self.question_text.value = "<p>{}</p>".format(esc(words).replace("  ", " &nbsp;"))
        self.new_button.description = self.new_button.tooltip = self.app_text(
            "new_button", client=client)
        label = self.app_text("open_saved", saved=saved) if saved is not None else ""
        self.saved_button.description = self.saved_button.tooltip = label
        self.saved_button.layout.display = None if saved is not None else "none"
        self.question.layout.display = None
        (self.saved_button if saved is not None else self.new_button).focus()

    def _answered(self, *, new: bool) -> None:
        """The coach answered the question: start the new client, or open the saved one."""
        if self._asked is None:
            return
        client, saved = self._asked
        if new:
            self.open_client(client, look_alike_ok=True)
        else:
            self.open_client(saved)

    def _picked(self, change) -> None:
        if change["new"] is not None:
            self.chooser.value = change["new"]

    def _show(self) -> None:
        say = self.texts.get
        # In the app, End session sits in the strip at the top of every page instead.
        self.end_button.layout.display = None if self.client and not self.app else "none"
        if self.client and self.app:
            self.status.value = strip_html(self.client, self.texts)
        elif self.client:
            folder = self.store.folder(self.client)
            self.status.value = esc(say("start", "opened", client=self.client, folder=folder))
        else:
            self.status.value = esc(say("start", "no_client"))
