"""The per-request GraphQL context: one database session, the viewer, the DataLoaders."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from iacs.config import Settings
from iacs.db.serial import SerialSession
from iacs.domain.accounts.service import RequestOrigin, SessionPolicy, user_for_session
from iacs.domain.clock import Clock
from iacs.graphql.transactions import end_transaction
from iacs.graphql.unavailable import close_quietly

if TYPE_CHECKING:
    from iacs.db.replica import ReplicaReads
    from iacs.domain.accounts.models import User
    from iacs.domain.notifications.service import OutboxSender
    from iacs.domain.requests.service import Actor
    from iacs.domain.webhooks.delivery import WebhookSender
    from iacs.graphql.loaders import Loaders
    from iacs.live import QueueHub


@dataclass
class AppServices:
    """What the app builds once and every request shares."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock
    outbox: OutboxSender | None = None
    webhooks: WebhookSender | None = None  # R44
    hub: QueueHub | None = None
    # Sessions without a transaction, for queries: no BEGIN and ROLLBACK around every read (two round trips
    # of a ~2 ms request). Each statement still sees one consistent snapshot (READ COMMITTED, as inside a
    # transaction). None: queries use `session_factory` too (the tests' factory joins their transaction).
    read_session_factory: async_sessionmaker[AsyncSession] | None = None
    # IACS_REPLICA_DATABASE_URL: an HTTP query reads on the replica once it has caught up (db/replica.py)
    replica: ReplicaReads | None = None

    @property
    def session_policy(self) -> SessionPolicy:
        return SessionPolicy(
            idle=timedelta(minutes=self.settings.session_idle_minutes),
            absolute=timedelta(hours=self.settings.session_absolute_hours),
        )


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket
    services: AppServices
    _replica_db: AsyncSession | None = None  # the query's replica session, once the replica has caught up
    _viewer_loaded: bool = False
    _viewer: User | None = None
    _loaders: Loaders | None = None
    _actor: Actor | None = None
    read_only: bool = False  # a query (set before its resolvers run): see `AppServices.read_session_factory`
    # graphql-core began executing the operation: its document parsed and validated and its variables were
    # coerced (set by `execution.PlannedExecutionContext`). Until then an error is a request error, answered
    # 400 in application/graphql-response+json (over_http.py).
    operation_started: bool = False
    # The request's one session, shared by its resolvers, which run concurrently: it runs one statement at a time
    # (db/serial.py). Opened on first use (a query without a cookie runs no SQL).
    _session: SerialSession = field(init=False)
    # The viewer is looked up once, however many resolvers ask at the same time.
    _looking_up: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self._session = SerialSession(self._open)

    def _open(self) -> AsyncSession:
        reads = self.services.read_session_factory
        return reads() if self.read_only and reads is not None else self.services.session_factory()

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def clock(self) -> Clock:
        return self.services.clock

    @property
    def db(self) -> AsyncSession:
        """The request's one session, for every resolver at once: it runs their statements one at a time, so
        nobody holds a lock around a call (db/serial.py). A query that has looked its viewer up reads on the replica
        from then on when there is one and it has caught up."""
        return self._session

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            from iacs.graphql.loaders import Loaders

            self._loaders = Loaders(self)
        return self._loaders

    async def close(self) -> None:
        """Give the session back; never raises, never waits on a dead or hung connection (unavailable.py)."""
        self._replica_db = None
        db = self._session.release()
        if db is not None:
            await close_quietly(db)

    @property
    def via_token(self) -> bool:
        """R43: the request carries `Authorization` (an API token): the cookie is then ignored, and the operations
        that manage tokens, the profile or the password, or open a session, are refused (graphql/tokens.py)."""
        return "authorization" in self.request.headers

    @property
    def bearer_secret(self) -> str | None:
        scheme, _, secret = self.request.headers.get("authorization", "").partition(" ")
        return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None

    @property
    def session_token(self) -> str | None:
        if self.via_token:
            return None  # R43: a request with a token never acts through (or on) a browser session
        token = self.request.cookies.get(self.settings.session_cookie_name)
        return token if token and len(token) <= 128 else None

    @property
    def origin(self) -> RequestOrigin:
        client = self.request.client
        return RequestOrigin(
            ip_address=client.host if client else None,
            user_agent=self.request.headers.get("user-agent"),
        )

    async def viewer(self) -> User | None:
        if not self._viewer_loaded:
            token = self.session_token
            if self.via_token:
                await self._token_viewer()
            elif token is None:
                self._viewer = None
            else:
                async with self._looking_up:
                    if not self._viewer_loaded:
                        found = await user_for_session(
                            self.db, token, now=self.clock.now(), policy=self.services.session_policy
                        )
                        if found is not None and found.touched:
                            await end_transaction(self.db)  # the touch is kept, whatever the request does next
                        self._viewer = found.user if found is not None else None
                        await self._to_replica()
            self._viewer_loaded = True
        return self._viewer

    async def _to_replica(self) -> None:
        """After the session lookup (on the primary: it may write), an HTTP query reads on the replica when it
        has replayed what the primary had flushed by now (db/replica.py). Never a mutation (not read_only) nor a
        subscription (a WebSocket: its later events must see what was just committed)."""
        replica = self.services.replica
        if replica is None or not self.read_only or not isinstance(self.request, Request):
            return
        if self._replica_db is None:
            caught_up = await replica.session_if_caught_up(self.db)  # holds no connection yet
            if caught_up is not None:  # the primary's connection goes back to its pool for the others
                primary = await self._session.replace(caught_up)
                self._replica_db = caught_up
                if primary is not None:
                    await close_quietly(primary)

    async def _token_viewer(self) -> None:
        """R43: the owner of the request's API token, while it is in force and the account active."""
        from iacs.domain.accounts.api_tokens import user_for_api_token

        secret = self.bearer_secret
        async with self._looking_up:
            if not self._viewer_loaded:
                self._viewer = (
                    await user_for_api_token(self.db, secret, now=self.clock.now()) if secret is not None else None
                )
                await self._to_replica()

    def forget_viewer(self, user: User | None = None) -> None:
        self._viewer = user
        self._viewer_loaded = True
        self.forget_actor()

    def forget_actor(self) -> None:
        """After a change of viewer or of their roles: what the request learnt of who may see what goes too (the
        loaders' answers were the old viewer's, or of the roles before the change)."""
        self._actor = None
        self._loaders = None

    def viewer_at_hand(self) -> User | None:
        """The viewer when this request has already looked the session up, else None (for sync resolvers)."""
        return self._viewer if self._viewer_loaded else None

    def actor_at_hand(self) -> Actor | None:
        """The actor when this request has already loaded it (for sync resolvers; see `later`), else None."""
        actor = self._actor
        return actor if actor is not None and self._viewer_loaded and actor.user is self._viewer else None

    async def actor(self) -> Actor | None:
        """The viewer with their active roles and authority, loaded once per request (R24)."""
        viewer = await self.viewer()
        if viewer is None:
            return None
        actor = self._actor
        if actor is None or actor.user is not viewer:
            # Resolvers ask at the same time: the roles are read once, and those waiting resume together (the
            # DataLoaders' batches after them stay whole) with the actor or the error (Loaders.once).
            actor = await self.loaders.once(("actor", viewer.id), lambda: self._load_actor(viewer))
            self._actor = actor
        return actor

    async def _load_actor(self, viewer: User) -> Actor:
        from iacs.domain.requests.service import load_actor

        return await load_actor(self.db, viewer, ip_address=self.origin.ip_address, now=self.clock.now())

    def set_session_cookie(self, token: str, max_age: int) -> None:
        assert isinstance(self.response, Response)
        self.response.set_cookie(
            self.settings.session_cookie_name,
            token,
            max_age=max_age,
            path="/",
            secure=self.settings.secure_cookies,
            httponly=True,
            samesite="lax",
        )

    def clear_session_cookie(self) -> None:
        assert isinstance(self.response, Response)
        self.response.delete_cookie(
            self.settings.session_cookie_name,
            path="/",
            secure=self.settings.secure_cookies,
            httponly=True,
            samesite="lax",
        )
