"""Where a webhook may be sent (R44, docs/api.md "Webhooks"): the server-side request forgery guard.

A help-desk person types the URL, but the server makes the request, from inside the network: a URL must not
turn the server into a way to reach what only it can reach (cloud metadata at 169.254.169.254, databases,
admin pages on private addresses). So:

- `https` only, with no user name or password in the URL and no fragment; port any.
- The host's addresses must all be public (global unicast). Checked when the endpoint is registered (for an
  address written in the URL) and again before every attempt, after resolving the name; the connection is made
  to the address that was checked, so a name that resolves elsewhere a moment later (DNS rebinding) gains
  nothing.
- The local allowance (`IACS_WEBHOOK_ALLOW_LOCAL`, on by default only when `IACS_ENV=development`) also lets
  `http` and loopback addresses (127.0.0.0/8, ::1, `localhost`) through, for a receiver on the developer's
  machine and for the tests. Private, link-local, multicast and reserved addresses are refused whatever it says.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Target:
    """A URL taken apart for sending: the scheme, the host name (for TLS and the Host header), port and path."""

    scheme: str
    host: str
    port: int
    path: str  # path and query, at least "/"

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


class AddressRefused(Exception):
    """The URL or the address it leads to is not one the server may send to; the message says why."""


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def address_allowed(address: IPAddress, *, allow_local: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return allow_local
    return address.is_global and not address.is_multicast


def parse(url: str, *, allow_local: bool) -> Target:
    """The target of a URL, or AddressRefused with a message for the person who typed it."""
    if len(url) > MAX_URL_LENGTH:
        raise AddressRefused(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if not url.isascii() or any(c.isspace() or ord(c) < 32 for c in url):
        raise AddressRefused("The URL has spaces or characters a URL cannot have (encode them).")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise AddressRefused("The URL is not a valid address.") from exc
    schemes = {"https", "http"} if allow_local else {"https"}
    if parts.scheme not in schemes:
        raise AddressRefused("The URL must start with https://." if not allow_local else "The URL must be http(s).")
    if parts.username is not None or parts.password is not None:
        raise AddressRefused("The URL must not contain a user name or password; the signature proves the sender.")
    if parts.fragment:
        raise AddressRefused("The URL must not have a #fragment.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise AddressRefused("The URL has no host.")
    literal = _literal(host)
    if literal is not None and not address_allowed(literal, allow_local=allow_local):
        raise AddressRefused("The URL points to a private, local or reserved address; use a public one.")
    if literal is None and (host == "localhost" or host.endswith(".localhost")) and not allow_local:
        raise AddressRefused("The URL points to a private, local or reserved address; use a public one.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


async def resolve(target: Target, *, allow_local: bool) -> IPAddress:
    """The address to connect to: the host's first, when every address of the host is allowed."""
    literal = _literal(target.host)
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise AddressRefused(f"The host name does not resolve ({exc.strerror or exc}).") from exc
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise AddressRefused("The host name does not resolve.")
    refused = [a for a in addresses if not address_allowed(a, allow_local=allow_local)]
    if refused:
        raise AddressRefused(f"The host resolves to an address that is not allowed ({refused[0]}).")
    return addresses[0]
