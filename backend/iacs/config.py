"""Settings, read once from the environment (api.md, "Outside the schema")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

Environment = Literal["development", "production"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigurationError(Exception):
    """A setting is missing or unsafe; the process must not start."""


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, not {raw!r}") from exc


def normalize_database_url(url: str) -> str:
    """Accept the usual `postgresql://` spelling and use the asyncpg driver."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ConfigurationError("DATABASE_URL must look like postgresql://user@host:port/dbname")
    if scheme in {"postgres", "postgresql", "postgresql+asyncpg"}:
        return f"postgresql+asyncpg://{rest}"
    raise ConfigurationError(f"DATABASE_URL must be a PostgreSQL URL, not {scheme}://")


DEFAULT_TRUSTED_DOCUMENTS = PROJECT_ROOT / "frontend" / "src" / "gql" / "persisted-documents.json"


def default_trusted_documents() -> Path | None:
    """The manifest codegen writes, when this checkout (or image) has it."""
    return DEFAULT_TRUSTED_DOCUMENTS if DEFAULT_TRUSTED_DOCUMENTS.is_file() else None


@dataclass(frozen=True)
class Settings:
    env: Environment = "development"
    database_url: str | None = None  # None: the embedded server in data_dir
    data_dir: Path = PROJECT_ROOT / ".iacs-data"
    smtp_url: str | None = None  # None: mail is written to the log
    mail_from: str = "IACS <no-reply@iacs.invalid>"
    static_dir: Path = PROJECT_ROOT / "frontend" / "dist"
    # The SPA's documents (persisted-documents.json: "sha256:<hex>" -> text), sent by `documentId`.
    # None: no trusted documents; every request sends its `query`.
    trusted_documents: Path | None = field(default_factory=default_trusted_documents)
    graphiql: bool = True
    introspection: bool = True
    secure_cookies: bool = False
    public_origin: str = "http://127.0.0.1:8000"
    allowed_origins: tuple[str, ...] = ()  # more origins whose pages may POST (IACS_ALLOWED_ORIGINS, comma-separated)
    db_pool_size: int = 10
    access_log: bool = False  # uvicorn's line per request (IACS_ACCESS_LOG=1); /metrics counts requests anyway
    db_max_overflow: int = 5
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    request_ttl_days: int = 30
    jobs_interval_seconds: int = 60
    # R44: webhooks may also go over http to loopback addresses (IACS_WEBHOOK_ALLOW_LOCAL; on by default only in
    # development, where the receiver is on the same machine; domain/webhooks/addresses.py)
    webhook_allow_local: bool = True
    # An OpenTelemetry trace per request (IACS_OTEL=1; needs the `otel` extra; iacs/tracing.py). Off by default.
    otel: bool = False

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def session_cookie_name(self) -> str:
        # The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain (docs/reliability.md, Sessions).
        return "__Host-iacs_session" if self.secure_cookies else "iacs_session"

    @classmethod
    def from_env(cls) -> Settings:
        env_raw = os.environ.get("IACS_ENV", "development").strip().lower() or "development"
        if env_raw not in {"development", "production"}:
            raise ConfigurationError(f"IACS_ENV must be development or production, not {env_raw!r}")
        env: Environment = "production" if env_raw == "production" else "development"
        production = env == "production"
        raw_db = os.environ.get("DATABASE_URL", "").strip()
        database_url = normalize_database_url(raw_db) if raw_db else None
        data_dir = Path(os.environ.get("IACS_DATA_DIR") or PROJECT_ROOT / ".iacs-data").resolve()
        smtp_url = os.environ.get("IACS_SMTP_URL", "").strip() or None
        if smtp_url is not None and urlsplit(smtp_url).scheme not in {"smtp", "smtps", "smtp+starttls"}:
            raise ConfigurationError("IACS_SMTP_URL must start with smtp://, smtps:// or smtp+starttls://")
        static_dir = Path(os.environ.get("IACS_STATIC_DIR") or PROJECT_ROOT / "frontend" / "dist").resolve()
        raw_trusted = os.environ.get("IACS_TRUSTED_DOCUMENTS", "").strip()
        trusted_documents = Path(raw_trusted).resolve() if raw_trusted else default_trusted_documents()
        if trusted_documents is not None and not trusted_documents.is_file():
            raise ConfigurationError(f"IACS_TRUSTED_DOCUMENTS: no file at {trusted_documents}")
        settings = cls(
            env=env,
            database_url=database_url,
            data_dir=data_dir,
            smtp_url=smtp_url,
            mail_from=os.environ.get("IACS_MAIL_FROM", cls.mail_from),
            static_dir=static_dir,
            trusted_documents=trusted_documents,
            graphiql=_env_bool("IACS_GRAPHIQL", not production),
            introspection=_env_bool("IACS_INTROSPECTION", not production),
            secure_cookies=_env_bool("IACS_SECURE_COOKIES", production),
            public_origin=os.environ.get("IACS_PUBLIC_ORIGIN", cls.public_origin).rstrip("/"),
            allowed_origins=tuple(
                o.strip().rstrip("/") for o in os.environ.get("IACS_ALLOWED_ORIGINS", "").split(",") if o.strip()
            ),
            db_pool_size=_env_int("IACS_DB_POOL_SIZE", cls.db_pool_size),
            access_log=os.environ.get("IACS_ACCESS_LOG", "").strip().lower() in {"1", "true", "yes"},
            db_max_overflow=_env_int("IACS_DB_MAX_OVERFLOW", cls.db_max_overflow),
            request_ttl_days=_env_int("IACS_REQUEST_TTL_DAYS", cls.request_ttl_days),
            jobs_interval_seconds=_env_int("IACS_JOBS_INTERVAL_SECONDS", cls.jobs_interval_seconds),
            webhook_allow_local=_env_bool("IACS_WEBHOOK_ALLOW_LOCAL", not production),
            otel=_env_bool("IACS_OTEL", False),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse configurations that would be unsafe in production, or that cannot work."""
        if self.otel:
            from iacs.tracing import installed

            if not installed():
                raise ConfigurationError("IACS_OTEL=1 needs OpenTelemetry: pip install 'iacs[otel]'")
        if not self.is_production:
            return
        if not self.secure_cookies:
            raise ConfigurationError("IACS_ENV=production needs secure cookies (unset IACS_SECURE_COOKIES)")
        if self.database_url is None:
            raise ConfigurationError("IACS_ENV=production needs DATABASE_URL; the embedded server is for development")
