"""Process counters exposed at /metrics (Prometheus text format): requests and SQL statements.

The benchmark divides the statement counter by the request counter; operators scrape both.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


class Counters:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.http_requests = 0
        self.graphql_requests = 0
        self.sql_statements = 0

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def render(self) -> str:
        with self._lock:
            values = {
                "iacs_http_requests_total": self.http_requests,
                "iacs_graphql_requests_total": self.graphql_requests,
                "iacs_sql_statements_total": self.sql_statements,
            }
        lines = []
        for name, value in values.items():
            lines += [f"# TYPE {name} counter", f"{name} {value}"]
        return "\n".join(lines) + "\n"

    def watch(self, engine: AsyncEngine) -> None:
        def count(*_: Any) -> None:
            self.add("sql_statements")

        event.listen(engine.sync_engine, "before_cursor_execute", count)
