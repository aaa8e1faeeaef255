"""Checks of the request inputs (R6, R11, R22): every field error is collected, none stops the others."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iacs.domain.enums import COMMUNITY_NAMES, Community, ErrorCode, OrganizationKind, ProviderType
from iacs.domain.errors import ErrorCollector
from iacs.domain.organizations.identifiers import npi_is_valid
from iacs.domain.validation import ascii_digits, clean_text, has_control_characters

US_STATES = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "VI",
        "GU",
        "AS",
        "MP",
    }
)
ZIP_RE = re.compile(r"^[0-9]{5}(-[0-9]{4})?$")  # ASCII digits only: \d takes any script's digits
PTAN_RE = re.compile(r"^[A-Za-z0-9-]{1,20}$")
CONTRACTOR_TYPES = frozenset({ProviderType.FISCAL_INTERMEDIARY, ProviderType.CARRIER, ProviderType.MAC})


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str | None
    city: str
    state: str
    zip: str


def clean_tin(errors: ErrorCollector, value: str, *field: str) -> str:
    digits = value.strip().replace("-", "")
    if not (len(digits) == 9 and ascii_digits(digits)):
        errors.add(ErrorCode.INVALID_TIN, "A TIN has 9 digits (dashes allowed).", *field)
    return digits


def clean_npi(errors: ErrorCollector, value: str, *field: str) -> str:
    digits = value.strip()
    if not npi_is_valid(digits):
        errors.add(ErrorCode.INVALID_NPI, "An NPI has 10 digits and a valid check digit.", *field)
    return digits


def clean_address(errors: ErrorCollector, address: Address, *field: str) -> Address:
    line1 = clean_text(errors, address.line1, *field, "line1", label="Address line 1", max_length=200)
    line2 = None
    if address.line2 is not None and address.line2.strip():
        line2 = clean_text(errors, address.line2, *field, "line2", label="Address line 2", max_length=200)
    city = clean_text(errors, address.city, *field, "city", label="City", max_length=100)
    state = address.state.strip().upper()
    if state not in US_STATES:
        errors.add(ErrorCode.INVALID_INPUT, "Use the 2-letter code of a US state or territory.", *field, "state")
    zip_code = address.zip.strip()
    if not ZIP_RE.match(zip_code):
        errors.add(ErrorCode.INVALID_ZIP, "A ZIP code is 5 digits, or ZIP+4 like 62704-1234.", *field, "zip")
    return Address(line1=line1, line2=line2, city=city, state=state, zip=zip_code)


def clean_ptan(errors: ErrorCollector, value: str | None, *field: str) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = value.strip()
    if not PTAN_RE.match(cleaned) or has_control_characters(cleaned):
        errors.add(ErrorCode.INVALID_INPUT, "A PTAN or CCN has up to 20 letters, digits or dashes.", *field)
    return cleaned


def organization_kind(provider_type: ProviderType) -> OrganizationKind:
    return OrganizationKind.CONTRACTOR if provider_type in CONTRACTOR_TYPES else OrganizationKind.PROVIDER


def check_community(errors: ErrorCollector, provider_type: ProviderType, community: Community, *field: str) -> None:
    """R2: Medicare contractors are the FI_CARRIER_MAC community, everyone else PROVIDER_SUPPLIER."""
    expected = Community.FI_CARRIER_MAC if provider_type in CONTRACTOR_TYPES else Community.PROVIDER_SUPPLIER
    if community != expected:
        errors.add(
            ErrorCode.COMMUNITY_MISMATCH,
            f"This type of organization belongs to the {COMMUNITY_NAMES[expected]} community.",
            *field,
        )
