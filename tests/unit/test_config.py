"""Settings from the environment (iacs/config.py; README's table of variables): the defaults, every variable read,
and the exact words `iacs` prints when a value is wrong (cli.py: "iacs: configuration error: ...")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iacs.config import PROJECT_ROOT, ConfigurationError, Settings, default_trusted_documents


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("IACS_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)


def _set(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_no_variables_give_the_development_defaults() -> None:
    assert Settings.from_env() == Settings(
        env="development",
        database_url=None,
        replica_database_url=None,
        data_dir=(PROJECT_ROOT / ".iacs-data").resolve(),
        smtp_url=None,
        mail_from="IACS <no-reply@iacs.invalid>",
        static_dir=(PROJECT_ROOT / "frontend" / "dist").resolve(),
        trusted_documents=default_trusted_documents(),
        graphiql=True,
        introspection=True,
        secure_cookies=False,
        public_origin="http://127.0.0.1:8000",
        allowed_origins=(),
        db_pool_size=10,
        access_log=False,
        db_max_overflow=5,
        session_idle_minutes=30,
        session_absolute_hours=12,
        request_ttl_days=30,
        jobs_interval_seconds=60,
        webhook_allow_local=True,
        otel=False,
    )


def test_empty_variables_are_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("IACS_ENV", "DATABASE_URL", "IACS_SMTP_URL", "IACS_GRAPHIQL", "IACS_DB_POOL_SIZE"):
        monkeypatch.setenv(name, "")
    settings = Settings.from_env()
    assert (settings.env, settings.database_url, settings.smtp_url, settings.graphiql, settings.db_pool_size) == (
        "development",
        None,
        None,
        True,
        10,
    )


def test_spaces_around_a_value_are_not_part_of_it_and_only_spaces_are_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    _set(monkeypatch, IACS_GRAPHIQL=" No ", IACS_DB_POOL_SIZE=" 7 ", IACS_MAIL_FROM="  ", IACS_PUBLIC_ORIGIN=" ")
    settings = Settings.from_env()
    assert (settings.graphiql, settings.db_pool_size, settings.mail_from, settings.public_origin) == (
        False,
        7,
        "IACS <no-reply@iacs.invalid>",
        "http://127.0.0.1:8000",
    )


def test_production_turns_off_the_developer_tools_and_turns_on_secure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    _set(monkeypatch, IACS_ENV=" Production ", DATABASE_URL="postgres://iacs@db.internal:5432/iacs")
    settings = Settings.from_env()
    assert settings.env == "production"
    assert settings.database_url == "postgresql+asyncpg://iacs@db.internal:5432/iacs"
    assert (settings.graphiql, settings.introspection, settings.secure_cookies, settings.webhook_allow_local) == (
        False,
        False,
        True,
        False,
    )
    assert settings.session_cookie_name == "__Host-iacs_session"


def test_every_variable_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    documents = tmp_path / "documents.json"
    documents.write_text("{}")
    _set(
        monkeypatch,
        IACS_ENV="development",
        DATABASE_URL=" postgresql://postgres@127.0.0.1:5432/iacs ",
        IACS_REPLICA_DATABASE_URL="postgres://iacs@replica.internal:5433/iacs",
        IACS_DATA_DIR=str(tmp_path / "data"),
        IACS_SMTP_URL="smtp+starttls://mailer:secret@mail.example.org:587",
        IACS_MAIL_FROM="Access <access@example.org>",
        IACS_STATIC_DIR=str(tmp_path / "static"),
        IACS_TRUSTED_DOCUMENTS=str(documents),
        IACS_GRAPHIQL="off",
        IACS_INTROSPECTION="No",
        IACS_SECURE_COOKIES="yes",
        IACS_PUBLIC_ORIGIN="https://iacs.example.org/",
        IACS_ALLOWED_ORIGINS=" https://admin.example.org/ ,, https://help.example.org",
        IACS_DB_POOL_SIZE="20",
        IACS_ACCESS_LOG="on",
        IACS_DB_MAX_OVERFLOW="0",
        IACS_REQUEST_TTL_DAYS="45",
        IACS_JOBS_INTERVAL_SECONDS="5",
        IACS_WEBHOOK_ALLOW_LOCAL="0",
    )
    assert Settings.from_env() == Settings(
        env="development",
        database_url="postgresql+asyncpg://postgres@127.0.0.1:5432/iacs",
        replica_database_url="postgresql+asyncpg://iacs@replica.internal:5433/iacs",
        data_dir=tmp_path / "data",
        smtp_url="smtp+starttls://mailer:secret@mail.example.org:587",
        mail_from="Access <access@example.org>",
        static_dir=tmp_path / "static",
        trusted_documents=documents,
        graphiql=False,
        introspection=False,
        secure_cookies=True,
        public_origin="https://iacs.example.org",
        allowed_origins=("https://admin.example.org", "https://help.example.org"),
        db_pool_size=20,
        access_log=True,
        db_max_overflow=0,
        request_ttl_days=45,
        jobs_interval_seconds=5,
        webhook_allow_local=False,
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"IACS_ENV": "Staging"}, "IACS_ENV must be development or production, not 'staging'"),
        ({"IACS_GRAPHIQL": "maybe"}, "IACS_GRAPHIQL must be true or false, not 'maybe'"),
        ({"IACS_OTEL": "2"}, "IACS_OTEL must be true or false, not '2'"),
        ({"IACS_ACCESS_LOG": "sometimes"}, "IACS_ACCESS_LOG must be true or false, not 'sometimes'"),
        ({"IACS_DB_POOL_SIZE": "ten"}, "IACS_DB_POOL_SIZE must be an integer, not 'ten'"),
        ({"IACS_JOBS_INTERVAL_SECONDS": "1.5"}, "IACS_JOBS_INTERVAL_SECONDS must be an integer, not '1.5'"),
        ({"DATABASE_URL": "mysql://root@db/iacs"}, "DATABASE_URL must be a PostgreSQL URL, not mysql://"),
        ({"DATABASE_URL": "db.internal"}, "DATABASE_URL must look like postgresql://user@host:port/dbname"),
        (
            {"DATABASE_URL": "postgresql://db/iacs", "IACS_REPLICA_DATABASE_URL": "mysql://root@replica/iacs"},
            "IACS_REPLICA_DATABASE_URL must be a PostgreSQL URL, not mysql://",
        ),
        (
            {"IACS_REPLICA_DATABASE_URL": "postgresql://replica/iacs"},
            "IACS_REPLICA_DATABASE_URL needs DATABASE_URL (the primary it replicates)",
        ),
        (
            {"IACS_SMTP_URL": "http://mail.example.org"},
            "IACS_SMTP_URL must start with smtp://, smtps:// or smtp+starttls://",
        ),
        (
            {"IACS_TRUSTED_DOCUMENTS": "/nowhere/documents.json"},
            "IACS_TRUSTED_DOCUMENTS: no file at /nowhere/documents.json",
        ),
        (
            {"IACS_ENV": "production"},
            "IACS_ENV=production needs DATABASE_URL; the embedded server is for development",
        ),
        (
            {"IACS_ENV": "production", "DATABASE_URL": "postgresql://db/iacs", "IACS_SECURE_COOKIES": "0"},
            "IACS_ENV=production needs secure cookies (unset IACS_SECURE_COOKIES)",
        ),
    ],
)
def test_a_wrong_value_is_refused_with_the_variable_s_name_and_what_it_must_be(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
) -> None:
    _set(monkeypatch, **variables)
    with pytest.raises(ConfigurationError) as refused:
        Settings.from_env()
    assert str(refused.value) == message
