"""A coach's own working copy of the kit: ``workbook init DIR``.

The copy holds the session notebooks, the report templates and the instrument file, ready to
edit, with a short README saying what each is. Commands take the copy's parts:
``workbook coach --notebooks DIR/notebooks``, ``workbook report ... --templates DIR/templates``,
and ``--instrument DIR/instrument.toml`` wherever answers are scored.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from workbook.session.workfolder import init_folder
>>> folder = Path(tempfile.mkdtemp()) / "my-kit"
>>> written = init_folder(folder)
>>> sorted(p.relative_to(folder).as_posix() for p in written)[:3]
['README.md', 'instrument.toml', 'notebooks/00-start-here.ipynb']
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from workbook.core.exceptions import WorkbookError
from workbook.core.files import CLIENT_MARK, atomic_write, refuse_record_target
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.core.resources import (
    APP_NOTEBOOK,
    REPORT_TEMPLATES,
    SESSION_NOTEBOOKS,
    notebooks_dir,
    templates_dir,
)
from workbook.session.instrument_record import RECORD_FILE

NOTEBOOKS = "notebooks"
TEMPLATES = "templates"
INSTRUMENT = "instrument.toml"
README = "README.md"

_README = """\
# Your copy of the Readiness Workbook

Made by `workbook init`. Everything here is yours to edit; the kit itself is unchanged.

- `instrument.toml`: the statements, the answer scale, the thresholds and every word the kit
  shows about them. Use it with `--instrument {folder}/instrument.toml` on `workbook validate`,
  `score`, `cohort`, `report`, `validity`, `followups` and `export-clients`. `workbook coach`
  finds it by itself when it runs from this folder (or with `--notebooks`), and a workspace
  remembers it: `followups`, `export-clients` and `report --workspace` then use it without
  `--instrument` while the file is here.
- `notebooks/`: the session pages, a start page, one page per ingredient, the profile and the
  conversations page.
  Serve them with `workbook coach --notebooks {folder}/notebooks`: the session then speaks
  this folder's `instrument.toml` (as it does when `workbook coach` runs from this folder;
  `--instrument FILE` names another).
- `templates/`: the report notebooks that papermill runs. Use them with
  `workbook report participants DATA --templates {folder}/templates` (or `report cohort`).

Keep the `parameters` cell of each template and every key of the instrument file: the kit
checks both and names the file and what is missing when something is off. A table of words
you leave out whole is taken from the kit's file; a table you keep must keep all its keys.

To start again from the kit's versions: `workbook init {folder} --force` replaces these files
(and only these); anything else you keep in this folder is left alone. A file you edited is
kept beside the new one as `NAME.bak-DATE` first, and the command names each one it kept.
"""


class Written(list):
    """The files ``init_folder`` wrote, and what it kept.

    ``kept`` holds (file, its backup) for each edited file kept before the kit's version
    replaced it.
    """

    def __init__(self, files=(), kept=()):
        super().__init__(files)
        self.kept = list(kept)


def kit_files() -> dict:
    """Relative path in a copy -> the kit's source file, for every file ``init`` writes."""
    files = {INSTRUMENT: DEFAULT_PATH}
    for name in (*SESSION_NOTEBOOKS, APP_NOTEBOOK):  # the app too: `coach --notebooks` serves it
        files[f"{NOTEBOOKS}/{name}"] = notebooks_dir() / name
    for name in REPORT_TEMPLATES:
        files[f"{TEMPLATES}/{name}"] = templates_dir() / name
    return files


