"""Extra validation rules: refused documents never reach a resolver, so they run no SQL (docs/api.md, Limits)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    Node,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
)
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension, ValidationCache
from strawberry.schema.schema import validate_document
from strawberry.types.graphql import OperationType as StrawberryOperationType

from iacs.graphql.pagination import DEFAULT_PAGE, MAX_PAGE

CREDENTIAL_FIELDS = frozenset({"signIn", "registerAccount"})

# The limits of docs/api.md (Limits), all counted with fragments expanded.
# Cost: how many values an answer can hold at most - every field 1, the items of a list counted `first` times
# (100 when `first` is a variable, 20 when it is left out) or LIST_SIZE times for lists without `first`. The
# SPA's heaviest document (ApprovalQueue) costs 32,501 (CompanyDashboard, companies x 100 associations x 100
# members, cost 644,041 until issue 16 paged it: 25 associations x 5 members a page); the
# probe of issue 12 (finding 8), `organizations(first: 100)` down to `departureImpact` through groups and their
# roles, costs 1,041,301 for one alias (15.6 million for 15).
MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_COST = 1_000_000
LIST_SIZE = 10
# Fields of the document with its fragments expanded (the SPA's largest: 72); bounds the walk of `repeated_pairs`.
MAX_FIELDS = 5_000
# Pairs of fields answered at the same response path (`viewer.roles` asked twice: 1 pair). graphql-core's
# OverlappingFieldsCanBeMergedRule compares every such pair, recursively: 600 `id`s in 1,200 tokens kept the
# event loop busy for 1.7 s, and 3 copies of `roles { user { ... } }` nested 4 deep make 3,700 pairs in 1 KB.
# The SPA's documents have at most 2 (a page and a fragment both selecting `organization`).
MAX_REPEATED_PAIRS = 300


@dataclass(frozen=True)
class Shape:
    """What a selection set amounts to with its fragments expanded."""

    depth: int = 0  # levels of fields below it (a leaf: 0)
    aliases: int = 0  # aliased fields, each fragment counted as often as it is spread
    cost: int = 0  # see MAX_COST
    fields: int = 0  # fields, each fragment counted as often as it is spread
    credentials: int = 0  # signIn/registerAccount at this level, through inline fragments and spreads


_EMPTY = Shape()


@dataclass
class Measurement:
    """The shape of every operation of a document, and how much work finding it took."""

    operations: dict[OperationDefinitionNode, Shape] = field(default_factory=dict)
    fragment_evaluations: int = 0  # each fragment's shape is worked out once, however often it is spread
    selection_sets: int = 0  # selection sets walked: at most one per selection set of the document

    @property
    def aliases(self) -> int:
        return sum(shape.aliases for shape in self.operations.values())

    @property
    def fields(self) -> int:
        return sum(shape.fields for shape in self.operations.values())

    @property
    def credentials(self) -> int:
        return sum(
            shape.credentials
            for operation, shape in self.operations.items()
            if operation.operation == OperationType.MUTATION
        )


def measure(schema: GraphQLSchema, document: DocumentNode) -> Measurement:
    """Depth, aliases, cost, size and sign-ins of every operation, in time linear in the document: each fragment
    is measured once and its shape reused wherever it is spread (walking every spread again doubles the work per
    level of fragments that spread two others: issue 12, finding 1)."""
    walk = _Walk(schema, document)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            walk.measurement.operations[definition] = walk.selections(definition.selection_set, root)
    return walk.measurement


class _Walk:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.fragments = _fragments(document)
        self.shapes: dict[str, Shape] = {}
        self.measurement = Measurement()

    def fragment(self, name: str) -> Shape:
        known = self.shapes.get(name)
        if known is not None:
            return known
        self.shapes[name] = _EMPTY  # a cycle counts as nothing here (NoFragmentCyclesRule refuses it)
        definition = self.fragments.get(name)
        if definition is None:
            return _EMPTY
        self.measurement.fragment_evaluations += 1
        shape = self.selections(definition.selection_set, self.schema.get_type(definition.type_condition.name.value))
        self.shapes[name] = shape
        return shape

    def field(self, selection: FieldNode, parent: GraphQLNamedType | None) -> Shape:
        name = selection.name.value
        own = Shape(
            aliases=int(selection.alias is not None), cost=1, fields=1, credentials=int(name in CREDENTIAL_FIELDS)
        )
        if selection.selection_set is None:
            return own
        definition = _field(parent, name)
        child = self.selections(selection.selection_set, _named(definition))
        if name.startswith("__"):  # introspection: no SQL, not counted in depth or cost (as Strawberry's limiter)
            return replace(own, aliases=own.aliases + child.aliases, fields=1 + child.fields)
        return replace(
            own,
            depth=1 + child.depth,
            aliases=own.aliases + child.aliases,
            cost=1 + _items(parent, definition, selection) * child.cost,
            fields=1 + child.fields,
        )

    def selections(self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None) -> Shape:
        self.measurement.selection_sets += 1
        depth = aliases = cost = fields = credentials = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                child = self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                child = self.selections(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                child = self.fragment(selection.name.value)
            else:
                continue
            depth = max(depth, child.depth)
            aliases += child.aliases
            cost += child.cost
            fields += child.fields
            credentials += child.credentials
        return Shape(depth, aliases, cost, fields, credentials)


def repeated_pairs(document: DocumentNode) -> tuple[int, str]:
    """Pairs of fields answered at the same response path, and the path asked for most often. Walks the expanded
    document: call it only when `measure` found at most MAX_FIELDS fields."""
    fragments = _fragments(document)
    counts: Counter[tuple[str, ...]] = Counter()

    def walk(selection_set: SelectionSetNode, path: tuple[str, ...], active: frozenset[str]) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                key = (*path, selection.alias.value if selection.alias else selection.name.value)
                counts[key] += 1
                if selection.selection_set is not None:
                    walk(selection.selection_set, key, active)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set, path, active)
            elif isinstance(selection, FragmentSpreadNode):
                definition = fragments.get(selection.name.value)
                if definition is not None and definition.name.value not in active:
                    walk(definition.selection_set, path, active | {definition.name.value})

    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            walk(definition.selection_set, (definition.operation.value,), frozenset())
    if not counts:
        return 0, ""
    pairs = sum(n * (n - 1) // 2 for n in counts.values())
    most, path = max((n, key) for key, n in counts.items())
    return pairs, f"{'.'.join(path[1:])} ({most} times)"


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _named(definition: GraphQLField | None) -> GraphQLNamedType | None:
    return get_named_type(definition.type) if definition is not None else None


def _items(parent: GraphQLNamedType | None, definition: GraphQLField | None, node: FieldNode) -> int:
    """How many times a field's selection is answered per parent: a page size for lists that take `first`,
    LIST_SIZE for other lists, 1 otherwise. A connection's `edges` are its page, counted at the connection."""
    if definition is None:
        return 1
    if "first" in definition.args:
        return _page_size(node)
    output = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
    if not isinstance(output, GraphQLList):
        return 1
    if isinstance(parent, GraphQLObjectType) and "pageInfo" in parent.fields:
        return 1
    return LIST_SIZE


