"""Authority from held roles: the fast path of `Authority.from_roles` (a kind of role at a time, set comprehensions)
gives exactly what `_holds` says role by role, for any mix of roles and scopes."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from iacs.domain.enums import Role
from iacs.domain.requests.routing import RELATIONS, ApproverRelation, Authority, HeldRole, _holds

IDS = [uuid.UUID(int=n) for n in range(1, 7)]  # few ids, so that roles share scopes
maybe_id = st.one_of(st.none(), st.sampled_from(IDS))
held_roles = st.builds(HeldRole, st.sampled_from(list(Role)), maybe_id, maybe_id, maybe_id, maybe_id)


def reference(
    roles: list[HeldRole],
) -> tuple[frozenset[ApproverRelation], dict[ApproverRelation, frozenset[uuid.UUID]]]:
    """`_holds` asked for every relation and every role: the definition the fast path must match."""
    global_relations: set[ApproverRelation] = set()
    scoped: dict[ApproverRelation, set[uuid.UUID]] = {}
    for name, relation in RELATIONS.items():
        for role in roles:
            scope = _holds(relation, role)
            if scope is True:
                global_relations.add(name)
            elif scope is not None:
                scoped.setdefault(name, set()).add(scope)
    return frozenset(global_relations), {k: frozenset(v) for k, v in scoped.items()}


@settings(max_examples=400, deadline=None)
@given(st.lists(held_roles, max_size=12))
def test_from_roles_matches_holds_role_by_role(roles: list[HeldRole]) -> None:
    authority = Authority.from_roles(IDS[0], roles)
    assert (authority.global_relations, authority.scoped) == reference(roles)


def test_a_company_administrator_and_a_group_administrator() -> None:
    company, group, org, app = IDS[1], IDS[2], IDS[3], IDS[4]
    roles = [
        HeldRole(Role.USER_GROUP_ADMINISTRATOR, None, None, company),  # the company's own
        HeldRole(Role.USER_GROUP_ADMINISTRATOR, org, group, company),  # one of its surrogate groups
        HeldRole(Role.END_USER, org, group, None, app),  # an application's access: no authority
    ]
    authority = Authority.from_roles(IDS[0], roles)
    assert authority.global_relations == frozenset()
    assert authority.scoped == {
        ApproverRelation.COMPANY_ADMINISTRATORS: frozenset({company}),
        ApproverRelation.GROUP_ADMINISTRATORS: frozenset({group}),
    }
