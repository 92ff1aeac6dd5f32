"""The session app's page says the language of the instrument's words (issue 22).

Voila's page took ``<html lang>`` from nbconvert's default ("en") whatever the instrument;
``workbook coach`` now passes ``[words.report] lang`` of the instrument in use (its first part:
nbconvert holds two-letter ISO 639-1 codes only), as the reports already do.
"""

from __future__ import annotations

from workbook.core.instrument_file import DEFAULT_PATH
from workbook.session.coach import coach, page_language

KIT = DEFAULT_PATH.read_text(encoding="utf-8")


def _own(tmp_path, lang: str):
    assert KIT.count('lang = "en"\n') == 1
    path = tmp_path / "own.toml"
    path.write_text(KIT.replace('lang = "en"\n', f'lang = "{lang}"\n', 1), encoding="utf-8")
    return path


def _option(cmd) -> list:
    return [part for part in cmd if part.startswith("--HTMLExporter.language_code=")]


def test_the_voila_command_carries_the_instruments_language(tmp_path):
    # Before: no option: the page said lang="en" for a German instrument.
    cmd, _, _ = coach(workspace=tmp_path / "ws", port=18_866, run=False,
                      instrument=_own(tmp_path, "de-CH"))
    assert _option(cmd) == ["--HTMLExporter.language_code=de"]
    cmd, _, _ = coach(workspace=tmp_path / "ws", port=18_866, run=False)
    assert _option(cmd) == ["--HTMLExporter.language_code=en"]


def test_jupyterlab_is_given_no_page_language(tmp_path):
    cmd, _, _ = coach(workspace=tmp_path / "ws", port=18_867, run=False, lab=True,
                      instrument=_own(tmp_path, "fr"))
    assert _option(cmd) == []


def test_a_language_without_a_two_letter_code_is_english_as_nbconvert_would_make_it(tmp_path):
    assert page_language(_own(tmp_path, "fr")) == "fr"
    assert page_language(_own(tmp_path, "gsw")) == "en"  # Swiss German: no ISO 639-1 code


def test_voila_gives_the_option_to_the_page_exporter():
    # the option reaches the exporter whose template writes <html lang="...">
    from voila.app import Voila
    from voila.exporter import VoilaExporter

    app = Voila()
    app.parse_command_line(["--no-browser", "--HTMLExporter.language_code=de"])
    exporter = VoilaExporter(config=app.config, template_name="lab")
    assert exporter.language_code == "de"
