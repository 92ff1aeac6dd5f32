"""Without Chromium the browser tests skip locally, saying how to install it, and fail in CI."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_browser_tests(ci):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["WORKBOOK_CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_report_browser.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


def test_missing_chromium_skips_locally_with_install_hint():
    proc = run_browser_tests(ci=False)
    assert proc.returncode == 0, proc.stdout
    assert "1 skipped" in proc.stdout
    assert "apt-get install -y chromium" in proc.stdout


def test_missing_chromium_fails_in_ci():
    proc = run_browser_tests(ci=True)
    assert proc.returncode != 0
    assert "apt-get install -y chromium" in proc.stdout
