"""Every client's sessions, with their conversations counted, as the canonical response table.

The table ``workbook export-clients``, ``workbook followups`` and ``workbook report
--workspace`` read: the store's answers as rows (:mod:`workbook.session.store.table`), each
row joined with the counts of the client's conversations list
(:mod:`workbook.session.tracker`) as they stood on that session's day. It sits above both:
the store knows nothing of the conversations list.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from workbook.core import schema
from workbook.core.exceptions import StoreError
from workbook.core.instrument import resolve
from workbook.core.log import logger
from workbook.session.store import ClientStore
from workbook.session.store.picture import as_of, carried, picture, pictures
from workbook.session.store.scan import each_client, scan
from workbook.session.store.table import answers_row, blank_unusable, retired_ids, warn_odd
from workbook.session.tracker import Tracker

#: The export's counts from the conversations tracker (people listed, notes sent,
#: conversations held, places listed, places with a contact), as they stood when the next
#: session began (up to the day before it), and for the latest session as they stand on
#: the day of the export, so what happened after the last session is counted
#: (:meth:`workbook.core.conversations.model.Book.counts`); never a contact's or a place's
#: name. Empty for a client with no conversations list: whether they talked to anyone is
#: not known, which is not the same as none.
COUNT_COLUMNS = (*schema.TRACKER_COUNTS, schema.CONVERSATIONS_HELD, *schema.PLACE_COUNTS)


#: ``attrs`` key of :func:`responses`' table: the clients (ids) with a conversations list and
#: no saved session, each given one row on the day their list was counted, answers empty.
NO_SESSION = "clients_without_a_session"
#: ``attrs`` key of :func:`responses`' table: the clients (ids) opened with nothing saved (no
#: session, no conversations list): no row, yet clients of the workspace, as ``followups``
#: counts them (round 12b Q3).
NOTHING_SAVED = "clients_with_nothing_saved"


class NothingSaved(StoreError):
    """A client of the workspace with nothing saved yet: no row to give them."""


def _counted_until(sessions: list, n: int, today=None) -> dt.date:
    """The last day counted for session ``n``: the day before the next, or :func:`_latest`."""
    if n + 1 < len(sessions):
        return dt.date.fromisoformat(sessions[n + 1][0]) - dt.timedelta(days=1)
    return _latest(today)


def _latest(today=None) -> dt.date:
    """The last day the latest counts take a step from: the day after ``today`` (attacks5 C17).

    A step is dated by the machine that recorded it, on its own local day: a talk recorded
    today on a machine a time zone ahead (a second laptop, a synced workspace) is dated the
    next day here, and is counted (as the follow-ups list counts it). No two places on Earth
    are a whole day apart, so a step dated later than that was typed by hand (the record's
    reading names it) and is not counted.
    """
    return (today or dt.date.today()) + dt.timedelta(days=1)


def carried_cell(history: dict, day: str, inst) -> str:
    """The ingredients session ``day``'s picture carries from earlier sessions, with their dates.

    ``time 2026-11-02; energy 2026-11-02`` in the instrument's order (empty when every
    ingredient was answered that day): the export's :data:`~workbook.core.schema.CARRIED`
    column, so what reads the export back shows no change that was never measured
    (round 12a P9).
    """
    _, sources = picture(as_of(history, day))
    old = carried(sources, day)
    return "; ".join(f"{ing} {old[ing]}" for ing in inst.ingredient_ids if ing in old)



def plan_cells(answers: dict) -> dict:
    """A session's own minutes per step and chosen pace, as the export's plan columns.

    :data:`~workbook.core.schema.PLAN_COLUMNS`: empty where the client kept the usual
    minutes or chose no pace, so `score` and a report read from the export give the pace
    the page and the workspace report give (round 13b S2).
    """
    from workbook.core.advice import session_inputs

    minutes, chosen = session_inputs(answers)
    cells = {column: minutes.get(step) for step, column in schema.STEP_MINUTE_COLUMNS.items()}
    cells[schema.CHOSEN_PER_WEEK] = chosen
    return cells


def nothing_saved_line(client: str) -> str:
    """What a command says of a client opened with nothing saved (no row for them)."""
    return (f"{client!r} has nothing saved yet (no session, no conversations list): no row")


def _client_rows(store, client_id: str, inst, cohort, today) -> tuple:
    """One client's rows of :func:`responses`, and whether they are a no-session row.

    A client with a conversations list and no saved session gets one row: the day the list
    is counted (``today``), answers empty, counts filled. A client with neither is refused
    (:class:`StoreError`, a folder left out with why). Raises when their folder cannot be read.
    """
    tracker = Tracker(store, client_id)
    book = tracker.read() if tracker.exists() else None  # no list: not known, not 0
    # The session rule (store/picture.py): each date's row is the picture after that session,
    # an ingredient not answered that day carried from the most recent earlier one.
    history = store.history(client_id)
    warn_odd(history, inst, client_id)  # a section read into no ingredient (round 11a M12)
    sessions = list(pictures(history))
    if not sessions and book is None:
        raise NothingSaved(f"nothing is saved for client {client_id!r} yet (no session, no "
                         "conversations list)")
    if not sessions:
        day = (today or dt.date.today()).isoformat()
        row = {schema.PARTICIPANT_ID: client_id, schema.COHORT: cohort,
               schema.TIMEPOINT: day, schema.DATE: day, **answers_row({}, inst)}
        row.update(book.counts(on=_latest(today)))
        return [row], True
    rows = []
    for n, (day, answers) in enumerate(sessions):
        row = {schema.PARTICIPANT_ID: client_id, schema.COHORT: cohort,
               schema.TIMEPOINT: day, schema.DATE: day}
        row.update(answers_row(answers, inst))
        row[schema.CARRIED] = carried_cell(history, day, inst)
        row.update(plan_cells(answers))
        if book is not None:
            row.update(book.counts(on=_counted_until(sessions, n, today)))
        rows.append(row)
    return rows, False


def responses(store: ClientStore, instrument=None, *, cohort=None,
              today=None, problems=None) -> pd.DataFrame:
    """Every client's sessions as the canonical response table.

    One row per client per session date: the client's picture after that session (an
    ingredient not answered that day is carried from the most recent earlier session, as on
    the profile screen and in the report); ``participant_id`` is the client's id exactly as
    given, ``timepoint`` and ``date`` are the session date. A client with a conversations
    list and no saved session yet gets one row dated the day the list is counted
    (``today``), answers empty and counts filled (listed in ``table.attrs[NO_SESSION]``);
    a client with nothing saved has no row and is listed in ``table.attrs[NOTHING_SAVED]``
    (logged as a warning when ``problems`` is not given).

    Parameters
    ----------
    store : ClientStore
    instrument : Instrument or path, optional
    cohort : str, optional
        Label for the ``cohort`` column (empty by default).
    today : date, optional
        The day the latest sessions' counts are taken on (today by default).
    problems : list, optional
        Receives a :class:`~workbook.session.store.scan.Problem` for each folder left out (a copied
        or damaged folder, a client whose answers cannot be read); without it each is logged
        as a warning. Every other client is served either way.

    Returns
    -------
    DataFrame
        Columns ``participant_id, cohort, timepoint, date``, the items, then
        ``hours_per_week, motivators, north_star, notes``, then :data:`COUNT_COLUMNS`
        (``people_listed, notes_sent, conversations_held, places_listed,
        places_with_contact``: the client's conversations list as it stood the day before
        their next session, or on ``today`` for their latest session),
        then ``carried`` (:func:`carried_cell`: the ingredients the row carries from an
        earlier session, with their dates), then :data:`~workbook.core.schema.PLAN_COLUMNS`
        (:func:`plan_cells`: the client's own minutes per step and chosen pace).
    """
    inst = resolve(instrument)
    rows, no_session, found = [], [], scan(store)
    nothing = []
    rows_of = functools.partial(_client_rows, store, inst=inst, cohort=cohort, today=today)

    def read(client):
        try:
            return rows_of(client)
        except NothingSaved:
            nothing.append(client)
            return [], False

    for client, (client_rows, sessionless) in each_client(store, found, read):
        rows.extend(client_rows)
        if sessionless:
            no_session.append(client)
    if problems is None:
        found.warn()
        for client in nothing:
            logger.warning("workbook: warning: %s", nothing_saved_line(client))
    else:
        problems.extend(found.problems)
    # a retired statement's column only when a session holds it (answered on an earlier version)
    old = [i for i in retired_ids(inst) if any(row.get(i) is not None for row in rows)]
    columns = [*schema.ID_COLUMNS, *inst.item_ids, *old, *schema.EXTRA_COLUMNS, *COUNT_COLUMNS,
               schema.CARRIED, *schema.PLAN_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    blank_unusable(table, inst)
    for item_id in [*inst.item_ids, *old]:
        numbers = pd.to_numeric(table[item_id], errors="coerce").astype("Float64")
        whole = bool((numbers.dropna() % 1 == 0).all())
        table[item_id] = numbers.astype("Int64") if whole else numbers
    table[schema.HOURS] = pd.to_numeric(table[schema.HOURS], errors="coerce").astype(np.float64)
    for name in (*COUNT_COLUMNS, *schema.STEP_MINUTE_COLUMNS.values()):
        table[name] = table[name].astype("Int64")
    table[schema.CHOSEN_PER_WEEK] = pd.to_numeric(table[schema.CHOSEN_PER_WEEK],
                                                  errors="coerce").astype(np.float64)
    table.attrs[NO_SESSION] = no_session
    table.attrs[NOTHING_SAVED] = nothing
    return table
