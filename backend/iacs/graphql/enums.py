"""The domain's enumerations, exposed to GraphQL under the names of api.md.

The descriptions of their values live here, not in the domain (which imports no Strawberry): `describe_values`
attaches them to the definitions `strawberry.enum` made, so they show in introspection and in schema.graphql.

Each name is the domain's class itself, as a type alias: `strawberry.enum` marks the class it is given and returns
it, so annotating a field with `RequestKind` type-checks and Strawberry finds the definition on the class.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeAlias

import strawberry
from strawberry.types.enum import has_enum_definition

from iacs.domain import enums


def describe_values(graphql_enum: type[enum.Enum], descriptions: Mapping[enum.Enum, str]) -> None:
    """Give each value of an enum exposed with `strawberry.enum` its description (keyed by member).

    A value left out keeps none; the guard test tests/guards/test_schema_descriptions.py names it."""
    exposed: object = graphql_enum
    if not has_enum_definition(exposed):
        raise TypeError(f"{graphql_enum.__name__} is not exposed with strawberry.enum")
    for value in exposed.__strawberry_definition__.values:
        value.description = descriptions.get(graphql_enum(value.value), value.description)


Community: TypeAlias = enums.Community
strawberry.enum(
    Community,
    description="The community a person or organization belongs to; people act only in organizations of their own "
    "community (R2).",
)
Role: TypeAlias = enums.Role
strawberry.enum(Role, description="The roles a person can hold.")
RoleStatus: TypeAlias = enums.RoleStatus
strawberry.enum(RoleStatus, description="Whether a role is in force.")
OrganizationKind: TypeAlias = enums.OrganizationKind
strawberry.enum(OrganizationKind, description="What kind of organization this is.")
ProviderType: TypeAlias = enums.ProviderType
strawberry.enum(ProviderType, description="Provider type; the last three belong to the FI_CARRIER_MAC community.")
OrganizationStatus: TypeAlias = enums.OrganizationStatus
strawberry.enum(
    OrganizationStatus, description="Where an organization's registration stands: the help desk decides (R7)."
)
UserGroupKind: TypeAlias = enums.UserGroupKind
strawberry.enum(UserGroupKind, description="Provider group, or a surrogate company's group.")
RequestKind: TypeAlias = enums.RequestKind
strawberry.enum(RequestKind, description="What a request asks for.")
RequestStatus: TypeAlias = enums.RequestStatus
strawberry.enum(RequestStatus, description="Where a request stands.")

describe_values(
    Community,
    {
        enums.Community.PROVIDER_SUPPLIER: "Providers and suppliers and the people who work for them or for their "
        "billing companies; individual practitioners too.",
        enums.Community.FI_CARRIER_MAC: "Staff of Medicare contractors: fiscal intermediaries, carriers and "
        "Medicare Administrative Contractors (MACs).",
    },
)
describe_values(
    Role,
    {
        enums.Role.SECURITY_OFFICIAL: "Security Official (SO): the one person answerable for an organization; "
        "registers it, approves its Backup Security Officials, user groups, surrogates and applications "
        "(exactly one active per organization, R6, R8).",
        enums.Role.BACKUP_SECURITY_OFFICIAL: "Backup Security Official (BSO): approves what the Security Official "
        "approves except other Backups, and may ask to succeed the SO (R9, R10).",
        enums.Role.USER_GROUP_ADMINISTRATOR: "User Group Administrator (UGA): runs a user group and decides who "
        "joins it and its members' application access; held with a company and no group, it administers a "
        "surrogate company (R12, R13, R17).",
        enums.Role.END_USER: "End user: a member of a user group (or the staff of a surrogate company) who asks "
        "for access to CMS applications through it (R13, R17, R23).",
        enums.Role.INDIVIDUAL_PRACTITIONER: "A professional registered personally; the practice is an "
        "organization of one, which the practitioner runs alone (R22).",
        enums.Role.HELP_DESK: "CMS help desk staff (External User Services): decide registrations, successions and "
        "practitioners, look people up, unlock and disable accounts. Created only from the command line (R33).",
    },
)
describe_values(
    RoleStatus,
    {
        enums.RoleStatus.ACTIVE: "In force.",
        enums.RoleStatus.SUSPENDED: "Not certified by its due date: it counts for nothing until someone who may "
        "approve it certifies it again (R30).",
        enums.RoleStatus.REVOKED: "Ended for good: revoked by an approver, given up by its holder, or ended by a "
        "succession (R10, R29).",
    },
)
describe_values(
    OrganizationKind,
    {
        enums.OrganizationKind.PROVIDER: "A provider or supplier (a hospital, a physician group, ...), with a "
        "Security Official, optional Backups and user groups.",
        enums.OrganizationKind.INDIVIDUAL_PRACTITIONER: "The practice of one individual practitioner: no Backup "
        "Security Officials and no user groups of its own (R22).",
        enums.OrganizationKind.CONTRACTOR: "A Medicare contractor (fiscal intermediary, carrier or MAC), of the "
        "FI_CARRIER_MAC community.",
    },
)
describe_values(
    ProviderType,
    {
        enums.ProviderType.HOSPITAL: "A hospital.",
        enums.ProviderType.PHYSICIAN_GROUP: "A group practice of physicians or other practitioners.",
        enums.ProviderType.HOME_HEALTH_AGENCY: "A home health agency.",
        enums.ProviderType.SKILLED_NURSING_FACILITY: "A skilled nursing facility.",
        enums.ProviderType.HOSPICE: "A hospice.",
        enums.ProviderType.CLINICAL_LABORATORY: "A clinical laboratory.",
        enums.ProviderType.AMBULANCE_SUPPLIER: "An ambulance service supplier.",
        enums.ProviderType.FQHC: "A Federally Qualified Health Center.",
        enums.ProviderType.RURAL_HEALTH_CLINIC: "A rural health clinic.",
        enums.ProviderType.DMEPOS_SUPPLIER: "A supplier of durable medical equipment, prosthetics, orthotics and "
        "supplies. Closed to registration by CMS for now (R11).",
        enums.ProviderType.OTHER_PROVIDER: "Any other provider or supplier; also the type of an individual "
        "practitioner's practice.",
        enums.ProviderType.FISCAL_INTERMEDIARY: "A fiscal intermediary: a Medicare contractor (FI_CARRIER_MAC "
        "community).",
        enums.ProviderType.CARRIER: "A carrier: a Medicare contractor (FI_CARRIER_MAC community).",
        enums.ProviderType.MAC: "A Medicare Administrative Contractor (FI_CARRIER_MAC community).",
    },
)
describe_values(
    OrganizationStatus,
    {
        enums.OrganizationStatus.PENDING: "Registered, waiting for the help desk: nobody else can ask for anything "
        "in it yet (R7).",
        enums.OrganizationStatus.APPROVED: "Approved by the help desk: listed in the organization search and open "
        "to requests.",
        enums.OrganizationStatus.DENIED: "Refused by the help desk; it can be registered again.",
    },
)
describe_values(
    UserGroupKind,
    {
        enums.UserGroupKind.PROVIDER: "A group of the organization's own staff, run by its User Group "
        "Administrators (R12).",
        enums.UserGroupKind.SURROGATE: "The group through which a surrogate company (a billing company or other "
        "contractor) works for the organization; one per company and organization (R16, R18).",
    },
)
describe_values(
    RequestKind,
    {
        enums.RequestKind.REGISTER_ORGANIZATION: "Register a new organization and become its Security Official; "
        "the help desk decides (R6, R7).",
        enums.RequestKind.BACKUP_SECURITY_OFFICIAL: "Become a Backup Security Official of an approved "
        "organization; its Security Official decides (R9).",
        enums.RequestKind.SUCCEED_SECURITY_OFFICIAL: "A Backup Security Official asks to become the Security "
        "Official; the help desk decides, and the former Security Official's role ends (R10).",
        enums.RequestKind.CREATE_USER_GROUP: "Create a provider user group and administer it; the Security "
        "Official or a Backup decides (R12).",
        enums.RequestKind.ADMINISTER_USER_GROUP: "Administer an existing user group; the Security Official or a "
        "Backup decides (R12).",
        enums.RequestKind.JOIN_USER_GROUP: "Join a user group as an end user; a User Group Administrator of the "
        "group decides (R13).",
        enums.RequestKind.JOIN_SURROGATE_COMPANY: "Join a surrogate company's staff; an administrator of the "
        "company decides (R17).",
        enums.RequestKind.ADMINISTER_SURROGATE_COMPANY: "Become an administrator of a surrogate company; one of its "
        "administrators decides, or the help desk when it has none left (R35).",
        enums.RequestKind.CREATE_SURROGATE_USER_GROUP: "A surrogate company asks to serve an organization through a "
        "surrogate user group; the organization's Security Official or a Backup decides, or the practitioner "
        "for a practice (R16, R21).",
        enums.RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER: "Register as an individual practitioner; the help desk "
        "decides (R22).",
        enums.RequestKind.APPLICATION_ACCESS: "Access to a CMS application: for a user group (the Security "
        "Official or a Backup decides) or for oneself as an end user (a User Group Administrator decides) (R23).",
    },
)
describe_values(
    RequestStatus,
    {
        enums.RequestStatus.PENDING: "Waiting for a decision; it expires after 30 days by default (R27).",
        enums.RequestStatus.APPROVED: "Approved; the role was granted in the same step (R25).",
        enums.RequestStatus.DENIED: "Denied, with a reason the requester sees (R26).",
        enums.RequestStatus.CANCELLED: "Withdrawn by the requester before anyone decided (R27).",
        enums.RequestStatus.EXPIRED: "Nobody decided in time (R27).",
    },
)
