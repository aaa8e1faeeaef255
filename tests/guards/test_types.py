"""Types that check something (issue 14, item 5): none of the escapes that made whole layers `Any` comes back.

- `Info[Any, Any]`: resolvers take `iacs.graphql.info.Info`, Strawberry's Info with our Context.
- `type: ignore[valid-type]`: the GraphQL enums are the domain's classes under type aliases (graphql/enums.py).
- a row alias `X: TypeAlias = Any`: the rows of a list's statement have Protocols per table (db/rows.py).
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "iacs"
ESCAPES = {
    "Info[Any, Any]": re.compile(r"\bInfo\[\s*Any\s*,\s*Any\s*\]"),
    "type: ignore[valid-type]": re.compile(r"type:\s*ignore\[[^\]]*\bvalid-type\b"),
    "TypeAlias = Any": re.compile(r"^\s*\w+\s*:\s*(typing\.)?TypeAlias\s*=\s*(typing\.)?Any\s*(#.*)?$", re.MULTILINE),
}
# Where Strawberry's Info may be named: the one alias.
INFO_ALIAS = "graphql/info.py"
STRAWBERRY_INFO = re.compile(r"from strawberry(\.types)? import [^\n]*\bInfo\b|\bstrawberry\.(types\.)?Info\b")


def escapes_in(text: str) -> list[str]:
    """The escapes a source file holds, each as `name (line n)`."""
    found = []
    for name, pattern in ESCAPES.items():
        for match in pattern.finditer(text):
            found.append(f"{name} (line {text.count(chr(10), 0, match.start()) + 1})")
    return found


def _sources() -> dict[str, str]:
    return {str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}


def test_no_untyped_info_no_enum_ignores_no_any_row_aliases() -> None:
    offenders = {path: found for path, text in _sources().items() if (found := escapes_in(text))}
    assert offenders == {}


def test_resolvers_get_info_from_the_one_alias() -> None:
    offenders = sorted(path for path, text in _sources().items() if path != INFO_ALIAS and STRAWBERRY_INFO.search(text))
    assert offenders == []
    assert "Info: TypeAlias = strawberry.Info[Context, None]" in (PACKAGE / INFO_ALIAS).read_text(encoding="utf-8")


def test_the_guard_sees_the_package_and_knows_each_escape() -> None:
    # A guard that scans nothing, or whose patterns match nothing, cannot fail.
    assert len(_sources()) >= 100
    old = (
        "async def user(self, info: Info[Any, Any]) -> User:\n"
        "    kind: RequestKind = strawberry.field()  # type: ignore[valid-type]\n"
        "Columns: TypeAlias = Any\n"
    )
    assert escapes_in(old) == [
        "Info[Any, Any] (line 1)",
        "type: ignore[valid-type] (line 2)",
        "TypeAlias = Any (line 3)",
    ]
