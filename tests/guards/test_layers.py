"""Imports point down the architecture picture: the domain never imports the web layers."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "iacs"
FORBIDDEN_IN_DOMAIN = ("strawberry", "starlette", "uvicorn", "iacs.graphql", "iacs.app", "iacs.cli")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_domain_imports_no_strawberry_or_starlette() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for name in _imports(path)
        if name.startswith(FORBIDDEN_IN_DOMAIN)
    }
    assert offenders == set()


def test_the_guard_sees_the_domain_files() -> None:
    # A guard that scans nothing cannot fail: make sure it reads the real tree.
    assert len(list((PACKAGE / "domain").rglob("*.py"))) >= 20
