"""``workbook export-clients``: one-on-one clients' sessions as a response table."""

from __future__ import annotations

import sys

from workbook.core.exceptions import StoreError


def add_parser(sub) -> None:
    """Register ``export-clients``."""
    p = sub.add_parser(
        "export-clients",
        help="write every coaching client's sessions as a response table (CSV)",
        description="Write every client's sessions in a workspace as the canonical response "
        "table: one row per client per session date (timepoint = the date), ready for "
        "`workbook score` or a cohort analysis. Reflections are private and never exported. "
        "Each row also counts the client's conversations list by that date (people_listed, "
        "notes_sent, conversations_held); never a contact's name. A client with a "
        "conversations list and no session yet gets one row dated the day it is counted, "
        "answers empty. A folder that cannot be "
        "read as a client's (copied from another client, damaged) is named on stderr with "
        "the reason, and every other client is exported (exit status 0).",
    )
    p.add_argument("--workspace", metavar="DIR", required=True,
                   help="the workspace folder that holds one folder per client")
    p.add_argument("--out", metavar="FILE", required=True, help="the CSV file to write")
    p.add_argument("--cohort", metavar="LABEL", help="a label for the cohort column")
    p.add_argument("--instrument", metavar="FILE",
                   help="an instrument file (default: the one the workspace was started "
                   "with, else the kit's own)")
    p.set_defaults(func=cmd_export_clients)
    _add_remove_session(sub)


def export_clients(workspace, out, *, instrument=None, cohort=None, problems=None):
    """Write every client's sessions in ``workspace`` to the CSV ``out``; return the table.

    ``participant_id`` is each client's id exactly as it was given (never its folder name).
    Each folder left out (:func:`workbook.session.store.scan.scan`) goes into ``problems`` when it
    is a list, else into a logged warning; every other client is written.

    Raises
    ------
    StoreError
        If the workspace does not exist (an export never creates one), is a file, or is one
        client's folder (:func:`~workbook.session.store.workspace_arg.check_workspace`); nothing is
        written then.
    """
    from workbook.cli.common import write_csv_kept
    from workbook.core.files import refuse_record_target
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import VERSION_COLUMN, row_versions
    from workbook.session.clients_table import responses
    from workbook.session.newer_answers import refuse_newer_answers
    from workbook.session.store import ClientStore
    from workbook.session.store.workspace_arg import check_workspace

    # never over a client's record (attacks2 N10) nor the instrument read (attacks4 B16)
    refuse_record_target(out, reads={"--instrument": instrument})
    # never made; a client's folder or a file given instead is refused by name
    folder = check_workspace(workspace, StoreError)
    # a record repaired on reading is a StoreWarning (the command shows it as one line)
    given, instrument = instrument, load_instrument(instrument)
    table = responses(ClientStore(folder, read_only=True), instrument,
                      cohort=cohort, problems=problems)
    if given is not None:
        refuse_newer_answers(folder, given, instrument)
    # each row's own version, from the statements it holds: a session answered on 2.0 keeps
    # its retired statements' columns and says 2.0 (one carried from it too: "2.0;2.1")
    table[VERSION_COLUMN] = row_versions(table, instrument)
    table.attrs[TWO_VERSIONS] = two_versions(table, instrument)
    write_csv_kept(table, out)  # a file there the kit did not write is kept (round 12a P10)
    return table


#: ``attrs`` key of :func:`export_clients`' table: the lines naming each session that answers
#: one ingredient on two versions (round 13a R22).
TWO_VERSIONS = "sections_on_two_versions"


def two_versions(table, instrument) -> list:
    """Each row answering one ingredient on two versions (hope_4 of 2.0 beside hope_8), in words.

    No version asked those statements together, so the kit's own ``validate`` calls such a
    row a problem: the export names the client, the session and the statements, so the
    coach can save that section again on one version (round 13a R22).
    """
    import pandas as pd

    from workbook.core.versions import infer_version, retired

    gone = retired(instrument)
    owner = {i.id: ing.id for ing in instrument.ingredients for i in ing.items}

    def ingredient(item_id):
        seen = set()
        while item_id not in owner and item_id in gone and item_id not in seen:
            seen.add(item_id)
            item_id = gone[item_id].id
        return owner.get(item_id)

    old = [c for c in gone if c in table.columns and ingredient(c)]
    if not old:
        return []
    said = []
    for _, row in table[table[old].notna().any(axis=1)].iterrows():
        for ing in instrument.ingredients:
            ids = [c for c in (*(i.id for i in ing.items), *old)
                   if c in table.columns and ingredient(c) == ing.id and pd.notna(row[c])]
            if not any(c in gone for c in ids) or infer_version(instrument, ids) is not None:
                continue
            earlier = [c for c in ids if c in gone]
            later = [c for c in ids if c not in gone]
            said.append(
                f"client {row['participant_id']!r}, session {row['date']}: "
                f"{instrument.ingredient_in_text(ing.id)} is answered on two versions in one "
                f"session ({', '.join(earlier)} of an earlier version beside "
                f"{', '.join(later)}), which no version asked together: validate, score and "
                "cohort will call this row a problem; save that section again with one "
                "version's statements")
    return said


