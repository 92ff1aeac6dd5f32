"""A folder at the snapshot's or the side file's name (round 13a R13).

A sync tool can make a folder where a file was. A folder at ``answers.json`` is read as a
missing snapshot (the answers rebuilt from the journal) and named once; a folder at
``answers.json.since`` is named once, without an internal number.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from workbook.core.exceptions import WorkbookError
from workbook.session.store import ClientStore, StoreWarning

DAY1, DAY2 = dt.date(2026, 11, 2), dt.date(2026, 11, 30)


def _store(root):
    store = ClientStore(root)
    store.save("C1", {"hope": {"items": {"hope_1": 4}}}, session=DAY1)
    store.save("C1", {"hope": {"items": {"hope_1": 2}}}, session=DAY2)
    return store.folder("C1")


def _read(root):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        history = ClientStore(root).history("C1")
    return history, [str(w.message) for w in said if issubclass(w.category, StoreWarning)]


def test_a_folder_at_the_snapshot_name_is_read_as_a_missing_snapshot(tmp_path):
    folder = _store(tmp_path)
    (folder / "answers.json").unlink()
    (folder / "answers.json").mkdir(mode=0o700)
    history, said = _read(tmp_path)
    assert history == {str(DAY1): {"hope": {"items": {"hope_1": 4}}},
                       str(DAY2): {"hope": {"items": {"hope_1": 2}}}}
    assert len(said) == 1
    assert "answers.json (client 'C1') is a folder" in said[0]
    assert "move that folder out" in said[0]
    assert (folder / "answers.json").is_dir()  # not the kit's: left where it is
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StoreWarning)
        with pytest.raises(WorkbookError):  # a save cannot write it: refused, not lost
            ClientStore(tmp_path).save("C1", {"hope": {"items": {"hope_1": 5}}},
                                       session=dt.date(2026, 12, 5))


def test_a_folder_at_the_side_file_name_is_named_once_in_words(tmp_path):
    folder = _store(tmp_path)
    (folder / "answers.json.since").mkdir(mode=0o700)
    history, said = _read(tmp_path)
    assert list(history) == [str(DAY1), str(DAY2)]
    assert len(said) == 1
    assert "answers.json.since (client 'C1') cannot be read (it is a folder" in said[0]
    assert "Errno" not in said[0]
