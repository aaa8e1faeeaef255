"""A small HTTP/1.1 load generator (asyncio, keep-alive), used when wrk is not installed.

Prints one line `BENCH_JSON {...}` with the same fields as the wrk script of bench.loadgen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        elif name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    body = bytearray()
    while True:
        size = int((await reader.readline()).split(b";")[0], 16)
        if size == 0:
            await reader.readline()
            return status, bytes(body)
        body += await reader.readexactly(size)
        await reader.readline()


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--cookie")
    return parser.parse_args()


def read_bodies(path: str) -> list[bytes]:
    with open(path, "rb") as f:
        return [line.rstrip(b"\n") for line in f if line.strip()]


async def main() -> None:
    args = arguments()
    url = urlsplit(args.url)
    bodies = read_bodies(args.bodies)
    head = f"POST {url.path or '/'} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/json\r\n"
    if args.cookie:
        head += f"Cookie: {args.cookie}\r\n"
    counter = args.offset
    latencies: list[float] = []
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0, "app_errors": 0}
    started = time.monotonic()
    deadline = started + args.seconds

    async def worker() -> None:
        nonlocal counter
        try:
            reader, writer = await asyncio.open_connection(url.hostname, url.port or 80)
        except OSError:
            errors["connect"] += 1
            return
        while time.monotonic() < deadline:
            body = bodies[counter % len(bodies)]
            counter += 1
            request = (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            sent = time.monotonic()
            try:
                writer.write(request)
                status, answer = await asyncio.wait_for(_read_response(reader), 30)
            except TimeoutError:
                errors["timeout"] += 1
                break
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError):
                errors["read"] += 1
                break
            latencies.append(time.monotonic() - sent)
            if status != 200:
                errors["status"] += 1
            elif b'"errors":[{' in answer:
                errors["app_errors"] += 1
        writer.close()

    await asyncio.gather(*(worker() for _ in range(args.connections)))
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> int:
        if not latencies:
            return 0
        return int(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e6)

    result = {
        "requests": len(latencies),
        "duration_us": int(elapsed * 1e6),
        **errors,
        "p50_us": pct(50),
        "p90_us": pct(90),
        "p99_us": pct(99),
        "mean_us": (sum(latencies) / len(latencies) * 1e6) if latencies else 0.0,
        "max_us": int(latencies[-1] * 1e6) if latencies else 0,
    }
    print("BENCH_JSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
