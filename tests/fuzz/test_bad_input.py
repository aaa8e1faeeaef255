"""docs/reliability.md, "Bad input": a table of invalid values per field, and hypothesis strategies per input type.

Both send every mutation of the schema (and the string arguments of the queries) through GraphQL, signed in as
a person holding many roles (tests/fuzz/world.py), and check for each answer:
- 0 server errors: HTTP 200 (413 only for a body over 64 KiB), no top-level error at all (the values are well
  typed, so neither a masked "Internal error." nor anything else);
- every invalid value is answered with a code naming the field: each payload error with a field-validation
  code carries a `field` path that exists in the input that was sent (and, in the table, names the very field
  whose value was invalid);
- nothing is written when refused: the row counts and digests of every table are unchanged (signIn, which
  counts failures by design, may only add to audit_events and sign_in_throttle).
The hypothesis budget is IACS_FUZZ_EXAMPLES per input type (10 in `make test`, more in `make test-fuzz`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import string
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.app import MAX_BODY_BYTES
from iacs.auth import passwords
from iacs.domain.enums import ErrorCode
from iacs.graphql.schema import build_schema
from iacs.graphql.unavailable import UNSTORABLE_TEXT_MESSAGE
from tests.api.people import valid_npi
from tests.conftest import START
from tests.fuzz.world import EXAMPLES_PER_INPUT_TYPE, FuzzDatabase, FuzzWorld, fuzz_database, record_results, wrong_ids
from tests.security.test_quality_security import print_to_terminal

__all__ = ["fuzz_database"]  # the module's database, world and app (a fixture)

SCHEMA = build_schema()._schema
MUTATION = SCHEMA.mutation_type
QUERY = SCHEMA.query_type
assert MUTATION is not None
assert QUERY is not None

# Codes that say "this value is wrong": they must name the field (api.md: INVALID_INPUT "with field").
FIELD_CODES = {
    ErrorCode.INVALID_INPUT,
    ErrorCode.INVALID_NPI,
    ErrorCode.INVALID_TIN,
    ErrorCode.INVALID_ZIP,
    ErrorCode.WEAK_PASSWORD,
    ErrorCode.EMAIL_TAKEN,
    ErrorCode.INVALID_CODE,
    ErrorCode.REASON_REQUIRED,
    ErrorCode.NOT_FOUND,
    ErrorCode.DELEGATION_NOT_ALLOWED,  # R38: names the role, the delegate or the end date
}
# Free text that is stored: a value PostgreSQL cannot store, or that hides text (control and format
# characters), must be refused naming the field.
STORED_TEXT = {
    "email",
    "name",
    "phone",
    "legalBusinessName",
    "ptan",
    "line1",
    "line2",
    "city",
    "reason",
    "description",
    "url",  # R44: a webhook endpoint
}
BAD_STRINGS = {
    "NUL": "ab\x00cd",
    "right-to-left override": "ab\u202ecd",
    "lone surrogate": "ab\ud800cd",
    "5,000 characters": "x" * 5000,
}
ID_FIELDS = {
    "organizationId": "Organization",
    "userGroupId": "UserGroup",
    "companyId": "SurrogateCompany",
    "applicationId": "Application",
    "requestId": "AccessRequest",
    "roleAssignmentId": "RoleAssignment",
    "userId": "User",
    "delegateId": "User",  # R38
    "organizationIds": "Organization",
    "requestIds": "AccessRequest",
    "roleAssignmentIds": "RoleAssignment",
    # NodeRefInput.id (revokeApiToken, endDelegation, deleteWebhook, redeliverWebhookDelivery) takes one kind each;
    # the world's requests serve as well-formed ids of another kind, and the wrong ids are the table's
    "id": "AccessRequest",
}
# --- sending one operation and judging the answer -----------------------------------------------------------

SNAPSHOT_TABLES = (
    "access_requests",
    "role_assignments",
    "user_groups",
    "organizations",
    "surrogate_companies",
    "applications",
    "provider_type_settings",  # R42
    "users",
    "sessions",
    "email_verification_codes",
    "audit_events",
    "mail_outbox",
    "sign_in_throttle",
    "webhooks",  # R44
    "webhook_deliveries",
    "delegations",  # R38
    "api_tokens",  # R43
)
APPEND_ONLY = {"audit_events", "mail_outbox"}  # a count tells whether anything was added (no row ever changes)
SNAPSHOT = text(
    " UNION ALL ".join(
        f"SELECT '{t}', count(*), "  # noqa: S608 - constant names
        + ("''" if t in APPEND_ONLY else "md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))")
        + f" FROM {t} AS x"
        for t in SNAPSHOT_TABLES
    )
)
WRITES_WHEN_REFUSED = {"signIn": {"audit_events", "sign_in_throttle"}}  # R4: failures are counted and audited


async def snapshot(factory: async_sessionmaker[AsyncSession]) -> dict[str, tuple[int, str]]:
    async with factory() as db:
        return {t: (n, digest) for t, n, digest in (await db.execute(SNAPSHOT)).all()}


def payload_selection(field_name: str) -> str:
    """`errors { code message field }` and the id of every object the payload returns."""
    mutation_field = MUTATION.fields[field_name]  # type: ignore[union-attr]
    payload = get_named_type(mutation_field.type)
    if not isinstance(payload, GraphQLObjectType):
        return ""
    parts = []
    for name, payload_field in payload.fields.items():
        if name == "errors":
            parts.append("errors { code message field }")
        elif isinstance(object_type := get_named_type(payload_field.type), GraphQLObjectType):
            parts.append(f"{name} {{ {'id' if 'id' in object_type.fields else '__typename'} }}")  # R42: no id
    return "{ " + " ".join(parts) + " }"


def input_type(field_name: str) -> GraphQLInputObjectType:
    named = get_named_type(MUTATION.fields[field_name].args["input"].type)  # type: ignore[union-attr]
    assert isinstance(named, GraphQLInputObjectType)
    return named


MUTATIONS_WITH_INPUT = sorted(name for name, f in MUTATION.fields.items() if "input" in f.args)


def document(field_name: str) -> str:
    return (
        f"mutation($input: {input_type(field_name).name}!) {{ {field_name}(input: $input) "
        f"{payload_selection(field_name)} }}"
    )


def names_a_field(graphql_type: GraphQLInputType, value: Any, path: list[str]) -> bool:
    """Whether `path` (a UserError.field) names a field of the input: one that was sent (a list item by its
    index), or a declared field that was left out (a required-by-rule value that is missing, like a reason)."""
    current_type: Any = graphql_type
    current = value
    for part in path:
        current_type = current_type.of_type if isinstance(current_type, GraphQLNonNull) else current_type
        if isinstance(current_type, GraphQLList):
            if not (isinstance(current, list) and part.isdigit() and int(part) < len(current)):
                return False
            current_type, current = current_type.of_type, current[int(part)]
        elif isinstance(current_type, GraphQLInputObjectType) and part in current_type.fields:
            current_type = current_type.fields[part].type
            current = current.get(part) if isinstance(current, dict) else None
        else:
            return False
    return True


@dataclass
class Verdict:
    refused: bool
    codes: list[str]
    fields: list[list[str] | None]


def judge(field_name: str, sent: dict[str, Any], response: httpx.Response, body_size: int) -> Verdict:
    if body_size > MAX_BODY_BYTES:
        assert response.status_code == 413, response.text[:300]
        return Verdict(refused=True, codes=["413"], fields=[])
    assert response.status_code == 200, (field_name, response.status_code, response.text[:500])
    answer = response.json()
    assert "errors" not in answer, (field_name, sent, answer)  # no server error, and the values were well typed
    payload = answer["data"][field_name]
    errors = payload["errors"]
    for error in errors:
        assert error["code"] in ErrorCode.__members__, error
        if error["code"] in FIELD_CODES:
            assert error["field"], (field_name, sent, error)  # an invalid value: the field is named
            assert names_a_field(input_type(field_name), sent, error["field"]), (field_name, sent, error)
    results = [v for k, v in payload.items() if k != "errors"]
    refused = bool(errors) and all(v is None or v == [] for v in results)
    return Verdict(refused=refused, codes=[e["code"] for e in errors], fields=[e["field"] for e in errors])


async def send(
    fuzz: FuzzDatabase, client: httpx.AsyncClient, field_name: str, value: dict[str, Any]
) -> tuple[Verdict, dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    body = json.dumps({"query": document(field_name), "variables": {"input": value}}).encode()
    before = await snapshot(fuzz.factory)
    response = await client.post("/graphql", content=body, headers={"content-type": "application/json"})
    after = await snapshot(fuzz.factory)
    verdict = judge(field_name, value, response, len(body))
    if verdict.refused:
        changed = {t for t in SNAPSHOT_TABLES if before[t] != after[t]}
        assert changed <= WRITES_WHEN_REFUSED.get(field_name, set()), (field_name, value, verdict, changed)
    return verdict, before, after


# --- valid-looking baselines, one field at a time made invalid ----------------------------------------------


def plausible_string(name: str, n: int) -> str:
    return {
        "email": f"fuzz.person.{n}@example.org",
        "password": "violet-harbor-lantern-42",
        "login": f"nobody.{n}@example.org",
        "tin": f"{n % 10**9:09d}",
        "npi": valid_npi(n),
        "zip": "62701",
        "state": "IL",
        "phone": "+1 (217) 555-0100",
        "code": "123456",
        "ptan": "AB-123",
        "url": f"https://hooks.example.org/fuzz/{n}",
    }.get(name, f"Fuzz {name} {n}")


def baseline(fuzz: FuzzWorld, graphql_type: GraphQLInputObjectType, n: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for name, input_field in graphql_type.fields.items():
        required = isinstance(input_field.type, GraphQLNonNull)
        if not required and name not in {"company", "reason"}:
            continue  # optional fields are left out, but a new company (one of two) and a reason (a denial)
        named = get_named_type(input_field.type)
        is_list = isinstance(
            input_field.type.of_type if isinstance(input_field.type, GraphQLNonNull) else input_field.type,
            GraphQLList,
        )
        if name in ID_FIELDS:
            pool = fuzz.open_applications if name == "applicationId" else fuzz.ids[ID_FIELDS[name]]
            value[name] = pool[:2] if is_list else pool[n % len(pool)]
        elif isinstance(named, GraphQLInputObjectType):
            value[name] = baseline(fuzz, named, n)
        elif isinstance(named, GraphQLEnumType):
            value[name] = sorted(named.values)[0] if name != "providerType" else "HOSPITAL"
        elif named.name == "Boolean":
            value[name] = True
        elif named.name == "DateTime":  # ahead of the fuzzing world's clock, a start before any end: dates rules take
            value[name] = (START + timedelta(days=1 if name.startswith("start") else 30)).isoformat()
        else:
            value[name] = plausible_string(name, n)
    if graphql_type.name == "OrganizationRegistrationInput":
        value["community"] = "PROVIDER_SUPPLIER"
    return value


def string_fields(graphql_type: GraphQLInputObjectType, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths of every String field (nested inputs included), optional ones too."""
    found: list[tuple[str, ...]] = []
    for name, input_field in graphql_type.fields.items():
        named = get_named_type(input_field.type)
        if isinstance(named, GraphQLInputObjectType):
            found += string_fields(named, (*prefix, name))
        elif isinstance(named, GraphQLScalarType) and named.name == "String":
            found.append((*prefix, name))
    return found


