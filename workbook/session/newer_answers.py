"""A coach's instrument file that lacks statements the workspace answers is refused.

The reading of a workspace (:func:`workbook.session.store.responses`) keeps only the
statements of the instrument it is given. A copy made before version 2.1 would leave every
answer to a 2.1 statement out without a word; every command that reads a workspace with a
coach's instrument file (``export-clients``, ``followups``, the reports) asks this module
first (attacks4 B9).
"""

from __future__ import annotations


def refuse_newer_answers(folder, given, instrument) -> None:
    """Refuse an instrument file that lacks statements the workspace answers (attacks4 B9).

    ``given``: the file as the coach named it; ``instrument``: it, loaded. Any command that
    reads a workspace with a coach's instrument file calls it: ``export-clients``,
    ``followups`` and the reports, which all read through the same
    :func:`workbook.session.store.responses`.

    A coach's copy made before 2.1 (version 2.0) would leave every answer to a 2.1
    statement out of the export and label the rows 2.0: the workspace is read again with
    the kit's own instrument, and answers it knows that ``given`` does not are named.
    """
    import logging
    import warnings

    from workbook.core.exceptions import InstrumentError
    from workbook.core.instrument import load_instrument
    from workbook.core.versions import newer_answers, newer_refusal
    from workbook.session.clients_table import responses
    from workbook.session.store import ClientStore

    kit = load_instrument()
    quiet = logging.getLogger("workbook")
    level = quiet.level
    # said once already, by the first reading; and a statement of ``given`` the kit's own
    # lacks is read there, never "not read" (round 12a P11)
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = responses(ClientStore(folder, read_only=True), kit, problems=[])
    finally:
        quiet.setLevel(level)
    found = newer_answers(table, instrument, kit)
    if found:
        raise InstrumentError(newer_refusal(found, given, instrument, kit))
