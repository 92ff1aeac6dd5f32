"""The start page: what the session is, the five ingredients, and which client it is for."""

from __future__ import annotations

import ipywidgets as widgets

from ..exceptions import WorkbookError
from .base import Screen, esc, heading, paragraph, typed_id


class StartPage(Screen):
    """Welcome, the ingredients at a glance, and a client chooser.

    Parameters
    ----------
    store : ClientStore
    client_id : str, optional
        Open (and create, if new) this client at once. Otherwise the client last opened
        here is offered.
    instrument : Instrument or path, optional

    Attributes
    ----------
    client : str or None
        The id of the client being worked with, as typed (surrounding spaces dropped).
    chooser : Combobox
        Type a new name or pick a saved client; ``open_button`` (or :meth:`open_client`)
        opens it.

    Examples
    --------
    >>> import tempfile
    >>> from workbook.store import ClientStore
    >>> page = StartPage(ClientStore(tempfile.mkdtemp()))
    >>> page.open_client(" Ann B. ")
    'Ann B.'
    """

    def __init__(self, store, client_id=None, *, instrument=None):
        super().__init__(instrument)
        self.store = store
        self.client = store.current()
        say = self.texts.get
        glance = "".join(f"<li><b>{esc(i.name)}</b>: {esc(i.summary)}</li>"
                         for i in self.instrument.ingredients)
        self.chooser = widgets.Combobox(
            value=self.client or "", options=store.clients(),
            description=say("start", "client_label"),
            placeholder=say("start", "client_placeholder"), ensure_option=False)
        self.chooser.add_class("wb-client")
        self.open_button = widgets.Button(description=say("start", "open_button"),
                                          tooltip=say("start", "open_button"),
                                          button_style="primary")
        self.open_button.add_class("wb-open-client")
        self.where = widgets.HTML("")
        self.children = [
            heading(say("start", "title"), 2), paragraph(say("start", "intro")),
            heading(say("start", "ingredients_heading")), widgets.HTML(f"<ul>{glance}</ul>"),
            heading(say("start", "client_heading")),
            widgets.HBox([self.chooser, self.open_button]),
            self.status, self.where, paragraph(say("start", "next")), self.messages,
        ]
        self._show()
        if typed_id(client_id) is not None:
            self.guarded(self.open_client)(client_id)
        self.open_button.on_click(self.guarded(self._clicked))

    def _clicked(self, _button) -> None:
        if not self.chooser.value.strip():
            self.show_message(self.texts.get("start", "no_client"))
            return
        self.open_client(self.chooser.value)

    def open_client(self, client_id) -> str:
        """Open a client (creating their folder if new) and remember them; returns their id."""
        client_id = typed_id(client_id)
        if client_id is None:
            raise WorkbookError(self.texts.get("start", "no_client"))
        self.client = self.store.set_current(client_id)
        self.chooser.options = self.store.clients()
        self.chooser.value = self.client
        self.clear_messages()
        self._show()
        return self.client

    def _show(self) -> None:
        say = self.texts.get
        if self.client:
            folder = self.store.folder(self.client)
            self.status.value = esc(say("start", "opened", client=self.client, folder=folder))
        else:
            self.status.value = esc(say("start", "no_client"))
        self.where.value = f"<p>{esc(say('start', 'where_kept', folder=self.store.root))}</p>"
