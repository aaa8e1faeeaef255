"""R39: a request nobody can decide, or that waited too long, goes one level up.

The levels are routing.py's (`escalation_of`): a group's UGAs -> the organization's officials (in a practice,
the practitioner) -> the help desk. An escalation adds the level above to the relations that decide the
request (`AccessRequest.escalated_relations`); those below keep the right. Each level is added once. Whether
anyone can decide is asked of `approvers_by_request`, the very derivation the `approvers` field shows, so
disabled accounts (R36) and anything else that derivation knows count the same here.

`escalate_request` is the one place an escalation happens: the audit event it records (REQUEST_ESCALATED) is
also what other parts (webhooks) listen to.
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import ColumnElement, FromClause, Select, and_, exists, func, inspect, select, union, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.errors import session_lost
from iacs.domain.accounts.models import User
from iacs.domain.audit.service import AuditAction, about_request, record
from iacs.domain.enums import OrganizationKind, OrganizationStatus, RequestStatus, RoleStatus
from iacs.domain.lifecycle.models import JobPosition
from iacs.domain.notifications import templates
from iacs.domain.notifications.service import mail_to
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import (
    RELATIONS,
    ApproverRelation,
    escalation_of,
    power_clause,
    request_relations,
)
from iacs.domain.requests.service import approvers_by_request, notify_queue
from iacs.domain.roles.models import RoleAssignment

logger = logging.getLogger(__name__)

ESCALATE_AFTER = timedelta(days=14)  # R39: waiting this long at one level sends a request one level up
BATCH = 500  # requests locked and worked on per statement
LOOKED_AT_PER_RUN = 20_000  # R39: more pending requests than this are looked at a share per run (`next_share`)
POSITION = "escalation"  # its `JobPosition`
FIRST = uuid.UUID(int=0)  # before every id


class EscalationCause(enum.StrEnum):
    NO_APPROVER = "NO_APPROVER"  # nobody at any level so far may decide it now
    WAITED = "WAITED"  # it waited ESCALATE_AFTER since it was submitted or last escalated


async def _practice(db: AsyncSession, request: AccessRequest) -> bool:
    if request.organization_id is None:
        return False
    kind = await db.scalar(select(Organization.kind).where(Organization.id == request.organization_id))
    return kind == OrganizationKind.INDIVIDUAL_PRACTITIONER


async def escalate_request(
    db: AsyncSession, now: datetime, request: AccessRequest, cause: EscalationCause
) -> ApproverRelation | None:
    """R39: add the level above the request's top level to those who decide it, record it, tell the people who
    may now decide it and were not able to before, and update live queues. None when there is no level above
    (the help desk) or it was added already. The caller holds the request's row lock and commits."""
    relations = request_relations(request)
    above = escalation_of(relations[-1], practice=await _practice(db, request))
    if above is None or above in relations:
        return None
    before = {user.id for user in (await approvers_by_request(db, [request])).get(request.id, [])}
    request.escalated_relations = [*request.escalated_relations, above.value]
    request.escalated_at = now
    await db.flush()
    await record(
        db,
        at=now,
        action=AuditAction.REQUEST_ESCALATED,
        **about_request(request),
        details={
            "kind": request.kind.value,
            "trackingNumber": request.tracking_number,
            "to": above.value,
            "cause": cause.value,
        },
    )
    await notify_queue(db, request.id)
    requester = await db.get(User, request.requester_id)
    waited = (now - request.created_at).days
    for approver in (await approvers_by_request(db, [request])).get(request.id, []):
        if approver.id in before:
            continue
        await mail_to(
            db,
            now,
            approver,
            templates.request_escalated,
            requester.name if requester is not None else "Someone",
            request.kind.value,
            request.tracking_number,
            waited,
            cause == EscalationCause.NO_APPROVER,
        )
    return above


def _top_relation() -> ColumnElement[str]:
    """The request's top level in SQL: the last relation it was escalated to, or the one it was routed to."""
    requests = AccessRequest.__table__.c
    return func.coalesce(
        requests.escalated_relations[func.cardinality(requests.escalated_relations)], requests.approver_relation
    )


def _holder_of(
    relation: ApproverRelation, scope: Mapping[str, ColumnElement[uuid.UUID]], requester: ColumnElement[uuid.UUID]
) -> ColumnElement[bool]:
    """Somebody but the requester holds an active role of `relation` in the request's scope (`scope`: the request's
    scope columns), on an account whose roles count (R36)."""
    rule = RELATIONS[relation]
    held = RoleAssignment.__table__.c
    users = User.__table__.c
    shape: list[ColumnElement[bool]] = [held.role.in_(sorted(rule.roles))]
    if rule.scope is not None:
        shape.append(held[rule.scope] == scope[rule.scope])
    if rule.company_level or rule.scope == "organization_id":
        shape.append(held.user_group_id.is_(None))
    return exists().where(
        held.user_id == users.id,
        held.status == RoleStatus.ACTIVE,
        held.application_id.is_(None),
        held.user_id != requester,
        power_clause(),
        *shape,
    )