def _read_own(path: Path):
    """The bytes and permission bits of the regular file at ``path``, or None.

    None when there is no regular file there, or a link: it is never followed, and replacing
    the link leaves its target alone.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # a FIFO never waits
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if os.path.islink(path):
            return None
        raise WorkbookError(f"cannot read {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None
        return fh.read(), stat.S_IMODE(st.st_mode)


def keep_copy(path: Path, data: bytes, mode: int, stamp: str) -> Path:
    """Write ``data`` to a new ``<name>.bak-<stamp>`` beside ``path`` with ``mode``.

    Never over an existing file or through a link.
    """
    for n in range(1000):
        backup = path.with_name(f"{path.name}.bak-{stamp}" + (f"-{n}" if n else ""))
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise WorkbookError(f"cannot keep a copy of {path} as {backup}: "
                                f"{exc.strerror or exc}; nothing was replaced") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fchmod(fh.fileno(), mode)
                os.fsync(fh.fileno())
        except OSError as exc:
            backup.unlink(missing_ok=True)
            raise WorkbookError(f"cannot keep a copy of {path} as {backup}: "
                                f"{exc.strerror or exc}; nothing was replaced") from None
        return backup
    raise WorkbookError(f"cannot keep a copy of {path}: too many backups named {path.name}.bak-"
                        f"{stamp}; nothing was replaced")


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` is a workspace's root: it holds a client's folder or its files."""
    # imported here: the store package reads pandas, which `workbook --help` must not pay for
    from workbook.session.store.records import CURRENT_FILE

    try:
        if (folder / CURRENT_FILE).exists() or (folder / RECORD_FILE).exists():
            return True
        return any((child / CLIENT_MARK).is_file() for child in folder.iterdir()
                   if child.is_dir())
    except OSError:  # not a folder (or not readable): refused or written as before
        return False


def init_folder(folder, *, force: bool = False) -> list:
    """Write a coach's working copy of the kit into ``folder``.

    Parameters
    ----------
    folder : str or Path
        Where to write it: a new folder, or an empty one.
    force : bool, default False
        Write into a folder that is not empty, replacing only the kit's own files there
        (README, instrument, session notebooks, templates); other files are left alone.

    Returns
    -------
    Written (a list of Path)
        The files written; ``.kept`` lists (file, backup) for each file whose content differed
        from the kit's (an edit): it was kept as ``<name>.bak-<YYYYmmddTHHMMSS>`` beside it,
        with its permissions, before being replaced. Unchanged files are replaced silently.

    Raises
    ------
    WorkbookError
        When ``folder`` is a workspace, or is (or is inside) a client's folder of one, a file,
        or a non-empty folder and ``force`` is False, or its ``notebooks`` or ``templates`` is
        a link (it would be written through, outside
        ``folder``). Nothing is written then.
    """
    folder = Path(folder).expanduser()
    # never beside a client's record, --force or not, as every other writing command
    # (attacks5 C24 f)
    refuse_record_target(folder, "the folder for your copy of the kit,")
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder} is a file; give a folder for your copy of the kit")
    if folder.is_dir() and is_workspace(folder):  # its instrument file is the sessions' own
        raise WorkbookError(
            f"{folder} is a workspace (it holds the clients' folders), where the clients' "
            "records and the instrument of their sessions are kept; nothing is written there: "
            "choose a folder outside the workspace for your copy of the kit")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise WorkbookError(
            f"{folder} is not empty; choose a new folder, or pass --force to replace the kit's "
            "own files there (README.md, instrument.toml, notebooks/, templates/) and keep the rest"
        )
    for sub in (NOTEBOOKS, TEMPLATES):
        target = folder / sub
        if target.is_symlink():  # writing through it would write outside the chosen folder
            raise WorkbookError(
                f"{target} is a link to {target.resolve()}; the copy writes only inside "
                f"{folder}: remove the link (or choose another folder) and run again. "
                "Nothing was written"
            )
        if target.exists() and not target.is_dir():
            raise WorkbookError(f"{target} is a file; the copy needs a folder there")
    # read everything before writing anything: a missing kit file leaves no half copy
    contents = {README: _README.format(folder=folder).encode("utf-8")}
    contents.update({relative: source.read_bytes() for relative, source in kit_files().items()})
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    kept = []
    for relative, data in contents.items():  # every edit kept before anything is replaced
        old = _read_own(folder / relative) if folder.is_dir() else None
        if old is not None and old[0] != data:
            kept.append((folder / relative, keep_copy(folder / relative, old[0], old[1], stamp)))
    written = [atomic_write(folder / relative, data) for relative, data in contents.items()]
    return Written(written, kept)
