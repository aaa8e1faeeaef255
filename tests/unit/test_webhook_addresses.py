"""R44: where a webhook may be sent (the SSRF guard), the back-off, and the signature, as pure functions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
from datetime import timedelta

import pytest

from iacs.domain.webhooks import addresses, signing
from iacs.domain.webhooks.delivery import backoff
from iacs.domain.webhooks.models import WebhookEvent


@pytest.mark.parametrize(
    ("address", "local", "allowed"),
    [
        ("93.184.216.34", False, True),
        ("2606:2800:220:1:248:1893:25c8:1946", False, True),
        ("127.0.0.1", False, False),
        ("127.0.0.1", True, True),
        ("127.8.9.10", True, True),
        ("::1", True, True),
        ("::1", False, False),
        ("::ffff:127.0.0.1", True, True),  # IPv4-mapped loopback is loopback
        ("::ffff:10.0.0.1", True, False),  # ... and a mapped private address is private
        ("10.0.0.1", True, False),
        ("172.16.5.4", True, False),
        ("192.168.1.1", True, False),
        ("169.254.169.254", True, False),  # cloud metadata: link-local, never
        ("100.64.0.1", True, False),  # carrier-grade NAT
        ("0.0.0.0", True, False),  # noqa: S104 - the address under test, not a bind
        ("224.0.0.1", True, False),
        ("fd00::1", True, False),
        ("fe80::1", True, False),
    ],
)
def test_r44_only_public_addresses_and_loopback_when_allowed(address: str, local: bool, allowed: bool) -> None:
    assert addresses.address_allowed(ipaddress.ip_address(address), allow_local=local) is allowed


def test_r44_http_and_localhost_only_with_the_local_allowance() -> None:
    assert addresses.parse("http://127.0.0.1:8080/x?a=1", allow_local=True) == addresses.Target(
        "http", "127.0.0.1", 8080, "/x?a=1"
    )
    assert addresses.parse("https://Hooks.Example.org", allow_local=False) == addresses.Target(
        "https", "hooks.example.org", 443, "/"
    )
    for url in ("http://example.org/", "https://localhost/", "https://api.localhost/", "https://127.0.0.1/"):
        with pytest.raises(addresses.AddressRefused):
            addresses.parse(url, allow_local=False)
    assert addresses.parse("https://[::1]:9/", allow_local=True).host_header == "[::1]:9"


async def test_r44_a_name_resolving_to_loopback_is_refused_without_the_allowance() -> None:
    target = addresses.parse("https://localhost.:8443/", allow_local=True)
    with pytest.raises(addresses.AddressRefused):
        await addresses.resolve(target, allow_local=False)
    assert (await addresses.resolve(target, allow_local=True)).is_loopback


def test_r44_back_off_grows_to_four_hours() -> None:
    assert [backoff(n) for n in range(1, 9)] == [
        timedelta(seconds=5),
        timedelta(seconds=20),
        timedelta(seconds=80),
        timedelta(seconds=320),
        timedelta(seconds=1280),
        timedelta(seconds=5120),
        timedelta(hours=4),
        timedelta(hours=4),
    ]


def test_r44_signature_is_hmac_sha256_of_id_timestamp_body() -> None:
    key = base64.b64encode(b"k" * 32).decode()
    body = b'{"id":"e1"}'
    expected = base64.b64encode(hmac.new(b"k" * 32, b"e1.1700000000." + body, hashlib.sha256).digest()).decode()
    assert signing.headers(key, "e1", 1_700_000_000, body) == {
        "webhook-id": "e1",
        "webhook-timestamp": "1700000000",
        "webhook-signature": f"v1,{expected}",
    }
    assert signing.shown_secret(key) == f"whsec_{key}"


def test_r44_event_wire_names() -> None:
    assert [e.wire_name for e in WebhookEvent] == [
        "request.submitted",
        "request.decided",
        "request.expired",
        "request.escalated",
        "role.granted",
        "role.ended",
        "role.suspended",
        "role.restored",
    ]
