"""Where a report's answers come from: a response file, or one client of a coach's workspace.

Also the one cohort-level figure a personal report needs from the others: how large a change
must be to count as reliable (Jacobson & Truax), which is computed from the group and holds
nobody's answers.
"""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pandas as pd

from workbook.core import schema
from workbook.core.exceptions import ReportError, WorkbookError
from workbook.core.log import logger
from workbook.responses.datasets import sample_path

#: Fewer people than this answering twice: the reliable change is not estimated from the data.
MIN_PEOPLE_FOR_RCI = 10
#: The ``data`` parameter of a personal report whose rows were handed over in memory.
HANDED_OVER = "<rows handed over by workbook report>"
_HANDED: list = []

#: The note for reports whose "first" and "latest" answers follow the file (attacks5 C16).
#: A ``carried`` cell (``export-clients``' column, round 12a P9) with a part that is no
#: ingredient and date: the participant, the parts, the column.
CARRIED_ODD = ("workbook: warning: %s's latest row: %r in column %r is not an ingredient and "
               "a date (such as 'time 2026-11-02'); left out")
FILE_ORDER = ("workbook: note: %d personal report(s) (%s) compare rows that have no date and "
              "timepoints whose order the kit does not know (it knows pre, post and "
              "followup): their first and latest answers are taken in the order of the file; "
              "add a date column to be sure")


class NoSessionError(ReportError):
    """A client of the workspace with a conversations list and no saved session yet.

    The export gives them one row (answers empty); a personal report has nothing to show
    until a session is saved, so the batch names them under "Not made" with :attr:`public`.
    """

    #: Why no report was made, as the index page says it (it quotes no one).
    public = ("no session saved yet (only a conversations list): a personal report is "
              "made once a session is saved")


#: Why a client folder of the workspace has no report, as the index page says it (its own
#: reason, said where the reports were made, can quote what the folder holds).
FOLDER_NOT_READ = ("this client folder could not be read (why was said where the reports "
                   "were made): a personal report is made once it can be read")


class NothingSavedError(ReportError):
    """A client of the workspace opened in the app with nothing saved yet (round 12b Q3).

    Their folder holds only who they are: no session, no conversations list. The export
    leaves them out (a folder named with why); a personal report has nothing to show, so the
    batch names them under "Not made" with :attr:`public`, as it does :class:`NoSessionError`.
    """

    #: Why no report was made, as the index page says it (it quotes no one).
    public = ("nothing saved yet (opened, with no session and no conversations list): a "
              "personal report is made once a session is saved")


def hand_over(rows: pd.DataFrame) -> None:
    """Give this process one participant's rows, for the report it is about to run.

    The report runner calls this in the fresh child process of one report, just before the
    template runs with ``data=HANDED_OVER``; :func:`take_handed_over` then returns them
    once. The rows are those the batch already read, checked and selected, so the child does
    not read a file again.
    """
    _HANDED[:] = [rows]


def take_handed_over() -> pd.DataFrame:
    """The rows given by :func:`hand_over`, once; raise :class:`ReportError` if there are none."""
    if not _HANDED:
        raise ReportError(
            f"data={HANDED_OVER!r} means rows handed over by `workbook report`, and there are "
            "none in this process; give a response file instead"
        )
    return _HANDED.pop()


def load_table(data, instrument, *, mapping=None, skip_invalid: bool = False, keep=None,
               dates=None, sheet=None) -> pd.DataFrame:
    """Read a response file (the bundled sample when ``data`` is None), answers as numbers.

    ``keep``, ``dates`` and ``sheet`` are as for :func:`workbook.load_responses`.
    """
    from workbook import load_responses

    path = sample_path() if data is None else data
    kwargs = {"skip_invalid": skip_invalid, "keep": keep, "dates": dates, "sheet": sheet}
    if mapping is not None:
        if "mapping" not in inspect.signature(load_responses).parameters:
            raise ReportError("this version of the kit cannot read a mapping file")
        kwargs["mapping"] = mapping
    return load_responses(path, instrument, **kwargs)


def _workspace_folder(workspace) -> Path:
    """The workspace folder; raise :class:`ReportError` if it does not exist (never made).

    A file, or one client's folder given instead, is refused by name
    (:func:`~workbook.session.store.workspace_arg.check_workspace`).
    """
    from workbook.session.store.workspace_arg import check_workspace

    return check_workspace(workspace, ReportError)


