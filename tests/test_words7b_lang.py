"""The pages say the language of their words: ``[words.report] lang`` (issue 22).

The reports and the index page were marked ``lang="en"`` whatever words the instrument gave
them (a screen reader then reads French words with English sounds). The language is now the
instrument's, "en" in the kit's own file; a value that is not a language tag is refused.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import load_instrument
from workbook.core.instrument_file import DEFAULT_PATH
from workbook.reports.html import export_html
from workbook.reports.index import index_html

KIT = DEFAULT_PATH.read_text(encoding="utf-8")


def _own(tmp_path, lang):
    assert KIT.count('\nlang = "en"\n') == 1
    path = tmp_path / "own.toml"
    path.write_text(KIT.replace('\nlang = "en"\n', f'\nlang = "{lang}"\n'), encoding="utf-8")
    return path


def test_the_index_page_says_the_instruments_language(tmp_path):
    # Before: '<html lang="en">' whatever the instrument.
    own = load_instrument(_own(tmp_path, "fr-CH"))
    assert '\n<html lang="fr-CH">\n' in index_html(tmp_path, {}, own)
    assert '\n<html lang="en">\n' in index_html(tmp_path, {})


def test_a_report_page_says_the_language_it_is_given():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("*Bonjour*")])
    assert '<html lang="fr">' in export_html(nb, title="t", lang="fr")
    assert '<html lang="en">' in export_html(nb, title="t")


def test_a_personal_report_and_its_index_say_the_instruments_language(tmp_path):
    from workbook.reports.batch import participant_reports
    from workbook.responses.datasets import sample_path

    own = _own(tmp_path, "de")
    first = next(iter(__import__("pandas").read_csv(sample_path())["participant_id"]))
    run = participant_reports(sample_path(), tmp_path / "out", participant_ids=[first],
                              instrument=own, jobs=1)
    pages = [Path(o.target) for o in run.outcomes if o.status == "made"]
    assert len(pages) == 1
    assert '<html lang="de">' in pages[0].read_text(encoding="utf-8")
    assert '<html lang="de">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["english", "en_GB", "fr ", "<x>", ""])
def test_a_value_that_is_not_a_language_tag_is_refused(tmp_path, lang):
    path = _own(tmp_path, lang)
    with pytest.raises(InstrumentError) as info:
        load_instrument(path)
    assert str(info.value) == (
        f"{path}: words.report.lang: {lang!r} is not a language tag; write one such as \"en\", "
        "\"fr\" or \"de-CH\" (the pages are marked with it)")
