"""nbval runs these notebooks with their default parameters: keep their answers in a scratch folder.

The notebooks save to ``$WORKBOOK_HOME`` when no workspace is given. Before any kernel starts,
point it at a temporary folder for this pytest session, so a test run never writes to the
user's real workspace (``~/readiness-workbook``) and leaves nothing behind.
"""

import os
import shutil
import tempfile

_SCRATCH = {}


def pytest_configure(config):
    scratch = tempfile.mkdtemp(prefix="workbook-nbval-")
    _SCRATCH["dir"], _SCRATCH["before"] = scratch, os.environ.get("WORKBOOK_HOME")
    os.environ["WORKBOOK_HOME"] = scratch


def pytest_unconfigure(config):
    if "dir" not in _SCRATCH:
        return
    before = _SCRATCH.pop("before")
    if before is None:
        os.environ.pop("WORKBOOK_HOME", None)
    else:
        os.environ["WORKBOOK_HOME"] = before
    shutil.rmtree(_SCRATCH.pop("dir"), ignore_errors=True)


def _hypothesis_profile():
    """Property and fuzz tests never fail for being slow; in CI they draw fixed examples.

    Every profile has ``deadline=None``: Hypothesis' default 200 ms per example failed a new
    user's run on a busy machine (speed is measured in ``benchmarks/``, never asserted in a
    test). In CI the examples are the same on every run (no flaky finds); locally they are
    searched afresh each time, which is how new failures are found.
    """
    try:
        from hypothesis import settings
    except ImportError:  # the test extras are not installed
        return
    settings.register_profile("local", deadline=None)
    settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                              print_blob=True)
    settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")


_hypothesis_profile()
