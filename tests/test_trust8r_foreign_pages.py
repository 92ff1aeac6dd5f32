"""attacks5 C25: `report` replaced a cohort.html or participants/ID.html in --out that the kit
did not write (a hand-made report), without a word; only index.html was protected. Every page
is protected the same way now: refused, naming it, unless --force; the kit's own pages are
remade as before."""

from pathlib import Path

from .reading_helpers import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_cohort.csv"
REFUSED = ("not a report the kit wrote, and the kit writes a report there: nothing was "
           "made. Move it away, give another --out, or pass --force to replace it")


def test_a_hand_made_cohort_page_is_kept(tmp_path):
    out = tmp_path / "orc"
    out.mkdir()
    page = out / "cohort.html"
    page.write_text("<html>my own hand-made report</html>\n", encoding="utf-8")
    proc = cli("report", "cohort", SAMPLE, "--out", out)
    assert proc.returncode == 1
    assert f"{page}: {REFUSED}" in proc.stderr
    assert page.read_text(encoding="utf-8") == "<html>my own hand-made report</html>\n"
    assert not (out / "index.html").exists()


def test_a_hand_made_personal_page_is_kept_and_the_kits_own_remade(tmp_path):
    out = tmp_path / "orp"
    (out / "participants").mkdir(parents=True)
    mine = out / "participants" / "SPR-002.html"
    mine.write_text("mine\n", encoding="utf-8")
    proc = cli("report", "participants", SAMPLE, "--out", out, "--participant", "SPR-002")
    assert proc.returncode == 1
    assert f"{mine}: {REFUSED}" in proc.stderr
    assert mine.read_text(encoding="utf-8") == "mine\n"
    mine.unlink()
    assert cli("report", "participants", SAMPLE, "--out", out, "--participant",
               "SPR-002").returncode == 0
    made = mine.read_text(encoding="utf-8")
    # the kit's own page, out of date (its digest changed), is remade without --force
    import re
    stale = re.sub(r'content="[0-9a-f]{64}" name="workbook-digest"',
                   'content="old" name="workbook-digest"', made)
    assert stale != made
    mine.write_text(stale, encoding="utf-8")
    proc = cli("report", "participants", SAMPLE, "--out", out, "--participant", "SPR-002")
    assert proc.returncode == 0, proc.stderr
    assert "made 1 personal report" in proc.stdout
    assert mine.read_text(encoding="utf-8") != stale


def test_force_replaces_it(tmp_path):
    out = tmp_path / "orc"
    out.mkdir()
    (out / "cohort.html").write_text("mine\n", encoding="utf-8")
    proc = cli("report", "cohort", SAMPLE, "--out", out, "--force")
    assert proc.returncode == 0, proc.stderr
    assert 'content="Readiness Workbook"' in (out / "cohort.html").read_text(encoding="utf-8")
