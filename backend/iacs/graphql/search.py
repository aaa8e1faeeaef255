"""The `search` argument of the lists that take one: bounded and storable, checked before any SQL (docs/api.md,
Limits), the same for every viewer (someone shown an empty list gets the same refusal as someone shown rows)."""

from __future__ import annotations

from iacs.domain.surrogates.queries import MAX_SEARCH
from iacs.graphql.errors import PublicError
from iacs.graphql.unavailable import UNSTORABLE_TEXT_MESSAGE


def search_term(search: str | None, name: str = "search") -> str | None:
    """The term to look for, trimmed; None when blank. BAD_USER_INPUT when longer than MAX_SEARCH characters or
    holding a character PostgreSQL cannot store (a NUL, an unpaired surrogate)."""
    if search is None:
        return None
    if len(search) > MAX_SEARCH:
        raise PublicError(f"`{name}` holds at most {MAX_SEARCH} characters.", "BAD_USER_INPUT")
    if any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in search):
        raise PublicError(UNSTORABLE_TEXT_MESSAGE, "BAD_USER_INPUT")
    return search.strip() or None
