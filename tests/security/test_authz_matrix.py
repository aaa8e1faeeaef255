"""The authorization matrix (authz_matrix.py), cell by cell, through HTTP (docs/reliability.md: BOLA/BFLA).

Every test gets the world of world.py as built and runs every cell of its root fields:
- a cell expected to be refused runs on the shared target and must leave the database exactly as it was (row
  counts of every table the use cases write, and a digest of every request, role, organization and account
  status); its answer must be the one code of the matrix, and a NOT_FOUND must be the very payload a random
  well-formed id gets;
- a cell expected to succeed runs on a target of its own and must have its effect (the request decided or
  withdrawn, the role ended, the submission pending).
The cells of one person go out as aliases of one document (at most 15: the schema's alias limit), in order;
each alias is judged on its own. Mismatches are collected, so one run reports every wrong cell, and the cells in
KNOWN_BUGS must still be wrong: a backend fix fails the test until its line is removed.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import pytest
from graphql import GraphQLObjectType
from sqlalchemy import text

from iacs.domain.enums import RequestKind, Role
from iacs.graphql.ids import to_global_id
from iacs.graphql.schema import schema
from tests.api.operations import organization_input
from tests.api.people import PASSWORD, Person, valid_npi
from tests.conftest import START
from tests.graphql_client import gql
from tests.security.authz_matrix import (
    ALLOWED,
    FIELD_MATRIX,
    KNOWN_BUGS,
    MATRIX,
    NULL,
    RELATIONS,
    VALUE,
    Cell,
)
from tests.security.world import (
    ADDRESS,
    APPROVE,
    CANCEL,
    CERTIFY_MANY,
    DECIDE_MANY,
    DENY,
    DISABLE,
    ENABLE,
    ERRORS,
    REGISTER_ORGANIZATION,
    REGISTER_PRACTITIONER,
    REQUEST_ADMINISTRATION,
    REQUEST_APPLICATION,
    REQUEST_BSO,
    REQUEST_COMPANY_ADMINISTRATION,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REQUEST_SUCCESSION,
    REQUEST_SURROGATE_GROUPS,
    REVOKE,
    UNLOCK,
    Call,
    Target,
    World,
    aliased,
    uuid_of,
)

BATCH = 15  # the schema's alias limit
REASON = "Decided by the authorization matrix"
PROFILE_FIELDS = ("updateProfile", "changePassword", "requestEmailChange", "confirmEmailChange")
TOKEN_FIELDS = ("createApiToken", "revokeApiToken")  # R43: one's own account, like the profile
ACCOUNT_FIELDS = (
    "registerAccount",
    "verifyEmail",
    "resendVerificationCode",
    "signIn",
    "signOut",
    *PROFILE_FIELDS,
    *TOKEN_FIELDS,
)


# --- recording and judging cells ------------------------------------------------------------------------


@dataclass
class Got:
    answer: str
    changed: bool = False
    note: str = ""


class Run:
    """What each cell answered, and the verdict against the matrix for the cells this run owns."""

    def __init__(self, cells: Iterable[Cell]) -> None:
        self.cells = list(cells)
        self.got: dict[Cell, Got] = {}

    @classmethod
    def of(cls, *fields: str) -> Run:
        return cls(c for c in MATRIX if c[0] in fields)

    def record(self, cell: Cell, got: Got) -> None:
        assert cell in MATRIX, cell
        self.got[cell] = got

    def verdict(self) -> None:
        missing = set(self.cells) - set(self.got)
        wrong: list[str] = []
        fixed: list[str] = []
        for cell in self.cells:
            got = self.got.get(cell)
            if got is None:
                continue
            expected = MATRIX[cell]
            right = got.answer == expected and (expected == ALLOWED or not got.changed)
            line = (
                f"{cell}: expected {expected}, got {got.answer}"
                + (" AND THE DATABASE CHANGED" if got.changed and expected != ALLOWED else "")
                + (f" ({got.note})" if got.note else "")
            )
            if cell in KNOWN_BUGS and right:
                fixed.append(line + " - fixed: remove it from KNOWN_BUGS")
            elif cell not in KNOWN_BUGS and not right:
                wrong.append(line)
        assert not missing, f"cells not run: {sorted(missing)}"
        report = [f"{len(wrong)} cells wrong:", *wrong, f"{len(fixed)} known bugs fixed:", *fixed]
        problems = len(wrong) + len(fixed)
        assert problems == 0, "\n".join(report)


def _codes(errors: Sequence[dict[str, Any]]) -> str:
    return "+".join(dict.fromkeys(str(e["code"]) for e in errors))  # one request-wide error may come per item


def answer_of(body: dict[str, Any], alias: str) -> tuple[str, dict[str, Any] | None]:
    """ALLOWED, the alias's error codes, or its top-level error codes; and its payload."""
    top = [e for e in body.get("errors", []) if (e.get("path") or [alias])[0] == alias]
    if top:
        return "TOP-LEVEL " + "+".join(str((e.get("extensions") or {}).get("code", e["message"])) for e in top), None
    payload: dict[str, Any] | None = (body.get("data") or {}).get(alias)
    if payload is None:
        return "NO PAYLOAD", None
    return (_codes(payload["errors"]) if payload["errors"] else ALLOWED), payload


async def send(world: World, person: Person, calls: list[tuple[Call, dict[str, Any]]]) -> tuple[dict[str, Any], bool]:
    """Run `calls` as `person` in one document; the answer and whether the database changed."""
    document, variables = aliased(calls)
    before = await world.snapshot()
    body = await gql(person.client, document, variables)
    return body, await world.snapshot() != before


def chunks(items: list[Any], key: Callable[[Any], object]) -> list[list[Any]]:
    """`items` cut into batches of at most BATCH, never two with the same `key` in a batch (order kept)."""
    batches: list[list[Any]] = []
    for item in items:
        if not batches or len(batches[-1]) == BATCH or any(key(other) == key(item) for other in batches[-1]):
            batches.append([])
        batches[-1].append(item)
    return batches


def by_person(items: list[tuple[Cell, Person, Any]]) -> list[tuple[Person, list[tuple[Cell, Person, Any]]]]:
    groups: dict[int, tuple[Person, list[tuple[Cell, Person, Any]]]] = {}
    for item in items:
        groups.setdefault(id(item[1]), (item[1], []))[1].append(item)
    return list(groups.values())


class Nonexistent:
    """What a person is answered for a random well-formed id: a NOT_FOUND must be exactly that."""

    def __init__(self) -> None:
        self.payloads: dict[tuple[str, int], dict[str, Any]] = {}

    async def payload(self, person: Person, call: Call, variables: dict[str, Any]) -> dict[str, Any]:
        key = (call.text, id(person))
        if key not in self.payloads:
            body = await gql(person.client, *aliased([(call, variables)]))
            self.payloads[key] = body["data"]["a0"]
        return self.payloads[key]


# --- the mutations on one object: decisions, cancel, revokeRole, the help desk's account mutations ------


