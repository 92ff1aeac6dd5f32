"""Run a function in a thread while the caller goes on.

Meant for numpy work, which lets go of the interpreter while it runs, so a second core does it
meanwhile. A leaf module.

Examples
--------
>>> finish = in_thread(sum, [1, 2, 3])
>>> finish()
6
"""

from __future__ import annotations

import threading


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
