"""A sick database is answered as "briefly unavailable, retry" (HTTP 503, Retry-After), never as a crash.

quality.md: errors during a database outage, a hang or pool exhaustion are clean and retryable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from graphql import GraphQLError
from sqlalchemy import exc as sa_exc
from starlette.responses import Response
from strawberry.extensions import SchemaExtension

RETRY_AFTER_SECONDS = 2
# statement_timeout, lock_timeout, cannot connect now (starting or shutting down), admin shutdown, crash
UNAVAILABLE_SQLSTATES = frozenset({"57014", "55P03", "57P03", "57P01", "57P02", "08000", "08003", "08006", "08001"})


def is_database_unavailable(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, sa_exc.TimeoutError | TimeoutError | ConnectionError | OSError):
            return True
        if isinstance(error, asyncpg.exceptions.PostgresConnectionError | asyncpg.exceptions.InterfaceError):
            return True
        if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
            return True
        sqlstate = getattr(error, "sqlstate", None) or getattr(getattr(error, "orig", None), "sqlstate", None)
        if sqlstate in UNAVAILABLE_SQLSTATES:
            return True
        error = error.__cause__ or getattr(error, "orig", None)
        seen += 1
    return False


class DatabaseUnavailable(SchemaExtension):
    async def on_operation(self) -> AsyncIterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        replaced = False
        errors: list[GraphQLError] = []
        for error in result.errors:
            if is_database_unavailable(error.original_error):
                errors.append(
                    GraphQLError(
                        "The service is briefly unavailable; try again in a moment.",
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "SERVICE_UNAVAILABLE", "retryAfterSeconds": RETRY_AFTER_SECONDS},
                    )
                )
                replaced = True
            else:
                errors.append(error)
        if not replaced:
            return
        result.errors = errors
        response = getattr(self.execution_context.context, "response", None)
        if isinstance(response, Response):
            response.status_code = 503
            response.headers["retry-after"] = str(RETRY_AFTER_SECONDS)