@dataclass(frozen=True)
class OnObject:
    call: Call
    extra: dict[str, Any]  # the other variables
    type_name: str  # of the object's global id
    prefix: str  # of the target names in world.TARGETS
    state: Callable[[World, Target], Awaitable[str]]
    before: str  # the object's state before, and after an ALLOWED cell
    after: str


def _column(table: str) -> Callable[[World, Target], Awaitable[str]]:
    async def state(world: World, target: Target) -> str:
        return str(await world.status_of(table, target.id))

    return state


async def _account(world: World, target: Target) -> str:
    return await world.account_status(target.id)


async def _throttled(world: World, target: Target) -> str:
    return "LOCKED" if await world.locked(target.owner) else "UNLOCKED"


REQUESTS = _column("access_requests")
ON_OBJECT: dict[str, OnObject] = {
    "approveRequest": OnObject(APPROVE, {}, "AccessRequest", "", REQUESTS, "PENDING", "APPROVED"),
    "denyRequest": OnObject(DENY, {"reason": REASON}, "AccessRequest", "", REQUESTS, "PENDING", "DENIED"),
    "cancelRequest": OnObject(CANCEL, {}, "AccessRequest", "", REQUESTS, "PENDING", "CANCELLED"),
    "revokeRole": OnObject(
        REVOKE,
        {"reason": REASON},
        "RoleAssignment",
        "RoleAssignment:",
        _column("role_assignments"),
        "ACTIVE",
        "REVOKED",
    ),
    "unlockAccount": OnObject(UNLOCK, {}, "User", "", _throttled, "LOCKED", "UNLOCKED"),
    "disableAccount": OnObject(DISABLE, {"reason": REASON}, "User", "", _account, "ACTIVE", "DISABLED"),
    "enableAccount": OnObject(ENABLE, {}, "User", "", _account, "DISABLED", "ACTIVE"),
}


async def run_on_object(world: World, field: str, spec: OnObject | None = None) -> Run:
    spec = spec or ON_OBJECT[field]
    run = Run.of(field)
    nonexistent = Nonexistent()

    async def judge(items: list[tuple[Cell, Person, Target]]) -> None:
        for person, mine in by_person(items):
            for batch in chunks(mine, key=lambda item: item[2].id):
                body, changed = await send(
                    world, person, [(spec.call, {"id": t.id, **spec.extra}) for _, _, t in batch]
                )
                states = [await spec.state(world, t) for _, _, t in batch]
                for n, ((cell, _, _), state) in enumerate(zip(batch, states, strict=True)):
                    answer, payload = answer_of(body, f"a{n}")
                    if answer == ALLOWED and state != spec.after:
                        answer = f"ALLOWED but {state}"
                    if answer == "NOT_FOUND":
                        random = {"id": to_global_id(spec.type_name, uuid.uuid4()), **spec.extra}
                        like = await nonexistent.payload(person, spec.call, random)
                        if payload != like:
                            answer = f"NOT_FOUND unlike a random id: {payload} vs {like}"
                    if state != spec.before:
                        world.spoil(spec.prefix + cell[1])  # the next cell gets the target as it was
                    # a change is explained by the objects that changed; if none did, no cell is cleared of it
                    blame = changed and (state != spec.before or all(s == spec.before for s in states))
                    note = payload["errors"][0]["message"] if payload and payload["errors"] else ""
                    run.record(cell, Got(answer, blame, note))

    # the cells expected to be refused, relation by relation on the shared targets
    for relation in RELATIONS:
        items = []
        for cell in run.cells:
            if cell[2] == relation and MATRIX[cell] != ALLOWED:
                target = await world.target(spec.prefix + cell[1])
                items.append((cell, world.person(relation, target), target))
        await judge(items)
    # the cells expected to succeed: the first on the shared target (no longer needed), the others on new ones
    items = []
    for cell in run.cells:
        if MATRIX[cell] == ALLOWED:
            target = await world.target(spec.prefix + cell[1])
            world.spoil(spec.prefix + cell[1])
            items.append((cell, world.person(cell[2], target), target))
    await judge(items)
    return run


@pytest.mark.parametrize("field", list(ON_OBJECT))
async def test_mutations_on_one_object(world: World, field: str) -> None:
    (await run_on_object(world, field)).verdict()


# R40: an end date (and a justification) changes nobody's rights: the approveRequest and submission cells again,
# with them given.
END_DATE = (START + timedelta(days=60)).isoformat()
JUSTIFICATION = "Asked by the authorization matrix"


def with_terms(call: Call, variables: dict[str, Any], *, justification: bool = True) -> tuple[Call, dict[str, Any]]:
    terms: dict[str, Any] = {"endsAt": END_DATE} | ({"justification": JUSTIFICATION} if justification else {})
    if "input" in call.variables:
        return call, {**variables, "input": {**variables["input"], **terms}}
    given = ", ".join(f"{name}: ${name}" for name in terms)
    text = call.text.replace("(input: {", f"(input: {{{given}, ", 1)
    assert text != call.text, call.text
    types = {"endsAt": "DateTime", "justification": "String"}
    return Call(text, {**call.variables, **{name: types[name] for name in terms}}, call.operation), {
        **variables,
        **terms,
    }


async def test_approving_with_an_end_date(world: World) -> None:
    spec = ON_OBJECT["approveRequest"]
    call, extra = with_terms(spec.call, spec.extra, justification=False)
    (await run_on_object(world, "approveRequest", replace(spec, call=call, extra=extra))).verdict()


# --- the bulk mutations: decideRequests, certifyRoles - many ids in one call, each answered on its own -------


def _item(path: str, n: int) -> list[str]:
    return [path, str(n)]


def kind_and_decision(target: str) -> tuple[str, str]:
    kind, _, decision = target.rpartition(" (")
    return kind, decision.rstrip(")")


@dataclass(frozen=True)
class Bulk:
    call: Call
    extra: dict[str, Any]
    path: str  # the input list, as errors name it
    listed: str  # the payload's list of objects done
    type_name: str
    state: Callable[[World, Target], Awaitable[str]]
    before: str
    after: str
    target_name: Callable[[str], str]  # the world's target for a matrix target


async def _certified(world: World, target: Target) -> str:
    return "CERTIFIED" if await world.certified(target.id) else "UNCERTIFIED"


def _decisions(decision: str) -> Bulk:
    return Bulk(
        DECIDE_MANY,
        {"decision": decision, "reason": REASON},
        "requestIds",
        "requests",
        "AccessRequest",
        REQUESTS,
        "PENDING",
        "APPROVED" if decision == "APPROVE" else "DENIED",
        lambda target: kind_and_decision(target)[0],
    )


CERTIFY = Bulk(
    CERTIFY_MANY,
    {},
    "roleAssignmentIds",
    "roleAssignments",
    "RoleAssignment",
    _certified,
    "UNCERTIFIED",
    "CERTIFIED",
    lambda target: f"RoleAssignment:{target}",
)


