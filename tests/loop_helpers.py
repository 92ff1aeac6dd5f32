"""A coroutine run in a thread of its own, for the tests of typing that pauses.

In one pytest process after the browser tests, Playwright leaves an event loop set in the
main thread: ``asyncio.run`` there refuses, and a timer put on that loop never fires. The
page tests that type, wait and check run their coroutine here instead (session 8 lesson).
"""

import asyncio
import threading


def run_alone(coroutine):
    """``asyncio.run(coroutine)`` in a new thread; its value (an exception is raised here)."""
    out = {}

    def target():
        try:
            out["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed to the test's thread
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]
