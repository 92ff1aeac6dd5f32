"""The words of the coaching screens, read from the instrument file (no widgets here).

The personal report reads the same words (the labels a client saw beside an exercise), so
they live outside :mod:`workbook.session.widgets`. The ``[session]`` tables and each ingredient's
``[ingredients.tool]`` table are optional in a coach's own instrument file: whatever it leaves
out is taken from the kit's own file.
"""

from __future__ import annotations

import copy
import functools
import json
import tomllib
from pathlib import Path

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument import Instrument
from workbook.core.instrument import fill as fill_text
from workbook.core.instrument_file import DEFAULT_PATH

#: Kinds of ingredient tool the screens know how to build.
TOOL_KINDS = ("notes", "capacity", "motivators")


class Texts:
    """Session words and tool definitions for one instrument.

    Parameters
    ----------
    instrument : Instrument

    Examples
    --------
    >>> from workbook.core.instrument import load_instrument
    >>> t = Texts(load_instrument())
    >>> t.get("levels", "a_little")
    'a little'
    >>> t.tool("time")["kind"]
    'capacity'
    """

    def __init__(self, instrument: Instrument):
        own = raw_file(instrument.source) if instrument.source else {}
        default = raw_file(str(DEFAULT_PATH))
        self.session = merged_tables(default.get("session", {}), own.get("session", {}))
        default_tools = {i.get("id"): i.get("tool", {}) for i in default.get("ingredients", [])}
        own_tools = {i.get("id"): i.get("tool") for i in own.get("ingredients", [])}
        self.tools = {}
        for ing_id in instrument.ingredient_ids:
            tool = own_tools.get(ing_id) or default_tools.get(ing_id) or {}
            if own_tools.get(ing_id):  # texts a file written earlier lacks: the kit's own
                tool = _kits_words(tool, default_tools.get(ing_id), default_tools.values())
            self.tools[ing_id] = _check_tool(copy.deepcopy(tool), ing_id, instrument.source)

    def get(self, *path, **fill) -> str:
        """Look up a session text by its keys and fill its ``{placeholders}``."""
        value = self.session
        for key in path:
            if not isinstance(value, dict) or key not in value:
                raise InstrumentError(f"the instrument has no session text {'.'.join(path)}")
            value = value[key]
        return fill_text(value, **fill)  # plain {names} only: no attribute access

    def tool(self, ingredient_id: str) -> dict:
        """Return an ingredient's tool definition (``{}`` when it has none)."""
        return self.tools.get(ingredient_id, {})


def shown_text(value) -> str:
    """A saved value as text for a box: text as it is, anything else written out.

    Examples
    --------
    >>> shown_text("Ms Rivera"), shown_text(None), shown_text(5), shown_text(["a", 1])
    ('Ms Rivera', '', '5', '["a", 1]')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


@functools.cache
def raw_file(source: str) -> dict:
    """An instrument file's tables as read (cached by path; {} when there is no such file)."""
    path = Path(source)
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(f"instrument file {path} cannot be read: {exc}") from None


def merged_tables(base: dict, over: dict) -> dict:
    """``base`` with ``over``'s keys laid over it, table by table (neither is changed)."""
    out = copy.deepcopy(base)
    for key, value in (over or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged_tables(out[key], value)
        else:
            out[key] = value
    return out


def _kits_words(tool: dict, same: dict | None, kits) -> dict:
    """``tool`` with each text the kit's own tool of its kind has and it lacks filled in.

    The kit's tool of the same ingredient gives them when it is of the same kind, else the
    kit's first tool of that kind (the load warned about them once).
    """
    kind = tool.get("kind")
    source = same if same and same.get("kind") == kind else next(
        (t for t in kits if t.get("kind") == kind), {})
    extra = {k: v for k, v in source.items() if isinstance(v, str) and k not in tool}
    return {**tool, **extra} if extra else tool


def _check_tool(tool: dict, ing_id: str, source: str) -> dict:
    if not tool:
        return {}
    where = f"{source}: ingredient {ing_id!r}: tool"
    if tool.get("kind") not in TOOL_KINDS:
        raise InstrumentError(f"{where}.kind must be one of {', '.join(TOOL_KINDS)}")
    fields = tool.setdefault("fields", [])
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("label"), str)
        for f in fields
    ):
        raise InstrumentError(f"{where}.fields must be a list of {{id, label, placeholder}}")
    return tool
