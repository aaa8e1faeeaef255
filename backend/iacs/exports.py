"""Downloads of what a screen shows, as CSV or JSON lines, streamed (issue 15; docs/api.md, "Exports").

    GET /exports/associations.csv?companyId=        a billing company's associations (its UGAs, the help desk)
    GET /exports/organization-roles.csv?organizationId=   an organization's officials and its groups' roles
    GET /exports/audit.csv[?actions=A&actions=B][&organizationId=]   the audit log, filtered as on screen (R31)
    GET /exports/approval-queue.csv[?kinds=K][&organizationId=]       the viewer's approval queue (R24)
    ?format=jsonl   JSON lines instead of CSV (the same columns, one object a line)

Each file is made by running the same GraphQL the page runs, as the same person (session cookie or API token,
R43), page by page through its connection (100 rows a page, a fresh request context each page): so it holds
exactly what the screen would show that person, by construction (docs/visibility.md), and the server's memory
stays the same whatever the file's length. No visibility rule is written here.

Cells are spreadsheet-safe: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
apostrophe, so a spreadsheet shows it as text and never runs it as a formula. UTF-8 with a header row; dates as
ISO 8601 (as the API gives them).
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import request_response
from starlette.types import ASGIApp
from strawberry.schema.base import BaseSchema

from iacs.graphql.bearer import BearerGate
from iacs.graphql.context import AppServices, Context
from iacs.graphql.inflight import PerSessionLimit

logger = logging.getLogger(__name__)

PAGE = 100
MAX_FILTER_VALUES = 100  # as the GraphQL lists (docs/api.md, Limits)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


def spreadsheet_safe(value: Any) -> str:
    """The cell's text; one that a spreadsheet would read as a formula is kept as text (leading apostrophe)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = (
        value
        if isinstance(value, str)
        else orjson.dumps(value).decode()
        if isinstance(value, dict | list)
        else str(value)
    )
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _name(person: Mapping[str, Any] | None) -> str | None:
    return person.get("name") if person else None


def _get(obj: Mapping[str, Any] | None, *path: str) -> Any:
    for key in path:
        if obj is None:
            return None
        obj = obj.get(key)
    return obj


