"""Run a function in a thread, or in a copy of this process, while the caller goes on.

:func:`in_thread` is meant for numpy work, which lets go of the interpreter while it runs, so a
second core does it meanwhile. :func:`in_fork` is for Python work that holds the interpreter
(matplotlib drawing a figure): a forked copy of the process does it on the other core and hands
back its (picklable) result. A leaf module.

Examples
--------
>>> finish = in_thread(sum, [1, 2, 3])
>>> finish()
6
>>> finish = in_fork(sum, [1, 2, 3])
>>> finish()
6
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import threading
import time

#: How long a forked copy may take before the caller gives up on it and does the work itself.
FORK_PATIENCE = 600.0


def in_thread(fn, *args):
    """Start ``fn(*args)`` in a thread; the function returned waits for it and gives its result.

    The thread has ended when that function returns (nothing is left running, e.g. at a fork);
    what ``fn`` raised is raised there.
    """
    outcome = {}

    def run():
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name=f"workbook-{getattr(fn, '__name__', 'job')}",
                              daemon=True)
    thread.start()

    def finish():
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return finish


def can_fork() -> bool:
    """Whether :func:`in_fork` forks here (Linux only: a fork is not safe on macOS)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def in_fork(fn, *args, patience: float = FORK_PATIENCE):
    """Start ``fn(*args)`` in a forked copy of this process; the function returned gives its result.

    Nothing the copy does reaches this process but the result (pickled through a pipe): no
    file it would write, no output. When the copy cannot be made, fails, dies or takes longer
    than ``patience`` seconds, the function returned runs ``fn(*args)`` here instead, so the
    caller always gets the result (or what ``fn`` raises here). Where :func:`can_fork` is
    False, ``fn`` runs when the result is asked for.
    """
    if not can_fork():
        return lambda: fn(*args)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: fn(*args)
    if pid == 0:  # the copy: do the work, hand it back, and leave without any clean-up
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # the caller does the work itself
                payload = pickle.dumps((False, None))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)

    def finish():
        chunks, deadline = [], time.monotonic() + patience
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([pipe], [], [], left)[0]:
                    os.kill(pid, signal.SIGKILL)  # stuck: the work is done here instead
                    chunks = []
                    break
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        os.waitpid(pid, 0)
        try:
            done, value = pickle.loads(b"".join(chunks))
        except Exception:  # died, or killed: nothing (or part) came back
            done = False
        return value if done else fn(*args)

    return finish
