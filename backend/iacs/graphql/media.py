"""The media types of GraphQL over HTTP: what a request may carry, and which type an answer uses (`Accept`).

The GraphQL-over-HTTP specification (stage 2; the rules the graphql-http server audit checks):

- Requests: POST with a body of `application/json` in UTF-8 (415 for any other type or charset), or GET with
  the parameters in the URL, for queries only (a mutation by GET is 405; over_http.py).
- `application/graphql-response+json` is the GraphQL response media type. With it the status code says what
  happened: 200 when the operation ran (even with field errors), 400 when the request was refused before it ran
  (a document that does not parse or validate, variables that cannot be coerced, a malformed request), 503 when
  the service is briefly unavailable; an answer with a 4xx or 5xx status has no `data` entry.
- `application/json` is for legacy clients (and every client that does not name the new type): a well-formed
  request is answered 200, request errors included, as this server always did.
- Without an `Accept` header the answer is `application/json`. When `Accept` allows neither type the answer
  is 406 Not Acceptable, before anything runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# JSON is UTF-8 (RFC 8259), and application/json defines no charset parameter: its answers say only
# `application/json`, as they always did. The GraphQL response type names its encoding, as the spec asks.
CONTENT_TYPES = {GRAPHQL_RESPONSE: f"{GRAPHQL_RESPONSE}; charset=utf-8", JSON: JSON}
NOT_ACCEPTABLE = f"/graphql answers in {GRAPHQL_RESPONSE} or {JSON}; the Accept header allows neither."
_EXACT, _SUBTYPES, _ANY = 2, 1, 0  # how specific a media range is


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality; ranges asking for a charset other than UTF-8
    (the only encoding of both types) or with a malformed quality are left out."""
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        if media_range.count("/") != 1:
            continue
        quality: float | None = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"').lower()
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = None
                if quality is not None and not 0 <= quality <= 1:
                    quality = None
            elif name == "charset" and value != "utf-8":
                quality = None
            if quality is None:
                break
        if quality is not None:
            ranges.append((media_range.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the client gives `media_type`: that of the most specific range that matches it (RFC 9110,
    12.5.1), and how specific that range is; (0, -1) when none matches."""
    kind = media_type.split("/", 1)[0]
    best_specificity, best_quality = -1, 0.0
    for media_range, quality in ranges:
        if media_range == media_type:
            specificity = _EXACT
        elif media_range == f"{kind}/*":
            specificity = _SUBTYPES
        elif media_range == "*/*":
            specificity = _ANY
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, quality
        elif specificity == best_specificity:
            best_quality = max(best_quality, quality)
    return best_quality, best_specificity


def negotiate(accept: str | None) -> str | None:
    """The media type of the answer to a request with this `Accept` header; None when neither is acceptable.

    The client's preference decides. When both are equally acceptable, a client that names
    `application/graphql-response+json` gets it (the spec's current type); one that accepts it only through a
    wildcard (`*/*`, a browser, fetch's default) is a legacy client and gets `application/json`.
    """
    if accept is None or not accept.strip():
        return JSON  # the spec's rule for a request without Accept
    ranges = _ranges(accept)
    graphql_quality, graphql_specificity = _quality(GRAPHQL_RESPONSE, ranges)
    json_quality, json_specificity = _quality(JSON, ranges)
    if graphql_quality <= 0 and json_quality <= 0:
        return None
    if graphql_quality != json_quality:
        return GRAPHQL_RESPONSE if graphql_quality > json_quality else JSON
    if graphql_specificity > json_specificity or graphql_specificity == _EXACT:
        return GRAPHQL_RESPONSE
    return JSON


def request_error_body(media_type: str, errors: Sequence[Mapping[str, Any]]) -> bytes:
    """The body of an answer refused before the operation ran: `data: null` in application/json (as this
    server always answered), no `data` entry in application/graphql-response+json (the spec: a 4xx/5xx
    GraphQL response has none)."""
    listed = list(errors)
    body: dict[str, Any] = {"errors": listed} if media_type == GRAPHQL_RESPONSE else {"data": None, "errors": listed}
    return orjson.dumps(body)


def json_body_problem(content_type: str | None) -> str | None:
    """Why a POST body of this Content-Type is refused (415), or None: only `application/json` in UTF-8 (no
    charset, or charset=utf-8). Other types are refused: a form or text body is what a cross-site page can send
    without asking (CSRF), and a body in another encoding would be read wrongly."""
    media_type, *parameters = (piece.strip() for piece in (content_type or "").split(";"))
    if media_type.lower() != JSON:
        return "POST /graphql needs Content-Type: application/json"
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            return "POST /graphql needs JSON in UTF-8 (Content-Type: application/json; charset=utf-8, or no charset)"
    return None
