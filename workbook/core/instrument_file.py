"""The instrument file beneath the instrument: where the kit's is, how a file is read, its texts.

What both :mod:`workbook.core.instrument` (the loader) and
:mod:`workbook.core.instrument_checks` (the checks made at load) stand on: the kit's own file
(:data:`DEFAULT_PATH`, :func:`default_raw`), the safe reading of a file (:func:`read_text`,
:func:`words_of`), the ``{placeholders}`` each text may take (:data:`TEXT_FIELDS`,
:func:`placeholders`, :func:`check_texts`), the matching of answer labels
(:func:`normalise_label`) and the warning a load gives (:class:`InstrumentWarning`).

Examples
--------
>>> normalise_label(" Strongly  Agree")
'strongly agree'
>>> default_raw()["words"]["index"]["heading"]
'Reports'
"""

from __future__ import annotations

import functools
import re
import stat
import string
import tomllib
from pathlib import Path

from workbook.core.exceptions import InstrumentError

DEFAULT_PATH = Path(__file__).parents[1] / "instrument.toml"  # workbook/instrument.toml


class InstrumentWarning(UserWarning):
    """An instrument file lacks words of the app, written before the kit had them."""


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: What every conversations starter is filled with (:mod:`workbook.core.conversations.starters`).
_STARTER = ("first_name", "referrer", "found", "org", "minutes", "learned")
#: What a date's pattern of ``[words.dates]`` is filled with (:mod:`workbook.core.date_words`).
DATE_FIELDS = ("weekday", "weekday_short", "day", "month", "month_short", "year")
#: The ``{placeholders}`` the kit fills in, per text of an instrument file. A key ending in
#: ``*`` covers every text under it; ``ingredients.tool.KEY`` is that key of any ingredient's
#: tool. Every other verdict or session text takes none (``{{`` and ``}}`` write a brace).
#: A screen or report that fills a new placeholder must declare it here.
TEXT_FIELDS = {
    "verdicts.*": ("names",),
    "session.score_text": ("name", "score", "level"),
    "session.not_scored": ("needed", "total", "name", "answered"),
    "session.saved": ("time",),
    "session.save_failed": ("error",),
    "session.error": ("error",),
    "session.recovered": ("detail",),
    "session.start.opened": ("client", "folder"),
    "session.start.where_kept": ("folder",),
    "session.profile.title": ("client",),
    "session.profile.weakest_intro": ("names",),
    "session.profile.history_line": ("name", "first", "first_date", "last", "last_date",
                                     "change"),
    "session.profile.history_unscored": ("name",),
    "session.profile.empty": ("client",),
    "session.app.working_with": ("client",),
    "session.app.done": ("name",),
    "session.app.has_answers": ("name",),
    "session.app.no_answers": ("name",),
    "session.app.ask_new": ("client",),
    "session.app.ask_look_alike": ("client", "saved"),
    "session.app.new_button": ("client",),
    "session.app.open_saved": ("saved",),
    "session.app.look_alike": ("client", "saved"),
    "session.app.name_refused": ("error",),
    "session.app.instrument_changed": ("started", "used"),
    "session.app.instrument_named": ("name", "version", "path"),
    "session.app.bad_answer": ("value", "low", "high"),
    "session.app.bad_minutes": ("value", "high", "shown"),
    "session.app.bad_motivators": ("value",),
    "session.app.pace_as_many": ("schedule",),
    "session.app.bad_saved_answer": ("name", "value", "n"),
    "session.app.bad_saved_hours": ("name", "value", "low", "high"),
    "ingredients.tool.hours_invalid": ("low", "high"),
    "ingredients.tool.minutes_invalid": ("low", "high"),
    "conversations.note_referral": _STARTER,
    "conversations.note_cold": _STARTER,
    "conversations.nudge_starter": _STARTER,
    "conversations.nudge_referral": _STARTER,
    "conversations.thanks_starter": _STARTER,
    "conversations.told_starter": _STARTER,
    "conversations.found_through": ("found",),
    "conversations.found_rewrite": ("found",),
    "conversations.place_people": ("count",),
    "conversations.let_go_done": ("date",),
    "conversations.gone_elsewhere": ("name",),
    "conversations.place_gone_elsewhere": ("name",),
    "conversations.odd_after_next": ("when", "step", "date"),
    "conversations.odd_before_last": ("when", "step", "date"),
    "conversations.odd_meeting_before": ("when", "date"),
    "conversations.place_taken": ("name",),
    "conversations.suggest_on_list": ("names",),
    "conversations.moved_on_list": ("name", "place"),
    "conversations.suggest_new": ("names",),
    "conversations.suggest_no_name": ("lines",),
    "conversations.odd_step": ("step", "date"),
    "conversations.odd_meeting": ("label", "date"),
    "conversations.odd_ahead": ("when",),
    "conversations.odd_long_ago": ("when",),
    "conversations.odd_before_first": ("when", "first"),
    "conversations.advance_button": ("step",),
    "conversations.step_counted": ("step", "date"),
    "conversations.remove_confirm": ("name",),
    "conversations.due_overdue": ("date",),
    "conversations.review_open": ("date",),
    "conversations.event_*": ("name", "place"),
    "conversations.cli_*": ("date", "verdicts", "client", "verdict", "line", "follow_ups",
                            "clients", "overdue", "all_clients", "what", "reviews", "who",
                            "folders", "events", "path", "count", "level", "names"),
    "conversations.due_more": ("count", "days"),
    "conversations.report_counts": ("listed", "sent", "held"),
    "conversations.report_planned": ("schedule", "start", "held"),
    "conversations.report_planned_chosen": ("schedule", "start", "held"),
    "conversations.report_more": ("count",),
    "conversations.due_heading": ("days",),
    "conversations.due_none": ("days",),
    "words.cohort.*": ("shading", "groups", "largest", "ingredient", "min_group", "count", "path",
                       "responses", "people", "layout", "note", "group", "mix", "hidden", "why",
                       "pairs", "change", "low", "high", "dz", "p", "counts", "whole", "before",
                       "after", "alphas", "flag", "order", "when", "held", "share", "median",
                       "total", "ready"),
    "words.plan.*": ("names", "name", "hours", "score", "sem", "level", "threshold", "minutes",
                     "talk", "summary", "asked", "schedule", "each", "most", "pace", "share",
                     "count", "weeks"),
    "words.validity.*": ("reading", "n", "some", "none", "ready", "names", "resamples", "seed", "min_group", "held", "before", "after", "where", "reason", "points", "name", "auc", "low", "high", "talked", "others", "note", "best", "today", "ratio", "share", "version", "count", "folder", "files", "withheld"),  # noqa: E501
    "words.cohort_report.*": ("count", "responses", "people", "timepoints", "first", "last",
                              "low", "high", "name", "reason", "ready", "heading", "when",
                              "answers"),
    "words.index.*": ("time", "count", "reports"),
    "words.followups.*": ("verdict",),
    **{f"words.dates.{form}": DATE_FIELDS for form in ("day", "day_year", "week", "long")},
    "words.report.*": ("parts", "first", "last", "count", "total", "name", "first_version", "last_version", "ids", "date", "before", "people", "by", "k", "what", "left", "ingredient", "who", "version", "versions", "when", "cohort", "day", "scores", "minutes", "ready", "build_first", "not_now", "incomplete", "change", "shared"),  # noqa: E501
}


