"""``in_fork``: work done in a forked copy comes back whole, or is done here (issue 23)."""

import os
import time

import pytest

from workbook.cli import two_cores
from workbook.core import background
from workbook.core.background import in_fork

pytestmark = pytest.mark.skipif(not background.can_fork(), reason="forks on Linux only")


def test_the_copy_s_result_comes_back():
    parent = os.getpid()
    assert in_fork(lambda: (os.getpid() != parent, b"\x89PNG" * 100_000))() == \
        (True, b"\x89PNG" * 100_000)


def test_a_copy_that_fails_leaves_the_work_to_this_process():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("only in the copy")
        return "done here"

    assert in_fork(work)() == "done here"


def test_a_copy_that_dies_leaves_the_work_to_this_process():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    assert in_fork(work)() == "done here"


def test_a_stuck_copy_is_stopped_and_the_work_done_here():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            time.sleep(3600)
        return "done here"

    assert in_fork(work, patience=0.2)() == "done here"


def test_what_the_work_raises_here_is_raised():
    def work():
        raise ValueError("no")

    with pytest.raises(ValueError):
        in_fork(work)()


def test_figures_drawn_on_two_cores_are_those_drawn_on_one(monkeypatch):
    """The split hands back every figure, in the figures' order, with the copy's warnings."""
    import warnings

    def draw(only):
        names = ("distributions", "verdicts", "bottlenecks", "items", "prepost")
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            files = {}
            for name in names:
                if only is None or name in only:
                    files[f"{name}.png"] = f"{name} drawn".encode()
                    if name == "items":
                        warnings.warn("Glyph 1 missing from font", stacklevel=1)
        return files, list(said)

    order = ("distributions", "verdicts", "bottlenecks", "items", "prepost")
    one = draw(None)
    monkeypatch.setattr(two_cores, "FORK_ROWS", 0)
    two = two_cores.in_two(draw, 10, order)
    assert list(two[0].items()) == list(one[0].items())
    assert [str(w.message) for w in two[1]] == ["Glyph 1 missing from font"]
