"""What every coaching screen shares: its words, a status line and a message area."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import io
import sys
import warnings

import ipywidgets as widgets
import traitlets

from workbook.core.exceptions import WorkbookError
from workbook.core.instrument import resolve
from workbook.core.log import logger
from workbook.session.store import StoreWarning
from workbook.session.widgets.style import PageStyle
from workbook.session.widgets.texts import Texts

#: Width the text boxes take.
WIDE = widgets.Layout(width="95%")
#: Labels of the boxes stacked in a column share one width, so the boxes line up.
COLUMN = {"description_width": "12.5em"}
#: A text box sends its text when it is left or Enter is pressed, not on every key.
WHOLE = {"continuous_update": False}
#: A long text box (a reflection, a note) sends every key: the page saves it once typing
#: pauses, so a closed tab or a reload loses nothing (round 7, E3).
TYPED = {"continuous_update": True}


def esc(text) -> str:
    """Escape text for an HTML widget."""
    return html.escape(str(text))


def typed_id(client_id):
    """A client id as typed: surrounding spaces dropped; None when there is nothing.

    Examples
    --------
    >>> typed_id("  Zoë K "), typed_id("   "), typed_id(None)
    ('Zoë K', None, None)
    """
    text = "" if client_id is None else str(client_id).strip()
    return text or None


def heading(text, level: int = 3) -> widgets.HTML:
    """Make an HTML heading widget."""
    return widgets.HTML(f"<h{level}>{esc(text)}</h{level}>")


def paragraph(text, css: str = "") -> widgets.HTML:
    """Make an HTML paragraph widget (text escaped)."""
    box = widgets.HTML(f"<p>{esc(text)}</p>")
    if css:
        box.add_class(css)
    return box


def share_box(label: str, value: bool, css: str) -> widgets.Checkbox:
    """The small "put this in my report" tick under an answer (unticked unless saved so).

    Examples
    --------
    >>> box = share_box("Put this in my report", False, "wb-share-hope-reflection-1")
    >>> box.value, sorted(box._dom_classes)
    (False, ['wb-share', 'wb-share-hope-reflection-1'])
    """
    # A tinted strip (the stylesheet's .wb-share), so that under the motivators it does not
    # read as one more motivator.
    box = widgets.Checkbox(value=bool(value), description=label, indent=False,
                           layout=widgets.Layout(width="max-content", padding="0 0.75em",
                                                 margin="0.4em 0 1em 0"))
    box.add_class("wb-share")
    box.add_class(css)
    return box


def coach_note_box(label: str, placeholder: str, value) -> tuple:
    """The coach's own note, folded away behind a button: ``(box, text area)``.

    A toggle button named by ``label`` (which says that the note never leaves the workspace)
    shows or hides the text area: the client beside the coach does not see the note unless
    the coach opens it, and the button is reached with Tab like any other. The page saves the
    note under its own key.
    """
    # Its own layout, hidden: WIDE is shared by every text box of the page.
    area = widgets.Textarea(value=value, description=label, placeholder=placeholder,
                            continuous_update=False,
                            layout=widgets.Layout(width=WIDE.width, display="none"),
                            style={"description_width": "initial", "background": "#FFF8E1"})
    area.add_class("wb-coach-note-text")
    toggle = widgets.ToggleButton(value=False, description=label, tooltip=label,
                                  layout=widgets.Layout(width="auto"))
    toggle.add_class("wb-coach-note-toggle")

    def shown(change):
        area.layout.display = None if change["new"] else "none"

    toggle.observe(shown, names="value")
    box = widgets.VBox([toggle, area], layout=widgets.Layout(margin="1.5em 0"))
    box.add_class("wb-coach-note")
    return box, area


def figure_png(fig) -> bytes:
    """Render a matplotlib figure to PNG bytes (for an ``Image`` widget)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()




def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (Voila's or JupyterLab's), whose loop runs timers."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return shell is not None and shell is not False and getattr(shell, "kernel", None) is not None