def id_fields(graphql_type: GraphQLInputObjectType) -> list[str]:
    return [name for name in graphql_type.fields if name in ID_FIELDS]


def with_value(value: dict[str, Any], path: tuple[str, ...], new: Any) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(value))
    target = copied
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = new
    if path[0] == "company":
        copied.pop("companyId", None)
    return copied


@pytest.fixture
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sign-ins and registrations hash; the fuzzers are not about the cost, a cheap argon2id keeps them fast.
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    dummy = cheap.hash("an unguessable placeholder")
    monkeypatch.setattr(passwords, "_dummy_hash", lambda: dummy)


def client_for(fuzz: FuzzDatabase, field_name: str) -> httpx.AsyncClient:
    """The fuzzing person's client; registerAccount and signIn run anonymously (they would replace the session)."""
    if field_name in {"registerAccount", "signIn"}:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=fuzz.app), base_url="http://127.0.0.1")
    return fuzz.world.fuzzer.client


# --- the table -------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("cheap_passwords")
@pytest.mark.parametrize("field_name", MUTATIONS_WITH_INPUT)
async def test_bar_bad_input_table_of_invalid_values_per_field(fuzz_database: FuzzDatabase, field_name: str) -> None:
    fuzz = fuzz_database
    graphql_type = input_type(field_name)
    client = client_for(fuzz, field_name)
    cases = 0
    try:
        for n, path in enumerate(string_fields(graphql_type)):
            for label, bad in BAD_STRINGS.items():
                sent = with_value(baseline(fuzz.world, graphql_type, 7000 + n), path, bad)
                verdict, _, _ = await send(fuzz, client, field_name, sent)
                cases += 1
                if path[-1] in STORED_TEXT and label != "5,000 characters":
                    # stored free text: refused, naming exactly this field
                    assert list(path) in verdict.fields, (field_name, path, label, verdict)
        for n, name in enumerate(id_fields(graphql_type)):
            many = name.endswith("Ids")
            for bad in wrong_ids():
                sent = with_value(baseline(fuzz.world, graphql_type, 8000 + n), (name,), [bad] if many else bad)
                verdict, _, _ = await send(fuzz, client, field_name, sent)
                cases += 1
                assert verdict.refused or many, (field_name, name, bad, verdict)
                named = [f for f in verdict.fields if f and f[0] == name]
                assert named, (field_name, name, bad, verdict)  # the wrong id is the one named
    finally:
        if client is not fuzz.world.fuzzer.client:
            await client.aclose()
    assert cases > 0