def item_answers(bulk: Bulk, payload: dict[str, Any], ids: list[str], states: list[str]) -> list[str]:
    """Each id's answer: its errors (named by their field path, as the payload type promises), or ALLOWED when
    it is among the objects done. Errors that name no item are the whole call's when every id has one
    (UNAUTHENTICATED); otherwise they go, in order, to the ids left without an answer - marked, since a client
    could not tell which id they are about."""
    done = {o["id"] for o in payload[bulk.listed]}
    answers: list[str | None] = []
    for n, object_id in enumerate(ids):
        errors = [e for e in payload["errors"] if e["field"] == _item(bulk.path, n)]
        if errors:
            answers.append(_codes(errors))
        elif object_id in done:
            answers.append(ALLOWED if states[n] == bulk.after else f"ALLOWED but {states[n]}")
        else:
            answers.append(None)
    unnamed = [e for e in payload["errors"] if (e["field"] or [None])[0] != bulk.path]
    if len(unnamed) == len(ids) and all(a is None for a in answers):
        return [_codes(unnamed)] * len(ids)
    return [
        a if a is not None else (f"{unnamed.pop(0)['code']} NAMING NO ITEM" if unnamed else "NO ANSWER")
        for a in answers
    ]


async def run_bulk(world: World, bulk: Bulk, run: Run, cells: list[Cell]) -> None:
    like_random: dict[int, list[tuple[str, str]]] = {}

    async def judge(items: list[tuple[Cell, Person, Target]]) -> None:
        for person, mine in by_person(items):
            if id(person) not in like_random:
                random_ids = [to_global_id(bulk.type_name, uuid.uuid4())]
                body = await gql(person.client, *aliased([(bulk.call, {"ids": random_ids, **bulk.extra})]))
                like_random[id(person)] = [(e["code"], e["message"]) for e in body["data"]["a0"]["errors"]]
            for batch in chunks(mine, key=lambda item: item[2].id):
                ids = [t.id for _, _, t in batch]
                body, changed = await send(world, person, [(bulk.call, {"ids": ids, **bulk.extra})])
                states = [await bulk.state(world, t) for _, _, t in batch]
                answer, payload = answer_of(body, "a0")
                answers = [answer] * len(batch) if payload is None else item_answers(bulk, payload, ids, states)
                for n, ((cell, _, _), state) in enumerate(zip(batch, states, strict=True)):
                    answer = answers[n]
                    if payload is not None and answer == "NOT_FOUND":
                        own = [
                            (e["code"], e["message"]) for e in payload["errors"] if e["field"] == _item(bulk.path, n)
                        ]
                        if own != like_random[id(person)]:
                            answer = f"NOT_FOUND unlike a random id: {own} vs {like_random[id(person)]}"
                    if state != bulk.before:
                        world.spoil(bulk.target_name(cell[1]))
                    blame = changed and (state != bulk.before or all(s == bulk.before for s in states))
                    run.record(cell, Got(answer, blame))

    for relation in RELATIONS:
        items = []
        for cell in cells:
            if cell[2] == relation and MATRIX[cell] != ALLOWED:
                target = await world.target(bulk.target_name(cell[1]))
                items.append((cell, world.person(relation, target), target))
        await judge(items)
    items = []
    for cell in cells:
        if MATRIX[cell] == ALLOWED:
            target = await world.target(bulk.target_name(cell[1]))
            world.spoil(bulk.target_name(cell[1]))
            items.append((cell, world.person(cell[2], target), target))
    await judge(items)


async def test_decide_requests(world: World) -> None:
    run = Run.of("decideRequests")
    # Every refused cell before any allowed one, so that all of them meet the world as built: what a person may
    # see can depend on other pending requests (whoever may decide one sees the requester's others), which the
    # allowed cells decide.
    for allowed in (False, True):
        for decision in ("APPROVE", "DENY"):
            cells = [
                c for c in run.cells if kind_and_decision(c[1])[1] == decision and (MATRIX[c] == ALLOWED) == allowed
            ]
            await run_bulk(world, _decisions(decision), run, cells)
    run.verdict()


async def test_certify_roles(world: World) -> None:
    run = Run.of("certifyRoles")
    await run_bulk(world, CERTIFY, run, run.cells)
    run.verdict()


# --- submissions: asking for a role in a scope --------------------------------------------------------------

Input = tuple[Call, dict[str, Any]]
MakeInput = Callable[[World, str], Awaitable[Input]]


async def _organization_input(w: World, relation: str) -> Input:
    if relation == "requester":  # the same (TIN, NPI) as the requester's pending registration
        return REGISTER_ORGANIZATION, organization_input((await w.target("REGISTER_ORGANIZATION")).extra["seed"], "X")
    seed = w.seed()
    return REGISTER_ORGANIZATION, organization_input(seed, f"Facility {seed}")


async def _practice_input(w: World, relation: str) -> Input:
    npi = (await w.target("REGISTER_INDIVIDUAL_PRACTITIONER")).extra["npi"] if relation == "requester" else None
    return REGISTER_PRACTITIONER, {"input": {"npi": npi or valid_npi(w.seed()), "address": ADDRESS}}


async def _group_input(w: World, relation: str) -> Input:
    name = (await w.target("CREATE_USER_GROUP")).extra["name"] if relation == "requester" else f"Team {w.seed()}"
    return REQUEST_GROUP, {"org": w.xyz, "name": name}


async def _succession_input(w: World, relation: str) -> Input:
    return REQUEST_SUCCESSION, {"org": (await w.target("SUCCEED_SECURITY_OFFICIAL")).extra["organization"]}


async def _new_company_input(w: World, relation: str) -> Input:
    seed = w.seed()
    company = {"name": f"Newco {seed}", "tin": f"{seed:09d}"}
    return REQUEST_SURROGATE_GROUPS, {"input": {"company": company, "organizationIds": [w.xyz]}}


def _fixed(call: Call, variables: Callable[[World], dict[str, Any]]) -> MakeInput:
    async def make(w: World, relation: str) -> Input:
        return call, variables(w)

    return make


def _application(target_name: str) -> MakeInput:
    async def make(w: World, relation: str) -> Input:
        target = await w.target(target_name)
        return REQUEST_APPLICATION, {"app": target.extra["application"], "group": w.g1}

    return make


def _surrogate(organization: Callable[[World], str]) -> MakeInput:
    async def make(w: World, relation: str) -> Input:
        return REQUEST_SURROGATE_GROUPS, {"input": {"companyId": w.abc, "organizationIds": [organization(w)]}}

    return make


