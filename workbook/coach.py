"""Start the coaching session as an app: Voilà (code hidden) or JupyterLab, on this machine only.

Voilà serves one notebook, ``session.ipynb``: the whole session (start page, the five
ingredients, the profile) in one kernel. The page ends its kernel when the tab is reloaded or
closed (:mod:`workbook.voila_server`), idle kernels without a page are culled as a second
line of defence, one kernel is kept started for the next page (it imports the kit and then
waits for the page's request before it opens any client), and the page loads nothing from the
internet (the kit's Voilà template,
:func:`workbook.resources.voila_templates_root`). JupyterLab (``--lab``) is for the coach: it
opens with a token made for this run, printed in the address, so no login page is shown.

The session notebooks ship inside the package (:func:`workbook.resources.notebooks_dir`); a
coach's own edited copy (``workbook init DIR``, then ``--notebooks DIR/notebooks``) can be served
instead. The server is bound to 127.0.0.1, so nobody else on the network can reach a client's
answers. A client named here is opened at once (the address carries ``?client=``, honoured
only while that client's session is open: after End session it opens the start page);
without one the app starts at the start page with no client, and any session left open in
the workspace is ended.

Examples
--------
>>> from workbook.coach import server_command
>>> cmd, url = server_command(port=8866, lab=False)
>>> url
'http://127.0.0.1:8866/voila/render/session.ipynb'
>>> server_command(port=8866, lab=False, client_id="Zoë K")[1]
'http://127.0.0.1:8866/voila/render/session.ipynb?client=Zo%C3%AB%20K'
>>> server_command(port=8888, lab=True, token="abc")[1]
'http://127.0.0.1:8888/lab/tree/00-start-here.ipynb?token=abc'
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import socket
import sys
import urllib.parse
from pathlib import Path

from .exceptions import WorkbookError
from .resources import APP_NOTEBOOK, SESSION_NOTEBOOKS, notebooks_dir, voila_templates_root
from .store import HOME_VARIABLE, ClientStore, resolve_workspace
from .store.records import check_id, look_alike

#: The page JupyterLab opens first.
START_PAGE = SESSION_NOTEBOOKS[0]
#: The page Voila serves: the whole session in one notebook.
APP_PAGE = APP_NOTEBOOK
DEFAULT_PORT = 8866
DEFAULT_LAB_PORT = 8888
#: A kernel with no page connected and idle this long is ended (seconds); the page's own
#: shutdown request on reload or close is the first line, this the second: together with
#: the interval, a kernel whose page is gone is ended within a minute even when that request
#: is lost. A page still open is never culled, however long it stays idle, and neither is
#: the preheated kernel (it is busy waiting for its request).
CULL_IDLE_S = 45
#: How often idle kernels are looked for (seconds).
CULL_INTERVAL_S = 15
#: Kernels kept started for the session app (Voila's preheated kernels): the notebook runs
#: its imports before anyone asks, then waits for the page's request before it opens anybody
#: (:func:`workbook.widgets.app.requested_client`). Only ``session.ipynb`` is preheated: the
#: per-page, report and analysis notebooks are left out.
POOL_SIZE = 1
#: Seconds after a preheated kernel is taken before the next one starts. Voila puts the
#: refill in the pool at once, so a page opened within this delay waits for all of it: with
#: 0 a reload straight after an open takes about 4 s (it was about 13 s with 10), and the
#: page just opened is no slower (about 1 s).
POOL_FILL_DELAY_S = 0
#: Voila's template without the CDN stylesheets (in :func:`voila_templates_root`).
VOILA_TEMPLATE = "workbook"
#: JupyterLab reads its token from this variable (kept off the command line, where any user
#: of the machine could read it).
TOKEN_VARIABLE = "JUPYTER_TOKEN"
ROOT_NOTE = ("Running as root: JupyterLab is allowed to, because it listens on 127.0.0.1 "
             "only and asks for the token in the address.")


def notebooks_folder(notebooks=None) -> Path:
    """The folder of session notebooks to serve: the kit's own, or a coach's copy.

    Parameters
    ----------
    notebooks : str or Path, optional
        A folder holding the session notebooks (such as ``notebooks/`` of a folder made by
        ``workbook init``); default: the notebooks shipped with the kit.

    Raises
    ------
    WorkbookError
        When the folder does not exist or lacks any of the session notebooks.
    """
    if notebooks is None:
        return notebooks_dir()
    folder = Path(notebooks).expanduser()
    if not folder.is_dir():
        raise WorkbookError(f"--notebooks {folder}: no such folder")
    missing = [name for name in SESSION_NOTEBOOKS if not (folder / name).is_file()]
    if missing:
        raise WorkbookError(
            f"--notebooks {folder}: the folder lacks {', '.join(missing)}; give the notebooks "
            "folder of a copy made with `workbook init DIR` (DIR/notebooks)"
        )
    return folder.resolve()


def check_port(port: int) -> None:
    """Raise a clear :class:`WorkbookError` unless the server can listen on 127.0.0.1:``port``."""
    if not 0 < port < 65536:
        raise WorkbookError(f"port must be 1-65535, not {port}")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except PermissionError:
            raise WorkbookError(
                f"port {port} needs administrator rights; choose one from 1024 up with --port"
            ) from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise WorkbookError(
                    f"port {port} on 127.0.0.1 is in use; choose another with --port"
                ) from None
            raise WorkbookError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None


def server_command(*, port: int, lab: bool, notebook=None, root=None, client_id=None,
                   token=None):
    """The server's command line and the address a browser opens.

    Parameters
    ----------
    port : int
    lab : bool
        JupyterLab (code visible, for the coach) instead of Voilà (code hidden).
    notebook : str, optional
        The page to open first (default: the session app, or the start page in JupyterLab).
    root : Path, optional
        Folder to serve (default: the session notebooks).
    client_id : str, optional
        Voilà: the client the app opens (``?client=...`` in the address).
    token : str, optional
        JupyterLab: the token the address carries (give the server the same one, in
        ``JUPYTER_TOKEN``); None leaves it out.
    """
    root = Path(root) if root else notebooks_dir()
    if lab:
        notebook = notebook or START_PAGE
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.root_dir={root}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        ]
        if _is_root():
            cmd.append("--ServerApp.allow_root=True")
        query = f"?{urllib.parse.urlencode({'token': token})}" if token else ""
        return cmd, f"http://127.0.0.1:{port}/lab/tree/{notebook}{query}"
    notebook = notebook or APP_PAGE
    cmd = [
        sys.executable, "-m", "workbook.voila_server", "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", f"--Voila.root_dir={root}", f"--template={VOILA_TEMPLATE}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        "--MappingKernelManager.cull_connected=False",
        "--VoilaConfiguration.preheat_kernel=True",
        f"--VoilaConfiguration.default_pool_size={POOL_SIZE}",
        f"--VoilaKernelManager.preheat_denylist={_only_preheat(notebook)}",
        f"--VoilaKernelManager.fill_delay={POOL_FILL_DELAY_S}",
    ]
    query = ""
    if client_id is not None and str(client_id).strip():
        query = "?" + urllib.parse.urlencode({"client": str(client_id).strip()},
                                             quote_via=urllib.parse.quote)
    return cmd, f"http://127.0.0.1:{port}/voila/render/{notebook}{query}"


def server_env(home, *, token=None) -> dict:
    """The server's environment: the workspace, the kit's Voilà template, the Lab token."""
    env = dict(os.environ, **{HOME_VARIABLE: str(home)})
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(voila_templates_root()), os.environ.get("JUPYTER_PATH")]))
    if token:
        env[TOKEN_VARIABLE] = token
    return env


def _only_preheat(notebook: str) -> str:
    """Voila's preheat denylist (regular expressions on notebook paths): all but ``notebook``.

    Examples
    --------
    >>> import json, re
    >>> pattern = json.loads(_only_preheat("session.ipynb"))[0]
    >>> [bool(re.match(pattern, p)) for p in ("/nb/session.ipynb", "/nb/01-hope.ipynb",
    ...                                       "/nb/reports/cohort-report.ipynb")]
    [False, True, True]
    """
    import json
    import re

    return json.dumps([f"^(?!.*/{re.escape(notebook)}$)"])


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def coach(
    client_id=None, *, workspace=None, port=None, lab: bool = False, run: bool = True,
    notebooks=None,
):
    """Choose the client, then start Voilà (or JupyterLab) for the session on 127.0.0.1.

    Parameters
    ----------
    client_id : str, optional
        The client to open: the app opens with their session, and they become the
        workspace's open session (the JupyterLab pages open them too). Without one, any open
        session is ended and the start page lets the coach open a client.
    workspace : str or Path, optional
        Where answers are kept (default ``$WORKBOOK_HOME``, then ``~/readiness-workbook``).
    port : int, optional
        Default 8866 (Voilà) or 8888 (JupyterLab).
    lab : bool
        Start JupyterLab instead of Voilà.
    notebooks : str or Path, optional
        A folder of session notebooks to serve instead of the kit's own (see
        :func:`notebooks_folder`).
    run : bool
        Become the server (this process is replaced by it, so stopping this process, with
        Ctrl+C or ``kill``, stops the server and its kernels); False: only prepare and return
        the address.

    Returns
    -------
    tuple
        ``(command, url, environment)``.
    """
    root = notebooks_folder(notebooks)
    if not lab and not (root / APP_PAGE).is_file():
        raise WorkbookError(
            f"--notebooks {root}: the folder lacks {APP_PAGE}, the session app Voila serves; "
            "serve the kit's own notebooks (leave out --notebooks) or use --lab"
        )
    home = resolve_workspace(workspace)
    store = ClientStore(home)
    if client_id is not None:
        client_id = store.set_current(_not_look_alike(store, client_id))  # for the pages too
    else:
        store.end_session()  # a session left open is not carried into this one
    port = port or (DEFAULT_LAB_PORT if lab else DEFAULT_PORT)
    check_port(port)
    tool = "jupyter-lab" if lab else "voila"
    if shutil.which(tool) is None and not _importable("jupyterlab" if lab else "voila"):
        raise WorkbookError(f"{tool} is not installed; reinstall the kit (`pip install workbook`)")
    token = secrets.token_urlsafe(24) if lab else None
    cmd, url = server_command(port=port, lab=lab, root=root, client_id=client_id, token=token)
    env = server_env(home, token=token)
    if run:
        serve(cmd, env)
    return cmd, url, env


def _not_look_alike(store, client_id) -> str:
    """``client_id`` in its normal form, refused when it looks like another saved client's.

    A new name that differs from a saved client's only by capitals or letter width (``Ann``
    beside ``ann``) is most likely that client mistyped: the start page asks, this refuses.
    """
    client = check_id(client_id)
    saved = look_alike(client, store.clients())
    if saved is not None:
        raise WorkbookError(
            f"there is no saved client {client!r}, but there is {saved!r} (the names differ "
            f"only by capitals or letter width). To open that client: workbook coach {saved!r}; "
            f"to start a new client {client!r}, open the start page without a name and "
            "confirm it there"
        )
    return client


def serve(cmd, env) -> None:
    """Replace this process with the server, so stopping it (Ctrl+C or ``kill``) stops all."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(cmd[0], cmd, env)


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