def _page_size(node: FieldNode) -> int:
    for argument in node.arguments or ():
        if argument.name.value == "first":
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(0, min(int(value.value), MAX_PAGE))  # more than MAX_PAGE is refused by the field
            return DEFAULT_PAGE if isinstance(value, NullValueNode) else MAX_PAGE  # a variable: any size allowed
    return DEFAULT_PAGE


def limit_errors(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
    """The document's breaches of the limits (none: an empty list); linear in the document (MAX_FIELDS bounds
    the one walk of the expanded document)."""
    errors: list[GraphQLError] = []

    def refuse(message: str, code: str, node: Node | None = None) -> None:
        errors.append(GraphQLError(message, node, extensions={"code": code}))

    measurement = measure(schema, document)
    for operation, shape in measurement.operations.items():
        name = operation.name.value if operation.name else "anonymous"
        if shape.depth > MAX_DEPTH:
            refuse(f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}", "QUERY_TOO_DEEP", operation)
        if shape.cost > MAX_COST:
            refuse(
                f"The query could cost {shape.cost} (lists counted at their page size); at most {MAX_COST} "
                "is allowed. Ask for smaller pages or fewer nested lists.",
                "QUERY_TOO_COSTLY",
                operation,
            )
    if measurement.aliases > MAX_ALIASES:
        refuse(f"{measurement.aliases} aliases found. Allowed: {MAX_ALIASES}", "TOO_MANY_ALIASES")
    if measurement.fields > MAX_FIELDS:
        refuse(
            f"The query holds {measurement.fields} fields once its fragments are expanded; at most {MAX_FIELDS} "
            "are allowed.",
            "QUERY_TOO_LARGE",
        )
    elif (pairs := repeated_pairs(document))[0] > MAX_REPEATED_PAIRS:
        refuse(
            f"The query asks for the same fields over and over ({pairs[0]} repeated pairs; most often "
            f"{pairs[1]}); at most {MAX_REPEATED_PAIRS} pairs are allowed.",
            "TOO_MANY_REPEATED_FIELDS",
        )
    if measurement.credentials > 1:
        refuse("Only one signIn or registerAccount is allowed per request.", "ONE_SIGN_IN_PER_REQUEST")
    return errors


class DocumentLimits(ValidationRule):
    """Depth 10 per operation, 15 aliases and one signIn or registerAccount per document (R4: aliases and
    fragments cannot multiply password guesses), and a cost of MAX_COST per operation - all measured with
    fragments expanded, in one linear pass (`measure`). Refused documents run no resolver and no SQL."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        for error in limit_errors(context.schema, context.document):
            self.report_error(error)


@cache
def limits_first_cache(maxsize: int) -> Callable[..., list[GraphQLError]]:
    """The process's validation LRU of `maxsize` documents (shared by every schema, as Strawberry's is): the limits
    first (linear), then graphql-core's rules and ours."""

    @lru_cache(maxsize=maxsize)
    def validate(schema: GraphQLSchema, document: DocumentNode, rules: tuple[Any, ...]) -> list[GraphQLError]:
        refused = limit_errors(schema, document)
        return refused or validate_document(schema, document, rules)

    return validate


