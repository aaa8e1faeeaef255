"""Field execution with planned completion of plain objects (docs/performance.md, "Profile findings").

graphql-core completes every field the same way: a resolve-info object, argument coercion, the resolver
call, an awaitable check, a dispatch on the return type, a path entry. For the objects of a list - a queue
page of 50 requests with their requester, organization and group, 20 roles with their scopes - that is the
same work for every row, and the profile of the approval queue spent more time in it than in SQL.

`PlannedExecutionContext` plans, once per selection set (cached across requests: the parser cache hands out
the same document nodes), how to complete an object whose selected fields are all *plain*:

- a leaf (scalar or enum) read from an attribute (Strawberry's basic field: `getattr(source, python_name)`),
  coerced with the type's own `coerce_output_value`, as graphql-core's `complete_leaf_value` does (a str for a
  String or ID, a bool for a Boolean and a Strawberry enum's member are answered as those coercions would answer
  them, without their call: `_attribute_leaf`);
- an object, a list of objects or of leaves read from an attribute, planned the same way;
- a field whose resolver is *synchronous* and takes no argument (the related objects a list's statement
  already joined, `canRevoke` once the actor is loaded): it is called with an info that carries only the
  context. Such resolvers only read; when one answers with an awaitable (the object is not at hand) the
  awaitable is closed and the object takes graphql-core's path.

Anything else - arguments, directives, fragments with variables, field extensions or permission classes,
middleware, abstract types, async resolvers - is not planned. A planned completion that meets the
unexpected (a null in a non-null field, a value the type cannot coerce, an exception, an awaitable) is
abandoned and the object is completed again by graphql-core, which reports errors exactly as before.
Plain leaves of objects that cannot be planned still skip the machinery (`execute_field`).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from importlib import metadata
from types import GeneratorType
from typing import Any, NamedTuple

from graphql import (
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    Undefined,
)
from graphql.pyutils import AwaitableOrValue, Path
from graphql.type.definition import GraphQLLeafType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType
from strawberry.types.field import StrawberryField

from iacs.graphql.context import Context

DEFINITION = "strawberry-definition"  # where Strawberry keeps a GraphQL field's StrawberryField
PLAN_CACHE_SIZE = 2048
MAX_TYPES_SEEN = 1024  # `_NOT_AWAITABLE` stays small whatever runs

# The planner reads graphql-core's and Strawberry's inner workings (field details, `collect_subfields`, the
# field extension key): it runs only with the versions it was tested with (pinned in pyproject.toml).
TESTED_WITH = {"graphql-core": "3.3.2", "strawberry-graphql": "0.341.2"}

logger = logging.getLogger(__name__)


class Abandon(Exception):
    """A planned completion met something it does not handle: graphql-core completes the object instead."""


class LeafPlan(NamedTuple):
    attribute: str
    leaf: GraphQLLeafType
    nullable: bool


class ContextInfo:
    """What a planned call gives a synchronous resolver as `info`: the context only (see the module)."""

    __slots__ = ("context",)

    def __init__(self, context: Any) -> None:
        self.context = context


Complete = Callable[[Any, ContextInfo], Any]


def _basic(field: GraphQLField) -> StrawberryField | None:
    definition = (field.extensions or {}).get(DEFINITION)
    if not isinstance(definition, StrawberryField) or definition.extensions or definition.permission_classes:
        return None
    return definition


def leaf_plans(schema: GraphQLSchema) -> dict[tuple[str, str], LeafPlan]:
    """(type name, field name) -> how to answer it, for every plain attribute field of a leaf type."""
    plans: dict[tuple[str, str], LeafPlan] = {}
    for type_name, graphql_type in schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, field in graphql_type.fields.items():
            definition = _basic(field)
            if definition is None or definition.base_resolver is not None or field.args:
                continue
            if not getattr(field.resolve, "_is_default", False):
                continue
            nullable = not isinstance(field.type, GraphQLNonNull)
            leaf = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
                plans[(type_name, field_name)] = LeafPlan(definition.python_name, leaf, nullable)
    return plans


def _getter(definition: StrawberryField) -> Callable[[Any, ContextInfo], Any] | None:
    """How a planned completion reads the field from its source object, or None if it cannot."""
    resolver = definition.base_resolver
    if resolver is None:
        attribute = definition.python_name
        return lambda source, _info: getattr(source, attribute)
    if resolver.is_async or resolver.arguments:
        return None
    function = resolver.wrapped_func
    if isinstance(function, staticmethod | classmethod) or not callable(function):
        return None
    parameters = list(inspect.signature(function).parameters)
    if parameters == ["self"]:
        return lambda source, _info: function(source)
    if parameters == ["self", "info"]:
        return function
    return None


# Types whose values were found not awaitable: a resolver's answer of such a type skips `inspect.isawaitable` (three
# isinstance checks, one of them an ABC's) the next time; most planned resolvers answer a typed object or None. Not
# generators: whether one is awaitable depends on its code's flags, not on its type.
_NOT_AWAITABLE: set[type] = {type(None), bool, str, int}


def _check(value: Any) -> Any:
    kind = type(value)
    if kind in _NOT_AWAITABLE and value.__class__ is kind:  # a proxy may claim another class: no shortcut for it
        return value
    if inspect.isawaitable(value):
        close = getattr(value, "close", None)
        if close is not None:
            close()  # never awaited: the object takes graphql-core's path
        raise Abandon
    if value.__class__ is kind and not isinstance(value, GeneratorType) and len(_NOT_AWAITABLE) < MAX_TYPES_SEEN:
        _NOT_AWAITABLE.add(kind)
    return value


class Planner:
    """Builds completion plans for one schema; plans are cached by selection set (document node identity)."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.leaves = leaf_plans(schema)
        # key -> (the nodes, kept alive so that their ids cannot be reused, and the plan or None)
        self._plans: OrderedDict[tuple[Any, ...], tuple[list[FieldNode], Complete | None]] = OrderedDict()

    def plan(self, context: Any, return_type: GraphQLObjectType, field_details_list: Any) -> Complete | None:
        nodes = [details.node for details in field_details_list]
        key = (return_type.name, *(id(node) for node in nodes))
        cached = self._plans.get(key)
        if cached is not None and all(a is b for a, b in zip(cached[0], nodes, strict=True)):
            self._plans.move_to_end(key)
            return cached[1]
        built = self._object(context, return_type, field_details_list)
        self._plans[key] = (nodes, built)
        if len(self._plans) > PLAN_CACHE_SIZE:
            self._plans.popitem(last=False)
        return built

    def _object(self, context: Any, return_type: GraphQLObjectType, field_details_list: Any) -> Complete | None:
        for details in field_details_list:
            if details.defer_usage is not None or details.fragment_variable_values is not None:
                return None
            if _has_directives_or_fragments(details.node):
                return None
        grouped, new_defer_usages, forbidden = context.collect_subfields(return_type, field_details_list)
        if new_defer_usages or forbidden:
            return None
        steps: list[tuple[str, Complete]] = []
        for response_name, sub_details in grouped.items():
            step = self._field(context, return_type, sub_details)
            if step is None:
                return None
            steps.append((response_name, step))
        is_type_of = return_type.is_type_of

        def complete(source: Any, info: ContextInfo) -> dict[str, Any]:
            if is_type_of is not None and not is_type_of(source, info):  # type: ignore[arg-type]
                raise Abandon
            return {name: step(source, info) for name, step in steps}

        return complete

    def _field(self, context: Any, parent: GraphQLObjectType, sub_details: Any) -> Complete | None:  # noqa: PLR0911
        node = sub_details[0].node
        name = node.name.value
        if name == "__typename":
            type_name = parent.name
            return lambda _source, _info: type_name
        if name.startswith("__"):
            return None
        field = parent.fields.get(name)
        if field is None or field.args:
            return None
        definition = _basic(field)
        if definition is None:
            return None
        get = _getter(definition)
        if get is None:
            return None
        value = self._value(context, field.type, sub_details)
        if value is None:
            return None
        if definition.base_resolver is None:  # an attribute: never an awaitable
            leaf = self.leaves.get((parent.name, name))
            if leaf is not None:
                return _attribute_leaf(leaf)
            return lambda source, info: value(get(source, info), info)
        return lambda source, info: value(_check(get(source, info)), info)

    def _value(  # noqa: PLR0911 - one return per kind of type
        self, context: Any, graphql_type: GraphQLOutputType, sub_details: Any
    ) -> Complete | None:
        """How to complete a value of `graphql_type` (already read from its source)."""
        if isinstance(graphql_type, GraphQLNonNull):
            inner = self._value(context, graphql_type.of_type, sub_details)
            if inner is None:
                return None

            def non_null(value: Any, info: ContextInfo) -> Any:
                completed = inner(value, info)
                if completed is None:
                    raise Abandon
                return completed

            return non_null
        if isinstance(graphql_type, GraphQLList):
            item = self._value(context, graphql_type.of_type, sub_details)
            if item is None:
                return None

            def items(value: Any, info: ContextInfo) -> Any:
                if value is None:
                    return None
                return [item(each, info) for each in value]

            return items
        if isinstance(graphql_type, GraphQLScalarType | GraphQLEnumType):
            coerce = graphql_type.coerce_output_value

            def leaf(value: Any, _info: ContextInfo) -> Any:
                if value is None:
                    return None
                coerced = coerce(value)
                if coerced is None or coerced is Undefined:
                    raise Abandon
                return coerced

            return leaf
        if isinstance(graphql_type, GraphQLObjectType):
            planned = self.plan(context, graphql_type, sub_details)
            if planned is None:
                return None

            def obj(value: Any, info: ContextInfo) -> Any:
                return None if value is None else planned(value, info)

            return obj
        return None  # interfaces and unions: graphql-core resolves the runtime type


