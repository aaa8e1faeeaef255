"""The limit: a plain Starlette app answering each operation with one hand-written SQL statement.

PostgreSQL builds the JSON answer (same shape as our GraphQL answer); Python only checks the session
cookie's hash into the statement and passes the text through. Run as a separate process by the bench:
`python -m bench.limit --port P --database-url postgresql://...`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bench import sql

COOKIE = "iacs_session"
POOL_SIZE = 10  # as ours (IACS_DB_POOL_SIZE) and PostGraphile (poolConfig.max)


def create_app(database_url: str) -> Starlette:
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(database_url, min_size=POOL_SIZE, max_size=POOL_SIZE)
        try:
            yield
        finally:
            await state["pool"].close()

    def token_hash(request: Request) -> bytes:
        return hashlib.sha256(request.cookies.get(COOKIE, "").encode()).digest()

    async def first(request: Request, default: int) -> int:
        body = await request.body()
        value = orjson.loads(body).get("first", default) if body else default
        return max(0, min(100, int(value)))

    async def answer(statement: str, *args: Any) -> Response:
        pool: asyncpg.Pool = state["pool"]
        text = await pool.fetchval(statement, *args)
        return Response(text, media_type="application/json")

    async def queue(request: Request) -> Response:
        return await answer(sql.LIMIT_QUEUE, token_hash(request), await first(request, 20))

    async def signed_in(request: Request) -> Response:
        return await answer(sql.LIMIT_SIGNED_IN, token_hash(request))

    async def my_roles(request: Request) -> Response:
        return await answer(sql.LIMIT_MY_ROLES, token_hash(request))

    async def associations(request: Request) -> Response:
        return await answer(sql.LIMIT_ASSOCIATIONS, token_hash(request), await first(request, 20))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/queue", queue, methods=["POST"]),
            Route("/signed-in", signed_in, methods=["POST"]),
            Route("/my-roles", my_roles, methods=["POST"]),
            Route("/associations", associations, methods=["POST"]),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    uvicorn.run(
        create_app(args.database_url),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
        server_header=False,
    )


if __name__ == "__main__":
    main()
