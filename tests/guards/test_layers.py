"""Imports point down the architecture picture: the domain never imports the web layers, and the GraphQL layer
neither writes SQL nor decides when a transaction ends (docs/architecture.md, "The layers")."""

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


# The GraphQL layer asks the domain (domain/<area>/queries.py, policy.py, service.py) for what it shows: it builds
# no statement, runs none and commits nothing. These modules are the exceptions, each limited to what it needs.
GRAPHQL_MAY_IMPORT_SQLALCHEMY = {
    # The per-request DataLoaders: each batch is one statement over the keys the resolvers of a request asked for,
    # a batching that lives with the request (docs/performance.md).
    "graphql/loaders.py": ("sqlalchemy",),
    # The request's Context holds its database session, made from the session factory: the types only.
    "graphql/context.py": ("sqlalchemy.ext.asyncio",),
    # A bearer token is checked in a session of its own before GraphQL runs (R43): the types only.
    "graphql/bearer.py": ("sqlalchemy.ext.asyncio",),
    # The transaction module ends the transaction of a session it is handed (`end_transaction`): the type only.
    "graphql/transactions.py": ("sqlalchemy.ext.asyncio",),
    # Database outages and unstorable input become clean answers (503, BAD_USER_INPUT): it reads the exception
    # classes and gives sessions back to the pool; it builds no statement.
    "graphql/unavailable.py": ("sqlalchemy.exc", "sqlalchemy.ext.asyncio"),
}
# Beginning, ending or undoing a transaction: only in the one transaction module (`run_mutation`, `end_transaction`).
TRANSACTION_CALLS = frozenset({"begin", "commit", "rollback", "begin_nested"})
GRAPHQL_MAY_END_TRANSACTIONS = frozenset({"graphql/transactions.py"})
# Running a statement: only where statements may be built (the DataLoaders).
STATEMENT_CALLS = frozenset({"execute", "scalars", "scalar", "exec_driver_sql", "stream", "stream_scalars"})
GRAPHQL_MAY_RUN_STATEMENTS = frozenset({"graphql/loaders.py"})
# Using a database session itself (`context.db.get(...)`, `db.add(...)`): elsewhere a session is only handed to
# the domain's functions. The DataLoaders run their statements, the transaction module ends transactions, and
# unavailable.py closes (or drops) a request's session when the answer is made.
SESSION_NAMES = frozenset({"db", "_db", "session"})
GRAPHQL_MAY_USE_SESSIONS = frozenset({"graphql/loaders.py", "graphql/transactions.py", "graphql/unavailable.py"})