# R40 (and any other date of an input): well-formed dates that no rule allows - the past, now, within the hour, beyond
# a year, the calendar's ends, without a time zone - refused by a request's end date naming it, harmless elsewhere.
BAD_DATES = {
    "a year ago": (START - timedelta(days=365)).isoformat(),
    "now": START.isoformat(),
    "in five minutes": (START + timedelta(minutes=5)).isoformat(),
    "in two years": (START + timedelta(days=730)).isoformat(),
    "year 1": "0001-01-01T00:00:00+00:00",
    "year 9999": "9999-12-31T23:59:59+00:00",
    "yesterday without a time zone": (START - timedelta(days=1)).replace(tzinfo=None).isoformat(),
}


def dates() -> st.SearchStrategy[str]:
    """Well-formed DateTime values (a malformed one is graphql-core's to refuse): any instant, with or without a time
    zone, and the table's."""
    instants = st.datetimes(timezones=st.none() | st.just(UTC)).map(lambda d: d.isoformat())
    near = st.integers(-400, 800).map(lambda days: (START + timedelta(days=days)).isoformat())
    return instants | near | st.sampled_from(sorted(BAD_DATES.values()))


def date_fields(graphql_type: GraphQLInputObjectType) -> list[str]:
    return [
        name
        for name, f in graphql_type.fields.items()
        if isinstance(get_named_type(f.type), GraphQLScalarType) and get_named_type(f.type).name == "DateTime"
    ]