# (root field, target) -> (the request target whose requester plays "requester", how the input is made)
SUBMISSIONS: dict[tuple[str, str], tuple[str, MakeInput]] = {
    ("requestOrganizationRegistration", "NEW_ORGANIZATION"): ("REGISTER_ORGANIZATION", _organization_input),
    ("requestIndividualPractitioner", "NEW_PRACTICE"): ("REGISTER_INDIVIDUAL_PRACTITIONER", _practice_input),
    ("requestBackupSecurityOfficial", "XYZ"): (
        "BACKUP_SECURITY_OFFICIAL",
        _fixed(REQUEST_BSO, lambda w: {"org": w.xyz}),
    ),
    ("requestSecurityOfficialSuccession", "SEPARATE_ORGANIZATION"): ("SUCCEED_SECURITY_OFFICIAL", _succession_input),
    ("requestUserGroup", "XYZ"): ("CREATE_USER_GROUP", _group_input),
    ("requestUserGroupAdministration", "G1"): (
        "ADMINISTER_USER_GROUP",
        _fixed(REQUEST_ADMINISTRATION, lambda w: {"group": w.g1}),
    ),
    ("requestUserGroupMembership", "G1"): ("JOIN_USER_GROUP", _fixed(REQUEST_MEMBERSHIP, lambda w: {"group": w.g1})),
    ("requestSurrogateCompanyMembership", "ABC"): (
        "JOIN_SURROGATE_COMPANY",
        _fixed(REQUEST_COMPANY_MEMBERSHIP, lambda w: {"company": w.abc}),
    ),
    ("requestCompanyAdministration", "ABC"): (  # R35
        "ADMINISTER_SURROGATE_COMPANY",
        _fixed(REQUEST_COMPANY_ADMINISTRATION, lambda w: {"company": w.abc}),
    ),
    ("requestApplicationAccess", "APP_B@G1"): ("APPLICATION_ACCESS:GROUP", _application("APPLICATION_ACCESS:GROUP")),
    ("requestApplicationAccess", "APP_C@G1"): ("APPLICATION_ACCESS:SELF", _application("APPLICATION_ACCESS:SELF")),
    ("requestSurrogateUserGroups", "ABC>OTHER"): ("CREATE_SURROGATE_USER_GROUP", _surrogate(lambda w: w.other)),
    ("requestSurrogateUserGroups", "ABC>XYZ"): ("CREATE_SURROGATE_USER_GROUP", _surrogate(lambda w: w.xyz)),
    ("requestSurrogateUserGroups", "NEW_COMPANY>XYZ"): ("CREATE_SURROGATE_USER_GROUP", _new_company_input),
}
SUBMISSION_FIELDS = sorted({field for field, _ in SUBMISSIONS})


async def undo(world: World, person: Person, payload: dict[str, Any]) -> str | None:
    """Withdraw what a submission created, so that the person is as before; what went wrong, or None."""
    requests = payload.get("requests") or ([payload["request"]] if payload.get("request") else [])
    if not requests:
        return "no request in the payload"
    for request in requests:
        if request["status"] != "PENDING" or await world.status_of("access_requests", request["id"]) != "PENDING":
            return f"request {request['id']} is {request['status']}"
    body, _ = await send(world, person, [(CANCEL, {"id": r["id"]}) for r in requests])
    if any(body["data"][f"a{n}"]["errors"] for n in range(len(requests))):
        return f"could not cancel: {body}"
    # R35: a new company's founder holds no role while its requests are pending: nothing more to undo
    return None


@pytest.mark.parametrize("terms", [False, True], ids=["plain", "with_justification_and_end_date"])
async def test_submissions(world: World, terms: bool) -> None:
    run = Run.of(*SUBMISSION_FIELDS)

    async def judge(items: list[tuple[Cell, Person, Input]]) -> None:
        for person, mine in by_person(items):
            for batch in chunks(mine, key=lambda item: item[0][:2]):
                body, changed = await send(world, person, [made for _, _, made in batch])
                answers = [answer_of(body, f"a{n}") for n in range(len(batch))]
                for (cell, _, _), (code, payload) in zip(batch, answers, strict=True):
                    note = payload["errors"][0]["message"] if payload and payload["errors"] else ""
                    answer = code
                    if code == ALLOWED:
                        assert payload is not None
                        problem = await undo(world, person, payload)
                        answer = code if problem is None else f"ALLOWED but {problem}"
                    # a change is explained by the submissions that succeeded; if none did, nothing explains it
                    blame = changed and (code == ALLOWED or all(a != ALLOWED for a, _ in answers))
                    run.record(cell, Got(answer, blame, note))

    for expect_allowed in (False, True):
        for relation in RELATIONS:
            items = []
            for (field, target_name), (request_target, make_input) in SUBMISSIONS.items():
                cell = (field, target_name, relation)
                if (MATRIX[cell] == ALLOWED) == expect_allowed:
                    person = world.person(relation, await world.target(request_target))
                    made = await make_input(world, relation)
                    items.append((cell, person, with_terms(*made) if terms else made))  # R40
            await judge(items)
    run.verdict()


# --- accounts -----------------------------------------------------------------------------------------------

REGISTER_ACCOUNT = Call(
    f"registerAccount(input: $input) {{ viewer {{ id email }} {ERRORS} }}", {"input": "RegisterAccountInput!"}
)
VERIFY = Call(f"verifyEmail(input: {{code: $code}}) {{ viewer {{ emailVerified }} {ERRORS} }}", {"code": "String!"})
RESEND = Call(f"resendVerificationCode {{ viewer {{ id }} {ERRORS} }}")
SIGN_IN = Call(
    f"signIn(input: {{login: $login, password: $password}}) {{ viewer {{ id email }} {ERRORS} }}",
    {"login": "String!", "password": "String!"},
)
VIEWER = "{ viewer { email emailVerified } }"


async def test_account_mutations(world: World) -> None:
    """R1-R4 for the anonymous and the signed in; every effect checked through the person's own session."""
    run = Run.of(*(field for field in ACCOUNT_FIELDS if field not in PROFILE_FIELDS + TOKEN_FIELDS))
    people = world.people

    async def viewer_of(person: Person) -> dict[str, Any] | None:
        viewer: dict[str, Any] | None = (await gql(person.client, VIEWER))["data"]["viewer"]
        return viewer

    for relation in ("anonymous", "stranger"):
        signed_in = relation == "stranger"
        # registerAccount: a new account, signed in in place of whoever was
        person = await people.make("Already Here") if signed_in else people.anonymous()
        email = f"new.{relation}.{world.seed()}@authz.example.org"
        new = {"email": email, "name": "New Person", "password": PASSWORD, "community": "PROVIDER_SUPPLIER"}
        body, changed = await send(world, person, [(REGISTER_ACCOUNT, {"input": {**new, "acceptTerms": True}})])
        answer, _ = answer_of(body, "a0")
        if answer == ALLOWED and (await viewer_of(person) or {}).get("email") != email:
            answer = "ALLOWED but the session is not the new account's"
        run.record(("registerAccount", "-", relation), Got(answer, changed))

        # resendVerificationCode, then verifyEmail with the code mailed: for the person's own address
        person = await people.make("Not Yet Verified", verified=False) if signed_in else people.anonymous()
        body, changed = await send(world, person, [(RESEND, {})])
        run.record(("resendVerificationCode", "-", relation), Got(answer_of(body, "a0")[0], changed))
        code = "000000"
        if signed_in:
            found = re.search(r"\b(\d{6})\b", await world.mail_body(person.email))
            assert found is not None
            code = found.group(1)
        body, changed = await send(world, person, [(VERIFY, {"code": code})])
        answer, _ = answer_of(body, "a0")
        if answer == ALLOWED and (await viewer_of(person) or {}).get("emailVerified") is not True:
            answer = "ALLOWED but the e-mail is not verified"
        run.record(("verifyEmail", "-", relation), Got(answer, changed))

        # signIn: the session becomes the person's who signs in
        person = await people.make("Signed In Before") if signed_in else people.anonymous()
        other = await people.make("Signing In")
        body, changed = await send(world, person, [(SIGN_IN, {"login": other.email, "password": PASSWORD})])
        answer, _ = answer_of(body, "a0")
        if answer == ALLOWED and (await viewer_of(person) or {}).get("email") != other.email:
            answer = "ALLOWED but the session is not the person's who signed in"
        run.record(("signIn", "-", relation), Got(answer, changed))

        # signOut: true, and no session afterwards
        person = await people.make("Leaving") if signed_in else people.anonymous()
        body = await gql(person.client, "mutation { signOut }")
        answer = ALLOWED if body == {"data": {"signOut": True}} else f"answered {body}"
        if answer == ALLOWED and await viewer_of(person) is not None:
            answer = "ALLOWED but still signed in"
        run.record(("signOut", "-", relation), Got(answer))
    run.verdict()


