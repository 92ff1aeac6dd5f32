"""The instrument: questions, scale, thresholds and guidance, declared as data.

The default instrument lives in ``workbook/instrument.toml``; a coach may load another file of
the same format. Nothing else in the kit repeats an item's text.

Examples
--------
>>> from workbook.core.instrument import load_instrument
>>> inst = load_instrument()
>>> inst.ingredient_ids
('hope', 'time', 'energy', 'self_esteem', 'ambition')
>>> inst.item_ids[:2]
('hope_1', 'hope_6')
>>> inst.to_value("agree")
4
"""

from __future__ import annotations

import difflib
import functools
import re
import string
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from workbook.core.conversations.cadence import Cadence
from workbook.core.exceptions import InstrumentError, WorkbookError
from workbook.core.instrument_checks import (
    check_keying,
    check_known,
    lacking_words,
    refuse_missing,
    warn_reworded,
)
from workbook.core.instrument_file import (
    DEFAULT_PATH,
    InstrumentWarning,
    allowed_fields,
    check_texts,
    default_raw,
    normalise_label,
    placeholders,
    read_toml,
    words_of,
)
from workbook.core.numbers import plain_number
from workbook.core.schema import GATES, LEVELS, VERDICTS
from workbook.core.versions import version_key

#: Columns of the item table (``workbook items``).
ITEM_COLUMNS = ("item_id", "ingredient", "text", "reverse")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Item:
    """One statement the client rates."""

    id: str
    ingredient: str
    text: str
    reverse: bool
    #: Earlier wordings of the text (``previous`` in the file): a survey made with one of them
    #: is still matched to this item when it is read.
    previous: tuple = ()
    #: The id of the statement this one replaced (``replaces``), and the instrument version it
    #: came in (``since``); "" for a statement as old as the history. See workbook.core.versions.
    replaces: str = ""
    since: str = ""


@dataclass(frozen=True)
class Retired:
    """A statement a later version replaced (``[[retired]]``), kept so its answers are scored.

    ``retired`` is the version that stopped asking it (its replacement's ``since``); answers
    to it belong to the versions before. See :func:`workbook.core.versions.statements_at`.
    """

    id: str
    ingredient: str
    text: str
    reverse: bool
    retired: str
    #: For a statement that itself replaced an earlier one before it was retired (hope_8
    #: replaced hope_4 in 2.1, then hope_10 replaced it in 2.2): that id and the version it
    #: came in, as the item had them ("" otherwise).
    replaces: str = ""
    since: str = ""

    def as_item(self) -> Item:
        """The statement as an :class:`Item` (to score with)."""
        return Item(self.id, self.ingredient, self.text, self.reverse, (), self.replaces,
                    self.since)