def _unchanged(leaf: GraphQLLeafType) -> type | None:
    """The type whose values `leaf` answers as they are: a str for String and ID, a bool for Boolean (graphql-core's
    own scalars; exactly that type, not a subclass). None for any other leaf."""
    if leaf is GraphQLString or leaf is GraphQLID:
        return str
    if leaf is GraphQLBoolean:
        return bool
    return None


@functools.cache  # per leaf type of the schema (a few dozen): built once, not for every plan that reads one
def enum_names(leaf: GraphQLLeafType) -> tuple[type | None, dict[Any, str]]:
    """For a Strawberry enum: its Python class and each member's GraphQL name, as its `coerce_output_value` finds it
    (the first value equal to the member's value), by a lookup instead of a walk through every value."""
    if not isinstance(leaf, CustomGraphQLEnumType):
        return None, {}
    names: dict[Any, str] = {}
    member: Any
    for member in leaf.wrapped_cls:
        found = next((name for name, value in leaf.values.items() if member.value == value.value), None)
        if found is not None:
            names[member] = found
    return leaf.wrapped_cls, names


def _attribute_leaf(plan: LeafPlan) -> Complete:
    """A scalar or enum read from an attribute (`leaf_plans`), in one call: what `_value`'s non_null and leaf and
    the field's getter do together, one call each, for most fields of every row (docs/performance.md). A str for a
    String or ID, a bool for a Boolean and a member of a Strawberry enum are answered without the coercion's call."""
    attribute, nullable, coerce = plan.attribute, plan.nullable, plan.leaf.coerce_output_value
    unchanged = _unchanged(plan.leaf)
    enum_class, names = enum_names(plan.leaf)

    def attribute_leaf(source: Any, _info: ContextInfo) -> Any:
        value = getattr(source, attribute)
        kind = type(value)
        if kind is unchanged:
            return value
        if kind is enum_class and value in names:
            return names[value]
        if value is None:
            if nullable:
                return None
            raise Abandon
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise Abandon
        return coerced

    return attribute_leaf


