"""Print a report's HTML to PDF with a system Chromium, where one is installed.

HTML stays the primary format; PDF is a copy for people who want one. No browser is ever
downloaded: :func:`find_chromium` looks for one on this machine (``WORKBOOK_CHROMIUM`` names
one explicitly) and :func:`print_pdf` runs it headless, offline, with a fresh profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from workbook.core.exceptions import ReportError
from workbook.core.files import atomic_write

#: Environment variable naming a Chromium or Chrome executable.
CHROMIUM_VARIABLE = "WORKBOOK_CHROMIUM"
#: Executable names tried in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: Seconds one page may take to print.
PDF_TIMEOUT = 120

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """Path of a usable Chromium or Chrome, or ``None`` when there is none."""
    named = os.environ.get(CHROMIUM_VARIABLE)
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def no_chromium_message() -> str:
    """What to say when ``--pdf`` was asked for and no browser is found."""
    return (
        "no Chromium or Chrome found to print PDFs (looked for "
        + ", ".join(CHROMIUM_NAMES)
        + f"; set {CHROMIUM_VARIABLE} to one). The HTML reports were written; on Debian or "
        "Ubuntu, `apt-get install chromium` gives one."
    )


def print_pdf(html_path, pdf_path, *, chromium: str | None = None,
              timeout: float = PDF_TIMEOUT) -> Path:
    """Print one HTML file to PDF with headless Chromium.

    Parameters
    ----------
    html_path, pdf_path : str or Path
    chromium : str, optional
        The browser to use; default :func:`find_chromium`.
    timeout : float
        Seconds before giving up.

    Returns
    -------
    Path
        ``pdf_path``, written atomically.

    Raises
    ------
    ReportError
        No browser, the browser failed or timed out, or it wrote no PDF.
    """
    browser = chromium or find_chromium()
    if browser is None:
        raise ReportError(no_chromium_message())
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="workbook-chromium-") as profile:
        tmp_pdf = Path(profile) / "out.pdf"
        cmd = [
            browser, *_FLAGS, f"--user-data-dir={profile}/profile",
            f"--print-to-pdf={tmp_pdf}", html_path.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ReportError(
                f"Chromium took over {timeout:g}s to print {html_path.name}"
            ) from None
        except OSError as exc:
            raise ReportError(f"cannot run {browser}: {exc.strerror or exc}") from None
        if not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise ReportError(
                f"Chromium wrote no PDF for {html_path.name} (exit {done.returncode}) {tail[0]}"
            )
        return atomic_write(pdf_path, tmp_pdf.read_bytes())
