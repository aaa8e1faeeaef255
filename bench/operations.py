"""The measured operations, as each system is asked them, and the fresh rows the mutations need."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import orjson

from bench import world as w

OURS, LIMIT, POSTGRAPHILE = "ours", "limit", "postgraphile"
SYSTEMS = (OURS, LIMIT, POSTGRAPHILE)
QUEUE_PAGE = 50
ASSOCIATIONS_PAGE = 100  # ours refuses more than 100 per page

# --- ours: the documents the SPA and the API tests send ------------------------------------------------------

OURS_QUEUE = """query Queue($first: Int!) { approvalQueue(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id trackingNumber kind status createdAt
    requester { id name email } organization { id legalBusinessName } userGroup { id name } } } } }"""

# The SPA's Viewer query (frontend/src/lib/viewer.ts), loaded by the app shell for every page: "my roles".
OURS_VIEWER = """query Viewer { viewer { id userId name email community emailVerified
  roles { id role status grantedAt certifyBy canRevoke
    organization { id legalBusinessName kind } userGroup { id name kind } company { id name }
    application { id name } grantedBy { id name } } } }"""

OURS_ASSOCIATIONS = """query Companies($first: Int!) { surrogateCompanies { id name tinLast4
  associations(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { status organization { id legalBusinessName } userGroup { id name kind }
      request { id trackingNumber } } } } } }"""

OURS_SIGN_IN = """mutation SignIn($input: SignInInput!) { signIn(input: $input) {
  viewer { id userId name emailVerified } errors { code message field } } }"""

OURS_SUBMIT = """mutation Join($input: UserGroupRefInput!) { requestUserGroupMembership(input: $input) {
  request { id trackingNumber kind status createdAt } errors { code message field } } }"""

OURS_APPROVE = """mutation Approve($input: DecisionInput!) { approveRequest(input: $input) {
  request { id status decidedAt } errors { code message field } } }"""

# --- PostGraphile: the natural queries over its generated schema (Amber preset) -----------------------------

PG_QUEUE = """query Queue($first: Int!) { benchPgApprovalQueue(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id trackingNumber kind status createdAt
    userByRequesterId { id name email } organizationByOrganizationId { id legalBusinessName }
    userGroupByUserGroupId { id name } } } } }"""

PG_VIEWER = """query Viewer { benchPgViewer { id userId name email community emailVerifiedAt
  roleAssignmentsByUserId(condition: { status: ACTIVE }) { nodes { id role status grantedAt certifyBy
    organizationByOrganizationId { id legalBusinessName kind } userGroupByUserGroupId { id name kind }
    surrogateCompanyByCompanyId { id name } applicationByApplicationId { id name }
    userByGrantedById { id name } } } } }"""

# The company's id comes from the viewer's roles (as in the SPA); v5 offers conditions on indexed columns
# only, so the requests of the company are not filtered by kind (its 20 staff joins come along).
PG_ASSOCIATIONS = """query Company($company: UUID!, $first: Int!) { surrogateCompanyByRowId(rowId: $company) {
  id name tin accessRequestsByCompanyId(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id trackingNumber status organizationByOrganizationId { id legalBusinessName }
      userGroupByUserGroupId { id name kind } } } } } }"""


def graphql_body(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return orjson.dumps({"query": query, "variables": variables or {}})


def cookie(person: int) -> str:
    return f"iacs_session={w.session_token(w.SPECIAL_NAMES[person])}"


Check = Callable[[Any], str | None]


@dataclass
class Target:
    """One operation as one system is asked it."""

    system: str
    path: str
    bodies: list[bytes]
    cookie: str | None
    check: Check
    rows: Callable[[Any], list[str]] | None = None  # tracking numbers answered, to compare the systems
    note: str = ""


@dataclass
class Operation:
    name: str
    title: str
    targets: dict[str, Target] = field(default_factory=dict)
    mutation: bool = False


def _dig(data: Any, *path: str | int) -> Any:
    for key in path:
        if data is None:
            return None
        data = data[key]
    return data


def _errors(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return "not a JSON object"
    if answer.get("errors"):
        return f"errors: {orjson.dumps(answer['errors'])[:300].decode()}"
    return None


def _count_check(*path: str | int, expected: int, at_least: bool = False) -> Check:
    def check(answer: Any) -> str | None:
        problem = _errors(answer)
        if problem:
            return problem
        try:
            items = _dig(answer.get("data"), *path)
        except (KeyError, IndexError, TypeError):
            items = None
        if not isinstance(items, list):
            return f"no list at {'.'.join(map(str, path))}"
        if len(items) < expected if at_least else len(items) != expected:
            return f"{len(items)} rows instead of {'at least ' if at_least else ''}{expected}"
        return None

    return check


def _payload_check(field_name: str, result: str) -> Check:
    def check(answer: Any) -> str | None:
        problem = _errors(answer)
        if problem:
            return problem
        payload = _dig(answer, "data", field_name) or {}
        if payload.get("errors"):
            return f"payload errors: {orjson.dumps(payload['errors'])[:300].decode()}"
        if payload.get(result) is None:
            return f"no {result} in the payload"
        return None

    return check


def _tracking(*path: str | int) -> Callable[[Any], list[str]]:
    def rows(answer: Any) -> list[str]:
        edges = _dig(answer, "data", *path) or []
        return [str(edge["node"]["trackingNumber"]) for edge in edges]

    return rows


def read_operations(systems: set[str]) -> list[Operation]:
    queue_ours = graphql_body(OURS_QUEUE, {"first": QUEUE_PAGE})
    queue_pg = graphql_body(PG_QUEUE, {"first": QUEUE_PAGE})
    queue_limit = orjson.dumps({"first": QUEUE_PAGE})
    operations = []
    for person, name, title in (
        (w.HEAVY, "queue_heavy", "approval queue, 50 rows, heavy approver (SO/BSO of 90 organizations)"),
        (w.LIGHT, "queue_light", "approval queue, 50 rows, light approver (SO of 1 organization)"),
    ):
        op = Operation(name, title)
        op.targets[OURS] = Target(
            OURS,
            "/graphql",
            [queue_ours],
            cookie(person),
            _count_check("approvalQueue", "edges", expected=QUEUE_PAGE),
            _tracking("approvalQueue", "edges"),
        )
        op.targets[LIMIT] = Target(
            LIMIT,
            "/queue",
            [queue_limit],
            cookie(person),
            _count_check("approvalQueue", "edges", expected=QUEUE_PAGE),
            _tracking("approvalQueue", "edges"),
        )
        op.targets[POSTGRAPHILE] = Target(
            POSTGRAPHILE,
            "/graphql",
            [queue_pg],
            cookie(person),
            _count_check("benchPgApprovalQueue", "edges", expected=QUEUE_PAGE),
            _tracking("benchPgApprovalQueue", "edges"),
            note="queue as a SQL function (bench_pg.approval_queue), session via pgSettings",
        )
        operations.append(op)

    roles = Operation("my_roles", "my roles (the SPA's Viewer query), typical person with 20 roles")
    roles.targets[OURS] = Target(
        OURS,
        "/graphql",
        [graphql_body(OURS_VIEWER)],
        cookie(w.TYPICAL),
        _count_check("viewer", "roles", expected=20),
    )
    roles.targets[LIMIT] = Target(
        LIMIT, "/my-roles", [b"{}"], cookie(w.TYPICAL), _count_check("viewer", "roles", expected=20)
    )
    roles.targets[POSTGRAPHILE] = Target(
        POSTGRAPHILE,
        "/graphql",
        [graphql_body(PG_VIEWER)],
        cookie(w.TYPICAL),
        _count_check("benchPgViewer", "roleAssignmentsByUserId", "nodes", expected=20),
        note="no canRevoke (computed by ours)",
    )
    operations.append(roles)

    assoc = Operation("associations", "billing company's surrogate associations, first 100 of 220")
    assoc.targets[OURS] = Target(
        OURS,
        "/graphql",
        [graphql_body(OURS_ASSOCIATIONS, {"first": ASSOCIATIONS_PAGE})],
        cookie(w.BILLING),
        _count_check("surrogateCompanies", 0, "associations", "edges", expected=ASSOCIATIONS_PAGE),
    )
    assoc.targets[LIMIT] = Target(
        LIMIT,
        "/associations",
        [orjson.dumps({"first": ASSOCIATIONS_PAGE})],
        cookie(w.BILLING),
        _count_check("surrogateCompanies", 0, "associations", "edges", expected=ASSOCIATIONS_PAGE),
    )
    assoc.targets[POSTGRAPHILE] = Target(
        POSTGRAPHILE,
        "/graphql",
        [graphql_body(PG_ASSOCIATIONS, {"company": str(w.company_id(0)), "first": ASSOCIATIONS_PAGE})],
        cookie(w.BILLING),
        _count_check("surrogateCompanyByRowId", "accessRequestsByCompanyId", "edges", expected=ASSOCIATIONS_PAGE),
        note="company by id, its requests unfiltered by kind, by primary key; no authorization",
    )
    operations.append(assoc)
    for op in operations:
        op.targets = {k: v for k, v in op.targets.items() if k in systems}
    return operations


# --- mutations: each request needs fresh rows ------------------------------------------------------------


def to_global_id(type_name: str, value: uuid.UUID) -> str:
    from iacs.graphql.ids import to_global_id as ours

    return ours(type_name, value)


async def submission_groups(conn: asyncpg.Connection, needed: int) -> list[uuid.UUID]:
    """Groups the submitter may ask to join (approved organization with an SO; not in it; not asked yet)."""
    submitter = w.person_id(0, w.SUBMITTER)
    query = """
        SELECT g.id FROM user_groups g JOIN organizations o ON o.id = g.organization_id
        WHERE g.kind = 'PROVIDER' AND o.status = 'APPROVED' AND o.community = 'PROVIDER_SUPPLIER'
          AND EXISTS (SELECT 1 FROM role_assignments so WHERE so.organization_id = o.id
                      AND so.role = 'SECURITY_OFFICIAL' AND so.status = 'ACTIVE')
          AND NOT EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = $1 AND ra.user_group_id = g.id
                          AND ra.status IN ('ACTIVE', 'SUSPENDED'))
          AND NOT EXISTS (SELECT 1 FROM access_requests r WHERE r.requester_id = $1 AND r.user_group_id = g.id
                          AND r.status = 'PENDING')
        ORDER BY g.id LIMIT $2
    """
    groups = [r["id"] for r in await conn.fetch(query, submitter, needed)]
    if len(groups) < needed:
        # Earlier runs used them up: withdraw the submitter's old requests (as R27 lets a requester do).
        await conn.execute(
            "UPDATE access_requests SET status = 'CANCELLED', decided_at = now() "
            "WHERE requester_id = $1 AND status = 'PENDING'",
            submitter,
        )
        groups = [r["id"] for r in await conn.fetch(query, submitter, needed)]
    return groups


async def decidable_requests(conn: asyncpg.Connection, needed: int) -> list[uuid.UUID]:
    """Fresh pending JOIN_USER_GROUP requests in the decider's groups, from people not in the group."""
    decider = w.person_id(0, w.DECIDER)
    groups = await conn.fetch(
        """
        SELECT ra.user_group_id AS gid, ra.organization_id AS oid FROM role_assignments ra
        WHERE ra.user_id = $1 AND ra.role = 'USER_GROUP_ADMINISTRATOR' AND ra.status = 'ACTIVE'
          AND ra.application_id IS NULL AND ra.user_group_id IS NOT NULL
        ORDER BY ra.user_group_id
        """,
        decider,
    )
    if not groups:
        return []
    people_needed = (needed * 2) // len(groups) + 10
    people = [
        r["id"]
        for r in await conn.fetch(
            "SELECT id FROM users WHERE email LIKE 'person%@bench.example.org' AND status = 'ACTIVE' "
            "ORDER BY random() LIMIT $1",
            people_needed,
        )
    ]
    # Distinct (person, group) pairs: each person with every group, until twice what is needed.
    pairs = [
        (people[i // len(groups)], groups[i % len(groups)]) for i in range(min(needed * 2, len(people) * len(groups)))
    ]
    has_reminded = await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'access_requests' "
        "AND column_name = 'reminded_at')"
    )
    reminded = (", reminded_at", ", c.created_at") if has_reminded else ("", "")
    rows = await conn.fetch(
        f"""
        WITH pairs AS (
            SELECT p.uid, p.gid, p.oid, p.n FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])
                WITH ORDINALITY AS p(uid, gid, oid, n)),
        candidates AS (
            SELECT p.*, now() - (p.n % 86400) * interval '1 second' AS created_at FROM pairs p
            WHERE NOT EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = p.uid AND ra.user_group_id = p.gid
                              AND ra.status IN ('ACTIVE', 'SUSPENDED'))
              AND NOT EXISTS (SELECT 1 FROM access_requests r WHERE r.requester_id = p.uid
                              AND r.user_group_id = p.gid AND r.status = 'PENDING')
            ORDER BY p.n LIMIT $4)
        INSERT INTO access_requests (tracking_number, kind, status, requester_id, organization_id, user_group_id,
                                     approver_relation, created_at, expires_at{reminded[0]})
        SELECT 'R' || to_char(now(), 'YYMMDD') || '-' ||
                   translate(upper(substr(md5(random()::text || c.n::text), 1, 6)), '01', 'XY'),
               'JOIN_USER_GROUP', 'PENDING', c.uid, c.oid, c.gid, 'GROUP_ADMINISTRATORS',
               c.created_at, c.created_at + interval '30 days'{reminded[1]}
        FROM candidates c
        ON CONFLICT DO NOTHING
        RETURNING id
        """,
        [p for p, _ in pairs],
        [g["gid"] for _, g in pairs],
        [g["oid"] for _, g in pairs],
        needed,
    )
    return [r["id"] for r in rows]


async def mutation_operations(conn: asyncpg.Connection, needed: int) -> list[Operation]:
    """Sign-in, a submission and a decision (ours only), with `needed` fresh items for the last two."""
    sign_in = Operation("sign_in", "sign-in (argon2id), ours only", mutation=True)
    sign_in.targets[OURS] = Target(
        OURS,
        "/graphql",
        [graphql_body(OURS_SIGN_IN, {"input": {"login": w.email_of(w.SIGN_IN), "password": w.PASSWORD}})],
        None,
        _payload_check("signIn", "viewer"),
    )
    groups = await submission_groups(conn, needed)
    submit = Operation("submit", "submission: requestUserGroupMembership, a new group each time", mutation=True)
    submit.targets[OURS] = Target(
        OURS,
        "/graphql",
        [graphql_body(OURS_SUBMIT, {"input": {"userGroupId": to_global_id("UserGroup", g)}}) for g in groups],
        cookie(w.SUBMITTER),
        _payload_check("requestUserGroupMembership", "request"),
        note=f"{len(groups)} fresh groups prepared",
    )
    requests = await decidable_requests(conn, needed)
    decide = Operation("decide", "decision: approveRequest of a pending join, a new request each time", mutation=True)
    decide.targets[OURS] = Target(
        OURS,
        "/graphql",
        [graphql_body(OURS_APPROVE, {"input": {"requestId": to_global_id("AccessRequest", r)}}) for r in requests],
        cookie(w.DECIDER),
        _payload_check("approveRequest", "request"),
        note=f"{len(requests)} fresh requests prepared",
    )
    return [sign_in, submit, decide]
