"""CMS's switches (R11, R23, R42): the provider types open to registration, and the help desk's mutations that
open and close them and publish, open and close applications. Each resolver turns input into arguments and calls
one use case of domain/applications/service.py, which decides."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from iacs.domain.applications import models, service
from iacs.domain.enums import ProviderType as DomainProviderType
from iacs.domain.requests.service import UseCase
from iacs.graphql.access import context_of
from iacs.graphql.applications.types import Application
from iacs.graphql.enums import ProviderType
from iacs.graphql.errors import UserError, user_errors
from iacs.graphql.ids import uuid_of
from iacs.graphql.info import Info
from iacs.graphql.transactions import run_use_case


@strawberry.type(description="Whether a provider type is open to registration, and why not if it is closed (R11, R42).")
class ProviderTypeSetting:
    provider_type: ProviderType = strawberry.field(description="The provider type.")
    open: bool = strawberry.field(description="Whether organizations of this type may register now.")
    reason: str | None = strawberry.field(
        description="Why registration is closed, as registrations are told; null while it is open."
    )

    @classmethod
    def from_model(cls, setting: models.ProviderTypeSetting) -> ProviderTypeSetting:
        return cls(
            provider_type=ProviderType(setting.provider_type.value),
            open=setting.open,
            reason=None if setting.open else setting.reason,
        )


@strawberry.input(description="Open or close registration of a provider type (help desk; R42).")
class ProviderTypeOpenInput:
    provider_type: ProviderType = strawberry.field(description="The provider type.")
    open: bool = strawberry.field(description="true to open registration, false to close it.")
    reason: str | None = strawberry.field(
        default=None,
        description="Why it is closed, shown to people who try to register (at most 500 characters); required to "
        "close, else INVALID_INPUT naming `reason`.",
    )


@strawberry.input(description="A CMS application to publish (help desk; R23, R42).")
class PublishApplicationInput:
    name: str = strawberry.field(description="Its name, unique among applications (at most 200 characters).")
    description: str | None = strawberry.field(default=None, description="What it is for (at most 1,000 characters).")
    open: bool = strawberry.field(description="Whether it takes requests at once.")


@strawberry.input(description="Open or close an application to new requests (help desk; R42).")
class ApplicationOpenInput:
    application_id: strawberry.ID = strawberry.field(description="The application (Application.id).")
    open: bool = strawberry.field(description="true to open it, false to close it.")
    reason: str | None = strawberry.field(
        default=None,
        description="Why it is closed, shown to people who ask for it (at most 500 characters); required to close, "
        "else INVALID_INPUT naming `reason`.",
    )


@strawberry.type(description="A provider type's setting after the change, and why it was refused if it was.")
class ProviderTypeSettingPayload:
    setting: ProviderTypeSetting | None = strawberry.field(
        description="The setting after the change; null when it was refused."
    )
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type(description="An application after the change, and why it was refused if it was.")
class ApplicationPayload:
    application: Application | None = strawberry.field(
        description="The application after the change; null when it was refused."
    )
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type
class SwitchQueries:
    @strawberry.field(
        description="Every provider type, open or closed to registration, with the reason if closed (R11, R42). "
        "Public: no session needed."
    )
    async def provider_type_settings(self, info: Info) -> list[ProviderTypeSetting]:
        context = context_of(info)
        settings = await service.provider_type_settings(context.db)
        return [ProviderTypeSetting.from_model(s) for s in settings]


@strawberry.type
class SwitchMutations:
    @strawberry.mutation(
        description="The help desk opens or closes registration of a provider type; closing needs a reason "
        "(R11, R42). FORBIDDEN for anyone else; audited."
    )
    async def set_provider_type_open(
        self,
        info: Info,
        input: Annotated[ProviderTypeOpenInput, strawberry.argument(description="The provider type and its state.")],
    ) -> ProviderTypeSettingPayload:
        async def action(uc: UseCase) -> models.ProviderTypeSetting:
            return await service.set_provider_type_open(
                uc, DomainProviderType(input.provider_type), open=input.open, reason=input.reason
            )

        setting, errors = await run_use_case(context_of(info), action)
        return ProviderTypeSettingPayload(
            setting=ProviderTypeSetting.from_model(setting) if setting is not None else None,
            errors=user_errors(errors),
        )

    @strawberry.mutation(
        description="The help desk publishes a CMS application, open or closed (R23, R42). FORBIDDEN for anyone "
        "else; audited."
    )
    async def publish_application(
        self,
        info: Info,
        input: Annotated[PublishApplicationInput, strawberry.argument(description="The application to publish.")],
    ) -> ApplicationPayload:
        async def action(uc: UseCase) -> models.Application:
            return await service.publish_application(
                uc, name=input.name, description=input.description, open=input.open
            )

        return await _application_payload(info, action)

    @strawberry.mutation(
        description="The help desk opens or closes an application to new requests; closing needs a reason; "
        "pending requests stay decidable (R42). FORBIDDEN for anyone else; audited."
    )
    async def set_application_open(
        self,
        info: Info,
        input: Annotated[ApplicationOpenInput, strawberry.argument(description="The application and its state.")],
    ) -> ApplicationPayload:
        async def action(uc: UseCase) -> models.Application:
            return await service.set_application_open(
                uc, uuid_of(input.application_id, "Application"), open=input.open, reason=input.reason
            )

        return await _application_payload(info, action)


async def _application_payload(
    info: Info, action: Callable[[UseCase], Awaitable[models.Application]]
) -> ApplicationPayload:
    application, errors = await run_use_case(context_of(info), action)
    return ApplicationPayload(
        application=Application.from_model(application) if application is not None else None,
        errors=user_errors(errors),
    )
