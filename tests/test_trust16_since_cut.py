"""A side file cut short over an older record: the notice does not count one save (M13).

answers.json.since keeps the saves after the snapshot; a sync tool cut it short in the
middle of a line, and an older copy of the journal was put back. The lines before the cut
are written back; the cut line and every line after it are gone, and the kit cannot know
how many followed: the notice says saves since the cut line's time may be missing, not
only that one save is lost.
"""

from __future__ import annotations

import datetime as dt
import warnings

from workbook.session.store import JOURNAL_FILE, ClientStore, StoreWarning, core

DAY0 = dt.date(2025, 1, 6)


def test_a_side_file_cut_short_says_saves_since_may_be_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(core, "EAGER_SIZE", 0)
    monkeypatch.setattr(core, "REWRITE_SHARE", 1000)
    store = ClientStore(tmp_path)
    for n in range(12):
        store.save("big", {"hope": {"items": {"hope_1": 1 + n % 5}}},
                   session=DAY0 + dt.timedelta(weeks=n))
        if n == 5:
            old = (store.folder("big") / JOURNAL_FILE).read_bytes()
    folder = store.folder("big")
    since = folder / "answers.json.since"
    lines = since.read_bytes().splitlines(keepends=True)  # head, then saves 2..12
    cut_line = lines[7]  # the save of week 7 (the 8th save)
    since.write_bytes(b"".join(lines[:7]) + cut_line[:40])  # weeks 7-11 gone with the cut
    (folder / JOURNAL_FILE).write_bytes(old)
    at = core.local_time(core.parse_json(cut_line)["at"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        days = ClientStore(tmp_path).sessions("big")
    said = [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]
    assert days == [str(DAY0 + dt.timedelta(weeks=n)) for n in range(7)]
    words = [w for w in said if "cut off" in w]
    assert len(words) == 1
    assert f"since {at:%Y-%m-%d %H:%M} may be missing" in words[0]
    assert "and with it any saves the file kept after it" in words[0]