def workspace_table(workspace, instrument, named=()) -> pd.DataFrame:
    """Every client of a coach's workspace as the canonical response table.

    Each folder left out is a logged warning, but those of the clients in ``named`` (named
    by the caller in its own words: :func:`unsaved_clients` in the personal reports' index).
    """
    from workbook.session.clients_table import responses
    from workbook.session.store import ClientStore
    from workbook.session.store.scan import is_folder_name

    store = ClientStore(_workspace_folder(workspace), read_only=True)
    problems = []
    table = responses(store, instrument, problems=problems)
    refuse_newer_answers(workspace, instrument)
    said = {store.folder(client) for client in named}
    unread = []
    for problem in problems:  # a folder left out is a logged warning
        if problem.folder not in said:
            logger.warning("workbook: warning: %s", problem)
            if is_folder_name(Path(problem.folder).name):  # a client's own folder, not a copy
                unread.append((Path(problem.folder).name, str(problem)))
    if table.empty:
        left = (f" ({len(problems)} folder(s) left out, each named above)" if problems
                else "")
        raise ReportError(f"the workspace {workspace} holds no clients' answers yet{left}")
    table.attrs[UNREAD_FOLDERS] = unread
    return table


#: ``workspace_table(...).attrs`` key: ``(folder name, why)`` of each client folder left out
#: (not read), for the personal reports' index (round 14a V11).
UNREAD_FOLDERS = "workspace_folders_not_read"


def refuse_newer_answers(workspace, instrument, participant_id=None) -> None:
    """Refuse a coach's instrument file lacking statements the workspace answers (attacks4 B9).

    A 2.0 copy of the instrument would leave every answer to a 2.1 statement out of the
    reports, without a word. The refusal is ``export-clients``'
    (:func:`workbook.session.newer_answers.refuse_newer_answers`), naming the file, the
    clients and the statements. With ``participant_id``, only that client's folder is read.
    The kit's own instrument (or none given) passes unread.

    Raises
    ------
    InstrumentError
    """
    from workbook.core.instrument_file import DEFAULT_PATH

    source = getattr(instrument, "source", None)
    if not source or Path(source).resolve() == DEFAULT_PATH.resolve():
        return
    if participant_id is None:
        from workbook.session.newer_answers import refuse_newer_answers as refuse

        refuse(_workspace_folder(workspace), source, instrument)
        return
    from workbook.core.exceptions import InstrumentError
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import newer_answers, newer_refusal
    from workbook.session.store import answers_row

    kit = load_instrument()
    rows = [{schema.PARTICIPANT_ID: str(participant_id), **answers_row(answers, kit)}
            for answers in client_history(workspace, participant_id).values()]
    found = newer_answers(pd.DataFrame(rows), instrument, kit)
    if found:
        raise InstrumentError(newer_refusal(found, source, instrument, kit))


def unsaved_clients(workspace) -> list:
    """The clients of the workspace with nothing saved yet: no session, no conversations list.

    Each was opened in the app (their folder holds who they are) and the session ended
    before an answer was given. In the workspace's order.
    """
    from workbook.session.store import ClientStore
    from workbook.session.store.scan import scan
    from workbook.session.tracker import Tracker

    store = ClientStore(_workspace_folder(workspace), read_only=True)
    out = []
    for client in scan(store).clients:
        try:
            if not store.history(client) and not Tracker(store, client).exists():
                out.append(client)
        except (WorkbookError, OSError):  # a folder that cannot be read: named by the table
            continue
    return out


def client_history(workspace, participant_id) -> dict:
    """Every saved session of one client, ``{date: answers}``; only their folder is read.

    Raises
    ------
    NoSessionError
        If the client has a conversations list and no saved session yet.
    NothingSavedError
        If the client was opened in the app and nothing is saved yet.
    ReportError
        If the client has no saved answers in the workspace.
    """
    from workbook.session.store import ClientStore
    from workbook.session.tracker import Tracker

    store = ClientStore(_workspace_folder(workspace), read_only=True)
    history = store.history(str(participant_id))
    if not history and Tracker(store, str(participant_id)).exists():
        raise NoSessionError(f"client {str(participant_id)!r} has {NoSessionError.public}")
    if not history and store.client_folder(str(participant_id)) is not None:
        raise NothingSavedError(f"client {str(participant_id)!r} has "
                                f"{NothingSavedError.public}")
    if not history:
        raise ReportError(
            f"client {str(participant_id)!r} has no saved answers in the workspace {workspace}"
        )
    return history


