"""Extra validation rules: refused documents never reach a resolver, so they run no SQL (docs/api.md, Limits)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, ValidationRule
from strawberry.extensions import SchemaExtension

CREDENTIAL_FIELDS = frozenset({"signIn", "registerAccount"})


class OneSignInPerDocument(ValidationRule):
    """R4: at most one signIn (or registerAccount) per document, so aliases cannot multiply password guesses."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.seen = 0

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        if node.operation.value != "mutation":
            return
        for selection in node.selection_set.selections:
            if isinstance(selection, FieldNode) and selection.name.value in CREDENTIAL_FIELDS:
                self.seen += 1
                if self.seen > 1:
                    self.report_error(
                        GraphQLError("Only one signIn or registerAccount is allowed per request.", selection)
                    )


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class NoSuggestions(SchemaExtension):
    """Production: no "Did you mean ...?" in any error. graphql-core suggests names of arguments, input fields,
    enum values and types (`disable_field_suggestions` covers fields only), which would reveal the schema that
    introspection hides."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in getattr(result, "errors", None) or []:
            if "Did you mean" in error.message:
                error.message = _SUGGESTION.sub("", error.message)
