"""Round 13a R25: a deeply nested ``.instrument.json`` or instrument file.

A damaged ``.instrument.json`` holding lists within lists 200 000 deep stopped
``export-clients``, ``followups`` and ``report --workspace`` with "unexpected error
(RecursionError ...)"; the README promises it is named and the kit's own instrument used, as
for any other unreadable one. An instrument file nested as deep stopped ``workbook items``
the same way; now it is refused naming the file and the key.
"""

import warnings

import pytest

from workbook.cli import main
from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

DEEP = 200_000


@pytest.fixture
def ws(tmp_path):
    root = tmp_path / "dp"
    store = ClientStore(root)
    for client in ("cl0", "cl3"):
        store.save(client, {"hope": {"items": {"hope_1": 3}}}, session="2026-11-02")
    (root / ".instrument.json").write_text('{"a":' + "[" * DEEP + "]" * DEEP + "}")
    return root


def _argv(command, root, tmp_path):
    return {"followups": ["followups"],
            "export-clients": ["export-clients", "--out", str(tmp_path / "e.csv")],
            "report": ["report", "participants", "--out", str(tmp_path / "rep"), "--jobs", "1"],
            }[command] + ["--workspace", str(root)]


@pytest.mark.parametrize("command", ["followups", "export-clients", "report"])
def test_a_deeply_nested_instrument_note_is_named_and_the_kits_own_used(ws, tmp_path, capfd,
                                                                         command):
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(_argv(command, ws, tmp_path)) == 0  # before: 1, "unexpected error"
    err = capfd.readouterr().err
    assert "unexpected error" not in err and "RecursionError" not in err, err
    said = [line for line in err.splitlines() if ".instrument.json" in line]
    assert said == [f"workbook: warning: {ws / '.instrument.json'} cannot be read (it is not "
                    "JSON: it is nested too deeply); it names the instrument this workspace "
                    "was started with, so commands reading the workspace use the kit's own "
                    "instrument unless given --instrument: remove it, and the next `workbook "
                    "coach` records the instrument again"], err
    if command == "export-clients":  # the two clients' sessions, under a header
        assert len((tmp_path / "e.csv").read_text().splitlines()) == 3


def _deep_toml(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text('name = "x"\nversion = "2.1"\nfoo = ' + "[" * 100_000 + "]" * 100_000
                    + "\n")
    return path


def test_a_deeply_nested_instrument_file_is_refused_naming_the_file_and_key(tmp_path):
    path = _deep_toml(tmp_path)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(caught.value) == (
        f"instrument file {path} holds a value nested too deeply (the value of 'foo', "
        "line 3): an instrument's values are texts, numbers and short lists; give the "
        "instrument's .toml file")


def test_workbook_items_refuses_it_in_one_line(tmp_path, capfd):
    path = _deep_toml(tmp_path)
    assert main(["items", "--instrument", str(path)]) != 0
    err = capfd.readouterr().err
    assert err.strip().splitlines() == [
        f"workbook: error: instrument file {path} holds a value nested too deeply (the value "
        "of 'foo', line 3): an instrument's values are texts, numbers and short lists; give "
        "the instrument's .toml file"], err
