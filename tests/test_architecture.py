"""The package's layout holds (docs/architecture.md): jobs import only downwards, no circles.

Every ``import`` in every module of ``workbook/`` is read from its source, those inside
functions too (an import put inside a function to dodge a circle is still a circle). The
layers, from the bottom::

    core  <  responses  <  cohort, session  <  reports  <  cli

A module may import its own part and the parts below it; ``cohort`` and ``session`` never
import each other (``reports`` reads both). ``workbook/__init__.py`` (the public names) and
``__main__.py`` stand outside the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbook"

#: A part of the package -> its floor. Parts on one floor never import each other.
FLOORS = {"core": 0, "responses": 1, "cohort": 2, "session": 2, "reports": 3, "cli": 4}


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> dict[str, int]:
    """The package's modules that module ``name`` imports, each with a line that does."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def resolve(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        for target in targets:
            if target.split(".")[0] != "workbook":
                continue
            hit = resolve(target)
            if hit and hit != name:
                found.setdefault(hit, node.lineno)
                if isinstance(node, ast.ImportFrom):
                    break  # the first (longest) of a from-import's targets is the one
    return found


def graph() -> dict[str, dict[str, int]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def part(name: str) -> str | None:
    """The part (``core``, ``cohort``...) of a dotted module name; None for the package face."""
    pieces = name.split(".")
    return pieces[1] if len(pieces) > 1 and pieces[1] in FLOORS else None


def wrong_ways(edges: dict[str, dict[str, int]], paths: dict[str, Path] | None = None) -> list[str]:
    """Each import that runs against the floors, as ``file:line: a must not import b``."""
    paths = modules() if paths is None else paths
    out = []
    for name, targets in sorted(edges.items()):
        here = part(name)
        if here is None:
            continue
        for target, line in sorted(targets.items()):
            there = part(target)
            if there is None or there == here:
                continue
            if FLOORS[there] >= FLOORS[here]:
                path = paths[name].relative_to(PACKAGE.parent).as_posix()
                out.append(f"{path}:{line}: {here} must not import {there} ({target})")
    return out


def circles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Groups of modules that import each other in a loop (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def private_reaches(root: Path = PACKAGE) -> list[str]:
    """Each ``from workbook.X import _name`` (another module's private name), as ``file:line``."""
    out = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbook"):
                names = [a.name for a in node.names if a.name.startswith("_")
                         and not a.name.startswith("__")]
                if names:
                    where = path.relative_to(root.parent).as_posix()
                    out.append(f"{where}:{node.lineno}: {node.module} {', '.join(names)}")
    return out


def test_no_module_reaches_for_another_modules_private_names():
    """A helper two modules need has a public name in the lower one (docs/architecture.md)."""
    assert private_reaches() == []


def test_the_private_name_check_itself(tmp_path):
    pkg = tmp_path / "workbook"
    pkg.mkdir()
    (pkg / "a.py").write_text("from workbook.b import _hidden, shown\nfrom workbook.c import d\n")
    assert private_reaches(pkg) == ["workbook/a.py:1: workbook.b _hidden"]


def test_no_module_sits_outside_the_parts():
    loose = [n for n in modules() if part(n) is None and n not in ("workbook", "workbook.__main__")]
    assert loose == []


def test_jobs_import_only_downwards():
    assert wrong_ways(graph()) == []


def test_no_import_circle():
    assert circles(graph()) == []


@pytest.mark.parametrize("edges, expected", [
    ({"workbook.core.a": {"workbook.session.b": 3}, "workbook.session.b": {}},
     ["workbook/core/a.py:3: core must not import session (workbook.session.b)"]),
    ({"workbook.cohort.a": {"workbook.session.b": 7}, "workbook.session.b": {}},
     ["workbook/cohort/a.py:7: cohort must not import session (workbook.session.b)"]),
    ({"workbook.reports.a": {"workbook.cohort.b": 1, "workbook.core.c": 2}}, []),
])
def test_the_rule_itself(edges, expected):
    """The checker names a wrong-way import with its file and line, and passes a right one."""
    fake = {name: PACKAGE.parent / (name.replace(".", "/") + ".py") for name in edges}
    assert wrong_ways(edges, fake) == expected


def test_the_circle_finder_itself():
    edges = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}, "e": {}}
    assert circles(edges) == [["a", "b", "c"]]


def test_imports_inside_functions_count(tmp_path):
    """An import hidden inside a function is read like one at the top."""
    pkg = tmp_path / "workbook"
    (pkg / "core").mkdir(parents=True)
    (pkg / "session").mkdir()
    for p in (pkg / "__init__.py", pkg / "core" / "__init__.py", pkg / "session" / "__init__.py"):
        p.write_text("")
    (pkg / "session" / "b.py").write_text("X = 1\n")
    (pkg / "core" / "a.py").write_text("def f():\n    from ..session import b\n    return b\n")
    known = modules(pkg)
    assert imports("workbook.core.a", pkg / "core" / "a.py", known) == {"workbook.session.b": 2}
