"""Text people read names no rule codes: "(R10)" or "(R13, R23)" means nothing to a Security Official.

Code and tests cite the rules (``# R14``, docstrings, the schema's descriptions for developers); what the backend
says to people does not: the messages of errors (domain errors, field errors, public GraphQL errors), the mails
(domain/notifications/templates.py), the explanations (domain/explain.py) and what the command line prints.
This guard reads the backend's source: every string in the domain layer, the command line and the demo banner
(docstrings and schema descriptions excepted), and every string given to an error anywhere.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from iacs.config import PROJECT_ROOT

BACKEND = PROJECT_ROOT / "backend" / "iacs"
# A rule code: R and one or two digits, as a word. Tracking numbers (R261128-AAAAAA) have six digits and a dash.
RULE_CODE = re.compile(r"\bR\d{1,2}\b(?!-)")
# Where every string is people-facing unless it documents code.
PEOPLE_FACING = [BACKEND / "domain", BACKEND / "cli.py", BACKEND / "demo.py"]
# Elsewhere, the strings given to these calls are messages people may read.
MESSAGE_CALLS = {
    "FieldError",
    "DomainError",
    "single",  # DomainError.single
    "add",  # ErrorCollector.add
    "PublicError",
    "GraphQLError",
    "ArgumentTypeError",
    "ConfigurationError",
    "TrustedDocumentRequestError",
}
# Keyword arguments that document the schema for developers (which rule is allowed there).
DOCUMENTING_KEYWORDS = {"description", "deprecation_reason"}


def _python_files() -> list[Path]:
    return sorted(p for p in BACKEND.rglob("*.py") if "migrations" not in p.parts)


def _documenting(tree: ast.AST) -> set[int]:
    """ids of the nodes that document code: docstrings, and schema descriptions given as keywords."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg in DOCUMENTING_KEYWORDS:
            skip |= {id(sub) for sub in ast.walk(node.value)}
    return skip


def _call_name(call: ast.Call) -> str:
    function = call.func
    return (
        function.attr if isinstance(function, ast.Attribute) else function.id if isinstance(function, ast.Name) else ""
    )


def people_facing_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _documenting(tree)
    everywhere = any(path == root or root in path.parents for root in PEOPLE_FACING)
    candidates: list[ast.AST] = []
    if everywhere:
        candidates = list(ast.walk(tree))
    else:
        # a message may be a module's constant (BAD_CURSOR = "..."), given to the call by name
        constants = {
            target.id: statement.value
            for statement in getattr(tree, "body", [])
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in MESSAGE_CALLS:
                for argument in [*node.args, *(k.value for k in node.keywords if k.arg not in DOCUMENTING_KEYWORDS)]:
                    for part in ast.walk(argument):
                        candidates.append(part)
                        if isinstance(part, ast.Name) and part.id in constants:
                            candidates.extend(ast.walk(constants[part.id]))
    return [
        (node.lineno, node.value)
        for node in candidates
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_no_rule_codes_in_text_people_read() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: {text!r}"
        for path in _python_files()
        for line, text in people_facing_strings(path)
        if RULE_CODE.search(text)
    ]
    assert found == [], "rule codes in people-facing text (cite the rule in a comment instead):\n" + "\n".join(found)


def test_the_guard_reads_the_messages_mails_and_explanations() -> None:
    """The guard looks where the people-facing text is (a guard that reads nothing cannot fail)."""
    texts = {text for path in _python_files() for _, text in people_facing_strings(path)}
    assert "Nobody decides their own request." in texts  # a domain error
    assert "Approved by the help desk." in texts  # an explanation
    assert any("has waited a week" in text for text in texts)  # a mail template
    assert any(text.startswith("The cursor") for text in texts)  # a public error of the API layer


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('raise DomainError.single(ErrorCode.X, "Nobody decides their own request (R15).")', 1),
        ('errors.add(ErrorCode.X, f"{name} already serves it (R18).", "field")', 1),
        ('raise PublicError("A cursor (R24) is wrong.", "BAD_USER_INPUT")', 1),
        ('x = strawberry.field(description="Visible to the help desk (R33).")', 0),
        ('def f() -> None:\n    """R4: the lock."""', 0),
        ('raise PublicError("No request R261128-AAAAAA here.", "NOT_FOUND")', 0),
        ('BAD = "The cursor is wrong (R24)."\nraise PublicError(BAD, "BAD_USER_INPUT")', 1),
    ],
)
def test_the_guard_finds_rule_codes_in_messages_only(source: str, expected: int, tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert sum(bool(RULE_CODE.search(text)) for _, text in people_facing_strings(path)) == expected
