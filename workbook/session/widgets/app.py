"""The session app: the start page, the five ingredients, the profile and the conversations.

One notebook (``notebooks/session.ipynb``) shows a :class:`SessionApp`, so Voilà serves the
whole session with one kernel: each page is built once, when it is first shown, and moving
between pages only swaps which one is visible. A session is for one client, named in the strip
at the top of every page, until the coach ends it; then every page of that client is closed
and the app is back at the start page with no client.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import json
import os
import urllib.parse
from collections.abc import Callable

import ipywidgets as widgets

from workbook.core.conversations.words import Words
from workbook.session.instrument_record import remember
from workbook.session.store import ITEMS
from workbook.session.store.records import same_client
from workbook.session.widgets.base import Screen, in_kernel, typed_id
from workbook.session.widgets.conversations import ConversationsPage
from workbook.session.widgets.ingredient import IngredientSession
from workbook.session.widgets.profile import ReadinessProfile
from workbook.session.widgets.session import app_text, strip_html
from workbook.session.widgets.start import StartPage

#: The address's query parameter that names the client (``session.ipynb?client=ann``).
CLIENT_PARAMETER = "client"
#: Set in every kernel Voilà starts ("True" in a preheated one until its page is requested).
VOILA_PREHEAT = "VOILA_PREHEAT"
#: Where Voilà puts the page address's query string in the kernel's environment.
QUERY_STRING = "QUERY_STRING"


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of the app after the start page.

    Attributes
    ----------
    key : str
        Short id (an ingredient id, ``"profile"``, ``"conversations"``); CSS classes use it.
    label : str
        Its name in the progress strip.
    build : callable
        ``build(app)`` makes the page's widget for ``app.client``; called once per client.
    shown : callable, optional
        ``shown(widget)`` is called every time the page is shown (the profile re-reads the
        store here, so it is always current).
    ingredient : bool
        Whether the progress strip marks it when it has answers.
    """

    key: str
    label: str
    build: Callable
    shown: Callable | None = None
    ingredient: bool = False


def _ingredient_page(ingredient) -> Page:
    def build(app):
        screen = IngredientSession(ingredient.id, app.client, app.store, session=app.session,
                                   instrument=app.instrument)
        screen.strip.layout.display = "none"  # the app's own strip names the client
        client, store = app.client, app.store
        # Ended in another tab (End session there): this tab's page saves nothing more.
        screen.session_open = lambda: store.current() == client
        return screen

    # Shown again: another tab of this client may have saved this page since (round 6, D1).
    return Page(ingredient.id, ingredient.name, build, ingredient=True,
                shown=lambda page: page.reload())


def _profile_page(label: str) -> Page:
    def build(app):
        profile = ReadinessProfile(app.client, app.store, instrument=app.instrument)
        client, store = app.client, app.store
        profile.session_open = lambda: store.current() == client
        profile.refresh_button.layout.display = "none"  # it is redrawn whenever it is shown
        return profile

    return Page("profile", label, build, shown=lambda profile: profile.refresh())


def _conversations_page(instrument) -> Page:
    def build(app):
        page = ConversationsPage(app.store, app.client, instrument=app.instrument)
        page.strip.layout.display = "none"  # the app's own strip names the client
        client, store = app.client, app.store
        page.session_open = lambda: store.current() == client
        return page

    # Shown again: the plan (the pace, not now) and today's due dates may have changed.
    return Page("conversations", Words(instrument).get("heading"), build,
                shown=lambda page: page.refresh())


def _close(widget) -> None:
    """Close a widget and everything inside it (frees the kernel's side of a page)."""
    for child in getattr(widget, "children", ()) or ():
        _close(child)
    widget.close()


