"""Hand-written SQL: one statement per operation for the limit, and PostGraphile's functions.

The approval-queue rule is the one of iacs.domain.requests.routing (R24): a pending request is in the
queue of the people holding, actively and without an application, a role of the relation it is routed
to in its scope; never the requester's own. Written once here as UNION ALL branches (one per relation,
each able to use an index), it serves the limit's statement and PostGraphile's `approval_queue()`.
"""

from __future__ import annotations

VIEWER = """
    SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = {token_hash} AND s.expires_at > now()
      AND s.last_seen_at > now() - interval '30 minutes' AND u.status = 'ACTIVE'
"""

# `{viewer}`: an expression giving the viewer's id; `{columns}`: what each branch selects.
QUEUE_BRANCHES = """
    WITH held AS (
        SELECT ra.role, ra.organization_id, ra.user_group_id, ra.company_id FROM role_assignments ra
        WHERE ra.user_id = {viewer} AND ra.status = 'ACTIVE' AND ra.application_id IS NULL
    )
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'ORGANIZATION_OFFICIALS' AND r.requester_id <> {viewer}
      AND r.organization_id IN (SELECT organization_id FROM held
                                WHERE role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL')
                                  AND user_group_id IS NULL)
    UNION ALL
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'ORGANIZATION_SECURITY_OFFICIAL'
      AND r.requester_id <> {viewer}
      AND r.organization_id IN (SELECT organization_id FROM held
                                WHERE role = 'SECURITY_OFFICIAL' AND user_group_id IS NULL)
    UNION ALL
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'GROUP_ADMINISTRATORS' AND r.requester_id <> {viewer}
      AND r.user_group_id IN (SELECT user_group_id FROM held
                              WHERE role = 'USER_GROUP_ADMINISTRATOR' AND user_group_id IS NOT NULL)
    UNION ALL
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'COMPANY_ADMINISTRATORS' AND r.requester_id <> {viewer}
      AND r.company_id IN (SELECT company_id FROM held
                           WHERE role = 'USER_GROUP_ADMINISTRATOR' AND user_group_id IS NULL)
    UNION ALL
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'PRACTITIONER' AND r.requester_id <> {viewer}
      AND r.organization_id IN (SELECT organization_id FROM held
                                WHERE role = 'INDIVIDUAL_PRACTITIONER' AND user_group_id IS NULL)
    UNION ALL
    SELECT {columns} FROM access_requests r
    WHERE r.status = 'PENDING' AND r.approver_relation = 'HELP_DESK' AND r.requester_id <> {viewer}
      AND EXISTS (SELECT 1 FROM held WHERE role = 'HELP_DESK')
"""


def gid(type_name: str, column: str) -> str:
    """The Relay global id of our API (base64url of "Type:uuid", unpadded), computed by PostgreSQL."""
    return f"translate(rtrim(encode(convert_to('{type_name}:' || {column}::text, 'UTF8'), 'base64'), '='), '+/', '-_')"


def _obj(alias: str, fields: str) -> str:
    return f"CASE WHEN {alias}.id IS NULL THEN NULL ELSE json_build_object({fields}) END"


# --- the limit: one statement per operation, the JSON answer built by PostgreSQL ---------------------------

