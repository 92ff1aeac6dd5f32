"""A coach's own working copy of the kit: ``workbook init DIR``.

The copy holds the session notebooks, the report templates and the instrument file, ready to
edit, with a short README saying what each is. Commands take the copy's parts:
``workbook coach --notebooks DIR/notebooks``, ``workbook report ... --templates DIR/templates``,
and ``--instrument DIR/instrument.toml`` wherever answers are scored.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from workbook.workfolder import init_folder
>>> folder = Path(tempfile.mkdtemp()) / "my-kit"
>>> written = init_folder(folder)
>>> sorted(p.relative_to(folder).as_posix() for p in written)[:3]
['README.md', 'instrument.toml', 'notebooks/00-start-here.ipynb']
"""

from __future__ import annotations

from pathlib import Path

from .exceptions import WorkbookError
from .files import atomic_write
from .instrument import DEFAULT_PATH
from .resources import (
    APP_NOTEBOOK,
    REPORT_TEMPLATES,
    SESSION_NOTEBOOKS,
    notebooks_dir,
    templates_dir,
)

NOTEBOOKS = "notebooks"
TEMPLATES = "templates"
INSTRUMENT = "instrument.toml"
README = "README.md"

_README = """\
# Your copy of the Readiness Workbook

Made by `workbook init`. Everything here is yours to edit; the kit itself is unchanged.

- `instrument.toml`: the statements, the answer scale, the thresholds and every word the kit
  shows about them. Use it with `--instrument {folder}/instrument.toml` on `workbook validate`,
  `score`, `cohort` and `report`.
- `notebooks/`: the session pages, a start page, one page per ingredient, the profile and the
  conversations page.
  Serve them with `workbook coach --notebooks {folder}/notebooks`.
- `templates/`: the report notebooks that papermill runs. Use them with
  `workbook report participants DATA --templates {folder}/templates` (or `report cohort`).

Keep the `parameters` cell of each template and every key of the instrument file: the kit
checks both and names the file and what is missing when something is off. The session pages
read the kit's own instrument; your instrument file is used where you pass `--instrument`.

To start again from the kit's versions: `workbook init {folder} --force` replaces these files
(and only these); anything else you keep in this folder is left alone.
"""


def kit_files() -> dict:
    """Relative path in a copy -> the kit's source file, for every file ``init`` writes."""
    files = {INSTRUMENT: DEFAULT_PATH}
    for name in (*SESSION_NOTEBOOKS, APP_NOTEBOOK):  # the app too: `coach --notebooks` serves it
        files[f"{NOTEBOOKS}/{name}"] = notebooks_dir() / name
    for name in REPORT_TEMPLATES:
        files[f"{TEMPLATES}/{name}"] = templates_dir() / name
    return files


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
    list of Path
        The files written.

    Raises
    ------
    WorkbookError
        When ``folder`` is a file, or a non-empty folder and ``force`` is False, or its
        ``notebooks`` or ``templates`` is a link (it would be written through, outside
        ``folder``). Nothing is written then.
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder} is a file; give a folder for your copy of the kit")
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
    files = kit_files()  # before writing anything: a missing kit file leaves no half copy
    written = [atomic_write(folder / README, _README.format(folder=folder))]
    for relative, source in files.items():
        written.append(atomic_write(folder / relative, source.read_bytes()))
    return written
