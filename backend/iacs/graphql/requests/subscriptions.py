"""The live approval queue (api.md: `Subscription { approvalQueue: ApprovalQueueEvent! }`)."""

from __future__ import annotations

import enum
import uuid
from collections.abc import AsyncGenerator

import strawberry

from iacs.domain.accounts.service import user_for_session
from iacs.domain.enums import RequestStatus
from iacs.domain.requests.queries import queue_length, request_by_id
from iacs.domain.requests.service import load_actor
from iacs.domain.visibility import request_visible
from iacs.graphql.access import context_of
from iacs.graphql.enums import describe_values
from iacs.graphql.errors import Unauthenticated
from iacs.graphql.info import Info
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.transactions import end_transaction
from iacs.live import RESYNC


@strawberry.enum(description="How the viewer's approval queue changed.")
class QueueEventKind(enum.Enum):
    ADDED = "ADDED"
    REMOVED = "REMOVED"
    UPDATED = "UPDATED"
    RESYNC = "RESYNC"  # events may have been missed (e.g. a database reconnect): reload the queue


describe_values(
    QueueEventKind,
    {
        QueueEventKind.ADDED: "A request the viewer may decide arrived in the queue.",
        QueueEventKind.REMOVED: "A request left the queue: decided, cancelled or expired, or no longer the "
        "viewer's to decide.",
        QueueEventKind.UPDATED: "A request in the queue changed.",
        QueueEventKind.RESYNC: "Events may have been missed (for example after a database reconnect): reload the "
        "queue. No request is named.",
    },
)


@strawberry.type(description="A change of the viewer's approval queue, with its new size.")
class ApprovalQueueEvent:
    kind: QueueEventKind = strawberry.field(description="What happened to the queue.")
    request_id: strawberry.ID | None = strawberry.field(
        description="The request that changed (AccessRequest.id); null for RESYNC."
    )
    request: AccessRequest | None = strawberry.field(description="The request, unless the event is RESYNC.")
    total_count: int = strawberry.field(description="How many requests the queue holds now.")


@strawberry.type
class RequestSubscriptions:
    @strawberry.subscription(
        description="Live changes of the viewer's approval queue, from every server process "
        "(PostgreSQL LISTEN/NOTIFY; R24). Needs the session cookie; the session is checked at every event."
    )
    async def approval_queue(self, info: Info) -> AsyncGenerator[ApprovalQueueEvent, None]:
        context = context_of(info)
        token = context.session_token
        viewer = await context.viewer()
        hub = context.services.hub
        if viewer is None or token is None or hub is None:
            raise Unauthenticated
        await context.close()  # hold no connection while waiting for events
        seen: set[uuid.UUID] = set()
        async for item in hub.subscribe():
            async with context.services.session_factory() as db:
                now = context.clock.now()
                found = await user_for_session(db, token, now=now, policy=context.services.session_policy)
                if found is None:
                    raise Unauthenticated  # signed out, expired or disabled: the subscription ends
                if found.touched:
                    await end_transaction(db)  # a subscription keeps its session from going idle
                user = found.user
                actor = await load_actor(db, user, now=now)
                if item == RESYNC:
                    total = await queue_length(db, actor.authority)
                    yield ApprovalQueueEvent(
                        kind=QueueEventKind.RESYNC, request_id=None, request=None, total_count=total
                    )
                    continue
                try:
                    request_id = uuid.UUID(item)
                except ValueError:
                    continue
                request = await request_by_id(db, request_id)
                if request is None:
                    continue
                # R24: the same rule as the queue; can_decide checks routing and R15, the status is apart.
                decidable = actor.authority.can_decide(request)
                if not decidable:
                    if request_id in seen:  # e.g. the viewer lost the role that made it theirs
                        seen.discard(request_id)
                        kind = QueueEventKind.REMOVED
                    else:
                        continue
                elif request.status != RequestStatus.PENDING:
                    seen.discard(request_id)
                    kind = QueueEventKind.REMOVED
                elif request_id in seen:
                    kind = QueueEventKind.UPDATED
                else:
                    seen.add(request_id)
                    kind = QueueEventKind.ADDED
                total = await queue_length(db, actor.authority)
            # A request that left the queue because the viewer lost the role may no longer be theirs to see:
            # then only its id (domain/visibility.py).
            shown = decidable or request_visible(actor, request)
            yield ApprovalQueueEvent(
                kind=kind,
                request_id=strawberry.ID(AccessRequest.from_model(request).id),
                request=AccessRequest.from_model(request) if shown else None,
                total_count=total,
            )
