"""The ``workbook`` command: a light wrapper over the package.

Each sub-command lives in a module of this package with two functions: ``add_parser(sub)``
registers it, and the handler it sets as ``func`` does the work by calling the library.
Errors the kit raises on purpose are printed as one line, without a traceback, and the
command exits with status 1.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
import warnings

from workbook.cli import basic, clients, coach, cohort, followups, init, report, validity
from workbook.cli.plain_warnings import plain_warnings
from workbook.core.exceptions import WorkbookError

#: Modules that register sub-commands, in the order ``workbook --help`` lists them.
COMMAND_MODULES = [basic, clients, followups, coach, cohort, validity, report, init]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``workbook`` command."""
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Readiness Workbook: score, check and report on the five ingredients "
        "of informational interviewing (hope, time, energy, self-esteem, ambition).",
    )
    parser.add_argument("--version", action="version", version=f"workbook {_version()}")
    parser.add_argument("--verbose", "-v", action="store_true", help="say more about what happens")
    parser.add_argument(
        "--debug", action="store_true", help="show a full traceback on unexpected errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parser(sub)
    return parser


def _version() -> str:
    from workbook import __version__

    return __version__


def main(argv=None) -> int:
    """Run the ``workbook`` command; returns the exit status."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # --debug and --verbose work anywhere on the line, also after the command's name.
    flags = [a for a in argv if a in ("--debug", "--verbose", "-v")]
    args = parser.parse_args(flags + [a for a in argv if a not in flags])
    for option in ("out", "workspace", "data"):  # '' would quietly mean this folder
        value = getattr(args, option, None)
        if value is not None and not str(value).strip():
            name = "DATA" if option == "data" else f"--{option}"
            parser.error(f"{name} is empty; name a file or folder")
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(message)s",
        stream=sys.stderr,
    )
    if not args.debug:  # a warning is one plain line, said once (no source file or code)
        warnings.showwarning = plain_warnings()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except WorkbookError as exc:
        print(f"workbook: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workbook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # one line, naming the file, as every command says it
        if args.debug:
            raise
        if exc.filename is None:
            return _unexpected(exc)
        print(f"workbook: error: {os_error_message(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the promise: no traceback unless asked for
        if args.debug:
            raise
        return _unexpected(exc)


def _unexpected(exc: BaseException) -> int:
    print(
        f"workbook: unexpected error ({exc.__class__.__name__}: {exc}). "
        "Run again with --debug for the details and report it.",
        file=sys.stderr,
    )
    return 1


#: Errors that mean a file or folder could not be written (the others: could not be used).
_WRITE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
                 errno.ENOTDIR, errno.EEXIST, errno.EISDIR, errno.EFBIG}


def os_error_message(exc: OSError) -> str:
    """One line for an operating-system error on a file, as every command says it.

    Examples
    --------
    >>> os_error_message(NotADirectoryError(20, "Not a directory", "notes.txt/out"))
    'cannot write to notes.txt/out: Not a directory'
    """
    verb = "cannot write to" if exc.errno in _WRITE_ERRNOS else "cannot use"
    return f"{verb} {exc.filename}: {exc.strerror or exc}"


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
