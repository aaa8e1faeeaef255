"""Global ids (graphql/ids.py): base64url of "<TypeName>:<uuid>" without padding, as clients hold them."""

from __future__ import annotations

import base64
import uuid

from iacs.graphql.ids import from_global_id, to_global_id

# Type names of every length modulo 3, so that every padding case is met.
TYPE_NAMES = ["User", "UserGroup", "Organization", "AccessRequest", "RoleAssignment", "SurrogateCompany", "X"]
UUIDS = [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)]
UUIDS += [uuid.UUID(int=(7919 * i) ** 7 % 2**128) for i in range(1, 40)]


def test_a_global_id_is_the_unpadded_base64url_of_type_and_uuid() -> None:
    for type_name in TYPE_NAMES:
        for value in UUIDS:
            expected = base64.urlsafe_b64encode(f"{type_name}:{value}".encode()).decode().rstrip("=")
            assert to_global_id(type_name, value) == expected
            assert from_global_id(expected) == (type_name, value)


def test_an_id_with_url_unsafe_bytes_uses_the_url_alphabet() -> None:
    # No type name of the schema makes "+" or "/" in standard base64 (letters, digits, ":" and "-" do not):
    # these made-up ones do, so that the URL alphabet is exercised.
    zero = uuid.UUID(int=0)
    assert to_global_id("00>", zero) == "MDA-OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA"
    assert to_global_id("00?", zero) == "MDA_OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA"
    assert from_global_id(to_global_id("00?", zero)) == ("00?", zero)
