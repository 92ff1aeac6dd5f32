"""Two laptops with a copy of one client's conversations list, for the sync tests.

Laptop 1 saves a first change for client "m"; its workspace is copied to laptop 2; each
then changes its own copy. :meth:`Laptops.union` is a sync tool that keeps both records'
lines (laptop 2's new lines added after laptop 1's); :func:`read` reads a list the way a
command does, with the notices the coach would be shown.
"""

import shutil
import warnings

from workbook.session.store import ClientStore, StoreWarning
from workbook.session.tracker import JOURNAL, Tracker


class Laptops:
    """``one`` and ``two``: the two stores; ``mine`` and ``theirs``: their trackers."""

    def __init__(self, tmp_path, first_op, names=("w1", "w2")):
        self.one = ClientStore(tmp_path / names[0])
        Tracker(self.one, "m").change(first_op)
        shutil.copytree(tmp_path / names[0], tmp_path / names[1])
        self.two = ClientStore(tmp_path / names[1])
        self.start = len(self.record(self.one).read_bytes())  # what both copies share
        self.mine, self.theirs = Tracker(self.one, "m"), Tracker(self.two, "m")

    @staticmethod
    def record(store):
        return store.client_folder("m") / JOURNAL

    def union(self):
        """Laptop 2's lines since the copy added to laptop 1's record (both kept)."""
        with open(self.record(self.one), "ab") as out:
            out.write(self.record(self.two).read_bytes()[self.start:])


def read(store):
    """``(book, tracker, notices)``: the list as a command reads it, and what it says."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tracker = Tracker(store, "m")
        book = tracker.read()
    return book, tracker, [str(w.message) for w in caught
                           if issubclass(w.category, StoreWarning)]