def _lacking_approver(
    source: FromClause, level: ColumnElement[str], *where: ColumnElement[bool]
) -> list[Select[uuid.UUID]]:
    """The ids of the pending requests of `source` (access_requests, or rows with its id, requester and scope
    columns) that nobody but their requester could decide at `level`: a cheap necessary condition for "nobody may
    decide it", one statement per relation. Everything it lets through is then asked of `approvers_by_request` (the
    real derivation); what it keeps out certainly has an approver.

    One NOT EXISTS per relation, each a condition of its own statement, so that PostgreSQL plans each as an anti
    join. One NOT EXISTS over an OR of every relation is evaluated request by request: at 300,000 pending requests
    it ran past the statement timeout (90 s when let run)."""
    rows = source.c
    scope = {
        "organization_id": rows.organization_id,
        "user_group_id": rows.user_group_id,
        "company_id": rows.company_id,
    }
    return [
        select(rows.id).where(*where, level == relation.value, ~_holder_of(relation, scope, rows.requester_id))
        for relation in RELATIONS
        if relation != ApproverRelation.HELP_DESK  # the top level: nobody to go up to
    ]


async def next_share(db: AsyncSession) -> ColumnElement[bool]:
    """The pending requests this run looks at (R39), and the position moved on past them: the next
    LOOKED_AT_PER_RUN of them in order of id after where the last run stopped, and back to the first after the last
    (all of them at once while there are no more). The position is kept in the database (`JobPosition`), so that
    each pending request is looked at once in every round of the shares (about 15 runs at 300,000 pending
    requests), however often and from wherever the job runs, and a run costs the same at any size.

    The job runner moves the position on in a step of its own, before the escalation works on the share: a share
    whose escalation fails is not tried again and again while the others wait. It reads and writes the position
    without a row lock: the runner's advisory lock (`JOBS_LOCK_KEY`) lets one run at a time."""
    requests = AccessRequest.__table__.c
    kept = await db.get(JobPosition, POSITION)
    after = kept.after_id if kept is not None else FIRST
    last = await db.scalar(
        select(requests.id)
        .where(requests.status == RequestStatus.PENDING, requests.id > after)
        .order_by(requests.id)
        .offset(LOOKED_AT_PER_RUN - 1)
        .limit(1)
    )
    if kept is None:
        db.add(JobPosition(name=POSITION, after_id=last or FIRST))
    else:
        kept.after_id = last or FIRST  # after the last share, the next run begins again
    await db.flush()
    if last is None:
        return requests.id > after
    return and_(requests.id > after, requests.id <= last)


def candidates_statement(now: datetime, in_share: ColumnElement[bool]) -> Select[uuid.UUID]:
    """The ids of the pending requests (of those `in_share`) that waited ESCALATE_AFTER at their level or may lack
    an approver, in order. The share is read once (a materialized CTE), and each relation's test reads that."""
    requests = AccessRequest.__table__.c
    pending = (
        select(
            requests.id,
            requests.requester_id,
            requests.organization_id,
            requests.user_group_id,
            requests.company_id,
            _top_relation().label("level"),
            func.coalesce(requests.escalated_at, requests.created_at).label("since"),
        )
        .where(
            requests.status == RequestStatus.PENDING,
            requests.expires_at > now,
            _top_relation() != ApproverRelation.HELP_DESK.value,
            in_share,
        )
        .cte("pending")
        .prefix_with("MATERIALIZED")
    )
    waited = select(pending.c.id).where(pending.c.since <= now - ESCALATE_AFTER)
    found = union(waited, *_lacking_approver(pending, pending.c.level)).subquery()
    return select(found.c.id).order_by(found.c.id)


async def _locked(db: AsyncSession, now: datetime, ids: Sequence[uuid.UUID]) -> Sequence[AccessRequest]:
    """Those of `ids` still pending, locked; one a decision is under way on is left for its share's next turn."""
    return (
        await db.scalars(
            select(AccessRequest)
            .where(
                AccessRequest.id.in_(ids), AccessRequest.status == RequestStatus.PENDING, AccessRequest.expires_at > now
            )
            .order_by(AccessRequest.id)
            .with_for_update(skip_locked=True)
        )
    ).all()


