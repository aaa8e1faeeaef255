"""Settings, read once from the environment (api.md, "Outside the schema")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "production"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigurationError(Exception):
    """A setting is missing or unsafe; the process must not start."""


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
    # A streaming replica of DATABASE_URL's server (IACS_REPLICA_DATABASE_URL): queries read there once it has
    # replayed every write the primary had flushed when the query began, else on the primary (db/replica.py).
    # None: everything on DATABASE_URL.
    replica_database_url: str | None = None
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
        """The settings the environment gives (`_Environment`), checked; ConfigurationError names a wrong one."""
        try:
            read = _Environment()
        except ValidationError as exc:
            raise ConfigurationError(_refusal(exc.errors()[0])) from None
        production = read.env == "production"
        settings = cls(
            env=read.env,
            database_url=read.database_url,
            replica_database_url=read.replica_database_url,
            data_dir=read.data_dir.resolve(),
            smtp_url=read.smtp_url,
            mail_from=read.mail_from,
            static_dir=read.static_dir.resolve(),
            trusted_documents=read.trusted_documents or default_trusted_documents(),
            graphiql=not production if read.graphiql is None else read.graphiql,
            introspection=not production if read.introspection is None else read.introspection,
            secure_cookies=production if read.secure_cookies is None else read.secure_cookies,
            public_origin=read.public_origin.rstrip("/"),
            allowed_origins=tuple(o.strip().rstrip("/") for o in (read.allowed_origins or "").split(",") if o.strip()),
            db_pool_size=read.db_pool_size,
            access_log=read.access_log,
            db_max_overflow=read.db_max_overflow,
            request_ttl_days=read.request_ttl_days,
            jobs_interval_seconds=read.jobs_interval_seconds,
            webhook_allow_local=not production if read.webhook_allow_local is None else read.webhook_allow_local,
            otel=read.otel,
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse configurations that would be unsafe in production, or that cannot work."""
        if self.otel:
            from iacs.tracing import installed

            if not installed():
                raise ConfigurationError("IACS_OTEL=1 needs OpenTelemetry: pip install 'iacs[otel]'")
        if self.replica_database_url is not None and self.database_url is None:
            raise ConfigurationError("IACS_REPLICA_DATABASE_URL needs DATABASE_URL (the primary it replicates)")
        if not self.is_production:
            return
        if not self.secure_cookies:
            raise ConfigurationError("IACS_ENV=production needs secure cookies (unset IACS_SECURE_COOKIES)")
        if self.database_url is None:
            raise ConfigurationError("IACS_ENV=production needs DATABASE_URL; the embedded server is for development")


def _refused(message: str) -> PydanticCustomError:
    return PydanticCustomError("iacs_setting", "{message}", {"message": message})


class _Environment(BaseSettings):
    """The environment variables as set, read by pydantic-settings (README, "Settings"): each field's alias is its
    variable, a variable set empty is unset, and None means "the default for IACS_ENV" (`Settings.from_env`)."""

    model_config = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, extra="ignore")

    env: Environment = Field(default="development", validation_alias="IACS_ENV")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    replica_database_url: str | None = Field(default=None, validation_alias="IACS_REPLICA_DATABASE_URL")
    data_dir: Path = Field(default=Settings.data_dir, validation_alias="IACS_DATA_DIR")
    smtp_url: str | None = Field(default=None, validation_alias="IACS_SMTP_URL")
    mail_from: str = Field(default=Settings.mail_from, validation_alias="IACS_MAIL_FROM")
    static_dir: Path = Field(default=Settings.static_dir, validation_alias="IACS_STATIC_DIR")
    trusted_documents: Path | None = Field(default=None, validation_alias="IACS_TRUSTED_DOCUMENTS")
    graphiql: bool | None = Field(default=None, validation_alias="IACS_GRAPHIQL")
    introspection: bool | None = Field(default=None, validation_alias="IACS_INTROSPECTION")
    secure_cookies: bool | None = Field(default=None, validation_alias="IACS_SECURE_COOKIES")
    public_origin: str = Field(default=Settings.public_origin, validation_alias="IACS_PUBLIC_ORIGIN")
    allowed_origins: str | None = Field(default=None, validation_alias="IACS_ALLOWED_ORIGINS")  # comma-separated
    db_pool_size: int = Field(default=Settings.db_pool_size, validation_alias="IACS_DB_POOL_SIZE")
    access_log: bool = Field(default=Settings.access_log, validation_alias="IACS_ACCESS_LOG")
    db_max_overflow: int = Field(default=Settings.db_max_overflow, validation_alias="IACS_DB_MAX_OVERFLOW")
    request_ttl_days: int = Field(default=Settings.request_ttl_days, validation_alias="IACS_REQUEST_TTL_DAYS")
    jobs_interval_seconds: int = Field(
        default=Settings.jobs_interval_seconds, validation_alias="IACS_JOBS_INTERVAL_SECONDS"
    )
    webhook_allow_local: bool | None = Field(default=None, validation_alias="IACS_WEBHOOK_ALLOW_LOCAL")
    otel: bool = Field(default=Settings.otel, validation_alias="IACS_OTEL")

    @field_validator("*", mode="before")
    @classmethod
    def _stripped(cls, value: Any, info: ValidationInfo) -> Any:
        """Spaces around a value are not part of it; one of only spaces is unset. IACS_ENV in any letter case."""
        if not isinstance(value, str):
            return value
        value = value.strip() or cls.model_fields[str(info.field_name)].default
        return value.lower() if info.field_name == "env" and isinstance(value, str) else value

    @field_validator("database_url", "replica_database_url")
    @classmethod
    def _postgresql(cls, value: str | None, info: ValidationInfo) -> str | None:
        try:
            return None if value is None else normalize_database_url(value)
        except ConfigurationError as exc:
            message = str(exc)
            if info.field_name == "replica_database_url":
                message = message.replace("DATABASE_URL", "IACS_REPLICA_DATABASE_URL", 1)
            raise _refused(message) from None

    @field_validator("smtp_url")
    @classmethod
    def _smtp(cls, value: str | None) -> str | None:
        if value is not None and urlsplit(value).scheme not in {"smtp", "smtps", "smtp+starttls"}:
            raise _refused("IACS_SMTP_URL must start with smtp://, smtps:// or smtp+starttls://")
        return value

    @field_validator("trusted_documents")
    @classmethod
    def _a_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.resolve().is_file():
            raise _refused(f"IACS_TRUSTED_DOCUMENTS: no file at {value.resolve()}")
        return None if value is None else value.resolve()


def _refusal(error: ErrorDetails) -> str:
    """What a person reads for a variable pydantic refused: its name, what it must be, and the value as set."""
    if error["type"] == "iacs_setting":
        return error["msg"]
    where = error["loc"][0]
    name, info = next((n, f) for n, f in _Environment.model_fields.items() if where in {n, f.validation_alias})
    variable = str(info.validation_alias)
    raw = os.environ.get(variable, "")
    if name == "env":
        return f"IACS_ENV must be development or production, not {raw.strip().lower()!r}"
    expected = "an integer" if info.annotation is int else "true or false"  # the fields not checked above
    return f"{variable} must be {expected}, not {raw!r}"