UPDATE_PROFILE = Call(
    f"updateProfile(input: $input) {{ viewer {{ name }} {ERRORS} }}", {"input": "UpdateProfileInput!"}
)
CHANGE_PASSWORD = Call(
    f"changePassword(input: $input) {{ viewer {{ id }} {ERRORS} }}", {"input": "ChangePasswordInput!"}
)
REQUEST_EMAIL_CHANGE = Call(
    f"requestEmailChange(input: $input) {{ viewer {{ id }} {ERRORS} }}", {"input": "RequestEmailChangeInput!"}
)
CONFIRM_EMAIL_CHANGE = Call(
    f"confirmEmailChange(input: {{code: $code}}) {{ viewer {{ email }} {ERRORS} }}", {"code": "String!"}
)


async def test_profile_mutations(world: World) -> None:
    """R5, R41: each changes the signed-in person's own account; the anonymous get UNAUTHENTICATED."""
    run = Run.of(*PROFILE_FIELDS)
    for relation in ("anonymous", "stranger"):
        signed_in = relation == "stranger"
        person = await world.people.make("Profile Owner") if signed_in else world.people.anonymous()
        body, changed = await send(world, person, [(UPDATE_PROFILE, {"input": {"name": "Renamed Owner"}})])
        run.record(("updateProfile", "-", relation), Got(answer_of(body, "a0")[0], changed))
        new_password = {"currentPassword": PASSWORD, "newPassword": "granite-orchid-lantern-61"}
        body, changed = await send(world, person, [(CHANGE_PASSWORD, {"input": new_password})])
        run.record(("changePassword", "-", relation), Got(answer_of(body, "a0")[0], changed))
        password = new_password["newPassword"] if signed_in else PASSWORD
        address = f"moved.{world.seed()}@authz.example.org"
        body, changed = await send(
            world, person, [(REQUEST_EMAIL_CHANGE, {"input": {"newEmail": address, "password": password}})]
        )
        run.record(("requestEmailChange", "-", relation), Got(answer_of(body, "a0")[0], changed))
        code = "000000"
        if signed_in:
            found = re.search(r"\b(\d{6})\b", await world.mail_body(address))
            assert found is not None
            code = found.group(1)
        body, changed = await send(world, person, [(CONFIRM_EMAIL_CHANGE, {"code": code})])
        answer, payload = answer_of(body, "a0")
        if answer == ALLOWED and (payload or {}).get("viewer", {}).get("email") != address:
            answer = "ALLOWED but the address did not change"
        run.record(("confirmEmailChange", "-", relation), Got(answer, changed))
    run.verdict()


CREATE_API_TOKEN = Call(
    f"createApiToken(input: $input) {{ token {{ id name }} secret {ERRORS} }}", {"input": "CreateApiTokenInput!"}
)
REVOKE_API_TOKEN = Call(f"revokeApiToken(input: {{id: $id}}) {{ token {{ id }} {ERRORS} }}", {"id": "ID!"})


async def test_api_token_mutations(world: World) -> None:
    """R43: a signed-in person makes and revokes their own tokens; someone else's is NOT_FOUND, nothing revoked."""
    run = Run.of(*TOKEN_FIELDS)
    expiry = {"name": "matrix", "expiresAt": (START + timedelta(days=30)).isoformat()}
    owner = await world.people.make("Token Owner")
    made = await gql(owner.client, *aliased([(CREATE_API_TOKEN, {"input": expiry})]))
    others = made["data"]["a0"]["token"]["id"]
    for relation in ("anonymous", "stranger"):
        signed_in = relation == "stranger"
        person = await world.people.make("Token Maker") if signed_in else world.people.anonymous()
        body, changed = await send(world, person, [(CREATE_API_TOKEN, {"input": expiry})])
        answer, payload = answer_of(body, "a0")
        if answer == ALLOWED and not (payload or {}).get("secret"):
            answer = "ALLOWED but no secret"
        run.record(("createApiToken", "-", relation), Got(answer, changed))
        own = ((payload or {}).get("token") or {}).get("id") or others
        body, changed = await send(world, person, [(REVOKE_API_TOKEN, {"id": own})])
        run.record(("revokeApiToken", "OWN", relation), Got(answer_of(body, "a0")[0], changed))
        body, changed = await send(world, person, [(REVOKE_API_TOKEN, {"id": others})])
        run.record(("revokeApiToken", "OTHERS", relation), Got(answer_of(body, "a0")[0], changed))
    run.verdict()


# --- delegation (R38) ------------------------------------------------------------------------------------------

DELEGATION_FIELDS = ("createDelegation", "endDelegation")
CREATE_DELEGATION = Call(
    f"createDelegation(input: $input) {{ delegation {{ id }} {ERRORS} }}", {"input": "CreateDelegationInput!"}
)
END_DELEGATION = Call(f"endDelegation(input: {{id: $id}}) {{ delegation {{ id endedAt }} {ERRORS} }}", {"id": "ID!"})


