"""``workbook init DIR``: your own copy of the notebooks, templates and instrument."""

from __future__ import annotations

from workbook.session.workfolder import NOTEBOOKS, TEMPLATES, init_folder


def add_parser(sub) -> None:
    """Register ``workbook init``."""
    p = sub.add_parser(
        "init",
        help="write your own editable copy of the session notebooks, templates and instrument",
        description="Write a working folder with the session notebooks, the report templates "
        "and the instrument file, ready to edit, and a README saying how to use each.",
    )
    p.add_argument("folder", metavar="DIR", help="a new or empty folder")
    p.add_argument("--force", action="store_true",
                   help="write into a folder that is not empty, replacing only the kit's files")
    p.set_defaults(func=cmd_init)


def cmd_init(args) -> int:
    """Write the copy and say how to use it."""
    written = init_folder(args.folder, force=args.force)
    folder = written[0].parent
    print(f"Wrote {len(written)} files to {folder}:")
    print(f"  {folder / 'README.md'}  (what each file is)")
    print(f"  use: workbook coach --notebooks {folder / NOTEBOOKS}  (speaks this copy's "
          "instrument.toml)")
    print(f"       workbook report participants DATA --templates {folder / TEMPLATES}")
    print(f"       workbook score DATA --instrument {folder / 'instrument.toml'}")
    for path, backup in written.kept:
        name = path.relative_to(folder).as_posix()
        print(f"kept your edited {name} as {backup.relative_to(folder).as_posix()}; "
              "the kit's version replaced it")
    return 0