def client_rows(workspace, participant_id, instrument):
    """One client's pictures (canonical rows, oldest first) and what goes into the report.

    Each row is the picture after one session, by the session rule
    (:mod:`workbook.session.store.picture`): an ingredient not answered that day is carried from the
    most recent earlier session. Only this client's folder is read. A saved answer off the
    scale, or hours a week that are not hours, is left empty with a logged warning (as in
    ``export-clients``), so the report is made from the rest.

    Returns
    -------
    table : DataFrame
    context : dict
        ``shared`` (what the client chose to share, :func:`workbook.session.sharing.shared_answers`
        of the current picture), ``carried`` (ingredient -> earlier session date),
        ``step_minutes`` and ``chosen_per_week`` (:func:`workbook.core.advice.session_inputs`),
        ``conversations`` (:func:`shared_conversations`), ``progress`` (the list's steps and
        dates with no names or notes, :func:`progress_only`: the plan knows "your next
        conversation" even when the list is not shared) and ``look_again`` (the day the client
        chose to look again, or None).
    """
    from workbook.core.advice import session_inputs, session_look_again
    from workbook.session.sharing import shared_answers
    from workbook.session.store import answers_row
    from workbook.session.store.picture import carried, picture, pictures
    from workbook.session.store.table import blank_unusable

    history = client_history(workspace, participant_id)
    refuse_newer_answers(workspace, instrument, participant_id)
    rows = []
    for day, answers in pictures(history):
        row = {schema.PARTICIPANT_ID: str(participant_id), schema.COHORT: None,
               schema.TIMEPOINT: day, schema.DATE: day}
        row.update(answers_row(answers, instrument))
        rows.append(row)
    table = pd.DataFrame(rows)
    blank_unusable(table, instrument, use="report")
    for item_id in (*instrument.item_ids, schema.HOURS):
        table[item_id] = pd.to_numeric(table[item_id], errors="coerce").astype(float)
    current, sources = picture(history)
    minutes, chosen = session_inputs(current)
    context = {
        "shared": shared_answers(current, instrument),
        "carried": {k: v for k, v in carried(sources, max(history) if history else None).items()
                    if k in instrument.ingredient_ids},
        "step_minutes": minutes,
        "chosen_per_week": chosen,
    }
    book = client_book(workspace, participant_id)
    context["conversations"] = book if book.share_report else None
    context["progress"] = progress_only(book)
    context["look_again"] = session_look_again(current)
    return table, context


def client_book(workspace, participant_id):
    """The client's conversations list (read-only; only this client's folder is read)."""
    from workbook.session.store import ClientStore
    from workbook.session.tracker import Tracker

    # a list repaired on reading is a StoreWarning (the command shows it as one line)
    store = ClientStore(_workspace_folder(workspace), read_only=True)
    return Tracker(store, str(participant_id)).read()


def progress_only(book):
    """How far a conversations list has got, and nothing else: each person's step dates.

    No name, place, note or what was learned: the plan reads only how many conversations
    were held, so that "your next conversation" follows progress even when the client keeps
    the list out of their report.
    """
    from workbook.core.conversations import model

    out = model.Book()
    for n, person in enumerate(book.people.values()):
        out.people[str(n)] = model.Person(id=str(n), name="", added=person.added,
                                          steps=dict(person.steps))
    return out


def shared_conversations(workspace, participant_id):
    """The client's conversations list when they chose to put it in their report, else None.

    Only this client's folder is read. The list is returned whole; the report shows the
    contacts' names only when the client ticked that too (``Book.share_names``).
    """
    book = client_book(workspace, participant_id)
    return book if book.share_report else None


def reliable_change_points(data: pd.DataFrame, instrument) -> dict | None:
    """Per ingredient, the smallest change in points that counts as reliable.

    ``1.96 * S_diff`` from :func:`workbook.cohort.analysis.compare_timepoints`, with each
    ingredient's alpha at ``pre`` (:func:`workbook.cohort.reliability.reliability`). ``None``
    when fewer than :data:`MIN_PEOPLE_FOR_RCI` people answered both ``pre`` and ``post``.
    """
    from workbook.cohort.prepost import compare_timepoints
    from workbook.cohort.reliability import reliability
    from workbook.core.scoring import score

    if schema.TIMEPOINT not in data.columns or schema.PARTICIPANT_ID not in data.columns:
        return None
    timepoint = data[schema.TIMEPOINT].astype("string")
    ids = data[schema.PARTICIPANT_ID].astype("string")
    pre = set(ids[(timepoint == schema.BEFORE).fillna(False).to_numpy(dtype=bool)])
    post = set(ids[(timepoint == schema.AFTER).fillna(False).to_numpy(dtype=bool)])
    if len(pre & post) < MIN_PEOPLE_FOR_RCI:
        return None
    try:
        alpha = reliability(data[(timepoint == schema.BEFORE).fillna(False).to_numpy(dtype=bool)],
                            instrument)
        table = compare_timepoints(score(data, instrument), alpha=alpha, instrument=instrument)
    except WorkbookError as exc:
        logger.info("no reliable change estimate: %s", exc)
        return None
    points = table.set_index("ingredient")["rci_change"].astype(float)
    return {k: float(v) for k, v in points.items() if math.isfinite(v) and v > 0} or None
