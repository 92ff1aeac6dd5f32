"""Checks of an instrument file's shape made at load, before and after it is read.

* :func:`check_known` refuses a table or top-level key the kit does not read (a misspelt
  ``[words.verdict]`` would otherwise be ignored and the user's words silently lost), a key
  the kit does not read in a table of names (``[words.verdicts]``, ``[session.levels]``), a
  missing or malformed ``version`` and two verdicts (or levels) given one name. The known
  tables are those of the kit's own ``instrument.toml`` plus the optional ones its header
  comment documents, so a table added to the kit's file is known at once.
* :func:`check_keying` refuses a statement of the kit scored otherwise under its id (its
  ``reverse`` or its ingredient changed) in a file of the kit's version or an earlier one,
  and warns in a later version's file that does not declare it in ``[history]``: every score
  would change with nothing in the outputs to tell (attacks5 C5).
* :func:`warn_reworded` warns, once per statement, when a file words a statement of the kit
  otherwise than the kit ever has under that id: answers to it are compared with earlier
  answers as the same statement, which is right only when its meaning stayed.
"""

from __future__ import annotations

import difflib
import functools
import re
import warnings

from workbook.core.exceptions import InstrumentError
from workbook.core.instrument_added import is_added
from workbook.core.instrument_file import (
    DEFAULT_PATH,
    InstrumentWarning,
    check_texts,
    default_raw,
    normalise_label,
    words_of,
)
from workbook.core.versions import version_key

__all__ = ["RekeyedWarning", "RewordedWarning", "check_keying", "check_known",
           "complete_words", "lacking_words", "refuse_missing", "warn_reworded"]

#: Tables the kit reads that neither its own file nor its header shows.
_READ_TOO = ("words.levels",)

#: Tables an earlier version's file may hold that the kit reads no more, with their keys: the
#: file loads (their words are said where the kit now reads them, see :func:`_warn_moved`).
#: The step names were ``[session.app.steps]`` and ``[words.plan] step_<step>_name`` both;
#: the plan's are the one source.
_NO_LONGER_READ = {"session.app.steps": ("research", "write", "arrange", "talk", "follow_up")}

#: Tables whose keys are names with a fixed set of codes: an unknown key is refused.
_NAME_TABLES = ("words.verdicts", "words.levels", "session.levels", "verdicts", "scale",
                "versions")

#: Tables of names checked where they are read (``instrument._words``), not as word tables.
_NAMES_READ = ("verdicts", "levels")

#: A version as the kit writes it: whole numbers joined by dots ("2.1").
_VERSION = re.compile(r"^\d+(\.\d+)*$")
#: A language tag as a page's ``lang`` takes it ("en", "fr", "de-CH", "zh-Hant").
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class RewordedWarning(UserWarning):
    """A statement of the kit is worded otherwise under its id."""


class RekeyedWarning(RewordedWarning):
    """A statement of the kit is scored otherwise under its id, in a later version's file.

    Its keying or its ingredient differ, and the file's ``[history]`` does not declare it.
    """


def _kit():
    return DEFAULT_PATH, default_raw()