@dataclass(frozen=True)
class Ingredient:
    """One of the ingredients, with its items, thresholds and words for the client."""

    id: str
    name: str
    gate: str
    summary: str
    explanation: str
    thresholds: dict
    guidance: dict
    items: tuple
    prompts: tuple = ()
    next_steps: tuple = ()
    #: Numbers (1 = the first) of the prompts that ask for a step or for room: not shown
    #: while the client's plan is quiet (resting or waiting).
    prompts_later: tuple = ()
    #: The kind of the ingredient's own exercise (``notes``, ``capacity``, ``motivators``).
    tool_kind: str = ""
    #: True when this ingredient's level sets the most a client should take on (energy).
    sets_pace: bool = False
    #: Standard error of measurement of the score, in points (optional): a score closer than
    #: this to a threshold is "near the line".
    sem: float | None = None

    @property
    def item_ids(self) -> tuple:
        """Ids of this ingredient's items, in order."""
        return tuple(item.id for item in self.items)

    @property
    def min_answered(self) -> int:
        """Answers needed for a score: half the items, rounded up."""
        return -(-len(self.items) // 2)

    def level(self, score: float) -> str | None:
        """The level of one POMP score (``None`` for a missing score)."""
        if _is_missing(score):
            return None
        if score >= self.thresholds["plenty"]:
            return LEVELS[2]
        if score >= self.thresholds["a_little"]:
            return LEVELS[1]
        return LEVELS[0]


@dataclass(frozen=True)
class Instrument:
    """A whole instrument: scale, ingredients (with items) and verdict texts."""

    name: str
    version: str
    scale_min: int
    scale_max: int
    labels: tuple
    ingredients: tuple
    verdicts: dict
    source: str = field(default="", compare=False)
    #: The one vocabulary (``[words]``): verdict names and level names, declared once and
    #: used by the CLI's human output, the reports, the figures and the session screens.
    #: CSV files keep the codes.
    verdict_names: dict = field(default_factory=dict, compare=False)
    level_names: dict = field(default_factory=dict, compare=False)
    #: Motivator code -> the label the client saw (``camaraderie`` -> "Good colleagues").
    motivator_labels: dict = field(default_factory=dict, compare=False)
    #: ``[history]``: version -> ids whose content changed in that version though the id was
    #: kept (2.0 did so); see workbook.core.versions.
    history: dict = field(default_factory=dict, compare=False)
    #: ``[[retired]]``: the statements replaced by a later version, kept whole (:class:`Retired`)
    retired_items: tuple = field(default=(), compare=False)
    #: ``[versions]``: what is said of an ingredient answered on two versions' statements
    version_words: dict = field(default_factory=dict, compare=False)

    def verdict_name(self, verdict) -> str:
        """The verdict's name for people (``build_first`` -> "Tend first")."""
        return self.verdict_names.get(verdict) or _DEFAULT_WORDS["verdicts"].get(
            verdict, str(verdict))

    def level_name(self, level) -> str:
        """The level's name for people (``a_little`` -> "a little")."""
        return self.level_names.get(level) or _DEFAULT_WORDS["levels"].get(level, str(level))

    def verdict_in_text(self, verdict) -> str:
        """The verdict's name in running text: "ready" for the kit's "Ready" (name_in_text)."""
        kit = default_raw().get("words", {}).get("verdicts", {})
        return name_in_text(self.verdict_name(verdict), kit.get(verdict))

    def ingredient_in_text(self, ingredient_id: str) -> str:
        """The ingredient's name in running text: "hope" for the kit's "Hope" (name_in_text)."""
        kit = {ing.get("id"): ing.get("name") for ing in default_raw().get("ingredients", [])}
        return name_in_text(self.ingredient(ingredient_id).name, kit.get(ingredient_id))

    def motivator_label(self, code) -> str:
        """The label a client saw for a motivator code; unknown text is returned as it is."""
        return self.motivator_labels.get(str(code).strip(), str(code).strip())

    @property
    def ingredient_ids(self) -> tuple:
        """Ingredient ids, in order."""
        return tuple(ing.id for ing in self.ingredients)

    @property
    def items(self) -> tuple:
        """Every item, ingredient by ingredient."""
        return tuple(item for ing in self.ingredients for item in ing.items)

    @property
    def item_ids(self) -> tuple:
        """Every item id, ingredient by ingredient."""
        return tuple(item.id for item in self.items)

    @property
    def hours_ingredient(self) -> str | None:
        """The ingredient whose gate closes when a client has 0 hours a week (time).

        The one whose exercise asks for hours (``tool.kind = "capacity"``); else one with the
        id ``time``; else None (hours then gate nothing).
        """
        return self._by_tool(lambda ing: ing.tool_kind == "capacity", "time")

    @property
    def pace_ingredient(self) -> str | None:
        """The ingredient whose level caps the pace (energy): ``tool.pace`` set, or ``energy``."""
        return self._by_tool(lambda ing: ing.sets_pace, "energy")

    def _by_tool(self, test, fallback: str) -> str | None:
        for ing in self.ingredients:
            if test(ing):
                return ing.id
        return fallback if fallback in self.ingredient_ids else None

    @property
    def scale_values(self) -> tuple:
        """The whole-number answers the scale allows."""
        return tuple(range(self.scale_min, self.scale_max + 1))

    def ingredient(self, ingredient_id: str) -> Ingredient:
        """Look up an ingredient by id."""
        for ing in self.ingredients:
            if ing.id == ingredient_id:
                return ing
        raise InstrumentError(
            f"{self.source or 'the instrument'} has no ingredient {ingredient_id!r}; "
            f"it has {', '.join(self.ingredient_ids)}"
        )

    def item(self, item_id: str) -> Item:
        """Look up an item by id."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise InstrumentError(f"{self.source or 'the instrument'} has no item {item_id!r}")

    @functools.cached_property
    def label_values(self) -> dict:
        """Map of normalised answer label -> scale value (``"agree"`` -> 4)."""
        return {normalise_label(lab): v for lab, v in zip(self.labels, self.scale_values)}

    def to_value(self, label) -> int | None:
        """Scale value of an answer label or number, or ``None`` when it is not one."""
        if isinstance(label, bool):
            return None
        if isinstance(label, int | float) and not _is_missing(label):
            return int(label) if float(label) in self.scale_values else None
        text = normalise_label(str(label))
        if text in self.label_values:
            return self.label_values[text]
        try:
            number = plain_number(text)  # "0_4" is no answer 4 (round 12b Q2)
        except ValueError:
            return None
        return int(number) if number in self.scale_values else None

    def item_rows(self) -> list:
        """The items as rows ``(item_id, ingredient, text, reverse)`` (see ``ITEM_COLUMNS``)."""
        return [(i.id, i.ingredient, i.text, i.reverse) for i in self.items]

    def items_table(self):
        """The items as a DataFrame with the columns ``ITEM_COLUMNS``."""
        import pandas as pd  # only here: loading an instrument needs no pandas

        return pd.DataFrame(self.item_rows(), columns=list(ITEM_COLUMNS))


#: Words used when an instrument file declares none (a coach's own older file).
_DEFAULT_WORDS = {
    "verdicts": {"incomplete": "Not enough answers yet", "not_now": "Not now",
                 "build_first": "Tend first", "ready": "Ready"},
    "levels": {"not_yet": "not yet", "a_little": "a little", "plenty": "plenty"},
}


def _words(top: _Fields, session: dict, source: str) -> tuple:
    """The verdict and level names of ``[words]`` (levels also from ``[session.levels]``).

    A table the file writes must name every verdict (or level): a missing one is refused,
    naming the table and key. A table the file leaves out is the kit's own.
    """
    kit = default_raw()
    words = _Fields(top.get("words", dict, required=False, default={}), "words.", source)
    raw = words.get("verdicts", dict, required=False, default=None)
    if raw is None:  # left out: the kit's own names
        raw = kit.get("words", {}).get("verdicts") or _DEFAULT_WORDS["verdicts"]
    verdicts = _Fields(raw, "words.verdicts.", source)
    names = {v: verdicts.get(v, str) for v in VERDICTS}
    raw, where = words.get("levels", dict, required=False, default=None), "words.levels."
    if raw is None:
        raw = session.get("levels") if isinstance(session, dict) else None
        where = "session.levels."
    if raw is None:
        raw = kit.get("session", {}).get("levels") or _DEFAULT_WORDS["levels"]
    table = _Fields(raw, where, source)
    return names, {v: table.get(v, str) for v in LEVELS}


#: Tables of ``[session]`` whose keys carry meaning (the level names): a table the file
#: writes must hold every key. The other session tables hold the app's words.
_MEANING = ("session.levels",)


def _check_complete(value, default, label: str, source: str, lacking=None) -> dict:
    """The texts of the kit's own tables that a table the file writes lacks.

    A table left out (no text of its own, only sub-tables or nothing) is the kit's own. A
    table of the app's words that the file writes without a text the kit added later
    (:mod:`workbook.core.instrument_added`: a file written for an earlier version) takes the kit's
    own words for it: returned as {table label: [keys]}, for one warning. Any other missing
    text, and any missing key of a table whose keys carry meaning (:data:`_MEANING`), is
    refused, naming the table and key (as every ``[words.X]`` table's).
    """
    lacking = {} if lacking is None else lacking
    if not isinstance(value, dict) or not isinstance(default, dict):
        return lacking
    if any(not isinstance(v, dict) for v in value.values()):
        keys = [key for key, text in default.items() if isinstance(text, str) and key not in value]
        if keys and label in _MEANING:
            raise InstrumentError(
                f"{source}: {label}.{keys[0]}: is missing; a table the file writes must hold "
                "every key of the kit's own (or leave the whole table out to use the kit's "
                "words)")
        for key in keys:  # only a key the kit added later may be lacking (attacks5 C21)
            refuse_missing(value, default, label, key, source)
        if keys:
            lacking[label] = keys
    for key, inner in value.items():
        if isinstance(inner, dict):
            _check_complete(inner, default.get(key), f"{label}.{key}", source, lacking)
    return lacking


def _warn_lacking(lacking: dict, unread: list, source: str) -> None:
    """One warning for the app's words a file lacks and the texts the kit does not read.

    The kit's own words are used for those it lacks; ``unread`` are ``[conversations]``
    texts the file writes that the kit has no use for (said, not refused).
    """
    said = []
    if lacking:
        said.append("; ".join(f"{label} has no {', '.join(keys)}"
                              for label, keys in lacking.items())
                    + " (written for an earlier version?): the kit's own words are used")
    if unread:
        said.append(f"the kit does not read [conversations] {', '.join(unread)} (written for "
                    "an earlier version?)")
    if said:
        warnings.warn(f"{source}: {'; '.join(said)}", InstrumentWarning, stacklevel=4)


def _motivators(raw_ings) -> dict:
    """Motivator code -> label, from the ingredient whose tool is of kind ``motivators``."""
    for raw_ing in raw_ings:
        tool = raw_ing.get("tool") if isinstance(raw_ing, dict) else None
        if isinstance(tool, dict) and tool.get("kind") == "motivators":
            table = tool.get("motivators")
            if isinstance(table, dict):
                return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
    return {}


def _is_missing(value) -> bool:
    """True for None, NaN and pandas' NA, without importing pandas."""
    if value is None:
        return True
    try:
        return bool(value != value)  # only NaN differs from itself
    except TypeError:  # pandas' NA cannot say whether it equals itself
        return True


def name_in_text(name: str, kit_name) -> str:
    """A name as running text says it: the kit's own name in lower case, any other as written.

    The kit's English names read in lower case inside a sentence ("start with hope and
    time"); a name a coach's file gives (a German noun, a proper name, "Ready to talk") is
    never lower-cased.

    Examples
    --------
    >>> name_in_text("Hope", "Hope"), name_in_text("Hoffnung", "Hope")
    ('hope', 'Hoffnung')
    """
    return name.lower() if name == kit_name else name


def fill(text: str, **values) -> str:
    """Fill a text's ``{placeholders}`` with plain values: names only, never attributes.

    Unlike :meth:`str.format`, nothing in the text can reach an attribute, an item or a
    conversion of a value, so a text from an edited instrument file shows words, never the
    inside of the program.

    Raises
    ------
    InstrumentError
        For a placeholder that is not a plain name, or one no value is given for.

    Examples
    --------
    >>> fill("Working with {client}, {{kept}}", client="Ann")
    'Working with Ann, {kept}'
    >>> fill("{client.__class__}", client="Ann")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    workbook.core.exceptions.InstrumentError: in the text '{client.__class__}': ...
    """
    try:
        parts = list(string.Formatter().parse(text))
        placeholders(text)
    except ValueError as exc:
        raise InstrumentError(f"in the text {text!r}: {exc}") from None
    out = []
    for literal, name, _, _ in parts:
        out.append(literal)
        if name is None:
            continue
        if name not in values:
            raise InstrumentError(
                f"in the text {text!r}: nothing fills {{{name}}}; it may use "
                + (", ".join(f"{{{k}}}" for k in values) or "no placeholders")
            )
        out.append(str(values[name]))
    return "".join(out)


def load_instrument(path=None) -> Instrument:
    """Load and check an instrument file (the default one when ``path`` is None).

    Parameters
    ----------
    path : str or Path, optional
        A TOML file in the format of ``workbook/instrument.toml``.

    Returns
    -------
    Instrument

    Raises
    ------
    InstrumentError
        When the file is missing, is not TOML, or breaks the format; the message names the
        field at fault.

    Examples
    --------
    >>> load_instrument().ingredient("time").gate
    'not_now'
    """
    if path is None:
        return _default()
    return _load(Path(path))


@functools.cache
def _default() -> Instrument:
    return _load(DEFAULT_PATH)


def resolve(instrument) -> Instrument:
    """Accept an :class:`Instrument`, a path, or None (the default)."""
    if isinstance(instrument, Instrument):
        return instrument
    return load_instrument(instrument)


def _load(path: Path) -> Instrument:
    try:
        raw = read_toml(path)
    except FileNotFoundError:
        raise InstrumentError(f"instrument file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"instrument file {path} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"instrument file {path} is not valid TOML: {exc}") from None
    check_known(raw, str(path))
    instrument = _parse(raw, str(path))
    check_known(raw, str(path), names=True)
    check_keying(instrument)
    warn_reworded(instrument)
    return instrument


def words_table(instrument, name: str) -> dict:
    """The texts of ``[words.<name>]``: ``instrument``'s own over the kit's (None: the kit's).

    Examples
    --------
    >>> words_table(None, "index")["heading"]
    'Reports'
    """
    kit = words_of(DEFAULT_PATH).get(name, {})
    if instrument is None:
        return dict(kit)
    own = words_of(resolve(instrument).source).get(name, {})
    return {**kit, **(own if isinstance(own, dict) else {})}


def _check_kinds(value, default, label: str, source: str) -> None:
    """Where the kit's own file has a text or a table, ``value`` must have one too.

    Keys the kit's own file does not have are left alone; ``label`` names the place.
    """
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise InstrumentError(f"{source}: {label} must be a table, not {_short(value)}")
        for key, inner in value.items():
            if key in default:
                _check_kinds(inner, default[key], f"{label}.{key}", source)
    elif isinstance(default, str) and not isinstance(value, str):
        raise InstrumentError(f"{source}: {label} must be text in quotes, not {_short(value)}")
    elif isinstance(default, list) and default and all(isinstance(d, dict) for d in default):
        if not isinstance(value, list):  # a list of tables, such as a tool's fields
            raise InstrumentError(f"{source}: {label} must be a list of tables, not "
                                  f"{_short(value)}")
        keys = {}
        for inner in default:
            for key, example in inner.items():
                keys.setdefault(key, example)
        for n, inner in enumerate(value, start=1):
            _check_kinds(inner, keys, f"{label}[{n}]", source)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _default_tool() -> dict:
    """Every key of the kit's own ingredients' tools, with the first value it has there."""
    tool = {}
    for ing in default_raw().get("ingredients", []):
        for key, value in ing.get("tool", {}).items():
            tool.setdefault(key, value)
    return tool


def _tool_texts() -> dict:
    """Tool kind -> the texts every tool of that kind has in the kit's own file."""
    kinds = {}
    for ing in default_raw().get("ingredients", []):
        tool = ing.get("tool") or {}
        if "kind" in tool:
            texts = {k for k, v in tool.items() if isinstance(v, str)}
            kinds[tool["kind"]] = kinds.get(tool["kind"], texts) & texts
    return kinds


class _Fields:
    """Reads required keys from a table and names the field at fault."""

    def __init__(self, table, where: str, source: str):
        if not isinstance(table, dict):
            raise InstrumentError(f"{source}: {where} must be a table")
        self.table, self.where, self.source = table, where, source

    def fail(self, key, what):
        raise InstrumentError(f"{self.source}: {self.where}{key}: {what}")

    def get(self, key, kind, *, required=True, default=None):
        if key not in self.table:
            if required:
                self.fail(key, "is missing")
            return default
        value = self.table[key]
        if kind is bool and not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {value!r}")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(key, f"must be a whole number, not {value!r}")
        if kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
            self.fail(key, f"must be a number, not {value!r}")
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.fail(key, f"must be non-empty text, not {value!r}")
        if kind is list and not isinstance(value, list):
            self.fail(key, f"must be a list, not {value!r}")
        if kind is dict and not isinstance(value, dict):
            self.fail(key, f"must be a table, not {value!r}")
        return value.strip() if kind is str else value


def _sem(f: _Fields) -> float | None:
    """An ingredient's optional ``sem``: a number of points above 0 and below 50."""
    value = f.get("sem", float, required=False, default=None)
    if value is None:
        return None
    if not 0 < float(value) < 50:
        f.fail("sem", f"must be a number of points above 0 and below 50, not {value!r}")
    return float(value)


#: The ``[conversations]`` numbers the kit reads that its own file leaves out (the kit's value
#: is in the code): key -> (lowest, highest, what a unit is). ``look_ahead_days``: how far
#: "coming up" looks on the page, in the report and in ``followups`` (at most ``--days``'s
#: 366; at least a day, as "the next {days} days" says).
CONVERSATION_NUMBERS = {"look_ahead_days": (1, 366, "number of days")}


def _check_conversations(table: dict, source: str) -> list:
    """Check the optional ``[conversations]`` table: its numbers, texts and cadence.

    Each number of :data:`CONVERSATION_NUMBERS` is a whole one in its range; any other key
    the kit does not read is refused unless it holds a text (round 10b L6). Returns the
    texts it writes that the kit does not read (such as 2.0's ``note_starter``, now
    ``note_referral`` and ``note_cold``): they are not checked, and the load says so.
    """
    kit = default_raw().get("conversations", {})
    for key, value in table.items():
        if key in CONVERSATION_NUMBERS:
            low, high, what = CONVERSATION_NUMBERS[key]
            if isinstance(value, bool) or not isinstance(value, int) \
                    or not low <= value <= high:
                raise InstrumentError(f"{source}: conversations.{key} must be a whole {what} "
                                      f"from {low} to {high}, not {_short(value)}")
        elif key not in kit and not isinstance(value, str):
            close = difflib.get_close_matches(key, sorted({*kit, *CONVERSATION_NUMBERS}),
                                              n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InstrumentError(f"{source}: unknown key {key!r} in [conversations]{hint}; "
                                  "the kit does not read it")
    texts = {k: v for k, v in table.items() if isinstance(v, str)}
    unread = [k for k in texts if k not in kit and not allowed_fields(f"conversations.{k}")]
    check_texts({k: v for k, v in texts.items() if k not in unread}, "conversations", source)
    questions = table.get("questions", [])
    if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip()
                                                  for q in questions):
        raise InstrumentError(f"{source}: conversations.questions must be a list of "
                              f"non-empty texts")
    try:
        Cadence.from_table(table.get("cadence"), source)
    except WorkbookError as exc:
        raise InstrumentError(str(exc)) from None
    return unread


#: A version as the history writes it: whole numbers joined by dots ("2.1").
_VERSION = re.compile(r"^\d+(\.\d+)*$")


def _replaces(fi: _Fields) -> tuple:
    """An item's optional ``replaces`` (an id) and ``since`` (a version): both or neither."""
    replaces = fi.get("replaces", str, required=False, default="")
    since = fi.get("since", str, required=False, default="")
    if replaces and not _ID.match(replaces):
        fi.fail("replaces", f"{replaces!r} must be an item id (lowercase letters, digits and _)")
    if replaces and not since:
        fi.fail("since", "is missing: give the version the statement came in (such as \"2.1\") "
                "beside replaces")
    if since and not _VERSION.match(since):
        fi.fail("since", f"{since!r} must be a version such as \"2.1\"")
    return replaces, since


def _history(top: _Fields, ingredients, version: str, source: str) -> dict:
    """Check the statements' history: ``replaces``/``since`` of items and ``[history]``.

    A replaced id is no current item and is replaced once; no statement came in after the
    file's own version; ``[history]`` maps versions to lists of ids.
    """
    current = {item.id: item for ing in ingredients for item in ing.items}
    replaced = {}
    for item in current.values():
        if not item.replaces:
            continue
        where = f"item {item.id!r}: "
        if item.replaces in current:
            top.fail(where + "replaces", f"{item.replaces!r} is still an item of this file; a "
                     "replaced id is never used again (give the new statement a new id)")
        if item.replaces in replaced:
            top.fail(where + "replaces", f"{item.replaces!r} is replaced by "
                     f"{replaced[item.replaces]!r} too")
        replaced[item.replaces] = item.id
        if _VERSION.match(version) and version_key(item.since) > version_key(version):
            top.fail(where + "since", f"{item.since!r} is after this file's version ({version})")
    table = _Fields(top.get("history", dict, required=False, default={}), "history.", source)
    history = {}
    for key, ids in table.table.items():
        if not _VERSION.match(str(key)):
            table.fail(key, "must be a version such as \"2.0\" (write it in quotes)")
        if not isinstance(ids, list) or not all(isinstance(i, str) and _ID.match(i) for i in ids):
            table.fail(key, "must be a list of item ids (the statements whose content changed in "
                       "that version though their ids were kept)")
        history[str(key)] = tuple(ids)
    return history


def _retired(top: _Fields, ingredients, source: str) -> tuple:
    """Check ``[[retired]]``: each entry a statement an item of its ingredient ``replaces``.

    Its ingredient must be one of the file's, its ``reverse`` true or false, its ``retired``
    the version its replacement came in (``since``); an id is retired once.
    """
    entries = top.get("retired", list, required=False, default=[])
    by_ing = {ing.id: ing for ing in ingredients}
    replaced = {item.replaces: item for ing in ingredients for item in ing.items
                if item.replaces}
    current = {item.id for ing in ingredients for item in ing.items}
    # a retired statement may itself have replaced an earlier one (a chain: hope_4 -> hope_8
    # -> hope_10): its entry keeps the `replaces` and `since` it had as an item
    chained = []
    for n, raw in enumerate(entries, start=1):
        f = _Fields(raw if isinstance(raw, dict) else {}, f"retired[{n}].", source)
        if not isinstance(raw, dict) or "replaces" not in raw:
            continue
        f.where = f"retired[{n}] ({raw.get('id')!r}): "
        rid, (gone, since) = raw.get("id"), _replaces(f)
        if gone in current:
            f.fail("replaces", f"{gone!r} is still an item of this file; a replaced id is "
                   "never used again")
        if gone in replaced:
            f.fail("replaces", f"{gone!r} is replaced by {replaced[gone].id!r} too")
        chained.append((gone, rid, since, raw.get("ingredient")))
        replaced[gone] = Item(str(rid), str(raw.get("ingredient")), "", False, (), gone, since)
    out, seen = [], set()
    for n, raw in enumerate(entries, start=1):
        f = _Fields(raw, f"retired[{n}].", source)
        rid = f.get("id", str)
        if not _ID.match(rid):
            f.fail("id", f"{rid!r} must be an item id (lowercase letters, digits and _)")
        f.where = f"retired[{n}] ({rid!r}): "
        if rid in seen:
            f.fail("id", f"{rid!r} is listed twice")
        seen.add(rid)
        ing_id = f.get("ingredient", str)
        if ing_id not in by_ing:
            f.fail("ingredient", f"{ing_id!r} is no ingredient of this file; it has "
                   f"{', '.join(by_ing)}")
        text = f.get("text", str)
        reverse = f.get("reverse", bool)
        version = f.get("retired", str)
        if not _VERSION.match(version):
            f.fail("retired", f"{version!r} must be a version such as \"2.1\"")
        item = replaced.get(rid)
        if item is None:
            f.fail("id", f"{rid!r} is replaced by no item of this file (an item's `replaces` "
                   "names the statement it replaced; when that statement is itself retired, "
                   "its [[retired]] entry keeps its `replaces` and `since`)")
        if item.ingredient != ing_id:
            f.fail("ingredient", f"{ing_id!r}, but {item.id!r}, which replaced it, is an item "
                   f"of {item.ingredient!r}")
        if item.since != version:
            f.fail("retired", f"{version!r}, but {item.id!r} replaced it in {item.since!r} "
                   "(its `since`)")
        gone, since = _replaces(f)
        if since and _VERSION.match(version) and version_key(since) >= version_key(version):
            f.fail("since", f"{since!r} is not before {version!r}, the version it was retired "
                   "in")
        out.append(Retired(rid, ing_id, text, reverse, version, gone, since))
    return tuple(out)


#: ``[versions]``: its texts and the placeholders each may use.
VERSION_WORDS = {
    "history_line": ("name", "first_date", "first_version", "last_date", "last_version"),
    "change_words": ("first_version", "last_version"),
}


def _version_words(top: _Fields, source: str) -> dict:
    """The optional ``[versions]`` words: the kit's own when the file leaves the table out.

    A table the file writes must hold every text (refused naming the key), as every table of
    words (:func:`workbook.core.instrument_checks.complete_words`).
    """
    written = top.get("versions", dict, required=False, default=None)
    own = _Fields(written or {}, "versions.", source)
    kit = default_raw().get("versions", {})
    out = {}
    for key, allowed in VERSION_WORDS.items():
        if key in own.table:
            text = own.get(key, str)
        elif key in kit and written is None:
            text = kit[key]
        else:
            own.fail(key, "is missing; a table the file writes must hold every key of the kit's "
                     "own (or leave the whole table out to use the kit's words)")
        try:
            extra = [p for p in placeholders(text) if p not in allowed]
        except ValueError as exc:
            own.fail(key, str(exc))
        if extra:
            own.fail(key, f"{{{extra[0]}}} is no field of this text; it may use "
                     + ", ".join(f"{{{a}}}" for a in allowed))
        out[key] = text
    return out


def _parse(raw: dict, source: str) -> Instrument:
    top = _Fields(raw, "", source)
    scale = _Fields(top.get("scale", dict), "scale.", source)
    lo, hi = scale.get("min", int), scale.get("max", int)
    if lo >= hi:
        scale.fail("max", f"must be greater than min ({lo}), not {hi}")
    labels = scale.get("labels", list)
    if len(labels) != hi - lo + 1 or not all(isinstance(x, str) and x.strip() for x in labels):
        scale.fail("labels", f"must be {hi - lo + 1} non-empty texts, one per point {lo}..{hi}")
    if len({normalise_label(x) for x in labels}) != len(labels):
        scale.fail("labels", "must all differ")

    verdicts = _Fields(top.get("verdicts", dict), "verdicts.", source)
    verdict_texts = {v: verdicts.get(v, str) for v in VERDICTS}
    check_texts(verdict_texts, "verdicts", source)
    default = default_raw()
    for table in ("session", "words", "conversations"):  # texts are texts, tables tables
        if table in raw and table in default:
            _check_kinds(raw[table], default[table], table, source)
    session = top.get("session", dict, required=False, default={})
    check_texts(session, "session", source)
    lacking = {f"[{label}]": keys for label, keys in
               _check_complete(session, default.get("session"), "session", source).items()}
    lacking.update(lacking_words(raw))
    verdict_names, level_names = _words(top, session, source)
    unread = _check_conversations(top.get("conversations", dict, required=False, default={}),
                                  source)

    raw_ings = top.get("ingredients", list)
    if not raw_ings:
        top.fail("ingredients", "must list at least one ingredient")
    ingredients, seen_items, seen_ings = [], {}, set()
    for n, raw_ing in enumerate(raw_ings, start=1):
        f = _Fields(raw_ing, f"ingredients[{n}].", source)
        ing_id = f.get("id", str)
        if not _ID.match(ing_id):
            f.fail("id", f"{ing_id!r} must be lowercase letters, digits and _")
        if ing_id in seen_ings:
            f.fail("id", f"{ing_id!r} is used by two ingredients")
        seen_ings.add(ing_id)
        f.where = f"ingredient {ing_id!r}: "
        gate = f.get("gate", str)
        if gate not in GATES:
            f.fail("gate", f"must be one of {', '.join(GATES)}, not {gate!r}")
        th = _Fields(f.get("thresholds", dict), f.where + "thresholds.", source)
        thresholds = {k: float(th.get(k, float)) for k in LEVELS[1:]}
        if not 0 <= thresholds["a_little"] < thresholds["plenty"] <= 100:
            th.fail("", "need 0 <= a_little < plenty <= 100")
        gd = _Fields(f.get("guidance", dict), f.where + "guidance.", source)
        guidance = {k: gd.get(k, str) for k in LEVELS}
        texts = {}
        for key in ("prompts", "next_steps"):
            values = f.get(key, list, required=False, default=[])
            if not all(isinstance(x, str) and x.strip() for x in values):
                f.fail(key, "must be a list of non-empty texts")
            texts[key] = tuple(x.strip() for x in values)
        later = f.get("prompts_later", list, required=False, default=[])
        if not all(type(x) is int and 1 <= x <= len(texts["prompts"]) for x in later):
            f.fail("prompts_later", "must list prompt numbers, from 1 to "
                   f"{len(texts['prompts'])} (the prompts this ingredient has)")
        texts["prompts_later"] = tuple(later)
        tool = f.get("tool", dict, required=False, default={})
        _check_kinds(tool, _default_tool(), f"{f.where}tool", source)
        keys = [key for key in (_tool_texts().get(tool.get("kind"), ()) if tool else ())
                if key not in tool]  # the kit's own words of its kind (session_texts.Texts)
        if keys:
            lacking[f"the tool of ingredient {ing_id!r}"] = sorted(keys)
        check_texts({k: v for k, v in tool.items() if isinstance(v, str)},
                     "ingredients.tool", source, f"{f.where}tool")
        raw_items = f.get("items", list)
        if not raw_items:
            f.fail("items", "must list at least one item")
        items = []
        for m, raw_item in enumerate(raw_items, start=1):
            fi = _Fields(raw_item, f"{f.where}items[{m}].", source)
            item_id = fi.get("id", str)
            if not _ID.match(item_id):
                fi.fail("id", f"{item_id!r} must be lowercase letters, digits and _")
            if item_id in seen_items:
                fi.fail("id", f"{item_id!r} is used twice (also in {seen_items[item_id]})")
            seen_items[item_id] = f"ingredient {ing_id!r}"
            previous = fi.get("previous", list, required=False, default=[])
            if not all(isinstance(x, str) and x.strip() for x in previous):
                fi.fail("previous", "must be a list of non-empty texts (earlier wordings)")
            items.append(Item(item_id, ing_id, fi.get("text", str), fi.get("reverse", bool),
                              tuple(x.strip() for x in previous), *_replaces(fi)))
        ingredients.append(
            Ingredient(
                id=ing_id,
                name=f.get("name", str),
                gate=gate,
                summary=f.get("summary", str),
                explanation=f.get("explanation", str),
                thresholds=thresholds,
                guidance=guidance,
                items=tuple(items),
                **texts,
                tool_kind=str(tool.get("kind", "")),
                sets_pace=isinstance(tool.get("pace"), dict),
                sem=_sem(f),
            )
        )
    clash = seen_ings & set(seen_items)
    if clash:
        top.fail("ingredients", f"an item id equals an ingredient id: {', '.join(sorted(clash))}")
    history = _history(top, ingredients, str(raw.get("version", "")), source)
    _warn_lacking(lacking, unread, source)
    return Instrument(
        history=history,
        retired_items=_retired(top, ingredients, source),
        version_words=_version_words(top, source),
        name=top.get("name", str),
        version=str(raw.get("version", "")),
        scale_min=lo,
        scale_max=hi,
        labels=tuple(x.strip() for x in labels),
        ingredients=tuple(ingredients),
        verdicts=verdict_texts,
        source=source,
        verdict_names=verdict_names,
        level_names=level_names,
        motivator_labels=_motivators(raw_ings),
    )
