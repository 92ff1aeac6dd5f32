"""What several commands share: reading options, a file's refusal, a progress bar.

The reading options (``--keep``, ``--dates``, ``--sheet``), the refusal of a response file
with problems, the files a command reads (never its ``--out``) and the progress bar of a
batch of reports. Every command module takes these from here, never from another command's
module, and nothing heavy is imported at the top (``workbook --help`` starts quickly).
"""

from __future__ import annotations

import sys

from workbook.core import schema
from workbook.core.text import count

KEEP, ORDERS = schema.KEEP_CHOICES, schema.DATE_ORDERS

#: Problems printed before "... and N more".
MAX_LISTED = 25


def reading_options(parser) -> None:
    """``--keep``, ``--dates`` and ``--sheet``: how a response file is read (every command)."""
    parser.add_argument(
        "--keep", choices=KEEP, metavar="first|last",
        help="keep one row per participant and timepoint: the first or last by date when each "
        "repeated row has one, else in file order; a date that cannot be read (or could be day "
        "or month first) and would decide leaves the repeat a problem; every row left out is "
        "listed",
    )
    parser.add_argument(
        "--dates", choices=ORDERS, metavar="dmy|mdy",
        help="read a date such as 04/03/2026 day first (dmy) or month first (mdy)",
    )
    parser.add_argument("--sheet", metavar="NAME",
                        help="the sheet of an xlsx file to read (default: the first)")


def reading_kwargs(args) -> dict:
    """The reading options of a command, as :func:`workbook.load_responses` takes them."""
    return {"keep": getattr(args, "keep", None), "dates": getattr(args, "dates", None),
            "sheet": getattr(args, "sheet", None)}


def files_read(args) -> dict:
    """The files a command reads, by the name the user gave each: never its --out (B16)."""
    return {name: getattr(args, attr, None) for name, attr in
            (("DATA", "data"), ("--instrument", "instrument"), ("--map", "mapping"))}


def print_problems(problems, *, limit: int | None = MAX_LISTED, stream=None) -> None:
    """Print problems one per line, at most ``limit`` of them, then a count of the rest."""
    stream = stream or sys.stderr
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        print(f"  {problem}", file=stream)
    if len(problems) > len(shown):
        print(
            f"  ... and {len(problems) - len(shown)} more (`workbook validate` lists them all)",
            file=stream,
        )


def refuse(exc, source, done: str, verb: str) -> int:
    """Say why a file was refused, what to do about it, and return the exit status 1.

    ``done`` completes "nothing was ...", ``verb`` "leaves nothing to ...". A problem of the
    header (above the first response) concerns the whole file, so --skip-invalid cannot help;
    the coach is sent to ``validate``, which shows how the columns were matched.
    """
    problems = exc.problems
    print(f"workbook: error: {source} has {count(len(problems), 'problem')}; nothing was {done}:",
          file=sys.stderr)
    print_problems(problems)
    first_row = getattr(exc, "first_row", 2)
    if exc.nothing_left:
        print(f"Every response has a problem, so --skip-invalid leaves nothing to {verb}.",
              file=sys.stderr)
    elif any(p.row is None or p.row < first_row for p in problems):
        print(f"A problem in the header concerns the whole file, so --skip-invalid cannot leave "
              f"it out. `workbook validate {source}` shows how each column was matched.",
              file=sys.stderr)
    else:
        print(f"Fix them, or pass --skip-invalid to {_skip_invalid_would(problems)}.",
              file=sys.stderr)
    return 1


def _skip_invalid_would(problems) -> str:
    """What --skip-invalid would do with these rows' problems, as refuse() says it.

    A row whose only problem is its hours a week is kept with its hours left empty
    (:func:`workbook.responses.io.load_responses`); a row with any other problem is left out.
    """
    from workbook.responses.io import rows_said

    out = sorted({p.row for p in problems if p.column != schema.HOURS})
    kept = sorted({p.row for p in problems if p.column == schema.HOURS} - set(out))
    if not kept:
        return "leave those rows out"
    whose = "its" if len(kept) == 1 else "their"
    if not out:
        response = "that response" if len(kept) == 1 else "those responses"
        return f"keep {response} with {whose} hours left empty ({rows_said(kept, True)})"
    return (f"leave out {rows_said(out, True)} and keep {rows_said(kept, True)} with {whose} "
            "hours left empty")


class ProgressBar:
    """A tqdm progress bar on stderr, made when the number of reports is known."""

    def __init__(self):
        self.bar = None

    def __call__(self, done, total, outcome):
        """Count one report done (``outcome`` None: the total is known, nothing done yet)."""
        if self.bar is None:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread in this process
            self.bar = tqdm(total=total, unit="report", file=sys.stderr, dynamic_ncols=True,
                            disable=None, desc="reports")
        if outcome is not None:
            self.bar.update(1)
            if not outcome.ok:
                self.bar.set_postfix_str(f"{len(self._failed(outcome))} failed")

    def _failed(self, outcome):
        self.failures = getattr(self, "failures", []) + [outcome]
        return self.failures

    def close(self):
        """Close the bar, if one was made."""
        if self.bar is not None:
            self.bar.close()


def keep_if_not_ours(path, ours):
    """Keep a copy of a file at ``path`` the kit did not write, before a command replaces it.

    ``followups --ics``, ``score --out`` and ``export-clients --out`` write one file the user
    names; a file already there that is not the kit's own earlier output (``ours(its bytes)``
    is False: a coach's own calendar, a spreadsheet of their own) is copied first to
    ``NAME.bak-<YYYYmmddTHHMMSS>`` beside it (0600, never over a file) and a note says so
    (round 12a P10), as ``init --force`` keeps an edited file. Returns the copy's path, or
    None when nothing needed keeping.
    """
    import time
    from pathlib import Path

    from workbook.session.workfolder import keep_copy

    path = Path(path).expanduser()
    if path.is_symlink() or not path.is_file():
        return None  # nothing there (a link or a folder: the writing refuses it)
    try:
        old = path.read_bytes()
    except OSError:
        return None
    if not old or ours(old):
        return None
    backup = keep_copy(path, old, 0o600, time.strftime("%Y%m%dT%H%M%S"))
    print(f"workbook: note: {path} was not written by the kit, so it was kept as {backup} "
          "before this command wrote its own file there", file=sys.stderr)
    return backup


def first_line(data: bytes) -> bytes:
    r"""A file's first line without a byte order mark or line end: ``b"a,b\r\nc"`` -> a,b."""
    line = data.split(b"\n", 1)[0].rstrip(b"\r")
    return line[3:] if line.startswith(b"\xef\xbb\xbf") else line


def write_csv_kept(table, path, *, index: bool = False):
    """:func:`workbook.core.files.write_csv`, keeping a file there the kit did not write.

    The kit's own earlier output of the command is the file whose header row is the one this
    run writes; any other file is kept first (:func:`keep_if_not_ours`).
    """
    from workbook.core.files import atomic_write, csv_text

    text = csv_text(table, index=index)
    header = first_line(text.encode("utf-8"))
    keep_if_not_ours(path, lambda old: first_line(old) == header)
    return atomic_write(path, text)