def in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel, whose loop runs timers (for the session app)."""
    return _in_kernel()


class Screen(widgets.VBox):
    """Base of the coaching screens: a VBox with a status line and a visible message area.

    Parameters
    ----------
    instrument : Instrument or path, optional

    Attributes
    ----------
    status : HTML
        A short line such as "Saved at 14:05."
    messages : HTML
        Errors and warnings, shown where the coach can see them.
    errors : list of str
        Every message shown, oldest first (handy in tests: ``Output`` captures nothing there).
    page_style : PageStyle
        Carries the kit's stylesheet into the page; always one of the screen's children,
        however a screen sets them (see :mod:`workbook.session.widgets.style`).
    """

    @traitlets.validate("children")
    def _styled(self, proposal):
        children = tuple(proposal["value"])
        style = self.__dict__.get("_page_style")
        if style is None:
            style = self.__dict__["_page_style"] = PageStyle()
        return children if style in children else (style, *children)

    @property
    def page_style(self) -> PageStyle:
        """The stylesheet carrier (one of :attr:`children`)."""
        return self.__dict__["_page_style"]

    #: Set by the session app: a check that the page's session is still open (``None``: no
    #: check, as for a notebook opened for a named client). A page whose session was ended
    #: elsewhere saves nothing more.
    session_open = None
    #: Set by the session app: called when the page finds its session no longer open and
    #: closes itself, so that the app around it closes too (its header, strip and buttons),
    #: as its own check does (round 13b S3).
    session_closed = None

    def __init__(self, instrument=None, **kwargs):
        super().__init__(**kwargs)
        self.instrument = resolve(instrument)
        self.texts = Texts(self.instrument)
        self.status = widgets.HTML("")
        self.status.add_class("wb-status")
        self.messages = widgets.HTML("")
        self.messages.add_class("wb-messages")
        self.errors = []
        self.add_class("wb-screen")

    def show_message(self, text: str) -> None:
        """Show a message in the message area (and keep it in :attr:`errors`)."""
        self.errors.append(text)
        self._show_errors()

    def _show_errors(self) -> None:
        self.messages.value = "".join(
            f'<p class="wb-error" style="color:#B00020">{esc(m)}</p>' for m in self.errors[-3:]
        )

    def clear_messages(self) -> None:
        """Empty the message area."""
        self.errors.clear()
        self.messages.value = ""

    #: Seconds typing must pause before a typed text is saved, in a kernel (elsewhere: at once,
    #: unless set on the page itself).
    typing_pause = 1.0

    def after_typing(self, key, save) -> None:
        """Call ``save`` once typing pauses: a later call with the same ``key`` puts it off.

        One save per pause, not one per key (each save is a line of the journal). Without a
        running event loop (a plain script) ``save`` is called at once.

        A text typed while the page's session is open is saved when its pause ends even if
        the session was ended meanwhile on another page (End session in another tab, round
        11b N3): it was typed in the session, for its client. A key that comes once the
        session is no longer open is not taken: what was held from before is saved as it
        stood, and the page shows only that the session is no longer open.
        """
        pending = self.__dict__.setdefault("_pending", {})
        old = pending.pop(key, None)
        if old is not None:
            old[0].cancel()
        check = self.session_open
        if check is not None and not check():  # ended on another page before this key
            if old is not None:
                self._save_typed(old[1])  # what was typed before the end, as it stood
            else:
                save()  # refused by the page, which says so
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        # Only a kernel's loop is sure to run the timer: elsewhere (a script, a test process
        # where a browser driver left a loop set) the text is saved at once, unless the pause
        # was set on this page on purpose.
        pause = self.__dict__.get("typing_pause")
        if pause is None:
            pause = self.typing_pause if _in_kernel() else 0
        if loop is None or pause <= 0:
            save()
            return
        handle = loop.call_later(pause, self.typed_now, key)
        pending[key] = (handle, save)

    def drop_typing(self, key) -> None:
        """Forget the save :meth:`after_typing` holds for ``key`` (a save took it already)."""
        held = self.__dict__.setdefault("_pending", {}).pop(key, None)
        if held is not None:
            held[0].cancel()

    def typed_now(self, key=None) -> None:
        """Save now what :meth:`after_typing` holds (``key``, or all of it).

        Everything held was typed while the session was open (:meth:`after_typing` holds
        nothing else): it is saved even if the session has been ended since.
        """
        pending = self.__dict__.setdefault("_pending", {})
        for k in [key] if key is not None else list(pending):
            held = pending.pop(k, None)
            if held is not None:
                held[0].cancel()
                self._save_typed(held[1])

    def _save_typed(self, save) -> None:
        """Call a held ``save`` of text typed while the session was open (round 11b N3).

        The page's check that its session is open is set aside for this save only; if the
        session was ended meanwhile, the page then closes as any page of an ended session
        does (:meth:`still_open`).
        """
        check = self.__dict__.get("session_open")
        if check is None:
            save()
            return
        self.session_open = None  # typed in the session: taken for its client
        try:
            save()
        finally:
            self.session_open = check
        self.still_open()

    def _tell_closed(self) -> None:
        """Tell the session app (:attr:`session_closed`) that this page closed itself."""
        if self.session_closed is not None:
            self.session_closed()

    def still_open(self) -> bool:
        """Whether the page's session is still open; a page that knows how closes if not.

        Here, without closing anything; pages of the session app close themselves.
        """
        return self.session_open is None or bool(self.session_open())

    def show_error(self, exc: Exception, key: str = "error") -> None:
        """Show an exception to the coach in plain words; log the unexpected ones."""
        if not isinstance(exc, WorkbookError):
            logger.exception("unexpected error in a coaching screen")
        text = self.texts.get(key, error=str(exc) or exc.__class__.__name__)
        if key == "save_failed":  # gone once a later save has written everything (E7)
            self.__dict__.setdefault("_unsaved", []).append(text)
        self.show_message(text)

    def mark_saved(self) -> None:
        """Set the status line to "saved" with the time."""
        self.status.value = esc(self.texts.get("saved", time=dt.datetime.now().strftime("%H:%M")))
        failed = self.__dict__.pop("_unsaved", [])
        if failed:  # a save writes the whole page: an earlier failure is made good (E7)
            self.errors[:] = [m for m in self.errors if m not in failed]
            self._show_errors()

    def guarded(self, func, key: str = "error"):
        """Wrap a callback so that any error it raises is shown, not lost in a log."""

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:  # a callback must never fail silently
                self.show_error(exc, key)
                return None

        return wrapper

    def reading(self, func, *args, **kwargs):
        """Call the store; show any repaired-file warning it gives on the page."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StoreWarning)
            result = func(*args, **kwargs)
        for warning in caught:
            if issubclass(warning.category, StoreWarning):
                self.show_message(self.texts.get("recovered", detail=str(warning.message)))
        return result