@pytest.mark.usefixtures("cheap_passwords")
@pytest.mark.parametrize("field_name", [name for name in MUTATIONS_WITH_INPUT if date_fields(input_type(name))])
async def test_bar_bad_input_table_of_invalid_dates_per_field(fuzz_database: FuzzDatabase, field_name: str) -> None:
    fuzz = fuzz_database
    graphql_type = input_type(field_name)
    client = client_for(fuzz, field_name)
    cases = 0
    for n, name in enumerate(date_fields(graphql_type)):
        for label, bad in BAD_DATES.items():
            sent = with_value(baseline(fuzz.world, graphql_type, 9000 + n), (name,), bad)
            verdict, _, _ = await send(fuzz, client, field_name, sent)
            cases += 1
            if "justification" in graphql_type.fields:  # R40: the end date of a submission, checked first
                assert verdict.refused, (field_name, name, label, verdict)
                assert [name] in verdict.fields, (field_name, name, label, verdict)
    assert cases > 0


QUERY_STRINGS = {
    "organizations": ("query($v: String) { organizations(search: $v) { totalCount } }", False),
    "companySearch": ("query($v: String!) { companySearch(search: $v) { id } }", False),
    "helpDeskLookup": ("query($v: String!) { helpDeskLookup(query: $v) { people { id } } }", False),
    "auditEvents": ("query($v: [String!]) { auditEvents(actions: $v) { totalCount } }", True),
}


