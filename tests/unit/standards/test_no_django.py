"""The standards engine is pure Python: no module may import Django."""

from __future__ import annotations

import ast
from pathlib import Path

import cablewatch.standards

PACKAGE_DIR = Path(cablewatch.standards.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_it_never_imports_django_anywhere_in_the_package() -> None:
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    assert files, "the package has no modules?"
    offenders = {
        str(f.relative_to(PACKAGE_DIR)): sorted(
            m for m in _imported_modules(f) if m.split(".")[0] == "django"
        )
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_it_ships_py_typed_and_its_data_files() -> None:
    assert (PACKAGE_DIR / "py.typed").exists()
    for name in (
        "conductor_resistance.csv",
        "gbt5023_types.csv",
        "gbt12706_insulation.csv",
        "families.json",
        "requirements.json",
        "severity_default.json",
    ):
        assert (PACKAGE_DIR / "data" / name).exists(), name
