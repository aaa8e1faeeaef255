"""The schema: queries and mutations of every area, with the hardening of docs/api.md (Limits) in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types.graphql import OperationType

from iacs.graphql import validation
from iacs.graphql.accounts.mutations import AccountMutations
from iacs.graphql.accounts.profile import ProfileMutations
from iacs.graphql.accounts.queries import AccountQueries
from iacs.graphql.applications.switches import SwitchMutations, SwitchQueries
from iacs.graphql.applications.types import Application
from iacs.graphql.context import Context
from iacs.graphql.delegations import Delegation, DelegationMutations
from iacs.graphql.execution import execution_context_class
from iacs.graphql.groups.types import UserGroup
from iacs.graphql.lifecycle.schema import LifecycleMutations, LifecycleQueries
from iacs.graphql.organizations.types import Organization
from iacs.graphql.queries import RootQueries
from iacs.graphql.requests.mutations import RequestMutations
from iacs.graphql.requests.subscriptions import RequestSubscriptions
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment
from iacs.graphql.surrogates.types import SurrogateCompany
from iacs.graphql.tokens import ApiTokenMutations
from iacs.graphql.unavailable import DatabaseUnavailable
from iacs.graphql.validation import (
    DocumentLimits,
    LimitsFirstValidationCache,
    NoSuggestions,
    SubscriptionsOnlyOverWebSocket,
)
from iacs.graphql.webhooks import WebhookDelivery, WebhookMutations, WebhookQueries
from iacs.tracing import OperationOnSpan

MAX_DEPTH = validation.MAX_DEPTH
MAX_ALIASES = validation.MAX_ALIASES
MAX_COST = validation.MAX_COST
MAX_TOKENS = 2000
PARSE_CACHE_SIZE = 512


@strawberry.type(description="Everything a client can read.")
class Query(AccountQueries, RootQueries, LifecycleQueries, SwitchQueries, WebhookQueries):
    pass


@strawberry.type(description="Everything a client can change; every payload carries `errors`.")
class Mutation(
    AccountMutations,
    ProfileMutations,
    RequestMutations,
    LifecycleMutations,
    ApiTokenMutations,
    DelegationMutations,
    SwitchMutations,
    WebhookMutations,
):
    pass


class CloseDatabaseSession(SchemaExtension):
    """Give the request's connection back to the pool when the operation ends, whatever happened (quietly:
    `Context.close` never raises and never waits on a hung connection)."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            context = self.execution_context.context
            if isinstance(context, Context):
                await context.close()


class QueriesWithoutTransaction(SchemaExtension):
    """A query reads through a session without a transaction (`AppServices.read_session_factory`)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and self.execution_context.operation_type == OperationType.QUERY:
            context.read_only = True
        yield


@strawberry.type(description="Live updates, over WebSocket at /graphql (graphql-transport-ws).")
class Subscription(RequestSubscriptions):
    pass


# The limit rules: one linear pass over the document (validation.py), so that fragments cannot multiply its work.
LIMIT_RULES = (DocumentLimits,)


class Limits(AddValidationRules):
    """Depth 10, aliases 15, one signIn per document, cost 1,000,000 (docs/api.md, Limits); refused documents run
    no resolver."""

    def __init__(self) -> None:
        super().__init__(list(LIMIT_RULES))


def _should_mask(error: GraphQLError) -> bool:
    # Validation errors and deliberate PublicErrors stay readable; anything raised by our code is masked.
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def build_schema(*, introspection: bool = True, suggestions: bool = True) -> strawberry.Schema:
    extensions: list[Any] = [
        QueriesWithoutTransaction,
        # The caches are module-level LRUs shared by every request (bounded: unique texts cannot grow memory).
        lambda: ParserCache(maxsize=PARSE_CACHE_SIZE),
        lambda: LimitsFirstValidationCache(maxsize=PARSE_CACHE_SIZE),
        Limits,
        SubscriptionsOnlyOverWebSocket,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=_should_mask, error_message="Internal error."),
        DatabaseUnavailable,  # after MaskErrors in the list, so it sees the errors first
        OperationOnSpan,  # the operation's name and outcome on the request's trace span, when tracing is on
        # Last, so that it ends first: the session is given back before the errors are mapped and masked, and
        # giving it back never raises (a dead connection after the last statement cannot reach the client).
        CloseDatabaseSession,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    if not suggestions:
        extensions.append(NoSuggestions)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[
            RoleAssignment,
            Organization,
            UserGroup,
            SurrogateCompany,
            Application,
            AccessRequest,
            WebhookDelivery,
            Delegation,
        ],
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=not suggestions),
        execution_context_class=execution_context_class(),
    )


schema = build_schema()  # the exported schema (schema.graphql) is this one