class SessionApp(Screen):
    """The whole one-on-one session in one widget: start, ingredients, profile, conversations.

    Parameters
    ----------
    store : ClientStore
    client_id : str, optional
        Open this client at once (and go to the first ingredient). Otherwise the app starts
        at the start page with no client, whatever was open before.
    session : str or date, optional
        The session date answers are saved under (today by default).
    instrument : Instrument or path, optional
    extra_pages : sequence of Page, optional
        Pages after the profile; by default the conversations page
        (:class:`~workbook.session.widgets.conversations.ConversationsPage`).

    Attributes
    ----------
    client : str or None
        The client of the open session.
    start : StartPage
    pages : list of Page
        The pages after the start page, in order.
    current : str
        Key of the page shown (``"start"`` for the start page).
    strip : HTML
        "Working with <client>" (class ``wb-app-strip``).
    end_button, back_button, next_button : Button
    progress : dict
        Page key -> its button in the progress strip (class ``wb-progress-<key>``).

    Examples
    --------
    >>> import tempfile
    >>> from workbook.session.store import ClientStore
    >>> app = SessionApp(ClientStore(tempfile.mkdtemp()))
    >>> app.client, app.current
    (None, 'start')
    >>> app.open_client("ann")
    >>> app.current, app.screen("hope").client
    ('hope', 'ann')
    >>> app.next(); app.current
    'time'
    >>> app.end_session(); app.client, app.current
    (None, 'start')
    """

    def __init__(self, store, client_id=None, *, session=None, instrument=None,
                 extra_pages=None):
        super().__init__(instrument)
        self.store, self.session, self.client = store, session, None
        self.pages = [*(_ingredient_page(i) for i in self.instrument.ingredients),
                      _profile_page(self.say("profile"))]
        if extra_pages is None:
            extra_pages = (_conversations_page(self.instrument),)
        self.pages += list(extra_pages)
        self._screens, self._saved = {}, {}
        self.current = "start"
        self.start = StartPage(store, instrument=self.instrument, app=True)
        self.strip = widgets.HTML(strip_html(None, self.texts))
        self.strip.add_class("wb-app-strip")
        self.end_button = widgets.Button(description=self.say("end_session"),
                                         tooltip=self.say("end_session"))
        self.end_button.add_class("wb-end-session")
        self.header = widgets.HBox([self.strip, self.end_button], layout=widgets.Layout(
            justify_content="space-between", align_items="center",
            border_bottom="1px solid #D9D4CC", margin="0 0 0.5em 0"))
        self.header.add_class("wb-app-header")
        self.progress = {}
        for page in self.pages:
            button = widgets.Button(description=page.label, tooltip=page.label,
                                    layout=widgets.Layout(width="auto", min_width="148px"))
            button.add_class("wb-progress")
            button.add_class(f"wb-progress-{page.key}")
            button.on_click(self.guarded(lambda _b, key=page.key: self.show(key)))
            self.progress[page.key] = button
        self.progress_strip = widgets.HBox(list(self.progress.values()),
                                           layout=widgets.Layout(flex_flow="row wrap"))
        self.progress_strip.add_class("wb-progress-strip")
        self.body = widgets.Box([self.start], layout=widgets.Layout(display="block"))
        self.body.add_class("wb-app-body")
        self.back_button = widgets.Button(description=self.say("back"), tooltip=self.say("back"))
        self.back_button.add_class("wb-back")
        self.next_button = widgets.Button(description=self.say("next"), tooltip=self.say("next"),
                                          button_style="primary")
        self.next_button.add_class("wb-next")
        self.nav = widgets.HBox([self.back_button, self.next_button],
                                layout=widgets.Layout(margin="1.5em 0 0 0"))
        self.nav.add_class("wb-app-nav")
        # The page's address follows the app (round 6, D5): the kit's Voilà template reads
        # ``address`` (the open client and the page shown, as JSON) and puts ``?client=`` in
        # the browser's address, one history entry a page; the browser's Back and Forward
        # come back through ``went`` (the entry's JSON). Both hidden; outside Voilà unused.
        self.address = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.address.add_class("wb-app-address")
        self.went = widgets.Text("", layout=widgets.Layout(display="none"))
        self.went.add_class("wb-app-went")
        self._returned = 0  # the page's last return (Back or Forward) answered (_went)
        self.children = [self.header, self.progress_strip, self.body, self.nav, self.messages,
                         self.address, self.went]
        self.add_class("wb-app")
        self.start.on_open(self.guarded(self._opened))
        self.start.on_end(self.guarded(self._ended))
        self.end_button.on_click(self.guarded(lambda _b: self.end_session()))
        self.back_button.on_click(self.guarded(lambda _b: self.back()))
        self.next_button.on_click(self.guarded(lambda _b: self.next()))
        self.went.observe(self.guarded(lambda change: self._went(change["new"])), "value")
        self._update()
        # The workspace remembers the instrument it was started with; another one is said.
        changed = remember(store.root, self.instrument)
        if changed:
            self.show_message(changed)
        if client_id is not None and str(client_id).strip():
            self.guarded(self.open_client)(client_id)  # a bad id is said, not raised

    def say(self, key: str, **fill) -> str:
        """A text of the instrument's ``[session.app]`` table, filled."""
        return app_text(self.texts, key, **fill)

    # -- plain functions (what a click does) ------------------------------------------------
    def open_client(self, client_id) -> None:
        """Open a client's session and go to the first ingredient."""
        self.start.open_client(client_id)  # calls _opened

    #: Seconds End session waits, in a kernel, when a page holds a value typed the moment
    #: before (elsewhere: none, unless set on the app itself). The browser sends a box's
    #: later keys only once the kernel has answered the earlier ones, so the last keys of
    #: "66" may come after the click: End session waits for them, and "6" is never saved
    #: for "66" (round 9b J6).
    end_pause = 0.5

    def end_session(self) -> None:
        """End the session: close every page of the client and go back to the start page.

        What was typed the moment before (a text, the hours) is saved first, on its client,
        as the browser holds it last: in a kernel, with a value typed the moment before, the
        session ends once the keys still on their way have come (:attr:`end_pause`).
        """
        if self.__dict__.get("_ending") is not None:
            return  # pressed again while it waits: once is enough
        pause = self.__dict__.get("end_pause")
        if pause is None:
            pause = self.end_pause if in_kernel() else 0
        typing = any(screen.__dict__.get("_pending") for screen in self._screens.values()
                     if isinstance(screen, Screen))
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or pause <= 0 or not typing:
            self._end_now()
            return
        self.end_button.disabled = True
        self.__dict__["_ending"] = loop.call_later(pause, self.guarded(self._end_now))

    def _end_now(self) -> None:
        moving = self.__dict__.pop("_moving", None)
        if moving is not None:
            moving.cancel()  # the session ends: no page of it is shown
        ending = self.__dict__.pop("_ending", None)
        if ending is not None:
            ending.cancel()
            self.end_button.disabled = False
        with self._own_move():
            for screen in list(self._screens.values()):
                if isinstance(screen, Screen):
                    screen.guarded(screen.typed_now)()
        if self.client is not None and self.store.current() not in (None, self.client):
            # ended (and another client opened) on another page: theirs is not ended here
            self.start.closed_elsewhere()
            self._ended()
            return
        self.start.end_session()  # calls _ended

    #: Seconds between two checks, in a kernel, that the open session is still open
    #: (elsewhere: none, unless set on the app itself). Each tab is a kernel of its own: a
    #: tab left untouched after End session (or another client opened) in another tab
    #: closes by itself, showing only that the session is no longer open, without waiting
    #: for a click (round 13b S3). A check reads one small file (the workspace's open
    #: client) and changes nothing while the session is open.
    open_check = 2.0

    def _watch(self) -> None:
        """Check again in :attr:`open_check` seconds that the session is open (a kernel)."""
        self._unwatch()
        every = self.__dict__.get("open_check")
        if every is None:
            every = self.open_check if in_kernel() else 0
        if self.client is None or every <= 0:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # a script: its pages close when they next act (round 8 G9)
        self.__dict__["_watching"] = loop.call_later(every, self.guarded(self._check_open))

    def _unwatch(self) -> None:
        watching = self.__dict__.pop("_watching", None)
        if watching is not None:
            watching.cancel()

    def _check_open(self) -> None:
        """The timer of :meth:`_watch`: close the app if its session is no longer open."""
        self.__dict__.pop("_watching", None)
        if self.client is None:
            return
        if self.store.current() == self.client:
            self._watch()
            return
        self._closed_elsewhere()

    def _page_closed(self) -> None:
        """A page found its session no longer open and closed itself: so does the app.

        A click in a stale tab before :meth:`_check_open` came round closed only the page;
        the header kept "Working with" the client and End session. The app checks again
        and closes as the check does; in a kernel just after the click is answered (never
        inside a page's own callback, nor while the app ends or opens a session itself).
        """
        loop = None
        if in_kernel():  # a loop left in a script's thread (Playwright's) never runs this
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if loop is not None:
            loop.call_soon(self.guarded(self._close_if_gone))
        elif not self.__dict__.get("_own_moves"):
            self._close_if_gone()

    @contextlib.contextmanager
    def _own_move(self):
        """While the app itself saves, ends, opens or shows a page.

        A page closing meanwhile is left to the app's own checks when no loop can answer
        the page's call once the app is done (a script).
        """
        self.__dict__["_own_moves"] = self.__dict__.get("_own_moves", 0) + 1
        try:
            yield
        finally:
            self.__dict__["_own_moves"] -= 1

    def _close_if_gone(self) -> None:
        if self.client is not None and self.store.current() != self.client:
            self._closed_elsewhere()

    def _closed_elsewhere(self) -> None:
        """Ended (or another client opened) on another page: this one is closed too (D11).

        The start page names nobody either (J2) and says only that the session is no longer
        open; what was typed the moment before is saved first, for its client (N3).
        """
        self.start.closed_elsewhere()
        self._ended()
        self.start.show_message(self.say("session_ended"))

    def order(self) -> list:
        """Keys of every page, start first."""
        return ["start", *(page.key for page in self.pages)]

    def show(self, key: str) -> None:
        """Show one page (built the first time it is shown, then kept)."""
        if key not in self.order():
            raise KeyError(f"the session app has no page {key!r}; it has {self.order()}")
        if self.client is not None and self.store.current() != self.client:
            self._closed_elsewhere()  # ended (or another client opened) on another page
            return
        if key != "start" and self.client is None:
            key = "start"  # no session open: only the start page
        moving = self.__dict__.pop("_moving", None)
        if moving is not None:
            moving.cancel()  # another page asked for meanwhile: that one is shown
        if key != self.current and self._keys_on_their_way():
            # a value typed the moment before (hours, a step's minutes): its last keys may
            # come after the click, as for End session; the page is drawn once they have
            # come and are saved, never from the value before (round 12b Q6)
            loop = asyncio.get_running_loop()
            self.__dict__["_moving"] = loop.call_later(
                self._pause(), self.guarded(lambda: self._moved(key)))
            return
        self._take_typed()  # what was typed is saved first: the page is drawn from it
        self.current = key
        screen = self.screen(key) if key != "start" else self.start
        page = self._page(key)
        if page is not None and page.shown is not None:
            with self._own_move():
                page.shown(screen)
        self.body.children = [screen]
        self._update()
        if key != "start":
            self.progress[key].focus()  # keyboard users go on from the page's own strip

    def _pause(self) -> float:
        """Seconds to wait for keys still on their way (:attr:`end_pause`, in a kernel)."""
        pause = self.__dict__.get("end_pause")
        if pause is None:
            pause = self.end_pause if in_kernel() else 0
        return pause

    def _keys_on_their_way(self) -> bool:
        """Whether a page holds a value typed the moment before and a loop can wait for more."""
        typing = any(screen.__dict__.get("_pending") for screen in self._screens.values()
                     if isinstance(screen, Screen))
        if not typing or self._pause() <= 0:
            return False
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    def _take_typed(self) -> None:
        """Save now what every page holds typed (a text, the hours, a step's minutes)."""
        with self._own_move():
            for screen in list(self._screens.values()):
                if isinstance(screen, Screen):
                    screen.guarded(screen.typed_now)()

    def _moved(self, key: str) -> None:
        """The keys on their way have come: save them, then show the page asked for."""
        self.__dict__.pop("_moving", None)
        self._take_typed()
        self.show(key)

    def next(self) -> None:
        """Go to the next page."""
        order = self.order()
        self.show(order[min(order.index(self.current) + 1, len(order) - 1)])

    def back(self) -> None:
        """Go to the page before."""
        order = self.order()
        self.show(order[max(order.index(self.current) - 1, 0)])

    def screen(self, key: str):
        """The widget of a page for the open client, built the first time it is asked for."""
        if self.client is None:
            raise KeyError("no client is open")
        if key not in self._screens:
            screen = self._page(key).build(self)
            if isinstance(screen, Screen):  # a save changes the status line: mark progress
                screen.status.observe(lambda _change: self._update(), "value")
                # a page that finds its session ended elsewhere closes the whole app
                screen.session_closed = self._page_closed
            self._screens[key] = screen
        return self._screens[key]

    def answered(self) -> list:
        """Keys of the ingredient pages that have answers for the open client."""
        if self.client is None:
            return []
        done = []
        for page in self.pages:
            if not page.ingredient:
                continue
            if page.key in self._screens:
                has = bool(self._screens[page.key].answers().get(ITEMS))
            else:
                has = bool((self._saved.get(page.key) or {}).get(ITEMS))
            if has:
                done.append(page.key)
        return done

    # -- inside -----------------------------------------------------------------------------
    def _page(self, key):
        return next((page for page in self.pages if page.key == key), None)

    def _opened(self, client: str) -> None:
        self._forget()
        self.client = client
        self._saved = self.reading(self.store.load, client)
        self.show(self.pages[0].key)
        self._watch()  # a tab left untouched closes once the session is ended elsewhere

    def _ended(self) -> None:
        self._forget()
        self.client = None
        self.show("start")

    def _went(self, entry: str) -> None:
        """The browser went Back or Forward to an entry of the app's history (round 6, D5).

        ``entry`` is JSON the page sends: ``{"state": ..., "asked": n}``, ``state`` being
        what the page kept for that entry (``{"client": ..., "page": ...}``; null for the
        address the app was opened at) and ``n`` the page's count of such returns, given
        back in :attr:`address` (``returned``) so that the page knows which address answers
        which return. The app shows that page of the open client, as its own Back and Next
        do; an entry of another client, or of no client, shows the start page: nobody is
        opened from the history, and nobody's session is ended by it.
        """
        if not entry:
            return
        self.went.value = ""  # the same entry again is a change again (and "" is no entry)
        try:
            sent = json.loads(entry)
        except ValueError:
            sent = None
        sent = sent if isinstance(sent, dict) else {}
        asked = sent.get("state") if isinstance(sent.get("state"), dict) else {}
        client, key = asked.get("client"), asked.get("page")
        if isinstance(sent.get("asked"), int) and not isinstance(sent["asked"], bool):
            self._returned = sent["asked"]
        if (self.client is None or not isinstance(client, str)
                or not same_client(client, self.client) or key not in self.order()):
            key = "start"
        self.show(key)  # redraws the address, with the return it answers

    def _forget(self) -> None:
        """Close every page built for the last client, so nothing of theirs stays.

        A text typed the moment before (held for its pause) is saved first, for that
        client: it was typed while their session was open (round 11b N3).
        """
        self._unwatch()
        moving = self.__dict__.pop("_moving", None)
        if moving is not None:
            moving.cancel()
        with self._own_move():
            for screen in self._screens.values():
                if isinstance(screen, Screen):
                    screen.guarded(screen.typed_now)()
        for screen in self._screens.values():
            _close(screen)
        self._screens, self._saved = {}, {}

    def _update(self) -> None:
        """Redraw the strip, the progress marks and Back / Next for the page shown."""
        open_ = self.client is not None
        self.strip.value = strip_html(self.client, self.texts)
        self.end_button.layout.display = None if open_ else "none"
        self.header.layout.display = None if open_ else "none"
        self.progress_strip.layout.display = None if open_ else "none"
        done = set(self.answered())
        for page in self.pages:
            button = self.progress[page.key]
            mark = page.key in done
            button.description = self.say("done", name=page.label) if mark else page.label
            if page.ingredient:
                button.tooltip = self.say("has_answers" if mark else "no_answers",
                                          name=page.label)
            button.button_style = "info" if page.key == self.current else ""
        order = self.order()
        at = order.index(self.current)
        self.back_button.disabled = at == 0
        self.next_button.disabled = at == len(order) - 1 or not open_
        self.nav.layout.display = None if open_ else "none"
        self.address.value = html.escape(json.dumps(
            {"client": self.client, "page": self.current, "returned": self._returned}))


