"""The index page: one HTML file in the output folder that links every report made there."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from urllib.parse import quote

from workbook.core.exceptions import ReportError
from workbook.core.files import atomic_write
from workbook.core.instrument import fill, words_table
from workbook.reports import wording
from workbook.reports.html import CONTENT_SECURITY_POLICY
from workbook.reports.html import escape as e
from workbook.reports.style import CSS

INDEX_FILE = "index.html"
#: The second line of every index page the kit writes (after the doctype): an
#: ``index.html`` without it (nor an earlier version's title and footer) is someone else's,
#: and is not replaced.
INDEX_MARK = "<!-- workbook-index: written by the Readiness Workbook; remade on every run -->"
_EARLIER_FOOTER = '<footer class="report-footer">Made with the Readiness Workbook.</footer>'


def check_index(out, *, force: bool = False) -> None:
    """Refuse an ``OUT/index.html`` the kit did not write, before any work (unless ``force``).

    The kit rewrites its index page on every run; a page of the user's own in that place
    would be lost. A page the kit wrote (its mark, or an earlier version's title and footer)
    passes.

    Raises
    ------
    ReportError
    """
    path = Path(out) / INDEX_FILE
    if force or not path.exists():
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        head = ""
    if path.is_file() and (INDEX_MARK in head[:200] or (
            # an earlier kit's page: its title is the kit's own
            f"<title>{e(wording.words()['index_title'])}</title>" in head
            and _EARLIER_FOOTER in head)):
        return
    raise ReportError(f"{path} is not an index page the kit wrote, and the kit writes its index "
                      "of the reports there: nothing was made. Move it away, give another "
                      "--out, or pass --force to replace it")


#: The manifest's entry for what ``--skip-invalid`` left out of the personal reports' file.
LEFT_OUT_KEY = "participants_left_out"


def _text(text: str) -> str:
    """An instrument's words as text between tags (``&``, ``<`` and ``>`` escaped)."""
    return html.escape(str(text), quote=False)


def _link(path: str, text: str) -> str:
    return f'<a href="{e(quote(path))}">{e(text)}</a>'


def _entry(key: str, entry: dict, out: Path, pdf_word: str) -> str | None:
    """A link to a report, or None: none made, or its last remake failed.

    The page left from before a failed remake was made from earlier answers: the index lists
    that report under "Not made" only.
    """
    file = entry.get("file")
    if not file or entry.get("failed") or not (out / file).is_file():
        return None
    extra = ""
    pdf = entry.get("pdf")
    if pdf and (out / pdf).is_file():
        extra = f' <span class="small">({_link(pdf, pdf_word)})</span>'
    return f"<li>{_link(file, key)}{extra}</li>"


def index_html(out, manifest: dict, instrument=None) -> str:
    """The index page's HTML for the reports recorded in ``manifest``.

    Its title and the cohort report's name are ``instrument``'s ``[words.report]``, every
    other word its ``[words.index]`` (default: the kit's).
    """
    out = Path(out)
    said, own = wording.words(instrument), words_table(instrument, "index")
    parts = [
        f'<p class="eyebrow">{e(said["index_title"])}</p><h1>{_text(own["heading"])}</h1>',
        f'<p class="meta">{_text(fill(own["updated"], time=f"{dt.datetime.now():%Y-%m-%d %H:%M}"))}'
        "</p>",
    ]
    cohort = [x for k, v in sorted(manifest.get("cohort", {}).items())
              if (x := _entry(said["cohort_title"], v, out, own["pdf"]))]
    if cohort:
        parts.append(f"<h2>{_text(own['for_group'])}</h2><ul>" + "".join(cohort) + "</ul>")
    people = manifest.get("participants", {})
    listed = [x for k, v in sorted(people.items()) if (x := _entry(k, v, out, own["pdf"]))]
    if listed:
        left = manifest.get(LEFT_OUT_KEY)  # what --skip-invalid left out of the file
        left = f'<p class="note">{e(left)}.</p>' if isinstance(left, str) and left else ""
        reports = fill(own["personal_one" if len(listed) == 1 else "personal_many"],
                       count=len(listed))
        parts.append(
            f"<h2>{_text(own['for_each'])}</h2>"
            f"<p>{_text(fill(own['personal_note'], reports=reports))}</p>{left}"
            f'<ul class="index-list">{"".join(listed)}</ul>'
        )
    failed = [
        (k, v["failed"]) for kind in ("cohort", "participants")
        for k, v in sorted(manifest.get(kind, {}).items()) if v.get("failed")
    ]
    if failed:
        items = "".join(f"<li><strong>{e(k)}</strong>: {e(why)}</li>" for k, why in failed)
        parts.append(f'<h2 class="failed">{_text(own["not_made"])}</h2><ul>{items}</ul>')
    if not (cohort or listed or failed):
        parts.append(f"<p>{_text(own['no_reports'])}</p>")
    return (
        f'<!DOCTYPE html>\n{INDEX_MARK}\n<html lang="{e(said["lang"])}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        f"<title>{e(said['index_title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<main class="report">{"".join(parts)}</main>\n'
        f'<footer class="report-footer">{_text(own["footer"])}</footer>\n'
        "</body>\n</html>\n"
    )


def write_index(out, manifest: dict, instrument=None) -> Path:
    """Write ``out/index.html`` in ``instrument``'s words (default: the kit's); returns its path."""
    return atomic_write(Path(out) / INDEX_FILE, index_html(out, manifest, instrument))
