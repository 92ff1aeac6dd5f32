"""Start the coaching session as an app: Voilà (code hidden) or JupyterLab, on this machine only.

The session notebooks ship inside the package (:func:`workbook.resources.notebooks_dir`); a
coach's own edited copy (``workbook init DIR``, then ``--notebooks DIR/notebooks``) can be served
instead. The server is bound to 127.0.0.1, so nobody else on the network can reach a client's
answers; the client chosen here becomes the workspace's current client, which every session
notebook opens by default.

Examples
--------
>>> from workbook.coach import server_command
>>> cmd, url = server_command(port=8866, lab=False)
>>> url
'http://127.0.0.1:8866/voila/render/00-start-here.ipynb'
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sys
from pathlib import Path

from .exceptions import WorkbookError
from .resources import SESSION_NOTEBOOKS, notebooks_dir
from .store import HOME_VARIABLE, ClientStore, resolve_workspace

START_PAGE = SESSION_NOTEBOOKS[0]
DEFAULT_PORT = 8866
DEFAULT_LAB_PORT = 8888


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


def server_command(*, port: int, lab: bool, notebook: str = START_PAGE, root=None):
    """The server's command line and the address a browser opens.

    Parameters
    ----------
    port : int
    lab : bool
        JupyterLab (code visible, for the coach) instead of Voilà (code hidden).
    notebook : str
        The page to open first.
    root : Path, optional
        Folder to serve (default: the session notebooks).
    """
    root = Path(root) if root else notebooks_dir()
    if lab:
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.root_dir={root}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        ]
        return cmd, f"http://127.0.0.1:{port}/lab/tree/{notebook}"
    cmd = [
        sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        f"--Voila.root_dir={root}",
    ]
    return cmd, f"http://127.0.0.1:{port}/voila/render/{notebook}"


def coach(
    client_id=None, *, workspace=None, port=None, lab: bool = False, run: bool = True,
    notebooks=None,
):
    """Choose the client, then start Voilà (or JupyterLab) for the session on 127.0.0.1.

    Parameters
    ----------
    client_id : str, optional
        The client to open; becomes the workspace's current client. Without one, the start
        page lets the coach pick or create a client.
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
    home = resolve_workspace(workspace)
    store = ClientStore(home)
    if client_id is not None:
        store.set_current(client_id)
    port = port or (DEFAULT_LAB_PORT if lab else DEFAULT_PORT)
    check_port(port)
    tool = "jupyter-lab" if lab else "voila"
    if shutil.which(tool) is None and not _importable("jupyterlab" if lab else "voila"):
        raise WorkbookError(f"{tool} is not installed; reinstall the kit (`pip install workbook`)")
    cmd, url = server_command(port=port, lab=lab, root=root)
    env = dict(os.environ, **{HOME_VARIABLE: str(home)})
    if run:
        serve(cmd, env)
    return cmd, url, env


def serve(cmd, env) -> None:
    """Replace this process with the server, so stopping it (Ctrl+C or ``kill``) stops all."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(cmd[0], cmd, env)


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
