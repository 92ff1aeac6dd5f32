"""Two laptops save one client's sessions; a sync keeps both journals' lines (issue 20).

The journal's side of :mod:`tests.test_trust16_union_fuzz`: from a shared record, each laptop
saves answers and reflections to a few sessions as a page does (with ``base=``: what the page
last read), interleaved in time; then laptop 2's new lines are added after laptop 1's and the
record is read as a command reads it. For each laptop, the answer it last gave a statement in a
session, and the reflection it last wrote there, must be in the merged session, or a notice
must name that session (round 11 M8: a reflection changed on both laptops kept only the later
line's, without a word). Reading raises nothing but the kit's own warnings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.session.store import ClientStore, StoreWarning

#: More examples (and a random search) with WORKBOOK_UNION_EXAMPLES=N.
_MORE = int(os.environ.get("WORKBOOK_UNION_EXAMPLES", "0"))
FUZZ = settings(max_examples=_MORE or 100, deadline=None, derandomize=not _MORE,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SESSIONS = ("2026-10-05", "2026-11-02", "2026-11-30")
SECTIONS = {"hope": ("hope_1", "hope_2"), "energy": ("energy_1", "energy_2")}

ACTION = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(SESSIONS), st.sampled_from(list(SECTIONS)),
              st.integers(0, 1), st.integers(1, 5)),
    st.tuples(st.just("reflect"), st.sampled_from(SESSIONS), st.sampled_from(list(SECTIONS))),
)
PLAN = st.lists(st.tuples(st.integers(0, 1), ACTION), min_size=1, max_size=12)


class Laptop:
    """One laptop's store and what it last saved (the oracle's side)."""

    def __init__(self, root: Path):
        self.store = ClientStore(root)
        self.answers = {}  # (session, section, item) -> value last saved here
        self.reflections = {}  # (session, section) -> text last saved here
        self.replaced = {}  # (session, section, item) -> values this laptop changed
        self.count = 0

    def do(self, action, tag: str) -> None:
        kind, session, section = action[:3]
        # what a page shows: the session's own section, else the one carried from the latest
        # earlier session that has it (a new session starts from the earlier answers)
        history = self.store.history("m")
        earlier = [day for day in sorted(history) if day <= session and section in history[day]]
        base = history[earlier[-1]][section] if earlier else {"items": {}, "reflections": []}
        mine = {"items": dict(base.get("items", {})),
                "reflections": list(base.get("reflections", []))}
        for key in base:
            mine.setdefault(key, base[key])
        if kind == "answer":
            item = SECTIONS[section][action[3]]
            if mine["items"].get(item) != action[4]:  # the same answer again changes nothing
                self.replaced.setdefault((session, section, item), set()).add(
                    mine["items"].get(item))
                mine["items"][item] = action[4]
                self.answers[(session, section, item)] = action[4]
        else:
            self.count += 1
            text = f"{tag}{self.count} thinks about {section} on {session}"
            mine["reflections"] = [text]
            self.reflections[(session, section)] = text
        self.store.save("m", {section: mine}, session=session, base={section: base})


def _read(store: ClientStore):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = ClientStore(store.root).history("m")
    return history, [str(w.message) for w in caught if issubclass(w.category, StoreWarning)]


@FUZZ
@given(plan=PLAN)
def test_a_union_of_two_journals_loses_nothing_without_a_word(plan):
    root = Path(tempfile.mkdtemp(prefix="journal-union-"))
    try:
        one = Laptop(root / "w1")
        one.store.create("m")
        one.store.save("m", {"hope": {"items": {"hope_1": 3}, "reflections": []}},
                       session=SESSIONS[0])
        shutil.copytree(root / "w1", root / "w2")
        two = Laptop(root / "w2")
        record = one.store.client_folder("m") / "journal.jsonl"
        start = len(record.read_bytes())
        laptops = (one, two)
        for laptop, action in plan:
            laptops[laptop].do(action, "AB"[laptop])
        other = two.store.client_folder("m") / "journal.jsonl"
        with open(record, "ab") as out:  # the sync tool: laptop 2's new lines after 1's
            out.write(other.read_bytes()[start:])
        history, notices = _read(one.store)
        for laptop, other in (laptops, laptops[::-1]):
            for (session, section, item), value in laptop.answers.items():
                held = history.get(session, {}).get(section, {}).get("items", {}).get(item)
                # the other laptop changed this very answer, knowingly: not a loss
                seen = value in other.replaced.get((session, section, item), ())
                assert held == value or seen or any(session in n for n in notices), \
                    f"{item} = {value} ({session}) is {held}, without a word: {notices}"
            for (session, section), text in laptop.reflections.items():
                held = "\n".join(map(str, history.get(session, {}).get(section, {})
                                     .get("reflections", [])))
                assert text in held or any(session in n for n in notices), \
                    f"{text!r} is not in {session}'s {section} ({held!r}), without a word: " \
                    f"{notices}"
    finally:
        shutil.rmtree(root, ignore_errors=True)
