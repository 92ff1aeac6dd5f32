"""The client a reading page is named with: the start page's door, nothing made (round 10b L2).

The profile and the Conversations page, run on their own (papermill, JupyterLab) with a
``client_id``, read that client. A name that differs from a saved client's only in how it
looks (``RD`` or ``ｒｄ`` beside ``rd``: :func:`~workbook.session.store.records.look_alike`)
is refused in one line, as the ingredient pages and the start page refuse it, rather than
read as a new client with nothing saved and no one on the list.
"""

from __future__ import annotations

from workbook.core.exceptions import StoreError
from workbook.session.store.records import look_alike
from workbook.session.widgets.base import typed_id
from workbook.session.widgets.session import app_text


class ClientNameError(StoreError):
    """A page's client refused: a name that looks like a saved client's (round 7 E1, 10b L2).

    One class for every page (the ingredient pages, the profile, Conversations).

    A notebook (and papermill) shows its one line, not a traceback; nothing is made.
    """

    def _render_traceback_(self):  # IPython (and so papermill) shows this instead
        return [str(self)]


def named_client(store, client_id, texts=None):
    """The exact client a reading page shows: ``client_id``, else the open session's.

    A saved client, or a new name (the page then says nothing is saved yet; nothing is
    made); with no name, the client of the open session (None when none is open). A name
    that is not saved but looks like a saved client's is refused in the words of
    ``[session.app] look_alike`` (those of the start page and the ingredient pages).

    Raises
    ------
    ClientNameError
        Naming ``client_id`` and the saved client it looks like.

    Examples
    --------
    >>> import tempfile
    >>> from workbook.session.store import ClientStore
    >>> store = ClientStore(tempfile.mkdtemp())
    >>> _ = store.save("rd", {"hope": {"items": {"hope_1": 4}}}, session="2026-12-01")
    >>> named_client(store, " rd "), named_client(store, "Bo")
    ('rd', 'Bo')
    >>> try:
    ...     named_client(store, "RD")
    ... except ClientNameError as refused:
    ...     print(str(refused).split(" only")[0])
    client_id: “RD” differs from the saved client “rd”
    """
    client = store.resolve_client(typed_id(client_id))
    if client is None or typed_id(client_id) is None:
        return client
    other = look_alike(client, store.clients())
    if other is not None:
        raise ClientNameError("client_id: " + app_text(texts, "look_alike", client=client,
                                                           saved=other))
    return client
