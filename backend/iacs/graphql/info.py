"""The `info` argument of every resolver, typed with the request's context (graphql/context.py).

Strawberry reads the annotation at run time: `Info` is a parametrised `strawberry.Info`, which it recognises
like the bare one. The schema has no root value (over_http.py executes with `root_value=None`). A planned
synchronous resolver (execution.py) gets an object with the context only: resolvers read `info.context` and
nothing else when they take `self` and `info` alone.
"""

from __future__ import annotations

from typing import TypeAlias

import strawberry

from iacs.graphql.context import Context

Info: TypeAlias = strawberry.Info[Context, None]
