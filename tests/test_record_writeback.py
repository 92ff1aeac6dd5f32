"""Trust the record (issue 20): a cut-off last line whose save the snapshot held is written
back into the journal (N5); a repeated line re-serialised is not applied (N4)."""

import json
import warnings

from workbook.store import ClientStore
from workbook.store.records import JOURNAL_FILE, STATE_FILE


def _folder(root, name):
    return next(p for p in root.iterdir() if p.name.startswith(name + "-"))


def test_cut_line_held_by_snapshot_is_written_back(tmp_path):
    ClientStore(tmp_path).save("Solo", {"hope": {"items": {"hope_1": 2, "hope_2": 3}}},
                               session="2026-12-01")
    folder = _folder(tmp_path, "Solo")
    journal = folder / JOURNAL_FILE
    raw = journal.read_bytes()
    journal.write_bytes(raw[:-10])  # a sync tool cuts the tail
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.history("Solo") == {"2026-12-01": {"hope": {"items": {"hope_1": 2,
                                                                        "hope_2": 3}}}}
    assert "recovered from answers.json and written back to the record" in st.notice
    assert "not in the record" not in st.notice
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["answers"] == {"hope": {"items": {"hope_1": 2, "hope_2": 3}}}
    # the record alone now holds the session: losing the snapshot loses nothing
    (folder / STATE_FILE).unlink()
    again = ClientStore(tmp_path, read_only=True)
    assert again.history("Solo") == {"2026-12-01": {"hope": {"items": {"hope_1": 2,
                                                                       "hope_2": 3}}}}
    assert again.notice is None


def test_cut_line_not_held_by_snapshot_is_said_lost(tmp_path):
    st = ClientStore(tmp_path)
    st.save("Solo", {"hope": {"items": {"hope_1": 2}}}, session="2026-12-01")
    folder = _folder(tmp_path, "Solo")
    (folder / STATE_FILE).unlink()
    journal = folder / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes()[:-10])
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        st = ClientStore(tmp_path)
        assert st.history("Solo") == {}
    assert "not in the record" in st.notice
    assert journal.read_bytes() == b""
