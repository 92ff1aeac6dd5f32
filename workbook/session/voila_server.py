"""Voilà as ``workbook coach`` runs it: its page ends its own kernel when the tab goes.

Voilà's page asks the server to shut its kernel down when it is reloaded or closed (a
``sendBeacon`` POST to ``/voila/api/shutdown/<kernel id>``), and sends the ``_xsrf`` cookie as
the form's ``_xsrf`` field. Voilà 0.5 never sets that cookie, so the request is refused
(``403 ... '_xsrf' argument missing from POST``, voila-dashboards/voila#1458) and every page
view leaves a kernel running. Here the notebook page sets the cookie (asking tornado for the
handler's ``xsrf_token`` does that), so the shutdown passes the usual XSRF check; nothing
else about Voilà changes. Run as ``python -m workbook.session.voila_server [voila options]``.
"""

from __future__ import annotations

import inspect
import sys


def set_xsrf_cookie_on_pages() -> None:
    """Make Voilà's notebook page set the ``_xsrf`` cookie its shutdown request sends back."""
    from voila.handler import VoilaHandler

    if getattr(VoilaHandler, "_workbook_xsrf", False):
        return
    original = VoilaHandler.prepare

    async def prepare(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        if not self._finished:
            self.xsrf_token  # noqa: B018 -- reading it sets the _xsrf cookie
        return result

    VoilaHandler.prepare = prepare
    VoilaHandler._workbook_xsrf = True


def main(argv=None) -> None:
    """Start Voilà with the given command-line options (``sys.argv`` by default)."""
    set_xsrf_cookie_on_pages()
    from voila.app import main as voila_main

    voila_main(argv)


if __name__ == "__main__":
    main()
    sys.exit(0)
