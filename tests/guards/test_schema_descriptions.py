"""Every element of the schema a client can introspect has a description: developers read the API in GraphiQL.

The walk goes through an introspection query (what a client sees, deprecated elements included), over every
type, field, argument, input field and enum value; the built-in introspection types (`__*`) are left out.
"""

from __future__ import annotations

from typing import Any

from graphql import get_introspection_query, graphql_sync

from iacs.graphql.schema import schema


def _described(element: dict[str, Any]) -> bool:
    description = element.get("description")
    return isinstance(description, str) and description.strip() != ""


def undescribed_elements() -> list[str]:
    """Every type, field, argument, input field and enum value of the exported schema without a description."""
    result = graphql_sync(schema._schema, get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert result.errors is None, result.errors
    assert result.data is not None
    missing: list[str] = []
    for graphql_type in result.data["__schema"]["types"]:
        name = graphql_type["name"]
        if name.startswith("__"):
            continue
        if not _described(graphql_type):
            missing.append(f"type {name}")
        for field in graphql_type.get("fields") or ():
            if not _described(field):
                missing.append(f"field {name}.{field['name']}")
            missing += [
                f"argument {name}.{field['name']}({argument['name']})"
                for argument in field["args"]
                if not _described(argument)
            ]
        missing += [
            f"input field {name}.{input_field['name']}"
            for input_field in graphql_type.get("inputFields") or ()
            if not _described(input_field)
        ]
        missing += [
            f"enum value {name}.{value['name']}"
            for value in graphql_type.get("enumValues") or ()
            if not _described(value)
        ]
    return missing


def test_every_schema_element_has_a_description() -> None:
    missing = undescribed_elements()
    assert missing == [], f"{len(missing)} schema elements have no description:\n" + "\n".join(missing)


def test_the_walk_sees_every_kind_of_element() -> None:
    # The guard cannot pass vacuously: the introspection reaches fields, arguments, input fields and enum values.
    result = graphql_sync(schema._schema, get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert result.data is not None
    types = [t for t in result.data["__schema"]["types"] if not t["name"].startswith("__")]
    fields = [f for t in types for f in t.get("fields") or ()]
    assert len(fields) > 100
    assert sum(len(f["args"]) for f in fields) > 20
    assert sum(len(t.get("inputFields") or ()) for t in types) > 20
    assert sum(len(t.get("enumValues") or ()) for t in types) > 50
