"""A session removed on one laptop and saved again on the other afterwards (round 14a V17).

Laptop A runs ``remove-session`` for 2026-11-30; laptop B, later, adds a coach's note to
that session's Hope (a page saving over what it loaded: ``base``). A sync keeps both
files' lines, A's first. B's save is later than the removal, so it makes the session
again (README: "a later save on that date makes a new session"); but it was merged over
the section carried from 2026-11-02, as if another copy had changed the session: its Hope
read 2026-11-02's answers as answered on 2026-11-30, with no word. Now B's line makes the
session of what it holds, and the coach is told that a removed session is back.
"""

from __future__ import annotations

import shutil
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning

EARLIER, DAY = "2026-11-02", "2026-11-30"
OLD = {"items": {"hope_1": 4, "hope_6": 4, "hope_7": 2}}
LATE = {"items": {"hope_1": 5, "hope_6": 5, "hope_7": 1}, "reflections": ["r base"]}


def test_a_save_after_the_removal_makes_the_session_of_what_it_holds(tmp_path):
    base = ClientStore(tmp_path / "base")
    base.save("C1", {"hope": OLD}, session=EARLIER)
    base.save("C1", {"hope": LATE}, session=DAY)
    start = len((base.folder("C1") / JOURNAL_FILE).read_bytes())
    for copy in ("a", "b"):
        shutil.copytree(tmp_path / "base", tmp_path / copy)
    a, b = ClientStore(tmp_path / "a"), ClientStore(tmp_path / "b")
    a.remove_session("C1", DAY)
    loaded = b.load("C1")
    b.save("C1", {"hope": {**loaded["hope"], "coach_note": "coach B note"}}, session=DAY,
           base={"hope": loaded["hope"]})
    with open(a.folder("C1") / JOURNAL_FILE, "ab") as out:  # A's lines, then B's
        out.write((b.folder("C1") / JOURNAL_FILE).read_bytes()[start:])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(tmp_path / "a").history("C1")
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert history[DAY]["hope"] == {**LATE, "coach_note": "coach B note"}
    assert history[EARLIER]["hope"] == OLD
    words = [w for w in said if DAY in w and "removed" in w]
    assert len(words) == 1, said
    assert "makes the session again" in words[0] and "hope" in words[0]
    again = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert ClientStore(tmp_path / "a").history("C1") == history
        again = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert again == []  # said once


def test_a_page_that_read_the_session_before_its_removal_saves_what_it_shows(tmp_path):
    # one laptop: a page loaded 2026-11-30, the session was removed (the command), then the
    # page saved a note over what it had read: the session is made again of what the page
    # holds, never of 2026-11-02's answers carried in its place
    store = ClientStore(tmp_path)
    store.save("C1", {"hope": OLD}, session=EARLIER)
    store.save("C1", {"hope": LATE}, session=DAY)
    loaded = store.load("C1")
    store.remove_session("C1", DAY)
    store.save("C1", {"hope": {**loaded["hope"], "coach_note": "n"}}, session=DAY,
               base={"hope": loaded["hope"]})
    history = ClientStore(tmp_path).history("C1")
    assert history[DAY]["hope"] == {**LATE, "coach_note": "n"}
    assert history[EARLIER]["hope"] == OLD