LIMIT_QUEUE = f"""
WITH viewer AS ({VIEWER.format(token_hash="$1")}),
matching AS ({QUEUE_BRANCHES.format(viewer="(SELECT id FROM viewer)", columns="r.id, r.created_at")}),
page AS (SELECT id, created_at FROM matching ORDER BY created_at, id LIMIT $2 + 1)
SELECT json_build_object('data', json_build_object('approvalQueue', json_build_object(
    'totalCount', (SELECT count(*) FROM matching),
    'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > $2,
        'endCursor', (SELECT replace(encode(convert_to(json_build_array(p.created_at, p.id)::text, 'UTF8'), 'base64'),
                                     E'\\n', '')
                      FROM (SELECT * FROM page ORDER BY created_at, id LIMIT $2) p
                      ORDER BY p.created_at DESC, p.id DESC LIMIT 1)),
    'edges', coalesce((
        SELECT json_agg(json_build_object(
            'cursor', replace(encode(convert_to(json_build_array(r.created_at, r.id)::text, 'UTF8'), 'base64'),
                              E'\\n', ''),
            'node', json_build_object(
                'id', {gid("AccessRequest", "r.id")},
                'trackingNumber', r.tracking_number,
                'kind', r.kind,
                'status', r.status,
                'createdAt', r.created_at,
                'requester', json_build_object('id', {gid("User", "u.id")}, 'name', u.name, 'email', u.email),
                'organization', {_obj("o", f"'id', {gid('Organization', 'o.id')}, 'legalBusinessName', o.legal_business_name")},
                'userGroup', {_obj("g", f"'id', {gid('UserGroup', 'g.id')}, 'name', g.name")}))
            ORDER BY r.created_at, r.id)
        FROM (SELECT id FROM page ORDER BY created_at, id LIMIT $2) p
        JOIN access_requests r ON r.id = p.id
        JOIN users u ON u.id = r.requester_id
        LEFT JOIN organizations o ON o.id = r.organization_id
        LEFT JOIN user_groups g ON g.id = r.user_group_id), '[]'::json))))::text
"""  # noqa: E501

LIMIT_SIGNED_IN = f"""
SELECT json_build_object('data', json_build_object('viewer', (
    SELECT json_build_object('id', {gid("User", "v.id")}) FROM ({VIEWER.format(token_hash="$1")}) v)))::text
"""

LIMIT_MY_ROLES = f"""
WITH viewer AS ({VIEWER.format(token_hash="$1")})
SELECT json_build_object('data', json_build_object('viewer', (
    SELECT json_build_object(
        'id', {gid("User", "u.id")}, 'userId', u.user_id, 'name', u.name, 'email', u.email,
        'community', u.community, 'emailVerified', u.email_verified_at IS NOT NULL,
        'roles', coalesce((
            SELECT json_agg(json_build_object(
                'id', {gid("RoleAssignment", "ra.id")},
                'role', ra.role,
                'status', ra.status,
                'grantedAt', ra.granted_at,
                'certifyBy', ra.certify_by,
                'canRevoke', ra.role <> 'HELP_DESK',
                'organization', {_obj("o", f"'id', {gid('Organization', 'o.id')}, 'legalBusinessName', o.legal_business_name, 'kind', o.kind")},
                'userGroup', {_obj("g", f"'id', {gid('UserGroup', 'g.id')}, 'name', g.name, 'kind', g.kind")},
                'company', {_obj("c", f"'id', {gid('SurrogateCompany', 'c.id')}, 'name', c.name")},
                'application', {_obj("a", f"'id', {gid('Application', 'a.id')}, 'name', a.name")},
                'grantedBy', {_obj("gb", f"'id', {gid('User', 'gb.id')}, 'name', gb.name")})
                ORDER BY ra.granted_at, ra.id)
            FROM role_assignments ra
            LEFT JOIN organizations o ON o.id = ra.organization_id
            LEFT JOIN user_groups g ON g.id = ra.user_group_id
            LEFT JOIN surrogate_companies c ON c.id = ra.company_id
            LEFT JOIN applications a ON a.id = ra.application_id
            LEFT JOIN users gb ON gb.id = ra.granted_by_id
            WHERE ra.user_id = u.id AND ra.status = 'ACTIVE'), '[]'::json))
    FROM viewer v JOIN users u ON u.id = v.id)))::text
"""  # noqa: E501

