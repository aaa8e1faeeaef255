"""The load generator: simulated users in their own process (asyncio + httpx), closed loop with think time.

    python -m tests.load.generator --world world.json --base-url http://127.0.0.1:PORT --users 50 \
        --duration 300 --out DIR

The users start one after another over --ramp-up seconds (default 50: one a second, like a spawn rate of 1).
Each simulated user signs in through the API (argon2, as people do), then loops until the end: 70% reads
(its roles, its approval queue, an organization search), 20% submissions (a request to join a group, from
one of its requesters, each pair at most once), 10% decisions (approving a pending request assigned to its
approver), with 0.5 to 1.5 s of think time. Every request is written to DIR/requests.jsonl and every write
to the acknowledgement log (DIR/intents.json) for the runner to check against the database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import uuid
from dataclasses import asdict
from pathlib import Path

from iacs.graphql.ids import to_global_id
from tests.faults.client import (
    ACK,
    APPROVE,
    DEFINITIVE,
    READ_ORGS,
    READ_QUEUE,
    READ_ROLES,
    SUBMIT,
    AckLog,
    Attempt,
    Clock,
    Intent,
    graphql,
    new_client,
)
from tests.faults.world import SEARCHES, World

SIGN_IN = "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"
READ, SUBMISSION = 0.70, 0.20  # the rest (10%) are decisions
THINK = (0.5, 1.5)


class User:
    """One simulated person at a keyboard: an approver (signed in through the API) and a few requesters."""

    def __init__(
        self, number: int, users: int, ramp_up: float, world: World, base_url: str, log: AckLog, intents: list[Intent]
    ) -> None:
        self.number = number
        self.users = users
        self.ramp_up = ramp_up
        self.world = world
        self.log = log
        self.intents = intents
        self.random = random.Random(number)
        self.approver = number % len(world.approvers)
        mine = [r for r in range(len(world.requesters)) if r % users == number] or [number % len(world.requesters)]
        self.requesters = {r: new_client(base_url, world.requesters[r].token) for r in mine}
        taken = set(world.taken)
        self.pairs = [(r, g) for r in mine for g in range(len(world.groups)) if (r, g) not in taken]
        self.random.shuffle(self.pairs)
        self.pending = [request for request, approver in world.pending if approver == self.approver]
        self.random.shuffle(self.pending)
        self.desk = new_client(base_url)  # the approver's own client; signIn sets its cookie

    async def sign_in(self) -> None:
        """Sign the approver in through the API; a person tries again after a failure (a few times)."""
        person = self.world.approvers[self.approver]
        variables = {"l": person.email, "p": self.world.password}
        for _ in range(10):
            result = self.log.add(await graphql(self.desk, self.log.clock, "signIn", SIGN_IN, variables, "signIn"))
            if result.outcome in DEFINITIVE:
                return
            await asyncio.sleep(1.0)

    async def step(self) -> None:
        roll = self.random.random()
        if (
            roll < READ
            or (roll < READ + SUBMISSION and not self.pairs)
            or (roll >= READ + SUBMISSION and not self.pending)
        ):
            await self.read()
        elif roll < READ + SUBMISSION:
            await self.write("submit", *self.pairs.pop())
        else:
            await self.write("decide", self.approver, self.pending.pop())

    async def read(self) -> None:
        kind = self.random.randrange(3)
        requester = self.random.choice(list(self.requesters.values()))
        if kind == 0:
            result = await graphql(requester, self.log.clock, "roles", READ_ROLES)
        elif kind == 1:
            result = await graphql(self.desk, self.log.clock, "queue", READ_QUEUE)
        else:
            search = self.random.choice(SEARCHES)
            result = await graphql(requester, self.log.clock, "orgs", READ_ORGS, {"s": search})
        self.log.add(result)

    async def write(self, kind: str, persona: int, target: int | str) -> None:
        if kind == "submit":
            assert isinstance(target, int)
            intent = Intent(len(self.intents), "submit", persona, self.world.groups[target])
            client = self.requesters[persona]
            query, variables, field = SUBMIT, {"g": _gid("UserGroup", intent.target)}, "requestUserGroupMembership"
        else:
            intent = Intent(len(self.intents), "decide", persona, str(target))
            client = self.desk
            query, variables, field = APPROVE, {"id": _gid("AccessRequest", intent.target)}, "approveRequest"
        self.intents.append(intent)
        for _ in range(5):  # a person retries a failed click a few times
            result = await graphql(client, self.log.clock, kind, query, variables, field)
            result.intent = intent.id
            intent.attempts.append(self.log.add(result))
            if result.outcome in DEFINITIVE:
                return
            await asyncio.sleep(1.0)

    async def run(self, until: float) -> None:
        await asyncio.sleep(self.ramp_up * self.number / self.users)
        await self.sign_in()
        while self.log.clock.now() < until:
            await self.step()
            await asyncio.sleep(self.random.uniform(*THINK))

    async def close(self) -> None:
        await self.desk.aclose()
        for client in self.requesters.values():
            await client.aclose()


def _gid(type_name: str, value: str) -> str:
    return to_global_id(type_name, uuid.UUID(value))


async def main(args: argparse.Namespace) -> int:
    world = World.load(args.world)
    log = AckLog(Clock())
    intents: list[Intent] = []
    users = [User(n, args.users, args.ramp_up, world, args.base_url, log, intents) for n in range(args.users)]
    try:
        await asyncio.gather(*(user.run(args.duration) for user in users))
    finally:
        for user in users:
            await user.close()
    out: Path = args.out
    log.write(out / "requests.jsonl")
    (out / "intents.json").write_text(
        json.dumps([{**asdict(i), "attempts": [asdict(a) for a in i.attempts]} for i in intents])
    )
    acked = sum(1 for i in intents if any(a.outcome == ACK for a in i.attempts))
    sys.stdout.write(
        f"generator: {len(log.attempts)} requests in {log.clock.now():.1f} s, {len(intents)} writes, {acked} acked\n"
    )
    return 0


def load_intents(path: Path) -> list[Intent]:
    raw = json.loads(path.read_text())
    return [Intent(i["id"], i["kind"], i["persona"], i["target"], [Attempt(**a) for a in i["attempts"]]) for i in raw]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.load.generator")
    parser.add_argument("--world", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--ramp-up", type=float, default=50, help="seconds over which the users start")
    parser.add_argument("--out", type=Path, required=True)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