def normalise_label(text: str) -> str:
    """Lower-case a label and squeeze its spaces, so ``" Strongly  Agree"`` matches."""
    return " ".join(str(text).lower().split())


def placeholders(text: str) -> tuple:
    """The ``{name}`` placeholders of a text, in order; refuse anything but plain names.

    Raises
    ------
    ValueError
        For a placeholder with attribute access, an index, a conversion or a format
        (``{a.b}``, ``{a[0]}``, ``{a!r}``, ``{a:>9}``), a positional one (``{}``, ``{0}``),
        or an unmatched brace.

    Examples
    --------
    >>> placeholders("{name}: {score} out of 100, {{not one}}")
    ('name', 'score')
    >>> placeholders("{folder.exists.__globals__}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: {folder.exists.__globals__} is not a plain placeholder: write a name such as ...
    """
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"{exc} (write {{{{ and }}}} for a brace)") from None
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not _PLAIN.fullmatch(name) or spec or conversion:
            whole = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            example = _PLAIN.match(name)
            hint = f"{{{example.group()}}}" if example else "{name}"
            raise ValueError(f"{{{whole}}} is not a plain placeholder: write a name such as {hint}")
        names.append(name)
    return tuple(names)


def allowed_fields(key: str) -> tuple:
    """The placeholders the kit fills in the text at ``key`` (see :data:`TEXT_FIELDS`).

    Examples
    --------
    >>> allowed_fields("verdicts.ready"), allowed_fields("session.start.title")
    (('names',), ())
    """
    if key in TEXT_FIELDS:
        return TEXT_FIELDS[key]
    for pattern, fields in TEXT_FIELDS.items():
        if pattern.endswith("*") and key.startswith(pattern[:-1]):
            return fields
    return ()


