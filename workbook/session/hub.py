"""The session app as a coach's own server under JupyterHub (``workbook coach --hub``).

JupyterHub starts one server per coach, as that coach's own account, and gives it its address
in the environment (``JUPYTERHUB_SERVICE_URL``, ``JUPYTERHUB_SERVICE_PREFIX``: ``/user/NAME/``).
``workbook coach --hub`` starts there the very Voilà server ``workbook coach`` starts on a
laptop (:mod:`workbook.session.voila_server`: the page ends its kernel on reload, idle kernels are
culled, one kernel is kept preheated, the kit's template loads nothing from the internet), with
two differences: it serves the session app at the server's own address (``/user/NAME/``), and
it signs people in with JupyterHub's own sign-in for single-user servers
(:class:`jupyterhub.singleuser.extension.JupyterHubIdentityProvider`), so only the coach whose
server it is gets a page: anyone else signed in to the hub gets JupyterHub's 403.

The class here only adapts that provider to Voilà's standalone app, which passes a token and
registers the provider's handlers without the server's prefix. JupyterHub itself is needed
only where this runs (``pip install "workbook[hub]"``); it is imported when Voilà asks for
:data:`IDENTITY` by name.

Examples
--------
>>> hub_address({"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:51234/user/ann/",
...              "JUPYTERHUB_SERVICE_PREFIX": "/user/ann/"})
('127.0.0.1', 51234, '/user/ann/')
"""

from __future__ import annotations

import os
import urllib.parse

from workbook.core.exceptions import WorkbookError

#: What Voilà is given as ``--Voila.identity_provider_class`` under the hub.
IDENTITY = "workbook.session.hub.HubIdentityProvider"
#: The variables JupyterHub sets for a user's server that ``--hub`` reads.
SERVICE_URL = "JUPYTERHUB_SERVICE_URL"
SERVICE_PREFIX = "JUPYTERHUB_SERVICE_PREFIX"


def hub_address(environ=None) -> tuple[str, int, str]:
    """Where the hub wants this coach's server: ``(ip, port, base_url)``.

    Raises
    ------
    WorkbookError
        When the variables JupyterHub sets are missing or not an address (``--hub`` run by
        hand, outside a hub).
    """
    environ = os.environ if environ is None else environ
    url = environ.get(SERVICE_URL, "")
    prefix = environ.get(SERVICE_PREFIX, "")
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if not url or not prefix or parts.hostname is None or port is None:
        raise WorkbookError(
            f"--hub: {SERVICE_URL} and {SERVICE_PREFIX} are not set (or not an address); "
            "--hub is for the command JupyterHub starts for each coach "
            "(deploy/jupyterhub/jupyterhub_config.py), not for a terminal: run `workbook "
            "coach` without --hub on your own machine"
        )
    if not prefix.endswith("/"):
        prefix += "/"
    return parts.hostname, port, prefix


def __getattr__(name):
    if name == "HubIdentityProvider":
        cls = _identity_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _identity_class():
    """JupyterHub's sign-in for single-user servers, as Voilà's standalone app can use it."""
    try:
        from jupyter_server.utils import url_path_join
        from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
    except ImportError:
        raise WorkbookError("--hub needs JupyterHub where the coach's server runs: "
                            'pip install "workbook[hub]"') from None

    class HubIdentityProvider(JupyterHubIdentityProvider):
        """JupyterHub's sign-in, its handlers under the server's prefix, no token of its own."""

        def __init__(self, token=None, **kwargs):
            # Voilà passes token=""; JupyterHub's provider's token is the hub's API token.
            super().__init__(**kwargs)

        def get_handlers(self):
            base = self.parent.base_url if self.parent is not None else "/"
            return [(url_path_join(base, path), *rest)
                    for path, *rest in super().get_handlers()]

    return HubIdentityProvider