def requested_client(client_id=None, store=None):
    """The client a session page is asked for: ``client_id``, else Voilà's ``?client=...``.

    Outside Voilà (JupyterLab, papermill, tests) only ``client_id`` counts. In a kernel
    Voilà prepared before the page was requested (a preheated kernel), this waits for the
    request first (:func:`voila.utils.wait_for_request`), so nothing client-specific runs
    before someone asks for it.

    The address names a client only while that client's session is open in ``store`` (as
    ``workbook coach CLIENT`` leaves it): once the session is ended, reloading the same
    address, or opening an old bookmark, gives the start page with no client.

    Examples
    --------
    >>> requested_client(" ann "), requested_client(None)
    ('ann', None)
    """
    client = typed_id(client_id)
    preheated = os.environ.get(VOILA_PREHEAT)
    if client is not None or preheated is None:  # not in Voilà
        return client
    if preheated == "True":  # voila.utils takes seconds to import: only when it must wait
        from voila.utils import wait_for_request

        wait_for_request()  # puts the request's QUERY_STRING in the environment
    values = urllib.parse.parse_qs(os.environ.get(QUERY_STRING) or "").get(CLIENT_PARAMETER)
    asked = typed_id(values[-1]) if values else None
    current = None if store is None else store.current()
    if asked is None or current is None or not same_client(current, asked):
        return None  # no session open for that client: nobody is opened from the address
    return current  # the id in its normal form (an address may spell it decomposed)
