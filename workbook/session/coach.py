"""Start the coaching session as an app: Voilà (code hidden) or JupyterLab, on this machine only.

Voilà serves one notebook, ``session.ipynb``: the whole session (start page, the five
ingredients, the profile) in one kernel. The page ends its kernel when the tab is reloaded or
closed (:mod:`workbook.session.voila_server`), idle kernels without a page are culled as a second
line of defence, one kernel is kept started for the next page (it imports the kit and then
waits for the page's request before it opens any client), and the page loads nothing from the
internet (the kit's Voilà template,
:func:`workbook.core.resources.voila_templates_root`). JupyterLab (``--lab``) is for the coach: it
opens with a token made for this run, printed in the address, so no login page is shown.

The session notebooks ship inside the package (:func:`workbook.core.resources.notebooks_dir`); a
coach's own edited copy (``workbook init DIR``, then ``--notebooks DIR/notebooks``) can be served
instead. The server is bound to 127.0.0.1, so nobody else on the network can reach a client's
answers. A client named here is opened at once (the address carries ``?client=``, honoured
only while that client's session is open: after End session it opens the start page);
without one the app starts at the start page with no client, and any session left open in
the workspace is ended.

Examples
--------
>>> from workbook.session.coach import server_command
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

from workbook.core.exceptions import WorkbookError
from workbook.core.resources import (
    APP_NOTEBOOK,
    SESSION_NOTEBOOKS,
    notebooks_dir,
    voila_templates_root,
)
from workbook.session.store import HOME_VARIABLE, ClientStore, resolve_workspace
from workbook.session.store.records import check_id, look_alike

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
#: (:func:`workbook.session.widgets.app.requested_client`). Only ``session.ipynb`` is preheated: the
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
#: Seconds the server is given to stop, with its kernels, before it is killed.
STOP_WAIT_S = 20
#: Said when the server is stopped with Ctrl+C.
STOPPED = "workbook: the coach server has stopped."
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
        When the folder does not exist, lacks any of the session notebooks, or one of them
        (or ``session.ipynb``) is not a valid notebook.
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
    for name in (*SESSION_NOTEBOOKS, APP_PAGE):
        if (folder / name).is_file():
            _check_notebook(folder, name)
    return folder.resolve()


def _check_notebook(folder: Path, name: str) -> None:
    """Raise a clear :class:`WorkbookError` unless ``folder/name`` is a valid notebook.

    A broken page would otherwise be found only when a client's page fails to open.
    """
    import nbformat

    try:
        notebook = nbformat.read(folder / name, as_version=4)
        nbformat.validate(notebook)
    except (ValueError, OSError, KeyError, TypeError, AttributeError,
            nbformat.ValidationError) as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise WorkbookError(
            f"--notebooks {folder}: {name} is not a notebook the kit can serve ({reason}); "
            "undo the last edit, or make a fresh copy with `workbook init DIR --force`"
        ) from None
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            compile(_python_of(cell.source), f"{name}, cell {number}", "exec")
        except (SyntaxError, ValueError) as exc:
            where = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            reason = f"{type(exc).__name__}{where}: {getattr(exc, 'msg', None) or exc}"
            raise _page_fails(folder, name, number, cell.source, reason) from None


def _python_of(source: str) -> str:
    """A cell's Python as the kernel runs it.

    IPython's ``%magics`` and ``!commands`` are turned into calls, so that a cell the kernel
    accepts is not refused.
    """
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return source
    return TransformerManager().transform_cell(source)


def _page_fails(folder: Path, name: str, number: int, source: str, reason: str):
    """The one-line refusal of a page that fails in cell ``number``."""
    first = next((line.strip() for line in source.splitlines() if line.strip()
                  and not line.strip().startswith("#")), "")
    shown = first if len(first) <= 60 else first[:59] + "…"
    return WorkbookError(
        f"--notebooks {folder}: {name}, cell {number} ({shown!r}) fails: "
        f"{' '.join(reason.split())[:200]}; "
        "undo the last edit, or make a fresh copy with `workbook init DIR --force`"
    )


#: Seconds the app page of a coach's copy is given to run once at start.
PAGE_RUN_S = 90
#: Runs a page in a Jupyter kernel as Voila would (nbclient), printing ``number<TAB>reason``
#: of the first cell that raises.
_RUN_PAGE = """
import sys
import nbclient, nbformat
notebook = nbformat.read(sys.argv[1], as_version=4)
client = nbclient.NotebookClient(notebook, timeout=int(sys.argv[2]), allow_errors=False,
                                 resources={"metadata": {"path": sys.argv[3]}})