class ExportProblem(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    def response(self) -> Response:
        error: dict[str, Any] = {"message": self.message, "extensions": {"code": self.code}}
        if self.field is not None:
            error["extensions"]["field"] = self.field
        return JSONResponse({"errors": [error]}, status_code=self.status, headers={"cache-control": "no-store"})


@dataclass(frozen=True)
class Export:
    """One download: its columns, the document of one page, and how a page's answer becomes rows."""

    filename: str
    columns: tuple[str, ...]
    document: str
    variables: Callable[[Request], dict[str, Any]]
    rows: Callable[[dict[str, Any]], tuple[list[Row], str | None]]  # the page's rows, the next cursor (or None)


def _required_id(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value or len(value) > 100:
        raise ExportProblem(400, "INVALID_INPUT", f"Give `{name}`: the id of what to export.", name)
    return value


def _optional_id(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > 100:
        raise ExportProblem(400, "INVALID_INPUT", f"`{name}` is not an id.", name)
    return value or None


def _values(request: Request, name: str) -> list[str] | None:
    values = [v.strip() for v in request.query_params.getlist(name) if v.strip()]
    if len(values) > MAX_FILTER_VALUES or any(len(v) > 100 for v in values):
        raise ExportProblem(400, "INVALID_INPUT", f"`{name}` holds at most {MAX_FILTER_VALUES} names.", name)
    return values or None


def _connection(connection: Mapping[str, Any] | None) -> tuple[list[Mapping[str, Any]], str | None]:
    if connection is None:
        return [], None
    info = connection["pageInfo"]
    nodes = [edge["node"] for edge in connection["edges"]]
    return nodes, info["endCursor"] if info["hasNextPage"] else None


# --- the four exports ----------------------------------------------------------------------------------------

PAGE_INFO = "pageInfo { hasNextPage endCursor }"

ASSOCIATIONS = f"""
query ExportAssociations($id: ID!, $after: String) {{
  node(id: $id) {{
    ... on SurrogateCompany {{
      name
      associations(first: {PAGE}, after: $after) {{
        {PAGE_INFO}
        edges {{ node {{
          status
          organization {{ legalBusinessName npi city state }}
          userGroup {{ name }}
          request {{ trackingNumber createdAt decidedAt }}
        }} }}
      }}
    }}
  }}
}}"""


def _association_rows(data: dict[str, Any]) -> tuple[list[Row], str | None]:
    company = data.get("node")
    if company is None or "associations" not in company:
        raise ExportProblem(
            404, "NOT_FOUND", "There is no such billing company, or it is not yours to see.", "companyId"
        )
    nodes, after = _connection(company["associations"])
    return [
        {
            "company": company["name"],
            "organization": _get(n, "organization", "legalBusinessName"),
            "npi": _get(n, "organization", "npi"),
            "city": _get(n, "organization", "city"),
            "state": _get(n, "organization", "state"),
            "userGroup": _get(n, "userGroup", "name"),
            "status": n["status"],
            "trackingNumber": _get(n, "request", "trackingNumber"),
            "requestedAt": _get(n, "request", "createdAt"),
            "decidedAt": _get(n, "request", "decidedAt"),
        }
        for n in nodes
    ], after


ROLE_FIELDS = "role status grantedAt certifyBy endsAt user { name email } application { name }"

ORGANIZATION_ROLES = f"""
query ExportOrganizationRoles($id: ID!) {{
  node(id: $id) {{
    ... on Organization {{
      legalBusinessName
      officials {{ {ROLE_FIELDS} }}
      userGroups {{ name roleAssignments {{ {ROLE_FIELDS} }} }}
    }}
  }}
}}"""


def _role_row(organization: str, group: str | None, role: Mapping[str, Any]) -> Row:
    return {
        "organization": organization,
        "userGroup": group,
        "role": role["role"],
        "status": role["status"],
        "person": _get(role, "user", "name"),
        "email": _get(role, "user", "email"),
        "application": _get(role, "application", "name"),
        "grantedAt": role["grantedAt"],
        "certifyBy": role.get("certifyBy"),
        "endsAt": role.get("endsAt"),
    }


def _organization_rows(data: dict[str, Any]) -> tuple[list[Row], str | None]:
    org = data.get("node")
    if org is None or "officials" not in org:
        raise ExportProblem(
            404, "NOT_FOUND", "There is no such organization, or it is not yours to see.", "organizationId"
        )
    name = org["legalBusinessName"]
    rows = [_role_row(name, None, r) for r in org["officials"]]
    for group in org["userGroups"]:
        rows += [_role_row(name, group["name"], r) for r in group["roleAssignments"]]
    return rows, None  # one page: the organization page shows its roles in one answer too


AUDIT = f"""
query ExportAudit($after: String, $actions: [String!], $organizationId: ID) {{
  auditEvents(first: {PAGE}, after: $after, actions: $actions, organizationId: $organizationId) {{
    {PAGE_INFO}
    edges {{ node {{
      id occurredAt action details
      actor {{ name }} subjectUser {{ name }} organization {{ legalBusinessName }} request {{ trackingNumber }}
    }} }}
  }}
}}"""


def _audit_rows(data: dict[str, Any]) -> tuple[list[Row], str | None]:
    nodes, after = _connection(data["auditEvents"])
    return [
        {
            "id": n["id"],
            "occurredAt": n["occurredAt"],
            "action": n["action"],
            "actor": _name(n["actor"]),
            "subject": _name(n["subjectUser"]),
            "organization": _get(n, "organization", "legalBusinessName"),
            "trackingNumber": _get(n, "request", "trackingNumber"),
            "details": n["details"],
        }
        for n in nodes
    ], after


QUEUE = f"""
query ExportApprovalQueue($after: String, $kinds: [RequestKind!], $organizationId: ID) {{
  approvalQueue(first: {PAGE}, after: $after, kinds: $kinds, organizationId: $organizationId) {{
    {PAGE_INFO}
    edges {{ node {{
      trackingNumber kind status createdAt expiresAt justification requestedEndsAt
      requester {{ name email }} organization {{ legalBusinessName }} userGroup {{ name }} company {{ name }}
      application {{ name }}
    }} }}
  }}
}}"""


def _queue_rows(data: dict[str, Any]) -> tuple[list[Row], str | None]:
    nodes, after = _connection(data["approvalQueue"])
    return [
        {
            "trackingNumber": n["trackingNumber"],
            "kind": n["kind"],
            "status": n["status"],
            "requester": _get(n, "requester", "name"),
            "requesterEmail": _get(n, "requester", "email"),
            "organization": _get(n, "organization", "legalBusinessName"),
            "userGroup": _get(n, "userGroup", "name"),
            "company": _get(n, "company", "name"),
            "application": _get(n, "application", "name"),
            "justification": n.get("justification"),
            "requestedEndsAt": n.get("requestedEndsAt"),
            "createdAt": n["createdAt"],
            "expiresAt": n["expiresAt"],
        }
        for n in nodes
    ], after


EXPORTS: dict[str, Export] = {
    "associations": Export(
        "associations",
        (
            "company",
            "organization",
            "npi",
            "city",
            "state",
            "userGroup",
            "status",
            "trackingNumber",
            "requestedAt",
            "decidedAt",
        ),
        ASSOCIATIONS,
        lambda request: {"id": _required_id(request, "companyId")},
        _association_rows,
    ),
    "organization-roles": Export(
        "organization-roles",
        (
            "organization",
            "userGroup",
            "role",
            "status",
            "person",
            "email",
            "application",
            "grantedAt",
            "certifyBy",
            "endsAt",
        ),
        ORGANIZATION_ROLES,
        lambda request: {"id": _required_id(request, "organizationId")},
        _organization_rows,
    ),
    "audit": Export(
        "audit",
        ("id", "occurredAt", "action", "actor", "subject", "organization", "trackingNumber", "details"),
        AUDIT,
        lambda request: {
            "actions": _values(request, "actions"),
            "organizationId": _optional_id(request, "organizationId"),
        },
        _audit_rows,
    ),
    "approval-queue": Export(
        "approval-queue",
        (
            "trackingNumber",
            "kind",
            "status",
            "requester",
            "requesterEmail",
            "organization",
            "userGroup",
            "company",
            "application",
            "justification",
            "requestedEndsAt",
            "createdAt",
            "expiresAt",
        ),
        QUEUE,
        lambda request: {"kinds": _values(request, "kinds"), "organizationId": _optional_id(request, "organizationId")},
        _queue_rows,
    ),
}


# --- running and streaming -----------------------------------------------------------------------------------


class Exports:
    """The /exports/{name}.csv endpoint (Starlette), given the app's schema and services."""

    def __init__(self, schema: BaseSchema, services: AppServices) -> None:
        self.schema = schema
        self.services = services

    async def _page(self, request: Request, export: Export, variables: dict[str, Any]) -> dict[str, Any]:
        context = Context(request=request, response=Response(), services=self.services)
        context.read_only = True
        try:
            result = await self.schema.execute(export.document, variable_values=variables, context_value=context)
        finally:
            await context.close()
        if result.errors:
            codes = {(e.extensions or {}).get("code") for e in result.errors}
            if "UNAUTHENTICATED" in codes:
                raise ExportProblem(401, "UNAUTHENTICATED", "Sign in first, or send an API token.")
            # A value the document refuses before it runs (an unknown kind, a bad cursor): the parameter's fault.
            if codes & {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"} or all(e.path is None for e in result.errors):
                raise ExportProblem(400, "INVALID_INPUT", result.errors[0].message)
            raise ExportProblem(503, "SERVICE_UNAVAILABLE", "The export could not be made; try again.")
        assert result.data is not None
        return result.data

    async def _signed_in(self, request: Request) -> None:
        context = Context(request=request, response=Response(), services=self.services)
        context.read_only = True
        try:
            if await context.viewer() is None:
                raise ExportProblem(401, "UNAUTHENTICATED", "Sign in first, or send an API token.")
        finally:
            await context.close()

    async def __call__(self, request: Request) -> Response:
        try:
            return await self._answer(request)
        except ExportProblem as problem:
            return problem.response()

    async def _answer(self, request: Request) -> Response:
        name, _, extension = request.path_params["name"].partition(".")
        export = EXPORTS.get(name)
        if export is None or extension != "csv":
            raise ExportProblem(404, "NOT_FOUND", "There is no such export.")
        output = request.query_params.get("format", "csv")
        if output not in {"csv", "jsonl"}:
            raise ExportProblem(400, "INVALID_INPUT", "`format` is csv or jsonl.", "format")
        if "authorization" not in request.headers and request.headers.get("sec-fetch-site", "") == "cross-site":
            # A session cookie rides along on a link from another site (SameSite=Lax): a download is ours only.
            raise ExportProblem(403, "FORBIDDEN", "Open the export from IACS itself.")
        await self._signed_in(request)
        variables = export.variables(request)
        first, after = export.rows(await self._page(request, export, {**variables, "after": None}))
        stamp = self.services.clock.now().date().isoformat()
        filename = f"{export.filename}-{stamp}.{'jsonl' if output == 'jsonl' else 'csv'}"
        media = "application/x-ndjson; charset=utf-8" if output == "jsonl" else "text/csv; charset=utf-8"
        encode = _jsonl_lines if output == "jsonl" else _csv_lines
        return StreamingResponse(
            encode(export.columns, self._pages(request, export, variables, first, after)),
            media_type=media,
            headers={
                "content-disposition": f'attachment; filename="{filename}"',
                "cache-control": "no-store",
                "x-content-type-options": "nosniff",
            },
        )

    async def _pages(
        self, request: Request, export: Export, variables: dict[str, Any], first: list[Row], after: str | None
    ) -> AsyncIterator[list[Row]]:
        yield first
        while after is not None:
            rows, after = export.rows(await self._page(request, export, {**variables, "after": after}))
            yield rows


async def _csv_lines(columns: Iterable[str], pages: AsyncIterator[list[Row]]) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = tuple(columns)
    writer.writerow(columns)
    async for rows in pages:
        for row in rows:
            writer.writerow([spreadsheet_safe(row.get(c)) for c in columns])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


async def _jsonl_lines(columns: Iterable[str], pages: AsyncIterator[list[Row]]) -> AsyncIterator[bytes]:
    columns = tuple(columns)
    async for rows in pages:
        yield b"".join(orjson.dumps({c: row.get(c) for c in columns}) + b"\n" for row in rows)


def exports_app(
    schema: BaseSchema, services: AppServices, session_factory: async_sessionmaker[AsyncSession]
) -> ASGIApp:
    """The endpoint as the app mounts it: an API token checked as for /graphql (R43), at most 4 at once a session."""
    endpoint = request_response(Exports(schema, services))
    return PerSessionLimit(BearerGate(endpoint, session_factory, services.clock), services.settings.session_cookie_name)
