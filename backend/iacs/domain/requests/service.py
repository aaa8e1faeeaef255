"""Requests: submit (R6-R23, R28), decide exactly once (R15, R24-R26), cancel (R27), revoke (R29).

The use cases live in modules by what they do: `submission` (asking), `decisions` (deciding, what an approval
grants, cancelling), `revocation` (ending a role), `approvers` (who decides, as people), with `actors` (who acts,
what they may see) and `checks` (lookups and R14) under them all. This module keeps the names other code imports.

Every use case runs inside the caller's transaction, flushes, and raises DomainError for anything the
person can fix; the GraphQL layer commits or rolls back. No check-then-act: the pending-request and
role uniqueness rules are also database indexes, and a decision is a conditional UPDATE.
"""

from __future__ import annotations

from iacs.domain.requests.actors import (
    Actor,
    UseCase,
    active_roles,
    load_actor,
    may_view_request,
    may_view_role,
    visible_role,
)
from iacs.domain.requests.approvers import approvers_by_request, approvers_by_role, approvers_of, company_administrators
from iacs.domain.requests.checks import OFFICIALS, R14_TRIGGER, lock_person_in_organization, r14_conflict
from iacs.domain.requests.decisions import (
    CERTIFICATION_PERIOD,
    MAX_BULK_DECISIONS,
    QUEUE_CHANNEL,
    cancel,
    close_registration,
    decide,
    notify_queue,
)
from iacs.domain.requests.revocation import revoke_role
from iacs.domain.requests.submission import (
    COMPANY_TIN_INDEX,
    MAX_ORGANIZATIONS_PER_SUBMISSION,
    SurrogateOutcome,
    request_application_access,
    request_backup_security_official,
    request_company_administration,
    request_individual_practitioner,
    request_organization_registration,
    request_security_official_succession,
    request_surrogate_company_membership,
    request_surrogate_user_groups,
    request_user_group,
    request_user_group_administration,
    request_user_group_membership,
)

__all__ = [
    "CERTIFICATION_PERIOD",
    "COMPANY_TIN_INDEX",
    "MAX_BULK_DECISIONS",
    "MAX_ORGANIZATIONS_PER_SUBMISSION",
    "OFFICIALS",
    "QUEUE_CHANNEL",
    "R14_TRIGGER",
    "Actor",
    "SurrogateOutcome",
    "UseCase",
    "active_roles",
    "approvers_by_request",
    "approvers_by_role",
    "approvers_of",
    "cancel",
    "close_registration",
    "company_administrators",
    "decide",
    "load_actor",
    "lock_person_in_organization",
    "may_view_request",
    "may_view_role",
    "notify_queue",
    "r14_conflict",
    "request_application_access",
    "request_backup_security_official",
    "request_company_administration",
    "request_individual_practitioner",
    "request_organization_registration",
    "request_security_official_succession",
    "request_surrogate_company_membership",
    "request_surrogate_user_groups",
    "request_user_group",
    "request_user_group_administration",
    "request_user_group_membership",
    "revoke_role",
    "visible_role",
]