try:
    client.execute()
except nbclient.exceptions.CellExecutionError:
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                reason = "%s: %s" % (output.get("ename"), output.get("evalue"))
                print("@@page-fails@@%d\\t%s" % (number, " ".join(reason.split())))
                sys.exit(3)
    raise
"""


def check_page_runs(folder: Path, name: str, instrument=None) -> None:
    """Raise a one-line :class:`WorkbookError` when ``folder/name`` raises when run.

    The page is run once, as Voila would run it with no client asked for, in a Python of its
    own against an empty workspace made for the check (removed after), so a cell that raises
    (a ``NameError`` after an edit is the common case) is named here rather than shown to
    the client as Voila's error and to the coach as a traceback. A run that does not finish
    within :data:`PAGE_RUN_S` is not held against the page.
    """
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="workbook-page-check-") as scratch:
        env = server_env(Path(scratch) / "workspace", instrument=instrument)
        env.pop("VOILA_PREHEAT", None)
        env.pop("QUERY_STRING", None)
        try:
            proc = subprocess.run([sys.executable, "-c", _RUN_PAGE, str(folder / name),
                                   str(PAGE_RUN_S), str(folder)],
                                  env=env, cwd=folder, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=PAGE_RUN_S + 30)
        except subprocess.TimeoutExpired:
            return
    marks = [line for line in proc.stdout.splitlines() if line.startswith("@@page-fails@@")]
    if proc.returncode == 3 and marks:
        number, _, reason = marks[-1][len("@@page-fails@@"):].partition("\t")
        import nbformat

        cells = nbformat.read(folder / name, as_version=4).cells
        raise _page_fails(folder, name, int(number), cells[int(number) - 1].source, reason)


def lab_copy(home) -> Path:
    """The working copy of the session notebooks ``coach --lab`` opens: ``HOME/notebooks``.

    JupyterLab saves a notebook where it is, so opening the kit's own (in the checkout, or in
    the installed package) would let the first save change the kit. The copy is made in the
    workspace on first use; a page already there (with the coach's saved edits) is kept, and
    only missing pages are copied from the kit. To start a page again from the kit's
    version, delete it from the copy.

    Raises
    ------
    WorkbookError
        When ``HOME/notebooks`` is a file or a link (a link would take the saves elsewhere).
    """
    from workbook.core.files import atomic_write
    from workbook.session.workfolder import NOTEBOOKS, kit_files

    home = Path(home)
    folder = home / NOTEBOOKS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise WorkbookError(f"{folder} is a {'link' if folder.is_symlink() else 'file'}, not "
                            "the working copy of the session notebooks; move it away, or "
                            "give a copy with --notebooks DIR")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for relative, source in kit_files().items():
        target = home / relative
        if relative.startswith(f"{NOTEBOOKS}/") and not target.exists():
            atomic_write(target, source.read_bytes())
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
                   token=None, hub=None):
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
    hub : tuple, optional
        ``(ip, base_url)`` under JupyterHub (:mod:`workbook.session.hub`): the same Voilà, listening
        where the hub said, serving the session app at ``base_url`` itself (``/user/NAME/``)
        and signing people in with the hub.
    """
    root = Path(root) if root else notebooks_dir()
    if lab:
        notebook = notebook or START_PAGE
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.root_dir={root}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        ]
        if is_root():
            cmd.append("--ServerApp.allow_root=True")
        query = f"?{urllib.parse.urlencode({'token': token})}" if token else ""
        return cmd, f"http://127.0.0.1:{port}/lab/tree/{notebook}{query}"
    notebook = notebook or APP_PAGE
    ip, base_url = hub if hub is not None else ("127.0.0.1", None)
    cmd = [
        sys.executable, "-m", "workbook.session.voila_server", "--no-browser", f"--port={port}",
        f"--Voila.ip={ip}", f"--Voila.root_dir={root}", f"--template={VOILA_TEMPLATE}",
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
    if hub is not None:  # only the app, at the server's own address; the hub signs people in
        from workbook.session.hub import IDENTITY

        cmd[3:3] = [str(root / notebook)]
        cmd += [f"--Voila.base_url={base_url}", f"--Voila.identity_provider_class={IDENTITY}"]
        return cmd, f"http://{ip}:{port}{base_url}{query}"
    return cmd, f"http://127.0.0.1:{port}/voila/render/{notebook}{query}"


def server_env(home, *, token=None, instrument=None) -> dict:
    """The server's environment: the workspace, the instrument, the Voilà template, the token.

    ``instrument`` (a path) reaches every page's kernel as ``$WORKBOOK_INSTRUMENT``
    (:func:`workbook.session.instrument_record.chosen`); without one, a variable left in the
    coach's own environment is dropped, so the pages use the kit's instrument.
    """
    from workbook.session.instrument_record import VARIABLE

    env = dict(os.environ, **{HOME_VARIABLE: str(home)})
    env.pop(VARIABLE, None)
    if instrument is not None:
        env[VARIABLE] = str(Path(instrument).expanduser().resolve())
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


def is_root() -> bool:
    """Whether this process runs as root (JupyterLab then needs --allow-root)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def coach(
    client_id=None, *, workspace=None, port=None, lab: bool = False, run: bool = True,
    notebooks=None, instrument=None, hub: bool = False,
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
        Start JupyterLab instead of Voilà. Without ``notebooks`` it opens the coach's
        working copy in the workspace (:func:`lab_copy`), never the kit's own notebooks.
    notebooks : str or Path, optional
        A folder of session notebooks to serve instead of the kit's own (see
        :func:`notebooks_folder`).
    instrument : str or Path, optional
        The instrument file every page uses (checked here first). Default: the instrument
        file of the copy made by ``workbook init`` that ``notebooks`` belongs to, or that
        the current folder is (:func:`workbook.session.instrument_record.copy_instrument`); else
        the kit's own.
    run : bool
        Run the server until Ctrl+C (or ``kill``) stops it and its kernels (:func:`serve`);
        False: only prepare and return the address.
    hub : bool
        Run as a coach's server under JupyterHub (:mod:`workbook.session.hub`): the address and port
        are the hub's, the app is served at ``/user/NAME/``, only that coach is let in.

    Returns
    -------
    tuple
        ``(command, url, environment)``.
    """
    place = None
    if hub:  # checked before anything is made or ended
        from workbook.session.hub import hub_address

        if lab or port is not None:
            raise WorkbookError("--hub takes its address from JupyterHub: leave out "
                                f"{'--lab' if lab else '--port'}")
        ip, port, base_url = hub_address()
        place = (ip, base_url)
    root = notebooks_folder(notebooks)
    instrument = session_instrument(instrument, notebooks)
    if lab and notebooks is None:  # never the kit's own: a save would write into the kit
        root = lab_copy(resolve_workspace(workspace))
    if not lab and not (root / APP_PAGE).is_file():
        raise WorkbookError(
            f"--notebooks {root}: the folder lacks {APP_PAGE}, the session app Voila serves; "
            "serve the kit's own notebooks (leave out --notebooks) or use --lab"
        )
    if not lab and notebooks is not None:  # a coach's copy: run once before anyone opens it
        check_page_runs(root, APP_PAGE, instrument)
    home = resolve_workspace(workspace)
    store = ClientStore(home)
    if client_id is not None:
        client_id = store.set_current(_not_look_alike(store, client_id))  # for the pages too
    else:
        store.end_session()  # a session left open is not carried into this one
    port = port or (DEFAULT_LAB_PORT if lab else DEFAULT_PORT)
    if not hub:
        check_port(port)
    tool = "jupyter-lab" if lab else "voila"
    if shutil.which(tool) is None and not _importable("jupyterlab" if lab else "voila"):
        raise WorkbookError(f"{tool} is not installed; reinstall the kit (`pip install workbook`)")
    token = secrets.token_urlsafe(24) if lab else None
    cmd, url = server_command(port=port, lab=lab, root=root, client_id=client_id, token=token,
                              hub=place)
    if not lab:  # the page's <html lang>: the language of the instrument's words
        cmd.append(f"--HTMLExporter.language_code={page_language(instrument)}")
    env = server_env(home, token=token, instrument=instrument)
    if run:
        serve(cmd, env)
    return cmd, url, env


def page_language(instrument=None) -> str:
    """The language the session page is marked with: ``[words.report] lang`` of ``instrument``.

    Voila's page takes ``<html lang>`` from nbconvert's ``HTMLExporter.language_code``, which
    holds a two-letter ISO 639-1 code only: a tag's first part ("de" for "de-CH"); "en" for a
    language without one (nbconvert would put "en" in its place with a warning).

    Examples
    --------
    >>> page_language()
    'en'
    """
    from nbconvert.utils.iso639_1 import iso639_1

    from workbook.core.instrument import words_table

    lang = str(words_table(instrument, "report").get("lang", "en"))
    primary = lang.split("-")[0].lower()
    return primary if primary in iso639_1 else "en"


def session_instrument(instrument=None, notebooks=None) -> Path | None:
    """The instrument file the session uses (None: the kit's own), checked by loading it.

    ``instrument`` when given; else the instrument file of a copy made by ``workbook init``
    (beside ``notebooks``, or the current folder when it is such a copy).

    Raises
    ------
    InstrumentError
        When the file cannot be loaded (naming the file and what is wrong).
    """
    from workbook.core.instrument import load_instrument
    from workbook.session.instrument_record import copy_instrument

    path = Path(instrument).expanduser() if instrument is not None else \
        copy_instrument(notebooks)
    if path is None:
        return None
    load_instrument(path)  # refused here, not on the first page a client opens
    return path.resolve()


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


def serve(cmd, env) -> int:
    """Run the server until Ctrl+C (or ``kill``), then stop it and its kernels with one line.

    The server runs in its own session, so Ctrl+C in the terminal reaches only this process,
    which asks the server to stop (SIGTERM, then SIGKILL after :data:`STOP_WAIT_S`). The
    server's output is passed on while it runs; what it and its kernels print while stopping
    (a kernel cut off mid-message prints a zmq traceback) is not shown: :data:`STOPPED` is.
    On Linux the server is also stopped if this process is killed outright.

    Returns
    -------
    int
        0 when stopped here; the server's own exit status when it ended by itself.
    """
    import signal
    import subprocess
    import threading

    sys.stdout.flush()
    sys.stderr.flush()
    stopping = threading.Event()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=_stop_with_parent)
    pump = threading.Thread(target=_pass_on, args=(proc.stdout, stopping), daemon=True)
    pump.start()
    handled = (signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, _interrupt) for sig in handled}
    try:
        status = proc.wait()
        pump.join(timeout=5)
        return status
    except KeyboardInterrupt:
        stopping.set()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C does not cut the stop
        _stop(proc)
        print(STOPPED, file=sys.stderr, flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _pass_on(stream, stopping) -> None:
    """Copy the server's output to this process's stderr until it is being stopped."""
    out = getattr(sys.stderr, "buffer", None)
    for line in stream:
        if stopping.is_set():
            continue  # read on, so the server never blocks on a full pipe
        if out is not None:
            out.write(line)
            out.flush()
        else:
            sys.stderr.write(line.decode("utf-8", "replace"))


def _stop(proc) -> None:
    """Ask the server to stop (it ends its kernels); kill its process group if it will not."""
    import signal
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _interrupt(_signum, _frame):
    """SIGTERM and SIGHUP stop the server as Ctrl+C does."""
    raise KeyboardInterrupt


def _stop_with_parent() -> None:
    """In the server's process, before it starts: on Linux, get SIGTERM if the parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