async def test_delegation_mutations(world: World) -> None:
    """R38: the SO delegates their own SO role to an end user of XYZ; only they (or the help desk) end it."""
    run = Run.of(*DELEGATION_FIELDS)
    so, delegate = world.cast["so"], world.cast["end_user"]
    roles = await gql(so.client, "{ viewer { roles { id role } } }")
    (so_role,) = [r["id"] for r in roles["data"]["viewer"]["roles"] if r["role"] == "SECURITY_OFFICIAL"]
    given = {
        "roleAssignmentId": so_role,
        "delegateId": to_global_id("User", delegate.pk),
        "startsAt": START.isoformat(),
        "endsAt": (START + timedelta(days=7)).isoformat(),
    }

    async def made() -> str:
        body = await gql(so.client, *aliased([(CREATE_DELEGATION, {"input": given})]))
        assert body["data"]["a0"]["errors"] == [], body
        found: str = body["data"]["a0"]["delegation"]["id"]
        return found

    async def ended(delegation: str) -> None:
        body = await gql(so.client, *aliased([(END_DELEGATION, {"id": delegation})]))
        assert body["data"]["a0"]["errors"] in (
            [],
            [{"code": "DELEGATION_NOT_ALLOWED", "message": ANY, "field": ["id"]}],
        )

    for relation in RELATIONS:
        person = world.person(relation)
        body, changed = await send(world, person, [(CREATE_DELEGATION, {"input": given})])
        answer, payload = answer_of(body, "a0")
        run.record(("createDelegation", "SO_ROLE>END_USER", relation), Got(answer, changed))
        if answer == ALLOWED and payload is not None:
            await ended(payload["delegation"]["id"])
        delegation = await made()
        body, changed = await send(world, person, [(END_DELEGATION, {"id": delegation})])
        run.record(("endDelegation", "SO>END_USER", relation), Got(answer_of(body, "a0")[0], changed))
        await ended(delegation)
    run.verdict()


# --- CMS's switches (R42): the help desk's; what they change is public -----------------------------------------

SWITCH_FIELDS = ("setProviderTypeOpen", "publishApplication", "setApplicationOpen")
SET_PROVIDER_TYPE = Call(
    f"setProviderTypeOpen(input: $input) {{ setting {{ providerType open reason }} {ERRORS} }}",
    {"input": "ProviderTypeOpenInput!"},
)
PUBLISH_APPLICATION = Call(
    f"publishApplication(input: $input) {{ application {{ id name open }} {ERRORS} }}",
    {"input": "PublishApplicationInput!"},
)
SET_APPLICATION = Call(
    f"setApplicationOpen(input: $input) {{ application {{ id open closedReason }} {ERRORS} }}",
    {"input": "ApplicationOpenInput!"},
)


async def test_cms_switches(world: World) -> None:
    """R42: each switch as every relation; the help desk's last, its effect checked in its payload, and undone."""
    run = Run.of(*SWITCH_FIELDS)
    help_desk = world.person("help_desk")
    published = await gql(
        help_desk.client,
        *aliased([(PUBLISH_APPLICATION, {"input": {"name": f"Switched {world.seed()}", "open": True}})]),
    )
    application = published["data"]["a0"]["application"]["id"]
    closing = {"providerType": "AMBULANCE_SUPPLIER", "open": False, "reason": "Closed by the authorization matrix."}
    calls: dict[str, tuple[Call, dict[str, Any]]] = {
        "setProviderTypeOpen": (SET_PROVIDER_TYPE, {"input": closing}),
        "publishApplication": (PUBLISH_APPLICATION, {"input": {"name": f"Published {world.seed()}", "open": True}}),
        "setApplicationOpen": (
            SET_APPLICATION,
            {"input": {"applicationId": application, "open": False, "reason": "Closed by the matrix."}},
        ),
    }
    for relation in sorted(RELATIONS, key=lambda r: r == "help_desk"):
        person = world.person(relation)
        for field_name, call in calls.items():
            body, changed = await send(world, person, [call])
            answer, payload = answer_of(body, "a0")
            if answer == ALLOWED and payload is not None:
                state = payload.get("setting") or payload.get("application") or {}
                if field_name != "publishApplication" and state.get("open") is not False:
                    answer = f"ALLOWED but {state}"
            run.record((field_name, "-", relation), Got(answer, changed))
    undo = {"providerType": "AMBULANCE_SUPPLIER", "open": True}
    assert answer_of(await gql(help_desk.client, *aliased([(SET_PROVIDER_TYPE, {"input": undo})])), "a0")[0] == ALLOWED
    run.verdict()


# --- webhooks (R44): the help desk's alone; hidden from everyone else --------------------------------------

WEBHOOK_FIELDS = ("webhooks", "createWebhook", "deleteWebhook", "redeliverWebhookDelivery")
LIST_WEBHOOKS = Call("webhooks { id url }", operation="query")
CREATE_WEBHOOK = Call(
    f"createWebhook(input: $input) {{ webhook {{ id active }} secret {ERRORS} }}", {"input": "CreateWebhookInput!"}
)
DELETE_WEBHOOK = Call(f"deleteWebhook(input: {{id: $id}}) {{ webhook {{ id active }} {ERRORS} }}", {"id": "ID!"})
REDELIVER_WEBHOOK = Call(
    f"redeliverWebhookDelivery(input: {{id: $id}}) {{ delivery {{ id status }} {ERRORS} }}", {"id": "ID!"}
)
NEW_WEBHOOK = {"input": {"url": "https://hooks.example.org/iacs", "events": ["REQUEST_SUBMITTED"]}}


async def test_webhook_fields(world: World) -> None:
    """R44: every relation lists, registers, deletes and redelivers; the help desk last (its payloads checked)."""
    run = Run.of(*WEBHOOK_FIELDS)
    help_desk = world.person("help_desk")
    made = await gql(help_desk.client, *aliased([(CREATE_WEBHOOK, NEW_WEBHOOK)]))
    hook = made["data"]["a0"]["webhook"]["id"]
    async with world.factory() as db:  # one delivery to redeliver, as an event would leave it
        await db.execute(
            text(
                "INSERT INTO webhook_deliveries (event_id, webhook_id, event_type, body, created_at, next_attempt_at, "
                "given_up_at) VALUES (gen_random_uuid(), :hook, 'REQUEST_SUBMITTED', '{}', now(), now(), now())"
            ),
            {"hook": uuid_of(hook)},
        )
        delivery_pk = await db.scalar(
            text("SELECT id FROM webhook_deliveries WHERE webhook_id = :hook"), {"hook": uuid_of(hook)}
        )
        await db.commit()
    delivery = to_global_id("WebhookDelivery", delivery_pk)
    for relation in sorted(RELATIONS, key=lambda r: r == "help_desk"):
        person = world.person(relation)
        body = await gql(person.client, *aliased([(LIST_WEBHOOKS, {})]))
        answer = query_answer(body, "a0")
        if answer == ALLOWED and relation != "help_desk" and body["data"]["a0"]:
            answer = f"ALLOWED WITH {len(body['data']['a0'])} WEBHOOKS"
        if answer == ALLOWED and relation == "help_desk" and hook not in {w["id"] for w in body["data"]["a0"]}:
            answer = "ALLOWED but the endpoint is not listed"
        run.record(("webhooks", "-", relation), Got(answer))
        body, changed = await send(world, person, [(CREATE_WEBHOOK, NEW_WEBHOOK)])
        answer, payload = answer_of(body, "a0")
        if answer == ALLOWED and not (payload or {}).get("secret", "").startswith("whsec_"):
            answer = "ALLOWED but no secret"
        run.record(("createWebhook", "-", relation), Got(answer, changed))
        body, changed = await send(world, person, [(REDELIVER_WEBHOOK, {"id": delivery})])
        answer, payload = answer_of(body, "a0")
        if answer == ALLOWED and (payload or {}).get("delivery", {}).get("status") != "PENDING":
            answer = f"ALLOWED but {payload}"
        run.record(("redeliverWebhookDelivery", "DELIVERY", relation), Got(answer, changed))
        body, changed = await send(world, person, [(DELETE_WEBHOOK, {"id": hook})])
        answer, payload = answer_of(body, "a0")
        if answer == ALLOWED and (payload or {}).get("webhook", {}).get("active") is not False:
            answer = f"ALLOWED but {payload}"
        run.record(("deleteWebhook", "HOOK", relation), Got(answer, changed))
    run.verdict()