async def escalate_due(db: AsyncSession, now: datetime, share: ColumnElement[bool]) -> list[uuid.UUID]:
    """R39 for the job runner, over the pending requests of `share` (`next_share`): every one that nobody may decide
    goes up until someone may (or it reaches the help desk); one that waited 14 days at its level goes up one
    level. Returns the ids escalated.

    Each batch goes up in a savepoint; when one of its requests fails, the batch is undone and done again a
    request at a time, each in a savepoint of its own, so that the one that fails is logged and left for its
    share's next turn while the others go up. (A savepoint per request always would give PostgreSQL a
    subtransaction per escalated request, and past 64 in one transaction every other session's snapshots get
    slower.) A lost connection is no request's failure: it ends the run."""
    escalated: list[uuid.UUID] = []
    candidates = (await db.scalars(candidates_statement(now, share))).all()
    for start in range(0, len(candidates), BATCH):
        batch = await _locked(db, now, candidates[start : start + BATCH])
        approvers = await approvers_by_request(db, batch)
        has_approver = {request.id: bool(approvers.get(request.id)) for request in batch}
        try:
            async with db.begin_nested():
                escalated += [r.id for r in batch if await _escalate_one(db, now, r, has_approver[r.id])]
        except Exception as error:
            if session_lost(error):
                raise
            escalated += await _one_at_a_time(db, now, batch, has_approver)
    return escalated


async def _one_at_a_time(
    db: AsyncSession, now: datetime, batch: Sequence[AccessRequest], has_approver: Mapping[uuid.UUID, bool]
) -> list[uuid.UUID]:
    """`batch` again after it failed, each request in a savepoint of its own; the ids that went up."""
    escalated: list[uuid.UUID] = []
    for request, request_id in zip(batch, has_approver, strict=True):  # its keys are the batch's ids, in order
        try:
            async with db.begin_nested():
                if inspect(request).expired_attributes:  # the batch's rolled-back savepoint expired what it changed
                    await db.refresh(request)
                if await _escalate_one(db, now, request, has_approver[request_id]):
                    escalated.append(request_id)
        except Exception as error:  # logged; the request is looked at again at its share's next turn
            if session_lost(error):
                raise
            logger.exception("jobs: escalating request %s failed; it is looked at again at its next turn", request_id)
    return escalated


async def _escalate_one(db: AsyncSession, now: datetime, request: AccessRequest, has_approver: bool) -> bool:
    """R39 for one locked candidate: one level up if it waited at its level; up level by level until someone may
    decide it if nobody may. Whether it went up."""
    if has_approver:
        waited = (request.escalated_at or request.created_at) <= now - ESCALATE_AFTER
        return waited and await escalate_request(db, now, request, EscalationCause.WAITED) is not None
    went_up = False
    while await escalate_request(db, now, request, EscalationCause.NO_APPROVER) is not None:
        went_up = True
        if (await approvers_by_request(db, [request])).get(request.id):
            break
    return went_up


MAX_STALLED = 200


def stalled_statement() -> Select[AccessRequest]:
    """Pending requests of organizations that nobody but their requester could decide at the level they were
    routed to (the candidates of `stalled_organizations`), at most BATCH * 4."""
    requests = AccessRequest.__table__.c
    lacking = union_all(
        *_lacking_approver(
            AccessRequest.__table__,
            requests.approver_relation,
            requests.status == RequestStatus.PENDING,
            requests.organization_id.is_not(None),
        )
    ).subquery()
    return (
        select(AccessRequest)
        .where(AccessRequest.id.in_(select(lacking.c.id)))
        .order_by(AccessRequest.id)
        .limit(BATCH * 4)
    )


async def stalled_organizations(db: AsyncSession) -> list[Organization]:
    """For the help desk's console: approved organizations with a pending request that none of the people who
    would decide it there (the levels below the help desk) can decide now - their queue nobody can work; by name,
    at most 200. Asked of `approvers_by_request`, as escalation does (R39; disabled accounts count for nothing)."""
    candidates = (await db.scalars(stalled_statement())).all()
    # the same requests as if never passed to the help desk: who of the organization's own levels can decide them
    own_levels = [
        SimpleNamespace(
            id=r.id,
            requester_id=r.requester_id,
            organization_id=r.organization_id,
            user_group_id=r.user_group_id,
            company_id=r.company_id,
            approver_relation=r.approver_relation,
            escalated_relations=[x for x in r.escalated_relations if x != ApproverRelation.HELP_DESK.value],
        )
        for r in candidates
    ]
    approvers = await approvers_by_request(db, own_levels)
    stalled = {r.organization_id for r in own_levels if not approvers.get(r.id)}
    if not stalled:
        return []
    rows = await db.scalars(
        select(Organization)
        .where(Organization.id.in_(sorted(stalled)), Organization.status == OrganizationStatus.APPROVED)
        .order_by(Organization.legal_business_name, Organization.id)
        .limit(MAX_STALLED)
    )
    return list(rows.all())
