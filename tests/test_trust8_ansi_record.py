"""attacks5 C6: a journal.jsonl (or conversations.jsonl) re-saved by an editor as
Windows-1252 ("ANSI" in Notepad) lost every save holding an accented letter that the
snapshot did not hold. Such a line (not UTF-8, a JSON object once read as Windows-1252) is
now rewritten as UTF-8, the file as it was kept, and the coach told, as for UTF-16."""

import warnings

from workbook.session.conversations import Tracker, model
from workbook.session.store import ClientStore, StoreWarning

NOTE = {"ambition": {"items": {"ambition_1": 5}, "reflections": ["Café owner, naïve"]}}


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


def _as_ansi(path):
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


def test_a_journal_saved_as_windows_1252_loses_no_line(tmp_path):
    s = ClientStore(tmp_path / "ws")
    s.save("c1", {"hope": {"items": {"hope_1": 3}}}, session="2026-11-02")
    s.save("c1", NOTE, session="2026-11-20")
    s.save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-11-20")
    folder = s.folder("c1")
    utf8 = (folder / "journal.jsonl").read_bytes()
    _as_ansi(folder / "journal.jsonl")
    (folder / "answers.json").unlink()  # the record alone (a snapshot that lagged)
    history, said = _said(lambda: ClientStore(tmp_path / "ws").history("c1"))
    # before: line 2 skipped as damaged, the ambition answers and the note lost
    assert history["2026-11-20"]["ambition"] == NOTE["ambition"]
    assert history["2026-11-20"]["hope"] == {"items": {"hope_1": 1}}
    assert len(said) == 1
    assert said[0].startswith(f"line 2 of {folder / 'journal.jsonl'} (client 'c1') was "
                              "saved as Windows-1252")
    assert "rewritten as UTF-8" in said[0] and "journal.jsonl.ansi-" in said[0]
    assert (folder / "journal.jsonl").read_bytes() == utf8
    [aside] = folder.glob("journal.jsonl.ansi-*")
    assert b"Caf\xe9" in aside.read_bytes()


def test_a_conversations_record_saved_as_windows_1252_loses_no_line(tmp_path):
    s = ClientStore(tmp_path / "ws")
    t = Tracker(s, "c1")
    t.change(model.add_op("Zoë Ånd", org="Café Ré", person_id="zoe"))
    folder = s.folder("c1")
    _as_ansi(folder / "conversations.jsonl")
    (folder / "conversations.json").unlink()
    book, said = _said(lambda: Tracker(ClientStore(tmp_path / "ws"), "c1").read())
    assert book.people["zoe"].name == "Zoë Ånd"  # before: no one on the list
    assert any("Windows-1252" in w for w in said)