def cmd_export_clients(args) -> int:
    """Export the sessions and say how many were written."""
    from workbook.session.instrument_record import workspace_instrument

    problems = []
    # without --instrument, the one the workspace was started with: a copy's new statements
    # are kept and its version written (newuser22)
    given, said = workspace_instrument(args.workspace, args.instrument)
    if said:
        print(said, file=sys.stderr)
    table = export_clients(args.workspace, args.out, instrument=given,
                           cohort=args.cohort, problems=problems)
    from workbook.session.clients_table import NO_SESSION, NOTHING_SAVED, nothing_saved_line

    for problem in problems:
        print(f"workbook: warning: {problem}", file=sys.stderr)
    for line in table.attrs.get(TWO_VERSIONS, []):
        print(f"workbook: warning: {line}", file=sys.stderr)
    nothing = table.attrs.get(NOTHING_SAVED, [])
    for client in nothing:
        print(f"workbook: note: {nothing_saved_line(client)}", file=sys.stderr)
    no_session = table.attrs.get(NO_SESSION, [])
    for client in no_session:
        day = table.loc[table["participant_id"] == client, "date"].iloc[0]
        print(f"workbook: note: {client!r} has no session saved yet: one row dated {day} "
              "(the day their conversations list was counted), answers empty", file=sys.stderr)
    clients = table["participant_id"].nunique() - len(no_session)
    sessions = len(table) - len(no_session)
    also = ("" if not no_session else ", and 1 row for a client with no session yet,"
            if len(no_session) == 1 else
            f", and {len(no_session)} rows for clients with no session yet,")
    left = f"; {len(problems)} folder(s) left out (listed above)" if problems else ""
    if nothing:  # clients of the workspace all the same, as followups counts them (12b Q3)
        every = clients + len(no_session) + len(nothing)
        left += (f"; of {every} client{'s' if every != 1 else ''} in the workspace, "
                 f"{len(nothing)} with nothing saved yet (no row)")
    print(f"wrote {sessions} session(s) of {clients} client(s){also} to {args.out}{left}",
          file=sys.stderr)
    return 0


def _add_remove_session(sub) -> None:
    """Register ``remove-session`` (attacks4 B6: a session saved by mistake)."""
    p = sub.add_parser(
        "remove-session",
        help="remove a client's session saved by mistake, for good",
        description="Remove one session of a coaching client (saved under the wrong client "
        "or date, a test): a removal is added to the client's journal.jsonl, so every "
        "reading leaves the session out from then on. Deleting its line from journal.jsonl "
        "by hand does not remove it (answers.json still holds it and it is written back). "
        "A later save on that date makes a new session.",
    )
    p.add_argument("--workspace", metavar="DIR", required=True,
                   help="the workspace folder that holds one folder per client")
    p.add_argument("--client", metavar="ID", required=True, help="the client, as named")
    p.add_argument("--session", metavar="DATE", required=True,
                   help="the session's date (YYYY-MM-DD)")
    p.set_defaults(func=cmd_remove_session)


def cmd_remove_session(args) -> int:
    """Remove the session and say what was removed."""
    from workbook.core.text import printable
    from workbook.session.store import ClientStore
    from workbook.session.store.records import check_id, is_date
    from workbook.session.store.workspace_arg import check_workspace

    if not is_date(args.session):
        raise StoreError(f"--session {printable(args.session)!r} is not a date (YYYY-MM-DD); "
                         "nothing was removed")
    folder = check_workspace(args.workspace, StoreError)
    answers = ClientStore(folder).remove_session(args.client, args.session)
    # the client as saved (the name as typed, read as the store reads it), escaped once
    print(f"removed session {args.session} of client {check_id(args.client)!r} "
          f"({', '.join(answers) or 'no answers'})", file=sys.stderr)
    return 0
