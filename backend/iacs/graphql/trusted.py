"""Trusted documents: the SPA's operations, registered at build time, sent by `documentId` (issue 6).

`npm run codegen` writes frontend/src/gql/persisted-documents.json: `{"sha256:<hex>": "<document>"}`.
The server loads it at start-up (IACS_TRUSTED_DOCUMENTS), checks that every id is its document's
sha256, parses and validates every document against the schema with the request's own rules and limits
(an SPA the server disagrees with refuses to start), and leaves the results in the parser and validation
caches, so the SPA's requests skip both steps from the first one on.

A request `{"documentId": "sha256:…", "variables": …}` runs that document. Arbitrary `query` documents
(GraphiQL, scripts, tests) work as before, under the same limits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, parse
from starlette.responses import Response
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.schema import validate_document
from strawberry.types.execution import ExecutionContext, ParseOptions

from iacs.config import ConfigurationError
from iacs.graphql.media import CONTENT_TYPES, JSON, request_error_body

HASH_PREFIX = "sha256:"
NOT_FOUND = "PERSISTED_DOCUMENT_NOT_FOUND"
BAD_REQUEST = "BAD_REQUEST"


class TrustedDocumentsError(ConfigurationError):
    """The manifest is unreadable, tampered with, or disagrees with the schema: the server must not start."""


class TrustedDocumentRequestError(Exception):
    """A `documentId` request that cannot run: answered 400 with a coded GraphQL error, before any SQL."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def response(self, media_type: str = JSON) -> Response:
        """400 in the negotiated media type (`media.py`): `data: null` in application/json, no `data` entry
        in application/graphql-response+json."""
        body = request_error_body(media_type, [{"message": self.message, "extensions": {"code": self.code}}])
        return Response(body, status_code=400, headers={"content-type": CONTENT_TYPES[media_type]})


def document_id(text: str) -> str:
    return HASH_PREFIX + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class TrustedDocuments:
    """documentId -> document text; empty when the server has no manifest."""

    documents: Mapping[str, str] = field(default_factory=dict)
    source: Path | None = None

    def __len__(self) -> int:
        return len(self.documents)

    @classmethod
    def load(cls, path: Path, schema: strawberry.Schema) -> TrustedDocuments:
        """Read, verify, validate and warm the caches; TrustedDocumentsError if anything is wrong."""
        documents = read_manifest(path)
        problems = check_documents(documents, schema)
        if problems:
            listed = "\n  ".join(problems)
            raise TrustedDocumentsError(
                f"the trusted documents in {path} do not match this server ({len(problems)} problem(s)); "
                f"rebuild the SPA's manifest (`npm run codegen`) from this schema:\n  {listed}"
            )
        return cls(documents=documents, source=path)

    def resolve(self, data: dict[str, Any]) -> dict[str, Any]:
        """The request body with `documentId` replaced by its document's text as `query`."""
        identifier = data.get("documentId")
        if data.get("query") is not None:
            raise TrustedDocumentRequestError("Send either `query` or `documentId`, not both.", BAD_REQUEST)
        if not isinstance(identifier, str):
            raise TrustedDocumentRequestError("`documentId` must be a string.", BAD_REQUEST)
        text = self.documents.get(identifier)
        if text is None:
            raise TrustedDocumentRequestError(
                "This server does not know the document "
                f"{identifier[:80]!r}; reload the page to get the current version of the app.",
                NOT_FOUND,
            )
        resolved = {key: value for key, value in data.items() if key != "documentId"}
        resolved["query"] = text
        return resolved


def read_manifest(path: Path) -> dict[str, str]:
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise TrustedDocumentsError(f"cannot read the trusted documents in {path}: {exc}") from exc
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise TrustedDocumentsError(f"{path} must be a JSON object of document ids to document texts")
    return raw


# Manifests already found valid against a schema with the same text, rules and parse options: a process
# that builds several apps (the tests: one per test) validates once. Sound because every id is checked to
# be its text's sha256, so the same ids are the same texts.
_validated: set[tuple[object, ...]] = set()


def check_documents(documents: Mapping[str, str], schema: strawberry.Schema) -> list[str]:
    """Every problem with the manifest; warms the parser and validation caches with the good documents."""
    pipeline = _Pipeline.of(schema)
    key = (
        frozenset(documents),
        hashlib.sha256(schema.as_str().encode()).digest(),
        pipeline.validation_rules,
        tuple(sorted(pipeline.parse_options.items())),
    )
    validate = key not in _validated
    problems: list[str] = []
    for identifier, text in documents.items():
        if identifier != document_id(text):
            problems.append(f"{identifier}: not the sha256 of its document (expected {document_id(text)})")
            continue
        try:
            document = pipeline.parse(text)
        except GraphQLError as error:
            problems.append(f"{identifier}: does not parse: {error.message}")
            continue
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) != 1:
            problems.append(f"{identifier}: has {len(operations)} operations, not 1")
            continue
        if validate:
            name = operations[0].name.value if operations[0].name else "(anonymous)"
            problems.extend(f"{identifier} ({name}): {error.message}" for error in pipeline.validate(document))
    if not problems:
        _validated.add(key)
    return problems


@dataclass(frozen=True)
class _Pipeline:
    """Parse and validate as a request through this schema does: same options, same rules, same caches."""

    schema: strawberry.Schema
    parse_options: ParseOptions
    validation_rules: tuple[Any, ...]
    cached_parse: Callable[..., DocumentNode] | None
    cached_validate: Callable[..., list[GraphQLError]] | None

    @classmethod
    def of(cls, schema: strawberry.Schema) -> _Pipeline:
        # The extensions set the parse options and add rules in `on_operation`, in the order they are listed;
        # the caches key on exactly these values, so the same ones are used here.
        context = ExecutionContext(query=None, schema=schema, allowed_operations=())
        cached_parse = cached_validate = None
        for extension in schema.get_extensions():
            if isinstance(extension, AddValidationRules):
                context.validation_rules = context.validation_rules + tuple(extension.validation_rules)
            elif isinstance(extension, MaxTokensLimiter):
                context.parse_options["max_tokens"] = extension.max_token_count
            elif isinstance(extension, ParserCache):
                cached_parse = extension.cached_parse_document
            elif isinstance(extension, ValidationCache):
                cached_validate = extension.cached_validate_document
        return cls(schema, context.parse_options, context.validation_rules, cached_parse, cached_validate)

    def parse(self, text: str) -> DocumentNode:
        if self.cached_parse is not None:
            return self.cached_parse(text, **self.parse_options)
        return parse(text, **self.parse_options)

    def validate(self, document: DocumentNode) -> list[GraphQLError]:
        if self.cached_validate is not None:
            return self.cached_validate(self.schema._schema, document, self.validation_rules)
        return validate_document(self.schema._schema, document, self.validation_rules)