def _has_directives_or_fragments(node: FieldNode) -> bool:
    """Directives anywhere below (their outcome may depend on variables) or fragments: not planned."""
    selection_set = node.selection_set
    if selection_set is None:
        return False
    for selection in selection_set.selections:
        if selection.directives or not isinstance(selection, FieldNode):
            return True
        if _has_directives_or_fragments(selection):
            return True
    return False


_PLANNERS: dict[int, Planner] = {}


class PlannedExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with planned completion of plain objects (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # graphql-core builds the execution context only once the operation is found and its variables are
        # coerced: from here on the operation runs, and its errors are no longer request errors (over_http.py).
        if isinstance(self.context_value, Context):
            self.context_value.operation_started = True
        planner = _PLANNERS.get(id(self.schema))
        if planner is None or planner.schema is not self.schema:
            planner = _PLANNERS[id(self.schema)] = Planner(self.schema)
        # Middleware would have to see every field: then every field takes the full path. (Strawberry always
        # passes a manager; it is empty unless an extension resolves fields.)
        self._planner = None if getattr(self.middleware_manager, "middlewares", None) else planner
        self._info: ContextInfo | None = None

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if self._planner is not None:
            planned = self._planner.plan(self, return_type, field_details_list)
            if planned is not None:
                if self._info is None:
                    self._info = ContextInfo(self.context_value)
                try:
                    completed: dict[str, Any] = planned(result, self._info)
                    return completed
                except (Abandon, GraphQLError, TypeError, ValueError):  # coercion refused a value, a null, ...
                    pass  # abandoned: graphql-core completes the object and reports the error exactly
        return super().complete_object_value(return_type, field_details_list, info, path, result, position_context)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        node = field_details_list[0].node
        plan = self._planner.leaves.get((parent_type.name, node.name.value)) if self._planner else None
        if plan is not None and not node.arguments:
            value = getattr(source, plan.attribute, Undefined)
            if value is None and plan.nullable:
                return None
            if value is not None and value is not Undefined:
                coerced = plan.leaf.coerce_output_value(value)
                if coerced is not None and coerced is not Undefined:
                    return coerced
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


def installed_versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for package in TESTED_WITH:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def execution_context_class(
    installed: Mapping[str, str | None] | None = None,
) -> type[StrawberryGraphQLCoreExecutionContext]:
    """The planned context with the versions it was tested with; Strawberry's own otherwise (logged once)."""
    versions = installed_versions() if installed is None else installed
    if versions == TESTED_WITH:
        return PlannedExecutionContext
    logger.warning(
        "planned completion is off: tested with %s, installed %s; every field takes graphql-core's path",
        TESTED_WITH,
        versions,
    )
    return StrawberryGraphQLCoreExecutionContext
