"""GraphQL over HTTP as the specification says, around Strawberry's ASGI view (the rules: media.py).

Strawberry answers every request `application/json` with status 200 (request errors included), runs no
queries by GET here before, and leaves some malformed requests to crash. `GraphQLOverHTTP` adds:

- the answer's media type negotiated from `Accept` (406 Not Acceptable, before anything runs, when neither
  application/graphql-response+json nor application/json is acceptable), and a `Content-Type` that says which;
- with application/graphql-response+json: 400 without a `data` entry when the operation did not run (its
  document does not parse or validate, its variables cannot be coerced, the request is malformed), and no
  `data` entry in any other 4xx/5xx answer (a database outage's 503); application/json answers as before;
- queries by GET (`query`, `operationName`, `variables`, `extensions` in the URL; an empty one is the same as
  none); a mutation by GET is 405 Method Not Allowed with `Allow: POST`, and nothing runs;
- 400 instead of a crash for a JSON body that is not an object, a body that is not UTF-8 and an
  `operationName` that is not a string;
- nothing, instead of a 500 and a logged traceback, when the client disconnects before its body arrived (a
  client's own timeout under load).
"""

from __future__ import annotations

from typing import Any, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from iacs.graphql.context import Context
from iacs.graphql.media import (
    CONTENT_TYPES,
    GRAPHQL_RESPONSE,
    JSON,
    NOT_ACCEPTABLE,
    negotiate,
    request_error_body,
)
from iacs.graphql.trusted import TrustedDocumentRequestError

BAD_REQUEST = "BAD_REQUEST"
OPTIONAL_PARAMETERS = frozenset({"operationName", "variables", "extensions"})
MUTATION_BY_GET = "GET runs queries only; send a mutation with POST."
NOT_AN_OBJECT = "The request body must be a JSON object with `query` (and `operationName`, `variables`, `extensions`)."
NOT_UTF8 = "The request body must be JSON in UTF-8."
OPERATION_NAME = "The GraphQL operation's `operationName` must be a string or null, if provided."


def media_type_of(request: Request | WebSocket) -> str | None:
    """The negotiated media type of the answer (media.py), None when the client accepts neither."""
    return negotiate(request.headers.get("accept"))


class GraphQLOverHTTP(GraphQL[Context, None]):
    """Strawberry's ASGI view, answering as the GraphQL-over-HTTP specification says (see the module)."""

    # Strawberry's own, restated here: mypy then accepts the adapter a subclass sets (app.py).
    websocket_adapter_class = ASGIWebSocketAdapter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media_type = media_type_of(request)
        response: Response
        if media_type is None and not self.should_render_graphql_ide(self.request_adapter_class(request)):
            response = PlainTextResponse(NOT_ACCEPTABLE, status_code=406)
        else:
            try:
                response = await self.run(request)
            except ClientDisconnect:  # the client went away before its body arrived: nobody to answer, nothing ran
                return
            except HTTPException as error:
                response = _refusal(request, error, media_type or JSON)
            except TrustedDocumentRequestError as error:  # raised while reading the body: nothing ran, no SQL
                response = error.response(media_type or JSON)
        response.headers.add_vary_header("Accept")  # the answer's media type and status depend on it
        await response(scope, receive, send)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = media_type_of(request) or JSON  # read back by `create_response`
        if request.scope.get("method") == "GET":
            sub_response.headers["cache-control"] = "no-store"  # the answer is the session's person's
        return sub_response

    def parse_json(self, data: str | bytes) -> Any:
        """The body (bytes) must be a UTF-8 JSON object (or a list: a batch, refused later); the JSON texts of
        GET's `variables` and `extensions` (str) are checked by Strawberry."""
        if isinstance(data, str):
            return super().parse_json(data)
        try:
            text = data.decode()
        except UnicodeDecodeError as error:
            raise HTTPException(400, NOT_UTF8) from error
        parsed = super().parse_json(text)
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, NOT_AN_OBJECT)
        return parsed

    def parse_query_params(self, params: QueryParams) -> dict[str, Any]:
        """GET: an empty optional parameter is the same as none (the spec)."""
        given = {name: value for name, value in params.items() if not (name in OPTIONAL_PARAMETERS and value == "")}
        return super().parse_query_params(given)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        if isinstance(data, GraphQLRequestData) and not isinstance(data.operation_name, str | None):
            raise HTTPException(400, OPERATION_NAME)
        return data

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        result = await super().execute_single(
            request=request,
            request_adapter=request_adapter,
            sub_response=sub_response,
            context=context,
            root_value=root_value,
            request_data=request_data,
        )
        # The document did not parse or validate, or the variables could not be coerced: nothing ran.
        refused = result.errors and not context.operation_started and not sub_response.status_code
        if refused and sub_response.media_type == GRAPHQL_RESPONSE:
            sub_response.status_code = 400
        return result

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        media_type = sub_response.media_type or JSON
        failed = (sub_response.status_code or 200) >= 400
        if media_type == GRAPHQL_RESPONSE and failed and isinstance(response_data, dict):
            # The spec: a GraphQL response with a 4xx/5xx status has no `data` entry.
            response_data = cast("GraphQLHTTPResponse", {k: v for k, v in response_data.items() if k != "data"})
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = CONTENT_TYPES[media_type]
        return response


def _refusal(request: Request, error: HTTPException, media_type: str) -> Response:
    """Strawberry's refusal of a request (malformed, or a mutation by GET) in the negotiated media type."""
    status, message, headers = error.status_code, error.reason, {}
    cause = error.__cause__
    if (
        request.method == "GET"
        and isinstance(cause, InvalidOperationTypeError)
        and cause.operation_type == OperationType.MUTATION
    ):
        status, message, headers = 405, MUTATION_BY_GET, {"allow": "POST"}  # the spec: 405 with Allow
    elif status == 405:
        headers = {"allow": "GET, POST"}
    if media_type == GRAPHQL_RESPONSE and status in {400, 405}:
        body = request_error_body(media_type, [{"message": message, "extensions": {"code": BAD_REQUEST}}])
        return Response(body, status_code=status, headers={**headers, "content-type": CONTENT_TYPES[media_type]})
    return PlainTextResponse(message, status_code=status, headers=headers)