@pytest.mark.parametrize("field_name", sorted(QUERY_STRINGS))
async def test_bar_bad_input_table_of_invalid_values_per_query_argument(
    fuzz_database: FuzzDatabase, field_name: str
) -> None:
    query, as_list = QUERY_STRINGS[field_name]
    for label, bad in BAD_STRINGS.items():
        body = json.dumps({"query": query, "variables": {"v": [bad] if as_list else bad}})  # \ud800 escaped
        response = await fuzz_database.world.fuzzer.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 200, label
        answer = response.json()
        if label in {"NUL", "lone surrogate"}:
            # text PostgreSQL cannot store: a readable BAD_USER_INPUT naming the argument's field, no data
            assert [(e["message"], e["path"], e["extensions"]) for e in answer["errors"]] == [
                (UNSTORABLE_TEXT_MESSAGE, [field_name], {"code": "BAD_USER_INPUT"})
            ], (field_name, label, answer)
            assert not any((answer.get("data") or {}).values()), answer
        else:
            # any other text is a search term like another: nothing found (the world has no such names)
            assert "errors" not in answer, (field_name, label, answer)
            assert answer["data"][field_name] in ({"totalCount": 0}, [], {"people": []}), (field_name, label, answer)


# Issue 16: the text arguments of nested lists (name: document, path of the refused field, node kind, message for
# 5,000 characters). They are checked before any SQL and the same for every viewer, whether the list would show
# them rows or not (the fuzzer administers no company: its associations are empty to it).
SEARCH_TOO_LONG = "`search` holds at most 100 characters."
STATE_MESSAGE = "`state` is a two-letter state code, like MD."
NESTED_QUERY_STRINGS: dict[str, tuple[str, list[str], str | None, str]] = {
    "SurrogateCompany.associations(search)": (
        "query($v: String, $id: ID!) { node(id: $id) { ... on SurrogateCompany { associations(search: $v) "
        "{ totalCount } } } }",
        ["node", "associations"],
        "SurrogateCompany",
        SEARCH_TOO_LONG,
    ),
    "SurrogateCompany.associations(state)": (
        "query($v: String, $id: ID!) { node(id: $id) { ... on SurrogateCompany { associations(state: $v) "
        "{ totalCount } } } }",
        ["node", "associations"],
        "SurrogateCompany",
        STATE_MESSAGE,
    ),
    "User.roleAssignments(search)": (
        "query($v: String) { viewer { roleAssignments(search: $v) { totalCount } } }",
        ["viewer", "roleAssignments"],
        None,
        SEARCH_TOO_LONG,
    ),
}


@pytest.mark.parametrize("argument", sorted(NESTED_QUERY_STRINGS))
async def test_bar_bad_input_table_of_invalid_values_per_nested_list_argument(
    fuzz_database: FuzzDatabase, argument: str
) -> None:
    query, path, node_type, too_long = NESTED_QUERY_STRINGS[argument]
    variables: dict[str, Any] = {"id": fuzz_database.world.ids[node_type][0]} if node_type else {}
    for label, bad in BAD_STRINGS.items():
        body = json.dumps({"query": query, "variables": {**variables, "v": bad}})  # \ud800 escaped
        response = await fuzz_database.world.fuzzer.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 200, (argument, label)
        answer = response.json()
        if "state" in argument:  # every value of the table is something other than two letters
            expected = STATE_MESSAGE
        elif label in {"NUL", "lone surrogate"}:
            expected = UNSTORABLE_TEXT_MESSAGE
        elif label == "5,000 characters":
            expected = too_long
        else:  # any other text is a search term like another: nothing found
            assert "errors" not in answer, (argument, label, answer)
            found = answer["data"]
            for step in path:
                found = found[step]
            assert found == {"totalCount": 0}, (argument, label, answer)
            continue
        assert [(e["message"], e["path"], e["extensions"]) for e in answer["errors"]] == [
            (expected, path, {"code": "BAD_USER_INPUT"})
        ], (argument, label, answer)
        assert not any((answer.get("data") or {}).values()), (argument, label, answer)


# Digits of other scripts in identifiers (issue 12, finding 9): `isdigit` and `\d` took them, then PostgreSQL's
# checks refused them ("Internal error." or a misleading ORGANIZATION_EXISTS). The validator refuses them, naming
# the field with its own code.
DIGIT_FIELDS = {"npi": "INVALID_NPI", "tin": "INVALID_TIN", "zip": "INVALID_ZIP"}
OTHER_DIGITS = {"full-width": 0xFF10, "Arabic-Indic": 0x0660, "Devanagari": 0x0966}


def in_other_digits(value: str, zero: int) -> str:
    return "".join(chr(zero + int(ch)) if ch in string.digits else ch for ch in value)


