"""Certification (R30) and, in development, the mail log: queries and mutations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from iacs.domain.enums import ErrorCode
from iacs.domain.errors import FieldError
from iacs.domain.lifecycle.service import MAX_BULK_CERTIFICATIONS, certification_queue, certify
from iacs.domain.notifications.queries import mail_of
from iacs.graphql.access import context_of, signed_in_actor
from iacs.graphql.errors import UserError, user_errors
from iacs.graphql.info import Info
from iacs.graphql.pagination import After, Connection, First, Paging, page_size
from iacs.graphql.requests.mutations import each_use_case
from iacs.graphql.roles.types import RoleAssignment


@strawberry.input(description="Up to 100 roles to certify for another year (a suspended one is restored; R30).")
class CertifyRolesInput:
    role_assignment_ids: list[strawberry.ID] = strawberry.field(
        description="At most 100 roles the viewer may approve (RoleAssignment.id); an error names the item by "
        "its index."
    )


@strawberry.type(description="The roles certified; errors name the input item (field path).")
class RoleAssignmentsPayload:
    role_assignments: list[RoleAssignment] = strawberry.field(
        description="The roles certified; a refused item is left out and has its error."
    )
    errors: list[UserError] = strawberry.field(
        description='Why items were refused, each naming its input item (like ["roleAssignmentIds", "3"]); '
        "empty when none was."
    )


@strawberry.type(description="A notification in the outbox (development only).")
class OutboxMessage:
    to: str = strawberry.field(description="The address it is for (always the viewer's own).")
    subject: str = strawberry.field(description="The subject line.")
    body: str = strawberry.field(description="The plain-text body, as sent.")
    template: str = strawberry.field(description="Which kind of mail, like verification_code or request_decided.")
    created_at: datetime = strawberry.field(description="When the change that caused it was committed.")
    sent_at: datetime | None = strawberry.field(description="When it was handed to the mail server; null until then.")
    attempts: int = strawberry.field(description="How many times sending was tried (it is given up after 8).")
    last_error: str | None = strawberry.field(description="Why the last attempt failed, if it did.")


@strawberry.type
class LifecycleQueries:
    @strawberry.field(
        description="Roles the viewer may certify that are due within 30 days or already suspended, "
        "soonest first (R30). `first` at most 100. Needs a session."
    )
    async def certification_queue(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[RoleAssignment]:
        context = context_of(info)
        paging = Paging.of(first, after, datetime, uuid.UUID)
        actor = await signed_in_actor(context)
        now = context.clock.now()
        page = await certification_queue(context.db, actor.authority, now, first=paging.limit, after=paging.key)
        return paging.connection(
            page.rows,
            key=lambda a: (a.certify_by.isoformat() if a.certify_by else "", str(a.id)),
            node=RoleAssignment.from_model,
            has_next=page.has_next,
            total=page.total,
        )

    @strawberry.field(
        description="Development only (null in production): the newest notifications of the outbox sent to the "
        "viewer, to read one's mail without an SMTP server. Needs a session."
    )
    async def mail_log(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="How many messages, newest first: 0 to 100, 20 when omitted.")
        ] = None,
    ) -> list[OutboxMessage] | None:
        context = context_of(info)
        if context.settings.is_production:
            return None
        limit = page_size(first)
        actor = await signed_in_actor(context)
        rows = await mail_of(context.db, actor.user, first=limit)  # one's own mail only
        return [
            OutboxMessage(
                to=m.to_address,
                subject=m.subject,
                body=m.body,
                template=m.template,
                created_at=m.created_at,
                sent_at=m.sent_at,
                attempts=m.attempts,
                last_error=m.last_error,
            )
            for m in rows
        ]


@strawberry.type
class LifecycleMutations:
    @strawberry.mutation(description="Certify up to 100 roles you may approve; each in its own transaction (R30).")
    async def certify_roles(
        self,
        info: Info,
        input: Annotated[CertifyRolesInput, strawberry.argument(description="Up to 100 roles to certify.")],
    ) -> RoleAssignmentsPayload:
        context = context_of(info)
        if len(input.role_assignment_ids) > MAX_BULK_CERTIFICATIONS:
            error = FieldError(
                ErrorCode.INVALID_INPUT,
                f"Certify at most {MAX_BULK_CERTIFICATIONS} roles at once.",
                ("roleAssignmentIds",),
            )
            return RoleAssignmentsPayload(role_assignments=[], errors=user_errors([error]))
        certified, errors = await each_use_case(
            context,
            input.role_assignment_ids,
            "RoleAssignment",
            "roleAssignmentIds",
            certify,
            RoleAssignment.from_model,
        )
        return RoleAssignmentsPayload(role_assignments=certified, errors=user_errors(errors))
