"""``workbook coach``: the session as an app in the browser."""

from __future__ import annotations

#: Said of the kit's own instrument file.
KIT_OWN = "the kit's own"


def add_parser(sub) -> None:
    """Register ``workbook coach``."""
    p = sub.add_parser(
        "coach",
        help="start the coaching session in the browser (Voila; --lab for JupyterLab)",
        description="Start the coaching session on this machine only (127.0.0.1). Voila shows "
        "the whole session as one app without code; --lab opens JupyterLab for the coach "
        "(the address printed carries its token).",
    )
    p.add_argument("client_id", metavar="CLIENT_ID", nargs="?",
                   help="the client to open (default: none; open one on the start page)")
    p.add_argument("--workspace", metavar="DIR", help="where answers are kept "
                   "(default: $WORKBOOK_HOME, then ~/readiness-workbook)")
    p.add_argument("--port", type=int, metavar="N", help="port (default 8866; 8888 with --lab)")
    p.add_argument("--lab", action="store_true", help="JupyterLab instead of Voila, on your "
                   "working copy of the notebooks (made in the workspace's notebooks folder)")
    p.add_argument("--notebooks", metavar="DIR", help="serve your own copy of the session "
                   "notebooks (made with `workbook init`) instead of the kit's")
    p.add_argument("--instrument", metavar="FILE", help="the instrument file every page uses "
                   "(default: the instrument.toml of your copy made with `workbook init`, when "
                   "--notebooks is its notebooks folder or the current folder is the copy; "
                   "else the kit's own)")
    p.add_argument("--hub", action="store_true", help="run as a coach's own server under "
                   "JupyterHub (the command deploy/jupyterhub/jupyterhub_config.py gives the "
                   "hub; it takes the address from the hub)")
    p.set_defaults(func=cmd_coach)


def cmd_coach(args) -> int:
    """Check everything, print the address, then run the server until Ctrl+C."""
    from workbook.core.instrument import load_instrument
    from workbook.session.coach import ROOT_NOTE, coach, is_root, serve, session_instrument
    from workbook.session.instrument_record import remember
    from workbook.session.store import resolve_workspace
    from workbook.session.store.workspace_arg import check_workspace
    from workbook.session.workfolder import NOTEBOOKS

    # a new workspace is made; a file or one client's folder given instead is refused by name
    home = check_workspace(resolve_workspace(args.workspace), must_exist=False)
    instrument = session_instrument(args.instrument, args.notebooks)
    cmd, url, env = coach(args.client_id, workspace=home, port=args.port, lab=args.lab, run=False,
                          notebooks=args.notebooks, instrument=instrument,
                          hub=args.hub)
    inst = load_instrument(instrument)
    from workbook.session.store.records import check_id

    who = check_id(args.client_id) if args.client_id else "none yet (open one on the start page)"
    lines = [f"Client: {who}", f"Answers are kept in {home}",
             f"Instrument: {instrument or KIT_OWN} (version {inst.version})"]
    changed = remember(home, inst)  # the workspace's first instrument is recorded
    if changed:
        lines.append(changed)
    if args.lab and not args.notebooks:
        lines.append(f"Notebooks: your working copy in {home / NOTEBOOKS} (the kit's own are "
                     "never changed)")
    lines.append(f"Open {url}")
    if args.lab and is_root():
        lines.append(ROOT_NOTE)
    lines.append("(Ctrl+C stops the server.)")
    print("\n".join(lines), flush=True)
    return serve(cmd, env)  # until Ctrl+C; then one line, not the server's shutdown noise
