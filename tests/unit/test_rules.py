"""Pure rules: NPI check digits (R6), password policy (R4), settings (api.md)."""

from __future__ import annotations

import pytest

from iacs.auth.passwords import password_problem
from iacs.config import ConfigurationError, Settings, normalize_database_url
from iacs.domain.organizations.identifiers import npi_check_digit, npi_is_valid


def test_npi_check_digit_follows_the_cms_example() -> None:
    # CMS's published example: 123456789 has check digit 3 (Luhn over 80840123456789).
    assert npi_check_digit("123456789") == "3"
    assert npi_is_valid("1234567893")
    assert not npi_is_valid("1234567890")
    assert not npi_is_valid("123456789")
    assert not npi_is_valid("12345678a3")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("orange-kettle-drum-7", None),
        ("x" * 11, "Use at least 12 characters."),
        ("abcdefghijklmn", "This password is too common; choose a less predictable one."),
        ("0987654321098", "This password is too common; choose a less predictable one."),
        ("ASDFGHJKL123", "This password is too common; choose a less predictable one."),
    ],
)
def test_password_policy(password: str, problem: str | None) -> None:
    assert password_problem(password, email="kim@example.org", name="Kim Lee") == problem


def test_database_url_spellings() -> None:
    assert normalize_database_url("postgresql://u@h:5432/d") == "postgresql+asyncpg://u@h:5432/d"
    assert normalize_database_url("postgres://u@h/d") == "postgresql+asyncpg://u@h/d"
    with pytest.raises(ConfigurationError):
        normalize_database_url("mysql://u@h/d")


def test_production_refuses_insecure_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IACS_ENV", "production")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ConfigurationError, match="needs DATABASE_URL"):
        Settings.from_env()
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    monkeypatch.setenv("IACS_SECURE_COOKIES", "false")
    with pytest.raises(ConfigurationError, match="secure cookies"):
        Settings.from_env()
    monkeypatch.delenv("IACS_SECURE_COOKIES")
    settings = Settings.from_env()
    assert settings.session_cookie_name == "__Host-iacs_session"
    assert settings.graphiql is False
    assert settings.introspection is False
