"""Application: a CMS application that groups and end users ask access to (R23)."""

from __future__ import annotations

import uuid

import strawberry

from iacs.db.rows import ApplicationColumns
from iacs.domain.applications import models
from iacs.domain.applications.switches import APPLICATION_NOT_OPEN
from iacs.graphql.access import context_of
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of


@strawberry.type(
    description="A CMS application people ask access to; requests for a closed one are refused (R23). Public."
)
class Application(Node):
    code: str = strawberry.field(description="A short unique code, like PQRI or HETS (at most 32 characters).")
    name: str = strawberry.field(description="The application's name.")
    open: bool = strawberry.field(description="Whether it takes new requests; requests for a closed one are refused.")
    description: str | None = strawberry.field(description="What it is for, as CMS published it (R42).")
    closed_reason: str | None = strawberry.field(
        description="Why it is closed, as requests for it are told (R42); null while it is open."
    )

    @classmethod
    def from_model(cls, app: models.Application | ApplicationColumns) -> Application:
        return node_of(cls, app, closed_reason=None if app.open else (app.closed_reason or APPLICATION_NOT_OPEN))

    @classmethod
    async def load(cls, info: Info, pk: uuid.UUID | None) -> Application | None:
        return await by_id(context_of(info).loaders.application_by_id, pk, cls.from_model)
