"""SurrogateCompany: a billing company or other outside contractor (R16, R17)."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.types import Info

from iacs.domain.surrogates import models
from iacs.graphql.access import context_of
from iacs.graphql.ids import to_global_id
from iacs.graphql.node import Node


@strawberry.type(description="A company that works for organizations through surrogate user groups (R16).")
class SurrogateCompany(Node):
    name: str
    tin_last4: str = strawberry.field(description="The last 4 digits of the company's TIN.")

    @classmethod
    def from_model(cls, company: models.SurrogateCompany) -> SurrogateCompany:
        return cls(
            id=strawberry.ID(to_global_id("SurrogateCompany", company.id)),
            name=company.name,
            tin_last4=company.tin[-4:],
        )

    @classmethod
    async def load(cls, info: Info[Any, Any], pk: uuid.UUID | None) -> SurrogateCompany | None:
        if pk is None:
            return None
        found = await context_of(info).loaders.company_by_id.load(pk)
        return cls.from_model(found) if found is not None else None
