"""attacks5 C26 and C15: the other laptop's journal.jsonl put over this one.

Two copies of one workspace go their own ways (two laptops, a sync tool keeping the last
writer). C26: a save made here since answers.json was last rewritten was lost without a
word (answers.json lagged its record, so the other journal looked merely longer). C15: with
answers.json up to date, this laptop's change to a session both copies have was undone by
the other journal's older lines of it. Now answers.json covers every save (rewritten at each
save, without a second fsync) and keeps a fingerprint of each line it covers; a rebuild does
not read again the lines it covered, and what only it holds is written back."""

import shutil
import warnings

from workbook.core.instrument import load_instrument
from workbook.session.store import ClientStore, StoreWarning


def _full(value, hours):
    inst = load_instrument()
    answers = {ing.id: {"items": {item.id: value for item in ing.items}}
               for ing in inst.ingredients}
    answers["time"]["tool"] = {"hours_per_week": hours}
    return answers


def _two_laptops(tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    s = ClientStore(a)
    s.save("c1", _full(4, 4), session="2026-11-02")
    s.save("c1", _full(3, 2), session="2026-11-20")
    shutil.copytree(a, b, symlinks=True)
    return a, b


def _journal(root):
    return ClientStore(root).folder("c1") / "journal.jsonl"


def _read(root, day):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = ClientStore(root)
        history = s.history("c1")
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    return history, said


def test_a_save_made_here_survives_the_other_journal_put_over_this_one(tmp_path):
    a, b = _two_laptops(tmp_path)
    ClientStore(a).save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-12-01")
    ClientStore(b).save("c1", {"time": {"items": {"time_1": 5}}}, session="2026-12-03")
    shutil.copyfile(_journal(b), _journal(a))
    history, said = _read(a, "2026-12-01")
    # before the fix: 2026-12-01 was gone and nothing was said
    assert sorted(history) == ["2026-11-02", "2026-11-20", "2026-12-01", "2026-12-03"]
    assert history["2026-12-01"] == {"hope": {"items": {"hope_1": 1}}}
    assert history["2026-12-03"]["time"]["items"]["time_1"] == 5
    assert len(said) == 1
    assert "it does not hold 1 of the lines answers.json covered" in said[0]
    assert "2026-12-01" in said[0] and "written back" in said[0]
    # the record holds it again: answers.json lost now loses nothing
    (ClientStore(a).folder("c1") / "answers.json").unlink()
    assert _read(a, "2026-12-01")[0]["2026-12-01"] == {"hope": {"items": {"hope_1": 1}}}


def test_a_change_made_here_to_a_session_both_have_is_kept(tmp_path):
    a, b = _two_laptops(tmp_path)
    energy = {"items": {f"energy_{n}": 5 for n in (1, 2, 6, 7, 8)}}
    ambition = {"items": {f"ambition_{n}": 1 for n in (1, 3, 4, 6, 7)}}
    sa, sb = ClientStore(a), ClientStore(b)
    sa.save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-12-01")
    sa.save("c1", {"energy": energy}, session="2026-11-20")
    sb.save("c1", {"time": {"items": {"time_1": 5}}}, session="2026-12-03")
    sb.save("c1", {"ambition": ambition}, session="2026-11-20")
    shutil.copyfile(_journal(b), _journal(a))
    history, said = _read(a, "2026-11-20")
    # before the fix: energy went back to the 3s of the shared line
    assert history["2026-11-20"]["energy"] == energy
    assert history["2026-11-20"]["ambition"] == ambition
    assert history["2026-11-20"]["hope"] == _full(3, 2)["hope"]
    assert sorted(history) == ["2026-11-02", "2026-11-20", "2026-12-01", "2026-12-03"]
    assert "2026-11-20" in said[0] and "written back" in said[0]
    (ClientStore(a).folder("c1") / "answers.json").unlink()
    assert _read(a, "2026-11-20")[0]["2026-11-20"]["energy"] == energy


def test_a_section_changed_on_both_laptops_is_named(tmp_path):
    a, b = _two_laptops(tmp_path)
    ClientStore(a).save("c1", {"hope": {"items": {"hope_1": 1}}}, session="2026-11-20")
    ClientStore(b).save("c1", {"hope": {"items": {"hope_1": 5}}}, session="2026-11-20")
    shutil.copyfile(_journal(b), _journal(a))
    history, said = _read(a, "2026-11-20")
    assert history["2026-11-20"]["hope"] == {"items": {"hope_1": 5}}  # the record's line
    assert "session 2026-11-20 (hope) was changed both here and in the lines" in said[0]
    assert "answers.json.unmatched-" in said[0]


def test_the_same_journal_again_is_read_without_a_word(tmp_path):
    a, _ = _two_laptops(tmp_path)
    s = ClientStore(a)
    for n in range(5):
        s.save("c1", {"hope": {"items": {"hope_1": n % 5 + 1}}}, session="2026-12-01")
    history, said = _read(a, "2026-12-01")
    assert said == [] and history["2026-12-01"] == {"hope": {"items": {"hope_1": 5}}}