def digit_paths(field_name: str) -> list[tuple[str, ...]]:
    return [path for path in string_fields(input_type(field_name)) if path[-1] in DIGIT_FIELDS]


@pytest.mark.usefixtures("cheap_passwords")
@pytest.mark.parametrize("field_name", [name for name in MUTATIONS_WITH_INPUT if digit_paths(name)])
async def test_bar_bad_input_table_digits_of_other_scripts_per_field(
    fuzz_database: FuzzDatabase, field_name: str
) -> None:
    fuzz = fuzz_database
    graphql_type = input_type(field_name)
    client = client_for(fuzz, field_name)
    try:
        for n, path in enumerate(digit_paths(field_name)):
            valid = plausible_string(path[-1], 9100 + n)  # an NPI with its check digit: only the script is wrong
            for label, zero in OTHER_DIGITS.items():
                sent = with_value(baseline(fuzz.world, graphql_type, 9100 + n), path, in_other_digits(valid, zero))
                verdict, _, _ = await send(fuzz, client, field_name, sent)
                assert verdict.refused, (field_name, path, label, verdict)
                assert (DIGIT_FIELDS[path[-1]], list(path)) in zip(verdict.codes, verdict.fields, strict=True), (
                    field_name,
                    path,
                    label,
                    verdict,
                )
    finally:
        if client is not fuzz.world.fuzzer.client:
            await client.aclose()


def raw_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


SOME_UUID = "00000000-0000-4000-8000-000000000000"
# Cursors a list never gives out (issue 12, finding 9: `[Infinity]`, `[1e30]` and a non-UUID were "Internal
# error."; a number beyond bigint reached the driver). Each is refused before SQL, naming `after`.
BAD_CURSORS = {
    "[Infinity]": raw_cursor("[Infinity]"),
    "[NaN]": raw_cursor("[NaN]"),
    "[1e30]": raw_cursor("[1e30]"),
    "beyond bigint": raw_cursor(f"[{2**63}]"),
    "a fraction": raw_cursor("[1.5]"),
    "not a UUID": raw_cursor('["2026-11-02T09:00:00+00:00", "not-a-uuid"]'),
    "numbers for texts": raw_cursor(f"[1e30, {2**70}]"),
    "nulls": raw_cursor("[null, null]"),
    "nested lists": raw_cursor("[[[1]], [[2]]]"),
    "a NUL": raw_cursor(f'["a\\u0000b", "{SOME_UUID}"]'),
    "deeply nested": raw_cursor("[" * 400 + "]" * 400),
    "not base64": "%%%not-base64%%%",
    "2,000 characters": "A" * 2000,
}
# Bad only where the cursor holds a time (elsewhere the first value is a name, and any text is one).
BAD_TIME_CURSORS = {
    "a time without zone": raw_cursor(f'["2026-11-02T09:00:00", "{SOME_UUID}"]'),
    "before year 1 in UTC": raw_cursor(f'["0001-01-01T00:00:00+05:00", "{SOME_UUID}"]'),
    "a name for a time": raw_cursor(f'["Lakeside", "{SOME_UUID}"]'),
}
TIME_KEYED = {"approvalQueue", "certificationQueue", "User.requests"}
BAD_CURSOR_MESSAGE = "The cursor `after` is not one this list gave out."
CURSOR_QUERIES = {
    # name: (document, path of the refused field, the kind of node it needs)
    "approvalQueue": ("query($a: String) { approvalQueue(after: $a) { totalCount } }", ["approvalQueue"], None),
    "organizations": ("query($a: String) { organizations(after: $a) { totalCount } }", ["organizations"], None),
    "auditEvents": ("query($a: String) { auditEvents(after: $a) { totalCount } }", ["auditEvents"], None),
    "certificationQueue": (
        "query($a: String) { certificationQueue(after: $a) { totalCount } }",
        ["certificationQueue"],
        None,
    ),
    "User.requests": (
        "query($a: String) { viewer { requests(after: $a) { totalCount } } }",
        ["viewer", "requests"],
        None,
    ),
    "UserGroup.members": (
        "query($a: String, $id: ID!) { node(id: $id) { ... on UserGroup { members(after: $a) { totalCount } } } }",
        ["node", "members"],
        "UserGroup",
    ),
    "SurrogateCompany.associations": (
        "query($a: String, $id: ID!) { node(id: $id) { ... on SurrogateCompany { associations(after: $a) "
        "{ totalCount } } } }",
        ["node", "associations"],
        "SurrogateCompany",
    ),
    "User.roleAssignments": (  # issue 16
        "query($a: String) { viewer { roleAssignments(after: $a) { totalCount } } }",
        ["viewer", "roleAssignments"],
        None,
    ),
}


