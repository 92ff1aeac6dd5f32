"""``workbook followups`` names a quiet client's verdict in the instrument's words (issue 22).

It used to lower-case the verdict's name ("1 client at later" for a coach's "Later"). The
words are now ``[words.followups]``: written for the verdict names, and for a verdict a file
renames while keeping the kit's words there, ``renamed`` with the name as the file writes it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.sample_workspace import sample_workspace

TODAY = dt.date(2026, 12, 7)  # a Monday
KIT_SUMMARY_END = ("1 client at not now: for them, only what is already promised to someone "
                   "(thanks owed, a talk booked) is listed, whatever the date.")


def _copy(tmp_path, changes, name="own.toml"):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RENAMED = [('not_now = "Not now"\n', 'not_now = "Later"\n'),
           ('incomplete = "Not enough answers yet"\n', 'incomplete = "Waiting on answers"\n'),
           ('ready = "Ready"\n', 'ready = "Ready to talk"\n')]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return sample_workspace(tmp_path_factory.mktemp("ws") / "workspace", today=TODAY)


def _summary(workspace, instrument=None) -> str:
    found = fu.followups(workspace, today=TODAY, instrument=instrument)
    return fu.lines(found)[-1]


def test_the_kits_words_as_they_were(workspace):
    assert _summary(workspace).endswith(KIT_SUMMARY_END)
    assert fu.verdict_phrase(None, "incomplete") == "not enough answers yet"


def test_a_renamed_verdict_is_said_as_the_coach_writes_it(workspace, tmp_path):
    own = _copy(tmp_path, RENAMED)
    summary = _summary(workspace, own)
    assert summary.endswith("1 client at “Later”: for them, only what is already promised to "
                            "someone (thanks owed, a talk booked) is listed, whatever the date.")
    assert "at later" not in summary and "not now" not in summary
    inst = load_instrument(own)
    assert fu.verdict_phrase(inst, "incomplete") == "“Waiting on answers”"


def test_the_coachs_own_phrase(workspace, tmp_path):
    own = _copy(tmp_path, RENAMED + [
        ('[words.followups]\nnot_now = "not now"\n',
         '[words.followups]\nnot_now = "resting for now (Later)"\n'),
        ('incomplete = "not enough answers yet"\n', 'incomplete = "still answering"\n')])
    assert _summary(workspace, own).endswith("1 client at resting for now (Later): for them, "
                                             "only what is already promised to someone (thanks "
                                             "owed, a talk booked) is listed, whatever the date.")
    assert fu.verdict_phrase(load_instrument(own), "incomplete") == "still answering"


def test_a_phrase_may_name_the_verdict(tmp_path):
    own = _copy(tmp_path, RENAMED + [('[words.followups]\nnot_now = "not now"\n',
                                      '[words.followups]\nnot_now = "“{verdict}” for now"\n')])
    assert fu.verdict_phrase(load_instrument(own), "not_now") == "“Later” for now"


def test_the_waiting_client_and_the_heading(tmp_path):
    """A quiet client whose promise falls after the last day: the heading names the verdict."""
    own = load_instrument(_copy(tmp_path, RENAMED))
    found = fu.Followups(items=[fu.Followup("ann", fu.LookAgain(TODAY + dt.timedelta(days=30),
                                                                "look again"))],
                         today=TODAY, until=TODAY + dt.timedelta(days=7), clients=2,
                         later=["ann", "bo"], waiting=["bo"],
                         verdicts={"ann": "not_now", "bo": "incomplete"})
    from workbook.core.conversations.words import Words

    found.words = Words(own)
    said = "\n".join(fu.lines(found))
    assert "for clients at “Later”, what they have promised" in said
    assert "1 client at “Later” and 1 client at “Waiting on answers”, time or energy" in said
    assert not re.search(r"\bat (later|not now|not enough answers yet)\b", said)


def test_the_command_and_the_demo_say_the_coachs_words(workspace, tmp_path, capsys):
    own = _copy(tmp_path, RENAMED)
    assert main(["followups", "--workspace", str(workspace), "--instrument", str(own)]) == 0
    out = capsys.readouterr().out
    assert "1 client at “Later”:" in out and "at later" not in out
    from workbook.cli.basic import demo_followups  # the demo's list, with an instrument

    demo_followups(tmp_path / "demo", load_instrument(own))
    out = capsys.readouterr().out
    assert "1 client at “Later”:" in out and "at later" not in out and "not now" not in out


def test_a_followups_table_without_a_key_is_refused(tmp_path):
    path = _copy(tmp_path, [('renamed = "“{verdict}”"\n', "")])
    with pytest.raises(InstrumentError, match=r"words\.followups\.renamed: is missing"):
        load_instrument(path)