# --- queries ------------------------------------------------------------------------------------------------

ROOT_QUERIES: dict[str, Call] = {
    "viewer": Call("viewer { id }", operation="query"),
    "node": Call("node(id: $id) { id }", {"id": "ID!"}, operation="query"),
    "organizations": Call("organizations(first: 1) { totalCount }", operation="query"),
    "approvalQueue": Call("approvalQueue(first: 1) { totalCount }", operation="query"),
    "surrogateCompanies": Call("surrogateCompanies { id }", operation="query"),
    "surrogateCompaniesAtRisk": Call("surrogateCompaniesAtRisk { id }", operation="query"),  # R35
    "stalledOrganizations": Call("stalledOrganizations { id }", operation="query"),  # R39
    "companySearch": Call('companySearch(search: "Company") { id }', operation="query"),
    "applications": Call("applications { id }", operation="query"),
    "helpDeskLookup": Call('helpDeskLookup(query: "Official") { people { id } }', operation="query"),
    "auditEvents": Call("auditEvents(first: 1) { totalCount }", operation="query"),
    "certificationQueue": Call("certificationQueue(first: 1) { totalCount }", operation="query"),
    "mailLog": Call("mailLog(first: 100) { to }", operation="query"),
    "providerTypeSettings": Call("providerTypeSettings { providerType open }", operation="query"),
}


def query_answer(body: dict[str, Any], alias: str) -> str:
    """The alias's top-level error codes, or NULL, or ALLOWED."""
    errors = [e for e in body.get("errors", []) if (e.get("path") or [alias])[0] == alias]
    if errors:
        return "+".join(str((e.get("extensions") or {}).get("code", e["message"])) for e in errors)
    return NULL if (body.get("data") or {}).get(alias) is None else ALLOWED


async def test_root_queries(world: World) -> None:
    run = Run(c for c in MATRIX if c[0] in ROOT_QUERIES and c[1] == "-")
    for relation in RELATIONS:
        person = world.person(relation)
        calls = [(call, {"id": world.xyz} if call.variables else {}) for call in ROOT_QUERIES.values()]
        # a refused non-null field nulls the whole answer: the anonymous ask one field at a time
        groups = [[c] for c in calls] if relation == "anonymous" else [calls]
        for group in groups:
            body = await gql(person.client, *aliased(group))
            for n, (call, _) in enumerate(group):
                answer = query_answer(body, f"a{n}")
                if call.root == "mailLog" and answer == ALLOWED:  # the codes mailed to others are their secrets
                    others = {m["to"] for m in body["data"][f"a{n}"]} - {person.email}
                    answer = f"ALLOWED WITH THE MAIL OF {len(others)} OTHERS" if others else answer
                run.record((call.root, "-", relation), Got(answer))
    run.verdict()


async def test_node(world: World) -> None:
    """node(id:) of every target, as every relation: the object itself, or null exactly as for a random id."""
    run = Run(c for c in MATRIX if c[0] == "node" and c[1] != "-")
    node = ROOT_QUERIES["node"]
    targets = {name: await world.target(name) for name in dict.fromkeys(c[1] for c in run.cells)}
    items = [(cell, world.person(cell[2], targets[cell[1]]), targets[cell[1]]) for cell in run.cells]
    for person, mine in by_person(items):
        for batch in chunks(mine, key=lambda item: item[0]):
            body = await gql(person.client, *aliased([(node, {"id": t.id}) for _, _, t in batch]))
            for n, (cell, _, target) in enumerate(batch):
                answer = query_answer(body, f"a{n}")
                if answer == ALLOWED and body["data"][f"a{n}"]["id"] != target.id:
                    answer = f"ANOTHER OBJECT {body['data'][f'a{n}']}"
                run.record(cell, Got(answer))
    run.verdict()


# --- fields only some of those who see an object may read (FIELD_MATRIX) -----------------------------------

LOCKED_BACKUP = """query($id: ID!) { node(id: $id) { ... on Organization { backupSecurityOfficials {
  id lockedUntil } } } }"""
FIELD_QUERIES = {"User.lockedUntil": LOCKED_BACKUP}


async def test_fields_shown_to_some(world: World) -> None:
    """Each cell: the field's value to whom the table gives it, null without an error to the others."""
    wrong: list[str] = []
    expected_value = {"User.lockedUntil": (START + timedelta(minutes=15)).isoformat()}
    for (field, target_name, relation), expected in FIELD_MATRIX.items():
        target = await world.target(target_name)
        person = world.person(relation, target)
        body = await gql(person.client, FIELD_QUERIES[field], {"id": target.id})
        if body.get("errors"):
            got = "+".join(str((e.get("extensions") or {}).get("code", e["message"])) for e in body["errors"])
        else:
            officials = {o["id"]: o for o in body["data"]["node"]["backupSecurityOfficials"]}
            value = officials[target.extra["person"]]["lockedUntil"]
            got = NULL if value is None else VALUE if value == expected_value[field] else f"the value {value}"
        if got != expected:
            wrong.append(f"{(field, target_name, relation)}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_the_field_matrix_covers_every_relation_and_names_schema_fields() -> None:
    rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for field, target, relation in FIELD_MATRIX:
        rows[(field, target)].add(relation)
    assert all(relations == set(RELATIONS) for relations in rows.values()), rows
    graphql_schema = schema._schema
    for field, _ in rows:
        type_name, field_name = field.split(".")
        graphql_type = graphql_schema.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType), field
        assert field_name in graphql_type.fields, field
    assert set(FIELD_QUERIES) == {field for field, _ in rows}


# --- another organization's object is answered exactly like a nonexistent one --------------------------------