@pytest.mark.parametrize("list_name", sorted(CURSOR_QUERIES))
async def test_bar_bad_input_table_of_invalid_cursors_per_list(fuzz_database: FuzzDatabase, list_name: str) -> None:
    query, path, node_type = CURSOR_QUERIES[list_name]
    client = fuzz_database.world.fuzzer.client
    variables: dict[str, Any] = {"id": fuzz_database.world.ids[node_type][0]} if node_type else {}
    cases = BAD_CURSORS | (BAD_TIME_CURSORS if list_name in TIME_KEYED else {})
    for label, cursor in cases.items():
        response = await client.post("/graphql", json={"query": query, "variables": {**variables, "a": cursor}})
        assert response.status_code == 200, (list_name, label, response.text[:300])
        answer = response.json()
        assert [(e["message"], e["path"], e["extensions"]) for e in answer.get("errors", [])] == [
            (BAD_CURSOR_MESSAGE, path, {"code": "BAD_USER_INPUT"})
        ], (list_name, label, answer)
        assert not any((answer.get("data") or {}).values()), (list_name, label, answer)


# --- hypothesis strategies per input type ------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\t\n",
    "'; DROP TABLE users; --",
    '" OR 1=1 --',
    "<img src=x onerror=alert(1)>",
    '{"json": true}',
    "%s%s%n",
    "\u202e\u200b\ufeff",
    "é" * 300,
    "\U0001d518\U0001d52b\U0001d526",  # mathematical fraktur letters
    "\x1b[31mred",
    "\r\nX-Injected: 1",
    "x" * 70_000,  # over the 64 KiB body cap: 413
]


# Lists around the cap of 100: 99-102 items with a large budget; with the small one only over the cap (refused at
# once), since 100 ids are 100 decisions or certifications, each in its own transaction.
LONG_LISTS = (99, 102) if EXAMPLES_PER_INPUT_TYPE >= 50 else (101, 102)


def strings_for(name: str) -> st.SearchStrategy[str]:
    other_digits = st.builds(  # a well-formed value in the digits of another script (issue 12, finding 9)
        in_other_digits,
        st.integers(0, 10**8 - 1).map(valid_npi) | st.just("123456789") | st.just("62704-1234"),
        st.sampled_from(sorted(OTHER_DIGITS.values())),
    )
    realistic: dict[str, st.SearchStrategy[str]] = {
        "email": st.emails().map(str),
        "npi": st.integers(0, 10**8 - 1).map(valid_npi)
        | st.text(string.digits, min_size=9, max_size=11)
        | other_digits,
        "tin": st.text(string.digits + "-", min_size=8, max_size=12) | other_digits,
        "zip": st.from_regex(r"\A[0-9]{5}(-[0-9]{4})?\Z") | st.text(string.digits + "-", max_size=11) | other_digits,
        "state": st.text(string.ascii_uppercase, min_size=2, max_size=2),
        "password": st.text(min_size=10, max_size=270),
        "code": st.text(string.digits, min_size=5, max_size=7),
        "phone": st.text("0123456789 +()-", min_size=5, max_size=35),
        # R44: URLs an attacker would try (inside addresses, credentials, other schemes), and plain ones
        "url": st.sampled_from(
            [
                "https://hooks.example.org/x",
                "http://127.0.0.1:1/x",
                "https://169.254.169.254/latest",
                "https://user:pw@example.org/",
                "https://[::ffff:10.0.0.1]/",
                "file:///etc/passwd",
                "gopher://example.org/",
                "https://example.org:99999/",
            ]
        )
        | st.builds(lambda host, path: f"https://{host}/{path}", st.text(max_size=20), st.text(max_size=20)),
    }
    junk = st.one_of(
        st.text(max_size=40),
        st.text(st.characters(codec="utf-8"), min_size=100, max_size=2500),
        st.sampled_from(NASTY),
    )
    return realistic[name] | junk if name in realistic else st.text(min_size=1, max_size=60) | junk