def _is_tables(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _walk(value, path: str, known: dict) -> None:
    """Record in ``known`` every table path of ``value`` -> its keys and whether a list."""
    if isinstance(value, dict):
        entry = known.setdefault(path, set())
        for key, inner in value.items():
            entry.add(key)
            if isinstance(inner, dict) or _is_tables(inner):
                _walk(inner, f"{path}.{key}" if path else key, known)
    elif _is_tables(value):
        for inner in value:  # a list of tables: the union of their keys
            _walk(inner, path, known)


@functools.cache
def _known() -> tuple:
    """(table path -> known keys, paths that are lists of tables) of the kit's own file."""
    path, raw = _kit()
    known, lists = {}, set()
    _walk(raw, "", known)
    header = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        header.append(line)
    documented = re.findall(r"\[(\[?)([a-z_]+(?:\.[a-z_]+)*)\]", "\n".join(header))
    for double, name in documented:
        if double:
            lists.add(name)
    for name in [n for _, n in documented] + list(_READ_TOO):
        parent, _, key = name.rpartition(".")
        known.setdefault(parent, set()).add(key)
        known.setdefault(name, set())
    known["words.levels"] |= known.get("session.levels", set())  # the same level codes
    for name, keys in _NO_LONGER_READ.items():
        parent, _, key = name.rpartition(".")
        known.setdefault(parent, set()).add(key)
        known.setdefault(name, set()).update(keys)
    for key, value in raw.items():
        if _is_tables(value):
            lists.add(key)
    return known, frozenset(lists)


def _shown(path: str, lists) -> str:
    return f"[[{path}]]" if path in lists else f"[{path}]"


def _strict(path: str, names: bool) -> bool:
    """Whether an unknown key of the table at ``path`` is refused in this pass.

    Those of tables of names after the file is read, those of the app's words
    (``[session]`` and its tables) before. ``[conversations]`` texts the kit no longer reads
    are warned of instead (an earlier version's file loads).
    """
    if path in _NAME_TABLES:
        return names
    return not names and (path == "session" or path.startswith("session."))


def _refuse_unknown(value, path: str, source: str, known: dict, lists, names: bool) -> None:
    keys = known.get(path, set())
    for key, inner in value.items():
        here = f"{path}.{key}" if path else key
        is_table = isinstance(inner, dict) or _is_tables(inner)
        if key in keys:
            if is_table and here in known:
                for table in (inner if isinstance(inner, list) else [inner]):
                    if isinstance(table, dict):
                        _refuse_unknown(table, here, source, known, lists, names)
            continue
        if not is_table and path and not _strict(path, names):
            continue  # a text or value the kit does not read: said elsewhere, if at all
        if is_table:
            tables = [k for k in keys if f"{path}.{k}".lstrip(".") in known]
            close = difflib.get_close_matches(key, tables, n=1, cutoff=0.6)
            shown = f"[[{here}]]" if _is_tables(inner) else f"[{here}]"
            what = f"unknown table {shown}"
            hint = (f" (did you mean {_shown(f'{path}.{close[0]}'.lstrip('.'), lists)}?)"
                    if close else "")
        else:
            close = difflib.get_close_matches(key, sorted(keys), n=1, cutoff=0.6)
            what = f"unknown key {key!r}" + (f" in [{path}]" if path else "")
            hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InstrumentError(f"{source}: {what}{hint}; the kit does not read it, so its words "
                              "would be lost (the header of the kit's instrument.toml lists "
                              "the tables and keys)")


def _check_version(raw: dict, source: str) -> None:
    for key in ("name", "version"):
        if key not in raw:
            raise InstrumentError(f"{source}: {key}: is missing (every instrument file names "
                                  "itself and its version, such as version = \"2.1\")")
    version = raw["version"]
    if not isinstance(version, str):
        raise InstrumentError(f"{source}: version: must be text in quotes, such as "
                              f"version = \"2.1\", not {version!r}")
    if not _VERSION.match(version.strip()):
        raise InstrumentError(f"{source}: version: {version!r} must be whole numbers joined by "
                              "dots, such as \"2.1\"")
    # one spelling per version: every output writes it as given (attacks5 C13 f)
    plain = ".".join(str(int(n)) for n in version.strip().split("."))
    if version != plain:
        raise InstrumentError(f"{source}: version: {version!r} must be whole numbers joined by "
                              "dots, with no spaces and no zeros before a number: write "
                              f"version = \"{plain}\"")


def _check_distinct(raw: dict, source: str) -> None:
    tables = (("words.verdicts", raw.get("words", {}), "verdicts", "verdicts"),
              ("words.levels", raw.get("words", {}), "levels", "levels"),
              ("session.levels", raw.get("session", {}), "levels", "levels"))
    for label, parent, key, what in tables:
        table = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(table, dict):
            continue
        seen = {}
        for code, name in table.items():
            if not isinstance(name, str) or not name.strip():
                continue
            other = seen.setdefault(normalise_label(name), code)
            if other != code:
                raise InstrumentError(
                    f"{source}: {label}: {other} and {code} are both named {name.strip()!r}; "
                    f"give the {what} different names, so readers can tell them apart")


def complete_words() -> tuple:
    """The ``[words.X]`` tables a file that writes them must give whole (``words.plan``, ...).

    Every table of words of the kit's own file, its names (``[words.verdicts]``, checked
    where they are read) aside: a table added to the kit's file is required whole at once.

    Examples
    --------
    >>> "words.plan" in complete_words(), "words.verdicts" in complete_words()
    (True, False)
    """
    _, kit = _kit()
    words = kit.get("words", {})
    return tuple(f"words.{name}" for name, table in words.items()
                 if isinstance(table, dict) and name not in _NAMES_READ)


def _check_complete_words(raw: dict, source: str) -> None:
    """Refuse a table of :func:`complete_words` the file writes without a key of the kit's.

    A table the file leaves out whole is the kit's own (a file written before the table
    existed). Each text is checked against the placeholders the kit fills in it, too.
    """
    _, kit = _kit()
    for label in complete_words():
        parent, _, name = label.rpartition(".")
        own = raw.get(parent, {}).get(name) if isinstance(raw.get(parent), dict) else None
        if not isinstance(own, dict):
            continue  # left out: the kit's own words (a table that is not one is said at parse)
        theirs = kit.get(parent, {}).get(name, {})
        for key, text in theirs.items():
            if key not in own:
                refuse_missing(own, theirs, label, key, source)
                continue  # added after the file was written: the kit's own (one warning)
            if isinstance(text, str) and not isinstance(own[key], str):
                raise InstrumentError(f"{source}: {label}.{key} must be text in quotes, not "
                                      f"{own[key]!r}")
        check_texts(own, label, source)
    report = raw.get("words", {}).get("report") if isinstance(raw.get("words"), dict) else None
    lang = report.get("lang") if isinstance(report, dict) else None
    if isinstance(lang, str) and not _LANG.match(lang):
        raise InstrumentError(f"{source}: words.report.lang: {lang!r} is not a language tag; "
                              "write one such as \"en\", \"fr\" or \"de-CH\" (the pages are "
                              "marked with it)")


def refuse_missing(own: dict, theirs: dict, label: str, key: str, source: str) -> None:
    """Refuse a key of the kit's table ``label`` that the file's table lacks, unless added later.

    A key the kit added after the table first came out (:mod:`workbook.core.instrument_added`) is
    missing from a copy made before it: the kit's own words are used
    and the load warns once (:func:`lacking_words`). Any other was deleted by hand, or is
    misspelt: refused, naming the file, the table and the key.
    """
    odd = [k for k in own if k not in theirs]
    close = difflib.get_close_matches(key, odd, n=1, cutoff=0.6)
    if is_added(label, key) and not close:
        return
    hint = f" ({close[0]!r} is not a key the kit reads: a misspelling?)" if close else ""
    raise InstrumentError(
        f"{source}: {label}.{key}: is missing{hint}; a table the file writes must hold every "
        "key of the kit's own (or leave the whole table out to use the kit's words)")


def lacking_words(raw: dict) -> dict:
    """``{"[words.X]": [keys]}``: the keys the kit added later that the file's tables lack.

    The kit's own words are used for them (``instrument.words_table`` reads the file's table
    over the kit's); the load says so in its one warning. Keys refused by
    :func:`refuse_missing` are not listed (the load stopped before).
    """
    _, kit = _kit()
    lacking = {}
    for label in complete_words():
        parent, _, name = label.rpartition(".")
        own = raw.get(parent, {}).get(name) if isinstance(raw.get(parent), dict) else None
        if not isinstance(own, dict):
            continue
        keys = [key for key in kit.get(parent, {}).get(name, {})
                if key not in own and is_added(label, key)]
        if keys:
            lacking[f"[{label}]"] = keys
    return lacking


def _warn_moved(raw: dict, source: str) -> None:
    """Warn once when an earlier file's ``[session.app.steps]`` words differ from the plan's.

    The app and the plan both take the step names from ``[words.plan]``
    (``step_<step>_name``); a file written before that which gives a step other words in
    ``[session.app.steps]`` is told where to put them. Words that agree are said nothing.
    """
    session = raw.get("session")
    app = session.get("app") if isinstance(session, dict) else None
    steps = app.get("steps") if isinstance(app, dict) else None
    if not isinstance(steps, dict):
        return
    words = raw.get("words")
    own = words.get("plan") if isinstance(words, dict) else None
    kit = words_of(DEFAULT_PATH).get("plan", {})
    plan = {**kit, **(own if isinstance(own, dict) else {})}
    differ = [step for step, text in steps.items()
              if isinstance(text, str) and text != plan.get(f"step_{step}_name")]
    if differ:
        warnings.warn(
            f"{source}: [session.app.steps] is no longer read (written for an earlier "
            f"version?): the step names are [words.plan] "
            f"{', '.join(f'step_{s}_name' for s in differ)}, which say "
            f"{'; '.join(repr(plan.get(f'step_{s}_name')) for s in differ)}; write your words "
            "there", InstrumentWarning, stacklevel=4)


def check_known(raw: dict, source: str, names: bool = False) -> None:
    """Refuse what the kit would not read, or could not tell apart, in an instrument file.

    Raises
    ------
    InstrumentError
        For an unknown table or top-level key, an unknown key of a table of names, a missing
        ``name`` or ``version``, a version that is not text such as "2.1", or two verdicts
        (or levels) with one name, a table of :func:`complete_words` written without a key
        of the kit's (one the kit added later aside: :func:`refuse_missing`) or with a
        placeholder the kit does not fill; the message names the file
        and the place. With
        ``names`` (after the file is read, so a missing name is said first): only for an
        unknown key of a table of names.
    """
    known, lists = _known()
    _refuse_unknown(raw, "", source, known, lists, names)
    if names:
        return
    _check_version(raw, source)
    _check_distinct(raw, source)
    _check_complete_words(raw, source)
    _warn_moved(raw, source)


@functools.cache
def _kit_wordings() -> dict:
    """Item id -> every wording the kit's own file has for it (text, previous, retired)."""
    _, raw = _kit()
    words = {}
    for ing in raw.get("ingredients", []):
        for item in ing.get("items", []):
            words.setdefault(item["id"], set()).update([item["text"], *item.get("previous", [])])
    for old in raw.get("retired", []):
        words.setdefault(old["id"], set()).add(old["text"])
    return {k: {_plain(t) for t in v} for k, v in words.items()}


def _plain(text: str) -> str:
    return " ".join(str(text).split())


def warn_reworded(instrument) -> None:
    """Warn once per statement the file words otherwise than the kit ever has under its id.

    No warning when the file's version is later than the kit's and its ``[history]`` lists
    the id in a version later than the kit's (the change is declared).
    """
    path, raw = _kit()
    if str(instrument.source) == str(path):
        return
    kit_version = version_key(str(raw.get("version", "0")))
    declared = {i for v, ids in instrument.history.items() if version_key(v) > kit_version
                for i in ids}
    wordings = _kit_wordings()
    statements = [(item.id, [item.text, *item.previous]) for item in instrument.items]
    statements += [(old.id, [old.text]) for old in instrument.retired_items]
    for item_id, texts in statements:
        kit = wordings.get(item_id)
        if kit is None or item_id in declared or _plain(texts[0]) in kit:
            continue
        warnings.warn(
            f"{instrument.source}: statement {item_id}'s words differ from the kit's: if its "
            "meaning changed, give it a new id with replaces/since (see the instrument file's "
            "header); answers to it are compared with earlier answers as the same statement",
            RewordedWarning, stacklevel=4)


@functools.cache
def _kit_keying() -> dict:
    """Item id -> (ingredient, reverse) as the kit's own file scores it (current or retired)."""
    _, raw = _kit()
    keying = {}
    for ing in raw.get("ingredients", []):
        for item in ing.get("items", []):
            keying[item["id"]] = (ing["id"], bool(item.get("reverse")))
    for old in raw.get("retired", []):
        keying.setdefault(old["id"], (old["ingredient"], bool(old.get("reverse"))))
    return keying


def check_keying(instrument) -> None:
    """Refuse (or warn of) a statement of the kit scored otherwise under the kit's id.

    A file that keys a statement of the kit the other way (``reverse``), or counts it in
    another ingredient, under the kit's id changes every score of that ingredient, and each
    output would still name the same statement and version. Refused when the file's version
    is the kit's or an earlier one (that version's statements are the kit's), naming the file
    and the id; warned once per statement when the file's version is later and its
    ``[history]`` does not list the id in a version later than the kit's. Either way: give
    the changed statement a new id with ``replaces``/``since``.

    Raises
    ------
    InstrumentError
        For a statement of the kit scored otherwise in a file of the kit's version or an
        earlier one.
    """
    path, raw = _kit()
    if str(instrument.source) == str(path):
        return
    kit_version = str(raw.get("version", "0"))
    later = version_key(instrument.version) > version_key(kit_version)
    declared = {i for v, ids in instrument.history.items()
                if version_key(v) > version_key(kit_version) for i in ids}
    kit = _kit_keying()
    statements = [(i.id, i.ingredient, i.reverse) for i in instrument.items]
    statements += [(o.id, o.ingredient, o.reverse) for o in instrument.retired_items]
    for item_id, ingredient, reverse in statements:
        if item_id not in kit or (ingredient, reverse) == kit[item_id]:
            continue
        kit_ing, kit_reverse = kit[item_id]
        if reverse != kit_reverse:
            how = ("is reverse-keyed here and not in the kit's" if reverse else
                   "is not reverse-keyed here but is in the kit's")
        else:
            how = f"counts for {ingredient!r} here and for {kit_ing!r} in the kit's"
        said = (f"{instrument.source}: statement {item_id} {how} {kit_version}: every score of "
                "it would change with nothing in the outputs to tell; give the changed "
                "statement a new id with replaces/since and the file a new version (see the "
                "instrument file's header)")
        if not later:
            raise InstrumentError(f"{said}, or key it as the kit does (this file says version "
                                  f"{instrument.version})")
        if item_id not in declared:
            warnings.warn(said, RekeyedWarning, stacklevel=4)