class LimitsFirstValidationCache(ValidationCache):
    """Strawberry's validation cache, checking the limits before graphql-core's rules: a document over them is
    refused without running OverlappingFieldsCanBeMergedRule, which compares every pair of same-named fields
    (quadratic: 1.7 s for 600 `id`s). Cached documents (the SPA's) skip both, as before."""

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize)
        self.cached_validate_document = limits_first_cache(maxsize)


class SubscriptionsOnlyOverWebSocket(SchemaExtension):
    """A subscription sent by HTTP (POST or GET) is refused with a coded error before anything runs; it ran as a
    query and answered "Internal error." (issue 12, finding 9). Subscriptions live on the WebSocket at /graphql."""

    def on_validate(self) -> Iterator[None]:
        # Listed after the validation cache, which has validated the document when this runs (the errors must be
        # there before the `yield`: Strawberry looks at them before the hooks' ends run).
        if self._over_http_subscription():
            self.execution_context.pre_execution_errors = [
                GraphQLError(
                    "Subscriptions run over a WebSocket at /graphql (graphql-transport-ws), not over HTTP.",
                    extensions={"code": "SUBSCRIPTION_NEEDS_WEBSOCKET"},
                )
            ]
        yield

    def _over_http_subscription(self) -> bool:
        execution_context = self.execution_context
        if execution_context.pre_execution_errors:
            return False  # the document is refused already
        request = getattr(execution_context.context, "request", None)
        if request is None or isinstance(request, WebSocket):
            return False
        try:
            return execution_context.operation_type == StrawberryOperationType.SUBSCRIPTION
        except RuntimeError:  # no such operation: graphql-core reports it
            return False


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