def check_texts(value, key: str, source: str, label: str | None = None) -> None:
    """Check every text under ``key`` against the placeholders the kit fills in it.

    ``label`` names the place in messages when it differs from ``key``.
    """
    label = label or key
    if isinstance(value, dict):
        for sub, inner in value.items():
            check_texts(inner, f"{key}.{sub}", source, f"{label}.{sub}")
        return
    if not isinstance(value, str):
        return
    allowed = allowed_fields(key)
    where = f"{source}: {label}"
    try:
        names = placeholders(value)
    except ValueError as exc:
        raise InstrumentError(f"{where}: {exc}") from None
    for name in names:
        if name not in allowed:
            may = (f"it may use {', '.join(f'{{{a}}}' for a in allowed)}" if allowed
                   else "this text takes no placeholders (write {{ and }} for a brace)")
            raise InstrumentError(f"{where}: the kit fills in no {{{name}}} here; {may}")


#: The largest instrument file read (the kit's own is about 30 KB).
MAX_BYTES = 1_000_000


def read_text(path: Path) -> str:
    """An instrument file's text: a regular file of at most :data:`MAX_BYTES`.

    A folder, a device (``/dev/zero``), a pipe or a socket is refused before it is opened
    (reading one could wait or fill the memory); so is a longer file, read no further.
    """
    mode = path.stat().st_mode  # FileNotFoundError: said by the caller
    if stat.S_ISDIR(mode):
        raise InstrumentError(f"instrument file {path} is a folder; give a .toml file")
    if not stat.S_ISREG(mode):
        raise InstrumentError(f"instrument file {path} is not a regular file (a device, pipe "
                              "or socket); give a .toml file")
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InstrumentError(f"instrument file {path} is larger than {MAX_BYTES // 1_000_000} "
                              "MB; an instrument file is a short text (the kit's own is under "
                              "100 KB)")
    return data.decode("utf-8-sig")


def read_toml(path: Path) -> dict:
    """An instrument file read as TOML (:func:`read_text`, then :func:`tomllib.loads`).

    A value nested too deeply for the reader (lists within lists, thousands deep: a damaged
    or hostile file) is refused naming the file and the key it starts at (round 13a R25),
    not left to stop the command as an unexpected error. A file that is not TOML raises
    :class:`tomllib.TOMLDecodeError`, said by the caller.
    """
    text = read_text(path)
    try:
        return tomllib.loads(text)
    except RecursionError:
        pass
    where = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count("[") + line.count("{") > 50:
            key = line.split("=", 1)[0].strip() if "=" in line else ""
            where = (f" (the value of {key[:60]!r}, line {number})" if key
                     else f" (line {number})")
            break
    raise InstrumentError(f"instrument file {path} holds a value nested too deeply{where}: "
                          "an instrument's values are texts, numbers and short lists; give "
                          "the instrument's .toml file") from None


_WORDS_READ: dict = {}


def words_of(source) -> dict:
    """The ``[words]`` tables of one instrument file (read once per change of the file)."""
    if not source:
        return {}
    try:
        stamp = Path(source).stat().st_mtime_ns
    except OSError:
        return {}
    key = (str(source), stamp)
    if key not in _WORDS_READ:
        try:
            raw = read_toml(Path(source))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InstrumentError(f"instrument file {source} cannot be read: {exc}") from None
        words = raw.get("words", {})
        _WORDS_READ[key] = words if isinstance(words, dict) else {}
    return _WORDS_READ[key]


@functools.cache
def default_raw() -> dict:
    """The kit's own instrument file as TOML: which keys hold texts and which tables."""
    return tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8-sig"))
