"""Structural rules checked on the source: base imports no other app of ours, the shared
test fixtures are defined once, and no test library is declared that no test uses."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "src" / "cablewatch" / "base"
APPS = ("registry", "spotcheck", "enforcement", "tracing", "sharing", "portal", "verdicts")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_base_imports_none_of_the_apps_built_on_it() -> None:
    offenders = {
        f"{path.relative_to(BASE)}: {module}"
        for path in BASE.rglob("*.py")
        for module in imported_modules(path)
        if any(module.startswith(f"cablewatch.{app}") for app in APPS)
    }
    assert offenders == set()


def test_the_shared_conftest_defines_each_name_once() -> None:
    tree = ast.parse((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    assert {name: n for name, n in names.items() if n > 1} == {}


def test_factory_boy_is_neither_declared_nor_locked_while_no_test_uses_it() -> None:
    sources = [p for p in ROOT.glob("tests/**/*.py") if p != Path(__file__).resolve()]
    used = any("import factory" in p.read_text(encoding="utf-8") for p in sources)
    declared = "factory-boy" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    locked = "factory-boy==" in (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert (declared, locked) == (used, used)
