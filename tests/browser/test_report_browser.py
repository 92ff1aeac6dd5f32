"""A report from `workbook report`, opened in a browser: images show, nothing fails to load."""

import subprocess
import sys

from workbook.responses.datasets import sample_path


def test_participant_report_renders_offline(page, tmp_path):
    out = tmp_path / "reports"
    proc = subprocess.run(
        [sys.executable, "-m", "workbook", "report", "participants", str(sample_path()),
         "--out", str(out), "--participant", "SPR-001", "--jobs", "1"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    reports = sorted((out / "participants").glob("*.html"))
    assert len(reports) == 1

    failed, external = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("request", lambda request: external.append(request.url)
            if not request.url.startswith(("file:", "data:")) else None)
    for html in (out / "index.html", reports[0]):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        images = page.locator("img")
        assert images.count() >= (0 if html.name == "index.html" else 1)
        for n in range(images.count()):
            width = images.nth(n).evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 0, f"image {n} of {html.name} did not load"
        page.screenshot(path=str(tmp_path / f"{html.stem}.png"), full_page=True)
    assert failed == []
    assert external == []  # readable offline: no request leaves the file
    assert "SPR-001" in page.inner_text("body")
