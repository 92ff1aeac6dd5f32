"""Issue 22, "honoured everywhere": the instrument a coach edits is the one every surface uses.

- every key the kit needs is required at load (a table the file writes is complete; a table
  it leaves out is the kit's own);
- custom verdict and level words reach every output meant for people (CLI summaries, both
  reports, figures, ``followups``), while CSV files keep the codes;
- ``workbook coach --instrument`` (and ``init``'s copy) reaches the session app, and the
  workspace remembers the instrument it was started with.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from workbook.exceptions import InstrumentError
from workbook.instrument import DEFAULT_PATH, load_instrument

KIT = DEFAULT_PATH.read_text(encoding="utf-8")


def _write(tmp_path, text, name="inst.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _drop_line(text: str, line: str) -> str:
    assert text.count(line) == 1, line
    return text.replace(line, "", 1)


# -- 4. every key the kit needs is required at load ------------------------------------------

@pytest.mark.parametrize(("line", "message"), [
    ('build_first = "Tend first"\n', r"words\.verdicts\.build_first: is missing"),
    ('ready = "Ready"\n', r"words\.verdicts\.ready: is missing"),
    ('a_little = "a little"\n', r"session\.levels\.a_little: is missing"),
    ('open_button = "Open"\n', r"session\.start\.open_button: is missing"),
    ('answer_label = "Your answer"\n', r"session\.answer_label: is missing"),
    ('back = "Back"\n', r"session\.app\.back: is missing"),
    ('talk = "Have the conversation"\n', r"session\.app\.steps\.talk: is missing"),
])
def test_a_missing_key_is_refused_at_load_naming_table_and_key(tmp_path, line, message):
    # Before: deleting build_first from [words.verdicts] was accepted (issue 22).
    path = _write(tmp_path, _drop_line(KIT, line))
    with pytest.raises(InstrumentError, match=message) as info:
        load_instrument(path)
    assert str(info.value).startswith(f"{path}: ")


def _without_table(text: str, header: str) -> str:
    """The file with one table (its header and its keys, up to the next table) left out."""
    start = text.index(f"\n{header}\n")
    end = text.index("\n[", start + 1)
    return text[:start] + text[end:]


@pytest.mark.parametrize("header", ["[words.verdicts]", "[session.levels]", "[session.app]",
                                    "[session.start]"])
def test_a_table_left_out_whole_is_the_kits_own(tmp_path, header):
    text = _without_table(KIT, header)
    assert f"\n{header}\n" not in text
    inst = load_instrument(_write(tmp_path, text))
    kit = load_instrument()
    assert inst.verdict_names == kit.verdict_names
    assert inst.level_names == kit.level_names
    from workbook.session_texts import Texts

    assert Texts(inst).get("app", "back") == "Back"
    assert Texts(inst).get("start", "open_button") == "Open"


def test_every_session_text_of_the_kit_is_required_when_its_table_is_written(tmp_path):
    raw = tomllib.loads(KIT)

    def texts(table, label):
        for key, value in table.items():
            if isinstance(value, dict):
                yield from texts(value, f"{label}.{key}")
            elif isinstance(value, str):
                yield label, key

    found = list(texts(raw["session"], "session")) + [("words.verdicts", k)
                                                         for k in raw["words"]["verdicts"]]
    assert len(found) > 60
    for label, key in found:
        start = KIT.index(f"\n[{label}]\n")
        end = KIT.find("\n[", start + 1)
        section = KIT[start:end]
        line = next(ln for ln in section.splitlines(keepends=True) if ln.startswith(f"{key} = "))
        if line.rstrip().endswith('"""'):
            continue  # a text over several lines (the start page's intro)
        text = KIT[:start] + section.replace(line, "", 1) + KIT[end:]
        with pytest.raises(InstrumentError, match=re.escape(f"{label}.{key}: is missing")):
            load_instrument(_write(tmp_path, text))