def _imported(tree: ast.AST) -> list[str]:
    """Every module or name imported, dotted in full (`from sqlalchemy import exc` imports `sqlalchemy.exc`)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _called_methods(tree: ast.AST) -> list[tuple[int, str, str | None]]:
    """Each method call: its line, the method, and the name of what it is called on (`context.db.get` -> `db`)."""
    calls: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = receiver.id if isinstance(receiver, ast.Name) else getattr(receiver, "attr", None)
            calls.append((node.lineno, node.func.attr, name))
    return calls


def graphql_offenders(package: Path) -> set[str]:
    """What the GraphQL layer under `package` does that belongs to the domain or the transaction module."""
    offenders: set[str] = set()
    for path in sorted((package / "graphql").rglob("*.py")):
        name = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = GRAPHQL_MAY_IMPORT_SQLALCHEMY.get(name, ())
        for module in _imported(tree):
            if (module == "sqlalchemy" or module.startswith("sqlalchemy.")) and not any(
                module == prefix or module.startswith(prefix + ".") for prefix in allowed
            ):
                offenders.add(f"{name}: imports {module}")
        for line, method, receiver in _called_methods(tree):
            if method in TRANSACTION_CALLS and name not in GRAPHQL_MAY_END_TRANSACTIONS:
                offenders.add(f"{name}:{line}: calls .{method}(")
            if method in STATEMENT_CALLS and name not in GRAPHQL_MAY_RUN_STATEMENTS:
                offenders.add(f"{name}:{line}: calls .{method}(")
            if receiver in SESSION_NAMES and name not in GRAPHQL_MAY_USE_SESSIONS:
                offenders.add(f"{name}:{line}: calls {receiver}.{method}(")
    return offenders


def test_graphql_layer_writes_no_sql_and_commits_only_in_transactions() -> None:
    assert graphql_offenders(PACKAGE) == set()


def test_the_guard_sees_the_graphql_files_and_its_exceptions() -> None:
    # A guard that scans nothing cannot fail: make sure it reads the real tree, and that every exception it
    # grants names a module that exists (an exception for a module gone would hide a new one of that name).
    files = {path.relative_to(PACKAGE).as_posix() for path in (PACKAGE / "graphql").rglob("*.py")}
    assert len(files) >= 50
    assert {"graphql/queries.py", "graphql/accounts/types.py", "graphql/lifecycle/schema.py"} <= files
    exceptions = (
        set(GRAPHQL_MAY_IMPORT_SQLALCHEMY)
        | GRAPHQL_MAY_END_TRANSACTIONS
        | GRAPHQL_MAY_RUN_STATEMENTS
        | GRAPHQL_MAY_USE_SESSIONS
    )
    assert exceptions <= files


def test_the_guard_finds_what_it_forbids(tmp_path: Path) -> None:
    # The same checks on a made-up GraphQL module: each forbidden thing is found, by line.
    module = tmp_path / "graphql" / "people.py"
    module.parent.mkdir()
    module.write_text(
        "from sqlalchemy import select\n"
        "import sqlalchemy.orm\n"
        "from sqlalchemy.ext.asyncio import AsyncSession\n"
        "async def f(db: AsyncSession, context: object) -> None:\n"
        "    await db.execute(select(1))\n"
        "    await db.commit()\n"
        "    await context.db.get(object, 1)\n",
        encoding="utf-8",
    )
    assert graphql_offenders(tmp_path) == {
        "graphql/people.py: imports sqlalchemy.select",
        "graphql/people.py: imports sqlalchemy.orm",
        "graphql/people.py: imports sqlalchemy.ext.asyncio.AsyncSession",
        "graphql/people.py:5: calls .execute(",
        "graphql/people.py:5: calls db.execute(",
        "graphql/people.py:6: calls .commit(",
        "graphql/people.py:6: calls db.commit(",
        "graphql/people.py:7: calls db.get(",
    }


# One way to end a mutation's transaction (issue 14, item 3): the GraphQL layer commits only in
# graphql/transactions.py (above), and the domain never commits or opens a transaction of its own: a use case works
# inside its caller's transaction, and a refusal that must be kept (a counted wrong password or code) is returned,
# not raised, so that the caller commits it. The exceptions are the background workers, which are no mutation and own
# their sessions; each is named with its function.
DOMAIN_TRANSACTION_CALLS = frozenset({"commit", "begin"})
DOMAIN_MAY_END_TRANSACTIONS = frozenset(
    {
        ("domain/lifecycle/runner.py", "run_once"),  # the scheduled jobs (`iacs jobs run-once` too)
        ("domain/notifications/service.py", "deliver_pending"),  # the mail outbox's sender
        ("domain/webhooks/delivery.py", "deliver_due"),  # the webhook sender: claim, POST, record
    }
)
# What the rest of the GraphQL layer takes from the transaction module: a mutation runs through `run_mutation` or one
# of its gates. `end_transaction` ends a transaction with no mutation in it, in the places named here only.
TRANSACTION_MODULE = "iacs.graphql.transactions"
TRANSACTION_RUNNERS = frozenset({"run_mutation", "run_use_case", "run_help_desk", "NOT_SIGNED_IN"})
MAY_END_A_TRANSACTION = {
    "end_transaction": frozenset(
        {
            "graphql/context.py",  # the idle touch of the viewer's session, kept at once
            "graphql/requests/subscriptions.py",  # the same touch, at each event of a subscription
            "graphql/bearer.py",  # the "last used" of an API token, in the gate's own session
            "graphql/accounts/profile.py",  # ends the read before a password is checked (no connection held)
        }
    )
}


def _top_level_functions(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    """Each module-level function (and each method of a module-level class) with its name."""
    found: list[tuple[str, ast.AST]] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((node.name, node))
        elif isinstance(node, ast.ClassDef):
            found += [
                (f"{node.name}.{item.name}", item)
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    return found


def domain_transaction_offenders(package: Path) -> set[str]:
    offenders: set[str] = set()
    for path in sorted((package / "domain").rglob("*.py")):
        name = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = {id(node): function for function, body in _top_level_functions(tree) for node in ast.walk(body)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                method = node.func.attr
                function = inside.get(id(node), "<module>")
                if method in DOMAIN_TRANSACTION_CALLS and (name, function) not in DOMAIN_MAY_END_TRANSACTIONS:
                    offenders.add(f"{name}:{node.lineno}: calls .{method}( in {function}")
    return offenders


def transaction_import_offenders(package: Path) -> set[str]:
    offenders: set[str] = set()
    for path in sorted((package / "graphql").rglob("*.py")):
        name = path.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == TRANSACTION_MODULE:
                for alias in node.names:
                    if alias.name not in TRANSACTION_RUNNERS and name not in MAY_END_A_TRANSACTION.get(alias.name, ()):
                        offenders.add(f"{name}: imports {alias.name}")
    return offenders


def test_the_domain_never_ends_a_transaction() -> None:
    assert domain_transaction_offenders(PACKAGE) == set()


def test_mutations_commit_only_through_run_mutation() -> None:
    assert transaction_import_offenders(PACKAGE) == set()


def test_the_transaction_guards_see_their_exceptions() -> None:
    for file, function in DOMAIN_MAY_END_TRANSACTIONS:
        tree = ast.parse((PACKAGE / file).read_text(encoding="utf-8"))
        assert function in dict(_top_level_functions(tree)), (file, function)
    for allowed in MAY_END_A_TRANSACTION.values():
        assert all((PACKAGE / file).is_file() for file in allowed)


def test_the_transaction_guards_find_what_they_forbid(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "graphql").mkdir()
    (tmp_path / "domain" / "people.py").write_text(
        "async def sign_in(db):\n"
        "    await db.commit()\n"
        "class Sender:\n"
        "    async def send(self, factory):\n"
        "        async with factory() as db, db.begin():\n"
        "            pass\n",
        encoding="utf-8",
    )
    (tmp_path / "graphql" / "people.py").write_text(
        "from iacs.graphql.transactions import commit, end_transaction, run_mutation\n", encoding="utf-8"
    )
    assert domain_transaction_offenders(tmp_path) == {
        "domain/people.py:2: calls .commit( in sign_in",
        "domain/people.py:5: calls .begin( in Sender.send",
    }
    assert transaction_import_offenders(tmp_path) == {
        "graphql/people.py: imports commit",
        "graphql/people.py: imports end_transaction",
    }


# One statement at a time on a request's session (issue 14, item 4): Strawberry resolves sibling fields concurrently
# and they share the request's session, which must never run two statements at once. The session the Context hands
# out serializes its statements itself (db/serial.py), so no resolver holds a lock around its calls: no `db_lock`
# anywhere, and the GraphQL layer makes no lock but the one that looks the viewer up once (context.py).
GRAPHQL_MAY_MAKE_LOCKS = frozenset({"graphql/context.py"})


def lock_offenders(package: Path) -> set[str]:
    offenders: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Name) and node.id == "db_lock") or (
                isinstance(node, ast.Attribute) and node.attr == "db_lock"
            ):
                offenders.add(f"{name}:{node.lineno}: db_lock")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "Lock"
                and name.startswith("graphql/")
                and name not in GRAPHQL_MAY_MAKE_LOCKS
            ):
                offenders.add(f"{name}:{node.lineno}: a lock")
    return offenders


def test_no_hand_held_lock_around_statements() -> None:
    assert lock_offenders(PACKAGE) == set()


def test_the_lock_guard_finds_what_it_forbids(tmp_path: Path) -> None:
    (tmp_path / "graphql").mkdir()
    (tmp_path / "graphql" / "people.py").write_text(
        "import asyncio\nasync def f(context):\n    async with context.db_lock:\n        pass\nlock = asyncio.Lock()\n",
        encoding="utf-8",
    )
    assert lock_offenders(tmp_path) == {"graphql/people.py:3: db_lock", "graphql/people.py:5: a lock"}