def ids_for(fuzz: FuzzWorld, name: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(fuzz.ids[ID_FIELDS[name]]),
        st.sampled_from(fuzz.all_ids()),
        st.sampled_from(wrong_ids()),
        st.text(max_size=30),
    )


def value_for(fuzz: FuzzWorld, name: str, graphql_type: GraphQLInputType) -> st.SearchStrategy[Any]:
    nullable = not isinstance(graphql_type, GraphQLNonNull)
    inner = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
    strategy: st.SearchStrategy[Any]
    if isinstance(inner, GraphQLList):
        element = inner.of_type  # with its non-null wrapper: [WebhookEvent!] holds no null (R44)
        item = ids_for(fuzz, name) if name in ID_FIELDS else value_for(fuzz, name, element)
        strategy = st.lists(item, max_size=8) | st.lists(item, min_size=LONG_LISTS[0], max_size=LONG_LISTS[1])
    elif isinstance(inner, GraphQLInputObjectType):
        strategy = object_for(fuzz, inner)
    elif isinstance(inner, GraphQLEnumType):
        strategy = st.sampled_from(sorted(inner.values))
    elif isinstance(inner, GraphQLScalarType) and inner.name == "Boolean":
        strategy = st.booleans()
    elif isinstance(inner, GraphQLScalarType) and inner.name == "ID":
        strategy = ids_for(fuzz, name) if name in ID_FIELDS else st.sampled_from(wrong_ids())
    elif isinstance(inner, GraphQLScalarType) and inner.name == "DateTime":
        strategy = dates()
    else:
        strategy = strings_for(name)
    return strategy | st.none() if nullable else strategy


def object_for(fuzz: FuzzWorld, graphql_type: GraphQLInputObjectType) -> st.SearchStrategy[dict[str, Any]]:
    required = {
        name: value_for(fuzz, name, f.type)
        for name, f in graphql_type.fields.items()
        if isinstance(f.type, GraphQLNonNull)
    }
    optional = {
        name: value_for(fuzz, name, f.type)
        for name, f in graphql_type.fields.items()
        if not isinstance(f.type, GraphQLNonNull)
    }
    return st.fixed_dictionaries(required, optional=optional)


HYPOTHESIS_TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _print_hypothesis_tally(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if HYPOTHESIS_TALLY:
        print_to_terminal(
            request.config,
            [
                f"quality/fuzz hypothesis: {HYPOTHESIS_TALLY['operations']} operations over "
                f"{HYPOTHESIS_TALLY['input types']} input types ({EXAMPLES_PER_INPUT_TYPE} examples each at most); "
                f"server errors: 0 (any would have failed its test); refused {HYPOTHESIS_TALLY['refused']}, "
                f"accepted {HYPOTHESIS_TALLY['accepted']}"
            ],
        )


def run_in_loop(loop: asyncio.AbstractEventLoop) -> Callable[[Any], Any]:
    def call(coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    return call


@pytest.mark.usefixtures("cheap_passwords")
@pytest.mark.parametrize("field_name", MUTATIONS_WITH_INPUT)
async def test_bar_bad_input_hypothesis_strategies_per_input_type(fuzz_database: FuzzDatabase, field_name: str) -> None:
    fuzz = fuzz_database
    graphql_type = input_type(field_name)
    client = client_for(fuzz, field_name)
    tally: Counter[str] = Counter()
    on_loop = run_in_loop(asyncio.get_running_loop())

    # Hypothesis drives the examples from a worker thread; each is sent on this test's event loop.
    @settings(
        max_examples=EXAMPLES_PER_INPUT_TYPE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=object_for(fuzz.world, graphql_type))
    def property_holds(value: dict[str, Any]) -> None:
        verdict, _, _ = on_loop(send(fuzz, client, field_name, value))
        tally["operations"] += 1
        tally["refused" if verdict.refused else "accepted"] += 1
        for code in verdict.codes:
            tally[f"code {code}"] += 1

    try:
        await asyncio.to_thread(property_holds)
    finally:
        if client is not fuzz.world.fuzzer.client:
            await client.aclose()
    assert tally["operations"] >= 1
    summary = {
        "operations": tally["operations"],
        "server_errors": 0,
        **{k: v for k, v in tally.items() if k != "operations"},
    }
    record_results(f"hypothesis {field_name}", summary)
    HYPOTHESIS_TALLY.update({k: tally[k] for k in ("operations", "refused", "accepted")})
    HYPOTHESIS_TALLY["input types"] += 1
