"""Round 12a P10: `followups --ics FILE`, `score --out FILE` and `export-clients --out FILE`
replaced a file the kit did not write (the coach's own calendar, their own spreadsheet) without
a word and without a copy. Such a file is kept as `NAME.bak-<time>` first, with a note; the
kit's own earlier output of the command is replaced as before."""

import pytest

from workbook.cli import followups as fu
from workbook.cli import main
from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore

from .reading_helpers import IDS, answers, write
from .test_followups import TODAY, make_workspace

MINE = "BEGIN:VCALENDAR\r\nSUMMARY:My dentist appointment\r\nEND:VCALENDAR\r\n"


def _backups(path):
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name + ".bak-"))


def test_score_out_keeps_a_file_the_kit_did_not_write(tmp_path, capsys):
    data = write(tmp_path, ["participant_id", "timepoint", *IDS],
                 [["a", "pre", *answers(3)], ["b", "pre", *answers(4)]])
    out = tmp_path / "myscores.csv"
    out.write_text("my own notes\n")
    assert main(["score", str(data), "--out", str(out)]) == 0
    kept = _backups(out)
    assert [p.read_text() for p in kept] == ["my own notes\n"]
    assert (kept[0].stat().st_mode & 0o777) == 0o600
    assert f"was not written by the kit, so it was kept as {kept[0]}" in capsys.readouterr().err
    assert out.read_text().startswith("participant_id,")
    # the kit's own earlier output is replaced without a copy
    assert main(["score", str(data), "--out", str(out)]) == 0
    assert _backups(out) == kept
    assert "was not written by the kit" not in capsys.readouterr().err


def test_followups_ics_keeps_the_coachs_own_calendar(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(fu, "_today", lambda: TODAY)
    make_workspace(tmp_path / "ws")
    target = tmp_path / "my-calendar.ics"
    target.write_bytes(MINE.encode())
    assert main(["followups", "--workspace", str(tmp_path / "ws"), "--ics", str(target)]) == 0
    kept = _backups(target)
    assert [p.read_bytes() for p in kept] == [MINE.encode()]
    assert b"Readiness Workbook" in target.read_bytes()
    capsys.readouterr()
    assert main(["followups", "--workspace", str(tmp_path / "ws"), "--ics", str(target)]) == 0
    assert _backups(target) == kept  # its own calendar: replaced, no second copy


def test_export_clients_keeps_a_file_the_kit_did_not_write(tmp_path, capsys):
    inst = load_instrument()
    hope = inst.ingredient_ids[0]
    store = ClientStore(tmp_path / "ws")
    store.save("ann", {hope: {"items": dict(zip(inst.ingredient(hope).item_ids,
                                                [4, 4, 2, 4, 2], strict=True))}},
               session="2026-11-26")
    out = tmp_path / "myexport.csv"
    out.write_text("mine\n")
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    assert [p.read_text() for p in _backups(out)] == ["mine\n"]
    assert main(["export-clients", "--workspace", str(store.root), "--out", str(out)]) == 0
    assert len(_backups(out)) == 1


@pytest.mark.parametrize("content", [b"", None])
def test_nothing_to_keep(tmp_path, content):
    from workbook.cli.common import keep_if_not_ours

    path = tmp_path / "f.csv"
    if content is not None:
        path.write_bytes(content)
    assert keep_if_not_ours(path, lambda old: False) is None
    assert _backups(path) == []