async def test_another_organizations_object_is_answered_like_a_nonexistent_one(world: World) -> None:
    """docs/reliability.md: to people of another organization (or none), XYZ's private objects are indistinguishable
    from random ids - the whole answer (code, message, field, no object), and nothing changes."""
    pending = await world.target("BACKUP_SECURITY_OFFICIAL")  # XYZ's pending request
    role = await world.target("RoleAssignment:BACKUP_SECURITY_OFFICIAL")  # a role held in XYZ
    registration = await world.target("REGISTER_ORGANIZATION")  # a pending organization
    random_request = to_global_id("AccessRequest", uuid.uuid4())
    random_role = to_global_id("RoleAssignment", uuid.uuid4())
    random_group = to_global_id("UserGroup", uuid.uuid4())
    deciding = {"decision": "DENY", "reason": REASON}
    cases: list[tuple[Call, dict[str, Any], dict[str, Any]]] = [
        (APPROVE, {"id": pending.id}, {"id": random_request}),
        (DENY, {"id": pending.id, "reason": REASON}, {"id": random_request, "reason": REASON}),
        (CANCEL, {"id": pending.id}, {"id": random_request}),
        (DECIDE_MANY, {"ids": [pending.id], **deciding}, {"ids": [random_request], **deciding}),
        (REVOKE, {"id": role.id, "reason": REASON}, {"id": random_role, "reason": REASON}),
        # the groups of approved organizations are public (anyone may ask to join one, R13): what is private
        # here is XYZ's other objects, passed as a group's id - answered as a random group id is
        (REQUEST_MEMBERSHIP, {"group": to_global_id("UserGroup", uuid_of(pending.id))}, {"group": random_group}),
        (REQUEST_MEMBERSHIP, {"group": pending.id}, {"group": random_group}),
        (REQUEST_MEMBERSHIP, {"group": registration.extra["organization"]}, {"group": random_group}),
    ]
    node = ROOT_QUERIES["node"]
    node_cases = [
        (pending.id, random_request),
        (role.id, random_role),
        (registration.extra["organization"], to_global_id("Organization", uuid.uuid4())),
    ]
    differences: list[str] = []
    for relation in ("other_so", "other_company_uga", "stranger", "practitioner"):
        person = world.person(relation)
        for call, private, random in cases:
            body, changed = await send(world, person, [(call, private)])
            like = await gql(person.client, *aliased([(call, random)]))
            if body != like or changed:
                differences.append(f"{relation} {call.root}({private}): {body} vs {like}, changed: {changed}")
        for private_id, random_id in node_cases:
            body = await gql(person.client, *aliased([(node, {"id": private_id})]))
            like = await gql(person.client, *aliased([(node, {"id": random_id})]))
            if body != like or body != {"data": {"a0": None}}:
                differences.append(f"{relation} node({private_id}): {body} vs {like}")
    assert not differences, "\n".join(differences)


# --- the table itself ---------------------------------------------------------------------------------------


def test_the_matrix_covers_every_root_field() -> None:
    """A root field without rows in the matrix fails the build, and so does a row without every relation."""
    graphql_schema = schema._schema
    assert graphql_schema.mutation_type is not None
    assert graphql_schema.query_type is not None
    roots = set(graphql_schema.mutation_type.fields) | set(graphql_schema.query_type.fields)
    covered = {c[0] for c in MATRIX}
    assert covered == roots, f"not in the matrix: {sorted(roots - covered)}; gone: {sorted(covered - roots)}"
    rows: dict[tuple[str, str], set[str]] = defaultdict(set)
    for field, target, relation in MATRIX:
        rows[(field, target)].add(relation)
    for (field, target), relations in rows.items():
        wanted = {"anonymous", "stranger"} if field in ACCOUNT_FIELDS else set(RELATIONS)
        assert relations == wanted, (field, target, wanted ^ relations)
    # every kind of request is decided and cancelled, every role revoked, every object type looked up
    for field in ("approveRequest", "denyRequest", "cancelRequest", "decideRequests"):
        kinds = {
            kind_and_decision(t)[0].split(":")[0] if field == "decideRequests" else t.split(":")[0]
            for f, t, _ in MATRIX
            if f == field
        }
        assert kinds == {k.value for k in RequestKind}, field
    for field in ("revokeRole", "certifyRoles"):
        assert {t.split(":")[0] for f, t, _ in MATRIX if f == field} == {r.value for r in Role}, field
    node_types = {t.split(":")[0] for f, t, _ in MATRIX if f == "node" and t != "-"}
    types = ("AccessRequest", "RoleAssignment", "Organization", "UserGroup", "SurrogateCompany", "User", "Application")
    assert node_types == set(types)
    # every row is run by one of the tests below
    assert {(f, t) for f, t, _ in MATRIX if f in SUBMISSION_FIELDS} == set(SUBMISSIONS)
    runners = {*ON_OBJECT, "decideRequests", "certifyRoles", *SUBMISSION_FIELDS, *ACCOUNT_FIELDS, *ROOT_QUERIES}
    runners |= set(SWITCH_FIELDS)
    runners |= set(DELEGATION_FIELDS) | set(WEBHOOK_FIELDS)
    assert covered == runners
    for cell, reason in KNOWN_BUGS.items():
        assert cell in MATRIX, cell
        assert reason.strip(), cell


def test_the_exported_schema_has_the_root_fields_of_the_matrix() -> None:
    sdl = (Path(__file__).resolve().parents[2] / "schema.graphql").read_text()
    for field in {c[0] for c in MATRIX}:
        assert re.search(rf"^  {field}\b", sdl, re.MULTILINE), field


NODE_OF_OBJECT = {"certifyRoles": "RoleAssignment"} | {
    f: ("AccessRequest" if f != "revokeRole" else "RoleAssignment")
    for f in ON_OBJECT
    if f not in {"unlockAccount", "disableAccount", "enableAccount"}
}
NODE_OF_SCOPE: dict[tuple[str, str], str] = {
    ("requestBackupSecurityOfficial", "XYZ"): "Organization:XYZ",
    ("requestUserGroup", "XYZ"): "Organization:XYZ",
    ("requestUserGroupAdministration", "G1"): "UserGroup:G1",
    ("requestUserGroupMembership", "G1"): "UserGroup:G1",
    ("requestApplicationAccess", "APP_B@G1"): "UserGroup:G1",
    ("requestApplicationAccess", "APP_C@G1"): "UserGroup:G1",
    ("requestSurrogateCompanyMembership", "ABC"): "SurrogateCompany:ABC",
    ("requestSurrogateUserGroups", "ABC>OTHER"): "SurrogateCompany:ABC",
    ("requestSurrogateUserGroups", "ABC>XYZ"): "SurrogateCompany:ABC",
}


def test_the_matrix_agrees_with_node_visibility() -> None:
    """NOT_FOUND exactly where node() shows nothing (api.md); whoever sees the object is told why instead."""
    disagreements: list[str] = []
    for (field, target, relation), expected in MATRIX.items():
        if relation == "anonymous":
            continue
        if field in NODE_OF_OBJECT or field == "decideRequests":
            kind = kind_and_decision(target)[0] if field == "decideRequests" else target
            node_cell = ("node", f"{NODE_OF_OBJECT.get(field, 'AccessRequest')}:{kind}", relation)
        elif (field, target) in NODE_OF_SCOPE:
            node_cell = ("node", NODE_OF_SCOPE[(field, target)], relation)
        else:
            continue
        if (MATRIX[node_cell] == ALLOWED) == (expected == "NOT_FOUND"):
            disagreements.append(f"{(field, target, relation)} = {expected} but {node_cell} = {MATRIX[node_cell]}")
    assert not disagreements, "\n".join(disagreements)