LIMIT_ASSOCIATIONS = f"""
WITH viewer AS ({VIEWER.format(token_hash="$1")}),
companies AS (
    SELECT c.* FROM surrogate_companies c
    WHERE c.id IN (SELECT ra.company_id FROM role_assignments ra
                   WHERE ra.user_id = (SELECT id FROM viewer) AND ra.role = 'USER_GROUP_ADMINISTRATOR'
                     AND ra.user_group_id IS NULL AND ra.status = 'ACTIVE'))
SELECT json_build_object('data', json_build_object('surrogateCompanies', coalesce(json_agg(json_build_object(
    'id', {gid("SurrogateCompany", "c.id")},
    'name', c.name,
    'tinLast4', right(c.tin, 4),
    'associations', (
        WITH latest AS (
            SELECT DISTINCT ON (r.organization_id) r.* FROM access_requests r
            WHERE r.company_id = c.id AND r.kind = 'CREATE_SURROGATE_USER_GROUP'
            ORDER BY r.organization_id, r.created_at DESC, r.id DESC),
        page AS (
            SELECT l.id, l.status, l.tracking_number, l.user_group_id, o.id AS org_id, o.legal_business_name
            FROM latest l JOIN organizations o ON o.id = l.organization_id
            ORDER BY o.legal_business_name, o.id LIMIT $2 + 1)
        SELECT json_build_object(
            'totalCount', (SELECT count(*) FROM latest),
            'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > $2),
            'edges', coalesce((
                SELECT json_agg(json_build_object(
                    'cursor', replace(encode(convert_to(json_build_array(p.legal_business_name, p.org_id)::text,
                                                        'UTF8'), 'base64'), E'\\n', ''),
                    'node', json_build_object(
                        'status', p.status,
                        'organization', json_build_object('id', {gid("Organization", "p.org_id")},
                                                          'legalBusinessName', p.legal_business_name),
                        'userGroup', {_obj("g", f"'id', {gid('UserGroup', 'g.id')}, 'name', g.name, 'kind', g.kind")},
                        'request', json_build_object('id', {gid("AccessRequest", "p.id")},
                                                     'trackingNumber', p.tracking_number)))
                    ORDER BY p.legal_business_name, p.org_id)
                FROM (SELECT * FROM page ORDER BY legal_business_name, org_id LIMIT $2) p
                LEFT JOIN user_groups g ON g.id = p.user_group_id), '[]'::json)))
    ) ORDER BY c.name, c.id), '[]'::json)))::text
FROM companies c
"""

# --- PostGraphile: what its users write - a "current user" function and a custom query as SQL functions -----

POSTGRAPHILE_SCHEMA = "bench_pg"
POSTGRAPHILE_FUNCTIONS = f"""
CREATE SCHEMA IF NOT EXISTS {POSTGRAPHILE_SCHEMA};

CREATE OR REPLACE FUNCTION {POSTGRAPHILE_SCHEMA}.viewer_id() RETURNS uuid LANGUAGE sql STABLE AS $$
    {VIEWER.format(token_hash="sha256(convert_to(coalesce(current_setting('iacs.session_token', true), ''), 'UTF8'))")}
$$;
COMMENT ON FUNCTION {POSTGRAPHILE_SCHEMA}.viewer_id() IS E'@behavior -queryField';

CREATE OR REPLACE FUNCTION {POSTGRAPHILE_SCHEMA}.viewer() RETURNS public.users LANGUAGE sql STABLE AS $$
    SELECT u.* FROM public.users u WHERE u.id = {POSTGRAPHILE_SCHEMA}.viewer_id()
$$;
COMMENT ON FUNCTION {POSTGRAPHILE_SCHEMA}.viewer() IS E'The signed-in person (from the iacs_session cookie).';

CREATE OR REPLACE FUNCTION {POSTGRAPHILE_SCHEMA}.approval_queue() RETURNS SETOF public.access_requests
LANGUAGE sql STABLE AS $$
    SELECT q.* FROM ({QUEUE_BRANCHES.format(viewer=f"(SELECT {POSTGRAPHILE_SCHEMA}.viewer_id())", columns="r.*")}) q
    ORDER BY q.created_at, q.id
$$;
COMMENT ON FUNCTION {POSTGRAPHILE_SCHEMA}.approval_queue() IS E'R24: pending requests the viewer may decide, oldest first.';
"""  # noqa: E501
